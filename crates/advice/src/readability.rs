//! Readability scores for the glossary's texts: Flesch reading ease for English and Kandel and
//! Moles' adaptation of it for French. Both are
//!
//!     a - 1.015 x (words / sentences) - b x (syllables / words)
//!
//! with a = 206.835, b = 84.6 (Flesch, 1948) and a = 207, b = 73.6 (Kandel and Moles, 1958).
//! Higher is easier: 60 to 70 is plain language, 50 to 60 fairly difficult, below 30 very
//! difficult.
//!
//! Words are runs of letters and digits (an apostrophe or a hyphen separates words: `l'appareil`
//! is two); sentences end with `.`, `!` or `?` (a text without one is one sentence). Syllables
//! are counted by rule, as readability tools do, not from a dictionary:
//! - English: groups of vowels (`a e i o u y`), less a silent final `e` (but not `-le` after a
//!   consonant, as in "table"), less `-ed` endings that add no sound (not after `t` or `d`) and `-es`
//!   ones (not after `s`, `x`, `z`, `c`, `g`, `h`), both only after a consonant; at least one per word.
//! - French: groups of vowels (with accented ones and `y`), less a mute final `e` or `es` in a
//!   word of more than one group; at least one per word.

use iotlabel_i18n::Lang;

/// Words, sentences and syllables of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

fn is_vowel(lang: Lang, c: char) -> bool {
    match lang {
        Lang::En => "aeiouy".contains(c),
        Lang::Fr => "aeiouyàâäéèêëîïôöùûüœæ".contains(c),
    }
}

fn vowel_groups(lang: Lang, w: &[char]) -> usize {
    let mut groups = 0;
    let mut prev = false;
    for &c in w {
        let v = is_vowel(lang, c);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    groups
}

/// Syllables of one word (letters only, any case).
pub fn syllables(lang: Lang, word: &str) -> usize {
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    if w.is_empty() {
        // A number: one syllable per digit group is close enough for a short text.
        return usize::from(!word.is_empty());
    }
    let mut n = vowel_groups(lang, &w);
    let len = w.len();
    let ends = |s: &str| w.iter().rev().take(s.len()).rev().copied().eq(s.chars());
    match lang {
        Lang::En => {
            // "table": a consonant before a final -le keeps its syllable.
            let consonant_le = len > 2 && ends("le") && !is_vowel(lang, w[len - 3]);
            let silent_e = len > 2 && ends("e") && !consonant_le && !ends("ee");
            let silent_ending = len > 3
                && !is_vowel(lang, w[len - 3])
                && ((ends("ed") && !"td".contains(w[len - 3]))
                    || (ends("es") && !"sxzcgh".contains(w[len - 3])));
            if silent_e || silent_ending {
                n = n.saturating_sub(1);
            }
        }
        Lang::Fr => {
            if n > 1
                && (ends("e") || (ends("es") && len > 3))
                && !is_vowel(lang, w[len - if ends("e") { 2 } else { 3 }])
            {
                n -= 1;
            }
        }
    }
    n.max(1)
}

/// Counts the words, sentences and syllables of a text.
pub fn counts(lang: Lang, text: &str) -> Counts {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut sentences = 0;
    let mut in_end = false;
    for c in text.chars() {
        let end = matches!(c, '.' | '!' | '?');
        if end && !in_end {
            sentences += 1;
        }
        in_end = end;
    }
    Counts {
        words: words.len(),
        sentences: sentences.max(1),
        syllables: words.iter().map(|w| syllables(lang, w)).sum(),
    }
}

/// The text's reading ease: Flesch (English) or Kandel and Moles (French).
pub fn score(lang: Lang, text: &str) -> f64 {
    let c = counts(lang, text);
    if c.words == 0 {
        return 0.0;
    }
    let (a, b) = match lang {
        Lang::En => (206.835, 84.6),
        Lang::Fr => (207.0, 73.6),
    };
    a - 1.015 * (c.words as f64 / c.sentences as f64) - b * (c.syllables as f64 / c.words as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn any_text_gets_a_score(text in "\\PC{0,200}") {
            for lang in Lang::ALL {
                let c = counts(lang, &text);
                proptest::prop_assert!(c.syllables >= c.words);
                proptest::prop_assert!(score(lang, &text).is_finite());
            }
        }
    }

    #[test]
    fn english_syllables() {
        for (w, n) in [
            ("the", 1),
            ("cat", 1),
            ("table", 2),
            ("make", 1),
            ("device", 2),
            ("password", 2),
            ("security", 4),
            ("update", 2),
            ("camera", 3),
            ("microphone", 3),
            ("internet", 3),
            ("used", 1),
            ("wanted", 2),
            ("boxes", 2),
            ("free", 1),
            ("every", 3),
            ("years", 1),
        ] {
            assert_eq!(syllables(Lang::En, w), n, "{w}");
        }
    }

    #[test]
    fn french_syllables() {
        for (w, n) in [
            ("le", 1),
            ("appareil", 3),
            ("sécurité", 4),
            ("mise", 1),
            ("jour", 1),
            ("caméra", 3),
            ("fabricant", 3),
            ("données", 2),
            ("mot", 1),
            ("passe", 1),
            ("internet", 3),
            ("une", 1),
        ] {
            assert_eq!(syllables(Lang::Fr, w), n, "{w}");
        }
    }

    #[test]
    fn scores_order_plain_and_dense_texts() {
        let plain = "The cat sat on the mat. It was warm. We fed it.";
        let dense = "Cryptographic authentication mechanisms necessitate comprehensive organisational implementation considerations.";
        assert!(score(Lang::En, plain) > 90.0, "{}", score(Lang::En, plain));
        assert!(score(Lang::En, dense) < 0.0, "{}", score(Lang::En, dense));
        let c = counts(Lang::En, plain);
        assert_eq!((c.words, c.sentences, c.syllables), (12, 3, 12));
        let fr_plain = "Le chat dort. Il fait beau.";
        let fr_dense = "Les mécanismes cryptographiques d'authentification nécessitent une implémentation organisationnelle considérable.";
        assert!(score(Lang::Fr, fr_plain) > 90.0);
        assert!(score(Lang::Fr, fr_dense) < 20.0, "{}", score(Lang::Fr, fr_dense));
    }
}
