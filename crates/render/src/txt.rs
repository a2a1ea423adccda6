//! A terminal rendering of the primary layer's facts and the framework results: plain text, no
//! colour codes, at most 100 columns.

use iotlabel_assess::Report;
use iotlabel_i18n::{Lang, Msg};
use iotlabel_model::diagnostic::is_bidi_control;
use iotlabel_model::diagnostic::is_invisible;

use crate::wording::{self, t};
use iotlabel_label::facts::{Label, Tone};

/// The widest line written.
pub const WIDTH: usize = 100;

pub fn render(label: &Label, report: &Report, lang: Lang) -> String {
    let mut out = Vec::new();
    let title = t(lang, "label-panel-title");
    out.push(title.clone());
    out.push("=".repeat(title.chars().count()));
    out.push(one_line(&wording::product_name(label)));
    out.push(one_line(&format!(
        "{} · {}",
        wording::device_type_name(lang, &label.product.device_type),
        label.product.manufacturer
    )));
    out.push(String::new());
    // Deal-breakers first: a warning mark and the count, then each with why it matters.
    if label.deal_breakers.is_empty() {
        out.push(format!("{} {}", wording::mark(Tone::Good), wording::deal_heading(label, lang)));
    } else {
        out.push(format!("⚠ {}", wording::deal_heading(label, lang)));
        for d in &label.deal_breakers {
            let line = format!("{}. {}", wording::deal_text(lang, d), wording::deal_why(lang, d));
            out.extend(wrap(&line, &format!("  {} ", wording::mark(Tone::Bad)), "    "));
        }
    }
    out.push(String::new());
    // Each answer with its mark: a tick for good news, a cross for bad news.
    let marked = |tone: Tone| match wording::mark(tone) {
        "" => "  ".to_string(),
        m => format!("{m} "),
    };
    // A sentence, not the box's two lines glued with a colon ("until: 1 March 2029"); without
    // updates, "No security updates. Support period until …".
    let support = wording::support_sentence(label, lang);
    out.extend(wrap(&support, &marked(label.answers.support.tone), "    "));
    for r in wording::answer_rows(lang, label) {
        out.extend(wrap(&wording::field(lang, &t(lang, r.what), &r.answer), &marked(r.tone), "    "));
    }

    out.push(String::new());
    out.push(wording::field(lang, &t(lang, "label-sensors"), ""));
    if label.sensors.is_empty() {
        out.push(format!("  {}", t(lang, "label-sensors-none")));
    }
    for s in &label.sensors {
        let line = wording::field(
            lang,
            &wording::sensor_name(lang, &s.kind),
            &wording::off_switch_text(lang, s.off_switch, &s.kind),
        );
        out.extend(wrap(&line, "  - ", "    "));
    }
    for kind in &label.sensors_declared_absent {
        let line =
            wording::field(lang, &wording::sensor_name(lang, kind), &t(lang, "label-sensor-declared-absent"));
        out.extend(wrap(&line, "  - ", "    "));
    }
    out.push(wording::field(lang, &t(lang, "label-data"), ""));
    if label.data.is_empty() {
        out.push(format!("  {}", t(lang, "label-data-none")));
    }
    for d in &label.data {
        let line = wording::field(lang, &wording::data_name(lang, &d.kind), &wording::data_detail(lang, d));
        out.extend(wrap(&line, "  - ", "    "));
    }

    out.push(String::new());
    out.push(wording::field(lang, &Msg::new("label-assessed-on").arg("date", label.as_of).text(lang), ""));
    for (f, r) in label.frameworks.iter().zip(&report.frameworks) {
        let c = &r.counts;
        let counts = wording::counts_text(lang, c);
        let first = match wording::mark(wording::framework_tone(f)) {
            "" => "  - ".to_string(),
            m => format!("  {m} "),
        };
        out.extend(wrap(&wording::framework_text(lang, f), &first, "    "));
        out.extend(wrap(&counts, "    ", "    "));
    }
    for (i, line) in wording::attestation_sentences(lang, label).iter().enumerate() {
        let first = if i == 0 { marked(wording::attestation_tone(label)) } else { "  ".to_string() };
        out.extend(wrap(line, &first, "    "));
    }

    out.push(String::new());
    out.extend(wrap(&wording::field(lang, &t(lang, "label-scan"), &label.url), "", "  "));
    out.extend(wrap(&wording::field(lang, &t(lang, "label-f-label-id"), &label.id), "", "  "));
    out.extend(wrap(&wording::field(lang, &t(lang, "label-f-digest"), &label.digest), "", "  "));
    if let Some(m) = &label.mud_url {
        out.extend(wrap(&wording::field(lang, &t(lang, "label-f-mud-url"), m), "", "  "));
    }
    // Every line once more through `one_line` (a no-op on safe text): a line added without it
    // still cannot carry a line break or a terminal escape.
    let mut s = out.into_iter().map(|l| one_line(l.trim_end())).collect::<Vec<_>>().join("\n");
    s.push('\n');
    s
}

/// A value from the declaration made safe for one line of the terminal: line breaks and tabs
/// become visible `\n`, `\r`, `\t`; other control characters (ESC), bidi controls and marks,
/// line and paragraph separators and invisible characters become `\u{..}` escapes (joiners and
/// variation selectors, which make emoji and some scripts, are kept). Text without them is
/// returned as it is.
pub fn one_line(s: &str) -> String {
    let unsafe_char = |c: char| {
        c.is_control()
            || is_bidi_control(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
            || is_invisible(c) && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
    };
    if !s.chars().any(unsafe_char) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// Word-wraps `text` to [`WIDTH`] columns: `first` before the first line, `rest` before the
/// others; a word longer than a line is cut.
fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
    let text = &one_line(text);
    let mut lines = Vec::new();
    let mut cur = first.to_string();
    // Characters in `cur`, counted as they are added (counting again is quadratic).
    let mut len = first.chars().count();
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word_len = word.chars().count();
        if !empty && len + 1 + word_len > WIDTH {
            lines.push(std::mem::replace(&mut cur, rest.to_string()));
            len = rest.chars().count();
            empty = true;
        }
        if !empty {
            cur.push(' ');
            len += 1;
        }
        let mut word = word;
        let mut word_len = word_len;
        while len + word_len > WIDTH {
            let room = WIDTH.saturating_sub(len).max(1).min(word_len);
            let at = word.char_indices().nth(room).map_or(word.len(), |(i, _)| i);
            cur.push_str(&word[..at]);
            word = &word[at..];
            word_len -= room;
            lines.push(std::mem::replace(&mut cur, rest.to_string()));
            len = rest.chars().count();
        }
        cur.push_str(word);
        len += word_len;
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(cur);
    }
    lines
}
