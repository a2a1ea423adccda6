//! The standards map the labelling group asked for: every framework side by side over the common
//! controls (a coverage matrix, drawn as SVG with a table twin), the gaps (controls some frameworks
//! require and others do not) highlighted, and how many registered devices fail each control.
//! Each pair of frameworks' crosswalk is `iotlabel_catalog::crosswalk`'s, one click away.

use std::fmt::Write as _;

use iotlabel_catalog::Catalogs;
use iotlabel_i18n::Lang;
use serde::Serialize;

use crate::index::Row;

/// The coverage matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    /// Framework ids and short titles, in catalog order (the columns).
    pub frameworks: Vec<(String, String)>,
    pub rows: Vec<MatrixRow>,
}

/// One common control across the frameworks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixRow {
    pub control: String,
    pub title: String,
    /// Per framework, how many of its requirements rest on this control (0: not required).
    pub requirements: Vec<usize>,
    /// How many frameworks require it.
    pub frameworks_requiring: usize,
    /// Some frameworks require it and others do not: a gap in those others.
    pub gap: bool,
    /// Registered devices that fail this control (or whose lab evidence contradicts it).
    pub failing_devices: usize,
}

/// The matrix over the catalogs, with the registered devices' failures.
pub fn matrix(cats: &Catalogs, rows: &[Row], lang: Lang) -> Matrix {
    let frameworks: Vec<(String, String)> =
        cats.frameworks.iter().map(|c| (c.framework.id.clone(), c.framework.short_title.clone())).collect();
    let rows = cats
        .controls
        .controls
        .iter()
        .map(|control| {
            let requirements: Vec<usize> = cats
                .frameworks
                .iter()
                .map(|cat| cat.requirements.iter().filter(|r| r.controls.contains(&control.id)).count())
                .collect();
            let frameworks_requiring = requirements.iter().filter(|n| **n > 0).count();
            MatrixRow {
                control: control.id.clone(),
                title: if lang == Lang::Fr { control.title_fr.clone() } else { control.title.clone() },
                gap: frameworks_requiring > 0 && frameworks_requiring < requirements.len(),
                frameworks_requiring,
                requirements,
                failing_devices: rows.iter().filter(|r| r.failing_controls.contains(&control.id)).count(),
            }
        })
        .collect();
    Matrix { frameworks, rows }
}

fn xml(s: &str) -> String {
    iotlabel_render::wording::xml(s)
}

/// The matrix as SVG: a row per control, a column per framework; a filled cell gives how many
/// requirements rest on the control, a hatched-orange one a gap (others require it), a pale one
/// a control no framework requires. `<title>` and `<desc>` say so in words.
pub fn svg(m: &Matrix, title: &str, desc: &str) -> String {
    let (label_w, cell_w, cell_h, top) = (250.0, 56.0, 18.0, 60.0);
    let width = label_w + cell_w * m.frameworks.len() as f64 + 70.0;
    let height = top + cell_h * m.rows.len() as f64 + 8.0;
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-labelledby=\"matrix-t matrix-d\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"11\">\
         <title id=\"matrix-t\">{}</title><desc id=\"matrix-d\">{}</desc>",
        xml(title),
        xml(desc)
    );
    for (j, (_, short)) in m.frameworks.iter().enumerate() {
        let x = label_w + cell_w * j as f64 + cell_w / 2.0;
        let short: String = short.chars().take(10).collect();
        let _ = write!(
            out,
            "<text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#111\">{}</text>",
            top - 10.0,
            xml(&short)
        );
    }
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#111\">✗</text>",
        label_w + cell_w * m.frameworks.len() as f64 + 30.0,
        top - 10.0
    );
    for (i, row) in m.rows.iter().enumerate() {
        let y = top + cell_h * i as f64;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#111\">{}</text>",
            label_w - 6.0,
            y + 13.0,
            xml(&row.control)
        );
        for (j, n) in row.requirements.iter().enumerate() {
            let x = label_w + cell_w * j as f64;
            let (fill, ink) = match (*n, row.gap, row.frameworks_requiring) {
                (0, true, _) => ("#f6c27a", "#111"),
                (0, _, 0) => ("#eeeeee", "#111"),
                (0, _, _) => ("#ffffff", "#111"),
                _ => ("#0b3d91", "#ffffff"),
            };
            let _ = write!(
                out,
                "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#ffffff\"/>",
                cell_w, cell_h
            );
            if *n > 0 {
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{n}</text>",
                    x + cell_w / 2.0,
                    y + 13.0
                );
            }
        }
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#a4000f\">{}</text>",
            label_w + cell_w * m.frameworks.len() as f64 + 30.0,
            y + 13.0,
            if row.failing_devices > 0 { row.failing_devices.to_string() } else { String::new() }
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_is_a_row_and_gaps_are_controls_some_frameworks_leave_out() {
        let cats = Catalogs::builtin();
        let m = matrix(cats, &[], Lang::En);
        assert_eq!(m.rows.len(), cats.controls.controls.len());
        assert_eq!(m.frameworks.len(), cats.frameworks.len());
        for r in &m.rows {
            let requiring = r.requirements.iter().filter(|n| **n > 0).count();
            assert_eq!(r.frameworks_requiring, requiring);
            assert_eq!(r.gap, requiring > 0 && requiring < cats.frameworks.len(), "{}", r.control);
            assert_eq!(r.failing_devices, 0);
        }
        // The catalogs' own count for one framework: every requirement's controls are rows.
        let (j, psti) =
            cats.frameworks.iter().enumerate().find(|(_, c)| c.framework.id == "uk-psti").unwrap();
        let used: usize = psti.requirements.iter().map(|r| r.controls.len()).sum();
        let counted: usize = m.rows.iter().map(|r| r.requirements[j]).sum();
        assert_eq!(counted, used);
        assert!(m.rows.iter().any(|r| r.gap), "the frameworks differ somewhere");
        let svg = svg(&m, "T", "D");
        assert!(svg.contains("role=\"img\"") && svg.contains("<desc id=\"matrix-d\">D</desc>"));
    }
}
