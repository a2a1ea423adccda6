//! Turning JSON Schema validation errors into messages people can act on: what is wrong, what
//! was expected, and a suggestion where one exists. Never the validator's own Debug text.

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::{Issue, did_you_mean, quote};
use crate::repair::enum_values;
use crate::schema::{allowed_fields, subschema_at};
use crate::validate::country_hint;

/// How an issue competes with others at the same pointer: one mistake gives one message, and the
/// lowest rank is the one kept.
pub(crate) const RANK_RECOVERED: u8 = 0;
pub(crate) const RANK_TYPE: u8 = 1;
pub(crate) const RANK_OTHER: u8 = 2;

/// What explaining needs besides the error: the schema, and the source text of a value (numbers
/// are shown as written, `1.2` rather than `1.2000000000000002`).
pub(crate) struct Cx<'a> {
    pub schema: &'a Value,
    pub literal: &'a dyn Fn(&str) -> Option<&'a str>,
}

/// Every structural problem the validator finds in `value`, explained and ranked.
pub(crate) fn schema_issues(
    cx: &Cx<'_>,
    validator: &jsonschema::Validator,
    value: &Value,
) -> Vec<(u8, Issue)> {
    let mut out = Vec::new();
    for err in validator.iter_errors(value) {
        explain(cx, &err, &mut out);
    }
    out
}

fn pointer_of(e: &ValidationError<'_>) -> String {
    e.instance_path().as_str().to_string()
}

fn explain(cx: &Cx<'_>, err: &ValidationError<'_>, out: &mut Vec<(u8, Issue)>) {
    let pointer = pointer_of(err);
    let pointer = pointer.as_str();
    let instance: &Value = err.instance();
    match err.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = allowed_fields(cx.schema, pointer);
            for name in unexpected {
                out.push((
                    RANK_OTHER,
                    Issue::new(
                        format!("{pointer}/{}", crate::diagnostic::escape_segment(name)),
                        format!("unknown field {}", quote(name)),
                    )
                    .expected(format!("one of: {}", allowed.join(", ")))
                    .maybe_suggest(did_you_mean(name, allowed.iter().map(String::as_str))),
                ));
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            out.push((
                RANK_OTHER,
                Issue::new(
                    format!("{pointer}/{}", crate::diagnostic::escape_segment(name)),
                    format!("missing required field `{name}`"),
                )
                .suggest(match name {
                    // Lists a declaration must state even when empty, so silence is never
                    // read as "none".
                    "sensors" | "collected" => {
                        format!("add `{name}` here, as an empty list (`{name} = []`) if there are none")
                    }
                    _ => format!("add `{name}` here; `iotlabel schema` describes every field"),
                }),
            ));
        }
        ValidationErrorKind::Type { kind } => {
            let want = want_types(kind);
            let values =
                subschema_at(cx.schema, pointer).map(|s| enum_values(cx.schema, s)).unwrap_or_default();
            out.push((RANK_TYPE, type_issue(cx, pointer, &want, instance, &values)));
        }
        ValidationErrorKind::Enum { options } => {
            let values: Vec<&Value> = options.as_array().map(|a| a.iter().collect()).unwrap_or_default();
            out.push((RANK_OTHER, enum_issue(cx, pointer, instance, &values)));
        }
        ValidationErrorKind::Constant { expected_value } => {
            out.push((RANK_OTHER, enum_issue(cx, pointer, instance, &[expected_value.as_ref()])));
        }
        ValidationErrorKind::Format { format } => {
            let issue = match (format.as_str(), instance.as_str()) {
                ("date", Some(s)) => date_issue(pointer, s),
                _ => Issue::new(pointer, format!("{} is not valid", show(cx, pointer, instance)))
                    .expected(format!("a value in `{format}` format")),
            };
            out.push((RANK_OTHER, issue));
        }
        ValidationErrorKind::Pattern { pattern } => {
            let shown = show(cx, pointer, instance);
            let issue = match pattern.as_str() {
                "^[A-Z]{2}$" => Issue::new(pointer, format!("{shown} is not an ISO 3166-1 country code"))
                    .expected("an ISO 3166-1 alpha-2 code in capitals, e.g. CA, FR, GB")
                    .maybe_suggest(country_hint(instance.as_str().unwrap_or_default())),
                p if p.starts_with("^([0-9]{8}") => Issue::new(pointer, format!("{shown} is not a GTIN"))
                    .expected("a GTIN of 8, 12, 13 or 14 digits"),
                p => Issue::new(pointer, format!("{shown} is not valid"))
                    .expected(format!("text matching {p}")),
            };
            out.push((RANK_OTHER, issue));
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::ExclusiveMinimum { limit } => {
            out.push((
                RANK_OTHER,
                Issue::new(pointer, format!("{} is too small", show(cx, pointer, instance)))
                    .expected(range_text(cx, pointer).unwrap_or_else(|| format!("at least {limit}"))),
            ));
        }
        ValidationErrorKind::Maximum { limit } | ValidationErrorKind::ExclusiveMaximum { limit } => {
            out.push((
                RANK_OTHER,
                Issue::new(pointer, format!("{} is too large", show(cx, pointer, instance)))
                    .expected(range_text(cx, pointer).unwrap_or_else(|| format!("at most {limit}"))),
            ));
        }
        ValidationErrorKind::MaxLength { limit } => {
            let n = instance.as_str().map_or(0, |s| s.chars().count());
            out.push((
                RANK_OTHER,
                Issue::new(pointer, format!("is too long ({n} characters)"))
                    .expected(format!("at most {limit} characters"))
                    .suggest(
                        "keep it short: it is printed on the label and used in file names and DNS records",
                    ),
            ));
        }
        ValidationErrorKind::MaxItems { limit } => {
            let n = instance.as_array().map_or(0, Vec::len);
            out.push((
                RANK_OTHER,
                Issue::new(pointer, format!("has too many items ({n})"))
                    .expected(format!("at most {limit} items"))
                    .suggest("no real device needs this many: split the file or remove repeated entries"),
            ));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            explain_alternatives(cx, pointer, instance, context, out);
        }
        _ => {
            // Keywords our schemas do not use today; the validator's own sentence, never Debug text.
            out.push((RANK_OTHER, Issue::new(pointer, err.to_string())));
        }
    }
}

/// `oneOf` / `anyOf`: an enum written as documented alternatives, a tagged union, or a choice of
/// shapes. One message for the mistake, never one per alternative.
fn explain_alternatives(
    cx: &Cx<'_>,
    pointer: &str,
    instance: &Value,
    context: &[Vec<ValidationError<'static>>],
    out: &mut Vec<(u8, Issue)>,
) {
    let is_value_error = |e: &ValidationError<'_>| {
        matches!(e.kind(), ValidationErrorKind::Constant { .. } | ValidationErrorKind::Enum { .. })
    };
    // An enum with documented values: every alternative is a constant (or a list of them).
    let all_here = context.iter().flatten().all(|e| {
        e.instance_path().as_str() == pointer
            && (is_value_error(e) || matches!(e.kind(), ValidationErrorKind::Type { .. }))
    });
    if all_here && !context.is_empty() {
        let values = subschema_at(cx.schema, pointer).map(|s| enum_values(cx.schema, s)).unwrap_or_default();
        if !values.is_empty() {
            if values.iter().any(|v| same_type(v, instance)) {
                out.push((RANK_OTHER, enum_issue(cx, pointer, instance, &values)));
            } else {
                let want: Vec<String> = kinds_of(&values);
                out.push((RANK_TYPE, type_issue(cx, pointer, &want, instance, &values)));
            }
            return;
        }
    }
    // A tagged union: every alternative refuses the same field's value (e.g. `by.kind`).
    if let Some(first) = context.first() {
        for tag in first.iter().filter(|e| is_value_error(e)) {
            let tag_pointer = tag.instance_path().as_str();
            let everywhere = context.iter().all(|branch| {
                branch.iter().any(|e| is_value_error(e) && e.instance_path().as_str() == tag_pointer)
            });
            if everywhere {
                let mut values: Vec<&Value> = Vec::new();
                for e in context.iter().flatten().filter(|e| e.instance_path().as_str() == tag_pointer) {
                    match e.kind() {
                        ValidationErrorKind::Constant { expected_value } => {
                            values.push(expected_value.as_ref())
                        }
                        ValidationErrorKind::Enum { options } => {
                            values.extend(options.as_array().into_iter().flatten())
                        }
                        _ => {}
                    }
                }
                let mut seen = Vec::new();
                values.retain(|v| {
                    let new = !seen.contains(v);
                    seen.push(*v);
                    new
                });
                let tag_instance: &Value = tag.instance();
                out.push((RANK_OTHER, enum_issue(cx, tag_pointer, tag_instance, &values)));
                return;
            }
        }
    }
    // A choice of shapes: explain the alternative that came closest, preferring one whose tag
    // matched (no refused constant) and then the one with fewest problems.
    let best = context.iter().min_by_key(|errs| (errs.iter().any(&is_value_error), errs.len()));
    match best {
        Some(errs) if !errs.is_empty() => {
            for e in errs {
                explain(cx, e, out);
            }
        }
        _ => out.push((
            RANK_OTHER,
            Issue::new(pointer, format!("{} does not match any allowed form", show(cx, pointer, instance))),
        )),
    }
}

fn same_type(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn kinds_of(values: &[&Value]) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::new();
    for v in values {
        let k = match v {
            Value::String(_) => "string",
            Value::Number(_) => "number",
            Value::Bool(_) => "boolean",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Null => "null",
        };
        if !kinds.iter().any(|x| x == k) {
            kinds.push(k.to_string());
        }
    }
    kinds
}

fn want_types(kind: &TypeKind) -> Vec<String> {
    match kind {
        TypeKind::Single(t) => vec![t.to_string()],
        TypeKind::Multiple(set) => set.into_iter().map(|t| t.to_string()).collect(),
    }
}

fn article(t: &str) -> &'static str {
    match t {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean (true or false)",
        "array" => "a list",
        "object" => "a table/object",
        "null" => "null",
        _ => "a value",
    }
}

/// The kind of value found, for "wrong type: found ...".
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table/object",
    }
}

/// A value as the user wrote it, for a message.
fn show(cx: &Cx<'_>, pointer: &str, v: &Value) -> String {
    match v {
        Value::String(s) => quote(s),
        Value::Object(_) => "a table".into(),
        Value::Array(_) => "a list".into(),
        Value::Number(_) => quote((cx.literal)(pointer).unwrap_or(&v.to_string())),
        other => format!("`{other}`"),
    }
}

fn list(values: &[&Value]) -> String {
    values
        .iter()
        .map(|o| o.as_str().map_or_else(|| o.to_string(), str::to_string))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The taxonomy a field takes its ids from, named as the semantic check names it (so the message
/// is the same whichever path finds the mistake).
fn taxonomy_noun(pointer: &str) -> Option<&'static str> {
    let segs: Vec<&str> = pointer.split('/').collect();
    match segs.as_slice() {
        ["", "identity", "device_type"] => Some("device type"),
        ["", "sensors", _, "type"] => Some("sensor type"),
        ["", "data", "collected", _, "type"] => Some("data type"),
        _ => None,
    }
}

fn enum_issue(cx: &Cx<'_>, pointer: &str, instance: &Value, values: &[&Value]) -> Issue {
    let got = instance.as_str().map_or_else(|| instance.to_string(), str::to_string);
    let candidates = values.iter().filter_map(|v| v.as_str());
    let what = match taxonomy_noun(pointer) {
        Some(noun) if instance.is_string() => format!("a known {noun}"),
        _ => "an allowed value".to_string(),
    };
    Issue::new(pointer, format!("{} is not {what}", show(cx, pointer, instance)))
        .expected(format!("one of: {}", list(values)))
        .maybe_suggest(did_you_mean(&got, candidates))
}

/// "wrong type", with what to write instead when that can be told.
fn type_issue(cx: &Cx<'_>, pointer: &str, want: &[String], instance: &Value, values: &[&Value]) -> Issue {
    let mut expected = want.iter().map(|t| article(t)).collect::<Vec<_>>().join(" or ");
    if !values.is_empty() {
        expected = format!("{expected}: one of {}", list(values));
    }
    let wants = |t: &str| want.iter().any(|w| w == t);
    let literal = (cx.literal)(pointer);
    let hint = match instance {
        Value::String(s) if wants("integer") && s.trim().parse::<i64>().is_ok() => {
            Some(format!("remove the quotes: write {} rather than \"{s}\"", s.trim()))
        }
        Value::String(s) if wants("boolean") && matches!(s.as_str(), "true" | "false") => {
            Some(format!("remove the quotes: write {s} rather than \"{s}\""))
        }
        Value::Number(_) | Value::Bool(_) if wants("string") => {
            let text = literal.map_or_else(|| instance.to_string(), str::to_string);
            Some(format!("put it in quotes: write \"{text}\""))
        }
        Value::Number(n) if wants("integer") && n.as_f64().is_some_and(|f| f.fract() != 0.0) => {
            Some("write a whole number".to_string())
        }
        Value::Array(items) if wants("string") && items.len() == 1 && items[0].is_string() => {
            Some(format!("write one value, not a list: \"{}\"", items[0].as_str().unwrap_or_default()))
        }
        Value::String(s) if wants("array") => Some(format!("write a list: [\"{s}\"]")),
        Value::Number(_) | Value::Bool(_) if wants("array") => {
            Some(format!("write a list: [{}]", literal.map_or_else(|| instance.to_string(), str::to_string)))
        }
        _ => None,
    };
    Issue::new(pointer, format!("wrong type: found {}", type_name(instance)))
        .expected(expected)
        .maybe_suggest(hint)
}

/// "an integer from 1 to 65535", from the schema at `pointer`.
pub(crate) fn range_text(cx: &Cx<'_>, pointer: &str) -> Option<String> {
    let s = subschema_at(cx.schema, pointer)?;
    let what =
        if s.get("type").and_then(Value::as_str) == Some("integer") { "an integer" } else { "a number" };
    match (s.get("minimum"), s.get("maximum")) {
        (Some(min), Some(max)) => Some(format!("{what} from {min} to {max}")),
        (Some(min), None) => Some(format!("{what} of at least {min}")),
        (None, Some(max)) => Some(format!("{what} of at most {max}")),
        (None, None) => None,
    }
}

/// A value that is not a calendar date, explained (`2026-02-30`: February 2026 has 28 days).
pub(crate) fn date_issue(pointer: &str, s: &str) -> Issue {
    let (reason, hint) = date_problem(s);
    Issue::new(pointer, format!("{} is not a valid date: {reason}", quote(s)))
        .expected("a calendar date written YYYY-MM-DD")
        .maybe_suggest(hint)
}

fn date_problem(s: &str) -> (String, Option<String>) {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shaped =
        b.len() >= 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10);
    if !shaped {
        return ("it is not written YYYY-MM-DD".into(), None);
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    if !(1..=12).contains(&month) {
        return (format!("there is no month {month:02}"), None);
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let name = MONTHS[month as usize - 1];
    if day == 0 || day > days {
        return (format!("{name} {year} has {days} days"), None);
    }
    if b.len() > 10 {
        return (
            "it has a time as well, and only the date is wanted".into(),
            Some(format!("write the date alone: {}", &s[..10])),
        );
    }
    ("it is not a date this program can read".into(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(date_problem("2026-02-30").0, "February 2026 has 28 days");
        assert_eq!(date_problem("2024-02-30").0, "February 2024 has 29 days");
        assert_eq!(date_problem("2029-13-01").0, "there is no month 13");
        assert_eq!(date_problem("10/02/2025").0, "it is not written YYYY-MM-DD");
        let (why, hint) = date_problem("2024-02-01T25:00:00");
        assert!(why.contains("time"), "{why}");
        assert_eq!(hint.as_deref(), Some("write the date alone: 2024-02-01"));
    }
}
