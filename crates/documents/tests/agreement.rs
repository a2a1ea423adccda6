//! The label never contradicts itself: for every example and a few dozen generated
//! declarations, in both languages, the panel (SVG), the page (HTML and its JSON content), the
//! text label and the schemes' paperwork say the same thing, fact by fact.

use iotlabel_documents::{Scheme, document, paperwork};
use iotlabel_label::facts::{Standing, Tone};
use iotlabel_label::{Label, LabelInput, build};
use iotlabel_model::Declaration;
use iotlabel_render::{Lang, html, page_content, svg, txt, wording};
use iotlabel_testkit::{as_of, engine, examples};

const BASE_URL: &str = "https://registry.example/l/";

/// The panel's words, in drawing order, without spaces (lines wrap anywhere in an address).
fn panel_words(panel: &str) -> String {
    let doc = roxmltree::Document::parse(panel).expect("the panel is XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| squeeze(n.text().unwrap_or_default()))
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `text` is on the panel, whole or shortened with "…" (a line too long for its place).
fn on_panel(words: &str, lines: &[String], text: &str) -> bool {
    let t = squeeze(text);
    words.contains(&t)
        || lines.iter().any(|l| l.ends_with('…') && t.starts_with(&squeeze(l.trim_end_matches('…'))))
}

fn panel_lines(panel: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(panel).expect("the panel is XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_string())
        .collect()
}

fn declarations() -> Vec<(String, Declaration)> {
    let mut all = examples();
    for seed in 0..40 {
        all.push((format!("generated #{seed}"), iotlabel_model::testgen::declaration(seed)));
    }
    all
}

#[test]
fn panel_page_text_and_paperwork_agree_fact_by_fact() {
    let mut standings = std::collections::BTreeSet::new();
    let mut deal_breakers = std::collections::BTreeSet::new();
    for (name, decl) in declarations() {
        let report = engine().assess(&decl, None, &[], as_of());
        let papers = paperwork(&decl, None, &report);
        let label: Label =
            build(&LabelInput { decl: &decl, evidence: None, report: &report, base_url: BASE_URL })
                .with_paperwork(&papers);
        for lang in [Lang::En, Lang::Fr] {
            let panel = svg::primary(&label, &[lang]);
            let words = panel_words(&panel);
            let lines = panel_lines(&panel);
            let text = txt::render(&label, &report, lang);
            let page = html::page(&label, &report, &decl, &[lang]);
            let json = serde_json::to_string(&page_content(&label, &report, &decl, lang)).unwrap();
            let everywhere = |what: &str, s: &str| {
                assert!(on_panel(&words, &lines, s), "{name} {lang:?}: {what} `{s}` not on the panel");
                assert!(text.contains(s), "{name} {lang:?}: {what} `{s}` not in the text label:\n{text}");
                assert!(page.contains(&wording::xml(s)), "{name} {lang:?}: {what} `{s}` not on the page");
                assert!(
                    json.contains(&serde_json::to_string(s).unwrap().trim_matches('"').to_string()),
                    "{name} {lang:?}: {what} `{s}` not in the page's JSON"
                );
            };

            // Deal-breakers: the same count and the same problems on every layer.
            everywhere("deal-breaker heading", &wording::deal_heading(&label, lang));
            for d in &label.deal_breakers {
                deal_breakers.insert(d.id.clone());
                everywhere("deal-breaker", &wording::deal_text(lang, d));
            }

            // The support box's headline and every answer, with the same mark.
            let (top, big) = wording::support_lines(&label, lang);
            assert!(on_panel(&words, &lines, &big), "{name} {lang:?}: `{big}` not on the panel");
            assert!(text.contains(&big) && page.contains(&wording::xml(&big)), "{name} {lang:?}: `{big}`");
            assert!(on_panel(&words, &lines, &top), "{name} {lang:?}: `{top}` not on the panel");
            for r in wording::answer_rows(lang, &label) {
                everywhere("answer", &r.answer);
                let row = wording::field(lang, &iotlabel_i18n::text(lang, r.what), &r.answer);
                let start: String = row.chars().take(40).collect();
                let line =
                    text.lines().find(|l| l.contains(&start)).unwrap_or_else(|| panic!("{name}: `{row}`"));
                match r.tone {
                    Tone::Good => assert!(line.starts_with("✓ "), "{name}: {line}"),
                    Tone::Bad => assert!(line.starts_with("✗ "), "{name}: {line}"),
                    Tone::Neutral => assert!(line.starts_with("  "), "{name}: {line}"),
                }
            }

            // Frameworks: one standing, worded alike; the panel's short form where space is short.
            for f in &label.frameworks {
                standings.insert(format!("{:?}", f.standing()));
                let long = wording::framework_text(lang, f);
                let short = wording::framework_short(lang, f).replace(' ', "\u{a0}");
                // The panel has room for five (`facts::panel_choice`); the page and text show all.
                let shown = on_panel(&words, &lines, &long) || words.contains(&squeeze(&short));
                assert_eq!(shown, f.on_panel, "{name} {lang:?}: `{long}` on the panel: {shown}: {lines:?}");
                assert!(text.contains(&long), "{name} {lang:?}: `{long}` not in the text label");
                assert!(page.contains(&wording::xml(&long)), "{name} {lang:?}: `{long}` not on the page");
            }
        }

        // The paperwork agrees with what the label says of each framework.
        for scheme in Scheme::ALL {
            let Some(f) = label.frameworks.iter().find(|f| f.id == scheme.framework()) else { continue };
            let doc = document(scheme, &decl, None, &report, Lang::En, as_of());
            match f.standing() {
                Standing::Meets => assert!(
                    doc.is_ok(),
                    "{name}: the label says {} is met but its paperwork is refused: {}",
                    f.id,
                    doc.unwrap_err()
                ),
                Standing::OutOfScope | Standing::Unconfirmed => {
                    assert!(
                        doc.is_err(),
                        "{name}: {} shown as {:?}, yet its paperwork is written",
                        f.id,
                        f.standing()
                    )
                }
                _ => {}
            }
            // A statement of compliance is only written for a product that complies.
            if scheme == Scheme::UkPsti && doc.is_ok() {
                assert_eq!(
                    f.standing(),
                    Standing::Meets,
                    "{name}: a PSTI statement for a product shown as not meeting it"
                );
            }
        }
    }
    // The walk covered each kind of result and every deal-breaker but the contradicted one
    // (which needs evidence: `crates/render/tests/deal_breakers.rs`).
    for s in ["Meets", "Fails", "Unconfirmed", "OutOfScope", "Level"] {
        assert!(standings.contains(s), "no declaration was {s}: {standings:?}");
    }
    for d in ["default-password", "support", "not-updatable", "open-services", "no-report"] {
        assert!(deal_breakers.contains(d), "no declaration had {d}: {deal_breakers:?}");
    }
}
