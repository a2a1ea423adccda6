//! Broken declarations, data-driven: every file in `tests/data/bad/` is the trimmed Acme Cam 2
//! (`tests/data/good/`) with one deliberate mistake. Each test names what the message must
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
#[track_caller]
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

const LOCATED: bool = true;

#[test]
fn toml_syntax_error() {
    check(
        "toml-syntax.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &["toml-syntax.toml:6:", "expected: a TOML document"],
        },
    );
}

#[test]
fn json_trailing_comma() {
    check(
        "json-trailing-comma.json",
        Expect {
            problems: 1,
            located: LOCATED,
            // The comma after `"signed": true` is line 29, column 19.
            contains: &["json-trailing-comma.json:29:19:", "railing comma", "expected: a JSON document"],
        },
    );
}

#[test]
fn unknown_field_with_typo() {
    check(
        "unknown-field-typo.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &[
                "unknown-field-typo.toml:25:1: updates.suport_end: unknown field `suport_end`",
                "did you mean `support_end`",
                "expected: one of: mechanism, support_end",
            ],
        },
    );
}

#[test]
fn wrong_type() {
    check(
        "wrong-type-port.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &[
                "wrong-type-port.toml:38:1: communication.local_services[0].port",
                "found a string",
                "integer",
            ],
        },
    );
}

#[test]
fn impossible_tls_version() {
    check(
        "impossible-tls-version.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &[
                "impossible-tls-version.toml:33:1: communication.min_tls_version",
                "`1.7`",
                "1.0, 1.1, 1.2, 1.3",
            ],
        },
    );
}

#[test]
fn support_end_before_release_date() {
    check(
        "support-end-before-release.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &[
                "support-end-before-release.toml:25:1: updates.support_end",
                "2023-03-01",
                "2024-03-01",
                "expected: a date on or after 2024-03-01",
            ],
        },
    );
}

#[test]
fn missing_required_field() {
    check(
        "missing-brand.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            // Located at the `[identity]` table the field is missing from.
            contains: &["missing-brand.toml:4:", "identity.brand", "missing required field `brand`", "help:"],
        },
    );
}

#[test]
fn unknown_device_type_with_suggestion() {
    check(
        "unknown-device-type.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &[
                "unknown-device-type.toml:10:1: identity.device_type",
                "`security-camra`",
                "did you mean `security-camera`",
            ],
        },
    );
}

#[test]
fn bad_gtin_check_digit() {
    check(
        "bad-gtin-check-digit.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &["bad-gtin-check-digit.toml:9:1: identity.gtin", "check digit", "0614141000037"],
        },
    );
}

/// Structural (schema) and semantic problems are all reported in one run, in file order.
#[test]
fn several_errors_reported_at_once() {
    check(
        "multiple-errors.toml",
        Expect {
            problems: 5,
            located: LOCATED,
            contains: &[
                "multiple-errors.toml:10:1: identity.device_type",
                "multiple-errors.toml:15:1: identity.manufacturer.country",
                "multiple-errors.toml:25:1: updates.suport_end",
                "multiple-errors.toml:33:1: communication.min_tls_version",
                "multiple-errors.toml:38:1: communication.local_services[0].port",
            ],
        },
    );
}

#[test]
fn unsupported_schema_version() {
    check(
        "unsupported-schema-version.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &["unsupported-schema-version.toml:1:1: schema_version", "`2.0`", "\"1.0\""],
        },
    );
}

#[test]
fn empty_toml_file() {
    // An empty document gets one clear message, in TOML as in JSON.
    check(
        "empty.toml",
        Expect {
            problems: 1,
            located: LOCATED,
            contains: &["empty.toml:1:1: the file is empty", "iotlabel schema"],
        },
    );
}

#[test]
fn empty_json_file() {
    check(
        "empty.json",
        Expect { problems: 1, located: LOCATED, contains: &["empty.json:1:1:", "the file is empty"] },
    );
}

#[test]
fn unknown_file_type() {
    check(
        "wrong-extension.yaml",
        Expect {
            problems: 1,
            located: !LOCATED,
            contains: &["wrong-extension.yaml", "unknown file type", "a .toml or .json file"],
        },
    );
}

#[test]
fn nonexistent_path() {
    check(
        "does-not-exist.toml",
        Expect { problems: 1, located: !LOCATED, contains: &["does-not-exist.toml", "cannot read"] },
    );
}

/// Every fixture in `bad/` has a test above (and `does-not-exist.toml` really does not exist).
#[test]
fn every_fixture_is_tested() {
    let source = include_str!("bad_input.rs");
    let dir = crate::util::root().join("crates/cli/tests/data/bad");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(source.contains(&format!("\"{name}\",")), "fixture {name} has no test in bad_input.rs");
        n += 1;
    }
    assert_eq!(n, 14, "fixtures in {}", dir.display());
    assert!(!dir.join("does-not-exist.toml").exists());
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
