//! The command-line interface, defined once: help, man page and completions all come from here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub const EXIT_CODES: &str = "\
Exit codes:
  0  success (for assess: every selected framework is conformant)
  1  assess: at least one framework is not conformant or incomplete
  2  invalid input: unreadable or invalid file, unknown framework, bad arguments
  3  internal error (a bug: please report it)
  4  verify: a signature, proof or checkpoint does not verify, or the log showed a split view
  5  registry commands: the registry could not be reached or answered with a server error
  (verify exits 1 when the label verifies but is not active: revoked, contradicted, support ended;
   publish, attest, vex and revoke exit 2 when the registry refuses the statement;
   evidence observe exits 1 when the capture shows something not declared or credentials in clear)";

#[derive(Debug, Parser)]
#[command(
    name = "iotlabel",
    version,
    about = "Make the security of connected devices visible and checkable",
    long_about = "iotlabel reads a manufacturer's machine-readable declaration of an IoT device, \
judges it (with any test evidence) against ETSI EN 303 645, NIST IR 8425, UK PSTI, the EU Cyber \
Resilience Act and Singapore's CLS, and explains every verdict in plain language.",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to use colour: auto (only on a terminal, honouring NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// More log output on stderr (-v info, -vv debug, -vvv trace). RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Use evidence files that name no `device` (refused otherwise: nothing shows they are about
    /// the declared device). Every report made with such a file says so in its notes.
    #[arg(long, global = true)]
    pub allow_unbound_evidence: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    Text,
    Json,
    /// OSCAL assessment-results (JSON).
    Oscal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CrosswalkFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Oscal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A device declaration (input).
    Declaration,
    /// Test evidence (input; the scanner and importers write it).
    Evidence,
    /// Findings a lab accepts (`assess --masks`, `label --masks`).
    Masks,
    /// The label JSON (`label --format json`).
    Label,
    /// `frameworks --format json`.
    Frameworks,
    /// `frameworks --controls --format json`.
    Controls,
    /// A framework catalog file (`catalogs/<framework>.toml`).
    Catalog,
    /// The label advertisement, `GET /.well-known/iot-label`.
    WellKnown,
    /// A signed statement for the registry (declaration, attestation, VEX, revocation, key change).
    Statement,
    /// A label's record as the registry serves it (GET /api/v1/labels/{id}).
    LabelRecord,
    /// A self-contained label bundle (`iotlabel verify --save`).
    Bundle,
    /// A refusal from the registry (the `error` of a 4xx answer).
    Refusal,
    /// A buyer's profile (`advise --profile`, `advise --save`).
    Profile,
    /// `advise --format json` and `compare --format json`.
    Advice,
    /// `glossary --format json`.
    Glossary,
    /// `gaps --format json`.
    Gaps,
    /// A MUD file (RFC 8520 JSON, as `mud generate` writes it).
    Mud,
    /// One flow record (a line of JSON Lines flows for `mud audit`).
    FlowRecord,
    /// `mud audit --format json`.
    Audit,
    /// `evidence observe --format json`.
    Observation,
    /// `scan --format json`: hosts, services and findings.
    ScanReport,
    /// `scan --devices`: the declaration of each scanned address.
    FleetMap,
    /// `discover --format json`: the devices heard on the local network.
    Discovery,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    Man,
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check declaration files and report every problem with file:line:column.
    #[command(after_help = "Examples:
  iotlabel validate examples/devices/acme-cam-2.toml
  iotlabel validate examples/devices/*.toml --format json

Exit codes: 0 all files valid, 2 at least one file invalid or unreadable.")]
    Validate {
        /// Declaration files (.toml or .json).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },

    /// Judge a declaration (and test evidence) against security frameworks.
    #[command(after_help = "Examples:
  iotlabel assess examples/devices/acme-cam-2.toml --framework all
  iotlabel assess examples/devices/acme-cam-2.toml --framework etsi-en-303-645,uk-psti --all
  iotlabel assess examples/devices/acme-cam-2.toml --evidence lab-results.json --format json
  iotlabel assess examples/devices/acme-cam-2.toml --evidence evidence.json --masks masks.toml
  iotlabel assess examples/devices/acme-cam-2.toml --format oscal > results.json
  iotlabel assess examples/devices/acme-cam-2.toml --lang fr       # reasons and titles in French

Exit codes:
  0  every selected framework is conformant
  1  at least one is not conformant or incomplete
  2  invalid input (declaration, evidence, framework name)")]
    Assess {
        /// Declaration file (.toml or .json).
        file: PathBuf,
        /// Frameworks to assess against: `all` or comma-separated ids (see `iotlabel frameworks`).
        #[arg(long, short, value_delimiter = ',', default_value = "all")]
        framework: Vec<String>,
        /// Test evidence (JSON or TOML; schema: `iotlabel schema evidence`).
        #[arg(long, short)]
        evidence: Option<PathBuf>,
        /// Findings the lab accepts (TOML or JSON: what, why, who, when; `iotlabel schema masks`):
        /// the items they match do not count, and the report lists each as accepted.
        #[arg(long, requires = "evidence")]
        masks: Option<PathBuf>,
        /// Judge support periods as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// List every requirement, not only those that did not pass.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AssessFormat::Text)]
        format: AssessFormat,
        /// Language of the reasons and titles in text and JSON output: en or fr (OSCAL stays in
        /// English).
        #[arg(long, default_value = "en")]
        lang: String,
    },

    /// List the framework catalogs, or export them as OSCAL catalogs.
    #[command(after_help = "Examples:
  iotlabel frameworks
  iotlabel frameworks --format json
  iotlabel frameworks --controls
  iotlabel frameworks --export oscal out/oscal/")]
    Frameworks {
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
        /// List the common controls (and the requirements using each) instead.
        #[arg(long)]
        controls: bool,
        /// Export every catalog in this format into DIR (one file per framework).
        #[arg(long, value_enum, requires = "dir")]
        export: Option<ExportFormat>,
        /// Directory for --export.
        #[arg(requires = "export")]
        dir: Option<PathBuf>,
    },

    /// Show how two frameworks cover each other through shared controls, and the gaps.
    #[command(after_help = "Examples:
  iotlabel crosswalk etsi-en-303-645 uk-psti
  iotlabel crosswalk eu-cra nist-ir-8425 --format csv > cra-8425.csv
  iotlabel crosswalk eu-cra etsi-en-303-645 --gaps-only
  iotlabel crosswalk uk-psti sg-cls --format json    # with full/partial/gap counts per direction

Coverage: `full` when every control of a requirement is required by the other framework,
`partial` when some are, `gap` when none are. `(recommended only)` marks coverage that rests
only on requirements the other framework recommends rather than mandates.
Framework ids: see `iotlabel frameworks`.")]
    Crosswalk {
        /// First framework id (see `iotlabel frameworks`), e.g. `etsi-en-303-645`.
        a: String,
        /// Second framework id, e.g. `uk-psti`; coverage is shown both ways.
        b: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CrosswalkFormat::Text)]
        format: CrosswalkFormat,
        /// Only list requirements the other framework does not cover at all.
        #[arg(long)]
        gaps_only: bool,
    },

    /// Render the two-layer label: the box panel (SVG, PNG, PDF) and the online page (HTML, JSON).
    #[command(after_help = "Examples:
  iotlabel label examples/devices/acme-cam-2.toml --out out/ --format html,svg,png,pdf,json,txt
  iotlabel label DEVICE --registry https://registry.example   # QR code: <registry>/l/<id>?d=…
  iotlabel label DEVICE --evidence lab.json --lang fr --base-url https://labels.example/iot/
  iotlabel label DEVICE --evidence lab.json --masks masks.toml --out out/   # accepted findings listed
  iotlabel label DEVICE --lang en+fr          # bilingual side by side, as Canadian packaging requires

  iotlabel label DEVICE --format txt           # the text label on stdout (also: --out -)

Without --registry or --base-url the QR code points at a local `iotlabel serve`
(http://127.0.0.1:8080/l/): fine for trying things out, not for a printed box.
Files are named <label-id>.<format> in --out; nothing is written unless every format renders, and
files of an earlier run are only replaced once every new one is ready.
Exit codes: 0 written, 2 invalid input (declaration, evidence, language, format, registry or
base URL, output directory).")]
    Label {
        /// Declaration file (.toml or .json).
        file: PathBuf,
        /// Test evidence (JSON or TOML).
        #[arg(long, short)]
        evidence: Option<PathBuf>,
        /// Findings the lab accepts (TOML or JSON: what, why, who, when; `iotlabel schema masks`):
        /// they do not count, and the online page lists each as accepted.
        #[arg(long, requires = "evidence")]
        masks: Option<PathBuf>,
        /// Output directory (created if missing). May be left out, or `-`, when the only format is
        /// txt: the text label then goes to stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Comma-separated formats: html, svg, png, pdf, json, txt.
        #[arg(long, short, value_delimiter = ',', default_value = "html,svg,png,pdf,json,txt")]
        format: Vec<String>,
        /// Language: en, fr, or en+fr (both side by side).
        #[arg(long, default_value = "en")]
        lang: String,
        #[command(flatten)]
        registry: RegistryArgs,
        /// Judge support periods as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Resolution of the PNG in dots per inch.
        #[arg(long, default_value_t = 300.0)]
        dpi: f32,
    },

    /// Write a scheme's paperwork from the declaration: PSTI statement, CRA Annex II, Cyber Trust Mark data, ETSI ICS.
    #[command(after_help = "Examples:
  iotlabel documents examples/devices/fortis-lock-pro.toml --scheme uk-psti
  iotlabel documents DEVICE --scheme etsi-en-303-645 --lang fr --out ics.md
  iotlabel documents DEVICE --scheme us-cyber-trust-mark --evidence lab.json

Schemes: uk-psti, eu-cra, us-cyber-trust-mark, etsi-en-303-645.
Exit codes: 0 written, 2 invalid input or a required fact is missing (each one is named).")]
    Documents {
        /// Declaration file (.toml or .json).
        file: PathBuf,
        /// Which scheme's document: uk-psti (statement of compliance), eu-cra (Annex II
        /// information), us-cyber-trust-mark (registry data, JSON) or etsi-en-303-645
        /// (implementation conformance statement).
        #[arg(long, short)]
        scheme: String,
        /// Test evidence (JSON or TOML; schema: `iotlabel schema evidence`): it decides verdicts
        /// the declaration cannot, and the labs that produced it are named in the document.
        #[arg(long, short)]
        evidence: Option<PathBuf>,
        /// Language: en or fr.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Judge support periods as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Date of issue printed on the document (default: --as-of or today).
        #[arg(long, value_parser = parse_date)]
        issued: Option<chrono::NaiveDate>,
    },

    /// Publish a screenless device's label on the network: DNS-SD `_iotlabel._tcp` and `/.well-known/iot-label`.
    #[command(after_help = "Examples:
  iotlabel advertise examples/devices/plugsafe-mini.toml --label-url https://registry.example/l/plugsafe-mini
  iotlabel advertise DEVICE --registry https://registry.example --http 127.0.0.2:8081
  iotlabel advertise DEVICE --http 127.0.0.2:8080 --dns 127.0.0.2:5353
  dig -p 5353 @127.0.0.1 _iotlabel._tcp.local PTR     # query it (dnsutils)
  curl http://127.0.0.1:8080/.well-known/iot-label
  iotlabel advertise DEVICE --interface eth0          # real multicast DNS on eth0's network
  avahi-browse -rt _iotlabel._tcp                     # then any mDNS browser finds it

By default it listens on loopback only (127.0.0.0/8, ::1) and answers DNS queries sent to --dns.
With --interface NAME it is a real multicast DNS responder on that interface (224.0.0.251 and
ff02::fb, port 5353; IPv4 or IPv6 alone when the interface has only one): it announces the label
and answers every mDNS browser on the network, and serves HTTP on the interface's address at
--http's port (its IPv4 address, else its IPv6 link-local address). Runs until Ctrl-C. See
docs/advertise.md.
Exit codes: 0 stopped by Ctrl-C, 2 invalid input or an address that cannot be bound.")]
    Advertise {
        /// Declaration file (.toml or .json).
        file: PathBuf,
        /// The label URL to publish (default: the --registry's or --base-url's label URL for this
        /// label id): an absolute http(s) URL with a host and no query, fragment or credentials.
        #[arg(long, value_parser = parse_label_url)]
        label_url: Option<String>,
        #[command(flatten)]
        registry: RegistryArgs,
        /// Test evidence the label was made with (JSON or TOML; schema: `iotlabel schema
        /// evidence`): it is part of the published digest, as in the label's QR code.
        #[arg(long, short)]
        evidence: Option<PathBuf>,
        /// HTTP address for /.well-known/iot-label (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        http: std::net::SocketAddr,
        /// UDP address answering DNS-SD queries (port 0: any free port).
        #[arg(long, default_value = "127.0.0.1:5353", conflicts_with = "interface")]
        dns: std::net::SocketAddr,
        /// Publish on the network of this interface by multicast DNS (RFC 6762) instead of on
        /// loopback: whoever is on that network can read the label.
        #[arg(long)]
        interface: Option<String>,
    },

    /// Run the registry: signed statements, a verifiable log and live label status over HTTP.
    #[command(after_help = "Examples:
  iotlabel serve --demo                      # every example device, http://127.0.0.1:8080
  iotlabel serve --listen 127.0.0.1:9000 --data-dir /var/lib/iotlabel
  iotlabel serve --database postgres://postgres@127.0.0.1:5432/test   # several servers, one log
  iotlabel serve --config registry.toml

Settings come from flags, then IOTLABEL_* environment variables, then --config (TOML with the
flags' long names as keys, e.g. listen = \"127.0.0.1:9000\"), then the defaults.
Stops cleanly on Ctrl-C or SIGTERM. Exit codes: 0 stopped, 2 bad settings, 5 the database failed.")]
    Serve(ServeArgs),

    /// Make an Ed25519 key pair for signing statements (PKCS#8 PEM, readable only by you).
    #[command(after_help = "Examples:
  iotlabel keygen --out maker.key
  iotlabel keygen --out lab.key --format json")]
    Keygen {
        /// Where to write the private key (refused if the file exists).
        #[arg(long)]
        out: PathBuf,
        /// Output format for the public key and key id.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },

    /// Sign a device's declaration and publish it to a registry; prints the label id last.
    #[command(after_help = "Examples:
  iotlabel publish examples/devices/acme-cam-2.toml --registry http://127.0.0.1:8080 --key maker.key

The first publish with a new key enrols it for the declaration's brand when the registry allows
open enrolment (iotlabel serve --demo does); otherwise an administrator adds the key first.")]
    Publish {
        /// Declaration file (.toml or .json).
        file: PathBuf,
        #[command(flatten)]
        client: ClientArgs,
    },

    /// Attest a label with a lab's test evidence (the lab must be accredited for the scheme).
    #[command(after_help = "Examples:
  iotlabel attest acme-cam-2-b1-2-4-1 --evidence lab.json --scheme etsi-en-303-645 --registry URL --key lab.key")]
    Attest {
        /// The label id.
        label: String,
        /// Evidence file (JSON or TOML; schema: `iotlabel schema evidence`).
        #[arg(long, short)]
        evidence: PathBuf,
        /// The scheme (framework id) tested under (default: the framework of the evidence's first
        /// requirement item, else etsi-en-303-645).
        #[arg(long)]
        scheme: Option<String>,
        #[command(flatten)]
        client: ClientArgs,
    },

    /// Attach a vulnerability statement (CycloneDX or CSAF 2.0 VEX, JSON) to a label.
    #[command(after_help = "Examples:
  iotlabel vex acme-cam-2-b1-2-4-1 vex.cdx.json --registry URL --key maker.key")]
    Vex {
        /// The label id.
        label: String,
        /// The VEX document.
        file: PathBuf,
        #[command(flatten)]
        client: ClientArgs,
    },

    /// Revoke a label (its maker only); the registry shows it revoked, with the reason.
    #[command(after_help = "Examples:
  iotlabel revoke acme-cam-2-b1-2-4-1 --reason \"Recalled: stream not encrypted\" --registry URL --key maker.key")]
    Revoke {
        /// The label id.
        label: String,
        /// Why, in a sentence (shown to buyers).
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        client: ClientArgs,
    },

    /// Check a label end to end (signatures, log inclusion, consistency, status), or follow a
    /// registry's log as a monitor.
    #[command(after_help = "Examples:
  iotlabel verify acme-cam-2-b1-2-4-1 --registry http://127.0.0.1:8080
  iotlabel verify acme-cam-2-b1-2-4-1 --registry URL --save label.bundle
  iotlabel verify --bundle label.bundle                # offline, no server
  iotlabel verify --monitor http://127.0.0.1:8080 --monitor http://127.0.0.1:8081 --interval 5

Exit codes: 0 verified and active, 1 verified but not active, 2 bad input, 4 does not verify
(or a split view), 5 the registry could not be reached.")]
    Verify {
        /// The label id (with --registry).
        #[arg(required_unless_present_any = ["bundle", "monitor"])]
        label: Option<String>,
        /// The registry to ask.
        #[arg(long, env = "IOTLABEL_REGISTRY", value_name = "URL")]
        registry: Option<String>,
        /// Check a saved bundle offline (with --registry too: also check that the registry's log
        /// still holds it, by a consistency proof).
        #[arg(long, conflicts_with = "monitor")]
        bundle: Option<PathBuf>,
        /// Save a self-contained bundle (statements, keys, proofs, checkpoint) after verifying.
        #[arg(long, conflicts_with_all = ["bundle", "monitor"])]
        save: Option<PathBuf>,
        /// Trust only this log key (C2SP vkey, as `iotlabel serve` prints it); without it the
        /// key the registry (or bundle) presents is used, and the output says so.
        #[arg(long, value_name = "VKEY")]
        log_key: Option<String>,
        /// Follow the tree heads of one or more registries (or replicas): every new head must be
        /// consistent with the last, and no two heads of one size may differ.
        #[arg(long, value_name = "URL")]
        monitor: Vec<String>,
        /// Seconds between polls in monitor mode.
        #[arg(long, default_value_t = 10)]
        interval: u64,
        /// Stop after this many polls in monitor mode (0: never).
        #[arg(long, default_value_t = 0)]
        polls: u64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },

    /// Evidence from captures and lab tools: `observe` holds a capture against a declaration;
    /// `import` reads nmap, testssl.sh, ssh-audit, ZAP, SBOM and HAR outputs; `coverage` lists the
    /// ETSI TS 103 701 test units the evidence covers.
    #[command(after_help = crate::evidence_args::EVIDENCE_HELP)]
    Evidence {
        #[command(subcommand)]
        action: crate::evidence_args::EvidenceAction,
    },
    /// Scan devices: open ports, services, TLS, default credentials, insecure services; a report
    /// or evidence for the assessment.
    #[command(after_help = crate::scan_args::SCAN_HELP)]
    Scan(crate::scan_args::ScanArgs),

    /// List the devices on the local network (mDNS/DNS-SD and SSDP/UPnP): their labels, or what
    /// they probably are and which sensors they usually have.
    #[command(after_help = crate::discover_cmd::DISCOVER_HELP)]
    Discover(crate::discover_cmd::DiscoverArgs),

    /// MUD profiles (RFC 8520): generate from a declaration, validate, sign, compile to nftables.
    #[command(after_help = crate::mud_args::MUD_HELP)]
    Mud {
        #[command(subcommand)]
        action: crate::mud_args::MudAction,
    },

    /// Manage the registry's accounts, keys, accreditations and audit trail, on its database.
    #[command(after_help = "Examples:
  iotlabel admin account add \"Example Test Lab\" --role lab
  iotlabel admin key add example-test-lab lab.pub.b64
  iotlabel admin accredit example-test-lab etsi-en-303-645
  iotlabel admin key revoke ed25519:0123456789abcdef
  iotlabel admin audit --limit 20 --format json
  iotlabel admin --database postgres://postgres@127.0.0.1:5432/test accounts")]
    Admin {
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(subcommand)]
        action: AdminAction,
        /// Output format.
        #[arg(long, global = true, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },

    // issue 16: advice (crates/cli/src/advice_cmds.rs)
    /// Personal advice on devices for your profile: fit, reasons from the label, steps after purchase.
    #[command(after_help = "Examples:
  iotlabel advise                                   # the questionnaire; prints your profile
  iotlabel advise --save me.toml                    # ... and keeps each answer as you go
  iotlabel advise --resume me.toml --save me.toml   # go on where you stopped
  iotlabel advise --profile examples/profiles/older-alone.toml examples/devices/acme-cam-2.toml
  iotlabel advise --profile me.toml DEVICE... --format json --lang fr
  iotlabel advise --profile me.toml LABEL-ID --registry http://127.0.0.1:8080   # a registered label
  printf 'bedroom\\nyoung-children\\n' | iotlabel advise --save me.toml   # answers from stdin

Without --profile the questions are asked in the terminal (arrow keys, Enter for the default,
Esc to go back), or read from standard input when it is not a terminal: one line per question
not yet answered, in this order: place, household, worries, keep_years, cloud, comfort,
min_update_years, no_always_on_microphone, works_without_internet, no_data_sold (an empty line
takes the default; lists separated by commas; yes or no; answers: `iotlabel schema profile`,
docs/advice.md). A bad answer stops with its line named; with --save the answers before it are kept.
With --registry, a DEVICE that is not a file is a label id, read from the registry and verified
in its log (as `iotlabel verify`); an unknown id is named with the closest registered one.
Exit codes: 0 done, 2 invalid input (profile, answer, declaration, language, label id), 4 a
registered label does not verify, 5 the registry cannot be reached.")]
    Advise(AdviseArgs),

    /// Compare devices side by side, ranked for your profile.
    #[command(after_help = "Examples:
  iotlabel compare examples/devices/acme-cam-2.toml examples/devices/porchlight-doorbell-2.toml --profile me.toml
  iotlabel compare A B C --profile examples/profiles/at-risk.toml --format json
  iotlabel compare LABEL-1 LABEL-2 --profile me.toml --registry http://127.0.0.1:8080

Ranked by fit (good, acceptable, poor, fails your must-haves), then by risk (lower first).
Exit codes: 0 done, 2 invalid input, 4 a registered label does not verify, 5 the registry
cannot be reached.")]
    Compare(CompareArgs),

    /// Every label term explained: what it means, why it matters, what to ask the seller.
    #[command(after_help = "Examples:
  iotlabel glossary
  iotlabel glossary --lang fr --format json")]
    Glossary {
        /// Output format.
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
        /// Language: en or fr.
        #[arg(long, default_value = "en")]
        lang: String,
    },

    /// The campaign kit: printable one-page explainers (A4 PDF) per topic, from the glossary and advice.
    #[command(after_help = "Examples:
  iotlabel explainers --out kit/                       # every topic, English and French
  iotlabel explainers --out kit/ --lang fr --topic updates,passwords --format svg

Files are named <topic>.<lang>.<format>. Topics: updates, passwords, cameras-microphones,
data-cloud, reading-the-label, someone-you-know.
Exit codes: 0 written, 2 invalid input (topic, language, output directory).")]
    Explainers {
        /// Output directory (created if missing).
        #[arg(long, short)]
        out: PathBuf,
        /// Language: en, fr, or en+fr (one file each).
        #[arg(long, default_value = "en+fr")]
        lang: String,
        /// Topics, comma-separated (default: all).
        #[arg(long, value_delimiter = ',')]
        topic: Vec<String>,
        /// File format.
        #[arg(long, value_enum, default_value_t = ExplainerFormat::Pdf)]
        format: ExplainerFormat,
    },

    /// Gap analysis: which label facts are most often bad, by device type and maker.
    #[command(after_help = "Examples:
  iotlabel gaps examples/devices/*.toml                  # where a campaign would help most
  iotlabel gaps examples/devices/*.toml --format csv > gaps.csv
  iotlabel gaps DEVICE... --format json

Exit codes: 0 done, 2 invalid input.")]
    Gaps {
        /// Declaration files (.toml or .json).
        #[arg(required = true)]
        devices: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GapsFormat::Text)]
        format: GapsFormat,
        /// Judge support periods as of this date (YYYY-MM-DD) instead of today.
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
    },

    /// Print the JSON Schema of the declaration (or evidence) format.
    #[command(after_help = "Examples:
  iotlabel schema > declaration.schema.json
  iotlabel schema evidence > evidence.schema.json")]
    Schema {
        /// Which format's schema.
        #[arg(value_enum, default_value_t = SchemaKind::Declaration)]
        kind: SchemaKind,
    },

    /// Generate the man page or a shell completion script on stdout.
    #[command(after_help = "Examples:
  iotlabel generate man > iotlabel.1
  iotlabel generate bash > /etc/bash_completion.d/iotlabel")]
    Generate {
        /// What to generate: the man page, or completions for a shell.
        #[arg(value_enum)]
        what: Generate,
    },
}

/// The base URL the label URL (and its QR code) is built on: `<base><label id>?d=<digest>`.
/// Shared by `label` and `advertise`, so the flags are defined once.
#[derive(Debug, Clone, Args)]
pub struct RegistryArgs {
    /// The registry the label points to, e.g. https://registry.example or http://127.0.0.1:8080
    /// (`iotlabel serve`): the base URL becomes `<registry>/l/`, the registry's label page path.
    /// Give it for every label that leaves this machine.
    #[arg(long, value_name = "URL", value_parser = parse_registry, conflicts_with = "base_url")]
    pub registry: Option<String>,
    /// The label URL's base, given in full (overrides the `<registry>/l/` layout); the label id is
    /// appended. An absolute http(s) URL with a host and no query or fragment; a missing final
    /// `/` is added. The default is a local `iotlabel serve`, a placeholder for real labels.
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL, value_parser = parse_base_url)]
    pub base_url: String,
}

/// The label URL base when neither `--registry` nor `--base-url` is given: the label page path of
/// `iotlabel serve` on its default address.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:8080/l/";

impl RegistryArgs {
    /// `<registry>/l/` with `--registry`, else `--base-url` (or its default).
    pub fn base_url(&self) -> String {
        self.registry.clone().unwrap_or_else(|| self.base_url.clone())
    }
}

/// Checks a `--registry` like a `--base-url` and returns the registry's label page base,
/// `<registry>/l/` (a registry under a path, `https://example.org/iotlabel`, keeps it).
pub fn parse_registry(s: &str) -> Result<String, String> {
    const EXPECTED: &str = "expected: the registry's absolute http(s) URL such as https://registry.example";
    let mut url =
        http_url(s, EXPECTED, "the label path `/l/<id>?d=<digest>` is appended to the registry URL")?;
    let path = format!("{}/l/", url.path().trim_end_matches('/'));
    url.set_path(&path);
    Ok(url.into())
}

/// Checks a `--base-url`: an absolute http or https URL with a host, no query, fragment or
/// credentials (the label id and `?d=<digest>` are appended to it). Returns it normalised, ending
/// in `/` so the label id becomes a new path segment.
pub fn parse_base_url(s: &str) -> Result<String, String> {
    const EXPECTED: &str = "expected: an absolute http(s) URL such as https://registry.example/l/";
    let mut url = http_url(s, EXPECTED, "the label id and `?d=<digest>` are appended to the base URL")?;
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url.into())
}

/// Checks a `--label-url` as strictly as `--base-url`: the URL a device publishes is the label
/// page's, with nothing that could carry other content or credentials.
pub fn parse_label_url(s: &str) -> Result<String, String> {
    const EXPECTED: &str = "expected: an absolute http(s) URL such as https://registry.example/l/acme-cam-2";
    Ok(http_url(s, EXPECTED, "a label URL names the label page alone")?.into())
}

/// An absolute http(s) URL with a host and no query, fragment or credentials.
fn http_url(s: &str, expected: &str, why_no_query: &str) -> Result<url::Url, String> {
    let shown = s.escape_debug();
    let url =
        url::Url::parse(s).map_err(|e| format!("`{shown}` is not an http(s) URL ({e})\n  {expected}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{shown}` is not an http(s) URL (scheme `{}`)\n  {expected}", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{shown}` has no host\n  {expected}"));
    }
    if url.query().is_some() {
        return Err(format!("`{shown}` has a query string: {why_no_query}\n  {expected}"));
    }
    if url.fragment().is_some() {
        return Err(format!("`{shown}` has a fragment (`#...`)\n  {expected}"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("`{shown}` contains a user name or password\n  {expected}"));
    }
    Ok(url)
}

/// Dates on the command line follow the declaration's rule: exactly YYYY-MM-DD, a real day.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    iotlabel_model::parse_date(s).map_err(|_| {
        format!(
            "`{}` is not a date written YYYY-MM-DD\n  expected: a real calendar date with four-digit year, two-digit month and day, e.g. 2026-11-22",
            s.escape_debug()
        )
    })
}

/// Where the registry keeps its data: shared by `serve` and `admin`.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// The data directory: the SQLite database (registry.db) lives here, created on first start.
    #[arg(long, env = "IOTLABEL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// A PostgreSQL URL instead of SQLite (postgres://user@host:port/db), for several servers.
    #[arg(long, env = "IOTLABEL_DATABASE", value_name = "URL")]
    pub database: Option<String>,
    /// PostgreSQL: keep the tables in this schema (created when missing) [default: the
    /// connection's default schema].
    #[arg(long, env = "IOTLABEL_DATABASE_SCHEMA", value_name = "NAME", requires = "database")]
    pub schema: Option<String>,
}

/// `iotlabel serve`'s settings. Every field is optional here: the defaults and the --config file
/// fill what flags and the environment leave out.
#[derive(Debug, Clone, Args, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServeArgs {
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, env = "IOTLABEL_LISTEN")]
    pub listen: Option<std::net::SocketAddr>,
    /// The data directory for SQLite [default: $XDG_DATA_HOME/iotlabel or ~/.local/share/iotlabel].
    #[arg(long, env = "IOTLABEL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL instead of SQLite: several `serve` instances on one database serve one log.
    #[arg(long, env = "IOTLABEL_DATABASE", value_name = "URL")]
    pub database: Option<String>,
    /// PostgreSQL: keep the tables in this schema (created when missing).
    #[arg(long, env = "IOTLABEL_DATABASE_SCHEMA", value_name = "NAME")]
    pub schema: Option<String>,
    /// The registry's public URL, which labels point at [default: http://<listen>/].
    #[arg(long, env = "IOTLABEL_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Load every example device, a demo lab, a revocation and a VEX statement (implies
    /// --open-enrolment; demo keys are public, never use them for real labels).
    #[arg(long, env = "IOTLABEL_DEMO")]
    #[serde(default)]
    pub demo: bool,
    /// The example files for --demo [default: ./examples].
    #[arg(long, value_name = "DIR")]
    pub examples: Option<PathBuf>,
    /// Trust on first use: a maker's first signed statement enrols its key for its name.
    #[arg(long, env = "IOTLABEL_OPEN_ENROLMENT")]
    #[serde(default)]
    pub open_enrolment: bool,
    /// SQLite: fsync every commit (survives power loss, slower).
    #[arg(long)]
    #[serde(default)]
    pub durable: bool,
    /// Statements accepted per minute from one client address [default: 600].
    #[arg(long)]
    pub per_client_per_minute: Option<u32>,
    /// Statements accepted per minute signed by one key [default: 600].
    #[arg(long)]
    pub per_key_per_minute: Option<u32>,
    /// A witness whose cosignatures of the log's checkpoints the registry keeps and serves
    /// (C2SP tlog-cosignature vkey, `<name>+<key id>+<base64>`); repeat for several.
    #[arg(long = "witness", value_name = "VKEY")]
    #[serde(default)]
    pub witness: Vec<String>,
    /// A TOML file with any of these settings (kebab-case keys).
    #[arg(long, env = "IOTLABEL_CONFIG", value_name = "FILE")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
}

/// Where to send a statement and with which key: shared by publish, attest, vex and revoke.
#[derive(Debug, Clone, Args)]
pub struct ClientArgs {
    /// The registry's URL, e.g. http://127.0.0.1:8080.
    #[arg(long, env = "IOTLABEL_REGISTRY", value_name = "URL")]
    pub registry: String,
    /// The signing key (PKCS#8 PEM, from `iotlabel keygen`).
    #[arg(long, env = "IOTLABEL_KEY", value_name = "FILE")]
    pub key: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DataFormat::Text)]
    pub format: DataFormat,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AdminAction {
    /// List the accounts with their keys and accreditations.
    Accounts,
    /// Manage accounts.
    #[command(subcommand)]
    Account(AccountAction),
    /// Manage keys.
    #[command(subcommand)]
    Key(KeyAction),
    /// Accredit a lab for a scheme (a framework id, see `iotlabel frameworks`).
    Accredit { lab: String, scheme: String },
    /// Withdraw a lab's accreditation.
    Withdraw { lab: String, scheme: String },
    /// The newest audit events (refusals and administrative actions), newest first.
    Audit {
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum AccountAction {
    /// Create an account (its slug is derived from the name).
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Create a maker whose slug overlaps another maker's (`acme-cam` beside `acme`): their
        /// label ids can collide, and then the first declaration of an id wins and the other
        /// maker's is refused as a conflict. Refused without this flag.
        #[arg(long)]
        allow_overlap: bool,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum KeyAction {
    /// Add a public key to an account: a PKCS#8 PEM private or public key file, or the base64 of
    /// the 32 raw bytes (as `iotlabel keygen` prints).
    Add { account: String, key: String },
    /// Revoke a key by id.
    Revoke { key_id: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    Manufacturer,
    Lab,
    Admin,
}

// issue 16: advice

/// What `advise` and `compare` share.
#[derive(Debug, Args)]
pub struct AdviceOutput {
    /// Output format.
    #[arg(long, value_enum, default_value_t = DataFormat::Text)]
    pub format: DataFormat,
    /// Language: en or fr.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Judge support periods as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    /// A DEVICE that is not a file is a label id in this registry: its registered declaration and
    /// lab evidence, verified in the registry's log as `iotlabel verify` does.
    #[arg(long, value_name = "URL")]
    pub registry: Option<String>,
}

#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// Declaration files (.toml or .json) of the devices to advise on, or label ids with --registry.
    pub devices: Vec<PathBuf>,
    /// Your profile (TOML; `iotlabel schema profile`). Without it, the questions are asked.
    #[arg(long, short, conflicts_with = "resume")]
    pub profile: Option<PathBuf>,
    /// Keep the questionnaire's answers in this file, after each answer (a profile).
    #[arg(long, conflicts_with = "profile")]
    pub save: Option<PathBuf>,
    /// Go on with the answers saved in this file: only the questions left are asked.
    #[arg(long)]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub output: AdviceOutput,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Declaration files (.toml or .json) of the devices to compare (at least two), or label ids
    /// with --registry.
    #[arg(required = true, num_args = 2..)]
    pub devices: Vec<PathBuf>,
    /// Your profile (TOML; `iotlabel schema profile`).
    #[arg(long, short)]
    pub profile: PathBuf,
    #[command(flatten)]
    pub output: AdviceOutput,
}

/// `explainers --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainerFormat {
    Pdf,
    Svg,
}

/// `gaps --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GapsFormat {
    Text,
    Csv,
    Json,
}
