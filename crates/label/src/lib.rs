//! iotlabel-label: what a label says, computed once and language-free, and the label JSON.
//!
//! - [`facts`]: the label's facts from a declaration and its assessment (id, digest, URL,
//!   support, passwords, sensors, data, frameworks, attestation, evidence).
//! - [`page`]: the secondary layer's content as data (what the online page says, per language).
//! - [`document`]: the label JSON document ([`LabelDocument`]), versioned, with its JSON Schema,
//!   and the MUD URL as DHCP carries it ([`MudDhcp`]), one shape for every output.
//!
//! This crate is what the registry, the scanner and third parties need of a label without the
//! drawing stack: renderers (`iotlabel-render`, `iotlabel-raster`) and the schemes' paperwork
//! (`iotlabel-documents`) build on it.
//!
//! Architecture invariant: no I/O, no clock; no text (renderers pick the language).

pub mod document;
pub mod facts;
pub mod page;

pub use document::{LABEL_FORMAT, LABEL_FORMAT_VERSION, LabelDocument, MudDhcp, label_schema};
pub use facts::{Label, LabelInput, build};
pub use page::PageContent;
