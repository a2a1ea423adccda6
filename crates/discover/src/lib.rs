//! `iotlabel discover`: find the devices on a local network and say what each one is.
//!
//! On one interface it sends multicast DNS queries (RFC 6762: the DNS-SD service type
//! enumeration `_services._dns-sd._udp.local`, `_iotlabel._tcp.local` and common IoT service
//! types from data/rules.toml) to 224.0.0.251 and, when the interface has an IPv6 link-local
//! address, to ff02::fb, and an SSDP M-SEARCH (239.255.255.250:1900, IPv4 only), listens for a
//! bounded time, and lists every device it hears, once even when it answered over both IPv4 and
//! IPv6 (tied by its A/AAAA records; listed by its IPv4 address, its IPv6 ones besides; a device
//! heard over IPv6 alone by its IPv6 address): address, MAC from the neighbour table, names, the label
//! when the device advertises one (docs/advertise.md), and otherwise what it probably is: the
//! vendor from the IEEE OUI registry (data/oui.tsv), a device type guessed by data/rules.toml and
//! the sensors the taxonomy says such a device usually has.
//!
//! Safety: packets go only to the multicast groups on the named interface, from an ordinary
//! port on the interface's own addresses (responders answer by unicast; port 5353 is never bound
//! here); answers from off-link addresses are ignored (for IPv6: anything but link-local); a UPnP description is fetched only from
//! the device that answered (LOCATION's host is its address), and the label's well-known resource
//! only from the device that advertised it; every fetch is bounded in time and size.
//!
//! This crate prints nothing; it logs with `tracing`.

mod data;
mod guess;
mod mdns;
mod merge;
mod neigh;
mod net;
mod report;
mod ssdp;

use std::time::Duration;

pub use guess::{guess, is_locally_administered, normalize_mac, vendor};
pub use mdns::Heard;
pub use neigh::{parse_netlink_neigh, parse_proc_arp};
pub use report::{
    Clue, Device, Discovery, Guess, Label, MdnsService, Term, Upnp, WellKnown, discovery_schema,
};
pub use ssdp::{parse_answer, parse_description};

/// How to discover.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The interface to listen on; `None`: the one of the default route.
    pub interface: Option<String>,
    /// How long to listen.
    pub wait: Duration,
}

impl Options {
    pub fn new(interface: Option<String>, wait: Duration) -> Self {
        Options { interface, wait }
    }
}

/// Why a discovery could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiscoverError {
    /// No interface was named and there is no default route.
    #[error(
        "no interface named and no default route to pick one from; name one with --interface (e.g. --interface eth0)"
    )]
    NoDefaultInterface,
    /// The interface cannot be used.
    #[error(transparent)]
    Interface(#[from] iotlabel_advertise::AdvertiseError),
    /// A socket could not be opened on the interface.
    #[error("cannot open a socket on interface {interface}: {source}")]
    Socket {
        interface: String,
        #[source]
        source: std::io::Error,
    },
    /// The runtime could not be started.
    #[error("cannot start the discovery's runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

/// Runs one discovery (must run inside a tokio runtime with time and I/O enabled).
pub async fn discover(opts: &Options) -> Result<Discovery, DiscoverError> {
    let name = match &opts.interface {
        Some(n) => n.clone(),
        None => net::default_interface().ok_or(DiscoverError::NoDefaultInterface)?,
    };
    let iface = iotlabel_advertise::interface(&name)?;
    net::run(iface, opts).await
}

/// [`discover`] on a runtime of its own, blocking the calling thread.
pub fn discover_blocking(opts: &Options) -> Result<Discovery, DiscoverError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(DiscoverError::Runtime)?
        .block_on(discover(opts))
}

/// The device record built from what was heard, for tests and fuzzing (`discover` uses it).
pub fn device_of(ip: std::net::IpAddr, heard: &Heard, upnp: Option<Upnp>, mac: Option<String>) -> Device {
    net::device(ip, heard, upnp, mac)
}
