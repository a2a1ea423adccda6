//! `iotlabel validate` on good input: the examples and the fixtures' base file.

use crate::util::{data, examples, run};

#[test]
fn every_example_is_valid() {
    for file in examples() {
        let r = run(&["--color", "never", "validate", &file]);
        r.expect_code(0);
        assert_eq!(r.stdout, format!("valid {file}\n"));
        assert_eq!(r.stderr, "", "{file}: nothing on stderr when valid");
    }
}

#[test]
fn all_examples_at_once() {
    let files = examples();
    let mut args = vec!["--color", "never", "validate"];
    args.extend(files.iter().map(String::as_str));
    let r = run(&args);
    r.expect_code(0);
    let expected: String = files.iter().map(|f| format!("valid {f}\n")).collect();
    assert_eq!(r.stdout, expected, "one `valid` line per file, in argument order");
}

#[test]
fn every_example_is_valid_as_json() {
    let files = examples();
    let mut args = vec!["validate", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let r = run(&args);
    r.expect_code(0);
    let v = r.json();
    let results = v.as_array().expect("validate --format json prints an array");
    assert_eq!(results.len(), files.len());
    for (res, file) in results.iter().zip(&files) {
        assert_eq!(res, &serde_json::json!({ "file": file, "valid": true, "diagnostics": [] }));
    }
}

/// The fixtures in `bad/` are this file with one mistake each: it must itself be valid, in both
/// formats, or the bad fixtures would test more than one thing.
#[test]
fn fixture_base_is_valid() {
    for f in ["good/acme-cam-2-min.toml", "good/acme-cam-2-min.json"] {
        let path = data(f);
        let r = run(&["--color", "never", "validate", &path]);
        r.expect_code(0);
        assert_eq!(r.stdout, format!("valid {path}\n"));
    }
}

#[test]
fn one_bad_file_fails_the_run_but_the_others_are_still_checked() {
    let good = data("good/acme-cam-2-min.toml");
    let bad = data("bad/wrong-type-port.toml");
    let also_good = crate::util::example("fortis-lock-pro.toml");
    let r = run(&["--color", "never", "validate", &good, &bad, &also_good]);
    r.expect_code(2);
    assert_eq!(r.stdout, format!("valid {good}\nvalid {also_good}\n"));
    assert!(r.stderr.contains(&format!("error: {bad}: 1 problem")), "{}", r.stderr);
}

#[test]
fn json_output_for_invalid_files_has_located_diagnostics() {
    let good = data("good/acme-cam-2-min.json");
    let bad = data("bad/multiple-errors.toml");
    let r = run(&["validate", "--format", "json", &good, &bad]);
    r.expect_code(2);
    assert_eq!(r.stderr, "", "with --format json, the diagnostics go to stdout only");
    let v = r.json();
    assert_eq!(v[0]["file"], good.as_str());
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[1]["file"], bad.as_str());
    assert_eq!(v[1]["valid"], false);
    let diags = v[1]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 5, "{diags:#?}");
    for d in diags {
        assert!(d["line"].as_u64().unwrap() > 0, "{d}");
        assert!(d["column"].as_u64().unwrap() > 0, "{d}");
        assert!(!d["path"].as_str().unwrap().is_empty(), "{d}");
        assert!(!d["message"].as_str().unwrap().is_empty(), "{d}");
    }
    let typo = diags.iter().find(|d| d["path"] == "updates.suport_end").expect("the typo is reported");
    assert_eq!(typo["suggestion"], "did you mean `support_end`?");
    assert!(typo["expected"].as_str().unwrap().contains("support_end"));
}

/// A file-level problem (here an unknown file type) reported as JSON should keep the "expected"
/// part in its own field, like every other diagnostic, rather than inside the message.
#[test]

fn json_output_for_unreadable_files_keeps_message_on_one_line() {
    let r = run(&["validate", "--format", "json", &data("bad/wrong-extension.yaml")]);
    r.expect_code(2);
    let v = r.json();
    let d = &v[0]["diagnostics"][0];
    assert_eq!(d["message"], "unknown file type");
    assert_eq!(d["expected"], "a .toml or .json file");
}

#[test]
fn colour_is_off_when_piped_and_on_when_forced() {
    let good = data("good/acme-cam-2-min.toml");
    let bad = data("bad/wrong-type-port.toml");
    for color in [None, Some("never")] {
        let mut args = vec![];
        if let Some(c) = color {
            args.extend(["--color", c]);
        }
        args.extend(["validate", good.as_str(), bad.as_str()]);
        let r = run(&args);
        r.expect_code(2);
        assert!(!r.stdout.contains('\x1b'), "--color {color:?}: escape codes on stdout");
        assert!(!r.stderr.contains('\x1b'), "--color {color:?}: escape codes on stderr");
    }
    let r = run(&["--color", "always", "validate", &good, &bad]);
    r.expect_code(2);
    assert!(r.stdout.contains('\x1b'), "--color always colours `valid`");
    assert!(r.stderr.contains('\x1b'), "--color always colours the error");
}

#[test]
fn no_color_environment_variable_is_honoured() {
    let bad = data("bad/wrong-type-port.toml");
    let out = crate::util::iotlabel().env("NO_COLOR", "1").args(["validate", &bad]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.contains(&0x1b), "NO_COLOR set, but escape codes on stderr");
}

#[test]
fn validate_needs_a_file() {
    let r = run(&["validate"]);
    r.expect_code(2);
    assert!(r.stderr.contains("<FILES>"), "{}", r.stderr);
}
