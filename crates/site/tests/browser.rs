//! The web site in a real browser: headless Debian Chromium walks it as a buyer would (search,
//! open a device, follow a QR link with a good and a bad digest, switch language), at a phone's
//! width and a desktop's; axe-core finds no WCAG 2.2 A/AA violation on any page, no page is wider
//! than the screen, and every screenshot is checked non-blank. Needs `chromium` (Debian package)
//! and `npm ci` in tests/browser/ (`cargo xtask test` installs both): fails, not skips, without.

mod common;

use serde_json::json;

#[test]
fn a_buyer_walks_the_site_in_chromium_on_a_phone_and_a_desktop() {
    let s = common::start();
    let acme = s.labels.iter().find(|l| l.starts_with("acme-cam-2")).unwrap().clone();
    let rec = s.record(&acme);
    let d = &rec["digest"].as_str().unwrap().trim_start_matches("sha256:")[..16];
    let steps = json!([
        {"name": "home", "goto": "/?lang=en", "expect": "Is this connected device safe to buy"},
        {"name": "search", "fill": ["#q", "acme cam"], "submit": "#q", "expect": "One device matches."},
        {"name": "device", "click": "table.results a", "expect": "Verified in the public log"},
        {"name": "qr-good", "goto": format!("/l/{acme}?d={d}&lang=en"), "expect": "This label matches the registered one."},
        {"name": "qr-bad", "goto": format!("/l/{acme}?d=0000000000000000&lang=en"), "expect": "do not trust the box"},
        {"name": "french", "click": "a[hreflang=fr]", "expect": "ne vous fiez pas à la boîte"},
        {"name": "filter", "goto": "/search?status=revoked&lang=fr", "expect": "Révoqué"},
        {"name": "makers", "goto": "/makers?lang=en", "expect": "How a maker earns an IoT Star"},
        {"name": "maker", "click": "table.results a", "expect": "Current devices meeting each framework"},
        {"name": "compare", "goto": "/search?q=cam&lang=en", "check": ["#c-1", "#c-2"], "click": "form[action='/compare'] button", "expect": "Rows where the devices differ are marked."},
        {"name": "insights", "goto": "/insights?lang=en", "expect": "Devices with a universal default password"},
        {"name": "standards", "goto": "/standards?lang=en", "expect": "common controls"},
        {"name": "crosswalk", "click": "ul.pairs a", "expect": "Of "},
        {"name": "not-found", "goto": "/l/no-such-label?d=00&lang=en", "expect": "Do not trust a box"},
    ]);
    let results = common::browser_walk(&s.url, &steps);
    let lang_of = |step: &str| results.iter().find(|r| r["step"] == step).unwrap()["lang"].clone();
    assert_eq!(lang_of("qr-bad"), "en");
    assert_eq!(lang_of("french"), "fr", "the switch leads to the French page");
}
