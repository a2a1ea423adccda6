//! A terminal rendering of the primary layer's facts and the framework results: plain text, no
//! colour codes, at most 100 columns.

use iotlabel_assess::Report;
use iotlabel_i18n::{Lang, Msg};

use crate::wording::{self, t};
use iotlabel_label::facts::Label;

/// The widest line written.
pub const WIDTH: usize = 100;

pub fn render(label: &Label, report: &Report, lang: Lang) -> String {
    let mut out = Vec::new();
    let title = t(lang, "label-panel-title");
    out.push(title.clone());
    out.push("=".repeat(title.chars().count()));
    out.push(wording::product_name(label));
    out.push(format!(
        "{} · {}",
        wording::device_type_name(lang, &label.product.device_type),
        label.product.manufacturer
    ));
    out.push(String::new());
    if label.updates == iotlabel_model::UpdateMechanism::None {
        // "No security updates. Support period until …": the period is no promise of updates.
        out.extend(wrap(&wording::support_sentence(label, lang), "", "    "));
    } else {
        let (top, big) = wording::support_lines(label, lang);
        out.extend(wrap(&wording::field(lang, &top, &big), "", "    "));
    }
    let rows = [
        (t(lang, "label-updates"), wording::updates_answer(lang, label)),
        (t(lang, "label-password"), wording::password_text(lang, label.default_password)),
        (t(lang, "label-report"), wording::contact_text(lang, label.vulnerability_contact.as_deref())),
        (t(lang, "label-offline"), wording::offline_text(lang, &label.offline)),
    ];
    for (name, value) in rows {
        out.extend(wrap(&wording::field(lang, &name, &value), "", "    "));
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
            &wording::off_switch_text(lang, s.off_switch),
        );
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
        out.extend(wrap(&wording::framework_text(lang, f), "  - ", "    "));
        out.extend(wrap(&counts, "    ", "    "));
    }
    for line in wording::attestation_sentences(lang, label) {
        out.extend(wrap(&line, "", "  "));
    }

    out.push(String::new());
    out.extend(wrap(&wording::field(lang, &t(lang, "label-scan"), &label.url), "", "  "));
    out.extend(wrap(&wording::field(lang, &t(lang, "label-f-label-id"), &label.id), "", "  "));
    out.extend(wrap(&wording::field(lang, &t(lang, "label-f-digest"), &label.digest), "", "  "));
    if let Some(m) = &label.mud_url {
        out.extend(wrap(&wording::field(lang, &t(lang, "label-f-mud-url"), m), "", "  "));
    }
    let mut s = out.into_iter().map(|l| l.trim_end().to_string()).collect::<Vec<_>>().join("\n");
    s.push('\n');
    s
}

/// Word-wraps `text` to [`WIDTH`] columns: `first` before the first line, `rest` before the
/// others; a word longer than a line is cut.
fn wrap(text: &str, first: &str, rest: &str) -> Vec<String> {
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
