//! The search index: one row per registered label, derived from the log once and kept until the
//! label changes (new log entries about it) or the date does (support periods end by date).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use iotlabel_registry::Derived;
use iotlabel_server::Registry;
use iotlabel_store::StoreError;
use serde::{Deserialize, Serialize};

/// One registered device, as search and lists show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub id: String,
    pub maker: String,
    pub brand: String,
    pub model: String,
    pub hardware_version: String,
    pub firmware_version: String,
    pub device_type: String,
    /// active, support_ended, contradicted or revoked.
    pub status: &'static str,
    pub support_until: Option<NaiveDate>,
    pub support_days_left: Option<i64>,
    /// Frameworks whose verdict is `conformant` (graded schemes with their level).
    pub frameworks_met: Vec<String>,
    /// Every framework's verdict: (framework id, conformant / not_conformant / incomplete /
    /// out_of_scope).
    pub verdicts: Vec<(String, String)>,
    /// The Singapore CLS level the label reaches, if any.
    pub cls_level: Option<u8>,
    /// Taxonomy sensor type ids, as declared.
    pub sensors: Vec<String>,
    /// Taxonomy data type ids, as declared collected.
    pub data_types: Vec<String>,
    /// The declaration says every unit ships with the same password.
    pub universal_password: bool,
    /// The declaration names where to report a vulnerability.
    pub disclosure_contact: bool,
    /// Days within which a reporter gets an acknowledgement, when declared.
    pub acknowledgement_days: Option<u32>,
    /// When the current declaration was logged.
    pub declared_at: chrono::DateTime<chrono::Utc>,
    /// Common controls the label fails (or a lab contradicts).
    pub failing_controls: Vec<String>,
    /// Vulnerabilities stated as affecting the firmware, unfixed.
    pub open_vulnerabilities: usize,
    /// The last log entry about the label: a page built at this entry is still current.
    pub last_entry: u64,
    /// The registered label digest (`sha256:<hex>`).
    pub digest: String,
    /// Lower-case words searched by `q`: brand, model, versions, device type, label id.
    #[serde(skip)]
    pub(crate) words: String,
}

impl Row {
    /// The row of a derived label.
    pub fn of(d: &Derived) -> Row {
        let r = &d.record;
        let frameworks_met = r
            .frameworks
            .iter()
            .filter(|f| f.verdict == "conformant")
            .map(|f| match &f.level {
                Some(level) => format!("{} {level}", f.framework),
                None => f.framework.clone(),
            })
            .collect();
        let open_vulnerabilities = r
            .vulnerabilities
            .iter()
            .filter(|v| v.vuln.state == iotlabel_registry::vex::VulnState::Affected)
            .count();
        let words =
            [&r.brand, &r.model, &r.hardware_version, &r.firmware_version, &r.device_type, &r.id, &r.maker]
                .iter()
                .map(|w| w.to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
        Row {
            id: r.id.clone(),
            maker: r.maker.clone(),
            brand: r.brand.clone(),
            model: r.model.clone(),
            hardware_version: r.hardware_version.clone(),
            firmware_version: r.firmware_version.clone(),
            device_type: r.device_type.clone(),
            status: r.status.state.as_str(),
            support_until: r.status.support_until,
            support_days_left: r.status.support_days_left,
            frameworks_met,
            verdicts: r.frameworks.iter().map(|f| (f.framework.clone(), f.verdict.clone())).collect(),
            cls_level: r
                .frameworks
                .iter()
                .find(|f| f.framework == "sg-cls")
                .and_then(|f| f.level.as_deref())
                .and_then(|l| l.trim_start_matches(|c: char| !c.is_ascii_digit()).parse().ok()),
            sensors: d.declaration.sensors.iter().map(|s| s.kind.clone()).collect(),
            data_types: d.declaration.data.collected.iter().map(|c| c.kind.clone()).collect(),
            universal_password: d.declaration.authentication.default_password
                == iotlabel_model::DefaultPasswordPolicy::Universal,
            disclosure_contact: d.declaration.vulnerability_disclosure.contact.is_some(),
            acknowledgement_days: d.declaration.vulnerability_disclosure.acknowledgement_days,
            declared_at: r.declared_at,
            failing_controls: r.failing_controls.clone(),
            open_vulnerabilities,
            last_entry: r.log_entries.iter().copied().max().unwrap_or(0),
            digest: r.digest.clone(),
            words,
        }
    }
}

/// What a search asks for (the `/search` query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Words that must all appear (brand, model, versions, device type, label id, maker).
    pub q: String,
    pub maker: String,
    #[serde(rename = "type")]
    pub device_type: String,
    pub status: String,
    pub sensor: String,
    /// A framework id the device must meet (verdict conformant).
    pub framework: String,
    /// The lowest Singapore CLS level the device must reach (1 to 4; empty for any).
    pub cls: String,
    /// The fewest months of security updates the device must have left (empty for any).
    pub support: String,
}

impl Query {
    /// The filters (not the words: the index's word lists answer those).
    fn matches(&self, row: &Row) -> bool {
        (self.maker.is_empty() || row.maker == self.maker)
            && (self.device_type.is_empty() || row.device_type == self.device_type)
            && (self.status.is_empty() || row.status == self.status)
            && (self.sensor.is_empty() || row.sensors.contains(&self.sensor))
            && (self.framework.is_empty()
                || row.verdicts.iter().any(|(f, v)| *f == self.framework && v == "conformant"))
            && self.cls.parse::<u8>().map_or(true, |min| row.cls_level.is_some_and(|l| l >= min))
            && self
                .support
                .parse::<i64>()
                .map_or(true, |months| row.support_days_left.is_some_and(|d| d >= months * 30))
    }
}

/// Every registered label's row, sorted by label id, as of one log size and one date.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub size: u64,
    pub date: NaiveDate,
    rows: Vec<Row>,
    facets: Facets,
    /// Every word of the rows' searched text, sorted, with the rows holding it (ascending): a
    /// query word finds the rows of every word it begins (`cam` finds `camera`).
    words: Vec<(Box<str>, Vec<u32>)>,
}

/// The words of a text: runs of letters and digits, lower-cased.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

impl Index {
    /// An index of `rows` (in any order) for log size `size` on `date`.
    pub fn new(size: u64, date: NaiveDate, mut rows: Vec<Row>) -> Index {
        rows.sort_by(|a, b| a.id.cmp(&b.id));
        rows.dedup_by(|a, b| a.id == b.id);
        let facets = Facets::of(&rows);
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (i, r) in rows.iter().enumerate() {
            for w in tokens(&r.words) {
                let list = postings.entry(w).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        let words = postings.into_iter().map(|(w, rows)| (w.into_boxed_str(), rows)).collect();
        Index { size, date, rows, facets, words }
    }

    /// The rows (ascending) having a word that begins with `prefix`.
    fn rows_with_prefix(&self, prefix: &str) -> Vec<u32> {
        let start = self.words.partition_point(|(w, _)| &**w < prefix);
        let mut out: Vec<u32> = Vec::new();
        let mut lists = 0;
        for (_, rows) in self.words[start..].iter().take_while(|(w, _)| w.starts_with(prefix)) {
            out.extend_from_slice(rows);
            lists += 1;
        }
        if lists > 1 {
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows a query selects, in id order, at most `limit`, and how many matched in all.
    pub fn search(&self, query: &Query, limit: usize) -> (Vec<&Row>, usize) {
        // The words narrow the rows through the word index (each query word begins a word of
        // the row); the filters then check each remaining row.
        let mut candidates: Option<Vec<u32>> = None;
        for w in tokens(&query.q) {
            let rows = self.rows_with_prefix(&w);
            candidates = Some(match candidates {
                None => rows,
                Some(before) => intersect(&before, &rows),
            });
        }
        let mut total = 0;
        let mut out: Vec<&Row> = Vec::new();
        let ids: Box<dyn Iterator<Item = usize>> = match &candidates {
            Some(list) => Box::new(list.iter().map(|&i| i as usize)),
            None => Box::new(0..self.rows.len()),
        };
        for i in ids {
            let row = &self.rows[i];
            if query.matches(row) {
                total += 1;
                if out.len() < limit {
                    out.push(row);
                }
            }
        }
        (out, total)
    }

    /// One label's row.
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.binary_search_by(|r| r.id.as_str().cmp(id)).ok().map(|i| &self.rows[i])
    }

    /// The values each filter can take, with their counts (for the search form's choices).
    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    /// This index brought to log size `size` and date `today`: on a new date every label is
    /// derived again; otherwise only those the entries after `self.size` are about.
    pub fn refreshed(&self, registry: &Registry, size: u64, today: NaiveDate) -> Result<Index, StoreError> {
        let store = &registry.store;
        let mut rows: BTreeMap<String, Row> = BTreeMap::new();
        let ids: Vec<String> = if today != self.date || size < self.size || self.rows.is_empty() {
            let mut ids = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let page = store.labels(after.as_deref(), 1000, None, None)?;
                ids.extend(page.iter().map(|l| l.id.clone()));
                after = page.last().map(|l| l.id.clone());
                if page.len() < 1000 {
                    break;
                }
            }
            ids
        } else {
            rows.extend(self.rows.iter().map(|r| (r.id.clone(), r.clone())));
            let mut changed = BTreeSet::new();
            let mut at = self.size;
            while at < size {
                let entries = store.entries(at, size.min(at + 1000))?;
                if entries.is_empty() {
                    break;
                }
                at += entries.len() as u64;
                changed.extend(entries.into_iter().map(|e| e.entry.subject));
            }
            changed.into_iter().collect()
        };
        for id in ids {
            match registry.derive(&id, today)? {
                Some(d) => {
                    rows.insert(id, Row::of(&d));
                }
                None => {
                    rows.remove(&id);
                }
            }
        }
        Ok(Index::new(size, today, rows.into_values().collect()))
    }
}

/// The choices of the search form: each value with how many devices have it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facets {
    pub makers: BTreeMap<String, usize>,
    pub device_types: BTreeMap<String, usize>,
    pub statuses: BTreeMap<String, usize>,
    pub sensors: BTreeMap<String, usize>,
    /// Frameworks by how many devices meet them.
    pub frameworks: BTreeMap<String, usize>,
}

impl Facets {
    fn of(rows: &[Row]) -> Facets {
        let mut f = Facets::default();
        for r in rows {
            *f.makers.entry(r.maker.clone()).or_default() += 1;
            *f.device_types.entry(r.device_type.clone()).or_default() += 1;
            *f.statuses.entry(r.status.to_owned()).or_default() += 1;
            for s in r.sensors.iter().collect::<BTreeSet<_>>() {
                *f.sensors.entry(s.clone()).or_default() += 1;
            }
            for (fw, v) in &r.verdicts {
                let n = f.frameworks.entry(fw.clone()).or_default();
                if v == "conformant" {
                    *n += 1;
                }
            }
        }
        f
    }
}

/// The rows as CSV (RFC 4180), one line per label; lists joined with `;`. Cells a spreadsheet
/// would read as formulas are prefixed with a quote.
pub fn rows_csv(rows: &[Row]) -> String {
    let q = |s: &str| {
        let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() };
        if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
    };
    let mut out = String::from(
        "id,maker,brand,model,hardware_version,firmware_version,device_type,status,support_until,support_days_left,frameworks_met,sensors,data_types,universal_password,disclosure_contact,acknowledgement_days,open_vulnerabilities,declared_at\r\n",
    );
    for r in rows {
        let cells = [
            q(&r.id),
            q(&r.maker),
            q(&r.brand),
            q(&r.model),
            q(&r.hardware_version),
            q(&r.firmware_version),
            q(&r.device_type),
            r.status.to_owned(),
            r.support_until.map(|d| d.to_string()).unwrap_or_default(),
            r.support_days_left.map(|d| d.to_string()).unwrap_or_default(),
            q(&r.frameworks_met.join(";")),
            q(&r.sensors.join(";")),
            q(&r.data_types.join(";")),
            r.universal_password.to_string(),
            r.disclosure_contact.to_string(),
            r.acknowledgement_days.map(|d| d.to_string()).unwrap_or_default(),
            r.open_vulnerabilities.to_string(),
            r.declared_at.to_rfc3339(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The values in both ascending lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len().min(b.len())));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, words: &str) -> Row {
        Row {
            id: id.into(),
            maker: "m".into(),
            brand: String::new(),
            model: String::new(),
            hardware_version: String::new(),
            firmware_version: String::new(),
            device_type: "camera".into(),
            status: if id.ends_with('1') { "revoked" } else { "active" },
            support_until: None,
            support_days_left: None,
            frameworks_met: Vec::new(),
            verdicts: Vec::new(),
            cls_level: None,
            sensors: Vec::new(),
            data_types: Vec::new(),
            universal_password: false,
            disclosure_contact: false,
            acknowledgement_days: None,
            declared_at: chrono::DateTime::UNIX_EPOCH,
            failing_controls: Vec::new(),
            open_vulnerabilities: 0,
            last_entry: 0,
            digest: String::new(),
            words: words.to_lowercase(),
        }
    }

    /// The word index answers as reading every row would: each query word begins a word of
    /// the row, and the filters hold.
    #[test]
    fn the_word_index_answers_as_a_scan_of_every_row() {
        let texts = [
            "Acme Cam 2 B1 2.4.1",
            "Acme Camera Pro",
            "Kestrel Cam",
            "Nova Plug mini",
            "Café Caméra Ünï",
            "acme-cam-2-b1",
        ];
        let rows: Vec<Row> =
            (0..60).map(|i| row(&format!("r{i:02}"), &format!("{} {}", texts[i % texts.len()], i))).collect();
        let index = Index::new(0, NaiveDate::default(), rows.clone());
        for q in [
            "acme",
            "cam",
            "acme cam",
            "CAM 2",
            "caf",
            "camé",
            "ünï",
            "plug 3",
            "zzz",
            "",
            "a-c",
            "1",
            "2 b1",
            "acme!!cam",
        ] {
            for status in ["", "revoked"] {
                let query = Query { q: q.into(), status: status.into(), ..Query::default() };
                let (found, total) = index.search(&query, 1000);
                let want: Vec<&str> = index
                    .rows
                    .iter()
                    .filter(|r| query.matches(r))
                    .filter(|r| tokens(q).all(|w| tokens(&r.words).any(|t| t.starts_with(&w))))
                    .map(|r| r.id.as_str())
                    .collect();
                let got: Vec<&str> = found.iter().map(|r| r.id.as_str()).collect();
                assert_eq!(got, want, "{q:?} {status:?}");
                assert_eq!(total, want.len());
            }
        }
        let (some, total) = index.search(&Query { q: "acme".into(), ..Query::default() }, 3);
        assert_eq!((some.len(), total), (3, 30), "the limit cuts the list, not the count");
    }
}
