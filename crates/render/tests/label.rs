//! The label's two layers and its terminal rendering, for every example declaration: golden
//! files for a few representative devices, structural checks (well-formed SVG, panel size,
//! headings, text alternatives, no missing messages) for all of them.

use iotlabel_testkit::{as_of, examples};

use iotlabel_label::{Label, LabelInput, build};
use iotlabel_model::{Declaration, Taxonomy, TermKind};
use iotlabel_render::{Lang, html, icons, svg, txt, wording};

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
            let report = iotlabel_testkit::engine().assess(&decl, None, &[], as_of());
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
            _ if r.decl.updates.mechanism == UpdateMechanism::None => "No security updates".to_string(),
            Some(d) if d >= as_of() => iotlabel_i18n::date(Lang::En, d),
            Some(_) => "Support ended".to_string(),
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
    for term in iotlabel_render::content::GLOSSARY {
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

// ---------------------------------------------------------------------------------------------
// Audit findings: who tested, label ids, support box, sensors, fitting, bilingual panels, speed

use iotlabel_label::facts::{self, AttestationFact, LabCoverage};
use iotlabel_model::{
    EVIDENCE_VERSION, Evidence, EvidenceItem, OffSwitch, Sensor, SensorActivity, TestMethod, TestResult,
    UpdateMechanism,
};
use iotlabel_testkit::{example, root};

fn label_of(decl: &Declaration, evidence: Option<&Evidence>) -> Label {
    let report = iotlabel_testkit::engine().assess(decl, evidence, &[], as_of());
    build(&LabelInput { decl, evidence, report: &report, base_url: BASE_URL })
}

fn lab_evidence() -> Evidence {
    let path = root().join("examples/evidence/acme-cam-2-lab.json");
    let text = std::fs::read_to_string(&path).unwrap();
    iotlabel_model::parse_evidence("acme-cam-2-lab.json", &text, iotlabel_model::Format::Json).unwrap()
}

fn item(id: &str, control: &str, tester: &str, method: TestMethod) -> EvidenceItem {
    EvidenceItem {
        id: id.to_string(),
        control: Some(control.to_string()),
        requirement: None,
        result: TestResult::Pass,
        method,
        tester: tester.to_string(),
        date: as_of() - chrono::Duration::days(30),
        summary: "Observed".to_string(),
        tool: None,
        source: None,
    }
}

#[test]
fn a_lab_named_only_in_the_manufacturers_claims_is_a_claim_not_a_test() {
    // acme-cam-2 claims "communication" was checked by Example Test Lab, with no evidence.
    let decl = example("acme-cam-2");
    let label = label_of(&decl, None);
    assert_eq!(label.attestation, AttestationFact::SelfDeclared);
    assert_eq!(label.lab_testing.claimed, ["Example Test Lab"]);
    assert_eq!(label.lab_testing.coverage, LabCoverage::None);
    let en = svg::primary(&label, &[Lang::En, Lang::Fr]);
    assert!(!en.contains("Tested by") && !en.contains("Testé par"), "a claim shown as a test");
    assert!(en.contains("claimed by the manufacturer"), "the claim is not shown as one");
    assert!(en.contains("revendiqué par le fabricant"), "the claim is not shown as one (fr)");
    let txt = txt::render(&label, &iotlabel_testkit::engine().assess(&decl, None, &[], as_of()), Lang::En);
    assert!(txt.contains("claimed by the manufacturer") && !txt.contains("Tested by"), "{txt}");
}

#[test]
fn lab_evidence_covering_some_controls_is_partial_lab_testing() {
    let decl = example("acme-cam-2");
    let ev = lab_evidence();
    let label = label_of(&decl, Some(&ev));
    assert_eq!(label.attestation, AttestationFact::LabTested { labs: vec!["Example Test Lab".to_string()] });
    assert_eq!(label.lab_testing.coverage, LabCoverage::Partial);
    assert!(label.lab_testing.controls_tested > 0);
    assert!(label.lab_testing.controls_tested < label.lab_testing.controls_applicable);
    // The lab did supply evidence, so its claim is no longer only a claim.
    assert!(label.lab_testing.claimed.is_empty());
    let svg = svg::primary(&label, &[Lang::En, Lang::Fr]);
    assert!(svg.contains("Partly lab-tested by Example Test Lab"), "no partial testing in the box");
    assert!(svg.contains("Testé en partie par Example Test Lab"), "no partial testing in the box (fr)");
    assert!(!svg.contains(">Tested by"), "partial testing shown as complete");
}

#[test]
fn only_independent_testers_count_as_labs() {
    let decl = example("acme-cam-2");
    // The manufacturer, its brand in a lab's name, iotlabel's own scan, self-assessment.
    for tester in
        ["Acme Devices Ltd", "Acme QA Lab", "ACME", facts::SCANNER_TESTER, "self-assessed", "vendor"]
    {
        let ev = Evidence {
            schema_version: EVIDENCE_VERSION.to_string(),
            device: None,
            items: vec![item("t-1", "auth.no-universal-default-password", tester, TestMethod::NetworkTest)],
        };
        let label = label_of(&decl, Some(&ev));
        assert_eq!(label.attestation, AttestationFact::SelfDeclared, "{tester} counted as a lab");
        let svg = svg::primary(&label, &[Lang::En]);
        assert!(!svg.contains("lab-tested by") && !svg.contains(">Tested by"), "{tester}");
    }
    // An independent lab's inconclusive result tests nothing.
    let mut inconclusive =
        item("t-2", "auth.no-universal-default-password", "Other Lab", TestMethod::NetworkTest);
    inconclusive.result = TestResult::Inconclusive;
    let ev =
        Evidence { schema_version: EVIDENCE_VERSION.to_string(), device: None, items: vec![inconclusive] };
    assert_eq!(label_of(&decl, Some(&ev)).attestation, AttestationFact::SelfDeclared);
}

#[test]
fn lab_evidence_for_every_applicable_control_is_full_lab_testing() {
    let decl = example("plugsafe-mini");
    let report = iotlabel_testkit::engine().assess(&decl, None, &[], as_of());
    let cats = iotlabel_catalog::Catalogs::builtin();
    let items: Vec<EvidenceItem> = report
        .controls
        .iter()
        .filter(|c| c.verdict != iotlabel_assess::Verdict::NotApplicable)
        .enumerate()
        .map(|(i, c)| {
            let control = cats.control(c.id).unwrap();
            let method = match control.evidence_methods.first().map(String::as_str) {
                Some("binary_analysis") => TestMethod::BinaryAnalysis,
                Some("penetration_test") => TestMethod::PenetrationTest,
                Some("network_test") => TestMethod::NetworkTest,
                Some("document_review") => TestMethod::DocumentReview,
                _ => TestMethod::LabTest,
            };
            item(&format!("e-{i}"), c.id, "Independent Test House", method)
        })
        .collect();
    let ev = Evidence { schema_version: EVIDENCE_VERSION.to_string(), device: None, items };
    let label = label_of(&decl, Some(&ev));
    assert_eq!(label.lab_testing.coverage, LabCoverage::Full, "{:?}", label.lab_testing);
    assert!(svg::primary(&label, &[Lang::En]).contains(">Tested by Independent Test House<"));
}

#[test]
fn label_ids_are_ascii_bounded_never_empty_and_distinct_for_lookalike_names() {
    let base = example("acme-cam-2").identity;
    // Ordinary names keep their id.
    assert_eq!(facts::label_id(&base), "acme-cam-2-b1-2-4-1");
    let with = |brand: &str, model: &str| {
        let mut i = base.clone();
        i.brand = brand.to_string();
        i.model = model.to_string();
        facts::label_id(&i)
    };
    let hashed = |id: &str| {
        let (_, tail) = id.rsplit_once('-').unwrap();
        tail.len() == 8 && tail.bytes().all(|b| b.is_ascii_hexdigit())
    };
    // Accents are transliterated, not dropped.
    let id = with("Zoë", "Caméra Œil");
    assert!(id.starts_with("zoe-camera-oeil-b1-2-4-1-") && hashed(&id), "{id}");
    let id = with("北京", "Cam");
    assert!(id.starts_with("bei-jing-cam-"), "{id}");
    // Names that slug alike still get different ids.
    assert_ne!(with("Acme", "Cam-2"), with("Acme", "Cam 2"));
    assert_ne!(with("Acme", "Cam_2"), with("Acme", "Cam-2"));
    // Nothing to slug: a digest-derived id.
    let mut i = base.clone();
    (i.brand, i.model, i.hardware_version, i.firmware_version) =
        ("!!!".into(), "???".into(), "—".into(), "…".into());
    let id = facts::label_id(&i);
    assert!(id.starts_with("label-") && hashed(&id), "{id}");
    // Very long names: a bounded id, still unique.
    let long_a = with("Acme", &"Camera ".repeat(200));
    let long_b = with("Acme", &format!("{}X", "Camera ".repeat(200)));
    for id in [&long_a, &long_b] {
        assert!(id.len() <= facts::ID_SLUG_MAX + 9 && hashed(id), "{id}");
    }
    assert_ne!(long_a, long_b);
    for id in [with("Zoë", "Caméra"), long_a, with("A/B", "C:D*E?"), with("Ünïcödé 🙂", "Ⅻ")] {
        assert!(
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{id}"
        );
        assert!(!id.starts_with('-') && !id.ends_with('-') && !id.contains("--"), "{id}");
    }
}

#[test]
fn a_device_that_cannot_be_updated_is_not_promised_security_updates() {
    let decl = example("lumen-bulb-zb");
    assert_eq!(decl.updates.mechanism, UpdateMechanism::None);
    let label = label_of(&decl, None);
    let svg = svg::primary(&label, &[Lang::En, Lang::Fr]);
    assert!(svg.contains(">No security updates</text>"), "the large line must say there are none");
    assert!(svg.contains(">Aucune mise à jour</text>"));
    assert!(!svg.contains("Security updates until"), "an update promise for a device that cannot be updated");
    assert!(!svg.contains("Mises à jour de sécurité jusqu"));
    // The declared support period is still shown, as a support period.
    assert!(svg.contains("Support period until 20 January 2030"));
    let report = iotlabel_testkit::engine().assess(&decl, None, &[], as_of());
    let txt = txt::render(&label, &report, Lang::En);
    assert!(txt.contains("No security updates") && !txt.contains("Security updates until"), "{txt}");
}

#[test]
fn after_support_ends_the_update_mechanism_is_not_presented_as_help() {
    let decl = example("echoes-speaker-eol");
    assert_eq!(decl.updates.mechanism, UpdateMechanism::AutomaticByDefault);
    let label = label_of(&decl, None);
    let svg = svg::primary(&label, &[Lang::En, Lang::Fr]);
    assert!(svg.contains(">Support ended</text>"));
    assert!(
        !svg.contains(">Automatic</text>") && !svg.contains(">Automatiques</text>"),
        "updates called automatic"
    );
    assert!(!wording::description(&label, Lang::En).contains("Security updates: Automatic"));
    let txt = txt::render(&label, &iotlabel_testkit::engine().assess(&decl, None, &[], as_of()), Lang::En);
    assert!(!txt.contains("Security updates: Automatic"), "{txt}");
}

/// A declaration with many sensors: seven with a physical switch first, then one that records
/// people and cannot be turned off.
fn many_sensors() -> Declaration {
    let mut decl = example("acme-cam-2");
    let sensor = |kind: &str, off_switch| Sensor {
        kind: kind.to_string(),
        active: SensorActivity::Always,
        indicator: false,
        off_switch,
        documented: None,
    };
    decl.sensors = ["thermometer", "humidity", "light", "motion", "accelerometer", "contact", "power-meter"]
        .into_iter()
        .map(|k| sensor(k, OffSwitch::PhysicalSwitch))
        .chain([sensor("location", OffSwitch::Software), sensor("microphone", OffSwitch::None)])
        .collect();
    decl
}

#[test]
fn when_sensors_are_cut_those_that_cannot_be_turned_off_come_first() {
    let tax = Taxonomy::builtin();
    let label = label_of(&many_sensors(), None);
    for s in &label.sensors {
        assert_eq!(
            s.records_people,
            tax.get(TermKind::Sensor, &s.kind).unwrap().records_people,
            "{}",
            s.kind
        );
    }
    let svg = svg::primary(&label, &[Lang::En]);
    assert!(svg.contains("more: see online"), "the stress case must truncate the list");
    let shown = |name: &str| svg.contains(&format!(">{name}</text>"));
    assert!(shown("Microphone"), "the microphone without off switch was cut");
    assert!(shown("Location"), "the software-only sensor was cut before physical ones");
    let mic = svg.find(">Microphone</text>").unwrap();
    let loc = svg.find(">Location</text>").unwrap();
    assert!(mic < loc, "no off switch first, then software only");
    // Nothing is cut: declaration order.
    let label = label_of(&example("acme-cam-2"), None);
    let svg = svg::primary(&label, &[Lang::En]);
    assert!(svg.find(">Camera</text>").unwrap() < svg.find(">Microphone</text>").unwrap());
}

/// The text elements of each panel of an SVG: (panel, x, y, size, bold, anchor, text).
fn texts(svg: &str) -> Vec<(usize, f32, f32, f32, bool, String, String)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let mut out = Vec::new();
    for (panel, g) in doc.root_element().children().filter(|n| n.has_tag_name("g")).enumerate() {
        for n in g.descendants().filter(|n| n.has_tag_name("text")) {
            let f = |a: &str| n.attribute(a).unwrap().parse::<f32>().unwrap();
            out.push((
                panel,
                f("x"),
                f("y"),
                f("font-size"),
                n.attribute("font-weight") == Some("bold"),
                n.attribute("text-anchor").unwrap_or("start").to_string(),
                n.text().unwrap_or_default().to_string(),
            ));
        }
    }
    out
}

/// Every line of text, measured as the renderer measures it, stays inside the panel, inside its
/// column or beside the QR code, and no two lines overlap.
fn check_text_fits(name: &str, svg_text: &str) {
    let doc = roxmltree::Document::parse(svg_text).unwrap();
    let rules: Vec<f32> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path") && n.attribute("d").is_some_and(|d| d.ends_with("H87")))
        .map(|n| n.attribute("d").unwrap()[3..].trim_end_matches("H87").parse::<f32>().unwrap())
        .collect();
    let qr_x = svg::QR_X;
    let boxes: Vec<_> = texts(svg_text)
        .into_iter()
        .map(|(panel, x, y, size, bold, anchor, text)| {
            let w = svg::text_width(&text, bold, size);
            let (left, right) = if anchor == "middle" { (x - w / 2.0, x + w / 2.0) } else { (x, x + w) };
            (panel, left, right, y - 0.76 * size, y + 0.24 * size, text)
        })
        .collect();
    for (panel, left, right, top, bottom, text) in &boxes {
        let rule = |i: usize| rules.get(panel * 2 + i).copied().unwrap_or(0.0);
        assert!(
            *left >= 0.6 && *right <= 87.0 + 0.01,
            "{name}: `{text}` runs out of the panel ({left}..{right})"
        );
        assert!(*top >= 0.6 && *bottom <= 119.4, "{name}: `{text}` runs out of the panel ({top}..{bottom})");
        if *top > rule(0) && *bottom < rule(1) && *left < 45.0 {
            assert!(*right <= 45.01, "{name}: `{text}` runs into the data column ({right})");
        }
        // Beside the QR code (the address line below it spans the panel).
        if *top > rule(1) && *top < rule(1) + svg::QR + 0.5 && *left < qr_x {
            assert!(*right <= qr_x + 0.01, "{name}: `{text}` runs into the QR code ({right})");
        }
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let overlap = a.0 == b.0 && a.1 < b.2 && b.1 < a.2 && a.3 < b.4 && b.3 < a.4;
            assert!(!overlap, "{name}: `{}` overlaps `{}`", a.5, b.5);
        }
    }
}

/// acme-cam-2 with very long names, a long contact, many sensors and data types, and lab
/// evidence from a lab with a long name.
fn stress() -> (Declaration, Evidence) {
    let mut decl = many_sensors();
    let i = &mut decl.identity;
    i.brand = "Extraordinarily Verbose Consumer Electronics Brand Name Incorporated".to_string();
    i.model = "SuperVisionCam UltraHD ProfessionalEdition X9000-Rev-B 2".to_string();
    i.manufacturer.name =
        "Extraordinarily Verbose Consumer Electronics Manufacturing Holdings International \
         Limited Liability Partnership"
            .to_string();
    decl.vulnerability_disclosure.contact = Some(
        "mailto:product-security-incident-response-team.vulnerability-reports@extraordinarily-verbose-electronics.example"
            .to_string(),
    );
    let tax = Taxonomy::builtin();
    let template = decl.data.collected[0].clone();
    decl.data.collected = tax
        .ids(TermKind::Data)
        .map(|k| {
            let mut d = template.clone();
            d.kind = k.to_string();
            d.shared_with = vec!["Advertising partners".to_string()];
            d.sold = Some(true);
            d
        })
        .collect();
    let mut ev = lab_evidence();
    for it in &mut ev.items {
        it.tester =
            "Laboratoire National d'Essais et de Certification des Objets Connectés de Montréal".to_string();
    }
    (decl, ev)
}

#[test]
fn every_line_of_text_fits_its_place_even_with_very_long_names() {
    let (decl, ev) = stress();
    let label = label_of(&decl, Some(&ev));
    for langs in [&[Lang::En][..], &[Lang::Fr], &[Lang::En, Lang::Fr]] {
        let svg = svg::primary(&label, langs);
        check_text_fits(&format!("stress {langs:?}"), &svg);
        // The product name may take two lines; the brand is shortened, the model stays whole.
        let product: Vec<String> = texts(&svg)
            .into_iter()
            .filter(|t| t.0 == 0 && t.4 && t.3 >= 3.0 && t.2 > 8.0 && t.2 < 18.0)
            .map(|t| t.6)
            .collect();
        let product = product.join(" ");
        assert!(product.starts_with("Extraordinarily") && product.contains('…'), "{product}");
        assert!(product.ends_with("ProfessionalEdition X9000-Rev-B 2"), "the model was cut: {product}");
        // The contact wraps at its punctuation instead of being cut.
        assert!(svg.contains("extraordinarily-verbose-electronics.example</text>"), "contact cut: {langs:?}");
    }
    for r in rendered() {
        check_text_fits(&r.name, &r.svg_en);
        check_text_fits(&r.name, &r.svg_en_fr);
    }
    for seed in 0..40 {
        let decl = iotlabel_model::testgen::declaration(seed);
        let label = label_of(&decl, None);
        check_text_fits(&format!("testgen {seed}"), &svg::primary(&label, &[Lang::En, Lang::Fr]));
    }
}

#[test]
fn a_long_brand_is_shortened_before_the_model() {
    let mut decl = example("acme-cam-2");
    decl.identity.brand = "Brand".repeat(40);
    let svg = svg::primary(&label_of(&decl, None), &[Lang::En]);
    let lines: Vec<String> = texts(&svg)
        .into_iter()
        .filter(|t| t.3 >= 3.0 && t.4 && t.2 > 8.0 && t.2 < 20.0)
        .map(|t| t.6)
        .collect();
    let shown = lines.join(" ");
    assert!(shown.contains('…') && shown.ends_with("Cam 2"), "{lines:?}");
}

/// Issue #10: a 61-character unbroken model name pushed the brand off the panel. Whatever the
/// model (unbroken, 20 to 200 characters, Latin, Cyrillic, Greek, CJK, full-width, mixed), the
/// product lines show the whole brand, shorten the model with "…" when it cannot fit, and stay
/// inside the panel, for one language and two side by side.
#[test]
fn a_long_unbroken_model_never_pushes_the_brand_off_the_panel() {
    let base = label_of(&example("acme-cam-2"), None);
    let brands = ["Acme", "Zoë & Co", "Ακμή", "Акме", "アクメ", "ＡＣＭＥ", "小米", "Acme Κάμερα Камера"];
    // Repeated to the length wanted: digits and letters, other scripts, wide characters.
    let alphabets =
        ["X9000", "SuperVisionCamUltraHD", "Модель", "Κάμερα", "型号监控摄像机", "ＸＹＺ", "Cam型号Модель"];
    let mut checked = 0;
    for brand in brands {
        for alphabet in alphabets {
            for len in (20..=200).step_by(30).chain([61]) {
                let model: String = alphabet.chars().cycle().take(len).collect();
                let mut label = base.clone();
                label.product.brand = brand.to_string();
                label.product.model = model.clone();
                for langs in [&[Lang::En][..], &[Lang::En, Lang::Fr]] {
                    let svg = svg::primary(&label, langs);
                    let name = format!("{brand} / {model} ({} chars) {langs:?}", len);
                    check_text_fits(&name, &svg);
                    for panel in 0..langs.len() {
                        let product: Vec<String> = texts(&svg)
                            .into_iter()
                            .filter(|t| t.0 == panel && t.4 && t.3 >= 3.0 && t.2 > 8.0 && t.2 < 18.0)
                            .map(|t| t.6)
                            .collect();
                        let shown = product.join(" ");
                        assert!(shown.contains(brand), "{name}: the brand is missing from {product:?}");
                        let first = model.chars().take(3).collect::<String>();
                        assert!(shown.contains(&first), "{name}: the model is missing from {product:?}");
                        assert!(product.len() <= 2, "{name}: {product:?}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn bilingual_panels_show_the_same_sensors_and_data() {
    let mut checked = 0;
    let mut cases: Vec<Declaration> = rendered().into_iter().map(|r| r.decl).collect();
    cases.push(many_sensors());
    cases.push(stress().0);
    for decl in cases {
        let label = label_of(&decl, None);
        let svg = svg::primary(&label, &[Lang::En, Lang::Fr]);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let panels: Vec<(usize, Option<String>)> = doc
            .root_element()
            .children()
            .filter(|n| n.has_tag_name("g"))
            .map(|g| {
                // Column entries have 4.6 mm icons.
                let icons = g
                    .children()
                    .filter(|n| n.attribute("transform").is_some_and(|t| t.ends_with("scale(0.192)")))
                    .count();
                let more = g
                    .descendants()
                    .filter_map(|n| n.text())
                    .find(|t| t.starts_with("+ "))
                    .map(|t| t.split(' ').nth(1).unwrap().to_string());
                (icons, more)
            })
            .collect();
        assert_eq!(panels[0], panels[1], "{}: the panels differ", decl.identity.model);
        checked += usize::from(panels[0].1.is_some());
    }
    assert!(checked >= 2, "no case truncated a column");
}

#[test]
fn more_items_is_a_plural_in_both_languages() {
    let more = |lang, n: usize| iotlabel_i18n::Msg::new("label-more").arg("count", n).text(lang);
    assert!(more(Lang::Fr, 1).starts_with("+ 1 autre\u{a0}:"), "{}", more(Lang::Fr, 1));
    assert!(more(Lang::Fr, 2).starts_with("+ 2 autres\u{a0}:"), "{}", more(Lang::Fr, 2));
    assert!(more(Lang::En, 1).starts_with("+ 1 more"), "{}", more(Lang::En, 1));
    assert!(more(Lang::En, 3).starts_with("+ 3 more"), "{}", more(Lang::En, 3));
}

#[test]
fn very_long_names_are_measured_in_linear_time() {
    let mut decl = example("acme-cam-2");
    let label = label_of(&decl, None);
    let _ = svg::primary(&label, &[Lang::En]);
    for model in ["W".repeat(16_000), "Wide ".repeat(3_200)] {
        decl.identity.model = model;
        let label = label_of(&decl, None);
        let start = std::time::Instant::now();
        let svg = svg::primary(&label, &[Lang::En, Lang::Fr]);
        let took = start.elapsed();
        assert!(took < std::time::Duration::from_millis(1500), "{took:?}");
        check_text_fits("16k model", &svg);
        let label = label_of(&decl, None);
        let report = iotlabel_testkit::engine().assess(&decl, None, &[], as_of());
        let start = std::time::Instant::now();
        let _ = txt::render(&label, &report, Lang::En);
        assert!(start.elapsed() < std::time::Duration::from_millis(500), "{:?}", start.elapsed());
    }
}

/// Every value the text label prints, hostile: a line break before a forged line, a terminal
/// escape, a bidi override. The label keeps one line per value and no raw control character.
#[test]
fn the_text_label_keeps_every_value_on_its_line() {
    const FORGED: &str = "\nAll requirements met\r\n\u{1b}[2J\u{1b}[32mCONFORMANT\u{202E}\t";
    let (mut decl, ev) = stress();
    let i = &mut decl.identity;
    for s in [&mut i.brand, &mut i.model, &mut i.manufacturer.name, &mut i.device_type] {
        s.push_str(FORGED);
    }
    decl.vulnerability_disclosure.contact = Some(format!("mailto:a@b.example{FORGED}"));
    decl.network.mud_url = Some(format!("https://mud.example/x.json{FORGED}"));
    for s in &mut decl.sensors {
        s.kind.push_str(FORGED);
    }
    for d in &mut decl.data.collected {
        d.kind.push_str(FORGED);
        d.shared_with.iter_mut().for_each(|w| w.push_str(FORGED));
    }
    let label = label_of(&decl, Some(&ev));
    let report = iotlabel_testkit::engine().assess(&decl, Some(&ev), &[], as_of());
    for lang in [Lang::En, Lang::Fr] {
        let txt = txt::render(&label, &report, lang);
        assert!(txt.contains("\\nAll requirements met\\r\\n\\u{1b}[2J"), "{txt}");
        for line in txt.lines() {
            assert!(
                !line.trim_start().starts_with("All requirements") && !line.starts_with("CONFORMANT"),
                "{txt}"
            );
        }
        assert!(!txt.chars().any(|c| c != '\n' && c.is_control() || c == '\u{202E}'), "{txt}");
    }
    assert_eq!(txt::one_line("a\nb\tc\u{1b}[0m\u{200B}\u{200D}"), "a\\nb\\tc\\u{1b}[0m\\u{200b}\u{200D}");
    assert_eq!(txt::one_line("Ça va 👍"), "Ça va 👍");
}

/// A security camera whose declaration lists no camera: every layer says it is the maker's word
/// (issue 8), not that the label found no camera, and a camera that declares one says nothing.
#[test]
fn a_usual_sensor_the_maker_declares_absent_is_shown_as_the_makers_word() {
    let decl = iotlabel_testkit::patched("acme-cam-2", &[("sensors", serde_json::json!([]))]);
    let report = iotlabel_testkit::engine().assess(&decl, None, &[], as_of());
    let label = build(&LabelInput { decl: &decl, evidence: None, report: &report, base_url: BASE_URL });
    assert_eq!(label.sensors_declared_absent, ["camera", "microphone"]);
    let page = html::page(&label, &report, &decl, &[Lang::En, Lang::Fr]);
    assert!(page.contains("The maker declares that this device has no camera, microphone"), "page");
    assert!(page.contains("Le fabricant déclare l’absence de ces capteurs\u{a0}: caméra"), "page in French");
    let text = txt::render(&label, &report, Lang::En);
    assert!(text.contains("none, says the maker"), "{text}");
    let panel = svg::primary(&label, &[Lang::En]);
    assert!(panel.contains("none, says the maker"), "panel");

    let (_, with_camera) = examples().into_iter().find(|(n, _)| n == "acme-cam-2").unwrap();
    let report = iotlabel_testkit::engine().assess(&with_camera, None, &[], as_of());
    let label =
        build(&LabelInput { decl: &with_camera, evidence: None, report: &report, base_url: BASE_URL });
    assert!(label.sensors_declared_absent.is_empty());
}

/// The panel has room for five framework results: a product sold in Japan shows JC-STAR in place
/// of a regime that does not apply to it; with no market declared, JC-STAR (the sixth) gives way.
/// The page lists all six either way.
#[test]
fn the_panel_shows_the_frameworks_of_the_declared_markets_first() {
    let mut d = example("fortis-lock-pro");
    let label = label_of(&d, None);
    let panel = svg::primary(&label, &[Lang::En]);
    assert!(!panel.contains("JC-STAR") && panel.contains("UK PSTI"));
    assert_eq!(label.frameworks.iter().filter(|f| f.on_panel).count(), facts::PANEL_FRAMEWORKS);

    d.market.regions = vec!["JP".into()];
    let label = label_of(&d, None);
    let panel = svg::primary(&label, &[Lang::En]);
    assert!(panel.contains("JC-STAR STAR-1"), "JC-STAR missing from the panel");
    // UK PSTI and the EU CRA are out of scope; the later of them gives way.
    assert!(panel.contains("UK PSTI") && !panel.contains("EU CRA"));
    let report = iotlabel_testkit::engine().assess(&d, None, &[], as_of());
    let page = html::page(&label, &report, &d, &[Lang::En]);
    assert!(page.contains("JC-STAR STAR-1") && page.contains("EU CRA"));
    check_text_fits("fortis sold in Japan", &panel);
}

/// The panel's texts (all `<text>` contents, in document order).
fn panel_texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::to_string)
        .collect()
}

/// How many sensor and data entries each language's panel draws (their 4.6 mm icons).
fn entries_drawn(svg: &str) -> Vec<usize> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name("g"))
        .map(|g| {
            g.children()
                .filter(|n| n.attribute("transform").is_some_and(|t| t.ends_with("scale(0.192)")))
                .count()
        })
        .collect()
}

/// Many entries in one column and few in the other: what does not fit in its own column goes
/// under the other column's entries ("Sensors, continued"), so every one is shown and the panel
/// does not send the buyer online for it. Each line still fits its place, and both languages
/// show the same entries.
#[test]
fn the_panel_uses_the_other_columns_room_before_saying_more() {
    // Four sensors where three fit, one data item.
    let mut few_data = many_sensors();
    few_data.sensors.truncate(4);
    few_data.identity.device_type = "smart-plug".into();
    few_data.data.collected.truncate(1);
    let mut no_sensors = example("acme-cam-2");
    no_sensors.sensors.clear();
    no_sensors.identity.device_type = "smart-plug".into();
    // Three data types where two fit (in French at least), no sensors.
    let kinds = ["video", "audio", "personal-identifiers"];
    let template = no_sensors.data.collected[0].clone();
    no_sensors.data.collected =
        kinds.iter().map(|k| iotlabel_model::DataItem { kind: k.to_string(), ..template.clone() }).collect();
    for (what, decl, continued) in
        [("sensors", &few_data, "label-sensors-continued"), ("data", &no_sensors, "label-data-continued")]
    {
        let label = label_of(decl, None);
        let entries = label.sensors.len() + label.sensors_declared_absent.len() + label.data.len();
        let mut continued_in = 0;
        for langs in [&[Lang::En][..], &[Lang::Fr], &[Lang::En, Lang::Fr]] {
            let svg = svg::primary(&label, langs);
            let texts = panel_texts(&svg);
            let name = format!("{what} {langs:?}");
            check_text_fits(&name, &svg);
            for &lang in langs {
                let heading = iotlabel_i18n::Msg::new(continued).text(lang);
                continued_in += usize::from(texts.contains(&heading));
            }
            assert_eq!(entries_drawn(&svg), vec![entries; langs.len()], "{name}: {texts:?}");
            assert!(!texts.iter().any(|t| t.starts_with("+ ")), "{name}: still `+ N more`: {texts:?}");
        }
        // The case is one where the list has to continue in the other column.
        assert!(continued_in >= 2, "{what}: never continued in the other column");
    }
}

/// A finding the lab accepts (a mask in force) is shown on the secondary layer, in English and
/// French, as "accepted by <who> on <when>: <why>", and carried by the label JSON; the golden
/// files hold the label's `accepted` and the page's section in both languages.
#[test]
fn accepted_findings_are_on_the_secondary_layer_and_in_the_label_json() {
    let decl = iotlabel_testkit::example("acme-cam-2");
    let text =
        std::fs::read_to_string(iotlabel_testkit::root().join("examples/evidence/acme-cam-2-lab.json"))
            .expect("evidence");
    let ev = iotlabel_model::parse_evidence("acme-cam-2-lab.json", &text, iotlabel_model::Format::Json)
        .expect("evidence parses");
    let masks: iotlabel_model::Masks = iotlabel_model::parse_document(
        "masks.toml",
        r#"schema_version = "1"
[[masks]]
item = "lab-2024-017-tls"
what = "TLS 1.0 on the factory diagnostics port"
why = "The port is closed by the first update, before the camera joins a network"
who = "J. Doe, Example Test Lab"
when = 2024-03-01
expires = 2027-03-01
"#,
        iotlabel_model::Format::Toml,
    )
    .expect("masks parse");
    let report = iotlabel_testkit::engine().assess_masked(&decl, Some(&ev), &masks.masks, &[], as_of());
    let label = build(&LabelInput { decl: &decl, evidence: Some(&ev), report: &report, base_url: BASE_URL });
    assert_eq!(label.accepted.len(), 1);
    insta::assert_json_snapshot!("acme-cam-2.masked.accepted.json", label.accepted);
    for (lang, expect) in [
        (Lang::En, "accepted by J. Doe, Example Test Lab on 1 March 2024: "),
        (Lang::Fr, "accepté par J. Doe, Example Test Lab le 1er mars 2024\u{a0}: "),
    ] {
        let content = iotlabel_render::page_content(&label, &report, &decl, lang);
        let evidence = content.sections.iter().find(|s| s.id == "evidence").expect("evidence section");
        let accepted = evidence.sections.iter().find(|s| s.id == "accepted").expect("accepted section");
        let plain: Vec<String> = accepted.items.iter().map(|i| i.text.plain()).collect();
        assert!(
            plain.iter().any(|t| t.contains(expect) && t.contains("closed by the first update")),
            "{plain:#?}"
        );
        insta::assert_json_snapshot!(format!("acme-cam-2.masked.accepted-section.{lang:?}"), accepted);
        let page = html::page(&label, &report, &decl, &[lang]);
        assert!(page.contains("closed by the first update"), "{lang:?}: the page shows the lab's reason");
        check_accessible("acme-cam-2 masked", &page);
    }
    // The label JSON carries them: the facts and the assessment alike.
    let doc = iotlabel_render::json::label_document_of(
        &label,
        &report,
        &decl,
        [(Lang::En, iotlabel_render::page_content(&label, &report, &decl, Lang::En))],
    )
    .expect("label JSON");
    let v = serde_json::to_value(&doc).expect("json");
    assert_eq!(v["label"]["accepted"][0]["item"], "lab-2024-017-tls");
    assert_eq!(v["assessment"]["accepted"][0]["who"], "J. Doe, Example Test Lab");
    // The TLS failure no longer counts; without the mask it does.
    let tls = |r: &iotlabel_assess::Report<'_>| {
        r.controls.iter().find(|c| c.id == "comms.encrypted").expect("control").verdict
    };
    assert_ne!(tls(&report), iotlabel_assess::Verdict::Contradicted);
    let unmasked = iotlabel_testkit::engine().assess(&decl, Some(&ev), &[], as_of());
    assert!(matches!(
        tls(&unmasked),
        iotlabel_assess::Verdict::Contradicted | iotlabel_assess::Verdict::Fail
    ));
    // A mask that has expired by the assessment date accepts nothing.
    let late = iotlabel_testkit::engine().assess_masked(
        &decl,
        Some(&ev),
        &masks.masks,
        &[],
        chrono::NaiveDate::from_ymd_opt(2027, 6, 1).expect("date"),
    );
    assert!(late.accepted.is_empty());
    assert_eq!(late.masks_not_in_force.len(), 1);
}
