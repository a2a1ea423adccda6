//! `iotlabel scan`: network checks of IoT devices (open ports and services, TLS, default
//! credentials, insecure services), a report (JSON, SARIF, CSV, table) and evidence in the
//! assessment's format. Every connection has a timeout and a byte cap; rate and concurrency are
//! bounded; only loopback, private and link-local targets unless the caller allows public ones.
//!
//! Layout: [`parse`] (pure protocol and banner parsers, fuzzed), [`target`] (target lists and
//! the safety rule), [`creds`] (the credential data file), [`engine`] (network I/O and the
//! checks), [`tls`], [`tls_legacy`] (servers that speak only TLS 1.0/1.1), [`ssh`] (SSH
//! identification, KEXINIT, weak algorithms, authentication methods, password logins),
//! [`report`] (the report, its outputs and the evidence), [`state`] (resuming).
//! More pure parsers, fuzzed: [`coap`] (CoAP, CoRE link format), [`ssdp`] (SSDP replies, UPnP
//! device descriptions), [`mdns`] (DNS-SD answers), [`rtsp`] (RTSP replies), [`http_auth`]
//! (digest challenges and answers, login forms, the form-login rule); their network side is
//! [`udp`] (the UDP checks) and the private `auth_io` (RTSP, HTTP digest and form logins).

mod auth_io;
pub mod coap;
pub mod creds;
pub mod engine;
pub mod fleet_map;
pub mod http_auth;
pub mod label;
pub mod mdns;
pub mod parse;
pub mod report;
pub mod rtsp;
pub mod ssdp;
pub mod ssh;
pub mod state;
pub mod target;
pub mod tls;
pub mod tls_legacy;
pub mod udp;

pub use engine::{Checks, Config, DEFAULT_PORTS, Scanner};
pub use report::{Finding, HostReport, Identity, ScanReport, Service, TlsInfo, report_schema};
