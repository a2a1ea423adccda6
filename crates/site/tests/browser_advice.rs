//! The buyer's pages in a real browser: headless Debian Chromium answers the questionnaire (a
//! bad answer first, then good ones), reads the advice, the glossary and the gap analysis, in
//! English and French, at a phone's width and a desktop's; axe-core finds no WCAG 2.2 A/AA
//! violation, no page is wider than the screen, no request leaves the site, and every
//! screenshot is checked non-blank. Needs `chromium` and `npm ci` in tests/browser/ (`cargo
//! xtask test` installs both): fails, not skips, without.

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
fn a_buyer_answers_the_questionnaire_and_reads_the_advice_in_chromium() {
    assert!(
        root().join("tests/browser/node_modules/playwright-core").exists(),
        "playwright-core is not installed: run `npm ci` in tests/browser/ (and `apt-get install chromium`)"
    );
    let s = common::start();
    let steps = json!([
        {"name": "advice-form", "goto": "/advice?lang=en", "expect": "Where will the device be?"},
        {"name": "advice-bad", "goto": "/advice?v=1&keep_years=99&cloud=none&lang=en", "expect": "Some answers need fixing"},
        {"name": "advice-fixed", "fill": ["#q-keep_years", "4"], "select": ["#q-place", "bedroom"],
         "check": ["#q-household-at-risk", "#q-worries-location"], "click": "form.advice button",
         "expect": "If someone you know is a risk to you"},
        {"name": "advice-french", "click": "a[hreflang=fr]", "expect": "Après l’achat"},
        {"name": "advice-type", "goto": "/advice?lang=en", "select": ["#q-type", "security-camera"], "click": "form.advice button", "expect": "best for you first"},
        {"name": "glossary", "click": "a[href='/glossary?lang=en']", "expect": "Ask the seller:"},
        {"name": "glossary-fr", "goto": "/glossary?lang=fr", "expect": "Demandez au vendeur :"},
        {"name": "gaps", "goto": "/gaps?lang=en", "expect": "Where a campaign would help most"},
        {"name": "gaps-fr", "goto": "/gaps?lang=fr", "expect": "Par fabricant"},
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
    // The submitted answers are in the URL, and only there.
    let fixed = results.iter().find(|r| r["step"] == "advice-fixed").unwrap();
    let url = fixed["url"].as_str().unwrap();
    for part in ["keep_years=4", "place=bedroom", "household=at-risk", "worries=location", "cloud=none"] {
        assert!(url.contains(part), "{part} in {url}");
    }
    let lang_of = |step: &str| results.iter().find(|r| r["step"] == step).unwrap()["lang"].clone();
    assert_eq!(lang_of("advice-french"), "fr", "the switch keeps the answers and changes the language");
    if let Ok(keep) = std::env::var("IOTLABEL_KEEP_SCREENSHOTS") {
        for r in &results {
            let shot = Path::new(r["shot"].as_str().unwrap());
            std::fs::copy(shot, Path::new(&keep).join(shot.file_name().unwrap())).unwrap();
        }
    }
}
