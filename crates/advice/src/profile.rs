//! The buyer's profile: the answers to the questionnaire (threat model and must-haves), as a
//! versioned TOML file with a JSON Schema, and as URL query parameters, both ways.
//!
//! Every key may be left out: the question's default (data/questions.toml) is then taken, and a
//! saved questionnaire is a profile with only the answers given so far.

use std::collections::BTreeSet;

use iotlabel_model::diagnostic::{Diagnostic, Diagnostics, line_column, quote};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::questions::{Problem, question, questions, suggest_id};

/// The profile format this build reads and writes. Version history: 1 (the first).
pub const PROFILE_VERSION: u32 = 1;

/// Where the device will be.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    Bedroom,
    #[default]
    LivingRoom,
    Kitchen,
    Entrance,
    Outdoors,
    Office,
}

/// Who lives there besides the buyer (none: living alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Household {
    YoungChildren,
    Teenagers,
    OlderPeople,
    /// Someone at risk from a person they know (a partner, an ex-partner, a relative).
    AtRisk,
    FrequentGuests,
}

/// What worries the buyer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Worry {
    /// Being heard or seen at home.
    AudioVideo,
    /// Where they are, or were.
    Location,
    /// Health data.
    Health,
    /// Physical safety: locks, alarms, chargers.
    PhysicalSafety,
    /// The device being used to attack others.
    AttacksOnOthers,
    /// The device dying early (updates or the maker's service stopping).
    DiesEarly,
}

/// How much dependence on the maker's online service the buyer accepts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum CloudTolerance {
    #[default]
    Fine,
    Limited,
    None,
}

/// How comfortable the buyer is with settings.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Comfort {
    Low,
    #[default]
    Medium,
    High,
}

/// A buyer's answers. Keys left out take the question's default ([`Profile::complete`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "iotlabel buyer profile")]
pub struct Profile {
    /// The profile format's version: 1.
    pub version: u32,
    /// Where the device will be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    /// Who lives there besides you (an empty list: you live alone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<BTreeSet<Household>>,
    /// What worries you.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worries: Option<BTreeSet<Worry>>,
    /// How many years you usually keep a device (1 to 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 30))]
    pub keep_years: Option<u8>,
    /// How much dependence on the maker's online service you accept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<CloudTolerance>,
    /// How comfortable you are with settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comfort: Option<Comfort>,
    /// Must-have: at least this many more years of security updates (0: none asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 15))]
    pub min_update_years: Option<u8>,
    /// Must-have: no microphone that is always on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_always_on_microphone: Option<bool>,
    /// Must-have: the device works without internet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub works_without_internet: Option<bool>,
    /// Must-have: the maker says it does not sell your data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_data_sold: Option<bool>,
}

/// A profile with every answer given (defaults filled in): what [`crate::advise`] reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needs {
    pub place: Place,
    pub household: BTreeSet<Household>,
    pub worries: BTreeSet<Worry>,
    pub keep_years: u8,
    pub cloud: CloudTolerance,
    pub comfort: Comfort,
    pub min_update_years: u8,
    pub no_always_on_microphone: bool,
    pub works_without_internet: bool,
    pub no_data_sold: bool,
}

fn kebab<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

impl Needs {
    /// The profile's answers as the tags the weights name (`place:bedroom`, `household:at-risk`,
    /// `worry:location`, `cloud:none`, `comfort:low`).
    pub fn tags(&self) -> Vec<String> {
        let mut tags = vec![format!("place:{}", kebab(&self.place))];
        tags.extend(self.household.iter().map(|h| format!("household:{}", kebab(h))));
        tags.extend(self.worries.iter().map(|w| format!("worry:{}", kebab(w))));
        tags.push(format!("cloud:{}", kebab(&self.cloud)));
        tags.push(format!("comfort:{}", kebab(&self.comfort)));
        tags
    }

    pub fn at_risk(&self) -> bool {
        self.household.contains(&Household::AtRisk)
    }
}

/// The profile that holds every question's default.
pub fn defaults() -> Profile {
    let mut t = toml::Table::new();
    t.insert("version".into(), toml::Value::Integer(i64::from(PROFILE_VERSION)));
    for q in questions() {
        t.insert(q.id.clone(), q.default.clone());
    }
    // Checked by a unit test: the defaults are valid answers.
    toml::Value::Table(t).try_into().unwrap_or_default()
}

impl Profile {
    /// An empty profile of the current version: every answer still to be given.
    pub fn new() -> Profile {
        Profile { version: PROFILE_VERSION, ..Profile::default() }
    }

    /// The answers given, each filled with its question's default when left out.
    pub fn complete(&self) -> Needs {
        let d = defaults();
        Needs {
            place: self.place.or(d.place).unwrap_or_default(),
            household: self.household.clone().or(d.household).unwrap_or_default(),
            worries: self.worries.clone().or(d.worries).unwrap_or_default(),
            keep_years: self.keep_years.or(d.keep_years).unwrap_or(5),
            cloud: self.cloud.or(d.cloud).unwrap_or_default(),
            comfort: self.comfort.or(d.comfort).unwrap_or_default(),
            min_update_years: self.min_update_years.or(d.min_update_years).unwrap_or(0),
            no_always_on_microphone: self
                .no_always_on_microphone
                .or(d.no_always_on_microphone)
                .unwrap_or(false),
            works_without_internet: self.works_without_internet.or(d.works_without_internet).unwrap_or(false),
            no_data_sold: self.no_data_sold.or(d.no_data_sold).unwrap_or(false),
        }
    }

    /// The profile with every answer written out (defaults filled in).
    pub fn filled(&self) -> Profile {
        let mut t = self.table();
        for (k, v) in defaults().table() {
            t.entry(k).or_insert(v);
        }
        from_table(t).unwrap_or_else(|_| self.clone())
    }

    /// The answers as a TOML table (keys in the questionnaire's order when written).
    pub fn table(&self) -> toml::Table {
        match toml::Value::try_from(self) {
            Ok(toml::Value::Table(t)) => t,
            _ => toml::Table::new(),
        }
    }

    /// The answer to one question, when given.
    pub fn answer(&self, id: &str) -> Option<toml::Value> {
        self.table().remove(id)
    }

    /// Sets one answer (checked against its question).
    pub fn set(&mut self, id: &str, v: toml::Value) -> Result<(), Problem> {
        let q = question(id).ok_or_else(|| Problem {
            message: format!("unknown question {}", quote(id)),
            expected: question_ids(),
            suggestion: suggest_id(id),
        })?;
        q.check(&v)?;
        let mut t = self.table();
        t.insert(id.to_string(), v);
        *self =
            from_table(t).map_err(|m| Problem { message: m, expected: q.expected(), suggestion: None })?;
        Ok(())
    }

    /// The questions not answered yet, in the order asked.
    pub fn unanswered(&self) -> Vec<&'static str> {
        let t = self.table();
        questions().iter().filter(|q| !t.contains_key(&q.id)).map(|q| q.id.as_str()).collect()
    }

    /// The profile file: `version` first, then the answers in the questionnaire's order.
    pub fn to_toml(&self) -> String {
        let t = self.table();
        let mut out = format!("version = {}\n", self.version);
        for q in questions() {
            if let Some(v) = t.get(&q.id) {
                out.push_str(&format!("{} = {v}\n", q.id));
            }
        }
        out
    }

    /// The answers as URL query parameters: `v=1&place=bedroom&household=young-children,at-risk`
    /// (lists joined by commas, yes/no as `yes`/`no`), in the questionnaire's order.
    pub fn to_query(&self) -> String {
        let t = self.table();
        let mut q = url::form_urlencoded::Serializer::new(String::new());
        q.append_pair("v", &self.version.to_string());
        for question in questions() {
            if let Some(v) = t.get(&question.id) {
                q.append_pair(&question.id, &question.format(v));
            }
        }
        q.finish()
    }
}

fn question_ids() -> String {
    let ids: Vec<&str> = questions().iter().map(|q| q.id.as_str()).collect();
    format!("version or one of {}", ids.join(", "))
}

fn from_table(t: toml::Table) -> Result<Profile, String> {
    toml::Value::Table(t).try_into().map_err(|e: toml::de::Error| e.message().to_string())
}

fn diag(path: &str, line: usize, column: usize, p: Problem) -> Diagnostic {
    Diagnostic {
        path: path.to_string(),
        line,
        column,
        message: p.message,
        expected: Some(p.expected),
        suggestion: p.suggestion,
    }
}

/// The message for a profile of another version than this build reads.
fn version_problem(v: i64) -> Problem {
    if v < i64::from(PROFILE_VERSION) {
        Problem {
            message: format!(
                "this profile is version {v}, from an older iotlabel; this one reads version {PROFILE_VERSION}"
            ),
            expected: format!("version = {PROFILE_VERSION}"),
            suggestion: Some(
                "answer the questions again: `iotlabel advise --save me.toml` writes a new profile".into(),
            ),
        }
    } else {
        Problem {
            message: format!(
                "this profile is version {v}, from a newer iotlabel; this one reads version {PROFILE_VERSION}"
            ),
            expected: format!("version = {PROFILE_VERSION}"),
            suggestion: Some("update iotlabel to read it".into()),
        }
    }
}

/// Reads a profile file (TOML). Every problem is reported, each at its line and column with the
/// key, what was expected and a suggestion; a profile of another version is refused with a
/// message saying which.
pub fn parse_profile(file: &str, text: &str) -> Result<Profile, Diagnostics> {
    let fail = |d: Vec<Diagnostic>| Err(Diagnostics::new(file, d));
    let spanned = match toml::de::DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
            let p = Problem {
                message: e.message().trim_end().to_string(),
                expected: "a TOML profile (`iotlabel schema profile`)".into(),
                suggestion: None,
            };
            return fail(vec![diag("", line, column, p)]);
        }
    };
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |s| line_column(text, s.start));
            let p = Problem { message: e.message().to_string(), expected: String::new(), suggestion: None };
            return fail(vec![diag("", line, column, p)]);
        }
    };
    let mut problems = Vec::new();
    let mut version = None;
    for (k, v) in spanned.get_ref().iter() {
        let key = k.get_ref().as_ref();
        let (line, column) = line_column(text, v.span().start);
        let Some(value) = table.get(key) else { continue };
        if key == "version" {
            match value.as_integer() {
                Some(n) if n == i64::from(PROFILE_VERSION) => version = Some(n),
                Some(n) => {
                    version = Some(n);
                    problems.push(diag(key, line, column, version_problem(n)));
                }
                None => problems.push(diag(
                    key,
                    line,
                    column,
                    Problem {
                        message: format!("`version`: found {}", value.type_str()),
                        expected: format!("version = {PROFILE_VERSION}"),
                        suggestion: None,
                    },
                )),
            }
            continue;
        }
        let (kl, kc) = line_column(text, k.span().start);
        match question(key) {
            Some(q) => {
                if let Err(p) = q.check(value) {
                    problems.push(diag(key, line, column, p));
                }
            }
            None => problems.push(diag(
                key,
                kl,
                kc,
                Problem {
                    message: format!("unknown key {}", quote(key)),
                    expected: question_ids(),
                    suggestion: suggest_id(key),
                },
            )),
        }
    }
    if version.is_none() && !problems.iter().any(|d| d.path == "version") {
        let p = Problem {
            message: "the profile does not say its version".into(),
            expected: format!("version = {PROFILE_VERSION} on the first line"),
            suggestion: Some(format!("add `version = {PROFILE_VERSION}`")),
        };
        problems.insert(0, diag("version", 1, 1, p));
    }
    // Another version's keys may mean something else: only the version is reported then.
    if version.is_some_and(|v| v != i64::from(PROFILE_VERSION)) {
        problems.retain(|d| d.path == "version");
    }
    if !problems.is_empty() {
        problems.sort_by_key(|d| (d.line, d.column));
        return fail(problems);
    }
    from_table(table).or_else(|m| {
        fail(vec![diag("", 0, 0, Problem { message: m, expected: String::new(), suggestion: None })])
    })
}

/// Reads a profile from URL query parameters ([`Profile::to_query`]); problems are placed by
/// parameter name (`file` names the source, e.g. `query`).
pub fn parse_query(file: &str, query: &str) -> Result<Profile, Diagnostics> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut problems = Vec::new();
    let mut t = toml::Table::new();
    let mut version = None;
    for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
        if k == "v" || k == "version" {
            match v.parse::<i64>() {
                Ok(n) if n == i64::from(PROFILE_VERSION) => version = Some(n),
                Ok(n) => {
                    version = Some(n);
                    problems.push(diag(&k, 0, 0, version_problem(n)));
                }
                Err(_) => problems.push(diag(
                    &k,
                    0,
                    0,
                    Problem {
                        message: format!("`v`: {} is not a version", quote(&v)),
                        expected: format!("v={PROFILE_VERSION}"),
                        suggestion: None,
                    },
                )),
            }
            continue;
        }
        if t.contains_key(k.as_ref()) {
            let p = Problem {
                message: format!("`{k}` is given twice"),
                expected: "each parameter once".into(),
                suggestion: None,
            };
            problems.push(diag(&k, 0, 0, p));
            continue;
        }
        match question(&k) {
            Some(q) => match q.parse(&v) {
                Ok(value) => {
                    t.insert(k.to_string(), value);
                }
                Err(p) => problems.push(diag(&k, 0, 0, p)),
            },
            None => problems.push(diag(
                &k,
                0,
                0,
                Problem {
                    message: format!("unknown parameter {}", quote(&k)),
                    expected: format!("v, {}", question_ids().trim_start_matches("version or ")),
                    suggestion: suggest_id(&k),
                },
            )),
        }
    }
    if version.is_none() && problems.is_empty() {
        let p = Problem {
            message: "the query does not say its version".into(),
            expected: format!("v={PROFILE_VERSION}"),
            suggestion: Some(format!("add `v={PROFILE_VERSION}&`")),
        };
        problems.push(diag("v", 0, 0, p));
    }
    if !problems.is_empty() {
        return Err(Diagnostics::new(file, problems));
    }
    t.insert("version".into(), toml::Value::Integer(i64::from(PROFILE_VERSION)));
    from_table(t).map_err(|m| {
        Diagnostics::new(
            file,
            vec![diag("", 0, 0, Problem { message: m, expected: String::new(), suggestion: None })],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_complete() {
        let d = defaults();
        assert!(d.unanswered().is_empty(), "{:?}", d.unanswered());
        assert_eq!(Profile::new().complete(), d.complete());
    }

    #[test]
    fn every_choice_in_the_data_is_a_value_of_the_profile() {
        for q in questions() {
            for c in &q.choices {
                let v = match q.kind {
                    crate::questions::Kind::Many => toml::Value::Array(vec![toml::Value::String(c.clone())]),
                    _ => toml::Value::String(c.clone()),
                };
                let mut p = Profile::new();
                p.set(&q.id, v).unwrap_or_else(|e| panic!("{}: {c}: {e:?}", q.id));
                assert!(p.to_toml().contains(c.as_str()), "{}", p.to_toml());
            }
        }
    }

    #[test]
    fn a_profile_reads_back_from_its_toml_and_its_query() {
        let text = "version = 1\nplace = \"bedroom\"\nhousehold = [\"young-children\", \"at-risk\"]\nkeep_years = 7\nno_data_sold = true\n";
        let p = parse_profile("p.toml", text).unwrap();
        assert_eq!(p.place, Some(Place::Bedroom));
        assert_eq!(parse_profile("p.toml", &p.to_toml()).unwrap(), p);
        let q = p.to_query();
        assert_eq!(q, "v=1&place=bedroom&household=young-children%2Cat-risk&keep_years=7&no_data_sold=yes");
        assert_eq!(parse_query("query", &q).unwrap(), p);
        assert_eq!(parse_query("query", &format!("?{q}")).unwrap(), p);
    }

    #[test]
    fn bad_profiles_get_located_messages() {
        let e = parse_profile("p.toml", "version = 1\ncloud = \"nope\"\nkeep_yeers = 3\n").unwrap_err();
        assert_eq!(e.diagnostics.len(), 2, "{e}");
        assert_eq!((e.diagnostics[0].line, e.diagnostics[0].column), (2, 9));
        assert!(e.diagnostics[0].message.contains("unknown answer `nope`"));
        assert_eq!(e.diagnostics[1].path, "keep_yeers");
        assert_eq!(e.diagnostics[1].suggestion.as_deref(), Some("did you mean `keep_years`?"));
        let old = parse_profile("p.toml", "version = 0\nwhatever = 1\n").unwrap_err();
        assert_eq!(old.diagnostics.len(), 1);
        assert!(old.diagnostics[0].message.contains("from an older iotlabel"), "{old}");
        let newer = parse_profile("p.toml", "version = 2\n").unwrap_err();
        assert!(newer.diagnostics[0].message.contains("from a newer iotlabel"));
        let none = parse_profile("p.toml", "place = \"bedroom\"\n").unwrap_err();
        assert!(none.diagnostics[0].message.contains("does not say its version"));
        let syntax = parse_profile("p.toml", "version = 1\nplace = \n").unwrap_err();
        assert_eq!(syntax.diagnostics[0].line, 2);
        let q = parse_query("query", "v=1&cloud=sometimes&x=1").unwrap_err();
        assert_eq!(q.diagnostics.len(), 2);
        assert_eq!(q.diagnostics[0].path, "cloud");
        assert!(
            parse_query("query", "place=bedroom").unwrap_err().diagnostics[0].message.contains("version")
        );
    }
}
