//! End-to-end tests of the `iotlabel` binary: one test binary (ripgrep style), one module per
//! theme. Every test runs the built binary from the workspace root, with colour off unless the
//! test is about colour, and judges support periods as of a fixed date.
//!
//! Fixtures live in `tests/data/`: `good/` holds a trimmed copy of the Acme Cam 2 declaration,
//! `bad/` the same file with one deliberate mistake each, `evidence/` test-evidence files.
//! `tests/hostile/` is the hostile-input corpus: one folder per case, its expected outcome in its
//! `case.toml`, all walked by one test (`hostile.rs`).
//! Snapshots of error messages live in `tests/it/snapshots/`; review changes with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test -p iotlabel-cli --test it`).

mod advice;
mod assess;
mod bad_input;
mod catalogs;
mod discover;
mod docs;
mod evidence;
mod hostile;
mod label;
mod mud;
mod mud_audit;
mod observe;
mod registry;
mod scan;
mod schema;
mod util;
mod validate;
