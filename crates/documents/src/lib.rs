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
use iotlabel_assess::{FrameworkResult, FrameworkVerdict, Reason, Report, RequirementResult, Verdict};
use iotlabel_catalog::{Qualifier, Status};
use iotlabel_i18n::{Arg, Lang, Msg, msg, text};
use iotlabel_model::{
    Coverage, Declaration, DefaultPasswordPolicy, Evidence, MfaSupport, NotificationChannel, OfflineFunction,
    SbomFormat, TermKind, UpdateMechanism,
};
use serde_json::{Value, json};

mod etsi_en_303_645;
mod eu_cra;
mod uk_psti;
mod us_cyber_trust_mark;

use etsi_en_303_645::etsi;
use eu_cra::eu_cra;
use uk_psti::uk_psti;
use us_cyber_trust_mark::us_cyber_trust_mark;

use iotlabel_label::facts::{Paperwork, label_id};

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

    /// The programme of the framework's catalog (`[[programmes]]`) whose scope the document
    /// must respect, when the scheme is one.
    pub fn programme(self) -> Option<&'static str> {
        match self {
            Scheme::UsCyberTrustMark => Some("us-cyber-trust-mark"),
            _ => None,
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
    pub field: String,
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
        self.text_with(lang, str::to_string)
    }

    /// [`MissingFacts::text`] with each fact's field and explanation passed through `line`: the
    /// caller's way of keeping each on its one line (an explanation may quote a test's summary,
    /// which may hold line breaks).
    pub fn text_with(&self, lang: Lang, line: impl Fn(&str) -> String) -> String {
        let mut s = msg!("doc-refused", scheme = self.scheme.name().text(lang), count = self.missing.len())
            .text(lang);
        // French puts a no-break space before a colon.
        let colon = if lang == Lang::Fr { "\u{a0}:" } else { ":" };
        for m in &self.missing {
            let _ = write!(s, "\n  - {}{colon} {}", line(&m.field), line(&m.why.text(lang)));
        }
        s
    }

    /// The field paths named, in order (a field may be named more than once).
    pub fn fields(&self) -> Vec<&str> {
        self.missing.iter().map(|m| m.field.as_str()).collect()
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
    report: &Report<'_>,
    lang: Lang,
    issued: NaiveDate,
) -> Result<Document, MissingFacts> {
    let decl_json = serde_json::to_value(decl).unwrap_or(Value::Null);
    let cx = Cx { decl, decl_json, evidence, report, lang, issued };
    // A scheme whose framework does not apply to the product writes no paperwork: it says why.
    if let Some(scope) = cx.framework(scheme.framework()).and_then(|f| f.scope.clone()) {
        let why =
            scope.reason.messages().first().cloned().unwrap_or_else(|| Msg::new("doc-verdict-out-of-scope"));
        return Err(MissingFacts { scheme, missing: vec![Missing { field: "market".into(), why }] });
    }
    // A programme built on the framework with its own eligibility (the U.S. Cyber Trust Mark on
    // NIST IR 8425): its scope is data beside the framework's catalog.
    if let Some(programme) = scheme.programme()
        && let Some(cat) = report.catalogs.framework(scheme.framework())
        && let Some(scope) = iotlabel_assess::programme_scope(cat, programme, decl)
    {
        let why =
            scope.reason.messages().first().cloned().unwrap_or_else(|| Msg::new("doc-verdict-out-of-scope"));
        let field =
            if scope.exclusion.is_some() { exclusion_field(decl, cat, programme) } else { "market.regions" };
        return Err(MissingFacts { scheme, missing: vec![Missing { field: field.into(), why }] });
    }
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

/// The declaration field that puts a product under a programme's exclusion: the device type, a
/// regime, the consumer-use fact or the interfaces (the first that matches, in that order).
fn exclusion_field(decl: &Declaration, cat: &iotlabel_catalog::Catalog, programme: &str) -> &'static str {
    let Some(p) = cat.programmes.iter().find(|p| p.id == programme) else { return "market" };
    let ex = &p.scope.exclusions;
    if ex.iter().any(|e| e.device_types.contains(&decl.identity.device_type)) {
        "identity.device_type"
    } else if ex.iter().any(|e| e.regimes.iter().any(|r| decl.market.regimes.contains(r))) {
        "market.regimes"
    } else if decl.market.consumer_use == Some(false) {
        "market.consumer_use"
    } else {
        "interfaces"
    }
}

/// Each scheme's paperwork for an assessed declaration, as the label needs it (dated the
/// assessment date): the framework it speaks for and, when refused, the fields it names. The
/// label does not show a framework as met when its paperwork is refused
/// (`Label::with_paperwork`), so the label and the documents never disagree.
pub fn paperwork(decl: &Declaration, evidence: Option<&Evidence>, report: &Report<'_>) -> Vec<Paperwork> {
    Scheme::ALL
        .iter()
        .filter(|s| report.frameworks.iter().any(|f| f.id == s.framework()))
        .map(|&s| {
            let refused = match document(s, decl, evidence, report, Lang::En, report.as_of) {
                Ok(_) => Vec::new(),
                Err(m) => m.fields().into_iter().map(str::to_string).collect(),
            };
            Paperwork { framework: s.framework().to_string(), refused }
        })
        .collect()
}

/// What every document writer reads.
struct Cx<'a, 'c> {
    decl: &'a Declaration,
    /// The declaration as JSON, to tell which field paths are given.
    decl_json: Value,
    evidence: Option<&'a Evidence>,
    report: &'a Report<'c>,
    lang: Lang,
    issued: NaiveDate,
}

impl<'a, 'c> Cx<'a, 'c> {
    fn t(&self, m: Msg) -> String {
        m.text(self.lang)
    }

    fn id(&self, id: &'static str) -> String {
        text(self.lang, id)
    }

    /// A framework's results: from the report, or assessed now when the report left it out.
    fn framework(&self, id: &str) -> Option<Cow<'a, FrameworkResult<'c>>> {
        if let Some(f) = self.report.frameworks.iter().find(|f| f.id == id) {
            return Some(Cow::Borrowed(f));
        }
        // Judged by the same catalogs as the rest of the report.
        iotlabel_assess::Engine::new(self.report.catalogs)
            .assess(self.decl, self.evidence, &[id], self.report.as_of)
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
            None => md(id),
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
    fn add(&mut self, field: &str, why: Msg) {
        self.0.push(Missing { field: field.to_owned(), why });
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
// Escaping: every value from the declaration or the evidence (names, ids, summaries, testers,
// addresses, URLs, ...) reaches a document through exactly one of these, by output format:
//
// - Markdown text (paragraphs, list items, headings and table cells alike): [`md`]; for the
//   engine's messages, whose arguments are such values, [`md_msg`] / [`md_reason`] apply it to
//   every argument (the sentences around them are ours).
// - Markdown link target: [`link`] (an autolink only for a plain http(s) or mailto: address,
//   otherwise the value as escaped text, never a link).
// - JSON: serde escapes text; a URL field goes through [`json_url`] (the same rule as [`link`]).

/// Markdown inline text: the value reads literally wherever it is put in a line (a paragraph, a
/// list item, a heading or a table cell). Markdown punctuation is backslash-escaped (so no
/// emphasis, code, link, image or table cell boundary can start inside it), `<`, `>` and `&` are
/// written as entities (no HTML, no autolink, no entity of the value's own), and line breaks and
/// other control characters become spaces (no new line, so no forged heading, list item or table
/// row).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // Line breaks of every kind (NEL, line and paragraph separators too) and controls.
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Whether a value is an address safe to link to: `http://`, `https://` or `mailto:` (lower
/// case, as written by people and by our validation) followed only by printable ASCII that cannot
/// end an autolink, split a table cell or open markup. Anything else (`javascript:`, `data:`,
/// spaces, non-ASCII) is never made a link.
fn linkable(s: &str) -> bool {
    let rest = ["https://", "http://", "mailto:"].iter().find_map(|p| s.strip_prefix(p));
    rest.is_some_and(|r| {
        !r.is_empty()
            && r.bytes().all(|b| {
                b.is_ascii_graphic() && !matches!(b, b'<' | b'>' | b'"' | b'\'' | b'`' | b'|' | b'\\')
            })
    })
}

/// A URL or contact address from the declaration, for Markdown: an autolink when [`linkable`],
/// otherwise the value as text ([`md`]).
fn link(s: &str) -> String {
    let s = s.trim();
    if linkable(s) { format!("<{s}>") } else { md(s) }
}

/// A URL from the declaration, for JSON: the address when [`linkable`], else null (a reader of
/// the JSON must not be handed a `javascript:` link).
fn json_url(s: &str) -> Value {
    let s = s.trim();
    if linkable(s) { Value::String(s.to_string()) } else { Value::Null }
}

/// One of the engine's messages in Markdown: the sentence is ours, every text argument (evidence
/// summaries, testers, ids, service names, ...) goes through [`md`].
fn md_msg(m: &Msg, lang: Lang) -> String {
    let mut m = m.clone();
    for (_, arg) in &mut m.args {
        match arg {
            Arg::Text(s) => *s = Cow::Owned(md(s)),
            Arg::List(items) => items.iter_mut().for_each(|s| *s = md(s)),
            Arg::Bilingual(en, fr) => {
                *en = Cow::Owned(md(en));
                *fr = Cow::Owned(md(fr));
            }
            Arg::Int(_) | Arg::Date(_) => {}
        }
    }
    m.text(lang)
}

/// A reason from the engine in Markdown, as [`Reason::text`] joins it, through [`md_msg`].
fn md_reason(r: &Reason, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    for m in r.messages().iter().filter(|m| !m.id.is_empty()) {
        let t = md_msg(m, lang);
        if !parts.contains(&t) {
            parts.push(t);
        }
    }
    parts.join(" ")
}

fn bullet(out: &mut String, line: &str) {
    let _ = writeln!(out, "- {line}");
}

fn heading(out: &mut String, level: usize, title: &str) {
    let _ = writeln!(out, "{} {title}\n", "#".repeat(level));
}

// ---------------------------------------------------------------------------------------------
// Descriptions shared by several documents

fn password_sentence(cx: &Cx<'_, '_>) -> String {
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

fn updates_sentence(cx: &Cx<'_, '_>) -> String {
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

fn support_type(cx: &Cx<'_, '_>) -> String {
    cx.id(match cx.decl.updates.mechanism {
        UpdateMechanism::AutomaticByDefault => "doc-support-type-auto",
        UpdateMechanism::AutomaticOptIn => "doc-support-type-opt-in",
        UpdateMechanism::Manual => "doc-support-type-manual",
        UpdateMechanism::None => "doc-support-type-none",
    })
}

/// The declaration fields a requirement's reason names (the reason cites field paths in
/// parentheses), else the fields it rests on, else the fields it lacks.
fn named_fields<'r>(r: &RequirementResult<'r>, reason_en: &str) -> Vec<&'r str> {
    let all: Vec<&'r str> = r.fields.iter().chain(r.missing.iter()).copied().collect();
    let named: Vec<&'r str> = all.iter().copied().filter(|f| reason_en.contains(f)).collect();
    if named.is_empty() { all } else { named }
}

/// Of the fields an undecided verdict lists, those the declaration really leaves out (the
/// assessment lists every field of an undecided control, including ones that are given); all of
/// them if that would leave none.
fn to_fill_in<'r>(decl: &Value, fields: &[&'r str]) -> Vec<&'r str> {
    let absent: Vec<&'r str> = fields.iter().copied().filter(|f| !declared(decl, f)).collect();
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
