//! The words shared by the panel (SVG), the page (HTML) and the text label: product name, answers
//! to each question in plain language, framework results, who attested; and the XML/HTML escaper.
//! Every sentence comes from the message catalogs or bilingual data, so the layers cannot word one
//! fact two ways.

use iotlabel_i18n::{Lang, Msg};
use iotlabel_label::facts::{
    AttestationFact, DataFact, DealBreaker, FrameworkFact, LabCoverage, Label, Offline, Row, Standing,
    SupportStatus, Tone,
};
use iotlabel_model::{
    DefaultPasswordPolicy, OffSwitch, Sensitivity, StorageLocation, Taxonomy, TermKind, UpdateMechanism,
};

/// The panel's accessible name: "Security and privacy label: Acme Cam 2".
pub fn title(label: &Label, lang: Lang) -> String {
    Msg::new("label-svg-title").arg("product", product_name(label)).text(lang)
}

/// The panel's content in sentences, for `<desc>` and the HTML page's `aria-label`.
pub fn description(label: &Label, lang: Lang) -> String {
    let mut parts = vec![format!("{}.", title(label, lang))];
    parts.push(deal_sentence(label, lang));
    parts.push(format!("{}.", support_sentence(label, lang)));
    for r in answer_rows(lang, label) {
        parts.push(field(lang, &t(lang, r.what), &r.answer));
    }
    let sensors: Vec<String> = label
        .sensors
        .iter()
        .map(|s| format!("{} ({})", sensor_name(lang, &s.kind), off_switch_text(lang, s.off_switch, &s.kind)))
        .collect();
    parts.push(field(
        lang,
        &t(lang, "label-sensors"),
        &if sensors.is_empty() { t(lang, "label-sensors-none") } else { sensors.join(", ") },
    ));
    let data: Vec<String> = label.data.iter().map(|d| data_name(lang, &d.kind)).collect();
    parts.push(field(
        lang,
        &t(lang, "label-data"),
        &if data.is_empty() { t(lang, "label-data-none") } else { data.join(", ") },
    ));
    for f in label.frameworks.iter().filter(|f| f.on_panel) {
        parts.push(format!("{}.", framework_text(lang, f)));
    }
    for a in attestation_sentences(lang, label) {
        parts.push(format!("{a}."));
    }
    parts.push(format!("{}.", t(lang, "label-scan")));
    parts
        .into_iter()
        .map(|p| if p.ends_with('.') { p } else { format!("{p}.") })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The band's heading: "3 serious problems" or "No serious problems found".
pub fn deal_heading(label: &Label, lang: Lang) -> String {
    if label.deal_breakers.is_empty() {
        t(lang, "label-deal-none")
    } else {
        Msg::new("label-deal-count").arg("count", label.deal_breakers.len()).text(lang)
    }
}

/// A deal-breaker in a few words, as the band shows it.
pub fn deal_text(lang: Lang, d: &DealBreaker) -> String {
    deal_msg(deal_ids(&d.id).map(|ids| ids.0), d, lang)
}

/// Why a deal-breaker matters, in a sentence (the page and the text label).
pub fn deal_why(lang: Lang, d: &DealBreaker) -> String {
    deal_msg(deal_ids(&d.id).map(|ids| ids.1), d, lang)
}

/// The messages of each deal-breaker of `crates/label/data/deal-breakers.toml` (a test checks
/// that every one listed there has them, in both languages).
pub fn deal_ids(id: &str) -> Option<(&'static str, &'static str)> {
    Some(match id {
        "default-password" => ("label-deal-default-password", "label-deal-default-password-why"),
        "support" => ("label-deal-support", "label-deal-support-why"),
        "not-updatable" => ("label-deal-not-updatable", "label-deal-not-updatable-why"),
        "open-services" => ("label-deal-open-services", "label-deal-open-services-why"),
        "no-report" => ("label-deal-no-report", "label-deal-no-report-why"),
        "contradicted" => ("label-deal-contradicted", "label-deal-contradicted-why"),
        _ => return None,
    })
}

fn deal_msg(id: Option<&'static str>, d: &DealBreaker, lang: Lang) -> String {
    match id {
        Some(id) => {
            Msg::new(id).arg("case", d.case.clone().unwrap_or_default()).arg("count", d.count).text(lang)
        }
        None => d.id.clone(),
    }
}

/// The deal-breakers in one sentence: "3 serious problems: A, B, C." (for `<desc>`).
fn deal_sentence(label: &Label, lang: Lang) -> String {
    let heading = deal_heading(label, lang);
    if label.deal_breakers.is_empty() {
        return format!("{heading}.");
    }
    let list: Vec<String> = label.deal_breakers.iter().map(|d| deal_text(lang, d)).collect();
    format!("{}.", field(lang, &heading, &list.join(", ")))
}

/// The mark of an answer's tone in plain text and HTML: a tick for good news, a cross for
/// bad news, nothing for neither (the panel draws the same marks).
pub fn mark(tone: Tone) -> &'static str {
    match tone {
        Tone::Good => "✓",
        Tone::Bad => "✗",
        Tone::Neutral => "",
    }
}

/// The name of a mark, for screen readers.
pub fn mark_name(lang: Lang, tone: Tone) -> Option<String> {
    match tone {
        Tone::Good => Some(t(lang, "label-mark-good")),
        Tone::Bad => Some(t(lang, "label-mark-bad")),
        Tone::Neutral => None,
    }
}

/// One of the panel's four answers below the support box.
pub struct AnswerRow {
    pub row: Row,
    /// Its status icon.
    pub icon: &'static str,
    /// Message id of what is asked.
    pub what: &'static str,
    /// The answer, saying so when a test contradicts it.
    pub answer: String,
    pub tone: Tone,
}

/// The four answers (updates, password, report, offline) as every layer shows them.
pub fn answer_rows(lang: Lang, label: &Label) -> [AnswerRow; 4] {
    let row = |row: Row, icon: &'static str, what: &'static str, answer: String| {
        let a = label.answers.get(row);
        let answer = if a.contradicted {
            Msg::new("label-answer-contradicted").arg("answer", answer).text(lang)
        } else {
            answer
        };
        AnswerRow { row, icon, what, answer, tone: a.tone }
    };
    let password = if label.default_password == DefaultPasswordPolicy::None
        && label.deal_breaker("open-services").is_some()
    {
        t(lang, "label-password-none-open")
    } else {
        password_text(lang, label.default_password)
    };
    [
        row(Row::Updates, "update", "label-updates", updates_answer(lang, label)),
        row(Row::Password, "password", "label-password", password),
        row(
            Row::Report,
            "shield",
            "label-report",
            contact_text(lang, label.vulnerability_contact.as_deref()),
        ),
        row(
            Row::Offline,
            if label.offline == Offline::No { "cloud" } else { "offline" },
            "label-offline",
            offline_text(lang, &label.offline),
        ),
    ]
}

/// Escapes text for XML and HTML content and double-quoted attribute values.
pub fn xml(s: &str) -> String {
    // Runs of ordinary text are copied whole: the characters to replace are all ASCII, so every
    // cut is at a character boundary.
    let mut out = String::with_capacity(s.len() + 8);
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            // Control characters are not allowed in XML 1.0.
            b if b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r') => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(replacement);
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out
}

/// A message without arguments.
pub(crate) fn t(lang: Lang, id: &str) -> String {
    iotlabel_i18n::text(lang, id)
}

/// "What: answer" with the language's punctuation.
pub fn field(lang: Lang, name: &str, value: &str) -> String {
    Msg::new("label-field").arg("name", name.to_string()).arg("value", value.to_string()).text(lang)
}

pub(crate) fn product_name(label: &Label) -> String {
    let p = &label.product;
    if p.model.to_lowercase().starts_with(&p.brand.to_lowercase()) {
        p.model.clone()
    } else {
        format!("{} {}", p.brand, p.model)
    }
}

fn term(kind: TermKind, lang: Lang, id: &str) -> String {
    match Taxonomy::builtin().get(kind, id) {
        Some(term) => match lang {
            Lang::En => term.en.clone(),
            Lang::Fr => term.fr.clone(),
        },
        None => id.to_string(),
    }
}

pub fn device_type_name(lang: Lang, id: &str) -> String {
    term(TermKind::Device, lang, id)
}

pub fn sensor_name(lang: Lang, id: &str) -> String {
    term(TermKind::Sensor, lang, id)
}

pub fn data_name(lang: Lang, id: &str) -> String {
    term(TermKind::Data, lang, id)
}

/// A taxonomy name without its parenthesised examples: "Location (GPS)" -> "Location".
pub(crate) fn short(name: &str) -> &str {
    match name.find(" (") {
        Some(i) if name.ends_with(')') => &name[..i],
        _ => name,
    }
}

/// The support box's two lines: the small one above, the large one. A device that cannot be
/// updated gets no security updates, whatever support period it declares: the large line says
/// so, and the small one gives the period.
pub fn support_lines(label: &Label, lang: Lang) -> (String, String) {
    if label.updates == UpdateMechanism::None {
        let top = match (&label.support.status, label.support.until) {
            (SupportStatus::Supported, Some(d)) => {
                Msg::new("label-box-period-until").arg("date", d).text(lang)
            }
            (SupportStatus::Ended, Some(d)) => Msg::new("label-box-period-ended").arg("date", d).text(lang),
            _ => t(lang, "label-updates-none"),
        };
        return (top, t(lang, "label-support-no-updates"));
    }
    match (&label.support.status, label.support.until) {
        (SupportStatus::Supported, Some(d)) => (t(lang, "label-support-until"), iotlabel_i18n::date(lang, d)),
        (SupportStatus::Ended, Some(d)) => {
            (Msg::new("label-support-ended-on").arg("date", d).text(lang), t(lang, "label-support-ended"))
        }
        _ => (t(lang, "label-support-icon"), t(lang, "label-support-undeclared")),
    }
}

/// The support period in one sentence.
pub(crate) fn support_sentence(label: &Label, lang: Lang) -> String {
    if label.updates == UpdateMechanism::None {
        let (top, big) = support_lines(label, lang);
        return match label.support.until {
            Some(_) => format!("{big}. {top}"),
            None => big,
        };
    }
    match (&label.support.status, label.support.until) {
        (SupportStatus::Supported, Some(d)) => Msg::new("label-support-sentence").arg("date", d).text(lang),
        (SupportStatus::Ended, Some(d)) => format!(
            "{}. {}",
            t(lang, "label-support-ended"),
            Msg::new("label-support-ended-on").arg("date", d).text(lang)
        ),
        _ => field(lang, &t(lang, "label-support-icon"), &t(lang, "label-support-undeclared")),
    }
}

/// The "Security updates" answer the box gives: how updates are installed, or, once the support
/// period has ended, that there are none any more (an update mechanism is no help then).
pub(crate) fn updates_answer(lang: Lang, label: &Label) -> String {
    if label.support.status == SupportStatus::Ended && label.updates != UpdateMechanism::None {
        return t(lang, "label-updates-ended");
    }
    updates_text(lang, label.updates)
}

pub(crate) fn updates_text(lang: Lang, m: UpdateMechanism) -> String {
    t(
        lang,
        match m {
            UpdateMechanism::AutomaticByDefault => "label-updates-automatic",
            UpdateMechanism::AutomaticOptIn => "label-updates-opt-in",
            UpdateMechanism::Manual => "label-updates-manual",
            UpdateMechanism::None => "label-updates-none",
        },
    )
}

pub(crate) fn password_text(lang: Lang, p: DefaultPasswordPolicy) -> String {
    t(
        lang,
        match p {
            DefaultPasswordPolicy::None => "label-password-none",
            DefaultPasswordPolicy::UniquePerDevice => "label-password-unique",
            DefaultPasswordPolicy::UserSetAtSetup => "label-password-user-set",
            DefaultPasswordPolicy::Universal => "label-password-universal",
        },
    )
}

/// The label's address as a person would type it: no `https://`, no digest query.
pub fn readable_url(url: &str) -> String {
    let u = url.split_once("://").map_or(url, |(_, rest)| rest);
    u.split(['?', '#']).next().unwrap_or(u).to_string()
}

/// The vulnerability contact as a person would type it: no `https://`, no `mailto:`.
pub(crate) fn contact_text(lang: Lang, contact: Option<&str>) -> String {
    match contact {
        Some(c) => {
            let c = c.trim();
            let c = c.strip_prefix("mailto:").or_else(|| c.strip_prefix("https://")).unwrap_or(c);
            c.trim_end_matches('/').to_string()
        }
        None => t(lang, "label-report-none"),
    }
}

pub(crate) fn offline_text(lang: Lang, o: &Offline) -> String {
    t(
        lang,
        match o {
            Offline::Yes => "label-offline-yes",
            Offline::Partly => "label-offline-partly",
            Offline::No => "label-offline-no",
        },
    )
}

/// How a sensor of type `kind` is turned off; French agrees with the sensor's name ("la caméra
/// ne peut pas être éteinte").
pub(crate) fn off_switch_text(lang: Lang, o: OffSwitch, kind: &str) -> String {
    Msg::new(match o {
        OffSwitch::PhysicalSwitch => "label-off-physical",
        OffSwitch::Cover => "label-off-cover",
        OffSwitch::Software => "label-off-software",
        OffSwitch::None => "label-off-none",
    })
    .arg("agreement", agreement(TermKind::Sensor, kind))
    .text(lang)
}

/// The French agreement of a taxonomy term (`ms`, `fs`, `mp`, `fp`; `fp` for an unknown data
/// type, `ms` for an unknown sensor: the catalogs' default branches).
pub fn agreement(kind: TermKind, id: &str) -> &'static str {
    Taxonomy::builtin().get(kind, id).and_then(|t| t.fr_agreement).map_or("", |a| a.code())
}

pub(crate) fn stored_text(lang: Lang, s: StorageLocation) -> String {
    t(
        lang,
        match s {
            StorageLocation::Device => "label-stored-device",
            StorageLocation::Cloud => "label-stored-cloud",
            StorageLocation::DeviceAndCloud => "label-stored-both",
        },
    )
}

/// Where a kind of data is kept and whether it leaves the manufacturer: "In the cloud, shared".
/// For sensitive data, also how long it is kept and whether it is sold, said even when the
/// declaration is silent ("retention not declared").
pub(crate) fn data_detail(lang: Lang, d: &DataFact) -> String {
    let mut parts = vec![stored_text(lang, d.stored)];
    let agree = |m: Msg| m.arg("agreement", agreement(TermKind::Data, &d.kind)).text(lang);
    if d.shared {
        parts.push(agree(Msg::new("label-data-shared-short")));
    }
    let sensitive = d.sensitivity == Sensitivity::High;
    match (d.sold, d.retention_days) {
        // Both unsaid: one short phrase, so that it fits the column.
        (None, None) if sensitive => parts.push(t(lang, "label-data-sold-kept-undeclared")),
        (sold, kept) => {
            match sold {
                Some(true) => parts.push(agree(Msg::new("label-data-sold-short"))),
                None if sensitive => parts.push(t(lang, "label-data-sold-undeclared-short")),
                _ => {}
            }
            if sensitive {
                parts.push(match kept {
                    Some(n) => agree(Msg::new("label-data-kept-days").arg("count", n)),
                    None => t(lang, "label-data-kept-undeclared"),
                });
            }
        }
    }
    parts.join(", ")
}

/// "ETSI EN 303 645: requirements met", "EU CRA: requirements not met (12 of 22 met)",
/// "Singapore CLS(IoT): level 2 of 4, self-assessed": one framework's line, from its
/// [`Standing`] (one rule for every layer).
pub fn framework_text(lang: Lang, f: &FrameworkFact) -> String {
    let msg = match f.standing() {
        Standing::OutOfScope => Msg::new("label-fw-out-of-scope"),
        Standing::Meets => Msg::new("label-fw-conformant"),
        Standing::Unconfirmed => Msg::new("label-fw-unconfirmed"),
        Standing::Fails => Msg::new("label-fw-not-conformant").arg("met", f.met).arg("total", f.applicable),
        Standing::Undecided => Msg::new("label-fw-incomplete"),
        Standing::Level => Msg::new(if f.self_assessed { "label-fw-level-self" } else { "label-fw-level" })
            .arg("level", f.level.clone().unwrap_or_default())
            .arg("max", f.levels),
        Standing::NoLevel => Msg::new("label-fw-no-level"),
        // Criteria that are all recommendations: how many are met, not a verdict of conformity.
        Standing::Criteria => {
            Msg::new("label-fw-criteria-met").arg("met", f.met).arg("applicable", f.applicable)
        }
    };
    // Short titles are proper names ("ETSI EN 303 645", "UK PSTI"), the same in both languages.
    msg.arg("name", f.title.clone()).text(lang)
}

/// A framework in a few words, for the one line of results where space is short: "Meets UK
/// PSTI", "Fails EU CRA (12 of 22)".
pub fn framework_short(lang: Lang, f: &FrameworkFact) -> String {
    let msg = match f.standing() {
        Standing::OutOfScope => Msg::new("label-fw-short-out-of-scope"),
        Standing::Meets => Msg::new("label-fw-short-meets"),
        Standing::Unconfirmed => Msg::new("label-fw-short-unconfirmed"),
        Standing::Fails => Msg::new("label-fw-short-fails").arg("met", f.met).arg("total", f.applicable),
        Standing::Undecided => Msg::new("label-fw-short-incomplete"),
        Standing::Level => {
            Msg::new(if f.self_assessed { "label-fw-short-level-self" } else { "label-fw-short-level" })
                .arg("level", f.level.clone().unwrap_or_default())
                .arg("max", f.levels)
        }
        Standing::NoLevel => Msg::new("label-fw-short-no-level"),
        Standing::Criteria => {
            Msg::new("label-fw-short-criteria").arg("met", f.met).arg("applicable", f.applicable)
        }
    };
    msg.arg("name", f.title.clone()).text(lang)
}

/// Good news, bad news or neither, for a framework's line.
pub fn framework_tone(f: &FrameworkFact) -> Tone {
    match f.standing() {
        Standing::Meets | Standing::Level => Tone::Good,
        Standing::Fails | Standing::Unconfirmed => Tone::Bad,
        Standing::Undecided | Standing::OutOfScope | Standing::NoLevel | Standing::Criteria => Tone::Neutral,
    }
}

/// Every framework in one line, each with its mark, words kept together: "✓ Meets UK PSTI ·
/// ✗ Fails EU CRA (12 of 22)".
pub fn frameworks_line(lang: Lang, label: &Label) -> String {
    label
        .frameworks
        .iter()
        .filter(|f| f.on_panel)
        .map(|f| {
            let words = framework_short(lang, f);
            let m = mark(framework_tone(f));
            let item = if m.is_empty() { words } else { format!("{m} {words}") };
            item.replace(' ', "\u{a0}")
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The box's line on who vouches for the facts, and its icon: tested by independent labs (in
/// full or in part, from their evidence), or self-declared, naming any lab test the
/// manufacturer claims without evidence.
pub fn attestation_summary(lang: Lang, label: &Label) -> (&'static str, String) {
    let claimed = &label.lab_testing.claimed;
    match &label.attestation {
        AttestationFact::LabTested { labs } => {
            let full = label.lab_testing.coverage == LabCoverage::Full;
            // A lab whose tests found problems is no plus: the line says so.
            let id = match (full, label.lab_testing.failed > 0) {
                (true, false) => "label-attest-lab",
                (false, false) => "label-attest-lab-partial",
                (true, true) => "label-attest-lab-failed",
                (false, true) => "label-attest-lab-partial-failed",
            };
            ("lab", Msg::new(id).arg("labs", labs.clone()).arg("count", label.lab_testing.failed).text(lang))
        }
        AttestationFact::SelfDeclared if claimed.is_empty() => {
            ("self-declared", t(lang, "label-attest-self"))
        }
        AttestationFact::SelfDeclared => {
            ("self-declared", Msg::new("label-attest-lab-claimed").arg("labs", claimed.clone()).text(lang))
        }
    }
}

/// Good news when independent labs tested the device and found no problem; bad news when
/// their tests found problems; neither when only the manufacturer vouches.
pub fn attestation_tone(label: &Label) -> Tone {
    match label.attestation {
        AttestationFact::LabTested { .. } if label.lab_testing.failed > 0 => Tone::Bad,
        AttestationFact::LabTested { .. } => Tone::Good,
        AttestationFact::SelfDeclared => Tone::Neutral,
    }
}

/// Who vouches for the facts, in full: [`attestation_summary`], then, when labs did test it,
/// the lab tests the manufacturer claims without evidence.
pub fn attestation_sentences(lang: Lang, label: &Label) -> Vec<String> {
    let mut out = vec![attestation_summary(lang, label).1];
    let claimed = &label.lab_testing.claimed;
    if matches!(label.attestation, AttestationFact::LabTested { .. }) && !claimed.is_empty() {
        out.push(Msg::new("label-attest-also-claimed").arg("labs", claimed.clone()).text(lang));
    }
    out
}

/// "78 requirements: 63 met, 9 not met, 2 unknown, 4 not applicable." (zero counts left out).
pub(crate) fn counts_text(lang: Lang, c: &iotlabel_assess::Counts) -> String {
    let parts: Vec<String> = [
        ("label-count-pass", c.pass),
        ("label-count-fail", c.fail),
        ("label-count-contradicted", c.contradicted),
        ("label-count-unknown", c.unknown),
        ("label-count-na", c.not_applicable),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(id, n)| Msg::new(id).arg("count", n).text(lang))
    .collect();
    Msg::new("label-counts").arg("total", c.total()).arg("list", parts.join(", ")).text(lang)
}

#[cfg(test)]
mod tests {
    use super::xml;

    /// The escaping rule read plainly, character by character.
    fn xml_reference(s: &str) -> String {
        s.chars()
            .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\n' | '\t' | '\r'))
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn xml_escaping_matches_the_rule_character_by_character() {
        const PARTS: &[&str] = &[
            "a", "&", "<", ">", "\"", "'", "\u{0}", "\u{1f}", "\t", "\n", "\r", "é", "日本", "🙂", "\u{7f}",
            " ",
        ];
        let mut rng = iotlabel_model::testgen::Rng::new(11);
        for _ in 0..5_000 {
            let n = rng.below(40) as usize;
            let s: String = (0..n).map(|_| PARTS[rng.below(PARTS.len() as u64) as usize]).collect();
            assert_eq!(xml(&s), xml_reference(&s), "{s:?}");
        }
        assert_eq!(xml("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
    }
}
