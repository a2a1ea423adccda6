//! C2SP signed notes and checkpoints: the Go `note` package's published example (golang.org/x/mod
//! /sumdb/note documentation: key `PeterNeumann+c74f20a3+ARpc2Q...`, its private key and the
//! signed Peter Neumann quote), exact checkpoint text, strict parsing with located reasons, and
//! the spec's rules for known and unknown signers.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{SigningKey, VerifyingKey};
use iotlabel_tlog::checkpoint::CheckpointReason;
use iotlabel_tlog::note::{Malformed, key_id, open_checkpoint, sign_checkpoint};
use iotlabel_tlog::{Checkpoint, NoteError, NoteSigner, SignedNote, Tree};
use sha2::{Digest, Sha256};

const GO_TEXT: &str =
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE: &str = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const GO_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_SKEY_B64: &str = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

fn go_signer() -> NoteSigner {
    let raw = STANDARD.decode(GO_SKEY_B64).unwrap();
    assert_eq!(raw[0], 0x01, "an Ed25519 key");
    NoteSigner::new("PeterNeumann", SigningKey::from_bytes(&raw[1..].try_into().unwrap())).unwrap()
}

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

#[test]
fn the_go_note_example_signs_and_verifies_byte_for_byte() {
    let signer = go_signer();
    let verifier = signer.verifier();
    assert_eq!(verifier.to_vkey(), GO_VKEY);
    assert_eq!(verifier.key_id(), 0xc74f20a3);
    // The key id formula of the spec, computed here without the crate.
    let pk = STANDARD.decode(GO_VKEY.rsplit('+').next().unwrap()).unwrap();
    let digest = Sha256::digest([b"PeterNeumann".as_slice(), b"\n", &pk].concat());
    assert_eq!(u32::from_be_bytes(digest[..4].try_into().unwrap()), 0xc74f20a3);
    assert_eq!(
        key_id("PeterNeumann", &VerifyingKey::from_bytes(&pk[1..].try_into().unwrap()).unwrap()),
        0xc74f20a3
    );

    let note = SignedNote::sign(GO_TEXT, &[&signer]).unwrap();
    assert_eq!(note.to_text(), GO_NOTE);
    let parsed = SignedNote::parse(GO_NOTE).unwrap();
    assert_eq!(parsed, note);
    assert_eq!(parsed.text, GO_TEXT);
    assert_eq!(parsed.signatures[0].key_id, 0xc74f20a3);
    let verified = parsed.verify(&[verifier]).unwrap();
    assert_eq!(verified.signed_by, ["PeterNeumann"]);
}

fn checkpoint(size: u64) -> Checkpoint {
    let mut tree = Tree::new();
    for i in 0..size {
        tree.append(&i.to_be_bytes());
    }
    Checkpoint {
        origin: "registry.example/log".into(),
        size,
        root_hash: tree.root(size).unwrap(),
        extensions: vec![],
    }
}

#[test]
fn a_checkpoint_has_one_exact_text_and_parses_back() {
    let cp = Checkpoint {
        origin: "example.com/behind-the-sofa".into(),
        size: 20852163,
        root_hash: STANDARD
            .decode("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=")
            .unwrap()
            .try_into()
            .unwrap(),
        extensions: vec![],
    };
    // The spec's example text.
    let text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
    assert_eq!(cp.to_text(), text);
    assert_eq!(Checkpoint::parse(text).unwrap(), cp);
    let with_ext = Checkpoint { extensions: vec!["ext one".into(), "two".into()], ..cp.clone() };
    assert_eq!(with_ext.to_text(), format!("{text}ext one\ntwo\n"));
    assert_eq!(Checkpoint::parse(&with_ext.to_text()).unwrap(), with_ext);
    let empty = Checkpoint { size: 0, ..cp };
    assert!(empty.to_text().contains("\n0\n"));
    assert_eq!(Checkpoint::parse(&empty.to_text()).unwrap(), empty);
}

#[test]
fn malformed_checkpoints_are_refused_with_line_and_reason() {
    let root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
    let cases: Vec<(String, usize, CheckpointReason)> = vec![
        (format!("o\n1\n{root}"), 3, CheckpointReason::NoFinalNewline),
        ("o\n1\n".into(), 3, CheckpointReason::Missing("root hash")),
        ("o\n".into(), 2, CheckpointReason::Missing("tree size")),
        ("".into(), 1, CheckpointReason::NoFinalNewline),
        (format!("\n1\n{root}\n"), 1, CheckpointReason::EmptyLine),
        (format!("o\n1\n{root}\n\n"), 4, CheckpointReason::EmptyLine),
        (format!("o\n01\n{root}\n"), 2, CheckpointReason::BadSize("01".into())),
        (format!("o\n+1\n{root}\n"), 2, CheckpointReason::BadSize("+1".into())),
        (format!("o\n-1\n{root}\n"), 2, CheckpointReason::BadSize("-1".into())),
        (format!("o\n 1\n{root}\n"), 2, CheckpointReason::BadSize(" 1".into())),
        (
            format!("o\n18446744073709551616\n{root}\n"),
            2,
            CheckpointReason::SizeTooLarge("18446744073709551616".into()),
        ),
        ("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I\n".into(), 3, CheckpointReason::BadRootHash),
        ("o\n1\nCsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=\n".into(), 3, CheckpointReason::BadRootHash),
        ("o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=\n".into(), 3, CheckpointReason::BadRootHash),
        ("o\n1\nAAAA\n".into(), 3, CheckpointReason::BadRootHash),
        (format!("o\u{7}x\n1\n{root}\n"), 1, CheckpointReason::ControlCharacter(7)),
        (format!("o\r\n1\n{root}\n"), 1, CheckpointReason::ControlCharacter(13)),
    ];
    for (text, line, reason) in cases {
        let err = Checkpoint::parse(&text).expect_err(&format!("{text:?} was accepted"));
        assert_eq!((err.line, &err.reason), (line, &reason), "{text:?}");
        assert!(err.to_string().starts_with(&format!("checkpoint line {line}: ")), "{err}");
    }
    // The largest size parses.
    assert_eq!(Checkpoint::parse(&format!("o\n18446744073709551615\n{root}\n")).unwrap().size, u64::MAX);
}

#[test]
fn signed_checkpoints_verify_against_known_keys_only() {
    let log = NoteSigner::new("registry.example/log", key(1)).unwrap();
    let witness = NoteSigner::new("witness.example/w1", key(2)).unwrap();
    let cp = checkpoint(10);
    let note = sign_checkpoint(&cp, &[&log, &witness]).unwrap().to_text();
    assert!(note.starts_with(&cp.to_text()));
    assert_eq!(note.matches("\n— ").count(), 2);

    // Known log key: verified; the witness's signature, unknown here, is ignored.
    let (got, verified) = open_checkpoint(&note, &[log.verifier()]).unwrap();
    assert_eq!(got, cp);
    assert_eq!(verified.signed_by, ["registry.example/log"]);
    let (_, both) = open_checkpoint(&note, &[log.verifier(), witness.verifier()]).unwrap();
    assert_eq!(both.signed_by, ["registry.example/log", "witness.example/w1"]);

    // No known key signed: refused, naming the signers seen.
    let stranger = NoteSigner::new("registry.example/log", key(3)).unwrap();
    match open_checkpoint(&note, &[stranger.verifier()]) {
        Err(NoteError::NoKnownSigner { signers }) => assert_eq!(signers.len(), 2),
        other => panic!("{other:?}"),
    }
    // Same name, different key id: ignored as unknown, not a failure (the spec's rule).
    assert!(open_checkpoint(&note, &[stranger.verifier(), log.verifier()]).is_ok());

    // A known key whose signature fails rejects the note, even beside a good one.
    let tampered = note.replacen("\n10\n", "\n11\n", 1);
    assert!(matches!(open_checkpoint(&tampered, &[log.verifier()]), Err(NoteError::BadSignature { .. })));
    let mut forged = SignedNote::parse(&note).unwrap();
    forged.signatures[1].signature[0] ^= 1;
    let forged = forged.to_text();
    assert!(open_checkpoint(&forged, &[log.verifier()]).is_ok(), "the bad signature is from an unknown key");
    match open_checkpoint(&forged, &[log.verifier(), witness.verifier()]) {
        Err(NoteError::BadSignature { name, key_id }) => {
            assert_eq!((name.as_str(), key_id), ("witness.example/w1", witness.verifier().key_id()))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_notes_are_refused_with_line_and_reason() {
    let sig = "— k AAAAAAA=";
    let cases: Vec<(String, usize, Malformed)> = vec![
        ("text\n".into(), 2, Malformed::NoSignatureBlock),
        (format!("text\n\n{sig}"), 3, Malformed::NoFinalNewline),
        (format!("text\n\n{sig}\n\n"), 4, Malformed::NotASignatureLine),
        ("text\n\n- k AAAAAAA=\n".to_string(), 3, Malformed::NotASignatureLine),
        ("text\n\n—  k AAAAAAA=\n".to_string(), 3, Malformed::BadKeyName),
        ("text\n\n— a+b AAAAAAA=\n".to_string(), 3, Malformed::BadKeyName),
        ("text\n\n— k\n".to_string(), 3, Malformed::NoSignature),
        ("text\n\n— k AAAA\n".to_string(), 3, Malformed::SignatureTooShort(3)),
        ("text\n\n— k AAAAAAA\n".to_string(), 3, Malformed::BadBase64),
        ("text\n\n— k AAAAAAA= \n".to_string(), 3, Malformed::BadBase64),
        (format!("a\n\nb\n\n{sig}\n— k !!\n"), 6, Malformed::BadBase64),
        (format!("te\txt\n\n{sig}\n"), 1, Malformed::ControlCharacter(9)),
        (format!("\n\n{sig}\n"), 1, Malformed::EmptyText),
        (format!("text\n\n{}", format!("{sig}\n").repeat(101)), 103, Malformed::TooManySignatures),
    ];
    for (text, line, reason) in cases {
        match SignedNote::parse(&text) {
            Err(NoteError::Malformed { line: l, reason: r }) => {
                assert_eq!((l, r), (line, reason), "{text:?}")
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    // The text may hold blank lines: the last blank line separates it from the signatures.
    let note = SignedNote::parse(&format!("a\n\nb\n\n{sig}\n")).unwrap();
    assert_eq!(note.text, "a\n\nb\n");
    assert_eq!(note.signatures[0].signature, [0]);
    // 100 signatures are accepted (the spec asks for at least 16).
    assert_eq!(
        SignedNote::parse(&format!("t\n\n{}", format!("{sig}\n").repeat(100))).unwrap().signatures.len(),
        100
    );
    // A checkpoint with an origin that would break the text is refused before signing.
    let bad = Checkpoint { origin: "a\nb".into(), ..checkpoint(1) };
    let signer = NoteSigner::new("k", key(4)).unwrap();
    assert!(matches!(sign_checkpoint(&bad, &[&signer]), Err(NoteError::Checkpoint(_))));
    assert!(matches!(NoteSigner::new("has space", key(4)), Err(NoteError::BadKeyName(_))));
    assert!(matches!(SignedNote::sign("t\n", &[]), Err(NoteError::Signing(_))));
    match SignedNote::sign("no final newline", &[&signer]) {
        Err(NoteError::Malformed { line: 1, reason: Malformed::NoFinalNewline }) => {}
        other => panic!("{other:?}"),
    }
}
