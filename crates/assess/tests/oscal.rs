//! An assessment of the example device, exported as OSCAL assessment results, validates against
//! NIST's official OSCAL assessment-results JSON schema (vendored in `schema/oscal/`).

use iotlabel_testkit::engine;
use std::path::PathBuf;

use chrono::NaiveDate;
use iotlabel_assess::{Report, oscal::assessment_results};
use iotlabel_catalog::Catalogs;
use iotlabel_catalog::oscal::OSCAL_VERSION;
use iotlabel_model::{Format, parse_declaration};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn validator() -> jsonschema::Validator {
    let path = root().join("schema/oscal/oscal_assessment-results_schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let id = schema["$id"].as_str().unwrap_or_default();
    assert!(id.contains(&format!("/{OSCAL_VERSION}/")), "schema $id {id} is not OSCAL {OSCAL_VERSION}");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("OSCAL assessment-results schema compiles")
}

fn errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator.iter_errors(doc).map(|e| format!("{} at {}: {e}", e.schema_path(), e.instance_path())).collect()
}

fn report() -> Report<'static> {
    let path = root().join("examples/devices/acme-cam-2.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let decl = parse_declaration("acme-cam-2.toml", &text, Format::Toml)
        .unwrap_or_else(|d| panic!("example declaration is invalid: {d:?}"));
    engine().assess(&decl, None, &[], NaiveDate::from_ymd_opt(2025, 6, 1).unwrap())
}

#[test]
fn example_assessment_exports_valid_oscal() {
    let report = report();
    let doc = assessment_results(&report);
    let errs = errors(&validator(), &doc);
    assert!(errs.is_empty(), "{} schema errors:\n{}", errs.len(), errs.join("\n"));

    let ar = &doc["assessment-results"];
    assert_eq!(ar["metadata"]["oscal-version"], OSCAL_VERSION);
    let results = ar["results"].as_array().unwrap();
    assert_eq!(results.len(), report.frameworks.len(), "one result per framework");
    for (res, fw) in results.iter().zip(&report.frameworks) {
        let findings = res["findings"].as_array().unwrap();
        assert_eq!(findings.len(), fw.requirements.len(), "{}: one finding per requirement", fw.id);
        assert_eq!(res["observations"].as_array().unwrap().len(), fw.requirements.len());
        let selected =
            res["reviewed-controls"]["control-selections"][0]["include-controls"].as_array().unwrap();
        assert_eq!(selected.len(), fw.requirements.len());
        for (f, r) in findings.iter().zip(&fw.requirements) {
            let state = &f["target"]["status"]["state"];
            let expected = match r.verdict.as_str() {
                "pass" | "not_applicable" => "satisfied",
                _ => "not-satisfied",
            };
            assert_eq!(state, expected, "{}:{}", fw.id, r.id);
            let props = f["props"].as_array().unwrap();
            assert!(props.iter().any(|p| p["name"] == "verdict" && p["value"] == r.verdict.as_str()));
        }
    }
    // The example has known gaps, so something is not satisfied.
    assert!(doc.to_string().contains("\"not-satisfied\""));
}

#[test]
fn export_is_deterministic() {
    assert_eq!(assessment_results(&report()), assessment_results(&report()));
}

#[test]
fn findings_target_statements_of_the_exported_catalog() {
    let cats = Catalogs::builtin();
    let report = report();
    let doc = assessment_results(&report);
    let fw = &report.frameworks[0];
    let catalog = iotlabel_catalog::oscal::catalog(cats.framework(fw.id).unwrap(), cats).to_string();
    for f in doc["assessment-results"]["results"][0]["findings"].as_array().unwrap() {
        let target = f["target"]["target-id"].as_str().unwrap();
        assert!(catalog.contains(&format!("\"id\":\"{target}\"")), "{target} is not in the catalog export");
    }
}

#[test]
fn validator_rejects_a_broken_export() {
    let v = validator();
    let mut doc = assessment_results(&report());
    let finding = &mut doc["assessment-results"]["results"][0]["findings"][0];
    finding["target"]["status"]["state"] = Value::String("passed".into());
    finding["target"]["target-id"] = Value::String("5.1-1_smt".into());
    doc["assessment-results"].as_object_mut().unwrap().remove("import-ap");
    let errs = errors(&v, &doc);
    assert!(errs.len() >= 3, "broken export accepted: {errs:?}");
}
