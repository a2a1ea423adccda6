//! `iotlabel mud ...`: the MUD subcommands' arguments (RFC 8520 profiles), apart from `args.rs`
//! so the MUD work stays in its own files.

use std::path::PathBuf;

use clap::{Subcommand, ValueEnum};

use crate::args::DataFormat;

/// `iotlabel mud --help`'s epilogue.
pub const MUD_HELP: &str = "Examples:
  iotlabel mud generate examples/devices/acme-cam-2.toml > acme-cam-2.mud.json
  iotlabel mud sign acme-cam-2.mud.json --key maker.key --cert maker.pem > acme-cam-2.mud.p7s
  iotlabel mud validate some-device.mud.json --lenient
  iotlabel mud validate cam.mud.json --signature cam.p7s --ca ca.pem
  iotlabel mud compile acme-cam-2.mud.json --device-mac 02:00:00:00:00:05 > cam.nft
  iotlabel mud audit --mud profiles/ --devices devices.csv --flows flows.ipfix --quarantine q.nft
  iotlabel mud audit-publish --stream nats://127.0.0.1:4222/flows --devices devices.csv --flows flows.flows
  iotlabel mud audit --mud profiles/ --devices devices.csv --stream nats://127.0.0.1:4222/flows --group isp

Exit codes: 0 success (audit: no violation), 1 audit: violations found, 2 invalid input (each problem located by file, line, column and JSON \
path), 3 internal error, 4 a signature does not verify (validate --signature), 5 the flow stream cannot be reached or failed.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesetFormat {
    /// nftables text, for `nft -f`.
    Nft,
    /// libnftables JSON, for `nft -j -f`.
    Json,
}

#[derive(Debug, Subcommand)]
pub enum MudAction {
    /// Write the MUD file (RFC 8520 JSON) for a device from its declaration's `network` section.
    #[command(after_help = "Examples:
  iotlabel mud generate examples/devices/acme-cam-2.toml > acme-cam-2.mud.json
  iotlabel mud generate DEVICE --cache-validity 24 --signature-url https://acme.example/mud/cam2.p7s
  iotlabel mud generate DEVICE --last-update 2026-11-22T12:00:00Z --out cam.mud.json

Cloud endpoints become connections the device opens to their DNS names (ietf-acldns), local peers
MUD classes (local-networks, same-manufacturer, my-controller, controller: the peer opens
connections to the declared port). A declaration with no network intent or no network.mud_url is
refused with the fields to fill in.
Exit codes: 0 written, 2 invalid declaration or missing network facts.")]
    Generate {
        /// Declaration file (.toml or .json).
        file: PathBuf,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Hours a MUD manager may cache the file (1 to 168).
        #[arg(long, default_value_t = 48)]
        cache_validity: u8,
        /// Where the signature will be published (the file's `mud-signature`).
        #[arg(long)]
        signature_url: Option<String>,
        /// The file's `last-update` (RFC 3339) instead of now, for reproducible output.
        #[arg(long, value_parser = parse_time)]
        last_update: Option<chrono::DateTime<chrono::Utc>>,
    },

    /// Check MUD files strictly (or leniently), and optionally their signature.
    #[command(after_help = "Examples:
  iotlabel mud validate acme-cam-2.mud.json
  iotlabel mud validate vendor.json --lenient              # draft-era forms: a warning each
  iotlabel mud validate Luminaire_150.json --signature Luminaire_150.p7s --ca luminaire-cacert.pem
  iotlabel mud validate Luminaire_150.json --signature Luminaire_150.p7s --ca luminaire-cacert.pem --at 2019-01-01
  iotlabel mud validate *.json --format json

Strict mode follows RFC 8520, RFC 8519 and RFC 7951 exactly and names every deviation; --lenient
accepts the known draft-era and vendor forms with a warning each and normalises them (--print
shows the result). Certificates are checked at the current time unless --at or --ignore-time.
Exit codes: 0 valid (and the signature verifies), 2 invalid, 4 the signature does not verify
(an expired certificate included).")]
    Validate {
        /// MUD files (.json).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Accept draft-era and vendor dialects with a warning per deviation.
        #[arg(long)]
        lenient: bool,
        /// Print the (normalised) MUD file of each valid input on stdout, as JSON.
        #[arg(long, conflicts_with = "format")]
        print: bool,
        /// Detached CMS signature (DER) of the file (one file only).
        #[arg(long, requires = "ca")]
        signature: Option<PathBuf>,
        /// Trust anchors for --signature: PEM certificates of the maker's CA.
        #[arg(long, requires = "signature")]
        ca: Option<PathBuf>,
        /// Check certificate validity at this time (RFC 3339, or YYYY-MM-DD for midnight UTC).
        #[arg(long, value_parser = parse_time, requires = "signature", conflicts_with = "ignore_time")]
        at: Option<chrono::DateTime<chrono::Utc>>,
        /// Do not check certificate validity periods at all.
        #[arg(long, requires = "signature")]
        ignore_time: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },

    /// Sign a MUD file: a detached CMS signature in DER (RFC 8520 section 13).
    #[command(after_help = "Examples:
  iotlabel mud sign acme-cam-2.mud.json --key maker.key --cert maker.pem > acme-cam-2.mud.p7s
  iotlabel mud sign acme-cam-2.mud.json --key maker.key --cert maker-chain.pem --out cam.p7s
  openssl cms -verify -binary -inform DER -in cam.p7s -content acme-cam-2.mud.json -CAfile ca.pem -purpose any

The key is ECDSA P-256 in PEM (PKCS#8 or SEC1); --cert holds its certificate first, then any
intermediates. The file is checked strictly before it is signed. The signature is never written
to a terminal.
Exit codes: 0 written, 2 invalid MUD file, key or certificate, or a key that is not the
certificate's.")]
    Sign {
        /// The MUD file (.json), signed byte for byte as it is.
        file: PathBuf,
        /// The private key (PEM).
        #[arg(long)]
        key: PathBuf,
        /// The signer's certificate, then intermediates (PEM).
        #[arg(long)]
        cert: PathBuf,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },

    /// Compile a MUD file for one device to an nftables ruleset (default deny both ways).
    #[command(after_help = "Examples:
  iotlabel mud compile acme-cam-2.mud.json --device-mac 02:00:00:00:00:05 > cam.nft
  iotlabel mud compile cam.mud.json --device-id cam --device-ipv4 192.168.1.5 --device-ipv6 fd00::5
  iotlabel mud compile cam.mud.json --device-mac 02:00:00:00:00:05 --format json | nft -j -f -
  nft --check -f cam.nft

The ruleset replaces the table `inet iotlabel_mud` whole. DNS names become sets (`dns_*`) for a
DNS-answer feed to fill; local networks are the RFC 1918 / ULA and link-local prefixes unless
--local-v4 / --local-v6 say otherwise; manufacturer and controller classes are sets too.
Exit codes: 0 written, 2 invalid MUD file or device.")]
    Compile {
        /// The MUD file (.json).
        file: PathBuf,
        /// Names the device's chains (letters, digits, `_`; default: from the file name).
        #[arg(long)]
        device_id: Option<String>,
        /// The device's MAC address.
        #[arg(long)]
        device_mac: Option<String>,
        /// The device's IPv4 addresses.
        #[arg(long, value_delimiter = ',')]
        device_ipv4: Vec<std::net::Ipv4Addr>,
        /// The device's IPv6 addresses.
        #[arg(long, value_delimiter = ',')]
        device_ipv6: Vec<std::net::Ipv6Addr>,
        /// Read the MUD file leniently (draft-era dialects, a warning each).
        #[arg(long)]
        lenient: bool,
        /// The local networks (IPv4 prefixes).
        #[arg(long, value_delimiter = ',')]
        local_v4: Option<Vec<String>>,
        /// The local networks (IPv6 prefixes).
        #[arg(long, value_delimiter = ',')]
        local_v6: Option<Vec<String>>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesetFormat::Nft)]
        format: RulesetFormat,
    },

    /// Turn resolver answers into `nft` commands filling the DNS-name sets of compiled profiles.
    #[command(after_help = "Examples:
  dig +noall +answer api.acme.example A api.acme.example AAAA | iotlabel mud dns-feed --mud cam.mud.json | nft -f -
  iotlabel mud dns-feed --mud cam.mud.json --mud plug.mud.json answers.txt

Answers are master-file lines (`name ttl IN type data`, as `dig +noall +answer` prints them);
A and AAAA records of the profiles' names, directly or through CNAMEs, become `add element`
commands with the TTL as timeout; other names and record types are left out.
Exit codes: 0 written, 2 invalid MUD file or an answer line that cannot be read.")]
    DnsFeed {
        /// The MUD files whose rulesets are loaded (their DNS names decide which answers count).
        #[arg(long = "mud", required = true)]
        muds: Vec<PathBuf>,
        /// Answer lines (default: stdin).
        answers: Option<PathBuf>,
        /// Read the MUD files leniently.
        #[arg(long)]
        lenient: bool,
    },

    /// Check flows against the devices' MUD profiles: what each profile does not allow, grouped
    /// per device, with the attack patterns it forms; optionally quarantine rules.
    #[command(after_help = "Examples:
  iotlabel mud audit --mud profiles/ --devices devices.csv --flows flows.csv
  iotlabel mud audit --mud profiles/ --devices devices.csv --flows capture.pcapng
  iotlabel mud audit --mud profiles/ --devices devices.csv --flows flows.ipfix --names names.csv --quarantine q.nft
  iotlabel mud audit --mud profiles/ --devices devices.csv --flows flows.jsonl --format json
  iotlabel mud audit --mud profiles/ --devices devices.csv --flows flows.flows   # binary records
  iotlabel mud audit --mud profiles/ --devices devices.csv --stream nats://127.0.0.1:4222/flows --group isp-audit
  iotlabel mud audit --mud profiles/ --devices devices.csv --stream nats://127.0.0.1:4222/flows --quarantine q.nft
  iotlabel mud audit-publish --stream nats://127.0.0.1:4222/flows --devices devices.csv --flows flows.flows
  iotlabel-flowgen --scale home --out /tmp/home   # synthetic traffic to try it on

The devices table is CSV `name,mac,ip,profile,controller`: profile is a file name in --mud (empty
for hosts that are known but not audited, such as the gateway); controller lists the classes a
host serves (urn:ietf:params:mud:dns ...). A flow is judged by the ACL of the side that opened
it; no matching ACE is a violation. Patterns: remote-login scanning (telnet or SSH to many
peers), fan-out, unexpected inbound, unknown domain (thresholds in crates/flows/data/patterns.toml).
The flows' format comes from --flows-format, else the extension (.csv, .jsonl/.ndjson,
.ipfix, .flows, .pcap, .pcapng), else the content. Captures are gathered into flows (5-tuple, idle
after 120 s of capture time) and named from the DNS answers they contain. IPFIX carries no names: --names gives the resolver's answers
(CSV ip,name) so DNS-name ACEs can match. Flows are streamed: memory grows with devices and names.
With --stream the auditor joins a consumer group (--group) on a NATS JetStream stream instead
of reading a file: the stream's partitions (by device) are shared among the members, each
device's flows go to one member at a time, a member that dies is replaced by the others from its
last checkpoint, and each finding (a violation group or an attack pattern of a device) is
published once to the stream NAME_reports (subject NAME.reports.GROUP) and printed by the member
that found it. It runs until Ctrl-C, or until --idle-exit seconds pass without a batch.
Exit codes: 0 no violation (with --stream: this member reported none), 1 violations found,
2 invalid input (located by file and line or byte offset), 3 internal error, 5 the stream cannot
be reached or failed.")]
    Audit {
        /// A directory of MUD files (*.json), or MUD files.
        #[arg(long = "mud", required = true)]
        muds: Vec<PathBuf>,
        /// The devices table (CSV).
        #[arg(long)]
        devices: PathBuf,
        /// The flows (CSV, JSON Lines, IPFIX, binary records, pcap or pcapng; `-` for stdin).
        #[arg(long, required_unless_present = "stream", conflicts_with = "stream")]
        flows: Option<PathBuf>,
        /// Consume flows from a NATS JetStream stream, nats://HOST:PORT/NAME, as a member of --group.
        #[arg(long, value_name = "URL")]
        stream: Option<String>,
        /// The consumer group (letters, digits, `_`, `-`): members of one group share the stream.
        #[arg(long, default_value = "auditors", requires = "stream")]
        group: String,
        /// This member's id in the group (default: host name and process id).
        #[arg(long, requires = "stream")]
        member: Option<String>,
        /// With --stream: stop after this many seconds without a batch (default: run until Ctrl-C).
        #[arg(long, value_name = "SECONDS", requires = "stream")]
        idle_exit: Option<f64>,
        /// With --stream: seconds without renewal after which a member's partitions go to others.
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0, requires = "stream")]
        lease: f64,
        /// The flows' format, when neither the extension nor the content tells.
        #[arg(long, value_enum)]
        flows_format: Option<FlowFormat>,
        /// DNS answers (CSV `ip,name`) for flows that carry no names.
        #[arg(long)]
        names: Option<PathBuf>,
        /// Write an nftables ruleset cutting off the violating devices here. With --stream, the
        /// file is written as the stream is audited: its head, then each violating device the
        /// moment its first finding arrives; `nft -f FILE` loads it as it stands, and again.
        #[arg(long)]
        quarantine: Option<PathBuf>,
        /// Read the MUD files leniently.
        #[arg(long)]
        lenient: bool,
        /// Output format (with --stream: one line per finding, text or JSON).
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },

    /// Publish a flows file to a NATS JetStream stream, in batches of binary records keyed by
    /// device, for `mud audit --stream` to consume.
    #[command(after_help = "Examples:
  iotlabel mud audit-publish --stream nats://127.0.0.1:4222/flows --devices devices.csv --flows flows.ipfix
  iotlabel-flowgen --scale small-business --format flows --out /tmp/sb
  iotlabel mud audit-publish --stream nats://127.0.0.1:4222/flows --devices /tmp/sb/devices.csv --flows /tmp/sb/flows.flows
  iotlabel mud audit --mud /tmp/sb/profiles --devices /tmp/sb/devices.csv --stream nats://127.0.0.1:4222/flows --idle-exit 5

The stream NAME takes subjects NAME.p.<partition>; a batch's partition is a stable hash (FNV-1a)
of its device's name in the devices table (else its MAC, else its address) modulo the stream's
partitions, so a device's flows stay in one partition and in order.
Exit codes: 0 published, 2 invalid input, 5 the stream cannot be reached or failed.")]
    AuditPublish(PublishArgs),
}

/// The arguments of `mud audit-publish`.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    /// The stream, nats://HOST:PORT/NAME (created when missing).
    #[arg(long, value_name = "URL")]
    pub stream: String,
    /// The flows (CSV, JSON Lines, IPFIX, binary records, pcap or pcapng; `-` for stdin).
    #[arg(long)]
    pub flows: PathBuf,
    /// The flows' format, when neither the extension nor the content tells.
    #[arg(long, value_enum)]
    pub flows_format: Option<FlowFormat>,
    /// The devices table: flows are keyed by device name (so a device's addresses stay together),
    /// and IPFIX and captures are oriented from the listed devices' side.
    #[arg(long)]
    pub devices: Option<PathBuf>,
    /// Records per batch (one stream message each; 80 bytes a record).
    #[arg(long, default_value_t = 1024)]
    pub batch: usize,
    /// Partitions of the stream when this command creates it.
    #[arg(long, default_value_t = 16)]
    pub partitions: u32,
}

/// The formats `mud audit` reads flows in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowFormat {
    /// CSV with the header `time_ms,device_mac,device_ip,direction,peer_ip,peer_name,...`.
    Csv,
    /// One flow record per line (`iotlabel schema flow-record`).
    Jsonl,
    /// IPFIX messages (RFC 7011), as a collector stores them.
    Ipfix,
    /// Binary flow records (`.flows`: fixed-layout little-endian, magic IOTFLOWS), the stream's payload.
    Flows,
    /// A pcap capture (Ethernet or raw IP); names from the DNS answers inside.
    Pcap,
    /// A pcapng capture; names from the DNS answers inside.
    Pcapng,
}

fn parse_time(s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    iotlabel_model::parse_date(s).ok().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc()).ok_or_else(|| {
        format!(
            "`{}` is not a time\n  expected: RFC 3339 (2026-11-22T12:00:00Z) or a date YYYY-MM-DD (midnight UTC)",
            s.escape_debug()
        )
    })
}
