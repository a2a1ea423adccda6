//! `iotlabel scan`'s arguments (kept out of args.rs, which other commands share).

use std::path::PathBuf;

use clap::{Args, ValueEnum};

pub const SCAN_HELP: &str = "Examples:
  iotlabel scan 127.10.0.0/24 --out scan.json --format json   # every check
  iotlabel scan 127.10.0.1-127.10.0.40 --checks creds,tls --format sarif --out scan.sarif
  iotlabel scan 127.10.0.5 --device examples/devices/acme-cam-2.toml --out evidence.json
  iotlabel assess examples/devices/acme-cam-2.toml --evidence evidence.json
  iotlabel scan 192.168.1.0/24 --state scan.state --rate 100   # resumable after Ctrl-C
  iotlabel scan 127.10.0.1,127.10.0.7 --ports 23,8023 --format table
  iotlabel scan 127.10.0.0/24 --devices fleet-map.toml --out evidence/   # evidence per mapped device
  iotlabel scan 127.10.0.0/24 --registry http://127.0.0.1:8080   # advertised labels checked

Fleet map (--devices, TOML; `iotlabel schema fleet-map`): [[device]] entries, each with
declaration = \"path\" (relative to the map) and addresses = [\"127.10.0.5\", ...]. An address
given twice or outside the targets is an error. --out DIR receives <declaration>.evidence.json
per device and report.json (every host).

Labels: on every HTTP service the scanner reads /.well-known/iot-label (the label a screenless
device advertises). With --registry URL the label is fetched from the registry and verified
(signatures, log inclusion) as `iotlabel verify` does; a label the registry does not hold, a
digest other than the registered declaration's, or a revoked label is a finding.
  iotlabel scan 127.10.0.0/24 --checks udp --format table   # CoAP, SSDP/UPnP, mDNS only

Targets: addresses, CIDR blocks (a.b.c.d/n), ranges (a.b.c.d-e, a.b.c.d-a.b.c.e), comma lists.
Only loopback, private and link-local addresses are scanned unless --allow-public is given.
Checks: ports (open TCP ports, banners, HTTP server and title, TLS, RTSP, SSH identification
and algorithms), creds (published default credentials on telnet, SSH, FTP, HTTP basic, digest and
login forms, MQTT and RTSP basic and digest, at most --max-attempts per device), tls (versions,
TLS 1.0/1.1 accepted, also from servers that speak nothing newer, self-signed, expired), insecure
(telnet, anonymous FTP, plain-HTTP admin logins, MQTT without authentication: subscribes to
$SYS/# and # briefly and never publishes; RTSP streams served without authentication: DESCRIBE
only; SSH weak algorithms and password authentication), udp (CoAP on 5683: GET
/.well-known/core and the resources it lists; SSDP on 1900: M-SEARCH and the device description
when it is on the target; mDNS on 5353: DNS-SD services and TXT manufacturer, model, firmware;
each UDP request sent at most twice, answers capped). No check changes a device (no UPnP
AddPortMapping, no RTSP PLAY). A form login counts as accepted when the answer redirects away
from the login page, or sets a cookie and shows no password field any more.
Findings: creds.default, creds.any, insecure.telnet, insecure.ftp-anonymous,
insecure.mqtt-anonymous, insecure.rtsp-open, insecure.coap-open, insecure.upnp-igd,
insecure.http-admin, tls.legacy-version, tls.self-signed, tls.expired, ssh.weak-algorithms,
ssh.password-auth, label.unregistered, label.digest-mismatch, label.revoked (each with its
control and severity: docs/scan.md).

Exit codes:
  0    scan finished, no finding
  1    scan finished, at least one finding
  2    invalid input (targets, a public address without --allow-public, files, the fleet map)
  3    internal error
  5    the --registry could not be reached (checked before scanning)
  130  interrupted (Ctrl-C); finished hosts are in --state FILE, run the same command to resume";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    Json,
    Sarif,
    Csv,
    Table,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Targets: addresses, CIDR blocks, ranges or comma-separated lists.
    #[arg(required = true)]
    pub targets: Vec<String>,
    /// Checks to run: ports, creds, tls, insecure, udp or all (ports always runs).
    #[arg(long, value_delimiter = ',', default_value = "all")]
    pub checks: Vec<String>,
    /// TCP ports (default: 21,22,23,80,443,554,1883,2323,8080,8443,8554,8883).
    #[arg(long, value_delimiter = ',')]
    pub ports: Vec<u16>,
    /// Write the report (or the evidence) here instead of standard output.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    /// Report format (default: table on a terminal, json otherwise).
    #[arg(long, value_enum)]
    pub format: Option<ScanFormat>,
    /// The scanned device's declaration: write evidence in the assessment's format instead of
    /// the report (tester "iotlabel scan").
    #[arg(long)]
    pub device: Option<PathBuf>,
    /// A fleet map (TOML): the declaration of each scanned address. Writes evidence per mapped
    /// device into the --out directory.
    #[arg(long, value_name = "MAP", conflicts_with = "device", requires = "out")]
    pub devices: Option<PathBuf>,
    /// A registry (http://host:port): look up and verify every advertised label there.
    #[arg(long, value_name = "URL")]
    pub registry: Option<String>,
    /// Hosts scanned at once.
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub concurrency: u32,
    /// New connections per second at most (0: no limit).
    #[arg(long, default_value_t = 500)]
    pub rate: u32,
    /// Deadline of one exchange on one connection, in milliseconds.
    #[arg(long, default_value_t = 3000, value_parser = clap::value_parser!(u64).range(100..=60000))]
    pub timeout_ms: u64,
    /// Credential attempts per device at most.
    #[arg(long, default_value_t = 24)]
    pub max_attempts: usize,
    /// Your own credentials (service<TAB>username<TAB>password per line), tried first.
    #[arg(long)]
    pub creds: Option<PathBuf>,
    /// State file: finished hosts are recorded there, and a scan started again with the same
    /// targets and checks skips them.
    #[arg(long)]
    pub state: Option<PathBuf>,
    /// Allow addresses outside loopback, private and link-local ranges.
    #[arg(long)]
    pub allow_public: bool,
}

#[cfg(test)]
mod tests {
    /// The help names every finding id the scanner can report.
    #[test]
    fn help_lists_every_check() {
        for (id, ..) in iotlabel_scan::report::CHECKS {
            assert!(super::SCAN_HELP.contains(id), "scan --help does not list {id}");
        }
    }
}
