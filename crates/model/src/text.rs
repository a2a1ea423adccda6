//! Checks every string of a document for characters that have no place in a label: control
//! characters (terminal escapes, NUL, bell, C1 controls) and Unicode bidirectional controls, which
//! can make text display differently from what it is (U+202E turns `Cam 2` into `2 maC`).
//!
//! The walk goes through `Serialize`, so every string field of every type is covered without a
//! list to keep up to date; field names come from serde, so a problem's pointer is exact.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::diagnostic::{Issue, is_bidi_control};

/// Fields of several lines of free text: tab and line breaks are allowed there and nowhere else.
pub const MULTI_LINE_FIELDS: &[&str] =
    &["intended_use", "address", "purpose", "not_updatable_rationale", "summary"];

/// Every string in `value` with a character it must not contain, as one issue per string.
pub fn check_strings<T: Serialize + ?Sized>(value: &T, out: &mut Vec<Issue>) {
    let mut path = Vec::new();
    let _ = value.serialize(Walker { path: &mut path, out });
}

/// The first character of `s` that a field must not contain, with its 0-based character index.
pub fn forbidden_char(s: &str, multi_line: bool) -> Option<(usize, char)> {
    // Almost all text is printable ASCII: one cheap pass decides it.
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return None;
    }
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let allowed_here = multi_line
            && match c {
                '\t' | '\n' => true,
                // A carriage return only as part of a CRLF line break.
                '\r' => chars.peek().is_some_and(|(_, n)| *n == '\n'),
                _ => false,
            };
        if (c.is_control() && !allowed_here) || is_bidi_control(c) {
            return Some((i, c));
        }
    }
    None
}

/// What a forbidden character is, for a message: `U+001B (ESC)`.
pub fn describe_char(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\u{7}' => "BEL",
        '\u{8}' => "backspace",
        '\t' => "tab",
        '\n' => "line break",
        '\r' => "carriage return",
        '\u{1B}' => "ESC",
        '\u{7F}' => "DEL",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        c if u32::from(c) >= 0x80 => "C1 control",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

/// The issue for a string holding a forbidden character.
pub fn char_issue(pointer: String, index: usize, c: char, multi_line: bool) -> Issue {
    let what = if is_bidi_control(c) { "the bidirectional control" } else { "the control character" };
    let issue =
        Issue::new(pointer, format!("contains {what} {} at character {}", describe_char(c), index + 1));
    if multi_line {
        issue
            .expected("text without control characters (tab and line breaks are allowed here)")
            .suggest("remove the character")
    } else if matches!(c, '\t' | '\n' | '\r') {
        issue.expected("a single line of text").suggest("remove the line break or tab")
    } else {
        issue
            .expected("a single line of printable text")
            .suggest("remove the character: it is invisible and can hide or reorder what a reader sees")
    }
}

enum Seg {
    Key(&'static str),
    Index(usize),
}

fn pointer(path: &[Seg]) -> String {
    let mut p = String::new();
    for s in path {
        p.push('/');
        match s {
            Seg::Key(k) => p.push_str(&crate::diagnostic::escape_segment(k)),
            Seg::Index(i) => p.push_str(&i.to_string()),
        }
    }
    p
}

/// Never produced: the walker always succeeds.
#[derive(Debug)]
struct Never;

impl fmt::Display for Never {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unreachable")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Never
    }
}

struct Walker<'a> {
    path: &'a mut Vec<Seg>,
    out: &'a mut Vec<Issue>,
}

impl Walker<'_> {
    fn child<T: Serialize + ?Sized>(&mut self, seg: Seg, value: &T) {
        self.path.push(seg);
        let _ = value.serialize(Walker { path: self.path, out: self.out });
        self.path.pop();
    }
}

impl<'a> ser::Serializer for Walker<'a> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Impossible<(), Never>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_str(self, v: &str) -> Result<(), Never> {
        let multi_line = matches!(self.path.last(), Some(Seg::Key(k)) if MULTI_LINE_FIELDS.contains(k));
        if let Some((i, c)) = forbidden_char(v, multi_line) {
            self.out.push(char_issue(pointer(self.path), i, c, multi_line));
        }
        Ok(())
    }
    fn serialize_bool(self, _: bool) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i8(self, _: i8) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i16(self, _: i16) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i32(self, _: i32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_i64(self, _: i64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u8(self, _: u8) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u16(self, _: u16) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u32(self, _: u32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_u64(self, _: u64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_char(self, c: char) -> Result<(), Never> {
        self.serialize_str(c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Never> {
        // Enum values are fixed names, never user text.
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.child(Seg::Key(variant), value);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Never> {
        self.path.push(Seg::Index(0));
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Self, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Never> {
        // No document type has a map of user keys; if one is added, give it a walk here.
        Err(Never)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        Ok(self)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, _: &T) -> Result<(), Never> {
        // Values written through Display (dates) are formatted by us, not typed by the user.
        Ok(())
    }
}

impl Walker<'_> {
    /// The next element of a sequence: the index segment pushed by `serialize_seq` moves on.
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) {
        let _ = value.serialize(Walker { path: self.path, out: self.out });
        if let Some(Seg::Index(i)) = self.path.last_mut() {
            *i += 1;
        }
    }
    fn end_seq(self) {
        self.path.pop();
    }
}

impl ser::SerializeSeq for Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.element(value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.end_seq();
        Ok(())
    }
}

impl ser::SerializeTuple for Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.element(value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.end_seq();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.element(value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.end_seq();
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.element(value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        self.end_seq();
        Ok(())
    }
}

impl ser::SerializeStruct for Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Never> {
        self.child(Seg::Key(key), value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Walker<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Never> {
        self.child(Seg::Key(key), value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Doc {
        name: String,
        purpose: String,
        list: Vec<Inner>,
        #[serde(rename = "type")]
        kind: Option<String>,
    }

    #[derive(Serialize)]
    struct Inner {
        summary: String,
        tags: Vec<String>,
    }

    fn issues(d: &Doc) -> Vec<(String, String)> {
        let mut out = Vec::new();
        check_strings(d, &mut out);
        out.into_iter().map(|i| (i.pointer, i.message)).collect()
    }

    #[test]
    fn every_string_is_checked_at_its_own_pointer() {
        let d = Doc {
            name: "ok".into(),
            purpose: "two\nlines\tand a tab\r\n".into(),
            list: vec![
                Inner { summary: "fine".into(), tags: vec!["a".into(), "b\u{1b}[31m".into()] },
                Inner { summary: "bell\u{7}".into(), tags: vec![] },
            ],
            kind: Some("x\u{202E}y".into()),
        };
        assert_eq!(
            issues(&d),
            vec![
                (
                    "/list/0/tags/1".into(),
                    "contains the control character U+001B (ESC) at character 2".into()
                ),
                (
                    "/list/1/summary".into(),
                    "contains the control character U+0007 (BEL) at character 5".into()
                ),
                (
                    "/type".into(),
                    "contains the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) at character 2"
                        .into()
                ),
            ]
        );
    }

    #[test]
    fn line_breaks_only_in_multi_line_fields() {
        assert_eq!(forbidden_char("a\nb", false), Some((1, '\n')));
        assert_eq!(forbidden_char("a\nb", true), None);
        assert_eq!(forbidden_char("a\rb", true), Some((1, '\r')));
        assert_eq!(forbidden_char("Zoë 日本 📷", false), None);
        assert_eq!(forbidden_char("x\u{85}", true), Some((1, '\u{85}')));
        assert_eq!(forbidden_char("\u{2066}", true), Some((0, '\u{2066}')));
        assert_eq!(forbidden_char("del\u{7f}", false), Some((3, '\u{7f}')));
    }
}
