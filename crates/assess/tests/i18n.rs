//! Every sentence the assessment produces comes from the message catalogs
//! (`locales/<lang>/assess.ftl`), complete in English and French.

use iotlabel_testkit::{as_of, engine, examples, root};
use std::collections::BTreeSet;
use std::path::Path;

use iotlabel_assess::controls::{Ctx, Rule};
use iotlabel_assess::{Reason, Report, check_evidence_targets};
use iotlabel_catalog::Catalogs;
use iotlabel_i18n::{Lang, has, ids_in};
use iotlabel_model::{Declaration, Evidence, Format, parse_evidence, testgen};

fn lab_evidence() -> Evidence {
    let path = root().join("examples/evidence/acme-cam-2-lab.json");
    parse_evidence("acme-cam-2-lab.json", &std::fs::read_to_string(path).unwrap(), Format::Json).unwrap()
}

/// The first `[message-id]` in a text: what the i18n crate shows for an id missing from a catalog.
fn missing_id(text: &str) -> Option<&str> {
    text.match_indices('[').find_map(|(i, _)| {
        let rest = &text[i + 1..];
        let end = rest.find(']')?;
        let id = &rest[..end];
        let looks_like_id = !id.is_empty()
            && id.contains('-')
            && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        looks_like_id.then_some(&text[i..i + end + 2])
    })
}

/// Every reason of a report, with where it comes from.
fn reasons<'a>(r: &'a Report<'_>) -> Vec<(String, &'a Reason)> {
    let mut out: Vec<(String, &Reason)> =
        r.controls.iter().map(|c| (format!("control {}", c.id), &c.reason)).collect();
    for f in &r.frameworks {
        out.extend(f.requirements.iter().map(|q| (format!("{}:{}", f.id, q.id), &q.reason)));
    }
    out
}

/// Checks every reason of a report in both languages; returns how many reasons differ between
/// English and French.
#[track_caller]
fn check_report(name: &str, r: &Report) -> usize {
    let mut differ = 0;
    for (what, reason) in reasons(r) {
        let en = reason.text(Lang::En);
        let fr = reason.text(Lang::Fr);
        for (lang, text) in [(Lang::En, &en), (Lang::Fr, &fr)] {
            assert!(!text.trim().is_empty(), "{name}: {what} has an empty reason in {lang}");
            assert!(missing_id(text).is_none(), "{name}: {what} shows a missing message in {lang}: {text}");
        }
        // `Display` and JSON stay English.
        assert_eq!(reason.to_string(), en);
        if en != fr {
            differ += 1;
        }
    }
    differ
}

#[test]
fn every_example_reads_in_english_and_french() {
    for (name, d) in examples() {
        let r = engine().assess(&d, None, &[], as_of());
        let differ = check_report(&name, &r);
        assert!(differ > 0, "{name}: no reason is translated");
    }
    // With lab evidence: the confirmation and contradiction sentences.
    let (_, d) = examples().into_iter().find(|(n, _)| n == "acme-cam-2").unwrap();
    check_report("acme-cam-2 with evidence", &engine().assess(&d, Some(&lab_evidence()), &[], as_of()));
}

#[test]
fn generated_declarations_read_in_english_and_french() {
    // Generated declarations reach branches the examples do not (open services, sold data,
    // partial disclosure policies, unknown conditions).
    for seed in 0..200 {
        let d = testgen::declaration(seed);
        check_report(&format!("generated #{seed}"), &engine().assess(&d, None, &[], as_of()));
    }
}

#[test]
fn french_reasons_are_french() {
    let all = examples();
    let get = |name: &str| &all.iter().find(|(n, _)| n == name).unwrap().1;

    // A static sentence.
    let r = engine().assess(get("budget-cam-universal-password"), None, &["etsi-en-303-645"], as_of());
    let c = r.controls.iter().find(|c| c.id == "auth.no-universal-default-password").unwrap();
    assert_eq!(
        c.reason.text(Lang::En),
        "Every unit ships with the same password, which attackers can look up and try on every device."
    );
    assert_eq!(
        c.reason.text(Lang::Fr),
        "Tous les exemplaires sont livrés avec le même mot de passe, que des pirates peuvent trouver et \
         essayer sur chaque appareil."
    );

    // A sentence with a date: long, localized dates.
    let r = engine().assess(get("echoes-speaker-eol"), None, &["etsi-en-303-645"], as_of());
    let q = r.frameworks[0].requirements.iter().find(|q| q.id == "5.3-8").unwrap();
    assert_eq!(
        q.reason.text(Lang::En),
        "Security updates ended on 30 June 2023; new flaws will not be fixed."
    );
    assert_eq!(
        q.reason.text(Lang::Fr),
        "Les mises à jour de sécurité ont pris fin le 30 juin 2023\u{a0}; les nouvelles failles ne seront pas \
         corrigées."
    );

    // The not-applicable sentence carries the catalog's condition text, in the same language.
    let r = engine().assess(get("lumen-bulb-zb"), None, &[], as_of());
    let (en, fr) = reasons(&r)
        .into_iter()
        .map(|(_, r)| (r.text(Lang::En), r.text(Lang::Fr)))
        .find(|(en, _)| en.starts_with("Does not apply: "))
        .expect("a not-applicable requirement in lumen-bulb-zb");
    let condition_fr = fr.strip_prefix("Ne s’applique pas\u{a0}: ").unwrap_or_else(|| panic!("{fr}"));
    assert_ne!(condition_fr, en.trim_start_matches("Does not apply: "), "condition not translated: {fr}");
}

#[test]
fn lists_of_taxonomy_terms_use_french_names() {
    let (_, mut d) = examples().into_iter().find(|(n, _)| n == "acme-cam-2").unwrap();
    for s in &mut d.sensors {
        s.documented = Some(false);
    }
    let r = engine().assess(&d, None, &[], as_of());
    let c = r.controls.iter().find(|c| c.id == "sensors.documented").unwrap();
    let (en, fr) = (c.reason.text(Lang::En), c.reason.text(Lang::Fr));
    assert!(en.starts_with("Sensors not described to users: ") && en.contains("camera"), "{en}");
    assert!(fr.starts_with("Capteurs non décrits aux utilisateurs\u{a0}: ") && fr.contains("caméra"), "{fr}");
}

#[test]
fn bulk_judging_builds_no_sentence_arguments() {
    // `engine().verdicts()` evaluates controls with `explain: false`: sentences that need arguments must
    // come back as the empty placeholder, so nothing is formatted or allocated for them.
    let cats = Catalogs::builtin();
    let decls: Vec<Declaration> =
        examples().into_iter().map(|(_, d)| d).chain((0..100).map(testgen::declaration)).collect();
    let rules: Vec<Rule> = cats.controls.controls.iter().map(Rule::of).collect();
    for d in &decls {
        for explain in [false, true] {
            for (c, rule) in cats.controls.controls.iter().zip(&rules) {
                assert!(!matches!(rule, Rule::Missing), "{}: no evaluator or claim", c.id);
                let o = rule.eval(&Ctx { decl: d, as_of: as_of(), explain, control: c });
                if explain {
                    assert!(!o.reason.id.is_empty(), "{}: no reason", c.id);
                } else {
                    assert!(o.reason.args.is_empty(), "{}: arguments built in bulk mode", c.id);
                }
            }
        }
    }
}

/// Message ids named in this crate's sources (`"ctl-…"`, `"reason-…"`, `"evidence-…"`), and
/// those the control set names: a claim control's `ctl-<id>-pass|fail|unknown` and its
/// `applies_if` reasons. `oscal.rs` is left out: it writes OSCAL vocabulary (`evidence-item`,
/// ...), always in English.
fn ids_in_sources() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in &Catalogs::builtin().controls.controls {
        if c.claim.is_some() {
            let stem = format!("ctl-{}", c.id.replace('.', "-"));
            out.extend(["pass", "fail", "unknown"].map(|v| format!("{stem}-{v}")));
        }
        if let Some(a) = &c.applies_if {
            out.insert(a.otherwise.clone());
            out.extend(a.undecided.clone());
        }
    }
    let mut files = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for path in files {
        if path.ends_with("oscal.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let lit = &rest[..end];
            let is_id = ["ctl-", "reason-", "evidence-", "scope-"].iter().any(|p| lit.starts_with(p))
                && lit.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if is_id {
                out.insert(lit.to_string());
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_names_exists_in_both_languages_and_none_is_unused() {
    let used = ids_in_sources();
    assert!(used.len() > 250, "only {} ids found in the sources", used.len());
    for id in &used {
        for lang in Lang::ALL {
            assert!(has(lang, id), "message {id} is missing in locales/{lang}/assess.ftl");
        }
    }
    for lang in Lang::ALL {
        let path = root().join(format!("locales/{lang}/assess.ftl"));
        let defined: BTreeSet<String> = ids_in(&std::fs::read_to_string(path).unwrap()).into_iter().collect();
        let unused: Vec<_> = defined.difference(&used).collect();
        assert!(unused.is_empty(), "locales/{lang}/assess.ftl defines unused messages: {unused:?}");
    }
}

#[test]
fn evidence_diagnostics_come_from_the_catalog() {
    let ev: Evidence = serde_json::from_value(serde_json::json!({
        "schema_version": "1.0",
        "device": {"brand": "Acme", "model": "Cam 2"},
        "items": [
            {"id": "a", "control": "no.such-control", "result": "pass", "method": "lab_test",
             "tester": "Lab", "date": "2026-01-01", "summary": "x"},
            {"id": "b", "requirement": "uk-psti:99", "result": "pass", "method": "lab_test",
             "tester": "Lab", "date": "2026-01-01", "summary": "x"}
        ]
    }))
    .unwrap();
    let issues = check_evidence_targets(Catalogs::builtin(), &ev);
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[0].message, "`no.such-control` is not a common control");
    assert_eq!(issues[1].message, "`uk-psti:99` is not a known requirement");
    assert!(issues.iter().all(|i| i.expected.as_deref().is_some_and(|e| missing_id(e).is_none())));
}
