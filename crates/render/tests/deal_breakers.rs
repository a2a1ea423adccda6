//! Deal-breakers come first on every layer, in reverse type with a warning mark; good and bad
//! answers carry marks, not only words; the headline keeps its size for bad news.

use iotlabel_label::facts::{Tone, deal_breaker_data};
use iotlabel_label::{Label, LabelInput, build};
use iotlabel_model::{Declaration, Evidence, EvidenceItem, TestMethod, TestResult};
use iotlabel_render::{Lang, html, svg, txt, wording};
use iotlabel_testkit::{as_of, example, examples};

const BASE_URL: &str = "https://registry.example/l/";

fn label_of(decl: &Declaration, evidence: Option<&Evidence>) -> (Label, iotlabel_assess::Report<'static>) {
    let report = iotlabel_testkit::engine().assess(decl, evidence, &[], as_of());
    let label = build(&LabelInput { decl, evidence, report: &report, base_url: BASE_URL });
    (label, report)
}

fn ids(label: &Label) -> Vec<&str> {
    label.deal_breakers.iter().map(|d| d.id.as_str()).collect()
}

fn edit(stem: &str, f: impl FnOnce(&mut Declaration)) -> Declaration {
    let mut d = example(stem);
    f(&mut d);
    d
}

/// Every deal-breaker of the data file has its two messages in both languages, and every
/// message has its deal-breaker.
#[test]
fn every_deal_breaker_has_its_words_in_both_languages() {
    for d in &deal_breaker_data().deal_breakers {
        let (short, why) = wording::deal_ids(&d.id).unwrap_or_else(|| panic!("no messages for {}", d.id));
        for lang in [Lang::En, Lang::Fr] {
            assert!(iotlabel_i18n::has(lang, short) && iotlabel_i18n::has(lang, why), "{} {lang:?}", d.id);
        }
    }
    for id in ["default-password", "support", "not-updatable", "open-services", "no-report", "contradicted"] {
        assert!(deal_breaker_data().deal_breakers.iter().any(|d| d.id == id), "{id} is not in the data");
    }
}

#[test]
fn each_rule_finds_its_deal_breaker() {
    let (l, _) = label_of(&example("budget-cam-universal-password"), None);
    assert!(ids(&l).contains(&"default-password"), "{:?}", ids(&l));
    assert_eq!(l.deal_breaker("default-password").unwrap().case.as_deref(), Some("universal"));
    assert_eq!(l.answers.password.tone, Tone::Bad);

    let (l, _) = label_of(&example("echoes-speaker-eol"), None);
    assert_eq!(l.deal_breaker("support").map(|d| d.case.as_deref()), Some(Some("ended")));
    assert_eq!(l.answers.support.tone, Tone::Bad);

    let (l, _) = label_of(&example("lumen-bulb-zb"), None);
    assert!(ids(&l).contains(&"not-updatable"), "{:?}", ids(&l));
    // Updatable by hand, however poorly: not "cannot be updated".
    let (l, _) = label_of(&example("budget-cam-universal-password"), None);
    assert!(!ids(&l).contains(&"not-updatable"), "{:?}", ids(&l));

    // An unauthenticated camera stream open on the network.
    let (l, _) = label_of(&example("acme-cam-2"), None);
    assert_eq!(ids(&l), ["open-services"]);

    let d = edit("acme-cam-2", |d| d.updates.support_end = None);
    let (l, _) = label_of(&d, None);
    assert_eq!(l.deal_breaker("support").map(|d| d.case.as_deref()), Some(Some("undeclared")));

    let d = edit("acme-cam-2", |d| d.vulnerability_disclosure.contact = None);
    let (l, _) = label_of(&d, None);
    assert!(ids(&l).contains(&"no-report"));
    assert_eq!(l.answers.report.tone, Tone::Bad);

    let d = edit("plugsafe-mini", |d| {
        for s in &mut d.communication.local_services {
            s.authenticated = false;
            s.enabled_by_default = true;
        }
        if d.communication.local_services.is_empty() {
            d.communication.local_services.push(
                serde_json::from_value(serde_json::json!({
                    "name": "http", "port": 80, "transport": "tcp", "authenticated": false,
                    "encrypted": false, "enabled_by_default": true
                }))
                .unwrap(),
            );
        }
    });
    let (l, _) = label_of(&d, None);
    assert!(ids(&l).contains(&"open-services"), "{:?}", ids(&l));
    // "No password used" is no good news when services are open without one.
    assert_eq!(l.default_password, iotlabel_model::DefaultPasswordPolicy::None);
    assert_eq!(l.answers.password.tone, Tone::Bad);
    let rows = wording::answer_rows(Lang::En, &l);
    let pw = rows.iter().find(|r| r.what == "label-password").unwrap();
    assert!(pw.answer.contains("open"), "{}", pw.answer);
}

/// A well-built device without deal-breakers says so on every layer, with a tick.
#[test]
fn a_device_without_deal_breakers_says_so_everywhere() {
    let (l, report) = label_of(&example("meshgate-ax3000"), None);
    assert!(l.deal_breakers.is_empty(), "{:?}", ids(&l));
    let decl = example("meshgate-ax3000");
    for lang in [Lang::En, Lang::Fr] {
        let none = iotlabel_i18n::text(lang, "label-deal-none");
        assert!(svg::primary(&l, &[lang]).contains(&none), "{lang:?}");
        let text = txt::render(&l, &report, lang);
        assert!(text.contains(&format!("✓ {none}")), "{text}");
        assert!(html::page(&l, &report, &decl, &[lang]).contains(&none));
    }
}

/// A test that finds the opposite of a claim: the claim's answer says so, as bad news, and the
/// band counts it.
#[test]
fn a_contradicted_claim_is_shown_as_contradicted_and_as_a_deal_breaker() {
    let decl = edit("meshgate-ax3000", |_| {});
    let ev = Evidence {
        schema_version: iotlabel_model::EVIDENCE_VERSION.to_string(),
        device: None,
        items: vec![EvidenceItem {
            id: "T-1".into(),
            control: Some("auth.no-universal-default-password".into()),
            requirement: None,
            result: TestResult::Fail,
            method: TestMethod::NetworkTest,
            tester: "Example Test Lab".into(),
            date: as_of() - chrono::Duration::days(30),
            summary: "Logged in with admin:admin".into(),
            tool: None,
            source: None,
        }],
    };
    let (l, report) = label_of(&decl, Some(&ev));
    assert!(l.answers.password.contradicted, "{:?}", l.answers);
    assert_eq!(l.answers.password.tone, Tone::Bad);
    let c = l.deal_breaker("contradicted").expect("contradicted is a deal-breaker");
    assert_eq!(c.controls, ["auth.no-universal-default-password"]);
    assert!(l.deal_breaker("default-password").is_some_and(|d| d.contradicted));
    for lang in [Lang::En, Lang::Fr] {
        let unique = iotlabel_i18n::text(lang, "label-password-unique");
        let said =
            iotlabel_i18n::Msg::new("label-answer-contradicted").arg("answer", unique.clone()).text(lang);
        let panel = svg::primary(&l, &[lang]);
        // The panel never shows the claim alone as the answer.
        assert!(!panel.contains(&format!(">{unique}<")), "{lang:?}: the panel shows the claim as it is");
        let text = txt::render(&l, &report, lang);
        assert!(
            text.contains(&format!(
                "✗ {}",
                wording::field(lang, &iotlabel_i18n::text(lang, "label-password"), &said)
            )),
            "{text}"
        );
        let page = html::page(&l, &report, &decl, &[lang]);
        assert!(page.contains(&svg_escape(&said)), "{lang:?}");
    }
}

fn svg_escape(s: &str) -> String {
    wording::xml(s)
}

/// The band: right under the product name, before the support box; reverse type in black and
/// white only, contrast at least 7:1 (WCAG AAA); a warning mark and one line per problem.
#[test]
fn the_band_comes_first_in_reverse_type_and_black_and_white() {
    for (name, decl) in examples() {
        let (l, _) = label_of(&decl, None);
        for lang in [Lang::En, Lang::Fr] {
            let panel = svg::primary(&l, &[lang]);
            let doc = roxmltree::Document::parse(&panel).unwrap();
            // Colour-safe: black, white or nothing, everywhere.
            for n in doc.descendants() {
                for attr in ["fill", "stroke"] {
                    if let Some(v) = n.attribute(attr) {
                        assert!(["#000", "#fff", "none"].contains(&v), "{name}: {attr}={v}");
                    }
                }
            }
            let texts: Vec<(f32, String, Option<&str>)> = doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .map(|n| {
                    let y: f32 = n.attribute("y").unwrap().parse().unwrap();
                    (y, n.text().unwrap_or_default().to_string(), n.attribute("fill"))
                })
                .collect();
            let heading = wording::deal_heading(&l, lang);
            let (band_y, _, band_fill) = texts
                .iter()
                .find(|(_, t, _)| *t == heading)
                .unwrap_or_else(|| panic!("{name} {lang:?}: no band heading `{heading}`"));
            let (support_y, ..) = texts
                .iter()
                .find(|(_, t, _)| *t == wording::support_lines(&l, lang).0)
                .unwrap_or_else(|| panic!("{name}: no support box"));
            assert!(band_y < support_y, "{name}: the band is not above the support box");
            let product_y = texts[1].0;
            assert!(product_y < *band_y, "{name}: the band is not under the product name");
            if l.deal_breakers.is_empty() {
                assert_eq!(*band_fill, None, "{name}");
                continue;
            }
            assert_eq!(*band_fill, Some(svg::BAND_TEXT), "{name}: band heading not in reverse type");
            assert!(contrast(svg::BAND_TEXT, svg::BAND_FILL) >= 7.0);
            // Each problem: its words in reverse type (possibly wrapped or shortened).
            for d in &l.deal_breakers {
                let words = wording::deal_text(lang, d);
                let first = words.split(' ').next().unwrap();
                assert!(
                    texts
                        .iter()
                        .any(|(y, t, f)| *f == Some(svg::BAND_TEXT) && y > band_y && t.starts_with(first)),
                    "{name} {lang:?}: `{words}` not in the band"
                );
            }
            // A warning mark per problem and one for the heading.
            let marks = panel.matches(&format!(r##"Z" fill="{}"/>"##, svg::BAND_TEXT)).count();
            assert_eq!(marks, l.deal_breakers.len() + 1, "{name}");
        }
    }
}

/// WCAG 2 contrast ratio of two `#rgb` or `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f32 {
    fn lum(c: &str) -> f32 {
        let hex = c.trim_start_matches('#');
        let hex: String =
            if hex.len() == 3 { hex.chars().flat_map(|c| [c, c]).collect() } else { hex.to_string() };
        let ch = |i: usize| {
            let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f32 / 255.0;
            if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4)
    }
    let (la, lb) = (lum(a), lum(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn contrast_is_computed_as_wcag_does() {
    assert!((contrast("#000", "#fff") - 21.0).abs() < 0.01);
    assert!((contrast("#777", "#fff") - 4.48).abs() < 0.05);
}

/// The support box's large line is as large for bad news as for good, in both languages.
#[test]
fn the_headline_keeps_its_size_for_bad_news() {
    let mut decls: Vec<(String, Declaration)> = examples();
    decls.push(("undeclared".into(), edit("acme-cam-2", |d| d.updates.support_end = None)));
    decls.push((
        "long date".into(),
        edit("acme-cam-2", |d| d.updates.support_end = chrono::NaiveDate::from_ymd_opt(2030, 9, 1)),
    ));
    decls.push((
        "long date en".into(),
        edit("acme-cam-2", |d| d.updates.support_end = chrono::NaiveDate::from_ymd_opt(2030, 9, 30)),
    ));
    let mut seen = std::collections::BTreeSet::new();
    for (name, decl) in decls {
        let (l, _) = label_of(&decl, None);
        for lang in [Lang::En, Lang::Fr] {
            let big = wording::support_lines(&l, lang).1;
            let panel = svg::primary(&l, &[lang]);
            let needle =
                format!(r#"font-size="{}" font-weight="bold">{}</text>"#, svg::HEADLINE, wording::xml(&big));
            assert!(panel.contains(&needle), "{name} {lang:?}: `{big}` is not at the headline size");
            seen.insert(big);
        }
    }
    // Good news (a date) and each kind of bad news were all checked.
    assert!(seen.len() >= 6, "{seen:?}");
}

/// Good and bad answers differ by a mark on every layer, not only by words.
#[test]
fn good_and_bad_answers_carry_marks_on_every_layer() {
    let decl = example("budget-cam-universal-password");
    let (l, report) = label_of(&decl, None);
    let (good, _) = label_of(&example("meshgate-ax3000"), None);
    for lang in [Lang::En, Lang::Fr] {
        let text = txt::render(&l, &report, lang);
        let pw = iotlabel_i18n::text(lang, "label-password");
        assert!(text.lines().any(|x| x.starts_with("✗ ") && x.contains(&pw)), "{text}");
        let page = html::page(&l, &report, &decl, &[lang]);
        let bad = iotlabel_i18n::text(lang, "label-mark-bad");
        assert!(page.contains(&format!(r#"aria-label="{bad}">✗</span>"#)), "{lang:?}");
        // The panel: a cross in reverse type for bad news, a tick for good.
        let crosses = |p: &str| p.matches(r##"stroke="#fff" stroke-width="0.4""##).count();
        let ticks = |p: &str| p.matches(r##"fill="none" stroke="#000" stroke-width="0.456""##).count();
        let p = svg::primary(&l, &[lang]);
        let bad_rows =
            [l.answers.support, l.answers.updates, l.answers.password, l.answers.report, l.answers.offline]
                .iter()
                .filter(|a| a.tone == Tone::Bad)
                .count();
        assert_eq!(crosses(&p), bad_rows, "{lang:?}");
        let q = svg::primary(&good, &[lang]);
        assert_eq!(crosses(&q), 0);
        assert!(ticks(&q) >= 4, "{lang:?}");
    }
}

/// A graded scheme's level is iotlabel's reading unless the scheme owner's certificate is
/// declared: the panel says which.
#[test]
fn a_level_says_whether_it_is_self_assessed_or_certified() {
    let (l, _) = label_of(&example("meshgate-ax3000"), None);
    let cls = l.frameworks.iter().find(|f| f.id == "sg-cls").unwrap();
    assert!(cls.level.is_some() && cls.self_assessed);
    assert!(svg::primary(&l, &[Lang::En]).contains("self-assessed"));
    assert!(svg::primary(&l, &[Lang::Fr]).contains("autoévalué"));
    let (l, _) = label_of(&example("fortis-lock-pro"), None);
    let cls = l.frameworks.iter().find(|f| f.id == "sg-cls").unwrap();
    assert!(!cls.self_assessed, "fortis-lock-pro declares a CLS certificate");
    // An expired certificate is no certificate.
    let d = edit("fortis-lock-pro", |d| {
        for c in &mut d.attestations.certifications {
            c.expires = Some(as_of() - chrono::Duration::days(1));
        }
    });
    let (l, _) = label_of(&d, None);
    assert!(l.frameworks.iter().find(|f| f.id == "sg-cls").unwrap().self_assessed);
}

/// A lab whose tests found problems is not shown as a plus.
#[test]
fn a_lab_that_found_problems_is_no_plus() {
    let decl = example("acme-cam-2");
    let path = iotlabel_testkit::root().join("examples/evidence/acme-cam-2-lab.json");
    let ev = iotlabel_model::parse_evidence(
        "lab.json",
        &std::fs::read_to_string(path).unwrap(),
        iotlabel_model::Format::Json,
    )
    .unwrap();
    assert!(ev.items.iter().any(|i| i.result == TestResult::Fail));
    let (l, report) = label_of(&decl, Some(&ev));
    assert!(l.lab_testing.failed > 0);
    assert_eq!(wording::attestation_tone(&l), Tone::Bad);
    for lang in [Lang::En, Lang::Fr] {
        let (_, who) = wording::attestation_summary(lang, &l);
        let found = if lang == Lang::En { "problems found" } else { "problèmes relevés" };
        assert!(who.contains(found), "{who}");
        assert!(svg::primary(&l, &[lang]).contains(found) || svg::primary(&l, &[lang]).contains("…"));
        let text = txt::render(&l, &report, lang);
        assert!(text.lines().any(|x| x.starts_with("✗ ") && x.contains(found)), "{text}");
    }
}

/// The page never promises what the device cannot do.
#[test]
fn page_sentences_promise_nothing_the_device_cannot_do() {
    let page = |d: &Declaration| {
        let (l, report) = label_of(d, None);
        html::page(&l, &report, d, &[Lang::En])
    };
    let bulb = example("lumen-bulb-zb");
    assert_eq!(bulb.updates.mechanism, iotlabel_model::UpdateMechanism::None);
    assert!(bulb.vulnerability_disclosure.contact.is_some());
    let p = page(&bulb);
    assert!(!p.contains("so it can be fixed"), "a fix promised for a device that cannot be updated");
    assert!(p.contains("cannot be fixed on it"));

    let fixed =
        edit("budget-cam-universal-password", |d| d.authentication.user_can_change_credentials = Some(false));
    let p = page(&fixed);
    assert!(!p.contains("Change it at once"), "advice the device cannot follow");
    assert!(p.contains("it cannot be changed"));
    let changeable =
        edit("budget-cam-universal-password", |d| d.authentication.user_can_change_credentials = Some(true));
    assert!(page(&changeable).contains("Change it at once"));

    // Not shared, "sold" not declared: no promise that it is not sold.
    let d = edit("meshgate-ax3000", |d| {
        for x in &mut d.data.collected {
            x.shared_with.clear();
            x.sold = None;
        }
    });
    let p = page(&d);
    assert!(!p.contains("It is not shared or sold"), "a promise the declaration does not make");
    assert!(p.contains("does not say whether it sells"));

    // "No password used" with services open to anyone: no "nothing to guess".
    let p = page(&example("vistaview-tv-55"));
    assert!(!p.contains("no factory password an attacker could guess"));
}

/// The page leads with a summary (deal-breakers, answers, what to do after purchase); the
/// full tables sit behind disclosures; countries are named, not coded.
#[test]
fn the_page_leads_with_a_summary_and_hides_the_tables_behind_disclosures() {
    let decl = example("budget-cam-universal-password");
    let (l, report) = label_of(&decl, None);
    for lang in [Lang::En, Lang::Fr] {
        let page = html::page(&l, &report, &decl, &[lang]);
        let at =
            |id: &str| page.find(&iotlabel_i18n::text(lang, id)).unwrap_or_else(|| panic!("{id} {lang:?}"));
        // The order: deal-breakers, after-purchase advice, then the declared facts.
        assert!(at("label-h-summary") < at("label-h-after-purchase"));
        assert!(at("label-h-after-purchase") < at("label-details-facts"));
        assert!(page.contains(&wording::xml(&iotlabel_i18n::text(lang, "label-todo-services"))));
        // Its password cannot be changed: no advice to change it.
        assert!(!page.contains(&wording::xml(&iotlabel_i18n::text(lang, "label-todo-password-change"))));
        // Every table is inside a disclosure.
        let tables = page.matches("<table").count();
        assert!(tables > 5);
        let mut depth = 0i32;
        let mut inside = 0;
        for (i, _) in page.match_indices('<') {
            let rest = &page[i..];
            if rest.starts_with("<details") {
                depth += 1;
            } else if rest.starts_with("</details") {
                depth -= 1;
            } else if rest.starts_with("<table") && depth > 0 {
                inside += 1;
            }
        }
        let levels = l.frameworks.iter().filter(|f| f.levels > 0).count();
        assert_eq!(inside + levels, tables, "{lang:?}: a table outside any <details>");
    }
    let page = html::page(&l, &report, &decl, &[Lang::Fr]);
    let country = iotlabel_model::validate::country_name(&decl.identity.manufacturer.country).unwrap();
    assert!(page.contains(&format!("<span lang=\"en\">{}</span>", wording::xml(country))), "{country}");
}

/// The panel names the hardware and firmware it speaks for, the label's date, its address in
/// readable form, and for sensitive data how long it is kept and whether it is sold.
#[test]
fn the_panel_shows_versions_date_address_and_retention() {
    let decl = edit("acme-cam-2", |d| {
        for x in &mut d.data.collected {
            x.retention_days = None;
            x.sold = None;
        }
    });
    let (l, _) = label_of(&decl, None);
    for lang in [Lang::En, Lang::Fr] {
        let panel = svg::primary(&l, &[lang]);
        assert!(
            panel.contains(&decl.identity.hardware_version)
                && panel.contains(&decl.identity.firmware_version)
        );
        assert!(panel.contains(&iotlabel_i18n::date(lang, as_of())));
        let url = wording::readable_url(&l.url);
        assert!(!url.contains("://") && !url.contains('?') && l.url.contains(&url), "{url}");
        let squeezed: String =
            panel.split("<text").map(|t| t.split('>').nth(1).unwrap_or("")).collect::<Vec<_>>().join("");
        assert!(squeezed.replace("</text", "").contains(&url), "{lang:?}: `{url}` not on the panel");
        let flat: String = squeezed.replace("</text", "").chars().filter(|c| !c.is_whitespace()).collect();
        let words: String = iotlabel_i18n::text(lang, "label-data-sold-kept-undeclared")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(flat.contains(&words), "{lang:?}: sale and retention not said on the panel");
    }
    let (l, _) = label_of(&example("acme-cam-2"), None);
    let kept = l.data.iter().find_map(|d| d.retention_days).expect("acme-cam-2 declares a retention");
    let text = iotlabel_i18n::Msg::new("label-data-kept-days").arg("count", kept).text(Lang::En);
    assert!(svg::primary(&l, &[Lang::En]).contains(&text), "{text}");
}

/// French words agree with the sensor or data they describe (genders from the taxonomy).
#[test]
fn french_agrees_with_the_taxonomys_genders() {
    let decl = example("vistaview-tv-55");
    let (l, report) = label_of(&decl, None);
    let text = txt::render(&l, &report, Lang::Fr);
    assert!(text.contains("Caméra\u{a0}: Ne peut pas être éteinte"), "{text}");
    assert!(text.contains("Microphone\u{a0}: Ne peut pas être éteint\n"), "{text}");
    assert!(text.contains("Enregistrements audio\u{a0}: Dans le nuage, partagés"), "{text}");
    assert!(text.contains("Utilisation et activité\u{a0}: Dans le nuage, partagées, vendues"), "{text}");
    // English has no agreement to make.
    let en = txt::render(&l, &report, Lang::En);
    assert!(en.contains("Camera: Cannot be turned off"), "{en}");
}
