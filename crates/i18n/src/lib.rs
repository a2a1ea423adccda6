//! iotlabel-i18n: every user-visible sentence, in English and French, from the Fluent catalogs
//! under `locales/<lang>/*.ftl` (embedded at build time).
//!
//! Libraries produce [`Msg`] values (a message id and its arguments); only the edges (CLI, label,
//! registry pages) turn them into text in a language. Architecture invariant: no I/O.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use serde::{Deserialize, Serialize};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "../../locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments confuse terminals, snapshots and screen readers.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language iotlabel speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "en-ca" | "en-gb" | "en-us" => Some(Lang::En),
            "fr" | "fr-ca" | "fr-fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::Fr => langid!("fr"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A message argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(Cow<'static, str>),
    Int(i64),
    /// Rendered as a long localized date ("1 March 2029", « 1 mars 2029 »).
    Date(NaiveDate),
    /// A list of words, joined with commas.
    List(Vec<String>),
    /// Text that comes from bilingual data (taxonomy names, catalog titles): English, French.
    Bilingual(Cow<'static, str>, Cow<'static, str>),
}

impl From<&'static str> for Arg {
    fn from(s: &'static str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Int(i64::from(n))
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Int(n as i64)
    }
}
impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Self {
        Arg::Date(d)
    }
}
impl From<Vec<String>> for Arg {
    fn from(v: Vec<String>) -> Self {
        Arg::List(v)
    }
}

/// A message id with its arguments: text waiting for a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub const fn new(id: &'static str) -> Msg {
        Msg { id, args: Vec::new() }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    pub fn text(&self, lang: Lang) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue<'static>> = HashMap::new();
        for (name, value) in &self.args {
            let v: FluentValue<'static> = match value {
                Arg::Text(s) => FluentValue::from(s.to_string()),
                Arg::Int(n) => FluentValue::from(*n),
                Arg::Date(d) => FluentValue::from(date(lang, *d)),
                Arg::List(items) => FluentValue::from(items.join(", ")),
                Arg::Bilingual(en, fr) => FluentValue::from(match lang {
                    Lang::En => en.to_string(),
                    Lang::Fr => fr.to_string(),
                }),
            };
            map.insert(Cow::Borrowed(*name), v);
        }
        text_with(lang, self.id, &map)
    }
}

/// `msg!("id")` or `msg!("id", name = value, ...)`.
#[macro_export]
macro_rules! msg {
    ($id:literal) => { $crate::Msg::new($id) };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::Msg::new($id)$(.arg(stringify!($name), $value))+
    };
}

fn text_with(lang: Lang, id: &str, args: &HashMap<Cow<'static, str>, FluentValue<'static>>) -> String {
    LOCALES
        .try_lookup_with_args(&lang.id(), id, args)
        // A missing id is a bug caught by the key-parity test; show the id rather than nothing.
        .unwrap_or_else(|| format!("[{id}]"))
}

/// The text of a message without arguments.
pub fn text(lang: Lang, id: &str) -> String {
    text_with(lang, id, &HashMap::new())
}

/// The message id `id` as a `'static` string, when the English catalog has that message: how a
/// message id named in data (a control set's claim messages) becomes a [`Msg`]. Each id is
/// allocated once per process and only ids of embedded messages are kept, so the memory held is
/// bounded by the catalogs, however many times data is loaded.
pub fn static_id(id: &str) -> Option<&'static str> {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static IDS: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    if !has(Lang::En, id) {
        return None;
    }
    let mut ids = IDS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&found) = ids.get(id) {
        return Some(found);
    }
    let leaked: &'static str = Box::leak(id.to_owned().into_boxed_str());
    ids.insert(leaked);
    Some(leaked)
}

/// Whether a message id exists in a language's catalog.
pub fn has(lang: Lang, id: &str) -> bool {
    // Single-language lookup: no fallback to English. A formatting error (a missing argument)
    // still means the message exists.
    // (fluent-templates does not re-export its error type, so the variant is matched by name.)
    match LOCALES.lookup_single_language::<&str>(&lang.id(), id, None) {
        Ok(_) => true,
        Err(e) => !format!("{e:?}").starts_with("MessageRetrieval"),
    }
}

/// A long localized date: "1 March 2029" / "1 mars 2029".
pub fn date(lang: Lang, d: NaiveDate) -> String {
    let month = text(lang, &format!("month-{}", d.month()));
    match lang {
        Lang::En => format!("{} {month} {}", d.day(), d.year()),
        Lang::Fr if d.day() == 1 => format!("1er {month} {}", d.year()),
        Lang::Fr => format!("{} {month} {}", d.day(), d.year()),
    }
}

/// A localized integer with thousands separators: 12,345 / 12 345 (narrow no-break space).
pub fn number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::En => ",",
        Lang::Fr => "\u{202F}",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Message ids defined in a catalog file's text (for the parity test and tools).
pub fn ids_in(ftl: &str) -> Vec<String> {
    ftl.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn catalog_ids(lang: &str) -> BTreeSet<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales").join(lang);
        let mut out = BTreeSet::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let file = p.file_name().unwrap().to_string_lossy().into_owned();
            for id in ids_in(&std::fs::read_to_string(&p).unwrap()) {
                out.insert((file.clone(), id));
            }
        }
        out
    }

    #[test]
    fn english_and_french_define_the_same_messages() {
        let en = catalog_ids("en");
        let fr = catalog_ids("fr");
        let only_en: Vec<_> = en.difference(&fr).collect();
        let only_fr: Vec<_> = fr.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_fr.is_empty(),
            "missing in fr: {only_en:?}\nmissing in en: {only_fr:?}"
        );
        assert!(en.len() > 10);
        assert!(!has(Lang::Fr, "no-such-message"), "has() must not fall back to English");
    }

    #[test]
    fn every_message_renders_in_both_languages() {
        for (_, id) in catalog_ids("en") {
            for lang in Lang::ALL {
                assert!(has(lang, &id), "{id} missing in {lang}");
            }
        }
    }

    #[test]
    fn dates_and_numbers_are_localized() {
        let d = NaiveDate::from_ymd_opt(2029, 3, 1).unwrap();
        assert_eq!(date(Lang::En, d), "1 March 2029");
        assert_eq!(date(Lang::Fr, d), "1er mars 2029");
        assert_eq!(number(Lang::En, 1234567), "1,234,567");
        assert_eq!(number(Lang::Fr, 1234567), "1\u{202F}234\u{202F}567");
    }

    #[test]
    fn arguments_are_substituted() {
        let m = msg!("test-greeting", name = "Ada", count = 2u32);
        assert_eq!(m.text(Lang::En), "Hello Ada, 2 devices");
        assert_eq!(m.text(Lang::Fr), "Bonjour Ada, 2 appareils");
    }
}
