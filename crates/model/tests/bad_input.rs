//! Bad input, one mistake (or one kind of mistake) per test: every problem is reported at once,
//! located (line, column, field path), explained (what was expected, what to write instead), and
//! never as the validator's Debug text.

use std::time::{Duration, Instant};

use iotlabel_model::diagnostic::MAX_SHOWN;
use iotlabel_model::{
    Diagnostics, Evidence, Format, Issue, parse_declaration, parse_evidence, parse_evidence_with,
};

const GOOD_JSON: &str = include_str!("../../../examples/devices/glucowatch-cgm.json");
const GOOD_TOML: &str = include_str!("../../../examples/devices/acme-cam-2.toml");
const GOOD_EVIDENCE: &str = include_str!("../../../examples/evidence/acme-cam-2-lab.json");

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in text")) + 1
}

/// `text` with `old` replaced once (which must be there).
fn with(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "{old:?} not in text");
    text.replacen(old, new, 1)
}

fn errors(text: &str, format: Format) -> Diagnostics {
    let err = parse_declaration("t", text, format).expect_err("should be rejected");
    for d in &err.diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "unlocated: {d:?}");
        let all = format!("{} {:?} {:?}", d.message, d.expected, d.suggestion);
        for debug in ["Constant {", "expected_value", "Enum {", "String(\"", "Single(", "Multiple("] {
            assert!(!all.contains(debug), "Debug text in a message: {all}");
        }
    }
    err
}

/// Exactly one diagnostic, at `path` on `line`, whose message contains `message`.
#[track_caller]
fn one(text: &str, format: Format, path: &str, line: usize, message: &str) -> iotlabel_model::Diagnostic {
    let err = errors(text, format);
    assert_eq!(err.diagnostics.len(), 1, "one mistake, one message:\n{err}");
    let d = err.diagnostics[0].clone();
    assert_eq!((d.path.as_str(), d.line), (path, line), "{err}");
    assert!(d.message.contains(message), "{message:?} not in:\n{err}");
    d
}

// 1. Locating many errors costs time in proportion to their number, and the list is capped.

#[test]
fn many_errors_are_located_quickly_and_capped() {
    let endpoint = "{ \"domain\": \"a.example\", \"port\": 0, \"protocol\": \"https\" }";
    let n = 5000;
    let many = vec![endpoint; n].join(",\n      ");
    let text =
        GOOD_JSON.replacen("\"cloud_endpoints\": [", &format!("\"cloud_endpoints\": [\n      {many},"), 1);
    let start = Instant::now();
    let err = errors(&text, Format::Json);
    let took = start.elapsed();
    // Searching the text from its start for each error took 32 s here (debug build) for 5,000;
    // one pass takes well under a second.
    assert!(took < Duration::from_secs(10), "{n} errors took {took:?}");
    // One problem per endpoint, and one for the list (with the example's own two endpoints,
    // longer than any real device needs).
    let total = n + 1;
    assert_eq!(err.diagnostics.len(), MAX_SHOWN + 1);
    assert_eq!(err.omitted, total - MAX_SHOWN);
    assert_eq!(err.total(), total);
    let last = err.diagnostics.last().unwrap();
    assert!(
        last.message.starts_with(&format!("and {} more problems not shown", total - MAX_SHOWN)),
        "{last:?}"
    );
    assert!(err.to_string().starts_with(&format!("t: {total} problems found")));
    // In file order: the list first, then the first endpoint.
    assert_eq!(err.diagnostics[0].path, "network.cloud_endpoints");
    assert!(
        err.diagnostics[0].message.contains(&format!("too many items ({})", n + 2)),
        "{:?}",
        err.diagnostics[0]
    );
    assert_eq!(err.diagnostics[1].path, "network.cloud_endpoints[0].port");
    assert_eq!(err.diagnostics[2].path, "network.cloud_endpoints[1].port");
}

// 2. Numbers: out of range, or not written as integers, reported with their field and range.

#[test]
fn numbers_out_of_range_have_a_field_and_a_range() {
    let t = with(GOOD_TOML, "acknowledgement_days = 7", "acknowledgement_days = 5000000000");
    let line = line_of(&t, "acknowledgement_days");
    let d = one(
        &t,
        Format::Toml,
        "vulnerability_disclosure.acknowledgement_days",
        line,
        "`5000000000` is too large",
    );
    assert_eq!(d.expected.as_deref(), Some("an integer from 0 to 4294967295"));

    let t = with(GOOD_TOML, "acknowledgement_days = 7", "acknowledgement_days = 99999999999999999999");
    let d = one(&t, Format::Toml, "vulnerability_disclosure.acknowledgement_days", line, "out of range");
    assert_eq!(d.expected.as_deref(), Some("an integer from 0 to 4294967295"));

    let j = with(GOOD_JSON, "\"acknowledgement_days\": 5", "\"acknowledgement_days\": 5000000000");
    one(
        &j,
        Format::Json,
        "vulnerability_disclosure.acknowledgement_days",
        line_of(&j, "acknowledgement_days"),
        "too large",
    );

    let j = with(GOOD_JSON, "\"port\": 443", &format!("\"port\": 1{}", "0".repeat(400)));
    let d = one(&j, Format::Json, "network.cloud_endpoints[0].port", line_of(&j, "000000"), "out of range");
    assert_eq!(d.expected.as_deref(), Some("an integer from 1 to 65535"));
}

#[test]
fn integers_written_as_decimals_are_refused_with_the_integer_to_write() {
    for (written, write) in [("443.0", "write 443"), ("4.43e2", "write 443")] {
        let j = with(GOOD_JSON, "\"port\": 443", &format!("\"port\": {written}"));
        let d = one(
            &j,
            Format::Json,
            "network.cloud_endpoints[0].port",
            line_of(&j, written),
            "not written as an integer",
        );
        assert!(d.message.contains(&format!("`{written}`")), "{d:?}");
        assert_eq!(d.suggestion.as_deref(), Some(write));
        assert_eq!(d.expected.as_deref(), Some("an integer from 1 to 65535"));
    }
    let j = with(GOOD_JSON, "\"acknowledgement_days\": 5", "\"acknowledgement_days\": -0");
    let d = one(
        &j,
        Format::Json,
        "vulnerability_disclosure.acknowledgement_days",
        line_of(&j, "days\": -0"),
        "`-0`",
    );
    assert_eq!(d.suggestion.as_deref(), Some("write 0"));

    let t = with(GOOD_TOML, "port = 443", "port = 443.0");
    let d = one(
        &t,
        Format::Toml,
        "network.cloud_endpoints[0].port",
        line_of(&t, "443.0"),
        "not written as an integer",
    );
    assert_eq!(d.suggestion.as_deref(), Some("write 443"));
}

// 3. Enums: every allowed value listed, a suggestion, one message per mistake.

#[test]
fn documented_enums_list_every_value_and_suggest_one() {
    let t = with(GOOD_TOML, "mechanism = \"automatic_by_default\"", "mechanism = \"automatic_by_defualt\"");
    let d = one(
        &t,
        Format::Toml,
        "updates.mechanism",
        line_of(&t, "mechanism"),
        "`automatic_by_defualt` is not an allowed value",
    );
    assert_eq!(d.expected.as_deref(), Some("one of: none, manual, automatic_opt_in, automatic_by_default"));
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `automatic_by_default`?"));

    let j = with(GOOD_JSON, "\"cloud_mfa\": \"optional\"", "\"cloud_mfa\": \"optionl\"");
    let d =
        one(&j, Format::Json, "authentication.cloud_mfa", line_of(&j, "cloud_mfa"), "not an allowed value");
    assert!(d.expected.as_deref().unwrap().contains("no_cloud_account"), "{d:?}");

    let t =
        with(GOOD_TOML, "local_login = [\"app_pairing\"]", "local_login = [\"app_pairing\", \"passwrd\"]");
    let d = one(&t, Format::Toml, "authentication.local_login[1]", line_of(&t, "passwrd"), "`passwrd`");
    assert!(d.expected.as_deref().unwrap().ends_with("cloud_account, no_authentication"), "{d:?}");
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `password`?"));

    let t = with(GOOD_TOML, "by = { kind = \"self_declared\" }", "by = { kind = \"self-declared\" }");
    let d = one(
        &t,
        Format::Toml,
        "attestations.claims[0].by.kind",
        line_of(&t, "self-declared"),
        "not an allowed value",
    );
    assert_eq!(d.expected.as_deref(), Some("one of: self_declared, lab"));
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `self_declared`?"));
}

#[test]
fn evidence_enums_list_every_value() {
    let e = with(GOOD_EVIDENCE, "\"result\": \"inconclusive\"", "\"result\": \"inconclusiv\"");
    let err = parse_evidence("e", &e, Format::Json).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    let d = &err.diagnostics[0];
    assert_eq!(d.expected.as_deref(), Some("one of: pass, fail, inconclusive"));
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `inconclusive`?"));
}

#[test]
fn a_wrong_type_is_one_message_that_says_what_to_write() {
    let t = with(GOOD_TOML, "min_tls_version = \"1.2\"", "min_tls_version = 1.2");
    let d = one(
        &t,
        Format::Toml,
        "communication.min_tls_version",
        line_of(&t, "min_tls_version"),
        "wrong type: found a number",
    );
    assert_eq!(d.suggestion.as_deref(), Some("put it in quotes: write \"1.2\""));

    let j = with(GOOD_JSON, "\"min_tls_version\": \"1.2\"", "\"min_tls_version\": 1.2");
    let d =
        one(&j, Format::Json, "communication.min_tls_version", line_of(&j, "min_tls_version"), "wrong type");
    assert_eq!(d.suggestion.as_deref(), Some("put it in quotes: write \"1.2\""));

    let t = with(
        GOOD_TOML,
        "default_password = \"user_set_at_setup\"",
        "default_password = [\"user_set_at_setup\"]",
    );
    let d = one(
        &t,
        Format::Toml,
        "authentication.default_password",
        line_of(&t, "default_password"),
        "found a list",
    );
    assert_eq!(d.suggestion.as_deref(), Some("write one value, not a list: \"user_set_at_setup\""));

    let t = with(GOOD_TOML, "local_login = [\"app_pairing\"]", "local_login = \"app_pairing\"");
    let d = one(&t, Format::Toml, "authentication.local_login", line_of(&t, "local_login"), "found a string");
    assert_eq!(d.suggestion.as_deref(), Some("write a list: [\"app_pairing\"]"));
}

#[test]
fn a_misspelt_required_field_is_one_message() {
    let t = with(GOOD_TOML, "sbom = { format = \"cyclonedx\" }", "sbom = { fromat = \"cyclonedx\" }");
    let d = one(&t, Format::Toml, "software.sbom.fromat", line_of(&t, "fromat"), "unknown field `fromat`");
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `format`?"));
}

// 4. No problem hides another.

#[test]
fn a_structural_error_does_not_hide_semantic_ones() {
    // device_type is an enum in the schema: refused values used to stop the semantic checks.
    let bad = |t: &str| {
        let t = with(t, "gtin = \"0614141000036\"", "gtin = \"0614141000037\"");
        let t = with(&t, "contact_email = \"support@acme.example\"", "contact_email = \"nope\"");
        let t = with(&t, "support_end = 2029-03-01", "support_end = 2020-03-01");
        with(&t, "mud_url = \"https://", "mud_url = \"http://")
    };
    let t = bad(&with(GOOD_TOML, "device_type = \"security-camera\"", "device_type = \"securty-camera\""));
    // A structural error elsewhere too, so the slow path runs whichever way the device type is checked.
    let t = with(&t, "secure_boot = false", "secure_bot = false");
    let err = errors(&t, Format::Toml);
    let paths: Vec<&str> = err.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "identity.gtin",
            "identity.device_type",
            "identity.manufacturer.contact_email",
            "updates.support_end",
            "hardware.secure_bot",
            "network.mud_url",
        ],
        "{err}"
    );

    // A missing required field does not hide them either.
    let t = bad(&with(GOOD_TOML, "brand = \"Acme\"\n", ""));
    let err = errors(&t, Format::Toml);
    let paths: Vec<&str> = err.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "identity.brand",
            "identity.gtin",
            "identity.manufacturer.contact_email",
            "updates.support_end",
            "network.mud_url"
        ],
        "{err}"
    );
}

#[test]
fn placeholders_for_refused_values_cause_no_problems_of_their_own() {
    // The release date is refused; the support end is then compared with nothing, not with a
    // made-up date. The refused default password does not make `unique_passwords_random`
    // (allowed only for unique_per_device) look wrong.
    let t = with(GOOD_TOML, "release_date = 2024-03-01", "release_date = 2024-02-30");
    let t = with(
        &t,
        "default_password = \"user_set_at_setup\"",
        "default_password = \"unique_per_devise\"\nunique_passwords_random = true",
    );
    let err = errors(&t, Format::Toml);
    let paths: Vec<&str> = err.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["identity.release_date", "authentication.default_password"], "{err}");
}

#[test]
fn callers_checks_run_with_the_parsers_even_on_a_broken_file() {
    // Two structural problems and two the caller finds (targets the catalogs do not know).
    let e = with(GOOD_EVIDENCE, "\"control\": \"comms.encrypted\"", "\"control\": \"comms.encryptd\"");
    let e = with(&e, "\"result\": \"pass\"", "\"result\": \"passed\"");
    let e = with(
        &e,
        "\"date\": \"2024-02-10\",\n      \"summary\": \"No factory",
        "\"date\": \"2024-02-31\",\n      \"summary\": \"No factory",
    );
    let e = with(&e, "\"control\": \"integrity.secure-boot\"", "\"control\": \"nonsense.thing\"");
    // What `assess` checks against the catalogs, here against the controls the file used to name.
    let known = |ev: &Evidence| -> Vec<Issue> {
        let controls = ["comms.encrypted", "auth.no-universal-default-password", "integrity.secure-boot"];
        let mut out = Vec::new();
        for (n, item) in ev.items.iter().enumerate() {
            if let Some(c) = &item.control
                && !controls.contains(&c.as_str())
            {
                out.push(Issue::new(format!("/items/{n}/control"), format!("`{c}` is not a common control")));
            }
        }
        out
    };
    let err = parse_evidence_with("e", &e, Format::Json, &known).unwrap_err();
    let paths: Vec<&str> = err.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["items[0].control", "items[1].result", "items[1].date", "items[2].control"], "{err}");
}

// 5. TOML dates, duplicate keys, BOM, deep keys, JSON strings: located and named.

#[test]
fn impossible_toml_dates_name_their_field() {
    let t = with(GOOD_TOML, "release_date = 2024-03-01", "release_date = 2026-02-30");
    let d = one(
        &t,
        Format::Toml,
        "identity.release_date",
        line_of(&t, "release_date"),
        "February 2026 has 28 days",
    );
    assert_eq!(d.expected.as_deref(), Some("a calendar date written YYYY-MM-DD"));
    let t = with(GOOD_TOML, "support_end = 2029-03-01", "support_end = 2029-13-01");
    one(&t, Format::Toml, "updates.support_end", line_of(&t, "support_end"), "there is no month 13");
    // And they do not stop the reading: a later mistake is reported too.
    let t = with(&t, "secure_boot = false", "secure_bot = false");
    assert_eq!(errors(&t, Format::Toml).diagnostics.len(), 2);
}

#[test]
fn duplicate_keys_name_the_key_and_the_first_one() {
    let t = with(GOOD_TOML, "brand = \"Acme\"", "brand = \"Acme\"\nbrand = \"Other\"");
    let d = one(&t, Format::Toml, "identity.brand", line_of(&t, "\"Other\""), "duplicate key `brand`");
    assert!(d.message.contains(&format!("first set on line {}", line_of(&t, "\"Acme\""))), "{d:?}");

    let t = with(GOOD_TOML, "[[sensors]]\ntype = \"camera\"", "[sensors]\ntype = \"camera\"");
    let err = errors(&t, Format::Toml);
    let d = &err.diagnostics[0];
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert_eq!(d.path, "sensors");
    assert!(d.message.contains("duplicate key `sensors`"), "{err}");
    assert!(d.suggestion.as_deref().unwrap().contains("[[sensors]]"), "{err}");

    let j = with(
        GOOD_JSON,
        "\"brand\": \"GlucoWatch\",",
        "\"brand\": \"GlucoWatch\",\n    \"brand\": \"Other\",",
    );
    let d = one(&j, Format::Json, "identity.brand", line_of(&j, "\"Other\""), "duplicate key `brand`");
    assert!(d.message.contains(&format!("first set on line {}", line_of(&j, "GlucoWatch\""))), "{d:?}");
}

#[test]
fn a_byte_order_mark_is_accepted_in_json_as_in_toml() {
    let bom = |t: &str| format!("\u{feff}{t}");
    assert!(parse_declaration("t", &bom(GOOD_JSON), Format::Json).is_ok());
    assert!(parse_declaration("t", &bom(GOOD_TOML), Format::Toml).is_ok());
    // Errors keep their lines and columns.
    let j = bom(&with(GOOD_JSON, "\"secure_boot\"", "\"secure_bot\""));
    one(&j, Format::Json, "hardware.secure_bot", line_of(&j, "secure_bot"), "unknown field");
}

#[test]
fn a_key_nesting_too_deep_is_placed_on_its_line() {
    let header = format!("[{}]\nx = 1\n", vec!["a"; 300].join("."));
    let t = format!("{GOOD_TOML}\n{header}");
    let err = errors(&t, Format::Toml);
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert_eq!(err.diagnostics[0].line, line_of(&t, "[a.a.a"), "{err}");
}

#[test]
fn an_unclosed_json_string_is_reported_where_it_breaks_with_where_it_opened() {
    for (old, new) in [
        ("\"model\": \"CGM One\"", "\"model\": \"CGM One"),
        ("\"model\": \"CGM One\"", "\"model\": \"CGM\nOne\""),
    ] {
        let j = with(GOOD_JSON, old, new);
        let err = errors(&j, Format::Json);
        assert_eq!(err.diagnostics.len(), 1, "{err}");
        let d = &err.diagnostics[0];
        let line = line_of(&j, "\"model\": \"CGM");
        assert_eq!(d.line, line, "{err}");
        let opened = j.lines().nth(line - 1).unwrap().find("\"CGM").unwrap() + 1;
        assert!(d.message.contains(&format!("opened at line {line}, column {opened}")), "{err}");
        assert!(!d.message.contains("column 0"), "{err}");
    }
}

// 6. Refused content.

#[test]
fn control_and_bidi_characters_are_refused_with_their_code_point() {
    for (escape_toml, escape_json, shown) in [
        ("\\u0000", "\\u0000", "U+0000 (NUL)"),
        ("\\u001b[31m", "\\u001b[31m", "U+001B (ESC)"),
        ("\\u0007", "\\u0007", "U+0007 (BEL)"),
        ("\\u009b", "\\u009b", "U+009B (C1 control)"),
        ("\u{202e}", "\u{202e}", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\u{2067}", "\u{2067}", "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
        ("\\n", "\\n", "U+000A (line break)"),
    ] {
        let t = with(GOOD_TOML, "model = \"Cam 2\"", &format!("model = \"Cam{escape_toml} 2\""));
        one(&t, Format::Toml, "identity.model", line_of(&t, "model = "), shown);
        let j = with(GOOD_JSON, "\"model\": \"CGM One\"", &format!("\"model\": \"CGM{escape_json} One\""));
        one(&j, Format::Json, "identity.model", line_of(&j, "\"model\""), shown);
    }
    // Tab and line breaks are fine in free text of several lines.
    let t = with(GOOD_TOML, "intended_use = \"Indoor", "intended_use = \"Two\\nlines\\tand a tab. Indoor");
    assert!(parse_declaration("t", &t, Format::Toml).is_ok());
    // Other fields, other documents.
    let e = with(GOOD_EVIDENCE, "\"tester\": \"Example Test Lab\"", "\"tester\": \"Example\\u0007 Lab\"");
    let err = parse_evidence("e", &e, Format::Json).unwrap_err();
    assert_eq!(err.diagnostics[0].path, "items[0].tester", "{err}");
}

#[test]
fn over_long_identity_fields_and_mud_urls_are_refused() {
    let long = "M".repeat(121);
    let t = with(GOOD_TOML, "model = \"Cam 2\"", &format!("model = \"{long}\""));
    let d = one(&t, Format::Toml, "identity.model", line_of(&t, "model = "), "too long (121 characters)");
    assert_eq!(d.expected.as_deref(), Some("at most 120 characters"));
    assert!(
        parse_declaration(
            "t",
            &with(GOOD_TOML, "model = \"Cam 2\"", &format!("model = \"{}\"", "M".repeat(120))),
            Format::Toml
        )
        .is_ok()
    );

    let url = format!("https://acme.example/{}", "m".repeat(240));
    let t =
        with(GOOD_TOML, "mud_url = \"https://acme.example/mud/cam2.json\"", &format!("mud_url = \"{url}\""));
    let d = one(&t, Format::Toml, "network.mud_url", line_of(&t, "mud_url"), "too long");
    assert!(d.expected.as_deref().unwrap().starts_with("at most 255"), "{d:?}");
}

#[test]
fn claim_paths_are_checked_to_the_last_segment() {
    let t = with(GOOD_TOML, "field = \"authentication\"", "field = \"updates.signd\"");
    let d = one(
        &t,
        Format::Toml,
        "attestations.claims[0].field",
        line_of(&t, "updates.signd"),
        "`updates.signd` is not a declaration field",
    );
    assert_eq!(d.suggestion.as_deref(), Some("did you mean `updates.signed`?"));
    let t = with(GOOD_TOML, "field = \"authentication\"", "field = \"sensors[0].type\"");
    assert!(parse_declaration("t", &t, Format::Toml).is_ok());
}

#[test]
fn certifications_need_an_id_and_a_known_scheme_spelt_right() {
    let cert = "[[attestations.certifications]]\nscheme = \"sg-cl\"\nlevel = \"2\"\nid = \"\"\nissued = 2025-01-01\n\n[[attestations.claims]]";
    let t = with(GOOD_TOML, "[[attestations.claims]]", cert);
    let err = errors(&t, Format::Toml);
    assert_eq!(err.diagnostics.len(), 2, "{err}");
    assert_eq!(err.diagnostics[0].path, "attestations.certifications[0].scheme");
    assert_eq!(err.diagnostics[0].suggestion.as_deref(), Some("did you mean `sg-cls`?"));
    assert_eq!(err.diagnostics[1].path, "attestations.certifications[0].id");
    // A scheme of its own is fine.
    let t = with(
        GOOD_TOML,
        "[[attestations.claims]]",
        &cert.replace("sg-cl", "bsi-it-sik").replace("id = \"\"", "id = \"X1\""),
    );
    assert!(parse_declaration("t", &t, Format::Toml).is_ok());
}

#[test]
fn evidence_items_need_an_id() {
    let e = with(GOOD_EVIDENCE, "\"id\": \"lab-2024-017-pw\"", "\"id\": \"\"");
    let err = parse_evidence("e", &e, Format::Json).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert_eq!(err.diagnostics[0].path, "items[1].id");
    assert_eq!(err.diagnostics[0].message, "must not be empty");
}

#[test]
fn country_codes_must_be_assigned_ones() {
    let t = with(GOOD_TOML, "country = \"GB\"", "country = \"ZZ\"");
    one(
        &t,
        Format::Toml,
        "identity.manufacturer.country",
        line_of(&t, "country"),
        "`ZZ` is not an ISO 3166-1 country code",
    );
    let t = with(GOOD_TOML, "country = \"GB\"", "country = \"gb\"");
    let d = one(&t, Format::Toml, "identity.manufacturer.country", line_of(&t, "country"), "`gb`");
    assert_eq!(d.suggestion.as_deref(), Some("write it in capitals: `GB`"));
}

#[test]
fn expected_use_months_is_bounded_on_both_paths() {
    for (value, message) in [("0", "0 months is not"), ("601", "601 months is not")] {
        let t = with(
            GOOD_TOML,
            "support_end = 2029-03-01",
            &format!("support_end = 2029-03-01\nexpected_use_months = {value}"),
        );
        let d =
            one(&t, Format::Toml, "updates.expected_use_months", line_of(&t, "expected_use_months"), message);
        assert_eq!(d.expected.as_deref(), Some("an integer from 1 to 600"));
    }
    let t = with(GOOD_TOML, "support_end = 2029-03-01", "support_end = 2029-03-01\nexpected_use_months = 24");
    assert!(iotlabel_model::parse_declaration("x.toml", &t, Format::Toml).is_ok());
}

// Ownership facts (The Digital Standard's ownership criteria) are held to the release date and to
// each other.

#[test]
fn ownership_facts_that_contradict_each_other_or_the_release_date_are_located() {
    let own = "\n[ownership.repair]\nspare_parts = false\nrepair_information = false\navailable_until = 2023-01-01\n\n[ownership.end_of_service]\nfunction = \"none\"\nlocal_api = true\n";
    let text = format!("{GOOD_TOML}{own}");
    let err = errors(&text, Format::Toml);
    let found: Vec<(&str, usize, &str)> =
        err.diagnostics.iter().map(|d| (d.path.as_str(), d.line, d.message.as_str())).collect();
    let until = line_of(&text, "available_until = 2023");
    let api = line_of(&text, "local_api = true");
    assert_eq!(err.diagnostics.len(), 3, "{err}");
    assert!(
        found.iter().any(|(p, l, m)| *p == "ownership.repair.available_until"
            && *l == until
            && m.contains("before the release date (2024-03-01)")),
        "{err}"
    );
    assert!(
        found.iter().any(|(p, l, m)| *p == "ownership.repair.available_until"
            && *l == until
            && m.contains("neither spare parts nor repair information")),
        "{err}"
    );
    assert!(
        found.iter().any(|(p, l, m)| *p == "ownership.end_of_service.local_api"
            && *l == api
            && m.contains("says the device stops working")),
        "{err}"
    );
    // The same facts, consistent, are accepted.
    let fine = own.replace("spare_parts = false", "spare_parts = true").replace("2023-01-01", "2030-01-01");
    let fine = fine
        .replace("local_api = true", "local_api = false")
        .replace("function = \"none\"", "function = \"partial\"");
    assert!(parse_declaration("t", &format!("{GOOD_TOML}{fine}"), Format::Toml).is_ok());
}

#[test]
fn ownership_enums_and_notice_periods_are_checked() {
    let text = format!("{GOOD_TOML}\n[ownership.repair]\nbattery = \"glued\"\n");
    let d =
        one(&text, Format::Toml, "ownership.repair.battery", line_of(&text, "battery = \"glued\""), "glued");
    let all = format!("{} {:?}", d.message, d.expected);
    for value in ["user_replaceable", "service_replaceable", "not_replaceable"] {
        assert!(all.contains(value), "{all}");
    }
    let text = format!("{GOOD_TOML}\n[ownership.end_of_service]\nnotice_months = 601\n");
    let d = one(
        &text,
        Format::Toml,
        "ownership.end_of_service.notice_months",
        line_of(&text, "notice_months"),
        "601",
    );
    assert!(format!("{:?}", d.expected).contains("600"), "{d:?}");
}
