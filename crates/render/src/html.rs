//! The secondary layer: the complete online page behind the QR code, written from its content
//! ([`crate::content::page_content`], the same data the label JSON carries).
//!
//! One HTML5 document, semantic and accessible: `lang` on the root (and on each language's
//! section when two are shown), one `h1` (the product), `h2` sections (`h3` under a language
//! heading when two languages are shown), lists, a captioned table of requirement verdicts per
//! framework, a glossary, the primary layer inline as an image with a text alternative. No
//! JavaScript; the small inline style sheet is optional (the page reads the same without it);
//! near-black on white. This module decides only the markup: every word, and which part of a
//! sentence is a link, code, another language or the manufacturer's own words, comes from the
//! content.

use std::fmt::Write as _;

use iotlabel_assess::Report;
use iotlabel_i18n::Lang;
use iotlabel_label::facts::Label;
use iotlabel_label::page::*;
use iotlabel_model::Declaration;

use crate::icons;
use crate::svg;
use crate::wording::{t, xml};

/// The page's small style sheet (the registry's site serves it with its own).
pub const STYLE: &str = "body{margin:0;background:#fff;color:#111;font-family:\"DejaVu Sans\",Verdana,sans-serif;line-height:1.5}\
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
    render(label, &crate::content::page_contents(label, report, decl, langs))
}

/// The page showing `contents` (one per language, the first one's language the page's own);
/// `label` gives the pictures of the box panel.
pub fn render(label: &Label, contents: &[PageContent]) -> String {
    let mut out = String::with_capacity(200_000);
    let Some(main) = contents.first() else { return out };
    let title: Vec<&str> = contents.iter().map(|c| c.title.as_str()).collect();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        main.lang,
        xml(&title.join(" / ")),
    );
    let _ = writeln!(out, "<h1>{}</h1>", xml(&main.product));
    let two = contents.len() > 1;
    let writers: Vec<Writer> = contents
        .iter()
        .enumerate()
        .map(|(i, c)| Writer { lang: lang_of(c.lang), first: i == 0, h: if two { 3 } else { 2 } })
        .collect();
    if two {
        out.push_str("<nav><ul>\n");
        for (c, w) in contents.iter().zip(&writers) {
            let _ = writeln!(
                out,
                "<li lang=\"{}\"><a href=\"#{}\">{}</a></li>",
                c.lang,
                w.id("version"),
                xml(&t(w.lang, "label-h-language"))
            );
        }
        out.push_str("</ul></nav>\n");
    }
    for (c, w) in contents.iter().zip(&writers) {
        if two {
            let _ = write!(
                out,
                "<section lang=\"{}\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{}</h2>\n",
                c.lang,
                xml(&t(w.lang, "label-h-language")),
                id = w.id("version"),
            );
        } else {
            let _ = writeln!(out, "<section lang=\"{}\">", c.lang);
        }
        for s in &c.sections {
            w.section(&mut out, s, w.h, label, c);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// One language's part of the page without the document around it, for another page to embed
/// (the registry's device page): a `<section lang>` whose headings start at `h{level}`.
pub fn sections(label: &Label, content: &PageContent, level: u8) -> String {
    let w = Writer { lang: lang_of(content.lang), first: true, h: level.clamp(2, 5) };
    let mut out = String::with_capacity(100_000);
    let _ = writeln!(out, "<section lang=\"{}\">", content.lang);
    for s in &content.sections {
        w.section(&mut out, s, w.h, label, content);
    }
    out.push_str("</section>\n");
    out
}

fn lang_of(code: &str) -> Lang {
    Lang::ALL.into_iter().find(|l| l.code() == code).unwrap_or(Lang::En)
}

/// Writes one language's part of the page.
struct Writer {
    lang: Lang,
    /// The first language's ids carry no suffix (`#glossary`); the others end in `-<lang>`.
    first: bool,
    /// Level of the section headings (2 for one language, 3 under a language heading).
    h: u8,
}

impl Writer {
    fn id(&self, name: &str) -> String {
        if self.first { name.to_string() } else { format!("{name}-{}", self.lang.code()) }
    }

    /// Escaped message text (the words of the layout: captions, column headers).
    fn e(&self, id: &str) -> String {
        xml(&t(self.lang, id))
    }

    /// Rich text as HTML.
    fn rich(&self, r: &Rich) -> String {
        let mut out = String::new();
        self.spans(&mut out, &r.0);
        out
    }

    fn spans(&self, out: &mut String, spans: &[Span]) {
        for s in spans {
            match s {
                Span::Text(t) => out.push_str(&xml(t)),
                Span::Strong(inner) => {
                    out.push_str("<strong>");
                    self.spans(out, inner);
                    out.push_str("</strong>");
                }
                Span::Lang { lang, text } => {
                    let _ = write!(out, "<span lang=\"{}\">{}</span>", xml(lang), xml(text));
                }
                // Text in a language we do not know (the manufacturer's or a lab's own words):
                // marked `lang=""` so that screen readers do not read it as the page's language.
                Span::Own(text) => {
                    let _ = write!(out, "<span lang=\"\">{}</span>", xml(text));
                }
                Span::Code(text) => {
                    let _ = write!(out, "<code>{}</code>", xml(text));
                }
                Span::Link { href, text } => {
                    let _ = write!(out, "<a href=\"{}\">{}</a>", xml(href), xml(text));
                }
                Span::Ref { key, section, lang, text } => {
                    let lang = lang.map(|l| format!(" lang=\"{}\"", xml(l))).unwrap_or_default();
                    match section {
                        Some(s) => {
                            let _ = write!(
                                out,
                                "<a href=\"#{}\" title=\"{}\"{lang}>{}</a>",
                                self.id(s),
                                xml(key),
                                xml(text)
                            );
                        }
                        None => {
                            let _ = write!(out, "<span title=\"{}\"{lang}>{}</span>", xml(key), xml(text));
                        }
                    }
                }
                Span::Mark { glyph, name } => {
                    let _ = write!(
                        out,
                        "<span class=\"mark\" role=\"img\" aria-label=\"{}\">{}</span> ",
                        xml(name),
                        xml(glyph)
                    );
                }
                Span::Icon { icon, name } => out.push_str(&self.icon(icon, name)),
            }
        }
    }

    fn icon(&self, icon: &Icon, alt: &str) -> String {
        let drawing = match icon {
            Icon::Sensor(kind) => icons::sensor(kind),
            Icon::Data(kind) => icons::data(kind),
            Icon::Status(name) => icons::status(name),
        };
        format!(
            "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"24\" height=\"24\" role=\"img\" aria-label=\"{}\" {}>{}</svg>",
            xml(alt),
            icons::STYLE,
            icons::compact(drawing)
        )
    }

    fn section(&self, out: &mut String, s: &PageSection, level: u8, label: &Label, c: &PageContent) {
        let _ = writeln!(out, "<h{level} id=\"{}\">{}</h{level}>", self.id(&s.id), xml(&s.heading));
        if let Some(band) = &s.deal_breakers {
            let class = if band.found { "deals" } else { "deals deals-none" };
            let _ = writeln!(out, "<div class=\"{class}\">\n<p>{}</p>", self.rich(&band.heading));
            self.list(out, &band.items);
            out.push_str("</div>\n");
        }
        if let Some(figure) = &s.figure {
            // Inline, the panel is one image named by its whole description.
            let code = self.lang.code();
            let svg = svg::primary(label, &[self.lang]).replacen(
                &format!("aria-labelledby=\"label-title-{code} label-desc-{code}\""),
                &format!("class=\"panel\" aria-label=\"{}\"", xml(&figure.description)),
                1,
            );
            let _ =
                write!(out, "<figure>\n{svg}<figcaption>{}</figcaption>\n</figure>\n", xml(&figure.caption));
        }
        for p in &s.text {
            let _ = writeln!(out, "<p>{}</p>", self.rich(p));
        }
        self.list(out, &s.items);
        for p in &s.notes {
            let _ = writeln!(out, "<p>{}</p>", self.rich(p));
        }
        if let Some(m) = &s.meaning {
            let _ = writeln!(
                out,
                "<div class=\"meaning\"><p><strong>{}</strong> {}</p>",
                self.e("label-meaning"),
                xml(&m.text)
            );
            if !m.glossary.is_empty() {
                let links: Vec<String> = m
                    .glossary
                    .iter()
                    .map(|g| {
                        format!(
                            "<a href=\"#{}\">{}</a>",
                            self.id(&format!("glossary-{}", g.id)),
                            xml(&g.name)
                        )
                    })
                    .collect();
                let _ = writeln!(out, "<p>{} {}</p>", self.e("label-see-glossary"), links.join(", "));
            }
            out.push_str("</div>\n");
        }
        self.facts(out, s);
        self.levels(out, s);
        self.requirements(out, s);
        if s.id == GLOSSARY_SECTION {
            self.glossary(out, &c.glossary);
        }
        for sub in &s.sections {
            self.section(out, sub, level + 1, label, c);
        }
    }

    /// A list: plain items, or named items with an icon and details under their name.
    fn list(&self, out: &mut String, items: &[Item]) {
        if items.is_empty() {
            return;
        }
        out.push_str("<ul>\n");
        for i in items {
            if i.icon.is_none() && i.details.is_empty() {
                let _ = writeln!(out, "<li>{}</li>", self.rich(&i.text));
                continue;
            }
            let icon = i.icon.as_ref().map(|x| self.icon(x, &i.text.plain())).unwrap_or_default();
            let details: String = i.details.iter().map(|d| format!("<li>{}</li>", self.rich(d))).collect();
            let _ = writeln!(out, "<li>{icon}<strong>{}</strong><ul>{details}</ul></li>", self.rich(&i.text));
        }
        out.push_str("</ul>\n");
    }

    /// Facts: declared facts as a two-column table behind the section's disclosure, the label's
    /// own facts as a description list.
    fn facts(&self, out: &mut String, s: &PageSection) {
        if s.facts.is_empty() {
            return;
        }
        let Some(d) = s.disclosure.as_ref().filter(|_| s.requirements.is_empty()) else {
            out.push_str("<dl>\n");
            for f in &s.facts {
                let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", xml(&f.name), self.rich(&f.value));
            }
            out.push_str("</dl>\n");
            return;
        };
        let _ = writeln!(out, "<details{}>\n<summary>{}</summary>", open(d), xml(&d.summary));
        let _ = writeln!(
            out,
            "<table id=\"{}\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            self.id(&format!("{}-facts", s.id)),
            self.e("label-declared-caption"),
            self.e("label-col-fact"),
            self.e("label-col-answer"),
        );
        for f in &s.facts {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                xml(&f.name),
                self.rich(&f.value)
            );
        }
        out.push_str("</tbody>\n</table>\n</details>\n");
    }

    fn levels(&self, out: &mut String, s: &PageSection) {
        if s.levels.is_empty() {
            return;
        }
        let caption = iotlabel_i18n::Msg::new("label-levels-caption").arg("name", s.heading.clone());
        let _ = writeln!(
            out,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            xml(&caption.text(self.lang)),
            self.e("label-col-level"),
            self.e("label-col-reached"),
            self.e("label-col-level-requirements"),
        );
        for l in &s.levels {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
                self.rich(&l.title),
                xml(&l.reached),
                xml(&l.requirements),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }

    fn requirements(&self, out: &mut String, s: &PageSection) {
        let Some(d) = &s.disclosure else { return };
        if !s.facts.is_empty() && s.requirements.is_empty() {
            return;
        }
        let _ = writeln!(out, "<details{}>\n<summary>{}</summary>", open(d), xml(&d.summary));
        let caption = iotlabel_i18n::Msg::new("label-req-caption").arg("name", s.heading.clone());
        let _ = writeln!(
            out,
            "<table>\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
            xml(&caption.text(self.lang)),
            self.e("label-col-requirement"),
            self.e("label-col-asks"),
            self.e("label-col-status"),
            self.e("label-col-verdict"),
            self.e("label-col-why"),
        );
        for r in &s.requirements {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                xml(&r.id),
                self.rich(&r.title),
                xml(&r.status),
                xml(&r.verdict),
                self.rich(&r.why),
            );
        }
        out.push_str("</tbody>\n</table>\n</details>\n");
    }

    fn glossary(&self, out: &mut String, glossary: &[GlossaryEntry]) {
        out.push_str("<dl>\n");
        for g in glossary {
            let _ = writeln!(
                out,
                "<dt id=\"{}\">{}</dt><dd>{}</dd>",
                self.id(&format!("glossary-{}", g.id)),
                xml(&g.name),
                xml(&g.definition),
            );
        }
        out.push_str("</dl>\n");
    }
}

fn open(d: &Disclosure) -> &'static str {
    if d.open { " open" } else { "" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording;
    use chrono::NaiveDate;
    use iotlabel_catalog::Catalogs;
    use iotlabel_i18n::Msg;
    use iotlabel_label::facts::{LabelInput, build};
    use iotlabel_model::*;
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
}
