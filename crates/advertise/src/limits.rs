//! The limits that keep the HTTP side available to well-behaved clients under abuse (see
//! `docs/advertise.md`, "Limits under abuse"). Apart so that the connection table and the server
//! both read them without importing each other.

use std::time::Duration;

use crate::AdvertiseError;

/// How much the HTTP server gives any one client, and for how long (docs/advertise.md, "Limits
/// under abuse"). A device has little memory and a loopback test tool must not be starved by one
/// misbehaving client, so every connection is bounded in count, in waiting time and in lifetime.
///
/// Change the fields of [`HttpLimits::default`]; [`Responder::bind`](crate::Responder::bind)
/// refuses zero counts or durations, and a per-client share larger than the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct HttpLimits {
    /// Connections served at once. Default 64.
    pub max_connections: usize,
    /// Connections one client (an IPv4 address, or an IPv6 /64) may hold at once. Default 8: well
    /// below [`max_connections`](Self::max_connections), so one address can never fill the server.
    pub max_connections_per_client: usize,
    /// How long a client may take to send a complete request head, counted from the connection
    /// (or from the end of its previous response on a kept-alive connection, so it also bounds
    /// idle time). The connection is closed when it passes. Default 10 s.
    pub header_read_timeout: Duration,
    /// When a limit above is reached, the connection that has waited longest for a complete
    /// request head is closed to make room for the new one, provided it has waited at least this
    /// long; otherwise the new connection is refused. Default 2 s: a client on any working
    /// network sends its head much faster, so only slow or idle clients give way.
    pub eviction_age: Duration,
    /// The longest any connection stays open, however busy. Default 60 s.
    pub connection_lifetime: Duration,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            max_connections: 64,
            max_connections_per_client: 8,
            header_read_timeout: Duration::from_secs(10),
            eviction_age: Duration::from_secs(2),
            connection_lifetime: Duration::from_secs(60),
        }
    }
}

impl HttpLimits {
    pub(crate) fn validate(&self) -> Result<(), AdvertiseError> {
        let bad = |field: &'static str, reason: &str| {
            Err(AdvertiseError::InvalidLimits { field, reason: reason.to_string() })
        };
        if self.max_connections == 0 {
            return bad("max_connections", "must be at least 1");
        }
        if self.max_connections_per_client == 0 || self.max_connections_per_client > self.max_connections {
            return bad("max_connections_per_client", "must be at least 1 and at most max_connections");
        }
        for (field, d) in [
            ("header_read_timeout", self.header_read_timeout),
            ("eviction_age", self.eviction_age),
            ("connection_lifetime", self.connection_lifetime),
        ] {
            if d.is_zero() {
                return bad(field, "must be longer than zero");
            }
        }
        Ok(())
    }
}
