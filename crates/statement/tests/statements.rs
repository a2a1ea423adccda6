//! Signing, verification, parsing and freshness: what is accepted and each typed refusal.

mod common;

use chrono::{DateTime, TimeDelta, Utc};
use iotlabel_statement::{
    Freshness, Kind, SignedStatement, StatementError, check_fresh, key_id, parse, sign,
    signed_statement_schema, verify,
};
use serde_json::{Value, json};

fn signed() -> SignedStatement {
    sign(common::fixed_statement(), &common::test1_key()).unwrap()
}

fn public() -> ed25519_dalek::VerifyingKey {
    common::test1_key().verifying_key()
}

fn path_of(e: &StatementError) -> &str {
    match e {
        StatementError::Malformed { path, .. } => path,
        other => panic!("expected a located refusal, got {other:?}"),
    }
}

#[test]
fn key_id_is_the_prefix_and_8_bytes_of_sha256_in_hex() {
    let id = key_id(&public());
    assert_eq!(id, "ed25519:21fe31dfa154a261");
    assert_ne!(key_id(&common::other_key().verifying_key()), id);
}

#[test]
fn every_kind_signs_and_verifies() {
    for kind in Kind::ALL {
        let mut s = common::fixed_statement();
        s.kind = kind;
        let signed = sign(s, &common::test1_key()).unwrap();
        assert_eq!(verify(&signed, &public()), Ok(()), "{}", kind.as_str());
        let json = serde_json::to_value(&signed).unwrap();
        assert_eq!(json["statement"]["kind"], kind.as_str());
    }
}

#[test]
fn signing_refuses_a_statement_naming_another_signer() {
    let mut s = common::fixed_statement();
    s.signer = key_id(&common::other_key().verifying_key());
    assert!(matches!(sign(s, &common::test1_key()), Err(StatementError::WrongKey { .. })));
}

#[test]
fn verification_with_another_key_is_a_wrong_key() {
    let err = verify(&signed(), &common::other_key().verifying_key()).unwrap_err();
    assert_eq!(
        err,
        StatementError::WrongKey {
            signer: key_id(&public()),
            key: key_id(&common::other_key().verifying_key())
        }
    );
}

#[test]
fn a_signature_by_another_key_under_this_key_id_is_a_bad_signature() {
    let mut forged = signed();
    let other = sign(
        iotlabel_statement::Statement {
            signer: key_id(&common::other_key().verifying_key()),
            ..common::fixed_statement()
        },
        &common::other_key(),
    )
    .unwrap();
    forged.signature = other.signature;
    assert_eq!(verify(&forged, &public()), Err(StatementError::BadSignature));
}

#[test]
fn a_flipped_signature_bit_is_a_bad_signature() {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut s = signed();
    let mut bytes = b64.decode(&s.signature).unwrap();
    bytes[10] ^= 1;
    s.signature = b64.encode(bytes);
    assert_eq!(verify(&s, &public()), Err(StatementError::BadSignature));
}

#[test]
fn malformed_base64_is_located() {
    let mut s = signed();
    s.signature.replace_range(0..1, "!");
    assert_eq!(path_of(&verify(&s, &public()).unwrap_err()), "$.signature");
    let mut s = signed();
    s.signature.truncate(84);
    s.signature.push_str("==");
    assert_eq!(path_of(&verify(&s, &public()).unwrap_err()), "$.signature");
    let mut s = signed();
    s.statement.nonce = "AAECAwQFBgcICQoLDA0O".to_owned(); // 15 bytes
    assert_eq!(path_of(&verify(&s, &public()).unwrap_err()), "$.statement.nonce");
    // Non-zero trailing bits: a second spelling of the same bytes is refused.
    let mut s = signed();
    s.statement.nonce = "AAECAwQFBgcICQoLDA0ODx==".to_owned();
    assert_eq!(path_of(&verify(&s, &public()).unwrap_err()), "$.statement.nonce");
}

#[test]
fn reordered_and_respaced_json_still_verifies() {
    let text = r#"  {"signature": "SIG",
        "statement": {"signer":"SIGNER","nonce":"AAECAwQFBgcICQoLDA0ODw==","issued_at":"2026-01-15T09:30:00Z",
        "payload": {"note": "caf\u00e9 \u20ac, \"quoted\", tab\there",
                    "network": {"ratio": 0.50, "ports": [443, 8443]},
                    "support": {"years": 5e0, "end": "2031-12-31"},
                    "identity": {"model": "Cam 2", "firmware_version": "2.4.1", "hardware_version": "B1", "brand": "Acme"}},
        "subject":"acme-cam-2-b1-2-4-1", "kind":"declaration"}}
    "#
    .replace("SIGNER", &key_id(&public()))
    .replace("SIG", &signed().signature);
    let parsed = parse(&text).unwrap();
    assert_eq!(verify(&parsed, &public()), Ok(()));
}

#[test]
fn any_changed_value_fails_verification() {
    let base = signed();
    type Change = Box<dyn Fn(&mut SignedStatement)>;
    let changes: Vec<Change> = vec![
        Box::new(|s| s.statement.kind = Kind::Revocation),
        Box::new(|s| s.statement.subject.push('x')),
        Box::new(|s| s.statement.issued_at = "2026-01-15T09:30:01Z".to_owned()),
        Box::new(|s| s.statement.nonce = "AQECAwQFBgcICQoLDA0ODw==".to_owned()),
        Box::new(|s| s.statement.payload["support"]["years"] = json!(6)),
        Box::new(|s| s.statement.payload["network"]["ratio"] = json!(0.5000001)),
        Box::new(|s| s.statement.payload["note"] = json!("cafe €, \"quoted\", tab\there")),
        Box::new(|s| s.statement.payload["extra"] = json!(null)),
        Box::new(|s| s.statement.payload["network"]["ports"] = json!([8443, 443])),
    ];
    for (i, change) in changes.iter().enumerate() {
        let mut s = base.clone();
        change(&mut s);
        assert_eq!(verify(&s, &public()), Err(StatementError::BadSignature), "change {i}");
    }
}

#[test]
fn parse_locates_problems_by_json_path() {
    let good = signed().to_json();
    let cases: Vec<(String, &str)> = vec![
        ("{".to_owned(), "$"),
        (good.replace("\"kind\": \"declaration\"", "\"kind\": \"decree\""), "$.statement.kind"),
        (good.replace("\"subject\"", "\"subjekt\""), "$.statement.subjekt"),
        (good.replace("\"statement\"", "\"statements\""), "$.statements"),
        (
            good.replace(
                "\"issued_at\": \"2026-01-15T09:30:00Z\"",
                "\"issued_at\": \"2026-01-15 09:30:00+01:00\"",
            ),
            "$.statement.issued_at",
        ),
        (
            good.replace("\"issued_at\": \"2026-01-15T09:30:00Z\"", "\"issued_at\": 1768469400"),
            "$.statement.issued_at",
        ),
        (good.replace("\"years\": 5", "\"years\": 9007199254740993"), "$.statement.payload.support.years"),
        (good.replace("8443", "1e999"), "$.statement.payload.network.ports[1]"),
        (good.replace("\"years\": 5", "\"years\": 5, \"years\": 6"), "$.statement.payload.support"),
        (good.replace("\"signer\": \"ed25519:", "\"signer\": \"ED25519:"), "$.statement.signer"),
        (good.replace("acme-cam-2-b1-2-4-1", "-acme"), "$.statement.subject"),
        (format!("{good} {{}}"), "$"),
        // A statement field twice (serde refuses it at the object: "duplicate field `kind`"), and
        // a payload key twice, once escaped.
        (
            good.replace("\"kind\": \"declaration\"", "\"kind\": \"declaration\", \"kind\": \"vex\""),
            "$.statement",
        ),
        (good.replace("\"years\": 5", "\"years\": 5, \"\\u0079ears\": 5"), "$.statement.payload.support"),
        // A lone surrogate is not a Unicode string.
        (good.replace("\"note\": \"", "\"note\": \"\\ud800"), "$.statement.payload.note"),
    ];
    for (text, want) in &cases {
        let err = parse(text).expect_err(want);
        assert_eq!(path_of(&err), *want, "{err}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let text = "{\n  \"statement\": {\n    \"kind\": declaration\n  }\n}";
    match parse(text).unwrap_err() {
        StatementError::Malformed { line, column, .. } => {
            assert_eq!(line, Some(3));
            assert!(column.is_some());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn parse_refuses_oversized_text() {
    let text = " ".repeat(iotlabel_statement::MAX_STATEMENT_BYTES + 1);
    assert_eq!(path_of(&parse(&text).unwrap_err()), "$");
}

#[test]
fn json_round_trip_is_exact() {
    let s = signed();
    assert_eq!(parse(&s.to_json()).unwrap(), s);
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

#[test]
fn freshness_refuses_too_old_and_from_the_future() {
    let s = common::fixed_statement(); // issued 2026-01-15T09:30:00Z
    let window = Freshness { max_age: TimeDelta::minutes(5), max_skew: TimeDelta::seconds(30) };
    assert_eq!(check_fresh(&s, at("2026-01-15T09:30:00Z"), window), Ok(()));
    assert_eq!(check_fresh(&s, at("2026-01-15T09:35:00Z"), window), Ok(()), "the bound is inclusive");
    assert_eq!(check_fresh(&s, at("2026-01-15T09:29:30Z"), window), Ok(()), "the skew bound is inclusive");
    assert_eq!(
        check_fresh(&s, at("2026-01-15T09:35:01Z"), window),
        Err(StatementError::TooOld {
            issued_at: s.issued_at.clone(),
            age_seconds: 301,
            max_age_seconds: 300
        })
    );
    assert_eq!(
        check_fresh(&s, at("2026-01-15T09:29:29Z"), window),
        Err(StatementError::FromTheFuture {
            issued_at: s.issued_at.clone(),
            ahead_seconds: 31,
            max_skew_seconds: 30
        })
    );
}

#[test]
fn fractional_seconds_are_accepted_and_bad_times_refused() {
    let mut s = common::fixed_statement();
    s.issued_at = "2026-01-15T09:30:00.123Z".to_owned();
    assert!(sign(s.clone(), &common::test1_key()).is_ok());
    for bad in [
        "2026-01-15t09:30:00z",
        "2026-01-15T09:30:00+00:00",
        "2026-02-30T09:30:00Z",
        "2026-01-15T09:30:60Z",
        "yesterday",
    ] {
        s.issued_at = bad.to_owned();
        assert_eq!(
            path_of(&sign(s.clone(), &common::test1_key()).unwrap_err()),
            "$.statement.issued_at",
            "{bad}"
        );
    }
}

#[test]
fn the_schema_describes_the_statement() {
    let schema = signed_statement_schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["additionalProperties"], Value::Bool(false));
    let kinds = serde_json::to_string(&schema).unwrap();
    for kind in Kind::ALL {
        assert!(kinds.contains(&format!("\"{}\"", kind.as_str())), "{}", kind.as_str());
    }
    let statement = &schema["$defs"]["Statement"];
    assert_eq!(statement["additionalProperties"], Value::Bool(false));
    let required: Vec<&str> =
        statement["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required.len(), 6, "{required:?}");
}
