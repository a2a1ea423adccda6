//! Crosswalk between two frameworks through the common controls they share.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::{Catalog, Catalogs, Status};

/// How much of a requirement another framework covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Every control of the requirement is also required by the other framework.
    Full,
    /// Some of its controls are.
    Partial,
    /// None are: a gap in the other framework.
    Gap,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Full => "full",
            Coverage::Partial => "partial",
            Coverage::Gap => "gap",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    /// Requirement id in the source framework.
    pub id: String,
    pub title: String,
    pub coverage: Coverage,
    /// Requirements of the other framework sharing at least one control.
    pub covered_by: Vec<String>,
    /// Controls shared with those requirements.
    pub shared_controls: Vec<String>,
    /// Controls of this requirement the other framework does not require.
    pub missing_controls: Vec<String>,
    /// True when the coverage (full or partial) rests only on requirements the other framework
    /// recommends: none of its mandatory requirements shares a control with this one, so a
    /// product can meet the other framework without meeting this requirement at all.
    pub only_recommended: bool,
}

impl Mapping {
    /// Full coverage that rests only on recommended requirements of the other framework.
    pub fn full_recommended_only(&self) -> bool {
        self.coverage == Coverage::Full && self.only_recommended
    }
}

/// How many requirements of one direction each coverage applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Requirements in the source framework.
    pub requirements: usize,
    /// Fully covered (including those covered only by recommended requirements).
    pub full: usize,
    /// Of the `full` ones, those whose coverage rests only on recommended requirements.
    pub full_recommended_only: usize,
    pub partial: usize,
    pub gap: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Direction {
    pub from: String,
    pub to: String,
    /// Counts over `mappings`.
    pub summary: Summary,
    pub mappings: Vec<Mapping>,
}

impl Direction {
    pub fn new(from: String, to: String, mappings: Vec<Mapping>) -> Direction {
        let count = |c: Coverage| mappings.iter().filter(|m| m.coverage == c).count();
        let summary = Summary {
            requirements: mappings.len(),
            full: count(Coverage::Full),
            full_recommended_only: mappings.iter().filter(|m| m.full_recommended_only()).count(),
            partial: count(Coverage::Partial),
            gap: count(Coverage::Gap),
        };
        Direction { from, to, summary, mappings }
    }

    pub fn count(&self, c: Coverage) -> usize {
        self.mappings.iter().filter(|m| m.coverage == c).count()
    }

    pub fn gaps(&self) -> impl Iterator<Item = &Mapping> {
        self.mappings.iter().filter(|m| m.coverage == Coverage::Gap)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crosswalk {
    pub a: String,
    pub b: String,
    /// How B covers each requirement of A.
    pub a_to_b: Direction,
    /// How A covers each requirement of B.
    pub b_to_a: Direction,
}

/// Cross-walks two catalogs through shared controls.
pub fn crosswalk(a: &Catalog, b: &Catalog) -> Crosswalk {
    Crosswalk {
        a: a.framework.id.clone(),
        b: b.framework.id.clone(),
        a_to_b: direction(a, b),
        b_to_a: direction(b, a),
    }
}

/// Cross-walks two built-in frameworks by id.
pub fn crosswalk_ids(cats: &Catalogs, a: &str, b: &str) -> Option<Crosswalk> {
    Some(crosswalk(cats.framework(a)?, cats.framework(b)?))
}

fn direction(from: &Catalog, to: &Catalog) -> Direction {
    let mappings = from
        .requirements
        .iter()
        .map(|r| {
            let mine: BTreeSet<&str> = r.controls.iter().map(String::as_str).collect();
            let mut covered_by = Vec::new();
            let mut shared = BTreeSet::new();
            let mut by_mandatory = false;
            for other in &to.requirements {
                let common: Vec<&str> =
                    other.controls.iter().map(String::as_str).filter(|c| mine.contains(c)).collect();
                if !common.is_empty() {
                    covered_by.push(other.id.clone());
                    shared.extend(common);
                    by_mandatory |= other.status == Status::Mandatory;
                }
            }
            let missing: Vec<String> =
                mine.iter().filter(|c| !shared.contains(*c)).map(|c| (*c).to_string()).collect();
            let coverage = if shared.is_empty() {
                Coverage::Gap
            } else if missing.is_empty() {
                Coverage::Full
            } else {
                Coverage::Partial
            };
            Mapping {
                id: r.id.clone(),
                title: r.title.clone(),
                coverage,
                covered_by,
                shared_controls: shared.into_iter().map(str::to_string).collect(),
                missing_controls: missing,
                only_recommended: coverage != Coverage::Gap && !by_mandatory,
            }
        })
        .collect();
    Direction::new(from.framework.id.clone(), to.framework.id.clone(), mappings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn psti_is_fully_covered_by_etsi() {
        let cats = Catalogs::builtin();
        let cw = crosswalk_ids(cats, "etsi-en-303-645", "uk-psti").unwrap();
        // Every PSTI security requirement is deemed met through ETSI provisions.
        for id in ["1", "2", "3"] {
            let m = cw.b_to_a.mappings.iter().find(|m| m.id == id).unwrap();
            assert_eq!(m.coverage, Coverage::Full, "PSTI {id}: {m:?}");
        }
        // ETSI asks far more than PSTI: most provisions are gaps in PSTI.
        assert!(cw.a_to_b.count(Coverage::Gap) > 50);
    }

    #[test]
    fn only_recommended_means_no_mandatory_requirement_covers() {
        let cats = Catalogs::builtin();
        let ids: Vec<&str> = cats.framework_ids().collect();
        let mut seen = 0;
        for a in &ids {
            for b in &ids {
                let cw = crosswalk_ids(cats, a, b).unwrap();
                let to = cats.framework(b).unwrap();
                let d = &cw.a_to_b;
                for m in &d.mappings {
                    let any_mandatory =
                        m.covered_by.iter().any(|id| to.requirement(id).unwrap().status == Status::Mandatory);
                    assert_eq!(
                        m.only_recommended,
                        !m.covered_by.is_empty() && !any_mandatory,
                        "{a}->{b} {m:?}"
                    );
                    seen += usize::from(m.full_recommended_only());
                }
                assert_eq!(d.summary.requirements, d.mappings.len(), "{a}->{b}");
            }
        }
        assert!(seen > 0, "some coverage rests on recommended requirements only");
    }

    #[test]
    fn crosswalk_is_symmetric_in_what_it_links() {
        let cats = Catalogs::builtin();
        let cw = crosswalk_ids(cats, "eu-cra", "nist-ir-8425").unwrap();
        for m in &cw.a_to_b.mappings {
            for other in &m.covered_by {
                let back = cw.b_to_a.mappings.iter().find(|x| &x.id == other).unwrap();
                assert!(back.covered_by.contains(&m.id), "{} -> {other} not mirrored", m.id);
            }
        }
    }
}
