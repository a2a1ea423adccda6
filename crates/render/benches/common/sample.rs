//! A representative label SVG for the raster tests and the benchmark: the primary layer's size
//! (90 x 120 mm, viewBox in mm), a title, a dozen text lines in regular and bold, a few icons and
//! the QR code, drawn with the same primitives the real label uses. Shared by
//! `tests/raster.rs` and `benches/render.rs` through `#[path]`.

#![allow(dead_code)]

use iotlabel_render::qr;
use iotlabel_render::wording::xml as escape;

/// Label width and height in mm.
pub const WIDTH_MM: f32 = 90.0;
pub const HEIGHT_MM: f32 = 120.0;

/// Where the sample puts its QR code (mm): top-left corner and side.
pub const QR_X: f32 = 58.0;
pub const QR_Y: f32 = 86.0;
pub const QR_SIZE: f32 = 28.0;

/// The sample label: `title` in bold, `lines` below it (up to 12), the QR code of `payload`.
pub fn label_svg(title: &str, lines: &[String], payload: &str) -> String {
    label_svg_with_qr(title, lines, &qr::svg_fragment(payload, QR_X, QR_Y, QR_SIZE))
}

pub fn label_svg_with_qr(title: &str, lines: &[String], qr_fragment: &str) -> String {
    let mut s = String::with_capacity(8_192);
    s.push_str(&format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_MM}mm" height="{HEIGHT_MM}mm" viewBox="0 0 {WIDTH_MM} {HEIGHT_MM}" font-family="DejaVu Sans, sans-serif">"##
    ));
    s.push_str(r##"<rect width="90" height="120" fill="#fff"/>"##);
    s.push_str(r##"<rect x="1" y="1" width="88" height="118" rx="3" fill="none" stroke="#000" stroke-width="0.6"/>"##);
    s.push_str(r##"<rect x="1" y="1" width="88" height="14" rx="3" fill="#1b3a5c"/>"##);
    s.push_str(&format!(
        r##"<text x="5" y="10.5" font-size="6" font-weight="bold" fill="#fff">{}</text>"##,
        escape(title)
    ));
    // Icons: a padlock (updates), a camera (sensor), a cloud (data), a check and a cross.
    s.push_str(concat!(
        r##"<g fill="none" stroke="#000" stroke-width="0.5">"##,
        r##"<path d="M6 22v-2a2.5 2.5 0 0 1 5 0v2"/><rect x="5" y="22" width="7" height="5" rx="0.6" fill="#000"/>"##,
        r##"<rect x="5" y="32" width="7" height="5" rx="1"/><circle cx="8.5" cy="34.5" r="1.5"/>"##,
        r##"<path d="M6 47h6a2 2 0 0 0 0-4a3 3 0 0 0-5.6-1a2.5 2.5 0 0 0-0.4 5z"/>"##,
        r##"<path d="M81 20l2 2l4-5" stroke="#1a7f37" stroke-width="1"/>"##,
        r##"<path d="M81 31l5 5m0-5l-5 5" stroke="#b42318" stroke-width="1"/>"##,
        "</g>"
    ));
    for (i, line) in lines.iter().take(12).enumerate() {
        let y = 23.0 + i as f32 * 5.2;
        let weight = if i % 3 == 0 { r#" font-weight="bold""# } else { "" };
        s.push_str(&format!(
            r##"<text x="15" y="{y:.1}" font-size="3"{weight} fill="#000">{}</text>"##,
            escape(line)
        ));
    }
    s.push_str(r##"<line x1="4" y1="84" x2="86" y2="84" stroke="#000" stroke-width="0.3"/>"##);
    s.push_str(r##"<text x="5" y="92" font-size="3" fill="#000">Scan for the full label</text>"##);
    s.push_str(
        r##"<text x="5" y="97" font-size="2.6" fill="#333">Security, privacy and support details</text>"##,
    );
    s.push_str(qr_fragment);
    s.push_str("</svg>");
    s
}

/// Twelve lines of plausible label text.
pub fn sample_lines() -> Vec<String> {
    [
        "Security updates until 2029-06-30",
        "Automatic, signed updates",
        "No default password",
        "Camera: indicator light",
        "Microphone: physical off switch",
        "Video stored in the cloud (EU)",
        "Data not sold",
        "Works offline: partly",
        "ETSI EN 303 645: pass",
        "UK PSTI: pass",
        "EU CRA Annex I: unknown",
        "Report: security@acme.example",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}
