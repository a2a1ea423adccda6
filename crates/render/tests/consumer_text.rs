//! No raw field paths or slugs in consumer text: over every example (one with lab evidence) and
//! generated declarations, in English and in French, no sentence, name, value or row of the page
//! content (what the page and its JSON show, the panel's text alternative included) nor the text
//! label contains a declaration field path (from the
//! declaration's JSON Schema, the claims table and what the controls read) or a common control's
//! id (`catalogs/controls.toml`). Machine keys (`id`, `field`, `kind`, ...) are the JSON's to
//! carry and are not read.

use std::collections::BTreeSet;

use iotlabel_catalog::Catalogs;
use iotlabel_label::{LabelInput, build};
use iotlabel_model::testgen::{TextStyle, declaration_with};
use iotlabel_model::{Declaration, Evidence, Format};
use iotlabel_render::{Lang, page_content};
use iotlabel_testkit::{as_of, examples, root};
use serde_json::Value;

/// Keys of the page content that hold machine names, not words.
const MACHINE_KEYS: &[&str] = &["id", "field", "source", "lang", "kind"];

/// Every field path of the declaration's JSON Schema (`identity.manufacturer.name`,
/// `interfaces.kind`), list elements by their list's name.
fn schema_paths() -> BTreeSet<String> {
    let schema = iotlabel_model::schema::declaration_schema();
    let mut out = BTreeSet::new();
    walk_schema(schema, schema, "", &mut out, 0);
    out
}

fn walk_schema(root: &Value, node: &Value, prefix: &str, out: &mut BTreeSet<String>, depth: usize) {
    if depth > 12 {
        return;
    }
    if let Some(target) = node
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'))
        .and_then(|p| root.pointer(p))
    {
        walk_schema(root, target, prefix, out, depth + 1);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for alt in node.get(key).and_then(Value::as_array).into_iter().flatten() {
            walk_schema(root, alt, prefix, out, depth + 1);
        }
    }
    if let Some(items) = node.get("items") {
        walk_schema(root, items, prefix, out, depth + 1);
    }
    for (name, sub) in node.get("properties").and_then(Value::as_object).into_iter().flatten() {
        let path = if prefix.is_empty() { name.clone() } else { format!("{prefix}.{name}") };
        out.insert(path.clone());
        walk_schema(root, sub, &path, out, depth + 1);
    }
}

/// What a reader could take for a raw name: every path with more than one part or an
/// underscore (a lone `sensors` or `data` is also an ordinary word), every control id.
fn raw_names() -> Vec<String> {
    let cats = Catalogs::builtin();
    let mut names: BTreeSet<String> = schema_paths();
    names.extend(iotlabel_model::claims::CLAIMS.iter().map(|(p, _)| p.to_string()));
    for c in &cats.controls.controls {
        names.extend(c.reads.iter().cloned());
        names.insert(c.id.clone());
    }
    let names: Vec<String> = names.into_iter().filter(|n| n.contains('.') || n.contains('_')).collect();
    assert!(names.len() > 200, "{} names", names.len());
    assert!(names.iter().any(|n| n == "updates.mechanism") && names.iter().any(|n| n == "comms.encrypted"));
    names
}

/// Each string a reader sees in the content, with where it is.
fn consumer_strings(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((at.to_string(), s.clone())),
        Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, x)| consumer_strings(x, &format!("{at}[{i}]"), out))
        }
        Value::Object(o) => {
            for (k, x) in o.iter().filter(|(k, _)| !MACHINE_KEYS.contains(&k.as_str())) {
                consumer_strings(x, &format!("{at}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// Whether `name` stands in `text` as a word of its own (not inside a longer name or address).
fn shows(text: &str, name: &str) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/' | '[' | ']');
    text.match_indices(name).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + name.len()..].chars().next();
        !before.is_some_and(part)
            && !after.is_some_and(|c| {
                part(c) && c != '.'
                    || c == '.' && text[i + name.len() + 1..].starts_with(|c: char| c.is_ascii_alphanumeric())
            })
    })
}

fn lab_evidence() -> Evidence {
    let text = std::fs::read_to_string(root().join("examples/evidence/acme-cam-2-lab.json")).unwrap();
    iotlabel_model::parse_evidence("acme-cam-2-lab.json", &text, Format::Json).unwrap()
}

#[test]
fn consumer_text_names_fields_and_controls_in_words() {
    let names = raw_names();
    let evidence = lab_evidence();
    let mut cases: Vec<(String, Declaration, Option<&Evidence>)> = Vec::new();
    for (name, decl) in examples() {
        let ev = (name == "acme-cam-2").then_some(&evidence);
        cases.push((name, decl, ev));
    }
    // Plain free text: the manufacturer's own words are theirs to write, however they look.
    for seed in 0..60 {
        cases.push((format!("generated #{seed}"), declaration_with(seed, TextStyle::Plain), None));
    }
    let mut problems = BTreeSet::new();
    let mut checked = 0;
    for (name, decl, ev) in &cases {
        let report = iotlabel_testkit::engine().assess(decl, *ev, &[], as_of());
        let label =
            build(&LabelInput { decl, evidence: *ev, report: &report, base_url: "https://r.example/l/" });
        for lang in Lang::ALL {
            let content = serde_json::to_value(page_content(&label, &report, decl, lang)).unwrap();
            let mut strings = Vec::new();
            consumer_strings(&content, "", &mut strings);
            // The text label says the same things in its own lines.
            let txt = iotlabel_render::txt::render(&label, &report, lang);
            strings.push(("text label".to_string(), txt));
            for (at, text) in &strings {
                checked += 1;
                for raw in names.iter().filter(|n| shows(text, n)) {
                    problems.insert(format!("{name} {lang:?} {at}: `{raw}` in `{text}`"));
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked} strings");
    let list: Vec<&String> = problems.iter().take(40).collect();
    assert!(problems.is_empty(), "{} raw names shown, e.g.:\n{list:#?}", problems.len());
}

#[test]
fn a_raw_name_is_found_where_it_stands_alone() {
    assert!(shows("Declare updates.mechanism.", "updates.mechanism"));
    assert!(shows("(comms.encrypted)", "comms.encrypted"));
    assert!(!shows("https://x.example/updates.mechanism", "updates.mechanism"));
    assert!(!shows("data.telemetry.collected", "data.telemetry"));
    assert!(!shows("my_updates.mechanism", "updates.mechanism"));
}
