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

/// Compiled control evaluators, in the order of the control set, and per framework the control
/// indices each requirement needs, so assessing does no lookups by name.
struct Engine {
    evaluators: Vec<Evaluator>,
    /// `plans[framework index][requirement index]`.
    plans: Vec<Vec<Plan>>,
    /// `levels[framework index][level index]`: indices of the requirements each level needs.
    levels: Vec<Vec<Vec<usize>>>,
}

struct Plan {
    controls: Vec<usize>,
    condition: Option<controls::Condition>,
    /// Reason given when the requirement's condition does not hold.
    not_applicable: String,
    /// `framework:requirement`, the key evidence uses.
    key: String,
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
        let plans = cats
            .frameworks
            .iter()
            .map(|cat| {
                cat.requirements
                    .iter()
                    .map(|r| {
                        let title = r
                            .condition
                            .as_deref()
                            .and_then(|c| cats.condition(c))
                            .map_or("", |c| c.title.as_str());
                        Plan {
                            condition: r.condition.as_deref().and_then(controls::Condition::from_id),
                            controls: r.controls.iter().filter_map(|c| index.get(c.as_str()).copied()).collect(),
                            not_applicable: (format!(
                                "Does not apply: it is not the case that {}.",
                                lower_first(title)
                            )),
                            key: format!("{}:{}", cat.framework.id, r.id),
                        }
                    })
                    .collect()
            })
            .collect();
        let levels = cats
            .frameworks
            .iter()
            .map(|cat| {
                cat.levels
                    .iter()
                    .map(|l| {
                        l.requires
                            .iter()
                            .filter_map(|id| cat.requirements.iter().position(|r| &r.id == id))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Engine { evaluators, plans, levels }
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
    reason: Reason,
    evidence: Option<(TestResult, Vec<&EvidenceItem>)>,
) -> (Verdict, Reason, Vec<String>) {
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
        (Verdict::NotApplicable, _) | (_, TestResult::Inconclusive) => (declared, reason, Vec::new()),
        (Verdict::Pass | Verdict::Contradicted, TestResult::Fail) => (
            Verdict::Contradicted,
            Reason::text(format!("The declaration claims this, but a test found otherwise: {seen}.")),
            ids,
        ),
        (_, TestResult::Fail) => (Verdict::Fail, Reason::text(format!("A test found a problem: {seen}.")), ids),
        (Verdict::Fail, TestResult::Pass) => (
            Verdict::Pass,
            Reason::text(format!(
                "A test confirmed this, although the declaration did not claim it: {seen}."
            )),
            ids,
        ),
        (Verdict::Pass, TestResult::Pass) => (
            Verdict::Pass,
            Reason::text(format!("{reason} A test confirmed it: {seen}.")),
            ids,
        ),
        (_, TestResult::Pass) => (Verdict::Pass, Reason::text(format!("A test confirmed this: {seen}.")), ids),
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
            let (verdict, reason, evidence) = combine(o.verdict, Reason::One(Text::from(o.reason)), ev);
            ControlResult {
                id: c.id.as_str(),
                verdict,
                reason,
                fields: o.fields,
                evidence,
            }
        })
        .collect();

    let selected: Vec<usize> = if frameworks.is_empty() {
        (0..cats.frameworks.len()).collect()
    } else {
        frameworks
            .iter()
            .filter_map(|id| cats.frameworks.iter().position(|c| c.framework.id == *id))
            .collect()
    };
    let results = selected
        .into_iter()
        .map(|i| {
            assess_framework(
                &cats.frameworks[i],
                &eng.plans[i],
                &eng.levels[i],
                decl,
                &controls,
                &by_requirement,
            )
        })
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
    cat: &'static Catalog,
    plans: &'static [Plan],
    levels: &[Vec<usize>],
    decl: &Declaration,
    controls: &[ControlResult],
    by_requirement: &HashMap<&str, Vec<&EvidenceItem>>,
) -> FrameworkResult {
    let fw = &cat.framework;
    let requirements: Vec<RequirementResult> = cat
        .requirements
        .iter()
        .zip(plans)
        .map(|(r, plan)| {
            let mut fields: Cow<'static, [&'static str]> = Cow::Borrowed(&[]);
            let mut missing: Vec<&'static str> = Vec::new();
            let mut evidence: Vec<String> = Vec::new();
            let applies = plan.condition.map(|c| controls::condition(c, decl));
            let (verdict, reason) = match applies {
                Some(Ok(false)) => (Verdict::NotApplicable, Reason::One(Text::Static(plan.not_applicable.as_str()))),
                Some(Err(field)) => {
                    missing.push(field);
                    (
                        Verdict::Unknown,
                        Reason::text(format!(
                            "Whether this applies depends on {field}, which the declaration does not give."
                        )),
                    )
                }
                _ => {
                    for p in plan.controls.iter().map(|&i| &controls[i]) {
                        if fields.is_empty() {
                            fields = Cow::Borrowed(p.fields);
                        } else {
                            fields.to_mut().extend(p.fields.iter().copied());
                        }
                        if p.verdict == Verdict::Unknown {
                            missing.extend(p.fields.iter().copied());
                        }
                        evidence.extend(p.evidence.iter().cloned());
                    }
                    requirement_verdict(plan.controls.iter().map(|&i| &controls[i]))
                }
            };
            let (verdict, reason) = if by_requirement.is_empty() {
                (verdict, reason)
            } else {
                let ev = by_requirement.get(plan.key.as_str()).and_then(|items| evidence_result(items));
                let (verdict, reason, more) = combine(verdict, reason, ev);
                evidence.extend(more);
                (verdict, reason)
            };
            if let Cow::Owned(f) = &mut fields {
                f.sort_unstable();
                f.dedup();
            }
            if evidence.len() > 1 {
                evidence.sort();
                evidence.dedup();
            }
            if verdict == Verdict::Unknown {
                missing.sort_unstable();
                missing.dedup();
            } else {
                missing.clear();
            }
            RequirementResult {
                id: r.id.as_str(),
                title: r.title.as_str(),
                status: r.status,
                verdict,
                reason,
                fields,
                missing,
                evidence,
                controls: r.controls.as_slice(),
            }
        })
        .collect();

    let counts = Counts::of(requirements.iter().map(|r| r.verdict));
    let mandatory = Counts::of(
        requirements.iter().filter(|r| r.status == Status::Mandatory).map(|r| r.verdict),
    );

    let met = |&i: &usize| matches!(requirements[i].verdict, Verdict::Pass | Verdict::NotApplicable);
    let reached = levels.iter().take_while(|l| l.iter().all(met)).count();
    let level = reached.checked_sub(1).map(|i| cat.levels[i].id.as_str());

    let verdict = if let Some(first) = levels.first() {
        // A graded scheme is met when its first level is.
        let base_failed = first
            .iter()
            .any(|&i| matches!(requirements[i].verdict, Verdict::Fail | Verdict::Contradicted));
        if level.is_some() {
            FrameworkVerdict::Conformant
        } else if base_failed {
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
        id: fw.id.as_str(),
        title: fw.short_title.as_str(),
        edition: fw.edition.as_str(),
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
fn requirement_verdict<'a>(
    parts: impl Iterator<Item = &'a ControlResult> + Clone,
) -> (Verdict, Reason) {
    for worst in [Verdict::Contradicted, Verdict::Fail, Verdict::Unknown] {
        if parts.clone().any(|p| p.verdict == worst) {
            return (worst, join(parts.filter(|p| p.verdict == worst)));
        }
    }
    if parts.clone().all(|p| p.verdict == Verdict::NotApplicable) {
        return (Verdict::NotApplicable, join(parts));
    }
    (Verdict::Pass, join(parts.filter(|p| p.verdict == Verdict::Pass)))
}

fn join<'a>(mut parts: impl Iterator<Item = &'a ControlResult>) -> Reason {
    let Some(first) = parts.next() else {
        return Reason::One(Text::Static(""));
    };
    let Some(second) = parts.next() else {
        return first.reason.clone();
    };
    let mut all = Vec::new();
    for p in [first, second].into_iter().chain(parts) {
        match &p.reason {
            Reason::One(t) => all.push(t.clone()),
            Reason::Many(v) => all.extend(v.iter().cloned()),
        }
    }
    Reason::Many(all)
}
