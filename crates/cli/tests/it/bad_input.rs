//! Broken declarations, data-driven: every file in `tests/data/bad/` is the trimmed Acme Cam 2
//! (`tests/data/good/`) with one deliberate mistake. Its `<fixture>.expect.toml` says what the message must
//! contain; the whole of stderr is pinned by an insta snapshot named after the fixture.

use crate::util::{data, has_location, run};

/// What `iotlabel validate` must say about one fixture.
struct Expect<'a> {
    /// Number of problems in the `error: <file>: N problem(s)` header.
    problems: usize,
    /// Whether every problem must carry a real `file:line:column:` (1-based) location.
    located: bool,
    /// Texts stderr must contain.
    contains: &'a [&'a str],
}

/// Runs `iotlabel validate <fixture>`, checks exit code 2, no panic, the problem count, the
/// location and the expected texts, then snapshots stderr under the fixture's name.
fn check(file: &str, expect: Expect<'_>) {
    let path = data(&format!("bad/{file}"));
    let r = run(&["validate", "--color", "never", &path]);
    r.expect_code(2);
    assert_eq!(r.stdout, "", "nothing on stdout for an invalid file");
    assert!(!r.stderr.contains('\x1b'), "--color never, yet escape codes:\n{}", r.stderr);

    let n = expect.problems;
    let header = format!("error: {path}: {n} problem{}\n", if n == 1 { "" } else { "s" });
    assert!(r.stderr.starts_with(&header), "expected header {header:?}, got:\n{}", r.stderr);
    let listed = r.stderr.lines().filter(|l| l.starts_with(&format!("  {path}:"))).count();
    assert_eq!(listed, n, "one located line per problem:\n{}", r.stderr);

    if expect.located {
        for line in r.stderr.lines().filter(|l| l.starts_with(&format!("  {path}:"))) {
            assert!(has_location(line, &path), "no file:line:column: in {line:?}");
        }
    }
    for text in expect.contains {
        assert!(r.stderr.contains(text), "stderr lacks {text:?}:\n{}", r.stderr);
    }

    // Snapshot with the directory stripped, so the snapshot reads like what a user sees.
    let name = file.replace('.', "_");
    let shown = r.stderr.replace("crates/cli/tests/data/bad/", "");
    insta::assert_snapshot!(name, shown);
}

/// Every fixture in `tests/data/bad/` with the expectation beside it (`<fixture>.expect.toml`:
/// `problems`, `located`, `contains`). An expectation whose fixture does not exist checks a
/// missing path. A fixture without an expectation fails the walk.
#[test]
fn every_bad_fixture_reports_what_its_expectation_says() {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ExpectFile {
        problems: usize,
        located: bool,
        contains: Vec<String>,
    }
    let dir = crate::util::root().join("crates/cli/tests/data/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut checked = 0;
    for name in &names {
        if let Some(fixture) = name.strip_suffix(".expect.toml") {
            let text = std::fs::read_to_string(dir.join(name)).unwrap();
            let e: ExpectFile = toml::from_str(&text).unwrap_or_else(|err| panic!("{name}: {err}"));
            let contains: Vec<&str> = e.contains.iter().map(String::as_str).collect();
            check(fixture, Expect { problems: e.problems, located: e.located, contains: &contains });
            checked += 1;
        } else {
            assert!(
                names.contains(&format!("{name}.expect.toml")),
                "fixture {name} has no {name}.expect.toml"
            );
        }
    }
    assert!(checked > 0, "no expectations in {}", dir.display());
}

/// The same problems reach `assess`, which refuses to judge an invalid declaration.
#[test]
fn assess_rejects_an_invalid_declaration() {
    let path = data("bad/multiple-errors.toml");
    let r = run(&["assess", "--color", "never", "--as-of", crate::util::AS_OF, &path]);
    r.expect_code(2);
    assert_eq!(r.stdout, "", "no report for an invalid declaration");
    assert!(r.stderr.starts_with(&format!("error: {path}: 5 problems\n")), "{}", r.stderr);
    assert!(has_location(&r.stderr, &path), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `support_end`"), "{}", r.stderr);
}

#[test]
fn assess_reports_a_missing_file() {
    let r = run(&["assess", "--as-of", crate::util::AS_OF, "no/such/device.toml"]);
    r.expect_code(2);
    assert!(r.stderr.contains("no/such/device.toml: cannot read"), "{}", r.stderr);
}

#[test]
fn files_that_are_not_text_files_are_refused_before_reading() {
    let dir = crate::util::tempdir();
    let path = |name: &str| dir.path().join(name).display().to_string();

    // Latin-1 text: located at the first bad byte, with a hint.
    std::fs::write(path("latin1.toml"), b"schema_version = \"1.0\"\n# caf\xe9\n").unwrap();
    let r = run(&["validate", "--color", "never", &path("latin1.toml")]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("latin1.toml:2:6: is not valid UTF-8"), "{}", r.stderr);
    assert!(r.stderr.contains("save the file as UTF-8"), "{}", r.stderr);

    // A directory, even one named like a declaration.
    std::fs::create_dir(path("dir.toml")).unwrap();
    let r = run(&["validate", "--color", "never", &path("dir.toml")]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);

    // A device that never ends: refused, not read.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/zero", path("zero.toml")).unwrap();
        let r = run(&["validate", "--color", "never", &path("zero.toml")]);
        r.expect_code(2).no_panic();
        assert!(r.stderr.contains("is not a regular file"), "{}", r.stderr);
    }

    // Too large: refused with the limit named.
    let big = vec![b'#'; (iotlabel_cli::MAX_INPUT_BYTES + 1) as usize];
    std::fs::write(path("big.toml"), big).unwrap();
    let r = run(&["validate", "--color", "never", &path("big.toml")]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("is larger than 16 MiB"), "{}", r.stderr);
}
