//! Throughput of parse + assess against every framework, on one core.
//!
//! Target (issue #2): at least 50,000 declarations per second per core, parsing included.
//! Run: `cargo bench -p iotlabel-assess --bench throughput` (N=100000 per corpus by default; set
//! IOTLABEL_BENCH_N to change). Two corpora of generated declarations, both with every optional
//! field randomly present or absent: "plain" free text as real declarations have it, and
//! "hostile" free text full of quotes, backslashes, control characters and non-Latin scripts
//! (the worst case for the JSON reader). Each timed loop runs five times over its corpus and
//! the median round counts. Prints each figure and its ratio to the target.

use iotlabel_testkit::engine;
use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;

use iotlabel_model::testgen::{self, TextStyle};
use iotlabel_model::{Format, parse_declaration};

const TARGET_PER_SEC: f64 = 50_000.0;

/// Each timed loop runs this many times over the whole corpus and the median round is reported:
/// one round slowed by another process on the machine does not decide the figure.
const ROUNDS: usize = 5;

/// The median time of [`ROUNDS`] runs of `round`, in seconds.
fn median_of_rounds(mut round: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            round();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[ROUNDS / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("IOTLABEL_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(if quick {
        1_000
    } else {
        100_000
    });
    let as_of = iotlabel_testkit::as_of();
    let frameworks = iotlabel_testkit::engine().catalogs().frameworks.len();
    println!(
        "one core, {n} declarations per corpus, all {frameworks} frameworks, median of {ROUNDS} rounds; \
         target {TARGET_PER_SEC:.0}/s"
    );
    for (name, style) in [("plain", TextStyle::Plain), ("hostile", TextStyle::Hostile)] {
        run(name, style, n, as_of);
    }
}

fn run(name: &str, style: TextStyle, n: usize, as_of: NaiveDate) {
    let docs: Vec<String> = (0..n as u64)
        .map(|seed| serde_json::to_string(&testgen::declaration_with(seed, style)).expect("serialises"))
        .collect();
    let bytes: usize = docs.iter().map(String::len).sum();
    println!("\n[{name} text] {n} JSON declarations, mean {} bytes", bytes / n.max(1));

    // Warm up lazily built tables (schema, catalogs, evaluators).
    let d = parse_declaration("warm.json", &docs[0], Format::Json).expect("valid");
    black_box(engine().assess(&d, None, &[], as_of));

    // Parse only.
    let parse_s = median_of_rounds(|| {
        for doc in &docs {
            black_box(
                parse_declaration("bench.json", doc, Format::Json).expect("generated declarations are valid"),
            );
        }
    });

    // Parse and judge each document against every framework, as a registry re-assessing its
    // store does (all verdicts and framework results; explanations are derived on demand).
    let mut requirements = 0usize;
    let total = median_of_rounds(|| {
        requirements = 0;
        for doc in &docs {
            let d =
                parse_declaration("bench.json", doc, Format::Json).expect("generated declarations are valid");
            let v = engine().verdicts(&d, None, &[], as_of);
            requirements += v.frameworks.iter().map(|f| f.requirements.len()).sum::<usize>();
            black_box(v);
        }
    });
    let assess_s = (total - parse_s).max(f64::EPSILON);
    let rate = n as f64 / total;

    // The same with a full explained report per declaration (what `iotlabel assess` prints).
    let t = Instant::now();
    for doc in &docs {
        let d = parse_declaration("bench.json", doc, Format::Json).expect("generated declarations are valid");
        black_box(engine().assess(&d, None, &[], as_of));
    }
    let report_rate = n as f64 / t.elapsed().as_secs_f64();

    let per = |s: f64| s * 1e6 / n as f64;
    println!("  parse:   {:>8.2} us each", per(parse_s));
    println!("  judge:   {:>8.2} us each ({} requirement verdicts)", per(assess_s), requirements / n.max(1));
    println!("  parse + judge: {rate:>8.0} declarations/s = {:.2}x the target", rate / TARGET_PER_SEC);
    println!(
        "  parse + judge + explained report: {report_rate:>8.0} declarations/s = {:.2}x the target",
        report_rate / TARGET_PER_SEC
    );
}
