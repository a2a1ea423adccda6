//! iotlabel-assess: declaration + evidence -> control results -> requirement verdicts ->
//! framework results.
//!
//! Architecture invariant: this crate does no I/O and reads no clock; the caller passes the
//! assessment date, so the same inputs always give the same report.

pub mod controls;
pub mod oscal;
pub mod provenance;
pub mod report;
pub mod testers;

pub use controls::Verdict;
pub use provenance::check_evidence_bound;
pub use report::*;

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;
use iotlabel_catalog::{Catalog, Catalogs, OutOfScope, Status};
use iotlabel_i18n::{Arg, Lang, Msg, msg};
use iotlabel_model::{Declaration, Evidence, EvidenceItem, Issue, Mask, TestResult};

use crate::controls::{Ctx, Outcome, Rule};

/// The assessment engine for one set of catalogs: the control evaluators compiled in the order of
/// the control set, and per framework the control indices each requirement needs, so assessing
/// does no lookups by name.
///
/// Catalogs are passed in, never found: a registry can hold two engines, one per catalog
/// edition, and re-assess every label against both side by side. Building one costs a few
/// hundred microseconds; build it once and reuse it for every declaration.
pub struct Engine<'c> {
    cats: &'c Catalogs,
    /// How each control of the control set is judged, in its order.
    rules: Vec<Rule>,
    /// `plans[framework index][requirement index]`.
    plans: Vec<Vec<Plan<'c>>>,
    /// `levels[framework index][level index]`: indices of the requirements each level needs.
    levels: Vec<Vec<Vec<usize>>>,
    /// `mandatory[framework index][requirement index]`.
    mandatory: Vec<Vec<bool>>,
    /// Distinct (condition, controls) pairs over all catalogs.
    signatures: Vec<(Option<controls::Condition>, Vec<usize>)>,
    /// `sigs[framework index][requirement index]`: each plan's `sig`, apart, so that a
    /// declaration without evidence is judged by one lookup per requirement.
    sigs: Vec<Vec<usize>>,
    /// `routed[framework index]`: the requirements with deemed-compliance routes.
    routed: Vec<Vec<usize>>,
}

struct Plan<'c> {
    /// Index into `Engine::signatures`: requirements with the same condition and controls (e.g.
    /// an sg-cls requirement and the ETSI provision it is defined through) are judged once.
    sig: usize,
    controls: Vec<usize>,
    condition: Option<controls::Condition>,
    /// Reason given when the requirement's condition does not hold.
    not_applicable: Msg,
    /// Declaration fields the condition is decided on.
    condition_fields: Vec<&'c str>,
    /// Canonical `framework:requirement` keys whose evidence decides this requirement: its own
    /// and those of the requirements it is defined through (`references`), e.g. a UK PSTI
    /// requirement deemed met by an ETSI provision, or a CLS level requirement.
    keys: Vec<String>,
    /// The requirement's routes (deemed compliance), compiled; empty for almost every
    /// requirement, and then they cost nothing.
    routes: Vec<(&'c iotlabel_catalog::Route, RoutePlan<'c>)>,
}

/// A [`iotlabel_catalog::Route`] compiled: the requirements it goes through by index, or the
/// label it needs with the scheme's level order and validity.
enum RoutePlan<'c> {
    /// `(framework index, requirement index)` of each requirement the route goes through.
    Via(Vec<(usize, usize)>),
    /// A route that took effect after the assessment date (never met then): see
    /// [`iotlabel_catalog::Route::in_force`]. Decided per assessment, so kept with its date.
    Dated(NaiveDate, Box<RoutePlan<'c>>),
    Label {
        scheme: &'c str,
        /// Level ids and aliases that count (the named level and those above it); empty means any.
        levels: Vec<&'c str>,
        rules: &'c iotlabel_catalog::CertificateRules,
    },
}

impl<'c> Engine<'c> {
    /// Compiles `cats` into an engine.
    pub fn new(cats: &'c Catalogs) -> Self {
        let mut index = HashMap::new();
        let mut rules = Vec::new();
        for (i, c) in cats.controls.controls.iter().enumerate() {
            index.insert(c.id.as_str(), i);
            rules.push(Rule::of(c));
        }
        let mut signatures: Vec<(Option<controls::Condition>, Vec<usize>)> = Vec::new();
        let mut plans = Vec::new();
        for cat in &cats.frameworks {
            let mut fw_plans = Vec::new();
            for r in &cat.requirements {
                let cond: Option<&'c iotlabel_catalog::Condition> =
                    r.condition.as_deref().and_then(|c| cats.condition(c));
                let not_met = cond.map_or("", |c| c.not_met.as_str());
                let not_met_fr = cond.map_or("", |c| c.not_met_fr.as_str());
                let condition = r.condition.as_deref().and_then(controls::Condition::from_id);
                let controls: Vec<usize> =
                    r.controls.iter().filter_map(|c| index.get(c.as_str()).copied()).collect();
                let signature = (condition, controls.clone());
                let sig = match signatures.iter().position(|s| *s == signature) {
                    Some(i) => i,
                    None => {
                        signatures.push(signature);
                        signatures.len() - 1
                    }
                };
                fw_plans.push(Plan {
                    sig,
                    condition,
                    controls,
                    not_applicable: msg!(
                        "reason-not-applicable",
                        condition =
                            Arg::Bilingual(Cow::Owned(not_met.to_owned()), Cow::Owned(not_met_fr.to_owned())),
                    ),
                    condition_fields: cond
                        .map_or(Vec::new(), |c| c.reads.iter().map(String::as_str).collect()),
                    keys: std::iter::once(format!("{}:{}", cat.framework.id, r.id))
                        .chain(r.references.iter().filter_map(|k| canonical(cats, k).map(|(key, _)| key)))
                        .collect(),
                    routes: r
                        .routes
                        .iter()
                        .filter_map(|route| compile_route(cats, route).map(|p| (route, p)))
                        .collect(),
                });
            }
            plans.push(fw_plans);
        }
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
        let mandatory = cats
            .frameworks
            .iter()
            .map(|cat| cat.requirements.iter().map(|r| r.status == Status::Mandatory).collect())
            .collect();
        let sigs = plans.iter().map(|fw: &Vec<Plan<'_>>| fw.iter().map(|p| p.sig).collect()).collect();
        let routed = plans
            .iter()
            .map(|fw: &Vec<Plan<'_>>| (0..fw.len()).filter(|&r| !fw[r].routes.is_empty()).collect())
            .collect();
        Engine { cats, rules, plans, levels, mandatory, signatures, sigs, routed }
    }

    /// The catalogs this engine judges against.
    pub fn catalogs(&self) -> &'c Catalogs {
        self.cats
    }
}

/// Whether a test failed the requirement itself or one of its controls: then no route lifts
/// its verdict (a route read from the declaration, or a label, does not outweigh a test).
fn test_failed(plan: &Plan<'_>, tested_fail: &[bool], ev: &EvidenceIndex<'_>) -> bool {
    plan.controls.iter().any(|&c| tested_fail.get(c).copied().unwrap_or(false))
        || matches!(ev.requirement(&plan.keys), Some((TestResult::Fail, _)))
}

/// Which controls a test failed, by control index; empty when no evidence names a control.
fn tested_failures(cats: &Catalogs, ev: &EvidenceIndex<'_>) -> Vec<bool> {
    if ev.by_control.is_empty() {
        return Vec::new();
    }
    cats.controls.controls.iter().map(|c| matches!(ev.control(&c.id), Some((TestResult::Fail, _)))).collect()
}

/// A route as indices (catalogs are checked, so a route that does not resolve is left out).
fn compile_route<'c>(cats: &'c Catalogs, route: &'c iotlabel_catalog::Route) -> Option<RoutePlan<'c>> {
    let plan = compile_route_body(cats, route)?;
    Some(match route.in_force_date() {
        Some(d) => RoutePlan::Dated(d, Box::new(plan)),
        None => plan,
    })
}

fn compile_route_body<'c>(cats: &'c Catalogs, route: &'c iotlabel_catalog::Route) -> Option<RoutePlan<'c>> {
    if let Some(c) = &route.certification {
        let scheme = cats.framework(&c.scheme)?;
        let levels: Vec<&str> = match &c.level {
            None => Vec::new(),
            Some(l) => scheme
                .levels
                .iter()
                .skip_while(|x| &x.id != l)
                .flat_map(|x| std::iter::once(x.id.as_str()).chain(x.aliases.iter().map(String::as_str)))
                .collect(),
        };
        return Some(RoutePlan::Label {
            scheme: c.scheme.as_str(),
            levels,
            rules: scheme.certificate.as_ref()?,
        });
    }
    let via = route
        .via
        .iter()
        .map(|key| {
            let (fw, id) = key.split_once(':')?;
            let f = cats.frameworks.iter().position(|c| c.framework.id == fw)?;
            let r = cats.frameworks[f]
                .requirements
                .iter()
                .position(|r| r.id == id || r.aliases.iter().any(|a| a == id))?;
            Some((f, r))
        })
        .collect::<Option<Vec<_>>>()?;
    Some(RoutePlan::Via(via))
}

/// The verdict once the routes are weighed: a met route lifts `fail` or `unknown` to `pass`
/// (the law deems the requirement met); it never changes `contradicted` (test evidence shows
/// the declaration wrong, and a route read from the same declaration cannot vouch for it), nor
/// `not_applicable`, and the caller does not ask when a test failed the requirement or one of
/// its controls. The one rule for both assessment paths.
fn routed(direct: Verdict, met: impl FnOnce() -> bool) -> Verdict {
    if matches!(direct, Verdict::Fail | Verdict::Unknown) && met() { Verdict::Pass } else { direct }
}

/// The current label of `scheme` the declaration holds that a route accepts, if any (the
/// latest issued).
fn current_label<'d>(
    decl: &'d Declaration,
    scheme: &str,
    levels: &[&str],
    rules: &iotlabel_catalog::CertificateRules,
    as_of: NaiveDate,
) -> Option<&'d iotlabel_model::Certification> {
    decl.attestations
        .certifications
        .iter()
        .filter(|c| {
            c.scheme == scheme
                && (levels.is_empty() || c.level.as_deref().is_some_and(|l| levels.contains(&l.trim())))
                && rules.current(c.issued, c.expires, as_of)
        })
        .max_by_key(|c| c.issued)
}

impl Engine<'_> {
    /// Whether a route is met: each requirement it goes through is met (its direct verdict is
    /// pass or not applicable), or the declaration holds a current label it accepts.
    fn route_met(
        &self,
        route: &RoutePlan<'_>,
        declared: &[Verdict],
        ev: &EvidenceIndex<'_>,
        decl: &Declaration,
        as_of: NaiveDate,
    ) -> bool {
        match route {
            RoutePlan::Via(via) => via.iter().all(|&(f, r)| {
                matches!(
                    requirement_verdict(&self.plans[f][r], declared, ev),
                    Verdict::Pass | Verdict::NotApplicable
                )
            }),
            RoutePlan::Label { scheme, levels, rules } => {
                current_label(decl, scheme, levels, rules, as_of).is_some()
            }
            RoutePlan::Dated(from, inner) => {
                as_of >= *from && self.route_met(inner, declared, ev, decl, as_of)
            }
        }
    }

    /// A requirement's verdict with its routes weighed ([`routed`]). `tested_fail` says which
    /// controls a test failed (empty when there is no evidence). Inlined into both paths' loops:
    /// a requirement without routes (almost all) costs one length check more than its direct
    /// verdict.
    #[inline(always)]
    fn final_verdict(
        &self,
        plan: &Plan<'_>,
        declared: &[Verdict],
        tested_fail: &[bool],
        ev: &EvidenceIndex<'_>,
        decl: &Declaration,
        as_of: NaiveDate,
    ) -> Verdict {
        let direct = requirement_verdict(plan, declared, ev);
        if plan.routes.is_empty() {
            return direct;
        }
        self.with_routes(plan, direct, declared, tested_fail, ev, decl, as_of)
    }

    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn with_routes(
        &self,
        plan: &Plan<'_>,
        direct: Verdict,
        declared: &[Verdict],
        tested_fail: &[bool],
        ev: &EvidenceIndex<'_>,
        decl: &Declaration,
        as_of: NaiveDate,
    ) -> Verdict {
        routed(direct, || {
            !test_failed(plan, tested_fail, ev)
                && plan.routes.iter().any(|(_, r)| self.route_met(r, declared, ev, decl, as_of))
        })
    }
}

impl<'c> Engine<'c> {
    /// Adds the routes of a requirement to its explained result: each route, whether it is met
    /// and on what, and the reason's account of them. The verdict is [`routed`]'s, already in
    /// `result`; `direct` is the verdict read without the routes.
    #[allow(clippy::too_many_arguments)]
    fn explain_routes(
        &self,
        cat: &'c Catalog,
        r: &'c iotlabel_catalog::Requirement,
        plan: &Plan<'c>,
        direct: Verdict,
        result: &mut RequirementResult<'c>,
        declared: &[Verdict],
        ev: &EvidenceIndex<'_>,
        decl: &Declaration,
        as_of: NaiveDate,
    ) {
        let name = format!("{} {}", cat.framework.short_title, r.id);
        let mut met_reasons = Vec::new();
        for (route, rp) in &plan.routes {
            let met = self.route_met(rp, declared, ev, decl, as_of);
            let rp = match rp {
                RoutePlan::Dated(_, inner) => inner.as_ref(),
                other => other,
            };
            let mut out = RouteResult {
                id: route.id.as_str(),
                kind: RouteKind::Requirements,
                via: route.via.iter().map(String::as_str).collect(),
                scheme: None,
                level: None,
                met,
                certificate: None,
                reference: route.reference.as_str(),
                uncertain: route.uncertain.as_deref(),
            };
            match rp {
                RoutePlan::Via(via) => {
                    if met && let Some(&(f, _)) = via.first() {
                        let ids: Vec<&str> = via
                            .iter()
                            .map(|&(f, r)| self.cats.frameworks[f].requirements[r].id.as_str())
                            .collect();
                        met_reasons.push(msg!(
                            "reason-route-via",
                            requirement = name.clone(),
                            framework = self.cats.frameworks[f].framework.short_title.clone(),
                            ids = Arg::Bilingual(
                                Cow::Owned(and_list(&ids, Lang::En)),
                                Cow::Owned(and_list(&ids, Lang::Fr))
                            ),
                            reference = route.reference.clone(),
                        ));
                    }
                }
                RoutePlan::Dated(..) => {}
                RoutePlan::Label { scheme, levels, rules } => {
                    out.kind = RouteKind::Label;
                    out.scheme = Some(scheme);
                    out.level = route.certification.as_ref().and_then(|c| c.level.as_deref());
                    if let Some(c) = current_label(decl, scheme, levels, rules, as_of).filter(|_| met) {
                        out.certificate = Some(c.id.clone());
                        let title =
                            self.cats.framework(scheme).map_or(*scheme, |s| s.framework.short_title.as_str());
                        met_reasons.push(msg!(
                            "reason-route-label",
                            requirement = name.clone(),
                            scheme = title.to_owned(),
                            id = c.id.clone(),
                            until = rules.valid_until(c.issued, c.expires).unwrap_or(c.issued),
                            reference = route.reference.clone(),
                        ));
                    }
                }
            }
            result.routes.push(out);
        }
        if met_reasons.is_empty() {
            return;
        }
        let own = result.reason.messages().to_vec();
        let lifted = result.verdict == Verdict::Pass && direct != Verdict::Pass;
        result.reason = Reason::Many(match direct {
            Verdict::Pass => own.into_iter().chain(met_reasons).collect(),
            Verdict::Fail | Verdict::Unknown if lifted => {
                result.direct = Some(direct);
                let read = if direct == Verdict::Fail {
                    msg!("reason-route-direct-fail")
                } else {
                    msg!("reason-route-direct-unknown")
                };
                met_reasons.into_iter().chain(std::iter::once(read)).chain(own).collect()
            }
            Verdict::Fail | Verdict::Unknown | Verdict::Contradicted => own
                .into_iter()
                .chain(std::iter::once(msg!("reason-route-no-cover", requirement = name)))
                .collect(),
            Verdict::NotApplicable => own,
        });
    }
}

/// `a`, `a and b`, `a, b and c` in `lang` (the word from the messages).
fn and_list(items: &[&str], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [head @ .., last] => {
            format!("{} {} {last}", head.join(", "), iotlabel_i18n::text(lang, "reason-route-and"))
        }
    }
}

/// Checks that every evidence item names a known control or requirement (located as issues).
///
/// The sentences come from the message catalog; they are English because [`Issue`] (like every
/// parse diagnostic) carries text, not messages.
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
                    msg!("evidence-unknown-control", control = c.clone()).text(Lang::En),
                )
                .expected(iotlabel_i18n::text(Lang::En, "evidence-unknown-control-expected"))
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
                        msg!("evidence-unknown-requirement", requirement = r.clone()).text(Lang::En),
                    )
                    .expected(iotlabel_i18n::text(Lang::En, "evidence-unknown-requirement-expected")),
                );
            }
        }
    }
    out
}

/// `framework:requirement` with any alias (e.g. a V2.1.1 provision id) resolved to the
/// requirement's own id, with the requirement; `None` when it names nothing.
fn canonical<'c>(cats: &'c Catalogs, key: &str) -> Option<(String, &'c iotlabel_catalog::Requirement)> {
    let (fw, id) = key.split_once(':')?;
    let r = cats.framework(fw)?.requirement(id)?;
    Some((format!("{fw}:{}", r.id), r))
}

/// Why an evidence item cannot decide a control, if it cannot.
fn inadmissible(c: &iotlabel_catalog::Control, item: &EvidenceItem, decl: &Declaration) -> Option<Msg> {
    if !c.evidence_methods.is_empty() && !c.evidence_methods.iter().any(|m| m == item.method.as_str()) {
        return Some(msg!(
            "evidence-set-aside-method",
            id = item.id.clone(),
            control = c.id.clone(),
            method = item.method.as_str(),
            expected = Arg::List(c.evidence_methods.clone()),
        ));
    }
    if c.independent_tester && !testers::independent_tester(&item.tester, &decl.identity) {
        return Some(msg!(
            "evidence-set-aside-tester",
            id = item.id.clone(),
            control = c.id.clone(),
            tester = item.tester.clone(),
        ));
    }
    None
}

/// Checks that the evidence is about the declared device: the same brand and model (ignoring
/// case and surrounding spaces). Evidence that names no device is [`check_evidence_bound`]'s to
/// refuse (or to let through when the caller allows it, with a note in every report).
pub fn check_evidence_device(decl: &Declaration, ev: &Evidence) -> Vec<Issue> {
    let Some(t) = &ev.device else { return Vec::new() };
    let i = &decl.identity;
    let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
    if same(&t.brand, &i.brand) && same(&t.model, &i.model) {
        return Vec::new();
    }
    let path = if same(&t.brand, &i.brand) { "/device/model" } else { "/device/brand" };
    vec![
        Issue::new(
            path,
            msg!(
                "evidence-device-mismatch",
                tested = format!("{} {}", t.brand, t.model),
                declared = format!("{} {}", i.brand, i.model),
            )
            .text(Lang::En),
        )
        .expected(iotlabel_i18n::text(Lang::En, "evidence-device-mismatch-expected")),
    ]
}

/// Evidence items indexed by what they are about, once the items that cannot count have been
/// set aside (and the reason for each recorded: evidence is never dropped silently).
#[derive(Default)]
struct EvidenceIndex<'e> {
    by_control: HashMap<&'e str, Vec<&'e EvidenceItem>>,
    /// By canonical `framework:requirement`.
    by_requirement: HashMap<String, Vec<&'e EvidenceItem>>,
    set_aside: Vec<Msg>,
    /// Items a mask in force selects: they do not count, and the report lists them.
    accepted: Vec<Accepted>,
}

impl<'e> EvidenceIndex<'e> {
    fn new(
        cats: &Catalogs,
        evidence: Option<&'e Evidence>,
        masks: &[Mask],
        decl: &Declaration,
        as_of: NaiveDate,
    ) -> Self {
        let mut ix = EvidenceIndex::default();
        let device = evidence.and_then(|e| e.device.as_ref());
        if let Some(ev) = evidence {
            ix.set_aside.extend(provenance::file_notes(ev, decl));
        }
        for item in evidence.map_or(&[][..], |e| e.items.as_slice()) {
            if item.date > as_of {
                ix.set_aside.push(msg!(
                    "evidence-set-aside-future",
                    id = item.id.clone(),
                    date = item.date,
                    as_of = as_of,
                ));
                continue;
            }
            // A finding the lab accepts does not count, and is listed (first mask in force wins).
            if let Some((n, m)) = masks.iter().enumerate().find(|(_, m)| m.in_force(as_of) && m.matches(item))
            {
                ix.accepted.push(accepted(item, n, m));
                continue;
            }
            let requirement = item.requirement.as_deref().and_then(|r| canonical(cats, r));
            // The controls the item speaks for: the one it names, or its requirement's.
            let controls: Vec<&iotlabel_catalog::Control> = match (&item.control, &requirement) {
                (Some(c), _) => cats.control(c).into_iter().collect(),
                (None, Some((_, req))) => req.controls.iter().filter_map(|c| cats.control(c)).collect(),
                (None, None) => Vec::new(),
            };
            if let Some(why) = controls.iter().find_map(|c| {
                inadmissible(c, item, decl).or_else(|| provenance::set_aside(c, item, device, decl))
            }) {
                ix.set_aside.push(why);
                continue;
            }
            ix.set_aside.extend(provenance::item_note(item, device, decl));
            if let Some(c) = &item.control {
                ix.by_control.entry(c.as_str()).or_default().push(item);
            }
            if let Some((key, _)) = requirement {
                ix.by_requirement.entry(key).or_default().push(item);
            }
        }
        ix
    }

    /// No admissible evidence for any control or requirement.
    fn is_empty(&self) -> bool {
        self.by_control.is_empty() && self.by_requirement.is_empty()
    }

    fn control(&self, id: &str) -> Option<(TestResult, Vec<&'e EvidenceItem>)> {
        if self.by_control.is_empty() {
            return None;
        }
        self.by_control.get(id).and_then(|items| decide(items))
    }

    /// Evidence naming the requirement itself or one it is defined through.
    fn requirement(&self, keys: &[String]) -> Option<(TestResult, Vec<&'e EvidenceItem>)> {
        if self.by_requirement.is_empty() {
            return None;
        }
        let items: Vec<&'e EvidenceItem> =
            keys.iter().filter_map(|k| self.by_requirement.get(k)).flatten().copied().collect();
        decide(&items)
    }
}

fn accepted(item: &EvidenceItem, n: usize, m: &Mask) -> Accepted {
    Accepted {
        item: item.id.clone(),
        control: item.control.clone(),
        requirement: item.requirement.clone(),
        finding: item.source.as_ref().and_then(|s| s.finding.clone()),
        result: item.result,
        summary: item.summary.clone(),
        mask: n,
        what: m.what.clone(),
        why: m.why.clone(),
        who: m.who.clone(),
        when: m.when,
        expires: m.expires,
    }
}

/// The masks not in force on `as_of`, each with why (dated after it, or expired by then).
pub fn masks_not_in_force(masks: &[Mask], as_of: NaiveDate) -> Vec<MaskNotInForce> {
    masks
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.in_force(as_of))
        .map(|(n, m)| MaskNotInForce {
            mask: n,
            what: m.what.clone(),
            who: m.who.clone(),
            when: m.when,
            expires: m.expires,
            reason: if m.when > as_of { NotInForce::NotYet } else { NotInForce::Expired },
        })
        .collect()
}

/// Masks in force on `as_of` that select no evidence item, each an issue at `/masks/N`: a
/// stale mask must not wait to hide a future finding. Run it inside the masks file's parser
/// (`iotlabel_model::parse_masks_with`) so the problems are located with the file's others.
pub fn check_masks(
    masks: &iotlabel_model::Masks,
    evidence: Option<&Evidence>,
    as_of: NaiveDate,
) -> Vec<Issue> {
    let items = evidence.map_or(&[][..], |e| e.items.as_slice());
    masks
        .masks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.in_force(as_of) && !items.iter().any(|i| m.matches(i)))
        .map(|(n, m)| {
            Issue::new(
                format!("/masks/{n}"),
                format!("mask {} matches no evidence item", iotlabel_model::diagnostic::quote(&m.what)),
            )
            .expected("an `item` id, `control` or `finding` that an item of the evidence has")
            .suggest("remove the mask, or correct what it selects")
        })
        .collect()
}

/// What the evidence says about one target: a failure outweighs passes; inconclusive results
/// decide nothing.
fn decide<'e>(items: &[&'e EvidenceItem]) -> Option<(TestResult, Vec<&'e EvidenceItem>)> {
    for wanted in [TestResult::Fail, TestResult::Pass] {
        let hits: Vec<_> = items.iter().copied().filter(|i| i.result == wanted).collect();
        if !hits.is_empty() {
            return Some((wanted, hits));
        }
    }
    None
}

/// The verdict once test evidence is weighed against what the declaration says.
///
/// A failed test contradicts a declaration that claimed the property or said it does not apply
/// (e.g. "no default password" when the lab logged in with admin/admin).
fn with_evidence(declared: Verdict, tested: Option<TestResult>) -> Verdict {
    match (declared, tested) {
        (_, None | Some(TestResult::Inconclusive)) | (Verdict::NotApplicable, Some(TestResult::Pass)) => {
            declared
        }
        (Verdict::Pass | Verdict::Contradicted | Verdict::NotApplicable, Some(TestResult::Fail)) => {
            Verdict::Contradicted
        }
        (_, Some(TestResult::Fail)) => Verdict::Fail,
        (_, Some(TestResult::Pass)) => Verdict::Pass,
    }
}

/// The reason to go with [`with_evidence`]'s verdict, and the evidence ids it rests on.
fn reason_with_evidence(
    declared: Verdict,
    reason: Reason,
    tested: Option<(TestResult, Vec<&EvidenceItem>)>,
) -> (Reason, Vec<String>) {
    let Some((result, items)) = tested else {
        return (reason, Vec::new());
    };
    if (declared == Verdict::NotApplicable && result == TestResult::Pass)
        || result == TestResult::Inconclusive
    {
        return (reason, Vec::new());
    }
    let verdict = with_evidence(declared, Some(result));
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let first = items[0];
    let seen = |id: &'static str| {
        Msg::new(id)
            .arg("summary", first.summary.trim_end_matches('.').to_owned())
            .arg("tester", first.tester.clone())
            .arg("date", first.date)
    };
    let reason = match (declared, verdict) {
        (Verdict::NotApplicable, _) => Reason::One(seen("reason-evidence-contradicted-na")),
        (_, Verdict::Contradicted) => Reason::One(seen("reason-evidence-contradicted")),
        (_, Verdict::Fail) => Reason::One(seen("reason-evidence-failed")),
        (Verdict::Pass, _) => {
            let mut all = reason.messages().to_vec();
            all.push(seen("reason-evidence-confirmed-claim"));
            Reason::Many(all)
        }
        (Verdict::Fail, _) => Reason::One(seen("reason-evidence-confirmed-unclaimed")),
        _ => Reason::One(seen("reason-evidence-confirmed")),
    };
    (reason, ids)
}

/// The set of verdicts present, one bit per verdict (a registry judges 100,000s of declarations:
/// no branch per control).
fn seen(verdicts: impl Iterator<Item = Verdict>) -> u8 {
    verdicts.fold(0, |mask, v| mask | 1 << v as u8)
}

fn bit(v: Verdict) -> u8 {
    1 << v as u8
}

/// The worst verdict in a [`seen`] set, in the order contradicted, fail, unknown, pass: a
/// requirement passes when all its controls pass or do not apply; all not-applicable (or none)
/// makes it not applicable.
fn worst(mask: u8) -> Verdict {
    WORST[usize::from(mask & 0b1_1111)]
}

/// [`worst`] of every set of the five verdicts, computed once.
const WORST: [Verdict; 32] = {
    let mut table = [Verdict::NotApplicable; 32];
    let mut mask = 0;
    while mask < 32 {
        let order = [Verdict::Contradicted, Verdict::Fail, Verdict::Unknown, Verdict::Pass];
        let mut i = 0;
        while i < order.len() {
            if mask & (1 << order[i] as u8) != 0 {
                table[mask] = order[i];
                break;
            }
            i += 1;
        }
        mask += 1;
    }
    table
};

/// A requirement's verdict before evidence naming the requirement itself: what its condition
/// and its controls' verdicts (declaration weighed against control evidence) say. Evidence
/// contradicting a control wins even when the declaration makes the requirement inapplicable or
/// leaves its condition open: the test shows the declaration is wrong.
fn declared_verdict(condition: Option<Result<bool, &str>>, parts: impl Iterator<Item = Verdict>) -> Verdict {
    declared_from_mask(condition, seen(parts))
}

/// [`declared_verdict`] from the [`seen`] set of the controls' verdicts.
fn declared_from_mask(condition: Option<Result<bool, &str>>, mask: u8) -> Verdict {
    match condition {
        Some(Ok(false) | Err(_)) if mask & bit(Verdict::Contradicted) != 0 => Verdict::Contradicted,
        Some(Ok(false)) => Verdict::NotApplicable,
        Some(Err(_)) => Verdict::Unknown,
        _ => worst(mask),
    }
}

/// Each condition decided once per declaration.
struct Conditions<'d> {
    decl: &'d Declaration,
    cache: [Option<Result<bool, &'static str>>; controls::Condition::COUNT],
}

impl<'d> Conditions<'d> {
    fn new(decl: &'d Declaration) -> Self {
        Conditions { decl, cache: [None; controls::Condition::COUNT] }
    }

    fn get(&mut self, c: controls::Condition) -> Result<bool, &'static str> {
        *self.cache[c as usize].get_or_insert_with(|| controls::condition(c, self.decl))
    }
}

/// What the declaration says about each distinct (condition, controls) pair.
fn declared_verdicts(eng: &Engine<'_>, decl: &Declaration, controls: &[Verdict]) -> Vec<Verdict> {
    let mut conditions = Conditions::new(decl);
    let mut out = Vec::with_capacity(eng.signatures.len());
    for (condition, parts) in &eng.signatures {
        let mask = parts.iter().fold(0, |mask, &i| mask | controls.get(i).map_or(0, |&v| bit(v)));
        out.push(match condition {
            None => WORST[usize::from(mask)],
            Some(c) => declared_from_mask(Some(conditions.get(*c)), mask),
        });
    }
    out
}

/// The verdict of one requirement: what the declaration says, weighed against evidence naming
/// the requirement itself.
fn requirement_verdict(plan: &Plan<'_>, declared: &[Verdict], ev: &EvidenceIndex<'_>) -> Verdict {
    with_evidence(declared[plan.sig], ev.requirement(&plan.keys).map(|(r, _)| r))
}

/// Compact results: verdicts and framework summaries without explanations. This is what a
/// registry re-computes for every stored declaration when a catalog changes; [`assess`] adds the
/// explanations on top of exactly these verdicts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdicts<'c> {
    pub controls: Vec<Verdict>,
    pub frameworks: Vec<FrameworkVerdicts<'c>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkVerdicts<'c> {
    pub id: &'c str,
    pub verdict: FrameworkVerdict,
    pub level: Option<&'c str>,
    pub counts: Counts,
    pub mandatory: Counts,
    /// In catalog order.
    pub requirements: Vec<Verdict>,
}

fn selected(cats: &Catalogs, frameworks: &[&str]) -> Vec<usize> {
    if frameworks.is_empty() {
        (0..cats.frameworks.len()).collect()
    } else {
        frameworks
            .iter()
            .filter_map(|id| cats.frameworks.iter().position(|c| c.framework.id == *id))
            .collect()
    }
}

impl Engine<'_> {
    /// What the declaration alone says about each control, in control-set order.
    fn outcomes<'a>(
        &'a self,
        decl: &'a Declaration,
        as_of: NaiveDate,
        explain: bool,
    ) -> impl Iterator<Item = Outcome> + 'a {
        self.rules
            .iter()
            .zip(&self.cats.controls.controls)
            .map(move |(rule, control)| rule.eval(&Ctx { decl, as_of, explain, control }))
    }
}

impl<'c> Engine<'c> {
    /// Verdicts only (see [`Verdicts`]).
    ///
    /// `frameworks` empty means every framework of the engine's catalogs. `as_of` is the date
    /// the verdicts speak for.
    pub fn verdicts(
        &self,
        decl: &Declaration,
        evidence: Option<&Evidence>,
        frameworks: &[&str],
        as_of: NaiveDate,
    ) -> Verdicts<'c> {
        self.verdicts_masked(decl, evidence, &[], frameworks, as_of)
    }

    /// [`Engine::verdicts`] with the lab's masks: the evidence items a mask in force on `as_of`
    /// selects do not count (the verdicts of [`Engine::assess_masked`]).
    pub fn verdicts_masked(
        &self,
        decl: &Declaration,
        evidence: Option<&Evidence>,
        masks: &[Mask],
        frameworks: &[&str],
        as_of: NaiveDate,
    ) -> Verdicts<'c> {
        let cats = self.cats;
        let ev = EvidenceIndex::new(cats, evidence, masks, decl, as_of);
        // Without admissible evidence (the common case: a registry re-reading declarations),
        // a control's verdict is what the declaration says, and a requirement's is its
        // signature's, but for those with routes; the general path gives the same (tested).
        let untested = ev.is_empty();
        let controls: Vec<Verdict> = if untested {
            self.outcomes(decl, as_of, false).map(|o| o.verdict).collect()
        } else {
            self.outcomes(decl, as_of, false)
                .zip(&cats.controls.controls)
                .map(|(o, c)| with_evidence(o.verdict, ev.control(&c.id).map(|(r, _)| r)))
                .collect()
        };
        let declared = declared_verdicts(self, decl, &controls);
        let tested_fail = tested_failures(cats, &ev);
        let facts = scope_facts(decl);
        let frameworks = selected(cats, frameworks)
            .into_iter()
            .map(|i| {
                let cat = &cats.frameworks[i];
                let requirements: Vec<Verdict> = if untested {
                    let mut v: Vec<Verdict> = self.sigs[i].iter().map(|&s| declared[s]).collect();
                    for &r in &self.routed[i] {
                        v[r] =
                            self.final_verdict(&self.plans[i][r], &declared, &tested_fail, &ev, decl, as_of);
                    }
                    v
                } else {
                    self.plans[i]
                        .iter()
                        .map(|p| self.final_verdict(p, &declared, &tested_fail, &ev, decl, as_of))
                        .collect()
                };
                summarize(
                    cat,
                    &self.levels[i],
                    &self.mandatory[i],
                    requirements,
                    leaves_with(&cat.scope, decl, facts).is_some(),
                )
            })
            .collect();
        Verdicts { controls, frameworks }
    }
}

/// Why `cat` does not apply to the declared product, if it does not (the rule is the catalog's:
/// [`iotlabel_catalog::Scope::leaves_out`]), with its explanation.
pub fn scope<'c>(cat: &'c Catalog, decl: &Declaration) -> Option<ScopeResult<'c>> {
    scope_of(&cat.framework.short_title, &cat.scope, decl)
}

/// Why a programme built on a framework (`[[programmes]]` of its catalog, e.g. the U.S. Cyber
/// Trust Mark on NIST IR 8425) does not take the declared product, if it does not; `None` also
/// when the catalog has no such programme.
pub fn programme_scope<'c>(cat: &'c Catalog, programme: &str, decl: &Declaration) -> Option<ScopeResult<'c>> {
    let p = cat.programmes.iter().find(|p| p.id == programme)?;
    scope_of(&p.short_title, &p.scope, decl)
}

/// The [`iotlabel_catalog::SCOPE_FACTS`] a declaration establishes (no allocation).
fn scope_facts(decl: &Declaration) -> &'static [&'static str] {
    let tax = iotlabel_model::Taxonomy::builtin();
    // Interfaces declared (an empty list included) and none of them a radio: wired only.
    // Interfaces left out say nothing, so they never exclude.
    let wired_only = decl
        .interfaces
        .as_ref()
        .is_some_and(|all| !all.iter().any(|i| tax.interface_kind(&i.kind).is_none_or(|k| k.radio)));
    match (decl.market.consumer_use == Some(false), wired_only) {
        (true, true) => &["not-primarily-consumer", "no-intentional-radio"],
        (true, false) => &["not-primarily-consumer"],
        (false, true) => &["no-intentional-radio"],
        (false, false) => &[],
    }
}

fn scope_of<'c>(
    name: &str,
    scope: &'c iotlabel_catalog::Scope,
    decl: &Declaration,
) -> Option<ScopeResult<'c>> {
    let m = &decl.market;
    Some(match leaves(scope, decl)? {
        OutOfScope::Excluded(ex) => ScopeResult {
            reason: Reason::One(msg!(
                "scope-excluded",
                framework = name.to_owned(),
                exclusion = Arg::Bilingual(Cow::Owned(ex.title.clone()), Cow::Owned(ex.title_fr.clone())),
                reference = ex.reference.clone(),
            )),
            reference: ex.reference.as_str(),
            exclusion: Some(ex.id.as_str()),
        },
        OutOfScope::NotSold => {
            let markets = &scope.markets;
            // Name the market as a whole, not its member states.
            let shown: Vec<String> =
                if markets.iter().any(|x| x == "EU") { vec!["EU".into()] } else { markets.clone() };
            ScopeResult {
                reason: Reason::One(msg!(
                    "scope-not-sold",
                    framework = name.to_owned(),
                    regions = Arg::List(m.regions.clone()),
                    markets = Arg::List(shown),
                    reference = scope.reference.clone(),
                )),
                reference: scope.reference.as_str(),
                exclusion: None,
            }
        }
    })
}

fn leaves<'c>(scope: &'c iotlabel_catalog::Scope, decl: &Declaration) -> Option<OutOfScope<'c>> {
    leaves_with(scope, decl, scope_facts(decl))
}

/// [`leaves`] with the declaration's scope facts already established.
fn leaves_with<'c>(
    scope: &'c iotlabel_catalog::Scope,
    decl: &Declaration,
    facts: &[&str],
) -> Option<OutOfScope<'c>> {
    scope.leaves_out(&decl.identity.device_type, &decl.market.regions, &decl.market.regimes, facts)
}

fn summarize<'c>(
    cat: &'c Catalog,
    levels: &[Vec<usize>],
    is_mandatory: &[bool],
    requirements: Vec<Verdict>,
    out_of_scope: bool,
) -> FrameworkVerdicts<'c> {
    let counts = Counts::of(requirements.iter().copied());
    let mandatory = Counts::of(requirements.iter().zip(is_mandatory).filter(|(_, m)| **m).map(|(v, _)| *v));
    // A framework that makes nothing mandatory (a consumer evaluation, whose criteria are all
    // recommendations) is judged on every requirement: otherwise it would be conformant
    // whatever the product.
    let deciding = if is_mandatory.contains(&true) { &mandatory } else { &counts };
    let met = |&i: &usize| matches!(requirements[i], Verdict::Pass | Verdict::NotApplicable);
    let reached = levels.iter().take_while(|l| l.iter().all(met)).count();
    let level = reached.checked_sub(1).map(|i| cat.levels[i].id.as_str());
    let verdict = if out_of_scope {
        FrameworkVerdict::OutOfScope
    } else if let Some(first) = levels.first() {
        // A graded scheme is met when its first level is.
        let base_failed =
            first.iter().any(|&i| matches!(requirements[i], Verdict::Fail | Verdict::Contradicted));
        if level.is_some() {
            FrameworkVerdict::Conformant
        } else if base_failed {
            FrameworkVerdict::NotConformant
        } else {
            FrameworkVerdict::Incomplete
        }
    } else if deciding.fail + deciding.contradicted > 0 {
        FrameworkVerdict::NotConformant
    } else if deciding.unknown > 0 {
        FrameworkVerdict::Incomplete
    } else {
        FrameworkVerdict::Conformant
    };
    FrameworkVerdicts { id: cat.framework.id.as_str(), verdict, level, counts, mandatory, requirements }
}

impl<'c> Engine<'c> {
    /// Assesses a declaration (and optional evidence) against the selected frameworks, with a reason
    /// for every verdict.
    ///
    /// `frameworks` empty means every framework of the engine's catalogs. `as_of` is the date the verdicts speak for.
    pub fn assess(
        &self,
        decl: &Declaration,
        evidence: Option<&Evidence>,
        frameworks: &[&str],
        as_of: NaiveDate,
    ) -> Report<'c> {
        self.assess_masked(decl, evidence, &[], frameworks, as_of)
    }

    /// [`Engine::assess`] with the lab's masks (a masks file's `masks`): the evidence items a
    /// mask in force on `as_of` selects do not count, and the report lists each one as accepted
    /// (`Report::accepted`: the finding and the mask's what, why, who, when and expiry), and
    /// each mask not in force with why (`Report::masks_not_in_force`). Check the masks against
    /// the evidence first with [`check_masks`].
    pub fn assess_masked(
        &self,
        decl: &Declaration,
        evidence: Option<&Evidence>,
        masks: &[Mask],
        frameworks: &[&str],
        as_of: NaiveDate,
    ) -> Report<'c> {
        let cats = self.cats;
        let eng = self;
        let ev = EvidenceIndex::new(cats, evidence, masks, decl, as_of);
        let present = Presence::of(decl);

        let controls: Vec<ControlResult> = self
            .outcomes(decl, as_of, true)
            .zip(&cats.controls.controls)
            .map(|(o, c)| {
                let tested = ev.control(&c.id);
                let verdict = with_evidence(o.verdict, tested.as_ref().map(|t| t.0));
                let (reason, evidence) = reason_with_evidence(o.verdict, Reason::One(o.reason), tested);
                ControlResult { id: c.id.as_str(), verdict, reason, fields: o.fields, evidence }
            })
            .collect();
        let control_verdicts: Vec<Verdict> = controls.iter().map(|c| c.verdict).collect();
        let declared = declared_verdicts(eng, decl, &control_verdicts);
        let tested_fail = tested_failures(cats, &ev);

        let frameworks = selected(cats, frameworks)
            .into_iter()
            .map(|i| {
                let cat = &cats.frameworks[i];
                let plans = &eng.plans[i];
                let verdicts: Vec<Verdict> = plans
                    .iter()
                    .map(|p| eng.final_verdict(p, &declared, &tested_fail, &ev, decl, as_of))
                    .collect();
                let requirements = cat
                    .requirements
                    .iter()
                    .zip(plans)
                    .zip(&verdicts)
                    .map(|((r, plan), &verdict)| {
                        let mut result = explain(r, plan, verdict, decl, &controls, &ev, &present);
                        if !plan.routes.is_empty() {
                            let direct = requirement_verdict(plan, &declared, &ev);
                            eng.explain_routes(
                                cat,
                                r,
                                plan,
                                direct,
                                &mut result,
                                &declared,
                                &ev,
                                decl,
                                as_of,
                            );
                        }
                        result
                    })
                    .collect();
                let levels = cat
                    .levels
                    .iter()
                    .zip(&eng.levels[i])
                    .map(|(l, needs)| {
                        let counts = Counts::of(needs.iter().map(|&r| verdicts[r]));
                        LevelResult {
                            id: l.id.as_str(),
                            title: l.title.as_str(),
                            title_fr: l.title_fr.as_str(),
                            met: counts.pass + counts.not_applicable == counts.total(),
                            counts,
                        }
                    })
                    .collect();
                let scope = scope(cat, decl);
                let s = summarize(cat, &eng.levels[i], &eng.mandatory[i], verdicts, scope.is_some());
                FrameworkResult {
                    id: s.id,
                    title: cat.framework.short_title.as_str(),
                    edition: cat.framework.edition.as_str(),
                    verdict: s.verdict,
                    level: s.level,
                    counts: s.counts,
                    mandatory: s.mandatory,
                    levels,
                    scope,
                    requirements,
                }
            })
            .collect();

        Report {
            catalogs: cats,
            tool: format!("iotlabel {}", env!("CARGO_PKG_VERSION")),
            as_of,
            device: DeviceSummary::of(decl),
            frameworks,
            controls,
            notes: ev.set_aside.into_iter().map(Reason::One).collect(),
            accepted: ev.accepted,
            masks_not_in_force: masks_not_in_force(masks, as_of),
        }
    }
}

/// Which declaration fields are filled in, by dotted path (`updates.signed`), so an `unknown`
/// verdict names only the fields that are actually missing.
struct Presence(serde_json::Value);

impl Presence {
    fn of(decl: &Declaration) -> Self {
        Presence(serde_json::to_value(decl).unwrap_or_default())
    }

    fn has(&self, path: &str) -> bool {
        let mut v = &self.0;
        for part in path.split('.') {
            match v.get(part) {
                Some(next) => v = next,
                None => return false,
            }
        }
        !v.is_null()
    }
}

/// The explanation of a requirement verdict already decided by [`requirement_verdict`].
fn explain<'c>(
    r: &'c iotlabel_catalog::Requirement,
    plan: &Plan<'c>,
    verdict: Verdict,
    decl: &Declaration,
    controls: &[ControlResult<'c>],
    ev: &EvidenceIndex<'_>,
    present: &Presence,
) -> RequirementResult<'c> {
    let mut fields: Vec<&'c str> = Vec::new();
    // Fields from more than one source are sorted and deduplicated; one control's stay in order.
    let mut merged = false;
    let mut missing: Vec<&'c str> = Vec::new();
    let mut evidence: Vec<String> = Vec::new();
    let condition = plan.condition.map(|c| controls::condition(c, decl));
    let parts = plan.controls.iter().map(|&i| &controls[i]);
    let declared = declared_verdict(condition, parts.clone().map(|p| p.verdict));
    if condition.is_some() {
        fields = plan.condition_fields.clone();
        merged = true;
    }
    let reason = match (condition, declared) {
        (_, Verdict::Contradicted) | (None | Some(Ok(true)), _) => {
            for p in parts.clone() {
                if fields.is_empty() {
                    fields = p.fields.to_vec();
                    merged = false;
                } else {
                    fields.extend(p.fields.iter().copied());
                    merged = true;
                }
                if p.verdict == Verdict::Unknown {
                    let absent: Vec<&'c str> = p.fields.iter().copied().filter(|f| !present.has(f)).collect();
                    // A field can be present and still not settle the question (e.g. a policy
                    // without a contact); then every field the control reads is worth a look.
                    missing.extend(if absent.is_empty() { p.fields.to_vec() } else { absent });
                }
                evidence.extend(p.evidence.iter().cloned());
            }
            join(parts.filter(|p| p.verdict == declared || declared == Verdict::NotApplicable))
        }
        (Some(Err(field)), _) => {
            missing.push(field);
            Reason::One(msg!("reason-depends-on", field = field))
        }
        (Some(Ok(false)), _) => Reason::One(plan.not_applicable.clone()),
    };
    let (reason, more) = reason_with_evidence(declared, reason, ev.requirement(&plan.keys));
    evidence.extend(more);
    if merged {
        fields.sort_unstable();
        fields.dedup();
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
        title_fr: r.title_fr.as_str(),
        status: r.status,
        verdict,
        reason,
        fields,
        missing,
        evidence,
        controls: r.controls.as_slice(),
        routes: Vec::new(),
        direct: None,
    }
}

/// One reason from the reasons of several controls.
fn join<'a, 'c: 'a>(mut parts: impl Iterator<Item = &'a ControlResult<'c>>) -> Reason {
    let Some(first) = parts.next() else {
        return Reason::One(Msg::new(""));
    };
    let Some(second) = parts.next() else {
        return first.reason.clone();
    };
    let mut all = Vec::new();
    for p in [first, second].into_iter().chain(parts) {
        all.extend_from_slice(p.reason.messages());
    }
    Reason::Many(all)
}
