//! Control evaluators: what each common control means for a declaration.
//!
//! A control is one of two kinds. A **claim** is the maker's yes/no answer to one question: the
//! control set names the field (`claim = "updates.free_of_charge"`) and, where the question only
//! makes sense for some devices, the condition under which it applies (`applies_if`); nothing
//! about it is code. Every other control has an evaluator here, one file per family (auth,
//! update, vuln, network, privacy, docs), reading the declaration and the control's own policy
//! numbers and lists (`max_days`, `min_tls_version`, `plaintext_protocols`, ...) from the control
//! set. Each returns an [`Outcome`] with a verdict, a reason a non-expert can read, and the
//! declaration fields it rests on, which must be among the control's `reads` (tested).
//!
//! Reasons are messages of `locales/<lang>/assess.ftl`, English and French: message ids are
//! `ctl-<control id, dots as dashes>-<pass|fail|unknown|na>[-variant]`, or `ctl-shared-*` for
//! sentences several controls use.

use std::borrow::Cow;

use chrono::NaiveDate;
use iotlabel_catalog::Control;
use iotlabel_i18n::{Arg, Lang, Msg, msg};
use iotlabel_model::claims::ClaimGetter;
use iotlabel_model::*;
use serde::Serialize;

/// A control's or requirement's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    NotApplicable,
    Unknown,
    Contradicted,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::NotApplicable => "not_applicable",
            Verdict::Unknown => "unknown",
            Verdict::Contradicted => "contradicted",
        }
    }
}

/// What the declaration alone says about one control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub verdict: Verdict,
    /// Why, as a message of `locales/*/assess.ftl`. For sentences with arguments, the empty
    /// placeholder `Msg::new("")` when the context does not want explanations.
    pub reason: Msg,
    /// Declaration fields this outcome rests on (for `unknown`: the fields to fill in).
    pub fields: &'static [&'static str],
}

impl Outcome {
    fn new(verdict: Verdict, reason: Msg, fields: &'static [&'static str]) -> Self {
        Outcome { verdict, reason, fields }
    }
    fn pass(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Pass, reason, fields)
    }
    fn fail(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Fail, reason, fields)
    }
    fn unknown(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::Unknown, reason, fields)
    }
    fn na(reason: Msg, fields: &'static [&'static str]) -> Self {
        Self::new(Verdict::NotApplicable, reason, fields)
    }
}

/// Everything an evaluator may look at.
pub struct Ctx<'a> {
    pub decl: &'a Declaration,
    /// The date the assessment speaks for (support periods are judged against it).
    pub as_of: NaiveDate,
    /// Whether reasons are wanted. Bulk re-assessment (`verdicts`) skips building sentences that
    /// need formatting; static sentences cost nothing either way.
    pub explain: bool,
    /// The control being judged, as the control set states it: its policy numbers and lists
    /// (policy is data, not code).
    pub control: &'a Control,
}

/// How one control is judged, compiled once from the control set when an engine is built.
#[derive(Debug, Clone)]
pub enum Rule {
    /// The maker's yes/no answer to one question.
    Claim(Box<Claim>),
    /// An evaluator of this file's families.
    Custom(Evaluator),
    /// A control this build has no evaluator for (a newer control set): always `unknown`.
    Missing,
}

/// A claim control, compiled: the field, its messages, and when it applies.
#[derive(Debug, Clone)]
pub struct Claim {
    field: &'static [&'static str],
    get: ClaimGetter,
    /// Message ids, `'static` (see [`iotlabel_i18n::static_id`]): a [`Msg`] built from one
    /// allocates nothing.
    yes: &'static str,
    no: &'static str,
    missing: &'static str,
    applies_if: Option<(Condition, &'static str, Option<&'static str>)>,
}

impl Rule {
    /// How `control` is judged: its claim when the control set names one (and every message it
    /// needs exists), else its evaluator, else [`Rule::Missing`].
    pub fn of(control: &Control) -> Rule {
        match &control.claim {
            Some(path) => Claim::of(control, path).map_or(Rule::Missing, |c| Rule::Claim(Box::new(c))),
            None => evaluator(&control.id).map_or(Rule::Missing, Rule::Custom),
        }
    }

    pub fn eval(&self, c: &Ctx<'_>) -> Outcome {
        match self {
            Rule::Claim(claim) => claim.eval(c.decl),
            Rule::Custom(f) => f(c),
            Rule::Missing => Outcome::unknown(msg!("ctl-no-evaluator"), &[]),
        }
    }
}

impl Claim {
    fn of(control: &Control, path: &str) -> Option<Claim> {
        let entry = iotlabel_model::claims::claim(path)?;
        let stem = format!("ctl-{}", control.id.replace('.', "-"));
        let msg = iotlabel_i18n::static_id;
        let applies_if = match &control.applies_if {
            None => None,
            Some(a) => Some((
                Condition::from_id(&a.condition)?,
                msg(&a.otherwise)?,
                match &a.undecided {
                    Some(id) => Some(msg(id)?),
                    None => None,
                },
            )),
        };
        Some(Claim {
            field: std::slice::from_ref(&entry.0),
            get: entry.1,
            yes: msg(&format!("{stem}-pass"))?,
            no: msg(&format!("{stem}-fail"))?,
            missing: msg(&format!("{stem}-unknown"))?,
            applies_if,
        })
    }

    fn eval(&self, d: &Declaration) -> Outcome {
        if let Some((cond, otherwise, undecided)) = &self.applies_if {
            match condition(*cond, d) {
                Ok(false) => return Outcome::na(Msg::new(otherwise), cond.fields()),
                Err(_) => {
                    if let Some(id) = undecided {
                        return Outcome::unknown(Msg::new(id), cond.fields());
                    }
                }
                Ok(true) => {}
            }
        }
        match (self.get)(d) {
            Some(true) => Outcome::pass(Msg::new(self.yes), self.field),
            Some(false) => Outcome::fail(Msg::new(self.no), self.field),
            None => Outcome::unknown(Msg::new(self.missing), self.field),
        }
    }
}

/// A message with arguments when the context wants explanations, an empty message otherwise:
/// the arguments (lists, dates, names) are neither evaluated nor stored in bulk assessment.
/// Messages without arguments (`msg!("id")`) cost nothing either way.
macro_rules! say {
    ($c:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        if $c.explain { msg!($id, $($name = $value),+) } else { Msg::new("") }
    };
}

/// A yes/no claim: pass on yes, fail on no, unknown (naming the field) when absent.
fn claim(v: Option<bool>, fields: &'static [&'static str], yes: Msg, no: Msg, missing: Msg) -> Outcome {
    match v {
        Some(true) => Outcome::pass(yes, fields),
        Some(false) => Outcome::fail(no, fields),
        None => Outcome::unknown(missing, fields),
    }
}

/// A list of words from data (service names, field paths), the same in every language.
fn words<'a>(items: impl IntoIterator<Item = &'a str>) -> Arg {
    Arg::List(items.into_iter().map(str::to_owned).collect())
}

/// A list of taxonomy terms: the ids in English (as the reasons have always shown them), the
/// taxonomy's French names in French.
fn terms<'a>(kind: TermKind, ids: impl IntoIterator<Item = &'a str>) -> Arg {
    let tax = Taxonomy::builtin();
    let (mut en, mut fr) = (Vec::new(), Vec::new());
    for id in ids {
        en.push(id);
        fr.push(match tax.get(kind, id) {
            Some(t) => lower_first(&t.fr),
            None => id.to_owned(),
        });
    }
    Arg::Bilingual(Cow::Owned(en.join(", ")), Cow::Owned(fr.join(", ")))
}

/// Interfaces by their taxonomy names, in both languages (the kind id when the taxonomy lacks it).
fn interface_names<'a>(items: impl IntoIterator<Item = &'a Interface>) -> Arg {
    let tax = Taxonomy::builtin();
    let (mut en, mut fr) = (Vec::new(), Vec::new());
    for i in items {
        match tax.interface_kind(&i.kind) {
            Some(k) => {
                en.push(k.en.clone());
                fr.push(k.fr.clone());
            }
            None => {
                en.push(i.kind.clone());
                fr.push(i.kind.clone());
            }
        }
    }
    en.dedup();
    fr.dedup();
    Arg::Bilingual(Cow::Owned(en.join(", ")), Cow::Owned(fr.join(", ")))
}

/// Whether an interface's link protection is current good practice (taxonomy data); unknown
/// protections count as not adequate (validation refuses them anyway).
fn adequate(i: &Interface) -> bool {
    Taxonomy::builtin().link_protection(&i.protection).is_some_and(|p| p.adequate)
}

/// Whether an interface carries the device's IP traffic (taxonomy data).
fn carries_ip(i: &Interface) -> bool {
    Taxonomy::builtin().interface_kind(&i.kind).is_some_and(|k| k.carries_ip)
}

/// "Zigbee (Zigbee with the public default link key)": interfaces with their protection.
fn links<'a>(items: impl IntoIterator<Item = &'a Interface>) -> Arg {
    let tax = Taxonomy::builtin();
    let (mut en, mut fr) = (Vec::new(), Vec::new());
    for i in items {
        let k = tax.interface_kind(&i.kind);
        let p = tax.link_protection(&i.protection);
        en.push(format!(
            "{} ({})",
            k.map_or(i.kind.as_str(), |k| k.en.as_str()),
            p.map_or(i.protection.as_str(), |p| p.en.as_str())
        ));
        fr.push(format!(
            "{} ({})",
            k.map_or(i.kind.as_str(), |k| k.fr.as_str()),
            p.map_or(i.protection.as_str(), |p| p.fr.as_str())
        ));
    }
    Arg::Bilingual(Cow::Owned(en.join(", ")), Cow::Owned(fr.join(", ")))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A list whose items are themselves messages (rendered once per language and joined).
fn phrases(items: impl IntoIterator<Item = Msg>) -> Arg {
    let items: Vec<Msg> = items.into_iter().collect();
    let join = |lang: Lang| items.iter().map(|m| m.text(lang)).collect::<Vec<_>>().join(", ");
    Arg::Bilingual(Cow::Owned(join(Lang::En)), Cow::Owned(join(Lang::Fr)))
}

pub type Evaluator = fn(&Ctx<'_>) -> Outcome;

/// The evaluator of a control that is not a claim, `None` if this build has none for `id`.
pub fn evaluator(id: &str) -> Option<Evaluator> {
    auth::evaluator(id)
        .or_else(|| update::evaluator(id))
        .or_else(|| vuln::evaluator(id))
        .or_else(|| network::evaluator(id))
        .or_else(|| privacy::evaluator(id))
        .or_else(|| docs::evaluator(id))
        .or_else(|| hardware::evaluator(id))
        .or_else(|| ownership::evaluator(id))
}

/// A policy number the control set must give this control; `None` makes the evaluator answer
/// `unknown` (a control set without the number cannot be judged against it).
fn policy_missing() -> Outcome {
    Outcome::unknown(msg!("ctl-shared-no-policy"), &[])
}

// After `say!`: macros are visible to the modules declared below their definition.
mod auth;
mod conditions;
mod docs;
mod hardware;
mod network;
mod ownership;
mod privacy;
mod update;
mod vuln;

pub use conditions::{Condition, condition};
