//! The invariants shared by every parser target. Included with `#[path]` by each target.

use std::fmt::Debug;

use iotlabel_model::{Diagnostics, Format};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A located parser: `parse_declaration` or `parse_evidence`.
pub type Parser<T> = fn(&str, &str, Format) -> Result<T, Diagnostics>;

/// Runs `parse` on `data` as TOML and as JSON (when it is UTF-8) and checks the result either way.
pub fn check_bytes<T>(data: &[u8], parse: Parser<T>)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for (file, format) in [("fuzz.toml", Format::Toml), ("fuzz.json", Format::Json)] {
        match parse(file, text, format) {
            Ok(doc) => check_round_trip(&doc, parse),
            Err(diags) => check_diagnostics(file, text, &diags),
        }
    }
}

/// A document the parser accepted must re-serialise to JSON, and that JSON must be accepted again
/// (by serde alone and by the full located parser, schema and semantic checks included) as an equal
/// value; serialising the re-parsed value must give the same JSON text.
fn check_round_trip<T>(doc: &T, parse: Parser<T>)
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let json = serde_json::to_string(doc).expect("an accepted document serialises to JSON");

    let plain: T = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("serialised JSON does not deserialise: {e}\njson: {json}"));
    assert_eq!(&plain, doc, "serde JSON round trip changed the value\njson: {json}");

    let reparsed = match parse("roundtrip.json", &json, Format::Json) {
        Ok(d) => d,
        Err(diags) => panic!("parser rejects its own serialised output:\n{diags}\njson: {json}"),
    };
    assert_eq!(&reparsed, doc, "parser round trip changed the value\njson: {json}");

    let again = serde_json::to_string(&reparsed).expect("re-parsed document serialises");
    assert_eq!(again, json, "JSON serialisation is not stable across a round trip");
}

/// A rejection must explain itself: at least one diagnostic, each at a real 1-based position inside
/// the text (column counted in characters) with a non-empty message, and all naming the input file.
fn check_diagnostics(file: &str, text: &str, diags: &Diagnostics) {
    assert_eq!(diags.file, file, "diagnostics name the wrong file");
    assert!(!diags.diagnostics.is_empty(), "rejected with no diagnostics");
    assert!(
        diags.diagnostics.len() <= iotlabel_model::diagnostic::MAX_SHOWN + 1,
        "more diagnostics listed than the cap: {}",
        diags.diagnostics.len()
    );
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &diags.diagnostics {
        assert!(d.line >= 1, "line is not 1-based: {d:?}");
        assert!(d.column >= 1, "column is not 1-based: {d:?}");
        assert!(!d.message.trim().is_empty(), "empty message: {d:?}");
        // Messages are written for people: never a validator's Debug text, never a raw control
        // character (user text is quoted with escapes).
        for text in [Some(&d.message), d.expected.as_ref(), d.suggestion.as_ref()].into_iter().flatten() {
            // User text is quoted in backticks; only our own words can carry Debug text (the fuzzer
            // found a field named `Inexpected_valuefy`).
            let own: String = text.split('`').step_by(2).collect();
            assert!(!own.contains("expected_value") && !own.contains("Constant {"), "Debug text: {d:?}");
            assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "control character in a message: {d:?}");
        }
        assert!(d.line <= lines.len(), "line past the end of the text ({} lines): {d:?}", lines.len());
        let width = lines[d.line - 1].chars().count();
        assert!(d.column <= width + 1, "column past the end of line {} ({width} chars): {d:?}", d.line);
    }
}
