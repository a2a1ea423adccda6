//! Tools' text made fit for evidence fields: the model's text policy (no control, bidi or
//! invisible characters; lengths) applied by removing what it refuses and cutting what is too
//! long, so an import never writes a file the model would refuse.

use iotlabel_model::text::{FieldKind, forbidden_in};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// One line (file names, records, tool names).
    Line,
    /// Several lines (summaries).
    Free,
}

pub(crate) fn clean(s: &str, kind: Kind) -> String {
    let fk = match kind {
        Kind::Line => FieldKind::SingleLine,
        Kind::Free => FieldKind::FreeText,
    };
    let max = fk.max_chars();
    let mut out = String::with_capacity(s.len().min(max * 4));
    let mut buf = [0u8; 4];
    let mut n = 0;
    let mut last_space = true;
    for c in s.chars() {
        // Line breaks, tabs and other controls become one space: summaries stay one paragraph.
        let c = if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        if !c.is_ascii() && forbidden_in(c.encode_utf8(&mut buf), fk).is_some() {
            continue;
        }
        if n + 1 > max {
            // Leave room for the ellipsis.
            out.pop();
            out.push('…');
            break;
        }
        last_space = c == ' ';
        out.push(c);
        n += 1;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    // Context rules (a joiner left between letters) are decided over the whole string: drop
    // whatever is still refused.
    while let Some((i, _)) = forbidden_in(&out, fk) {
        if let Some((b, ch)) = out.char_indices().nth(i) {
            out.replace_range(b..b + ch.len_utf8(), "");
        } else {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_characters_go_and_long_text_is_cut() {
        assert_eq!(clean("a\u{1b}[31mb\u{202e}c\u{200b}d\n\ne", Kind::Free), "a [31mbcd e");
        let long = "x".repeat(5000);
        let c = clean(&long, Kind::Line);
        assert_eq!(c.chars().count(), 2048);
        assert!(c.ends_with('…'));
        assert_eq!(clean("  spaced   out  ", Kind::Line), "spaced out");
    }
}
