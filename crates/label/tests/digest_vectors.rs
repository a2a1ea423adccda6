//! Test vectors for the label digest (`docs/label-digest.md`): for example declarations (one with
//! evidence), `tests/data/digest-vectors.json` stores the RFC 8785 canonical JSON text, its
//! SHA-256 and the `d` of the label URL. Each is checked twice: independently (SHA-256 over the
//! stored text, and the stored text is its own JCS form) and through `facts::digest`, so a change
//! of the algorithm or of what the declaration serialises to fails here.
//!
//! After an intended change of the declaration's JSON, regenerate the file with
//! `IOTLABEL_UPDATE_DIGEST_VECTORS=1 cargo test -p iotlabel-label --test digest_vectors` and
//! review the diff: every label printed before it gets a new `d`.

use std::path::{Path, PathBuf};

use iotlabel_label::facts::{digest, digest_input, url_digest};
use iotlabel_model::{Format, parse_declaration, parse_evidence};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// (declaration, evidence), relative to the repository's `examples/`.
const CASES: &[(&str, Option<&str>)] = &[
    ("devices/acme-cam-2.toml", None),
    ("devices/glucowatch-cgm.json", None),
    ("devices/lumen-bulb-zb.toml", None),
    // Non-ASCII text: JCS keeps it as UTF-8, unescaped.
    ("devices/fortis-lock-pro.toml", None),
    ("devices/acme-cam-2.toml", Some("evidence/acme-cam-2-lab.json")),
];

#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Vector {
    declaration: String,
    evidence: Option<String>,
    /// The RFC 8785 canonical JSON text the digest is taken over.
    canonical: String,
    /// Lower-case hex SHA-256 of `canonical`'s UTF-8 bytes.
    sha256: String,
    /// The full digest as the label JSON writes it.
    digest: String,
    /// The QR code URL's `d` parameter.
    d: String,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn vectors_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/digest-vectors.json")
}

fn format_of(path: &str) -> Format {
    Format::from_path(Path::new(path)).expect("toml or json")
}

fn computed() -> Vec<Vector> {
    CASES
        .iter()
        .map(|&(decl_path, ev_path)| {
            let text = std::fs::read_to_string(repo().join("examples").join(decl_path)).unwrap();
            let decl = parse_declaration(decl_path, &text, format_of(decl_path)).expect("example parses");
            let ev = ev_path.map(|p| {
                let text = std::fs::read_to_string(repo().join("examples").join(p)).unwrap();
                parse_evidence(p, &text, format_of(p)).expect("example evidence parses")
            });
            let canonical = String::from_utf8(digest_input(&decl, ev.as_ref())).expect("JCS is UTF-8");
            let d = digest(&decl, ev.as_ref());
            Vector {
                declaration: format!("examples/{decl_path}"),
                evidence: ev_path.map(|p| format!("examples/{p}")),
                sha256: d.trim_start_matches("sha256:").to_string(),
                d: url_digest(&d).to_string(),
                digest: d,
                canonical,
            }
        })
        .collect()
}

fn stored() -> Vec<Vector> {
    let text = std::fs::read_to_string(vectors_path()).expect("tests/data/digest-vectors.json");
    serde_json::from_str(&text).expect("vector file parses")
}

#[test]
fn stored_vectors_are_self_consistent() {
    let vectors = stored();
    assert!(vectors.len() >= 3);
    for v in vectors {
        // SHA-256 over the stored canonical text, with no help from the label crate.
        let hex: String = Sha256::digest(v.canonical.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, v.sha256, "{}", v.declaration);
        assert_eq!(v.digest, format!("sha256:{hex}"), "{}", v.declaration);
        assert_eq!(v.d, hex[..16], "{}", v.declaration);
        // The stored text is canonical: JCS of it is itself.
        let again = serde_json_canonicalizer::pipe(&v.canonical).expect("canonical text is JSON");
        assert_eq!(again, v.canonical, "{} is not in RFC 8785 form", v.declaration);
        // With evidence, the input is {"declaration": ..., "evidence": ...}.
        let value: serde_json::Value = serde_json::from_str(&v.canonical).unwrap();
        if v.evidence.is_some() {
            let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
            assert_eq!(keys, ["declaration", "evidence"], "{}", v.declaration);
        } else {
            assert!(value.get("identity").is_some(), "{}: the declaration itself", v.declaration);
        }
    }
}

#[test]
fn digest_matches_the_stored_vectors() {
    let now = computed();
    if std::env::var_os("IOTLABEL_UPDATE_DIGEST_VECTORS").is_some() {
        let text = serde_json::to_string_pretty(&now).unwrap() + "\n";
        std::fs::write(vectors_path(), text).unwrap();
        return;
    }
    let stored = stored();
    assert_eq!(stored.len(), now.len(), "regenerate tests/data/digest-vectors.json (see the module doc)");
    for (s, n) in stored.iter().zip(&now) {
        assert_eq!(s.canonical, n.canonical, "{}: the declaration's canonical JSON changed", s.declaration);
        assert_eq!(s, n, "{}", s.declaration);
    }
}

/// The JCS input is the parsed declaration's JSON, re-serialised: the same value as
/// `serde_json::to_value` writes, only in canonical form.
#[test]
fn canonical_input_is_the_declarations_json_value() {
    for (v, &(decl_path, ev_path)) in computed().iter().zip(CASES) {
        if ev_path.is_some() {
            continue;
        }
        let text = std::fs::read_to_string(repo().join("examples").join(decl_path)).unwrap();
        let decl = parse_declaration(decl_path, &text, format_of(decl_path)).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&v.canonical).unwrap();
        assert_eq!(parsed, serde_json::to_value(&decl).unwrap(), "{decl_path}");
    }
}
