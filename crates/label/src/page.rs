//! The secondary layer's content as data: what the online page says in one language, section by
//! section. `render::page_content` builds it first; the HTML page (`render::html`) is written from
//! it and the label JSON carries it per language, so the registry's device page shows the same
//! content. Sentences are [`Rich`] text: words with their few inline kinds (a link, code, text
//! in another language, the manufacturer's own words, a reference to a section); in JSON each is
//! the plain text a reader sees.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::Serialize;

use crate::facts::Tone;

/// The id of the section under which the page shows its glossary ([`PageContent::glossary`]).
pub const GLOSSARY_SECTION: &str = "glossary";

/// Glossary terms, in the order shown: `label-term-<t>` and `label-def-<t>` in the catalogs. The
/// page's glossary and the buyer's glossary (`iotlabel-advice`) both start from this list.
pub const GLOSSARY: &[&str] = &[
    "support-period",
    "security-update",
    "default-password",
    "mfa",
    "vulnerability",
    "vulnerability-disclosure",
    "encryption",
    "cloud",
    "sensor-indicator",
    "personal-data",
    "secure-boot",
    "sbom",
    "mud",
    "conformant",
    "not-applicable",
    "unknown",
    "contradicted",
    "evidence",
    "self-declared",
    "lab-tested",
];

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

/// The page's content in one language, as data: what the page shows in that language, section by
/// section. The HTML page is written from it; nothing on the page is decided elsewhere.
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

/// One section of the page (an `h2`, or an `h3` inside another section). Empty parts are left
/// out of the JSON.
///
/// The page shows a section's parts in the order of these fields: heading, deal-breakers,
/// figure, paragraphs, list, notes, "what this means for you", facts (a table behind the
/// disclosure when there is one, else a description list), levels, requirements (behind the
/// disclosure), then the sections under it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PageSection {
    /// The section's anchor on a one-language page (`updates`, `fw-uk-psti`); on a two-language
    /// page the second language's anchors end in `-<lang>`.
    pub id: String,
    pub heading: String,
    /// The deal-breakers band (the summary only): the serious problems found, or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deal_breakers: Option<DealBand>,
    /// The primary layer shown as a picture: its text alternative and caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<Figure>,
    /// Paragraphs, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<Rich>,
    /// List items, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Only for a list the page cuts short (test evidence beyond [`EVIDENCE_SHOWN`] items): how
    /// many entries the whole list has. The page shows `items` and says how many more there
    /// are; the label JSON has every evidence item (`label.evidence`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items_total: Option<usize>,
    /// Paragraphs after the list (how many more items there are, a remark on the list).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Rich>,
    /// "What this means for you".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<Meaning>,
    /// The disclosure the section's long tables (declared facts, requirements) sit behind: the
    /// summary comes first, the details one click away.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<Disclosure>,
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

/// The deal-breakers band: a heading ("3 serious problems" / "No serious problems found") and
/// each problem with why it matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DealBand {
    /// Whether any deal-breaker was found (the band is then in reverse type).
    pub found: bool,
    pub heading: Rich,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
}

/// A disclosure (`<details>` on the page): its summary line and whether it starts open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Disclosure {
    pub summary: String,
    pub open: bool,
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

/// A list item; sensors and data items have an icon and details under their name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Item {
    pub text: Rich,
    /// Good or bad news (marked with a tick or a cross in `text`); absent for neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
    /// The item's picture (its words are `text`).
    #[serde(skip)]
    pub icon: Option<Icon>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<Rich>,
}

impl Item {
    /// A plain list item.
    pub fn new(text: Rich) -> Item {
        Item { text, tone: None, icon: None, details: Vec::new() }
    }
}

/// An icon of the project's set: a sensor or data type of the taxonomy, or a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Icon {
    Sensor(String),
    Data(String),
    Status(&'static str),
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
    pub value: Rich,
    /// The answer is the manufacturer's own words, in a language the declaration does not state.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub own_words: bool,
}

/// One level of a graded scheme, as its table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LevelRow {
    pub id: String,
    pub title: Rich,
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
    pub title: Rich,
    pub status: String,
    pub verdict: String,
    /// Why: the reason, then the fields to fill in and the evidence used, if any.
    pub why: Rich,
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

/// Text in the page's language with its inline parts. In JSON it is the plain text a reader sees
/// ([`Rich::plain`]); the HTML page marks each part up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rich(pub Vec<Span>);

/// One inline part of [`Rich`] text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Words in the page's language.
    Text(String),
    /// Words that stand out (the answer of a section, a deal-breaker's name).
    Strong(Vec<Span>),
    /// Words in another known language (English catalog text on a French page).
    Lang { lang: &'static str, text: String },
    /// The manufacturer's or a lab's own words, in a language the declaration does not state.
    Own(String),
    /// An identifier shown as such (a label id, a digest, an evidence id).
    Code(String),
    /// An address: `href` is where it leads (`https:`, `mailto:`), `text` what is shown.
    Link { href: String, text: String },
    /// A thing the page names in words (a declaration field, a common control): `key` is its
    /// machine name (a field path, a control id), kept for machines and shown only as a hint;
    /// `section` the page section that shows it, if any; `lang` set when `text` is in another
    /// language than the page's.
    Ref { key: String, section: Option<&'static str>, lang: Option<&'static str>, text: String },
    /// A tick, a cross or a warning sign with its name for screen readers.
    Mark { glyph: &'static str, name: String },
    /// A picture whose words are elsewhere in the text (read as nothing).
    Icon { icon: Icon, name: String },
}

impl Rich {
    /// Words in the page's language.
    pub fn text(s: impl Into<String>) -> Rich {
        Rich(vec![Span::Text(s.into())])
    }

    pub fn push(&mut self, span: Span) -> &mut Rich {
        self.0.push(span);
        self
    }

    /// Adds another text's parts after this one's.
    pub fn append(&mut self, other: Rich) -> &mut Rich {
        self.0.extend(other.0);
        self
    }

    /// The text a reader sees: every part's words; a mark is its sign and a space; a picture
    /// nothing.
    pub fn plain(&self) -> String {
        let mut out = String::new();
        plain_into(&self.0, &mut out);
        out
    }

    /// Every part, depth first (the parts of strong text after it).
    pub fn spans(&self) -> Vec<&Span> {
        fn walk<'a>(spans: &'a [Span], out: &mut Vec<&'a Span>) {
            for s in spans {
                out.push(s);
                if let Span::Strong(inner) = s {
                    walk(inner, out);
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &mut out);
        out
    }
}

fn plain_into(spans: &[Span], out: &mut String) {
    for s in spans {
        match s {
            Span::Text(t) | Span::Own(t) | Span::Code(t) => out.push_str(t),
            Span::Lang { text, .. } | Span::Link { text, .. } | Span::Ref { text, .. } => out.push_str(text),
            Span::Strong(inner) => plain_into(inner, out),
            Span::Mark { glyph, .. } => {
                out.push_str(glyph);
                out.push(' ');
            }
            Span::Icon { .. } => {}
        }
    }
}

impl From<String> for Rich {
    fn from(s: String) -> Rich {
        Rich::text(s)
    }
}

impl From<Span> for Rich {
    fn from(s: Span) -> Rich {
        Rich(vec![s])
    }
}

impl Serialize for Rich {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain())
    }
}

impl JsonSchema for Rich {
    fn schema_name() -> Cow<'static, str> {
        "Rich".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Text as a reader sees it (links, codes and marks as their words)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_what_a_reader_sees() {
        let rich = Rich(vec![
            Span::Mark { glyph: "✓", name: "Good".into() },
            Span::Strong(vec![Span::Text("A & B".into()), Span::Code("<c>".into())]),
            Span::Icon { icon: Icon::Status("lab"), name: "Lab".into() },
            Span::Text(": ".into()),
            Span::Link { href: "mailto:x@y".into(), text: "x@y".into() },
            Span::Ref { key: "a.b".into(), section: Some("a"), lang: None, text: "Field".into() },
        ]);
        assert_eq!(rich.plain(), "✓ A & B<c>: x@yField");
        assert_eq!(serde_json::to_value(&rich).unwrap(), serde_json::json!("✓ A & B<c>: x@yField"));
        assert_eq!(rich.spans().len(), 8);
    }
}
