//! The expert case table (`tests/data/expert-cases.toml`): each case a change to a well-built
//! declaration, the verdicts an assessor would defend, and the reference behind them. One test
//! walks the table and reports every case that disagrees, with its reference.

use std::collections::BTreeMap;

use iotlabel_assess::{FrameworkVerdict, Report, check_masks};
use iotlabel_model::{Mask, Masks};
use iotlabel_testkit::{as_of, engine, patched, root};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    base: String,
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    reference: String,
    changes: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    remove: Vec<String>,
    expect: BTreeMap<String, String>,
    #[serde(default)]
    exclusion: BTreeMap<String, String>,
    /// Evidence items (the evidence format's `items`), about the base device.
    #[serde(default)]
    evidence: Vec<serde_json::Value>,
    /// Per `framework:requirement`: the ids of the routes that must be met (all others not).
    #[serde(default)]
    routes_met: BTreeMap<String, Vec<String>>,
    /// The assessment date, when not the golden files' (YYYY-MM-DD).
    #[serde(default)]
    as_of: Option<chrono::NaiveDate>,
    /// The lab's masks (a masks file's `masks`).
    #[serde(default)]
    masks: Vec<serde_json::Value>,
    /// The evidence item ids the report lists as accepted, in order.
    #[serde(default)]
    accepted: Vec<String>,
    /// Why each mask not in force is not (`not_yet`, `expired`), in order.
    #[serde(default)]
    not_in_force: Vec<String>,
    /// The paths `check_masks` refuses.
    #[serde(default)]
    mask_issues: Vec<String>,
}

/// What the report says about `target`: a framework's verdict (`in_scope` accepted for any
/// verdict but out_of_scope) or a requirement's.
fn actual(r: &Report<'_>, target: &str, wanted: &str) -> String {
    match target.split_once(':') {
        Some((fw, id)) => r
            .frameworks
            .iter()
            .find(|f| f.id == fw)
            .and_then(|f| f.requirements.iter().find(|q| q.id == id))
            .map_or("(no such requirement)".into(), |q| q.verdict.as_str().to_string()),
        None => match r.frameworks.iter().find(|f| f.id == target) {
            None => "(no such framework)".into(),
            Some(f) if wanted == "in_scope" && f.verdict != FrameworkVerdict::OutOfScope => "in_scope".into(),
            Some(f) => f.verdict.as_str().to_string(),
        },
    }
}

#[test]
fn the_expert_case_table_holds() {
    let path = root().join("crates/assess/tests/data/expert-cases.toml");
    let table: Table = toml::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(table.case.len() >= 20, "the table has {} cases", table.case.len());
    let mut wrong = Vec::new();
    for c in &table.case {
        assert!(!c.reference.trim().is_empty(), "{}: no reference", c.name);
        assert!(!c.expect.is_empty(), "{}: expects nothing", c.name);
        let changes: Vec<(&str, serde_json::Value)> = c
            .changes
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .chain(c.remove.iter().map(|k| (k.as_str(), serde_json::Value::Null)))
            .collect();
        let d = patched(&table.base, &changes);
        let ev: Option<iotlabel_model::Evidence> = (!c.evidence.is_empty()).then(|| {
            let i = &d.identity;
            serde_json::from_value(serde_json::json!({
                "schema_version": "1.0",
                "device": {"brand": i.brand, "model": i.model, "firmware_version": i.firmware_version},
                "items": c.evidence,
            }))
            .unwrap_or_else(|e| panic!("{}: evidence: {e}", c.name))
        });
        let when = c.as_of.unwrap_or_else(as_of);
        let masks: Vec<Mask> = c
            .masks
            .iter()
            .map(|m| serde_json::from_value(m.clone()).unwrap_or_else(|e| panic!("{}: mask: {e}", c.name)))
            .collect();
        let r = engine().assess_masked(&d, ev.as_ref(), &masks, &[], when);
        // The bulk path gives the same verdicts, framework by framework and requirement by requirement.
        let bulk = engine().verdicts_masked(&d, ev.as_ref(), &masks, &[], when);
        let got: Vec<&str> = r.accepted.iter().map(|a| a.item.as_str()).collect();
        if got != c.accepted {
            wrong.push(format!("{}: accepted {got:?}, expected {:?} ({})", c.name, c.accepted, c.reference));
        }
        let got: Vec<String> = r
            .masks_not_in_force
            .iter()
            .map(|m| serde_json::to_value(m.reason).unwrap().as_str().unwrap_or_default().to_string())
            .collect();
        if got != c.not_in_force {
            wrong.push(format!("{}: masks not in force {got:?}, expected {:?}", c.name, c.not_in_force));
        }
        let file = Masks { schema_version: "1".into(), masks: masks.clone() };
        let got: Vec<String> = check_masks(&file, ev.as_ref(), when).into_iter().map(|i| i.pointer).collect();
        if got != c.mask_issues {
            wrong.push(format!("{}: mask issues {got:?}, expected {:?}", c.name, c.mask_issues));
        }
        // Each accepted finding carries its mask's what, why, who and when, and says so in both
        // languages; it is not among the evidence any verdict rests on.
        for a in &r.accepted {
            let m = &masks[a.mask];
            assert_eq!(
                (&a.what, &a.why, &a.who, a.when, a.expires),
                (&m.what, &m.why, &m.who, m.when, m.expires)
            );
            for lang in [iotlabel_i18n::Lang::En, iotlabel_i18n::Lang::Fr] {
                let text = a.msg().text(lang);
                assert!(text.contains(&m.who) && text.contains(&m.why), "{}: {lang:?}: {text}", c.name);
            }
            let cited = r.controls.iter().any(|x| x.evidence.contains(&a.item))
                || r.frameworks.iter().flat_map(|f| &f.requirements).any(|q| q.evidence.contains(&a.item));
            assert!(!cited, "{}: accepted {} still cited as evidence", c.name, a.item);
        }
        for (f, b) in r.frameworks.iter().zip(&bulk.frameworks) {
            assert_eq!(f.verdict, b.verdict, "{}: {} bulk and explained verdicts differ", c.name, f.id);
            let explained: Vec<_> = f.requirements.iter().map(|q| q.verdict).collect();
            assert_eq!(explained, b.requirements, "{}: {} requirement verdicts differ", c.name, f.id);
        }
        for (target, want) in &c.routes_met {
            let (fw, id) = target.split_once(':').unwrap_or_else(|| panic!("{}: {target}", c.name));
            let q = r
                .frameworks
                .iter()
                .find(|f| f.id == fw)
                .and_then(|f| f.requirements.iter().find(|q| q.id == id))
                .unwrap_or_else(|| panic!("{}: no requirement {target}", c.name));
            let got: Vec<String> = q.routes.iter().filter(|x| x.met).map(|x| x.id.to_string()).collect();
            if &got != want {
                wrong.push(format!(
                    "{}: {target} routes met {got:?}, expected {want:?} ({})",
                    c.name, c.reference
                ));
            }
            // A route that changed the verdict is shown with the direct reading, in both languages.
            if q.direct.is_some() {
                for lang in [iotlabel_i18n::Lang::En, iotlabel_i18n::Lang::Fr] {
                    let text = q.reason.text(lang);
                    assert!(
                        q.routes.iter().filter(|x| x.met).any(|x| text.contains(x.reference)),
                        "{}: {lang:?} reason does not name the route: {text}",
                        c.name
                    );
                }
            }
        }
        for (target, want) in &c.expect {
            let got = actual(&r, target, want);
            if &got != want {
                wrong.push(format!("{}: {target} is {got}, expected {want} ({})", c.name, c.reference));
            }
        }
        for (fw, want) in &c.exclusion {
            let got = r
                .frameworks
                .iter()
                .find(|f| f.id == fw)
                .and_then(|f| f.scope.as_ref())
                .and_then(|s| s.exclusion);
            if got != Some(want.as_str()) {
                wrong
                    .push(format!("{}: {fw} excluded by {got:?}, expected {want} ({})", c.name, c.reference));
            }
        }
        // Every framework out of scope says why, with a reference, in both languages.
        for f in r.frameworks.iter().filter(|f| f.verdict == FrameworkVerdict::OutOfScope) {
            let s = f
                .scope
                .as_ref()
                .unwrap_or_else(|| panic!("{}: {} out of scope without a reason", c.name, f.id));
            assert!(!s.reference.is_empty());
            for lang in [iotlabel_i18n::Lang::En, iotlabel_i18n::Lang::Fr] {
                let text = s.reason.text(lang);
                assert!(
                    text.contains(s.reference),
                    "{}: {lang:?} reason lacks the reference: {text}",
                    c.name
                );
            }
        }
    }
    assert!(wrong.is_empty(), "{} disagreement(s):\n{}", wrong.len(), wrong.join("\n"));
}

/// Every exclusion of every catalog names device types and regimes the taxonomy knows (the
/// catalog crate cannot see the taxonomy, so the check lives here, where both meet).
#[test]
fn scope_exclusions_name_known_device_types_and_regimes() {
    let tax = iotlabel_model::Taxonomy::builtin();
    for cat in &engine().catalogs().frameworks {
        let scopes = std::iter::once(&cat.scope).chain(cat.programmes.iter().map(|p| &p.scope));
        for ex in scopes.flat_map(|s| &s.exclusions) {
            assert!(
                !ex.reference.trim().is_empty(),
                "{}: exclusion {} has no reference",
                cat.framework.id,
                ex.id
            );
            assert!(
                !ex.device_types.is_empty() || !ex.regimes.is_empty() || !ex.facts.is_empty(),
                "{}: {} matches nothing",
                cat.framework.id,
                ex.id
            );
            for t in &ex.device_types {
                assert!(
                    tax.get(iotlabel_model::TermKind::Device, t).is_some(),
                    "{}: unknown device type {t}",
                    cat.framework.id
                );
            }
            for r in &ex.regimes {
                assert!(tax.regime(r).is_some(), "{}: unknown regime {r}", cat.framework.id);
            }
        }
        for m in &cat.scope.markets {
            assert!(
                m == "EU" || (m.len() == 2 && m.chars().all(|c| c.is_ascii_uppercase())),
                "{}: market {m}",
                cat.framework.id
            );
        }
    }
}
