//! `iotlabel evidence ...`: arguments of the evidence subcommands (issue #14), apart from
//! `args.rs` so the importers (`evidence import`, `evidence coverage`) and the observation
//! (`evidence observe`) each stay in their own files.

use std::path::PathBuf;

use clap::Subcommand;

use crate::args::DataFormat;

/// `iotlabel evidence --help`'s epilogue.
pub const EVIDENCE_HELP: &str = "Examples:
  iotlabel evidence observe --device examples/devices/deltaco-outdoor-plug.toml --pcap setup.pcap --map addresses.toml
  iotlabel evidence observe --device DEVICE --pcap capture.pcapng --format json > observation.json";

#[derive(Debug, Subcommand)]
pub enum EvidenceAction {
    /// Hold a packet capture (pcap or pcapng) against a declaration's network section: each host,
    /// service and connection of the device as declared and seen, declared but not seen, seen but
    /// not declared, or seen but not attributable (with the reason), every result with its frames.
    #[command(after_help = "Examples:
  iotlabel evidence observe --device examples/devices/deltaco-outdoor-plug.toml \\
      --pcap deltaco-setup.pcap --map examples/captures/deltaco-setup.addresses.toml
  iotlabel evidence observe --device DEVICE --pcap capture.pcapng --format json
  iotlabel evidence observe --device DEVICE --pcap capture.pcap --evidence-out observed.json --tester \"Example Lab\"

The address map (TOML) names hosts: [[host]] address = \"7c:f6:66:24:a7:36\", name = \"plug\",
role = \"device\" | \"app\" | \"gateway\" | \"other\". A mapping for an address the capture never shows,
or two names for one address, is an error. Without a map the device is the DHCP client whose MUD URL
(option 161) is the declaration's network.mud_url.
Names come from DNS answers, TLS SNI, TLS 1.2 certificates, DHCP and HTTP Host. Connections without
any name (TLS on pre-shared keys, no DNS in the capture) are not attributable: not violations.
Credentials in clear (HTTP Authorization, FTP USER/PASS, telnet, MQTT CONNECT) are findings.
Exit codes: 0 nothing seen that the declaration does not cover and no finding; 1 something seen
not declared, or credentials in clear; 2 invalid input (capture unreadable or corrupt: file, frame
and byte offset named; bad map; no device identified); 3 internal error.")]
    Observe {
        /// The device's declaration (.toml or .json).
        #[arg(long)]
        device: PathBuf,
        /// The capture (pcap or pcapng, detected by its magic number).
        #[arg(long)]
        pcap: PathBuf,
        /// Address map (TOML): names and roles for MAC and IP addresses.
        #[arg(long)]
        map: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
        /// Also write evidence items (iotlabel evidence format) for the assessment to this file.
        #[arg(long, value_name = "FILE")]
        evidence_out: Option<PathBuf>,
        /// Who ran the capture (the evidence items' tester).
        #[arg(long, default_value = "iotlabel evidence observe")]
        tester: String,
        /// The evidence items' date (default: today).
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
}
