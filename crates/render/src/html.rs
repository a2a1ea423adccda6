//! The secondary layer: the complete online page behind the QR code.
//!
//! One HTML5 document, semantic and accessible: `lang` on the root (and on each language's
//! section when two are shown), one `h1` (the product), `h2` sections (`h3` under a language
//! heading when two languages are shown), lists, a captioned table of requirement verdicts per
//! framework, a glossary, the primary layer inline as an image with a text alternative. No
//! JavaScript; the small inline style sheet is optional (the page reads the same without it);
//! near-black on white. Every word comes from `locales/<lang>/label.ftl` or bilingual data.
//!
//! The same content is available as data, for machines: [`page_content`] gives one language's
//! page section by section ([`PageContent`]: headings, paragraphs, lists, declared facts with
//! their field paths, "what this means for you" notes with their glossary terms, framework
//! verdicts with their reasons, the glossary). It is recorded by the very calls that write the
//! HTML, so the page and its JSON cannot say different things.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::NaiveDate;
use iotlabel_assess::{FrameworkResult, FrameworkVerdict, Report, Verdict};
use iotlabel_catalog::{Catalogs, Status};
use iotlabel_i18n::{Lang, Msg};
use iotlabel_label::page::*;
use iotlabel_model::*;

use crate::icons;
use crate::svg;
use crate::wording::{self, t, xml};
use iotlabel_label::facts::{AttestationFact, FrameworkFact, Label, Offline, SupportStatus, Tone};

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
dt{font-weight:bold;margin-top:0.5rem}\
.deals{background:#000;color:#fff;padding:0.25rem 1rem;margin:0.5rem 0}\
.deals-none{background:#fff;color:#111;border:3px solid #111}\
.mark{font-weight:bold}\
summary{cursor:pointer;font-weight:bold;margin:0.5rem 0}\
td,th,caption,li,p,dd,dt,a,summary{overflow-wrap:anywhere}\
svg{max-width:100%}";

/// The secondary layer: a complete HTML5 page in one language, or in two (one section each).
pub fn page(label: &Label, report: &Report, decl: &Declaration, langs: &[Lang]) -> String {
    let langs: &[Lang] = if langs.is_empty() { &[Lang::En] } else { langs };
    let first = langs[0];
    let mut out = String::with_capacity(200_000);
    let title: Vec<String> = langs.iter().map(|&l| wording::title(label, l)).collect();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        first.code(),
        xml(&title.join(" / ")),
    );
    let _ = writeln!(out, "<h1>{}</h1>", xml(&wording::product_name(label)));
    if langs.len() > 1 {
        out.push_str("<nav><ul>\n");
        for (i, &lang) in langs.iter().enumerate() {
            let s = Section::new(lang, i == 0, 2, report.catalogs);
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
        let mut s = Section::new(lang, i == 0, if langs.len() > 1 { 3 } else { 2 }, report.catalogs);
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

/// One language's page as data: the same sections, sentences and facts as [`page`] shows.
pub fn page_content(label: &Label, report: &Report, decl: &Declaration, lang: Lang) -> PageContent {
    let mut s = Section::new(lang, true, 2, report.catalogs);
    s.body(label, report, decl);
    s.content(label)
}

/// One language's part of the page.
struct Section<'r> {
    lang: Lang,
    /// The catalogs that judged the report shown.
    cats: &'r Catalogs,
    /// The first language's ids carry no suffix (`#glossary`); the others end in `-<lang>`.
    first: bool,
    /// Level of the section headings (2 for one language, 3 under a language heading).
    h: u8,
    out: String,
    /// What `out` says, as data (see [`PageContent`]).
    sections: Vec<PageSection>,
    glossary: Vec<GlossaryEntry>,
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
    /// English words (a country's ISO short name) on a page in any language.
    En(String),
    Code(String),
    /// The manufacturer's own words, in a language the declaration does not state.
    Free(Option<String>),
}

impl<'r> Section<'r> {
    fn new(lang: Lang, first: bool, h: u8, cats: &'r Catalogs) -> Section<'r> {
        Section { lang, cats, first, h, out: String::new(), sections: Vec::new(), glossary: Vec::new() }
    }

    /// The content recorded while writing the page.
    fn content(self, label: &Label) -> PageContent {
        PageContent {
            lang: self.lang.code(),
            title: wording::title(label, self.lang),
            product: wording::product_name(label),
            sections: self.sections,
            glossary: self.glossary,
        }
    }

    /// The section being written: the last one opened (a top-level section or one under it).
    fn current(&mut self) -> &mut PageSection {
        let top = self.current_top();
        if top.sections.is_empty() { top } else { top.sections.last_mut().expect("not empty") }
    }

    /// A paragraph (its content already HTML).
    fn para(&mut self, html: &str) {
        let _ = writeln!(self.out, "<p>{html}</p>");
        let text = plain(html);
        self.current().text.push(text);
    }

    fn id(&self, name: &str) -> String {
        if self.first { name.to_string() } else { format!("{name}-{}", self.lang.code()) }
    }

    /// Escaped message text.
    fn e(&self, id: &str) -> String {
        xml(&t(self.lang, id))
    }

    fn heading(&mut self, level: u8, id: &str, msg: &str) {
        let text = t(self.lang, msg);
        self.heading_text(level, id, text);
    }

    /// A heading of the section's level (a new section) or one below (a part of the section).
    fn heading_text(&mut self, level: u8, id: &str, text: String) {
        let _ = writeln!(self.out, "<h{level} id=\"{}\">{}</h{level}>", self.id(id), xml(&text));
        let section = PageSection { id: id.to_string(), heading: text, ..PageSection::default() };
        if level <= self.h || self.sections.is_empty() {
            self.sections.push(section);
        } else {
            self.current_top().sections.push(section);
        }
    }

    /// The last top-level section (every part of the page is written under a heading).
    fn current_top(&mut self) -> &mut PageSection {
        if self.sections.is_empty() {
            self.sections.push(PageSection::default());
        }
        self.sections.last_mut().expect("not empty")
    }

    /// English-only text (catalog titles, reasons) inside a page in another language.
    fn en(&self, s: &str) -> String {
        match self.lang {
            Lang::En => xml(s),
            _ => format!("<span lang=\"en\">{}</span>", xml(s)),
        }
    }

    /// Text in a language we do not know (the manufacturer's or a lab's own words): marked
    /// `lang=""` so that screen readers do not read it as the page's language.
    fn free(&self, s: &str) -> String {
        format!("<span lang=\"\">{}</span>", xml(s))
    }

    /// A message whose arguments are already HTML: its own words are escaped, the arguments
    /// are inserted as they are.
    fn html_msg(&self, mut msg: Msg, args: &[(&'static str, &str)]) -> String {
        // Private-use characters stand for the arguments while the message is escaped.
        let mark = |i: usize| char::from_u32(0xE000 + i as u32).unwrap_or('\u{E000}');
        for (i, (name, _)) in args.iter().enumerate() {
            msg = msg.arg(name, mark(i).to_string());
        }
        let mut out = xml(&msg.text(self.lang));
        for (i, (_, html)) in args.iter().enumerate() {
            out = out.replacen(mark(i), html, 1);
        }
        out
    }

    /// "What: answer" with the language's punctuation, both parts already HTML.
    fn field_html(&self, name: &str, value: &str) -> String {
        self.html_msg(Msg::new("label-field"), &[("name", name), ("value", value)])
    }

    /// A declaration field or section, as the page names it, linked to the section showing it;
    /// the field path stays in a `title` attribute.
    fn field_title(&self, path: &str, linked: bool) -> String {
        let section = path.split(['.', '[']).next().unwrap_or_default();
        let (anchor, text) = match FIELDS.iter().find(|(p, _)| *p == path) {
            Some((_, msg)) => (section_anchor(section), Some(self.e(msg))),
            None => match SECTIONS.iter().find(|(p, _, _)| *p == path) {
                Some((_, anchor, msg)) => (Some(*anchor), Some(self.e(msg))),
                None => (section_anchor(section), None),
            },
        };
        let text = match text {
            Some(t) => t,
            // A path the page does not show on its own: its section, then the path.
            None => match SECTIONS.iter().find(|(p, _, _)| *p == section) {
                Some((_, _, msg)) => format!("{} (<code>{}</code>)", self.e(msg), xml(path)),
                None => return format!("<code>{}</code>", xml(path)),
            },
        };
        match anchor {
            Some(a) if linked => {
                format!("<a href=\"#{}\" title=\"{}\">{text}</a>", self.id(a), xml(path))
            }
            _ => format!("<span title=\"{}\">{text}</span>", xml(path)),
        }
    }

    /// A common control by its title in the page's language; the id stays in a `title`.
    fn control_title(&self, id: &str) -> String {
        match self.cats.control(id) {
            Some(c) => format!("<span title=\"{}\">{}</span>", xml(id), self.catalog(&c.title, &c.title_fr)),
            None => format!("<code>{}</code>", xml(id)),
        }
    }

    /// "requirement 2 of UK PSTI, “title”" for a framework id and requirement id.
    fn requirement_ref(&self, framework: &str, id: &str) -> String {
        let cat = self.cats.framework(framework);
        let Some(req) = cat.and_then(|c| c.requirement(id)) else {
            return format!("<code>{}:{}</code>", xml(framework), xml(id));
        };
        let name = cat.map_or(framework, |c| c.framework.short_title.as_str());
        self.html_msg(
            Msg::new("label-requirement-ref"),
            &[
                ("id", &xml(&req.id)),
                ("framework", &xml(name)),
                ("title", &self.catalog(&req.title, &req.title_fr)),
            ],
        )
    }

    /// What an evidence item is about: a common control, or `framework:requirement`.
    fn evidence_about(&self, about: &str) -> String {
        match about.split_once(':') {
            Some((framework, id)) => self.requirement_ref(framework, id),
            None => self.control_title(about),
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
    fn meaning(&mut self, text: impl Into<Text>, terms: &[&'static str]) {
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
        let glossary =
            terms.iter().zip(&links).map(|(&id, link)| TermRef { id, name: plain(link) }).collect();
        self.current().meaning = Some(Meaning { text, glossary });
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
            V::En(w) => self.en(w),
            V::Code(c) => format!("<code>{}</code>", xml(c)),
            V::Free(Some(s)) => self.free(s),
            V::Bool(None)
            | V::Text(None)
            | V::Link(None)
            | V::Days(None)
            | V::Count(None)
            | V::Date(None)
            | V::Free(None) => nd(),
        }
    }

    /// The declared facts of one section: a two-column table. Each row: the field's path in the
    /// declaration, its name (as in [`FIELDS`]) and its answer.
    fn facts(&mut self, id: &str, rows: &[(&'static str, &str, V)]) {
        // Behind a disclosure: the summary comes first, every declared fact one click away
        // (`<details>` opens without CSS or JavaScript).
        let _ = writeln!(self.out, "<details>\n<summary>{}</summary>", self.e("label-details-facts"));
        let _ = writeln!(
            self.out,
            "<table id=\"{}\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            self.id(id),
            self.e("label-declared-caption"),
            self.e("label-col-fact"),
            self.e("label-col-answer"),
        );
        for (field, msg, v) in rows {
            let name = t(self.lang, msg);
            let answer = self.answer(v);
            let _ = writeln!(self.out, "<tr><th scope=\"row\">{}</th><td>{answer}</td></tr>", xml(&name));
            let fact = Fact {
                source: FactSource::Declaration,
                field,
                name,
                value: plain(&answer),
                own_words: matches!(v, V::Free(Some(_))),
            };
            self.current().facts.push(fact);
        }
        self.out.push_str("</tbody>\n</table>\n</details>\n");
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
        let h = self.h;
        self.heading(h, "summary", "label-h-summary");
        self.deal_breakers(label);
        let desc = wording::description(label, lang);
        let svg = svg::primary(label, &[lang]);
        // Inline, the panel is one image named by its whole description.
        let code = lang.code();
        let svg = svg.replacen(
            &format!("aria-labelledby=\"label-title-{code} label-desc-{code}\""),
            &format!("class=\"panel\" aria-label=\"{}\"", xml(&desc)),
            1,
        );
        let caption = t(lang, "label-panel-caption");
        let _ = write!(self.out, "<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n", svg, xml(&caption));
        self.current().figure = Some(Figure { description: desc, caption });
        self.out.push_str("<div class=\"answers\">\n");
        // A sentence, not the box's two lines glued with a colon.
        let support = support_sentence(label, lang);
        let mut items = vec![format!("{}{}", self.mark(label.answers.support.tone), xml(&support))];
        for r in wording::answer_rows(lang, label) {
            let line = wording::field(lang, &t(lang, r.what), &r.answer);
            items.push(format!("{}{}", self.mark(r.tone), xml(&line)));
        }
        items.push(format!(
            "{}{}",
            self.mark(wording::attestation_tone(label)),
            xml(&wording::attestation_sentences(lang, label).join(" "))
        ));
        self.list(&items, "label-none");
        self.out.push_str("</div>\n");
    }

    /// "What to do after purchase": the few things a buyer can do, from the label's facts.
    fn after_purchase(&mut self, label: &Label, decl: &Declaration) {
        let h4 = self.h + 1;
        self.heading(h4, "after-purchase", "label-h-after-purchase");
        let items: Vec<String> =
            after_purchase(label, decl).iter().map(|m| xml(&m.text(self.lang))).collect();
        self.list(&items, "label-todo-nothing");
    }

    /// The deal-breakers, first on the page: reverse type with a warning mark, each with why it
    /// matters; or "no serious problems found" with a tick.
    fn deal_breakers(&mut self, label: &Label) {
        let lang = self.lang;
        let heading = xml(&wording::deal_heading(label, lang));
        if label.deal_breakers.is_empty() {
            self.out.push_str("<div class=\"deals deals-none\">\n");
            self.para(&format!("<strong>{}{heading}</strong>", self.mark(Tone::Good)));
            self.out.push_str("</div>\n");
            return;
        }
        self.out.push_str("<div class=\"deals\">\n");
        let warning = format!(
            "<span class=\"mark\" role=\"img\" aria-label=\"{}\">⚠</span> ",
            self.e("label-mark-warning")
        );
        self.para(&format!("<strong>{warning}{heading}</strong>"));
        let items: Vec<String> = label
            .deal_breakers
            .iter()
            .map(|d| {
                format!(
                    "{}<strong>{}</strong> {}",
                    self.mark(Tone::Bad),
                    xml(&wording::deal_text(lang, d)),
                    xml(&wording::deal_why(lang, d))
                )
            })
            .collect();
        self.list(&items, "label-none");
        self.out.push_str("</div>\n");
    }

    /// An answer's mark (tick or cross) with its name for screen readers; nothing for neither.
    fn mark(&self, tone: Tone) -> String {
        match wording::mark_name(self.lang, tone) {
            Some(name) => format!(
                "<span class=\"mark\" role=\"img\" aria-label=\"{}\">{}</span> ",
                xml(&name),
                wording::mark(tone)
            ),
            None => String::new(),
        }
    }

    fn product(&mut self, label: &Label, decl: &Declaration) {
        let h = self.h;
        self.heading(h, "product", "label-h-product");
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
        self.facts("product-facts", &rows);
    }

    fn updates(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "updates", "label-h-updates");
        self.para(&format!("<strong>{}</strong>", xml(&support_sentence(label, lang))));
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
        self.facts("updates-facts", &rows);
    }

    fn passwords(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "passwords", "label-h-passwords");
        let a = &decl.authentication;
        self.para(&format!(
            "<strong>{}</strong>",
            xml(&wording::field(
                lang,
                &t(lang, "label-password"),
                &wording::password_text(lang, a.default_password)
            ))
        ));
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
        self.facts("passwords-facts", &rows);
    }

    fn vulnerabilities(&mut self, label: &Label, decl: &Declaration) {
        let h = self.h;
        self.heading(h, "vulnerabilities", "label-h-vulnerabilities");
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
        self.facts("vulnerabilities-facts", &rows);
    }

    fn sensors(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "sensors", "label-h-sensors");
        let items: Vec<(String, String, Vec<String>)> = decl
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
                (self.icon(icons::sensor(&s.kind), &name), name, details.iter().map(|d| xml(d)).collect())
            })
            .collect();
        self.detailed_list(&items, "label-sensors-none");
        if !label.sensors_declared_absent.is_empty() {
            let names: Vec<String> = label
                .sensors_declared_absent
                .iter()
                .map(|k| wording::sensor_name(lang, k).to_lowercase())
                .collect();
            let note = Msg::new("label-sensors-declared-absent").arg("sensors", names).text(lang);
            self.para(&xml(&note));
        }
        self.meaning(sensors_meaning(decl, lang), &["sensor-indicator"]);
    }

    fn data(&mut self, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "data", "label-h-data");
        let d = &decl.data;
        let items: Vec<(String, String, Vec<String>)> = d
            .collected
            .iter()
            .map(|item| {
                let name = wording::data_name(lang, &item.kind);
                let shared = if item.shared_with.is_empty() {
                    self.e("label-nobody")
                } else {
                    self.free(&item.shared_with.join(", "))
                };
                let retention = match item.retention_days {
                    Some(n) => Msg::new("label-days").arg("count", n).text(lang),
                    None => t(lang, "label-not-declared"),
                };
                let details = [
                    self.field_html(&self.e("label-data-purpose"), &self.free(&item.purpose)),
                    self.field_html(
                        &self.e("label-data-stored"),
                        &xml(&wording::stored_text(lang, item.stored)),
                    ),
                    self.field_html(
                        &self.e("label-data-region"),
                        &item.region.as_deref().map_or_else(|| self.e("label-not-declared"), xml),
                    ),
                    self.field_html(&self.e("label-data-shared"), &shared),
                    self.field_html(
                        &self.e("label-data-sold"),
                        &xml(&match item.sold {
                            Some(b) => yes_no(lang, b),
                            None => t(lang, "label-not-declared"),
                        }),
                    ),
                    self.field_html(&self.e("label-data-retention"), &xml(&retention)),
                ];
                (self.icon(icons::data(&item.kind), &name), name, details.to_vec())
            })
            .collect();
        self.detailed_list(&items, "label-data-none");
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
        self.facts("data-facts", &rows);
    }

    fn network(&mut self, label: &Label, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "network", "label-h-network");
        let c = &decl.communication;
        self.para(&format!(
            "<strong>{}</strong>",
            xml(&wording::field(
                lang,
                &t(lang, "label-offline"),
                &wording::offline_text(lang, &label.offline)
            ))
        ));
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
                    self.e(if s.authenticated { "label-service-auth-yes" } else { "label-service-auth-no" }),
                    self.e(if s.encrypted { "label-service-enc-yes" } else { "label-service-enc-no" }),
                    self.e(if s.enabled_by_default {
                        "label-service-default-on"
                    } else {
                        "label-service-default-off"
                    }),
                ];
                if let Some(p) = &s.purpose {
                    parts.push(self.free(p));
                }
                self.field_html(&xml(&head), &parts.join(", "))
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
                    .arg("protocol", protocol_name(lang, e.protocol))
                    .text(lang);
                match &e.purpose {
                    Some(p) => self.field_html(&xml(&head), &self.free(p)),
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
                    how.push(protocol_name(lang, proto));
                }
                if how.is_empty() { xml(&who) } else { xml(&format!("{who} ({})", how.join(", "))) }
            })
            .collect();
        items.extend(
            decl.network
                .controllers
                .iter()
                .map(|c| xml(&wording::field(lang, &t(lang, "label-controller"), c))),
        );
        self.list(&items, "label-none");
    }

    /// A list (items already HTML), or a paragraph saying there is nothing.
    fn list(&mut self, items: &[String], none: &str) {
        if items.is_empty() {
            self.para(&self.e(none));
            return;
        }
        self.out.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(self.out, "<li>{i}</li>");
            self.current().items.push(Item { text: plain(i), details: Vec::new() });
        }
        self.out.push_str("</ul>\n");
    }

    /// A list of named items (icon, name, details; details already HTML), or a paragraph saying
    /// there is nothing.
    fn detailed_list(&mut self, items: &[(String, String, Vec<String>)], none: &str) {
        if items.is_empty() {
            self.para(&self.e(none));
            return;
        }
        self.out.push_str("<ul>\n");
        for (icon, name, details) in items {
            let _ = writeln!(
                self.out,
                "<li>{icon}<strong>{}</strong><ul>{}</ul></li>",
                xml(name),
                details.iter().map(|d| format!("<li>{d}</li>")).collect::<String>()
            );
            let details = details.iter().map(|d| plain(d)).collect();
            self.current().items.push(Item { text: name.clone(), details });
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
        self.facts("hardware-facts", &rows);
    }

    fn documentation(&mut self, decl: &Declaration) {
        let h = self.h;
        self.heading(h, "documentation", "label-h-documentation");
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
        self.facts("documentation-facts", &rows);
    }

    /// What the buyer owns: repair, resale, the end of the maker's service (shown when the
    /// declaration says anything about it).
    fn ownership(&mut self, decl: &Declaration) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "ownership", "label-h-ownership");
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
        self.facts("ownership-facts", &rows);
    }

    fn frameworks(&mut self, label: &Label, report: &Report) {
        let lang = self.lang;
        let h = self.h;
        self.heading(h, "frameworks", "label-h-frameworks");
        self.para(&xml(&Msg::new("label-assessed-on").arg("date", report.as_of).text(lang)));
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
        let h = self.h + 1;
        // Short titles are proper names ("ETSI EN 303 645", "UK PSTI"), the same in every
        // language; editions are the publishers' own wording.
        let cat = self.cats.framework(f.id);
        let full =
            cat.map_or_else(|| xml(f.title), |c| self.catalog(&c.framework.title, &c.framework.title_fr));
        self.heading_text(h, &format!("fw-{}", f.id), f.title.to_string());
        self.para(&format!("{full} ({})", self.en(f.edition)));
        // A graded scheme is judged level by level, not by its mandatory requirements.
        // Out of scope: why, with the legal reference, instead of a verdict.
        // The licence's credit line (CC BY) wherever the catalog's content is shown.
        if let Some(credit) = cat.and_then(|c| c.framework.attribution.as_deref()) {
            self.para(&format!("{} {}", self.e("label-attribution"), self.en(credit)));
        }
        let verdict = match &f.scope {
            Some(scope) => scope.reason.text(lang),
            // Criteria that are all recommendations give no verdict of conformity.
            None if !fact.kind.judges_conformity() => t(lang, "label-fwv-consumer-evaluation"),
            None => levels_sentence(f, lang).unwrap_or_else(|| {
                t(
                    lang,
                    match f.verdict {
                        FrameworkVerdict::Conformant => "label-fwv-conformant",
                        FrameworkVerdict::NotConformant => "label-fwv-not-conformant",
                        FrameworkVerdict::Incomplete => "label-fwv-incomplete",
                        FrameworkVerdict::OutOfScope => "label-fwv-out-of-scope",
                    },
                )
            }),
        };
        self.para(&format!(
            "<strong>{}{}</strong>",
            self.mark(wording::framework_tone(fact)),
            xml(&wording::framework_text(lang, fact))
        ));
        if !fact.paperwork_refused.is_empty() {
            let fields: Vec<String> =
                fact.paperwork_refused.iter().map(|f| self.field_title(f, true)).collect();
            self.para(
                &self.html_msg(Msg::new("label-fw-paperwork-refused"), &[("fields", &fields.join(", "))]),
            );
        }
        self.para(&xml(&verdict));
        self.para(&xml(&wording::counts_text(lang, &f.counts)));
        if !f.levels.is_empty() {
            let _ = writeln!(
                self.out,
                "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
                xml(&Msg::new("label-levels-caption").arg("name", f.title.to_string()).text(lang)),
                self.e("label-col-level"),
                self.e("label-col-reached"),
                self.e("label-col-level-requirements"),
            );
            for l in &f.levels {
                let title = cat
                    .and_then(|c| c.levels.iter().find(|x| x.id == l.id))
                    .map_or_else(|| self.en(l.title), |x| self.catalog(&x.title, &x.title_fr));
                let reached = t(lang, if l.met { "label-yes" } else { "label-no" });
                let requirements = wording::counts_text(lang, &l.counts);
                let _ = writeln!(
                    self.out,
                    "<tr><th scope=\"row\">{title}</th><td>{}</td><td>{}</td></tr>",
                    xml(&reached),
                    xml(&requirements),
                );
                let row = LevelRow {
                    id: l.id.to_string(),
                    title: plain(&title),
                    met: l.met,
                    reached,
                    requirements,
                };
                self.current().levels.push(row);
            }
            self.out.push_str("</tbody>\n</table>\n");
        }
        let _ = writeln!(
            self.out,
            "<details>\n<summary>{}</summary>",
            xml(&Msg::new("label-details-requirements").arg("count", f.requirements.len()).text(lang))
        );
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
            let status = t(
                lang,
                match r.status {
                    Status::Mandatory => "label-status-mandatory",
                    Status::Recommended => "label-status-recommended",
                },
            );
            let verdict = t(lang, verdict_id(r.verdict));
            let mut why = xml(&r.reason.text(lang));
            if !r.missing.is_empty() {
                let missing: Vec<String> = r.missing.iter().map(|m| self.field_title(m, false)).collect();
                let _ = write!(why, " {} {}", self.e("label-missing-fields"), missing.join(", "));
            }
            if !r.evidence.is_empty() {
                let _ = write!(why, " {} {}", self.e("label-evidence-used"), self.evidence_ids(&r.evidence));
            }
            let routes: Vec<RouteRow> = r.routes.iter().map(|x| self.route_row(x)).collect();
            if !routes.is_empty() {
                let texts: Vec<String> = routes.iter().map(|x| xml(&x.text)).collect();
                let _ = write!(why, " {} {}", self.e("label-routes"), texts.join(" "));
            }
            let title = cat
                .and_then(|c| c.requirement(r.id))
                .map_or_else(|| self.en(r.title), |q| self.catalog(&q.title, &q.title_fr));
            let _ = writeln!(
                self.out,
                "<tr><th scope=\"row\">{}</th><td>{title}</td><td>{}</td><td>{}</td><td>{why}</td></tr>",
                xml(r.id),
                xml(&status),
                xml(&verdict),
            );
            let row = RequirementRow {
                id: r.id.to_string(),
                title: plain(&title),
                status,
                verdict,
                why: plain(&why),
                routes,
            };
            self.current().requirements.push(row);
        }
        self.out.push_str("</tbody>\n</table>\n</details>\n");
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
        let h = self.h;
        self.heading(h, "evidence", "label-h-evidence");
        let (icon, _) = wording::attestation_summary(lang, label);
        let who = wording::attestation_sentences(lang, label).join(" ");
        self.para(&format!("{}<strong>{}</strong>", self.icon(icons::status(icon), &who), xml(&who)));
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
                self.field_html(&self.field_title(&c.field, true), &xml(&format!("{by}{date}")))
            })
            .collect();
        self.list(&items, "label-none");

        self.heading(h4, "certifications", "label-h-certifications");
        let items: Vec<String> = decl
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
                xml(&s)
            })
            .collect();
        self.list(&items, "label-certifications-none");

        self.heading(h4, "test-evidence", "label-h-test-evidence");
        let mut items: Vec<String> = Vec::new();
        for c in report.controls.iter().filter(|c| !c.evidence.is_empty()) {
            let what = format!("{} ({})", self.control_title(c.id), self.e(verdict_id(c.verdict)));
            items.push(self.field_html(&self.evidence_ids(&c.evidence), &what));
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
                let what =
                    format!("{} ({})", self.requirement_ref(f.id, r.id), self.e(verdict_id(r.verdict)));
                items.push(self.field_html(&self.evidence_ids(&r.evidence), &what));
            }
        }
        if let AttestationFact::LabTested { labs } = &label.attestation {
            items.push(xml(&Msg::new("label-testers").arg("labs", labs.clone()).text(lang)));
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
            let text = self.html_msg(msg, &[("summary", &self.free(&e.summary))]);
            let name = format!("<code>{}</code> ({})", xml(&e.id), self.evidence_about(&e.about));
            items.push(self.field_html(&name, &text));
        }
        self.list(&items, "label-evidence-none");
        let more = label.evidence.len() - shown;
        if more > 0 {
            self.para(&xml(&self.more_text(more)));
            self.current().items_total = Some(items.len() + more);
        }
    }

    /// Evidence ids in `<code>`, at most [`EVIDENCE_IDS_SHOWN`], then "and N more".
    fn evidence_ids(&self, ids: &[String]) -> String {
        let mut out = String::new();
        for (i, id) in ids.iter().take(EVIDENCE_IDS_SHOWN).enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(out, "{sep}<code>{}</code>", xml(id));
        }
        if ids.len() > EVIDENCE_IDS_SHOWN {
            let _ = write!(out, " {}", xml(&self.more_text(ids.len() - EVIDENCE_IDS_SHOWN)));
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
        let h = self.h;
        self.heading(h, "about", "label-h-about");
        // Facts about the label itself: their keys in the label facts (`Label`).
        let rows = [
            ("id", "label-f-label-id", V::Code(label.id.clone())),
            ("digest", "label-f-digest", V::Code(label.digest.clone())),
            ("url", "label-f-label-url", V::Link(Some(label.url.clone()))),
            ("mud_url", "label-f-mud-url", V::Link(label.mud_url.clone())),
            ("as_of", "label-f-as-of", V::Date(Some(label.as_of))),
        ];
        let _ = writeln!(self.out, "<dl>");
        for (field, msg, v) in rows {
            let name = t(lang, msg);
            let answer = self.answer(&v);
            let _ = writeln!(self.out, "<dt>{}</dt><dd>{answer}</dd>", xml(&name));
            let fact =
                Fact { source: FactSource::Label, field, name, value: plain(&answer), own_words: false };
            self.current().facts.push(fact);
        }
        let _ = writeln!(self.out, "</dl>");
        self.para(&xml(&t(lang, "label-about-digest")));
    }

    fn glossary(&mut self) {
        let h = self.h;
        self.heading(h, "glossary", "label-h-glossary");
        self.out.push_str("<dl>\n");
        for &id in GLOSSARY {
            let name = t(self.lang, &format!("label-term-{id}"));
            let definition = t(self.lang, &format!("label-def-{id}"));
            let _ = writeln!(
                self.out,
                "<dt id=\"{}\">{}</dt><dd>{}</dd>",
                self.id(&format!("glossary-{id}")),
                xml(&name),
                xml(&definition),
            );
            self.glossary.push(GlossaryEntry { id, name, definition });
        }
        self.out.push_str("</dl>\n");
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
];

fn section_anchor(section: &str) -> Option<&'static str> {
    SECTIONS.iter().find(|(p, _, _)| *p == section).map(|(_, a, _)| *a)
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
    ("hardware.debug_ports", "label-f-debug-ports"),
    ("hardware.boot_stages", "label-f-boot-stages"),
    ("hardware.secrets", "label-f-secrets"),
    ("interfaces", "label-f-interfaces"),
    ("companion_app", "label-f-companion-app"),
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

/// The text of an HTML fragment written by this module, as a reader sees it: tags dropped,
/// inline pictures (`<svg>`, named by their `aria-label` for screen readers) left out, and the
/// characters [`xml`] escapes restored.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with("<svg") {
            // Icons hold drawings, no text, and are never nested.
            rest = rest.find("</svg>").map_or("", |end| &rest[end + "</svg>".len()..]);
        } else if rest.starts_with('<') {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        } else {
            let entity = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"')]
                .into_iter()
                .find(|(e, _)| rest.starts_with(e));
            match entity {
                Some((e, c)) => {
                    out.push(c);
                    rest = &rest[e.len()..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use iotlabel_label::facts::{LabelInput, build};
    use iotlabel_testkit::{as_of, example, root};

    fn render(decl: &Declaration, evidence: Option<&Evidence>, langs: &[Lang]) -> String {
        let report = iotlabel_testkit::engine().assess(decl, evidence, &[], as_of());
        let label = build(&LabelInput { decl, evidence, report: &report, base_url: "https://r.example/l/" });
        page(&label, &report, decl, langs)
    }

    fn page_of(name: &str, lang: Lang) -> String {
        render(&example(name), None, &[lang])
    }

    fn lab_evidence() -> Evidence {
        let path = root().join("examples/evidence/acme-cam-2-lab.json");
        let text = std::fs::read_to_string(path).unwrap();
        iotlabel_model::parse_evidence("acme-cam-2-lab.json", &text, Format::Json).unwrap()
    }

    /// The part of a one-language page under the heading `id`, up to the next heading of the
    /// same or a higher level.
    fn part<'a>(page: &'a str, id: &str) -> &'a str {
        let start = page.find(&format!(" id=\"{id}\">")).unwrap_or_else(|| panic!("no #{id}"));
        let level = &page[start - 2..start];
        let rest = &page[start..];
        let ends: &[&str] = if level == "h3" { &["<h2 ", "<h3 "] } else { &["<h2 "] };
        let end = ends.iter().filter_map(|h| rest.find(h)).min().unwrap_or(rest.len());
        &rest[..end]
    }

    /// Text without tags.
    fn text(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&amp;", "&").replace("&quot;", "\"")
    }

    #[test]
    fn a_graded_scheme_says_which_level_is_reached_and_why_the_next_is_not() {
        // Acme Cam 2 reaches level 1; three level-2 provisions fail.
        let en = page_of("acme-cam-2", Lang::En);
        let cls = part(&en, "fw-sg-cls");
        assert!(!cls.contains(&t(Lang::En, "label-fwv-conformant")), "{cls}");
        assert!(cls.contains("<p>Level 1 reached; level 2 not reached: 3 not met.</p>"), "{cls}");
        assert!(cls.contains("<caption>Singapore CLS(IoT): the levels</caption>"), "{cls}");
        let fr = page_of("acme-cam-2", Lang::Fr);
        let cls = part(&fr, "fw-sg-cls");
        assert!(
            cls.contains("Niveau 1 atteint\u{a0}; niveau 2 non atteint\u{a0}: 3 non respectées."),
            "{cls}"
        );
        // Level titles come from the catalog's French titles.
        assert!(cls.contains("Niveau 2 (deux étoiles)\u{a0}: toutes les dispositions"), "{cls}");
        // Frameworks without levels keep the verdict on their mandatory requirements.
        assert!(part(&en, "fw-uk-psti").contains(&t(Lang::En, "label-fwv-conformant")));
    }

    #[test]
    fn a_device_that_cannot_be_updated_is_promised_no_fixes() {
        for lang in Lang::ALL {
            let page = page_of("lumen-bulb-zb", lang);
            let updates = part(&page, "updates");
            let promise =
                Msg::new("label-meaning-support").arg("date", NaiveDate::from_ymd_opt(2030, 1, 20).unwrap());
            assert!(!updates.contains(&xml(&promise.text(lang))), "{updates}");
            assert!(updates.contains(&xml(&t(lang, "label-meaning-updates-none"))), "{updates}");
            // Neither the summary (below the panel, drawn by `svg`) nor the section call the
            // support period "security updates".
            let summary = part(&page, "summary").split("</figure>").nth(1).unwrap();
            for p in [summary, updates] {
                assert!(!p.contains(&xml(&t(lang, "label-support-until"))), "{p}");
            }
        }
    }

    #[test]
    fn once_support_has_ended_updates_are_not_said_to_keep_the_device_up_to_date() {
        for lang in Lang::ALL {
            let page = page_of("echoes-speaker-eol", lang);
            let updates = part(&page, "updates");
            assert!(!updates.contains(&xml(&t(lang, "label-meaning-updates-automatic"))), "{updates}");
            assert!(updates.contains(&xml(&t(lang, "label-f-support-end"))), "{updates}");
        }
    }

    #[test]
    fn every_sensor_without_a_physical_switch_or_cover_is_named() {
        let tax = Taxonomy::builtin();
        for (name, decl) in iotlabel_testkit::examples() {
            for lang in Lang::ALL {
                let page = render(&decl, None, &[lang]);
                let meaning =
                    text(part(&page, "sensors").split("<div class=\"meaning\">").nth(1).unwrap_or(""));
                for s in &decl.sensors {
                    let sensor = wording::sensor_name(lang, &s.kind);
                    let physical = matches!(s.off_switch, OffSwitch::PhysicalSwitch | OffSwitch::Cover);
                    assert_eq!(meaning.contains(&sensor), !physical, "{name} {lang:?} {sensor}: {meaning}");
                    // Sensors that can record people are named in the first sentence.
                    if !physical && tax.get(TermKind::Sensor, &s.kind).unwrap().records_people {
                        let first = meaning.split(". ").next().unwrap();
                        assert!(first.contains(&sensor), "{name} {lang:?} {sensor}: {meaning}");
                    }
                }
            }
        }
        let en = text(part(&page_of("acme-cam-2", Lang::En), "sensors"));
        assert!(en.contains("This sensor can record your voice or image and those of the people around you, and has no physical switch or cover: Microphone. Nor does this other sensor: Motion sensor."), "{en}");
        // Only sensors that cannot be turned off at all: no word about settings.
        let en = text(part(&page_of("plugsafe-mini", Lang::En), "sensors"));
        assert!(
            en.contains(
                "This sensor has no physical switch or cover: Power meter. It cannot be turned off at all."
            ),
            "{en}"
        );
    }

    #[test]
    fn french_pages_use_french_punctuation_and_agreement() {
        let decl = example("acme-cam-2");
        let page = render(&decl, Some(&lab_evidence()), &[Lang::Fr]);
        let words = text(&page);
        for (i, _) in words.match_indices(':') {
            let before = words[..i].chars().next_back().unwrap();
            let after = words[i + 1..].chars().next().unwrap_or(' ');
            // "https://", "12:30" and ids are not punctuation; a colon before a space is.
            if after == ' ' {
                assert_eq!(
                    before,
                    '\u{a0}',
                    "no no-break space before `:` in `{}`",
                    &words[i.saturating_sub(40)..i + 2]
                );
            }
        }
        assert!(part(&page, "certifications").contains("<p>Aucune</p>"));
    }

    #[test]
    fn consumers_see_titles_not_raw_identifiers() {
        let mut decl = example("acme-cam-2");
        decl.network.cloud_endpoints[0].protocol = Protocol::Other;
        for lang in Lang::ALL {
            let page = render(&decl, Some(&lab_evidence()), &[lang]);
            let claims = part(&page, "claims");
            assert!(!claims.contains("<code>authentication</code>"), "{claims}");
            assert!(
                claims.contains(&format!(
                    "<a href=\"#passwords\" title=\"authentication\">{}</a>",
                    xml(&t(lang, "label-h-passwords"))
                )),
                "{claims}"
            );
            let evidence = part(&page, "test-evidence");
            let words = text(evidence);
            for raw in ["comms.encrypted", "auth.no-universal-default-password", "uk-psti:2"] {
                assert!(!words.contains(raw), "{lang:?}: `{raw}` shown: {words}");
            }
            let tls = Catalogs::builtin().control("comms.encrypted").unwrap();
            assert!(words.contains(if lang == Lang::Fr { &tls.title_fr } else { &tls.title }), "{words}");
            let endpoints = text(part(&page, "cloud-endpoints"));
            assert!(!endpoints.contains("OTHER"), "{endpoints}");
            assert!(endpoints.contains(&format!("({})", t(lang, "label-protocol-other"))), "{endpoints}");
        }
    }

    #[test]
    fn the_manufacturers_own_words_are_not_marked_as_the_pages_language() {
        let decl = example("acme-cam-2");
        let page = render(&decl, Some(&lab_evidence()), &[Lang::Fr]);
        let intended = decl.identity.intended_use.as_deref().unwrap();
        assert!(page.contains(&format!("<span lang=\"\">{}</span>", xml(intended))), "intended use");
        for item in &decl.data.collected {
            assert!(
                page.contains(&format!("<span lang=\"\">{}</span>", xml(&item.purpose))),
                "{}",
                item.purpose
            );
        }
        for e in &lab_evidence().items {
            assert!(page.contains(&format!("<span lang=\"\">{}</span>", xml(&e.summary))), "{}", e.summary);
        }
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
                    assert!(!f.value.is_empty() && !f.value.contains('<'), "{name} {lang:?}: {f:?}");
                }
                assert!(n > 100, "{name} {lang:?}: {n} facts");
            }
        }
    }

    #[test]
    fn plain_text_is_what_a_reader_sees() {
        assert_eq!(
            plain("<a href=\"#x\" title=\"a&amp;b\">A &amp; B &lt;c&gt; &quot;d&quot;</a> &amp;amp;"),
            "A & B <c> \"d\" &amp;"
        );
        let icon = "<svg class=\"icon\" aria-label=\"Mic\"><path d=\"M1 1\"/></svg><strong>Mic</strong>";
        assert_eq!(plain(icon), "Mic");
        // Only the four characters `xml` escapes are entities here.
        assert_eq!(plain("R&D &nbsp;"), "R&D &nbsp;");
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
}
