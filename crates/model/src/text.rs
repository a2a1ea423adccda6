//! The text policy: what each kind of string field may hold, and how long it may be. One table
//! ([`FIELDS`]) gives every field its kind; one walker applies it to declarations and evidence.
//!
//! | kind | fields | refused |
//! |---|---|---|
//! | identity | brand, model, names, versions, tester, ids, GTIN | control characters (tab and line breaks too), bidi controls and marks, invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen, tag characters, variation selectors), U+2028/U+2029 |
//! | single line | everything not listed (titles, URLs, types, regions) | the same, except that zero-width joiners and variation selectors are kept where they mean something (between non-ASCII letters, after a symbol) |
//! | free text | intended_use, address, purpose, not_updatable_rationale, summary | as single line, but tab and line breaks (LF, CRLF) are allowed |
//!
//! Identity fields with letters of scripts that do not go together (a Cyrillic `А` in `Acme`) get
//! a warning ([`warnings`]), not an error: the name may be real, but a reader should look.
//!
//! The walk goes through `Serialize`, so every string field of every type is covered without a
//! list to keep up to date; field names come from serde, so a problem's pointer is exact.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::diagnostic::{Issue, is_bidi_control, is_invisible, quote};

/// What a string field holds, which decides the characters it may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Names and ids that say who or what something is (compared, printed on labels).
    Identity,
    /// One line of text: titles, URLs, types.
    SingleLine,
    /// Several lines of prose.
    FreeText,
}

/// Longest identity value (brand, model, versions, names, ids), in characters.
pub const MAX_IDENTITY_CHARS: usize = 120;
/// Longest single-line value (URLs included), in characters.
pub const MAX_SINGLE_LINE_CHARS: usize = 2048;
/// Longest free text, in characters.
pub const MAX_FREE_TEXT_CHARS: usize = 4000;
/// Most elements in a declaration's lists (sensors, data items, endpoints, claims, ...).
pub const MAX_LIST_ITEMS: usize = 256;
/// Most items in one evidence file.
pub const MAX_EVIDENCE_ITEMS: usize = 10_000;

// The walker decides short printable ASCII before looking the field up: the identity limit must
// be the smallest.
const _: () =
    assert!(MAX_IDENTITY_CHARS <= MAX_SINGLE_LINE_CHARS && MAX_IDENTITY_CHARS <= MAX_FREE_TEXT_CHARS);

/// The one table of string fields by name (the last key of their path; list elements take their
/// list's name): their kind. Fields not listed are [`FieldKind::SingleLine`].
pub const FIELDS: &[(&str, FieldKind)] = &[
    ("brand", FieldKind::Identity),
    ("model", FieldKind::Identity),
    ("name", FieldKind::Identity),
    ("hardware_version", FieldKind::Identity),
    ("firmware_version", FieldKind::Identity),
    ("gtin", FieldKind::Identity),
    ("tester", FieldKind::Identity),
    ("id", FieldKind::Identity),
    ("intended_use", FieldKind::FreeText),
    ("address", FieldKind::FreeText),
    ("purpose", FieldKind::FreeText),
    ("not_updatable_rationale", FieldKind::FreeText),
    ("summary", FieldKind::FreeText),
    // Masks: who accepted a finding is a name; why is prose.
    ("who", FieldKind::Identity),
    ("why", FieldKind::FreeText),
];

/// Lists with a limit of their own; every other list holds at most [`MAX_LIST_ITEMS`].
pub const LISTS: &[(&str, usize)] = &[("items", MAX_EVIDENCE_ITEMS)];

/// The kind of the field named `key`.
pub fn field_kind(key: &str) -> FieldKind {
    FIELDS.iter().find(|(k, _)| *k == key).map_or(FieldKind::SingleLine, |(_, kind)| *kind)
}

impl FieldKind {
    /// Longest value, in characters.
    pub fn max_chars(self) -> usize {
        match self {
            FieldKind::Identity => MAX_IDENTITY_CHARS,
            FieldKind::SingleLine => MAX_SINGLE_LINE_CHARS,
            FieldKind::FreeText => MAX_FREE_TEXT_CHARS,
        }
    }
}

/// Most elements of the list named `key`.
pub fn max_items(key: &str) -> usize {
    LISTS.iter().find(|(k, _)| *k == key).map_or(MAX_LIST_ITEMS, |(_, n)| *n)
}

/// Fields of several lines of free text: tab and line breaks are allowed there and nowhere else.
pub const MULTI_LINE_FIELDS: &[&str] =
    &["intended_use", "address", "purpose", "not_updatable_rationale", "summary"];

/// Every string in `value` with a character it must not contain, or too long, and every list
/// too long, as one issue each.
pub fn check_strings<T: Serialize + ?Sized>(value: &T, out: &mut Vec<Issue>) {
    // Almost every document has no problem: a first walk that keeps no path (only the name of
    // the field it is in) decides that; only when it finds one does a second walk give each
    // problem its pointer.
    let mut path = Vec::new();
    let mut found = Vec::new();
    let _ = value.serialize(Walker {
        path: &mut path,
        key: "",
        track: false,
        out: &mut found,
        mode: Mode::Errors,
    });
    if found.is_empty() {
        return;
    }
    let _ = value.serialize(Walker { path: &mut path, key: "", track: true, out, mode: Mode::Errors });
}

/// Warnings (not errors) about `value`: identity fields mixing scripts that do not go together
/// (UTS #39 restriction levels: Latin with Cyrillic or Greek, for instance).
pub fn warnings<T: Serialize + ?Sized>(value: &T) -> Vec<Issue> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    let _ = value.serialize(Walker {
        path: &mut path,
        key: "",
        track: true,
        out: &mut out,
        mode: Mode::Warnings,
    });
    out
}

fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Whether an invisible character means something where it stands in single-line or free text:
/// a zero-width joiner or non-joiner between two non-ASCII characters (emoji sequences, Indic and
/// Arabic scripts), a variation selector after a visible character that is not an ASCII letter
/// (emoji or text presentation, keycaps, CJK variants).
fn meaningful(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let visible = |x: char| !x.is_whitespace() && !x.is_control() && !is_invisible(x);
    match c {
        '\u{200C}' | '\u{200D}' => {
            prev.is_some_and(|p| !p.is_ascii() && visible(p) || is_variation_selector(p))
                && next.is_some_and(|n| !n.is_ascii() && visible(n))
        }
        c if is_variation_selector(c) => prev.is_some_and(|p| visible(p) && !p.is_ascii_alphabetic()),
        _ => false,
    }
}

/// Line and paragraph separators (U+2028, U+2029): line breaks that most readers do not expect.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// The first character of `s` that a field of `kind` must not contain, with its 0-based
/// character index.
pub fn forbidden_in(s: &str, kind: FieldKind) -> Option<(usize, char)> {
    // Almost all text is printable ASCII: one cheap pass decides it.
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return None;
    }
    let mut prev = None;
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|(_, n)| *n);
        let bad = if c.is_control() {
            kind != FieldKind::FreeText
                || !match c {
                    '\t' | '\n' => true,
                    // A carriage return only as part of a CRLF line break.
                    '\r' => next == Some('\n'),
                    _ => false,
                }
        } else if c.is_ascii() {
            false
        } else {
            is_bidi_control(c)
                || is_line_separator(c)
                || (is_invisible(c) && (kind == FieldKind::Identity || !meaningful(c, prev, next)))
        };
        if bad {
            return Some((i, c));
        }
        prev = Some(c);
    }
    None
}

/// The first character of `s` that a field must not contain (`multi_line`: free text).
pub fn forbidden_char(s: &str, multi_line: bool) -> Option<(usize, char)> {
    forbidden_in(s, if multi_line { FieldKind::FreeText } else { FieldKind::SingleLine })
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
        '\u{AD}' => "SOFT HYPHEN",
        '\u{61C}' => "ARABIC LETTER MARK",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{2060}' => "WORD JOINER",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{E0000}'..='\u{E007F}' => "tag character",
        c if is_variation_selector(c) => "variation selector",
        c if is_invisible(c) => "invisible character",
        c if u32::from(c) >= 0x80 => "C1 control",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

/// The issue for a string holding a forbidden character.
pub fn char_issue(pointer: String, index: usize, c: char, kind: FieldKind) -> Issue {
    let what = if is_bidi_control(c) {
        "the bidirectional control"
    } else if is_invisible(c) {
        "the invisible character"
    } else if is_line_separator(c) {
        "the separator"
    } else {
        "the control character"
    };
    let issue =
        Issue::new(pointer, format!("contains {what} {} at character {}", describe_char(c), index + 1));
    match kind {
        FieldKind::FreeText => issue
            .expected("text without control or invisible characters (tab and line breaks are allowed here)")
            .suggest("remove the character"),
        _ if matches!(c, '\t' | '\n' | '\r') => {
            issue.expected("a single line of text").suggest("remove the line break or tab")
        }
        FieldKind::Identity => issue
            .expected("a name or id of visible characters only")
            .suggest("remove the character: it is invisible and can make one name pass for another"),
        FieldKind::SingleLine => issue
            .expected("a single line of printable text")
            .suggest("remove the character: it is invisible and can hide or reorder what a reader sees"),
    }
}

/// The issue for a string longer than its kind allows.
fn length_issue(pointer: String, n: usize, kind: FieldKind) -> Issue {
    Issue::new(pointer, format!("is too long ({n} characters)"))
        .expected(format!("at most {} characters", kind.max_chars()))
        .suggest(match kind {
            FieldKind::Identity => "keep names, versions and ids short: they are printed on the label",
            FieldKind::SingleLine => "shorten it: no real title, type or URL is this long",
            FieldKind::FreeText => "say it in fewer words, or link to a document",
        })
}

/// The warning for an identity value mixing scripts.
fn mixed_script_issue(pointer: String, s: &str) -> Issue {
    Issue::new(
        pointer,
        format!("{} mixes letters of scripts that do not go together (e.g. Latin and Cyrillic)", quote(s)),
    )
    .expected("a name written in one script, as printed on the device")
    .suggest("check for look-alike letters (Cyrillic `а` for Latin `a`) and retype the name")
}

/// Whether an identity value mixes scripts beyond UTS #39's moderately restrictive level.
pub fn mixes_scripts(s: &str) -> bool {
    use unicode_security::{RestrictionLevel, RestrictionLevelDetection};
    if s.is_ascii() {
        return false;
    }
    let letters: String = s.chars().filter(|c| c.is_alphanumeric()).collect();
    letters.as_str().detect_restriction_level() > RestrictionLevel::ModeratelyRestrictive
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Errors,
    Warnings,
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
    /// Where the walk is, when `track` (else left as it is).
    path: &'a mut Vec<Seg>,
    /// The name of the field the walk is in (a list element takes its list's name).
    key: &'static str,
    /// Whether `path` is kept: problems found without it have an empty pointer.
    track: bool,
    out: &'a mut Vec<Issue>,
    mode: Mode,
}

impl Walker<'_> {
    fn pointer(&self) -> String {
        pointer(self.path)
    }
}

impl Walker<'_> {
    fn child<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.track {
            self.path.push(Seg::Key(key));
        }
        let _ = value.serialize(Walker {
            path: self.path,
            key,
            track: self.track,
            out: self.out,
            mode: self.mode,
        });
        if self.track {
            self.path.pop();
        }
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
        // Almost every value is short printable ASCII, which every kind accepts and no script
        // mixes: decided in one pass, without looking the field up.
        if v.len() <= MAX_IDENTITY_CHARS && v.bytes().all(|b| (0x20..0x7F).contains(&b)) {
            return Ok(());
        }
        let kind = field_kind(self.key);
        if self.mode == Mode::Warnings {
            if kind == FieldKind::Identity && mixes_scripts(v) {
                self.out.push(mixed_script_issue(self.pointer(), v));
            }
            return Ok(());
        }
        if let Some((i, c)) = forbidden_in(v, kind) {
            self.out.push(char_issue(self.pointer(), i, c, kind));
        }
        // Bytes bound characters from above: almost every value is decided without counting.
        let max = kind.max_chars();
        if v.len() > max {
            let n = v.chars().count();
            if n > max {
                self.out.push(length_issue(self.pointer(), n, kind));
            }
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
        self.child(variant, value);
        Ok(())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Never> {
        // Every list may hold MAX_LIST_ITEMS: only longer ones need their own limit looked up.
        if self.mode == Mode::Errors
            && let Some(n) = len.filter(|&n| n > MAX_LIST_ITEMS && n > max_items(self.key))
        {
            let max = max_items(self.key);
            self.out.push(
                Issue::new(self.pointer(), format!("has too many items ({n})"))
                    .expected(format!("at most {max} items"))
                    .suggest("no real device needs this many: split the file or remove repeated entries"),
            );
        }
        if self.track {
            self.path.push(Seg::Index(0));
        }
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
        let _ = value.serialize(Walker {
            path: self.path,
            key: self.key,
            track: self.track,
            out: self.out,
            mode: self.mode,
        });
        if self.track
            && let Some(Seg::Index(i)) = self.path.last_mut()
        {
            *i += 1;
        }
    }
    fn end_seq(self) {
        if self.track {
            self.path.pop();
        }
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
        self.child(key, value);
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
        self.child(key, value);
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

    /// The policy per field kind, one case per class of character.
    #[test]
    fn each_kind_refuses_what_its_policy_says() {
        use FieldKind::*;
        let refused_everywhere = [
            "Ac\u{200B}me",
            "Ac\u{2060}me",
            "Ac\u{FEFF}me",
            "Ac\u{AD}me",
            "Acme\u{E0041}",
            "Ac\u{200E}me",
            "Ac\u{200F}me",
            "Ac\u{61C}me",
            "Ac\u{2028}me",
            "Ac\u{2029}me",
            "A\u{200D}cme",
            "Acme\u{FE0F}",
            "\u{FE0F}Acme",
            "Ac\u{1b}me",
        ];
        for s in refused_everywhere {
            for kind in [Identity, SingleLine, FreeText] {
                assert!(forbidden_in(s, kind).is_some(), "{kind:?} accepts {}", s.escape_unicode());
            }
        }
        // Joiners and variation selectors that mean something: kept outside identity fields.
        for s in ["👩\u{200D}💻 team", "म\u{200D}ि", "camera ☎\u{FE0F}", "می\u{200C}خواهم"] {
            assert_eq!(forbidden_in(s, SingleLine), None, "{}", s.escape_unicode());
            assert_eq!(forbidden_in(s, FreeText), None, "{}", s.escape_unicode());
            assert!(forbidden_in(s, Identity).is_some(), "{}", s.escape_unicode());
        }
        // Line breaks and tabs: free text only.
        for s in ["two\nlines", "tab\there", "crlf\r\nend"] {
            assert_eq!(forbidden_in(s, FreeText), None);
            assert!(forbidden_in(s, SingleLine).is_some());
            assert!(forbidden_in(s, Identity).is_some());
        }
        assert_eq!(forbidden_in("Zoë Plug 日本 ＡＣＭＥ", Identity), None);
    }

    #[test]
    fn every_field_has_one_kind_and_a_limit() {
        assert_eq!(field_kind("brand"), FieldKind::Identity);
        assert_eq!(field_kind("tester"), FieldKind::Identity);
        assert_eq!(field_kind("summary"), FieldKind::FreeText);
        assert_eq!(field_kind("website"), FieldKind::SingleLine);
        for f in MULTI_LINE_FIELDS {
            assert_eq!(field_kind(f), FieldKind::FreeText, "{f}");
        }
        assert_eq!(max_items("items"), MAX_EVIDENCE_ITEMS);
        // The walker's list shortcut relies on this: no list is allowed fewer elements than the
        // default.
        assert!(LISTS.iter().all(|(_, n)| *n >= MAX_LIST_ITEMS));
        assert_eq!(max_items("sensors"), MAX_LIST_ITEMS);
        let d = Doc {
            name: "x".repeat(MAX_IDENTITY_CHARS + 1),
            purpose: "é".repeat(MAX_FREE_TEXT_CHARS),
            list: Vec::new(),
            kind: Some("u".repeat(MAX_SINGLE_LINE_CHARS + 1)),
        };
        assert_eq!(
            issues(&d),
            vec![
                ("/name".into(), "is too long (121 characters)".into()),
                ("/type".into(), "is too long (2049 characters)".into()),
            ]
        );
    }

    #[test]
    fn mixed_scripts_in_identity_fields_are_warned_about() {
        assert!(mixes_scripts("\u{410}cme")); // Cyrillic A
        assert!(mixes_scripts("Acm\u{3B5}")); // Greek epsilon
        assert!(!mixes_scripts("Acme"));
        assert!(!mixes_scripts("Zoë Plug"));
        assert!(!mixes_scripts("Камера"));
        assert!(!mixes_scripts("Sony カメラ 日本"));
        let d = Doc { name: "\u{410}cme".into(), purpose: "\u{410}cme".into(), list: Vec::new(), kind: None };
        let w = warnings(&d);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].pointer, "/name");
    }
}
