//! iotlabel-render: the label's text formats, drawn from the facts of `iotlabel-label`.
//!
//! - [`svg`]: the primary layer (the box panel, 90 x 120 mm), the source of PNG and PDF
//!   (`iotlabel-raster`).
//! - [`content`]: the secondary layer's content, built first as typed data
//!   ([`content::page_content`]): the HTML page and the label JSON are both written from it.
//! - [`html`]: the secondary layer (the complete online page), semantic and accessible.
//! - [`json`]: the label JSON document (`iotlabel_label::LabelDocument`) with each language's page.
//! - [`txt`]: a terminal rendering.
//! - [`qr`]: the QR code (label URL + content digest) as an SVG fragment.
//! - [`wording`]: the words the panel, the page and the text label share, and the XML escaper.
//!
//! Every user-visible string comes from the message catalogs (`locales/`), English and French.
//! Architecture invariant: this crate does no I/O; it returns text and bytes, the CLI writes files.

pub mod content;
pub mod html;
pub mod icons;
pub mod json;
pub mod qr;
pub mod svg;
pub mod txt;
pub mod wording;

pub use content::page_content;
pub use iotlabel_i18n::Lang;
pub use json::label_document;

/// Output formats of `iotlabel label`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutputFormat {
    Html,
    Svg,
    Png,
    Pdf,
    Json,
    Txt,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 6] = [
        OutputFormat::Html,
        OutputFormat::Svg,
        OutputFormat::Png,
        OutputFormat::Pdf,
        OutputFormat::Json,
        OutputFormat::Txt,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Html => "html",
            OutputFormat::Svg => "svg",
            OutputFormat::Png => "png",
            OutputFormat::Pdf => "pdf",
            OutputFormat::Json => "json",
            OutputFormat::Txt => "txt",
        }
    }

    pub fn parse(s: &str) -> Option<OutputFormat> {
        OutputFormat::ALL.into_iter().find(|f| f.extension() == s.trim().to_ascii_lowercase())
    }
}
