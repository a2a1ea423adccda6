//! Fuzzes the log's note and checkpoint parsers (`iotlabel_tlog::SignedNote::parse`,
//! `iotlabel_tlog::Checkpoint::parse`) and note verification with arbitrary text.
//!
//! Invariants: nothing panics; an accepted note or checkpoint formats back to exactly the input
//! (one spelling per value: the parsers are strict); a refusal names a line of the input;
//! verification against a fixed known key either refuses or names that key as the signer.
#![no_main]

use iotlabel_tlog::{Checkpoint, NoteError, NoteSigner, NoteVerifier, SignedNote};
use libfuzzer_sys::fuzz_target;

fn known() -> &'static NoteVerifier {
    static KEY: std::sync::OnceLock<NoteVerifier> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        NoteSigner::new("registry.example/log", key).expect("a valid key name").verifier()
    })
}

fn lines(text: &str) -> usize {
    text.split('\n').count()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match SignedNote::parse(text) {
        Ok(note) => {
            assert_eq!(note.to_text(), text, "an accepted note formats back to its input");
            assert!(!note.signatures.is_empty());
            if let Ok(verified) = note.verify(std::slice::from_ref(known())) {
                assert_eq!(verified.signed_by, [known().name()]);
                assert_eq!(verified.text, note.text);
            }
            check_checkpoint(&note.text);
        }
        Err(NoteError::Malformed { line, reason }) => {
            assert!(line >= 1 && line <= lines(text), "line {line} of {} ({reason})", lines(text));
            assert!(!reason.to_string().trim().is_empty());
        }
        Err(other) => panic!("parsing gives only Malformed errors, not {other:?}"),
    }
    check_checkpoint(text);
});

fn check_checkpoint(text: &str) {
    match Checkpoint::parse(text) {
        Ok(cp) => {
            assert_eq!(cp.to_text(), text, "an accepted checkpoint formats back to its input");
            assert_eq!(cp.validate(), Ok(()));
        }
        Err(e) => assert!(e.line >= 1 && e.line <= lines(text), "{e} ({} lines)", lines(text)),
    }
}
