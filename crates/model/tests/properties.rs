//! Property tests: any valid declaration round-trips through TOML and JSON unchanged, and the
//! parser never panics on arbitrary text.

use iotlabel_model::{Format, parse_declaration, testgen, validate::validate};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_declarations_are_valid(seed in any::<u64>()) {
        let d = testgen::declaration(seed);
        let issues = validate(&d);
        prop_assert!(issues.is_empty(), "generator made an invalid declaration: {issues:?}");
    }

    #[test]
    fn round_trips_through_toml(seed in any::<u64>()) {
        let d = testgen::declaration(seed);
        let text = toml::to_string(&d).expect("serialises to TOML");
        let back = parse_declaration("gen.toml", &text, Format::Toml);
        prop_assert_eq!(back.as_ref().ok(), Some(&d), "TOML was:\n{}\nerrors: {:?}", text, back.as_ref().err());
    }

    #[test]
    fn round_trips_through_json(seed in any::<u64>()) {
        let d = testgen::declaration(seed);
        let text = serde_json::to_string_pretty(&d).expect("serialises to JSON");
        let back = parse_declaration("gen.json", &text, Format::Json);
        prop_assert_eq!(back.as_ref().ok(), Some(&d), "JSON was:\n{}\nerrors: {:?}", text, back.as_ref().err());
    }

    #[test]
    fn toml_and_json_agree(seed in any::<u64>()) {
        let d = testgen::declaration(seed);
        let via_toml = parse_declaration("a.toml", &toml::to_string(&d).unwrap(), Format::Toml).unwrap();
        let via_json = parse_declaration("a.json", &serde_json::to_string(&via_toml).unwrap(), Format::Json).unwrap();
        prop_assert_eq!(via_toml, via_json);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = parse_declaration("x.toml", &text, Format::Toml);
        let _ = parse_declaration("x.json", &text, Format::Json);
    }

    #[test]
    fn corrupted_declarations_are_rejected_with_locations(seed in any::<u64>(), cut in 0usize..2000) {
        // Truncating a valid document anywhere either still parses or yields located errors.
        let d = testgen::declaration(seed);
        let text = serde_json::to_string_pretty(&d).unwrap();
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) { cut -= 1; }
        if let Err(e) = parse_declaration("t.json", &text[..cut], Format::Json) {
            prop_assert!(!e.diagnostics.is_empty());
            for diag in &e.diagnostics {
                prop_assert!(diag.line >= 1 && diag.column >= 1, "unlocated: {diag:?}");
            }
        }
    }
}

/// The checked-in schemas under `schema/` must be what the Rust types generate
/// (`cargo xtask codegen` rewrites them).
#[test]
fn checked_in_schemas_are_current() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schema");
    for (name, schema) in [
        ("declaration.schema.json", iotlabel_model::declaration_schema()),
        ("evidence.schema.json", iotlabel_model::evidence_schema()),
    ] {
        let on_disk = std::fs::read_to_string(root.join(name)).unwrap_or_default();
        let generated = serde_json::to_string_pretty(schema).unwrap() + "\n";
        assert!(on_disk == generated, "schema/{name} is stale: run `cargo xtask codegen`");
    }
}

/// Every example declaration validates against the published JSON Schema too, so third-party
/// validators agree with `iotlabel validate`.
#[test]
fn examples_validate_against_the_published_schema() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/devices");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(iotlabel_model::declaration_schema())
        .unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Some(format) = Format::from_path(&path) else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        let d = parse_declaration("x", &text, format).unwrap();
        let value = serde_json::to_value(&d).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        n += 1;
    }
    assert!(n >= 10);
}
