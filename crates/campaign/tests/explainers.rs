//! The campaign kit: every glossary entry is on a page, every page fits A4 at a printable size in
//! both languages, and its PDF is made, the same bytes every time.

use iotlabel_campaign::{MARGIN, PAGE_H, PAGE_W, explainer_svg, lines, topics};
use iotlabel_i18n::Lang;
use iotlabel_render::svg::text_width;

#[test]
fn the_data_is_consistent_and_covers_the_glossary() {
    let entries = &iotlabel_advice::glossary::glossary_data().entries;
    let mut on_a_page = Vec::new();
    for t in topics() {
        for id in &t.glossary {
            assert!(entries.iter().any(|e| &e.id == id), "topic {}: no glossary entry {id}", t.id);
            on_a_page.push(id.as_str());
        }
        for lang in Lang::ALL {
            for id in [format!("campaign-title-{}", t.id), format!("campaign-intro-{}", t.id)]
                .iter()
                .chain(&t.steps)
            {
                assert!(iotlabel_i18n::has(lang, id), "{lang}: no message {id}");
            }
        }
    }
    for e in entries {
        assert!(on_a_page.contains(&e.id.as_str()), "glossary entry {} is on no page", e.id);
    }
}

#[test]
fn every_page_fits_a4_at_a_printable_size() {
    for t in topics() {
        for lang in Lang::ALL {
            let ls = lines(t, lang);
            assert!(!ls.is_empty());
            for l in &ls {
                let right = l.x + text_width(&l.text, l.bold, l.size);
                assert!(right <= PAGE_W - MARGIN + 0.01, "{} {lang}: {:?} ends at {right} mm", t.id, l.text);
                assert!(l.y <= PAGE_H - MARGIN - 6.0, "{} {lang}: {:?} at {} mm", t.id, l.text, l.y);
                // 3 mm text is about 8.5 pt: the smallest a handout should print.
                assert!(l.size >= 3.0, "{} {lang}: text shrunk to {} mm", t.id, l.size);
            }
            let svg = explainer_svg(t, lang);
            let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{} {lang}: {e}", t.id));
            let shown: String = doc.descendants().filter_map(|n| n.text()).collect::<Vec<_>>().join(" ");
            let g = iotlabel_advice::glossary(lang);
            for id in &t.glossary {
                let term = &g.entries.iter().find(|e| &e.id == id).unwrap().term;
                let first = term.split_whitespace().next().unwrap();
                assert!(shown.contains(first), "{} {lang}: term {term} not shown", t.id);
            }
            assert_eq!(doc.root_element().attribute("lang"), Some(lang.code()));
        }
    }
}

#[test]
fn pdfs_are_made_and_reproducible() {
    for t in topics() {
        let svg = explainer_svg(t, Lang::Fr);
        let a = iotlabel_raster::pdf(&svg).unwrap();
        let b = iotlabel_raster::pdf(&svg).unwrap();
        assert!(a.starts_with(b"%PDF-"), "{}", t.id);
        assert_eq!(a, b, "{}: PDF differs between runs", t.id);
    }
}

#[test]
#[ignore = "writes PNGs for a look: IOTLABEL_VIEW_DIR=/tmp/x cargo test -p iotlabel-campaign -- --ignored"]
fn write_pngs_for_a_look() {
    let dir = std::env::var("IOTLABEL_VIEW_DIR").unwrap_or_else(|_| "target/campaign-view".into());
    std::fs::create_dir_all(&dir).unwrap();
    for t in topics() {
        for lang in Lang::ALL {
            let png = iotlabel_raster::png(&explainer_svg(t, lang), 60.0).unwrap();
            std::fs::write(format!("{dir}/{}-{lang}.png", t.id), png).unwrap();
        }
    }
}
