//! Export of a framework catalog as an OSCAL catalog (JSON), valid against NIST's
//! `oscal_catalog_schema.json` of [`OSCAL_VERSION`] (vendored in `schema/oscal/`).
//!
//! The output is deterministic: UUIDs are version-5 UUIDs derived from [`NS`] and the framework
//! (and requirement) ids, `last-modified` is the framework's publication date, and every list keeps
//! the order of the catalog data.
//!
//! Mapping:
//! - one OSCAL `group` per catalog group (id `grp-<group id>`), one OSCAL `control` per requirement
//!   (id `req-<requirement id>`, see [`control_id`]); the original ids are kept in a `label` prop;
//! - the requirement title is the control title and the prose of its `statement` part;
//! - everything else (status, qualifier, condition, methods, aliases, common controls, references,
//!   levels) is a prop in the [`NS`] namespace, as OSCAL wants for names it does not define.
//!
//! The helpers here (ids, UUIDs, props) are public so the assessment-results export of
//! `iotlabel-assess` names controls exactly as this catalog does.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::{Catalog, Catalogs, Framework, FrameworkKind, Qualifier, Requirement};

/// The OSCAL version the export follows; it matches the vendored schemas.
pub const OSCAL_VERSION: &str = "1.1.3";

/// Namespace of the props iotlabel defines (OSCAL requires an `ns` on names it does not define).
pub const NS: &str = "https://iotlabel.org/ns/oscal";

/// The fixed namespace of every UUID iotlabel emits: UUID v5 of [`NS`] in the URL namespace.
pub fn uuid_namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, NS.as_bytes())
}

/// A deterministic (v5) UUID for `name` in iotlabel's namespace. Give names a kind prefix
/// (`catalog/…`, `result/…`) so different objects never share one.
pub fn uuid(name: &str) -> String {
    Uuid::new_v5(&uuid_namespace(), name.as_bytes()).to_string()
}

/// The UUID of the OSCAL catalog exported for a framework edition (see [`catalog`]).
pub fn catalog_uuid(framework: &Framework) -> String {
    uuid(&format!("catalog/{}/{}", framework.id, framework.edition))
}

/// The OSCAL control id of a requirement: `req-` plus the id made a valid OSCAL token.
pub fn control_id(requirement_id: &str) -> String {
    format!("req-{}", token_part(requirement_id))
}

/// The OSCAL group id of a catalog group: `grp-` plus the id made a valid OSCAL token.
pub fn group_id(group: &str) -> String {
    format!("grp-{}", token_part(group))
}

/// The id of a control's `statement` part (OSCAL's `_smt` convention).
pub fn statement_id(requirement_id: &str) -> String {
    format!("{}_smt", control_id(requirement_id))
}

/// Makes `s` safe inside an OSCAL token (`^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$`) without merging ids:
/// ASCII letters, digits, `.` and `-` stay; `_` becomes `__`; anything else becomes `_<hex>_`
/// (its code point). Prefix the result with a letter: it may start with a digit.
pub fn token_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '-' => out.push(c),
            '_' => out.push_str("__"),
            _ => out.push_str(&format!("_{:x}_", u32::from(c))),
        }
    }
    out
}

/// Text fit for an OSCAL string value (`^\S(.*\S)?$`): whitespace runs, newlines included,
/// become one space and the ends are trimmed. `None` when nothing is left.
pub fn clean(s: &str) -> Option<String> {
    let out = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

/// A prop in iotlabel's namespace, or `None` when the value is blank.
pub fn prop(name: &str, value: &str) -> Option<Value> {
    clean(value).map(|v| json!({"name": name, "ns": NS, "value": v}))
}

/// A prop in iotlabel's namespace with remarks (e.g. the title of the referenced object).
pub fn prop_with_remarks(name: &str, value: &str, remarks: Option<&str>) -> Option<Value> {
    let mut p = prop(name, value)?;
    if let (Some(r), Some(obj)) = (remarks.and_then(clean), p.as_object_mut()) {
        obj.insert("remarks".into(), Value::String(r));
    }
    Some(p)
}

/// A prop whose name OSCAL itself defines (no `ns`), e.g. `label`.
pub fn oscal_prop(name: &str, value: &str) -> Option<Value> {
    clean(value).map(|v| json!({"name": name, "value": v}))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as an OSCAL date-time at midnight UTC (missing month or day
/// become 01). Anything unparsable falls back to the year alone, or to 1970-01-01.
pub fn date_time(published: &str) -> String {
    let mut parts = published.trim().splitn(3, '-');
    let num = |p: Option<&str>, len: usize| p.filter(|p| p.len() == len).and_then(|p| p.parse::<u32>().ok());
    let Some(year) = num(parts.next(), 4).filter(|y| (1900..=2999).contains(y)) else {
        return "1970-01-01T00:00:00Z".to_string();
    };
    let month = num(parts.next(), 2).filter(|m| (1..=12).contains(m));
    let day =
        month.and(num(parts.next(), 2)).filter(|d| (1..=days_in_month(year, month.unwrap_or(1))).contains(d));
    format!("{year:04}-{:02}-{:02}T00:00:00Z", month.unwrap_or(1), day.unwrap_or(1))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 31,
    }
}

fn kind_str(kind: FrameworkKind) -> &'static str {
    kind.as_str()
}

fn qualifier_str(q: Qualifier) -> Option<&'static str> {
    match q {
        Qualifier::None => None,
        Qualifier::Conditional => Some("conditional"),
        Qualifier::Feature => Some("feature"),
    }
}

/// Inserts `key: [items]` unless `items` is empty (OSCAL arrays have `minItems: 1`).
pub fn put_list(obj: &mut Map<String, Value>, key: &str, items: Vec<Value>) {
    if !items.is_empty() {
        obj.insert(key.to_string(), Value::Array(items));
    }
}

/// The catalog `cat` as an OSCAL catalog document: `{"catalog": {...}}`. `cats` supplies the
/// titles of common controls and conditions.
pub fn catalog(cat: &Catalog, cats: &Catalogs) -> Value {
    let fw = &cat.framework;
    let title = if fw.title.starts_with(&fw.short_title) {
        fw.title.clone()
    } else {
        format!("{}: {}", fw.short_title, fw.title)
    };

    let mut metadata = Map::new();
    metadata.insert("title".into(), json!(clean(&title).unwrap_or_else(|| fw.id.clone())));
    metadata.insert("last-modified".into(), json!(date_time(&fw.published)));
    metadata.insert("version".into(), json!(clean(&fw.edition).unwrap_or_else(|| "unversioned".into())));
    metadata.insert("oscal-version".into(), json!(OSCAL_VERSION));
    let props = [
        prop("framework", &fw.id),
        prop("short-title", &fw.short_title),
        prop("source", &fw.source),
        prop("kind", kind_str(fw.kind)),
        prop("published", &fw.published),
    ];
    put_list(&mut metadata, "props", props.into_iter().flatten().collect());
    if clean(&fw.url).is_some() {
        let mut link = json!({"href": fw.url.trim(), "rel": "reference"});
        if let Some(text) = clean(&fw.source) {
            link["text"] = json!(text);
        }
        metadata.insert("links".into(), json!([link]));
    }
    // The licence's credit line travels with the catalog's content, ahead of the notes.
    let remarks: Vec<String> =
        [fw.attribution.as_deref().and_then(clean), clean(&fw.notes)].into_iter().flatten().collect();
    if !remarks.is_empty() {
        metadata.insert("remarks".into(), json!(remarks.join("\n\n")));
    }

    let mut groups = Vec::new();
    for g in &cat.groups {
        let mut group = Map::new();
        group.insert("id".into(), json!(group_id(&g.id)));
        group.insert("title".into(), json!(clean(&g.title).unwrap_or_else(|| g.id.clone())));
        put_list(&mut group, "props", oscal_prop("label", &g.id).into_iter().collect());
        let controls =
            cat.requirements.iter().filter(|r| r.group == g.id).map(|r| control(cat, r, cats)).collect();
        put_list(&mut group, "controls", controls);
        groups.push(Value::Object(group));
    }
    // Requirements whose group is unknown (the data check rejects them) still get exported.
    let loose = cat
        .requirements
        .iter()
        .filter(|r| cat.group(&r.group).is_none())
        .map(|r| control(cat, r, cats))
        .collect();

    let mut body = Map::new();
    body.insert("uuid".into(), json!(catalog_uuid(fw)));
    body.insert("metadata".into(), Value::Object(metadata));
    put_list(&mut body, "controls", loose);
    put_list(&mut body, "groups", groups);
    json!({ "catalog": body })
}

fn control(cat: &Catalog, r: &Requirement, cats: &Catalogs) -> Value {
    let mut props: Vec<Option<Value>> = vec![oscal_prop("label", &r.id), prop("status", r.status.as_str())];
    props.push(qualifier_str(r.qualifier).and_then(|q| prop("qualifier", q)));
    props.extend(r.condition_ref.as_deref().map(|c| prop("condition-ref", c)));
    props.extend(
        r.condition
            .as_deref()
            .map(|c| prop_with_remarks("condition", c, cats.condition(c).map(|k| k.title.as_str()))),
    );
    props.extend(r.assessed_by.iter().map(|m| prop("assessed-by", m.as_str())));
    props.extend(r.aliases.iter().map(|a| prop("alias", a)));
    props.extend(
        r.controls
            .iter()
            .map(|c| prop_with_remarks("common-control", c, cats.control(c).map(|k| k.title.as_str()))),
    );
    props.extend(r.references.iter().map(|x| prop("reference", x)));
    props.extend(
        cat.levels
            .iter()
            .filter(|l| l.requires.iter().any(|q| q == &r.id || r.aliases.contains(q)))
            .map(|l| prop_with_remarks("level", &l.id, Some(&l.title))),
    );

    let title = clean(&r.title).unwrap_or_else(|| r.id.clone());
    let mut parts = vec![json!({"id": statement_id(&r.id), "name": "statement", "prose": title})];
    if let Some(u) = r.uncertain.as_deref().and_then(clean) {
        parts.push(
            json!({"id": format!("{}_unc", control_id(&r.id)), "name": "uncertainty", "ns": NS, "prose": u}),
        );
    }

    let mut c = Map::new();
    c.insert("id".into(), json!(control_id(&r.id)));
    c.insert("title".into(), json!(title));
    put_list(&mut c, "props", props.into_iter().flatten().collect());
    put_list(&mut c, "parts", parts);
    Value::Object(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_tokens_and_distinct() {
        assert_eq!(control_id("5.1-1"), "req-5.1-1");
        assert_eq!(group_id("5.0"), "grp-5.0");
        assert_eq!(control_id("V2.1.1:4-1"), "req-V2.1.1_3a_4-1");
        assert_ne!(control_id("a_3a_"), control_id("a:"));
        assert_eq!(control_id("a_b"), "req-a__b");
    }

    #[test]
    fn dates() {
        assert_eq!(date_time("2024-09"), "2024-09-01T00:00:00Z");
        assert_eq!(date_time("2024-11-20"), "2024-11-20T00:00:00Z");
        assert_eq!(date_time("2024"), "2024-01-01T00:00:00Z");
        assert_eq!(date_time("2023-02-30"), "2023-02-01T00:00:00Z");
        assert_eq!(date_time("soon"), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn uuids_are_stable_v5() {
        let a = uuid("catalog/x/1");
        assert_eq!(a, uuid("catalog/x/1"));
        assert_ne!(a, uuid("catalog/x/2"));
        assert_eq!(a.as_bytes()[14], b'5');
    }

    #[test]
    fn export_is_deterministic() {
        let cats = Catalogs::builtin();
        for cat in &cats.frameworks {
            assert_eq!(catalog(cat, cats), catalog(cat, cats));
        }
    }
}
