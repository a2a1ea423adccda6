//! Reading a declaration from TOML or JSON, reporting every problem at once with its location.
//!
//! Valid input takes the fast path: one typed deserialisation plus the semantic checks in
//! [`crate::validate`]. Only when something is wrong is the document re-read into a generic tree with
//! byte spans, checked against the JSON Schema (which reports every structural problem, not just the
//! first), repaired (refused values removed, holes filled with placeholders) so that the semantic
//! checks still run, and each problem located at `line:column` with its field path.
//!
//! Some syntax errors do not stop the reading: a duplicate key (the first one counts, the second
//! is reported) and, in TOML, an impossible date (`2026-02-30`, read as text and reported with its
//! field). Other syntax errors are reported alone, as nothing after them can be trusted.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Map, Number, Value};

use crate::declaration::Declaration;
use crate::diagnostic::{Diagnostic, Diagnostics, Issue, line_column, line_columns, pointer_to_path, quote};
use crate::evidence::{Evidence, validate_evidence};
use crate::explain::{Cx, RANK_RECOVERED, RANK_TYPE, date_issue, range_text, schema_issues};
use crate::repair::{remove_pointer, repair};
use crate::schema::{declaration_schema, evidence_schema, property, resolve};
use crate::text::describe_char;
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

    fn expected(self) -> &'static str {
        match self {
            Format::Json => "a JSON document (RFC 8259)",
            Format::Toml => "a TOML document (TOML 1.0)",
        }
    }
}

/// A document type read with located diagnostics: its schema and its semantic checks.
pub trait Document: serde::de::DeserializeOwned {
    /// What an empty file should have held, for its message.
    fn what() -> &'static str {
        "a declaration: see examples/devices/ or `iotlabel schema`"
    }
    fn schema() -> &'static Value;
    fn validator() -> &'static jsonschema::Validator;
    fn check(&self) -> Vec<Issue>;
    /// Problems worth a second look that do not make the document invalid: the parser accepts
    /// the document and callers show these located, as warnings (see [`locate_issues`]).
    fn warnings(&self) -> Vec<Issue> {
        Vec::new()
    }
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
    fn warnings(&self) -> Vec<Issue> {
        crate::validate::warnings(self)
    }
}

impl Document for Evidence {
    fn what() -> &'static str {
        "an evidence file: see examples/evidence/ or `iotlabel schema evidence`"
    }
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

impl Document for crate::masks::Masks {
    fn what() -> &'static str {
        "a masks file: see docs/evidence-import.md or `iotlabel schema masks`"
    }
    fn schema() -> &'static Value {
        crate::schema::masks_schema()
    }
    fn validator() -> &'static jsonschema::Validator {
        static CELL: OnceLock<jsonschema::Validator> = OnceLock::new();
        CELL.get_or_init(|| compile(crate::schema::masks_schema()))
    }
    fn check(&self) -> Vec<Issue> {
        crate::masks::validate_masks(self)
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

/// [`parse_evidence`] with checks of the caller's (e.g. that every item names a control or
/// requirement the catalogs know), run wherever the semantic checks run, so that their problems
/// are reported together with every other one.
pub fn parse_evidence_with(
    file: &str,
    text: &str,
    format: Format,
    extra: &dyn Fn(&Evidence) -> Vec<Issue>,
) -> Result<Evidence, Diagnostics> {
    parse_document_with(file, text, format, extra)
}

/// Parses and validates a masks file, with checks of the caller's (e.g. that each mask in force
/// selects an item of the evidence) reported with the file's other problems. `file` is only
/// used in messages.
pub fn parse_masks_with(
    file: &str,
    text: &str,
    format: Format,
    extra: &dyn Fn(&crate::masks::Masks) -> Vec<Issue>,
) -> Result<crate::masks::Masks, Diagnostics> {
    parse_document_with(file, text, format, extra)
}

/// Parses any [`Document`]: the fast typed path first, the located slow path on any problem.
pub fn parse_document<T: Document>(file: &str, text: &str, format: Format) -> Result<T, Diagnostics> {
    parse_document_with(file, text, format, &|_| Vec::new())
}

/// How many variants of placeholders the semantic checks run over when a document had to be
/// repaired (enough to cycle through the values of our four-valued enums).
const REPAIR_RUNS: usize = 4;

/// [`parse_document`] with extra checks run beside [`Document::check`].
pub fn parse_document_with<T: Document>(
    file: &str,
    text: &str,
    format: Format,
    extra: &dyn Fn(&T) -> Vec<Issue>,
) -> Result<T, Diagnostics> {
    // A byte order mark is not content: TOML readers skip it, and so do we for JSON.
    let text = strip_bom(text);
    if text.trim().is_empty() {
        return Err(Diagnostics {
            file: file.to_string(),
            omitted: 0,
            diagnostics: vec![Diagnostic {
                path: String::new(),
                line: 1,
                column: 1,
                message: "the file is empty".into(),
                expected: Some(T::what().into()),
                suggestion: None,
            }],
        });
    }
    let fast: Result<T, (String, Option<usize>)> = match format {
        Format::Json => serde_json::from_str(text)
            .map_err(|e| (tidy(&e.to_string()), Some(offset_of_line_col(text, e.line(), e.column())))),
        Format::Toml => {
            toml::from_str(text).map_err(|e| (e.message().trim_end().to_string(), e.span().map(|s| s.start)))
        }
    };
    let fast_error = match fast {
        Ok(doc) => {
            let mut issues = doc.check();
            issues.extend(extra(&doc));
            if issues.is_empty() {
                return Ok(doc);
            }
            // The text parsed once already, so it parses again.
            let tree = SpannedTree::load(file, text, format)?;
            return Err(tree.locate(issues));
        }
        Err(e) => e,
    };
    let tree = SpannedTree::load(file, text, format)?;
    let mut issues = structural_issues::<T>(&tree);
    let (doc, semantic) = semantic_issues::<T>(&tree.value, &issues, extra);
    issues.extend(semantic);
    if issues.is_empty() {
        if let Some(doc) = doc {
            return Ok(doc);
        }
        // The typed reader refused what the schema and the checks let through: report its reason
        // at its place, never without one.
        let (message, offset) = fast_error;
        let offset = offset.unwrap_or(0);
        issues.push(Issue::new(tree.pointer_at(offset), message).at(offset));
    }
    Err(tree.locate(issues))
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// serde_json's messages end with " at line L column C", which the diagnostic already says (and
/// its column is 0 at a line break): drop it.
fn tidy(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

/// The schema's problems and the problems found while reading (duplicates, impossible dates,
/// numbers out of range), at most one per field: one mistake gives one message.
fn structural_issues<T: Document>(tree: &SpannedTree<'_>) -> Vec<Issue> {
    let literal = |p: &str| tree.literal(p);
    let cx = Cx { schema: T::schema(), literal: &literal };
    let mut ranked: Vec<(u8, Issue)> =
        tree.recovered.iter().map(|r| (RANK_RECOVERED, r.explain(&cx, tree))).collect();
    ranked.extend(schema_issues(&cx, T::validator(), &tree.value));
    let mut pointer = String::new();
    integer_form(&cx, T::schema(), &tree.value, &mut pointer, &mut ranked);
    ranked.sort_by_key(|(rank, _)| *rank);
    let mut seen = HashSet::new();
    let mut issues: Vec<Issue> =
        ranked.into_iter().filter(|(_, i)| seen.insert(i.pointer.clone())).map(|(_, i)| i).collect();
    // A misspelt field is one mistake: "unknown field `sumary`, did you mean `summary`?" says it
    // all, so the required `summary` it stands for is not reported missing as well.
    let meant: HashSet<String> = issues
        .iter()
        .filter(|i| i.message.starts_with("unknown field"))
        .filter_map(|i| {
            let name = i.suggestion.as_deref()?.strip_prefix("did you mean `")?.strip_suffix("`?")?;
            let parent = &i.pointer[..i.pointer.rfind('/')?];
            Some(format!("{parent}/{}", crate::diagnostic::escape_segment(name)))
        })
        .collect();
    issues.retain(|i| !(i.message.starts_with("missing required field") && meant.contains(&i.pointer)));
    issues
}

/// Numbers the schema takes for integers (it counts `443.0` as one) but the typed reader does
/// not: written with a fraction or an exponent, or `-0`.
fn integer_form(
    cx: &Cx<'_>,
    schema: &Value,
    value: &Value,
    pointer: &mut String,
    out: &mut Vec<(u8, Issue)>,
) {
    let s = resolve(cx.schema, schema);
    match value {
        Value::Number(n)
            if s.get("type").and_then(Value::as_str) == Some("integer") && !n.is_i64() && !n.is_u64() =>
        {
            let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0) else {
                return; // not a whole number: the schema's type error says so
            };
            let written = (cx.literal)(pointer).map_or_else(|| n.to_string(), str::to_string);
            let hint = (f.abs() < 9.0e15).then(|| format!("write {}", f as i64));
            out.push((
                RANK_TYPE,
                Issue::new(pointer.clone(), format!("{} is not written as an integer", quote(&written)))
                    .expected(range_text(cx, pointer).unwrap_or_else(|| "an integer".into()))
                    .maybe_suggest(hint),
            ));
        }
        Value::Object(map) => {
            for (k, v) in map {
                if let Some(p) = property(cx.schema, s, k) {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&crate::diagnostic::escape_segment(k));
                    integer_form(cx, p, v, pointer, out);
                    pointer.truncate(len);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = s.get("items") {
                for (i, v) in items.iter().enumerate() {
                    let len = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&i.to_string());
                    integer_form(cx, item_schema, v, pointer, out);
                    pointer.truncate(len);
                }
            }
        }
        _ => {}
    }
}

/// The semantic checks (and the caller's), run on the document with its structural problems
/// removed and the holes filled, keeping only problems that concern fields the user wrote and
/// that do not depend on a placeholder. Also returns the document when nothing had to be filled.
fn semantic_issues<T: Document>(
    value: &Value,
    structural: &[Issue],
    extra: &dyn Fn(&T) -> Vec<Issue>,
) -> (Option<T>, Vec<Issue>) {
    let mut pruned = value.clone();
    for issue in structural {
        remove_pointer(&mut pruned, &issue.pointer);
    }
    let mut touched: HashSet<String> = structural.iter().map(|i| i.pointer.clone()).collect();
    // A check about a whole table or list (e.g. "names neither a control nor a requirement") may
    // only be saying again what a problem inside it says: those wait until it is fixed.
    let mut around: HashSet<&str> = HashSet::new();
    for i in structural {
        let mut p = i.pointer.as_str();
        while let Some(cut) = p.rfind('/') {
            p = &p[..cut];
            if p.is_empty() || !around.insert(p) {
                break;
            }
        }
    }
    let mut runs: Vec<Vec<Issue>> = Vec::new();
    let mut doc = None;
    let mut needed = 1;
    let mut variant = 0;
    while variant < needed {
        let mut v = pruned.clone();
        let mut filled = Vec::new();
        repair(T::schema(), T::schema(), &mut v, "", variant, &mut filled);
        if variant == 0 && !filled.is_empty() {
            needed = REPAIR_RUNS;
            touched.extend(filled);
        }
        match serde_json::from_value::<T>(v) {
            Ok(d) => {
                let mut issues = d.check();
                issues.extend(extra(&d));
                runs.push(issues);
                if needed == 1 {
                    doc = Some(d);
                }
            }
            // Not readable even repaired: the structural problems are all there is to say.
            Err(_) => return (None, Vec::new()),
        }
        variant += 1;
    }
    let mut runs = runs.into_iter();
    let first = runs.next().unwrap_or_default();
    let others: Vec<HashSet<(String, String)>> =
        runs.map(|r| r.into_iter().map(|i| (i.pointer, i.message)).collect()).collect();
    let issues = first
        .into_iter()
        .filter(|i| !is_touched(&touched, &i.pointer) && !around.contains(i.pointer.as_str()))
        .filter(|i| others.iter().all(|o| o.contains(&(i.pointer.clone(), i.message.clone()))))
        .collect();
    (doc, issues)
}

/// Whether a pointer or one of its ancestors was removed or filled in.
fn is_touched(touched: &HashSet<String>, pointer: &str) -> bool {
    let mut p = pointer;
    loop {
        if touched.contains(p) {
            return true;
        }
        match p.rfind('/') {
            Some(i) => p = &p[..i],
            None => return false,
        }
    }
}

/// Where a value sits in the text.
#[derive(Debug, Clone)]
struct Node {
    /// The key naming it (absent for list elements and the root).
    key: Option<Range<usize>>,
    value: Range<usize>,
}

/// A problem met while reading the text that does not stop the reading.
#[derive(Debug, Clone)]
enum Recovered {
    /// The second (or later) `name` at `pointer`; the first one is the one read.
    Duplicate { pointer: String, name: String, at: usize },
    /// A TOML date or time that does not exist, read as the text it was.
    BadDate { pointer: String, literal: String },
    /// A number no value can hold (beyond 64 bits, or not finite).
    BadNumber { pointer: String, literal: String },
}

impl Recovered {
    fn explain(&self, cx: &Cx<'_>, tree: &SpannedTree<'_>) -> Issue {
        match self {
            Recovered::Duplicate { pointer, name, at } => {
                let first = tree.spans.get(pointer).map(|n| n.key.clone().unwrap_or(n.value.clone()).start);
                let where_first = first.map_or_else(String::new, |o| {
                    format!(" (first set on line {})", line_column(tree.text, o).0)
                });
                let header_list = tree.text[..*at].ends_with("[[");
                let first_is_table = tree.value.pointer(pointer).is_some_and(Value::is_object);
                let hint = if header_list && first_is_table {
                    format!("`[{name}]` makes one table; to list several, write each one as `[[{name}]]`")
                } else {
                    "keep one of them: a key may be set only once".to_string()
                };
                Issue::new(pointer.clone(), format!("duplicate key {}{where_first}", quote(name)))
                    .suggest(hint)
                    .at(*at)
            }
            Recovered::BadDate { pointer, literal } => date_issue(pointer, literal),
            Recovered::BadNumber { pointer, literal } => {
                let finite = !matches!(literal.trim_start_matches(['+', '-']), "inf" | "nan");
                let message = if finite {
                    format!("number {} is out of range", quote(literal))
                } else {
                    format!("{} is not a finite number", quote(literal))
                };
                Issue::new(pointer.clone(), message)
                    .expected(range_text(cx, pointer).unwrap_or_else(|| "a number of ordinary size".into()))
            }
        }
    }
}

/// A syntax error that stops the reading.
struct SyntaxError {
    offset: usize,
    message: String,
    expected: Option<String>,
    suggestion: Option<String>,
}

impl SyntaxError {
    fn new(offset: usize, message: impl Into<String>) -> Self {
        SyntaxError { offset, message: message.into(), expected: None, suggestion: None }
    }
}

/// A quick hash for the span index (a large document has a million pointers; SipHash's defence
/// against chosen collisions costs more than the rest of the indexing and buys nothing here, as
/// the worst a collision can do is slow down locating one file's errors).
#[derive(Default, Clone, Copy)]
struct PointerHasher(u64);

impl std::hash::Hasher for PointerHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type SpanIndex = HashMap<String, Node, std::hash::BuildHasherDefault<PointerHasher>>;

/// A declaration read into a generic tree, with the byte spans of every key and value.
struct SpannedTree<'a> {
    file: &'a str,
    text: &'a str,
    value: Value,
    /// JSON pointer -> where its key and value are.
    spans: SpanIndex,
    recovered: Vec<Recovered>,
}

impl<'a> SpannedTree<'a> {
    fn load(file: &'a str, text: &'a str, format: Format) -> Result<Self, Diagnostics> {
        // About one value per 24 bytes of text: sizing the index once saves rehashing it.
        let mut spans = SpanIndex::default();
        spans.reserve(text.len() / 24);
        let mut tree = SpannedTree { file, text, value: Value::Null, spans, recovered: Vec::new() };
        let read = match format {
            Format::Json => json_tree(text, &mut tree),
            Format::Toml => toml_tree(text, &mut tree),
        };
        match read {
            Ok(value) => {
                tree.value = value;
                Ok(tree)
            }
            Err(e) => {
                let (line, column) = line_column(text, e.offset);
                Err(Diagnostics {
                    file: file.to_string(),
                    omitted: 0,
                    diagnostics: vec![Diagnostic {
                        path: String::new(),
                        line,
                        column,
                        message: e.message,
                        expected: Some(e.expected.unwrap_or_else(|| format.expected().to_string())),
                        suggestion: e.suggestion,
                    }],
                })
            }
        }
    }

    /// Locates every issue, in one pass over the text, sorted in file order and capped.
    fn locate(&self, issues: Vec<Issue>) -> Diagnostics {
        let offsets: Vec<usize> =
            issues.iter().map(|i| i.at.unwrap_or_else(|| self.offset_of(&i.pointer))).collect();
        let places = line_columns(self.text, &offsets);
        let mut diagnostics: Vec<Diagnostic> = issues
            .into_iter()
            .zip(places)
            .map(|(i, (line, column))| Diagnostic {
                path: pointer_to_path(&i.pointer),
                line,
                column,
                message: i.message,
                expected: i.expected,
                suggestion: i.suggestion,
            })
            .collect();
        diagnostics.sort_by(|a, b| (a.line, a.column, &a.path).cmp(&(b.line, b.column, &b.path)));
        let mut d = Diagnostics::new(self.file, diagnostics);
        d.cap();
        d
    }

    /// The offset of the nearest located ancestor of a pointer: its key when it has one.
    fn offset_of(&self, pointer: &str) -> usize {
        let mut p = pointer;
        loop {
            if let Some(n) = self.spans.get(p) {
                return n.key.as_ref().map_or(n.value.start, |k| k.start);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return 0,
            }
        }
    }

    /// The text of a value as written.
    fn literal(&self, pointer: &str) -> Option<&'a str> {
        let n = self.spans.get(pointer)?;
        self.text.get(n.value.clone())
    }

    /// The deepest value whose text holds `offset` (for errors known only by place).
    fn pointer_at(&self, offset: usize) -> String {
        self.spans
            .iter()
            .filter(|(_, n)| n.value.start <= offset && offset <= n.value.end)
            .min_by_key(|(p, n)| (n.value.end - n.value.start, std::cmp::Reverse(p.len())))
            .map(|(p, _)| p.clone())
            .unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

fn json_tree(text: &str, tree: &mut SpannedTree<'_>) -> Result<Value, SyntaxError> {
    if let Some(e) = raw_control_in_string(text) {
        return Err(e);
    }
    // Strict JSON: reject comments and the other JSONC leniencies.
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let at = e.range().start;
        let rest = text.get(at..).unwrap_or_default().trim_start_matches('-');
        match ["NaN", "Infinity"].into_iter().find(|w| rest.starts_with(w)) {
            Some(word) => {
                let mut s = SyntaxError::new(at, format!("`{word}` is not a JSON number"));
                s.expected = Some("a finite number: JSON has no NaN or Infinity".into());
                s
            }
            None => SyntaxError::new(at, e.kind().to_string()),
        }
    })?;
    let Some(root) = parsed.value else {
        return Err(SyntaxError::new(0, "the file is empty"));
    };
    // jsonc-parser accepts some things strict JSON does not; serde_json has the last word (but
    // numbers out of range are reported with their field, below).
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let message = tidy(&e.to_string());
        if !message.starts_with("number out of range") {
            return Err(SyntaxError::new(offset_of_line_col(text, e.line(), e.column()), message));
        }
    }
    Ok(json_node(root, String::new(), None, tree))
}

/// A raw control character inside a string (JSON wants them escaped): most often a string not
/// closed before the end of its line. Said precisely, at the character itself.
fn raw_control_in_string(text: &str) -> Option<SyntaxError> {
    let b = text.as_bytes();
    let (mut in_string, mut start, mut i) = (false, 0, 0);
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                b'\n' | b'\r' => {
                    let (line, column) = line_column(text, start);
                    let mut e = SyntaxError::new(
                        i,
                        format!(
                            "line break inside a string: the string opened at line {line}, column {column} is not closed on its line"
                        ),
                    );
                    e.expected = Some("a closing `\"` before the end of the line".into());
                    e.suggestion = Some("close the string, or write a line break inside it as \\n".into());
                    return Some(e);
                }
                c if c < 0x20 => {
                    let ch = char::from(c);
                    let mut e = SyntaxError::new(
                        i,
                        format!("raw control character {} inside a string", describe_char(ch)),
                    );
                    e.expected = Some("printable text between the quotes".into());
                    e.suggestion = Some(if ch == '\t' {
                        "write a tab as \\t".into()
                    } else {
                        "remove the character".into()
                    });
                    return Some(e);
                }
                _ => {}
            }
        } else if c == b'"' {
            in_string = true;
            start = i;
        }
        i += 1;
    }
    None
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
    key: Option<Range<usize>>,
    tree: &mut SpannedTree<'_>,
) -> Value {
    use jsonc_parser::ast::Value as J;
    use jsonc_parser::common::Ranged;
    let r = v.range();
    tree.spans.insert(pointer.clone(), Node { key, value: r.start..r.end });
    match v {
        J::StringLit(s) => Value::String(s.value.into_owned()),
        J::NumberLit(n) => match serde_json::from_str::<Number>(n.value) {
            Ok(num) => Value::Number(num),
            Err(_) => {
                tree.recovered.push(Recovered::BadNumber { pointer, literal: n.value.to_string() });
                Value::Null
            }
        },
        J::BooleanLit(b) => Value::Bool(b.value),
        J::NullKeyword(_) => Value::Null,
        J::Array(a) => Value::Array(
            a.elements
                .into_iter()
                .enumerate()
                .map(|(i, e)| json_node(e, format!("{pointer}/{i}"), None, tree))
                .collect(),
        ),
        J::Object(o) => {
            let mut map = Map::new();
            for prop in o.properties {
                let name_range = prop.name.range();
                let name = prop.name.into_string();
                let child = format!("{pointer}/{}", crate::diagnostic::escape_segment(&name));
                if map.contains_key(&name) {
                    // RFC 8259 leaves duplicates undefined and readers disagree on which wins:
                    // refuse them rather than silently pick one.
                    tree.recovered.push(Recovered::Duplicate { pointer: child, name, at: name_range.start });
                    continue;
                }
                let value = json_node(prop.value, child, Some(name_range.start..name_range.end), tree);
                map.insert(name, value);
            }
            Value::Object(map)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// TOML

/// How many recoverable TOML errors (impossible dates, duplicate keys) are read past.
const MAX_TOML_RECOVERIES: usize = 100;

/// Prefix of the name a duplicate TOML key is renamed to, so the rest of the file can be read.
const DUPLICATE_PREFIX: &str = "__iotlabel_duplicate_";

/// An edit made to the TOML text to read past an error: `range` of the original replaced.
struct Edit {
    range: Range<usize>,
    replacement: String,
}

/// Maps an offset in the edited text back to the original text.
fn original_offset(edits: &[Edit], offset: usize) -> usize {
    let mut shift: isize = 0;
    for e in edits {
        let start = (e.range.start as isize + shift) as usize;
        if offset < start {
            break;
        }
        if offset < start + e.replacement.len() {
            return e.range.start;
        }
        shift += e.replacement.len() as isize - e.range.len() as isize;
    }
    (offset as isize - shift).max(0) as usize
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + edits.len() * 32);
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.replacement);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

fn toml_tree(text: &str, tree: &mut SpannedTree<'_>) -> Result<Value, SyntaxError> {
    let mut edits: Vec<Edit> = Vec::new();
    // Renamed duplicate keys: their original name and offset.
    let mut duplicates: Vec<(String, usize)> = Vec::new();
    // Impossible dates read as strings: original offset -> literal.
    let mut dates: HashMap<usize, String> = HashMap::new();
    loop {
        let edited = if edits.is_empty() { None } else { Some(apply(text, &edits)) };
        let source = edited.as_deref().unwrap_or(text);
        let err = match toml::de::DeTable::parse(source) {
            Ok(table) => {
                let cx = TomlCx { edits: &edits, duplicates: &duplicates, dates: &dates };
                return Ok(toml_table(table.get_ref(), "", &cx, tree));
            }
            Err(e) => e,
        };
        let message = err.message().trim_end().to_string();
        let Some(span) = err.span() else {
            return Err(unplaced_toml_error(text, message));
        };
        let start = original_offset(&edits, span.start);
        let end = original_offset(&edits, span.end).max(start);
        let is_date = ["invalid date", "invalid time", "invalid datetime", "invalid date-time"]
            .iter()
            .any(|p| message.starts_with(p));
        let is_duplicate = message.starts_with("duplicate key");
        let recoverable = (is_date || is_duplicate)
            && edits.len() < MAX_TOML_RECOVERIES
            && end <= text.len()
            && !edits.iter().any(|e| e.range.start < end.max(start + 1) && start < e.range.end);
        if !recoverable {
            return Err(SyntaxError::new(start, message));
        }
        let edit = if is_date {
            // Read the whole token as a string, and report it with its field.
            let token_end = start
                + text[start..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '+' | '-')))
                    .unwrap_or(text.len() - start);
            let literal = text[start..token_end].to_string();
            dates.insert(start, literal.clone());
            Edit { range: start..token_end, replacement: format!("\"{literal}\"") }
        } else {
            let key = &text[start..end];
            let name = key.trim_matches(|c| c == '"' || c == '\'').to_string();
            duplicates.push((name, start));
            Edit { range: start..end, replacement: format!("{DUPLICATE_PREFIX}{}", duplicates.len() - 1) }
        };
        let at = edits.partition_point(|e| e.range.start < edit.range.start);
        edits.insert(at, edit);
    }
}

/// A TOML error the parser gives no place for (a key path nesting too deep): placed at the line
/// with the longest dotted key, which is where such an error comes from.
fn unplaced_toml_error(text: &str, message: String) -> SyntaxError {
    let mut best = (0, 0);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let key_part = line.split('=').next().unwrap_or_default();
        let dots = key_part.bytes().filter(|&b| b == b'.').count();
        if dots > best.0 {
            best = (dots, offset + (line.len() - line.trim_start().len()));
        }
        offset += line.len();
    }
    let mut e = SyntaxError::new(best.1, format!("{message}: this key nests too deeply"));
    if message == "recursion limit" {
        e.expected = Some("a key path of fewer than 80 parts".into());
    }
    e
}

struct TomlCx<'e> {
    edits: &'e [Edit],
    duplicates: &'e [(String, usize)],
    dates: &'e HashMap<usize, String>,
}

impl TomlCx<'_> {
    fn range(&self, r: Range<usize>) -> Range<usize> {
        let start = original_offset(self.edits, r.start);
        start..original_offset(self.edits, r.end).max(start)
    }
}

fn toml_table(
    t: &toml::de::DeTable<'_>,
    pointer: &str,
    cx: &TomlCx<'_>,
    tree: &mut SpannedTree<'_>,
) -> Value {
    let mut map = Map::new();
    for (k, v) in t.iter() {
        let name = k.get_ref();
        if let Some(n) = name.strip_prefix(DUPLICATE_PREFIX).and_then(|n| n.parse::<usize>().ok())
            && let Some((original, at)) = cx.duplicates.get(n)
        {
            tree.recovered.push(Recovered::Duplicate {
                pointer: format!("{pointer}/{}", crate::diagnostic::escape_segment(original)),
                name: original.clone(),
                at: *at,
            });
            continue;
        }
        let child = format!("{pointer}/{}", crate::diagnostic::escape_segment(name));
        let value = toml_value(v, &child, Some(cx.range(k.span())), cx, tree);
        map.insert(name.to_string(), value);
    }
    Value::Object(map)
}

fn toml_value(
    v: &toml::Spanned<toml::de::DeValue<'_>>,
    pointer: &str,
    key: Option<Range<usize>>,
    cx: &TomlCx<'_>,
    tree: &mut SpannedTree<'_>,
) -> Value {
    use toml::de::DeValue as T;
    let span = cx.range(v.span());
    tree.spans.insert(pointer.to_string(), Node { key, value: span.clone() });
    match v.get_ref() {
        T::String(s) => {
            if let Some(literal) = cx.dates.get(&span.start) {
                tree.recovered
                    .push(Recovered::BadDate { pointer: pointer.to_string(), literal: literal.clone() });
            }
            Value::String(s.to_string())
        }
        T::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            let (negative, digits) = match digits.strip_prefix('-') {
                Some(d) => (true, d.to_string()),
                None => (false, digits.trim_start_matches('+').to_string()),
            };
            let digits = digits.trim_start_matches("0x").trim_start_matches("0o").trim_start_matches("0b");
            let n = u64::from_str_radix(digits, i.radix()).ok().and_then(|n| {
                if negative { 0i64.checked_sub_unsigned(n).map(Number::from) } else { Some(Number::from(n)) }
            });
            match n {
                Some(n) => Value::Number(n),
                None => {
                    tree.recovered.push(Recovered::BadNumber {
                        pointer: pointer.to_string(),
                        literal: i.as_str().to_string(),
                    });
                    Value::Null
                }
            }
        }
        T::Float(f) => {
            let s: String = f.as_str().chars().filter(|c| *c != '_').collect();
            match s.parse::<f64>().ok().and_then(Number::from_f64) {
                Some(n) => Value::Number(n),
                None => {
                    tree.recovered.push(Recovered::BadNumber { pointer: pointer.to_string(), literal: s });
                    Value::Null
                }
            }
        }
        T::Boolean(b) => Value::Bool(*b),
        T::Datetime(d) => Value::String(d.to_string()),
        T::Array(a) => Value::Array(
            a.iter()
                .enumerate()
                .map(|(i, e)| toml_value(e, &format!("{pointer}/{i}"), None, cx, tree))
                .collect(),
        ),
        T::Table(t) => toml_table(t, pointer, cx, tree),
    }
}

/// Locates issues found outside the parser (e.g. evidence naming unknown controls) in the text.
pub fn locate_issues(file: &str, text: &str, format: Format, issues: Vec<Issue>) -> Diagnostics {
    match SpannedTree::load(file, strip_bom(text), format) {
        Ok(doc) => doc.locate(issues),
        Err(d) => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edited_offsets_map_back() {
        let edits = vec![
            Edit { range: 4..6, replacement: "\"ab\"".into() },
            Edit { range: 10..11, replacement: "XYZ".into() },
        ];
        // Before the first edit: unchanged.
        assert_eq!(original_offset(&edits, 2), 2);
        // Inside a replacement: its start.
        assert_eq!(original_offset(&edits, 5), 4);
        // Between edits: shifted by the first edit's growth (2).
        assert_eq!(original_offset(&edits, 9), 7);
        // After both: shifted by 2 + 2.
        assert_eq!(original_offset(&edits, 20), 16);
        assert_eq!(apply("0123456789abc", &edits), "0123\"ab\"6789XYZbc");
    }
}
