//! The secondary layer as data (`iotlabel_render::page_content`, the label JSON's `page`): for several
//! examples, in English and in French, every heading, "what this means for you" note, paragraph,
//! list item, table cell and glossary entry the HTML page shows is in the JSON of the same
//! language, under the section the page shows it in.

use std::collections::BTreeMap;

use iotlabel_label::PageContent;
use iotlabel_label::{LabelInput, build};
use iotlabel_model::{Declaration, Evidence, Format};
use iotlabel_render::Lang;
use iotlabel_render::html;
use iotlabel_testkit::{as_of, example, examples, root};

const BASE_URL: &str = "https://registry.example/l/";

/// A variety of devices: a camera with lab evidence, one that cannot be updated, one past its
/// support period, a graded scheme, no sensors or data.
const CHOSEN: &[&str] =
    &["acme-cam-2", "lumen-bulb-zb", "echoes-speaker-eol", "vistaview-tv-55", "plugsafe-mini"];

fn lab_evidence() -> Evidence {
    let text = std::fs::read_to_string(root().join("examples/evidence/acme-cam-2-lab.json")).unwrap();
    iotlabel_model::parse_evidence("acme-cam-2-lab.json", &text, Format::Json).unwrap()
}

/// The one-language page and its content as JSON.
fn both(
    decl: &Declaration,
    evidence: Option<&Evidence>,
    lang: Lang,
) -> (String, PageContent, serde_json::Value) {
    let report = iotlabel_testkit::engine().assess(decl, evidence, &[], as_of());
    let label = build(&LabelInput { decl, evidence, report: &report, base_url: BASE_URL });
    let page = html::page(&label, &report, decl, &[lang]);
    let content = iotlabel_render::page_content(&label, &report, decl, lang);
    let json = serde_json::to_value(&content).unwrap();
    (page, content, json)
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every string in a JSON value, whitespace normalised.
fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(norm(s)),
        serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// Each JSON section by id (top-level and nested): its heading, its meaning, and the strings of
/// its own parts (not those of the sections under it).
struct JsonSection {
    heading: String,
    meaning: Option<String>,
    terms: Vec<String>,
    strings: Vec<String>,
}

fn json_sections(sections: &serde_json::Value, out: &mut Vec<(String, JsonSection)>) {
    for s in sections.as_array().unwrap() {
        let mut own = s.clone();
        let nested = own.as_object_mut().unwrap().remove("sections");
        let mut strs = Vec::new();
        strings(&own, &mut strs);
        let id = s["id"].as_str().unwrap().to_string();
        let terms = s["meaning"]["glossary"]
            .as_array()
            .map(|a| a.iter().map(|t| norm(t["name"].as_str().unwrap())).collect())
            .unwrap_or_default();
        let section = JsonSection {
            heading: norm(s["heading"].as_str().unwrap()),
            meaning: s["meaning"]["text"].as_str().map(norm),
            terms,
            strings: strs,
        };
        out.push((id, section));
        if let Some(nested) = nested {
            json_sections(&nested, out);
        }
    }
}

/// The text a reader sees in `node`, without nested lists, pictures, and (in a "what this
/// means" paragraph) the bold label.
fn own_text(node: roxmltree::Node) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if !d.is_text() {
            continue;
        }
        let hidden = d.ancestors().skip(1).take_while(|a| *a != node).any(|a| {
            a.has_tag_name("ul") || a.has_tag_name("svg") || (a.has_tag_name("strong") && in_meaning(node))
        });
        if !hidden {
            out.push_str(d.text().unwrap_or_default());
        }
    }
    norm(&out)
}

fn in_meaning(node: roxmltree::Node) -> bool {
    node.ancestors().any(|a| a.has_tag_name("div") && a.attribute("class") == Some("meaning"))
}

/// Parts of the page that are layout, not content: the panel and icons (their words are in the
/// figure's description), table headers and captions (JSON keys say what each value is).
fn layout(node: roxmltree::Node) -> bool {
    node.ancestors().any(|a| ["svg", "thead", "caption", "nav", "head"].iter().any(|t| a.has_tag_name(*t)))
}

/// Checks the page against its content; returns how many texts were compared.
fn check(name: &str, lang: Lang, page: &str, content: &PageContent, json: &serde_json::Value) -> usize {
    let what = format!("{name} {lang:?}");
    let doc = roxmltree::Document::parse_with_options(
        page,
        roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() },
    )
    .unwrap_or_else(|e| panic!("{what}: page is not well-formed: {e}"));
    let mut sections = Vec::new();
    json_sections(&json["sections"], &mut sections);
    let by_id: BTreeMap<&str, &JsonSection> = sections.iter().map(|(id, s)| (id.as_str(), s)).collect();
    assert_eq!(by_id.len(), sections.len(), "{what}: section ids are not unique");

    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(own_text(title), norm(&content.title), "{what}: title");

    let mut headings = Vec::new();
    let mut current: Option<(&str, &JsonSection)> = None;
    let mut compared = 0;
    for node in doc.descendants().filter(|n| n.is_element() && !layout(*n)) {
        let tag = node.tag_name().name();
        let text = own_text(node);
        if tag == "h1" {
            assert_eq!(text, norm(&content.product), "{what}: h1");
            continue;
        }
        if matches!(tag, "h2" | "h3" | "h4") {
            let id = node.attribute("id").unwrap_or_else(|| panic!("{what}: heading without id: {text}"));
            let s = by_id
                .get(id)
                .unwrap_or_else(|| panic!("{what}: section #{id} ({text}) missing from the JSON"));
            assert_eq!(s.heading, text, "{what}: heading of #{id}");
            headings.push(id.to_string());
            current = Some((id, s));
            compared += 1;
            continue;
        }
        let Some((id, section)) = current else { continue };
        if tag == "div" && node.attribute("class") == Some("meaning") {
            let p = node.children().find(|c| c.has_tag_name("p")).unwrap();
            let meaning = own_text(p);
            assert!(!meaning.is_empty(), "{what}: empty meaning under {}", section.heading);
            assert_eq!(
                section.meaning.as_deref(),
                Some(meaning.as_str()),
                "{what}: the meaning under `{}` is not in the JSON",
                section.heading
            );
            let links: Vec<String> =
                node.descendants().filter(|a| a.has_tag_name("a")).map(own_text).collect();
            assert_eq!(section.terms, links, "{what}: glossary links under `{}`", section.heading);
            compared += 1;
            continue;
        }
        let shown = match tag {
            "p" => !in_meaning(node),
            // The glossary's entries are checked below, against `glossary`.
            "dt" | "dd" => id != "glossary",
            "li" | "td" | "figcaption" => true,
            "th" => node.attribute("scope") == Some("row"),
            _ => false,
        };
        if !shown || text.is_empty() {
            continue;
        }
        assert!(
            section.strings.contains(&text),
            "{what}: `{text}` (<{tag}> under `{}`) is not in the JSON's section",
            section.heading
        );
        compared += 1;
    }

    // The same sections in the same order.
    let order: Vec<String> = sections.iter().map(|(id, _)| id.clone()).collect();
    assert_eq!(headings, order, "{what}: sections");

    // The panel's text alternative is the figure's description.
    let panel = doc.descendants().find(|n| n.attribute("class") == Some("panel")).unwrap();
    let figure = &content.sections[0].figure.as_ref().expect("the summary shows the panel");
    assert_eq!(norm(panel.attribute("aria-label").unwrap()), norm(&figure.description), "{what}");

    // The glossary: every term the page defines, its name and definition.
    let glossary: Vec<(String, String)> =
        content.glossary.iter().map(|g| (norm(&g.name), norm(&g.definition))).collect();
    let dts: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("dt") && n.attribute("id").is_some_and(|i| i.starts_with("glossary-")))
        .map(|dt| {
            let dd = dt.next_sibling_element().unwrap();
            (own_text(dt), own_text(dd))
        })
        .collect();
    assert_eq!(glossary, dts, "{what}: glossary");
    for g in &content.glossary {
        assert!(page.contains(&format!("id=\"glossary-{}\"", g.id)), "{what}: glossary id {}", g.id);
    }
    compared
}

#[test]
fn the_json_holds_every_heading_meaning_and_fact_the_page_shows() {
    for name in CHOSEN {
        let decl = example(name);
        for lang in Lang::ALL {
            let (page, content, json) = both(&decl, None, lang);
            let n = check(name, lang, &page, &content, &json);
            assert!(n > 200, "{name} {lang:?}: only {n} texts compared");
        }
    }
    // With lab evidence: the test evidence list, who produced it, requirement-level evidence.
    let decl = example("acme-cam-2");
    for lang in Lang::ALL {
        let (page, content, json) = both(&decl, Some(&lab_evidence()), lang);
        check("acme-cam-2 + lab evidence", lang, &page, &content, &json);
        let evidence = content.sections.iter().find(|s| s.id == "evidence").unwrap();
        let tests = evidence.sections.iter().find(|s| s.id == "test-evidence").unwrap();
        assert!(
            tests.items.iter().any(|i| i.text.plain().contains("Example Test Lab")),
            "{:#?}",
            tests.items
        );
    }
}

/// With a finding the lab accepts: the page's "accepted" section is in its JSON too.
#[test]
fn the_accepted_findings_section_agrees_with_its_json() {
    let decl = example("acme-cam-2");
    let ev = lab_evidence();
    let masks = vec![iotlabel_model::Mask {
        item: Some("lab-2024-017-tls".into()),
        control: None,
        finding: None,
        what: "TLS 1.0 on the factory diagnostics port".into(),
        why: "Closed by the first update".into(),
        who: "J. Doe, Example Test Lab".into(),
        when: iotlabel_model::parse_date("2024-03-01").unwrap(),
        expires: None,
    }];
    let report = iotlabel_testkit::engine().assess_masked(&decl, Some(&ev), &masks, &[], as_of());
    let label = build(&LabelInput { decl: &decl, evidence: Some(&ev), report: &report, base_url: BASE_URL });
    for lang in Lang::ALL {
        let page = html::page(&label, &report, &decl, &[lang]);
        let content = iotlabel_render::page_content(&label, &report, &decl, lang);
        let json = serde_json::to_value(&content).unwrap();
        check("acme-cam-2 + lab evidence + masks", lang, &page, &content, &json);
        let evidence = content.sections.iter().find(|s| s.id == "evidence").unwrap();
        let accepted = evidence.sections.iter().find(|s| s.id == "accepted").expect("accepted section");
        assert!(accepted.items.iter().any(|i| i.text.plain().contains("J. Doe, Example Test Lab")));
    }
}

#[test]
fn every_example_page_agrees_with_its_json() {
    for (name, decl) in examples() {
        for lang in Lang::ALL {
            let (page, content, json) = both(&decl, None, lang);
            check(&name, lang, &page, &content, &json);
        }
    }
}

#[test]
fn the_json_is_in_the_language_asked_for() {
    let decl = example("acme-cam-2");
    let (_, en, en_json) = both(&decl, None, Lang::En);
    let (_, fr, fr_json) = both(&decl, None, Lang::Fr);
    assert_ne!(en_json, fr_json);
    assert_eq!((en.lang, fr.lang), ("en", "fr"));
    // Same structure: the same sections, facts and requirements, in the same order.
    let ids = |c: &PageContent| c.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&en), ids(&fr));
    let glossary = |c: &PageContent| c.sections.iter().find(|s| s.id == "glossary").unwrap().heading.clone();
    assert_eq!((glossary(&en), glossary(&fr)), ("Glossary".to_string(), "Glossaire".to_string()));
    for (e, f) in en.sections.iter().zip(&fr.sections) {
        assert_ne!(e.heading, f.heading, "{}", e.id);
        let fields =
            |s: &iotlabel_label::page::PageSection| s.facts.iter().map(|f| f.field).collect::<Vec<_>>();
        assert_eq!(fields(e), fields(f), "{}", e.id);
        if let (Some(me), Some(mf)) = (&e.meaning, &f.meaning) {
            assert_ne!(me.text, mf.text, "{}", e.id);
            let terms =
                |m: &iotlabel_label::page::Meaning| m.glossary.iter().map(|t| t.id).collect::<Vec<_>>();
            assert_eq!(terms(me), terms(mf), "{}", e.id);
        }
    }
    // Declared facts name their field; the answer is in the page's language.
    let updates = fr.sections.iter().find(|s| s.id == "updates").unwrap();
    let signed = updates.facts.iter().find(|f| f.field == "updates.signed").unwrap();
    assert_eq!(
        (signed.name.as_str(), signed.value.plain().as_str()),
        ("Les mises à jour sont signées numériquement", "Oui")
    );
    let frameworks = fr.sections.iter().find(|s| s.id == "frameworks").unwrap();
    let psti = frameworks.sections.iter().find(|s| s.id == "fw-uk-psti").unwrap();
    assert!(!psti.requirements.is_empty());
    assert!(psti.requirements.iter().all(|r| !r.why.plain().is_empty() && !r.verdict.is_empty()));
}

/// Declared ownership facts get their own section of the page, in both languages, with the
/// declared answers; a declaration that says nothing of ownership gets no such section. The
/// Digital Standard (a consumer evaluation) is on the page with its criteria met, not on the box
/// panel, which lists conformity frameworks only.
#[test]
fn ownership_facts_and_the_consumer_evaluation_are_shown_on_the_page_not_the_panel() {
    let speaker = example("echoes-speaker-eol");
    for (lang, heading, answer) in [
        (Lang::En, "Ownership: repair, resale, end of service", "Nothing: the device stops working"),
        (
            Lang::Fr,
            "Propriété\u{a0}: réparation, revente, fin du service",
            "Rien\u{a0}: l’appareil cesse de fonctionner",
        ),
    ] {
        let (page, content, _) = both(&speaker, None, lang);
        let own = content.sections.iter().find(|s| s.id == "ownership").expect("an ownership section");
        assert_eq!(own.heading, heading);
        let f = own.facts.iter().find(|f| f.field == "ownership.end_of_service.function").unwrap();
        assert_eq!(f.value.plain(), answer);
        assert!(page.contains(heading), "{lang:?}");
        let fw = content.sections.iter().find(|s| s.id == "frameworks").unwrap();
        let ds = fw.sections.iter().find(|s| s.id == "fw-digital-standard").expect("the Digital Standard");
        assert_eq!(ds.heading, "The Digital Standard");
        assert!(page.contains("CC BY 4.0"), "{lang:?}: the licence's credit line");
    }
    let (page, _, _) = both(&speaker, None, Lang::En);
    assert!(page.contains("The Digital Standard: 22 of 34 criteria met"), "criteria met, not a verdict");

    let camera = example("acme-cam-2");
    let (_, content, _) = both(&camera, None, Lang::En);
    assert!(content.sections.iter().all(|s| s.id != "ownership"), "nothing declared, no section");

    let report = iotlabel_testkit::engine().assess(&speaker, None, &[], as_of());
    let label = build(&LabelInput { decl: &speaker, evidence: None, report: &report, base_url: BASE_URL });
    let ds = label.frameworks.iter().find(|f| f.id == "digital-standard").unwrap();
    assert!(!ds.on_panel);
    assert_eq!((ds.met, ds.applicable), (22, 34));
    // The panel's five places go to conformity frameworks only.
    assert_eq!(label.frameworks.iter().filter(|f| f.on_panel).count(), 5);
    assert!(label.frameworks.iter().filter(|f| f.on_panel).all(|f| f.kind.judges_conformity()));
    let svg = iotlabel_render::svg::primary(&label, &[Lang::En]);
    assert!(!svg.contains("Digital Standard"), "the box panel lists conformity frameworks only");
    assert!(svg.contains("ETSI EN 303 645"));
}

/// The hardware section shows each declared radio or physical connection (its kind, what it is
/// for in the maker's words, when it is open, what keeps strangers out, how its traffic is
/// protected) and, when declared, each debug port, boot stage and secret with a tick or a cross,
/// and the phone app's facts: in both languages, names from the taxonomy and the catalogs, and
/// the page agrees with its JSON.
#[test]
fn the_hardware_section_shows_interfaces_and_each_part() {
    use iotlabel_label::facts::Tone;
    use iotlabel_model::*;
    let mut decl = example("acme-cam-2");
    decl.hardware.debug_ports = vec![
        DebugPort { kind: "uart".into(), state: DebugPortState::Open },
        DebugPort { kind: "jtag".into(), state: DebugPortState::Locked },
    ];
    decl.hardware.boot_stages = vec![
        BootStage { stage: "bootloader".into(), verified_by: BootVerification::HardwareRootOfTrust },
        BootStage { stage: "application".into(), verified_by: BootVerification::ApplicationOnly },
    ];
    decl.hardware.secrets = vec![
        Secret { name: "wifi-password".into(), storage: "secure-element".into() },
        Secret { name: "cloud-client-key".into(), storage: "plain-flash".into() },
    ];
    decl.companion_app =
        Some(CompanionApp { receives: vec!["video".into()], encrypted: Some(true), authenticated: None });
    let tax = Taxonomy::builtin();
    let interfaces = decl.interfaces.clone().expect("acme-cam-2 declares its interfaces");
    assert!(!interfaces.is_empty());
    for lang in Lang::ALL {
        let (page, content, json) = both(&decl, None, lang);
        check("acme-cam-2 + hardware parts", lang, &page, &content, &json);
        let hardware = content.sections.iter().find(|s| s.id == "hardware").unwrap();
        let sub =
            |id: &str| hardware.sections.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no #{id}"));
        let by_lang = |en: &str, fr: &str| if lang == Lang::Fr { fr.to_string() } else { en.to_string() };

        let shown = &sub("interfaces").items;
        assert_eq!(shown.len(), interfaces.len(), "{lang:?}");
        for (item, i) in shown.iter().zip(&interfaces) {
            let kind = tax.interface_kind(&i.kind).unwrap();
            assert_eq!(item.text.plain(), by_lang(&kind.en, &kind.fr));
            let details: Vec<String> = item.details.iter().map(|d| d.plain()).collect();
            let protection = tax.link_protection(&i.protection).unwrap();
            let protection = by_lang(&protection.en, &protection.fr);
            assert!(details.iter().any(|d| d.ends_with(&protection)), "{lang:?}: {details:?}");
            if let Some(p) = &i.purpose {
                assert!(details.iter().any(|d| d.ends_with(p.as_str())), "{lang:?}: {details:?}");
            }
            let auth =
                details.iter().filter(|d| d.starts_with(&iotlabel_i18n::text(lang, "label-iface-f-auth")));
            assert_eq!(auth.count(), 1, "{lang:?}: {details:?}");
        }

        let tones = |id: &str| sub(id).items.iter().map(|i| i.tone).collect::<Vec<_>>();
        assert_eq!(
            tones("debug-ports"),
            [Some(Tone::Bad), Some(Tone::Good)],
            "{lang:?}: an open port is bad news"
        );
        assert_eq!(tones("boot-stages"), [Some(Tone::Good), Some(Tone::Bad)], "{lang:?}");
        let storage = |id: &str| tax.secret_storage(id).unwrap().protected;
        let expected: Vec<Option<Tone>> = decl
            .hardware
            .secrets
            .iter()
            .map(|x| Some(if storage(&x.storage) { Tone::Good } else { Tone::Bad }))
            .collect();
        assert_eq!(tones("secrets"), expected, "{lang:?}");
        let uart = sub("debug-ports").items[0].text.plain();
        assert!(uart.contains(&iotlabel_i18n::text(lang, "label-debug-kind-uart")), "{uart}");
        assert!(uart.contains(&iotlabel_i18n::text(lang, "label-debug-port-open")), "{uart}");

        let app = sub("companion-app");
        let fields: Vec<&str> = app.facts.iter().map(|f| f.field).collect();
        assert_eq!(
            fields,
            ["companion_app.receives", "companion_app.encrypted", "companion_app.authenticated"]
        );
        let values: Vec<String> = app.facts.iter().map(|f| f.value.plain()).collect();
        assert_eq!(values[1], iotlabel_i18n::text(lang, "label-yes"));
        assert_eq!(values[2], iotlabel_i18n::text(lang, "label-not-declared"));
    }

    // Nothing declared one by one: no such parts; no interfaces declared, or none at all.
    let mut plain = example("acme-cam-2");
    plain.interfaces = None;
    let (_, content, _) = both(&plain, None, Lang::En);
    let hardware = content.sections.iter().find(|s| s.id == "hardware").unwrap();
    let ids: Vec<&str> = hardware.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["interfaces"]);
    assert_eq!(hardware.sections[0].text[0].plain(), "Not declared");
    plain.interfaces = Some(Vec::new());
    let (_, content, _) = both(&plain, None, Lang::Fr);
    let hardware = content.sections.iter().find(|s| s.id == "hardware").unwrap();
    assert_eq!(hardware.sections[0].text[0].plain(), iotlabel_i18n::text(Lang::Fr, "label-interfaces-none"));
}
