//! Bad MUD files (`tests/data/bad/`): each is refused in both modes, and the located messages
//! (JSON path, line, column, expected form, suggestion) are snapshots, one `check` per file.

use std::path::Path;

use iotlabel_mud::{Mode, read};

fn check(name: &str, text: &str) -> String {
    let strict = read(name, text, Mode::Strict).expect_err("strict mode refuses it");
    let lenient = read(name, text, Mode::Lenient).expect_err("lenient mode refuses it too");
    assert!(
        lenient.diagnostics.len() <= strict.diagnostics.len(),
        "{name}: lenient mode found more errors than strict mode"
    );
    for d in &strict.diagnostics {
        assert!(d.line > 0 && d.column > 0, "{name}: unlocated: {d:?}");
        assert!(d.path.starts_with('$'), "{name}: no JSON path: {d:?}");
    }
    strict.to_string()
}

#[test]
fn bad_files_are_refused_with_located_messages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("dir").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(files.len() >= 5);
    for p in files {
        let name = p.file_stem().expect("name").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).expect("readable");
        insta::assert_snapshot!(name.clone(), check(&format!("{name}.json"), &text));
    }
}

/// Damaged real files (cut short at many places, one byte replaced) never panic the reader:
/// they are refused with located messages, or read (a cut that still leaves valid JSON).
#[test]
fn damaged_files_give_located_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mud/valid");
    for name in [
        "rfc8520-section9-example.json",
        "nist-mud-unittest-mud-tcp-direction-test-mudfile-tcp-direction-test.json",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).expect("shared/mud is beside the workspace");
        let lines = text.split('\n').count();
        let mut cases: Vec<String> = (1..text.len()).step_by(7).map(|n| text[..n].to_string()).collect();
        for (i, c) in text.char_indices().step_by(5) {
            for with in ["\"", "}", "1", "-"] {
                let mut s = text.clone();
                s.replace_range(i..i + c.len_utf8(), with);
                cases.push(s);
            }
        }
        for case in &cases {
            for mode in [Mode::Strict, Mode::Lenient] {
                if let Err(d) = read(name, case, mode) {
                    for x in &d.diagnostics {
                        assert!(x.line >= 1 && x.line <= lines && x.path.starts_with('$'), "{x:?}");
                    }
                }
            }
        }
    }
}
