//! Who may vouch for what: whether the tester of an evidence item is independent of the
//! manufacturer. One rule for the assessment (the CLS lab controls), the label ("Tested by") and
//! the schemes' paperwork (the lab that tested).

use iotlabel_model::Identity;

/// The `tester` the scanner writes into the evidence it produces.
pub const SCANNER_TESTER: &str = "iotlabel scan";

/// The words of a name, lower-case, without legal-form words ("Acme Devices Ltd." ->
/// ["acme", "devices"]).
pub fn name_words(s: &str) -> Vec<String> {
    const LEGAL: &[&str] = &[
        "inc",
        "ltd",
        "llc",
        "limited",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "plc",
        "kk",
        "pty",
        "oy",
        "ab",
        "the",
    ];
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !LEGAL.contains(&w.as_str()))
        .collect();
    // Initials of a legal form ("S.r.l.") are no part of the name, unless they are all of it.
    if words.iter().any(|w| w.chars().count() > 1) {
        words.into_iter().filter(|w| w.chars().count() > 1).collect()
    } else {
        words
    }
}

/// A tester is independent unless it says it is the manufacturer ("self", "manufacturer", ...),
/// is iotlabel's own scan, or its name contains the manufacturer's or the brand's name ("Acme QA
/// Lab" for Acme's own devices).
pub fn independent_tester(tester: &str, identity: &Identity) -> bool {
    let tester = tester.trim();
    let lower = tester.to_lowercase();
    if tester.is_empty()
        || tester == SCANNER_TESTER
        || matches!(lower.as_str(), "self" | "self-declared" | "self-assessed" | "manufacturer" | "vendor")
    {
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
        assert_eq!(name_words("Acme Devices Ltd."), ["acme", "devices"]);
        assert_eq!(name_words("Lumen Lighting S.r.l."), ["lumen", "lighting"]);
        assert_eq!(name_words("Zoë Plug GmbH"), ["zoë", "plug"]);
    }
}
