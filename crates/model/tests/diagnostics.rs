//! Located diagnostics for bad declarations: one `check` helper, one case per line.

use iotlabel_model::{Format, parse_declaration};

const GOOD_JSON: &str = include_str!("../../../examples/devices/glucowatch-cgm.json");
const GOOD_TOML: &str = include_str!("../../../examples/devices/acme-cam-2.toml");

/// Parses `text` and expects, for each `(path, line, message fragment)`, one diagnostic.
#[track_caller]
fn check(text: &str, format: Format, expect: &[(&str, usize, &str)]) {
    let err = parse_declaration("t", text, format).expect_err("should be rejected");
    assert_eq!(err.diagnostics.len(), expect.len(), "{err}");
    for (path, line, fragment) in expect {
        assert!(
            err.diagnostics
                .iter()
                .any(|d| d.path == *path && d.line == *line && d.message.contains(fragment)),
            "no diagnostic {path} at line {line} containing {fragment:?} in:\n{err}"
        );
    }
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect("needle present") + 1
}

#[test]
fn json_duplicate_keys_are_refused() {
    let text = GOOD_JSON.replacen("\"brand\": ", "\"brand\": \"Dup\", \"brand\": ", 1);
    let line = line_of(&text, "\"brand\": \"Dup\"");
    check(&text, Format::Json, &[("identity.brand", line, "duplicate key `brand`")]);
}

#[test]
fn several_problems_are_reported_at_once() {
    let text = GOOD_TOML
        .replace("support_end = 2029-03-01", "suport_end = 2029-03-01")
        .replace("min_tls_version = \"1.2\"", "min_tls_version = \"1.7\"")
        .replace("device_type = \"security-camera\"", "device_type = \"security-camra\"");
    check(
        &text,
        Format::Toml,
        &[
            ("updates.suport_end", line_of(&text, "suport_end"), "unknown field `suport_end`"),
            (
                "communication.min_tls_version",
                line_of(&text, "min_tls_version"),
                "`1.7` is not an allowed value",
            ),
            (
                "identity.device_type",
                line_of(&text, "device_type"),
                "`security-camra` is not a known device type",
            ),
        ],
    );
}

#[test]
fn semantic_errors_are_reported_with_structural_ones() {
    let text = GOOD_TOML
        .replace("support_end = 2029-03-01", "support_end = 2019-03-01")
        .replace("address = ", "adress = ");
    check(
        &text,
        Format::Toml,
        &[
            ("identity.manufacturer.adress", line_of(&text, "adress"), "unknown field"),
            ("updates.support_end", line_of(&text, "support_end"), "before the release date"),
        ],
    );
}

#[test]
fn suggestions_name_the_likely_field() {
    let text = GOOD_TOML.replace("support_end = 2029-03-01", "suport_end = 2029-03-01");
    let err = parse_declaration("t", &text, Format::Toml).unwrap_err();
    assert_eq!(err.diagnostics[0].suggestion.as_deref(), Some("did you mean `support_end`?"));
}

#[test]
fn impossible_values() {
    let gtin = GOOD_TOML.replace("gtin = \"0614141000036\"", "gtin = \"0614141000037\"");
    check(&gtin, Format::Toml, &[("identity.gtin", line_of(&gtin, "gtin"), "check digit")]);
    let port = GOOD_TOML.replace("port = 554\ntransport", "port = 0\ntransport");
    check(
        &port,
        Format::Toml,
        &[("communication.local_services[0].port", line_of(&port, "port = 0"), "too small")],
    );
}

/// A device type that usually films or listens (taxonomy `typical_sensors`) declaring none of its
/// typical sensors is accepted, with a located warning at `/sensors` asking to declare or explain.
#[test]
fn a_camera_without_camera_or_microphone_is_warned_not_refused() {
    use iotlabel_model::{Document, parse::locate_issues};

    // The well-built camera declares both: no warning.
    let good = parse_declaration("t", GOOD_TOML, Format::Toml).unwrap();
    assert!(good.warnings().is_empty(), "{:?}", good.warnings());

    let text = GOOD_TOML
        .replace("type = \"camera\"", "type = \"light\"")
        .replace("type = \"microphone\"", "type = \"humidity\"");
    let d = parse_declaration("t", &text, Format::Toml).expect("a warning is not an error");
    let issues = d.warnings();
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].pointer, "/sensors");
    assert!(
        issues[0].message.contains("camera") && issues[0].message.contains("microphone"),
        "{}",
        issues[0].message
    );
    assert!(issues[0].suggestion.as_deref().unwrap().contains("declare"), "{:?}", issues[0].suggestion);
    let located = locate_issues("t", &text, Format::Toml, issues);
    assert_eq!(located.diagnostics.len(), 1);
    assert_eq!(located.diagnostics[0].path, "sensors");
    assert_eq!(located.diagnostics[0].line, line_of(&text, "[[sensors]]"));

    // One of the typical sensors is enough; a smart speaker with no sensors at all is warned.
    let one = GOOD_TOML.replace("type = \"camera\"", "type = \"light\"");
    assert!(parse_declaration("t", &one, Format::Toml).unwrap().warnings().is_empty());
    let mut speaker = good.clone();
    speaker.identity.device_type = "smart-speaker".into();
    speaker.sensors.clear();
    let w = speaker.warnings();
    assert_eq!(w.len(), 1);
    assert!(w[0].message.contains("microphone") && !w[0].message.contains("camera"), "{}", w[0].message);
    // Device types without typical sensors are never warned.
    speaker.identity.device_type = "lock".into();
    assert!(speaker.warnings().is_empty());
}
