//! Fuzzes the scheme documents' writers with hostile text: the input, split at NUL bytes, is
//! written into every free-text value of the Fortis Lock Pro declaration and its lab evidence
//! (every string that deserialises with any text in it, chunks reused in turn), without the
//! parser's text policy, so the writers see what a library caller could hand them. The result is
//! assessed and every scheme written in English and French.
//!
//! Invariants: nothing panics; a Markdown document's only markup is an autolink to an http(s) or
//! mailto: address (no `<script`, no `<img`, no HTML comment), it has no inline link or image (no
//! `](javascript:`), no control character but the line break, and every row of a table keeps its
//! four columns; a JSON document parses and its URL fields are http(s) or null.
#![no_main]

use chrono::NaiveDate;
use iotlabel_catalog::Catalogs;
use iotlabel_documents::{Scheme, document};
use iotlabel_i18n::Lang;
use iotlabel_model::{Declaration, Evidence, Format, TestedDevice};
use libfuzzer_sys::fuzz_target;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

const DECLARATION: &str = include_str!("../../examples/devices/fortis-lock-pro.toml");
const EVIDENCE: &str = include_str!("../../examples/evidence/fortis-lock-pro-lab.json");

/// Fields that name catalog entries: kept, or the evidence would not count.
const REFERENCES: [&str; 3] = ["control", "requirement", "schema_version"];

fn engine() -> &'static iotlabel_assess::Engine<'static> {
    static ENGINE: std::sync::OnceLock<iotlabel_assess::Engine<'static>> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| iotlabel_assess::Engine::new(Catalogs::builtin()))
}

/// The example as JSON and the pointers of its free-text strings.
struct Template {
    json: Value,
    leaves: Vec<String>,
}

fn leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) if !REFERENCES.contains(&at.rsplit('/').next().unwrap_or_default()) => out.push(at),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| leaves(v, format!("{at}/{i}"), out)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, v)| leaves(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        _ => {}
    }
}

fn template<T: Serialize + DeserializeOwned>(value: &T) -> Template {
    let mut json = serde_json::to_value(value).expect("serialises");
    let mut all = Vec::new();
    leaves(&json, String::new(), &mut all);
    let mut kept = Vec::new();
    for p in all {
        let old = json.pointer(&p).cloned().unwrap_or(Value::Null);
        *json.pointer_mut(&p).expect("leaf") = Value::String("probe <x> text".into());
        let takes_text = serde_json::from_value::<T>(json.clone()).is_ok();
        *json.pointer_mut(&p).expect("leaf") = old;
        if takes_text {
            kept.push(p);
        }
    }
    Template { json, leaves: kept }
}

fn templates() -> &'static (Template, Template) {
    static CELL: std::sync::OnceLock<(Template, Template)> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        let d: Declaration =
            iotlabel_model::parse_declaration("fortis-lock-pro.toml", DECLARATION, Format::Toml)
                .expect("the example declaration is valid");
        let e: Evidence = iotlabel_model::parse_evidence("fortis-lock-pro-lab.json", EVIDENCE, Format::Json)
            .expect("the example evidence is valid");
        (template(&d), template(&e))
    })
}

/// The template with its free-text strings taken from `chunks` in turn.
fn patched<T: DeserializeOwned>(t: &Template, chunks: &[&str], next: &mut usize) -> Option<T> {
    let mut json = t.json.clone();
    for p in &t.leaves {
        *json.pointer_mut(p)? = Value::String(chunks[*next % chunks.len()].to_string());
        *next += 1;
    }
    serde_json::from_value(json).ok()
}

fn check_markdown(what: &str, body: &str) {
    for (i, _) in body.match_indices('<') {
        let rest = &body[i..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        assert!(
            ["<https://", "<http://", "<mailto:"].iter().any(|p| tag.starts_with(p))
                && !tag.contains(char::is_whitespace),
            "{what}: markup {tag:?}"
        );
    }
    assert!(!body.contains("]("), "{what}: an inline link or image");
    assert!(!body.chars().any(|c| c != '\n' && c.is_control()), "{what}: a control character");
    for line in body.lines().filter(|l| l.starts_with('|')) {
        let mut pipes = 0;
        let mut backslashes = 0;
        for c in line.chars() {
            if c == '|' && backslashes % 2 == 0 {
                pipes += 1;
            }
            backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        }
        assert_eq!(pipes, 5, "{what}: a table row without its four columns: {line:?}");
    }
}

fn check_json(what: &str, body: &str) {
    let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    fn urls(v: &Value, key: &str, what: &str) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| urls(v, k, what)),
            Value::Array(a) => a.iter().for_each(|v| urls(v, key, what)),
            Value::String(s) if key.ends_with("url") || key.ends_with("_policy") => {
                assert!(s.starts_with("https://") || s.starts_with("http://"), "{what}: {key} = {s:?}");
            }
            _ => {}
        }
    }
    urls(&v, "", what);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chunks: Vec<&str> = text.split('\0').collect();
    let (td, te) = templates();
    let mut next = 0;
    let Some(decl) = patched::<Declaration>(td, &chunks, &mut next) else { return };
    let Some(mut ev) = patched::<Evidence>(te, &chunks, &mut next) else { return };
    // About this device, so that the evidence counts and its summaries are quoted.
    ev.device = Some(TestedDevice {
        brand: decl.identity.brand.clone(),
        model: decl.identity.model.clone(),
        firmware_version: Some(decl.identity.firmware_version.clone()),
    });
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let report = engine().assess(&decl, Some(&ev), &[], as_of);
    for lang in [Lang::En, Lang::Fr] {
        for scheme in Scheme::ALL {
            let Ok(doc) = document(scheme, &decl, Some(&ev), &report, lang, as_of) else { continue };
            let what = format!("{scheme} {lang}");
            if scheme == Scheme::UsCyberTrustMark {
                check_json(&what, &doc.body);
            } else {
                check_markdown(&what, &doc.body);
            }
        }
    }
});
