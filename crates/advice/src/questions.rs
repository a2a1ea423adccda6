//! The questionnaire as data (`data/questions.toml`): ids, kinds, choices, defaults. The wording
//! lives in the Fluent catalogs (`advice-q-<id>`, `advice-a-<id>-<choice>`).
//!
//! One checker for every way an answer arrives (a profile file, a URL query, a line typed in the
//! questionnaire): [`Question::parse`] reads an answer typed as text, [`Question::check`] a value
//! already typed (TOML).

use std::sync::OnceLock;

use iotlabel_model::diagnostic::{did_you_mean, quote};
use serde::Deserialize;

const QUESTIONS_TOML: &str = include_str!("../data/questions.toml");

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// One of the choices.
    One,
    /// Any of the choices (none is an answer too).
    Many,
    /// A whole number of years from `min` to `max`.
    Years,
    /// Yes or no.
    YesNo,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The profile key.
    pub id: String,
    pub kind: Kind,
    #[serde(default)]
    pub choices: Vec<String>,
    #[serde(default)]
    pub min: u32,
    #[serde(default)]
    pub max: u32,
    /// The answer taken when a profile leaves the key out.
    pub default: toml::Value,
    /// The answer sets a must-have.
    #[serde(default)]
    pub must_have: bool,
}

/// What is wrong with one answer: the message, what was expected, a suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    pub expected: String,
    pub suggestion: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    questions: Vec<Question>,
}

/// Every question, in the order asked.
pub fn questions() -> &'static [Question] {
    static DATA: OnceLock<Vec<Question>> = OnceLock::new();
    DATA.get_or_init(|| match toml::from_str::<QuestionsFile>(QUESTIONS_TOML) {
        Ok(f) => f.questions,
        // The data is embedded and checked by a unit test: a bad file is a bug of the build.
        Err(e) => panic!("crates/advice/data/questions.toml: {e}"),
    })
}

/// The question with this id.
pub fn question(id: &str) -> Option<&'static Question> {
    questions().iter().find(|q| q.id == id)
}

/// "did you mean" for an unknown question id.
pub fn suggest_id(got: &str) -> Option<String> {
    did_you_mean(got, questions().iter().map(|q| q.id.as_str()).chain(["version"]))
}

impl Question {
    /// What an answer to this question looks like, for messages.
    pub fn expected(&self) -> String {
        match self.kind {
            Kind::One => format!("one of {}", self.choices.join(", ")),
            Kind::Many => format!("any of {} (a list; none is fine)", self.choices.join(", ")),
            Kind::Years => format!("a whole number of years from {} to {}", self.min, self.max),
            Kind::YesNo => "yes or no (true or false)".to_string(),
        }
    }

    fn choice_problem(&self, got: &str) -> Problem {
        Problem {
            message: format!("unknown answer {}", quote(got)),
            expected: self.expected(),
            suggestion: did_you_mean(got, self.choices.iter().map(String::as_str)),
        }
    }

    fn problem(&self, message: String) -> Problem {
        Problem { message, expected: self.expected(), suggestion: None }
    }

    /// Checks an answer already typed (from a profile file).
    pub fn check(&self, v: &toml::Value) -> Result<(), Problem> {
        match (self.kind, v) {
            (Kind::One, toml::Value::String(s)) => {
                if self.choices.contains(s) {
                    Ok(())
                } else {
                    Err(self.choice_problem(s))
                }
            }
            (Kind::Many, toml::Value::Array(items)) => {
                let mut seen = Vec::new();
                for item in items {
                    let toml::Value::String(s) = item else {
                        return Err(self.problem(format!("a list of words, found {}", item.type_str())));
                    };
                    if !self.choices.contains(s) {
                        return Err(self.choice_problem(s));
                    }
                    if seen.contains(&s) {
                        return Err(self.problem(format!("{} is given twice", quote(s))));
                    }
                    seen.push(s);
                }
                Ok(())
            }
            (Kind::Years, toml::Value::Integer(n)) => {
                if (i64::from(self.min)..=i64::from(self.max)).contains(n) {
                    Ok(())
                } else {
                    Err(self.problem(format!("{n} is out of range")))
                }
            }
            (Kind::YesNo, toml::Value::Boolean(_)) => Ok(()),
            (Kind::Many, toml::Value::String(s)) => Err(Problem {
                suggestion: Some(format!("write a list: {} = [\"{s}\"]", self.id)),
                ..self.problem(format!("expected a list, found the text {}", quote(s)))
            }),
            (_, other) => {
                Err(self.problem(format!("found {} ({})", other.type_str(), quote(&other.to_string()))))
            }
        }
    }

    /// Reads an answer typed as text (a URL query parameter, a line of the questionnaire):
    /// choices by id, lists separated by commas, numbers in digits, yes/no.
    pub fn parse(&self, text: &str) -> Result<toml::Value, Problem> {
        let text = text.trim();
        let v = match self.kind {
            Kind::One => toml::Value::String(text.to_string()),
            Kind::Many => toml::Value::Array(
                text.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty() && *s != "none")
                    .map(|s| toml::Value::String(s.to_string()))
                    .collect(),
            ),
            Kind::Years => match text.parse::<i64>() {
                Ok(n) => toml::Value::Integer(n),
                Err(_) => return Err(self.problem(format!("{} is not a whole number", quote(text)))),
            },
            Kind::YesNo => match text.to_ascii_lowercase().as_str() {
                "yes" | "y" | "true" | "1" | "oui" | "o" => toml::Value::Boolean(true),
                "no" | "n" | "false" | "0" | "non" => toml::Value::Boolean(false),
                _ => return Err(self.problem(format!("{} is neither yes nor no", quote(text)))),
            },
        };
        self.check(&v)?;
        Ok(v)
    }

    /// An answer as text, the way [`Question::parse`] reads it back.
    pub fn format(&self, v: &toml::Value) -> String {
        match v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(items) => {
                items.iter().filter_map(toml::Value::as_str).collect::<Vec<_>>().join(",")
            }
            toml::Value::Integer(n) => n.to_string(),
            toml::Value::Boolean(b) => if *b { "yes" } else { "no" }.to_string(),
            other => other.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_is_consistent() {
        let qs = questions();
        assert!((8..=12).contains(&qs.len()), "about ten questions, found {}", qs.len());
        for q in qs {
            q.check(&q.default).unwrap_or_else(|p| panic!("default of {}: {p:?}", q.id));
            match q.kind {
                Kind::One | Kind::Many => assert!(!q.choices.is_empty(), "{} has no choices", q.id),
                Kind::Years => assert!(q.min < q.max, "{}: min {} max {}", q.id, q.min, q.max),
                Kind::YesNo => assert!(q.choices.is_empty()),
            }
        }
    }

    #[test]
    fn answers_typed_as_text_are_read_and_checked() {
        let cloud = question("cloud").unwrap();
        assert_eq!(cloud.parse("none").unwrap(), toml::Value::String("none".into()));
        let p = cloud.parse("nope").unwrap_err();
        assert!(p.message.contains("unknown answer `nope`"), "{p:?}");
        assert_eq!(p.expected, "one of fine, limited, none");
        let worries = question("worries").unwrap();
        assert_eq!(worries.format(&worries.parse("location, health").unwrap()), "location,health");
        assert_eq!(worries.parse("").unwrap(), toml::Value::Array(vec![]));
        assert!(worries.parse("locaton").unwrap_err().suggestion.unwrap().contains("location"));
        let keep = question("keep_years").unwrap();
        assert!(keep.parse("0").unwrap_err().message.contains("out of range"));
        assert!(keep.parse("five").is_err());
        let mic = question("no_always_on_microphone").unwrap();
        assert_eq!(mic.parse("Oui").unwrap(), toml::Value::Boolean(true));
        assert!(mic.parse("maybe").is_err());
    }
}
