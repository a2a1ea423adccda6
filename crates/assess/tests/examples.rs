//! Golden tests of every example declaration's assessment, and the coverage rule: every
//! requirement that a declaration can decide is passed by some example and not passed by another.

use iotlabel_testkit::{as_of, examples};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use iotlabel_assess::{Verdict, assess, verdicts};
use iotlabel_catalog::{Catalogs, Method};
use iotlabel_model::Declaration;

/// Renders an assessment compactly: framework verdicts, then every requirement's verdict, with
/// the reason and missing fields for those that did not pass.
fn render(d: &Declaration) -> String {
    let r = assess(d, None, &[], as_of());
    let mut s = String::new();
    for f in &r.frameworks {
        let c = &f.counts;
        writeln!(
            s,
            "{} {}: {}{} (pass {}, fail {}, unknown {}, n/a {}, contradicted {})",
            f.id,
            f.edition,
            f.verdict.as_str(),
            f.level.map(|l| format!(", level {l}")).unwrap_or_default(),
            c.pass,
            c.fail,
            c.unknown,
            c.not_applicable,
            c.contradicted
        )
        .unwrap();
        for req in &f.requirements {
            write!(s, "  {:<20} {}", req.id, req.verdict.as_str()).unwrap();
            if req.verdict != Verdict::Pass {
                write!(s, ": {}", req.reason).unwrap();
            }
            if !req.missing.is_empty() {
                write!(s, " [missing: {}]", req.missing.join(", ")).unwrap();
            }
            s.push('\n');
        }
    }
    s
}

/// The one data-driven check: the example's assessment matches its snapshot.
fn check(name: &str, d: &Declaration) {
    insta::assert_snapshot!(name, render(d));
}

#[test]
fn every_example_matches_its_golden_assessment() {
    let all = examples();
    assert!(all.len() >= 10, "the issue asks for at least 10 examples, found {}", all.len());
    for (name, d) in &all {
        check(name, d);
    }
}

#[test]
fn verdicts_only_path_agrees_with_full_reports() {
    for (name, d) in examples() {
        let full = assess(&d, None, &[], as_of());
        let compact = verdicts(&d, None, &[], as_of());
        for (f, c) in full.frameworks.iter().zip(&compact.frameworks) {
            assert_eq!(f.verdict, c.verdict, "{name} {}", f.id);
            assert_eq!(f.level, c.level, "{name} {}", f.id);
            let fv: Vec<Verdict> = f.requirements.iter().map(|r| r.verdict).collect();
            assert_eq!(fv, c.requirements, "{name} {}", f.id);
        }
    }
}

#[test]
fn every_declaration_assessable_requirement_is_exercised_both_ways() {
    let cats = Catalogs::builtin();
    let mut seen: BTreeMap<(String, String), BTreeSet<bool>> = BTreeMap::new();
    for (_, d) in examples() {
        for f in assess(&d, None, &[], as_of()).frameworks {
            for r in f.requirements {
                seen.entry((f.id.to_string(), r.id.to_string()))
                    .or_default()
                    .insert(r.verdict == Verdict::Pass);
            }
        }
    }
    let mut lacking = Vec::new();
    for cat in &cats.frameworks {
        for r in &cat.requirements {
            if !r.assessed_by.contains(&Method::Declaration) {
                continue;
            }
            let got = seen.get(&(cat.framework.id.clone(), r.id.clone())).cloned().unwrap_or_default();
            if !got.contains(&true) {
                lacking.push(format!("{}:{} never passes", cat.framework.id, r.id));
            }
            if !got.contains(&false) {
                lacking.push(format!("{}:{} never fails or is unknown", cat.framework.id, r.id));
            }
        }
    }
    assert!(lacking.is_empty(), "examples do not exercise:\n{}", lacking.join("\n"));
}

#[test]
fn example_outcomes_tell_the_story_they_claim() {
    let all: BTreeMap<String, Declaration> = examples().into_iter().collect();
    let verdict = |name: &str, fw: &str| {
        let r = assess(&all[name], None, &[fw], as_of());
        r.frameworks[0].verdict.as_str()
    };
    let req = |name: &str, fw: &str, id: &str| {
        let r = assess(&all[name], None, &[fw], as_of());
        r.frameworks[0].requirements.iter().find(|r| r.id == id).unwrap().verdict
    };
    // A universal default password breaks the first PSTI requirement and ETSI 5.1-1.
    assert_eq!(req("budget-cam-universal-password", "uk-psti", "1"), Verdict::Fail);
    assert_eq!(req("budget-cam-universal-password", "etsi-en-303-645", "5.1-1"), Verdict::Fail);
    // The well-built lock meets the baseline frameworks.
    for fw in ["etsi-en-303-645", "uk-psti", "nist-ir-8425", "eu-cra"] {
        assert_eq!(verdict("fortis-lock-pro", fw), "conformant", "fortis-lock-pro on {fw}");
    }
    // A speaker whose support ended no longer gets timely updates.
    assert_eq!(req("echoes-speaker-eol", "etsi-en-303-645", "5.3-8"), Verdict::Fail);
    // A plug that uses no passwords at all: the password provision does not apply.
    assert_eq!(req("plugsafe-mini", "etsi-en-303-645", "5.1-1"), Verdict::NotApplicable);
    // An always-on microphone with no physical switch fails the sensor-control check.
    let tv = assess(&all["vistaview-tv-55"], None, &[], as_of());
    let c = tv.controls.iter().find(|c| c.id == "sensors.user-control").unwrap();
    assert_eq!(c.verdict, Verdict::Fail);
}
