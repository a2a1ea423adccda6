//! A label's public record and status, derived from its logged statements and today's date.
//!
//! Nothing here is stored: the server derives the record whenever the log grows or the date
//! changes. Precedence: revoked, then contradicted (a lab's evidence disproves a claim), then
//! support ended (from the day after the declared support end), then active.

use chrono::{DateTime, NaiveDate, Utc};
use iotlabel_catalog::Catalogs;
use iotlabel_model::{Declaration, Evidence};
use iotlabel_statement::{Kind, Statement};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::payload::{self, AttestationPayload, RevocationPayload};
use crate::vex::{self, Vuln};

/// One logged statement about a label, as the derivation reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    /// Its index in the log.
    pub index: u64,
    pub accepted_at: DateTime<Utc>,
    /// The slug of the account that signed it.
    pub account: String,
    pub statement: Statement,
}

/// A label's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Active,
    SupportEnded,
    Contradicted,
    Revoked,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Active => "active",
            State::SupportEnded => "support_ended",
            State::Contradicted => "contradicted",
            State::Revoked => "revoked",
        }
    }
}

/// The status and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Status {
    pub state: State,
    /// Since when the state holds (the revocation's day, the day after support ended, the
    /// contradicting attestation's day); absent for `active`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// Why, in a sentence (the maker's revocation reason, the contradicted requirements).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The declared end of security updates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_until: Option<NaiveDate>,
    /// Days from the record's date to the support end (negative once it has passed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_days_left: Option<i64>,
}

/// A lab's attestation, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AttestationSummary {
    pub lab: String,
    pub scheme: String,
    pub log_index: u64,
    pub accepted_at: DateTime<Utc>,
    pub items: usize,
    pub passed: usize,
    pub failed: usize,
}

/// A vulnerability statement and where it was logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VulnRecord {
    #[serde(flatten)]
    pub vuln: Vuln,
    /// Who stated it (account slug) and in which log entry; a later statement about the same id
    /// replaces an earlier one.
    pub by: String,
    pub log_index: u64,
}

/// A framework's verdict on the label, with the labs' evidence taken into account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FrameworkResult {
    pub framework: String,
    /// conformant, not_conformant, incomplete or out_of_scope.
    pub verdict: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
}

/// A label's public record: `GET /api/v1/labels/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "iotlabel registry label record")]
pub struct LabelRecord {
    pub id: String,
    /// The product (brand, model and hardware version) whose firmware versions are its labels.
    pub product: String,
    pub maker: String,
    pub brand: String,
    pub model: String,
    pub hardware_version: String,
    pub firmware_version: String,
    pub device_type: String,
    /// The label digest of the current declaration; the QR code's `d` is its first 16 hex digits.
    pub digest: String,
    pub status: Status,
    pub frameworks: Vec<FrameworkResult>,
    /// Requirements (framework:id) a lab's evidence contradicts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicted: Vec<String>,
    /// Common controls (catalogs/controls.toml) the label fails or a lab contradicts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failing_controls: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attestations: Vec<AttestationSummary>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vulnerabilities: Vec<VulnRecord>,
    /// Log entries about this label, oldest first (declarations, attestations, VEX, revocation).
    pub log_entries: Vec<u64>,
    /// The log entry of the maker's latest MUD file, served at the path of `network.mud_url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mud_file: Option<u64>,
    /// When the current declaration was logged, and how many declarations (revisions) there were.
    pub declared_at: DateTime<Utc>,
    pub revisions: usize,
    /// The date the record speaks for.
    pub as_of: NaiveDate,
}

/// The product a declaration belongs to: the label id of its identity without the firmware.
pub fn product_of(decl: &Declaration) -> String {
    let mut identity = decl.identity.clone();
    identity.firmware_version = String::new();
    iotlabel_label::facts::label_id(&identity)
}

/// The current declaration among a label's statements, with the account that published it.
pub fn current_declaration(entries: &[Logged]) -> Option<(Declaration, &Logged)> {
    let last = entries.iter().rev().find(|e| e.statement.kind == Kind::Declaration)?;
    Some((payload::declaration(&last.statement.payload).ok()?, last))
}

/// Derives the record of label `id` from every logged statement about it (oldest first), as of
/// `today`. `None` when no declaration was logged.
pub fn record(id: &str, entries: &[Logged], catalogs: &Catalogs, today: NaiveDate) -> Option<LabelRecord> {
    derive(id, entries, catalogs, today).map(|d| d.record)
}

/// A label's record with the inputs it was judged on, for whoever shows the label in full (the
/// web site's device page assesses and renders from these, never from the record's text).
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub record: LabelRecord,
    /// The current declaration.
    pub declaration: Declaration,
    /// The lab evidence about the declared firmware (merged across attestations), if any.
    pub evidence: Option<Evidence>,
}

/// The address a label's QR code carries: the registry's public URL, `l/<id>`, and `d`, the
/// first 16 hex digits of the declaration's digest (RFC 8785 canonical JSON, SHA-256).
pub fn label_url(public_url: &str, id: &str, digest: &str) -> String {
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    format!("{public_url}l/{id}?d={}", &hex[..hex.len().min(16)])
}

impl Derived {
    /// The label as the registry shows it: assessed from the current declaration and the lab
    /// evidence about it, on `today`. Its digest (the QR code's `d`) is the declaration's alone,
    /// as registered: lab evidence is attached to a label, never hashed into it.
    pub fn label<'c>(
        &self,
        catalogs: &'c Catalogs,
        public_url: &str,
        today: NaiveDate,
    ) -> (iotlabel_assess::Report<'c>, iotlabel_label::Label) {
        let report = iotlabel_assess::Engine::new(catalogs).assess(
            &self.declaration,
            self.evidence.as_ref(),
            &[],
            today,
        );
        let base_url = format!("{public_url}l/");
        let mut label = iotlabel_label::build(&iotlabel_label::LabelInput {
            decl: &self.declaration,
            evidence: self.evidence.as_ref(),
            report: &report,
            base_url: &base_url,
        });
        label.digest = self.record.digest.clone();
        label.url = label_url(public_url, &self.record.id, &self.record.digest);
        (report, label)
    }
}

/// [`record`], keeping the declaration and evidence it was derived from.
pub fn derive(id: &str, entries: &[Logged], catalogs: &Catalogs, today: NaiveDate) -> Option<Derived> {
    let (decl, declared) = current_declaration(entries)?;
    let revisions = entries.iter().filter(|e| e.statement.kind == Kind::Declaration).count();
    let mut attestations = Vec::new();
    // Evidence grouped by the device it says was tested (its firmware decides which items count).
    let mut groups: Vec<Evidence> = Vec::new();
    let mut vulns: Vec<VulnRecord> = Vec::new();
    let mut revocation = None;
    let mut mud = None;
    let mut first_contradiction: Option<NaiveDate> = None;
    for e in entries {
        match e.statement.kind {
            Kind::Attestation => {
                let Ok(p) = payload::read::<AttestationPayload>(&e.statement.payload) else { continue };
                let Ok(ev) = serde_json::from_value::<Evidence>(p.evidence) else { continue };
                let passed = ev.items.iter().filter(|i| i.result == iotlabel_model::TestResult::Pass).count();
                let failed = ev.items.iter().filter(|i| i.result == iotlabel_model::TestResult::Fail).count();
                attestations.push(AttestationSummary {
                    lab: e.account.clone(),
                    scheme: p.scheme,
                    log_index: e.index,
                    accepted_at: e.accepted_at,
                    items: ev.items.len(),
                    passed,
                    failed,
                });
                if failed > 0 {
                    first_contradiction.get_or_insert(e.accepted_at.date_naive());
                }
                let items = ev.items.into_iter().map(|mut item| {
                    item.id = format!("log{}-{}", e.index, item.id);
                    item
                });
                match groups.iter_mut().find(|g| g.device == ev.device) {
                    Some(g) => g.items.extend(items),
                    None => groups.push(Evidence {
                        schema_version: ev.schema_version,
                        device: ev.device,
                        items: items.collect(),
                    }),
                }
            }
            Kind::Vex => {
                let Ok((_, list)) = vex::read(&e.statement.payload) else { continue };
                for v in list {
                    vulns.retain(|old| old.vuln.id != v.id);
                    vulns.push(VulnRecord { vuln: v, by: e.account.clone(), log_index: e.index });
                }
            }
            Kind::Revocation => {
                if let Ok(p) = payload::read::<RevocationPayload>(&e.statement.payload) {
                    revocation.get_or_insert((e.accepted_at.date_naive(), p.reason));
                }
            }
            Kind::Mud => mud = Some(e.index),
            Kind::Declaration | Kind::KeyChange => {}
        }
    }
    let engine = iotlabel_assess::Engine::new(catalogs);
    // The framework results come from the evidence about the declared firmware (or the
    // declaration alone); a contradiction found by any group counts.
    let declared_fw = &decl.identity.firmware_version;
    let main = groups
        .iter()
        .position(|g| g.device.as_ref().and_then(|d| d.firmware_version.as_ref()) == Some(declared_fw));
    let mut contradicted = Vec::new();
    let verdicts = engine.verdicts(&decl, main.map(|i| &groups[i]), &[], today);
    for (i, group) in groups.iter().enumerate() {
        let v = if Some(i) == main { None } else { Some(engine.verdicts(&decl, Some(group), &[], today)) };
        for fw in &v.as_ref().unwrap_or(&verdicts).frameworks {
            let Some(cat) = catalogs.framework(fw.id) else { continue };
            for (req, verdict) in cat.requirements.iter().zip(&fw.requirements) {
                let id = format!("{}:{}", fw.id, req.id);
                if *verdict == iotlabel_assess::Verdict::Contradicted && !contradicted.contains(&id) {
                    contradicted.push(id);
                }
            }
        }
    }
    let frameworks = verdicts
        .frameworks
        .iter()
        .map(|f| FrameworkResult {
            framework: f.id.to_owned(),
            verdict: f.verdict.as_str().to_owned(),
            level: f.level.map(str::to_owned),
        })
        .collect();
    let support_until = decl.updates.support_end;
    let mut status = Status {
        state: State::Active,
        since: None,
        reason: None,
        support_until,
        support_days_left: support_until.map(|end| (end - today).num_days()),
    };
    if let Some((day, reason)) = revocation {
        status.state = State::Revoked;
        status.since = Some(day);
        status.reason = Some(reason);
    } else if !contradicted.is_empty() {
        status.state = State::Contradicted;
        status.since = first_contradiction;
        status.reason = Some(format!("a lab's evidence contradicts {}", contradicted.join(", ")));
    } else if let Some(end) = support_until
        && end < today
    {
        status.state = State::SupportEnded;
        status.since = end.succ_opt();
        status.reason = Some(format!("security updates ended on {end}"));
    }
    let i = &decl.identity;
    let record = LabelRecord {
        id: id.to_owned(),
        product: product_of(&decl),
        maker: declared.account.clone(),
        brand: i.brand.clone(),
        model: i.model.clone(),
        hardware_version: i.hardware_version.clone(),
        firmware_version: i.firmware_version.clone(),
        device_type: i.device_type.clone(),
        digest: iotlabel_label::facts::digest(&decl, None),
        status,
        frameworks,
        contradicted,
        failing_controls: verdicts
            .controls
            .iter()
            .zip(&catalogs.controls.controls)
            .filter(|(v, _)| {
                matches!(v, iotlabel_assess::Verdict::Fail | iotlabel_assess::Verdict::Contradicted)
            })
            .map(|(_, c)| c.id.clone())
            .collect(),
        attestations,
        vulnerabilities: vulns,
        log_entries: entries.iter().map(|e| e.index).collect(),
        mud_file: mud,
        declared_at: declared.accepted_at,
        revisions,
        as_of: today,
    };
    let evidence = main.map(|at| groups.swap_remove(at));
    Some(Derived { record, declaration: decl, evidence })
}
