//! The secondary layer in a real browser: headless Debian Chromium loads the page, axe-core
//! checks WCAG 2.1 A/AA rules (contrast included), a screenshot is taken, and the page is read
//! again with all CSS removed. Needs `chromium` (Debian package) and `npm ci` in tests/browser/;
//! `.ci/run` installs both. The test fails, not skips, when they are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use iotlabel_label::{LabelInput, build};
use iotlabel_model::{Format, parse_declaration, parse_evidence};
use iotlabel_render::{Lang, html};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_axe(html_path: &Path, shot: &Path, extra: &[&str]) -> serde_json::Value {
    let script = root().join("tests/browser/a11y.mjs");
    assert!(
        root().join("tests/browser/node_modules/axe-core").exists(),
        "axe-core is not installed: run `npm ci` in tests/browser/ (and `apt-get install chromium`)"
    );
    let out = Command::new("node")
        .arg(&script)
        .arg(html_path)
        .arg(shot)
        .args(extra)
        .output()
        .expect("node must be installed to run the browser test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.code() != Some(2), "browser run failed: {stderr}");
    serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("bad output {e}: {stdout} {stderr}"))
}

#[test]
fn label_pages_pass_axe_in_headless_chromium() {
    let as_of = iotlabel_testkit::as_of();
    let dir = tempfile::tempdir().unwrap();
    // The lab evidence adds the test evidence list (titles, links, the lab's own words); the
    // bulb cannot be updated.
    for (name, evidence, langs) in [
        ("acme-cam-2.toml", None, vec![Lang::En, Lang::Fr]),
        ("acme-cam-2.toml", Some("acme-cam-2-lab.json"), vec![Lang::Fr]),
        ("vistaview-tv-55.toml", None, vec![Lang::Fr]),
        ("plugsafe-mini.toml", None, vec![Lang::En]),
        ("lumen-bulb-zb.toml", None, vec![Lang::En, Lang::Fr]),
    ] {
        let path = root().join("examples/devices").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let decl = parse_declaration(name, &text, Format::Toml).unwrap();
        let evidence = evidence.map(|file| {
            let text = std::fs::read_to_string(root().join("examples/evidence").join(file)).unwrap();
            parse_evidence(file, &text, Format::Json).unwrap()
        });
        let report = iotlabel_testkit::engine().assess(&decl, evidence.as_ref(), &[], as_of);
        let label = build(&LabelInput {
            decl: &decl,
            evidence: evidence.as_ref(),
            report: &report,
            base_url: "https://registry.example/l/",
        });
        let name = if evidence.is_some() { format!("{name}-evidence") } else { name.to_string() };
        let page = html::page(&label, &report, &decl, &langs);
        let html_path = dir.path().join(format!("{name}.html"));
        std::fs::write(&html_path, &page).unwrap();

        let shot = dir.path().join(format!("{name}.png"));
        let summary = run_axe(&html_path, &shot, &[]);
        let violations = summary["violations"].as_array().unwrap();
        assert!(violations.is_empty(), "{name}: accessibility violations: {violations:#?}");
        assert!(summary["passes"].as_u64().unwrap() > 10, "{name}: axe checked almost nothing: {summary}");
        let png = std::fs::read(&shot).unwrap();
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{name}: screenshot missing or empty");

        // Readable without CSS: the text is all still there.
        let bare = run_axe(&html_path, &dir.path().join("bare.png"), &["--no-css"]);
        let with_css = summary["textLength"].as_u64().unwrap();
        let without_css = bare["textLength"].as_u64().unwrap();
        assert!(
            without_css + 50 >= with_css && without_css > 1000,
            "{name}: text lost without CSS ({without_css} vs {with_css})"
        );

        // On a phone (390 px wide), every table and address open: nothing wider than the
        // screen, and still no violation.
        let phone = run_axe(&html_path, &dir.path().join("phone.png"), &["--width=390", "--open-details"]);
        assert_eq!(phone["overflow"], 0, "{name}: wider than a 390 px phone: {}", phone["overflowing"]);
        let violations = phone["violations"].as_array().unwrap();
        assert!(violations.is_empty(), "{name}: violations at 390 px: {violations:#?}");
        assert!(
            phone["textLength"].as_u64().unwrap() > with_css,
            "{name}: opening the tables showed nothing more"
        );
    }
}
