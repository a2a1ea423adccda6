//! iotlabel-assess: declaration + evidence -> control results -> requirement verdicts ->
//! framework results.
//!
//! Architecture invariant: this crate does no I/O and reads no clock; the caller passes the
//! assessment date, so the same inputs always give the same report.

pub mod controls;
pub mod oscal;
pub mod report;

pub use controls::{MAX_TIME_TO_FIX_DAYS, Verdict};
pub use report::*;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use iotlabel_catalog::{Catalog, Catalogs, Status};
use iotlabel_model::{Declaration, Evidence, EvidenceItem, Issue, TestResult};

use crate::controls::{Ctx, Evaluator, Outcome};

/// A problem with evidence that names things the catalogs do not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("evidence item `{item}`: {message}")]
pub struct EvidenceError {
    pub item: String,
    pub message: String,
}

/// Compiled control evaluators, in the order of the control set.
struct Engine {
    index: HashMap<&'static str, usize>,
    evaluators: Vec<Evaluator>,
}

fn engine(cats: &'static Catalogs) -> &'static Engine {
    static CELL: OnceLock<Engine> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut index = HashMap::new();
        let mut evaluators = Vec::new();
        for (i, c) in cats.controls.controls.iter().enumerate() {
            index.insert(c.id.as_str(), i);
            evaluators.push(controls::evaluator(&c.id).unwrap_or(|_| Outcome {
                verdict: Verdict::Unknown,
                reason: Cow::Borrowed("This build has no evaluator for this control."),
                fields: &[],
            }));
        }
        Engine { index, evaluators }
    })
}

/// Checks that every evidence item names a known control or requirement (located as issues).
pub fn check_evidence_targets(cats: &Catalogs, ev: &Evidence) -> Vec<Issue> {
    let mut out = Vec::new();
    for (i, item) in ev.items.iter().enumerate() {
        if let Some(c) = &item.control
            && cats.control(c).is_none()
        {
            let ids = cats.controls.controls.iter().map(|c| c.id.as_str());
            out.push(
                Issue::new(
                    format!("/items/{i}/control"),
                    format!("`{c}` is not a common control"),
                )
                .expected("a control id from `iotlabel frameworks --controls`")
                .maybe_suggest(iotlabel_model::diagnostic::did_you_mean(c, ids)),
            );
        }
        if let Some(r) = &item.requirement {
            let found = r
                .split_once(':')
                .and_then(|(fw, id)| cats.framework(fw).and_then(|c| c.requirement(id)))
                .is_some();
            if !found {
                out.push(
                    Issue::new(
                        format!("/items/{i}/requirement"),
                        format!("`{r}` is not a known requirement"),
                    )
                    .expected(
                        "framework:id, e.g. etsi-en-303-645:5.1-1; see `iotlabel frameworks`",
                    ),
                );
            }
        }
    }
    out
}

/// What the evidence says about one target: the deciding result and the items behind it.
fn evidence_result<'e>(items: &[&'e EvidenceItem]) -> Option<(TestResult, Vec<&'e EvidenceItem>)> {
    let fails: Vec<_> = items
        .iter()
        .copied()
        .filter(|i| i.result == TestResult::Fail)
        .collect();
    if !fails.is_empty() {
        return Some((TestResult::Fail, fails));
    }
    let passes: Vec<_> = items
        .iter()
        .copied()
        .filter(|i| i.result == TestResult::Pass)
        .collect();
    if !passes.is_empty() {
        return Some((TestResult::Pass, passes));
    }
    None
}

/// Combines what the declaration says with what tests observed.
fn combine(
    declared: Verdict,
    reason: Cow<'static, str>,
    evidence: Option<(TestResult, Vec<&EvidenceItem>)>,
) -> (Verdict, Cow<'static, str>, Vec<String>) {
    let Some((result, items)) = evidence else {
        return (declared, reason, Vec::new());
    };
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let first = items[0];
    let seen = format!(
        "{} ({}, {})",
        first.summary.trim_end_matches('.'),
        first.tester,
        first.date
    );
    match (declared, result) {
        (Verdict::NotApplicable, _) => (declared, reason, Vec::new()),
        (Verdict::Pass | Verdict::Contradicted, TestResult::Fail) => (
            Verdict::Contradicted,
            Cow::Owned(format!(
                "The declaration claims this, but a test found otherwise: {seen}."
            )),
            ids,
        ),
        (_, TestResult::Fail) => (
            Verdict::Fail,
            Cow::Owned(format!("A test found a problem: {seen}.")),
            ids,
        ),
        (Verdict::Fail, TestResult::Pass) => (
            Verdict::Pass,
            Cow::Owned(format!(
                "A test confirmed this, although the declaration did not claim it: {seen}."
            )),
            ids,
        ),
        (_, TestResult::Pass) if declared == Verdict::Pass => (
            Verdict::Pass,
            Cow::Owned(format!("{reason} A test confirmed it: {seen}.")),
            ids,
        ),
        (_, TestResult::Pass) => (
            Verdict::Pass,
            Cow::Owned(format!("A test confirmed this: {seen}.")),
            ids,
        ),
        (_, TestResult::Inconclusive) => (declared, reason, Vec::new()),
    }
}

/// Assesses a declaration (and optional evidence) against the selected frameworks.
///
/// `frameworks` empty means all built-in frameworks. `as_of` is the date the verdicts speak for.
pub fn assess(
    decl: &Declaration,
    evidence: Option<&Evidence>,
    frameworks: &[&str],
    as_of: NaiveDate,
) -> Report {
    let cats = Catalogs::builtin();
    let eng = engine(cats);
    let ctx = Ctx { decl, as_of };

    let mut by_control: HashMap<&str, Vec<&EvidenceItem>> = HashMap::new();
    let mut by_requirement: HashMap<&str, Vec<&EvidenceItem>> = HashMap::new();
    if let Some(ev) = evidence {
        for item in &ev.items {
            if let Some(c) = &item.control {
                by_control.entry(c.as_str()).or_default().push(item);
            }
            if let Some(r) = &item.requirement {
                by_requirement.entry(r.as_str()).or_default().push(item);
            }
        }
    }

    let controls: Vec<ControlResult> = cats
        .controls
        .controls
        .iter()
        .zip(&eng.evaluators)
        .map(|(c, eval)| {
            let o = eval(&ctx);
            let ev = by_control
                .get(c.id.as_str())
                .and_then(|items| evidence_result(items));
            let (verdict, reason, evidence) = combine(o.verdict, o.reason, ev);
            ControlResult {
                id: c.id.clone(),
                verdict,
                reason,
                fields: o.fields,
                evidence,
            }
        })
        .collect();

    let selected: Vec<&Catalog> = if frameworks.is_empty() {
        cats.frameworks.iter().collect()
    } else {
        frameworks
            .iter()
            .filter_map(|id| cats.framework(id))
            .collect()
    };
    let results = selected
        .into_iter()
        .map(|cat| assess_framework(cat, decl, &controls, eng, &by_requirement))
        .collect();

    Report {
        tool: format!("iotlabel {}", env!("CARGO_PKG_VERSION")),
        as_of,
        device: DeviceSummary::of(decl),
        frameworks: results,
        controls,
    }
}

fn assess_framework(
    cat: &Catalog,
    decl: &Declaration,
    controls: &[ControlResult],
    eng: &Engine,
    by_requirement: &HashMap<&str, Vec<&EvidenceItem>>,
) -> FrameworkResult {
    let fw = &cat.framework;
    let requirements: Vec<RequirementResult> = cat
        .requirements
        .iter()
        .map(|r| {
            let mut fields: Vec<&'static str> = Vec::new();
            let mut missing: Vec<&'static str> = Vec::new();
            let mut evidence: Vec<String> = Vec::new();
            let (verdict, reason) = match r.condition.as_deref().map(|c| controls::condition(c, decl)) {
                Some(Ok(false)) => {
                    let title = r.condition.as_deref().and_then(|c| Catalogs::builtin().condition(c)).map_or("", |c| c.title.as_str());
                    (Verdict::NotApplicable, Cow::Owned(format!("Does not apply: it is not the case that {}.", lower_first(title))))
                }
                Some(Err(field)) => {
                    missing.push(field);
                    (
                    Verdict::Unknown,
                    Cow::Owned(format!("Whether this applies depends on {field}, which the declaration does not give.")),
                )
                }
                _ => {
                    let parts: Vec<&ControlResult> =
                        r.controls.iter().filter_map(|c| eng.index.get(c.as_str()).map(|&i| &controls[i])).collect();
                    for p in &parts {
                        fields.extend(p.fields.iter().copied());
                        if p.verdict == Verdict::Unknown {
                            missing.extend(p.fields.iter().copied());
                        }
                        evidence.extend(p.evidence.iter().cloned());
                    }
                    requirement_verdict(&parts)
                }
            };
            let key = format!("{}:{}", fw.id, r.id);
            let ev = by_requirement.get(key.as_str()).and_then(|items| evidence_result(items));
            let (verdict, reason, more) = combine(verdict, reason, ev);
            evidence.extend(more);
            fields.sort_unstable();
            fields.dedup();
            evidence.sort();
            evidence.dedup();
            missing.sort_unstable();
            missing.dedup();
            if verdict != Verdict::Unknown {
                missing.clear();
            }
            RequirementResult {
                id: r.id.clone(),
                title: r.title.clone(),
                status: r.status,
                verdict,
                reason,
                fields,
                missing,
                evidence,
                controls: r.controls.clone(),
            }
        })
        .collect();

    let counts = Counts::of(requirements.iter().map(|r| r.verdict));
    let mandatory = Counts::of(
        requirements
            .iter()
            .filter(|r| r.status == Status::Mandatory)
            .map(|r| r.verdict),
    );

    let level = if cat.levels.is_empty() {
        None
    } else {
        let ok = |id: &String| {
            requirements
                .iter()
                .find(|r| &r.id == id)
                .is_some_and(|r| matches!(r.verdict, Verdict::Pass | Verdict::NotApplicable))
        };
        cat.levels
            .iter()
            .take_while(|l| l.requires.iter().all(ok))
            .last()
            .map(|l| l.id.clone())
    };

    let verdict = if let Some(first) = cat.levels.first() {
        // A graded scheme is met when its first level is.
        let base: Vec<&RequirementResult> = requirements
            .iter()
            .filter(|r| first.requires.contains(&r.id))
            .collect();
        if level.is_some() {
            FrameworkVerdict::Conformant
        } else if base
            .iter()
            .any(|r| matches!(r.verdict, Verdict::Fail | Verdict::Contradicted))
        {
            FrameworkVerdict::NotConformant
        } else {
            FrameworkVerdict::Incomplete
        }
    } else if mandatory.fail + mandatory.contradicted > 0 {
        FrameworkVerdict::NotConformant
    } else if mandatory.unknown > 0 {
        FrameworkVerdict::Incomplete
    } else {
        FrameworkVerdict::Conformant
    };

    FrameworkResult {
        id: fw.id.clone(),
        title: fw.short_title.clone(),
        edition: fw.edition.clone(),
        verdict,
        level,
        counts,
        mandatory,
        requirements,
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A requirement passes when all its controls pass (or do not apply).
fn requirement_verdict(parts: &[&ControlResult]) -> (Verdict, Cow<'static, str>) {
    for worst in [Verdict::Contradicted, Verdict::Fail, Verdict::Unknown] {
        let hits: Vec<&&ControlResult> = parts.iter().filter(|p| p.verdict == worst).collect();
        if !hits.is_empty() {
            return (worst, join(hits.iter().map(|p| &p.reason)));
        }
    }
    if parts.iter().all(|p| p.verdict == Verdict::NotApplicable) {
        return (
            Verdict::NotApplicable,
            join(parts.iter().map(|p| &p.reason)),
        );
    }
    (
        Verdict::Pass,
        join(
            parts
                .iter()
                .filter(|p| p.verdict == Verdict::Pass)
                .map(|p| &p.reason),
        ),
    )
}

fn join<'a>(mut reasons: impl Iterator<Item = &'a Cow<'static, str>>) -> Cow<'static, str> {
    let Some(first) = reasons.next() else {
        return Cow::Borrowed("");
    };
    let mut out = first.clone();
    for r in reasons {
        if !out.contains(r.as_ref()) {
            let s = out.to_mut();
            s.push(' ');
            s.push_str(r);
        }
    }
    out
}
