//! `iotlabel scan`: network checks of IoT devices (open ports and services, TLS, default
//! credentials, insecure services), a report (JSON, SARIF, CSV, table) and evidence in the
//! assessment's format. Every connection has a timeout and a byte cap; rate and concurrency are
//! bounded; only loopback, private and link-local targets unless the caller allows public ones.
//!
//! Layout: [`parse`] (pure protocol and banner parsers, fuzzed), [`target`] (target lists and
//! the safety rule), [`creds`] (the credential data file), [`engine`] (network I/O and the
//! checks), [`tls`], [`tls_legacy`] (servers that speak only TLS 1.0/1.1), [`ssh`] (SSH
//! identification, KEXINIT, weak algorithms, authentication methods, password logins), [`report`] (the report, its outputs and the evidence), [`state`] (resuming).

pub mod creds;
pub mod engine;
pub mod parse;
pub mod report;
pub mod ssh;
pub mod state;
pub mod target;
pub mod tls;
pub mod tls_legacy;

pub use engine::{Checks, Config, DEFAULT_PORTS, Scanner};
pub use report::{Finding, HostReport, ScanReport, Service, TlsInfo, report_schema};
