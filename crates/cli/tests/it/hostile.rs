//! The hostile-input corpus: every folder in `crates/cli/tests/hostile/` is one case, walked by
//! the one test below. A case's `case.toml` says what to run and what must come out:
//!
//! ```toml
//! about = "what the case guards against"
//! args = ["validate", "device.toml"]   # run in a scratch folder holding the case's files
//! exit = 2                             # the exit code
//! stderr = ["identity.brand"]          # texts stderr must contain (likewise `stdout`)
//! stderr_lacks = ["\u001b"]            # texts stderr must not contain (likewise `stdout_lacks`)
//!
//! [[file]]                             # a file made from a repository file with edits
//! name = "device.toml"
//! from = "examples/devices/fortis-lock-pro.toml"
//! replace = [{ find = 'brand = "Fortis"', with = 'brand = "For\u200Btis"' }]
//! ```
//!
//! An edit may repeat its text (`repeat = 5000`, for overlong fields); every `find` must occur,
//! so a case cannot go stale silently. Any other file in the folder is copied as it is (e.g.
//! bytes that are not UTF-8). Adding a case is adding a folder: no test to write, no count.

use std::path::Path;

use serde::Deserialize;

use crate::util::{iotlabel, root, tempdir};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    args: Vec<String>,
    exit: i32,
    #[serde(default)]
    stdout: Vec<String>,
    #[serde(default)]
    stderr: Vec<String>,
    #[serde(default)]
    stdout_lacks: Vec<String>,
    #[serde(default)]
    stderr_lacks: Vec<String>,
    #[serde(default)]
    file: Vec<MadeFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MadeFile {
    name: String,
    from: String,
    #[serde(default)]
    replace: Vec<Edit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    find: String,
    with: String,
    #[serde(default)]
    repeat: Option<usize>,
}

/// Runs one case; returns what went wrong, if anything.
fn check(dir: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(dir.join("case.toml")).map_err(|e| format!("case.toml: {e}"))?;
    let case: Case = toml::from_str(&text).map_err(|e| format!("case.toml: {e}"))?;
    let scratch = tempdir();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != "case.toml" {
            std::fs::copy(entry.path(), scratch.path().join(entry.file_name())).unwrap();
        }
    }
    for f in &case.file {
        let mut body =
            std::fs::read_to_string(root().join(&f.from)).map_err(|e| format!("{}: {e}", f.from))?;
        for edit in &f.replace {
            if !body.contains(&edit.find) {
                return Err(format!("{}: `{}` does not occur in {}", f.name, edit.find, f.from));
            }
            body = body.replace(&edit.find, &edit.with.repeat(edit.repeat.unwrap_or(1)));
        }
        std::fs::write(scratch.path().join(&f.name), body).unwrap();
    }
    let out = iotlabel().current_dir(scratch.path()).args(&case.args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let shown = || format!("({})\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}", case.about);
    if out.status.code() != Some(case.exit) {
        return Err(format!("exit {:?}, expected {} {}", out.status.code(), case.exit, shown()));
    }
    if stderr.contains("panicked") || stderr.contains("internal error") {
        return Err(format!("panic or internal error {}", shown()));
    }
    for (stream, text, wanted, unwanted) in [
        ("stdout", &stdout, &case.stdout, &case.stdout_lacks),
        ("stderr", &stderr, &case.stderr, &case.stderr_lacks),
    ] {
        if let Some(w) = wanted.iter().find(|w| !text.contains(w.as_str())) {
            return Err(format!("{stream} lacks {w:?} {}", shown()));
        }
        if let Some(u) = unwanted.iter().find(|u| text.contains(u.as_str())) {
            return Err(format!("{stream} contains {u:?} {}", shown()));
        }
    }
    Ok(())
}

#[test]
fn every_hostile_input_gets_its_expected_outcome() {
    let corpus = root().join("crates/cli/tests/hostile");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(!cases.is_empty(), "no cases in {}", corpus.display());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|dir| {
            check(dir).err().map(|why| format!("{}: {why}", dir.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
