//! The one error type of this crate.

use std::io;
use std::net::SocketAddr;

/// Why an advert could not be published.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AdvertiseError {
    /// A field of the [`Advert`](crate::Advert) breaks a limit of the protocol (docs/advertise.md).
    #[error("cannot advertise the label: {field} {reason}")]
    InvalidAdvert {
        /// The field: `id`, `url`, `digest`, `mud_url`, `instance` or `host_name`.
        field: &'static str,
        /// What is wrong with it, in words.
        reason: String,
    },
    /// A field of [`HttpLimits`](crate::HttpLimits) is out of range.
    #[error("cannot serve the label: HTTP limit {field} {reason}")]
    InvalidLimits {
        /// The field of `HttpLimits`.
        field: &'static str,
        /// What is wrong with it, in words.
        reason: String,
    },
    /// An address outside 127.0.0.0/8 and ::1 was given without `allow_non_loopback`.
    #[error(
        "refusing to listen for {what} on {addr}: not a loopback address (127.0.0.0/8 or ::1). \
         This responder publishes the label to whoever can reach the address, so listening beyond \
         this machine must be asked for explicitly (allow_non_loopback)"
    )]
    NonLoopback {
        /// `HTTP` or `DNS-SD`.
        what: &'static str,
        /// The address that was refused.
        addr: SocketAddr,
    },
    /// The socket could not be bound (address in use, not local, no permission).
    #[error("cannot listen for {what} on {addr}: {source}")]
    Bind {
        /// `HTTP` or `DNS-SD`.
        what: &'static str,
        /// The address that could not be bound.
        addr: SocketAddr,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// The named network interface cannot be used (absent, no IPv4 address).
    #[error("cannot use network interface {name}: {reason}")]
    Interface {
        /// The interface's name as given.
        name: String,
        /// Why, in words.
        reason: String,
    },
    /// The async runtime could not be started.
    #[error("cannot start the responder's runtime: {0}")]
    Runtime(#[source] io::Error),
    /// The Ctrl-C / SIGTERM handler could not be installed.
    #[error("cannot listen for Ctrl-C: {0}")]
    Signal(#[source] io::Error),
}
