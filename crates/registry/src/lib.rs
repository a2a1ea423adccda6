//! The registry's rules, as data in and data out: no I/O, no clock, no storage.
//!
//! - [`account`]: accounts (makers, labs, administrators), their keys and accreditations.
//! - [`payload`]: what each kind of statement carries (declaration, attestation, VEX,
//!   revocation, key change), read strictly.
//! - [`admit()`]: may this signed statement enter the log? Signature, schema, authority,
//!   freshness; the answer is an [`Admission`] (what to store, and any change to accounts) or a
//!   [`Refusal`] that names its reason with a stable code.
//! - [`status`]: a label's status and public record, derived from its logged statements and
//!   today's date, never stored by hand.
//!
//! Replay is the store's half of the job: a nonce already logged is refused by the store inside
//! the append transaction (see `iotlabel-store`), so two racing copies cannot both land.

pub mod account;
pub mod admit;
pub mod bundle;
pub mod payload;
pub mod refusal;
pub mod status;
pub mod vex;

pub use account::{
    Account, Accreditation, Effect, KeyRecord, Role, Signer, account_slug, check_account_name, slugs_overlap,
};
pub use admit::{Admission, Policy, Prior, admit};
pub use bundle::{BUNDLE_FORMAT, Bundle, BundleEntry, BundleError, KeyOrigin, Proved, verify_bundle};
pub use refusal::{Code, Refusal};
pub use status::{Derived, LabelRecord, Logged, State, derive, label_url, record};

/// The JSON Schema (2020-12) of one of the registry's formats.
pub fn schema_of<T: schemars::JsonSchema>() -> serde_json::Value {
    let schema =
        schemars::generate::SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>();
    serde_json::to_value(schema).unwrap_or_default()
}
