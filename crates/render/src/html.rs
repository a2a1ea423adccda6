//! The secondary layer: the complete online page behind the QR code.
//!
//! One HTML5 document, semantic and accessible: `lang` on the root (and on each language's
//! section when two are shown), one `h1` (the product), `h2` sections (`h3` under a language
//! heading when two languages are shown), lists, a captioned table of requirement verdicts per
//! framework, a glossary, the primary layer inline as an image with a text alternative. No
//! JavaScript; the small inline style sheet is optional (the page reads the same without it);
//! near-black on white. Every word comes from `locales/<lang>/label.ftl` or bilingual data.

use std::fmt::Write as _;

use chrono::NaiveDate;
use iotlabel_assess::{FrameworkResult, FrameworkVerdict, Report, Verdict};
use iotlabel_catalog::{Catalogs, Status};
use iotlabel_i18n::{Lang, Msg};
use iotlabel_model::*;

use crate::facts::{AttestationFact, Label, Offline, SupportStatus};
use crate::icons;
use crate::svg::{self, t, xml};

const STYLE: &str = "body{margin:0;background:#fff;color:#111;font-family:\"DejaVu Sans\",Verdana,sans-serif;line-height:1.5}\
main{max-width:60rem;margin:0 auto;padding:1rem}\
h1,h2,h3,h4{line-height:1.25}\
a{color:#0b3d91}\
table{border-collapse:collapse;width:100%;margin:0.5rem 0 1rem}\
caption{text-align:left;font-weight:bold;padding:0.25rem 0}\
th,td{border:1px solid #555;padding:0.3rem 0.5rem;text-align:left;vertical-align:top}\
.icon{width:1.5em;height:1.5em;vertical-align:middle;margin-right:0.4em}\
.panel{max-width:100%;height:auto;border:1px solid #555}\
.meaning{border-left:4px solid #111;padding-left:0.75rem}\
code{overflow-wrap:anywhere}\
dt{font-weight:bold;margin-top:0.5rem}";

/// The secondary layer: a complete HTML5 page in one language, or in two (one section each).
pub fn page(label: &Label, report: &Report, decl: &Declaration, langs: &[Lang]) -> String {
    let langs: &[Lang] = if langs.is_empty() { &[Lang::En] } else { langs };
    let first = langs[0];
    let mut out = String::with_capacity(200_000);
    let title: Vec<String> = langs.iter().map(|&l| svg::title(label, l)).collect();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        first.code(),
        xml(&title.join(" / ")),
    );
    let _ = writeln!(out, "<h1>{}</h1>", xml(&svg::product_name(label)));
    if langs.len() > 1 {
        out.push_str("<nav><ul>\n");
        for (i, &lang) in langs.iter().enumerate() {
            let s = Section::new(lang, i == 0, 2);
            let _ = writeln!(
                out,
                "<li lang=\"{}\"><a href=\"#{}\">{}</a></li>",
                lang.code(),
                s.id("version"),
                xml(&t(lang, "label-h-language"))
            );
        }
        out.push_str("</ul></nav>\n");
    }
    for (i, &lang) in langs.iter().enumerate() {
        let mut s = Section::new(lang, i == 0, if langs.len() > 1 { 3 } else { 2 });
        if langs.len() > 1 {
            let _ = write!(
                s.out,
                "<section lang=\"{}\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n",
                lang.code(),
                xml(&t(lang, "label-h-language")),
                id = s.id("version"),
            );
        } else {
            let _ = writeln!(s.out, "<section lang=\"{}\">", lang.code());
        }
        s.body(label, report, decl);
        s.out.push_str("</section>\n");
        out.push_str(&s.out);
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// One language's part of the page.
struct Section {
    lang: Lang,
    /// The first language's ids carry no suffix (`#glossary`); the others end in `-<lang>`.
    first: bool,
    /// Level of the section headings (2 for one language, 3 under a language heading).
    h: u8,
    out: String,
}

/// A sentence: a message, or text already in the page's language.
enum Text {
    Msg(Msg),
    Plain(String),
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Self {
        Text::Msg(m)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Plain(s)
    }
}

/// A declared fact's answer.
enum V {
    Bool(Option<bool>),
    Text(Option<String>),
    Link(Option<String>),
    Days(Option<u32>),
    Count(Option<u32>),
    Date(Option<NaiveDate>),
    /// Already in the page's language.
    Words(String),
    Code(String),
}

impl Section {
    fn new(lang: Lang, first: bool, h: u8) -> Section {
        Section { lang, first, h, out: String::new() }
    }

    fn id(&self, name: &str) -> String {
        if self.first { name.to_string() } else { format!("{name}-{}", self.lang.code()) }
    }

    /// Escaped message text.
    fn e(&self, id: &str) -> String {
        xml(&t(self.lang, id))
    }

    fn heading(&mut self, level: u8, id: &str, msg: &str) {
        let text = self.e(msg);
        let id = self.id(id);
        let _ = writeln!(self.out, "<h{level} id=\"{id}\">{text}</h{level}>");
    }

    /// English-only text (catalog titles, reasons) inside a page in another language.
    fn en(&self, s: &str) -> String {
        match self.lang {
            Lang::En => xml(s),
            _ => format!("<span lang=\"en\">{}</span>", xml(s)),
        }
    }

    /// Bilingual catalog text: the French title when the page is in French and the catalog has
    /// one, else the English one (marked as English).
    fn catalog(&self, en: &str, fr: &str) -> String {
        match self.lang {
            Lang::Fr if !fr.trim().is_empty() => xml(fr),
            _ => self.en(en),
        }
    }

    fn glossary_link(&self, term: &str) -> String {
        format!(
            "<a href=\"#{}\">{}</a>",
            self.id(&format!("glossary-{term}")),
            self.e(&format!("label-term-{term}"))
        )
    }

    /// "What this means for you" and links to the glossary.
    fn meaning(&mut self, text: impl Into<Text>, terms: &[&str]) {
        let text = match text.into() {
            Text::Msg(m) => m.text(self.lang),
            Text::Plain(s) => s,
        };
        let links: Vec<String> = terms.iter().map(|t| self.glossary_link(t)).collect();
        let _ = writeln!(
            self.out,
            "<div class=\"meaning\"><p><strong>{}</strong> {}</p>",
            self.e("label-meaning"),
            xml(&text)
        );
        if !links.is_empty() {
            let _ = writeln!(self.out, "<p>{} {}</p>", self.e("label-see-glossary"), links.join(", "));
        }
        self.out.push_str("</div>\n");
    }

    fn answer(&self, v: &V) -> String {
        let lang = self.lang;
        let nd = || self.e("label-not-declared");
        match v {
            V::Bool(Some(true)) => self.e("label-yes"),
            V::Bool(Some(false)) => self.e("label-no"),
            V::Text(Some(s)) => xml(s),
            V::Link(Some(u)) => link(u),
            V::Days(Some(n)) => xml(&Msg::new("label-days").arg("count", *n).text(lang)),
            V::Count(Some(n)) => xml(&iotlabel_i18n::number(lang, i64::from(*n))),
            V::Date(Some(d)) => xml(&iotlabel_i18n::date(lang, *d)),
            V::Words(w) => xml(w),
            V::Code(c) => format!("<code>{}</code>", xml(c)),
            V::Bool(None)
            | V::Text(None)
            | V::Link(None)
            | V::Days(None)
            | V::Count(None)
            | V::Date(None) => nd(),
        }
    }

    /// The declared facts of one section: a two-column table.
    fn facts(&mut self, id: &str, rows: &[(&str, V)]) {
        let _ = writeln!(
            self.out,
            "<table id=\"{}\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            self.id(id),
            self.e("label-declared-caption"),
            self.e("label-col-fact"),
            self.e("label-col-answer"),
        );
        for (msg, v) in rows {
            let _ = writeln!(
                self.out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                self.e(msg),
                self.answer(v)
            );
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    fn icon(&self, drawing: &str, alt: &str) -> String {
        format!(
            "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" role=\"img\" aria-label=\"{}\" {}>{}</svg>",
            xml(alt),
            icons::STYLE,
            icons::compact(drawing)
        )
    }

    fn body(&mut self, label: &Label, report: &Report, decl: &Declaration) {
        self.summary(label);
        self.product(label, decl);
        self.updates(label, decl);
        self.passwords(decl);
        self.vulnerabilities(label, decl);
        self.sensors(decl);
        self.data(decl);
        self.network(label, decl);
        self.hardware(decl);
        self.documentation(decl);
        self.frameworks(report);
        self.evidence(label, report, decl);
        self.about(label);
        self.glossary();
    }

    fn summary(&mut self, label: &Label) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "summary", "label-h-summary");
        let desc = svg::description(label, lang);
        let svg = svg::primary(label, &[lang]);
        // Inline, the panel is one image named by its whole description.
        let code = lang.code();
        let svg = svg.replacen(
            &format!("aria-labelledby=\"label-title-{code} label-desc-{code}\""),
            &format!("class=\"panel\" aria-label=\"{}\"", xml(&desc)),
            1,
        );
        let _ = write!(
            self.out,
            "<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n",
            svg,
            self.e("label-panel-caption")
        );
        let (top, big) = svg::support_lines(label, lang);
        let items = [
            svg::field(lang, &top, &big),
            svg::field(lang, &t(lang, "label-updates"), &svg::updates_text(lang, label.updates)),
            svg::field(lang, &t(lang, "label-password"), &svg::password_text(lang, label.default_password)),
            svg::field(
                lang,
                &t(lang, "label-report"),
                &svg::contact_text(lang, label.vulnerability_contact.as_deref()),
            ),
            svg::field(lang, &t(lang, "label-offline"), &svg::offline_text(lang, &label.offline)),
            svg::attestation_text(lang, &label.attestation),
        ];
        self.out.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(self.out, "<li>{}</li>", xml(&i));
        }
        self.out.push_str("</ul>\n");
    }

    fn product(&mut self, label: &Label, decl: &Declaration) {
        let h = self.h;
        self.heading(h, "product", "label-h-product");
        let i = &decl.identity;
        let m = &i.manufacturer;
        let rows = [
            ("label-f-manufacturer", V::Text(Some(m.name.clone()))),
            ("label-f-country", V::Code(m.country.clone())),
            ("label-f-website", V::Link(Some(m.website.clone()))),
            ("label-f-address", V::Text(m.address.clone())),
            ("label-f-contact-email", V::Text(m.contact_email.clone())),
            ("label-f-brand", V::Text(Some(i.brand.clone()))),
            ("label-f-model", V::Text(Some(i.model.clone()))),
            ("label-f-hardware-version", V::Text(Some(i.hardware_version.clone()))),
            ("label-f-firmware-version", V::Text(Some(i.firmware_version.clone()))),
            ("label-f-gtin", V::Text(i.gtin.clone())),
            ("label-f-device-type", V::Words(svg::device_type_name(self.lang, &label.product.device_type))),
            ("label-f-release-date", V::Date(Some(i.release_date))),
            ("label-f-model-marked", V::Bool(i.model_marked_on_device)),
            ("label-f-intended-use", V::Text(i.intended_use.clone())),
        ];
        self.facts("product-facts", &rows);
    }

    fn updates(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "updates", "label-h-updates");
        let _ = writeln!(self.out, "<p><strong>{}</strong></p>", xml(&svg::support_sentence(label, lang)));
        let u = &decl.updates;
        let msg = match (&label.support.status, label.support.until) {
            (SupportStatus::Supported, Some(d)) => Msg::new("label-meaning-support").arg("date", d),
            (SupportStatus::Ended, Some(d)) => Msg::new("label-meaning-support-ended").arg("date", d),
            _ => Msg::new("label-meaning-support-undeclared"),
        };
        let support = msg.text(lang);
        let msg = Msg::new(match u.mechanism {
            UpdateMechanism::AutomaticByDefault => "label-meaning-updates-automatic",
            UpdateMechanism::AutomaticOptIn => "label-meaning-updates-opt-in",
            UpdateMechanism::Manual => "label-meaning-updates-manual",
            UpdateMechanism::None => "label-meaning-updates-none",
        });
        self.meaning(format!("{support} {}", msg.text(lang)), &["support-period", "security-update"]);
        let notification: Vec<String> = u
            .notification
            .iter()
            .map(|n| {
                t(
                    lang,
                    match n {
                        NotificationChannel::App => "label-notify-app",
                        NotificationChannel::Email => "label-notify-email",
                        NotificationChannel::DeviceScreen => "label-notify-device-screen",
                        NotificationChannel::Website => "label-notify-website",
                        NotificationChannel::None => "label-notify-none",
                    },
                )
            })
            .collect();
        let rows = [
            ("label-f-update-mechanism", V::Words(svg::updates_text(lang, u.mechanism))),
            ("label-f-support-end", V::Date(u.support_end)),
            ("label-f-support-period-url", V::Link(u.support_period_url.clone())),
            ("label-f-signed", V::Bool(u.signed)),
            ("label-f-verified-on-device", V::Bool(u.verified_on_device)),
            ("label-f-secure-delivery", V::Bool(u.secure_delivery)),
            ("label-f-time-to-fix", V::Days(u.time_to_fix_days)),
            ("label-f-notification", list_or_not_declared(lang, notification)),
            ("label-f-periodic-check", V::Bool(u.periodic_check)),
            ("label-f-user-can-defer", V::Bool(u.user_can_defer)),
            ("label-f-warns-of-disruption", V::Bool(u.warns_of_disruption)),
            ("label-f-all-components-updatable", V::Bool(u.all_components_updatable)),
            ("label-f-free-of-charge", V::Bool(u.free_of_charge)),
            ("label-f-security-separate", V::Bool(u.security_separate_from_features)),
            ("label-f-not-updatable-rationale", V::Text(u.not_updatable_rationale.clone())),
        ];
        self.facts("updates-facts", &rows);
    }

    fn passwords(&mut self, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "passwords", "label-h-passwords");
        let a = &decl.authentication;
        let _ = writeln!(
            self.out,
            "<p><strong>{}</strong></p>",
            xml(&svg::field(lang, &t(lang, "label-password"), &svg::password_text(lang, a.default_password)))
        );
        let msg = Msg::new(match a.default_password {
            DefaultPasswordPolicy::None => "label-meaning-password-none",
            DefaultPasswordPolicy::UniquePerDevice => "label-meaning-password-unique",
            DefaultPasswordPolicy::UserSetAtSetup => "label-meaning-password-user-set",
            DefaultPasswordPolicy::Universal => "label-meaning-password-universal",
        });
        self.meaning(msg, &["default-password", "mfa"]);
        let logins = |v: &[LoginMethod]| -> V {
            if v.is_empty() {
                return V::Words(t(lang, "label-none"));
            }
            V::Words(v.iter().map(|m| t(lang, login_id(*m))).collect::<Vec<_>>().join(", "))
        };
        let mfa = a.cloud_mfa.map(|m| {
            t(
                lang,
                match m {
                    MfaSupport::NoCloudAccount => "label-mfa-no-cloud-account",
                    MfaSupport::Required => "label-mfa-required",
                    MfaSupport::Optional => "label-mfa-optional",
                    MfaSupport::Unavailable => "label-mfa-unavailable",
                },
            )
        });
        let brute = a.brute_force_protection.map(|b| {
            t(
                lang,
                match b {
                    BruteForceProtection::RateLimit => "label-brute-rate-limit",
                    BruteForceProtection::Lockout => "label-brute-lockout",
                    BruteForceProtection::IncreasingDelay => "label-brute-increasing-delay",
                    BruteForceProtection::None => "label-brute-none",
                },
            )
        });
        let rows = [
            ("label-f-default-password", V::Words(svg::password_text(lang, a.default_password))),
            ("label-f-unique-passwords-random", V::Bool(a.unique_passwords_random)),
            ("label-f-local-login", logins(&a.local_login)),
            ("label-f-remote-login", logins(&a.remote_login)),
            ("label-f-cloud-mfa", V::Text(mfa)),
            ("label-f-brute-force", V::Text(brute)),
            ("label-f-best-practice-crypto", V::Bool(a.best_practice_crypto)),
            ("label-f-user-can-change-credentials", V::Bool(a.user_can_change_credentials)),
            ("label-f-machine-credentials-unique", V::Bool(a.machine_credentials_unique)),
        ];
        self.facts("passwords-facts", &rows);
    }

    fn vulnerabilities(&mut self, label: &Label, decl: &Declaration) {
        let h = self.h;
        self.heading(h, "vulnerabilities", "label-h-vulnerabilities");
        let v = &decl.vulnerability_disclosure;
        let msg = match &label.vulnerability_contact {
            Some(c) => Msg::new("label-meaning-report").arg("contact", svg::contact_text(self.lang, Some(c))),
            None => Msg::new("label-meaning-report-none"),
        };
        self.meaning(msg, &["vulnerability", "vulnerability-disclosure"]);
        let rows = [
            ("label-f-contact", V::Link(v.contact.clone())),
            ("label-f-policy-url", V::Link(v.policy_url.clone())),
            ("label-f-acknowledgement-days", V::Days(v.acknowledgement_days)),
            ("label-f-status-update-days", V::Days(v.status_update_days)),
            ("label-f-monitors-vulnerabilities", V::Bool(v.monitors_vulnerabilities)),
            ("label-f-publishes-advisories", V::Bool(v.publishes_advisories)),
            ("label-f-known-exploitable", V::Count(v.known_exploitable_at_release)),
        ];
        self.facts("vulnerabilities-facts", &rows);
    }

    fn sensors(&mut self, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "sensors", "label-h-sensors");
        if decl.sensors.is_empty() {
            let _ = writeln!(self.out, "<p>{}</p>", self.e("label-sensors-none"));
        } else {
            self.out.push_str("<ul>\n");
            for s in &decl.sensors {
                let name = svg::sensor_name(lang, &s.kind);
                let active = t(
                    lang,
                    match s.active {
                        SensorActivity::Always => "label-active-always",
                        SensorActivity::WhenTriggered => "label-active-when-triggered",
                        SensorActivity::OnDemand => "label-active-on-demand",
                        SensorActivity::Scheduled => "label-active-scheduled",
                    },
                );
                let details = [
                    svg::field(lang, &t(lang, "label-sensor-active"), &active),
                    svg::field(lang, &t(lang, "label-sensor-indicator"), &yes_no(lang, s.indicator)),
                    svg::field(lang, &t(lang, "label-sensor-off"), &svg::off_switch_text(lang, s.off_switch)),
                    svg::field(
                        lang,
                        &t(lang, "label-sensor-documented"),
                        &match s.documented {
                            Some(b) => yes_no(lang, b),
                            None => t(lang, "label-not-declared"),
                        },
                    ),
                ];
                let _ = writeln!(
                    self.out,
                    "<li>{}<strong>{}</strong><ul>{}</ul></li>",
                    self.icon(icons::sensor(&s.kind), &name),
                    xml(&name),
                    details.iter().map(|d| format!("<li>{}</li>", xml(d))).collect::<String>()
                );
            }
            self.out.push_str("</ul>\n");
        }
        let no_physical = decl
            .sensors
            .iter()
            .filter(|s| {
                matches!(s.kind.as_str(), "microphone" | "camera")
                    && !matches!(s.off_switch, OffSwitch::PhysicalSwitch | OffSwitch::Cover)
            })
            .map(|s| svg::sensor_name(lang, &s.kind))
            .collect::<Vec<_>>();
        let msg = if decl.sensors.is_empty() {
            Msg::new("label-meaning-sensors-none")
        } else if no_physical.is_empty() {
            Msg::new("label-meaning-sensors")
        } else {
            Msg::new("label-meaning-sensors-no-switch").arg("sensors", no_physical)
        };
        self.meaning(msg, &["sensor-indicator"]);
    }

    fn data(&mut self, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "data", "label-h-data");
        let d = &decl.data;
        if d.collected.is_empty() {
            let _ = writeln!(self.out, "<p>{}</p>", self.e("label-data-none"));
        } else {
            self.out.push_str("<ul>\n");
            for item in &d.collected {
                let name = svg::data_name(lang, &item.kind);
                let shared = if item.shared_with.is_empty() {
                    t(lang, "label-nobody")
                } else {
                    item.shared_with.join(", ")
                };
                let retention = match item.retention_days {
                    Some(n) => Msg::new("label-days").arg("count", n).text(lang),
                    None => t(lang, "label-not-declared"),
                };
                let details = [
                    svg::field(lang, &t(lang, "label-data-purpose"), &item.purpose),
                    svg::field(lang, &t(lang, "label-data-stored"), &svg::stored_text(lang, item.stored)),
                    svg::field(
                        lang,
                        &t(lang, "label-data-region"),
                        item.region.as_deref().map_or(t(lang, "label-not-declared"), str::to_string).as_str(),
                    ),
                    svg::field(lang, &t(lang, "label-data-shared"), &shared),
                    svg::field(
                        lang,
                        &t(lang, "label-data-sold"),
                        &match item.sold {
                            Some(b) => yes_no(lang, b),
                            None => t(lang, "label-not-declared"),
                        },
                    ),
                    svg::field(lang, &t(lang, "label-data-retention"), &retention),
                ];
                let _ = writeln!(
                    self.out,
                    "<li>{}<strong>{}</strong><ul>{}</ul></li>",
                    self.icon(icons::data(&item.kind), &name),
                    xml(&name),
                    details.iter().map(|d| format!("<li>{}</li>", xml(d))).collect::<String>()
                );
            }
            self.out.push_str("</ul>\n");
        }
        let sold = d.collected.iter().any(|x| x.sold == Some(true));
        let shared = d.collected.iter().any(|x| !x.shared_with.is_empty());
        let msg = Msg::new(if d.collected.is_empty() {
            "label-meaning-data-none"
        } else if sold {
            "label-meaning-data-sold"
        } else if shared {
            "label-meaning-data-shared"
        } else {
            "label-meaning-data"
        });
        self.meaning(msg, &["personal-data", "encryption"]);
        let tel = d.telemetry.as_ref();
        let rows = [
            ("label-f-encrypted-at-rest", V::Bool(d.encrypted_at_rest)),
            ("label-f-personal-data-encrypted-in-transit", V::Bool(d.personal_data_encrypted_in_transit)),
            ("label-f-deletion-on-request", V::Bool(d.deletion_on_request)),
            ("label-f-deletion-on-factory-reset", V::Bool(d.deletion_on_factory_reset)),
            ("label-f-deletion-instructions", V::Bool(d.deletion_instructions)),
            ("label-f-deletion-confirmed", V::Bool(d.deletion_confirmed)),
            ("label-f-privacy-policy", V::Link(d.privacy_policy_url.clone())),
            ("label-f-consent-based", V::Bool(d.consent_based)),
            ("label-f-consent-withdrawable", V::Bool(d.consent_withdrawable)),
            ("label-f-minimised", V::Bool(d.minimised)),
            ("label-f-anonymised", V::Bool(d.anonymised)),
            ("label-f-portable", V::Bool(d.portable)),
            ("label-f-telemetry", V::Bool(tel.map(|t| t.collected))),
            ("label-f-telemetry-described", V::Bool(tel.and_then(|t| t.described_to_user))),
            ("label-f-telemetry-minimised", V::Bool(tel.and_then(|t| t.personal_data_minimised))),
            ("label-f-telemetry-examined", V::Bool(tel.and_then(|t| t.examined_for_anomalies))),
        ];
        self.facts("data-facts", &rows);
    }

    fn network(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "network", "label-h-network");
        let c = &decl.communication;
        let _ = writeln!(
            self.out,
            "<p><strong>{}</strong></p>",
            xml(&svg::field(lang, &t(lang, "label-offline"), &svg::offline_text(lang, &label.offline)))
        );
        let msg = Msg::new(match label.offline {
            Offline::Yes => "label-meaning-offline-yes",
            Offline::Partly => "label-meaning-offline-partly",
            Offline::No => "label-meaning-offline-no",
        });
        self.meaning(msg, &["cloud", "encryption", "mud"]);
        let coverage = t(
            lang,
            match c.encryption_in_transit {
                Coverage::All => "label-coverage-all",
                Coverage::Partial => "label-coverage-partial",
                Coverage::None => "label-coverage-none",
            },
        );
        let rows = [
            ("label-f-offline-function", V::Words(svg::offline_text(lang, &label.offline))),
            ("label-f-encryption-in-transit", V::Words(coverage)),
            ("label-f-min-tls", V::Text(c.min_tls_version.map(|v| format!("TLS {}", v.as_str())))),
            ("label-f-remote-access", V::Bool(c.remote_access)),
            ("label-f-network-functions-authenticated", V::Bool(c.network_functions_authenticated)),
            ("label-f-config-changes-authenticated", V::Bool(c.config_changes_authenticated)),
            ("label-f-secrets-encrypted-in-transit", V::Bool(c.secrets_encrypted_in_transit)),
            ("label-f-reviewed-implementations", V::Bool(c.reviewed_implementations)),
            ("label-f-crypto-agile", V::Bool(c.crypto_agile)),
            ("label-f-dos-resilient", V::Bool(c.dos_resilient)),
            ("label-f-orderly-reconnection", V::Bool(c.orderly_reconnection)),
            ("label-f-mud-url", V::Link(decl.network.mud_url.clone())),
        ];
        self.facts("network-facts", &rows);

        // Services open on the home network.
        let h4 = self.h + 1;
        self.heading(h4, "local-services", "label-h-local-services");
        let items: Vec<String> = c
            .local_services
            .iter()
            .map(|s| {
                let head = Msg::new("label-service")
                    .arg("name", s.name.clone())
                    .arg("port", u32::from(s.port))
                    .arg("transport", format!("{:?}", s.transport).to_uppercase())
                    .text(lang);
                let mut parts = vec![
                    t(lang, if s.authenticated { "label-service-auth-yes" } else { "label-service-auth-no" }),
                    t(lang, if s.encrypted { "label-service-enc-yes" } else { "label-service-enc-no" }),
                    t(
                        lang,
                        if s.enabled_by_default {
                            "label-service-default-on"
                        } else {
                            "label-service-default-off"
                        },
                    ),
                ];
                if let Some(p) = &s.purpose {
                    parts.push(p.clone());
                }
                xml(&svg::field(lang, &head, &parts.join(", ")))
            })
            .collect();
        self.list(&items, "label-none");

        self.heading(h4, "cloud-endpoints", "label-h-cloud-endpoints");
        let items: Vec<String> = decl
            .network
            .cloud_endpoints
            .iter()
            .map(|e| {
                let head = Msg::new("label-endpoint")
                    .arg("domain", e.domain.clone())
                    .arg("port", u32::from(e.port))
                    .arg("protocol", format!("{:?}", e.protocol).to_uppercase())
                    .text(lang);
                match &e.purpose {
                    Some(p) => xml(&svg::field(lang, &head, p)),
                    None => xml(&head),
                }
            })
            .collect();
        self.list(&items, "label-none");

        self.heading(h4, "local-peers", "label-h-local-peers");
        let mut items: Vec<String> = decl
            .network
            .local_peers
            .iter()
            .map(|p| {
                let who = match p.class.as_str() {
                    "same-manufacturer" => t(lang, "label-peer-same-manufacturer"),
                    "controller" => t(lang, "label-peer-controller"),
                    "my-controller" => t(lang, "label-peer-my-controller"),
                    "local-networks" => t(lang, "label-peer-local-networks"),
                    other => other.to_string(),
                };
                let mut how = Vec::new();
                if let Some(port) = p.port {
                    how.push(Msg::new("label-port").arg("port", u32::from(port)).text(lang));
                }
                if let Some(proto) = p.protocol {
                    how.push(format!("{proto:?}").to_uppercase());
                }
                if how.is_empty() { xml(&who) } else { xml(&format!("{who} ({})", how.join(", "))) }
            })
            .collect();
        items.extend(
            decl.network.controllers.iter().map(|c| xml(&svg::field(lang, &t(lang, "label-controller"), c))),
        );
        self.list(&items, "label-none");
    }

    fn list(&mut self, items: &[String], none: &str) {
        if items.is_empty() {
            let _ = writeln!(self.out, "<p>{}</p>", self.e(none));
            return;
        }
        self.out.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(self.out, "<li>{i}</li>");
        }
        self.out.push_str("</ul>\n");
    }

    fn hardware(&mut self, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "hardware", "label-h-hardware");
        self.meaning(Msg::new("label-meaning-hardware"), &["secure-boot", "sbom"]);
        let hw = &decl.hardware;
        let sw = &decl.software;
        let debug = hw.debug_interfaces.map(|d| {
            t(
                lang,
                match d {
                    DebugInterfaces::Absent => "label-debug-absent",
                    DebugInterfaces::Locked => "label-debug-locked",
                    DebugInterfaces::Open => "label-debug-open",
                },
            )
        });
        let sbom = sw.sbom.as_ref().map(|s| {
            let format = match s.format {
                SbomFormat::CycloneDx => "CycloneDX",
                SbomFormat::Spdx => "SPDX",
            };
            match &s.url {
                Some(u) => format!("{format}: {u}"),
                None => format!("{format} ({})", t(lang, "label-sbom-authorities")),
            }
        });
        let rows = [
            ("label-f-secure-boot", V::Bool(hw.secure_boot)),
            ("label-f-debug-interfaces", V::Text(debug)),
            ("label-f-debug-protected", V::Bool(hw.debug_ports_physically_protected)),
            ("label-f-secure-element", V::Bool(hw.secure_element)),
            ("label-f-secrets-stored-securely", V::Bool(hw.secrets_stored_securely)),
            ("label-f-tamper-resistant-identity", V::Bool(hw.tamper_resistant_identity)),
            ("label-f-memory-protection", V::Bool(hw.memory_protection)),
            ("label-f-unneeded-interfaces-removed", V::Bool(hw.unneeded_physical_interfaces_removed)),
            ("label-f-sbom", V::Text(sbom)),
            ("label-f-no-hardcoded-secrets", V::Bool(sw.no_hardcoded_secrets)),
            ("label-f-per-device-keys", V::Bool(sw.per_device_service_keys)),
            ("label-f-key-lifecycle", V::Bool(sw.key_lifecycle_managed)),
            ("label-f-secure-development", V::Bool(sw.secure_development)),
            ("label-f-minimal-services", V::Bool(sw.minimal_services)),
            ("label-f-minimal-code", V::Bool(sw.minimal_code)),
            ("label-f-least-privilege", V::Bool(sw.least_privilege)),
            ("label-f-input-validation", V::Bool(sw.input_validation)),
            ("label-f-exploit-mitigations", V::Bool(sw.exploit_mitigations)),
            ("label-f-tamper-response", V::Bool(sw.tamper_response)),
            ("label-f-security-logging", V::Bool(sw.security_logging)),
            ("label-f-security-testing", V::Bool(sw.security_testing)),
            ("label-f-secure-by-default", V::Bool(sw.secure_by_default)),
        ];
        self.facts("hardware-facts", &rows);
    }

    fn documentation(&mut self, decl: &Declaration) {
        let h = self.h;
        self.heading(h, "documentation", "label-h-documentation");
        let d = &decl.documentation;
        let rows = [
            ("label-f-secure-setup-guide", V::Bool(d.secure_setup_guide)),
            ("label-f-setup-check-guide", V::Bool(d.setup_check_guide)),
            ("label-f-minimal-setup-decisions", V::Bool(d.minimal_setup_decisions)),
            ("label-f-justifications-recorded", V::Bool(d.justifications_recorded)),
            ("label-f-update-guidance", V::Bool(d.update_guidance)),
            ("label-f-eu-declaration", V::Link(d.eu_declaration_url.clone())),
            ("label-f-risks-documented", V::Bool(d.risks_documented)),
            ("label-f-decommissioning-guide", V::Bool(d.decommissioning_guide)),
            ("label-f-risk-assessment", V::Bool(d.risk_assessment)),
        ];
        self.facts("documentation-facts", &rows);
    }

    fn frameworks(&mut self, report: &Report) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "frameworks", "label-h-frameworks");
        let _ = writeln!(
            self.out,
            "<p>{}</p>",
            xml(&Msg::new("label-assessed-on").arg("date", report.as_of).text(lang))
        );
        self.meaning(
            Msg::new("label-meaning-frameworks"),
            &["conformant", "not-applicable", "unknown", "contradicted"],
        );
        for f in &report.frameworks {
            self.framework(f);
        }
    }

    fn framework(&mut self, f: &FrameworkResult) {
        let lang = self.lang;
        let h = self.h + 1;
        let fact = crate::facts::FrameworkFact {
            id: f.id.to_string(),
            title: f.title.to_string(),
            edition: f.edition.to_string(),
            verdict: f.verdict,
            level: f.level.map(str::to_string),
        };
        let id = self.id(&format!("fw-{}", f.id));
        // Short titles are proper names ("ETSI EN 303 645", "UK PSTI"), the same in every
        // language; editions are the publishers' own wording.
        let cat = Catalogs::builtin().framework(f.id);
        let full =
            cat.map_or_else(|| xml(f.title), |c| self.catalog(&c.framework.title, &c.framework.title_fr));
        let _ = writeln!(self.out, "<h{h} id=\"{id}\">{}</h{h}>", xml(f.title));
        let _ = writeln!(self.out, "<p>{full} ({})</p>", self.en(f.edition));
        let verdict = t(
            lang,
            match f.verdict {
                FrameworkVerdict::Conformant => "label-fwv-conformant",
                FrameworkVerdict::NotConformant => "label-fwv-not-conformant",
                FrameworkVerdict::Incomplete => "label-fwv-incomplete",
            },
        );
        let _ = writeln!(
            self.out,
            "<p><strong>{}</strong></p>\n<p>{}</p>",
            xml(&svg::framework_text(lang, &fact)),
            xml(&verdict)
        );
        let c = &f.counts;
        let counts = svg::counts_text(lang, c);
        let _ = writeln!(self.out, "<p>{}</p>", xml(&counts));
        let _ = writeln!(
            self.out,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            xml(&Msg::new("label-req-caption").arg("name", f.title.to_string()).text(lang)),
            self.e("label-col-requirement"),
            self.e("label-col-asks"),
            self.e("label-col-status"),
            self.e("label-col-verdict"),
            self.e("label-col-why"),
        );
        for r in &f.requirements {
            let status = self.e(match r.status {
                Status::Mandatory => "label-status-mandatory",
                Status::Recommended => "label-status-recommended",
            });
            let verdict = self.e(verdict_id(r.verdict));
            let mut why = xml(&r.reason.text(lang));
            if !r.missing.is_empty() {
                let missing: Vec<String> =
                    r.missing.iter().map(|m| format!("<code>{}</code>", xml(m))).collect();
                let _ = write!(why, " {} {}", self.e("label-missing-fields"), missing.join(", "));
            }
            if !r.evidence.is_empty() {
                let ev: Vec<String> = r.evidence.iter().map(|e| format!("<code>{}</code>", xml(e))).collect();
                let _ = write!(why, " {} {}", self.e("label-evidence-used"), ev.join(", "));
            }
            let _ = writeln!(
                self.out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{status}</td><td>{verdict}</td><td>{why}</td></tr>",
                xml(r.id),
                cat.and_then(|c| c.requirement(r.id))
                    .map_or_else(|| self.en(r.title), |q| self.catalog(&q.title, &q.title_fr)),
            );
        }
        self.out.push_str("</tbody>\n</table>\n");
    }

    fn evidence(&mut self, label: &Label, report: &Report, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "evidence", "label-h-evidence");
        let icon = match label.attestation {
            AttestationFact::SelfDeclared => "self-declared",
            AttestationFact::LabTested { .. } => "lab",
        };
        let who = svg::attestation_text(lang, &label.attestation);
        let _ = writeln!(
            self.out,
            "<p>{}<strong>{}</strong></p>",
            self.icon(icons::status(icon), &who),
            xml(&who)
        );
        self.meaning(Msg::new("label-meaning-evidence"), &["self-declared", "lab-tested", "evidence"]);

        let h4 = self.h + 1;
        self.heading(h4, "claims", "label-h-claims");
        let items: Vec<String> = decl
            .attestations
            .claims
            .iter()
            .map(|c| {
                let by = match &c.by {
                    Voucher::SelfDeclared => t(lang, "label-claim-self"),
                    Voucher::Lab { name } => Msg::new("label-claim-lab").arg("lab", name.clone()).text(lang),
                };
                let date = c.date.map(|d| format!(" ({})", iotlabel_i18n::date(lang, d))).unwrap_or_default();
                format!("<code>{}</code>: {}{}", xml(&c.field), xml(&by), xml(&date))
            })
            .collect();
        self.list(&items, "label-none");

        self.heading(h4, "certifications", "label-h-certifications");
        let items: Vec<String> = decl
            .attestations
            .certifications
            .iter()
            .map(|c| {
                let mut m = Msg::new("label-certification")
                    .arg("scheme", c.scheme.clone())
                    .arg("id", c.id.clone())
                    .arg("issued", c.issued);
                m = m.arg("level", c.level.clone().unwrap_or_else(|| "-".to_string()));
                let mut s = m.text(lang);
                if let Some(e) = c.expires {
                    s = format!("{s} {}", Msg::new("label-certification-expires").arg("date", e).text(lang));
                }
                xml(&s)
            })
            .collect();
        self.list(&items, "label-none");

        self.heading(h4, "test-evidence", "label-h-test-evidence");
        let cats = Catalogs::builtin();
        let mut items: Vec<String> = Vec::new();
        for c in report.controls.iter().filter(|c| !c.evidence.is_empty()) {
            let title = cats.control(c.id).map_or_else(|| xml(c.id), |x| self.catalog(&x.title, &x.title_fr));
            let ids: Vec<String> = c.evidence.iter().map(|e| format!("<code>{}</code>", xml(e))).collect();
            items.push(format!("{}: {} ({})", ids.join(", "), title, self.e(verdict_id(c.verdict))));
        }
        for f in &report.frameworks {
            for r in f.requirements.iter().filter(|r| !r.evidence.is_empty()) {
                let covered =
                    r.evidence.iter().all(|e| report.controls.iter().any(|c| c.evidence.contains(e)));
                if covered {
                    continue;
                }
                let ids: Vec<String> =
                    r.evidence.iter().map(|e| format!("<code>{}</code>", xml(e))).collect();
                items.push(format!(
                    "{}: {} {} ({})",
                    ids.join(", "),
                    xml(f.title),
                    xml(r.id),
                    self.e(verdict_id(r.verdict))
                ));
            }
        }
        if let AttestationFact::LabTested { labs } = &label.attestation {
            items.push(xml(&Msg::new("label-testers").arg("labs", labs.clone()).text(lang)));
        }
        // Each item: what was observed, by whom, when, how, and with what result.
        for e in &label.evidence {
            let result = match e.result {
                iotlabel_model::TestResult::Pass => "label-evidence-result-pass",
                iotlabel_model::TestResult::Fail => "label-evidence-result-fail",
                iotlabel_model::TestResult::Inconclusive => "label-evidence-result-inconclusive",
            };
            let method = match e.method {
                iotlabel_model::TestMethod::NetworkTest => "label-evidence-method-network",
                iotlabel_model::TestMethod::DocumentReview => "label-evidence-method-document",
                iotlabel_model::TestMethod::LabTest => "label-evidence-method-lab",
                iotlabel_model::TestMethod::BinaryAnalysis => "label-evidence-method-binary",
                iotlabel_model::TestMethod::PenetrationTest => "label-evidence-method-pentest",
            };
            let text = Msg::new("label-evidence-item")
                .arg("summary", e.summary.clone())
                .arg("tester", e.tester.clone())
                .arg("date", e.date)
                .arg("method", t(lang, method))
                .arg("result", t(lang, result))
                .text(lang);
            items.push(format!(
                "<code>{}</code> (<code>{}</code>): {}",
                xml(&e.id),
                xml(&e.about),
                xml(&text)
            ));
        }
        self.list(&items, "label-evidence-none");
    }

    fn about(&mut self, label: &Label) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "about", "label-h-about");
        let rows = [
            ("label-f-label-id", V::Code(label.id.clone())),
            ("label-f-digest", V::Code(label.digest.clone())),
            ("label-f-label-url", V::Link(Some(label.url.clone()))),
            ("label-f-mud-url", V::Link(label.mud_url.clone())),
            ("label-f-as-of", V::Date(Some(label.as_of))),
        ];
        let _ = writeln!(self.out, "<dl>");
        for (msg, v) in &rows {
            let _ = writeln!(self.out, "<dt>{}</dt><dd>{}</dd>", self.e(msg), self.answer(v));
        }
        let _ = writeln!(self.out, "</dl>\n<p>{}</p>", xml(&t(lang, "label-about-digest")));
    }

    fn glossary(&mut self) {
        let h = self.h;
        self.heading(h, "glossary", "label-h-glossary");
        self.out.push_str("<dl>\n");
        for term in GLOSSARY {
            let _ = writeln!(
                self.out,
                "<dt id=\"{}\">{}</dt><dd>{}</dd>",
                self.id(&format!("glossary-{term}")),
                self.e(&format!("label-term-{term}")),
                self.e(&format!("label-def-{term}")),
            );
        }
        self.out.push_str("</dl>\n");
    }
}

/// Glossary terms, in the order shown: `label-term-<t>` and `label-def-<t>` in the catalogs.
pub const GLOSSARY: &[&str] = &[
    "support-period",
    "security-update",
    "default-password",
    "mfa",
    "vulnerability",
    "vulnerability-disclosure",
    "encryption",
    "cloud",
    "sensor-indicator",
    "personal-data",
    "secure-boot",
    "sbom",
    "mud",
    "conformant",
    "not-applicable",
    "unknown",
    "contradicted",
    "evidence",
    "self-declared",
    "lab-tested",
];

pub(crate) fn verdict_id(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "label-verdict-pass",
        Verdict::Fail => "label-verdict-fail",
        Verdict::NotApplicable => "label-verdict-not-applicable",
        Verdict::Unknown => "label-verdict-unknown",
        Verdict::Contradicted => "label-verdict-contradicted",
    }
}

fn login_id(m: LoginMethod) -> &'static str {
    match m {
        LoginMethod::Password => "label-login-password",
        LoginMethod::Pin => "label-login-pin",
        LoginMethod::PairingButton => "label-login-pairing-button",
        LoginMethod::AppPairing => "label-login-app-pairing",
        LoginMethod::Certificate => "label-login-certificate",
        LoginMethod::Biometric => "label-login-biometric",
        LoginMethod::CloudAccount => "label-login-cloud-account",
        LoginMethod::NoAuthentication => "label-login-no-authentication",
    }
}

fn yes_no(lang: Lang, b: bool) -> String {
    t(lang, if b { "label-yes" } else { "label-no" })
}

fn list_or_not_declared(lang: Lang, items: Vec<String>) -> V {
    if items.is_empty() { V::Words(t(lang, "label-not-declared")) } else { V::Words(items.join(", ")) }
}

/// A link to an address the declaration gives: web addresses are links, e-mail addresses become
/// `mailto:` links, anything else is shown as text.
fn link(u: &str) -> String {
    let u = u.trim();
    if u.starts_with("https://") || u.starts_with("http://") || u.starts_with("mailto:") {
        format!("<a href=\"{}\">{}</a>", xml(u), xml(u.strip_prefix("mailto:").unwrap_or(u)))
    } else if u.contains('@') && !u.contains(' ') {
        format!("<a href=\"mailto:{}\">{}</a>", xml(u), xml(u))
    } else {
        xml(u)
    }
}
