//! Located, human-readable problems found in a declaration.

use std::fmt;

use serde::Serialize;

/// One problem in an input file: what is wrong, where, what was expected, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Field path in the declaration, e.g. `updates.support_end` or `sensors[1].type`; empty for
    /// problems with the file as a whole (syntax errors).
    pub path: String,
    /// 1-based line; 0 for problems with the file as a whole (unreadable, unknown type).
    pub line: usize,
    /// 1-based column (in characters), 0 when unknown.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// A problem found before locating it: a JSON pointer into the document and the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// JSON pointer (`/sensors/1/type`) of the offending value.
    pub pointer: String,
    pub message: String,
    pub expected: Option<String>,
    pub suggestion: Option<String>,
}

impl Issue {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { pointer: pointer.into(), message: message.into(), expected: None, suggestion: None }
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    pub fn maybe_suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
}

/// All problems found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Diagnostics {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        writeln!(f, "{}: {} problem{} found", self.file, n, if n == 1 { "" } else { "s" })?;
        for d in &self.diagnostics {
            if d.line == 0 {
                write!(f, "{}: ", self.file)?;
            } else {
                write!(f, "{}:{}:{}: ", self.file, d.line, d.column)?;
            }
            if !d.path.is_empty() {
                write!(f, "{}: ", d.path)?;
            }
            write!(f, "{}", d.message)?;
            if let Some(e) = &d.expected {
                write!(f, "\n    expected: {e}")?;
            }
            if let Some(s) = &d.suggestion {
                write!(f, "\n    help: {s}")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

/// Turns a JSON pointer into the dotted field path users read: `/sensors/1/type` -> `sensors[1].type`.
pub fn pointer_to_path(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(&seg);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

/// 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The closest candidate to `got`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(got: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    if got.chars().count() < 4 {
        // Too short for a typo to be told from a different value (e.g. TLS `1.7` vs `1.0`).
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&got.to_ascii_lowercase(), &c.to_ascii_lowercase());
        if score > best.map_or(0.0, |b| b.0) {
            best = Some((score, c));
        }
    }
    best.filter(|(s, _)| *s >= 0.8).map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_field_paths() {
        assert_eq!(pointer_to_path("/sensors/1/type"), "sensors[1].type");
        assert_eq!(pointer_to_path("/identity/manufacturer/name"), "identity.manufacturer.name");
        assert_eq!(pointer_to_path(""), "");
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // 'é' is two bytes; the '=' after it is column 4.
        assert_eq!(line_column(text, 10), (2, 4));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        assert_eq!(
            did_you_mean("suport_end", ["support_end", "signed"]).as_deref(),
            Some("did you mean `support_end`?")
        );
        assert_eq!(did_you_mean("zzz", ["support_end"]), None);
    }
}
