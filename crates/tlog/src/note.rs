//! C2SP signed notes with Ed25519 keys.
//!
//! A signed note is a text ending in a newline, a blank line, then one or more signature lines
//! `— <key name> <base64(key id || signature)>`. [`SignedNote::parse`] checks that form strictly
//! and says which line is wrong and why; [`SignedNote::verify`] checks the signatures against a
//! set of known keys with the spec's rules (signatures from unknown keys are ignored, a known key
//! whose signature fails rejects the note, and at least one known key must have signed). The
//! signature rules and the Ed25519 key id come from the `signed_note` crate (a port of Go's
//! `golang.org/x/mod/sumdb/note`, the reference implementation); this module adds located errors
//! and typed keys.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signer as _, SigningKey, Verifier as _, VerifyingKey};

use crate::checkpoint::{Checkpoint, CheckpointError};

/// The most bytes a note may have.
pub const MAX_NOTE_BYTES: usize = 1_000_000;
/// The most signature lines a note may have (the spec asks verifiers to accept at least 16).
pub const MAX_SIGNATURES: usize = 100;
/// The signature type byte of Ed25519 note signatures.
const ED25519: u8 = 0x01;

/// A note that is malformed, or whose signatures do not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("note line {line}: {reason}")]
    Malformed { line: usize, reason: Malformed },
    #[error("the signature of known key {name}+{key_id:08x} does not verify")]
    BadSignature { name: String, key_id: u32 },
    #[error("no known key signed the note (signers: {})", if signers.is_empty() { "none".to_owned() } else { signers.join(", ") })]
    NoKnownSigner { signers: Vec<String> },
    #[error("two known keys share the name {name} and key id {key_id:08x}")]
    AmbiguousKey { name: String, key_id: u32 },
    #[error("the key name {0:?} is empty or holds a space or a plus sign")]
    BadKeyName(String),
    #[error("signing failed: {0}")]
    Signing(String),
    /// A verifier key text (`<name>+<key id>+<base64>`) that is not well formed.
    #[error("not a verifier key ({0}); expected <name>+<8 hex digits>+<base64 of 0x01 and the 32-byte key>")]
    BadVerifierKey(&'static str),
    #[error("the signed text is not a checkpoint: {0}")]
    Checkpoint(#[from] CheckpointError),
}

/// What is wrong with a note's form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Malformed {
    #[error("the note is longer than {MAX_NOTE_BYTES} bytes")]
    TooLong,
    #[error("control character U+{0:04X} (only newlines are allowed)")]
    ControlCharacter(u32),
    #[error("no blank line separates the text from the signatures")]
    NoSignatureBlock,
    #[error("the text is empty")]
    EmptyText,
    #[error("the note does not end with a newline")]
    NoFinalNewline,
    #[error("a signature line starts with an em dash and a space (\"— \")")]
    NotASignatureLine,
    #[error("a signature line is \"— <key name> <base64 signature>\"")]
    NoSignature,
    #[error("the key name is empty or holds a space or a plus sign")]
    BadKeyName,
    #[error("the signature is not standard padded base64")]
    BadBase64,
    #[error("the signature has {0} bytes; it needs a 4-byte key id and at least one byte more")]
    SignatureTooShort(usize),
    #[error("more than {MAX_SIGNATURES} signatures")]
    TooManySignatures,
}

/// One signature line of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    pub name: String,
    pub key_id: u32,
    pub signature: Vec<u8>,
}

/// A parsed signed note: its text (final newline included) and its signatures, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedNote {
    pub text: String,
    pub signatures: Vec<NoteSignature>,
}

/// A note whose signatures were checked: the text, and the names of the known keys that signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub text: String,
    pub signed_by: Vec<String>,
}

/// Whether `name` may name a key: non-empty, with no Unicode space and no plus sign.
pub fn is_key_name_valid(name: &str) -> bool {
    signed_note::is_key_name_valid(name)
}

/// The key id of an Ed25519 key: the first 4 bytes, big-endian, of
/// `SHA-256(key name || 0x0A || 0x01 || public key)`.
pub fn key_id(name: &str, key: &VerifyingKey) -> u32 {
    let mut encoded = Vec::with_capacity(33);
    encoded.push(ED25519);
    encoded.extend_from_slice(key.as_bytes());
    signed_note::key_id(name, &encoded)
}

/// A key that signs notes under a name.
pub struct NoteSigner {
    name: String,
    id: u32,
    key: SigningKey,
}

impl NoteSigner {
    pub fn new(name: &str, key: SigningKey) -> Result<Self, NoteError> {
        if !is_key_name_valid(name) {
            return Err(NoteError::BadKeyName(name.to_owned()));
        }
        Ok(Self { name: name.to_owned(), id: key_id(name, &key.verifying_key()), key })
    }

    /// The verifier of this signer's signatures.
    pub fn verifier(&self) -> NoteVerifier {
        NoteVerifier { name: self.name.clone(), id: self.id, key: self.key.verifying_key() }
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl std::fmt::Debug for NoteSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "NoteSigner({}+{:08x})", self.name, self.id)
    }
}

impl signed_note::Signer for NoteSigner {
    fn name(&self) -> &str {
        &self.name
    }
    fn key_id(&self) -> u32 {
        self.id
    }
    fn sign(&self, msg: &[u8]) -> Result<Vec<u8>, ed25519_dalek::SignatureError> {
        Ok(self.key.sign(msg).to_bytes().to_vec())
    }
}

/// A known key: the name it signs under and its Ed25519 public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteVerifier {
    name: String,
    id: u32,
    key: VerifyingKey,
}

impl NoteVerifier {
    pub fn new(name: &str, key: VerifyingKey) -> Result<Self, NoteError> {
        if !is_key_name_valid(name) {
            return Err(NoteError::BadKeyName(name.to_owned()));
        }
        Ok(Self { name: name.to_owned(), id: key_id(name, &key), key })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key_id(&self) -> u32 {
        self.id
    }

    /// Reads a verifier key in the Go `note` text form (what [`NoteVerifier::to_vkey`] writes),
    /// checking that its key id matches its name and key.
    pub fn from_vkey(text: &str) -> Result<Self, NoteError> {
        let (name, id, key) = parse_vkey(text, ED25519)?;
        let v = Self::new(name, key)?;
        if v.id != id {
            return Err(NoteError::BadVerifierKey("the key id does not match the name and key"));
        }
        Ok(v)
    }

    /// The verifier key in the Go `note` text form, `<name>+<key id hex>+<base64(0x01 || key)>`.
    pub fn to_vkey(&self) -> String {
        signed_note::new_ed25519_verifier_key(&self.name, &self.key)
    }
}

impl signed_note::Verifier for NoteVerifier {
    fn name(&self) -> &str {
        &self.name
    }
    fn key_id(&self) -> u32 {
        self.id
    }
    fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        ed25519_dalek::Signature::from_slice(sig).is_ok_and(|s| self.key.verify(msg, &s).is_ok())
    }
}

/// Reads a C2SP vkey, `<name>+<8 hex digits>+base64(<type byte> || 32-byte Ed25519 key)`, of
/// the given signature type: its name, stated key id and key (the caller checks the id).
pub(crate) fn parse_vkey(text: &str, key_type: u8) -> Result<(&str, u32, VerifyingKey), NoteError> {
    let mut parts = text.trim().splitn(3, '+');
    let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(NoteError::BadVerifierKey("three parts joined by '+' are needed"));
    };
    let id = u32::from_str_radix(id, 16)
        .ok()
        .filter(|_| id.len() == 8)
        .ok_or(NoteError::BadVerifierKey("the key id is not 8 hex digits"))?;
    let bytes =
        STANDARD.decode(key).map_err(|_| NoteError::BadVerifierKey("the key is not standard base64"))?;
    let raw: [u8; 32] = match bytes.split_first() {
        Some((t, rest)) if *t == key_type => {
            rest.try_into().map_err(|_| NoteError::BadVerifierKey("the key is not 32 bytes"))?
        }
        _ => return Err(NoteError::BadVerifierKey("the key is not of the expected signature type")),
    };
    let key =
        VerifyingKey::from_bytes(&raw).map_err(|_| NoteError::BadVerifierKey("not an Ed25519 public key"))?;
    Ok((name, id, key))
}

fn malformed(line: usize, reason: Malformed) -> NoteError {
    NoteError::Malformed { line, reason }
}

impl SignedNote {
    /// Parses a signed note, refusing any departure from the spec's form with its line.
    pub fn parse(note: &str) -> Result<Self, NoteError> {
        if note.len() > MAX_NOTE_BYTES {
            return Err(malformed(1, Malformed::TooLong));
        }
        for (i, line) in note.split('\n').enumerate() {
            if let Some(c) = line.chars().find(|&c| c < ' ') {
                return Err(malformed(i + 1, Malformed::ControlCharacter(c as u32)));
            }
        }
        let line_count = note.split('\n').count();
        let Some(body) = note.strip_suffix('\n') else {
            return Err(malformed(line_count, Malformed::NoFinalNewline));
        };
        // The text is separated from the signatures by the last blank line.
        let Some(split) = body.rfind("\n\n") else {
            return Err(malformed(line_count, Malformed::NoSignatureBlock));
        };
        let text = &note[..=split];
        if text == "\n" {
            return Err(malformed(1, Malformed::EmptyText));
        }
        let first_sig_line = text.matches('\n').count() + 2;
        let mut signatures = Vec::new();
        for (i, line) in body[split + 2..].split('\n').enumerate() {
            let at = first_sig_line + i;
            if signatures.len() == MAX_SIGNATURES {
                return Err(malformed(at, Malformed::TooManySignatures));
            }
            signatures.push(parse_signature_line(line).map_err(|r| malformed(at, r))?);
        }
        Ok(SignedNote { text: text.to_owned(), signatures })
    }

    /// The note's text form: the text, a blank line, the signature lines.
    pub fn to_text(&self) -> String {
        let mut out = self.text.clone();
        out.push('\n');
        for s in &self.signatures {
            let mut raw = s.key_id.to_be_bytes().to_vec();
            raw.extend_from_slice(&s.signature);
            out.push_str(&format!("— {} {}\n", s.name, STANDARD.encode(raw)));
        }
        out
    }

    /// Signs `text` (which must end with a newline and hold no control character but newlines)
    /// with every signer, in order.
    pub fn sign(text: &str, signers: &[&NoteSigner]) -> Result<Self, NoteError> {
        if signers.is_empty() {
            return Err(NoteError::Signing("a signed note needs at least one signer".to_owned()));
        }
        let mut note = signed_note::Note::new(text.as_bytes(), &[]).map_err(|_| check_text(text))?;
        let signers: Vec<&dyn signed_note::Signer> =
            signers.iter().map(|s| *s as &dyn signed_note::Signer).collect();
        note.add_sigs(&signers).map_err(|e| NoteError::Signing(e.to_string()))?;
        let text = String::from_utf8_lossy(&note.to_bytes()).into_owned();
        Self::parse(&text)
    }

    /// Checks the signatures against the known keys (C2SP signed-note, "Signatures").
    pub fn verify(&self, known: &[NoteVerifier]) -> Result<Verified, NoteError> {
        let sigs = self
            .signatures
            .iter()
            .map(|s| signed_note::Signature::new(s.name.clone(), s.key_id, s.signature.clone()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| malformed(1, Malformed::BadKeyName))?;
        let note = signed_note::Note::new(self.text.as_bytes(), &sigs).map_err(|_| check_text(&self.text))?;
        let list = signed_note::VerifierList::new(
            known.iter().map(|v| Box::new(v.clone()) as Box<dyn signed_note::Verifier>).collect(),
        );
        match note.verify(&list) {
            Ok((verified, _unknown)) => Ok(Verified {
                text: self.text.clone(),
                signed_by: verified.iter().map(|s| s.name().to_owned()).collect(),
            }),
            Err(signed_note::NoteError::InvalidSignature { name, id }) => {
                Err(NoteError::BadSignature { name, key_id: id })
            }
            Err(signed_note::NoteError::VerificationError(
                signed_note::VerificationError::AmbiguousKey { name, id },
            )) => Err(NoteError::AmbiguousKey { name, key_id: id }),
            Err(_) => Err(NoteError::NoKnownSigner {
                signers: self.signatures.iter().map(|s| format!("{}+{:08x}", s.name, s.key_id)).collect(),
            }),
        }
    }
}

/// Parses a signed checkpoint and verifies it against the known keys: the checkpoint, if a known
/// key signed it and no known key's signature fails.
pub fn open_checkpoint(note: &str, known: &[NoteVerifier]) -> Result<(Checkpoint, Verified), NoteError> {
    let parsed = SignedNote::parse(note)?;
    let checkpoint = Checkpoint::parse(&parsed.text)?;
    let verified = parsed.verify(known)?;
    Ok((checkpoint, verified))
}

/// Signs a checkpoint, refusing one whose text would not parse back to itself (an origin that is
/// empty or holds a newline, an empty extension line).
pub fn sign_checkpoint(checkpoint: &Checkpoint, signers: &[&NoteSigner]) -> Result<SignedNote, NoteError> {
    checkpoint.validate()?;
    let text = checkpoint.to_text();
    SignedNote::sign(&text, signers)
}

/// The located reason a text cannot be a note's text.
fn check_text(text: &str) -> NoteError {
    for (i, line) in text.split('\n').enumerate() {
        if let Some(c) = line.chars().find(|&c| c < ' ') {
            return malformed(i + 1, Malformed::ControlCharacter(c as u32));
        }
    }
    if text.len() > MAX_NOTE_BYTES {
        return malformed(1, Malformed::TooLong);
    }
    if text.is_empty() {
        return malformed(1, Malformed::EmptyText);
    }
    malformed(text.split('\n').count(), Malformed::NoFinalNewline)
}

fn parse_signature_line(line: &str) -> Result<NoteSignature, Malformed> {
    let rest = line.strip_prefix("— ").ok_or(Malformed::NotASignatureLine)?;
    let (name, b64) = rest.split_once(' ').ok_or(Malformed::NoSignature)?;
    if !is_key_name_valid(name) {
        return Err(Malformed::BadKeyName);
    }
    let raw = STANDARD.decode(b64).map_err(|_| Malformed::BadBase64)?;
    // One spelling per signature: refuse what the decoder tolerates but would not write.
    if STANDARD.encode(&raw) != b64 {
        return Err(Malformed::BadBase64);
    }
    if raw.len() < 5 {
        return Err(Malformed::SignatureTooShort(raw.len()));
    }
    let key_id = u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]);
    Ok(NoteSignature { name: name.to_owned(), key_id, signature: raw[4..].to_vec() })
}

#[cfg(test)]
mod vkey_tests {
    use super::*;

    #[test]
    fn vkeys_round_trip_and_bad_ones_are_refused() {
        let signer = NoteSigner::new("example.com/log", SigningKey::from_bytes(&[7; 32])).unwrap();
        let vkey = signer.verifier().to_vkey();
        assert_eq!(NoteVerifier::from_vkey(&vkey).unwrap(), signer.verifier());
        let other_name = vkey.replacen("example.com/log", "example.org/log", 1);
        assert!(NoteVerifier::from_vkey(&other_name).is_err(), "the id binds the name");
        for bad in ["", "a+b", "n+0000000g+AQ==", "n+00000000+AQ=="] {
            assert!(NoteVerifier::from_vkey(bad).is_err(), "{bad}");
        }
    }
}
