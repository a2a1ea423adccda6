//! Each answer moves the outcome the way a reader expects: property tests over every example
//! device's label and generated profiles. "Never better" means the fit is not better (good <
//! acceptable < poor < fails your must-haves) and the risk is not lower.

mod common;

use std::collections::BTreeSet;

use chrono::Days;
use iotlabel_advice::profile::{CloudTolerance, Comfort, Household, Needs, Place, Worry};
use iotlabel_advice::{Advice, advise};
use proptest::prelude::*;

fn needs() -> impl Strategy<Value = Needs> {
    let place = prop::sample::select(vec![
        Place::Bedroom,
        Place::LivingRoom,
        Place::Kitchen,
        Place::Entrance,
        Place::Outdoors,
        Place::Office,
    ]);
    let household = prop::collection::btree_set(
        prop::sample::select(vec![
            Household::YoungChildren,
            Household::Teenagers,
            Household::OlderPeople,
            Household::AtRisk,
            Household::FrequentGuests,
        ]),
        0..4,
    );
    let worries = prop::collection::btree_set(
        prop::sample::select(vec![
            Worry::AudioVideo,
            Worry::Location,
            Worry::Health,
            Worry::PhysicalSafety,
            Worry::AttacksOnOthers,
            Worry::DiesEarly,
        ]),
        0..5,
    );
    let cloud =
        prop::sample::select(vec![CloudTolerance::Fine, CloudTolerance::Limited, CloudTolerance::None]);
    let comfort = prop::sample::select(vec![Comfort::Low, Comfort::Medium, Comfort::High]);
    (place, household, worries, 1u8..=30, cloud, comfort, 0u8..=15, any::<[bool; 3]>()).prop_map(
        |(place, household, worries, keep_years, cloud, comfort, min_update_years, b)| Needs {
            place,
            household,
            worries,
            keep_years,
            cloud,
            comfort,
            min_update_years,
            no_always_on_microphone: b[0],
            works_without_internet: b[1],
            no_data_sold: b[2],
        },
    )
}

fn device() -> impl Strategy<Value = usize> {
    0..common::labels().len()
}

/// `after` is never better than `before`.
fn never_better(before: &Advice, after: &Advice, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(after.fit >= before.fit, "{what}: fit went from {:?} to {:?}", before.fit, after.fit);
    prop_assert!(
        after.risk >= before.risk - 1e-9,
        "{what}: risk went from {} to {}",
        before.risk,
        after.risk
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn keeping_devices_longer_never_improves_fit(n in needs(), i in device(), more in 1u8..10) {
        let label = &common::labels()[i].1;
        let mut longer = n.clone();
        longer.keep_years = n.keep_years.saturating_add(more).min(30);
        never_better(&advise(label, &n), &advise(label, &longer), "keep longer")?;
    }

    #[test]
    fn support_ending_sooner_never_improves_fit(n in needs(), i in device(), days in 1u64..3000) {
        let label = &common::labels()[i].1;
        let mut sooner = label.clone();
        if let Some(until) = sooner.support.until {
            sooner.support.until = until.checked_sub_days(Days::new(days));
            if sooner.support.until.is_some_and(|d| d < sooner.as_of) {
                sooner.support.status = iotlabel_label::facts::SupportStatus::Ended;
            }
        }
        never_better(&advise(label, &n), &advise(&sooner, &n), "support ends sooner")?;
    }

    #[test]
    fn adding_a_must_have_never_improves_fit(n in needs(), i in device(), which in 0usize..4, years in 1u8..=15) {
        let label = &common::labels()[i].1;
        let mut stricter = n.clone();
        match which {
            0 => stricter.no_always_on_microphone = true,
            1 => stricter.works_without_internet = true,
            2 => stricter.no_data_sold = true,
            _ => stricter.min_update_years = n.min_update_years.max(years),
        }
        let (a, b) = (advise(label, &n), advise(label, &stricter));
        prop_assert!(b.fit >= a.fit, "must-have {which}: {:?} -> {:?}", a.fit, b.fit);
        prop_assert!(b.missed.len() >= a.missed.len());
    }

    #[test]
    fn adding_a_worry_or_a_person_never_improves_fit(
        n in needs(),
        i in device(),
        w in prop::sample::select(vec![Worry::AudioVideo, Worry::Location, Worry::Health, Worry::PhysicalSafety, Worry::AttacksOnOthers, Worry::DiesEarly]),
        h in prop::sample::select(vec![Household::YoungChildren, Household::Teenagers, Household::OlderPeople, Household::AtRisk, Household::FrequentGuests]),
    ) {
        let label = &common::labels()[i].1;
        let before = advise(label, &n);
        let mut worried = n.clone();
        worried.worries.insert(w);
        never_better(&before, &advise(label, &worried), "add a worry")?;
        let mut more = n.clone();
        more.household.insert(h);
        never_better(&before, &advise(label, &more), "add a household member")?;
    }

    #[test]
    fn less_tolerance_never_improves_fit(n in needs(), i in device()) {
        let label = &common::labels()[i].1;
        let with = |cloud, comfort| Needs { cloud, comfort, ..n.clone() };
        let order_cloud = [CloudTolerance::Fine, CloudTolerance::Limited, CloudTolerance::None];
        let order_comfort = [Comfort::High, Comfort::Medium, Comfort::Low];
        for pair in order_cloud.windows(2) {
            never_better(&advise(label, &with(pair[0], n.comfort)), &advise(label, &with(pair[1], n.comfort)), "less cloud")?;
        }
        for pair in order_comfort.windows(2) {
            never_better(&advise(label, &with(n.cloud, pair[0])), &advise(label, &with(n.cloud, pair[1])), "less comfort")?;
        }
    }

    #[test]
    fn a_person_at_risk_always_gets_safety_steps(n in needs(), i in device()) {
        let label = &common::labels()[i].1;
        let mut at_risk = n.clone();
        at_risk.household.insert(Household::AtRisk);
        let a = advise(label, &at_risk);
        prop_assert!(a.safety_steps.iter().any(|m| m.id == "advice-safety-own-account"));
        let mut not = n.clone();
        not.household.remove(&Household::AtRisk);
        prop_assert!(advise(label, &not).safety_steps.is_empty());
    }
}

/// The fixed cases a reader would check first, on one device whose support is declared.
#[test]
fn a_device_whose_updates_stop_soon_is_poor_for_someone_who_keeps_it_long() {
    let label = common::label("plugsafe-mini");
    let base = Needs {
        place: Place::LivingRoom,
        household: BTreeSet::new(),
        worries: BTreeSet::new(),
        keep_years: 1,
        cloud: CloudTolerance::Fine,
        comfort: Comfort::High,
        min_update_years: 0,
        no_always_on_microphone: false,
        works_without_internet: false,
        no_data_sold: false,
    };
    let short = advise(label, &base);
    let long = advise(label, &Needs { keep_years: 30, ..base.clone() });
    assert!(long.fit > short.fit, "{:?} vs {:?}", short.fit, long.fit);
    assert!(long.reasons.iter().any(|r| r.id == "support-short"));
}

fn profile_of(n: &Needs, keep: [bool; 10]) -> iotlabel_advice::Profile {
    let pick = |i: usize| keep[i];
    iotlabel_advice::Profile {
        version: iotlabel_advice::PROFILE_VERSION,
        place: pick(0).then_some(n.place),
        household: pick(1).then(|| n.household.clone()),
        worries: pick(2).then(|| n.worries.clone()),
        keep_years: pick(3).then_some(n.keep_years),
        cloud: pick(4).then_some(n.cloud),
        comfort: pick(5).then_some(n.comfort),
        min_update_years: pick(6).then_some(n.min_update_years),
        no_always_on_microphone: pick(7).then_some(n.no_always_on_microphone),
        works_without_internet: pick(8).then_some(n.works_without_internet),
        no_data_sold: pick(9).then_some(n.no_data_sold),
    }
}

proptest! {
    /// Any profile, whole or half-answered, reads back equal from its TOML and its URL query.
    #[test]
    fn profiles_read_back_from_toml_and_query(n in needs(), keep in any::<[bool; 10]>()) {
        let p = profile_of(&n, keep);
        prop_assert_eq!(iotlabel_advice::parse_profile("p.toml", &p.to_toml()).unwrap(), p.clone());
        prop_assert_eq!(iotlabel_advice::parse_query("query", &p.to_query()).unwrap(), p.clone());
        prop_assert_eq!(p.filled().complete(), p.complete());
        if keep.iter().all(|k| *k) {
            prop_assert_eq!(p.complete(), n);
        }
    }

    /// Arbitrary text never panics the profile readers, and a refusal always says something.
    #[test]
    fn any_text_is_read_or_refused_with_a_message(text in "\\PC{0,300}") {
        if let Err(d) = iotlabel_advice::parse_profile("p.toml", &text) {
            prop_assert!(!d.diagnostics.is_empty());
        }
        if let Err(d) = iotlabel_advice::parse_query("query", &text) {
            prop_assert!(!d.diagnostics.is_empty());
        }
    }
}
