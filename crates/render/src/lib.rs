//! iotlabel-render: the two-layer label and the schemes' paperwork.
//!
//! - [`facts`]: what the label says, computed once from a declaration and its assessment.
//! - [`svg`]: the primary layer (the box panel, 90 x 120 mm), the source of PNG and PDF.
//! - [`html`]: the secondary layer (the complete online page), semantic and accessible, and the
//!   same content as data ([`html::page_content`]) for the label JSON.
//! - [`txt`]: a terminal rendering.
//! - [`qr`]: the QR code (label URL + content digest) as an SVG fragment.
//! - [`raster`]: PNG (resvg) and PDF (svg2pdf) rendered in-process from the SVG.
//! - [`documents`]: UK PSTI statement of compliance, EU CRA Annex II information, US Cyber Trust
//!   Mark registry data, ETSI EN 303 645 implementation conformance statement.
//!
//! Every user-visible string comes from the message catalogs (`locales/`), English and French.
//! Architecture invariant: this crate does no I/O; it returns text and bytes, the CLI writes files.

pub mod documents;
pub mod facts;
pub mod html;
pub mod icons;
pub mod qr;
pub mod raster;
pub mod svg;
pub mod txt;

pub use facts::{Label, LabelInput, build};
pub use html::{PageContent, page_content};
pub use iotlabel_i18n::Lang;

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

/// A rendering failure (a bug or resource problem, not bad user input: inputs are validated
/// before rendering).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the SVG could not be read back: {0}")]
    Svg(String),
    #[error("PNG encoding failed: {0}")]
    Png(String),
    #[error("PDF conversion failed: {0}")]
    Pdf(String),
}
