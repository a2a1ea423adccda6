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

/// The checked-in schemas are what the binary prints, byte for byte, for every published format
/// (regenerate them with `cargo xtask codegen` when a format changes).
#[test]
fn checked_in_schemas_are_current() {
    use clap::ValueEnum;
    let all = iotlabel_cli::schemas::all();
    assert_eq!(all.len(), iotlabel_cli::args::SchemaKind::value_variants().len());
    for p in all {
        let kind = p.kind.to_possible_value().unwrap().get_name().to_string();
        let kind = kind.as_str();
        let file = p.file;
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

/// What the binary writes validates against the schema it publishes for it: the label JSON of
/// every example (with evidence where there is some), and both catalog listings.
#[test]
fn outputs_validate_against_their_published_schemas() {
    let validator = |kind: &str| {
        let schema = run(&["schema", kind]).json();
        jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{kind} schema does not compile: {e}"))
    };
    let check = |v: &jsonschema::Validator, doc: &serde_json::Value, what: &str| {
        let errors: Vec<String> =
            v.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{what}: {} schema errors:\n{}", errors.len(), errors.join("\n"));
    };
    check(&validator("frameworks"), &run(&["frameworks", "--format", "json"]).json(), "frameworks");
    check(&validator("controls"), &run(&["frameworks", "--controls", "--format", "json"]).json(), "controls");
    let label = validator("label");
    let dir = crate::util::tempdir();
    for (file, evidence) in [
        ("acme-cam-2.toml", Some("examples/evidence/acme-cam-2-lab.json")),
        ("fortis-lock-pro.toml", Some("examples/evidence/fortis-lock-pro-lab.json")),
        ("glucowatch-cgm.json", None),
        ("echoes-speaker-eol.toml", None),
    ] {
        let path = crate::util::example(file);
        let out = dir.path().to_string_lossy().into_owned();
        let mut args = vec!["label", &path, "--format", "json", "--lang", "en+fr", "--out", &out];
        if let Some(e) = evidence {
            args.extend(["--evidence", e]);
        }
        run(&args).expect_code(0);
        let written = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "json"))
            .unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
        check(&label, &doc, file);
        std::fs::remove_file(written).unwrap();
    }
}
