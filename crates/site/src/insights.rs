//! Insights for consumer-education campaigns and regulators: figures over every registered
//! device, each chart drawn here as SVG (horizontal bars, a title and a description for screen
//! readers), shown with a table twin, and downloadable as CSV. The figures are computed from the
//! index's rows only (declared facts and derived verdicts), in one place, and every output
//! (SVG, table, CSV, JSON) is written from the same [`Chart`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::Datelike;
use iotlabel_i18n::{Arg, Lang, Msg};
use serde::Serialize;

use crate::index::Row;

/// One chart: bars with a label and a value, in a unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Stable id (the CSV's file name).
    pub id: &'static str,
    pub title: String,
    /// What the bars measure ("% of devices", "months", "devices").
    pub unit: String,
    /// The largest value a bar may have (100 for shares; the largest value otherwise).
    pub max: f64,
    pub bars: Vec<Bar>,
    /// One sentence saying what the chart shows, for screen readers and the page.
    pub summary: String,
}

/// One bar: what it is, its value, and how many devices it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub devices: usize,
}

/// The chart ids, in page order.
pub const CHARTS: [&str; 6] =
    ["default-passwords", "support", "support-distribution", "disclosure", "sensors", "frameworks-over-time"];

fn t(lang: Lang, id: &str) -> String {
    iotlabel_i18n::text(lang, id)
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { (1000.0 * n as f64 / of as f64).round() / 10.0 }
}

fn by(rows: &[Row], key: impl Fn(&Row) -> String) -> BTreeMap<String, Vec<&Row>> {
    let mut out: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        out.entry(key(r)).or_default().push(r);
    }
    out
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    v.sort_unstable();
    let n = v.len();
    (n > 0).then(|| if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2 })
}

/// Every chart over `rows`, in `lang`.
pub fn charts(rows: &[Row], lang: Lang) -> Vec<Chart> {
    CHARTS.iter().filter_map(|id| chart(id, rows, lang)).collect()
}

/// One chart by id.
pub fn chart(id: &str, rows: &[Row], lang: Lang) -> Option<Chart> {
    let type_name = |r: &Row| iotlabel_render::wording::device_type_name(lang, &r.device_type);
    let pct = t(lang, "site-unit-percent");
    Some(match id {
        "default-passwords" => {
            let mut bars = vec![Bar {
                label: t(lang, "site-all-devices"),
                value: share(rows.iter().filter(|r| r.universal_password).count(), rows.len()),
                devices: rows.len(),
            }];
            bars.extend(by(rows, type_name).into_iter().map(|(label, rs)| Bar {
                value: share(rs.iter().filter(|r| r.universal_password).count(), rs.len()),
                devices: rs.len(),
                label,
            }));
            let all = bars[0].value;
            Chart {
                id: "default-passwords",
                title: t(lang, "site-chart-passwords"),
                unit: pct,
                max: 100.0,
                summary: Msg::new("site-chart-passwords-summary").arg("share", format!("{all}")).text(lang),
                bars,
            }
        }
        "support" => {
            let groups = by(rows, type_name);
            let bars: Vec<Bar> = groups
                .into_iter()
                .filter_map(|(label, rs)| {
                    let m = median(rs.iter().filter_map(|r| r.support_days_left).collect())?;
                    Some(Bar { label, value: (m.max(0) as f64 / 30.44).round(), devices: rs.len() })
                })
                .collect();
            let max = bars.iter().map(|b| b.value).fold(1.0, f64::max);
            Chart {
                id: "support",
                title: t(lang, "site-chart-support"),
                unit: t(lang, "site-unit-months"),
                max,
                summary: t(lang, "site-chart-support-summary"),
                bars,
            }
        }
        "support-distribution" => {
            let buckets: [(&str, i64, i64); 6] = [
                ("site-bucket-ended", i64::MIN, 0),
                ("site-bucket-under-1", 0, 365),
                ("site-bucket-1-2", 365, 730),
                ("site-bucket-2-3", 730, 1095),
                ("site-bucket-3-5", 1095, 1826),
                ("site-bucket-over-5", 1826, i64::MAX),
            ];
            let declared: Vec<i64> = rows.iter().filter_map(|r| r.support_days_left).collect();
            let mut bars: Vec<Bar> = buckets
                .iter()
                .map(|(id, lo, hi)| {
                    let n = declared.iter().filter(|d| **d >= *lo && **d < *hi).count();
                    Bar { label: t(lang, id), value: n as f64, devices: n }
                })
                .collect();
            let none = rows.len() - declared.len();
            bars.push(Bar { label: t(lang, "site-bucket-undeclared"), value: none as f64, devices: none });
            let max = bars.iter().map(|b| b.value).fold(1.0, f64::max);
            Chart {
                id: "support-distribution",
                title: t(lang, "site-chart-support-distribution"),
                unit: t(lang, "site-unit-devices"),
                max,
                summary: Msg::new("site-chart-support-distribution-summary")
                    .arg("count", Arg::Int(rows.len() as i64))
                    .text(lang),
                bars,
            }
        }
        "disclosure" => {
            let n = rows.len();
            let contact = rows.iter().filter(|r| r.disclosure_contact).count();
            let ack = rows.iter().filter(|r| r.acknowledgement_days.is_some()).count();
            let quick = rows.iter().filter(|r| r.acknowledgement_days.is_some_and(|d| d <= 7)).count();
            Chart {
                id: "disclosure",
                title: t(lang, "site-chart-disclosure"),
                unit: pct,
                max: 100.0,
                summary: Msg::new("site-chart-disclosure-summary")
                    .arg("share", format!("{}", share(contact, n)))
                    .text(lang),
                bars: vec![
                    Bar {
                        label: t(lang, "site-disclosure-contact"),
                        value: share(contact, n),
                        devices: contact,
                    },
                    Bar { label: t(lang, "site-disclosure-ack"), value: share(ack, n), devices: ack },
                    Bar { label: t(lang, "site-disclosure-week"), value: share(quick, n), devices: quick },
                ],
            }
        }
        "sensors" => {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for r in rows {
                let mut kinds = r.sensors.clone();
                kinds.sort();
                kinds.dedup();
                for k in kinds {
                    *counts.entry(k).or_default() += 1;
                }
            }
            let mut bars: Vec<Bar> = counts
                .into_iter()
                .map(|(k, n)| Bar {
                    label: iotlabel_render::wording::sensor_name(lang, &k),
                    value: share(n, rows.len()),
                    devices: n,
                })
                .collect();
            bars.sort_by(|a, b| b.value.total_cmp(&a.value).then(a.label.cmp(&b.label)));
            Chart {
                id: "sensors",
                title: t(lang, "site-chart-sensors"),
                unit: pct,
                max: 100.0,
                summary: t(lang, "site-chart-sensors-summary"),
                bars,
            }
        }
        "frameworks-over-time" => {
            // The share of devices declared each year that meet UK PSTI, the legal baseline.
            let years = by(rows, |r| r.declared_at.year().to_string());
            let bars = years
                .into_iter()
                .map(|(year, rs)| Bar {
                    value: share(
                        rs.iter()
                            .filter(|r| r.verdicts.iter().any(|(f, v)| f == "uk-psti" && v == "conformant"))
                            .count(),
                        rs.len(),
                    ),
                    devices: rs.len(),
                    label: year,
                })
                .collect();
            Chart {
                id: "frameworks-over-time",
                title: t(lang, "site-chart-frameworks"),
                unit: pct,
                max: 100.0,
                summary: t(lang, "site-chart-frameworks-summary"),
                bars,
            }
        }
        _ => return None,
    })
}

fn xml(s: &str) -> String {
    iotlabel_render::wording::xml(s)
}

/// The chart as an SVG image: horizontal bars, each labelled with its name and value; `<title>`
/// and `<desc>` give screen readers the chart's title and its bars in words.
pub fn svg(chart: &Chart) -> String {
    let (label_w, bar_w, row_h, top) = (220.0, 300.0, 28.0, 36.0);
    let height = top + row_h * chart.bars.len() as f64 + 12.0;
    let width = label_w + bar_w + 90.0;
    let mut out = String::with_capacity(4096);
    let desc: Vec<String> =
        chart.bars.iter().map(|b| format!("{}: {} {}", b.label, b.value, chart.unit)).collect();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"13\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>\
         <text x=\"0\" y=\"18\" font-weight=\"bold\" fill=\"#111\">{} ({})</text>",
        xml(&chart.title),
        xml(&desc.join("; ")),
        xml(&chart.title),
        xml(&chart.unit),
        id = chart.id,
    );
    for (i, b) in chart.bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        let w = if chart.max > 0.0 { (b.value / chart.max).clamp(0.0, 1.0) * bar_w } else { 0.0 };
        let label: String = b.label.chars().take(30).collect();
        let _ = write!(
            out,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" fill=\"#111\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"#0b3d91\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" fill=\"#111\">{}</text>",
            xml(&label),
            b.value,
            lx = label_w - 8.0,
            ty = y + 15.0,
            h = row_h - 8.0,
            vx = label_w + w + 6.0,
        );
    }
    out.push_str("</svg>");
    out
}

/// The chart as CSV: a header and one line per bar (RFC 4180 quoting).
pub fn csv(chart: &Chart) -> String {
    let q = |s: &str| {
        // A cell a spreadsheet would read as a formula is prefixed with a quote.
        let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() };
        if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
    };
    let mut out = format!("{},{},devices\r\n", q(&chart.title), q(&chart.unit));
    for b in &chart.bars {
        let _ = write!(out, "{},{},{}\r\n", q(&b.label), b.value, b.devices);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let chart = Chart {
            id: "x",
            title: "A, \"quoted\" title".into(),
            unit: "%".into(),
            max: 100.0,
            bars: vec![
                Bar { label: "=HYPERLINK(\"x\")".into(), value: 12.5, devices: 3 },
                Bar { label: "plain".into(), value: 0.0, devices: 0 },
            ],
            summary: String::new(),
        };
        let text = csv(&chart);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], "\"A, \"\"quoted\"\" title\",%,devices");
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"x\"\")\",12.5,3");
        assert_eq!(lines[2], "plain,0,0");
        let svg = svg(&chart);
        assert!(
            svg.contains("<title id=\"x-t\">A, &quot;quoted&quot; title</title>")
                || svg.contains("<title id=\"x-t\">A, &#34;quoted&#34; title</title>"),
            "{svg}"
        );
        assert!(svg.contains("role=\"img\""));
        assert!(!svg.contains("<script"));
    }
}
