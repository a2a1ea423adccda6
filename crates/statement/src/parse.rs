//! Strict parsing of a signed statement from JSON text.
//!
//! Refused, each with the JSON path of the problem (and its line and column when the text
//! itself is at fault): text longer than [`MAX_STATEMENT_BYTES`], JSON syntax errors, unknown
//! or missing fields, wrong types, duplicate object keys anywhere (also inside the payload:
//! readers that keep the first and readers that keep the last would disagree on what was
//! signed), and every field rule of [`crate::Statement::validate`]. Parsing does not check the
//! signature: that needs the key (see [`crate::verify`]).

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::{SignedStatement, StatementError};

/// The longest statement text accepted (8 MiB: room for evidence files of 10,000 items).
pub const MAX_STATEMENT_BYTES: usize = 8 << 20;

/// Parses and checks a signed statement (not its signature).
pub fn parse(text: &str) -> Result<SignedStatement, StatementError> {
    if text.len() > MAX_STATEMENT_BYTES {
        return Err(StatementError::field(
            "$",
            format!("the text is longer than {MAX_STATEMENT_BYTES} bytes"),
        ));
    }
    let signed: SignedStatement = read(text)?;
    read::<Unique>(text)?;
    signed.validate()?;
    Ok(signed)
}

/// Deserialises `T` from `text`, locating any error by JSON path, line and column.
fn read<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, StatementError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| located(json_path(e.path()), e.into_inner()))?;
    de.end().map_err(|e| located("$".to_owned(), e))?;
    Ok(value)
}

fn located(path: String, error: serde_json::Error) -> StatementError {
    let (line, column) = (error.line(), error.column());
    let message = error.to_string();
    let reason = match message.rsplit_once(" at line ") {
        Some((reason, _)) => reason.to_owned(),
        None => message,
    };
    StatementError::Malformed {
        path,
        line: (line > 0).then_some(line),
        column: (line > 0).then_some(column),
        reason,
    }
}

/// A JSON path (`$.statement.payload.items[3]`, `$.statement.payload["a key"]`) of the
/// segments serde walked; a segment serde could not name ends the path there.
fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = "$".to_owned();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key }
                if !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                out.push('.');
                out.push_str(key);
            }
            Segment::Map { key } => out.push_str(&format!("[{}]", serde_json::Value::from(key.as_str()))),
            Segment::Enum { .. } => {}
            Segment::Unknown => break,
        }
    }
    out
}

/// Any JSON value, refusing an object that holds a key twice.
struct Unique;

impl<'de> Deserialize<'de> for Unique {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UniqueVisitor)
    }
}

struct UniqueVisitor;

impl<'de> Visitor<'de> for UniqueVisitor {
    type Value = Unique;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_str<E>(self, _: &str) -> Result<Unique, E> {
        Ok(Unique)
    }
    fn visit_unit<E>(self) -> Result<Unique, E> {
        Ok(Unique)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Unique, A::Error> {
        while seq.next_element::<Unique>()?.is_some() {}
        Ok(Unique)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unique, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("the key {key:?} appears twice in one object")));
            }
            map.next_value::<Unique>()?;
        }
        Ok(Unique)
    }
}
