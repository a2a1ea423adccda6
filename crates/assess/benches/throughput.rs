//! Throughput of parse + assess against every framework, on one core.
//!
//! Target (issue #2): at least 50,000 declarations per second per core, parsing included.
//! Run: `cargo bench -p iotlabel-assess --bench throughput` (N=100000 per corpus by default; set
//! IOTLABEL_BENCH_N to change). Two corpora of generated declarations, both with every optional
//! field randomly present or absent: "plain" free text as real declarations have it, and
//! "hostile" free text full of quotes, backslashes, control characters and non-Latin scripts
//! (the worst case for the JSON reader). Prints each figure and its ratio to the target.

use iotlabel_testkit::engine;
use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;

use iotlabel_model::testgen::{self, TextStyle};
use iotlabel_model::{Format, parse_declaration};

const TARGET_PER_SEC: f64 = 50_000.0;

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
        "one core, {n} declarations per corpus, all {frameworks} frameworks; target {TARGET_PER_SEC:.0}/s"
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
    let t = Instant::now();
    for doc in &docs {
        black_box(
            parse_declaration("bench.json", doc, Format::Json).expect("generated declarations are valid"),
        );
    }
    let parse_s = t.elapsed().as_secs_f64();

    // Parse and judge each document against every framework, as a registry re-assessing its
    // store does (all verdicts and framework results; explanations are derived on demand).
    let t = Instant::now();
    let mut requirements = 0usize;
    for doc in &docs {
        let d = parse_declaration("bench.json", doc, Format::Json).expect("generated declarations are valid");
        let v = engine().verdicts(&d, None, &[], as_of);
        requirements += v.frameworks.iter().map(|f| f.requirements.len()).sum::<usize>();
        black_box(v);
    }
    let total = t.elapsed().as_secs_f64();
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
