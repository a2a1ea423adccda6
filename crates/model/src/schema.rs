//! The JSON Schema of the declaration, generated from the Rust types.

use std::sync::OnceLock;

use serde_json::{Map, Value, json};

use crate::declaration::Declaration;
use crate::taxonomy::{Taxonomy, TermKind};

/// `$id` of the published schema.
pub const SCHEMA_ID: &str = "https://iotlabel.org/schema/declaration-1.0.json";

/// The declaration's JSON Schema (draft 2020-12), with the taxonomy's ids as enums.
///
/// Optional fields are simply not required (the format has no `null`), so that editors and
/// validators give the same answer as `iotlabel validate`.
pub fn declaration_schema() -> &'static Value {
    static CELL: OnceLock<Value> = OnceLock::new();
    CELL.get_or_init(build)
}

fn build() -> Value {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<Declaration>();
    let mut v = serde_json::to_value(schema).unwrap_or(Value::Null);
    strip_nulls(&mut v);
    if let Value::Object(root) = &mut v {
        root.insert("$id".into(), json!(SCHEMA_ID));
        root.insert("title".into(), json!("iotlabel device declaration"));
    }
    let tax = Taxonomy::builtin();
    let ids = |k: TermKind| Value::Array(tax.ids(k).map(|s| json!(s)).collect());
    set_enum(&mut v, &["$defs", "Identity", "properties", "device_type"], ids(TermKind::Device));
    set_enum(&mut v, &["$defs", "Sensor", "properties", "type"], ids(TermKind::Sensor));
    set_enum(&mut v, &["$defs", "DataItem", "properties", "type"], ids(TermKind::Data));
    set_pattern(&mut v, &["$defs", "Manufacturer", "properties", "country"], "^[A-Z]{2}$");
    set_pattern(&mut v, &["$defs", "Identity", "properties", "gtin"], "^([0-9]{8}|[0-9]{12,14})$");
    for (def, field) in [("LocalService", "port"), ("Endpoint", "port"), ("LocalPeer", "port")] {
        if let Some(Value::Object(p)) = pointer_mut(&mut v, &["$defs", def, "properties", field]) {
            p.insert("minimum".into(), json!(1));
        }
    }
    // Every string and list has a limit no real declaration reaches (the text policy's table).
    text_limits(&mut v);
    // DHCP option 161 and a DNS TXT string carry at most 255 bytes.
    set_max_length(&mut v, &["$defs", "NetworkIntent", "properties", "mud_url"], MAX_MUD_URL_BYTES);
    integer_bounds(&mut v);
    v
}

/// Longest brand, model, version or manufacturer name, in characters.
pub use crate::text::MAX_IDENTITY_CHARS;

/// Longest MUD URL, in bytes (RFC 8520 over DHCP option 161, or one DNS TXT string).
pub const MAX_MUD_URL_BYTES: usize = 255;

/// `maxLength` on every free string property and `maxItems` on every list, from the text
/// policy ([`crate::text::FIELDS`], [`crate::text::LISTS`]), so the schema documents the limits
/// the parser enforces.
fn text_limits(v: &mut Value) {
    use crate::text::{field_kind, max_items};
    fn limit(name: &str, p: &mut Map<String, Value>) {
        match p.get("type").and_then(Value::as_str) {
            Some("string") if !p.contains_key("enum") && !p.contains_key("format") => {
                p.insert("maxLength".into(), json!(field_kind(name).max_chars()));
            }
            Some("array") => {
                p.insert("maxItems".into(), json!(max_items(name)));
                if let Some(Value::Object(items)) = p.get_mut("items") {
                    limit(name, items);
                }
            }
            _ => {}
        }
    }
    fn properties(object: &mut Value) {
        if let Some(Value::Object(props)) = object.get_mut("properties") {
            for (name, p) in props.iter_mut() {
                if let Value::Object(p) = p {
                    limit(name, p);
                }
            }
        }
        // Tagged enums (`Voucher`) keep their variants' properties under `oneOf`.
        if let Some(Value::Array(branches)) = object.get_mut("oneOf") {
            branches.iter_mut().for_each(properties);
        }
    }
    properties(v);
    if let Some(Value::Object(defs)) = v.get_mut("$defs") {
        defs.values_mut().for_each(properties);
    }
}

fn set_max_length(v: &mut Value, path: &[&str], max: usize) {
    if let Some(Value::Object(p)) = pointer_mut(v, path) {
        p.insert("maxLength".into(), json!(max));
    }
}

/// Gives every integer the range of its Rust type (schemars writes `format: uint32` and a minimum
/// but no maximum), so an out-of-range number is reported by the schema, located, like any other.
fn integer_bounds(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let range = match map.get("format").and_then(Value::as_str) {
                Some("uint8") => Some((0, u64::from(u8::MAX))),
                Some("uint16") => Some((0, u64::from(u16::MAX))),
                Some("uint32") => Some((0, u64::from(u32::MAX))),
                _ => None,
            };
            if let Some((min, max)) = range
                && map.get("type") == Some(&json!("integer"))
            {
                map.entry("minimum").or_insert(json!(min));
                map.entry("maximum").or_insert(json!(max));
            }
            map.values_mut().for_each(integer_bounds);
        }
        Value::Array(items) => items.iter_mut().for_each(integer_bounds),
        _ => {}
    }
}

/// `$id` of the evidence schema.
pub const EVIDENCE_SCHEMA_ID: &str = "https://iotlabel.org/schema/evidence-1.0.json";

/// The evidence file's JSON Schema (draft 2020-12).
pub fn evidence_schema() -> &'static Value {
    static CELL: OnceLock<Value> = OnceLock::new();
    CELL.get_or_init(|| {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<crate::evidence::Evidence>();
        let mut v = serde_json::to_value(schema).unwrap_or(Value::Null);
        strip_nulls(&mut v);
        if let Value::Object(root) = &mut v {
            root.insert("$id".into(), json!(EVIDENCE_SCHEMA_ID));
            root.insert("title".into(), json!("iotlabel test evidence"));
        }
        text_limits(&mut v);
        integer_bounds(&mut v);
        v
    })
}

/// `$id` of the masks schema.
pub const MASKS_SCHEMA_ID: &str = "https://iotlabel.org/schema/masks-1.json";

/// The masks file's JSON Schema (draft 2020-12).
pub fn masks_schema() -> &'static Value {
    static CELL: OnceLock<Value> = OnceLock::new();
    CELL.get_or_init(|| {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<crate::masks::Masks>();
        let mut v = serde_json::to_value(schema).unwrap_or(Value::Null);
        strip_nulls(&mut v);
        if let Value::Object(root) = &mut v {
            root.insert("$id".into(), json!(MASKS_SCHEMA_ID));
            root.insert("title".into(), json!("iotlabel accepted findings (masks)"));
        }
        text_limits(&mut v);
        v
    })
}

fn pointer_mut<'a>(v: &'a mut Value, path: &[&str]) -> Option<&'a mut Value> {
    let mut cur = v;
    for seg in path {
        cur = cur.get_mut(*seg)?;
    }
    Some(cur)
}

fn set_enum(v: &mut Value, path: &[&str], values: Value) {
    if let Some(Value::Object(p)) = pointer_mut(v, path) {
        p.insert("enum".into(), values);
    }
}

fn set_pattern(v: &mut Value, path: &[&str], pattern: &str) {
    if let Some(Value::Object(p)) = pointer_mut(v, path) {
        p.insert("pattern".into(), json!(pattern));
    }
}

/// Removes `null` alternatives and `default: null` that schemars emits for `Option<T>`.
fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let t = types[0].clone();
                    map.insert("type".into(), t);
                }
            }
            if let Some(Value::Array(any)) = map.get("anyOf") {
                let non_null: Vec<&Value> =
                    any.iter().filter(|s| s.get("type") != Some(&json!("null"))).collect();
                if non_null.len() == 1 && any.len() == 2 {
                    let keep: Map<String, Value> = non_null[0].as_object().cloned().unwrap_or_default();
                    map.remove("anyOf");
                    for (k, val) in keep {
                        map.entry(k).or_insert(val);
                    }
                }
            }
            for (_, child) in map.iter_mut() {
                strip_nulls(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// The schema that applies at a JSON pointer (with `$ref`s followed), if the schema describes it.
pub fn subschema_at<'a>(schema: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut cur = schema;
    for seg in pointer.split('/').skip(1) {
        cur = resolve(schema, cur);
        let seg = crate::diagnostic::unescape_segment(seg);
        cur = if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) && cur.get("items").is_some() {
            cur.get("items")?
        } else {
            property(schema, cur, &seg)?
        };
    }
    Some(resolve(schema, cur))
}

/// The schema of property `name` of an object schema, looking into `oneOf` branches too
/// (internally tagged enums keep their fields there).
pub(crate) fn property<'a>(root: &'a Value, object: &'a Value, name: &str) -> Option<&'a Value> {
    let object = resolve(root, object);
    if let Some(p) = object.get("properties").and_then(|p| p.get(name)) {
        return Some(p);
    }
    object
        .get("oneOf")
        .and_then(Value::as_array)?
        .iter()
        .find_map(|b| resolve(root, b).get("properties").and_then(|p| p.get(name)))
}

/// The field names allowed at a JSON pointer, by walking the schema (for "did you mean").
pub fn allowed_fields(schema: &Value, pointer: &str) -> Vec<String> {
    let Some(cur) = subschema_at(schema, pointer) else {
        return Vec::new();
    };
    let mut names: Vec<String> = cur
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    // Internally tagged enums keep their fields in oneOf branches.
    if let Some(Value::Array(branches)) = cur.get("oneOf") {
        for b in branches {
            if let Some(p) = resolve(schema, b).get("properties").and_then(Value::as_object) {
                names.extend(p.keys().cloned());
            }
        }
        names.sort();
        names.dedup();
    }
    names
}

/// Follows `$ref`s (local ones, as ours are) to the schema they name.
pub(crate) fn resolve<'a>(root: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..8 {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => v = target,
                None => return v,
            },
            None => return v,
        }
    }
    v
}
