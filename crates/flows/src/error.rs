//! Located errors of the readers: which file, where in it, what was expected.

use core::fmt;

/// Where in its input a problem sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// Text input: 1-based line and column (in characters).
    Line { line: u64, column: u64 },
    /// Binary input: the byte offset from the start.
    Offset(u64),
    /// A capture: the 1-based number of the packet (or pcapng block).
    Record(u64),
}

/// A problem with the input, located.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ReadError {
    pub file: String,
    pub at: At,
    pub message: String,
    /// What the reader expected there.
    pub expected: Option<String>,
}

impl ReadError {
    pub fn line(file: &str, line: u64, column: u64, message: impl Into<String>, expected: &str) -> Self {
        ReadError {
            file: file.into(),
            at: At::Line { line, column },
            message: message.into(),
            expected: (!expected.is_empty()).then(|| expected.into()),
        }
    }

    pub fn offset(file: &str, offset: u64, message: impl Into<String>, expected: &str) -> Self {
        ReadError {
            file: file.into(),
            at: At::Offset(offset),
            message: message.into(),
            expected: (!expected.is_empty()).then(|| expected.into()),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            At::Line { line, column } => write!(f, "{}:{line}:{column}: {}", self.file, self.message)?,
            At::Offset(o) => write!(f, "{} at byte {o}: {}", self.file, self.message)?,
            At::Record(n) => write!(f, "{} at packet {n}: {}", self.file, self.message)?,
        }
        if let Some(e) = &self.expected {
            write!(f, " (expected {e})")?;
        }
        Ok(())
    }
}
