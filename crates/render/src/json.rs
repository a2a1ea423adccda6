//! The label JSON document: the label crate's [`LabelDocument`] with, per language asked for,
//! the page's content (recorded by the same calls that write the HTML), its glossary and the
//! assessment in that language.

use iotlabel_assess::Report;
use iotlabel_i18n::Lang;
use iotlabel_label::document::LabelLanguage;
use iotlabel_label::{Label, LabelDocument};
use iotlabel_model::Declaration;

/// The label JSON for `langs` (English when empty).
pub fn label_document<'a>(
    label: &'a Label,
    report: &'a Report<'a>,
    decl: &'a Declaration,
    langs: &[Lang],
) -> Result<LabelDocument<'a>, serde_json::Error> {
    let langs: &[Lang] = if langs.is_empty() { &[Lang::En] } else { langs };
    let mut languages = Vec::new();
    for &lang in langs {
        let mut page = crate::content::page_content(label, report, decl, lang);
        let glossary = std::mem::take(&mut page.glossary);
        let assessment = report.to_json_value(lang)?;
        languages.push((lang.code(), LabelLanguage { page, glossary, assessment }));
    }
    Ok(LabelDocument::new(label, report, decl, languages))
}
