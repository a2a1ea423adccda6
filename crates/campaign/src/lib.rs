//! iotlabel-campaign: the campaign kit. One printable page (A4, SVG; PDF through
//! `iotlabel-raster`) per topic of `data/topics.toml` and per language, written from the buyer's
//! glossary and the advice messages (`iotlabel-advice`), so a consumer group hands out the same
//! words the tool uses.
//!
//! Text is measured with the renderers' DejaVu Sans widths (`iotlabel_render::svg::text_width`)
//! and wrapped to the page; when a topic does not fit, every size shrinks a step until it does.
//!
//! [`gaps`]: which label facts are most often bad, by device type and maker (CSV and JSON).
//!
//! Architecture invariant: no I/O; the caller writes the files.

pub mod gaps;

use std::fmt::Write as _;
use std::sync::OnceLock;

use iotlabel_advice::{GlossaryEntry, glossary};
use iotlabel_i18n::{Lang, text};
use iotlabel_render::svg::{FONT, text_width};
use iotlabel_render::wording::xml;
use serde::Deserialize;

const TOPICS_TOML: &str = include_str!("../data/topics.toml");

/// Page size and margin, in mm (= viewBox units).
pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const MARGIN: f32 = 18.0;

/// One topic: a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    /// Glossary entry ids, in the order shown.
    pub glossary: Vec<String>,
    /// Message ids of the steps the page ends with.
    pub steps: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicsFile {
    topics: Vec<Topic>,
}

/// Every topic, in the order of the data (checked by a test).
pub fn topics() -> &'static [Topic] {
    static DATA: OnceLock<Vec<Topic>> = OnceLock::new();
    DATA.get_or_init(|| match toml::from_str::<TopicsFile>(TOPICS_TOML) {
        Ok(f) => f.topics,
        Err(e) => panic!("crates/campaign/data/topics.toml: {e}"),
    })
}

/// One line of the page, placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    pub bold: bool,
}

/// Greedy word wrap to `width` at `size`.
fn wrap(s: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in s.split_whitespace() {
        let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
        if text_width(&candidate, bold, size) <= width || cur.is_empty() {
            cur = candidate;
        } else {
            lines.push(std::mem::replace(&mut cur, word.to_string()));
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// The page's lines at a scale (1.0: the design sizes); returns the lines and the lowest
/// baseline.
fn lay_out(topic: &Topic, entries: &[&GlossaryEntry], lang: Lang, scale: f32) -> (Vec<Line>, f32) {
    let width = PAGE_W - 2.0 * MARGIN;
    let mut lines = Vec::new();
    let mut y = MARGIN;
    let block =
        |lines: &mut Vec<Line>, y: &mut f32, s: &str, size: f32, bold: bool, indent: f32, after: f32| {
            let size = size * scale;
            for l in wrap(s, bold, size, width - indent) {
                *y += size * 1.3;
                lines.push(Line { text: l, x: MARGIN + indent, y: *y, size, bold });
            }
            *y += after * scale;
        };
    block(&mut lines, &mut y, &text(lang, &format!("campaign-title-{}", topic.id)), 9.0, true, 0.0, 3.0);
    block(&mut lines, &mut y, &text(lang, &format!("campaign-intro-{}", topic.id)), 4.6, false, 0.0, 4.0);
    for e in entries {
        block(&mut lines, &mut y, &e.term, 5.0, true, 0.0, 0.5);
        block(&mut lines, &mut y, &e.meaning, 4.0, false, 0.0, 0.5);
        block(&mut lines, &mut y, &e.why, 4.0, false, 0.0, 0.5);
        block(&mut lines, &mut y, &e.ask, 4.0, true, 0.0, 3.0);
    }
    if !topic.steps.is_empty() {
        block(&mut lines, &mut y, &text(lang, "campaign-h-steps"), 5.5, true, 0.0, 0.5);
        for s in &topic.steps {
            block(&mut lines, &mut y, &format!("• {}", text(lang, s)), 4.0, false, 2.0, 1.0);
        }
    }
    (lines, y)
}

/// The page's lines, shrunk until they fit above the bottom margin (and its footer).
pub fn lines(topic: &Topic, lang: Lang) -> Vec<Line> {
    let g = glossary(lang);
    let entries: Vec<&GlossaryEntry> =
        topic.glossary.iter().filter_map(|id| g.entries.iter().find(|e| &e.id == id)).collect();
    let bottom = PAGE_H - MARGIN - 6.0;
    let mut scale = 1.0;
    loop {
        let (lines, y) = lay_out(topic, &entries, lang, scale);
        if y <= bottom || scale < 0.5 {
            return lines;
        }
        scale *= 0.95;
    }
}

/// One topic's page as SVG (A4 portrait), black on white, with a title and the language set so
/// the PDF carries them.
pub fn explainer_svg(topic: &Topic, lang: Lang) -> String {
    let title = text(lang, &format!("campaign-title-{}", topic.id));
    let mut svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}mm" height="{PAGE_H}mm" viewBox="0 0 {PAGE_W} {PAGE_H}" lang="{}" font-family="{FONT}" fill="#000"><title>{}</title><rect width="{PAGE_W}" height="{PAGE_H}" fill="#fff"/>"##,
        lang.code(),
        xml(&title)
    );
    for l in lines(topic, lang) {
        let weight = if l.bold { r#" font-weight="bold""# } else { "" };
        let _ = write!(
            svg,
            r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}"{weight}>{}</text>"#,
            l.x,
            l.y,
            l.size,
            xml(&l.text)
        );
    }
    let footer = text(lang, "campaign-footer");
    let _ = write!(
        svg,
        r#"<text x="{MARGIN}" y="{:.2}" font-size="3">{}</text></svg>"#,
        PAGE_H - MARGIN + 4.0,
        xml(&footer)
    );
    svg
}
