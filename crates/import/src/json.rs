//! JSON reading shared by the JSON adapters: located syntax errors, and field access that
//! records a located problem (JSON Pointer) for every missing or mistyped field.

use serde_json::Value;

use crate::{At, Problem};

/// Deepest nesting accepted (serde_json's own limit is 128; this says so in a sentence).
pub(crate) fn parse(text: &str) -> Result<Value, Problem> {
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line() as u64, e.column() as u64);
        let offset = offset_of(text, line, column);
        let what = match e.classify() {
            serde_json::error::Category::Eof => "the file ends too early (truncated?)",
            serde_json::error::Category::Syntax => "not valid JSON",
            serde_json::error::Category::Io | serde_json::error::Category::Data => "unreadable JSON",
        };
        // serde_json's message ends with " at line L column C": the location is said separately.
        let msg = e.to_string();
        let detail = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        Problem::new(
            At { line: Some(line), column: Some(column), offset, path: None },
            format!("{what}: {detail}"),
        )
    })
}

/// Byte offset of a 1-based line and column (serde_json counts columns in bytes).
fn offset_of(text: &str, line: u64, column: u64) -> Option<u64> {
    if line == 0 {
        return None;
    }
    let start: usize = text.split_inclusive('\n').take((line - 1) as usize).map(str::len).sum();
    Some(start as u64 + column.saturating_sub(1))
}

/// A JSON Pointer token (RFC 6901 escaping).
pub(crate) fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The path `base/key`.
pub(crate) fn at(base: &str, key: &str) -> String {
    format!("{base}/{}", token(key))
}

/// Field access that collects problems.
pub(crate) struct Fields<'p> {
    pub problems: &'p mut Vec<Problem>,
}

impl Fields<'_> {
    pub fn missing(&mut self, path: String, expected: &str) {
        self.problems.push(Problem::at_path(path, format!("missing field (expected {expected})")));
    }

    pub fn wrong(&mut self, path: String, v: &Value, expected: &str) {
        self.problems.push(Problem::at_path(path, format!("expected {expected}, found {}", kind(v))));
    }

    /// A required object.
    pub fn object<'v>(&mut self, v: &'v Value, base: &str) -> Option<&'v serde_json::Map<String, Value>> {
        match v {
            Value::Object(m) => Some(m),
            other => {
                self.wrong(base.to_string(), other, "an object");
                None
            }
        }
    }

    /// A required array field of an object.
    pub fn array<'v>(&mut self, v: &'v Value, base: &str, key: &str) -> Option<&'v Vec<Value>> {
        match v.get(key) {
            Some(Value::Array(a)) => Some(a),
            Some(other) => {
                self.wrong(at(base, key), other, "an array");
                None
            }
            None => {
                self.missing(at(base, key), "an array");
                None
            }
        }
    }

    /// An optional array field (absent: empty).
    pub fn opt_array<'v>(&mut self, v: &'v Value, base: &str, key: &str) -> &'v [Value] {
        match v.get(key) {
            Some(Value::Array(a)) => a,
            None | Some(Value::Null) => &[],
            Some(other) => {
                self.wrong(at(base, key), other, "an array");
                &[]
            }
        }
    }

    /// A required string field; numbers and booleans are accepted as text (tools differ).
    pub fn string(&mut self, v: &Value, base: &str, key: &str) -> Option<String> {
        match v.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(n @ (Value::Number(_) | Value::Bool(_))) => Some(n.to_string()),
            Some(other) => {
                self.wrong(at(base, key), other, "a string");
                None
            }
            None => {
                self.missing(at(base, key), "a string");
                None
            }
        }
    }

    /// An optional string field.
    pub fn opt_string(&mut self, v: &Value, base: &str, key: &str) -> Option<String> {
        match v.get(key) {
            None | Some(Value::Null) => None,
            Some(_) => self.string(v, base, key),
        }
    }

    /// An optional number (a numeric string is accepted).
    pub fn opt_number(&mut self, v: &Value, base: &str, key: &str) -> Option<f64> {
        match v.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) if s.trim().parse::<f64>().is_ok() => s.trim().parse().ok(),
            Some(other) => {
                self.wrong(at(base, key), other, "a number");
                None
            }
        }
    }
}

pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
