//! Turning a document with structural problems into one the typed reader accepts, so that the
//! semantic checks still run and every problem is reported at once.
//!
//! The values the schema refused are removed; then every hole a typed read would trip on (a
//! required field now missing, a list element removed) is filled with a placeholder built from the
//! schema. Placeholders vary with a `variant` number (first or last enum value, lowest or highest
//! number, earliest or latest date), so that the parser can run the checks over a few variants and
//! keep only the problems that do not depend on what a placeholder happened to be.

use serde_json::{Map, Value, json};

use crate::schema::resolve;

/// Removes the value a JSON pointer names: the key from an object; an array element becomes
/// `null` (indices of later elements stay valid) for [`repair`] to fill.
pub(crate) fn remove_pointer(v: &mut Value, pointer: &str) {
    let Some(idx) = pointer.rfind('/') else {
        return;
    };
    let (parent, last) = (&pointer[..idx], &pointer[idx + 1..]);
    let last = crate::diagnostic::unescape_segment(last);
    match v.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(&last);
        }
        Some(Value::Array(a)) => {
            if let Ok(i) = last.parse::<usize>()
                && i < a.len()
            {
                a[i] = Value::Null;
            }
        }
        _ => {}
    }
}

/// Fills every missing required field and every `null` list element under `value` with a
/// placeholder, recording the pointer of each.
pub(crate) fn repair(
    root: &Value,
    schema: &Value,
    value: &mut Value,
    pointer: &str,
    variant: usize,
    filled: &mut Vec<String>,
) {
    let s = resolve(root, schema);
    match value {
        Value::Object(map) => {
            if let Some(branches) = s.get("oneOf").and_then(Value::as_array)
                && s.get("properties").is_none()
            {
                // A tagged union: repair along the branch whose tag matches, or start over.
                match branches.iter().find(|b| tag_matches(root, b, map)) {
                    Some(b) => repair(root, b, value, pointer, variant, filled),
                    None => {
                        *value = placeholder(root, s, variant);
                        filled.push(pointer.to_string());
                    }
                }
                return;
            }
            let Some(props) = s.get("properties").and_then(Value::as_object) else {
                return;
            };
            for req in
                s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
            {
                if !map.contains_key(req)
                    && let Some(p) = props.get(req)
                {
                    map.insert(req.to_string(), placeholder(root, p, variant));
                    filled.push(format!("{pointer}/{}", crate::diagnostic::escape_segment(req)));
                }
            }
            for (k, v) in map.iter_mut() {
                if let Some(p) = props.get(k) {
                    repair(
                        root,
                        p,
                        v,
                        &format!("{pointer}/{}", crate::diagnostic::escape_segment(k)),
                        variant,
                        filled,
                    );
                }
            }
        }
        Value::Array(items) => {
            let Some(item_schema) = s.get("items") else {
                return;
            };
            for (i, v) in items.iter_mut().enumerate() {
                let child = format!("{pointer}/{i}");
                if v.is_null() {
                    *v = placeholder(root, item_schema, variant);
                    filled.push(child);
                } else {
                    repair(root, item_schema, v, &child, variant, filled);
                }
            }
        }
        _ => {}
    }
}

/// Whether every `const` property of an object schema has its value in `map`.
fn tag_matches(root: &Value, branch: &Value, map: &Map<String, Value>) -> bool {
    let b = resolve(root, branch);
    b.get("properties").and_then(Value::as_object).is_some_and(|props| {
        props.iter().all(|(k, p)| match resolve(root, p).get("const") {
            Some(c) => map.get(k) == Some(c),
            None => true,
        })
    })
}

/// The values of an enum-like schema: `enum`, `const`, or a `oneOf`/`anyOf` of those.
pub(crate) fn enum_values<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let s = resolve(root, schema);
    if let Some(c) = s.get("const") {
        return vec![c];
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        return e.iter().collect();
    }
    let mut out = Vec::new();
    for key in ["oneOf", "anyOf"] {
        for b in s.get(key).and_then(Value::as_array).into_iter().flatten() {
            let values = enum_values(root, b);
            if values.is_empty() {
                return Vec::new();
            }
            out.extend(values);
        }
    }
    out
}

/// A value of the shape `schema` describes; `variant` picks among the possible ones.
pub(crate) fn placeholder(root: &Value, schema: &Value, variant: usize) -> Value {
    let s = resolve(root, schema);
    let values = enum_values(root, s);
    if !values.is_empty() {
        return values[variant % values.len()].clone();
    }
    if let Some(branches) = s.get("oneOf").or_else(|| s.get("anyOf")).and_then(Value::as_array)
        && !branches.is_empty()
    {
        return placeholder(root, &branches[variant % branches.len()], variant / branches.len());
    }
    let high = variant % 2 == 1;
    match s.get("type").and_then(Value::as_str) {
        Some("object") => {
            let mut map = Map::new();
            let props = s.get("properties").and_then(Value::as_object);
            for req in
                s.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
            {
                if let Some(p) = props.and_then(|p| p.get(req)) {
                    map.insert(req.to_string(), placeholder(root, p, variant));
                }
            }
            Value::Object(map)
        }
        Some("array") => json!([]),
        Some("string") if s.get("format").and_then(Value::as_str) == Some("date") => {
            json!(if high { "2199-12-31" } else { "1970-01-01" })
        }
        Some("string") => json!(if high { "placeholder-b" } else { "placeholder-a" }),
        Some("integer") => {
            let min = s.get("minimum").and_then(Value::as_u64).unwrap_or(0);
            let max = s.get("maximum").and_then(Value::as_u64).unwrap_or(min + 1000);
            json!(if high { max } else { min })
        }
        Some("number") => json!(0),
        Some("boolean") => json!(high),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::declaration::Declaration;
    use crate::schema::declaration_schema;

    #[test]
    fn placeholders_read_as_a_declaration() {
        let root = declaration_schema();
        for variant in 0..6 {
            let v = placeholder(root, root, variant);
            let d: Result<Declaration, _> = serde_json::from_value(v.clone());
            assert!(d.is_ok(), "variant {variant}: {d:?}\n{v:#}");
        }
    }

    #[test]
    fn holes_are_filled_and_recorded() {
        let root = declaration_schema();
        let mut v = placeholder(root, root, 0);
        remove_pointer(&mut v, "/identity/brand");
        v["authentication"]["local_login"] = json!(["pin", "nonsense"]);
        remove_pointer(&mut v, "/authentication/local_login/1");
        let mut filled = Vec::new();
        repair(root, root, &mut v, "", 1, &mut filled);
        assert_eq!(filled, vec!["/identity/brand", "/authentication/local_login/1"]);
        assert!(serde_json::from_value::<Declaration>(v).is_ok());
    }
}
