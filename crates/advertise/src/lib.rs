//! Screenless devices: publish the label on the network (protocol: docs/advertise.md).
//!
//! - DNS-SD service `_iotlabel._tcp.local.` (RFC 6763) whose TXT record carries the label URL,
//!   digest and id, and the MUD URL (RFC 8520) when there is one;
//! - `GET /.well-known/iot-label` (RFC 8615): the same facts as JSON, with the MUD URL for DHCP
//!   option 161.
//!
//! [`Responder`] serves both: HTTP on a TCP socket and DNS-SD queries on a UDP socket, in mDNS
//! wire format (RFC 6762). By default both must be loopback addresses: this crate is the
//! reference responder for tests and demos, and answers queries sent to its socket (unicast).
//! In [`MdnsMode::Multicast`] it is a real mDNS responder on one named interface: it joins
//! 224.0.0.251 and ff02::fb (each when the interface has an address of that family: IPv4, IPv6
//! link-local) on port 5353, announces its records, answers queries for them and says goodbye
//! when it stops; that must be asked for (`allow_non_loopback`).
//!
//! This crate writes nothing to the terminal; it logs with `tracing`.

mod advert;
mod conns;
mod dnssd;
mod error;
mod http;
mod iface;
mod limits;
mod multicast;

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use tokio::net::{TcpListener, UdpSocket};
use tokio::sync::watch;
use tracing::info;

pub use advert::{
    Advert, MAX_LABEL, MAX_TXT_STRING, WellKnownLabel, default_host_label, instance_name, txt_records,
    well_known_json,
};
pub use dnssd::MDNS_PORT;
pub use error::AdvertiseError;
pub use http::{CACHE_CONTROL, HttpLimits};
pub use iface::{NetInterface, interface};
pub use multicast::{MDNS_GROUP_V4, MDNS_GROUP_V6};

/// The DNS-SD service type (RFC 6763 §7), fully qualified.
pub const SERVICE_TYPE: &str = "_iotlabel._tcp.local.";
/// The well-known HTTP resource (RFC 8615).
pub const WELL_KNOWN_PATH: &str = "/.well-known/iot-label";

/// How DNS-SD queries are answered.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MdnsMode {
    /// No DNS-SD responder; only HTTP.
    Off,
    /// Answer mDNS-format queries sent to this UDP address (port 0: any free port). Queries from
    /// ports other than 5353 get legacy unicast answers (RFC 6762 §6.7).
    Unicast(SocketAddr),
    /// A real multicast DNS responder on the interface with this name (RFC 6762): port 5353 in
    /// the group 224.0.0.251 when the interface has an IPv4 address and ff02::fb when it has an
    /// IPv6 link-local address (one of them at least; an IPv6-only interface works). Needs
    /// `allow_non_loopback`. The published addresses (A and AAAA) are the interface's.
    Multicast {
        /// The interface's name, e.g. `eth0`.
        interface: String,
    },
}

/// Where and how to listen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Config {
    /// The HTTP address (port 0: any free port).
    pub http: SocketAddr,
    /// The DNS-SD responder.
    pub mdns: MdnsMode,
    /// Allow addresses outside 127.0.0.0/8 and ::1. Default false: listening beyond this machine
    /// publishes the label to the network and must be asked for.
    pub allow_non_loopback: bool,
    /// The host label of `<host>.local.` (the SRV target). Default: [`default_host_label`] of the
    /// label id.
    pub host_name: Option<String>,
    /// The address published in the host's A/AAAA record. Default: the HTTP address, or, when
    /// that is unspecified (0.0.0.0), the DNS-SD socket's; no address record when both are.
    pub advertised_ip: Option<IpAddr>,
    /// Bounds on HTTP connections: how many, per client and in total, and for how long. Default
    /// [`HttpLimits::default`].
    pub http_limits: HttpLimits,
}

impl Config {
    /// Loopback-only settings (the default); change the public fields for more.
    pub fn new(http: SocketAddr, mdns: MdnsMode) -> Self {
        Config {
            http,
            mdns,
            allow_non_loopback: false,
            host_name: None,
            advertised_ip: None,
            http_limits: HttpLimits::default(),
        }
    }
}

/// The addresses actually bound (with the ports the system chose for port 0) and the names
/// published, for the caller to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// The HTTP server's address; the resource is `http://<http>/.well-known/iot-label`.
    pub http: SocketAddr,
    /// The DNS-SD socket's address, if any (in multicast mode, 224.0.0.251:5353, or
    /// [ff02::fb%index]:5353 on an interface without IPv4).
    pub dns: Option<SocketAddr>,
    /// In multicast mode: the interface and the groups joined on it.
    pub multicast: Option<(String, Vec<SocketAddr>)>,
    /// The service instance name in presentation form (dots and backslashes in the instance
    /// escaped, RFC 6763 §4.3), e.g. `Acme Cam 2._iotlabel._tcp.local.`.
    pub service_instance: String,
    /// The SRV target, e.g. `acme-cam-2.local.`.
    pub host: String,
}

/// Whether `addr` is in 127.0.0.0/8 or ::1 (also as an IPv4-mapped IPv6 address).
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().to_canonical().is_loopback()
}

fn check_address(
    what: &'static str,
    addr: SocketAddr,
    allow_non_loopback: bool,
) -> Result<(), AdvertiseError> {
    if allow_non_loopback || is_loopback(&addr) {
        Ok(())
    } else {
        Err(AdvertiseError::NonLoopback { what, addr })
    }
}

fn escape_instance(instance: &str) -> String {
    instance.replace('\\', "\\\\").replace('.', "\\.")
}

/// A bound, not yet running responder.
#[derive(Debug)]
pub struct Responder {
    bound: Bound,
    listener: TcpListener,
    udp: Option<UdpSocket>,
    multicast: Option<multicast::Multicast>,
    zone: Arc<dnssd::Zone>,
    resource: Arc<http::Resource>,
    limits: HttpLimits,
}

impl Responder {
    /// Checks the advert and the addresses, then binds both sockets.
    pub async fn bind(advert: Advert, config: &Config) -> Result<Self, AdvertiseError> {
        advert.validate()?;
        config.http_limits.validate()?;
        check_address("HTTP", config.http, config.allow_non_loopback)?;
        let (dns_addr, iface) = match &config.mdns {
            MdnsMode::Off => (None, None),
            MdnsMode::Unicast(addr) => {
                check_address("DNS-SD", *addr, config.allow_non_loopback)?;
                (Some(*addr), None)
            }
            MdnsMode::Multicast { interface } => {
                let group = SocketAddr::from((MDNS_GROUP_V4, MDNS_PORT));
                check_address("DNS-SD", group, config.allow_non_loopback)?;
                (None, Some(iface::interface(interface)?))
            }
        };
        let host = match &config.host_name {
            Some(h) => {
                advert::check_host_label(h)?;
                h.clone()
            }
            None => default_host_label(&advert.id),
        };

        let bind_err = |what, addr| move |source| AdvertiseError::Bind { what, addr, source };
        let listener = TcpListener::bind(config.http).await.map_err(bind_err("HTTP", config.http))?;
        let http_addr = listener.local_addr().map_err(bind_err("HTTP", config.http))?;
        let (udp, dns_bound) = match dns_addr {
            None => (None, None),
            Some(addr) => {
                let sock = UdpSocket::bind(addr).await.map_err(bind_err("DNS-SD", addr))?;
                // RFC 6762 §11: mDNS answers are sent with IP TTL 255.
                sock.set_ttl(255).map_err(bind_err("DNS-SD", addr))?;
                let local = sock.local_addr().map_err(bind_err("DNS-SD", addr))?;
                (Some(sock), Some(local))
            }
        };
        let mcast = iface.as_ref().map(multicast::bind).transpose()?;
        // The interface's IPv6 link-local address, when mDNS runs over IPv6 there.
        let own_v6 = match (&mcast, &iface) {
            (Some(m), Some(i)) if m.has_v6() => i.ipv6_link_local.map(IpAddr::V6),
            _ => None,
        };
        let ip = config.advertised_ip.or_else(|| {
            let own = iface.as_ref().and_then(|i| i.ipv4).map(IpAddr::V4).or(own_v6);
            own.into_iter()
                .chain([Some(http_addr), dns_bound].into_iter().flatten().map(|a| a.ip()))
                .find(|ip| !ip.is_unspecified())
        });
        let mut zone = dnssd::Zone::new(&advert, &host, http_addr.port(), ip)?;
        if let Some(v6) = own_v6 {
            zone.add_address(v6);
        }
        let bound = Bound {
            http: http_addr,
            dns: dns_bound.or(mcast.as_ref().and_then(|m| m.groups().first().copied())),
            multicast: mcast.as_ref().zip(iface.as_ref()).map(|(m, i)| (i.name.clone(), m.groups())),
            service_instance: format!("{}.{SERVICE_TYPE}", escape_instance(&advert.instance)),
            host: zone.host(),
        };
        let resource = http::Resource::new(&well_known_json(&advert));
        Ok(Responder {
            bound,
            listener,
            udp,
            multicast: mcast,
            zone: Arc::new(zone),
            resource: Arc::new(resource),
            limits: config.http_limits,
        })
    }

    /// What was bound.
    pub fn bound(&self) -> &Bound {
        &self.bound
    }

    /// Serves until `shutdown` completes, then stops accepting, gives open HTTP connections up to
    /// two seconds to finish, and returns. Must run inside a tokio runtime.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> Result<(), AdvertiseError> {
        let Responder { bound, listener, udp, multicast, zone, resource, limits } = self;
        info!(http = %bound.http, dns = ?bound.dns, instance = %bound.service_instance, "advertising the label");
        let (stop_tx, stop_rx) = watch::channel(false);
        let http = http::run(listener, resource, limits, stop_rx.clone());
        let dns = async {
            if let Some(sock) = udp {
                dnssd::run(sock, zone.clone(), stop_rx.clone()).await;
            }
        };
        let mdns = async {
            if let Some(m) = multicast {
                multicast::run(m, zone.clone(), stop_rx.clone()).await;
            }
        };
        let stop = async {
            shutdown.await;
            info!("stopping the label responder");
            let _ = stop_tx.send(true);
        };
        tokio::join!(http, dns, mdns, stop);
        Ok(())
    }
}

/// Binds, tells `on_bound` what was bound, then serves until `shutdown` completes.
pub async fn serve(
    advert: Advert,
    config: Config,
    on_bound: impl FnOnce(&Bound),
    shutdown: impl Future<Output = ()>,
) -> Result<(), AdvertiseError> {
    let responder = Responder::bind(advert, &config).await?;
    on_bound(responder.bound());
    responder.run(shutdown).await
}

/// [`serve`] on a runtime of its own, blocking the calling thread (no other threads are started).
pub fn run_blocking(
    advert: Advert,
    config: Config,
    on_bound: impl FnOnce(&Bound),
    shutdown: impl Future<Output = ()>,
) -> Result<(), AdvertiseError> {
    runtime()?.block_on(serve(advert, config, on_bound, shutdown))
}

/// For `iotlabel advertise`: binds, calls `on_bound` (to print the addresses), then serves until
/// Ctrl-C (or SIGTERM on Unix). Blocking; prints nothing itself.
pub fn run_until_ctrl_c(
    advert: Advert,
    config: Config,
    on_bound: impl FnOnce(&Bound),
) -> Result<(), AdvertiseError> {
    runtime()?.block_on(async {
        // Install the handlers before binding, so a Ctrl-C right after `on_bound` is not lost.
        let stop = shutdown_signal()?;
        serve(advert, config, on_bound, stop).await
    })
}

/// What the DNS-SD responder would send back for `packet` (raw bytes as received on UDP), for a
/// device advertising `advert` as `host_label.local.` on `port`. For tests and fuzzing: the
/// responder itself calls the same code.
pub fn dns_answer(
    advert: &Advert,
    host_label: &str,
    port: u16,
    packet: &[u8],
    legacy_unicast: bool,
) -> Result<Option<Vec<u8>>, AdvertiseError> {
    let zone = dnssd::Zone::new(advert, host_label, port, Some(std::net::Ipv4Addr::LOCALHOST.into()))?;
    Ok(dnssd::answer_packet(&zone, packet, legacy_unicast))
}

/// Completes when `stop` turns true (or its sender is gone). Holds no borrow of the value, so
/// the future stays `Send`.
pub(crate) async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|s| *s).await;
}

fn runtime() -> Result<tokio::runtime::Runtime, AdvertiseError> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(AdvertiseError::Runtime)
}

#[cfg(unix)]
fn shutdown_signal() -> Result<impl Future<Output = ()>, AdvertiseError> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).map_err(AdvertiseError::Signal)?;
    let mut terminate = signal(SignalKind::terminate()).map_err(AdvertiseError::Signal)?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl Future<Output = ()>, AdvertiseError> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_means_127_8_and_ipv6_one() {
        for ok in ["127.0.0.1:1", "127.255.0.9:1", "[::1]:1", "[::ffff:127.0.0.2]:1"] {
            assert!(is_loopback(&ok.parse().unwrap()), "{ok}");
        }
        for no in ["0.0.0.0:1", "10.0.0.1:1", "[::]:1", "[::ffff:10.0.0.1]:1", "224.0.0.251:5353"] {
            assert!(!is_loopback(&no.parse().unwrap()), "{no}");
        }
    }

    #[test]
    fn instance_names_are_escaped_for_presentation() {
        assert_eq!(escape_instance(r"Acme v2.1 \o/"), r"Acme v2\.1 \\o/");
    }
}
