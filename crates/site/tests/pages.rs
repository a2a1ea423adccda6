//! The web site over a demo registry served on loopback: the QR landing, the device page, search,
//! languages, JSON twins, and markup in every free-text field shown as text.

mod common;

use std::path::Path;

use common::start;
use ed25519_dalek::SigningKey;
use iotlabel_statement::Kind;
use serde_json::Value;

fn digest16(record: &Value) -> String {
    record["digest"].as_str().unwrap().trim_start_matches("sha256:")[..16].to_owned()
}

#[test]
fn the_qr_landing_says_whether_the_box_matches_and_bad_news_comes_first() {
    let s = start();
    let acme = s.labels.iter().find(|l| l.starts_with("acme-cam-2")).unwrap().clone();
    let rec = s.record(&acme);
    let (st, page) = s.get(&format!("/l/{acme}?d={}", digest16(&rec)));
    assert_eq!(st, 200);
    let yes = page.find("This label matches the registered one.").expect("the match is said");
    assert!(yes < page.find("<h1>").unwrap(), "the verdict comes before the device");
    let (_, page) = s.get(&format!("/l/{acme}?d=0000000000000000"));
    assert!(page.contains("This label does not match: do not trust the box."));
    assert!(!page.contains("matches the registered one"));
    let (_, page) = s.get(&format!("/l/{acme}?d="));
    assert!(page.contains("No digest was given"));
    let (st, page) = s.get("/l/nope-nope?d=0000000000000000");
    assert_eq!(st, 404);
    assert!(page.contains("No label nope-nope is registered here"), "{page}");

    // The demo's revoked label leads with the revocation, before the (good) digest verdict.
    let revoked = s
        .labels
        .iter()
        .find(|l| s.record(l)["status"]["state"] == "revoked")
        .expect("the demo revokes a label")
        .clone();
    let rec = s.record(&revoked);
    let (_, page) = s.get(&format!("/l/{revoked}?d={}", digest16(&rec)));
    let revocation = page.find("Revoked on").expect("the revocation is shown");
    let matches = page.find("matches the registered one").expect("the verdict is shown");
    assert!(revocation < matches, "bad news first");

    // The device page carries the log proof, the history and the label's own content.
    let (st, page) = s.get(&format!("/d/{acme}"));
    assert_eq!(st, 200);
    assert!(page.contains("Verified in the public log: declaration at entry"), "{page}");
    assert!(page.contains("/api/v1/log/proof/inclusion?index="));
    assert!(page.contains("Known vulnerabilities") && page.contains("DEMO-2026-0001"));
    assert!(page.contains("Attested by demo-test-lab"));
    assert!(page.contains("<section lang=\"en\">"), "the label's secondary layer is embedded");
    assert!(!page.contains("<script"), "no script on any page");

    // Pages are kept once built, and built again when the label changes: a revocation shows
    // at once on both the device page and the landing, in both formats.
    let (_, again) = s.get(&format!("/d/{acme}"));
    assert_eq!(again, page, "the same page the second time");
    let (_, landing) = s.get(&format!("/l/{acme}?d={}", digest16(&rec)));
    assert!(!landing.contains("Revoked on"));
    let (_, json) = s.json(&format!("/d/{acme}"));
    assert_eq!(json["record"]["status"]["state"], "active");
    let key = iotlabel_server::demo::demo_key("Acme");
    let now = chrono::Utc::now();
    let revoke = iotlabel_server::registry::sign_new(
        Kind::Revocation,
        &acme,
        serde_json::json!({"reason": "Recalled"}),
        &key,
        now,
    );
    s.registry.submit_signed(&revoke, now).unwrap();
    let (_, page) = s.get(&format!("/d/{acme}"));
    assert!(page.contains("Revoked on") && page.contains("Recalled"), "the cached page was not refreshed");
    let (_, landing) = s.get(&format!("/l/{acme}?d={}", digest16(&rec)));
    assert!(landing.contains("Revoked on"));
    let (_, json) = s.json(&format!("/d/{acme}"));
    assert_eq!(json["record"]["status"]["state"], "revoked");
}

#[test]
fn languages_come_from_the_url_then_the_browser_and_every_page_has_a_json_twin() {
    let s = start();
    let id = &s.labels[0];
    let (_, fr) = s.get(&format!("/d/{id}?lang=fr"));
    assert!(fr.contains("<html lang=\"fr\">") && fr.contains("Historique de l’étiquette"), "{fr}");
    assert!(fr.contains(&format!("href=\"/d/{id}?lang=en\"")), "a visible switch to English");
    let (_, fr) = s.get_with("/search", &[("Accept-Language", "fr-CA,fr;q=0.9,en;q=0.5")]);
    assert!(fr.contains("<html lang=\"fr\">") && fr.contains("Rechercher"));
    let (_, en) = s.get_with("/search?lang=en", &[("Accept-Language", "fr")]);
    assert!(en.contains("<html lang=\"en\">"), "the URL wins over the browser");

    let (st, v) = s.json(&format!("/d/{id}"));
    assert_eq!(st, 200);
    assert_eq!(v["record"]["id"], id.as_str());
    assert!(v["page"]["sections"].as_array().is_some_and(|a| !a.is_empty()));
    let (st, v) = s.json("/search?maker=acme");
    assert_eq!(st, 200);
    let devices = v["devices"].as_array().unwrap();
    assert!(!devices.is_empty() && devices.iter().all(|d| d["maker"] == "acme"), "{v}");
    assert_eq!(v["total"].as_u64().unwrap() as usize, devices.len());
    let (_, v) = s.json("/makers");
    let board = v["leaderboard"].as_array().unwrap();
    assert_eq!(board.len(), s.registry.store.accounts().unwrap().len() - 1, "every maker (not the lab)");
    assert_eq!(v["star_rules"]["baselines"], serde_json::json!(["uk-psti"]));
    let shares: Vec<f64> = board
        .iter()
        .map(|c| {
            let current = c["current"].as_f64().unwrap();
            if current == 0.0 { 0.0 } else { c["meeting_baselines"].as_f64().unwrap() / current }
        })
        .collect();
    assert!(shares.windows(2).all(|w| w[0] >= w[1]), "ranked by the share meeting the baselines: {shares:?}");
    assert!(board.iter().any(|c| c["star"] == true) && board.iter().any(|c| c["star"] == false), "{v}");
    let (st, v) = s.json("/m/acme");
    assert_eq!(st, 200);
    assert_eq!(v["scorecard"]["maker"], "acme");
    assert_eq!(v["devices"].as_array().unwrap().len() as u64, v["scorecard"]["devices"].as_u64().unwrap());
    let (st, page) = s.get("/m/acme?lang=fr");
    assert_eq!(st, 200);
    assert!(page.contains("Appareils actuels respectant chaque référentiel"));
    assert_eq!(s.get("/m/no-such-maker").0, 404);
    let (_, doc) = s.json("/openapi.json");
    for r in iotlabel_site::ROUTES {
        assert!(doc["paths"][r.path][r.method].is_object(), "{} is in the OpenAPI document", r.path);
    }
}

#[test]
fn up_to_four_devices_compare_side_by_side_with_differences_marked() {
    let s = start();
    let ids: Vec<&String> = s.labels.iter().take(5).collect();
    let query = ids.iter().map(|i| format!("id={i}")).collect::<Vec<_>>().join("&");
    let (st, v) = s.json(&format!("/compare?{query}&id={}", ids[0]));
    assert_eq!(st, 200);
    let devices = v["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 4, "at most four, each once: {v}");
    let rows = v["rows"].as_array().unwrap();
    assert!(rows.len() >= 8);
    for r in rows {
        let values: Vec<&Value> = r["values"].as_array().unwrap().iter().collect();
        assert_eq!(values.len(), 4);
        assert_eq!(r["differs"], values.windows(2).any(|w| w[0] != w[1]), "{r}");
    }
    assert!(rows.iter().any(|r| r["differs"] == true), "four different devices differ somewhere");
    let (_, page) = s.get(&format!("/compare?{query}&lang=fr"));
    assert!(page.contains("class=\"differs\"") && page.contains("Comparer des appareils"));
    let (st, page) = s.get("/compare?id=no-such&id=%3Cscript%3E");
    assert_eq!(st, 200);
    assert!(page.contains("Choose two to four devices") && !page.contains("<script>"));
}

#[test]
fn insights_charts_have_table_csv_and_svg_twins_and_the_export_holds_every_device() {
    let s = start();
    let (st, v) = s.json("/insights");
    assert_eq!(st, 200);
    let charts = v["charts"].as_array().unwrap();
    assert_eq!(charts.len(), iotlabel_site::insights::CHARTS.len());
    let passwords = &charts[0];
    assert_eq!(passwords["id"], "default-passwords");
    // The overall share is the exported rows' (the budget camera among the examples has one).
    let (_, jsonl) = s.get("/export.jsonl");
    let rows: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let universal = rows.iter().filter(|r| r["universal_password"] == true).count();
    assert!(universal >= 1);
    let all = &passwords["bars"][0];
    assert_eq!(all["devices"].as_u64().unwrap() as usize, s.labels.len());
    let expected = (1000.0 * universal as f64 / s.labels.len() as f64).round() / 10.0;
    assert_eq!(all["value"].as_f64().unwrap(), expected, "{passwords}");
    let distribution = charts.iter().find(|c| c["id"] == "support-distribution").unwrap();
    let counted: u64 =
        distribution["bars"].as_array().unwrap().iter().map(|b| b["devices"].as_u64().unwrap()).sum();
    assert_eq!(counted as usize, s.labels.len(), "every device in one bucket");
    for id in iotlabel_site::insights::CHARTS {
        let (st, csv) = s.get(&format!("/insights/{id}.csv"));
        assert_eq!(st, 200);
        let chart = charts.iter().find(|c| c["id"] == id).unwrap();
        assert_eq!(
            csv.split("\r\n").filter(|l| !l.is_empty()).count(),
            1 + chart["bars"].as_array().unwrap().len(),
            "{id}"
        );
        let (st, svg) = s.get(&format!("/insights/{id}.svg?lang=fr"));
        assert_eq!(st, 200);
        assert!(svg.starts_with("<svg") && svg.contains("role=\"img\"") && svg.contains("<desc"), "{id}");
    }
    assert_eq!(s.get("/insights/nope.csv").0, 404);
    assert_eq!(s.get("/insights/support.pdf").0, 404);
    let (_, page) = s.get("/insights?lang=fr");
    assert!(
        page.contains("Appareils avec un mot de passe par défaut universel") && page.contains("<figure>")
    );
    let (_, jsonl) = s.get("/export.jsonl");
    let lines: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), s.labels.len());
    assert!(lines.iter().all(|l| s.labels.contains(&l["id"].as_str().unwrap().to_owned())));
    let (_, csv) = s.get("/export.csv");
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), s.labels.len() + 1);
}

#[test]
fn the_standards_map_covers_every_control_and_links_each_pair_of_frameworks() {
    let s = start();
    let (st, v) = s.json("/standards");
    assert_eq!(st, 200);
    let rows = v["matrix"]["rows"].as_array().unwrap();
    let cats = iotlabel_catalog::Catalogs::builtin();
    assert_eq!(rows.len(), cats.controls.controls.len());
    // The devices failing a control are the records that say so.
    let (_, jsonl) = s.get("/export.jsonl");
    let records: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for r in rows {
        let control = r["control"].as_str().unwrap();
        let failing = records
            .iter()
            .filter(|d| d["failing_controls"].as_array().unwrap().iter().any(|c| c == control))
            .count();
        assert_eq!(r["failing_devices"].as_u64().unwrap() as usize, failing, "{control}");
    }
    assert!(rows.iter().any(|r| r["failing_devices"].as_u64().unwrap() > 0), "the demo fails some control");
    let (_, page) = s.get("/standards?lang=fr");
    assert!(page.contains("Carte des normes") && page.contains("role=\"img\""));
    let pairs = cats.frameworks.len() * (cats.frameworks.len() - 1) / 2;
    assert_eq!(page.matches("/standards/crosswalk?a=").count(), pairs, "every pair one click away");
    let (st, v) = s.json("/standards/crosswalk?a=uk-psti&b=etsi-en-303-645");
    assert_eq!(st, 200);
    assert_eq!(v["crosswalk"]["a"], "uk-psti");
    let (st, page) = s.get("/standards/crosswalk?a=uk-psti&b=etsi-en-303-645");
    assert_eq!(st, 200);
    assert!(page.contains("How ") && page.contains("covers"));
    assert_eq!(s.get("/standards/crosswalk?a=uk-psti&b=nope").0, 404);
}

#[test]
fn search_filters_combine_and_words_must_all_match() {
    let s = start();
    let (_, all) = s.json("/search");
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total as usize, s.labels.len());
    for (query, check) in [
        ("q=acme+cam", &(|d: &Value| d["brand"] == "Acme") as &dyn Fn(&Value) -> bool),
        ("status=revoked", &|d: &Value| d["status"] == "revoked"),
        ("sensor=microphone", &|d: &Value| {
            d["sensors"].as_array().unwrap().iter().any(|s| s == "microphone")
        }),
        ("type=baby-monitor&sensor=camera", &|d: &Value| d["device_type"] == "baby-monitor"),
        ("framework=uk-psti", &|d: &Value| {
            d["verdicts"].as_array().unwrap().iter().any(|p| p[0] == "uk-psti" && p[1] == "conformant")
        }),
        ("support=24", &|d: &Value| d["support_days_left"].as_i64().is_some_and(|n| n >= 720)),
        ("cls=1", &|d: &Value| d["cls_level"].as_u64().is_some_and(|l| l >= 1)),
    ] {
        let (_, v) = s.json(&format!("/search?{query}"));
        let found = v["devices"].as_array().unwrap();
        assert!(!found.is_empty(), "{query} finds something");
        assert!(found.len() < total as usize, "{query} filters");
        assert!(found.iter().all(check), "{query}: {v}");
    }
    // The demo shows every status a buyer can meet.
    for status in ["active", "revoked", "contradicted", "support_ended"] {
        let (_, v) = s.json(&format!("/search?status={status}"));
        assert!(v["total"].as_u64().unwrap() >= 1, "the demo has a {status} label");
    }
    let (_, v) = s.json("/search?q=acme+zzzz");
    assert_eq!(v["total"], 0, "every word must match");
    let (st, page) = s.get("/search?q=%3Cb%3E&maker=%22%3E%3Cx");
    assert_eq!(st, 200);
    assert!(page.contains("value=\"&#60;b&#62;\"") || page.contains("value=\"&lt;b&gt;\""), "{page}");
}

/// Markup in every free-text field a declaration accepts is shown as text on every page.
#[test]
fn markup_in_every_free_text_field_is_shown_as_text() {
    let s = start();
    const MARK: &str = "\"><script>alert(1)</script><b>x";
    let mut decl: Value = serde_json::to_value(
        iotlabel_model::parse_declaration(
            "acme",
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/devices/acme-cam-2.toml"),
            )
            .unwrap(),
            iotlabel_model::Format::Toml,
        )
        .unwrap(),
    )
    .unwrap();
    decl["identity"]["brand"] = Value::String("Xq Labs".into()); // a maker of its own
    // Every string the declaration keeps with the markup appended (enumerations, ids, dates
    // and URLs refuse it and are left as they were).
    let mut paths = Vec::new();
    collect_strings(&decl, String::new(), &mut paths);
    let mut marked = 0;
    for path in paths {
        let mut trial = decl.clone();
        let v = trial.pointer_mut(&path).unwrap();
        *v = Value::String(format!("{}{MARK}", v.as_str().unwrap()));
        if iotlabel_model::parse_declaration("t", &trial.to_string(), iotlabel_model::Format::Json).is_ok() {
            decl = trial;
            marked += 1;
        }
    }
    assert!(marked >= 5, "only {marked} fields took markup");
    let key = SigningKey::from_bytes(&[42; 32]);
    let brand = decl["identity"]["brand"].as_str().unwrap().to_owned();
    let slug = iotlabel_registry::account_slug(&brand);
    let enrol = serde_json::to_value(iotlabel_registry::payload::KeyChangePayload::Enrol {
        account: brand.clone(),
        public_key: base64_key(&key),
    })
    .unwrap();
    let now = chrono::Utc::now();
    s.registry
        .submit_signed(&iotlabel_server::registry::sign_new(Kind::KeyChange, &slug, enrol, &key, now), now)
        .unwrap();
    let parsed =
        iotlabel_model::parse_declaration("t", &decl.to_string(), iotlabel_model::Format::Json).unwrap();
    let id = iotlabel_label::facts::label_id(&parsed.identity);
    s.registry
        .submit_signed(
            &iotlabel_server::registry::sign_new(Kind::Declaration, &id, decl.clone(), &key, now),
            now,
        )
        .unwrap();
    let rec = s.record(&id);
    for path in [
        format!("/d/{id}"),
        format!("/d/{id}?lang=fr"),
        format!("/l/{id}?d={}", digest16(&rec)),
        "/search?q=acme".to_owned(),
        "/makers".to_owned(),
    ] {
        let (st, page) = s.get(&path);
        assert_eq!(st, 200, "{path}");
        assert!(
            !page.contains("<script>alert(1)</script>") && !page.contains("<b>x"),
            "{path} shows markup as markup"
        );
        assert!(!page.contains("\"><script"), "{path}");
    }
    let (_, page) = s.get(&format!("/d/{id}"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || page.contains("&#60;script&#62;alert(1)"),
        "the text is shown"
    );
}

fn base64_key(key: &SigningKey) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(key.verifying_key().to_bytes())
}

fn collect_strings(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) => out.push(at),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_strings(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                collect_strings(item, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
}
