//! Label rendering speed on one core.
//!
//! Targets (issue "The label"): 1,000 labels (primary SVG with its QR code, plus the HTML page) in
//! at most 2 seconds, and a 300 dpi PNG in at most 50 ms per label.
//! Run: `cargo bench -p iotlabel-render --bench render` (1,000 labels and 100 PNGs by default; set
//! IOTLABEL_BENCH_N and IOTLABEL_BENCH_PNG_N to change, and IOTLABEL_BENCH_EVIDENCE_N to a list such as
//! `1000,10000` for the evidence figure's sizes). Labels are built from generated
//! declarations (`iotlabel_model::testgen`, plain text, every optional field randomly present or
//! absent), assessed against every framework beforehand (not timed: that is the assess bench).
//! Prints each figure and its ratio to the target (target / measured: above 1 meets it).
//! The label figure is `svg::primary` (which draws the QR code) plus `html::page`, English.
//! The evidence figure renders one device's page (English and French) with 1,000, 10,000 and
//! 100,000 generated evidence items (`iotlabel_testkit::evidence_items`) and prints the cost per
//! item, which stays flat when the page is linear in the number of items (issue #10), with the
//! label facts and the label JSON for the same evidence beside it. Quick mode uses 100 to 1,000.

#[path = "common/sample.rs"]
mod sample;

use std::hint::black_box;
use std::time::Instant;

use iotlabel_assess::Report;
use iotlabel_label::{Label, LabelInput, build};
use iotlabel_model::Declaration;
use iotlabel_model::testgen::{self, TextStyle};
use iotlabel_raster as raster;
use iotlabel_render::{Lang, html, qr, svg};

const TARGET_LABELS_S: f64 = 2.0;
const TARGET_LABELS_N: usize = 1_000;
const TARGET_PNG_MS: f64 = 50.0;
const DPI: f32 = 300.0;
const BASE_URL: &str = "https://registry.example/l/";

fn env_n(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n = env_n("IOTLABEL_BENCH_N", if quick { 50 } else { TARGET_LABELS_N }).max(1);
    let n_png = env_n("IOTLABEL_BENCH_PNG_N", if quick { 3 } else { 100 }).max(1);
    let as_of = iotlabel_testkit::as_of();

    let inputs: Vec<Input> = (0..n as u64)
        .map(|seed| {
            let decl = testgen::declaration_with(seed, TextStyle::Plain);
            let report = iotlabel_testkit::engine().assess(&decl, None, &[], as_of);
            let label =
                build(&LabelInput { decl: &decl, evidence: None, report: &report, base_url: BASE_URL });
            Input { decl, report, label }
        })
        .collect();
    let labels: Vec<Label> = inputs.iter().map(|i| i.label.clone()).collect();
    println!("one core, {n} labels from generated declarations");
    if quick {
        println!(
            "quick mode (no --bench; usually an unoptimised build): the figures are not comparable with the targets"
        );
    }

    labels_figure(&inputs);
    png_figure(&labels[..n_png.min(n)], n_png);
    let sizes: Vec<usize> = std::env::var("IOTLABEL_BENCH_EVIDENCE_N")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).filter(|&n| n > 0).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| if quick { vec![100, 300, 1_000] } else { vec![1_000, 10_000, 100_000] });
    evidence_figure(&sizes);
}

/// One label's inputs, prepared before timing.
struct Input {
    decl: Declaration,
    report: Report<'static>,
    label: Label,
}

/// What rendering one label means for the first target: both layers, the QR code included.
fn render_one(input: &Input) -> (usize, usize) {
    let svg = svg::primary(&input.label, &[Lang::En]);
    let page = html::page(&input.label, &input.report, &input.decl, &[Lang::En]);
    (svg.len(), page.len())
}

fn labels_figure(inputs: &[Input]) {
    black_box(render_one(&inputs[0])); // warm up lazily built tables (catalogs, messages)
    let t = Instant::now();
    let (mut svg_bytes, mut html_bytes) = (0usize, 0usize);
    for input in inputs {
        let (s, h) = black_box(render_one(input));
        svg_bytes += s;
        html_bytes += h;
    }
    let s = t.elapsed().as_secs_f64();
    let n = inputs.len();
    let per_1000 = s * TARGET_LABELS_N as f64 / n as f64;
    println!("\n[labels] primary SVG with QR code + HTML page, English");
    println!(
        "  {n} labels: {s:.3} s, mean {} bytes of SVG and {} bytes of HTML",
        svg_bytes / n,
        html_bytes / n
    );
    println!(
        "  per {TARGET_LABELS_N} labels: {per_1000:.3} s = {:.2}x the {TARGET_LABELS_S} s target",
        TARGET_LABELS_S / per_1000
    );
    // Where the time goes.
    let time = |f: &dyn Fn(&Input)| {
        let t = Instant::now();
        for input in inputs {
            f(input);
        }
        t.elapsed().as_secs_f64() * 1e6 / n as f64
    };
    let svg_us = time(&|i| {
        black_box(svg::primary(&i.label, &[Lang::En]));
    });
    let html_us = time(&|i| {
        black_box(html::page(&i.label, &i.report, &i.decl, &[Lang::En]));
    });
    let qr_us = time(&|i| {
        black_box(qr::svg_fragment(&qr::label_payload(&i.label), 60.0, 90.0, 27.0));
    });
    println!("  per label: SVG {svg_us:.0} us (QR code {qr_us:.0} us of it), HTML page {html_us:.0} us");
}

fn png_figure(labels: &[Label], requested: usize) {
    let svgs: Vec<String> = labels.iter().map(|l| svg::primary(l, &[Lang::En])).collect();
    black_box(raster::png(&svgs[0], DPI).expect("renders")); // load the fonts once
    let rounds = requested.div_ceil(svgs.len());
    let t = Instant::now();
    let mut bytes = 0usize;
    let mut count = 0usize;
    for _ in 0..rounds {
        for svg in &svgs {
            bytes += black_box(raster::png(svg, DPI).expect("renders")).len();
            count += 1;
        }
    }
    let ms = t.elapsed().as_secs_f64() * 1e3 / count as f64;
    println!("\n[png] {count} real labels at {DPI} dpi (1063 x 1417 px)");
    println!(
        "  {ms:.1} ms per label, mean {} kB = {:.2}x the {TARGET_PNG_MS} ms target",
        bytes / count / 1024,
        TARGET_PNG_MS / ms
    );

    // The same on the representative sample (text, icons, QR code), for comparison over time.
    let sample = sample::label_svg("Acme Cam 2", &sample::sample_lines(), &qr::label_payload(&labels[0]));
    let t = Instant::now();
    for _ in 0..count {
        black_box(raster::png(&sample, DPI).expect("renders"));
    }
    let ms_sample = t.elapsed().as_secs_f64() * 1e3 / count as f64;
    println!("  sample SVG (benches/common/sample.rs): {ms_sample:.1} ms per label");

    let t = Instant::now();
    let mut pdf_bytes = 0usize;
    for svg in &svgs {
        pdf_bytes += black_box(raster::pdf(svg).expect("converts")).len();
    }
    let ms_pdf = t.elapsed().as_secs_f64() * 1e3 / svgs.len() as f64;
    println!("[pdf] {ms_pdf:.1} ms per label, mean {} kB (no target)", pdf_bytes / svgs.len() / 1024);
}

/// Page rendering time for growing evidence files: per-item cost, flat when linear.
fn evidence_figure(sizes: &[usize]) {
    let as_of = iotlabel_testkit::as_of();
    let decl = iotlabel_testkit::example("acme-cam-2");
    let langs = [Lang::En, Lang::Fr];
    println!("\n[evidence] acme-cam-2 with generated evidence items, page in English and French");
    // Per item, in microseconds: page, label facts, label JSON.
    let mut per_item: Vec<[f64; 3]> = Vec::new();
    for &n in sizes {
        let ev = iotlabel_testkit::evidence_items(&decl, n);
        let report = iotlabel_testkit::engine().assess(&decl, Some(&ev), &[], as_of);
        let input = LabelInput { decl: &decl, evidence: Some(&ev), report: &report, base_url: BASE_URL };
        let t = Instant::now();
        let label = black_box(build(&input));
        let facts_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let page = black_box(html::page(&label, &report, &decl, &langs));
        let page_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let doc = iotlabel_render::label_document(&label, &report, &decl, &langs).expect("serialises");
        let json = black_box(serde_json::to_string(&doc).expect("serialises"));
        let json_s = t.elapsed().as_secs_f64();
        let us = page_s * 1e6 / n as f64;
        per_item.push([us, facts_s * 1e6 / n as f64, json_s * 1e6 / n as f64]);
        println!(
            "  {n:>7} items: page {:8.1} ms = {us:6.2} us per item ({} kB); label facts {:7.1} ms; label JSON {:8.1} ms ({} kB)",
            page_s * 1e3,
            page.len() / 1024,
            facts_s * 1e3,
            json_s * 1e3,
            json.len() / 1024,
        );
    }
    let ratio = |k: usize| {
        let (lo, hi) = per_item.iter().fold((f64::MAX, 0.0f64), |(lo, hi), x| (lo.min(x[k]), hi.max(x[k])));
        hi / lo
    };
    println!(
        "  per-item cost, largest / smallest: page {:.2}, label facts {:.2}, label JSON {:.2}",
        ratio(0),
        ratio(1),
        ratio(2)
    );
    println!(
        "  (a per-item cost that does not rise with the number of items is linear; the page's falls, as it lists at most {} items)",
        iotlabel_label::page::EVIDENCE_SHOWN
    );
}
