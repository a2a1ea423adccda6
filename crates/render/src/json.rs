//! The label JSON document: the label crate's [`LabelDocument`] with, per language asked for,
//! the page's content (the same data the HTML page is written from), its glossary and the
//! assessment in that language.

use iotlabel_assess::Report;
use iotlabel_i18n::Lang;
use iotlabel_label::document::LabelLanguage;
use iotlabel_label::{Label, LabelDocument, PageContent};
use iotlabel_model::Declaration;

/// The label JSON for `langs` (English when empty).
pub fn label_document<'a>(
    label: &'a Label,
    report: &'a Report<'a>,
    decl: &'a Declaration,
    langs: &[Lang],
) -> Result<LabelDocument<'a>, serde_json::Error> {
    let langs: &[Lang] = if langs.is_empty() { &[Lang::En] } else { langs };
    let contents = crate::content::page_contents(label, report, decl, langs);
    label_document_of(label, report, decl, langs.iter().copied().zip(contents))
}

/// The label JSON from page contents already built (a caller writing the HTML page too builds
/// them once, with [`crate::content::page_contents`]), one per language.
pub fn label_document_of<'a>(
    label: &'a Label,
    report: &'a Report<'a>,
    decl: &'a Declaration,
    contents: impl IntoIterator<Item = (Lang, PageContent)>,
) -> Result<LabelDocument<'a>, serde_json::Error> {
    let mut languages = Vec::new();
    for (lang, mut page) in contents {
        let glossary = std::mem::take(&mut page.glossary);
        let assessment = report.to_json_value(lang)?;
        languages.push((lang.code(), LabelLanguage { page, glossary, assessment }));
    }
    Ok(LabelDocument::new(label, report, decl, languages))
}
