//! Reading a declaration from TOML or JSON, reporting every problem at once with its location.
//!
//! Valid input takes the fast path: one typed deserialisation plus the semantic checks in
//! [`crate::validate`]. Only when something is wrong is the document re-read into a generic tree with
//! byte spans, checked against the JSON Schema (which reports every structural problem, not just the
//! first), and each problem located at `line:column` with its field path.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Number, Value};

use crate::declaration::Declaration;
use crate::diagnostic::{Diagnostic, Diagnostics, Issue, did_you_mean, line_column, pointer_to_path};
use crate::evidence::{Evidence, validate_evidence};
use crate::schema::{allowed_fields, declaration_schema, evidence_schema};
use crate::validate::validate;

/// The file formats a declaration can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Json,
}

impl Format {
    /// Picks the format from a file name's extension (`.toml` or `.json`).
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// A document type read with located diagnostics: its schema and its semantic checks.
pub trait Document: serde::de::DeserializeOwned {
    fn schema() -> &'static Value;
    fn validator() -> &'static jsonschema::Validator;
    fn check(&self) -> Vec<Issue>;
}

impl Document for Declaration {
    fn schema() -> &'static Value {
        declaration_schema()
    }
    fn validator() -> &'static jsonschema::Validator {
        static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
        CELL.get_or_init(|| compile(declaration_schema()))
    }
    fn check(&self) -> Vec<Issue> {
        validate(self)
    }
}

impl Document for Evidence {
    fn schema() -> &'static Value {
        evidence_schema()
    }
    fn validator() -> &'static jsonschema::Validator {
        static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
        CELL.get_or_init(|| compile(evidence_schema()))
    }
    fn check(&self) -> Vec<Issue> {
        validate_evidence(self)
    }
}

fn compile(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("a schema generated from our own types compiles")
}

/// Parses and validates a declaration. `file` is only used in messages.
pub fn parse_declaration(file: &str, text: &str, format: Format) -> Result<Declaration, Diagnostics> {
    parse_document(file, text, format)
}

/// Parses and validates an evidence file. `file` is only used in messages.
pub fn parse_evidence(file: &str, text: &str, format: Format) -> Result<Evidence, Diagnostics> {
    parse_document(file, text, format)
}

/// Parses any [`Document`]: the fast typed path first, the located slow path on any problem.
pub fn parse_document<T: Document>(file: &str, text: &str, format: Format) -> Result<T, Diagnostics> {
    if text.trim().is_empty() {
        return Err(Diagnostics {
            file: file.to_string(),
            diagnostics: vec![Diagnostic {
                path: String::new(),
                line: 1,
                column: 1,
                message: "the file is empty".into(),
                expected: Some("a declaration: see examples/devices/ or `iotlabel schema`".into()),
                suggestion: None,
            }],
        });
    }
    let fast: Option<T> = match format {
        Format::Json => serde_json::from_str(text).ok(),
        Format::Toml => toml::from_str(text).ok(),
    };
    if let Some(decl) = fast {
        let issues = decl.check();
        if issues.is_empty() {
            return Ok(decl);
        }
        // The text parsed once already, so it parses again.
        let doc = SpannedTree::load(file, text, format)?;
        return Err(doc.locate(issues));
    }
    let doc = SpannedTree::load(file, text, format)?;
    let mut issues = schema_issues::<T>(&doc.value);
    let mut pruned = doc.value.clone();
    for issue in &issues {
        remove_pointer(&mut pruned, &issue.pointer);
    }
    match serde_json::from_value::<T>(pruned) {
        Ok(decl) => {
            issues.extend(decl.check());
            if issues.is_empty() {
                return Ok(decl);
            }
        }
        Err(e) if issues.is_empty() => issues.push(Issue::new("", e.to_string())),
        Err(_) => {}
    }
    dedup(&mut issues);
    Err(doc.locate(issues))
}

fn dedup(issues: &mut Vec<Issue>) {
    let mut seen = std::collections::HashSet::new();
    issues.retain(|i| seen.insert((i.pointer.clone(), i.message.clone())));
}

/// A declaration read into a generic tree, with the byte span of every key and value.
struct SpannedTree<'a> {
    file: &'a str,
    text: &'a str,
    value: Value,
    /// JSON pointer -> span of the key (when there is one) or else the value.
    spans: HashMap<String, Range<usize>>,
}

impl<'a> SpannedTree<'a> {
    fn load(file: &'a str, text: &'a str, format: Format) -> Result<Self, Diagnostics> {
        let mut spans = HashMap::new();
        let value = match format {
            Format::Json => json_tree(text, &mut spans),
            Format::Toml => toml_tree(text, &mut spans),
        };
        match value {
            Ok(value) => Ok(SpannedTree { file, text, value, spans }),
            Err((offset, message)) => {
                let (line, column) = line_column(text, offset);
                Err(Diagnostics {
                    file: file.to_string(),
                    diagnostics: vec![Diagnostic {
                        path: String::new(),
                        line,
                        column,
                        message,
                        expected: Some(match format {
                            Format::Json => "a JSON document (RFC 8259)".into(),
                            Format::Toml => "a TOML document (TOML 1.0)".into(),
                        }),
                        suggestion: None,
                    }],
                })
            }
        }
    }

    fn locate(&self, issues: Vec<Issue>) -> Diagnostics {
        let mut diagnostics: Vec<Diagnostic> = issues
            .into_iter()
            .map(|i| {
                let offset = self.offset_of(&i.pointer);
                let (line, column) = line_column(self.text, offset);
                Diagnostic {
                    path: pointer_to_path(&i.pointer),
                    line,
                    column,
                    message: i.message,
                    expected: i.expected,
                    suggestion: i.suggestion,
                }
            })
            .collect();
        diagnostics.sort_by(|a, b| (a.line, a.column, &a.path).cmp(&(b.line, b.column, &b.path)));
        Diagnostics { file: self.file.to_string(), diagnostics }
    }

    /// The offset of the nearest located ancestor of a pointer.
    fn offset_of(&self, pointer: &str) -> usize {
        let mut p = pointer;
        loop {
            if let Some(r) = self.spans.get(p) {
                return r.start;
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 0,
            }
        }
    }
}

fn escape(seg: &str) -> String {
    seg.replace('~', "~0").replace('/', "~1")
}

fn json_tree(text: &str, spans: &mut HashMap<String, Range<usize>>) -> Result<Value, (usize, String)> {
    // Strict JSON: reject comments and the other JSONC leniencies.
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        ..Default::default()
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options)
        .map_err(|e| (e.range().start, e.kind().to_string()))?;
    let Some(root) = parsed.value else {
        return Err((0, "the file is empty".into()));
    };
    // jsonc-parser accepts some things strict JSON does not; serde_json has the last word.
    if let Err(e) = serde_json::from_str::<Value>(text) {
        let offset = offset_of_line_col(text, e.line(), e.column());
        return Err((offset, e.to_string()));
    }
    json_node(root, String::new(), spans)
}

fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + l.char_indices().nth(column.saturating_sub(1)).map_or(l.len(), |c| c.0);
        }
        offset += l.len();
    }
    text.len()
}

fn json_node(
    v: jsonc_parser::ast::Value<'_>,
    pointer: String,
    spans: &mut HashMap<String, Range<usize>>,
) -> Result<Value, (usize, String)> {
    use jsonc_parser::ast::Value as J;
    match v {
        J::StringLit(s) => {
            spans.entry(pointer).or_insert(s.range.start..s.range.end);
            Ok(Value::String(s.value.into_owned()))
        }
        J::NumberLit(n) => {
            spans.entry(pointer).or_insert(n.range.start..n.range.end);
            Ok(serde_json::from_str(n.value).unwrap_or(Value::Null))
        }
        J::BooleanLit(b) => {
            spans.entry(pointer).or_insert(b.range.start..b.range.end);
            Ok(Value::Bool(b.value))
        }
        J::NullKeyword(n) => {
            spans.entry(pointer).or_insert(n.range.start..n.range.end);
            Ok(Value::Null)
        }
        J::Array(a) => {
            spans.entry(pointer.clone()).or_insert(a.range.start..a.range.end);
            Ok(Value::Array(
                a.elements
                    .into_iter()
                    .enumerate()
                    .map(|(i, e)| json_node(e, format!("{pointer}/{i}"), spans))
                    .collect::<Result<_, _>>()?,
            ))
        }
        J::Object(o) => {
            spans.entry(pointer.clone()).or_insert(o.range.start..o.range.end);
            let mut map = Map::new();
            for prop in o.properties {
                let name = prop.name.into_string();
                let child = format!("{pointer}/{}", escape(&name));
                if map.contains_key(&name) {
                    // RFC 8259 leaves duplicates undefined and readers disagree on which wins:
                    // refuse them rather than silently pick one.
                    return Err((prop.range.start, format!("duplicate key `{name}`")));
                }
                spans.insert(child.clone(), prop.range.start..prop.range.end);
                let value = json_node(prop.value, child, spans)?;
                map.insert(name, value);
            }
            Ok(Value::Object(map))
        }
    }
}

fn toml_tree(text: &str, spans: &mut HashMap<String, Range<usize>>) -> Result<Value, (usize, String)> {
    let table = toml::de::DeTable::parse(text)
        .map_err(|e| (e.span().map_or(0, |s| s.start), e.message().trim_end().to_string()))?;
    Ok(toml_table(table.get_ref(), "", spans))
}

fn toml_table(t: &toml::de::DeTable<'_>, pointer: &str, spans: &mut HashMap<String, Range<usize>>) -> Value {
    let mut map = Map::new();
    for (k, v) in t.iter() {
        let child = format!("{pointer}/{}", escape(k.get_ref()));
        spans.insert(child.clone(), k.span());
        map.insert(k.get_ref().to_string(), toml_value(v, &child, spans));
    }
    Value::Object(map)
}

fn toml_value(
    v: &toml::Spanned<toml::de::DeValue<'_>>,
    pointer: &str,
    spans: &mut HashMap<String, Range<usize>>,
) -> Value {
    use toml::de::DeValue as T;
    spans.entry(pointer.to_string()).or_insert(v.span());
    match v.get_ref() {
        T::String(s) => Value::String(s.to_string()),
        T::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            let digits = digits.trim_start_matches("0x").trim_start_matches("0o").trim_start_matches("0b");
            match i64::from_str_radix(digits, i.radix()) {
                Ok(n) => Value::Number(n.into()),
                Err(_) => Value::String(i.as_str().to_string()),
            }
        }
        T::Float(f) => {
            let s: String = f.as_str().chars().filter(|c| *c != '_').collect();
            s.parse::<f64>().ok().and_then(Number::from_f64).map_or(Value::Null, Value::Number)
        }
        T::Boolean(b) => Value::Bool(*b),
        T::Datetime(d) => Value::String(d.to_string()),
        T::Array(a) => Value::Array(
            a.iter().enumerate().map(|(i, e)| toml_value(e, &format!("{pointer}/{i}"), spans)).collect(),
        ),
        T::Table(t) => toml_table(t, pointer, spans),
    }
}

/// Every structural problem the JSON Schema finds, explained.
pub(crate) fn schema_issues<T: Document>(value: &Value) -> Vec<Issue> {
    let mut out = Vec::new();
    for err in T::validator().iter_errors(value) {
        explain(T::schema(), err.instance_path().as_str(), err.kind(), err.instance(), &mut out);
    }
    out
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "a table/object",
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("`{s}`"),
        Value::Object(_) => "a table".into(),
        Value::Array(_) => "an array".into(),
        other => format!("`{other}`"),
    }
}

fn list(options: &Value) -> String {
    options
        .as_array()
        .map(|a| {
            a.iter()
                .map(|o| o.as_str().map_or_else(|| o.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

fn explain(
    schema: &Value,
    pointer: &str,
    kind: &ValidationErrorKind,
    instance: &Value,
    out: &mut Vec<Issue>,
) {
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = allowed_fields(schema, pointer);
            for name in unexpected {
                out.push(
                    Issue::new(format!("{pointer}/{}", escape(name)), format!("unknown field `{name}`"))
                        .expected(format!("one of: {}", allowed.join(", ")))
                        .maybe_suggest(did_you_mean(name, allowed.iter().map(String::as_str))),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            out.push(
                Issue::new(format!("{pointer}/{}", escape(name)), format!("missing required field `{name}`"))
                    .suggest(match name {
                        // Lists a declaration must state even when empty, so silence is never
                        // read as "none".
                        "sensors" | "collected" => {
                            format!("add `{name}` here, as an empty list (`{name} = []`) if there are none")
                        }
                        _ => format!("add `{name}` here; `iotlabel schema` describes every field"),
                    }),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = format!("{kind:?}").to_lowercase();
            let expected = expected
                .trim_start_matches("single(")
                .trim_start_matches("multiple(")
                .trim_end_matches(')')
                .to_string();
            let hint = match instance {
                Value::String(s) if expected.contains("integer") && s.trim().parse::<i64>().is_ok() => {
                    Some(format!("remove the quotes: write {} rather than \"{s}\"", s.trim()))
                }
                Value::String(s)
                    if expected.contains("boolean") && matches!(s.as_str(), "true" | "false") =>
                {
                    Some(format!("remove the quotes: write {s} rather than \"{s}\""))
                }
                _ => None,
            };
            out.push(
                Issue::new(pointer, format!("wrong type: found {}", type_name(instance)))
                    .expected(expected)
                    .maybe_suggest(hint),
            );
        }
        ValidationErrorKind::Enum { options } => {
            let got = instance.as_str().map_or_else(|| instance.to_string(), str::to_string);
            let candidates: Vec<&str> =
                options.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            out.push(
                Issue::new(pointer, format!("{} is not an allowed value", show(instance)))
                    .expected(format!("one of: {}", list(options)))
                    .maybe_suggest(did_you_mean(&got, candidates)),
            );
        }
        ValidationErrorKind::Format { format } => {
            let expected = match format.as_str() {
                "date" => "a calendar date written YYYY-MM-DD".to_string(),
                other => format!("a value in `{other}` format"),
            };
            out.push(Issue::new(pointer, format!("{} is not valid", show(instance))).expected(expected));
        }
        ValidationErrorKind::Pattern { pattern } => {
            let expected = match pattern.as_str() {
                "^[A-Z]{2}$" => "an ISO 3166-1 alpha-2 country code in capitals, e.g. CA".to_string(),
                p if p.starts_with("^([0-9]{8}") => "a GTIN of 8, 12, 13 or 14 digits".to_string(),
                p => format!("text matching {p}"),
            };
            out.push(Issue::new(pointer, format!("{} is not valid", show(instance))).expected(expected));
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::ExclusiveMinimum { limit } => {
            out.push(
                Issue::new(pointer, format!("{} is too small", show(instance)))
                    .expected(format!("at least {limit}")),
            );
        }
        ValidationErrorKind::Maximum { limit } | ValidationErrorKind::ExclusiveMaximum { limit } => {
            out.push(
                Issue::new(pointer, format!("{} is too large", show(instance)))
                    .expected(format!("at most {limit}")),
            );
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Explain the branch that came closest (fewest errors).
            if let Some(best) = context.iter().min_by_key(|errs| errs.len()) {
                for e in best {
                    explain(schema, e.instance_path().as_str(), e.kind(), e.instance(), out);
                }
            } else {
                out.push(Issue::new(pointer, "value does not match any allowed form"));
            }
        }
        other => {
            out.push(Issue::new(pointer, format!("{} is not valid ({other:?})", show(instance))));
        }
    }
}

fn remove_pointer(v: &mut Value, pointer: &str) {
    let Some(idx) = pointer.rfind('/') else {
        return;
    };
    let (parent, last) = (&pointer[..idx], &pointer[idx + 1..]);
    let last = last.replace("~1", "/").replace("~0", "~");
    match v.pointer_mut(parent) {
        Some(Value::Object(m)) => {
            m.remove(&last);
        }
        Some(Value::Array(a)) => {
            if let Ok(i) = last.parse::<usize>()
                && i < a.len()
            {
                // Keep indices stable for later pointers: replace rather than remove.
                a[i] = Value::Null;
            }
        }
        _ => {}
    }
}

/// Locates issues found outside the parser (e.g. evidence naming unknown controls) in the text.
pub fn locate_issues(file: &str, text: &str, format: Format, issues: Vec<Issue>) -> Diagnostics {
    match SpannedTree::load(file, text, format) {
        Ok(doc) => doc.locate(issues),
        Err(d) => d,
    }
}
