//! Masks: findings a lab accepts, each with what, why, who and when (and optionally until when).
//! A masked item does not count in the assessment, and the report says so in its notes: it is
//! never dropped silently. A mask that matches no item is an error (a stale mask must not hide
//! a future finding by accident); one dated after the assessment date or expired by then is not
//! applied, and noted.
//!
//!     schema_version = "1"
//!     [[masks]]
//!     finding = "tcp/8080"            # or item = "nmap-1-4", or control = "comms.encrypted"
//!     what = "HTTP on 8080 (factory test page)"
//!     why = "Disabled by the first-boot update; advisory ACME-2026-3"
//!     who = "J. Doe, Example Test Lab"
//!     when = 2026-11-20
//!     expires = 2027-05-20

use chrono::NaiveDate;
use iotlabel_model::{Evidence, EvidenceItem};
use serde::Deserialize;

use crate::{At, ImportError, Problem};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MasksFile {
    pub schema_version: String,
    #[serde(default)]
    pub masks: Vec<Mask>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mask {
    /// An evidence item id.
    #[serde(default)]
    pub item: Option<String>,
    /// Every item naming this control (with `finding`: only those of that finding).
    #[serde(default)]
    pub control: Option<String>,
    /// The tool's finding id (`source.finding`), e.g. `tcp/8080`, `ftp-anon`, a CVE id.
    #[serde(default)]
    pub finding: Option<String>,
    pub what: String,
    pub why: String,
    pub who: String,
    #[serde(deserialize_with = "date")]
    pub when: NaiveDate,
    #[serde(default, deserialize_with = "opt_date")]
    pub expires: Option<NaiveDate>,
}

/// A TOML date (`2026-11-20`) or a string of one.
fn date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let bad = || serde::de::Error::custom("expected a date written YYYY-MM-DD");
    match Either::deserialize(d)? {
        Either::Toml(t) => match (t.date, t.time) {
            (Some(x), None) => {
                NaiveDate::from_ymd_opt(i32::from(x.year), u32::from(x.month), u32::from(x.day))
                    .ok_or_else(bad)
            }
            _ => Err(bad()),
        },
        Either::Text(s) => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| bad()),
    }
}

fn opt_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    date(d).map(Some)
}

impl Mask {
    fn matches(&self, i: &EvidenceItem) -> bool {
        let finding = i.source.as_ref().and_then(|s| s.finding.as_deref());
        self.item.as_deref().is_none_or(|id| id == i.id)
            && self.control.as_deref().is_none_or(|c| i.control.as_deref() == Some(c))
            && self.finding.as_deref().is_none_or(|f| finding == Some(f))
    }
}

/// Reads a masks file (TOML), every problem located.
pub fn parse(file: &str, text: &str) -> Result<Vec<Mask>, ImportError> {
    let refuse =
        |problems: Vec<Problem>| ImportError { file: file.to_string(), format: None, problems, more: 0 };
    let parsed: MasksFile = toml::from_str(text).map_err(|e| {
        let at = match e.span() {
            Some(span) => {
                let before = text.get(..span.start).unwrap_or(text);
                let line = before.matches('\n').count() as u64 + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
                At { line: Some(line), column: Some(column), offset: Some(span.start as u64), path: None }
            }
            None => At::default(),
        };
        refuse(vec![Problem::new(at, e.message().to_string())])
    })?;
    let mut problems = Vec::new();
    if parsed.schema_version != "1" {
        problems.push(Problem::at_path(
            "schema_version",
            format!("unsupported schema_version {:?} (expected \"1\")", parsed.schema_version),
        ));
    }
    for (i, m) in parsed.masks.iter().enumerate() {
        let path = |f: &str| format!("masks[{i}].{f}");
        if m.item.is_none() && m.control.is_none() && m.finding.is_none() {
            problems.push(Problem::at_path(
                format!("masks[{i}]"),
                "names no item, control or finding: it would mask everything",
            ));
        }
        for (name, v) in [("what", &m.what), ("why", &m.why), ("who", &m.who)] {
            if v.trim().is_empty() {
                problems.push(Problem::at_path(
                    path(name),
                    "must not be empty (a mask says what, why, who and when)",
                ));
            }
        }
        if m.expires.is_some_and(|x| x <= m.when) {
            problems.push(Problem::at_path(path("expires"), "is not after `when`"));
        }
    }
    if problems.is_empty() { Ok(parsed.masks) } else { Err(refuse(problems)) }
}

/// What applying masks did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The evidence without the masked items.
    pub evidence: Evidence,
    /// Each masked item, with the mask that accepted it (first matching mask in force).
    pub accepted: Vec<(EvidenceItem, Mask)>,
    /// Masks not in force on the assessment date: dated after it, or expired by then.
    pub not_in_force: Vec<Mask>,
}

/// Applies `masks` in force on `as_of` to `ev`. A mask in force that matches no item is an
/// error, located at the mask.
pub fn apply(file: &str, masks: &[Mask], ev: &Evidence, as_of: NaiveDate) -> Result<Applied, ImportError> {
    let in_force = |m: &Mask| m.when <= as_of && m.expires.is_none_or(|x| x > as_of);
    let mut problems = Vec::new();
    for (i, m) in masks.iter().enumerate() {
        if in_force(m) && !ev.items.iter().any(|item| m.matches(item)) {
            problems.push(Problem::at_path(
                format!("masks[{i}]"),
                format!("mask {:?} matches no evidence item", m.what),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ImportError { file: file.to_string(), format: None, problems, more: 0 });
    }
    let mut kept = Vec::new();
    let mut accepted = Vec::new();
    for item in &ev.items {
        match masks.iter().find(|m| in_force(m) && m.matches(item)) {
            Some(m) => accepted.push((item.clone(), m.clone())),
            None => kept.push(item.clone()),
        }
    }
    let not_in_force = masks.iter().filter(|m| !in_force(m)).cloned().collect();
    Ok(Applied { evidence: Evidence { items: kept, ..ev.clone() }, accepted, not_in_force })
}
