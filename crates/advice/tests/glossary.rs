//! The glossary: every term of the label's glossary is explained, in both languages, and every
//! entry reads plainly (Flesch reading ease in English, Kandel and Moles in French, at least the
//! levels in data/glossary.toml). The scores are printed (`cargo test -p iotlabel-advice --test
//! glossary -- --nocapture`).

use iotlabel_advice::glossary;
use iotlabel_advice::glossary::glossary_data;
use iotlabel_advice::readability::score;
use iotlabel_i18n::Lang;

#[test]
fn every_label_term_has_an_entry() {
    let ids: Vec<&str> = glossary_data().entries.iter().map(|e| e.id.as_str()).collect();
    for term in iotlabel_label::page::GLOSSARY {
        assert!(ids.contains(term), "the label's glossary term {term} has no entry in data/glossary.toml");
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "an entry is listed twice");
    for e in &glossary_data().entries {
        assert_eq!(
            e.own,
            !iotlabel_label::page::GLOSSARY.contains(&e.id.as_str()),
            "{}: `own` is wrong",
            e.id
        );
    }
}

#[test]
fn every_entry_is_written_in_both_languages() {
    for lang in Lang::ALL {
        let g = glossary(lang);
        assert_eq!(g.entries.len(), glossary_data().entries.len());
        for e in &g.entries {
            for (part, text) in [("term", &e.term), ("meaning", &e.meaning), ("why", &e.why), ("ask", &e.ask)]
            {
                assert!(
                    !text.is_empty() && !text.starts_with('['),
                    "{lang} {}: {part} missing ({text})",
                    e.id
                );
            }
        }
    }
    // Not a copy of the English.
    let (en, fr) = (glossary(Lang::En), glossary(Lang::Fr));
    for (a, b) in en.entries.iter().zip(&fr.entries) {
        assert_ne!(a.why, b.why, "{}", a.id);
        assert_ne!(a.ask, b.ask, "{}", a.id);
    }
}

#[test]
fn every_entry_reads_plainly() {
    let levels = &glossary_data().readability;
    let mut failures = Vec::new();
    for lang in Lang::ALL {
        let min = levels.min(lang);
        let g = glossary(lang);
        let mut total = 0.0;
        for e in &g.entries {
            let s = score(lang, &e.body());
            total += s;
            println!("{lang} {:>26} {s:6.1}", e.id);
            if s < min {
                failures.push(format!("{lang} {}: {s:.1} < {min} ({})", e.id, e.body()));
            }
        }
        println!("{lang} mean {:.1} (at least {min} per entry)", total / g.entries.len() as f64);
    }
    assert!(failures.is_empty(), "entries too hard to read:\n{}", failures.join("\n"));
}
