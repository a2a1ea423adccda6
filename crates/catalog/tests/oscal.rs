//! Every built-in catalog, exported as OSCAL, validates against NIST's official OSCAL catalog
//! JSON schema (vendored in `schema/oscal/`).

use std::path::PathBuf;

use iotlabel_catalog::Catalogs;
use iotlabel_catalog::oscal::{self, OSCAL_VERSION};
use serde_json::Value;

fn schema() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/oscal/oscal_catalog_schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("schema is JSON")
}

fn validator() -> jsonschema::Validator {
    // The schema's token pattern uses `\p{L}` / `\p{N}`; the default (fancy-regex) engine
    // compiles it, so the schema is used as published.
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema())
        .expect("OSCAL catalog schema compiles")
}

fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator.iter_errors(doc).map(|e| format!("{} at {}: {e}", e.schema_path(), e.instance_path())).collect()
}

#[test]
fn schema_is_the_vendored_version() {
    let id = schema()["$id"].as_str().unwrap_or_default().to_string();
    assert!(id.contains(&format!("/{OSCAL_VERSION}/")), "schema $id {id} is not OSCAL {OSCAL_VERSION}");
}

#[test]
fn every_builtin_catalog_exports_valid_oscal() {
    let v = validator();
    let cats = Catalogs::builtin();
    assert!(!cats.frameworks.is_empty());
    let mut failures = Vec::new();
    for cat in &cats.frameworks {
        let doc = oscal::catalog(cat, cats);
        for e in errors(&v, &doc) {
            failures.push(format!("{}: {e}", cat.framework.id));
        }
        let c = &doc["catalog"];
        assert_eq!(c["metadata"]["oscal-version"], OSCAL_VERSION);
        let exported: usize = c["groups"]
            .as_array()
            .map(|gs| gs.iter().map(|g| g["controls"].as_array().map_or(0, Vec::len)).sum())
            .unwrap_or(0)
            + c["controls"].as_array().map_or(0, Vec::len);
        assert_eq!(exported, cat.requirements.len(), "{}: one control per requirement", cat.framework.id);
    }
    assert!(failures.is_empty(), "{} schema errors:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn etsi_export_shape() {
    let cats = Catalogs::builtin();
    let doc = oscal::catalog(cats.framework("etsi-en-303-645").unwrap(), cats);
    let c = &doc["catalog"];
    assert_eq!(c["metadata"]["version"], "V3.1.3");
    assert_eq!(c["metadata"]["last-modified"], "2024-09-01T00:00:00Z");
    let first = &c["groups"][1]["controls"][0];
    assert_eq!(first["id"], "req-5.1-1");
    let props = first["props"].as_array().unwrap();
    assert!(props.iter().any(|p| p["name"] == "label" && p["value"] == "5.1-1" && p.get("ns").is_none()));
    assert!(props.iter().any(|p| p["name"] == "status" && p["ns"] == oscal::NS));
    assert!(props.iter().any(|p| p["name"] == "common-control" && p["ns"] == oscal::NS));
    assert_eq!(first["parts"][0]["name"], "statement");
    assert_eq!(first["parts"][0]["prose"], first["title"]);
}

#[test]
fn validator_rejects_a_broken_export() {
    let v = validator();
    let cats = Catalogs::builtin();
    let mut doc = oscal::catalog(&cats.frameworks[0], cats);
    // A control id starting with a digit is not an OSCAL token.
    doc["catalog"]["groups"][0]["controls"][0]["id"] = Value::String("5.1-1".into());
    let errs = errors(&v, &doc);
    assert!(errs.iter().any(|e| e.contains("/id")), "digit-leading control id accepted: {errs:?}");

    // So is a prop without a value, a bad UUID and a date without a time zone.
    let mut doc = oscal::catalog(&cats.frameworks[0], cats);
    doc["catalog"]["uuid"] = Value::String("not-a-uuid".into());
    doc["catalog"]["metadata"]["last-modified"] = Value::String("2024-09-01T00:00:00".into());
    doc["catalog"]["metadata"]["props"][0]["value"] = Value::String(" padded ".into());
    assert!(errors(&v, &doc).len() >= 3, "{:?}", errors(&v, &doc));
}
