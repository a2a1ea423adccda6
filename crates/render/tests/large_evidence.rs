//! Issue #10: the online page of a device with a very large evidence file (100,000 items, far
//! beyond a lab's report) stays bounded: it lists the first `EVIDENCE_SHOWN` items, names at most
//! `EVIDENCE_IDS_SHOWN` evidence ids per control or requirement, and says how many more there
//! are, in both languages. The label JSON keeps every item. No timing is asserted: the sizes
//! show that the page does not grow with the file (so the work of writing it does not either);
//! `cargo bench -p iotlabel-render --bench render` prints the time per item.

use iotlabel_assess::Report;
use iotlabel_label::page::{EVIDENCE_IDS_SHOWN, EVIDENCE_SHOWN, PageSection};
use iotlabel_label::{Label, LabelInput, build};
use iotlabel_model::{Declaration, Evidence};
use iotlabel_render::{Lang, html, label_document};
use iotlabel_testkit::{as_of, evidence_items, example};

const BASE_URL: &str = "https://registry.example/l/";
/// A generous bound on the two-language page, whatever the number of evidence items: about
/// 600 kB with the caps (the same device without evidence: about 250 kB).
const PAGE_MAX_BYTES: usize = 1_000_000;

struct Case {
    decl: Declaration,
    evidence: Evidence,
}

impl Case {
    fn new(n: usize) -> Case {
        let decl = example("acme-cam-2");
        let evidence = evidence_items(&decl, n);
        Case { decl, evidence }
    }

    fn with<T>(&self, f: impl FnOnce(&Label, &Report, &Declaration) -> T) -> T {
        let report = iotlabel_testkit::engine().assess(&self.decl, Some(&self.evidence), &[], as_of());
        let input = LabelInput {
            decl: &self.decl,
            evidence: Some(&self.evidence),
            report: &report,
            base_url: BASE_URL,
        };
        let label = build(&input);
        f(&label, &report, &self.decl)
    }
}

fn more_line(lang: Lang, n: usize) -> String {
    iotlabel_i18n::Msg::new("label-evidence-more")
        .arg("count", n)
        .arg("number", iotlabel_i18n::number(lang, n as i64))
        .text(lang)
}

/// How many evidence items the page lists: each starts with its id (`gen-` and six digits) and
/// the control or requirement it is about in brackets (the lines per control or requirement
/// start with their ids too, followed by `,` or `:`).
fn items_listed(page: &str) -> usize {
    page.match_indices("<li><code>gen-")
        .filter(|(i, m)| page[i + m.len() + 6..].starts_with("</code> ("))
        .count()
}

fn test_evidence(sections: &[PageSection]) -> &PageSection {
    sections
        .iter()
        .flat_map(|s| std::iter::once(s).chain(&s.sections))
        .find(|s| s.id == "test-evidence")
        .expect("a test evidence section")
}

#[test]
fn the_page_lists_a_bounded_number_of_evidence_items_and_says_how_many_more() {
    let n = 100_000;
    Case::new(n).with(|label, report, decl| {
        assert_eq!(label.evidence.len(), n, "the label facts keep every item");
        let page = html::page(label, report, decl, &[Lang::En, Lang::Fr]);
        assert!(page.len() < PAGE_MAX_BYTES, "{} bytes of HTML for {n} evidence items", page.len());
        // Each language lists the first items, then one line with the count of the rest.
        let more = n - EVIDENCE_SHOWN;
        assert_eq!(more_line(Lang::En, more), "and 99,800 more (see the label JSON)");
        assert_eq!(
            more_line(Lang::Fr, more),
            "et 99\u{202f}800 autres (voir le fichier JSON de l’étiquette)"
        );
        for lang in [Lang::En, Lang::Fr] {
            let line = format!("<p>{}</p>", more_line(lang, more));
            assert_eq!(page.matches(&line).count(), 1, "{lang:?}: no `{line}`");
        }
        assert_eq!(items_listed(&page), 2 * EVIDENCE_SHOWN);
        assert!(page.contains(&format!("<code>gen-{:06}</code>", EVIDENCE_SHOWN - 1)));
        assert!(!page.contains(&format!("<li><code>gen-{EVIDENCE_SHOWN:06}</code>")));
        // Ids named per control or requirement are capped too.
        for row in page.split("<tr>").chain(page.split("<li>")) {
            let row = row.split("</tr>").next().unwrap_or_default();
            let ids = row.matches("<code>gen-").count();
            assert!(ids <= EVIDENCE_IDS_SHOWN + 1, "{ids} ids in one entry: {:.300}", row);
        }

        // The page's content as data says the same, with the whole count.
        for lang in [Lang::En, Lang::Fr] {
            let content = iotlabel_render::page_content(label, report, decl, lang);
            let section = test_evidence(&content.sections);
            let total = section.items_total.expect("the count of the whole list");
            assert_eq!(total - section.items.len(), more, "{lang:?}");
            let notes: Vec<String> = section.notes.iter().map(|n| n.plain()).collect();
            assert!(notes.contains(&more_line(lang, more)), "{lang:?}: {notes:?}");
        }
        // The label JSON keeps every item.
        let doc = label_document(label, report, decl, &[Lang::En, Lang::Fr]).unwrap();
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["label"]["evidence"].as_array().map(Vec::len), Some(n));
        let section = json["page"]["fr"]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| std::iter::once(s).chain(s["sections"].as_array().into_iter().flatten()))
            .find(|s| s["id"] == "test-evidence")
            .unwrap();
        assert_eq!(section["items_total"].as_u64(), Some(test_evidence_total(&doc, Lang::Fr) as u64));
    });
}

fn test_evidence_total(doc: &iotlabel_label::LabelDocument<'_>, lang: Lang) -> usize {
    test_evidence(&doc.page[lang.code()].sections).items_total.unwrap_or_default()
}

/// Linear: beyond the caps the page no longer grows with the evidence. Twice the items (50,000
/// to 100,000, both past every cap: even the failures alone exceed `EVIDENCE_IDS_SHOWN` per
/// control) give a page of the same size but for the digits of the counts.
#[test]
fn the_page_does_not_grow_with_the_evidence_beyond_the_caps() {
    let sizes: Vec<usize> = [50_000, 100_000]
        .into_iter()
        .map(|n| {
            Case::new(n)
                .with(|label, report, decl| html::page(label, report, decl, &[Lang::En, Lang::Fr]).len())
        })
        .collect();
    assert!(sizes[1] < sizes[0] + 2_000, "{sizes:?}");
    // A short file is listed whole, with no "more" line.
    Case::new(EVIDENCE_SHOWN).with(|label, report, decl| {
        let page = html::page(label, report, decl, &[Lang::En]);
        assert_eq!(items_listed(&page), EVIDENCE_SHOWN);
        assert!(!page.contains("(see the label JSON)"));
        let content = iotlabel_render::page_content(label, report, decl, Lang::En);
        assert_eq!(test_evidence(&content.sections).items_total, None);
    });
}
