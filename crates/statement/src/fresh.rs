//! Freshness: was the statement issued recently, and not in the future? The caller supplies
//! `now` (the crate reads no clock) and the window.

use chrono::{DateTime, TimeDelta, Utc};

use crate::{Statement, StatementError};

/// How old a statement may be, and how far in the future its clock may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Freshness {
    /// The oldest accepted statement: `now - issued_at <= max_age`.
    pub max_age: TimeDelta,
    /// The allowed clock skew: `issued_at - now <= max_skew`.
    pub max_skew: TimeDelta,
}

/// Refuses a statement issued more than `window.max_age` before `now`
/// ([`StatementError::TooOld`]) or more than `window.max_skew` after it
/// ([`StatementError::FromTheFuture`]). Both bounds are inclusive.
pub fn check_fresh(
    statement: &Statement,
    now: DateTime<Utc>,
    window: Freshness,
) -> Result<(), StatementError> {
    let issued = statement.issued_at_time()?;
    let age = now - issued;
    if age > window.max_age {
        return Err(StatementError::TooOld {
            issued_at: statement.issued_at.clone(),
            age_seconds: age.num_seconds(),
            max_age_seconds: window.max_age.num_seconds(),
        });
    }
    let ahead = issued - now;
    if ahead > window.max_skew {
        return Err(StatementError::FromTheFuture {
            issued_at: statement.issued_at.clone(),
            ahead_seconds: ahead.num_seconds(),
            max_skew_seconds: window.max_skew.num_seconds(),
        });
    }
    Ok(())
}
