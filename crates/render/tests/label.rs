//! The label's two layers and its terminal rendering, for every example declaration: golden
//! files for a few representative devices, structural checks (well-formed SVG, panel size,
//! headings, text alternatives, no missing messages) for all of them.

use iotlabel_testkit::{as_of, examples};

use iotlabel_model::{Declaration, Taxonomy, TermKind};
use iotlabel_render::{Label, LabelInput, Lang, build, html, icons, svg, txt};

const BASE_URL: &str = "https://registry.example/l/";
const SNAPSHOTTED: &[&str] = &["acme-cam-2", "echoes-speaker-eol", "vistaview-tv-55", "plugsafe-mini"];

struct Rendered {
    name: String,
    decl: Declaration,
    label: Label,
    svg_en: String,
    svg_en_fr: String,
    html_en_fr: String,
    html_fr: String,
    txt_fr: String,
    txt_en: String,
}

fn rendered() -> Vec<Rendered> {
    examples()
        .into_iter()
        .map(|(name, decl)| {
            let report = iotlabel_assess::assess(&decl, None, &[], as_of());
            let label =
                build(&LabelInput { decl: &decl, evidence: None, report: &report, base_url: BASE_URL });
            Rendered {
                svg_en: svg::primary(&label, &[Lang::En]),
                svg_en_fr: svg::primary(&label, &[Lang::En, Lang::Fr]),
                html_en_fr: html::page(&label, &report, &decl, &[Lang::En, Lang::Fr]),
                html_fr: html::page(&label, &report, &decl, &[Lang::Fr]),
                txt_fr: txt::render(&label, &report, Lang::Fr),
                txt_en: txt::render(&label, &report, Lang::En),
                name,
                decl,
                label,
            }
        })
        .collect()
}

#[test]
fn golden_labels() {
    for r in rendered().iter().filter(|r| SNAPSHOTTED.contains(&r.name.as_str())) {
        insta::assert_snapshot!(format!("{}.svg", r.name), r.svg_en);
        insta::assert_snapshot!(format!("{}.html", r.name), r.html_en_fr);
        insta::assert_snapshot!(format!("{}.fr.txt", r.name), r.txt_fr);
        // The machine-readable label: the same facts as JSON.
        insta::assert_json_snapshot!(format!("{}.label.json", r.name), r.label);
    }
}

fn root_width(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("SVG is not XML: {e}"));
    doc.root_element().attribute("width").unwrap_or_default().to_string()
}

#[test]
fn primary_layer_is_a_well_formed_panel_of_the_right_size() {
    for r in rendered() {
        assert_eq!(root_width(&r.svg_en), "90mm", "{}", r.name);
        assert_eq!(root_width(&r.svg_en_fr), "180mm", "{}", r.name);
        let doc = roxmltree::Document::parse(&r.svg_en_fr).unwrap();
        let root = doc.root_element();
        assert_eq!(root.attribute("viewBox"), Some("0 0 180 120"), "{}", r.name);
        assert!(root.children().any(|n| n.has_tag_name("title")), "{}: no <title>", r.name);
        assert!(root.children().any(|n| n.has_tag_name("desc")), "{}: no <desc>", r.name);
        let expected = match r.label.support.until {
            Some(d) if d >= as_of() => iotlabel_i18n::date(Lang::En, d),
            Some(_) => "No longer supported".to_string(),
            None => "Not declared".to_string(),
        };
        assert!(
            r.svg_en.contains(&format!(">{expected}</text>")),
            "{}: support `{expected}` not shown",
            r.name
        );
        // Body text is no smaller than 1.8 mm anywhere, 2.2 mm for most of it.
        for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let size: f32 = n.attribute("font-size").unwrap().parse().unwrap();
            assert!(size >= 1.8, "{}: text `{:?}` at {size}", r.name, n.text());
        }
        // Every line of text stays inside its panel.
        for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
            let x: f32 = n.attribute("x").unwrap().parse().unwrap();
            let y: f32 = n.attribute("y").unwrap().parse().unwrap();
            assert!(
                (0.0..=90.0).contains(&x) && (0.0..=120.0).contains(&y),
                "{}: text outside at {x},{y}",
                r.name
            );
        }
        assert_eq!(svg::primary(&r.label, &[Lang::En]), r.svg_en, "{}: not deterministic", r.name);
    }
}

/// Every role=img element and every <img> has a text alternative; headings do not skip levels.
fn check_accessible(name: &str, html: &str) {
    let doc = roxmltree::Document::parse_with_options(
        html,
        roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() },
    )
    .unwrap_or_else(|e| panic!("{name}: page is not well-formed: {e}"));
    let h1 = doc.descendants().filter(|n| n.has_tag_name("h1")).count();
    assert_eq!(h1, 1, "{name}: {h1} h1 elements");
    let mut last = 0;
    for n in doc.descendants().filter(|n| n.is_element()) {
        let tag = n.tag_name().name();
        if let Some(level) = tag.strip_prefix('h').and_then(|l| l.parse::<usize>().ok()) {
            assert!(level <= last + 1, "{name}: <{tag}> after <h{last}>");
            last = level;
        }
        if tag == "img" {
            assert!(n.attribute("alt").is_some_and(|a| !a.trim().is_empty()), "{name}: <img> without alt");
        }
        if n.attribute("role") == Some("img") {
            let label = n.attribute("aria-label").is_some_and(|a| !a.trim().is_empty())
                || n.attribute("aria-labelledby").is_some()
                || n.children().any(|c| c.has_tag_name("title"));
            assert!(label, "{name}: role=img without a text alternative");
        }
        assert_ne!(tag, "script", "{name}: the page must not need JavaScript");
    }
    assert!(doc.descendants().any(|n| n.has_tag_name("main")), "{name}: no <main>");
    assert!(doc.descendants().any(|n| n.attribute("id") == Some("glossary")), "{name}: no #glossary");
    for table in doc.descendants().filter(|n| n.has_tag_name("table")) {
        assert!(table.children().any(|c| c.has_tag_name("caption")), "{name}: table without caption");
    }
}

#[test]
fn secondary_layer_is_accessible_and_complete() {
    let tax = Taxonomy::builtin();
    for r in rendered() {
        check_accessible(&r.name, &r.html_en_fr);
        check_accessible(&r.name, &r.html_fr);
        assert!(r.html_fr.contains("<html lang=\"fr\">"), "{}", r.name);
        assert!(
            r.html_en_fr.contains("<section lang=\"en\"") && r.html_en_fr.contains("<section lang=\"fr\"")
        );
        for s in &r.decl.sensors {
            let term = tax.get(TermKind::Sensor, &s.kind).unwrap();
            assert!(r.html_en_fr.contains(&term.en), "{}: sensor {} missing (en)", r.name, term.en);
            assert!(r.html_en_fr.contains(&term.fr), "{}: sensor {} missing (fr)", r.name, term.fr);
        }
        for d in &r.decl.data.collected {
            let term = tax.get(TermKind::Data, &d.kind).unwrap();
            assert!(r.html_en_fr.contains(&term.fr), "{}: data {} missing (fr)", r.name, term.fr);
        }
        assert!(r.html_en_fr.contains(&r.label.id) && r.html_en_fr.contains(&r.label.digest), "{}", r.name);
        if let Some(mud) = &r.label.mud_url {
            assert!(r.html_en_fr.contains(mud.as_str()), "{}: MUD URL missing", r.name);
        }
    }
}

#[test]
fn text_rendering_is_plain_and_narrow() {
    for r in rendered() {
        for txt in [&r.txt_fr, &r.txt_en] {
            assert!(!txt.contains('\u{1b}'), "{}: colour codes", r.name);
            for line in txt.lines() {
                assert!(line.chars().count() <= txt::WIDTH, "{}: line too long: {line}", r.name);
            }
        }
    }
}

#[test]
fn no_message_is_missing() {
    for r in rendered() {
        for (what, out) in [
            ("svg en", &r.svg_en),
            ("svg en+fr", &r.svg_en_fr),
            ("html en+fr", &r.html_en_fr),
            ("html fr", &r.html_fr),
            ("txt fr", &r.txt_fr),
            ("txt en", &r.txt_en),
        ] {
            assert!(!out.contains("[label-"), "{}: missing message in {what}", r.name);
        }
    }
    for term in html::GLOSSARY {
        for lang in Lang::ALL {
            assert!(iotlabel_i18n::has(lang, &format!("label-term-{term}")), "{term} {lang}");
            assert!(iotlabel_i18n::has(lang, &format!("label-def-{term}")), "{term} {lang}");
        }
    }
}

#[test]
fn every_taxonomy_sensor_and_data_type_has_an_icon() {
    let tax = Taxonomy::builtin();
    for id in tax.ids(TermKind::Sensor) {
        assert!(icons::get(&format!("sensor-{id}")).is_some(), "no icon for sensor type {id}");
    }
    for id in tax.ids(TermKind::Data) {
        assert!(icons::get(&format!("data-{id}")).is_some(), "no icon for data type {id}");
    }
    for (name, file) in icons::ALL {
        let doc = roxmltree::Document::parse(file).unwrap_or_else(|e| panic!("icon {name}: {e}"));
        assert_eq!(doc.root_element().attribute("viewBox"), Some("0 0 24 24"), "{name}");
    }
}
