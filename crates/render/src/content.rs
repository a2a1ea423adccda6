//! The secondary layer's content, built first as typed data ([`PageContent`]): one language's
//! page section by section (headings, paragraphs, lists, declared facts with their field paths,
//! "what this means for you" notes with their glossary terms, framework verdicts with their
//! reasons, the glossary). The HTML page ([`crate::html`]) and the label JSON are both written
//! from it, so the page and its JSON cannot say different things. Every word comes from
//! `locales/<lang>/label.ftl` or bilingual data.

use std::collections::HashSet;

use chrono::NaiveDate;
use iotlabel_assess::{FrameworkResult, FrameworkVerdict, Report, Verdict};
use iotlabel_catalog::{Catalogs, Status};
use iotlabel_i18n::{Lang, Msg};
use iotlabel_label::facts::{AttestationFact, FrameworkFact, Label, Offline, SupportStatus, Tone};
use iotlabel_label::page::*;
use iotlabel_model::*;

use crate::wording::{self, t};

/// [`page_content`] for each of `langs`, in order: what [`crate::html::render`] and
/// [`crate::json::label_document_of`] take.
pub fn page_contents(label: &Label, report: &Report, decl: &Declaration, langs: &[Lang]) -> Vec<PageContent> {
    langs.iter().map(|&lang| page_content(label, report, decl, lang)).collect()
}

/// One language's page as data: every section, sentence, fact and verdict the page shows. The
/// HTML page ([`crate::html::page`]) is written from it, and the label JSON carries it.
pub fn page_content(label: &Label, report: &Report, decl: &Declaration, lang: Lang) -> PageContent {
    let mut b = Builder { lang, cats: report.catalogs, sections: Vec::new(), glossary: Vec::new() };
    b.body(label, report, decl);
    PageContent {
        lang: lang.code(),
        title: wording::title(label, lang),
        product: wording::product_name(label),
        sections: b.sections,
        glossary: b.glossary,
    }
}

/// Builds one language's page content, section by section.
struct Builder<'r> {
    lang: Lang,
    /// The catalogs that judged the report shown.
    cats: &'r Catalogs,
    sections: Vec<PageSection>,
    glossary: Vec<GlossaryEntry>,
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
    /// English words (a country's ISO short name) on a page in any language.
    En(String),
    Code(String),
    /// The manufacturer's own words, in a language the declaration does not state.
    Free(Option<String>),
}

impl<'r> Builder<'r> {
    /// The section being written: the last one opened (a top-level section or one under it).
    fn current(&mut self) -> &mut PageSection {
        let top = self.current_top();
        if top.sections.is_empty() { top } else { top.sections.last_mut().expect("not empty") }
    }

    /// The last top-level section (every part of the page is written under a heading).
    fn current_top(&mut self) -> &mut PageSection {
        if self.sections.is_empty() {
            self.sections.push(PageSection::default());
        }
        self.sections.last_mut().expect("not empty")
    }

    /// A new top-level section.
    fn top(&mut self, id: &str, msg: &str) {
        let heading = t(self.lang, msg);
        self.sections.push(PageSection { id: id.to_string(), heading, ..PageSection::default() });
    }

    /// A new section under the last top-level one.
    fn sub(&mut self, id: &str, heading: String) {
        let section = PageSection { id: id.to_string(), heading, ..PageSection::default() };
        self.current_top().sections.push(section);
    }

    fn para(&mut self, text: Rich) {
        self.current().text.push(text);
    }

    fn note(&mut self, text: Rich) {
        self.current().notes.push(text);
    }

    /// Message text.
    fn e(&self, id: &str) -> String {
        t(self.lang, id)
    }

    /// English-only text (catalog titles, reasons) inside a page in any language.
    fn en(&self, s: &str) -> Span {
        match self.lang {
            Lang::En => Span::Text(s.to_string()),
            _ => Span::Lang { lang: "en", text: s.to_string() },
        }
    }

    /// A message whose arguments are rich text: its own words become text, the arguments are
    /// put in their places as they are.
    fn rich_msg(&self, mut msg: Msg, args: &[(&'static str, Rich)]) -> Rich {
        // Private-use characters stand for the arguments while the message is rendered.
        let mark = |i: usize| char::from_u32(0xE000 + i as u32).unwrap_or('\u{E000}');
        for (i, (name, _)) in args.iter().enumerate() {
            msg = msg.arg(name, mark(i).to_string());
        }
        let text = msg.text(self.lang);
        let mut out = Rich::default();
        let mut rest = text.as_str();
        while let Some((i, c)) = rest.char_indices().find(|(_, c)| ('\u{E000}'..='\u{E0FF}').contains(c)) {
            if i > 0 {
                out.push(Span::Text(rest[..i].to_string()));
            }
            let arg = (c as usize).checked_sub(0xE000).and_then(|n| args.get(n));
            match arg {
                Some((_, rich)) => out.append(rich.clone()),
                None => out.push(Span::Text(c.to_string())),
            };
            rest = &rest[i + c.len_utf8()..];
        }
        if !rest.is_empty() {
            out.push(Span::Text(rest.to_string()));
        }
        out
    }

    /// "What: answer" with the language's punctuation.
    fn field(&self, name: Rich, value: Rich) -> Rich {
        self.rich_msg(Msg::new("label-field"), &[("name", name), ("value", value)])
    }

    /// A declaration field or section, as the page names it (never its path), with the section
    /// showing it when `linked`; the field path is kept as the reference's key. A path the page
    /// has no name for is named by its closest part that has one (`communication.local_services[0].port`
    /// by the services open on the home network, an unknown field of `hardware` by the hardware
    /// section).
    fn field_title(&self, path: &str, linked: bool) -> Rich {
        match field_name(path) {
            Some((anchor, msg)) => Span::Ref {
                key: path.to_string(),
                section: if linked { anchor } else { None },
                lang: None,
                text: self.e(msg),
            }
            .into(),
            None => Span::Code(path.to_string()).into(),
        }
    }

    /// An engine's sentence (a reason) with every declaration field path in it named in words,
    /// as [`Self::field_title`] names it: "(data.anonymised)" reads "(Personal data is anonymised
    /// where possible)". Other words are left as they are.
    ///
    /// A parenthesis holding only fields that `listed` names anyway (the facts missing, shown
    /// right after the reason) is left out rather than said twice.
    fn reason(&self, text: &str, listed: &[&str]) -> Rich {
        let text = drop_listed_fields(text, listed);
        // A path below has an underscore, or a dot followed by another character of a path:
        // most reasons have neither, and are plain text.
        let b = text.as_bytes();
        let path_char = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || b"_.[]".contains(&c);
        if !b.contains(&b'_') && !b.windows(2).any(|w| w[0] == b'.' && path_char(w[1])) {
            return if text.is_empty() { Rich::default() } else { Rich::text(text) };
        }
        let mut out = Rich::default();
        let mut plain = String::new();
        let mut rest = text.as_str();
        while let Some(start) = rest.find(|c: char| c.is_ascii_lowercase()) {
            // A path: lowercase words joined by dots, with list indices; the sentence's own full
            // stop is not part of it.
            let len = rest[start..]
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "_.[]".contains(c)))
                .unwrap_or(rest.len() - start);
            let token = rest[start..start + len].trim_end_matches('.');
            let before = rest[..start].chars().next_back();
            let standalone = !before.is_some_and(|c| c.is_alphanumeric() || "/-@:".contains(c));
            plain.push_str(&rest[..start]);
            if standalone
                && (token.contains('.') || token.contains('_'))
                && iotlabel_model::validate::is_field_path(token)
            {
                if !plain.is_empty() {
                    out.push(Span::Text(std::mem::take(&mut plain)));
                }
                out.append(self.field_title(token, false));
            } else {
                plain.push_str(token);
            }
            rest = &rest[start + token.len()..];
        }
        plain.push_str(rest);
        if !plain.is_empty() {
            out.push(Span::Text(plain));
        }
        out
    }

    /// A region by name: the European Union, or a country (ISO 3166-1 short names are English:
    /// marked as such); anything else as the maker wrote it.
    fn region(&self, code: &str) -> Rich {
        match (code, iotlabel_model::validate::country_name(code)) {
            ("EU", _) => Rich::text(self.e("label-region-eu")),
            (_, Some(name)) => self.en(name).into(),
            (_, None) => Span::Own(code.to_string()).into(),
        }
    }

    /// A common control by its title in the page's language; the id is kept as the key.
    fn control_title(&self, id: &str) -> Rich {
        match self.cats.control(id) {
            Some(c) => {
                let (lang, text) = match self.catalog(&c.title, &c.title_fr) {
                    Span::Lang { lang, text } => (Some(lang), text),
                    Span::Text(text) => (None, text),
                    _ => (None, c.title.clone()),
                };
                Span::Ref { key: id.to_string(), section: None, lang, text }.into()
            }
            None => Span::Code(id.to_string()).into(),
        }
    }

    /// "requirement 2 of UK PSTI, “title”" for a framework id and requirement id.
    fn requirement_ref(&self, framework: &str, id: &str) -> Rich {
        let cat = self.cats.framework(framework);
        let Some(req) = cat.and_then(|c| c.requirement(id)) else {
            return Span::Code(format!("{framework}:{id}")).into();
        };
        let name = cat.map_or(framework, |c| c.framework.short_title.as_str());
        self.rich_msg(
            Msg::new("label-requirement-ref"),
            &[
                ("id", Rich::text(req.id.clone())),
                ("framework", Rich::text(name)),
                ("title", self.catalog(&req.title, &req.title_fr).into()),
            ],
        )
    }

    /// What an evidence item is about: a common control, or `framework:requirement`.
    fn evidence_about(&self, about: &str) -> Rich {
        match about.split_once(':') {
            Some((framework, id)) => self.requirement_ref(framework, id),
            None => self.control_title(about),
        }
    }

    /// Bilingual catalog text: the French title when the page is in French and the catalog has
    /// one, else the English one (marked as English).
    fn catalog(&self, en: &str, fr: &str) -> Span {
        match self.lang {
            Lang::Fr if !fr.trim().is_empty() => Span::Text(fr.to_string()),
            _ => self.en(en),
        }
    }

    /// "What this means for you" and links to the glossary.
    fn meaning(&mut self, text: impl Into<MeaningText>, terms: &[&'static str]) {
        let text = match text.into() {
            MeaningText::Msg(m) => m.text(self.lang),
            MeaningText::Plain(s) => s,
        };
        let glossary =
            terms.iter().map(|&id| TermRef { id, name: self.e(&format!("label-term-{id}")) }).collect();
        self.current().meaning = Some(Meaning { text, glossary });
    }

    fn answer(&self, v: &V) -> Rich {
        let lang = self.lang;
        let nd = || Rich::text(self.e("label-not-declared"));
        match v {
            V::Bool(Some(true)) => Rich::text(self.e("label-yes")),
            V::Bool(Some(false)) => Rich::text(self.e("label-no")),
            V::Text(Some(s)) => Rich::text(s.clone()),
            V::Link(Some(u)) => link(u).into(),
            V::Days(Some(n)) => Rich::text(Msg::new("label-days").arg("count", *n).text(lang)),
            V::Count(Some(n)) => Rich::text(iotlabel_i18n::number(lang, i64::from(*n))),
            V::Date(Some(d)) => Rich::text(iotlabel_i18n::date(lang, *d)),
            V::Words(w) => Rich::text(w.clone()),
            V::En(w) => self.en(w).into(),
            V::Code(c) => Span::Code(c.clone()).into(),
            V::Free(Some(s)) => Span::Own(s.clone()).into(),
            V::Bool(None)
            | V::Text(None)
            | V::Link(None)
            | V::Days(None)
            | V::Count(None)
            | V::Date(None)
            | V::Free(None) => nd(),
        }
    }

    /// The declared facts of one section, behind a disclosure: the summary comes first, every
    /// declared fact one click away. Each: the field's path in the declaration, its name (as in
    /// [`FIELDS`]) and its answer.
    fn facts(&mut self, rows: &[(&'static str, &str, V)]) {
        let summary = self.e("label-details-facts");
        self.current().disclosure = Some(Disclosure { summary, open: false });
        for (field, msg, v) in rows {
            let fact = Fact {
                source: FactSource::Declaration,
                field,
                name: t(self.lang, msg),
                value: self.answer(v),
                own_words: matches!(v, V::Free(Some(_))),
            };
            self.current().facts.push(fact);
        }
    }

    /// A list, or a paragraph saying there is nothing.
    fn list(&mut self, items: Vec<Item>, none: &str) {
        if items.is_empty() {
            self.para(Rich::text(self.e(none)));
            return;
        }
        self.current().items.extend(items);
    }

    fn plain_list(&mut self, items: Vec<Rich>, none: &str) {
        self.list(items.into_iter().map(Item::new).collect(), none);
    }

    /// An answer's mark (tick or cross) with its name for screen readers; nothing for neither.
    fn mark(&self, tone: Tone) -> Rich {
        match wording::mark_name(self.lang, tone) {
            Some(name) => Span::Mark { glyph: wording::mark(tone), name }.into(),
            None => Rich::default(),
        }
    }

    /// A marked line: its mark, then its text.
    fn marked(&self, tone: Tone, text: Rich) -> Item {
        let mut line = self.mark(tone);
        line.append(text);
        let tone = (tone != Tone::Neutral).then_some(tone);
        Item { tone, ..Item::new(line) }
    }

    fn body(&mut self, label: &Label, report: &Report, decl: &Declaration) {
        self.summary(label);
        self.after_purchase(label, decl);
        self.product(label, decl);
        self.updates(label, decl);
        self.passwords(label, decl);
        self.vulnerabilities(label, decl);
        self.sensors(label, decl);
        self.data(decl);
        self.network(label, decl);
        self.hardware(decl);
        self.documentation(decl);
        if !decl.ownership.is_empty() {
            self.ownership(decl);
        }
        self.frameworks(label, report);
        self.evidence(label, report, decl);
        self.about(label);
        self.glossary();
    }

    fn summary(&mut self, label: &Label) {
        let lang = self.lang;
        self.top("summary", "label-h-summary");
        self.deal_breakers(label);
        let description = wording::description(label, lang);
        let caption = t(lang, "label-panel-caption");
        self.current().figure = Some(Figure { description, caption });
        // A sentence, not the box's two lines glued with a colon.
        let support = support_sentence(label, lang);
        let mut items = vec![self.marked(label.answers.support.tone, Rich::text(support))];
        for r in wording::answer_rows(lang, label) {
            let line = wording::field(lang, &t(lang, r.what), &r.answer);
            items.push(self.marked(r.tone, Rich::text(line)));
        }
        let attestation = wording::attestation_sentences(lang, label).join(" ");
        items.push(self.marked(wording::attestation_tone(label), Rich::text(attestation)));
        self.list(items, "label-none");
    }

    /// "What to do after purchase": the few things a buyer can do, from the label's facts.
    fn after_purchase(&mut self, label: &Label, decl: &Declaration) {
        self.sub("after-purchase", self.e("label-h-after-purchase"));
        let items: Vec<Rich> =
            after_purchase(label, decl).iter().map(|m| Rich::text(m.text(self.lang))).collect();
        self.plain_list(items, "label-todo-nothing");
    }

    /// The deal-breakers, first on the page: each with why it matters; or "no serious problems
    /// found" with a tick.
    fn deal_breakers(&mut self, label: &Label) {
        let lang = self.lang;
        let heading = wording::deal_heading(label, lang);
        let found = !label.deal_breakers.is_empty();
        let mark = if found {
            Span::Mark { glyph: "⚠", name: self.e("label-mark-warning") }.into()
        } else {
            self.mark(Tone::Good)
        };
        let mut strong = mark;
        strong.push(Span::Text(heading));
        let items = label
            .deal_breakers
            .iter()
            .map(|d| {
                let text = Rich(vec![
                    Span::Strong(vec![Span::Text(wording::deal_text(lang, d))]),
                    Span::Text(format!(" {}", wording::deal_why(lang, d))),
                ]);
                self.marked(Tone::Bad, text)
            })
            .collect();
        let heading = Span::Strong(strong.0).into();
        self.current().deal_breakers = Some(DealBand { found, heading, items });
    }

    fn product(&mut self, label: &Label, decl: &Declaration) {
        self.top("product", "label-h-product");
        let i = &decl.identity;
        let m = &i.manufacturer;
        let rows = [
            ("identity.manufacturer.name", "label-f-manufacturer", V::Text(Some(m.name.clone()))),
            (
                "identity.manufacturer.country",
                "label-f-country",
                // Countries by name (ISO 3166-1 short names are English: marked as such).
                match iotlabel_model::validate::country_name(&m.country) {
                    Some(name) => V::En(name.to_string()),
                    None => V::Text(Some(m.country.clone())),
                },
            ),
            ("identity.manufacturer.website", "label-f-website", V::Link(Some(m.website.clone()))),
            ("identity.manufacturer.address", "label-f-address", V::Text(m.address.clone())),
            (
                "identity.manufacturer.contact_email",
                "label-f-contact-email",
                V::Text(m.contact_email.clone()),
            ),
            ("identity.brand", "label-f-brand", V::Text(Some(i.brand.clone()))),
            ("identity.model", "label-f-model", V::Text(Some(i.model.clone()))),
            (
                "identity.hardware_version",
                "label-f-hardware-version",
                V::Text(Some(i.hardware_version.clone())),
            ),
            (
                "identity.firmware_version",
                "label-f-firmware-version",
                V::Text(Some(i.firmware_version.clone())),
            ),
            ("identity.gtin", "label-f-gtin", V::Text(i.gtin.clone())),
            (
                "identity.device_type",
                "label-f-device-type",
                V::Words(wording::device_type_name(self.lang, &label.product.device_type)),
            ),
            ("identity.release_date", "label-f-release-date", V::Date(Some(i.release_date))),
            ("identity.model_marked_on_device", "label-f-model-marked", V::Bool(i.model_marked_on_device)),
            ("identity.intended_use", "label-f-intended-use", V::Free(i.intended_use.clone())),
        ];
        self.facts(&rows);
    }

    fn updates(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        self.top("updates", "label-h-updates");
        self.para(Span::Strong(vec![Span::Text(support_sentence(label, lang))]).into());
        let u = &decl.updates;
        self.meaning(updates_meaning(label, lang), &["support-period", "security-update"]);
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
            (
                "updates.mechanism",
                "label-f-update-mechanism",
                V::Words(wording::updates_text(lang, u.mechanism)),
            ),
            (
                "updates.support_end",
                // Without updates, the support period is no promise of security updates.
                if u.mechanism == UpdateMechanism::None {
                    "label-f-support-period-end"
                } else {
                    "label-f-support-end"
                },
                V::Date(u.support_end),
            ),
            (
                "updates.support_period_url",
                "label-f-support-period-url",
                V::Link(u.support_period_url.clone()),
            ),
            ("updates.signed", "label-f-signed", V::Bool(u.signed)),
            ("updates.verified_on_device", "label-f-verified-on-device", V::Bool(u.verified_on_device)),
            ("updates.secure_delivery", "label-f-secure-delivery", V::Bool(u.secure_delivery)),
            ("updates.time_to_fix_days", "label-f-time-to-fix", V::Days(u.time_to_fix_days)),
            ("updates.notification", "label-f-notification", list_or_not_declared(lang, notification)),
            ("updates.periodic_check", "label-f-periodic-check", V::Bool(u.periodic_check)),
            ("updates.user_can_defer", "label-f-user-can-defer", V::Bool(u.user_can_defer)),
            ("updates.warns_of_disruption", "label-f-warns-of-disruption", V::Bool(u.warns_of_disruption)),
            (
                "updates.all_components_updatable",
                "label-f-all-components-updatable",
                V::Bool(u.all_components_updatable),
            ),
            ("updates.free_of_charge", "label-f-free-of-charge", V::Bool(u.free_of_charge)),
            (
                "updates.security_separate_from_features",
                "label-f-security-separate",
                V::Bool(u.security_separate_from_features),
            ),
            (
                "updates.not_updatable_rationale",
                "label-f-not-updatable-rationale",
                V::Free(u.not_updatable_rationale.clone()),
            ),
        ];
        self.facts(&rows);
    }

    fn passwords(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        self.top("passwords", "label-h-passwords");
        let a = &decl.authentication;
        let line = wording::field(
            lang,
            &t(lang, "label-password"),
            &wording::password_text(lang, a.default_password),
        );
        self.para(Span::Strong(vec![Span::Text(line)]).into());
        // Never advice the device cannot follow: no "change it" when it cannot be changed, no
        // "nothing to guess" when services are open without any password.
        let fixed = a.user_can_change_credentials == Some(false);
        let msg = Msg::new(match a.default_password {
            DefaultPasswordPolicy::None if label.deal_breaker("open-services").is_some() => {
                "label-meaning-password-none-open"
            }
            DefaultPasswordPolicy::None => "label-meaning-password-none",
            DefaultPasswordPolicy::UniquePerDevice if fixed => "label-meaning-password-unique-fixed",
            DefaultPasswordPolicy::UniquePerDevice => "label-meaning-password-unique",
            DefaultPasswordPolicy::UserSetAtSetup => "label-meaning-password-user-set",
            DefaultPasswordPolicy::Universal if fixed => "label-meaning-password-universal-fixed",
            DefaultPasswordPolicy::Universal => "label-meaning-password-universal",
        });
        self.meaning(msg, &["default-password", "mfa"]);
        let logins = |v: &[LoginMethod]| -> V {
            if v.is_empty() {
                return V::Words(t(lang, "label-logins-none"));
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
        let brute = a.brute_force_protection.map(|b| t(lang, brute_id(b)));
        let rows = [
            (
                "authentication.default_password",
                "label-f-default-password",
                V::Words(wording::password_text(lang, a.default_password)),
            ),
            (
                "authentication.unique_passwords_random",
                "label-f-unique-passwords-random",
                V::Bool(a.unique_passwords_random),
            ),
            ("authentication.local_login", "label-f-local-login", logins(&a.local_login)),
            ("authentication.remote_login", "label-f-remote-login", logins(&a.remote_login)),
            ("authentication.cloud_mfa", "label-f-cloud-mfa", V::Text(mfa)),
            ("authentication.brute_force_protection", "label-f-brute-force", V::Text(brute)),
            (
                "authentication.best_practice_crypto",
                "label-f-best-practice-crypto",
                V::Bool(a.best_practice_crypto),
            ),
            (
                "authentication.user_can_change_credentials",
                "label-f-user-can-change-credentials",
                V::Bool(a.user_can_change_credentials),
            ),
            (
                "authentication.machine_credentials_unique",
                "label-f-machine-credentials-unique",
                V::Bool(a.machine_credentials_unique),
            ),
        ];
        self.facts(&rows);
    }

    fn vulnerabilities(&mut self, label: &Label, decl: &Declaration) {
        self.top("vulnerabilities", "label-h-vulnerabilities");
        let v = &decl.vulnerability_disclosure;
        let msg = match &label.vulnerability_contact {
            // "So it can be fixed" only for a device that can be.
            Some(c) if label.updates == UpdateMechanism::None => {
                Msg::new("label-meaning-report-not-updatable")
                    .arg("contact", wording::contact_text(self.lang, Some(c)))
            }
            Some(c) => {
                Msg::new("label-meaning-report").arg("contact", wording::contact_text(self.lang, Some(c)))
            }
            None => Msg::new("label-meaning-report-none"),
        };
        self.meaning(msg, &["vulnerability", "vulnerability-disclosure"]);
        let rows = [
            ("vulnerability_disclosure.contact", "label-f-contact", V::Link(v.contact.clone())),
            ("vulnerability_disclosure.policy_url", "label-f-policy-url", V::Link(v.policy_url.clone())),
            (
                "vulnerability_disclosure.acknowledgement_days",
                "label-f-acknowledgement-days",
                V::Days(v.acknowledgement_days),
            ),
            (
                "vulnerability_disclosure.status_update_days",
                "label-f-status-update-days",
                V::Days(v.status_update_days),
            ),
            (
                "vulnerability_disclosure.monitors_vulnerabilities",
                "label-f-monitors-vulnerabilities",
                V::Bool(v.monitors_vulnerabilities),
            ),
            (
                "vulnerability_disclosure.publishes_advisories",
                "label-f-publishes-advisories",
                V::Bool(v.publishes_advisories),
            ),
            (
                "vulnerability_disclosure.known_exploitable_at_release",
                "label-f-known-exploitable",
                V::Count(v.known_exploitable_at_release),
            ),
        ];
        self.facts(&rows);
    }

    fn sensors(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        self.top("sensors", "label-h-sensors");
        let items: Vec<Item> = decl
            .sensors
            .iter()
            .map(|s| {
                let name = wording::sensor_name(lang, &s.kind);
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
                    wording::field(lang, &t(lang, "label-sensor-active"), &active),
                    wording::field(lang, &t(lang, "label-sensor-indicator"), &yes_no(lang, s.indicator)),
                    wording::field(
                        lang,
                        &t(lang, "label-sensor-off"),
                        &wording::off_switch_text(lang, s.off_switch, &s.kind),
                    ),
                    wording::field(
                        lang,
                        &t(lang, "label-sensor-documented"),
                        &match s.documented {
                            Some(b) => yes_no(lang, b),
                            None => t(lang, "label-not-declared"),
                        },
                    ),
                ];
                Item {
                    icon: Some(Icon::Sensor(s.kind.clone())),
                    details: details.into_iter().map(Rich::text).collect(),
                    ..Item::new(Rich::text(name))
                }
            })
            .collect();
        self.list(items, "label-sensors-none");
        if !label.sensors_declared_absent.is_empty() {
            let names: Vec<String> = label
                .sensors_declared_absent
                .iter()
                .map(|k| wording::sensor_name(lang, k).to_lowercase())
                .collect();
            let note = Msg::new("label-sensors-declared-absent").arg("sensors", names).text(lang);
            self.note(Rich::text(note));
        }
        self.meaning(sensors_meaning(decl, lang), &["sensor-indicator"]);
    }

    fn data(&mut self, decl: &Declaration) {
        let lang = self.lang;
        self.top("data", "label-h-data");
        let d = &decl.data;
        let items: Vec<Item> = d
            .collected
            .iter()
            .map(|item| {
                let name = wording::data_name(lang, &item.kind);
                let shared = if item.shared_with.is_empty() {
                    Rich::text(self.e("label-nobody"))
                } else {
                    Span::Own(item.shared_with.join(", ")).into()
                };
                let retention = match item.retention_days {
                    Some(n) => Msg::new("label-days").arg("count", n).text(lang),
                    None => t(lang, "label-not-declared"),
                };
                let name_of = |id: &str| Rich::text(self.e(id));
                let region = match item.region.as_deref() {
                    None => Rich::text(self.e("label-not-declared")),
                    Some(code) => self.region(code),
                };
                let sold = match item.sold {
                    Some(b) => yes_no(lang, b),
                    None => t(lang, "label-not-declared"),
                };
                let details = vec![
                    self.field(name_of("label-data-purpose"), Span::Own(item.purpose.clone()).into()),
                    self.field(
                        name_of("label-data-stored"),
                        Rich::text(wording::stored_text(lang, item.stored)),
                    ),
                    self.field(name_of("label-data-region"), region),
                    self.field(name_of("label-data-shared"), shared),
                    self.field(name_of("label-data-sold"), Rich::text(sold)),
                    self.field(name_of("label-data-retention"), Rich::text(retention)),
                ];
                Item { icon: Some(Icon::Data(item.kind.clone())), details, ..Item::new(Rich::text(name)) }
            })
            .collect();
        self.list(items, "label-data-none");
        let sold = d.collected.iter().any(|x| x.sold == Some(true));
        let shared = d.collected.iter().any(|x| !x.shared_with.is_empty());
        let msg = Msg::new(if d.collected.is_empty() {
            "label-meaning-data-none"
        } else if sold {
            "label-meaning-data-sold"
        } else if shared {
            "label-meaning-data-shared"
        } else if d.collected.iter().any(|x| x.sold.is_none()) {
            // Not shared, but whether it is sold is not declared: no promise that it is not.
            "label-meaning-data-sold-undeclared"
        } else {
            "label-meaning-data"
        });
        self.meaning(msg, &["personal-data", "encryption"]);
        let tel = d.telemetry.as_ref();
        let rows = [
            ("data.encrypted_at_rest", "label-f-encrypted-at-rest", V::Bool(d.encrypted_at_rest)),
            (
                "data.personal_data_encrypted_in_transit",
                "label-f-personal-data-encrypted-in-transit",
                V::Bool(d.personal_data_encrypted_in_transit),
            ),
            ("data.deletion_on_request", "label-f-deletion-on-request", V::Bool(d.deletion_on_request)),
            (
                "data.deletion_on_factory_reset",
                "label-f-deletion-on-factory-reset",
                V::Bool(d.deletion_on_factory_reset),
            ),
            ("data.deletion_instructions", "label-f-deletion-instructions", V::Bool(d.deletion_instructions)),
            ("data.deletion_confirmed", "label-f-deletion-confirmed", V::Bool(d.deletion_confirmed)),
            ("data.privacy_policy_url", "label-f-privacy-policy", V::Link(d.privacy_policy_url.clone())),
            ("data.consent_based", "label-f-consent-based", V::Bool(d.consent_based)),
            ("data.consent_withdrawable", "label-f-consent-withdrawable", V::Bool(d.consent_withdrawable)),
            ("data.minimised", "label-f-minimised", V::Bool(d.minimised)),
            ("data.anonymised", "label-f-anonymised", V::Bool(d.anonymised)),
            ("data.portable", "label-f-portable", V::Bool(d.portable)),
            ("data.telemetry.collected", "label-f-telemetry", V::Bool(tel.map(|t| t.collected))),
            (
                "data.telemetry.described_to_user",
                "label-f-telemetry-described",
                V::Bool(tel.and_then(|t| t.described_to_user)),
            ),
            (
                "data.telemetry.personal_data_minimised",
                "label-f-telemetry-minimised",
                V::Bool(tel.and_then(|t| t.personal_data_minimised)),
            ),
            (
                "data.telemetry.examined_for_anomalies",
                "label-f-telemetry-examined",
                V::Bool(tel.and_then(|t| t.examined_for_anomalies)),
            ),
        ];
        self.facts(&rows);
    }

    fn network(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        self.top("network", "label-h-network");
        let c = &decl.communication;
        let line =
            wording::field(lang, &t(lang, "label-offline"), &wording::offline_text(lang, &label.offline));
        self.para(Span::Strong(vec![Span::Text(line)]).into());
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
            (
                "communication.offline_function",
                "label-f-offline-function",
                V::Words(wording::offline_text(lang, &label.offline)),
            ),
            ("communication.encryption_in_transit", "label-f-encryption-in-transit", V::Words(coverage)),
            (
                "communication.min_tls_version",
                "label-f-min-tls",
                V::Text(c.min_tls_version.map(|v| format!("TLS {}", v.as_str()))),
            ),
            ("communication.remote_access", "label-f-remote-access", V::Bool(c.remote_access)),
            (
                "communication.network_functions_authenticated",
                "label-f-network-functions-authenticated",
                V::Bool(c.network_functions_authenticated),
            ),
            (
                "communication.config_changes_authenticated",
                "label-f-config-changes-authenticated",
                V::Bool(c.config_changes_authenticated),
            ),
            (
                "communication.secrets_encrypted_in_transit",
                "label-f-secrets-encrypted-in-transit",
                V::Bool(c.secrets_encrypted_in_transit),
            ),
            (
                "communication.reviewed_implementations",
                "label-f-reviewed-implementations",
                V::Bool(c.reviewed_implementations),
            ),
            ("communication.crypto_agile", "label-f-crypto-agile", V::Bool(c.crypto_agile)),
            ("communication.dos_resilient", "label-f-dos-resilient", V::Bool(c.dos_resilient)),
            (
                "communication.orderly_reconnection",
                "label-f-orderly-reconnection",
                V::Bool(c.orderly_reconnection),
            ),
            ("network.mud_url", "label-f-mud-url", V::Link(decl.network.mud_url.clone())),
        ];
        self.facts(&rows);

        // Services open on the home network.
        self.sub("local-services", self.e("label-h-local-services"));
        let items: Vec<Rich> = c
            .local_services
            .iter()
            .map(|s| {
                let head = Msg::new("label-service")
                    .arg("name", s.name.clone())
                    .arg("port", u32::from(s.port))
                    .arg("transport", format!("{:?}", s.transport).to_uppercase())
                    .text(lang);
                let words = [
                    self.e(if s.authenticated { "label-service-auth-yes" } else { "label-service-auth-no" }),
                    self.e(if s.encrypted { "label-service-enc-yes" } else { "label-service-enc-no" }),
                    self.e(if s.enabled_by_default {
                        "label-service-default-on"
                    } else {
                        "label-service-default-off"
                    }),
                ];
                let mut parts = Rich::text(words.join(", "));
                if let Some(p) = &s.purpose {
                    parts.push(Span::Text(", ".into())).push(Span::Own(p.clone()));
                }
                self.field(Rich::text(head), parts)
            })
            .collect();
        self.plain_list(items, "label-none");

        self.sub("cloud-endpoints", self.e("label-h-cloud-endpoints"));
        let items: Vec<Rich> = decl
            .network
            .cloud_endpoints
            .iter()
            .map(|e| {
                let head = Msg::new("label-endpoint")
                    .arg("domain", e.domain.clone())
                    .arg("port", u32::from(e.port))
                    .arg("protocol", protocol_name(lang, e.protocol))
                    .text(lang);
                match &e.purpose {
                    Some(p) => self.field(Rich::text(head), Span::Own(p.clone()).into()),
                    None => Rich::text(head),
                }
            })
            .collect();
        self.plain_list(items, "label-none");

        self.sub("local-peers", self.e("label-h-local-peers"));
        let mut items: Vec<Rich> = decl
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
                    how.push(protocol_name(lang, proto));
                }
                if how.is_empty() {
                    Rich::text(who)
                } else {
                    Rich::text(format!("{who} ({})", how.join(", ")))
                }
            })
            .collect();
        items.extend(
            decl.network
                .controllers
                .iter()
                .map(|c| Rich::text(wording::field(lang, &t(lang, "label-controller"), c))),
        );
        self.plain_list(items, "label-none");
    }

    fn hardware(&mut self, decl: &Declaration) {
        let lang = self.lang;
        self.top("hardware", "label-h-hardware");
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
            ("hardware.secure_boot", "label-f-secure-boot", V::Bool(hw.secure_boot)),
            ("hardware.debug_interfaces", "label-f-debug-interfaces", V::Text(debug)),
            (
                "hardware.debug_ports_physically_protected",
                "label-f-debug-protected",
                V::Bool(hw.debug_ports_physically_protected),
            ),
            ("hardware.secure_element", "label-f-secure-element", V::Bool(hw.secure_element)),
            (
                "hardware.secrets_stored_securely",
                "label-f-secrets-stored-securely",
                V::Bool(hw.secrets_stored_securely),
            ),
            (
                "hardware.tamper_resistant_identity",
                "label-f-tamper-resistant-identity",
                V::Bool(hw.tamper_resistant_identity),
            ),
            ("hardware.memory_protection", "label-f-memory-protection", V::Bool(hw.memory_protection)),
            (
                "hardware.unneeded_physical_interfaces_removed",
                "label-f-unneeded-interfaces-removed",
                V::Bool(hw.unneeded_physical_interfaces_removed),
            ),
            ("software.sbom", "label-f-sbom", V::Text(sbom)),
            (
                "software.no_hardcoded_secrets",
                "label-f-no-hardcoded-secrets",
                V::Bool(sw.no_hardcoded_secrets),
            ),
            (
                "software.per_device_service_keys",
                "label-f-per-device-keys",
                V::Bool(sw.per_device_service_keys),
            ),
            ("software.key_lifecycle_managed", "label-f-key-lifecycle", V::Bool(sw.key_lifecycle_managed)),
            ("software.secure_development", "label-f-secure-development", V::Bool(sw.secure_development)),
            ("software.minimal_services", "label-f-minimal-services", V::Bool(sw.minimal_services)),
            ("software.minimal_code", "label-f-minimal-code", V::Bool(sw.minimal_code)),
            ("software.least_privilege", "label-f-least-privilege", V::Bool(sw.least_privilege)),
            ("software.input_validation", "label-f-input-validation", V::Bool(sw.input_validation)),
            ("software.exploit_mitigations", "label-f-exploit-mitigations", V::Bool(sw.exploit_mitigations)),
            ("software.tamper_response", "label-f-tamper-response", V::Bool(sw.tamper_response)),
            ("software.security_logging", "label-f-security-logging", V::Bool(sw.security_logging)),
            ("software.security_testing", "label-f-security-testing", V::Bool(sw.security_testing)),
            ("software.secure_by_default", "label-f-secure-by-default", V::Bool(sw.secure_by_default)),
        ];
        self.facts(&rows);
        self.interfaces(decl);
        self.hardware_parts(decl);
        if let Some(app) = &decl.companion_app {
            self.companion_app(app);
        }
    }

    /// The radio and physical connections, one by one: what each is for, when it is open, how
    /// it keeps strangers out and how its traffic is protected.
    fn interfaces(&mut self, decl: &Declaration) {
        let lang = self.lang;
        self.sub("interfaces", self.e("label-f-interfaces"));
        let Some(interfaces) = &decl.interfaces else {
            self.para(Rich::text(self.e("label-not-declared")));
            return;
        };
        let tax = Taxonomy::builtin();
        let named = |en: Option<&str>, fr: Option<&str>, id: &str| -> Rich {
            match (lang, en, fr) {
                (Lang::Fr, _, Some(fr)) => Rich::text(fr),
                (_, Some(en), _) => self.catalog(en, "").into(),
                // An id the taxonomy does not know: as the maker wrote it.
                _ => Span::Own(id.to_string()).into(),
            }
        };
        let items = interfaces
            .iter()
            .map(|i| {
                let kind = tax.interface_kind(&i.kind);
                let name = named(kind.map(|k| k.en.as_str()), kind.map(|k| k.fr.as_str()), &i.kind);
                let f = |name: &str, value: Rich| self.field(Rich::text(self.e(name)), value);
                let mut details = Vec::new();
                if let Some(p) = &i.purpose {
                    details.push(f("label-iface-f-purpose", Span::Own(p.clone()).into()));
                }
                let when = if i.setup_only { "label-iface-setup-only" } else { "label-iface-always" };
                details.push(f("label-iface-f-when", Rich::text(self.e(when))));
                details
                    .push(f("label-iface-f-auth", Rich::text(self.e(interface_auth_id(i.authentication)))));
                if let Some(code) = i.code {
                    details.push(f("label-iface-f-code", Rich::text(self.e(interface_code_id(code)))));
                }
                if let Some(b) = i.brute_force_protection {
                    details.push(f("label-iface-f-brute", Rich::text(self.e(brute_id(b)))));
                }
                let protection = tax.link_protection(&i.protection);
                let protection = named(
                    protection.map(|p| p.en.as_str()),
                    protection.map(|p| p.fr.as_str()),
                    &i.protection,
                );
                details.push(f("label-iface-f-protection", protection));
                Item { details, ..Item::new(name) }
            })
            .collect();
        self.list(items, "label-interfaces-none");
    }

    /// Debug ports, boot stages and secrets one by one, when the declaration lists them (the
    /// table above sums each up).
    fn hardware_parts(&mut self, decl: &Declaration) {
        let lang = self.lang;
        let hw = &decl.hardware;
        let tax = Taxonomy::builtin();
        // A part's kind by the catalogs' name for it, else as the maker wrote it.
        let kind = |prefix: &str, id: &str| -> Rich {
            let msg = format!("{prefix}-{id}");
            if iotlabel_i18n::has(lang, &msg) {
                Rich::text(t(lang, &msg))
            } else {
                Span::Own(id.to_string()).into()
            }
        };
        if !hw.debug_ports.is_empty() {
            self.sub("debug-ports", self.e("label-f-debug-ports"));
            let items = hw
                .debug_ports
                .iter()
                .map(|p| {
                    let state = match p.state {
                        DebugPortState::Locked => "label-debug-port-locked",
                        DebugPortState::Open => "label-debug-port-open",
                    };
                    let tone = if p.state == DebugPortState::Open { Tone::Bad } else { Tone::Good };
                    self.marked(
                        tone,
                        self.field(kind("label-debug-kind", &p.kind), Rich::text(self.e(state))),
                    )
                })
                .collect();
            self.list(items, "label-none");
        }
        if !hw.boot_stages.is_empty() {
            self.sub("boot-stages", self.e("label-f-boot-stages"));
            let items = hw
                .boot_stages
                .iter()
                .map(|b| {
                    let (by, tone) = match b.verified_by {
                        BootVerification::HardwareRootOfTrust => ("label-boot-hardware-root", Tone::Good),
                        BootVerification::PreviousStage => ("label-boot-previous-stage", Tone::Good),
                        BootVerification::ApplicationOnly => ("label-boot-application-only", Tone::Bad),
                        BootVerification::None => ("label-boot-none", Tone::Bad),
                    };
                    self.marked(tone, self.field(kind("label-boot-stage", &b.stage), Rich::text(self.e(by))))
                })
                .collect();
            self.list(items, "label-none");
        }
        if !hw.secrets.is_empty() {
            self.sub("secrets", self.e("label-f-secrets"));
            let items = hw
                .secrets
                .iter()
                .map(|x| {
                    let storage = tax.secret_storage(&x.storage);
                    let place = match (lang, storage) {
                        (Lang::Fr, Some(s)) => Rich::text(s.fr.clone()),
                        (_, Some(s)) => self.en(&s.en).into(),
                        (_, None) => Span::Own(x.storage.clone()).into(),
                    };
                    let line = self.field(kind("label-secret", &x.name), place);
                    match storage {
                        Some(s) => self.marked(if s.protected { Tone::Good } else { Tone::Bad }, line),
                        None => Item::new(line),
                    }
                })
                .collect();
            self.list(items, "label-none");
        }
    }

    /// The phone app: what it receives from the device, and how it is protected.
    fn companion_app(&mut self, app: &CompanionApp) {
        let lang = self.lang;
        self.sub("companion-app", self.e("label-f-companion-app"));
        let receives: Vec<String> = app.receives.iter().map(|d| wording::data_name(lang, d)).collect();
        let receives = if receives.is_empty() {
            V::Words(self.e("label-app-receives-nothing"))
        } else {
            V::Words(receives.join(", "))
        };
        let rows = [
            ("companion_app.receives", "label-f-app-receives", receives),
            ("companion_app.encrypted", "label-f-app-encrypted", V::Bool(app.encrypted)),
            ("companion_app.authenticated", "label-f-app-authenticated", V::Bool(app.authenticated)),
        ];
        self.facts(&rows);
    }

    fn documentation(&mut self, decl: &Declaration) {
        self.top("documentation", "label-h-documentation");
        let d = &decl.documentation;
        let rows = [
            ("documentation.secure_setup_guide", "label-f-secure-setup-guide", V::Bool(d.secure_setup_guide)),
            ("documentation.setup_check_guide", "label-f-setup-check-guide", V::Bool(d.setup_check_guide)),
            (
                "documentation.minimal_setup_decisions",
                "label-f-minimal-setup-decisions",
                V::Bool(d.minimal_setup_decisions),
            ),
            (
                "documentation.justifications_recorded",
                "label-f-justifications-recorded",
                V::Bool(d.justifications_recorded),
            ),
            ("documentation.update_guidance", "label-f-update-guidance", V::Bool(d.update_guidance)),
            (
                "documentation.eu_declaration_url",
                "label-f-eu-declaration",
                V::Link(d.eu_declaration_url.clone()),
            ),
            ("documentation.risks_documented", "label-f-risks-documented", V::Bool(d.risks_documented)),
            (
                "documentation.decommissioning_guide",
                "label-f-decommissioning-guide",
                V::Bool(d.decommissioning_guide),
            ),
            ("documentation.risk_assessment", "label-f-risk-assessment", V::Bool(d.risk_assessment)),
            (
                "documentation.uk_statement_of_compliance",
                "label-f-uk-statement-of-compliance",
                V::Bool(d.uk_statement_of_compliance),
            ),
        ];
        self.facts(&rows);
    }

    /// What the buyer owns: repair, resale, the end of the maker's service (shown when the
    /// declaration says anything about it).
    fn ownership(&mut self, decl: &Declaration) {
        let lang = self.lang;
        self.top("ownership", "label-h-ownership");
        self.meaning(Msg::new("label-meaning-ownership"), &[]);
        let o = &decl.ownership;
        let battery = o.repair.battery.map(|b| {
            t(
                lang,
                match b {
                    Battery::None => "label-battery-none",
                    Battery::UserReplaceable => "label-battery-user-replaceable",
                    Battery::ServiceReplaceable => "label-battery-service-replaceable",
                    Battery::NotReplaceable => "label-battery-not-replaceable",
                },
            )
        });
        let function = o.end_of_service.function.map(|f| {
            t(
                lang,
                match f {
                    ServiceEndFunction::Full => "label-service-end-full",
                    ServiceEndFunction::Partial => "label-service-end-partial",
                    ServiceEndFunction::None => "label-service-end-none",
                },
            )
        });
        let rows = [
            ("ownership.repair.spare_parts", "label-f-spare-parts", V::Bool(o.repair.spare_parts)),
            (
                "ownership.repair.repair_information",
                "label-f-repair-information",
                V::Bool(o.repair.repair_information),
            ),
            ("ownership.repair.available_until", "label-f-repair-until", V::Date(o.repair.available_until)),
            ("ownership.repair.battery", "label-f-battery", V::Text(battery)),
            (
                "ownership.repair.independent_repair_keeps_warranty",
                "label-f-independent-repair",
                V::Bool(o.repair.independent_repair_keeps_warranty),
            ),
            (
                "ownership.transfer.without_maker_permission",
                "label-f-transfer-free",
                V::Bool(o.transfer.without_maker_permission),
            ),
            (
                "ownership.transfer.free_of_charge",
                "label-f-transfer-no-fee",
                V::Bool(o.transfer.free_of_charge),
            ),
            ("ownership.end_of_service.function", "label-f-service-end-function", V::Text(function)),
            ("ownership.end_of_service.local_api", "label-f-local-api", V::Bool(o.end_of_service.local_api)),
            (
                "ownership.end_of_service.notice_months",
                "label-f-service-end-notice",
                V::Count(o.end_of_service.notice_months),
            ),
            ("ownership.no_remote_disabling", "label-f-no-remote-disabling", V::Bool(o.no_remote_disabling)),
        ];
        self.facts(&rows);
    }

    fn frameworks(&mut self, label: &Label, report: &Report) {
        let lang = self.lang;
        self.top("frameworks", "label-h-frameworks");
        self.para(Rich::text(Msg::new("label-assessed-on").arg("date", report.as_of).text(lang)));
        self.meaning(
            Msg::new("label-meaning-frameworks"),
            &["conformant", "not-applicable", "unknown", "contradicted"],
        );
        for f in &report.frameworks {
            // The label's facts were built from this very report: one per framework.
            if let Some(fact) = label.frameworks.iter().find(|x| x.id == f.id) {
                self.framework(f, fact);
            }
        }
    }

    fn framework(&mut self, f: &FrameworkResult, fact: &FrameworkFact) {
        let lang = self.lang;
        // Short titles are proper names ("ETSI EN 303 645", "UK PSTI"), the same in every
        // language; editions are the publishers' own wording.
        let cat = self.cats.framework(f.id);
        let full = cat.map_or_else(
            || Span::Text(f.title.to_string()),
            |c| self.catalog(&c.framework.title, &c.framework.title_fr),
        );
        self.sub(&format!("fw-{}", f.id), f.title.to_string());
        self.para(Rich(vec![full, Span::Text(" (".into()), self.en(f.edition), Span::Text(")".into())]));
        // The licence's credit line (CC BY) wherever the catalog's content is shown.
        if let Some(credit) = cat.and_then(|c| c.framework.attribution.as_deref()) {
            self.para(Rich(vec![Span::Text(format!("{} ", self.e("label-attribution"))), self.en(credit)]));
        }
        // A graded scheme is judged level by level, not by its mandatory requirements.
        // Out of scope: why, with the legal reference, instead of a verdict.
        let verdict = match &f.scope {
            Some(scope) => self.reason(&scope.reason.text(lang), &[]),
            // Criteria that are all recommendations give no verdict of conformity.
            None if !fact.kind.judges_conformity() => t(lang, "label-fwv-consumer-evaluation").into(),
            None => levels_sentence(f, lang)
                .unwrap_or_else(|| {
                    t(
                        lang,
                        match f.verdict {
                            FrameworkVerdict::Conformant => "label-fwv-conformant",
                            FrameworkVerdict::NotConformant => "label-fwv-not-conformant",
                            FrameworkVerdict::Incomplete => "label-fwv-incomplete",
                            FrameworkVerdict::OutOfScope => "label-fwv-out-of-scope",
                        },
                    )
                })
                .into(),
        };
        let mut standing = self.mark(wording::framework_tone(fact));
        standing.push(Span::Text(wording::framework_text(lang, fact)));
        self.para(Span::Strong(standing.0).into());
        if !fact.paperwork_refused.is_empty() {
            let mut fields = Rich::default();
            for (i, f) in fact.paperwork_refused.iter().enumerate() {
                if i > 0 {
                    fields.push(Span::Text(", ".into()));
                }
                fields.append(self.field_title(f, true));
            }
            self.para(self.rich_msg(Msg::new("label-fw-paperwork-refused"), &[("fields", fields)]));
        }
        self.para(verdict);
        self.para(Rich::text(wording::counts_text(lang, &f.counts)));
        for l in &f.levels {
            let title = cat
                .and_then(|c| c.levels.iter().find(|x| x.id == l.id))
                .map_or_else(|| self.en(l.title), |x| self.catalog(&x.title, &x.title_fr));
            let row = LevelRow {
                id: l.id.to_string(),
                title: title.into(),
                met: l.met,
                reached: t(lang, if l.met { "label-yes" } else { "label-no" }),
                requirements: wording::counts_text(lang, &l.counts),
            };
            self.current().levels.push(row);
        }
        let summary = Msg::new("label-details-requirements").arg("count", f.requirements.len()).text(lang);
        self.current().disclosure = Some(Disclosure { summary, open: false });
        for r in &f.requirements {
            let status = t(
                lang,
                match r.status {
                    Status::Mandatory => "label-status-mandatory",
                    Status::Recommended => "label-status-recommended",
                },
            );
            let verdict = t(lang, verdict_id(r.verdict));
            let mut why = self.reason(&r.reason.text(lang), &r.missing);
            if !r.missing.is_empty() {
                why.push(Span::Text(format!(" {} ", self.e("label-missing-fields"))));
                for (i, m) in r.missing.iter().enumerate() {
                    if i > 0 {
                        why.push(Span::Text(", ".into()));
                    }
                    why.append(self.field_title(m, false));
                }
            }
            if !r.evidence.is_empty() {
                why.push(Span::Text(format!(" {} ", self.e("label-evidence-used"))));
                why.append(self.evidence_ids(&r.evidence));
            }
            let routes: Vec<RouteRow> = r.routes.iter().map(|x| self.route_row(x)).collect();
            if !routes.is_empty() {
                let texts: Vec<&str> = routes.iter().map(|x| x.text.as_str()).collect();
                why.push(Span::Text(format!(" {} {}", self.e("label-routes"), texts.join(" "))));
            }
            let title = cat
                .and_then(|c| c.requirement(r.id))
                .map_or_else(|| self.en(r.title), |q| self.catalog(&q.title, &q.title_fr));
            let row =
                RequirementRow { id: r.id.to_string(), title: title.into(), status, verdict, why, routes };
            self.current().requirements.push(row);
        }
    }

    /// A route of a requirement in a sentence: what it goes through, met or not, the reference.
    fn route_row(&self, x: &iotlabel_assess::RouteResult<'_>) -> RouteRow {
        let lang = self.lang;
        let title = |fw: &str| {
            self.cats.framework(fw).map_or_else(|| fw.to_string(), |c| c.framework.short_title.clone())
        };
        let through = match (x.scheme, &x.certificate) {
            (Some(scheme), Some(id)) => {
                Msg::new("label-route-label-held").arg("scheme", title(scheme)).arg("id", id.clone())
            }
            (Some(scheme), None) => Msg::new("label-route-label").arg("scheme", title(scheme)),
            (None, _) => {
                let fw = x.via.first().and_then(|k| k.split_once(':')).map_or("", |(fw, _)| fw);
                let ids: Vec<String> =
                    x.via.iter().filter_map(|k| k.split_once(':')).map(|(_, id)| id.to_string()).collect();
                Msg::new("label-route-via").arg("framework", title(fw)).arg("ids", ids)
            }
        };
        let text = Msg::new("label-route")
            .arg("id", x.id.to_string())
            .arg("met", t(lang, if x.met { "label-route-met" } else { "label-route-not-met" }))
            .arg("through", through.text(lang))
            .arg("reference", x.reference.to_string())
            .text(lang);
        RouteRow { id: x.id.to_string(), kind: x.kind.as_str().to_string(), met: x.met, text }
    }

    fn evidence(&mut self, label: &Label, report: &Report, decl: &Declaration) {
        let lang = self.lang;
        let cats = self.cats;
        self.top("evidence", "label-h-evidence");
        let (icon, _) = wording::attestation_summary(lang, label);
        let who = wording::attestation_sentences(lang, label).join(" ");
        self.para(Rich(vec![
            Span::Icon { icon: Icon::Status(icon), name: who.clone() },
            Span::Strong(vec![Span::Text(who)]),
        ]));
        self.meaning(Msg::new("label-meaning-evidence"), &["self-declared", "lab-tested", "evidence"]);

        self.sub("claims", self.e("label-h-claims"));
        let items: Vec<Rich> = decl
            .attestations
            .claims
            .iter()
            .map(|c| {
                let by = match &c.by {
                    Voucher::SelfDeclared => t(lang, "label-claim-self"),
                    Voucher::Lab { name } => Msg::new("label-claim-lab").arg("lab", name.clone()).text(lang),
                };
                let date = c.date.map(|d| format!(" ({})", iotlabel_i18n::date(lang, d))).unwrap_or_default();
                self.field(self.field_title(&c.field, true), Rich::text(format!("{by}{date}")))
            })
            .collect();
        self.plain_list(items, "label-none");

        self.sub("certifications", self.e("label-h-certifications"));
        let items: Vec<Rich> = decl
            .attestations
            .certifications
            .iter()
            .map(|c| {
                // A scheme we assess is named as its results above are; others as declared.
                let scheme = cats
                    .framework(&c.scheme)
                    .map_or_else(|| c.scheme.clone(), |f| f.framework.short_title.clone());
                let m = match &c.level {
                    Some(level) => Msg::new("label-certification").arg("level", level.clone()),
                    None => Msg::new("label-certification-no-level"),
                };
                let mut s =
                    m.arg("scheme", scheme).arg("id", c.id.clone()).arg("issued", c.issued).text(lang);
                if let Some(e) = c.expires {
                    s = format!("{s} {}", Msg::new("label-certification-expires").arg("date", e).text(lang));
                }
                Rich::text(s)
            })
            .collect();
        self.plain_list(items, "label-certifications-none");

        self.sub("test-evidence", self.e("label-h-test-evidence"));
        let mut items: Vec<Rich> = Vec::new();
        for c in report.controls.iter().filter(|c| !c.evidence.is_empty()) {
            let mut what = self.control_title(c.id);
            what.push(Span::Text(format!(" ({})", self.e(verdict_id(c.verdict)))));
            items.push(self.field(self.evidence_ids(&c.evidence), what));
        }
        // Requirement evidence that the controls' lines above already name is not repeated:
        // one set of those ids, so that each id is looked up once (linear in the evidence).
        let by_controls: HashSet<&str> =
            report.controls.iter().flat_map(|c| c.evidence.iter().map(String::as_str)).collect();
        for f in &report.frameworks {
            for r in f.requirements.iter().filter(|r| !r.evidence.is_empty()) {
                if r.evidence.iter().all(|e| by_controls.contains(e.as_str())) {
                    continue;
                }
                let mut what = self.requirement_ref(f.id, r.id);
                what.push(Span::Text(format!(" ({})", self.e(verdict_id(r.verdict)))));
                items.push(self.field(self.evidence_ids(&r.evidence), what));
            }
        }
        if let AttestationFact::LabTested { labs } = &label.attestation {
            items.push(Rich::text(Msg::new("label-testers").arg("labs", labs.clone()).text(lang)));
        }
        // Each item: what was observed, by whom, when, how, and with what result. Only the
        // first `EVIDENCE_SHOWN`: the page stays bounded, the label JSON has them all.
        let shown = label.evidence.len().min(EVIDENCE_SHOWN);
        for e in &label.evidence[..shown] {
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
            // The summary is the lab's own words, in a language we do not know.
            let msg = Msg::new("label-evidence-item")
                .arg("tester", e.tester.clone())
                .arg("date", e.date)
                .arg("method", t(lang, method))
                .arg("result", t(lang, result));
            let text = self.rich_msg(msg, &[("summary", Span::Own(e.summary.clone()).into())]);
            let mut name: Rich = Span::Code(e.id.clone()).into();
            name.push(Span::Text(" (".into())).append(self.evidence_about(&e.about));
            name.push(Span::Text(")".into()));
            items.push(self.field(name, text));
        }
        let listed = items.len();
        self.plain_list(items, "label-evidence-none");
        let more = label.evidence.len() - shown;
        if more > 0 {
            self.note(Rich::text(self.more_text(more)));
            self.current().items_total = Some(listed + more);
        }
        self.accepted(label);
    }

    /// The findings the lab accepts: each with what it is about, and "accepted by <who> on
    /// <when>: <why>" (until when), the lab's words kept as its own. Never left out: they do not
    /// count in the verdicts above, so the reader sees what was set aside and on whose word.
    fn accepted(&mut self, label: &Label) {
        if label.accepted.is_empty() {
            return;
        }
        let lang = self.lang;
        self.sub("accepted", self.e("label-h-accepted"));
        self.para(Rich::text(t(lang, "label-accepted-intro")));
        let items: Vec<Rich> = label
            .accepted
            .iter()
            .map(|a| {
                let msg = Msg::new("label-accepted-item").arg("who", a.who.clone()).arg("when", a.when);
                let mut text = self.rich_msg(
                    msg,
                    &[
                        ("what", Span::Own(a.what.clone()).into()),
                        ("why", Span::Own(a.why.trim_end_matches('.').to_string()).into()),
                    ],
                );
                if let Some(x) = a.expires {
                    text.push(Span::Text(format!(
                        " {}",
                        Msg::new("label-accepted-until").arg("date", x).text(lang)
                    )));
                }
                let about = a.control.as_deref().or(a.requirement.as_deref()).unwrap_or_default();
                let mut name: Rich = Span::Code(a.item.clone()).into();
                if !about.is_empty() {
                    name.push(Span::Text(" (".into())).append(self.evidence_about(about));
                    name.push(Span::Text(")".into()));
                }
                self.field(name, text)
            })
            .collect();
        self.plain_list(items, "label-none");
    }

    /// Evidence ids as codes, at most [`EVIDENCE_IDS_SHOWN`], then "and N more".
    fn evidence_ids(&self, ids: &[String]) -> Rich {
        let mut out = Rich::default();
        for (i, id) in ids.iter().take(EVIDENCE_IDS_SHOWN).enumerate() {
            if i > 0 {
                out.push(Span::Text(", ".into()));
            }
            out.push(Span::Code(id.clone()));
        }
        if ids.len() > EVIDENCE_IDS_SHOWN {
            out.push(Span::Text(format!(" {}", self.more_text(ids.len() - EVIDENCE_IDS_SHOWN))));
        }
        out
    }

    /// "and 1,234 more (see the label JSON)": what a list cut short leaves out.
    fn more_text(&self, count: usize) -> String {
        Msg::new("label-evidence-more")
            .arg("count", count)
            .arg("number", iotlabel_i18n::number(self.lang, i64::try_from(count).unwrap_or(i64::MAX)))
            .text(self.lang)
    }

    fn about(&mut self, label: &Label) {
        let lang = self.lang;
        self.top("about", "label-h-about");
        // Facts about the label itself: their keys in the label facts (`Label`).
        let rows = [
            ("id", "label-f-label-id", V::Code(label.id.clone())),
            ("digest", "label-f-digest", V::Code(label.digest.clone())),
            ("url", "label-f-label-url", V::Link(Some(label.url.clone()))),
            ("mud_url", "label-f-mud-url", V::Link(label.mud_url.clone())),
            ("as_of", "label-f-as-of", V::Date(Some(label.as_of))),
        ];
        for (field, msg, v) in rows {
            let name = t(lang, msg);
            let value = self.answer(&v);
            let fact = Fact { source: FactSource::Label, field, name, value, own_words: false };
            self.current().facts.push(fact);
        }
        self.note(Rich::text(t(lang, "label-about-digest")));
    }

    fn glossary(&mut self) {
        self.top(GLOSSARY_SECTION, "label-h-glossary");
        for &id in GLOSSARY {
            let name = t(self.lang, &format!("label-term-{id}"));
            let definition = t(self.lang, &format!("label-def-{id}"));
            self.glossary.push(GlossaryEntry { id, name, definition });
        }
    }
}

/// "What this means for you": a message, or text already in the page's language.
enum MeaningText {
    Msg(Msg),
    Plain(String),
}

impl From<Msg> for MeaningText {
    fn from(m: Msg) -> Self {
        MeaningText::Msg(m)
    }
}

impl From<String> for MeaningText {
    fn from(s: String) -> Self {
        MeaningText::Plain(s)
    }
}

/// What a buyer can do after purchase, most urgent first: each a message, chosen from the
/// label's facts (and, for what the label does not carry, the declaration).
fn after_purchase(label: &Label, decl: &Declaration) -> Vec<Msg> {
    let mut out = Vec::new();
    let changeable = decl.authentication.user_can_change_credentials != Some(false);
    if label.default_password == DefaultPasswordPolicy::Universal && changeable {
        out.push(Msg::new("label-todo-password-change"));
    }
    if label.deal_breaker("open-services").is_some() {
        out.push(Msg::new("label-todo-services"));
    }
    let no_fixes = label.updates == UpdateMechanism::None || label.support.status == SupportStatus::Ended;
    if no_fixes {
        out.push(Msg::new("label-todo-isolate"));
    } else {
        match label.updates {
            UpdateMechanism::AutomaticOptIn => out.push(Msg::new("label-todo-updates-opt-in")),
            UpdateMechanism::Manual => out.push(Msg::new("label-todo-updates-manual")),
            _ => {}
        }
        if let (SupportStatus::Supported, Some(d)) = (&label.support.status, label.support.until) {
            out.push(Msg::new("label-todo-replace").arg("date", d));
        }
    }
    if label.default_password == DefaultPasswordPolicy::UserSetAtSetup {
        out.push(Msg::new("label-todo-password-choose"));
    }
    if decl.authentication.cloud_mfa == Some(MfaSupport::Optional) {
        out.push(Msg::new("label-todo-mfa"));
    }
    if label.sensors.iter().any(|s| s.records_people && !s.physical_off) {
        out.push(Msg::new("label-todo-sensors"));
    }
    if label.data.iter().any(|d| d.shared || d.sold == Some(true)) {
        out.push(Msg::new("label-todo-privacy"));
    }
    out
}

/// Glossary terms, in the order shown (the label's data: [`iotlabel_label::page::GLOSSARY`]).
pub use iotlabel_label::page::GLOSSARY;

/// The support period in one sentence. A device that cannot be updated gets no security
/// updates, so its declared support period is not called one.
fn support_sentence(label: &Label, lang: Lang) -> String {
    if label.updates != UpdateMechanism::None {
        return wording::support_sentence(label, lang);
    }
    match (&label.support.status, label.support.until) {
        (SupportStatus::Supported, Some(d)) => {
            Msg::new("label-support-period-until").arg("date", d).text(lang)
        }
        (SupportStatus::Ended, Some(d)) => Msg::new("label-support-period-ended").arg("date", d).text(lang),
        _ => wording::field(lang, &t(lang, "label-support-icon"), &t(lang, "label-support-undeclared")),
    }
}

/// What the support period and the way updates arrive mean together.
fn updates_meaning(label: &Label, lang: Lang) -> String {
    let none = t(lang, "label-meaning-updates-none");
    match (label.updates, &label.support.status, label.support.until) {
        // No fix can reach the device, whatever support period is declared.
        (UpdateMechanism::None, SupportStatus::Supported, Some(d)) => {
            format!("{none} {}", Msg::new("label-meaning-not-updatable-period").arg("date", d).text(lang))
        }
        (UpdateMechanism::None, ..) => none,
        // Support is over: no new fix will come, however updates would be installed.
        (_, SupportStatus::Ended, Some(d)) => {
            Msg::new("label-meaning-support-ended").arg("date", d).text(lang)
        }
        (m, status, until) => {
            let support = match (status, until) {
                (SupportStatus::Supported, Some(d)) => Msg::new("label-meaning-support").arg("date", d),
                _ => Msg::new("label-meaning-support-undeclared"),
            };
            let updates = Msg::new(match m {
                UpdateMechanism::AutomaticByDefault => "label-meaning-updates-automatic",
                UpdateMechanism::AutomaticOptIn => "label-meaning-updates-opt-in",
                _ => "label-meaning-updates-manual",
            });
            format!("{} {}", support.text(lang), updates.text(lang))
        }
    }
}

/// Names every sensor without a physical switch or cover, those that can record people
/// (taxonomy `records_people`) first.
fn sensors_meaning(decl: &Declaration, lang: Lang) -> String {
    if decl.sensors.is_empty() {
        return t(lang, "label-meaning-sensors-none");
    }
    let tax = Taxonomy::builtin();
    let mut people: Vec<String> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    let mut software_off = false;
    for s in
        decl.sensors.iter().filter(|s| !matches!(s.off_switch, OffSwitch::PhysicalSwitch | OffSwitch::Cover))
    {
        software_off |= s.off_switch == OffSwitch::Software;
        // A sensor type the taxonomy does not know is treated as one that can record people.
        let records = tax.get(TermKind::Sensor, &s.kind).is_none_or(|term| term.records_people);
        let list = if records { &mut people } else { &mut others };
        let name = wording::sensor_name(lang, &s.kind);
        if !list.contains(&name) {
            list.push(name);
        }
    }
    if people.is_empty() && others.is_empty() {
        return t(lang, "label-meaning-sensors");
    }
    let count = people.len() + others.len();
    let mut parts = Vec::new();
    let any_people = !people.is_empty();
    if any_people {
        let msg = Msg::new("label-meaning-sensors-people-no-switch").arg("count", people.len());
        parts.push(msg.arg("sensors", people).text(lang));
    }
    if !others.is_empty() {
        let id = if any_people {
            "label-meaning-sensors-also-no-switch"
        } else {
            "label-meaning-sensors-no-switch"
        };
        parts.push(Msg::new(id).arg("count", others.len()).arg("sensors", others).text(lang));
    }
    if software_off {
        parts.push(t(lang, "label-meaning-sensors-off-list"));
    } else {
        parts.push(Msg::new("label-meaning-sensors-cannot-be-off").arg("count", count).text(lang));
    }
    parts.join(" ")
}

/// For a graded scheme: "Level 1 reached; level 2 not reached: 3 not met, 2 unknown."
/// `None` for a framework without levels.
fn levels_sentence(f: &FrameworkResult, lang: Lang) -> Option<String> {
    if f.levels.is_empty() {
        return None;
    }
    let reached = f.level.and_then(|id| f.levels.iter().position(|l| l.id == id));
    let next = f.levels.get(reached.map_or(0, |i| i + 1));
    let msg = match (f.level, next) {
        (Some(level), Some(next)) => Msg::new("label-level-reached-next")
            .arg("level", level.to_string())
            .arg("next", next.id.to_string())
            .arg("list", unmet_text(lang, &next.counts)),
        (Some(level), None) => Msg::new("label-level-reached-top").arg("level", level.to_string()),
        (None, Some(next)) => Msg::new("label-level-none-reached")
            .arg("next", next.id.to_string())
            .arg("list", unmet_text(lang, &next.counts)),
        (None, None) => return None,
    };
    Some(msg.text(lang))
}

/// The requirements that keep a level from being reached: "3 not met, 2 unknown".
fn unmet_text(lang: Lang, c: &iotlabel_assess::Counts) -> String {
    [
        ("label-count-fail", c.fail),
        ("label-count-contradicted", c.contradicted),
        ("label-count-unknown", c.unknown),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(id, n)| Msg::new(id).arg("count", n).text(lang))
    .collect::<Vec<_>>()
    .join(", ")
}

/// A network protocol as people write it ("HTTPS"), or "other protocol".
fn protocol_name(lang: Lang, p: Protocol) -> String {
    match p {
        Protocol::Other => t(lang, "label-protocol-other"),
        p => p.as_str().to_uppercase(),
    }
}

/// Declaration sections (and lists shown under their own heading): path, page anchor, heading.
const SECTIONS: &[(&str, &str, &str)] = &[
    ("identity", "product", "label-h-product"),
    ("authentication", "passwords", "label-h-passwords"),
    ("updates", "updates", "label-h-updates"),
    ("vulnerability_disclosure", "vulnerabilities", "label-h-vulnerabilities"),
    ("communication", "network", "label-h-network"),
    ("communication.local_services", "local-services", "label-h-local-services"),
    ("data", "data", "label-h-data"),
    ("data.collected", "data", "label-h-data"),
    ("sensors", "sensors", "label-h-sensors"),
    ("hardware", "hardware", "label-h-hardware"),
    ("software", "hardware", "label-h-hardware"),
    ("network", "network", "label-h-network"),
    ("network.cloud_endpoints", "cloud-endpoints", "label-h-cloud-endpoints"),
    ("network.local_peers", "local-peers", "label-h-local-peers"),
    ("documentation", "documentation", "label-h-documentation"),
    ("ownership", "ownership", "label-h-ownership"),
    ("interfaces", "interfaces", "label-f-interfaces"),
    // Shown under their own heading only when declared: linked to the hardware section.
    ("companion_app", "hardware", "label-f-companion-app"),
    ("hardware.debug_ports", "hardware", "label-f-debug-ports"),
    ("hardware.boot_stages", "hardware", "label-f-boot-stages"),
    ("hardware.secrets", "hardware", "label-f-secrets"),
    ("market", "product", "label-f-market"),
    ("attestations", "evidence", "label-h-evidence"),
    ("attestations.claims", "claims", "label-h-claims"),
    ("attestations.certifications", "certifications", "label-h-certifications"),
];

fn section_anchor(section: &str) -> Option<&'static str> {
    SECTIONS.iter().find(|(p, _, _)| *p == section).map(|(_, a, _)| *a)
}

/// `text` without its parentheses that hold only field paths all in `listed` (" (a.b, c.d)").
fn drop_listed_fields(text: &str, listed: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(" (") {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let inner = &rest[open + 2..close];
        let all_listed = !inner.is_empty() && inner.split(", ").all(|p| listed.contains(&p));
        out.push_str(&rest[..open]);
        if !all_listed {
            out.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The page's name for a declaration field path (list indices ignored) and the anchor of the
/// section showing it: the field's own name ([`FIELDS`]), else the section's or list's
/// ([`SECTIONS`]), else that of the closest enclosing part that has one. `None` for a path
/// outside the declaration.
fn field_name(path: &str) -> Option<(Option<&'static str>, &'static str)> {
    let mut path: String = path
        .split('[')
        .enumerate()
        .map(|(i, p)| if i == 0 { p } else { p.split_once(']').map_or("", |(_, r)| r) })
        .collect();
    let section = section_anchor(path.split('.').next().unwrap_or_default());
    loop {
        if let Some((_, msg)) = FIELDS.iter().find(|(p, _)| *p == path) {
            return Some((section, msg));
        }
        if let Some((_, anchor, msg)) = SECTIONS.iter().find(|(p, _, _)| *p == path) {
            return Some((Some(*anchor), msg));
        }
        path.truncate(path.rfind('.')?);
    }
}

/// Declaration fields the page shows as rows of its fact tables: path and row name.
const FIELDS: &[(&str, &str)] = &[
    ("identity.manufacturer.name", "label-f-manufacturer"),
    ("identity.manufacturer.country", "label-f-country"),
    ("identity.manufacturer.website", "label-f-website"),
    ("identity.manufacturer.address", "label-f-address"),
    ("identity.manufacturer.contact_email", "label-f-contact-email"),
    ("identity.brand", "label-f-brand"),
    ("identity.model", "label-f-model"),
    ("identity.hardware_version", "label-f-hardware-version"),
    ("identity.firmware_version", "label-f-firmware-version"),
    ("identity.gtin", "label-f-gtin"),
    ("identity.device_type", "label-f-device-type"),
    ("identity.release_date", "label-f-release-date"),
    ("identity.model_marked_on_device", "label-f-model-marked"),
    ("identity.intended_use", "label-f-intended-use"),
    ("updates.mechanism", "label-f-update-mechanism"),
    ("updates.support_end", "label-f-support-end"),
    // The same field, for a device that cannot be updated (no promise of security updates).
    ("updates.support_end", "label-f-support-period-end"),
    ("updates.expected_use_months", "label-f-expected-use"),
    ("updates.support_period_url", "label-f-support-period-url"),
    ("updates.signed", "label-f-signed"),
    ("updates.verified_on_device", "label-f-verified-on-device"),
    ("updates.secure_delivery", "label-f-secure-delivery"),
    ("updates.time_to_fix_days", "label-f-time-to-fix"),
    ("updates.notification", "label-f-notification"),
    ("updates.periodic_check", "label-f-periodic-check"),
    ("updates.user_can_defer", "label-f-user-can-defer"),
    ("updates.warns_of_disruption", "label-f-warns-of-disruption"),
    ("updates.all_components_updatable", "label-f-all-components-updatable"),
    ("updates.free_of_charge", "label-f-free-of-charge"),
    ("updates.security_separate_from_features", "label-f-security-separate"),
    ("updates.not_updatable_rationale", "label-f-not-updatable-rationale"),
    ("authentication.default_password", "label-f-default-password"),
    ("authentication.unique_passwords_random", "label-f-unique-passwords-random"),
    ("authentication.local_login", "label-f-local-login"),
    ("authentication.remote_login", "label-f-remote-login"),
    ("authentication.cloud_mfa", "label-f-cloud-mfa"),
    ("authentication.brute_force_protection", "label-f-brute-force"),
    ("authentication.best_practice_crypto", "label-f-best-practice-crypto"),
    ("authentication.user_can_change_credentials", "label-f-user-can-change-credentials"),
    ("authentication.machine_credentials_unique", "label-f-machine-credentials-unique"),
    ("vulnerability_disclosure.contact", "label-f-contact"),
    ("vulnerability_disclosure.policy_url", "label-f-policy-url"),
    ("vulnerability_disclosure.acknowledgement_days", "label-f-acknowledgement-days"),
    ("vulnerability_disclosure.status_update_days", "label-f-status-update-days"),
    ("vulnerability_disclosure.monitors_vulnerabilities", "label-f-monitors-vulnerabilities"),
    ("vulnerability_disclosure.publishes_advisories", "label-f-publishes-advisories"),
    ("vulnerability_disclosure.known_exploitable_at_release", "label-f-known-exploitable"),
    ("data.encrypted_at_rest", "label-f-encrypted-at-rest"),
    ("data.personal_data_encrypted_in_transit", "label-f-personal-data-encrypted-in-transit"),
    ("data.deletion_on_request", "label-f-deletion-on-request"),
    ("data.deletion_on_factory_reset", "label-f-deletion-on-factory-reset"),
    ("data.deletion_instructions", "label-f-deletion-instructions"),
    ("data.deletion_confirmed", "label-f-deletion-confirmed"),
    ("data.privacy_policy_url", "label-f-privacy-policy"),
    ("data.consent_based", "label-f-consent-based"),
    ("data.consent_withdrawable", "label-f-consent-withdrawable"),
    ("data.minimised", "label-f-minimised"),
    ("data.anonymised", "label-f-anonymised"),
    ("data.portable", "label-f-portable"),
    ("data.telemetry", "label-f-telemetry"),
    ("data.telemetry.collected", "label-f-telemetry"),
    ("data.telemetry.described_to_user", "label-f-telemetry-described"),
    ("data.telemetry.personal_data_minimised", "label-f-telemetry-minimised"),
    ("data.telemetry.examined_for_anomalies", "label-f-telemetry-examined"),
    ("communication.offline_function", "label-f-offline-function"),
    ("communication.encryption_in_transit", "label-f-encryption-in-transit"),
    ("communication.min_tls_version", "label-f-min-tls"),
    ("communication.remote_access", "label-f-remote-access"),
    ("communication.network_functions_authenticated", "label-f-network-functions-authenticated"),
    ("communication.config_changes_authenticated", "label-f-config-changes-authenticated"),
    ("communication.secrets_encrypted_in_transit", "label-f-secrets-encrypted-in-transit"),
    ("communication.reviewed_implementations", "label-f-reviewed-implementations"),
    ("communication.crypto_agile", "label-f-crypto-agile"),
    ("communication.dos_resilient", "label-f-dos-resilient"),
    ("communication.orderly_reconnection", "label-f-orderly-reconnection"),
    ("network.mud_url", "label-f-mud-url"),
    ("hardware.secure_boot", "label-f-secure-boot"),
    ("hardware.debug_interfaces", "label-f-debug-interfaces"),
    ("hardware.debug_ports_physically_protected", "label-f-debug-protected"),
    ("hardware.secure_element", "label-f-secure-element"),
    ("hardware.secrets_stored_securely", "label-f-secrets-stored-securely"),
    ("hardware.tamper_resistant_identity", "label-f-tamper-resistant-identity"),
    ("hardware.memory_protection", "label-f-memory-protection"),
    ("hardware.unneeded_physical_interfaces_removed", "label-f-unneeded-interfaces-removed"),
    ("companion_app.receives", "label-f-app-receives"),
    ("companion_app.encrypted", "label-f-app-encrypted"),
    ("companion_app.authenticated", "label-f-app-authenticated"),
    ("market.regions", "label-f-market-regions"),
    ("market.regimes", "label-f-market-regimes"),
    ("market.consumer_use", "label-f-consumer-use"),
    ("software.sbom", "label-f-sbom"),
    ("software.no_hardcoded_secrets", "label-f-no-hardcoded-secrets"),
    ("software.per_device_service_keys", "label-f-per-device-keys"),
    ("software.key_lifecycle_managed", "label-f-key-lifecycle"),
    ("software.secure_development", "label-f-secure-development"),
    ("software.minimal_services", "label-f-minimal-services"),
    ("software.minimal_code", "label-f-minimal-code"),
    ("software.least_privilege", "label-f-least-privilege"),
    ("software.input_validation", "label-f-input-validation"),
    ("software.exploit_mitigations", "label-f-exploit-mitigations"),
    ("software.tamper_response", "label-f-tamper-response"),
    ("software.security_logging", "label-f-security-logging"),
    ("software.security_testing", "label-f-security-testing"),
    ("software.secure_by_default", "label-f-secure-by-default"),
    ("documentation.secure_setup_guide", "label-f-secure-setup-guide"),
    ("documentation.setup_check_guide", "label-f-setup-check-guide"),
    ("documentation.minimal_setup_decisions", "label-f-minimal-setup-decisions"),
    ("documentation.justifications_recorded", "label-f-justifications-recorded"),
    ("documentation.update_guidance", "label-f-update-guidance"),
    ("documentation.eu_declaration_url", "label-f-eu-declaration"),
    ("documentation.risks_documented", "label-f-risks-documented"),
    ("documentation.decommissioning_guide", "label-f-decommissioning-guide"),
    ("documentation.risk_assessment", "label-f-risk-assessment"),
    ("documentation.uk_statement_of_compliance", "label-f-uk-statement-of-compliance"),
    ("ownership.repair.spare_parts", "label-f-spare-parts"),
    ("ownership.repair.repair_information", "label-f-repair-information"),
    ("ownership.repair.available_until", "label-f-repair-until"),
    ("ownership.repair.battery", "label-f-battery"),
    ("ownership.repair.independent_repair_keeps_warranty", "label-f-independent-repair"),
    ("ownership.transfer.without_maker_permission", "label-f-transfer-free"),
    ("ownership.transfer.free_of_charge", "label-f-transfer-no-fee"),
    ("ownership.end_of_service.function", "label-f-service-end-function"),
    ("ownership.end_of_service.local_api", "label-f-local-api"),
    ("ownership.end_of_service.notice_months", "label-f-service-end-notice"),
    ("ownership.no_remote_disabling", "label-f-no-remote-disabling"),
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

fn interface_auth_id(a: InterfaceAuth) -> &'static str {
    match a {
        InterfaceAuth::None => "label-iface-auth-none",
        InterfaceAuth::PhysicalPresence => "label-iface-auth-physical-presence",
        InterfaceAuth::Pin => "label-iface-auth-pin",
        InterfaceAuth::Password => "label-iface-auth-password",
        InterfaceAuth::NumericComparison => "label-iface-auth-numeric-comparison",
        InterfaceAuth::OutOfBand => "label-iface-auth-out-of-band",
        InterfaceAuth::Certificate => "label-iface-auth-certificate",
        InterfaceAuth::SharedKey => "label-iface-auth-shared-key",
    }
}

fn interface_code_id(c: InterfaceCode) -> &'static str {
    match c {
        InterfaceCode::UniquePerDevice => "label-iface-code-unique-per-device",
        InterfaceCode::Universal => "label-iface-code-universal",
        InterfaceCode::UserSet => "label-iface-code-user-set",
        InterfaceCode::PerSession => "label-iface-code-per-session",
    }
}

fn brute_id(b: BruteForceProtection) -> &'static str {
    match b {
        BruteForceProtection::RateLimit => "label-brute-rate-limit",
        BruteForceProtection::Lockout => "label-brute-lockout",
        BruteForceProtection::IncreasingDelay => "label-brute-increasing-delay",
        BruteForceProtection::None => "label-brute-none",
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
fn link(u: &str) -> Span {
    let u = u.trim();
    if u.starts_with("https://") || u.starts_with("http://") || u.starts_with("mailto:") {
        Span::Link { href: u.to_string(), text: u.strip_prefix("mailto:").unwrap_or(u).to_string() }
    } else if u.contains('@') && !u.contains(' ') {
        Span::Link { href: format!("mailto:{u}"), text: u.to_string() }
    } else {
        Span::Text(u.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iotlabel_label::facts::{LabelInput, build};
    use iotlabel_testkit::{as_of, root};

    fn lab_evidence() -> Evidence {
        let path = root().join("examples/evidence/acme-cam-2-lab.json");
        let text = std::fs::read_to_string(path).unwrap();
        iotlabel_model::parse_evidence("acme-cam-2-lab.json", &text, Format::Json).unwrap()
    }

    /// The data version of the page names each declared fact by its field path, and the name it
    /// gives is the one the page uses for that field elsewhere (reasons' missing fields, claims);
    /// facts about the label name a key of the label facts.
    #[test]
    fn page_content_facts_name_their_fields() {
        let evidence = lab_evidence();
        for (name, decl) in iotlabel_testkit::examples() {
            let ev = (name == "acme-cam-2").then_some(&evidence);
            let report = iotlabel_testkit::engine().assess(&decl, ev, &[], as_of());
            let label = build(&LabelInput {
                decl: &decl,
                evidence: ev,
                report: &report,
                base_url: "https://r.example/l/",
            });
            let keys = serde_json::to_value(&label).unwrap();
            for lang in Lang::ALL {
                let content = page_content(&label, &report, &decl, lang);
                let facts = content
                    .sections
                    .iter()
                    .flat_map(|s| s.facts.iter().chain(s.sections.iter().flat_map(|x| &x.facts)));
                let mut n = 0;
                for f in facts {
                    n += 1;
                    match f.source {
                        FactSource::Declaration => assert!(
                            FIELDS.iter().any(|(p, m)| *p == f.field && t(lang, m) == f.name),
                            "{name} {lang:?}: `{}` named `{}`",
                            f.field,
                            f.name
                        ),
                        FactSource::Label => {
                            assert!(keys.get(f.field).is_some(), "{name}: label.{}", f.field)
                        }
                    }
                    assert!(!f.value.plain().is_empty(), "{name} {lang:?}: {f:?}");
                }
                assert!(n > 100, "{name} {lang:?}: {n} facts");
            }
        }
    }

    #[test]
    fn every_field_the_catalogs_read_has_a_name_on_the_page() {
        for c in &Catalogs::builtin().controls.controls {
            for path in &c.reads {
                let known =
                    FIELDS.iter().any(|(p, _)| p == path) || SECTIONS.iter().any(|(p, _, _)| p == path);
                assert!(known, "control {}: no name for `{path}`", c.id);
            }
        }
        for lang in Lang::ALL {
            for (_, msg) in FIELDS {
                assert!(iotlabel_i18n::has(lang, msg), "{msg}");
            }
            for (_, _, msg) in SECTIONS {
                assert!(iotlabel_i18n::has(lang, msg), "{msg}");
            }
        }
    }

    /// Field paths in the engine's sentences are named in words and kept as keys; addresses and
    /// other words with dots are left alone.
    #[test]
    fn reasons_name_fields_in_words() {
        let cats = Catalogs::builtin();
        for lang in Lang::ALL {
            let b = Builder { lang, cats, sections: Vec::new(), glossary: Vec::new() };
            let text = "Not said (ownership.repair.spare_parts, communication.local_services[1].port). \
                        See acme.example/.well-known/security.txt or updates.support_end.";
            let rich = b.reason(text, &[]);
            let plain = rich.plain();
            let spare = t(lang, "label-f-spare-parts");
            let services = t(lang, "label-h-local-services");
            let support = t(lang, "label-f-support-end");
            assert_eq!(
                plain,
                format!(
                    "Not said ({spare}, {services}). See acme.example/.well-known/security.txt or {support}."
                )
            );
            let keys: Vec<&str> = rich
                .spans()
                .into_iter()
                .filter_map(|s| match s {
                    Span::Ref { key, .. } => Some(key.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(
                keys,
                [
                    "ownership.repair.spare_parts",
                    "communication.local_services[1].port",
                    "updates.support_end"
                ]
            );
            // A path outside the declaration is not a field: left as written, even when it
            // starts like one (a domain name).
            assert_eq!(b.reason("see foo.bar_baz", &[]).plain(), "see foo.bar_baz");
            assert_eq!(
                b.reason("sent to data.acme.com and network.example", &[]).plain(),
                "sent to data.acme.com and network.example"
            );
            assert!(
                iotlabel_model::validate::is_field_path("interfaces.protection")
                    && iotlabel_model::validate::is_field_path("hardware.secrets[2].storage")
            );
            // Fields the facts missing name right after are not said twice.
            let listed = ["data.anonymised", "data.minimised"];
            let rich =
                b.reason("Not said (data.anonymised, data.minimised). Fails (data.portable).", &listed);
            let portable = t(lang, "label-f-portable");
            assert_eq!(rich.plain(), format!("Not said. Fails ({portable})."));
        }
    }

    /// Where data is kept is said by name, never by code.
    #[test]
    fn regions_are_named() {
        let cats = Catalogs::builtin();
        let fr = Builder { lang: Lang::Fr, cats, sections: Vec::new(), glossary: Vec::new() };
        assert_eq!(fr.region("EU").plain(), "Union européenne");
        assert_eq!(fr.region("US").0, [Span::Lang { lang: "en", text: "United States".into() }]);
        assert_eq!(fr.region("Mars base").0, [Span::Own("Mars base".into())]);
    }
}
