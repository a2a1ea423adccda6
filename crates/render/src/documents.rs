//! One declaration, every scheme's paperwork: the documents `iotlabel documents DEVICE --scheme S`
//! writes from the same declaration, evidence and assessment.
//!
//! - `uk-psti`: the UK PSTI statement of compliance (Markdown).
//! - `eu-cra`: the EU Cyber Resilience Act Annex II information and instructions for the user
//!   (Markdown).
//! - `us-cyber-trust-mark`: the data elements the U.S. Cyber Trust Mark registry shows (JSON).
//! - `etsi-en-303-645`: the ETSI EN 303 645 implementation conformance statement, the Annex B
//!   (Table B.1) pro forma filled in for every provision (Markdown).
//!
//! A document is refused ([`MissingFacts`]) when a fact it must state is not in the declaration,
//! naming each declaration field and what to add. All sentences come from
//! `locales/*/documents.ftl`; the wording is ours, never a standard's. Output is deterministic: the
//! date of issue is passed in, never read from a clock.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write};

use chrono::{Datelike, NaiveDate};
use iotlabel_assess::{FrameworkResult, FrameworkVerdict, Report, RequirementResult, Verdict};
use iotlabel_catalog::{Catalogs, Qualifier, Status};
use iotlabel_i18n::{Arg, Lang, Msg, msg, text};
use iotlabel_model::{
    Coverage, Declaration, DefaultPasswordPolicy, Evidence, MfaSupport, NotificationChannel, OfflineFunction,
    SbomFormat, TermKind, UpdateMechanism,
};
use serde_json::{Value, json};

use crate::facts::label_id;

/// A scheme whose paperwork iotlabel writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scheme {
    /// UK PSTI statement of compliance.
    UkPsti,
    /// EU CRA Annex II information and instructions for the user.
    EuCra,
    /// U.S. Cyber Trust Mark registry data elements.
    UsCyberTrustMark,
    /// ETSI EN 303 645 implementation conformance statement.
    Etsi,
}

impl Scheme {
    pub const ALL: [Scheme; 4] = [Scheme::UkPsti, Scheme::EuCra, Scheme::UsCyberTrustMark, Scheme::Etsi];

    /// The id used on the command line and in file names.
    pub fn id(self) -> &'static str {
        match self {
            Scheme::UkPsti => "uk-psti",
            Scheme::EuCra => "eu-cra",
            Scheme::UsCyberTrustMark => "us-cyber-trust-mark",
            Scheme::Etsi => "etsi-en-303-645",
        }
    }

    /// Reads a scheme id (case-insensitive, surrounding spaces ignored).
    pub fn parse(s: &str) -> Option<Scheme> {
        let s = s.trim().to_ascii_lowercase();
        Scheme::ALL.into_iter().find(|k| k.id() == s)
    }

    /// The document's name, as a message.
    pub fn name(self) -> Msg {
        match self {
            Scheme::UkPsti => msg!("doc-scheme-uk-psti"),
            Scheme::EuCra => msg!("doc-scheme-eu-cra"),
            Scheme::UsCyberTrustMark => msg!("doc-scheme-us-cyber-trust-mark"),
            Scheme::Etsi => msg!("doc-scheme-etsi-en-303-645"),
        }
    }

    /// The assessed framework the document rests on.
    pub fn framework(self) -> &'static str {
        match self {
            Scheme::UkPsti => "uk-psti",
            Scheme::EuCra => "eu-cra",
            Scheme::UsCyberTrustMark => "nist-ir-8425",
            Scheme::Etsi => "etsi-en-303-645",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Scheme::UsCyberTrustMark => "application/json",
            _ => "text/markdown",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Scheme::UsCyberTrustMark => "json",
            _ => "md",
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A written document, ready for the CLI to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub scheme: Scheme,
    /// `text/markdown` or `application/json`.
    pub media_type: &'static str,
    /// A suggested file name: `<brand-model-hardware-firmware>-<scheme>-<lang>.<md|json>`.
    pub file_name: String,
    pub body: String,
}

/// One fact a document needs that the declaration does not give (or a requirement the product
/// does not meet, for a document that declares compliance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The declaration field path, e.g. `identity.manufacturer.address`.
    pub field: &'static str,
    /// Why it is needed and what to add.
    pub why: Msg,
}

/// Why a document was refused: every missing fact, in the order the document needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingFacts {
    pub scheme: Scheme,
    pub missing: Vec<Missing>,
}

impl MissingFacts {
    /// The refusal in `lang`: a headline, then one line per missing fact (`  - field: why`).
    pub fn text(&self, lang: Lang) -> String {
        let mut s = msg!("doc-refused", scheme = self.scheme.name().text(lang), count = self.missing.len())
            .text(lang);
        // French puts a no-break space before a colon.
        let colon = if lang == Lang::Fr { "\u{a0}:" } else { ":" };
        for m in &self.missing {
            let _ = write!(s, "\n  - {}{colon} {}", m.field, m.why.text(lang));
        }
        s
    }

    /// The field paths named, in order (a field may be named more than once).
    pub fn fields(&self) -> Vec<&'static str> {
        self.missing.iter().map(|m| m.field).collect()
    }
}

impl fmt::Display for MissingFacts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for MissingFacts {}

/// Writes `scheme`'s document for a declaration, in `lang`, dated `issued`.
///
/// `report` is the declaration's assessment (any framework selection: a framework the document
/// needs and the report lacks is assessed here, as of `report.as_of`).
pub fn document(
    scheme: Scheme,
    decl: &Declaration,
    evidence: Option<&Evidence>,
    report: &Report,
    lang: Lang,
    issued: NaiveDate,
) -> Result<Document, MissingFacts> {
    let decl_json = serde_json::to_value(decl).unwrap_or(Value::Null);
    let cx = Cx { decl, decl_json, evidence, report, lang, issued };
    let body = match scheme {
        Scheme::UkPsti => uk_psti(&cx),
        Scheme::EuCra => eu_cra(&cx),
        Scheme::UsCyberTrustMark => us_cyber_trust_mark(&cx),
        Scheme::Etsi => etsi(&cx),
    }
    .map_err(|missing| MissingFacts { scheme, missing })?;
    let i = &decl.identity;
    let stem = label_id(i);
    Ok(Document {
        scheme,
        media_type: scheme.media_type(),
        file_name: format!("{stem}-{}-{}.{}", scheme.id(), lang.code(), scheme.extension()),
        body,
    })
}

/// What every document writer reads.
struct Cx<'a> {
    decl: &'a Declaration,
    /// The declaration as JSON, to tell which field paths are given.
    decl_json: Value,
    evidence: Option<&'a Evidence>,
    report: &'a Report,
    lang: Lang,
    issued: NaiveDate,
}

impl Cx<'_> {
    fn t(&self, m: Msg) -> String {
        m.text(self.lang)
    }

    fn id(&self, id: &'static str) -> String {
        text(self.lang, id)
    }

    /// A framework's results: from the report, or assessed now when the report left it out.
    fn framework(&self, id: &str) -> Option<Cow<'_, FrameworkResult>> {
        if let Some(f) = self.report.frameworks.iter().find(|f| f.id == id) {
            return Some(Cow::Borrowed(f));
        }
        iotlabel_assess::assess(self.decl, self.evidence, &[id], self.report.as_of)
            .frameworks
            .into_iter()
            .find(|f| f.id == id)
            .map(Cow::Owned)
    }

    /// The localized device type name (the taxonomy id if the taxonomy does not know it).
    fn device_type(&self) -> String {
        let id = &self.decl.identity.device_type;
        match iotlabel_model::Taxonomy::builtin().get(TermKind::Device, id) {
            Some(t) => match self.lang {
                Lang::En => t.en.clone(),
                Lang::Fr => t.fr.clone(),
            },
            None => id.clone(),
        }
    }

    fn product_line(&self) -> String {
        let i = &self.decl.identity;
        self.t(msg!(
            "doc-product-line",
            brand = md(&i.brand),
            model = md(&i.model),
            hardware = md(&i.hardware_version),
            firmware = md(&i.firmware_version),
        ))
    }

    fn prepared(&self) -> String {
        self.t(msg!("doc-prepared", date = self.issued, as_of = self.report.as_of))
    }
}

/// Collects what a document needs and the declaration lacks.
#[derive(Default)]
struct Needs(Vec<Missing>);

impl Needs {
    fn add(&mut self, field: &'static str, why: Msg) {
        self.0.push(Missing { field, why });
    }

    /// `value` if present and not blank; otherwise records the field as missing.
    fn text<'a>(&mut self, value: Option<&'a String>, field: &'static str, why: Msg) -> &'a str {
        match value.map(|s| s.trim()).filter(|s| !s.is_empty()) {
            Some(s) => s,
            None => {
                self.add(field, why);
                ""
            }
        }
    }

    fn value<T: Copy + Default>(&mut self, value: Option<T>, field: &'static str, why: Msg) -> T {
        match value {
            Some(v) => v,
            None => {
                self.add(field, why);
                T::default()
            }
        }
    }

    fn done(self) -> Result<(), Vec<Missing>> {
        if self.0.is_empty() { Ok(()) } else { Err(self.0) }
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown helpers

/// Escapes text from the declaration for Markdown (so a brand with `*` or `_` stays literal).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// A URL or contact address from the declaration: an autolink when it is safe to make one.
fn link(s: &str) -> String {
    let s = s.trim();
    let linkable = ["https://", "http://", "mailto:"].iter().any(|p| s.starts_with(p))
        && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>');
    if linkable { format!("<{s}>") } else { md(s) }
}

/// A table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    s.replace('\n', " ").replace('|', "\\|")
}

fn bullet(out: &mut String, line: &str) {
    let _ = writeln!(out, "- {line}");
}

fn heading(out: &mut String, level: usize, title: &str) {
    let _ = writeln!(out, "{} {title}\n", "#".repeat(level));
}

// ---------------------------------------------------------------------------------------------
// Descriptions shared by several documents

fn password_sentence(cx: &Cx<'_>) -> String {
    let a = &cx.decl.authentication;
    let base = match a.default_password {
        DefaultPasswordPolicy::None => "doc-password-none",
        DefaultPasswordPolicy::UniquePerDevice => "doc-password-unique",
        DefaultPasswordPolicy::UserSetAtSetup => "doc-password-user-set",
        DefaultPasswordPolicy::Universal => "doc-password-universal",
    };
    let mut s = cx.id(base);
    if a.default_password != DefaultPasswordPolicy::None {
        match a.user_can_change_credentials {
            Some(true) => s = format!("{s} {}", cx.id("doc-password-change-yes")),
            Some(false) => s = format!("{s} {}", cx.id("doc-password-change-no")),
            None => {}
        }
    }
    s
}

fn updates_sentence(cx: &Cx<'_>) -> String {
    let u = &cx.decl.updates;
    let mut parts = vec![cx.id(match u.mechanism {
        UpdateMechanism::None => "doc-updates-none",
        UpdateMechanism::Manual => "doc-updates-manual",
        UpdateMechanism::AutomaticOptIn => "doc-updates-opt-in",
        UpdateMechanism::AutomaticByDefault => "doc-updates-auto",
    })];
    if u.mechanism != UpdateMechanism::None {
        let channels: Vec<String> = u
            .notification
            .iter()
            .filter_map(|c| match c {
                NotificationChannel::App => Some(cx.id("doc-channel-app")),
                NotificationChannel::Email => Some(cx.id("doc-channel-email")),
                NotificationChannel::DeviceScreen => Some(cx.id("doc-channel-device-screen")),
                NotificationChannel::Website => Some(cx.id("doc-channel-website")),
                NotificationChannel::None => None,
            })
            .collect();
        if !channels.is_empty() {
            parts.push(cx.t(msg!("doc-updates-notified", channels = channels)));
        }
        if cx.decl.documentation.update_guidance == Some(true) {
            parts.push(cx.id("doc-updates-guidance"));
        }
    }
    parts.join(" ")
}

fn support_type(cx: &Cx<'_>) -> String {
    cx.id(match cx.decl.updates.mechanism {
        UpdateMechanism::AutomaticByDefault => "doc-support-type-auto",
        UpdateMechanism::AutomaticOptIn => "doc-support-type-opt-in",
        UpdateMechanism::Manual => "doc-support-type-manual",
        UpdateMechanism::None => "doc-support-type-none",
    })
}

/// The declaration fields a requirement's reason names (the reason cites field paths in
/// parentheses), else the fields it rests on, else the fields it lacks.
fn named_fields(r: &RequirementResult, reason_en: &str) -> Vec<&'static str> {
    let all: Vec<&'static str> = r.fields.iter().chain(r.missing.iter()).copied().collect();
    let named: Vec<&'static str> = all.iter().copied().filter(|f| reason_en.contains(f)).collect();
    if named.is_empty() { all } else { named }
}

/// Of the fields an undecided verdict lists, those the declaration really leaves out (the
/// assessment lists every field of an undecided control, including ones that are given); all of
/// them if that would leave none.
fn to_fill_in(decl: &Value, fields: &[&'static str]) -> Vec<&'static str> {
    let absent: Vec<&'static str> = fields.iter().copied().filter(|f| !declared(decl, f)).collect();
    if absent.is_empty() { fields.to_vec() } else { absent }
}

/// Whether a field path (`updates.support_end`) has a value in the serialised declaration.
fn declared(decl: &Value, path: &str) -> bool {
    let mut v = decl;
    for part in path.split('.') {
        match v.get(part) {
            Some(next) => v = next,
            None => return false,
        }
    }
    !v.is_null()
}

// ---------------------------------------------------------------------------------------------
// UK PSTI statement of compliance
//
// Content follows the minimum content of the statement of compliance in Schedule 4 to SI 2023/1007
// as recorded in the project's reference notes (frameworks.md section 3). That list is marked [M]
// there (from memory, not re-verified against the published instrument): treat it as the best
// available reading and re-check it before relying on a statement in front of a regulator.
// Decisions: the statement refuses when a fact it must state is missing (manufacturer address,
// support end date, vulnerability contact) and also when any Schedule 1 requirement is not met or
// cannot be decided, since a statement of compliance cannot be issued for a product that does not
// comply. The batch, place of issue and signatory lines are left for the manufacturer to fill in.

/// The Schedule 1 requirements (catalog ids) with their short names.
const PSTI_REQUIREMENTS: [(&str, &str); 3] =
    [("1", "doc-psti-req-1"), ("2", "doc-psti-req-2"), ("3", "doc-psti-req-3")];

fn bilingual(m: &Msg) -> Arg {
    Arg::Bilingual(Cow::Owned(m.text(Lang::En)), Cow::Owned(m.text(Lang::Fr)))
}

fn uk_psti(cx: &Cx<'_>) -> Result<String, Vec<Missing>> {
    let d = cx.decl;
    let m = &d.identity.manufacturer;
    let mut needs = Needs::default();
    let address = needs.text(m.address.as_ref(), "identity.manufacturer.address", msg!("doc-why-address"));
    let support_end = d.updates.support_end;
    if support_end.is_none() {
        needs.add("updates.support_end", msg!("doc-why-support-end"));
    }
    let contact = needs.text(
        d.vulnerability_disclosure.contact.as_ref(),
        "vulnerability_disclosure.contact",
        msg!("doc-why-vuln-contact"),
    );
    if let Some(end) = support_end
        && end < cx.issued
    {
        needs.add("updates.support_end", msg!("doc-why-support-ended", date = end, issued = cx.issued));
    }

    // Every Schedule 1 requirement must hold (pass) or not apply.
    let fw = cx.framework("uk-psti");
    let mut results: Vec<(&'static str, &'static str, Option<&RequirementResult>)> = Vec::new();
    for (id, title) in PSTI_REQUIREMENTS {
        let r = fw.as_deref().and_then(|f| f.requirements.iter().find(|r| r.id == id));
        results.push((id, title, r));
    }
    for &(id, title, r) in &results {
        let title = bilingual(&Msg::new(title));
        let Some(r) = r else {
            // Not assessed (cannot happen with the built-in catalogs): say so rather than vouch.
            needs.add(
                "identity",
                msg!("doc-why-psti-unknown", id = id.to_string(), title = title, reason = ""),
            );
            continue;
        };
        let reason = Arg::Bilingual(Cow::Owned(r.reason.text(Lang::En)), Cow::Owned(r.reason.text(Lang::Fr)));
        match r.verdict {
            Verdict::Pass | Verdict::NotApplicable => {}
            Verdict::Fail | Verdict::Contradicted => {
                let reason_en = r.reason.text(Lang::En);
                let fields = named_fields(r, &reason_en);
                let listed: Vec<&'static str> = needs.0.iter().map(|m| m.field).collect();
                let field = fields
                    .iter()
                    .copied()
                    .find(|f| !listed.contains(f))
                    .or_else(|| fields.first().copied())
                    .unwrap_or("identity");
                needs.add(
                    field,
                    msg!("doc-why-psti-not-met", id = id.to_string(), title = title, reason = reason),
                );
            }
            Verdict::Unknown => {
                let fields = if r.missing.is_empty() {
                    r.fields.to_vec()
                } else {
                    to_fill_in(&cx.decl_json, &r.missing)
                };
                let field = fields.first().copied().unwrap_or("identity");
                needs.add(
                    field,
                    msg!("doc-why-psti-unknown", id = id.to_string(), title = title, reason = reason),
                );
            }
        }
    }
    needs.done()?;
    // Present: a missing end date was recorded above and refused by `done`.
    let support_end = support_end.unwrap_or(cx.issued);

    let v = &d.vulnerability_disclosure;
    let blank = cx.id("doc-fill-in");
    let mut s = String::new();
    heading(&mut s, 1, &cx.id("doc-psti-title"));
    let _ = writeln!(s, "{}\n", cx.id("doc-psti-intro"));

    heading(&mut s, 2, &cx.id("doc-psti-product"));
    bullet(&mut s, &cx.t(msg!("doc-psti-product-type", kind = cx.device_type())));
    bullet(&mut s, &cx.t(msg!("doc-psti-product-id", product = cx.product_line())));
    if let Some(gtin) = &d.identity.gtin {
        bullet(&mut s, &cx.t(msg!("doc-gtin", gtin = md(gtin))));
    }
    bullet(&mut s, &cx.t(msg!("doc-psti-batch", blank = blank.clone())));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-psti-manufacturer"));
    bullet(&mut s, &cx.t(msg!("doc-psti-manufacturer-name", name = md(&m.name))));
    bullet(&mut s, &cx.t(msg!("doc-psti-manufacturer-address", address = md(address))));
    bullet(&mut s, &cx.t(msg!("doc-psti-manufacturer-website", url = link(&m.website))));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-psti-declaration"));
    let _ = writeln!(s, "{}\n", cx.id("doc-psti-prepared-by"));
    let _ = writeln!(s, "{}\n", cx.id("doc-psti-opinion"));
    for &(id, title, r) in &results {
        let title = cx.id(title);
        let mut line = match r {
            Some(r) if r.verdict == Verdict::NotApplicable => {
                cx.t(msg!("doc-psti-req-na", id = id, title = title, reason = r.reason.text(cx.lang)))
            }
            _ => cx.t(msg!("doc-psti-req-met", id = id, title = title)),
        };
        if id == "2" {
            line.push(' ');
            line.push_str(&cx.t(msg!("doc-psti-contact", contact = link(contact))));
            if let Some(url) = &v.policy_url {
                line.push(' ');
                line.push_str(&cx.t(msg!("doc-psti-policy", url = link(url))));
            }
            if let (Some(ack), Some(status)) = (v.acknowledgement_days, v.status_update_days) {
                line.push(' ');
                line.push_str(&cx.t(msg!("doc-psti-timelines", ack = ack, status = status)));
            }
        }
        bullet(&mut s, &line);
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-psti-support"));
    let mut support = cx.t(msg!("doc-psti-support-end", date = support_end));
    if let Some(url) = &d.updates.support_period_url {
        support.push(' ');
        support.push_str(&cx.t(msg!("doc-psti-support-url", url = link(url))));
    }
    let _ = writeln!(s, "{support}\n");

    heading(&mut s, 2, &cx.id("doc-psti-signature"));
    bullet(&mut s, &cx.t(msg!("doc-psti-place", blank = blank.clone())));
    bullet(&mut s, &cx.t(msg!("doc-psti-date", date = cx.issued)));
    bullet(&mut s, &cx.t(msg!("doc-psti-name", blank = blank.clone())));
    bullet(&mut s, &cx.t(msg!("doc-psti-function", blank = blank.clone())));
    bullet(&mut s, &cx.t(msg!("doc-psti-sign", blank = blank)));
    s.push('\n');

    let _ = writeln!(s, "---\n\n{}\n\n{}", cx.id("doc-psti-retain"), cx.prepared());
    Ok(s)
}

// ---------------------------------------------------------------------------------------------
// EU CRA Annex II: information and instructions for the user (nine points)
//
// Required: everything a point must state and only the declaration can give: the manufacturer's
// address and e-mail, the vulnerability contact and where the disclosure policy is (point 2 asks
// for both), the intended purpose, that the foreseeable risks are documented (point 5), the EU
// declaration of conformity URL and the support end date. The instructions of point 8 are stated
// as declared (and say so when the manufacturer provides none); point 9 applies only when an SBOM
// is made available to users.

fn eu_cra(cx: &Cx<'_>) -> Result<String, Vec<Missing>> {
    let d = cx.decl;
    let m = &d.identity.manufacturer;
    let v = &d.vulnerability_disclosure;
    let doc = &d.documentation;
    let mut needs = Needs::default();
    let address = needs.text(m.address.as_ref(), "identity.manufacturer.address", msg!("doc-why-address"));
    let email = needs.text(
        m.contact_email.as_ref(),
        "identity.manufacturer.contact_email",
        msg!("doc-why-contact-email"),
    );
    let contact =
        needs.text(v.contact.as_ref(), "vulnerability_disclosure.contact", msg!("doc-why-vuln-contact"));
    let policy =
        needs.text(v.policy_url.as_ref(), "vulnerability_disclosure.policy_url", msg!("doc-why-vuln-policy"));
    let intended =
        needs.text(d.identity.intended_use.as_ref(), "identity.intended_use", msg!("doc-why-intended-use"));
    if doc.risks_documented != Some(true) {
        needs.add("documentation.risks_documented", msg!("doc-why-risks"));
    }
    let eu_doc = needs.text(
        doc.eu_declaration_url.as_ref(),
        "documentation.eu_declaration_url",
        msg!("doc-why-eu-doc"),
    );
    let support_end = needs.value(d.updates.support_end, "updates.support_end", msg!("doc-why-support-end"));
    needs.done()?;

    let i = &d.identity;
    let mut s = String::new();
    let product = format!("{} {}", md(&i.brand), md(&i.model));
    heading(&mut s, 1, &cx.t(msg!("doc-cra-title", product = product)));
    let _ = writeln!(s, "{}\n", cx.id("doc-cra-intro"));

    heading(&mut s, 2, &cx.id("doc-cra-1"));
    bullet(&mut s, &cx.t(msg!("doc-cra-name", name = md(&m.name))));
    bullet(&mut s, &cx.t(msg!("doc-cra-address", address = md(address))));
    bullet(&mut s, &cx.t(msg!("doc-cra-email", email = link(&mailto(email)))));
    bullet(&mut s, &cx.t(msg!("doc-cra-website", url = link(&m.website))));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-2"));
    bullet(&mut s, &cx.t(msg!("doc-cra-contact", contact = link(contact))));
    bullet(&mut s, &cx.t(msg!("doc-cra-policy", url = link(policy))));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-3"));
    bullet(&mut s, &cx.t(msg!("doc-cra-product", product = cx.product_line())));
    bullet(&mut s, &cx.t(msg!("doc-cra-type", kind = cx.device_type())));
    if let Some(gtin) = &i.gtin {
        bullet(&mut s, &cx.t(msg!("doc-gtin", gtin = md(gtin))));
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-4"));
    bullet(&mut s, &cx.t(msg!("doc-cra-intended", text = md(intended))));
    bullet(
        &mut s,
        &cx.id(match d.communication.offline_function {
            OfflineFunction::Full => "doc-cra-offline-full",
            OfflineFunction::Partial => "doc-cra-offline-partial",
            OfflineFunction::None => "doc-cra-offline-none",
        }),
    );
    bullet(&mut s, &password_sentence(cx));
    bullet(
        &mut s,
        &cx.id(match d.communication.encryption_in_transit {
            Coverage::All => "doc-encryption-all",
            Coverage::Partial => "doc-encryption-partial",
            Coverage::None => "doc-encryption-none",
        }),
    );
    if d.data.encrypted_at_rest == Some(true) {
        bullet(&mut s, &cx.id("doc-encryption-at-rest"));
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-5"));
    let _ = writeln!(s, "{}\n", cx.id("doc-cra-risks"));

    heading(&mut s, 2, &cx.id("doc-cra-6"));
    let _ = writeln!(s, "{}\n", cx.t(msg!("doc-cra-doc", url = link(eu_doc))));

    heading(&mut s, 2, &cx.id("doc-cra-7"));
    bullet(&mut s, &cx.t(msg!("doc-cra-support-type", kind = support_type(cx))));
    if d.updates.free_of_charge == Some(true) && d.updates.mechanism != UpdateMechanism::None {
        bullet(&mut s, &cx.id("doc-cra-support-free"));
    }
    let month = format!("{} {}", cx.id(month_id(support_end.month())), support_end.year());
    bullet(&mut s, &cx.t(msg!("doc-cra-support-end", month = month, date = support_end)));
    if let Some(url) = &d.updates.support_period_url {
        bullet(&mut s, &cx.t(msg!("doc-cra-support-url", url = link(url))));
    }
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-8"));
    let setup = match doc.secure_setup_guide {
        Some(true) => cx.id("doc-cra-setup-yes"),
        Some(false) => cx.id("doc-cra-setup-no"),
        None => cx.id("doc-not-declared"),
    };
    bullet(&mut s, &cx.t(msg!("doc-cra-setup", text = setup)));
    let changes = if d.communication.config_changes_authenticated == Some(true) {
        cx.id("doc-cra-changes-auth")
    } else {
        cx.id("doc-cra-changes-policy")
    };
    match &d.data.privacy_policy_url {
        Some(url) => {
            bullet(&mut s, &cx.t(msg!("doc-cra-changes", text = changes)));
            bullet(&mut s, &cx.t(msg!("doc-cra-privacy", url = link(url))));
        }
        None if d.communication.config_changes_authenticated == Some(true) => {
            bullet(&mut s, &cx.t(msg!("doc-cra-changes", text = cx.id("doc-cra-changes-auth"))));
        }
        None => bullet(&mut s, &cx.t(msg!("doc-cra-changes", text = cx.id("doc-not-declared")))),
    }
    bullet(&mut s, &cx.t(msg!("doc-cra-updates", text = updates_sentence(cx))));
    let mut decommission: Vec<String> = Vec::new();
    if doc.decommissioning_guide == Some(true) {
        decommission.push(cx.id("doc-cra-decommission-guide"));
    }
    match d.data.deletion_on_factory_reset {
        Some(true) => decommission.push(cx.id("doc-cra-reset-erases")),
        Some(false) => decommission.push(cx.id("doc-cra-reset-keeps")),
        None => {}
    }
    if d.data.deletion_on_request == Some(true) {
        decommission.push(cx.id("doc-cra-delete-request"));
    }
    if decommission.is_empty() {
        decommission.push(cx.id("doc-not-declared"));
    }
    bullet(&mut s, &cx.t(msg!("doc-cra-decommission", text = decommission.join(" "))));
    let auto_off = match d.updates.mechanism {
        UpdateMechanism::AutomaticByDefault | UpdateMechanism::AutomaticOptIn => {
            match d.updates.user_can_defer {
                Some(true) => cx.id("doc-cra-auto-off-yes"),
                Some(false) => cx.id("doc-cra-auto-off-no"),
                None => cx.id("doc-not-declared"),
            }
        }
        UpdateMechanism::Manual | UpdateMechanism::None => cx.id("doc-cra-auto-off-manual"),
    };
    bullet(&mut s, &cx.t(msg!("doc-cra-auto-off", text = auto_off)));
    s.push('\n');

    heading(&mut s, 2, &cx.id("doc-cra-9"));
    let sbom = match &d.software.sbom {
        Some(b) => match &b.url {
            Some(url) => cx.t(msg!("doc-cra-sbom-url", format = sbom_format(b.format), url = link(url))),
            None => cx.id("doc-cra-sbom-kept"),
        },
        None => cx.id("doc-cra-sbom-none"),
    };
    let _ = writeln!(s, "{sbom}\n");

    let _ = writeln!(s, "---\n\n{}", cx.prepared());
    Ok(s)
}

fn mailto(email: &str) -> String {
    if email.contains(':') { email.to_string() } else { format!("mailto:{email}") }
}

fn month_id(m: u32) -> &'static str {
    const IDS: [&str; 12] = [
        "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8", "month-9",
        "month-10", "month-11", "month-12",
    ];
    IDS[(m.clamp(1, 12) - 1) as usize]
}

fn sbom_format(f: SbomFormat) -> &'static str {
    match f {
        SbomFormat::CycloneDx => "CycloneDX",
        SbomFormat::Spdx => "SPDX",
    }
}

// ---------------------------------------------------------------------------------------------
// U.S. Cyber Trust Mark registry data elements (FCC 24-26, paragraph 113)
//
// Keys are English snake_case; enumerated values are the declaration's own ids; only sentences are
// localized. Required: the support end date (unless the product cannot be updated, which makes it
// "unsupported"), whether a secure setup guide is given, and, when there is a factory password,
// whether it can be changed. Without a Cyber Trust Mark certification in the declaration's
// attestations the authorization status says plainly that this is an iotlabel assessment only.
// The certification body (CLA) is not recorded in declarations, so it is null.

fn us_cyber_trust_mark(cx: &Cx<'_>) -> Result<String, Vec<Missing>> {
    let d = cx.decl;
    let i = &d.identity;
    let a = &d.authentication;
    let mut needs = Needs::default();
    let has_factory_password = matches!(
        a.default_password,
        DefaultPasswordPolicy::UniquePerDevice | DefaultPasswordPolicy::Universal
    );
    if has_factory_password && a.user_can_change_credentials.is_none() {
        needs.add("authentication.user_can_change_credentials", msg!("doc-why-can-change-password"));
    }
    let guide = needs.value(
        d.documentation.secure_setup_guide.map(Some),
        "documentation.secure_setup_guide",
        msg!("doc-why-setup-guide"),
    );
    let updatable = d.updates.mechanism != UpdateMechanism::None;
    if updatable && d.updates.support_end.is_none() {
        needs.add("updates.support_end", msg!("doc-why-support-end"));
    }
    needs.done()?;

    // Authorization: a Cyber Trust Mark certificate from the declaration, else the assessment.
    let cert = d
        .attestations
        .certifications
        .iter()
        .filter(|c| c.scheme == "us-cyber-trust-mark" && c.issued <= cx.issued)
        .max_by_key(|c| (c.issued, c.id.clone()));
    let nist = cx.framework("nist-ir-8425");
    let assessment = nist.as_deref().map(|f| {
        json!({
            "framework": f.id,
            "edition": f.edition,
            "verdict": f.verdict.as_str(),
            "as_of": cx.report.as_of.to_string(),
        })
    });
    let authorization = match cert {
        Some(c) if c.expires.is_some_and(|e| e < cx.issued) => json!({
            "status": "expired",
            "date": c.issued.to_string(),
            "certificate_id": c.id,
            "statement": cx.t(msg!("doc-us-expired", id = c.id.clone(), date = c.expires.unwrap_or(c.issued))),
            "iotlabel_assessment": assessment,
        }),
        Some(c) => json!({
            "status": "authorized",
            "date": c.issued.to_string(),
            "certificate_id": c.id,
            "statement": cx.t(msg!("doc-us-certified", id = c.id.clone(), date = c.issued)),
            "iotlabel_assessment": assessment,
        }),
        None => {
            let verdict = match nist.as_deref().map(|f| f.verdict) {
                Some(FrameworkVerdict::Conformant) => "doc-verdict-conformant",
                Some(FrameworkVerdict::NotConformant) => "doc-verdict-not-conformant",
                Some(FrameworkVerdict::Incomplete) | None => "doc-verdict-incomplete",
            };
            json!({
                "status": "not_certified",
                "date": Value::Null,
                "certificate_id": Value::Null,
                "statement": cx.t(msg!("doc-us-not-certified", verdict = cx.id(verdict))),
                "iotlabel_assessment": assessment,
            })
        }
    };

    let labs = lab_names(cx);
    let lab = if labs.is_empty() { Value::Null } else { Value::String(labs.join(", ")) };

    let website = i.manufacturer.website.trim();
    let secure_configuration = json!({
        "guide_provided": guide,
        "how_to": cx.t(if guide == Some(true) {
            msg!("doc-us-setup-yes", url = website.to_string())
        } else {
            msg!("doc-us-setup-no", url = website.to_string())
        }),
        "url": website,
    });

    let how_to_get = match d.updates.mechanism {
        UpdateMechanism::None => cx.id("doc-us-updates-how-none"),
        UpdateMechanism::Manual => cx.t(msg!("doc-us-updates-how-manual", url = website.to_string())),
        UpdateMechanism::AutomaticOptIn => cx.id("doc-us-updates-how-opt-in"),
        UpdateMechanism::AutomaticByDefault => cx.id("doc-us-updates-how-auto"),
    };
    let notification: Vec<Value> = d.updates.notification.iter().map(enum_id).collect();

    let support = match d.updates.support_end {
        Some(end) if updatable && end >= cx.issued => Value::String(end.to_string()),
        _ => Value::String("unsupported".into()),
    };

    let mut shared: Vec<String> =
        d.data.collected.iter().flat_map(|x| x.shared_with.iter().cloned()).collect();
    shared.sort();
    shared.dedup();

    let body = json!({
        "scheme": Scheme::UsCyberTrustMark.id(),
        "language": cx.lang.code(),
        "prepared": cx.issued.to_string(),
        "note": cx.id("doc-us-note"),
        "product_name": format!("{} {}", i.brand.trim(), i.model.trim()),
        "product_identification": {
            "brand": i.brand,
            "model": i.model,
            "hardware_version": i.hardware_version,
            "firmware_version": i.firmware_version,
            "gtin": i.gtin,
        },
        "manufacturer_name": i.manufacturer.name,
        "authorization": authorization,
        "certification_body": Value::Null,
        "lab_name": lab,
        "default_password": {
            "policy": enum_id(&a.default_password),
            "can_be_changed": if a.default_password == DefaultPasswordPolicy::None {
                Value::Null
            } else {
                json!(a.user_can_change_credentials)
            },
            "how_to_change": password_sentence(cx),
        },
        "secure_configuration": secure_configuration,
        "updates": {
            "automatic": d.updates.mechanism == UpdateMechanism::AutomaticByDefault,
            "mechanism": enum_id(&d.updates.mechanism),
            "how_to_get": how_to_get,
            "notification": notification,
        },
        "minimum_support_period": support,
        "support_period_url": d.updates.support_period_url,
        "bill_of_materials": {
            "sbom_maintained": d.software.sbom.as_ref().map(|_| true),
            "sbom_format": d.software.sbom.as_ref().map(|b| enum_id(&b.format)),
            "hbom_maintained": Value::Null,
        },
        "additional_elements": {
            "multi_factor_authentication": a.cloud_mfa.map(|m| enum_id(&m)),
            "mfa_available": a.cloud_mfa.map(|m| matches!(m, MfaSupport::Required | MfaSupport::Optional)),
            "encryption_in_transit": enum_id(&d.communication.encryption_in_transit),
            "encryption_at_rest": d.data.encrypted_at_rest,
            "sensors": d.sensors.iter().map(|s| s.kind.clone()).collect::<Vec<_>>(),
            "data_collected": d.data.collected.iter().map(|x| x.kind.clone()).collect::<Vec<_>>(),
            "data_shared_with": shared,
            "vulnerability_disclosure_policy": d.vulnerability_disclosure.policy_url,
        },
    });
    let mut out = serde_json::to_string_pretty(&body).unwrap_or_default();
    out.push('\n');
    Ok(out)
}

/// A declaration enum's id, as serde writes it.
fn enum_id<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

/// Labs that tested the product, by the label's rule ([`crate::facts::independent_evidence`]),
/// sorted and without repeats.
fn lab_names(cx: &Cx<'_>) -> Vec<String> {
    let mut labs: Vec<String> = crate::facts::independent_evidence(cx.decl, cx.evidence, cx.report)
        .into_iter()
        .map(|it| it.tester.trim().to_string())
        .collect();
    labs.sort();
    labs.dedup();
    labs
}

// ---------------------------------------------------------------------------------------------
// ETSI EN 303 645 implementation conformance statement (Annex B, Table B.1 pro forma)
//
// One row per provision of the catalog, in catalog order. Support: pass -> Y; fail or
// contradicted -> N; not applicable -> N/A where the provision has a condition or feature
// qualifier, else N with a note (the pro forma allows N/A only for qualified provisions);
// unknown -> ? and listed. Refused when a mandatory provision is undecided.

fn etsi(cx: &Cx<'_>) -> Result<String, Vec<Missing>> {
    const FW: &str = "etsi-en-303-645";
    let cats = Catalogs::builtin();
    let Some(cat) = cats.framework(FW) else {
        // Only if the catalog were dropped from the build (a packaging bug): refuse, never vouch.
        return Err(vec![Missing { field: "identity", why: msg!("doc-scheme-etsi-en-303-645") }]);
    };
    let fw = cx.framework(FW);
    let result = |id: &str| fw.as_deref().and_then(|f| f.requirements.iter().find(|r| r.id == id));

    // Refuse on undecided mandatory provisions, grouped by the field to fill in.
    let mut by_field: BTreeMap<&'static str, Vec<&'static str>> = BTreeMap::new();
    for req in &cat.requirements {
        let Some(r) = result(&req.id) else { continue };
        if r.verdict == Verdict::Unknown && req.status == Status::Mandatory {
            let fields: Vec<&'static str> = if !r.missing.is_empty() {
                to_fill_in(&cx.decl_json, &r.missing)
            } else if !r.fields.is_empty() {
                r.fields.to_vec()
            } else {
                vec![r.id]
            };
            for f in fields {
                let ids = by_field.entry(f).or_default();
                if !ids.contains(&r.id) {
                    ids.push(r.id);
                }
            }
        }
    }
    if !by_field.is_empty() {
        return Err(by_field
            .into_iter()
            .map(|(field, ids)| Missing {
                field,
                why: msg!(
                    "doc-why-etsi-unknown",
                    count = ids.len(),
                    ids = ids.iter().map(|s| s.to_string()).collect::<Vec<_>>()
                ),
            })
            .collect());
    }

    let d = cx.decl;
    let mut rows = String::new();
    let (mut y, mut n, mut na, mut q) = (0usize, 0usize, 0usize, 0usize);
    let mut undecided: Vec<String> = Vec::new();
    let mut not_implemented: Vec<String> = Vec::new();
    for req in &cat.requirements {
        let status = match (&req.status, &req.condition_ref) {
            (Status::Mandatory, Some(c)) => format!("M {c}"),
            (Status::Recommended, Some(c)) => format!("R {c}"),
            (Status::Mandatory, None) => "M".to_string(),
            (Status::Recommended, None) => "R".to_string(),
        };
        let qualified = req.qualifier != Qualifier::None;
        let (support, mut detail) = match result(&req.id) {
            Some(r) => {
                let mut detail = r.reason.text(cx.lang);
                if !r.evidence.is_empty() {
                    detail.push(' ');
                    detail.push_str(&cx.t(msg!("doc-etsi-evidence", ids = r.evidence.clone())));
                }
                let support = match r.verdict {
                    Verdict::Pass => "Y",
                    Verdict::Fail | Verdict::Contradicted => "N",
                    Verdict::NotApplicable if qualified => "N/A",
                    Verdict::NotApplicable => {
                        detail.push(' ');
                        detail.push_str(&cx.id("doc-etsi-na-unconditional"));
                        "N"
                    }
                    Verdict::Unknown => {
                        let fields: Vec<String> =
                            to_fill_in(&cx.decl_json, &r.missing).iter().map(|f| format!("`{f}`")).collect();
                        undecided.push(cx.t(msg!("doc-etsi-undecided-item", id = r.id, fields = fields)));
                        "?"
                    }
                };
                (support, detail)
            }
            None => ("?", cx.id("doc-not-declared")),
        };
        match support {
            "Y" => y += 1,
            "N" => {
                n += 1;
                if req.status == Status::Recommended {
                    not_implemented.push(req.id.clone());
                }
            }
            "N/A" => na += 1,
            _ => q += 1,
        }
        detail = cell(detail.trim());
        let _ = writeln!(rows, "| {} | {} | {} | {} |", req.id, status, support, detail);
    }

    let i = &d.identity;
    let mut s = String::new();
    heading(&mut s, 1, &cx.t(msg!("doc-etsi-title", edition = cat.framework.edition.clone())));
    let _ = writeln!(s, "{}\n", cx.id("doc-etsi-intro"));
    bullet(&mut s, &cx.t(msg!("doc-etsi-product", product = cx.product_line())));
    bullet(&mut s, &cx.t(msg!("doc-etsi-manufacturer", name = md(&i.manufacturer.name))));
    s.push('\n');
    let _ = writeln!(s, "{}\n", cx.id("doc-etsi-legend"));
    let _ = writeln!(
        s,
        "{}\n",
        cx.t(msg!("doc-etsi-summary", y = y, n = n, na = na, unknown = q, total = cat.requirements.len()))
    );
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        cx.id("doc-etsi-col-id"),
        cx.id("doc-etsi-col-status"),
        cx.id("doc-etsi-col-support"),
        cx.id("doc-etsi-col-detail")
    );
    s.push_str(&rows);
    s.push('\n');

    if !not_implemented.is_empty() {
        heading(&mut s, 2, &cx.id("doc-etsi-not-implemented"));
        let _ = writeln!(s, "{}", cx.t(msg!("doc-etsi-not-implemented-intro", ids = not_implemented)));
        let justified = if d.documentation.justifications_recorded == Some(true) {
            "doc-etsi-justified"
        } else {
            "doc-etsi-not-justified"
        };
        let _ = writeln!(s, "{}\n", cx.id(justified));
    }
    if !undecided.is_empty() {
        heading(&mut s, 2, &cx.id("doc-etsi-undecided"));
        for u in &undecided {
            bullet(&mut s, u);
        }
        s.push('\n');
    }
    let _ = writeln!(s, "---\n\n{}", cx.prepared());
    Ok(s)
}
