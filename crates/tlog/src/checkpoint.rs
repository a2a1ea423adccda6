//! C2SP tlog-checkpoint: the note text of a log's tree head.
//!
//! ```text
//! <origin>
//! <tree size, decimal, no leading zeroes>
//! <root hash, standard base64>
//! [extension lines]
//! ```
//!
//! Every line ends with a newline and none is empty. [`Checkpoint::to_text`] writes exactly this;
//! [`Checkpoint::parse`] accepts exactly what `to_text` can write (so a parsed checkpoint formats
//! back to the same bytes) and refuses anything else with the line and the reason.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::hash::Hash;

/// A log's tree head as a checkpoint's note text says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's identity, e.g. `registry.example/log`.
    pub origin: String,
    /// The number of leaves.
    pub size: u64,
    /// The RFC 9162 Merkle Tree Hash of those leaves.
    pub root_hash: Hash,
    /// Opaque extension lines, each non-empty (not recommended by the spec: monitors cannot audit
    /// them).
    pub extensions: Vec<String>,
}

/// Checkpoint text that is not exactly well formed: where, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("checkpoint line {line}: {reason}")]
pub struct CheckpointError {
    /// 1-based line number (a missing line is reported at the line where it should be).
    pub line: usize,
    pub reason: CheckpointReason,
}

/// What is wrong with a checkpoint's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointReason {
    #[error("the text does not end with a newline")]
    NoFinalNewline,
    #[error("missing {0} line (a checkpoint has an origin, a tree size and a root hash)")]
    Missing(&'static str),
    #[error("empty line (no line of a checkpoint may be empty)")]
    EmptyLine,
    #[error("control character U+{0:04X} (notes allow no character below U+0020 but the newline)")]
    ControlCharacter(u32),
    #[error("the tree size {0:?} is not a decimal number without sign or leading zeroes")]
    BadSize(String),
    #[error("the tree size {0:?} does not fit in 64 bits")]
    SizeTooLarge(String),
    #[error("the root hash is not standard padded base64 of 32 bytes")]
    BadRootHash,
}

impl Checkpoint {
    /// The checkpoint's note text, every line ending with a newline.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n{}\n{}\n", self.origin, self.size, STANDARD.encode(self.root_hash));
        for e in &self.extensions {
            out.push_str(e);
            out.push('\n');
        }
        out
    }

    /// Checks that [`Self::to_text`] gives a checkpoint that parses back to this one: the origin
    /// and every extension line non-empty and free of control characters (newlines included).
    pub fn validate(&self) -> Result<(), CheckpointError> {
        let lines = std::iter::once((1, self.origin.as_str()))
            .chain(self.extensions.iter().enumerate().map(|(i, e)| (i + 4, e.as_str())));
        for (line, text) in lines {
            if text.is_empty() {
                return Err(CheckpointError { line, reason: CheckpointReason::EmptyLine });
            }
            if let Some(c) = text.chars().find(|&c| c < ' ') {
                return Err(CheckpointError { line, reason: CheckpointReason::ControlCharacter(c as u32) });
            }
        }
        Ok(())
    }

    /// Parses a checkpoint's note text (the text of a signed note, final newline included).
    pub fn parse(text: &str) -> Result<Self, CheckpointError> {
        let err = |line, reason| Err(CheckpointError { line, reason });
        let Some(body) = text.strip_suffix('\n') else {
            return err(text.split('\n').count(), CheckpointReason::NoFinalNewline);
        };
        let lines: Vec<&str> = body.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                return err(i + 1, CheckpointReason::EmptyLine);
            }
            if let Some(c) = line.chars().find(|&c| c < ' ') {
                return err(i + 1, CheckpointReason::ControlCharacter(c as u32));
            }
        }
        let names = ["origin", "tree size", "root hash"];
        if lines.len() < 3 {
            return err(lines.len() + 1, CheckpointReason::Missing(names[lines.len()]));
        }
        let size_text = lines[1];
        let canonical = size_text.bytes().all(|b| b.is_ascii_digit())
            && (size_text == "0" || !size_text.starts_with('0'));
        if !canonical {
            return err(2, CheckpointReason::BadSize(size_text.to_owned()));
        }
        let Ok(size) = size_text.parse::<u64>() else {
            return err(2, CheckpointReason::SizeTooLarge(size_text.to_owned()));
        };
        let root_hash: Hash = match STANDARD.decode(lines[2]).ok().and_then(|b| b.try_into().ok()) {
            // The decoder refuses non-zero trailing bits, so this is the only spelling of the hash.
            Some(h) if STANDARD.encode(h) == lines[2] => h,
            _ => return err(3, CheckpointReason::BadRootHash),
        };
        Ok(Checkpoint {
            origin: lines[0].to_owned(),
            size,
            root_hash,
            extensions: lines[3..].iter().map(|s| (*s).to_owned()).collect(),
        })
    }
}

impl fmt::Display for Checkpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}
