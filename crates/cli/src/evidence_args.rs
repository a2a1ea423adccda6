//! `iotlabel evidence ...`: arguments of the evidence subcommands (issue #14), apart from
//! `args.rs` so the importers (`evidence import`, `evidence coverage`) and the observation
//! (`evidence observe`) each stay in their own files.

use std::path::PathBuf;

use clap::Subcommand;

use crate::args::DataFormat;

/// `iotlabel evidence --help`'s epilogue.
pub const EVIDENCE_HELP: &str = "Examples:
  iotlabel evidence observe --device examples/devices/deltaco-outdoor-plug.toml --pcap setup.pcap --map addresses.toml
  iotlabel evidence observe --device DEVICE --pcap capture.pcapng --format json > observation.json
  iotlabel evidence import --from nmap-xml scan.xml --from testssl tls.json \\
      --device examples/devices/acme-cam-2.toml --tester \"Example Test Lab\" --out evidence.json
  iotlabel evidence import scan.xml sbom.cdx.json zap.json --device DEVICE --tester LAB --out ev.json
  iotlabel evidence coverage --device examples/devices/acme-cam-2.toml --evidence evidence.json
  iotlabel assess examples/devices/acme-cam-2.toml --evidence evidence.json --masks masks.toml";

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

    /// Read tools' outputs into one evidence file about a device: each finding becomes an item
    /// naming a common control (through the mapping table), with its source (file, record, line).
    #[command(after_help = concat!(
        "Formats (--from): nmap-xml (nmap -oX), testssl (testssl.sh --json or --json-pretty), ssh-audit (ssh-audit -j),
zap (ZAP's JSON report), cyclonedx (CycloneDX 1.2-1.6 JSON, with VEX), spdx (SPDX 2.2/2.3 JSON, 3.0 JSON-LD),
har (HTTP Archive), pcap and pcapng (packet captures, held against the declaration as `evidence observe`
does: credentials in clear, clear-text protocols, undeclared services; items name their frames).
A FILE without --from has its format detected from its content.

Examples:
  iotlabel evidence import --from nmap-xml scan.xml --from testssl tls.json \\
      --device examples/devices/acme-cam-2.toml --tester \"Example Test Lab\" --out evidence.json
  iotlabel evidence import scan.xml ssh.json sbom.cdx.json --device DEVICE --tester LAB --out ev.json --format json
  iotlabel evidence import --from zap zap.json --device DEVICE --tester LAB --date 2026-11-30 --out ev.json

A finding that shows a declared property false fails its control; one that shows it true for one
port or host is inconclusive (recorded, decides nothing); informational findings are gathered
into one item per file. The table: crates/import/data/mapping.toml (--mapping for a lab's own).
",
        "Exit codes:
  0  every input imported, the evidence written
  1  some inputs were refused (each named with its line, offset or field path); the evidence of
     the others was written
  2  nothing written: bad arguments, an unreadable declaration or mapping table, no input
     imported, or more items than an evidence file holds (10,000)
  3  internal error (a bug: please report it)
The output file is written whole or not at all (a temporary file renamed into place)."
    ))]
    Import {
        /// An input with its format: `--from FORMAT FILE` (repeatable).
        #[arg(long = "from", num_args = 2, value_names = ["FORMAT", "FILE"], action = clap::ArgAction::Append)]
        from: Vec<String>,
        /// Inputs whose format is detected from their content.
        files: Vec<PathBuf>,
        /// The declaration of the device tested (its brand, model and firmware name the evidence).
        #[arg(long)]
        device: PathBuf,
        /// Who ran the tools (the lab), as the evidence's `tester`.
        #[arg(long)]
        tester: String,
        /// Date every item (YYYY-MM-DD); default: the date the tool's output gives, else today.
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
        /// A mapping table of the lab's own (TOML, as crates/import/data/mapping.toml).
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// Address map (TOML, as `evidence observe --map`) for the captures given: which address is
        /// the device. Without it, the device is the DHCP client sending the declared MUD URL.
        #[arg(long)]
        map: Option<PathBuf>,
        /// Write the evidence here (default: stdout; the summary then goes to stderr).
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Summary format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },

    /// Which ETSI TS 103 701 test units the evidence covers and which remain (manual, basic
    /// tool, advanced tool, custom tool work), per EN 303 645 provision.
    #[command(after_help = "Examples:
  iotlabel evidence coverage --device examples/devices/acme-cam-2.toml --evidence evidence.json
  iotlabel evidence coverage --device DEVICE --evidence evidence.json --format json --all

A unit is covered by an imported tool output of its kind (an nmap scan for the declared-against-
observed units, testssl.sh or ssh-audit for the protocol audits, an SBOM for the component
analysis, ZAP for the web tests), or by an item of a fitting method naming the provision or one
of its controls (a lab's document review, lab test or penetration test). Units of provisions
that do not apply to the device are counted apart.
Exit codes: 0 every applicable unit covered, 1 units remain, 2 invalid input, 3 internal error.")]
    Coverage {
        /// The declaration of the device.
        #[arg(long)]
        device: PathBuf,
        /// The evidence file (JSON or TOML).
        #[arg(long)]
        evidence: PathBuf,
        /// Judge applicability as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// List covered and not applicable units too (text output), not only the remaining ones.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    iotlabel_model::parse_date(s).map_err(|_| format!("`{s}` is not a date written YYYY-MM-DD"))
}
