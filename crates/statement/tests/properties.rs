//! Properties over generated statements: signing then verifying succeeds, the JSON round-trips
//! through `parse` in any key order and spacing, and any change to any field of a signed
//! statement (kind, subject, a payload value, issue time, nonce, signer, signature) is refused.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, SecondsFormat, TimeDelta};
use iotlabel_statement::{Kind, SignedStatement, Statement, encode_nonce, jcs, key_id, parse, sign, verify};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn payload() -> impl Strategy<Value = Value> {
    let safe = jcs::MAX_SAFE_INTEGER as i64;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-safe..=safe).prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_é€😀]{1,6}", inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn statement() -> impl Strategy<Value = Statement> {
    (
        prop::sample::select(Kind::ALL.to_vec()),
        "[a-z0-9][a-z0-9.-]{0,40}",
        payload(),
        0i64..4_000_000_000,
        any::<[u8; 16]>(),
    )
        .prop_map(|(kind, subject, payload, secs, nonce)| Statement {
            kind,
            subject,
            payload,
            issued_at: DateTime::from_timestamp(secs, 0).unwrap().to_rfc3339_opts(SecondsFormat::Secs, true),
            nonce: encode_nonce(&nonce),
            signer: key_id(&common::test1_key().verifying_key()),
        })
}

/// Every JSON pointer to a value inside `v` (not `v` itself).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(item, p, out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(item, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Kind(usize),
    Subject(char),
    Payload { pick: usize, how: u8 },
    IssuedAt(i64),
    Nonce { byte: usize, bit: u8 },
    Signer,
    Signature { byte: usize, bit: u8 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (1usize..5).prop_map(Mutation::Kind),
        prop::sample::select(vec!['a', '0', '-', '.', '_']).prop_map(Mutation::Subject),
        (any::<usize>(), 0u8..4).prop_map(|(pick, how)| Mutation::Payload { pick, how }),
        prop_oneof![1i64..1_000_000, -1_000_000i64..0].prop_map(Mutation::IssuedAt),
        (0usize..16, 0u8..8).prop_map(|(byte, bit)| Mutation::Nonce { byte, bit }),
        Just(Mutation::Signer),
        (0usize..64, 0u8..8).prop_map(|(byte, bit)| Mutation::Signature { byte, bit }),
    ]
}

fn apply(s: &mut SignedStatement, m: &Mutation) {
    let st = &mut s.statement;
    match *m {
        Mutation::Kind(step) => {
            let i = Kind::ALL.iter().position(|k| *k == st.kind).unwrap();
            st.kind = Kind::ALL[(i + step) % Kind::ALL.len()];
        }
        Mutation::Subject(c) => st.subject.push(c),
        Mutation::Payload { pick, how } => {
            let mut all = Vec::new();
            pointers(&st.payload, String::new(), &mut all);
            let target = if all.is_empty() { None } else { Some(all[pick % all.len()].clone()) };
            match (target, how) {
                (Some(p), 0) => {
                    let v = st.payload.pointer_mut(&p).unwrap();
                    *v = json!({ "was": v.take() });
                }
                (Some(p), 1) => {
                    let v = st.payload.pointer_mut(&p).unwrap();
                    *v = Value::String(v.to_string());
                }
                (Some(p), 2) => {
                    let v = st.payload.pointer_mut(&p).unwrap();
                    *v = if v.is_null() { json!(false) } else { Value::Null };
                }
                _ => st.payload = json!({ "added": st.payload.take() }),
            }
        }
        Mutation::IssuedAt(secs) => {
            let t = DateTime::parse_from_rfc3339(&st.issued_at).unwrap() + TimeDelta::seconds(secs);
            st.issued_at = t.to_utc().to_rfc3339_opts(SecondsFormat::Secs, true);
        }
        Mutation::Nonce { byte, bit } => {
            let mut n = STANDARD.decode(&st.nonce).unwrap();
            n[byte] ^= 1 << bit;
            st.nonce = STANDARD.encode(n);
        }
        Mutation::Signer => st.signer = key_id(&common::other_key().verifying_key()),
        Mutation::Signature { byte, bit } => {
            let mut sig = STANDARD.decode(&s.signature).unwrap();
            sig[byte] ^= 1 << bit;
            s.signature = STANDARD.encode(sig);
        }
    }
}

/// The JSON text with every object's keys in reverse order and odd spacing.
fn reordered(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let members: Vec<String> = map
                .iter()
                .rev()
                .map(|(k, v)| format!("\n  {} :\t{}", Value::from(k.as_str()), reordered(v)))
                .collect();
            format!("{{ {} }}", members.join(" ,"))
        }
        Value::Array(items) => format!("[ {} ]", items.iter().map(reordered).collect::<Vec<_>>().join(" , ")),
        other => other.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn signed_statements_verify_and_round_trip_in_any_order(s in statement()) {
        let key = common::test1_key();
        let signed = sign(s, &key).unwrap();
        prop_assert_eq!(verify(&signed, &key.verifying_key()), Ok(()));
        let value = serde_json::to_value(&signed).unwrap();
        let text = reordered(&value);
        let back = parse(&text).unwrap();
        prop_assert_eq!(verify(&back, &key.verifying_key()), Ok(()));
        prop_assert_eq!(back.statement.canonical_bytes(), signed.statement.canonical_bytes());
        prop_assert_eq!(parse(&signed.to_json()).unwrap(), signed);
    }

    #[test]
    fn any_mutation_of_a_signed_statement_is_refused(s in statement(), m in mutation()) {
        let key = common::test1_key();
        let signed = sign(s, &key).unwrap();
        let mut changed = signed.clone();
        apply(&mut changed, &m);
        prop_assert_ne!(&changed, &signed, "the mutation changed nothing");
        prop_assert!(verify(&changed, &key.verifying_key()).is_err(), "{:?} verified", m);
        // Also through the text a verifier would receive.
        if let Ok(parsed) = parse(&changed.to_json()) {
            prop_assert!(verify(&parsed, &key.verifying_key()).is_err(), "{:?} verified after parsing", m);
        }
    }
}
