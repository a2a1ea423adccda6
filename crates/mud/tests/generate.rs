//! Generation from every example declaration: a declaration with network intent and a MUD URL
//! gives a MUD file that the strict reader accepts and that says what the declaration says; one
//! without gets the fields to fill in. The results are snapshots, one `check` per example.

use chrono::{TimeZone, Utc};
use iotlabel_model::Declaration;
use iotlabel_mud::{GenerateOptions, Mode, generate, read};

fn options() -> GenerateOptions {
    GenerateOptions {
        last_update: Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).single().expect("a date"),
        cache_validity: 48,
        mud_signature: None,
    }
}

fn check(name: &str, d: &Declaration) -> String {
    match generate(d, &options()) {
        Ok(mud) => {
            let text = serde_json::to_string_pretty(&mud).expect("serialises");
            let back = read(name, &text, Mode::Strict).unwrap_or_else(|e| panic!("{name}: refused:\n{e}"));
            assert!(back.warnings.is_empty(), "{name}: {:?}", back.warnings);
            assert_eq!(back.mud, mud);
            // Every declared cloud endpoint is allowed in both directions, in IPv4 and IPv6 ACLs.
            for e in &d.network.cloud_endpoints {
                let mentions = text.matches(&format!("\"{}\"", e.domain)).count();
                assert_eq!(mentions, 4, "{name}: {} appears {mentions} times", e.domain);
            }
            assert_eq!(mud.mud.mud_url, d.network.mud_url);
            assert_eq!(mud.mud.mfg_name.as_deref(), Some(d.identity.manufacturer.name.as_str()));
            text
        }
        Err(e) => {
            assert!(!e.0.is_empty());
            format!("refused: {e}")
        }
    }
}

#[test]
fn every_example() {
    let mut generated = 0;
    for (name, d) in iotlabel_testkit::examples() {
        let out = check(&name, &d);
        generated += usize::from(!out.starts_with("refused"));
        insta::assert_snapshot!(name, out);
    }
    assert!(generated >= 4, "too few examples give a MUD file");
}

#[test]
fn no_network_intent_names_the_fields() {
    let d = iotlabel_testkit::patched("acme-cam-2", &[("network", serde_json::json!({}))]);
    let e = generate(&d, &options()).expect_err("nothing to allow").to_string();
    for field in ["network.cloud_endpoints", "network.local_peers", "network.controllers", "network.mud_url"]
    {
        assert!(e.contains(field), "{field} not named in: {e}");
    }
}

#[test]
fn unknown_peer_class_and_missing_controllers() {
    let d = iotlabel_testkit::patched(
        "acme-cam-2",
        &[(
            "network.local_peers",
            serde_json::json!([{"class": "same-manufacturr"}, {"class": "controller"}]),
        )],
    );
    let e = generate(&d, &options()).expect_err("bad class").to_string();
    assert!(e.contains("network.local_peers[0].class") && e.contains("same-manufacturer"), "{e}");
    assert!(e.contains("network.controllers"), "{e}");
}
