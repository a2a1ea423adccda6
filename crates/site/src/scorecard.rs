//! Makers' scorecards and the leaderboard, computed from the index's rows, and the "IoT Stars"
//! recognition, by the public rules of `data/stars.toml` (never hand-picked).

use serde::{Deserialize, Serialize};

use crate::index::Row;

/// The rules of the IoT Stars recognition (`data/stars.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StarRules {
    /// Frameworks every current device must meet.
    pub baselines: Vec<String>,
    pub min_current_devices: usize,
    pub allow_contradicted: bool,
    pub allow_open_vulnerabilities: bool,
}

impl StarRules {
    /// The rules the site applies.
    pub fn builtin() -> StarRules {
        toml::from_str(include_str!("../data/stars.toml"))
            .expect("data/stars.toml is valid (a test reads it)")
    }
}

/// One framework's share of a maker's current line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub framework: String,
    pub meeting: usize,
    pub of: usize,
}

/// A maker, as the leaderboard ranks it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    pub maker: String,
    pub devices: usize,
    /// Not revoked, support not ended.
    pub current: usize,
    /// Current devices meeting every baseline.
    pub meeting_baselines: usize,
    /// Per framework (every framework any of its devices is judged against), current devices
    /// meeting it.
    pub frameworks: Vec<Share>,
    /// The median number of days of security updates left on its current devices.
    pub median_support_days: Option<i64>,
    pub support_ended: usize,
    pub revoked: usize,
    pub contradicted: usize,
    pub open_vulnerabilities: usize,
    pub star: bool,
}

impl Scorecard {
    /// The share of the current line meeting every baseline (0 with no current device).
    pub fn baseline_share(&self) -> f64 {
        if self.current == 0 { 0.0 } else { self.meeting_baselines as f64 / self.current as f64 }
    }
}

fn meets(row: &Row, framework: &str) -> bool {
    row.verdicts.iter().any(|(f, v)| f == framework && v == "conformant")
}

/// The scorecard of the maker whose rows these are.
pub fn scorecard(maker: &str, rows: &[&Row], rules: &StarRules) -> Scorecard {
    let current: Vec<&Row> =
        rows.iter().copied().filter(|r| r.status == "active" || r.status == "contradicted").collect();
    let mut frameworks: Vec<String> =
        rows.iter().flat_map(|r| r.verdicts.iter().map(|(f, _)| f.clone())).collect();
    frameworks.sort();
    frameworks.dedup();
    let shares = frameworks
        .into_iter()
        .map(|f| Share {
            meeting: current.iter().filter(|r| meets(r, &f)).count(),
            of: current.len(),
            framework: f,
        })
        .collect();
    let mut days: Vec<i64> = current.iter().filter_map(|r| r.support_days_left).collect();
    days.sort_unstable();
    let median = (!days.is_empty()).then(|| {
        let n = days.len();
        if n % 2 == 1 { days[n / 2] } else { (days[n / 2 - 1] + days[n / 2]) / 2 }
    });
    let meeting_baselines = current.iter().filter(|r| rules.baselines.iter().all(|b| meets(r, b))).count();
    let contradicted = current.iter().filter(|r| r.status == "contradicted").count();
    let open_vulnerabilities = current.iter().map(|r| r.open_vulnerabilities).sum();
    let star = current.len() >= rules.min_current_devices.max(1)
        && meeting_baselines == current.len()
        && (rules.allow_contradicted || contradicted == 0)
        && (rules.allow_open_vulnerabilities || open_vulnerabilities == 0);
    Scorecard {
        maker: maker.to_owned(),
        devices: rows.len(),
        current: current.len(),
        meeting_baselines,
        frameworks: shares,
        median_support_days: median,
        support_ended: rows.iter().filter(|r| r.status == "support_ended").count(),
        revoked: rows.iter().filter(|r| r.status == "revoked").count(),
        contradicted,
        open_vulnerabilities,
        star,
    }
}

/// Every maker's scorecard, best first: the share of the current line meeting the baselines,
/// then the size of the current line, then fewer revocations, then the name.
pub fn leaderboard(rows: &[Row], rules: &StarRules) -> Vec<Scorecard> {
    let mut makers: Vec<&str> = rows.iter().map(|r| r.maker.as_str()).collect();
    makers.sort_unstable();
    makers.dedup();
    let mut cards: Vec<Scorecard> = makers
        .into_iter()
        .map(|m| {
            let own: Vec<&Row> = rows.iter().filter(|r| r.maker == m).collect();
            scorecard(m, &own, rules)
        })
        .collect();
    cards.sort_by(|a, b| {
        b.baseline_share()
            .total_cmp(&a.baseline_share())
            .then(b.current.cmp(&a.current))
            .then(a.revoked.cmp(&b.revoked))
            .then(a.maker.cmp(&b.maker))
    });
    cards
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(maker: &str, id: &str, status: &'static str, psti: &str, days: i64) -> Row {
        Row {
            id: id.into(),
            maker: maker.into(),
            brand: maker.into(),
            model: id.into(),
            hardware_version: "1".into(),
            firmware_version: "1".into(),
            device_type: "camera".into(),
            status,
            support_until: None,
            support_days_left: Some(days),
            frameworks_met: Vec::new(),
            verdicts: vec![
                ("uk-psti".into(), psti.into()),
                ("etsi-en-303-645".into(), "not_conformant".into()),
            ],
            cls_level: None,
            sensors: Vec::new(),
            data_types: Vec::new(),
            universal_password: false,
            disclosure_contact: true,
            acknowledgement_days: None,
            declared_at: chrono::DateTime::UNIX_EPOCH,
            failing_controls: Vec::new(),
            open_vulnerabilities: 0,
            last_entry: 0,
            digest: String::new(),
            words: String::new(),
        }
    }

    #[test]
    fn stars_go_to_makers_whose_whole_current_line_meets_the_baselines() {
        let rules = StarRules::builtin();
        assert_eq!(rules.baselines, ["uk-psti"]);
        let rows = vec![
            row("good", "g1", "active", "conformant", 400),
            row("good", "g2", "active", "conformant", 100),
            // A revoked or ended device is not in the current line.
            row("good", "g3", "revoked", "not_conformant", 10),
            row("good", "g4", "support_ended", "not_conformant", -10),
            row("mixed", "m1", "active", "conformant", 900),
            row("mixed", "m2", "active", "not_conformant", 900),
            row("lab-caught", "c1", "contradicted", "conformant", 300),
        ];
        let board = leaderboard(&rows, &rules);
        let names: Vec<&str> = board.iter().map(|c| c.maker.as_str()).collect();
        assert_eq!(
            names,
            ["good", "lab-caught", "mixed"],
            "share meeting the baselines, then the line's size"
        );
        let good = &board[0];
        assert!(good.star);
        assert_eq!((good.devices, good.current, good.revoked, good.support_ended), (4, 2, 1, 1));
        assert_eq!(good.median_support_days, Some(250));
        let psti = good.frameworks.iter().find(|s| s.framework == "uk-psti").unwrap();
        assert_eq!((psti.meeting, psti.of), (2, 2));
        assert!(!board[1].star, "a contradicted device costs the star");
        assert!(!board[2].star, "half the line meets the baseline");
        let mut lenient = rules.clone();
        lenient.allow_contradicted = true;
        assert!(leaderboard(&rows, &lenient).iter().find(|c| c.maker == "lab-caught").unwrap().star);
        // Every answer of the rules moves the outcome the way a reader expects.
        lenient.min_current_devices = 3;
        assert!(!leaderboard(&rows, &lenient).iter().any(|c| c.star), "no maker has three current devices");
    }
}
