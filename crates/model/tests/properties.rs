//! Property tests: any valid declaration round-trips through TOML and JSON unchanged, and the
//! parser never panics on arbitrary text.

use iotlabel_model::diagnostic::pointer_to_path;
use iotlabel_model::text::MULTI_LINE_FIELDS;
use iotlabel_model::{Format, parse_declaration, schema::subschema_at, testgen, validate::validate};
use proptest::prelude::*;
use serde_json::Value;

const GOOD_JSON_FOR_PROPS: &str = include_str!("../../../examples/devices/glucowatch-cgm.json");

/// JSON pointers of every string in a document.
fn string_pointers(v: &Value, pointer: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) => out.push(pointer),
        Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, e)| string_pointers(e, format!("{pointer}/{i}"), out))
        }
        Value::Object(m) => m.iter().for_each(|(k, e)| string_pointers(e, format!("{pointer}/{k}"), out)),
        _ => {}
    }
}

/// A generated declaration (as JSON) with `c` put in the middle of its `pick`-th string.
fn with_char_in_a_string(seed: u64, pick: usize, c: char) -> (Value, String) {
    let mut v = serde_json::to_value(testgen::declaration(seed)).unwrap();
    let mut pointers = Vec::new();
    string_pointers(&v, String::new(), &mut pointers);
    let pointer = pointers[pick % pointers.len()].clone();
    let Some(Value::String(s)) = v.pointer_mut(&pointer) else { unreachable!() };
    let mut mid = s.len() / 2;
    while !s.is_char_boundary(mid) {
        mid -= 1;
    }
    s.insert(mid, c);
    (v, pointer)
}

/// Whether the schema lets any text through at `pointer` (no enum, format or pattern to fail first).
fn is_free_text(pointer: &str) -> bool {
    let s = subschema_at(iotlabel_model::declaration_schema(), pointer).unwrap();
    ["enum", "const", "oneOf", "anyOf", "format", "pattern"].iter().all(|k| s.get(*k).is_none())
}

const FORBIDDEN: &[char] = &[
    '\0',
    '\u{7}',
    '\u{8}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{9b}',
    '\u{202a}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    // Invisible characters, bidi marks and line separators (refused wherever they stand).
    '\u{200b}',
    '\u{2060}',
    '\u{feff}',
    '\u{ad}',
    '\u{e0041}',
    '\u{200e}',
    '\u{200f}',
    '\u{61c}',
    '\u{2028}',
    '\u{2029}',
];

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

    /// Any string field of a valid declaration with one control or bidirectional character in it
    /// is refused, in TOML and JSON alike, with that field's path and nothing else; free text says
    /// which character it was.
    #[test]
    fn a_control_character_in_any_string_is_refused_at_its_field(
        seed in any::<u64>(),
        pick in any::<usize>(),
        c in proptest::sample::select(FORBIDDEN),
    ) {
        let (v, pointer) = with_char_in_a_string(seed, pick, c);
        let path = pointer_to_path(&pointer);
        for (format, text) in [(Format::Json, serde_json::to_string_pretty(&v).unwrap()), (Format::Toml, toml::to_string(&v).unwrap())] {
            let err = parse_declaration("t", &text, format);
            prop_assert!(err.is_err(), "{path}: U+{:04X} accepted in {format:?}", u32::from(c));
            let err = err.unwrap_err();
            prop_assert!(err.diagnostics.iter().all(|d| d.path == path), "expected only {path}:\n{err}");
            if is_free_text(&pointer) {
                let code = format!("U+{:04X}", u32::from(c));
                prop_assert!(err.diagnostics.iter().any(|d| d.message.contains(&code)), "{code} not named:\n{err}");
            }
        }
    }

    /// A line break is refused in one-line fields (names, ids, URLs) and allowed in free text
    /// of several lines (purposes, addresses).
    #[test]
    fn line_breaks_only_where_text_spans_lines(seed in any::<u64>(), pick in any::<usize>()) {
        let (v, pointer) = with_char_in_a_string(seed, pick, '\n');
        let field = pointer.rsplit('/').next().unwrap_or_default();
        let text = serde_json::to_string(&v).unwrap();
        let outcome = parse_declaration("t", &text, Format::Json);
        if MULTI_LINE_FIELDS.contains(&field) {
            prop_assert!(outcome.is_ok(), "{pointer}: {:?}", outcome.err());
        } else {
            let err = outcome.unwrap_err();
            prop_assert!(err.diagnostics.iter().all(|d| d.path == pointer_to_path(&pointer)), "{err}");
        }
    }

    /// Any free string field made longer than any real declaration needs is refused at its
    /// field (a field added without a limit fails here).
    #[test]
    fn an_overlong_value_in_any_string_is_refused_at_its_field(seed in any::<u64>(), pick in any::<usize>()) {
        let mut v = serde_json::to_value(testgen::declaration(seed)).unwrap();
        let mut pointers = Vec::new();
        string_pointers(&v, String::new(), &mut pointers);
        let pointer = pointers[pick % pointers.len()].clone();
        prop_assume!(is_free_text(&pointer));
        *v.pointer_mut(&pointer).unwrap() = Value::String("a".repeat(iotlabel_model::text::MAX_FREE_TEXT_CHARS + 1));
        let err = parse_declaration("t", &serde_json::to_string(&v).unwrap(), Format::Json);
        let err = err.expect_err("an overlong value was accepted");
        let path = pointer_to_path(&pointer);
        prop_assert!(err.diagnostics.iter().any(|d| d.path == path && d.message.contains("is too long")), "{path}:\n{err}");
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        for format in [Format::Toml, Format::Json] {
            if let Err(e) = parse_declaration("x", &text, format) {
                // Messages carry no raw control characters: user text is quoted with escapes.
                for d in &e.diagnostics {
                    let all = format!("{} {:?} {:?}", d.message, d.expected, d.suggestion);
                    prop_assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{d:?}");
                }
            }
        }
    }

    /// A key and a value with control characters, escaped (valid JSON) or raw (invalid): no raw
    /// control character reaches a message either way.
    #[test]
    fn messages_never_carry_raw_control_characters(
        key in "[a-z\\x00-\\x1f\\u{202e}]{1,12}",
        value in "[a-z\\x00-\\x1f\\u{85}]{0,12}",
    ) {
        let escaped = GOOD_JSON_FOR_PROPS
            .replacen("\"brand\"", &serde_json::to_string(&key).unwrap(), 1)
            .replacen("\"CGM One\"", &serde_json::to_string(&value).unwrap(), 1);
        let raw = GOOD_JSON_FOR_PROPS
            .replacen("\"brand\"", &format!("\"{key}\""), 1)
            .replacen("\"CGM One\"", &format!("\"{value}\""), 1);
        for text in [&escaped, &raw] {
            if let Err(e) = parse_declaration("x", text, Format::Json) {
                for d in &e.diagnostics {
                    let all = format!("{} {:?} {:?}", d.message, d.expected, d.suggestion);
                    prop_assert!(!all.chars().any(|c| c.is_control() && c != '\n'), "{d:?}");
                }
            }
        }
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

/// Every free string in the published schemas has a `maxLength` and every list a `maxItems`, so
/// no field is left without a limit (issue #10: a 10 MB URL became 71 MB of HTML).
#[test]
fn every_string_and_list_in_the_schemas_has_a_limit() {
    fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                let free = ["enum", "const", "format"].iter().all(|k| !m.contains_key(*k));
                match m.get("type").and_then(Value::as_str) {
                    Some("string") if free && !m.contains_key("maxLength") => missing.push(at.to_string()),
                    Some("array") if !m.contains_key("maxItems") => missing.push(at.to_string()),
                    _ => {}
                }
                for (k, x) in m {
                    walk(x, &format!("{at}/{k}"), missing);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| walk(x, &format!("{at}/{i}"), missing)),
            _ => {}
        }
    }
    for schema in [iotlabel_model::declaration_schema(), iotlabel_model::evidence_schema()] {
        let mut missing = Vec::new();
        walk(schema, "", &mut missing);
        assert!(missing.is_empty(), "no limit at {missing:#?}");
    }
}
