//! Emulated IoT devices on loopback addresses, each from a profile with known weaknesses (or
//! known misbehaviour), and the ground truth of what each exposes: the yardstick of the scanner's
//! precision and recall.
//!
//! Only 127.0.0.0/8 addresses are accepted. The devices never change state, and the MQTT hub
//! counts PUBLISH packets received so tests can check the scanner never published.
//!
//! Modules: [`web`] (the router's login form and UPnP description, digest authentication, RTSP),
//! [`udp`] (SSDP, CoAP, mDNS and the hostile UDP responder).

pub mod udp;
pub mod web;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::task::JoinHandle;

/// A connection to a device lives at most this long.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(30);

/// The device types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Profile {
    /// Mirai-era DVR: telnet on 23 with root/xc3511.
    Dvr,
    /// Smart-home hub: MQTT on 1883 accepting anonymous clients.
    MqttHub,
    /// Router: plain-HTTP admin on 80 with HTTP basic admin:admin, a web login form (admin:admin)
    /// on 8080, SSDP on UDP 1900 with an Internet Gateway Device description (port mapping).
    Router,
    /// A well-built device: only HTTPS on 443, TLS 1.3 only, a CA-issued certificate.
    Secure,
    /// IP camera: HTTPS on 443 with a self-signed certificate, anonymous FTP on 21, an RTSP
    /// stream on 554 served without authentication.
    Camera,
    /// Hostile: an endless banner on 8080.
    Endless,
    /// Hostile: an FTP-looking greeting on 21, one byte per second.
    Drip,
    /// Hostile: garbage on 1883, and on UDP 5683, 1900 and 5353 (oversized datagrams, several
    /// answers to one request).
    Garbage,
    /// Hostile: breaks the TLS handshake midway on 443.
    BrokenTls,
    /// Sensor: CoAP on UDP 5683 serving its readings without authentication, mDNS on UDP 5353
    /// announcing `_coap._udp` with manufacturer, model and firmware in TXT.
    CoapSensor,
    /// Video doorbell: HTTP digest authentication (admin:admin, qop=auth) on 80, an RTSP stream
    /// behind digest authentication (admin:admin, no qop) on 8554.
    Doorbell,
}

impl Profile {
    pub const ALL: &[Profile] = &[
        Profile::Dvr,
        Profile::MqttHub,
        Profile::Router,
        Profile::Secure,
        Profile::Camera,
        Profile::Endless,
        Profile::Drip,
        Profile::Garbage,
        Profile::BrokenTls,
        Profile::CoapSensor,
        Profile::Doorbell,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Profile::Dvr => "dvr",
            Profile::MqttHub => "mqtt-hub",
            Profile::Router => "router",
            Profile::Secure => "secure",
            Profile::Camera => "camera",
            Profile::Endless => "endless",
            Profile::Drip => "drip",
            Profile::Garbage => "garbage",
            Profile::BrokenTls => "broken-tls",
            Profile::CoapSensor => "coap-sensor",
            Profile::Doorbell => "doorbell",
        }
    }

    pub fn from_name(s: &str) -> Option<Profile> {
        Profile::ALL.iter().copied().find(|p| p.name() == s)
    }

    /// The TCP ports the device listens on.
    pub fn ports(self) -> &'static [u16] {
        match self {
            Profile::Dvr => &[23],
            Profile::MqttHub | Profile::Garbage => &[1883],
            Profile::Router => &[80, 8080],
            Profile::Secure | Profile::BrokenTls => &[443],
            Profile::Camera => &[21, 443, 554],
            Profile::Endless => &[8080],
            Profile::Drip => &[21],
            Profile::CoapSensor => &[],
            Profile::Doorbell => &[80, 8554],
        }
    }

    /// The UDP ports the device answers on.
    pub fn udp_ports(self) -> &'static [u16] {
        match self {
            Profile::Router => &[1900],
            Profile::CoapSensor => &[5353, 5683],
            Profile::Garbage => &[1900, 5353, 5683],
            _ => &[],
        }
    }

    /// The planted weaknesses: (port, the scanner's check id).
    pub fn weaknesses(self) -> &'static [(u16, &'static str)] {
        match self {
            Profile::Dvr => &[(23, "insecure.telnet"), (23, "creds.default")],
            Profile::MqttHub => &[(1883, "insecure.mqtt-anonymous")],
            Profile::Router => &[
                (80, "insecure.http-admin"),
                (80, "creds.default"),
                (8080, "insecure.http-admin"),
                (8080, "creds.default"),
                (1900, "insecure.upnp-igd"),
            ],
            Profile::Camera => {
                &[(21, "insecure.ftp-anonymous"), (443, "tls.self-signed"), (554, "insecure.rtsp-open")]
            }
            Profile::CoapSensor => &[(5683, "insecure.coap-open")],
            Profile::Doorbell => {
                &[(80, "insecure.http-admin"), (80, "creds.default"), (8554, "creds.default")]
            }
            _ => &[],
        }
    }
}

/// What one device exposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TruthDevice {
    pub address: IpAddr,
    pub profile: Profile,
    /// TCP ports.
    pub ports: Vec<u16>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub udp_ports: Vec<u16>,
    pub weaknesses: Vec<Weakness>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Weakness {
    pub port: u16,
    pub check: String,
}

/// The ground truth of a fleet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truth {
    pub devices: Vec<TruthDevice>,
}

/// A running fleet: stops when dropped.
pub struct Fleet {
    pub truth: Truth,
    tasks: Vec<JoinHandle<()>>,
    publishes: Arc<AtomicU64>,
    accept_errors: Arc<AtomicU64>,
}

impl Fleet {
    /// MQTT PUBLISH packets received from clients (a scanner must send none).
    pub fn publishes_received(&self) -> u64 {
        self.publishes.load(Ordering::Relaxed)
    }

    /// Failed `accept` calls (for example, out of descriptors): a run where this is not zero
    /// measured the fleet, not the scanner.
    pub fn accept_errors(&self) -> u64 {
        self.accept_errors.load(Ordering::Relaxed)
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// The address of device `i` (0-based) from `base`.
pub fn address(base: Ipv4Addr, i: usize) -> Option<Ipv4Addr> {
    u32::from(base).checked_add(u32::try_from(i).ok()?).map(Ipv4Addr::from)
}

/// Descriptors kept free for connections beyond the fleet's own sockets.
pub const CONNECTION_HEADROOM: u64 = 4096;

/// The sockets `profiles` hold open while idle (TCP listeners and UDP sockets).
pub fn sockets_needed(profiles: &[Profile]) -> u64 {
    profiles.iter().map(|p| (p.ports().len() + p.udp_ports().len()) as u64).sum()
}

/// Raises this process's descriptor limit as far as it may and returns the (soft) limit now in
/// force: both limits to 262,144 when allowed (CAP_SYS_RESOURCE), else the soft limit to the
/// hard one. The fleet calls it before starting; a scanner facing a large fleet may too.
pub fn raise_descriptor_limit() -> u64 {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    const WANT: u64 = 262_144;
    let now = getrlimit(Resource::Nofile);
    let hard = now.maximum.map_or(WANT, |m| m.max(WANT));
    if setrlimit(Resource::Nofile, Rlimit { current: Some(WANT), maximum: Some(hard) }).is_err()
        && now.current != now.maximum
    {
        let _ = setrlimit(Resource::Nofile, Rlimit { current: now.maximum, maximum: now.maximum });
    }
    getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX)
}

/// Starts `profiles.len()` devices at `base`, `base + 1`, ... (all in 127.0.0.0/8).
///
/// Refuses a fleet whose sockets, plus [`CONNECTION_HEADROOM`] for connections, do not fit this
/// process's descriptor limit: such a fleet would silently stop accepting connections, and the
/// scanner would be blamed for what it then misses. Start several smaller fleets instead.
pub async fn start(base: Ipv4Addr, profiles: &[Profile]) -> Result<Fleet> {
    let needed = sockets_needed(profiles);
    let limit = raise_descriptor_limit();
    if needed.saturating_add(CONNECTION_HEADROOM) > limit {
        bail!(
            "{} device(s) hold {needed} sockets, and connections need {CONNECTION_HEADROOM} more, but this process \
             may open only {limit} descriptors (ulimit -n); start at most about {} devices per process, \
             or raise the hard limit",
            profiles.len(),
            (limit.saturating_sub(CONNECTION_HEADROOM) as usize * profiles.len()) / needed.max(1) as usize
        );
    }
    let tls = Arc::new(Tls::load()?);
    let publishes = Arc::new(AtomicU64::new(0));
    let accept_errors = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    let mut devices = Vec::new();
    for (i, &p) in profiles.iter().enumerate() {
        let Some(ip) = address(base, i).filter(|a| a.is_loopback()) else {
            bail!(
                "device {i} would not be on a loopback address (base {base}): the fleet lives in 127.0.0.0/8 only"
            );
        };
        for &port in p.ports() {
            let addr = SocketAddr::new(IpAddr::V4(ip), port);
            let listener = TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
            let tls = tls.clone();
            let publishes = publishes.clone();
            let accept_errors = accept_errors.clone();
            tasks.push(tokio::spawn(async move {
                loop {
                    let Ok((s, _)) = listener.accept().await else {
                        // Counted: a device that cannot accept is a broken yardstick.
                        accept_errors.fetch_add(1, Ordering::Relaxed);
                        tokio::time::sleep(Duration::from_millis(10)).await;
                        continue;
                    };
                    let tls = tls.clone();
                    let publishes = publishes.clone();
                    tokio::spawn(async move {
                        let _ =
                            tokio::time::timeout(CONNECTION_LIFETIME, serve(p, port, s, &tls, &publishes))
                                .await;
                    });
                }
            }));
        }
        for &port in p.udp_ports() {
            let addr = SocketAddr::new(IpAddr::V4(ip), port);
            let sock = UdpSocket::bind(addr).await.with_context(|| format!("binding UDP {addr}"))?;
            tasks.push(tokio::spawn(async move { crate::udp::serve(p, port, sock).await }));
        }
        let mut weaknesses: Vec<Weakness> =
            p.weaknesses().iter().map(|&(port, check)| Weakness { port, check: check.into() }).collect();
        weaknesses.sort();
        devices.push(TruthDevice {
            address: IpAddr::V4(ip),
            profile: p,
            ports: p.ports().to_vec(),
            udp_ports: p.udp_ports().to_vec(),
            weaknesses,
        });
    }
    Ok(Fleet { truth: Truth { devices }, tasks, publishes, accept_errors })
}

struct Tls {
    secure: Arc<rustls::ServerConfig>,
    camera: Arc<rustls::ServerConfig>,
}

impl Tls {
    fn load() -> Result<Tls> {
        use rustls_pki_types::pem::PemObject;
        use rustls_pki_types::{CertificateDer, PrivateKeyDer};
        let config = |cert: &[u8], key: &[u8], only13: bool| -> Result<Arc<rustls::ServerConfig>> {
            let certs: Vec<CertificateDer<'static>> =
                CertificateDer::pem_slice_iter(cert).collect::<Result<_, _>>().context("certificate PEM")?;
            let key = PrivateKeyDer::from_pem_slice(key).context("key PEM")?;
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let versions: &[&rustls::SupportedProtocolVersion] = if only13 {
                &[&rustls::version::TLS13]
            } else {
                &[&rustls::version::TLS13, &rustls::version::TLS12]
            };
            let c = rustls::ServerConfig::builder_with_provider(provider)
                .with_protocol_versions(versions)?
                .with_no_client_auth()
                .with_single_cert(certs, key)?;
            Ok(Arc::new(c))
        };
        Ok(Tls {
            secure: config(include_bytes!("../data/device.pem"), include_bytes!("../data/device.key"), true)?,
            camera: config(
                include_bytes!("../data/selfsigned.pem"),
                include_bytes!("../data/selfsigned.key"),
                false,
            )?,
        })
    }
}

async fn serve(
    p: Profile,
    port: u16,
    mut s: TcpStream,
    tls: &Tls,
    publishes: &AtomicU64,
) -> std::io::Result<()> {
    match (p, port) {
        (Profile::Dvr, _) => telnet(&mut s).await,
        (Profile::MqttHub, _) => mqtt(&mut s, publishes).await,
        (Profile::Router, 8080) => web::router_form(&mut s).await,
        (Profile::Router, _) => http_basic(&mut s).await,
        (Profile::Camera, 554) => web::rtsp(&mut s, false).await,
        (Profile::Doorbell, 8554) => web::rtsp(&mut s, true).await,
        (Profile::Doorbell, _) => web::http_digest(&mut s).await,
        (Profile::CoapSensor, _) => Ok(()),
        (Profile::Secure, _) => https(s, tls.secure.clone()).await,
        (Profile::Camera, 443) => https(s, tls.camera.clone()).await,
        (Profile::Camera, _) => ftp_anonymous(&mut s).await,
        (Profile::Endless, _) => loop {
            s.write_all(&[b'W'; 1024]).await?;
        },
        (Profile::Drip, _) => {
            for &b in b"220 Drip FTP server ready\r\n" {
                s.write_all(&[b]).await?;
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            Ok(())
        }
        (Profile::Garbage, _) => {
            let mut x: u32 = 0x9e37_79b9;
            let mut buf = [0u8; 512];
            loop {
                for b in buf.iter_mut() {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    *b = (x >> 24) as u8;
                }
                buf[0] = 0;
                s.write_all(&buf).await?;
                let mut sink = [0u8; 512];
                if s.read(&mut sink).await? == 0 {
                    return Ok(());
                }
            }
        }
        (Profile::BrokenTls, _) => {
            let mut hello = [0u8; 512];
            let _ = s.read(&mut hello).await?;
            s.write_all(&[22, 3, 3, 0, 74, 2, 0, 0, 70, 3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).await?;
            tokio::time::sleep(CONNECTION_LIFETIME).await;
            Ok(())
        }
    }
}

/// Reads one line, dropping telnet option negotiation (IAC x y).
async fn read_line(s: &mut TcpStream) -> std::io::Result<Option<String>> {
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    let mut skip = 0;
    loop {
        if s.read(&mut b).await? == 0 {
            return Ok(None);
        }
        if skip > 0 {
            skip -= 1;
            continue;
        }
        match b[0] {
            255 => skip = 2,
            b'\n' => return Ok(Some(String::from_utf8_lossy(&line).trim_end_matches('\r').to_string())),
            c if line.len() < 256 => line.push(c),
            _ => {}
        }
    }
}

async fn telnet(s: &mut TcpStream) -> std::io::Result<()> {
    s.write_all(&[255, 251, 1, 255, 251, 3]).await?;
    for _ in 0..3 {
        s.write_all(b"\r\nDVR login: ").await?;
        let Some(user) = read_line(s).await? else { return Ok(()) };
        s.write_all(b"Password: ").await?;
        let Some(pass) = read_line(s).await? else { return Ok(()) };
        if user == "root" && pass == "xc3511" {
            s.write_all(b"\r\n\r\nBusyBox v1.19.3 built-in shell (ash)\r\n# ").await?;
            let _ = read_line(s).await?;
            return Ok(());
        }
        s.write_all(b"\r\nLogin incorrect").await?;
    }
    Ok(())
}

async fn ftp_anonymous(s: &mut TcpStream) -> std::io::Result<()> {
    s.write_all(b"220 IPCam FTP server ready\r\n").await?;
    let mut user = String::new();
    while let Some(line) = read_line(s).await? {
        let (cmd, arg) = line.split_once(' ').unwrap_or((&line, ""));
        match cmd.to_ascii_uppercase().as_str() {
            "USER" => {
                user = arg.to_string();
                s.write_all(b"331 Please specify the password.\r\n").await?;
            }
            "PASS" if user == "anonymous" => s.write_all(b"230 Login successful.\r\n").await?,
            "PASS" => s.write_all(b"530 Login incorrect.\r\n").await?,
            "QUIT" => {
                s.write_all(b"221 Goodbye.\r\n").await?;
                return Ok(());
            }
            _ => s.write_all(b"530 Please login with USER and PASS.\r\n").await?,
        }
    }
    Ok(())
}

pub(crate) async fn read_head<S: AsyncReadExt + Unpin>(s: &mut S) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        let n = s.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}

async fn http_basic(s: &mut TcpStream) -> std::io::Result<()> {
    let head = read_head(s).await?;
    let good = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("admin:admin"));
    let authorised = head.lines().any(|l| {
        l.split_once(':').is_some_and(|(k, v)| k.eq_ignore_ascii_case("authorization") && v.trim() == good)
    });
    let resp = if authorised {
        let body = "<html><head><title>Router Status</title></head><body>WAN: up</body></html>";
        format!(
            "HTTP/1.1 200 OK\r\nServer: mini_httpd/1.19\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    } else {
        let body = "<html><head><title>401 Unauthorized</title></head></html>";
        format!(
            "HTTP/1.1 401 Unauthorized\r\nServer: mini_httpd/1.19\r\nWWW-Authenticate: Basic realm=\"Router\"\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    s.write_all(resp.as_bytes()).await
}

async fn https(s: TcpStream, config: Arc<rustls::ServerConfig>) -> std::io::Result<()> {
    let mut t = tokio_rustls::TlsAcceptor::from(config).accept(s).await?;
    let _ = read_head(&mut t).await?;
    let body = "<html><head><title>Device</title></head></html>";
    t.write_all(
        format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len())
            .as_bytes(),
    )
    .await?;
    t.shutdown().await
}

async fn mqtt(s: &mut TcpStream, publishes: &AtomicU64) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        // Handle every complete packet in the buffer.
        while let Some((kind, len)) = packet(&buf) {
            match kind >> 4 {
                1 => s.write_all(&[0x20, 2, 0, 0]).await?,
                3 => {
                    publishes.fetch_add(1, Ordering::Relaxed);
                }
                8 => {
                    let id = buf.get(2..4).map_or([0, 1], |b| [b[0], b[1]]);
                    s.write_all(&[0x90, 3, id[0], id[1], 0]).await?;
                    for (topic, payload) in [
                        ("$SYS/broker/version", "fleet-mosquitto 2.0"),
                        ("home/livingroom/temperature", "21.5"),
                    ] {
                        let mut p = vec![0x30, (2 + topic.len() + payload.len()) as u8, 0, topic.len() as u8];
                        p.extend_from_slice(topic.as_bytes());
                        p.extend_from_slice(payload.as_bytes());
                        s.write_all(&p).await?;
                    }
                }
                14 => return Ok(()),
                12 => s.write_all(&[0xD0, 0]).await?,
                _ => {}
            }
            buf.drain(..len);
        }
        let n = s.read(&mut chunk).await?;
        if n == 0 || buf.len() > 64 * 1024 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// The first complete MQTT packet's first byte and length.
fn packet(b: &[u8]) -> Option<(u8, usize)> {
    let mut len = 0usize;
    let mut mult = 1usize;
    let mut i = 1;
    loop {
        let x = *b.get(i)?;
        len += (x & 0x7f) as usize * mult;
        i += 1;
        if x & 0x80 == 0 {
            break;
        }
        mult *= 128;
        if i > 4 {
            return None;
        }
    }
    (b.len() >= i + len).then_some((b[0], i + len))
}

/// The fleet's standard mix: one device of every profile.
pub fn standard() -> Vec<Profile> {
    Profile::ALL.to_vec()
}
