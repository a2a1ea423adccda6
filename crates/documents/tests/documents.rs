//! Scheme documents: a complete declaration gives every scheme's paperwork (golden files), sparse
//! or bad ones are refused with the fields to fill in.

use std::path::Path;

use chrono::NaiveDate;
use iotlabel_assess::{Report, Verdict};
use iotlabel_documents::{Document, MissingFacts, Scheme, document};
use iotlabel_i18n::Lang;
use iotlabel_model::{Certification, Declaration, DefaultPasswordPolicy, Format, parse_declaration};

fn day() -> NaiveDate {
    iotlabel_testkit::as_of()
}

fn example(name: &str) -> Declaration {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/devices").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&path).unwrap();
    parse_declaration(name, &text, Format::Toml).unwrap_or_else(|e| panic!("{name} is invalid:\n{e}"))
}

fn report(d: &Declaration) -> Report<'static> {
    iotlabel_testkit::engine().assess(d, None, &[], day())
}

fn write(scheme: Scheme, d: &Declaration, lang: Lang) -> Result<Document, MissingFacts> {
    document(scheme, d, None, &report(d), lang, day())
}

fn written(scheme: Scheme, name: &str, lang: Lang) -> Document {
    let d = example(name);
    write(scheme, &d, lang).unwrap_or_else(|e| panic!("{name} {scheme} refused:\n{e}"))
}

fn refused(scheme: Scheme, name: &str) -> MissingFacts {
    let d = example(name);
    match write(scheme, &d, Lang::En) {
        Ok(doc) => panic!("{name} {scheme} was written:\n{}", doc.body),
        Err(e) => e,
    }
}

fn assert_names(e: &MissingFacts, fields: &[&str]) {
    let named = e.fields();
    for f in fields {
        assert!(named.contains(f), "{} does not name {f}:\n{e}", e.scheme);
    }
}

// ---- golden documents -------------------------------------------------------------------------

#[test]
fn uk_psti_statement_of_compliance() {
    let doc = written(Scheme::UkPsti, "fortis-lock-pro", Lang::En);
    assert_eq!(doc.media_type, "text/markdown");
    assert_eq!(doc.file_name, "fortis-lock-pro-flp-200-rev-c-3-2-0-uk-psti-en.md");
    for line in ["Name:", "Function:", "Signature:", "Place of issue:", "Date of issue: 22 November 2026"] {
        assert!(doc.body.contains(line), "missing {line:?}");
    }
    assert!(doc.body.contains("15 September 2033"));
    assert!(doc.body.contains("Schlossstraße 12, 10115 Berlin, Germany"));
    insta::assert_snapshot!("uk_psti_fortis_en", doc.body);
}

#[test]
fn eu_cra_user_information() {
    let doc = written(Scheme::EuCra, "fortis-lock-pro", Lang::En);
    assert_eq!(doc.media_type, "text/markdown");
    for point in 1..=9 {
        assert!(doc.body.contains(&format!("\n## {point}. ")), "Annex II point {point} missing");
    }
    assert!(doc.body.contains("September 2033"));
    assert!(doc.body.contains("<https://fortis.example/doc/lock-pro-eu-doc.pdf>"));
    assert!(doc.body.contains("<https://fortis.example/lock-pro/sbom.spdx.json>"));
    insta::assert_snapshot!("eu_cra_fortis_en", doc.body);
}

#[test]
fn eu_cra_user_information_in_french() {
    let doc = written(Scheme::EuCra, "fortis-lock-pro", Lang::Fr);
    assert_eq!(doc.file_name, "fortis-lock-pro-flp-200-rev-c-3-2-0-eu-cra-fr.md");
    assert!(doc.body.contains("septembre 2033"));
    assert!(doc.body.contains("Serrure intelligente"));
    insta::assert_snapshot!("eu_cra_fortis_fr", doc.body);
}

#[test]
fn us_cyber_trust_mark_registry_data() {
    let doc = written(Scheme::UsCyberTrustMark, "fortis-lock-pro", Lang::En);
    assert_eq!(doc.media_type, "application/json");
    assert!(doc.file_name.ends_with("-us-cyber-trust-mark-en.json"));
    let v: serde_json::Value = serde_json::from_str(&doc.body).expect("valid JSON");
    for key in [
        "product_name",
        "manufacturer_name",
        "authorization",
        "certification_body",
        "lab_name",
        "default_password",
        "secure_configuration",
        "updates",
        "minimum_support_period",
        "bill_of_materials",
        "additional_elements",
    ] {
        assert!(v.get(key).is_some(), "key {key} missing");
    }
    assert_eq!(v["product_name"], "Fortis Lock Pro");
    assert_eq!(v["manufacturer_name"], "Fortis Security Hardware GmbH");
    assert_eq!(v["authorization"]["status"], "not_certified");
    assert_eq!(v["authorization"]["date"], serde_json::Value::Null);
    assert_eq!(v["authorization"]["iotlabel_assessment"]["framework"], "nist-ir-8425");
    assert_eq!(v["authorization"]["iotlabel_assessment"]["verdict"], "conformant");
    assert!(v["authorization"]["statement"].as_str().unwrap().starts_with("Not certified"));
    // The lab the declaration names has shown no test: no lab name without lab evidence.
    assert_eq!(v["lab_name"], serde_json::Value::Null);
    assert_eq!(v["updates"]["automatic"], true);
    assert_eq!(v["minimum_support_period"], "2033-09-15");
    assert_eq!(v["bill_of_materials"]["sbom_maintained"], true);
    assert_eq!(v["additional_elements"]["multi_factor_authentication"], "required");
    insta::assert_snapshot!("us_cyber_trust_mark_fortis_en", doc.body);
}

#[test]
fn etsi_implementation_conformance_statement() {
    let doc = written(Scheme::Etsi, "fortis-lock-pro", Lang::En);
    assert_eq!(doc.media_type, "text/markdown");
    let rows = table_rows(&doc.body);
    assert_eq!(rows.len(), 78, "one row per provision");
    assert!(rows.iter().any(|r| r.starts_with("| 5.0-1 | M | Y |")));
    // 5.1-2 is feature-dependent and does not apply: N/A is allowed there.
    assert!(rows.iter().any(|r| r.starts_with("| 5.1-2 | M F(b) | N/A |")), "{rows:#?}");
    insta::assert_snapshot!("etsi_fortis_en", doc.body);
}

/// The table's data rows: the lines after the header separator, up to the first blank line.
fn table_rows(body: &str) -> Vec<&str> {
    body.lines().skip_while(|l| !l.starts_with("|---")).skip(1).take_while(|l| l.starts_with('|')).collect()
}

#[test]
fn bad_devices_get_an_honest_etsi_statement_when_every_mandatory_provision_is_decided() {
    // A product that fails almost everything still gets its statement (N where not supported),
    // as long as no mandatory provision is undecided.
    let mut d = example("budget-cam-universal-password");
    d.updates.time_to_fix_days = Some(400);
    d.updates.support_end = Some(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    let doc = write(Scheme::Etsi, &d, Lang::En).unwrap_or_else(|e| panic!("{e}"));
    let rows = table_rows(&doc.body);
    assert_eq!(rows.len(), 78);
    assert!(rows.iter().any(|r| r.starts_with("| 5.1-1 | M F(a) | N |")), "{rows:#?}");
    assert!(doc.body.contains("## Recommendations not implemented"));
    assert!(doc.body.contains("## Recommendations not yet decided"));
}

#[test]
fn every_document_renders_in_both_languages() {
    for lang in Lang::ALL {
        for scheme in Scheme::ALL {
            let doc = written(scheme, "fortis-lock-pro", lang);
            assert!(!doc.body.contains("[doc-"), "{scheme} {lang} has an unknown message id:\n{}", doc.body);
            assert!(doc.file_name.ends_with(&format!("-{}-{lang}.{}", scheme.id(), doc_ext(scheme))));
        }
    }
    let fr = written(Scheme::UkPsti, "fortis-lock-pro", Lang::Fr);
    assert!(fr.body.contains("Signature\u{a0}:"));
    assert!(fr.body.contains("15 septembre 2033"));
}

/// French puts a no-break space before `:` and `;` (a plain space lets the line break before
/// them), and calls the support period one thing everywhere.
fn check_french(what: &str, text: &str) {
    for bad in [" :", " ;", "période de support", "période de soutien", "Internet"] {
        assert!(!text.contains(bad), "{what}: `{bad}` in:\n{text}");
    }
    for (i, c) in text.char_indices().filter(|(_, c)| matches!(c, ';' | ':')) {
        let before = text[..i].chars().next_back().unwrap_or(' ');
        let after = text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
        if after == ' ' || after == '\n' {
            assert_eq!(before, '\u{a0}', "{what}: `{}`", &text[i.saturating_sub(30)..i + 1]);
        }
    }
}

#[test]
fn french_documents_keep_french_typography_and_one_term_for_the_support_period() {
    for scheme in Scheme::ALL.into_iter().filter(|s| *s != Scheme::UsCyberTrustMark) {
        check_french(scheme.id(), &written(scheme, "fortis-lock-pro", Lang::Fr).body);
    }
    let e = refused(Scheme::UkPsti, "budget-cam-universal-password");
    // The refusal's lines quote the assessment's reasons (locales/fr/assess.ftl) too.
    check_french("uk-psti refusal", &e.text(Lang::Fr));
    let mut d = example("fortis-lock-pro");
    d.updates.support_end = NaiveDate::from_ymd_opt(2020, 1, 1);
    let e = write(Scheme::UkPsti, &d, Lang::Fr).unwrap_err();
    check_french("support ended", &e.text(Lang::Fr));
}

/// Every French message: no plain space before `:` `;` `?` `!`, one term for the support
/// period, "internet" in lower case as the label writes it.
#[test]
fn french_catalogs_keep_french_typography() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales/fr");
    for file in ["assess.ftl", "documents.ftl", "label.ftl", "common.ftl"] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with('#')) {
            let at = format!("locales/fr/{file}:{}", n + 1);
            for bad in [" :", " ;", " ?", " !", "période de support", "soutien", "Internet "] {
                // "Internet" may open a sentence or a heading.
                let value = line.split_once(" = ").map_or(line, |(_, v)| v);
                let rest = value.char_indices().nth(1).map_or("", |(i, _)| &value[i..]);
                let hit = if bad == "Internet " { rest.contains(bad) } else { value.contains(bad) };
                assert!(!hit, "{at}: `{bad}` in {line}");
            }
            for (i, c) in line.char_indices().filter(|(_, c)| *c == ';') {
                let before = line[..i].chars().next_back().unwrap_or(' ');
                assert_eq!(before, '\u{a0}', "{at}: no no-break space before `{c}`: {line}");
            }
        }
    }
}

fn doc_ext(s: Scheme) -> &'static str {
    if s == Scheme::UsCyberTrustMark { "json" } else { "md" }
}

#[test]
fn documents_are_deterministic() {
    for scheme in Scheme::ALL {
        let a = written(scheme, "fortis-lock-pro", Lang::En);
        let b = written(scheme, "fortis-lock-pro", Lang::En);
        assert_eq!(a, b);
    }
}

#[test]
fn frameworks_left_out_of_the_report_are_assessed_on_demand() {
    let d = example("fortis-lock-pro");
    let partial = iotlabel_testkit::engine().assess(&d, None, &["uk-psti"], day());
    for scheme in Scheme::ALL {
        let a = document(scheme, &d, None, &partial, Lang::En, day()).unwrap();
        let b = write(scheme, &d, Lang::En).unwrap();
        assert_eq!(a, b, "{scheme}");
    }
}

// ---- refusals ---------------------------------------------------------------------------------

#[test]
fn uk_psti_refuses_missing_facts_and_unmet_requirements() {
    let e = refused(Scheme::UkPsti, "thermaline-t4");
    assert_eq!(e.scheme, Scheme::UkPsti);
    assert_eq!(e.fields()[0], "identity.manufacturer.address");
    // Requirements 2 (no published policy or timelines) and 3 (support period not published).
    assert_names(&e, &["vulnerability_disclosure.policy_url", "updates.support_period_url"]);
    let text = e.to_string();
    assert!(text.starts_with("Cannot write the UK PSTI statement of compliance"), "{text}");
    assert!(text.contains("UK PSTI requirement 2"), "{text}");

    let e = refused(Scheme::UkPsti, "budget-cam-universal-password");
    assert_names(
        &e,
        &[
            "identity.manufacturer.address",
            "updates.support_end",
            "vulnerability_disclosure.contact",
            "authentication.default_password",
        ],
    );
    insta::assert_snapshot!("uk_psti_budget_refused", e.to_string());
    // French headline and guidance (the requirement reasons come from the assessment's catalogs).
    let fr = e.text(Lang::Fr);
    assert!(fr.starts_with("Impossible de rédiger ce document (déclaration de conformité UK PSTI)"), "{fr}");
    assert!(fr.contains("ajoutez `address` sous [identity.manufacturer]"), "{fr}");
}

#[test]
fn uk_psti_refuses_a_non_compliant_product_even_with_every_fact() {
    let mut d = example("fortis-lock-pro");
    d.authentication.default_password = DefaultPasswordPolicy::Universal;
    // Without the CLS label the lock holds (a route the regulations accept for requirement 1).
    d.attestations.certifications.clear();
    let e = write(Scheme::UkPsti, &d, Lang::En).unwrap_err();
    assert_eq!(e.fields(), ["authentication.default_password"]);
    assert!(e.to_string().contains("requirement 1"), "{e}");
}

/// The statement names the route a requirement is deemed met by: the ETSI provisions when they
/// are met, otherwise a current label the regulations accept (SI 2025/1267).
#[test]
fn uk_psti_names_the_route_each_requirement_is_deemed_met_by() {
    let d = example("fortis-lock-pro");
    let s = write(Scheme::UkPsti, &d, Lang::En).unwrap().body;
    assert!(s.contains("Deemed met through ETSI EN 303 645 5.1-1 and 5.1-2"), "{s}");
    let mut d = example("fortis-lock-pro");
    d.authentication.default_password = DefaultPasswordPolicy::Universal;
    let s = write(Scheme::UkPsti, &d, Lang::En).unwrap().body;
    assert!(s.contains("Deemed met through the current Singapore CLS(IoT) label CLS-2025-EX-0042"), "{s}");
    let fr = write(Scheme::UkPsti, &d, Lang::Fr).unwrap().body;
    assert!(fr.contains("Réputée satisfaite par le label Singapore CLS(IoT) CLS-2025-EX-0042"), "{fr}");
}

#[test]
fn uk_psti_refuses_a_support_period_that_ended_before_issue() {
    let d = example("fortis-lock-pro");
    let late = NaiveDate::from_ymd_opt(2034, 1, 1).unwrap();
    let e = document(Scheme::UkPsti, &d, None, &report(&d), Lang::En, late).unwrap_err();
    assert_eq!(e.fields(), ["updates.support_end"]);
    assert!(e.to_string().contains("15 September 2033"), "{e}");
}

#[test]
fn eu_cra_refuses_missing_facts() {
    let e = refused(Scheme::EuCra, "thermaline-t4");
    assert_eq!(
        e.fields(),
        [
            "identity.manufacturer.address",
            "vulnerability_disclosure.policy_url",
            "identity.intended_use",
            "documentation.risks_documented",
            "documentation.eu_declaration_url",
        ]
    );
    let e = refused(Scheme::EuCra, "budget-cam-universal-password");
    assert_names(
        &e,
        &[
            "identity.manufacturer.address",
            "identity.manufacturer.contact_email",
            "vulnerability_disclosure.contact",
            "vulnerability_disclosure.policy_url",
            "identity.intended_use",
            "documentation.risks_documented",
            "documentation.eu_declaration_url",
            "updates.support_end",
        ],
    );
}

#[test]
fn us_cyber_trust_mark_refuses_missing_facts() {
    let e = refused(Scheme::UsCyberTrustMark, "thermaline-t4");
    assert_eq!(e.fields(), ["documentation.secure_setup_guide"]);
    let e = refused(Scheme::UsCyberTrustMark, "budget-cam-universal-password");
    assert_eq!(e.fields(), ["updates.support_end"]);
    assert!(e.to_string().contains("add `support_end` under [updates]"), "{e}");
}

#[test]
fn us_cyber_trust_mark_reports_a_declared_certification() {
    let mut d = example("fortis-lock-pro");
    d.attestations.certifications.push(Certification {
        scheme: "us-cyber-trust-mark".into(),
        level: None,
        id: "USCTM-0001".into(),
        issued: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        expires: None,
    });
    let doc = write(Scheme::UsCyberTrustMark, &d, Lang::En).unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    assert_eq!(v["authorization"]["status"], "authorized");
    assert_eq!(v["authorization"]["date"], "2026-06-01");
    assert_eq!(v["authorization"]["certificate_id"], "USCTM-0001");
}

#[test]
fn us_cyber_trust_mark_says_unsupported_when_support_has_ended() {
    // Echoes' support period ended on 2023-06-30.
    let doc = written(Scheme::UsCyberTrustMark, "echoes-speaker-eol", Lang::En);
    let v: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    assert_eq!(v["minimum_support_period"], "unsupported");
    // A product that cannot be updated is unsupported whatever date it declares.
    let mut d = example("fortis-lock-pro");
    d.updates.mechanism = iotlabel_model::UpdateMechanism::None;
    let doc = write(Scheme::UsCyberTrustMark, &d, Lang::En).unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    assert_eq!(v["minimum_support_period"], "unsupported");
}

#[test]
fn etsi_refuses_undecided_mandatory_provisions() {
    let e = refused(Scheme::Etsi, "thermaline-t4");
    assert_names(
        &e,
        &[
            "documentation.justifications_recorded",
            "hardware.secrets_stored_securely",
            "updates.time_to_fix_days",
        ],
    );
    // Recommended provisions left undecided do not refuse the statement: 5.1-2A is recommended.
    assert!(!e.fields().contains(&"authentication.machine_credentials_unique"), "{e}");
    let fields = e.fields();
    let mut sorted = fields.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(fields, sorted, "one line per field, sorted");
    assert!(e.to_string().contains("5.0-1"), "{e}");

    let e = refused(Scheme::Etsi, "budget-cam-universal-password");
    assert_eq!(e.fields(), ["updates.support_end", "updates.time_to_fix_days"]);
    assert!(e.to_string().contains("mandatory provision 5.3-8"), "{e}");
}

#[test]
fn scheme_ids_round_trip() {
    for s in Scheme::ALL {
        assert_eq!(Scheme::parse(s.id()), Some(s));
        assert_eq!(s.to_string(), s.id());
    }
    assert_eq!(Scheme::parse(" UK-PSTI "), Some(Scheme::UkPsti));
    assert_eq!(Scheme::parse("etsi"), None);
}

#[test]
fn etsi_support_column_follows_the_pro_forma_rules() {
    let d = example("fortis-lock-pro");
    let mut r = report(&d);
    let etsi = r.frameworks.iter_mut().find(|f| f.id == "etsi-en-303-645").unwrap();
    for req in &mut etsi.requirements {
        match req.id {
            // Unconditional: not applicable is not allowed, shown as N with a note.
            "5.0-1" => req.verdict = Verdict::NotApplicable,
            // Recommended and undecided: "?" and listed with the field to add.
            "5.1-2A" => {
                req.verdict = Verdict::Unknown;
                req.missing = vec!["authentication.machine_credentials_unique"];
            }
            "5.5-1" => req.verdict = Verdict::Contradicted,
            _ => {}
        }
    }
    let doc = document(Scheme::Etsi, &d, None, &r, Lang::En, day()).unwrap();
    let rows = table_rows(&doc.body);
    let row = |id: &str| *rows.iter().find(|r| r.starts_with(&format!("| {id} |"))).unwrap();
    assert!(row("5.0-1").starts_with("| 5.0-1 | M | N |"), "{}", row("5.0-1"));
    assert!(row("5.0-1").contains("does not allow N/A"), "{}", row("5.0-1"));
    assert!(row("5.1-2A").starts_with("| 5.1-2A | R | ? |"));
    assert!(row("5.5-1").starts_with("| 5.5-1 | M | N |"));
    assert!(doc.body.contains("- 5.1-2A: add `authentication.machine_credentials_unique`."), "{}", doc.body);
    assert!(
        doc.body.contains("Summary: 71 Y, 2 N, 4 N/A, 1 undecided, out of 78 provisions."),
        "{}",
        doc.body
    );

    // The same gap on a mandatory provision refuses the statement.
    let etsi = r.frameworks.iter_mut().find(|f| f.id == "etsi-en-303-645").unwrap();
    let req = etsi.requirements.iter_mut().find(|q| q.id == "5.1-3").unwrap();
    req.verdict = Verdict::Unknown;
    req.missing = vec!["authentication.best_practice_crypto"];
    let e = document(Scheme::Etsi, &d, None, &r, Lang::En, day()).unwrap_err();
    assert_eq!(e.fields(), ["authentication.best_practice_crypto"]);
}

#[test]
fn us_cyber_trust_mark_names_only_labs_whose_evidence_counts() {
    let d = example("fortis-lock-pro");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/evidence/fortis-lock-pro-lab.json");
    let text = std::fs::read_to_string(path).unwrap();
    let ev = iotlabel_model::parse_evidence("fortis-lock-pro-lab.json", &text, Format::Json).unwrap();
    let r = iotlabel_testkit::engine().assess(&d, Some(&ev), &[], day());
    let doc = document(Scheme::UsCyberTrustMark, &d, Some(&ev), &r, Lang::En, day()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    assert_eq!(v["lab_name"], "Example Approved Lab");
    // The same evidence presented as the manufacturer's own test names no lab.
    let mut own = ev.clone();
    for it in &mut own.items {
        it.tester = "Fortis Security Hardware GmbH test centre".into();
    }
    let r = iotlabel_testkit::engine().assess(&d, Some(&own), &[], day());
    let doc = document(Scheme::UsCyberTrustMark, &d, Some(&own), &r, Lang::En, day()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
    assert_eq!(v["lab_name"], serde_json::Value::Null);
}

// ---- hostile text -----------------------------------------------------------------------------

/// Markup, a `javascript:` link and image, a pipe-split cell, and line breaks followed by a forged
/// heading, table row and list item.
const PAYLOAD: &str = "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) \
    ![i](data:text/html,x) <https://evil.example> <!-- c --> &lt;b&gt; *em* `code` a|b|c\n# Forged heading\n\
    | 9.9-9 | M | Y | forged row |\n- forged item\r\n===\n\u{1b}[31m\u{2028}## Forged too";

/// Evidence and declaration fields that name something in the catalogs (they must resolve for
/// the evidence to count at all); every other string is a value to escape.
const REFERENCES: [&str; 3] = ["control", "requirement", "schema_version"];

/// Every string leaf of `value` (by JSON pointer) whose last key is not a reference.
fn string_leaves(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(_) => {
            let key = at.rsplit('/').next().unwrap_or_default();
            if !REFERENCES.contains(&key) {
                out.push(at);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                string_leaves(v, format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                string_leaves(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
}

/// `value` with every string leaf that still deserialises as `T` with any text in it (not an
/// enum, a date or a reference) replaced by `payload(n)`, numbered in document order. Generic: a
/// field added to the model is covered without touching this test.
fn hostile<T: serde::Serialize + serde::de::DeserializeOwned>(
    value: &T,
    next: &mut usize,
    payload: &dyn Fn(usize) -> String,
) -> (T, usize) {
    let mut root = serde_json::to_value(value).unwrap();
    let mut leaves = Vec::new();
    string_leaves(&root, String::new(), &mut leaves);
    let mut replaced = 0;
    for p in leaves {
        let old = root.pointer(&p).unwrap().clone();
        *root.pointer_mut(&p).unwrap() = serde_json::Value::String(payload(*next));
        if serde_json::from_value::<T>(root.clone()).is_ok() {
            *next += 1;
            replaced += 1;
        } else {
            *root.pointer_mut(&p).unwrap() = old;
        }
    }
    (serde_json::from_value(root).unwrap(), replaced)
}

/// The number of pipes in a table row that split cells (not escaped by a backslash).
fn cell_boundaries(row: &str) -> usize {
    let mut n = 0;
    let mut backslashes = 0;
    for c in row.chars() {
        if c == '|' && backslashes % 2 == 0 {
            n += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    n
}

/// What no Markdown document may contain, whatever the declaration and evidence say.
fn assert_markdown_is_safe(what: &str, body: &str) {
    // The only markup: autolinks to http(s) and mailto: addresses, without spaces.
    for (i, _) in body.match_indices('<') {
        let rest = &body[i..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        assert!(
            ["<https://", "<http://", "<mailto:"].iter().any(|p| tag.starts_with(p))
                && !tag.contains(char::is_whitespace),
            "{what}: markup `{}` in:\n{body}",
            &rest[..rest.len().min(40)]
        );
    }
    // No inline link or image at all (our sentences have none), so none to javascript: or data:.
    assert!(!body.contains("]("), "{what}: a link in:\n{body}");
    for c in body.chars() {
        assert!(
            c == '\n' || !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}'),
            "{what}: {c:?} in:\n{body}"
        );
    }
    for line in body.lines() {
        let l = line.trim_start();
        for forged in ["# Forged", "## Forged", "| 9.9-9", "- forged", "==="] {
            assert!(!l.starts_with(forged), "{what}: forged line `{line}` in:\n{body}");
        }
        if l.starts_with('|') {
            assert_eq!(cell_boundaries(l), 5, "{what}: a table row without its four columns: `{line}`");
        }
    }
}

fn assert_json_is_safe(what: &str, body: &str) {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: {e}\n{body}"));
    fn urls(v: &serde_json::Value, key: &str, what: &str) {
        match v {
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| urls(v, k, what)),
            serde_json::Value::Array(a) => a.iter().for_each(|v| urls(v, key, what)),
            serde_json::Value::String(s) if key.ends_with("url") || key.ends_with("_policy") => {
                assert!(s.starts_with("https://") || s.starts_with("http://"), "{what}: {key} = {s:?}");
            }
            _ => {}
        }
    }
    urls(&v, "", what);
    assert!(!body.chars().any(|c| c != '\n' && c.is_control()), "{what}: raw control character");
}

fn fortis_with_lab_evidence() -> (Declaration, iotlabel_model::Evidence) {
    let d = example("fortis-lock-pro");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/evidence/fortis-lock-pro-lab.json");
    let text = std::fs::read_to_string(path).unwrap();
    let ev = iotlabel_model::parse_evidence("fortis-lock-pro-lab.json", &text, Format::Json).unwrap();
    (d, ev)
}

/// Every free-text value of a declaration and its evidence, hostile at once: every scheme in
/// both languages is written, and no value escapes its place.
#[test]
fn no_declared_or_tested_text_can_forge_markup_links_or_lines() {
    let payloads: [(&str, &dyn Fn(usize) -> String); 2] = [
        ("markup", &|n| format!("ZZ{n} {PAYLOAD}")),
        ("link scheme", &|n| format!("javascript:alert({n})//")),
    ];
    for (kind, payload) in payloads {
        let (d, ev) = fortis_with_lab_evidence();
        let mut next = 0;
        let (d, in_decl) = hostile(&d, &mut next, payload);
        let (mut ev, in_evidence) = hostile(&ev, &mut next, payload);
        assert!(in_decl > 30 && in_evidence >= 9, "{in_decl} declaration and {in_evidence} evidence values");
        // The evidence is about this (hostile) device, so that it counts and is quoted.
        ev.device = Some(iotlabel_model::TestedDevice {
            brand: d.identity.brand.clone(),
            model: d.identity.model.clone(),
            firmware_version: Some(d.identity.firmware_version.clone()),
        });
        let r = iotlabel_testkit::engine().assess(&d, Some(&ev), &[], day());
        for lang in Lang::ALL {
            for scheme in Scheme::ALL {
                let what = format!("{scheme} {lang} ({kind})");
                let doc = document(scheme, &d, Some(&ev), &r, lang, day())
                    .unwrap_or_else(|e| panic!("{what} refused:\n{e}"));
                if scheme == Scheme::UsCyberTrustMark {
                    assert_json_is_safe(&what, &doc.body);
                    let v: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
                    assert_eq!(v["manufacturer_name"], d.identity.manufacturer.name.as_str(), "{what}");
                } else {
                    assert_markdown_is_safe(&what, &doc.body);
                    if kind == "markup" {
                        assert!(doc.body.contains("ZZ0 "), "{what}: the brand is not shown:\n{}", doc.body);
                    }
                }
            }
        }
        if kind == "markup" {
            // The conformance statement quotes the tests: their summaries are in the table.
            let doc = document(Scheme::Etsi, &d, Some(&ev), &r, Lang::En, day()).unwrap();
            let quoted = table_rows(&doc.body).iter().filter(|row| row.contains("ZZ")).count();
            assert!(quoted > 0, "no evidence quoted:\n{}", doc.body);
        }
    }
}
