//! `iotlabel schema`: the JSON Schemas, and the copies checked in under `schema/`.

use crate::util::{root, run, run_into_closed_pipe};

#[test]
fn declaration_schema() {
    let r = run(&["schema"]);
    r.expect_code(0);
    let v = r.json();
    assert!(v["$schema"].as_str().is_some_and(|s| s.contains("json-schema.org")), "{}", v["$schema"]);
    assert!(v["properties"]["identity"].is_object(), "no properties.identity");
    let required: Vec<&str> = v["required"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
    assert!(required.contains(&"schema_version") && required.contains(&"identity"), "{required:?}");
    // `declaration` is the default kind.
    assert_eq!(run(&["schema", "declaration"]).stdout, r.stdout);
}

#[test]
fn evidence_schema() {
    let r = run(&["schema", "evidence"]);
    r.expect_code(0);
    let v = r.json();
    assert!(v["$schema"].is_string());
    assert!(v["properties"]["items"].is_object(), "no properties.items");
    let item = &v["$defs"]["EvidenceItem"]["properties"];
    for field in ["id", "control", "requirement", "result", "method", "tester", "date", "summary"] {
        assert!(item[field].is_object(), "EvidenceItem lacks {field}");
    }
}

#[test]
fn unknown_schema_kind_exits_2() {
    let r = run(&["schema", "evidense"]);
    r.expect_code(2);
    assert!(r.stderr.contains("evidence"), "possible values are listed:\n{}", r.stderr);
}

/// The checked-in schemas are what the binary prints, byte for byte (regenerate them with
/// `iotlabel schema > schema/declaration.schema.json` when the format changes).
#[test]
fn checked_in_schemas_are_current() {
    for (kind, file) in [("declaration", "declaration.schema.json"), ("evidence", "evidence.schema.json")] {
        let path = root().join("schema").join(file);
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let r = run(&["schema", kind]);
        r.expect_code(0);
        assert!(
            on_disk == r.stdout.as_bytes(),
            "schema/{file} differs from `iotlabel schema {kind}`: regenerate it"
        );
    }
}

/// A reader that stops early is not an error, for JSON output either.
#[test]

fn closed_pipe_during_json_output_is_not_an_error() {
    for args in [&["schema"][..], &["frameworks", "--format", "json"]] {
        let (code, stderr) = run_into_closed_pipe(args);
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
    }
}

/// The text renderers already treat a closed pipe as success; keep it that way.
#[test]
fn closed_pipe_during_text_output_is_not_an_error() {
    for args in
        [&["--color", "never", "frameworks"][..], &["--color", "never", "crosswalk", "eu-cra", "uk-psti"]]
    {
        let (code, stderr) = run_into_closed_pipe(args);
        assert!(!stderr.contains("internal error"), "{args:?}: {stderr}");
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
    }
}
