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
    /// The law's own crosswalk, apart from control-based coverage: the routes of this
    /// requirement that go through the other framework (its requirements, or holding its
    /// label), each deeming the requirement met (e.g. UK PSTI Schedule 2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<RouteLink>,
}

/// A route of a requirement through the other framework of a crosswalk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouteLink {
    /// The route's id within the requirement.
    pub id: String,
    /// The other framework's requirements it goes through (all must be met); empty for a label.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    /// For a label route: holding a current label of the other framework (a labelling scheme),
    /// at this level or above when one is named.
    pub label: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub reference: String,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
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
                routes: routes_to(r, to),
            }
        })
        .collect();
    Direction::new(from.framework.id.clone(), to.framework.id.clone(), mappings)
}

/// The routes of `r` that go through `to`.
fn routes_to(r: &crate::Requirement, to: &Catalog) -> Vec<RouteLink> {
    let target = to.framework.id.as_str();
    r.routes
        .iter()
        .filter_map(|route| {
            let via: Vec<String> = route
                .via
                .iter()
                .filter_map(|k| k.split_once(':'))
                .filter(|(fw, _)| *fw == target)
                .map(|(_, id)| id.to_string())
                .collect();
            let label = route.certification.as_ref().filter(|c| c.scheme == target);
            (!via.is_empty() || label.is_some()).then(|| RouteLink {
                id: route.id.clone(),
                via,
                label: label.is_some(),
                level: label.and_then(|c| c.level.clone()),
                reference: route.reference.clone(),
                uncertain: route.uncertain.is_some(),
            })
        })
        .collect()
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
        // The law's own crosswalk: Schedule 2 routes, shown apart from control coverage.
        let one = cw.b_to_a.mappings.iter().find(|m| m.id == "1").unwrap();
        assert_eq!(one.routes.len(), 1, "{one:?}");
        assert_eq!(one.routes[0].via, ["5.1-1", "5.1-2"]);
        assert!(!one.routes[0].label);
        assert!(cw.a_to_b.mappings.iter().all(|m| m.routes.is_empty()));
    }

    #[test]
    fn label_routes_link_a_requirement_to_a_labelling_scheme() {
        let cats = Catalogs::builtin();
        let cw = crosswalk_ids(cats, "uk-psti", "jp-jc-star").unwrap();
        let routes: Vec<(&str, &RouteLink)> = cw
            .a_to_b
            .mappings
            .iter()
            .flat_map(|m| m.routes.iter().map(move |r| (m.id.as_str(), r)))
            .collect();
        assert_eq!(routes.iter().map(|(id, _)| *id).collect::<Vec<_>>(), ["1", "2", "3", "SoC"]);
        assert!(routes.iter().all(|(_, r)| r.label && r.level.as_deref() == Some("1") && r.uncertain));
        let cls = crosswalk_ids(cats, "uk-psti", "sg-cls").unwrap();
        assert!(cls.a_to_b.mappings.iter().all(|m| m.routes.iter().all(|r| r.label && r.level.is_none())));
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
