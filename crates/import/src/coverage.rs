//! Which ETSI TS 103 701 test units an evidence file covers, and which remain, per EN 303 645
//! provision. The units are data (`data/ts-103-701-units.toml`, derived from the project's
//! reference CSV by `data/derive_test_units.py`): their id, provision, who performs them
//! (manual, basic tool, advanced tool, custom tool work), a short title of ours, and `by`, the
//! evidence that covers them:
//!
//! - `format:NAME`: an item imported from that tool's output (`source.format`), whatever it found;
//! - `method:NAME`: an item of that test method naming the provision (as a requirement) or one of
//!   the controls the catalog rests it on;
//! - `ref:GROUP`: another test group decides it: covered when a unit of that group is.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use iotlabel_catalog::Catalogs;
use iotlabel_model::{Evidence, EvidenceItem};
use serde::{Deserialize, Serialize};

/// The framework the test units belong to.
pub const FRAMEWORK: &str = "etsi-en-303-645";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Units {
    pub schema_version: String,
    pub units: Vec<Unit>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub id: String,
    /// The EN 303 645 V2.1.1 provision id, e.g. `5.1-1`.
    pub provision: String,
    pub performer: Performer,
    pub check: String,
    pub by: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Performer {
    Manual,
    BasicTool,
    AdvancedTool,
    CustomTool,
}

impl Performer {
    pub fn as_str(self) -> &'static str {
        match self {
            Performer::Manual => "manual",
            Performer::BasicTool => "basic tool",
            Performer::AdvancedTool => "advanced tool",
            Performer::CustomTool => "custom tool work",
        }
    }
}

impl Units {
    /// The units shipped with iotlabel.
    pub fn builtin() -> &'static Units {
        static U: OnceLock<Units> = OnceLock::new();
        U.get_or_init(|| {
            // A unit test parses the embedded table.
            toml::from_str(include_str!("../data/ts-103-701-units.toml"))
                .unwrap_or_else(|e| Units { schema_version: format!("invalid: {e}"), units: Vec::new() })
        })
    }
}

/// The coverage report (`iotlabel evidence coverage --format json`).
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub format: &'static str,
    pub version: u32,
    pub framework: &'static str,
    pub totals: Totals,
    pub provisions: Vec<ProvisionCoverage>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub units: usize,
    pub covered: usize,
    /// Units of provisions that do not apply to the device.
    pub not_applicable: usize,
    pub remaining: usize,
    /// Per performer: units, covered, remaining.
    pub by_performer: BTreeMap<Performer, Tally>,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Tally {
    pub units: usize,
    pub covered: usize,
    pub remaining: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvisionCoverage {
    /// The V2.1.1 provision id the test units are written for.
    pub provision: String,
    /// The catalog's requirement id (the current edition's), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirement: Option<String>,
    pub applicable: bool,
    pub units: Vec<UnitCoverage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitCoverage {
    pub id: String,
    pub performer: Performer,
    pub check: String,
    pub state: State,
    /// The evidence items covering it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Covered,
    Remaining,
    NotApplicable,
}

/// The coverage of `ev`. `not_applicable` says which catalog requirements (current ids) do not
/// apply to the device (from its assessment); their units are counted apart.
pub fn coverage(units: &Units, cats: &Catalogs, ev: &Evidence, not_applicable: &HashSet<String>) -> Coverage {
    let etsi = cats.framework(FRAMEWORK);
    let requirement = |prov: &str| {
        etsi.and_then(|c| c.requirement(&format!("V2.1.1:{prov}")).or_else(|| c.requirement(prov)))
    };
    // An item names the requirement: resolve it to the catalog's current id.
    let item_requirement = |item: &EvidenceItem| -> Option<String> {
        let r = item.requirement.as_deref()?;
        let (fw, id) = r.split_once(':')?;
        (fw == FRAMEWORK).then(|| etsi.and_then(|c| c.requirement(id)).map(|q| q.id.clone())).flatten()
    };
    // First pass: units covered by formats and methods.
    let mut first: Vec<Vec<String>> = Vec::with_capacity(units.units.len());
    for u in &units.units {
        let req = requirement(&u.provision);
        let mut ids = Vec::new();
        for item in &ev.items {
            let speaks = req.is_some_and(|q| {
                item_requirement(item).as_deref() == Some(q.id.as_str())
                    || item.control.as_ref().is_some_and(|c| q.controls.contains(c))
            });
            let hit = u.by.iter().any(|b| match b.split_once(':') {
                Some(("format", f)) => item.source.as_ref().is_some_and(|s| s.format == f),
                Some(("method", m)) => speaks && item.method.as_str() == m,
                _ => false,
            });
            if hit {
                ids.push(item.id.clone());
            }
        }
        first.push(ids);
    }
    // Second pass: references to other test groups.
    let mut items = first.clone();
    for (i, u) in units.units.iter().enumerate() {
        for b in &u.by {
            if let Some(group) = b.strip_prefix("ref:") {
                for (j, other) in units.units.iter().enumerate() {
                    if other.id.starts_with(group) && !first[j].is_empty() {
                        for id in &first[j] {
                            if !items[i].contains(id) {
                                items[i].push(id.clone());
                            }
                        }
                    }
                }
            }
        }
    }
    let mut totals = Totals::default();
    let mut provisions: Vec<ProvisionCoverage> = Vec::new();
    for (u, ids) in units.units.iter().zip(items) {
        let req = requirement(&u.provision);
        let applicable = req.is_none_or(|q| !not_applicable.contains(&q.id));
        let state = if !applicable {
            State::NotApplicable
        } else if ids.is_empty() {
            State::Remaining
        } else {
            State::Covered
        };
        totals.units += 1;
        let tally = totals.by_performer.entry(u.performer).or_default();
        tally.units += 1;
        match state {
            State::Covered => {
                totals.covered += 1;
                tally.covered += 1;
            }
            State::Remaining => {
                totals.remaining += 1;
                tally.remaining += 1;
            }
            State::NotApplicable => totals.not_applicable += 1,
        }
        let unit = UnitCoverage {
            id: u.id.clone(),
            performer: u.performer,
            check: u.check.clone(),
            state,
            items: ids,
        };
        match provisions.iter_mut().find(|p| p.provision == u.provision) {
            Some(p) => p.units.push(unit),
            None => provisions.push(ProvisionCoverage {
                provision: u.provision.clone(),
                requirement: req.map(|q| q.id.clone()),
                applicable,
                units: vec![unit],
            }),
        }
    }
    Coverage { format: "iotlabel.coverage", version: 1, framework: FRAMEWORK, totals, provisions }
}
