//! The real MUD files others wrote (`../shared/mud`, beside the workspace; CI has it beside the
//! clone): every file in `valid/` reads strictly and round-trips unchanged in meaning; every file
//! in `deviating/` is refused by strict mode naming the deviation and read by lenient mode with
//! a warning per deviation, its normalised form then reading strictly. The messages of both
//! modes are snapshots (one `check` per file).

use std::path::{Path, PathBuf};

use iotlabel_mud::{Mode, MudFile, read};

fn shared_mud() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mud");
    assert!(dir.is_dir(), "{} is missing: the shared test data sits beside the workspace", dir.display());
    dir
}

fn files(sub: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(shared_mud().join(sub))
        .expect("readable directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("readable"))
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no files in {sub}");
    out
}

fn listing(ds: &[iotlabel_model::Diagnostic]) -> String {
    ds.iter()
        .map(|d| {
            let mut s = format!("{}:{} {}: {}", d.line, d.column, d.path, d.message);
            if let Some(e) = &d.expected {
                s.push_str(&format!("\n    expected: {e}"));
            }
            if let Some(h) = &d.suggestion {
                s.push_str(&format!("\n    help: {h}"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writing a file and reading it again gives the same MUD file, and the same JSON as the input.
fn round_trip(name: &str, text: &str, mud: &MudFile) {
    let written = serde_json::to_string_pretty(mud).expect("serialises");
    let again =
        read(name, &written, Mode::Strict).unwrap_or_else(|e| panic!("{name}: written form refused:\n{e}"));
    assert_eq!(&again.mud, mud, "{name}: changed by a round trip");
    let original: serde_json::Value = serde_json::from_str(text).expect("JSON");
    let ours: serde_json::Value = serde_json::from_str(&written).expect("JSON");
    assert_eq!(ours, original, "{name}: the written JSON differs from the file");
}

#[test]
fn valid_files_read_strictly_and_round_trip() {
    for (name, text) in files("valid") {
        let loaded = read(&name, &text, Mode::Strict).unwrap_or_else(|e| panic!("{e}"));
        // Only advice on what the RFCs recommend (SHOULD), never a deviation.
        assert!(
            loaded.warnings.iter().all(|w| w.message.contains("SHOULD")),
            "{name}: warnings:\n{}",
            listing(&loaded.warnings)
        );
        round_trip(&name, &text, &loaded.mud);
        let lenient = read(&name, &text, Mode::Lenient).expect("lenient reads what strict reads");
        assert_eq!(lenient.mud, loaded.mud, "{name}: lenient mode changed a valid file");
    }
}

#[test]
fn deviating_files_are_refused_strictly_and_read_leniently() {
    for (name, text) in files("deviating") {
        let strict = read(&name, &text, Mode::Strict)
            .err()
            .unwrap_or_else(|| panic!("{name}: strict mode accepted it"));
        let lenient =
            read(&name, &text, Mode::Lenient).unwrap_or_else(|e| panic!("{name}: lenient refused:\n{e}"));
        assert!(!lenient.warnings.is_empty(), "{name}: no warning");
        // Each deviation strict mode names is one lenient warning (plus advice strict also gives).
        assert!(lenient.warnings.len() >= strict.diagnostics.len(), "{name}: fewer warnings than errors");
        // The normalised file is standard, except what cannot be made up (a missing mud-url).
        let written = serde_json::to_string_pretty(&lenient.mud).expect("serialises");
        let again = read(&name, &written, Mode::Strict);
        if lenient.mud.mud.mud_url.is_some() {
            let again = again.unwrap_or_else(|e| panic!("{name}: normalised form refused:\n{e}"));
            assert_eq!(again.mud, lenient.mud);
        } else {
            let e = again.expect_err("no mud-url").diagnostics;
            assert!(e.iter().all(|d| d.message.contains("mud-url")), "{name}: {e:?}");
        }
        insta::assert_snapshot!(
            name.trim_end_matches(".json"),
            format!("strict:\n{}\n\nlenient:\n{}", listing(&strict.diagnostics), listing(&lenient.warnings))
        );
    }
}
