//! The secondary layer's content as data: what the online page says in one language, section by
//! section, in plain text. The label JSON carries it per language; the HTML page (`render::html`)
//! and the registry's device page show it.

use schemars::JsonSchema;
use serde::Serialize;

/// The most test evidence items the page lists one by one, per language. Data, not logic.
///
/// A lab's report has a few tests per requirement: the example has 5 items, and two or three
/// tests for each of the 68 provisions of ETSI EN 303 645 (the largest built-in catalog) stay
/// under 200, so every hand-made report is listed whole. Files longer than that come from
/// scanners (up to 10,000 items, more when built by other tools), which nobody reads item by
/// item on a web page: the page lists the first 200 in file order (about 140 kB of HTML per
/// language), then says how many more there are. The label JSON keeps every item
/// (`label.evidence`, and the evidence ids of each verdict in `assessment`), so nothing is lost;
/// the page stays bounded however large the file. 200 is also the number of problems the
/// parser lists before its own "and N more".
pub const EVIDENCE_SHOWN: usize = 200;

/// The most evidence ids the page names for one control or requirement (a summary line, a
/// "why" cell), then "and N more": a control tested by a scanner thousands of times would
/// otherwise repeat thousands of ids in every requirement resting on it. The label JSON's
/// `assessment` keeps every id.
pub const EVIDENCE_IDS_SHOWN: usize = 20;

/// The page's content in one language, as data: what [`page`] shows in that language, section by
/// section, in plain text (no markup). Recorded while the page is written, by the same calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PageContent {
    /// Language code (`en`, `fr`).
    pub lang: &'static str,
    /// The page's title (its `<title>` in this language).
    pub title: String,
    /// The product, as the page's main heading names it.
    pub product: String,
    /// The page's sections, in order.
    pub sections: Vec<PageSection>,
    /// The glossary the "what this means for you" notes link to, in the order shown (left out of
    /// the JSON when empty: the label JSON gives it apart, per language).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryEntry>,
}

/// One section of the page (an `h2`, or an `h3` inside another section), in plain text.
/// Empty parts are left out of the JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PageSection {
    /// The section's anchor on a one-language page (`updates`, `fw-uk-psti`); on a two-language
    /// page the second language's anchors end in `-<lang>`.
    pub id: String,
    pub heading: String,
    /// The primary layer shown as a picture: its text alternative and caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<Figure>,
    /// Paragraphs, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<String>,
    /// "What this means for you".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<Meaning>,
    /// List items, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Only for a list the page cuts short (test evidence beyond [`EVIDENCE_SHOWN`] items): how
    /// many entries the whole list has. The page shows `items` and says how many more there
    /// are; the label JSON has every evidence item (`label.evidence`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items_total: Option<usize>,
    /// Declared facts (or, in "about this label", the label's own facts), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
    /// A graded scheme's levels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelRow>,
    /// A framework's requirement verdicts.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<RequirementRow>,
    /// Sections under this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<PageSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Figure {
    /// The picture's text alternative (the whole primary layer in words).
    pub description: String,
    pub caption: String,
}

/// A "what this means for you" note and the glossary terms it links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Meaning {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<TermRef>,
}

/// A link to a glossary entry: the term's id (see [`PageContent::glossary`]) and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TermRef {
    pub id: &'static str,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GlossaryEntry {
    pub id: &'static str,
    pub name: String,
    pub definition: String,
}

/// A list item; sensors and data items have details under their name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Item {
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

/// Where a fact comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    /// A field of the declaration; `field` is its path, as in the report's `fields`.
    Declaration,
    /// The label itself (id, digest, URL, …); `field` is its key in the label facts.
    Label,
}

/// One declared fact: which field, its name and its answer in plain language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Fact {
    pub source: FactSource,
    pub field: &'static str,
    pub name: String,
    pub value: String,
    /// The answer is the manufacturer's own words, in a language the declaration does not state.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub own_words: bool,
}

/// One level of a graded scheme, as its table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LevelRow {
    pub id: String,
    pub title: String,
    pub met: bool,
    /// "Yes" or "No", as shown.
    pub reached: String,
    /// The verdicts of the requirements the level needs, counted.
    pub requirements: String,
}

/// One requirement verdict, as the framework's table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RequirementRow {
    pub id: String,
    pub title: String,
    pub status: String,
    pub verdict: String,
    /// Why: the reason, then the fields to fill in and the evidence used, if any.
    pub why: String,
    /// The routes the law accepts in the requirement's place (deemed compliance), each with
    /// whether it is met.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routes: Vec<RouteRow>,
}

/// One route to a requirement, as the framework's table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct RouteRow {
    pub id: String,
    /// `requirements` (through other frameworks' requirements) or `label` (holding a label).
    pub kind: String,
    pub met: bool,
    /// The route in a sentence: what it goes through, whether it is met, the reference.
    pub text: String,
}
