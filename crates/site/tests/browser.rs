//! The web site in a real browser: headless Debian Chromium walks it as a buyer would (search,
//! open a device, follow a QR link with a good and a bad digest, switch language), at a phone's
//! width and a desktop's; axe-core finds no WCAG 2.2 A/AA violation on any page, no page is wider
//! than the screen, and every screenshot is checked non-blank. Needs `chromium` (Debian package)
//! and `npm ci` in tests/browser/ (`cargo xtask test` installs both): fails, not skips, without.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The share of a PNG's pixels that are not the background (its top-left pixel's colour).
fn ink(png: &Path) -> f64 {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let px = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(px).collect();
    let bg = pixels[0];
    pixels.iter().filter(|p| *p != &bg).count() as f64 / pixels.len() as f64
}

#[test]
fn a_buyer_walks_the_site_in_chromium_on_a_phone_and_a_desktop() {
    assert!(
        root().join("tests/browser/node_modules/playwright-core").exists(),
        "playwright-core is not installed: run `npm ci` in tests/browser/ (and `apt-get install chromium`)"
    );
    let s = common::start();
    let acme = s.labels.iter().find(|l| l.starts_with("acme-cam-2")).unwrap().clone();
    let rec = s.record(&acme);
    let d = &rec["digest"].as_str().unwrap().trim_start_matches("sha256:")[..16];
    let steps = json!([
        {"name": "home", "goto": "/?lang=en", "expect": "Is this connected device safe to buy"},
        {"name": "search", "fill": ["#q", "acme cam"], "submit": "#q", "expect": "One device matches."},
        {"name": "device", "click": "table.results a", "expect": "Verified in the public log"},
        {"name": "qr-good", "goto": format!("/l/{acme}?d={d}&lang=en"), "expect": "This label matches the registered one."},
        {"name": "qr-bad", "goto": format!("/l/{acme}?d=0000000000000000&lang=en"), "expect": "do not trust the box"},
        {"name": "french", "click": "a[hreflang=fr]", "expect": "ne vous fiez pas à la boîte"},
        {"name": "filter", "goto": "/search?status=revoked&lang=fr", "expect": "Révoqué"},
        {"name": "makers", "goto": "/makers?lang=en", "expect": "How a maker earns an IoT Star"},
        {"name": "maker", "click": "table.results a", "expect": "Current devices meeting each framework"},
        {"name": "compare", "goto": "/search?q=cam&lang=en", "check": ["#c-1", "#c-2"], "click": "form[action='/compare'] button", "expect": "Rows where the devices differ are marked."},
        {"name": "insights", "goto": "/insights?lang=en", "expect": "Devices with a universal default password"},
        {"name": "standards", "goto": "/standards?lang=en", "expect": "common controls"},
        {"name": "crosswalk", "click": "ul.pairs a", "expect": "Of "},
        {"name": "not-found", "goto": "/l/no-such-label?d=00&lang=en", "expect": "Do not trust a box"},
    ]);
    let dir = tempfile::tempdir().unwrap();
    let steps_file = dir.path().join("steps.json");
    std::fs::write(&steps_file, steps.to_string()).unwrap();
    let out = Command::new("node")
        .arg(root().join("tests/browser/site.mjs"))
        .arg(&s.url)
        .arg(dir.path())
        .arg(&steps_file)
        .output()
        .expect("node must be installed to run the browser test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(2), "the browser run failed: {stderr}");
    let results: Vec<Value> =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("bad output {e}: {stdout} {stderr}"));
    assert_eq!(results.len(), 2 * steps.as_array().unwrap().len(), "every step at both widths");
    for r in &results {
        let what = format!("{} at {} px ({})", r["step"], r["width"], r["url"]);
        assert_eq!(r["found"], true, "{what}: {:?} is not shown", r["expected"]);
        assert_eq!(r["violations"], json!([]), "{what}: axe-core violations");
        assert_eq!(r["overflow"], 0, "{what}: wider than the screen ({})", r["overflowing"]);
        assert_eq!(r["outside"], json!([]), "{what}: requests outside the site");
        let shot = Path::new(r["shot"].as_str().unwrap());
        let ink = ink(shot);
        assert!(ink > 0.01, "{what}: the screenshot is blank ({ink:.4} of its pixels drawn)");
    }
    let lang_of = |step: &str| results.iter().find(|r| r["step"] == step).unwrap()["lang"].clone();
    assert_eq!(lang_of("qr-bad"), "en");
    assert_eq!(lang_of("french"), "fr", "the switch leads to the French page");
    if let Ok(keep) = std::env::var("IOTLABEL_KEEP_SCREENSHOTS") {
        for r in &results {
            let shot = Path::new(r["shot"].as_str().unwrap());
            std::fs::copy(shot, Path::new(&keep).join(shot.file_name().unwrap())).unwrap();
        }
    }
}
