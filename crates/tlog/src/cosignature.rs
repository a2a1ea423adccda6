//! C2SP tlog-cosignature (v1, Ed25519): a witness's statement that, as of a time, the checkpoint
//! is the largest consistent tree head it has seen for the log.
//!
//! A cosignature is a note signature line on the checkpoint, `— <name> base64(key id ||
//! timestamp || signature)`, with key id `SHA-256(name || "\n" || 0x04 || public key)[:4]`, an
//! 8-byte big-endian POSIX timestamp, and an Ed25519 signature over `"cosignature/v1\n" ||
//! "time " || <timestamp> || "\n" || <checkpoint body>`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};
use sha2::{Digest as _, Sha256};

use crate::note::{NoteError, SignedNote, is_key_name_valid};

/// The signature type byte of Ed25519 cosignatures in key ids and vkeys.
const COSIGNATURE_V1: u8 = 0x04;

/// A witness the log trusts to cosign its checkpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witness {
    name: String,
    id: u32,
    key: VerifyingKey,
}

/// A verified cosignature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cosigned {
    /// The witness's name.
    pub witness: String,
    /// When the witness signed (POSIX seconds).
    pub timestamp: u64,
    /// The signature line as it appears in the note.
    pub line: String,
}

fn key_id(name: &str, key: &VerifyingKey) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([COSIGNATURE_V1]);
    h.update(key.as_bytes());
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

fn message(body: &str, timestamp: u64) -> Vec<u8> {
    format!("cosignature/v1\ntime {timestamp}\n{body}").into_bytes()
}

impl Witness {
    pub fn new(name: &str, key: VerifyingKey) -> Result<Self, NoteError> {
        if !is_key_name_valid(name) {
            return Err(NoteError::BadKeyName(name.to_owned()));
        }
        Ok(Witness { name: name.to_owned(), id: key_id(name, &key), key })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The vkey text: `<name>+<key id>+base64(0x04 || key)`.
    pub fn to_vkey(&self) -> String {
        let mut raw = vec![COSIGNATURE_V1];
        raw.extend_from_slice(self.key.as_bytes());
        format!("{}+{:08x}+{}", self.name, self.id, STANDARD.encode(raw))
    }

    /// Reads a vkey of signature type 0x04, checking its key id.
    pub fn from_vkey(text: &str) -> Result<Self, NoteError> {
        let (name, id, key) = crate::note::parse_vkey(text, COSIGNATURE_V1)?;
        let w = Witness::new(name, key)?;
        if w.id != id {
            return Err(NoteError::BadVerifierKey("the key id does not match the name and key"));
        }
        Ok(w)
    }

    /// The cosignatures of this witness in a signed note whose text is `body` (a checkpoint).
    /// Lines of other keys are ignored; a line of this witness that does not verify is an error.
    pub fn verify(&self, note: &SignedNote) -> Result<Option<Cosigned>, NoteError> {
        for s in &note.signatures {
            if s.name != self.name || s.key_id != self.id {
                continue;
            }
            let bad = || NoteError::BadSignature { name: self.name.clone(), key_id: self.id };
            if s.signature.len() != 72 {
                return Err(bad());
            }
            let (time, sig) = s.signature.split_at(8);
            let timestamp = u64::from_be_bytes(time.try_into().map_err(|_| bad())?);
            if timestamp > i64::MAX as u64 {
                return Err(bad());
            }
            let sig = ed25519_dalek::Signature::from_slice(sig).map_err(|_| bad())?;
            self.key.verify(&message(&note.text, timestamp), &sig).map_err(|_| bad())?;
            let mut raw = s.key_id.to_be_bytes().to_vec();
            raw.extend_from_slice(&s.signature);
            return Ok(Some(Cosigned {
                witness: self.name.clone(),
                timestamp,
                line: format!("— {} {}", s.name, STANDARD.encode(raw)),
            }));
        }
        Ok(None)
    }
}

/// The cosignature line a witness named `name` holding `key` writes for a checkpoint body at
/// `timestamp` (what a witness does; the registry's tests act as one).
pub fn cosign(body: &str, name: &str, key: &SigningKey, timestamp: u64) -> String {
    let sig = key.sign(&message(body, timestamp));
    let mut raw = key_id(name, &key.verifying_key()).to_be_bytes().to_vec();
    raw.extend_from_slice(&timestamp.to_be_bytes());
    raw.extend_from_slice(&sig.to_bytes());
    format!("— {name} {}", STANDARD.encode(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_specs_example_key_id_layout_and_round_trip() {
        let key = SigningKey::from_bytes(&[5; 32]);
        let w = Witness::new("witness.example.com/w1", key.verifying_key()).unwrap();
        assert_eq!(Witness::from_vkey(&w.to_vkey()).unwrap(), w);
        let body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        let line = cosign(body, "witness.example.com/w1", &key, 1_679_315_147);
        let note = SignedNote::parse(&format!("{body}\n{line}\n")).unwrap();
        let c = w.verify(&note).unwrap().unwrap();
        assert_eq!((c.timestamp, c.line.as_str()), (1_679_315_147, line.as_str()));
        // Another body, or another time, does not verify.
        let other =
            SignedNote::parse(&format!("{}\n{line}\n", body.replace("20852163", "20852164"))).unwrap();
        assert!(w.verify(&other).is_err());
        // A note signing key (type 0x01) is not a cosignature key.
        let note_vkey = crate::NoteSigner::new("w", key.clone()).unwrap().verifier().to_vkey();
        assert!(Witness::from_vkey(&note_vkey).is_err());
        // Lines of other witnesses are ignored.
        let stranger =
            Witness::new("someone.else/w", SigningKey::from_bytes(&[6; 32]).verifying_key()).unwrap();
        assert_eq!(stranger.verify(&note).unwrap(), None);
    }
}
