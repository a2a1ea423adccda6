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
    /// Byte offset to report instead of the pointer's own place (e.g. the second of two
    /// duplicate keys, which the pointer cannot tell from the first).
    pub(crate) at: Option<usize>,
}

impl Issue {
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Issue { pointer: pointer.into(), message: message.into(), expected: None, suggestion: None, at: None }
    }

    pub(crate) fn at(mut self, offset: usize) -> Self {
        self.at = Some(offset);
        self
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
///
/// At most [`MAX_SHOWN`] problems are listed; when there were more, the last entry says how many
/// were left out, placed at the first one not shown, and `omitted` counts them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct Diagnostics {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Problems found but not listed (0 when all are).
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How many problems one file lists before the rest are summed up in one line.
pub const MAX_SHOWN: usize = 200;

impl Diagnostics {
    /// Diagnostics for `file`, all listed.
    pub fn new(file: impl Into<String>, diagnostics: Vec<Diagnostic>) -> Self {
        Diagnostics { file: file.into(), diagnostics, omitted: 0 }
    }

    /// Keeps the first [`MAX_SHOWN`] diagnostics (they are in file order) and replaces the rest
    /// with one entry saying how many there were, located at the first of them.
    pub(crate) fn cap(&mut self) {
        if self.diagnostics.len() <= MAX_SHOWN {
            return;
        }
        let rest = self.diagnostics.len() - MAX_SHOWN;
        let first_left_out = &self.diagnostics[MAX_SHOWN];
        let summary = Diagnostic {
            path: String::new(),
            line: first_left_out.line,
            column: first_left_out.column,
            message: format!("and {rest} more problems not shown: fix the ones above and run again"),
            expected: None,
            suggestion: None,
        };
        self.diagnostics.truncate(MAX_SHOWN);
        self.diagnostics.push(summary);
        self.omitted = rest;
    }

    /// How many problems were found, listed or not.
    pub fn total(&self) -> usize {
        if self.omitted == 0 { self.diagnostics.len() } else { self.diagnostics.len() - 1 + self.omitted }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.total();
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

/// One JSON pointer segment (RFC 6901): `~` as `~0`, `/` as `~1`.
pub(crate) fn escape_segment(seg: &str) -> String {
    seg.replace('~', "~0").replace('/', "~1")
}

/// The inverse of [`escape_segment`].
pub(crate) fn unescape_segment(seg: &str) -> String {
    seg.replace("~1", "/").replace("~0", "~")
}

/// Turns a JSON pointer into the dotted field path users read: `/sensors/1/type` -> `sensors[1].type`.
pub fn pointer_to_path(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = unescape_segment(seg);
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

/// 1-based line and character column of each byte offset, in one pass over the text (so locating
/// many problems costs no more than reading the file once, even when it is all on one line).
pub fn line_columns(text: &str, offsets: &[usize]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![(1, 1); offsets.len()];
    let (mut pos, mut line, mut column) = (0usize, 1usize, 1usize);
    let bytes = text.as_bytes();
    for i in order {
        let mut target = offsets[i].min(text.len());
        while target > 0 && !text.is_char_boundary(target) {
            target -= 1;
        }
        while pos < target {
            let b = bytes[pos];
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not bytes: continuation bytes of UTF-8 do not start one.
                column += 1;
            }
            pos += 1;
        }
        out[i] = (line, column);
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
    closest(got, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// The candidate closest to `got`, if it is close enough to be a likely typo.
pub fn closest<'a>(got: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    if got.chars().count() < 4 {
        // Too short for a typo to be told from a different value (e.g. TLS `1.7` vs `1.0`).
        return None;
    }
    let got = got.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&got, &c.to_ascii_lowercase());
        if score > best.map_or(0.0, |b| b.0) {
            best = Some((score, c));
        }
    }
    best.filter(|(s, _)| *s >= 0.8).map(|(_, c)| c)
}

/// User text quoted for a message: in backticks, control and bidirectional characters written as
/// `\u{..}` (so a message never carries a terminal escape or reorders itself), and cut to a
/// readable length.
pub fn quote(s: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::with_capacity(s.len().min(MAX * 4) + 2);
    out.push('`');
    for (n, c) in s.chars().enumerate() {
        if n == MAX {
            out.push('…');
            break;
        }
        if c.is_control() || is_bidi_control(c) || is_invisible(c) || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push_str(&format!("\\u{{{:04X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('`');
    out
}

/// Characters that show nothing (or nothing by themselves) and can make two names look alike:
/// zero-width space and joiners, word joiner and invisible operators, BOM, soft hyphen, Mongolian
/// vowel separator, combining grapheme joiner, Hangul fillers, tag characters and variation
/// selectors.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Unicode bidirectional embedding, override and isolate controls (U+202A-202E, U+2066-2069) and
/// marks (U+200E, U+200F, U+061C): invisible, and able to make text display in a different order
/// than it is stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
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
    fn many_offsets_are_located_in_one_pass() {
        let text = "a = 1\nbé = 2\nc\n";
        let offsets = [10, 0, 6, 13, 1000];
        let one_by_one: Vec<_> = offsets.iter().map(|&o| line_column(text, o)).collect();
        assert_eq!(line_columns(text, &offsets), one_by_one);
        // An offset inside a multi-byte character counts from the start of that character.
        assert_eq!(line_columns(text, &[8]), vec![line_column(text, 8)]);
    }

    #[test]
    fn quoted_text_is_safe_to_print() {
        assert_eq!(quote("Cam\u{7} 2\u{202E}x"), "`Cam\\u{0007} 2\\u{202E}x`");
        assert_eq!(quote(&"A".repeat(1000)).chars().count(), 63);
    }

    #[test]
    fn long_lists_are_capped_with_a_count() {
        let d = Diagnostic {
            path: "p".into(),
            line: 3,
            column: 1,
            message: "m".into(),
            expected: None,
            suggestion: None,
        };
        let mut all = Diagnostics::new("f", vec![d; MAX_SHOWN + 50]);
        all.cap();
        assert_eq!(all.diagnostics.len(), MAX_SHOWN + 1);
        assert_eq!(all.omitted, 50);
        assert_eq!(all.total(), MAX_SHOWN + 50);
        assert!(all.to_string().starts_with("f: 250 problems found"));
        assert_eq!(all.diagnostics[MAX_SHOWN].line, 3);
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
