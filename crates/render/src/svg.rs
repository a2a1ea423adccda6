//! The primary layer: the panel printed on the box, 90 x 120 mm, readable in ten seconds.
//!
//! Black on white, one font (DejaVu Sans), no meaning carried by colour; every word comes from
//! `locales/<lang>/label.ftl` or from bilingual data (taxonomy). Text is measured with DejaVu
//! Sans's advance widths so that it is shrunk, wrapped or shortened to fit its box. For two
//! languages (Canadian packaging) the panels stand side by side, 180 x 120 mm. The output is
//! deterministic: no random ids, no timestamps.

use std::fmt::Write as _;

use iotlabel_i18n::{Lang, Msg};

use crate::icons::{self, num};
use crate::wording::*;
use iotlabel_label::facts::{DataFact, Label, SensorFact, Tone};

/// Width and height of one panel, in mm (= viewBox units).
pub const PANEL_W: f32 = 90.0;
pub const PANEL_H: f32 = 120.0;
/// The font every renderer names (PNG and PDF rendering load DejaVu Sans).
pub const FONT: &str = "DejaVu Sans, sans-serif";

const MARGIN: f32 = 3.0;
const BODY: f32 = 2.2;
/// The support box's large line, good news or bad: it never shrinks for bad news (the longest
/// date and every bad-news wording fit at this size in both languages; tested).
pub const HEADLINE: f32 = 6.0;
/// Side of an answer's mark (tick or cross).
const MARK: f32 = 2.4;
/// The band's colours: reverse type for deal-breakers. Black and white only, so it reads the
/// same printed in black and white and for colour-blind readers (contrast 21:1, tested).
pub const BAND_FILL: &str = "#000";
pub const BAND_TEXT: &str = "#fff";

/// The primary layer for one language, or for two side by side (`[En, Fr]`).
pub fn primary(label: &Label, langs: &[Lang]) -> String {
    let langs: &[Lang] = if langs.is_empty() { &[Lang::En] } else { langs };
    let width = PANEL_W * langs.len() as f32;
    let titles: Vec<String> = langs.iter().map(|&l| title(label, l)).collect();
    let descs: Vec<String> = langs.iter().map(|&l| description(label, l)).collect();
    let suffix = langs.iter().map(|l| l.code()).collect::<Vec<_>>().join("-");
    let mut out = String::with_capacity(24_000);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}" role="img" aria-labelledby="label-title-{suffix} label-desc-{suffix}" lang="{lang}" font-family="{FONT}" fill="#000">"##,
        w = num(width),
        h = num(PANEL_H),
        lang = langs[0].code(),
    );
    let _ = write!(
        out,
        r#"<title id="label-title-{suffix}">{}</title><desc id="label-desc-{suffix}">{}</desc>"#,
        xml(&titles.join(" / ")),
        xml(&descs.join(" / ")),
    );
    let _ = write!(out, r##"<rect width="{}" height="{}" fill="#fff"/>"##, num(width), num(PANEL_H));
    // The top of each panel (header, band, support box, four facts), then the columns: side by
    // side they show the same sensors and data, in the same order.
    let heads: Vec<(String, f32)> = langs
        .iter()
        .map(|&l| {
            let mut s = String::with_capacity(6_000);
            let y = head(&mut s, label, l);
            (s, y)
        })
        .collect();
    let tops: Vec<f32> = heads.iter().map(|h| h.1 + 0.9).collect();
    // Panels side by side share their layout: the bottom block starts at the same height. One
    // line per framework when the columns have room; one line for all of them when they do not.
    let layout = |compact: bool| {
        let height = langs.iter().map(|&l| bottom(label, l, compact).height).fold(0.0, f32::max);
        let bottom_top = PANEL_H - MARGIN - height - 0.4;
        (bottom_top, ColumnPlan::new(label, langs, &tops, bottom_top - 0.9))
    };
    let mut compact = false;
    let (mut bottom_top, mut plan) = layout(false);
    if plan.cut(label) && label.frameworks.len() > 1 {
        compact = true;
        (bottom_top, plan) = layout(true);
    }
    for (i, (&lang, (head, top))) in langs.iter().zip(heads).enumerate() {
        let _ =
            write!(out, r#"<g lang="{}" transform="translate({} 0)">"#, lang.code(), num(PANEL_W * i as f32));
        out.push_str(&head);
        panel_rest(&mut out, label, lang, top + 0.9, bottom_top, &plan, compact);
        out.push_str("</g>");
    }
    out.push_str("</svg>\n");
    out
}

// ---------------------------------------------------------------------------------------------
// The panel

/// The bottom block (framework results, attestation, QR code): its parts in one language.
struct Bottom {
    scan_size: f32,
    scan_lines: Vec<String>,
    /// Height of the results and the QR code, above the address line.
    upper: f32,
    icon: &'static str,
    who: String,
    who_size: f32,
    who_lines: Vec<String>,
    frameworks: Frameworks,
    height: f32,
}

/// The framework results: one line each (with its mark), or all in one run of text.
enum Frameworks {
    Lines(Vec<(Tone, f32, Vec<String>)>),
    Compact(f32, Vec<String>),
}

impl Frameworks {
    fn height(&self) -> f32 {
        match self {
            Frameworks::Lines(lines) => lines.len() as f32 * FW_STEP,
            Frameworks::Compact(size, lines) => lines.len() as f32 * size * 1.2 + 0.4,
        }
    }
}

/// Side of the QR code and where it starts, in mm.
pub const QR: f32 = 17.6;
pub const QR_X: f32 = PANEL_W - MARGIN - QR + 0.6;
const FW_STEP: f32 = 2.65;
const FW_MARK: f32 = 1.9;

fn bottom(label: &Label, lang: Lang, compact: bool) -> Bottom {
    // "Details online", then the address itself, readable and typeable (no scheme, no digest).
    // "Details online: registry.example/l/…", across the panel under the results and the QR
    // code: the address readable and typeable (no scheme, no digest).
    let scan = field(lang, &t(lang, "label-scan"), &readable_url(&label.url));
    let (scan_size, scan_lines) = fit(&scan, false, 2.0, 1.8, PANEL_W - 2.0 * MARGIN, 2);
    let scan_h = scan_lines.len() as f32 * scan_size * 1.15 + 0.5;
    let text_w = QR_X - MARGIN - 0.8;
    let (icon, who) = attestation_summary(lang, label);
    let (who_size, who_lines) = fit(&who, true, BODY, 1.9, text_w - 5.4, 2);
    let who_h = (who_lines.len() as f32 * who_size * 1.18).max(4.4);
    let frameworks = if compact {
        let (size, lines) = fit(&frameworks_line(lang, label), false, BODY, 1.8, text_w, 4);
        Frameworks::Compact(size, lines)
    } else {
        Frameworks::Lines(
            label
                .frameworks
                .iter()
                .filter(|f| f.on_panel)
                .map(|f| {
                    let (size, lines) = fit(&framework_text(lang, f), false, BODY, 1.8, text_w - 2.6, 1);
                    (framework_tone(f), size, lines)
                })
                .collect(),
        )
    };
    let left = 3.2 + frameworks.height() + 1.0 + who_h;
    let upper = left.max(QR + 0.4);
    Bottom {
        scan_size,
        scan_lines,
        upper,
        icon,
        who,
        who_size,
        who_lines,
        frameworks,
        height: upper + scan_h,
    }
}

/// The panel's frame, header, product, support box and four facts; returns the height of the
/// rule below the facts.
fn head(out: &mut String, label: &Label, lang: Lang) -> f32 {
    let right = PANEL_W - MARGIN;
    let inner = right - MARGIN;
    // Frame and header band (white on black: legible in black and white).
    out.push_str(r##"<rect x="0.6" y="0.6" width="88.8" height="118.8" fill="#fff" stroke="#000" stroke-width="1.2"/>"##);
    out.push_str(r##"<rect x="0.6" y="0.6" width="88.8" height="6.4" fill="#000"/>"##);
    let (size, lines) = fit(&t(lang, "label-panel-title"), true, 3.3, 2.6, inner, 1);
    text_lines(out, MARGIN, 5.0, size, true, &lines, Some("#fff"));

    // Product (up to two lines; the model stays readable when the name is shortened) and
    // manufacturer. A second line moves everything below it down.
    let (size, lines) = fit_product(label, inner);
    text_lines(out, MARGIN, 12.0, size, true, &lines, None);
    let dy = (lines.len() - 1) as f32 * size * 1.18;
    let who =
        format!("{} · {}", device_type_name(lang, &label.product.device_type), label.product.manufacturer);
    let (size, lines) = fit(&who, false, 2.5, BODY, inner, 1);
    text_lines(out, MARGIN, 15.6 + dy, size, false, &lines, None);
    // Which hardware and software the label speaks for, and when it was issued.
    let versions = Msg::new("label-versions")
        .arg("hardware", label.product.hardware_version.clone())
        .arg("firmware", label.product.firmware_version.clone())
        .arg("date", label.as_of)
        .text(lang);
    let (size, lines) = fit(&versions, false, 2.0, 1.8, inner, 1);
    text_lines(out, MARGIN, 18.3 + dy, size, false, &lines, None);
    let dy = dy + 2.6;

    // The deal-breakers, first: reverse type (white on black) with a warning mark, or a framed
    // "no serious problems found" with a tick.
    let dy = dy + band(out, label, lang, 17.0 + dy) + 1.0;

    // Support period: the largest text on the label, the same size for good and bad news.
    let _ = write!(
        out,
        r##"<rect x="3" y="{}" width="84" height="13.2" fill="#fff" stroke="#000" stroke-width="0.8"/>"##,
        num(17.2 + dy)
    );
    out.push_str(&icons::place(
        icons::status("calendar"),
        4.6,
        20.4 + dy,
        6.6,
        Some(&xml(&t(lang, "label-support-icon"))),
    ));
    let (top, big) = support_lines(label, lang);
    let text_x = 13.2;
    let text_w = right - 1.5 - text_x;
    let (size, lines) = fit(&top, false, 2.6, BODY, text_w - 3.0, 1);
    text_lines(out, text_x, 21.4 + dy, size, false, &lines, None);
    mark(out, label.answers.support.tone, right - 3.6, 19.0 + dy);
    let (size, lines) = fit(&big, true, HEADLINE, 3.5, text_w, 1);
    text_lines(out, text_x, 28.1 + dy, size, true, &lines, None);

    // Four facts, one row each: icon, what, mark and answer (up to two lines: a long address
    // wraps at its `/`, `.` or `@`).
    let mut y = 31.2 + dy;
    for r in answer_rows(lang, label) {
        let what = t(lang, r.what);
        out.push_str(&icons::place(icons::status(r.icon), MARGIN, y + 0.4, 5.2, Some(&xml(&what))));
        let x = MARGIN + 7.0;
        let (size, lines) = fit(&what, false, BODY, BODY, right - x, 1);
        text_lines(out, x, y + 2.1, size, false, &lines, None);
        mark(out, r.tone, x, y + 3.0);
        let ax = x + MARK + 0.8;
        let (size, lines) = fit(&r.answer, true, 2.7, BODY, right - ax, 2);
        text_lines(out, ax, y + 5.0, size, true, &lines, None);
        y += 6.1 + (lines.len() - 1) as f32 * size * 1.18;
    }
    rule(out, y + 0.3);
    y
}

/// The deal-breaker band at `y`; returns its height.
fn band(out: &mut String, label: &Label, lang: Lang, y: f32) -> f32 {
    let x = MARGIN;
    let w = PANEL_W - 2.0 * MARGIN;
    let heading = deal_heading(label, lang);
    if label.deal_breakers.is_empty() {
        let h = 5.0;
        let _ = write!(
            out,
            r##"<rect x="{}" y="{}" width="{}" height="{h}" fill="#fff" stroke="#000" stroke-width="0.5"/>"##,
            num(x),
            num(y),
            num(w)
        );
        mark(out, Tone::Good, x + 1.2, y + 1.3);
        let (size, lines) = fit(&heading, true, 2.8, BODY, w - 5.0, 1);
        text_lines(out, x + 4.6, y + 3.5, size, true, &lines, None);
        return h;
    }
    // Lay out first (one column for one problem, two otherwise), then draw.
    let n = label.deal_breakers.len();
    let cols = if n == 1 { 1 } else { 2 };
    let gap = 1.5;
    let col_w = (w - 2.4 - gap * (cols - 1) as f32) / cols as f32;
    let words: Vec<String> = label.deal_breakers.iter().map(|d| deal_text(lang, d)).collect();
    // One size for every problem: the largest at which each fits (a problem in smaller type
    // would look like a lesser one).
    let size = words.iter().map(|w| fit(w, true, 2.3, 1.7, col_w - 3.2, 2).0).fold(2.3, f32::min);
    let laid: Vec<(f32, Vec<String>)> =
        words.iter().map(|w| fit(w, true, size, size, col_w - 3.2, 2)).collect();
    let mut rows: Vec<f32> = Vec::new();
    for chunk in laid.chunks(cols) {
        let h = chunk.iter().map(|(size, lines)| lines.len() as f32 * size * 1.18).fold(0.0, f32::max);
        rows.push(h + 0.8);
    }
    let h = 5.2 + rows.iter().sum::<f32>() + 0.4;
    let _ = write!(
        out,
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="{BAND_FILL}"/>"##,
        num(x),
        num(y),
        num(w),
        num(h)
    );
    warning(out, x + 1.2, y + 0.9, 3.4);
    let (size, lines) = fit(&heading, true, 3.0, BODY, w - 6.0, 1);
    text_lines(out, x + 5.4, y + 3.7, size, true, &lines, Some(BAND_TEXT));
    let mut ry = y + 5.2;
    for (r, chunk) in laid.chunks(cols).enumerate() {
        for (c, (size, lines)) in chunk.iter().enumerate() {
            let ix = x + 1.2 + c as f32 * (col_w + gap);
            warning(out, ix, ry + 0.2, 2.4);
            text_lines(out, ix + 3.2, ry + size * 0.85 + 0.2, *size, true, lines, Some(BAND_TEXT));
        }
        ry += rows[r];
    }
    h
}

/// A warning mark for the band: a white triangle with a black "!", `size` wide, top left at
/// `x`, `y`.
fn warning(out: &mut String, x: f32, y: f32, size: f32) {
    let hgt = size * 0.87;
    let _ = write!(
        out,
        r##"<path d="M{} {}L{} {}L{} {}Z" fill="{BAND_TEXT}"/><path d="M{} {}V{}" stroke="{BAND_FILL}" stroke-width="{}" stroke-linecap="round"/><circle cx="{}" cy="{}" r="{}" fill="{BAND_FILL}"/>"##,
        num(x),
        num(y + hgt),
        num(x + size / 2.0),
        num(y),
        num(x + size),
        num(y + hgt),
        num(x + size / 2.0),
        num(y + hgt * 0.38),
        num(y + hgt * 0.68),
        num(size * 0.11),
        num(x + size / 2.0),
        num(y + hgt * 0.84),
        num(size * 0.06),
    );
}

/// An answer's mark, [`MARK`] wide, top left at `x`, `y`: a tick for good news, a cross in
/// reverse type for bad news, nothing for neither.
fn mark(out: &mut String, tone: Tone, x: f32, y: f32) {
    mark_sized(out, tone, x, y, MARK);
}

fn mark_sized(out: &mut String, tone: Tone, x: f32, y: f32, m: f32) {
    match tone {
        Tone::Good => {
            let _ = write!(
                out,
                r##"<path d="M{} {}L{} {}L{} {}" fill="none" stroke="#000" stroke-width="{}" stroke-linecap="round" stroke-linejoin="round"/>"##,
                num(x + m * 0.12),
                num(y + m * 0.55),
                num(x + m * 0.4),
                num(y + m * 0.9),
                num(x + m * 0.92),
                num(y + m * 0.15),
                num(m * 0.19),
            );
        }
        Tone::Bad => {
            let (a, b) = (m * 0.25, m * 0.75);
            let _ = write!(
                out,
                r##"<rect x="{}" y="{}" width="{w}" height="{w}" fill="{BAND_FILL}"/><path d="M{} {}L{} {}M{} {}L{} {}" stroke="{BAND_TEXT}" stroke-width="{}" stroke-linecap="round"/>"##,
                num(x),
                num(y),
                num(x + a),
                num(y + a),
                num(x + b),
                num(y + b),
                num(x + b),
                num(y + a),
                num(x + a),
                num(y + b),
                num(m / 6.0),
                w = num(m),
            );
        }
        Tone::Neutral => {}
    }
}

/// The product name in up to two lines of `width`, the brand always shown. When even two lines
/// are too few, the brand is shortened first ("Verylongbr… Cam 2"), so that the model stays
/// readable; when the model alone is too long for that (a long unbroken model number), the
/// brand keeps the first line and the model is shortened with "…" on the second.
fn fit_product(label: &Label, width: f32) -> (f32, Vec<String>) {
    const MAX: f32 = 4.5;
    const MIN: f32 = 3.0;
    let full = product_name(label);
    let (size, lines, elided) = fit_full(&full, true, MAX, MIN, width, 2);
    let model = label.product.model.trim();
    if !elided || full == label.product.model || model.is_empty() {
        return (size, lines);
    }
    let brand: Vec<char> = label.product.brand.trim().chars().collect();
    let shortened = |k: usize| format!("{}… {model}", brand[..k].iter().collect::<String>().trim_end());
    // The longest start of the brand that still lets the whole model fit.
    let (mut lo, mut hi) = (0, brand.len().saturating_sub(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fit_full(&shortened(mid), true, MAX, MIN, width, 2).2 { hi = mid - 1 } else { lo = mid }
    }
    if lo > 0 {
        let (size, lines, _) = fit_full(&shortened(lo), true, MAX, MIN, width, 2);
        return (size, lines);
    }
    // The model does not fit even with one letter of the brand: brand, then the model's start.
    let brand: String = brand.into_iter().collect();
    let (_, mut lines, _) = fit_full(&brand, true, MIN, MIN, width, 1);
    let (_, model_lines, _) = fit_full(model, true, MIN, MIN, width, 1);
    lines.extend(model_lines);
    (MIN, lines)
}

/// Which sensors and data each column shows, and in which order: the same in every language.
/// What does not fit in its own column continues in the other one when that one has room left
/// under its own items ("Sensors, continued"); only what fits nowhere is "+ N more".
struct ColumnPlan {
    sensors: Vec<usize>,
    sensors_shown: usize,
    /// How many entries the sensors column has (sensors, then those the maker says are absent).
    sensor_count: usize,
    data: Vec<usize>,
    data_shown: usize,
    /// Sensors shown at the foot of the data column, after the first `sensors_shown`.
    sensors_moved: usize,
    /// Data shown at the foot of the sensors column, after the first `data_shown`.
    data_moved: usize,
}

/// The height of a column heading and the gap before its first item (also for a continued list).
const COL_HEAD: f32 = 3.8;
/// The height of a column's "none" line.
const NONE_H: f32 = 3.2;
/// Space between the last item of a column and a continued list's heading.
const CONTINUED_GAP: f32 = 0.8;

const COL_GAP: f32 = 2.0;
const ITEM_ICON: f32 = 4.6;

fn col_w() -> f32 {
    (PANEL_W - 2.0 * MARGIN - COL_GAP) / 2.0
}

impl ColumnPlan {
    /// `tops`: where the columns start in each language's panel; `bottom`: where they end.
    fn new(label: &Label, langs: &[Lang], tops: &[f32], bottom: f32) -> ColumnPlan {
        let fits_leaving = |items: &dyn Fn(Lang) -> Vec<Item>, reserve: f32| -> usize {
            langs
                .iter()
                .zip(tops)
                .map(|(&lang, &top)| {
                    capacity_leaving(&lay_out(&items(lang), col_w()), top + COL_HEAD, bottom, reserve)
                })
                .min()
                .unwrap_or(0)
        };
        let fits = |items: &dyn Fn(Lang) -> Vec<Item>| fits_leaving(items, ITEM_LINE);
        let mut sensors: Vec<usize> = (0..label.sensors.len()).collect();
        let mut sensors_shown = fits(&|lang| sensor_items(label, lang, &sensors));
        if sensors_shown < sensors.len() {
            // Not all fit: those that cannot be turned off (and that record people) first.
            sensors.sort_by_key(|&i| label.sensors[i].concern());
            sensors_shown = fits(&|lang| sensor_items(label, lang, &sensors));
        }
        let data: Vec<usize> = (0..label.data.len()).collect();
        let data_shown = fits(&|lang| data_items(label, lang, &data));
        // What is left over continues under the other column's items, when all of those fit.
        let moved =
            |own: &dyn Fn(Lang) -> Vec<Item>, rest: &dyn Fn(Lang) -> Vec<Item>, skip: usize| -> usize {
                langs
                    .iter()
                    .zip(tops)
                    .map(|(&lang, &top)| {
                        let own = own(lang);
                        let used: f32 = if own.is_empty() {
                            NONE_H
                        } else {
                            lay_out(&own, col_w()).iter().map(Laid::height).sum()
                        };
                        let y = top + COL_HEAD + used + CONTINUED_GAP + COL_HEAD;
                        let rest: Vec<Item> = rest(lang).into_iter().skip(skip).collect();
                        capacity(&lay_out(&rest, col_w()), y, bottom)
                    })
                    .min()
                    .unwrap_or(0)
            };
        // Sensor entries include those the maker says are absent.
        let sensor_count = sensor_items(label, Lang::En, &sensors).len();
        let (mut sensors_moved, mut data_moved) = (0, 0);
        let (mut sensors_shown, mut data_shown) = (sensors_shown, data_shown);
        // A column whose rest continues elsewhere needs no line for "+ N more": the
        // continuation says it if needed.
        if sensors_shown < sensor_count && data_shown == data.len() {
            let own = |lang| data_items(label, lang, &data);
            let all = |lang| sensor_items(label, lang, &sensors);
            let shown = fits_leaving(&all, 0.0);
            let moving = moved(&own, &all, shown);
            if moving > 0 {
                (sensors_shown, sensors_moved) = (shown, moving);
            }
        } else if data_shown < data.len() && sensors_shown == sensor_count {
            let own = |lang| sensor_items(label, lang, &sensors);
            let all = |lang| data_items(label, lang, &data);
            let shown = fits_leaving(&all, 0.0);
            let moving = moved(&own, &all, shown);
            if moving > 0 {
                (data_shown, data_moved) = (shown, moving);
            }
        }
        ColumnPlan { sensors, sensors_shown, sensor_count, data, data_shown, sensors_moved, data_moved }
    }
}

impl ColumnPlan {
    /// Some sensor or data is left out ("+ 1 more").
    fn cut(&self, label: &Label) -> bool {
        self.sensors_shown + self.sensors_moved < self.sensor_count
            || self.data_shown + self.data_moved < label.data.len()
    }
}

/// The two columns, then the bottom block, of one panel.
fn panel_rest(
    out: &mut String,
    label: &Label,
    lang: Lang,
    top: f32,
    bottom_top: f32,
    plan: &ColumnPlan,
    compact: bool,
) {
    // Sensors and data, two columns.
    let col_w = col_w();
    let col_bottom = bottom_top - 0.9;
    let sensors = sensor_items(label, lang, &plan.sensors);
    let data = data_items(label, lang, &plan.data);
    let sensors_end = column(
        out,
        lang,
        MARGIN,
        top,
        col_w,
        &t(lang, "label-sensors"),
        &sensors,
        plan.sensors_shown,
        plan.sensors_moved == 0,
        &t(lang, "label-sensors-none"),
    );
    let x2 = MARGIN + col_w + COL_GAP;
    let _ = write!(
        out,
        r##"<path d="M{} {}V{}" stroke="#000" stroke-width="0.25"/>"##,
        num(x2 - 1.0),
        num(top + 0.6),
        num(col_bottom)
    );
    let data_end = column(
        out,
        lang,
        x2,
        top,
        col_w,
        &t(lang, "label-data"),
        &data,
        plan.data_shown,
        plan.data_moved == 0,
        &t(lang, "label-data-none"),
    );
    // What did not fit in its own column, under the other column's items.
    if plan.sensors_moved > 0 {
        let rest = &sensors[plan.sensors_shown..];
        let heading = t(lang, "label-sensors-continued");
        column(out, lang, x2, data_end + CONTINUED_GAP, col_w, &heading, rest, plan.sensors_moved, true, "");
    }
    if plan.data_moved > 0 {
        let rest = &data[plan.data_shown..];
        let heading = t(lang, "label-data-continued");
        column(
            out,
            lang,
            MARGIN,
            sensors_end + CONTINUED_GAP,
            col_w,
            &heading,
            rest,
            plan.data_moved,
            true,
            "",
        );
    }
    rule(out, bottom_top - 0.3);

    // Framework results, who attested, and the QR code to the secondary layer.
    let b = bottom(label, lang, compact);
    let text_w = QR_X - MARGIN - 0.8;
    let heading = Msg::new("label-assessed-on").arg("date", label.as_of).text(lang);
    let (size, lines) = fit(&heading, true, 2.5, BODY, text_w, 1);
    let mut y = bottom_top + 2.7;
    text_lines(out, MARGIN, y, size, true, &lines, None);
    y += 0.5;
    match &b.frameworks {
        Frameworks::Lines(lines) => {
            for (tone, size, text) in lines {
                y += FW_STEP;
                match tone {
                    Tone::Neutral => bullet(out, MARGIN + 0.9, y - 0.75),
                    _ => mark_sized(out, *tone, MARGIN, y - FW_MARK + 0.1, FW_MARK),
                }
                text_lines(out, MARGIN + 2.6, y, *size, false, text, None);
            }
        }
        Frameworks::Compact(size, lines) => {
            for l in lines {
                y += size * 1.2;
                text_lines(out, MARGIN, y, *size, false, std::slice::from_ref(l), None);
            }
            y += 0.4;
        }
    }
    y += 1.2;
    out.push_str(&icons::place(icons::status(b.icon), MARGIN, y, 4.4, Some(&xml(&b.who))));
    let first = if b.who_lines.len() > 1 { y + 1.8 } else { y + 2.9 };
    text_lines(out, MARGIN + 5.4, first, b.who_size, true, &b.who_lines, None);

    out.push_str(&crate::qr::svg_fragment_in(&label.url, QR_X, bottom_top + 0.1, QR, lang));
    let first = bottom_top + b.upper + b.scan_size * 0.9;
    text_lines(out, MARGIN, first, b.scan_size, false, &b.scan_lines, None);
}

/// One entry of the sensors or data column: icon, name, a detail line.
struct Item {
    icon: &'static str,
    name: String,
    detail: String,
}

fn sensor_items(label: &Label, lang: Lang, order: &[usize]) -> Vec<Item> {
    order
        .iter()
        .map(|&i| {
            let s: &SensorFact = &label.sensors[i];
            Item {
                icon: icons::sensor(&s.kind),
                name: short(&sensor_name(lang, &s.kind)).to_string(),
                detail: off_switch_text(lang, s.off_switch, &s.kind),
            }
        })
        // The maker's word that a usual sensor is not there ("Camera: none, says the maker").
        .chain(label.sensors_declared_absent.iter().map(|kind| Item {
            icon: icons::sensor(kind),
            name: short(&sensor_name(lang, kind)).to_string(),
            detail: t(lang, "label-sensor-declared-absent"),
        }))
        .collect()
}

fn data_items(label: &Label, lang: Lang, order: &[usize]) -> Vec<Item> {
    order
        .iter()
        .map(|&i| {
            let d: &DataFact = &label.data[i];
            Item {
                icon: icons::data(&d.kind),
                name: short(&data_name(lang, &d.kind)).to_string(),
                detail: data_detail(lang, d),
            }
        })
        .collect()
}

/// An item laid out: name lines and size, detail lines and size.
struct Laid {
    name: Vec<String>,
    name_size: f32,
    detail: Vec<String>,
    detail_size: f32,
}

const ITEM_LINE: f32 = BODY * 1.14;

impl Laid {
    fn height(&self) -> f32 {
        ((self.name.len() + self.detail.len()) as f32 * ITEM_LINE).max(ITEM_ICON) + 0.55
    }
}

fn lay_out(items: &[Item], w: f32) -> Vec<Laid> {
    let tw = w - ITEM_ICON - 1.2;
    items
        .iter()
        .map(|it| {
            let (name_size, name) = fit(&it.name, true, 2.3, BODY, tw, 2);
            let (detail_size, detail) = fit(&it.detail, false, BODY, 2.0, tw, 2);
            Laid { name, name_size, detail, detail_size }
        })
        .collect()
}

/// How many of the laid-out items fit between `y` and `bottom`, leaving a line for "+N more"
/// when not all do.
fn capacity(laid: &[Laid], y: f32, bottom: f32) -> usize {
    capacity_leaving(laid, y, bottom, ITEM_LINE)
}

/// How many of the laid-out items fit between `y` and `bottom`, leaving `reserve` when not all
/// do.
fn capacity_leaving(laid: &[Laid], y: f32, bottom: f32, reserve: f32) -> usize {
    let total: f32 = laid.iter().map(Laid::height).sum();
    if y + total <= bottom {
        return laid.len();
    }
    let mut used = 0.0;
    let mut shown = 0;
    for l in laid {
        if y + used + l.height() + reserve > bottom {
            break;
        }
        used += l.height();
        shown += 1;
    }
    shown
}

/// A column: its heading, the first `shown` items, and "+ N more" for the others when `more`
/// (not when they continue elsewhere). Returns where the items end.
#[allow(clippy::too_many_arguments)]
fn column(
    out: &mut String,
    lang: Lang,
    x: f32,
    top: f32,
    w: f32,
    heading: &str,
    items: &[Item],
    shown: usize,
    more: bool,
    none: &str,
) -> f32 {
    let (size, lines) = fit(heading, true, 2.6, BODY, w, 1);
    text_lines(out, x, top + 2.6, size, true, &lines, None);
    let mut y = top + COL_HEAD;
    if items.is_empty() {
        let (size, lines) = fit(none, false, BODY, BODY, w, 2);
        text_lines(out, x, y + 2.4, size, false, &lines, None);
        return y + NONE_H;
    }
    let tx = x + ITEM_ICON + 1.2;
    let laid = lay_out(&items[..shown.min(items.len())], w);
    for (it, l) in items.iter().zip(&laid) {
        out.push_str(&icons::place(it.icon, x, y + 0.2, ITEM_ICON, Some(&xml(&it.name))));
        let mut ty = y + BODY;
        for name in &l.name {
            text_lines(out, tx, ty, l.name_size, true, std::slice::from_ref(name), None);
            ty += ITEM_LINE;
        }
        for detail in &l.detail {
            text_lines(out, tx, ty, l.detail_size, false, std::slice::from_ref(detail), None);
            ty += ITEM_LINE;
        }
        y += l.height();
    }
    if more && shown < items.len() {
        let more = Msg::new("label-more").arg("count", items.len() - shown).text(lang);
        let (size, lines) = fit(&more, false, BODY, 1.9, w, 1);
        text_lines(out, x, y + BODY, size, false, &lines, None);
    }
    y
}

fn rule(out: &mut String, y: f32) {
    let _ = write!(
        out,
        r##"<path d="M{} {}H{}" stroke="#000" stroke-width="0.35"/>"##,
        num(MARGIN),
        num(y),
        num(PANEL_W - MARGIN)
    );
}

fn bullet(out: &mut String, x: f32, y: f32) {
    let _ = write!(out, r#"<circle cx="{}" cy="{}" r="0.45"/>"#, num(x), num(y));
}

/// `<text>` elements, one per line, baseline of the first at `y`.
fn text_lines(out: &mut String, x: f32, y: f32, size: f32, bold: bool, lines: &[String], fill: Option<&str>) {
    let weight = if bold { r#" font-weight="bold""# } else { "" };
    let fill = fill.map(|f| format!(r#" fill="{f}""#)).unwrap_or_default();
    for (i, l) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="{}"{weight}{fill}>{}</text>"#,
            num(x),
            num(y + i as f32 * size * 1.18),
            num(size),
            xml(l)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Measuring text (DejaVu Sans advance widths, 1/1000 em, for ASCII 32..=126)

#[rustfmt::skip]
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
#[rustfmt::skip]
const BOLD: [u16; 95] = [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
    696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
    683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
    724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
    343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/// The ASCII letter a Latin letter with a diacritic is drawn on (same advance in DejaVu Sans).
fn base_letter(c: char) -> Option<char> {
    Some(match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
        'û' | 'ü' | 'ú' | 'ù' => 'u',
        'ÿ' | 'ý' => 'y',
        'ñ' => 'n',
        'À' | 'Â' | 'Ä' | 'Á' => 'A',
        'Ç' => 'C',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Î' | 'Ï' => 'I',
        'Ô' | 'Ö' => 'O',
        'Û' | 'Ü' | 'Ù' => 'U',
        '\u{a0}' | '\u{202f}' => ' ',
        '’' | '‘' => '\'',
        _ => return None,
    })
}

/// Advance width of one character, in 1/1000 em.
fn char_em(c: char, bold: bool) -> u32 {
    let table = if bold { &BOLD } else { &REGULAR };
    let c = base_letter(c).unwrap_or(c);
    match c as u32 {
        32..=126 => u32::from(table[c as usize - 32]),
        0xAB | 0xBB => 646,
        0xB7 => 380,
        0x2013 => 500,
        0x2014 | 0x2026 => 1000,
        0x0153 => 1094,
        _ => 1000,
    }
}

fn str_em(s: &str, bold: bool) -> u32 {
    s.chars().map(|c| char_em(c, bold)).sum()
}

/// A width in 1/1000 em at font size `size`, in the same units as `size`.
fn em_width(em: u32, size: f32) -> f32 {
    // A little slack for fallback fonts.
    em as f32 * size / 1000.0 * 1.02
}

/// Advance width of `s` at font size `size`, in the same units as `size` (DejaVu Sans; the
/// renderers' own measure, so tests can check that text fits).
pub fn text_width(s: &str, bold: bool, size: f32) -> f32 {
    em_width(str_em(s, bold), size)
}

/// Fits `s` into `max_lines` lines of `width`: the largest size from `max` down to `min` (steps of
/// 0.1) with the fewest lines; if nothing fits, the last line is shortened with "…".
pub(crate) fn fit(
    s: &str,
    bold: bool,
    max: f32,
    min: f32,
    width: f32,
    max_lines: usize,
) -> (f32, Vec<String>) {
    let (size, lines, _) = fit_full(s, bold, max, min, width, max_lines);
    (size, lines)
}

/// [`fit`], and whether the text had to be shortened.
fn fit_full(
    s: &str,
    bold: bool,
    max: f32,
    min: f32,
    width: f32,
    max_lines: usize,
) -> (f32, Vec<String>, bool) {
    let steps = ((max - min) / 0.1).round().max(0.0) as usize;
    let max_lines = max_lines.max(1);
    // Each size is wrapped once, however many line counts are tried.
    let mut wrapped: Vec<Vec<String>> = Vec::new();
    for n in 1..=max_lines {
        for i in 0..=steps {
            if wrapped.len() <= i {
                let size = max - i as f32 * 0.1;
                wrapped.push(wrap(s, bold, size, width, max_lines + 1));
            }
            if wrapped[i].len() <= n {
                let size = max - i as f32 * 0.1;
                return (size, std::mem::take(&mut wrapped[i]), false);
            }
        }
    }
    let mut lines = wrap(s, bold, min, width, max_lines);
    lines.truncate(max_lines);
    if let Some(last) = lines.last_mut() {
        // Shorten the last line until it and "…" fit.
        let ellipsis = char_em('…', bold);
        let mut em = str_em(last, bold);
        let mut cut = last.len();
        for (i, c) in last.char_indices().rev() {
            if em_width(em + ellipsis, min) <= width {
                break;
            }
            em -= char_em(c, bold);
            cut = i;
        }
        *last = format!("{}…", last[..cut].trim_end());
    }
    (min, lines, true)
}

/// Greedy word wrap; a word wider than the line is broken after `/`, `.`, `-` or `@` if
/// possible, else anywhere. Stops after `limit` lines (the callers never show more), so that
/// measuring stays linear in the length of `s`.
fn wrap(s: &str, bold: bool, size: f32, width: f32, limit: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_em = 0;
    let space = char_em(' ', bold);
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        if lines.len() >= limit {
            return lines;
        }
        let word_em = str_em(word, bold);
        let candidate_em = if cur.is_empty() { word_em } else { cur_em + space + word_em };
        if em_width(candidate_em, size) <= width {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
            cur_em = candidate_em;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        // The word alone: break it if it is too wide.
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut start = 0; // index into `chars` of the rest of the word
        let mut rest_em = word_em;
        while em_width(rest_em, size) > width && lines.len() < limit {
            let mut head_em = 0;
            let mut fit_at = start;
            let mut soft = None;
            for i in start + 1..=chars.len() {
                head_em += char_em(chars[i - 1].1, bold);
                if em_width(head_em, size) > width {
                    break;
                }
                fit_at = i;
                if matches!(chars[i - 1].1, '/' | '.' | '-' | '@') && i < chars.len() {
                    soft = Some(i);
                }
            }
            let at = soft.unwrap_or(fit_at).max(start + 1);
            let (from, to) = (chars[start].0, chars.get(at).map_or(word.len(), |c| c.0));
            lines.push(word[from..to].to_string());
            rest_em -= str_em(&word[from..to], bold);
            start = at;
        }
        cur = chars.get(start).map_or(String::new(), |c| word[c.0..].to_string());
        cur_em = rest_em;
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The measuring code as it was before it was made linear: the reference for "same output".
    fn old_fit(s: &str, bold: bool, max: f32, min: f32, width: f32, max_lines: usize) -> (f32, Vec<String>) {
        let steps = ((max - min) / 0.1).round().max(0.0) as usize;
        for n in 1..=max_lines.max(1) {
            for i in 0..=steps {
                let size = max - i as f32 * 0.1;
                let lines = old_wrap(s, bold, size, width);
                if lines.len() <= n {
                    return (size, lines);
                }
            }
        }
        let mut lines = old_wrap(s, bold, min, width);
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            let mut cut: String = last.clone();
            while !cut.is_empty() && text_width(&format!("{cut}…"), bold, min) > width {
                cut.pop();
            }
            *last = format!("{}…", cut.trim_end());
        }
        (min, lines)
    }

    fn old_wrap(s: &str, bold: bool, size: f32, width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut cur = String::new();
        for word in s.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
            if text_width(&candidate, bold, size) <= width {
                cur = candidate;
                continue;
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            let mut rest = word.to_string();
            while text_width(&rest, bold, size) > width {
                let chars: Vec<char> = rest.chars().collect();
                let mut fit_at = 0;
                let mut soft = None;
                for i in 1..=chars.len() {
                    let head: String = chars[..i].iter().collect();
                    if text_width(&head, bold, size) > width {
                        break;
                    }
                    fit_at = i;
                    if matches!(chars[i - 1], '/' | '.' | '-' | '@') && i < chars.len() {
                        soft = Some(i);
                    }
                }
                let at = soft.unwrap_or(fit_at).max(1);
                lines.push(chars[..at].iter().collect());
                rest = chars[at..].iter().collect();
            }
            cur = rest;
        }
        if !cur.is_empty() || lines.is_empty() {
            lines.push(cur);
        }
        lines
    }

    #[test]
    fn linear_measuring_gives_the_same_lines_as_before() {
        let mut texts: Vec<String> = vec![
            String::new(),
            " ".to_string(),
            "Acme Cam 2".to_string(),
            "acme.example/.well-known/security.txt".to_string(),
            "product-security-incident-response-team.vulnerability-reports@extraordinarily-verbose.example"
                .to_string(),
            "Étiquette sécurité et vie privée : Caméra de sécurité · Œuvre « intégrale » — ✓ 北京"
                .to_string(),
            "W".repeat(300),
            "a/b.c-d@e ".repeat(40),
            "Partly lab-tested by Laboratoire National d'Essais et de Certification des Objets Connectés"
                .to_string(),
        ];
        for seed in 0..30 {
            let d = iotlabel_model::testgen::declaration(seed);
            texts.push(format!("{} {}", d.identity.brand, d.identity.model));
            texts.push(d.identity.manufacturer.name.clone());
            texts.extend(d.vulnerability_disclosure.contact.clone());
        }
        for s in &texts {
            for bold in [false, true] {
                for (max, min, width, lines) in [
                    (4.5, 3.0, 84.0, 2),
                    (2.7, 2.2, 77.0, 2),
                    (6.8, 3.5, 70.5, 1),
                    (2.3, 2.2, 35.2, 2),
                    (2.0, 1.8, 3.0, 2),
                ] {
                    assert_eq!(
                        fit(s, bold, max, min, width, lines),
                        old_fit(s, bold, max, min, width, lines),
                        "`{s}` bold={bold} {max}..{min} in {width} x {lines}"
                    );
                }
            }
        }
    }
}
