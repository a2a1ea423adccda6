//! Observed against declared, data-driven: each case in tests/data/cases names a capture (a
//! shared real one beside the workspace, or the synthetic pcapng of `synth`), a declaration and
//! an address map, and what the observation must contain; each map in tests/data/maps the error
//! it must give. One helper, `check`, runs them all.

mod synth;

use std::path::{Path, PathBuf};

use iotlabel_observe::{ObserveError, evidence::to_evidence, observe_capture};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn capture_bytes(spec: &str) -> Vec<u8> {
    match spec.strip_prefix("shared:") {
        Some(rel) => read(&root().join("../shared/pcap").join(rel)),
        None => {
            assert_eq!(spec, "synthetic");
            synth::capture(&read(&root().join("crates/observe/tests/data/server-cert.der")))
        }
    }
}

/// `want` holds in `got`: tables key by key (a key `x_contains` asks `x` to contain the text),
/// lists of expectations each matched by some element, other values equal.
fn holds(want: &Value, got: &Value) -> bool {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().all(|(k, v)| match k.strip_suffix("_contains") {
            Some(field) => {
                g.get(field).and_then(Value::as_str).zip(v.as_str()).is_some_and(|(s, t)| s.contains(t))
            }
            None => g.get(k).is_some_and(|gv| holds(v, gv)),
        }),
        (Value::Array(w), Value::Array(g)) if w.iter().all(Value::is_object) && !w.is_empty() => {
            w.iter().all(|x| g.iter().any(|y| holds(x, y)))
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        _ => want == got,
    }
}

/// Runs one case: the capture (`input`) observed against the case's declaration and map, then
/// every expectation of `expect` looked for in the JSON observation (and its evidence items).
fn check(name: &str, input: &[u8], case: &toml::Table) {
    let s = |k: &str| case.get(k).and_then(toml::Value::as_str).unwrap_or_else(|| panic!("{name}: no `{k}`"));
    let decl_text = String::from_utf8(read(&root().join(s("declaration")))).expect("utf-8");
    let decl =
        iotlabel_model::parse_declaration("declaration.toml", &decl_text, iotlabel_model::Format::Toml)
            .unwrap_or_else(|e| panic!("{name}: declaration: {e:?}"));
    let map_text = case
        .get("map")
        .and_then(toml::Value::as_str)
        .map(|m| String::from_utf8(read(&root().join(m))).expect("utf-8"));
    let obs = observe_capture(name, input, &decl, map_text.as_deref().map(|t| ("map.toml", t)))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut got = serde_json::to_value(&obs).expect("json");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
    got["evidence"] = serde_json::to_value(to_evidence(&obs, "Test Lab", date)).expect("json");
    let expect = serde_json::to_value(case.get("expect").unwrap_or_else(|| panic!("{name}: no [expect]")))
        .expect("json");
    let problems = expect.get("problems").and_then(Value::as_bool);
    if let Some(p) = problems {
        assert_eq!(obs.has_problems(), p, "{name}: has_problems\n{}", iotlabel_observe::text::render(&obs));
    }
    for (k, want) in expect.as_object().expect("table") {
        if k == "problems" {
            continue;
        }
        let items: Vec<&Value> = match want {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        for w in items {
            let ok = match &got[k] {
                Value::Array(list) => list.iter().any(|g| holds(w, g)),
                g => holds(w, g),
            };
            assert!(
                ok,
                "{name}: no `{k}` matches {w}\n{}\n{}",
                iotlabel_observe::text::render(&obs),
                serde_json::to_string_pretty(&got[k]).unwrap_or_default()
            );
        }
    }
    // Every result points at frames that exist.
    for c in &obs.connections {
        assert!(
            c.frames.count > 0 && c.frames.first.iter().all(|&n| n >= 1 && n <= obs.capture.frames),
            "{name}: {c:?}"
        );
    }
    // The observation is valid against its own schema.
    let schema = iotlabel_observe::observation_schema();
    let v = jsonschema::validator_for(&schema).expect("schema compiles");
    let plain = serde_json::to_value(&obs).expect("json");
    assert!(v.is_valid(&plain), "{name}: observation does not match its schema");
}

#[test]
fn cases() {
    let dir = root().join("crates/observe/tests/data/cases");
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).expect("cases").flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let case: toml::Table =
            toml::from_str(&String::from_utf8(read(&p)).expect("utf-8")).expect("case toml");
        let input = capture_bytes(case["capture"].as_str().expect("capture"));
        check(&p.file_name().expect("name").to_string_lossy(), &input, &case);
        n += 1;
    }
    assert!(n >= 5, "only {n} cases");
}

/// Each map in tests/data/maps gives the error its `# error:` line says, naming the entry.
#[test]
fn bad_maps() {
    let dir = root().join("crates/observe/tests/data/maps");
    let decl_text =
        String::from_utf8(read(&root().join("examples/devices/deltaco-outdoor-plug.toml"))).expect("utf-8");
    let decl =
        iotlabel_model::parse_declaration("declaration.toml", &decl_text, iotlabel_model::Format::Toml)
            .expect("declaration");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).expect("maps").flatten() {
        let text = String::from_utf8(read(&e.path())).expect("utf-8");
        let header = |k: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("# {k}: ")))
                .unwrap_or_else(|| panic!("{:?}: no `# {k}:`", e.path()))
        };
        let capture = capture_bytes(&format!("shared:{}", header("capture")));
        let name = e.file_name().to_string_lossy().to_string();
        match observe_capture("cap.pcap", &capture[..], &decl, Some((&name, &text))) {
            Err(ObserveError::Map(errs)) => {
                let all: Vec<String> = errs.iter().map(ToString::to_string).collect();
                assert!(
                    all.iter().any(|m| m.contains(header("error")) && m.starts_with(&name)),
                    "{name}: {all:?}"
                );
            }
            other => panic!("{name}: expected a map error, got {other:?}"),
        }
        n += 1;
    }
    assert!(n >= 5);
}

/// Without a map, the device is the DHCP client carrying the declared MUD URL; with none, the
/// error lists the hosts to choose from.
#[test]
fn no_map_names_the_candidates() {
    let decl_text =
        String::from_utf8(read(&root().join("examples/devices/ruuvi-gateway.toml"))).expect("utf-8");
    let decl =
        iotlabel_model::parse_declaration("declaration.toml", &decl_text, iotlabel_model::Format::Toml)
            .expect("declaration");
    let cap = capture_bytes("shared:toolsaf/dhcp.pcap");
    let e = observe_capture("dhcp.pcap", &cap[..], &decl, None).expect_err("no device");
    let text = e.to_string();
    assert!(text.contains("30:c6:f7:52:db:5c (RuuviGateway89DF)"), "{text}");
}

/// Truncated and corrupted captures: an error naming the file and the frame or offset, never a
/// panic, whatever the cut.
#[test]
fn broken_captures_are_located() {
    let decl_text =
        String::from_utf8(read(&root().join("examples/devices/deltaco-outdoor-plug.toml"))).expect("utf-8");
    let decl =
        iotlabel_model::parse_declaration("declaration.toml", &decl_text, iotlabel_model::Format::Toml)
            .expect("declaration");
    let map = String::from_utf8(read(&root().join("examples/captures/deltaco-test.addresses.toml")))
        .expect("utf-8");
    let full = capture_bytes("shared:toolsaf/test.pcap");
    let mut errors = 0;
    for cut in (0..full.len()).step_by(997) {
        match observe_capture("test.pcap", &full[..cut], &decl, Some(("m.toml", &map))) {
            Err(ObserveError::Capture(e)) => {
                errors += 1;
                assert!(e.to_string().starts_with("test.pcap: "), "{e}");
                assert!(e.offset <= cut as u64);
            }
            // A cut between records, or before the addresses the map names.
            Ok(_) | Err(ObserveError::Map(_)) | Err(ObserveError::Judge(_)) => {}
        }
    }
    assert!(errors > 300, "{errors}");
    // Bytes flipped in the middle: decoding never panics; the capture stays readable or fails located.
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..200 {
        let mut bad = full.clone();
        for _ in 0..16 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed as usize) % bad.len();
            bad[i] = (seed >> 32) as u8;
        }
        if let Err(ObserveError::Capture(e)) = observe_capture("x.pcap", &bad[..], &decl, None) {
            assert!(e.to_string().starts_with("x.pcap: "), "{e}");
        }
    }
}
