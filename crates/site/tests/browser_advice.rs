//! The buyer's pages in a real browser: headless Debian Chromium answers the questionnaire (a
//! bad answer first, then good ones), reads the advice, the glossary and the gap analysis, in
//! English and French, at a phone's width and a desktop's; axe-core finds no WCAG 2.2 A/AA
//! violation, no page is wider than the screen, no request leaves the site, and every
//! screenshot is checked non-blank. Needs `chromium` and `npm ci` in tests/browser/ (`cargo
//! xtask test` installs both): fails, not skips, without.

mod common;

use serde_json::json;

#[test]
fn a_buyer_answers_the_questionnaire_and_reads_the_advice_in_chromium() {
    let s = common::start();
    let steps = json!([
        {"name": "advice-form", "goto": "/advice?lang=en", "expect": "Where will the device be?"},
        {"name": "advice-bad", "goto": "/advice?v=1&keep_years=99&cloud=none&lang=en", "expect": "Some answers need fixing"},
        {"name": "advice-fixed", "fill": ["#q-keep_years", "4"], "select": ["#q-place", "bedroom"],
         "check": ["#q-household-at-risk", "#q-worries-location"], "click": "form.advice button",
         "expect": "If someone you know is a risk to you"},
        {"name": "advice-french", "click": "a[hreflang=fr]", "expect": "Après l’achat"},
        {"name": "advice-type", "goto": "/advice?lang=en", "select": ["#q-type", "security-camera"], "click": "form.advice button", "expect": "best for you first"},
        {"name": "glossary", "click": "a[href='/glossary?lang=en']", "expect": "Ask the seller:"},
        {"name": "glossary-fr", "goto": "/glossary?lang=fr", "expect": "Demandez au vendeur :"},
        {"name": "gaps", "goto": "/gaps?lang=en", "expect": "Where a campaign would help most"},
        {"name": "gaps-fr", "goto": "/gaps?lang=fr", "expect": "Par fabricant"},
    ]);
    let results = common::browser_walk(&s.url, &steps);
    // The submitted answers are in the URL, and only there.
    let fixed = results.iter().find(|r| r["step"] == "advice-fixed").unwrap();
    let url = fixed["url"].as_str().unwrap();
    for part in ["keep_years=4", "place=bedroom", "household=at-risk", "worries=location", "cloud=none"] {
        assert!(url.contains(part), "{part} in {url}");
    }
    let lang_of = |step: &str| results.iter().find(|r| r["step"] == step).unwrap()["lang"].clone();
    assert_eq!(lang_of("advice-french"), "fr", "the switch keeps the answers and changes the language");
}
