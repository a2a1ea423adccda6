//! Who may vouch for what: whether the tester of an evidence item is independent of the
//! manufacturer. One rule for the assessment (the CLS lab controls), the label ("Tested by") and
//! the schemes' paperwork (the lab that tested).

use std::sync::OnceLock;

use iotlabel_model::{Identity, diagnostic};

/// The `tester` the scanner writes into the evidence it produces.
pub const SCANNER_TESTER: &str = "iotlabel scan";

/// Data, not logic: legal-form words and the names a manufacturer tests itself under.
const LEGAL_FORMS: &str = include_str!("../data/legal-forms.txt");
const SELF_TESTERS: &str = include_str!("../data/self-testers.txt");

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Legal-form words, folded like names.
fn legal_forms() -> &'static [String] {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    CELL.get_or_init(|| data_lines(LEGAL_FORMS).flat_map(folded_words).collect())
}

/// The names of a tester that is the manufacturer itself, as folded words.
fn self_testers() -> &'static [Vec<String>] {
    static CELL: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    CELL.get_or_init(|| data_lines(SELF_TESTERS).map(folded_words).collect())
}

/// The words of `s` in a form where names that look alike are equal (UTS #39): compatibility
/// forms unified (NFKC: full-width `ＡＣＭＥ` is `ACME`), invisible and bidi characters dropped
/// (a zero-width space does not split a word), lower case, then each word's confusable skeleton
/// (Cyrillic `а` is Latin `a`).
pub fn folded_words(s: &str) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let visible: String = s
        .nfkc()
        .filter(|&c| !diagnostic::is_invisible(c) && !diagnostic::is_bidi_control(c))
        .collect::<String>()
        .to_lowercase();
    visible
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| unicode_security::skeleton(w).collect::<String>().to_lowercase())
        .collect()
}

/// The words of a name, folded ([`folded_words`]), without legal-form words ("Acme Devices
/// Ltd." -> ["acme", "devices"]).
pub fn name_words(s: &str) -> Vec<String> {
    let legal = legal_forms();
    let words: Vec<String> = folded_words(s).into_iter().filter(|w| !legal.contains(w)).collect();
    // Initials of a legal form ("S.r.l.") are no part of the name, unless they are all of it.
    if words.iter().any(|w| w.chars().count() > 1) {
        words.into_iter().filter(|w| w.chars().count() > 1).collect()
    } else {
        words
    }
}

/// A tester is independent unless it says it is the manufacturer ("self", "manufacturer", ...),
/// is iotlabel's own scan, or its name contains the manufacturer's or the brand's name ("Acme QA
/// Lab" for Acme's own devices). Names are compared folded ([`folded_words`]), so look-alike
/// letters, full-width forms and invisible characters do not make a different name.
pub fn independent_tester(tester: &str, identity: &Identity) -> bool {
    let folded = folded_words(tester);
    if folded.is_empty() || folded == folded_words(SCANNER_TESTER) || self_testers().contains(&folded) {
        return false;
    }
    let words = name_words(tester);
    let contains = |name: &str| {
        let n = name_words(name);
        !n.is_empty() && words.windows(n.len()).any(|w| w == n.as_slice())
    };
    !contains(&identity.manufacturer.name) && !contains(&identity.brand)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity() -> Identity {
        iotlabel_model::testgen::declaration(1).identity
    }

    #[test]
    fn the_manufacturer_its_brand_and_the_scanner_are_not_independent() {
        let mut id = identity();
        id.manufacturer.name = "Acme Devices Ltd".into();
        id.brand = "Acme".into();
        for t in
            ["self", " Manufacturer ", "Acme QA Lab", "ACME", "acme devices", SCANNER_TESTER, "", "vendor"]
        {
            assert!(!independent_tester(t, &id), "{t:?} is not independent");
        }
        for t in ["Example Approved Lab", "Acmelab Testing", "TÜV Example"] {
            assert!(independent_tester(t, &id), "{t:?} is independent");
        }
    }

    #[test]
    fn legal_forms_and_initials_are_not_part_of_a_name() {
        // Words are comparison keys (confusable skeletons: `m` is `rn`), compared with each other.
        assert_eq!(name_words("Acme Devices Ltd."), folded_words("acme devices"));
        assert_eq!(name_words("Lumen Lighting S.r.l."), folded_words("lumen lighting"));
        assert_eq!(name_words("Zoë Plug GmbH"), folded_words("zoë plug"));
        assert_eq!(name_words("Zoë Plug GmbH").len(), 2);
    }

    /// Issue #10: a manufacturer's own test counted as an independent lab's when its name hid a
    /// zero-width space, a Cyrillic letter or full-width letters.
    #[test]
    fn look_alike_names_are_the_same_name() {
        let mut id = identity();
        id.manufacturer.name = "Acme Devices Ltd".into();
        id.brand = "Acme".into();
        for t in [
            "Ac\u{200B}me QA Lab",
            "\u{410}cme QA Lab",                // Cyrillic capital A
            "Acm\u{435} Lab",                   // Cyrillic small ie
            "\u{FF21}\u{FF23}\u{FF2D}\u{FF25}", // full-width ACME
            "ACME\u{200D}",
            "Acme\u{00AD} Devices",
            "ＳＥＬＦ",
            "Self-Declared",
            "iotlabel\u{2060} scan",
        ] {
            assert!(!independent_tester(t, &id), "{} counted as independent", t.escape_unicode());
        }
        assert!(independent_tester("Example Approved Lab", &id));
    }

    #[test]
    fn the_word_lists_are_data() {
        assert!(legal_forms().contains(&folded_words("gmbh")[0]));
        assert!(self_testers().contains(&folded_words("self declared")));
    }
}
