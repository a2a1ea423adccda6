//! Golden tests of every example declaration's assessment, and the coverage rule: every
//! requirement that a declaration can decide is passed by some example and not passed by another.

use iotlabel_testkit::{as_of, engine, examples};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use iotlabel_assess::Verdict;
use iotlabel_catalog::{Catalogs, Method};
use iotlabel_model::Declaration;

/// Renders an assessment compactly: framework verdicts, then every requirement's verdict, with
/// the reason and missing fields for those that did not pass.
fn render(d: &Declaration) -> String {
    let r = engine().assess(d, None, &[], as_of());
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
            if !req.routes.is_empty() {
                let met: Vec<&str> = req.routes.iter().filter(|x| x.met).map(|x| x.id).collect();
                write!(s, " [routes met: {}]", if met.is_empty() { "none".into() } else { met.join(", ") })
                    .unwrap();
            }
            if let Some(direct) = req.direct {
                write!(s, " [read directly: {}]", direct.as_str()).unwrap();
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
    // The examples, and generated declarations with every optional field present or absent (the
    // bulk path has a shortcut for declarations without evidence: it must change nothing).
    let generated = (0..300u64).flat_map(|seed| {
        [iotlabel_model::testgen::TextStyle::Plain, iotlabel_model::testgen::TextStyle::Hostile].map(
            |style| {
                (
                    format!("generated {seed} {style:?}"),
                    iotlabel_model::testgen::declaration_with(seed, style),
                )
            },
        )
    });
    for (name, d) in examples().into_iter().chain(generated) {
        let full = engine().assess(&d, None, &[], as_of());
        let compact = engine().verdicts(&d, None, &[], as_of());
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
    // Per requirement: does some example pass it, and does some example fail it or leave it
    // unknown? (Not applicable does not count as the other way: it exercises the condition, not
    // the requirement.)
    let mut seen: BTreeMap<(String, String), BTreeSet<bool>> = BTreeMap::new();
    for (_, d) in examples() {
        for f in engine().assess(&d, None, &[], as_of()).frameworks {
            for r in f.requirements {
                if r.verdict != Verdict::NotApplicable {
                    seen.entry((f.id.to_string(), r.id.to_string()))
                        .or_default()
                        .insert(r.verdict == Verdict::Pass);
                }
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
        let r = engine().assess(&all[name], None, &[fw], as_of());
        r.frameworks[0].verdict.as_str()
    };
    let req = |name: &str, fw: &str, id: &str| {
        let r = engine().assess(&all[name], None, &[fw], as_of());
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
    // A bulb that pairs by button and offers no local service: the password provision does not
    // apply.
    assert_eq!(req("lumen-bulb-zb", "etsi-en-303-645", "5.1-1"), Verdict::NotApplicable);
    // A plug whose Matter service asks for credentials uses credentials: the provision applies,
    // and passes, no password being shared (issue #8).
    assert_eq!(req("plugsafe-mini", "etsi-en-303-645", "5.1-1"), Verdict::Pass);
    // An always-on microphone with no physical switch fails the sensor-control check.
    let tv = engine().assess(&all["vistaview-tv-55"], None, &[], as_of());
    let c = tv.controls.iter().find(|c| c.id == "sensors.user-control").unwrap();
    assert_eq!(c.verdict, Verdict::Fail);
}

#[test]
fn every_example_evidence_file_is_about_its_device_and_counts() {
    // examples/evidence/<device stem>-lab.json is lab evidence about examples/devices/<stem>.*
    let dir = iotlabel_testkit::root().join("examples/evidence");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem =
            name.strip_suffix("-lab.json").unwrap_or_else(|| panic!("{name}: expected <device>-lab.json"));
        let d = iotlabel_testkit::example(stem);
        let text = std::fs::read_to_string(&path).unwrap();
        let ev = iotlabel_model::parse_evidence(&name, &text, iotlabel_model::Format::Json).unwrap();
        assert!(iotlabel_assess::check_evidence_device(&d, &ev).is_empty(), "{name} is about another device");
        assert!(iotlabel_assess::check_evidence_targets(Catalogs::builtin(), &ev).is_empty(), "{name}");
        let r = engine().assess(&d, Some(&ev), &[], as_of());
        assert!(r.notes.is_empty(), "{name}: evidence set aside: {:?}", r.notes);
        seen += 1;
    }
    assert!(seen >= 2);
}

#[test]
fn independent_lab_evidence_takes_the_lock_to_cls_level_4() {
    let d = iotlabel_testkit::example("fortis-lock-pro");
    let path = iotlabel_testkit::root().join("examples/evidence/fortis-lock-pro-lab.json");
    let ev = iotlabel_model::parse_evidence(
        "fortis-lock-pro-lab.json",
        &std::fs::read_to_string(path).unwrap(),
        iotlabel_model::Format::Json,
    )
    .unwrap();
    let level = |ev| engine().assess(&d, ev, &["sg-cls"], as_of()).frameworks[0].level;
    assert_eq!(level(None), Some("2"));
    assert_eq!(level(Some(&ev)), Some("4"));
}
