//! The buyer's pages over a demo registry served on loopback: the questionnaire and its advice
//! (the same as the advice crate's for the same profile and labels), bad answers, the profile
//! as TOML, JSON twins, French, markup shown as text, the glossary and the gap analysis.

mod common;

use std::collections::BTreeMap;

use common::{Server, start};
use iotlabel_advice::{Profile, Standing, parse_profile};
use iotlabel_i18n::Lang;
use iotlabel_label::Label;
use serde_json::Value;

/// The example profiles (examples/profiles/*.toml), by file stem.
fn profiles() -> BTreeMap<String, Profile> {
    let dir = iotlabel_testkit::root().join("examples/profiles");
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let profile = parse_profile(&name, &std::fs::read_to_string(&p).unwrap()).unwrap();
            out.insert(name, profile);
        }
    }
    assert!(out.len() >= 3, "the example profiles are there");
    out
}

/// A registered device's label and standing, from what the registry derived (as the device
/// page builds it), for the advice crate.
fn label(s: &Server, id: &str) -> (Label, Standing) {
    let today = chrono::Utc::now().date_naive();
    let d = s.registry.derive(id, today).unwrap().unwrap();
    (d.label(s.registry.catalogs, &s.registry.config.public_url, today).1, Standing::of(&d.record.status))
}

/// Text as askama escapes it in a page.
fn esc(t: &str) -> String {
    t.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

fn ids_query(ids: &[String]) -> String {
    ids.iter().map(|i| format!("&id={i}")).collect()
}

#[test]
fn answers_in_the_url_give_the_advice_crate_s_advice_ranked_as_compare_ranks() {
    let s = start();
    let ids: Vec<String> = s.labels.iter().take(4).cloned().collect();
    let labels: Vec<(Label, Standing)> = ids.iter().map(|id| label(&s, id)).collect();
    for (name, profile) in profiles() {
        let want = iotlabel_advice::report(&labels, &profile, Lang::En, true);
        let (st, got) = s.json(&format!("/advice?{}{}", profile.to_query(), ids_query(&ids)));
        assert_eq!(st, 200, "{name}: {got}");
        assert_eq!(got, serde_json::to_value(&want).unwrap(), "{name}");
        // The HTML page shows each device's fit and first reason, in the ranked order.
        let (st, page) = s.get(&format!("/advice?{}{}&lang=en", profile.to_query(), ids_query(&ids)));
        assert_eq!(st, 200);
        let mut at = 0;
        for d in &want.devices {
            let found =
                page[at..].find(&esc(&d.product)).unwrap_or_else(|| panic!("{name}: {} in order", d.product));
            at += found;
            assert!(page[at..].contains(&esc(&d.fit_text)), "{name}: {}", d.product);
        }
        // The share link is the profile's query, and the TOML download is the same profile.
        assert!(page.contains(&format!("href=\"/advice?{}", esc(&want.profile_query))), "{name}");
        let (st, toml) = s.get(&format!("/advice/profile.toml?{}", profile.to_query()));
        assert_eq!(st, 200);
        assert_eq!(parse_profile("download", &toml).unwrap(), profile.filled(), "{name}");
    }
}

#[test]
fn a_revoked_label_fails_everyone_s_first_must_have_with_the_maker_s_reason() {
    let s = start();
    let revoked = s
        .labels
        .iter()
        .find(|l| s.record(l)["status"]["state"] == "revoked")
        .expect("the demo revokes one label")
        .clone();
    let reason = s.record(&revoked)["status"]["reason"].as_str().unwrap().to_owned();
    let (label, standing) = label(&s, &revoked);
    assert_eq!(standing, Standing::Revoked { reason: reason.clone() });
    for (name, profile) in profiles() {
        let (st, got) = s.json(&format!("/advice?{}&id={revoked}", profile.to_query()));
        assert_eq!(st, 200, "{name}: {got}");
        let d = &got["devices"][0];
        assert_eq!(d["fit"], "fails-must-haves", "{name}: {d}");
        assert_eq!(d["missed_must_haves"][0]["must_have"], "label_stands", "{name}: {d}");
        assert!(d["missed_must_haves"][0]["text"].as_str().unwrap().contains(&reason), "{name}: {d}");
        // The same label read as a file (no standing) is not failed for that.
        let file = iotlabel_advice::report(&[(label.clone(), Standing::Stands)], &profile, Lang::En, false);
        assert!(file.devices[0].missed_must_haves.iter().all(|m| m.must_have != "label_stands"), "{name}");
    }
    let (_, fr) = s.json(&format!("/advice?{}&id={revoked}&lang=fr", profiles()["older-alone"].to_query()));
    assert!(
        fr["devices"][0]["missed_must_haves"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Le fabricant a retiré")
    );
}

#[test]
fn every_registered_device_is_weighed_when_none_is_chosen_and_types_filter_them() {
    let s = start();
    let profile = &profiles()["older-alone"];
    let (st, all) = s.json(&format!("/advice?{}", profile.to_query()));
    assert_eq!(st, 200);
    let devices = all["devices"].as_array().unwrap();
    let mut got: Vec<&str> = devices.iter().map(|d| d["label_id"].as_str().unwrap()).collect();
    got.sort();
    let mut want: Vec<&str> = s.labels.iter().map(String::as_str).collect();
    want.sort();
    want.dedup();
    // At most ADVICE_MAX devices are weighed, the first by label id (the page says when more
    // were left out).
    want.truncate(iotlabel_site::advice_pages::ADVICE_MAX);
    assert_eq!(got, want, "every registered device, up to the page's cap");
    let ranks: Vec<u64> = devices.iter().map(|d| d["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, (1..=devices.len() as u64).collect::<Vec<_>>());
    let order = |d: &Value| serde_json::to_value(d["fit"].as_str().unwrap()).unwrap().to_string();
    let fits = ["good", "acceptable", "poor", "fails-must-haves"];
    for w in devices.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (fa, fb) = (
            fits.iter().position(|f| *f == a["fit"]).unwrap(),
            fits.iter().position(|f| *f == b["fit"]).unwrap(),
        );
        assert!(
            fa < fb || (fa == fb && a["risk"].as_f64() <= b["risk"].as_f64()),
            "best fit first, then lowest risk: {} {}",
            order(a),
            order(b)
        );
    }
    let device_type = devices[0]["device_type"].as_str().unwrap();
    let (_, typed) = s.json(&format!("/advice?{}&type={device_type}", profile.to_query()));
    let typed = typed["devices"].as_array().unwrap();
    assert!(!typed.is_empty());
    assert!(typed.len() <= devices.len());
    assert!(typed.iter().all(|d| d["device_type"] == device_type));
    let same = devices.iter().filter(|d| d["device_type"] == device_type).count();
    assert_eq!(typed.len(), same);
}

#[test]
fn different_profiles_give_different_advice_on_the_same_device() {
    let s = start();
    let profiles = profiles();
    // Over the registered devices, at least one device's advice differs between two profiles,
    // and the at-risk profile alone gets the safety steps.
    let ids = ids_query(&s.labels);
    let advice = |p: &Profile| s.json(&format!("/advice?{}{ids}", p.to_query())).1;
    let at_risk = advice(&profiles["at-risk"]);
    let tech = advice(&profiles["tech-comfortable-alone"]);
    let by_id = |v: &Value| -> BTreeMap<String, Value> {
        v["devices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["label_id"].as_str().unwrap().to_owned(), d.clone()))
            .collect()
    };
    let (a, b) = (by_id(&at_risk), by_id(&tech));
    let differs =
        a.iter().filter(|(id, d)| d["fit"] != b[*id]["fit"] || d["reasons"] != b[*id]["reasons"]).count();
    assert!(differs > 0, "two profiles, the same advice everywhere");
    assert!(a.values().all(|d| !d["safety_steps"].as_array().unwrap().is_empty()));
    assert!(b.values().all(|d| d["safety_steps"].as_array().unwrap().is_empty()));
}

#[test]
fn a_bad_answer_is_explained_on_the_form_and_the_other_answers_are_kept() {
    let s = start();
    let (st, page) =
        s.get("/advice?v=1&place=bedrom&keep_years=40&cloud=none&worries=location&worries=health&lang=en");
    assert_eq!(st, 400);
    assert!(page.contains("Some answers need fixing"), "{page}");
    assert!(page.contains("unknown answer `bedrom`"), "{page}");
    assert!(page.contains("bedroom"), "the suggestion");
    assert!(page.contains("40 is out of range"), "{page}");
    assert!(page.contains("value=\"40\""), "the refused number is shown as typed");
    // The good answers are kept: cloud = none is selected, both worries are checked.
    assert!(page.contains("<option value=\"none\" selected>"), "{page}");
    for w in ["location", "health"] {
        assert!(page.contains(&format!("value=\"{w}\" id=\"q-worries-{w}\" checked")), "{w}");
    }
    assert!(!page.contains("value=\"audio-video\" id=\"q-worries-audio-video\" checked"));
    assert!(!page.contains("id=\"results\""), "no advice on bad answers");
    let (st, v) = s.json("/advice?v=1&place=bedrom");
    assert_eq!(st, 400);
    assert_eq!(v["error"]["code"], "bad_answers");
    assert_eq!(v["error"]["problems"][0]["param"], "place");
    // A label id not in the registry: said, with the closest registered one; the registered
    // ids stay in the form, the unknown one does not.
    let known = &s.labels[0];
    let typo = format!("{known}x");
    let (st, page) = s.get(&format!("/advice?v=1&place=bedroom&id={known}&id={typo}&lang=en"));
    assert_eq!(st, 400);
    assert!(page.contains(&format!("No label {typo} is registered here")), "{page}");
    assert!(page.contains(&format!("Did you mean {known}?")), "{page}");
    assert!(page.contains(&format!("name=\"id\" value=\"{known}\"")));
    assert!(!page.contains(&format!("name=\"id\" value=\"{typo}\"")));
    assert!(!page.contains("id=\"results\""));
    let (st, v) = s.json(&format!("/advice?id={typo}&lang=fr"));
    assert_eq!(st, 400);
    assert_eq!(v["error"]["problems"][0]["param"], "id");
    assert!(v["error"]["problems"][0]["message"].as_str().unwrap().contains("n’est enregistrée ici"), "{v}");
    let (st, text) = s.get("/advice/profile.toml?v=1&place=bedrom");
    assert_eq!(st, 400);
    assert!(text.contains("place: unknown answer `bedrom`"), "{text}");
}

#[test]
fn the_questionnaire_has_every_question_with_its_default_chosen() {
    let s = start();
    let (st, page) = s.get("/advice?lang=en");
    assert_eq!(st, 200);
    let (_, v) = s.json("/advice");
    let questions = v["questions"].as_array().unwrap();
    assert_eq!(questions.len(), iotlabel_advice::questions::questions().len());
    for q in iotlabel_advice::questions::questions() {
        assert!(page.contains(&format!("name=\"{}\"", q.id)), "{} is asked", q.id);
        if let toml::Value::String(d) = &q.default {
            assert!(page.contains(&format!("<option value=\"{d}\" selected>")), "{}: default", q.id);
        }
    }
    assert!(page.contains("Where will the device be?"));
    assert!(!page.contains("id=\"results\""), "no advice before answers");
}

#[test]
fn the_pages_speak_french() {
    let s = start();
    let p = &profiles()["family-young-children"];
    let (_, page) = s.get(&format!("/advice?{}&lang=fr", p.to_query()));
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains("Quel appareil vous convient ?"));
    assert!(page.contains("Après l’achat"), "{page}");
    let (_, v) = s.get_with(
        &format!("/advice?{}", p.to_query()),
        &[("Accept", "application/json"), ("Accept-Language", "fr")],
    );
    let v: Value = serde_json::from_str(&v).unwrap();
    assert_eq!(v["lang"], "fr");
    let (_, gaps) = s.get("/gaps?lang=fr");
    assert!(gaps.contains("Où une campagne aiderait le plus"));
}

#[test]
fn markup_in_a_query_parameter_is_shown_as_text() {
    let s = start();
    let evil = "%3Cscript%3Ealert(1)%3C%2Fscript%3E";
    for q in [
        format!("/advice?v=1&place={evil}"),
        format!("/advice?v=1&{evil}=1"),
        format!("/advice?v=1&keep_years={evil}"),
    ] {
        let (_, page) = s.get(&q);
        assert!(!page.contains("<script>"), "{q}: {page}");
        assert!(page.contains("&#60;script&#62;"), "{q}: shown as text");
    }
    let (_, page) = s.get(&format!("/advice?v=1&place=bedroom&type={evil}"));
    assert!(!page.contains("<script>"));
    let (_, page) = s.get(&format!("/advice?v=1&place=bedroom&id={evil}"));
    assert!(!page.contains("<script>"));
}

#[test]
fn the_glossary_explains_every_label_element_in_both_languages() {
    let s = start();
    for lang in Lang::ALL {
        let (st, page) = s.get(&format!("/glossary?lang={}", lang.code()));
        assert_eq!(st, 200);
        let (_, v) =
            s.get_with(&format!("/glossary?lang={}", lang.code()), &[("Accept", "application/json")]);
        let v: Value = serde_json::from_str(&v).unwrap();
        assert_eq!(v, serde_json::to_value(iotlabel_advice::glossary(lang)).unwrap());
        for term in iotlabel_label::page::GLOSSARY {
            assert!(page.contains(&format!("id=\"g-{term}\"")), "{lang}: {term}");
        }
        for e in iotlabel_advice::glossary(lang).entries {
            for text in [&e.term, &e.meaning, &e.why, &e.ask] {
                assert!(!text.is_empty() && !text.starts_with('['), "{lang} {}: {text}", e.id);
                assert!(page.contains(&esc(text)), "{lang} {}: {text}", e.id);
            }
        }
    }
    let (_, en) = s.get("/glossary?lang=en");
    let (_, fr) = s.get("/glossary?lang=fr");
    assert_ne!(en, fr);
}

#[test]
fn the_gaps_csv_parses_and_its_counts_add_up() {
    let s = start();
    let (st, csv) = s.get("/gaps.csv");
    assert_eq!(st, 200);
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(lines.next(), Some("scope,group,fact,bad,devices,share"));
    let rows: Vec<(String, String, String, usize, usize)> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            assert_eq!(f.len(), 6, "{l}");
            let (bad, devices) = (f[3].parse().unwrap(), f[4].parse::<usize>().unwrap());
            let share: f64 = f[5].parse().unwrap();
            assert!(bad <= devices);
            assert!((share - bad as f64 / devices as f64).abs() < 0.006, "{l}");
            (f[0].into(), f[1].into(), f[2].into(), bad, devices)
        })
        .collect();
    let registered = {
        let mut l = s.labels.clone();
        l.sort();
        l.dedup();
        l.len()
    };
    for fact in iotlabel_campaign::gaps::FACTS {
        let all: Vec<_> = rows.iter().filter(|r| r.0 == "all" && r.2 == *fact).collect();
        assert_eq!(all.len(), 1, "{fact}");
        assert_eq!(all[0].4, registered, "over every registered device");
        for scope in ["device-type", "maker"] {
            let groups: Vec<_> = rows.iter().filter(|r| r.0 == scope && r.2 == *fact).collect();
            assert_eq!(groups.iter().map(|r| r.3).sum::<usize>(), all[0].3, "{scope} {fact}: bad adds up");
            assert_eq!(
                groups.iter().map(|r| r.4).sum::<usize>(),
                registered,
                "{scope} {fact}: devices add up"
            );
        }
    }
    assert!(rows.iter().any(|r| r.0 == "all" && r.3 > 0), "the demo registry has gaps");
    // The JSON twin is the campaign crate's report; the page names the top priority.
    let (_, v) = s.json("/gaps");
    assert_eq!(v["devices"], registered);
    assert_eq!(v["rows"].as_array().unwrap().len(), rows.len());
    let top = v["priorities"][0]["fact"].as_str().unwrap();
    let (_, page) = s.get("/gaps?lang=en");
    let name = iotlabel_i18n::text(Lang::En, &format!("site-gaps-fact-{top}"));
    let at = page.find("Priorities").unwrap();
    assert!(page[at..].contains(&esc(&name)), "{name}");
}

#[test]
fn the_new_pages_are_in_the_nav_and_the_openapi_document() {
    let s = start();
    let (_, home) = s.get("/?lang=fr");
    for (href, text) in [
        ("/advice?lang=fr", "Conseils pour vous"),
        ("/glossary?lang=fr", "Glossaire"),
        ("/gaps?lang=fr", "Lacunes"),
    ] {
        assert!(home.contains(&format!("<a href=\"{href}\">{text}</a>")), "{href}");
    }
    let (_, api) = s.json("/openapi.json");
    for path in ["/advice", "/advice/profile.toml", "/glossary", "/gaps", "/gaps.csv"] {
        assert!(api["paths"].get(path).is_some(), "{path} in the OpenAPI document");
    }
}

#[test]
fn every_advice_page_message_exists_in_both_languages_and_is_used() {
    let read = |p: &str| std::fs::read_to_string(iotlabel_testkit::root().join(p)).unwrap();
    let en = iotlabel_i18n::ids_in(&read("locales/en/site-advice.ftl"));
    let fr = iotlabel_i18n::ids_in(&read("locales/fr/site-advice.ftl"));
    assert_eq!(en, fr, "locales/{{en,fr}}/site-advice.ftl define the same messages");
    let source = read("crates/site/src/advice_pages.rs");
    let built: Vec<String> = iotlabel_campaign::gaps::FACTS
        .iter()
        .map(|f| format!("site-gaps-fact-{f}"))
        .chain(["advice", "glossary", "gaps"].iter().map(|p| format!("site-nav-{p}")))
        .collect();
    for id in &en {
        assert!(
            source.contains(&format!("\"{id}\"")) || built.contains(id),
            "{id} is defined but never used"
        );
    }
    for id in &built {
        assert!(en.contains(id), "{id} is used but not defined");
    }
}
