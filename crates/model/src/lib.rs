//! iotlabel-model: the device declaration, the taxonomy, located parsing and the JSON Schema.
//!
//! Architecture invariant: this crate does no I/O. Callers read files and pass the text in.

pub mod claims;
pub mod declaration;
pub mod diagnostic;
pub mod evidence;
mod explain;
pub mod masks;
pub mod parse;
mod repair;
pub mod schema;
pub mod taxonomy;
#[doc(hidden)]
pub mod testgen;
pub mod text;
pub mod validate;

pub use declaration::*;
pub use diagnostic::{Diagnostic, Diagnostics, Issue};
pub use evidence::*;
pub use masks::{MASKS_VERSION, Mask, Masks};
pub use parse::{
    Document, Format, parse_declaration, parse_document, parse_document_with, parse_evidence,
    parse_evidence_with, parse_masks_with,
};
pub use schema::{declaration_schema, evidence_schema, masks_schema};
pub use taxonomy::{Agreement, Regime, Sensitivity, Taxonomy, Term, TermKind};
