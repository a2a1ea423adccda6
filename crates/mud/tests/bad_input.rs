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
