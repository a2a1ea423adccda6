//! Data-driven: every example device x every example profile, one line each (fit, risk, the
//! reasons with their points, missed must-haves, steps, safety steps, alternatives), compared
//! with the snapshot `snapshots/fixtures__advice.snap`; and every message the advice uses
//! exists in English and French.

mod common;

use std::fmt::Write;

use iotlabel_advice::{Standing, advise, report};
use iotlabel_i18n::{Lang, Msg};

fn line(label: &iotlabel_label::Label, profile: &iotlabel_advice::Profile) -> String {
    let a = advise(label, &profile.complete());
    let ids = |m: &[Msg]| m.iter().map(|m| m.id.trim_start_matches("advice-")).collect::<Vec<_>>().join(" ");
    let reasons: Vec<String> = a.reasons.iter().map(|r| format!("{}={:.1}", r.id, r.points)).collect();
    let missed: Vec<&str> = a.missed.iter().map(|m| m.must_have).collect();
    format!(
        "{:?} risk={:.1}\n    reasons: {}\n    missed: {}\n    steps: {}\n    safety: {}\n    alternatives: {}\n",
        a.fit,
        a.risk,
        reasons.join(" "),
        missed.join(" "),
        ids(&a.steps),
        ids(&a.safety_steps),
        ids(&a.alternatives),
    )
}

#[test]
fn every_example_device_for_every_example_profile() {
    let mut out = String::new();
    for (device, label) in common::labels() {
        for (name, profile) in common::profiles() {
            write!(out, "{device} x {name}: {}", line(label, &profile)).unwrap();
        }
    }
    insta::assert_snapshot!("advice", out);
}

#[test]
fn every_message_exists_in_both_languages() {
    let profiles = common::profiles();
    let labels: Vec<_> = common::labels().iter().map(|(_, l)| (l.clone(), Standing::Stands)).collect();
    for lang in Lang::ALL {
        for (_, p) in &profiles {
            let r = report(&labels, p, lang, true);
            let json = serde_json::to_string(&r).unwrap();
            assert!(!json.contains("[advice-"), "a message is missing in {lang}: {json}");
            assert!(!json.contains("[label-"), "a message is missing in {lang}");
        }
    }
    for q in iotlabel_advice::questions::questions() {
        for lang in Lang::ALL {
            assert!(iotlabel_i18n::has(lang, &format!("advice-q-{}", q.id)), "advice-q-{} in {lang}", q.id);
            for c in &q.choices {
                assert!(
                    iotlabel_i18n::has(lang, &format!("advice-a-{}-{c}", q.id)),
                    "advice-a-{}-{c} in {lang}",
                    q.id
                );
            }
        }
    }
}

/// The four example profiles give different advice for the same device: each pair differs in
/// fit, in what the reasons weigh, or in the steps.
#[test]
fn the_example_profiles_give_different_advice_for_the_same_device() {
    let profiles = common::profiles();
    assert!(profiles.len() >= 4);
    for device in ["acme-cam-2", "nestling-baby-cam", "fortis-lock-pro"] {
        let label = common::label(device);
        let lines: Vec<(String, String)> =
            profiles.iter().map(|(n, p)| (n.clone(), line(label, p))).collect();
        for (i, (a, la)) in lines.iter().enumerate() {
            for (b, lb) in &lines[i + 1..] {
                assert_ne!(la, lb, "{device}: {a} and {b} get the same advice");
            }
        }
    }
    // And a person at risk is the only one told about shared accounts.
    let label = common::label("acme-cam-2");
    for (name, p) in &profiles {
        let a = advise(label, &p.complete());
        assert_eq!(!a.safety_steps.is_empty(), name == "at-risk", "{name}");
    }
}

/// `compare` ranks best fit first, then lowest risk.
#[test]
fn compare_ranks_by_fit_then_risk() {
    let labels: Vec<_> = common::labels().iter().map(|(_, l)| (l.clone(), Standing::Stands)).collect();
    for (_, p) in common::profiles() {
        let r = report(&labels, &p, Lang::En, true);
        for pair in r.devices.windows(2) {
            assert!((pair[0].fit, pair[0].risk) <= (pair[1].fit, pair[1].risk) || pair[0].fit < pair[1].fit);
            assert_eq!(pair[0].rank.unwrap() + 1, pair[1].rank.unwrap());
        }
        assert_eq!(r.profile, p.filled());
    }
}
