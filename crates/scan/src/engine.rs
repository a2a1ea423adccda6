//! The network side: bounded connections (timeout, byte cap), a shared rate limit, bounded
//! concurrency, service identification and the checks. Parsing is left to [`crate::parse`].

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use chrono::Utc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, sleep_until, timeout};

use crate::creds::Credential;
use crate::parse::{self, Greeting, MqttPacket, Prompt, TlsReply};
use crate::report::{Finding, HostReport, Service, TlsInfo};

/// The ports scanned when none are given: the services IoT devices expose most.
pub const DEFAULT_PORTS: &[u16] = &[21, 22, 23, 80, 443, 554, 1883, 2323, 8080, 8443, 8554, 8883];

/// Ports where a TLS handshake is tried first.
const TLS_PORTS: &[u16] = &[443, 8443, 8883, 993, 995, 5684];

/// Proof bytes kept per finding.
pub const PROOF_BYTES: usize = 240;

/// Which checks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checks {
    /// Open ports and service identification (always needed by the others).
    pub ports: bool,
    /// Default credentials on telnet, FTP, HTTP basic, MQTT.
    pub creds: bool,
    /// TLS versions and certificates.
    pub tls: bool,
    /// Insecure services: telnet, anonymous FTP, plain-HTTP admin, MQTT without authentication,
    /// RTSP without authentication.
    pub insecure: bool,
    /// UDP services ([`crate::udp`]): CoAP, SSDP/UPnP, mDNS; their findings (open CoAP resources,
    /// UPnP IGD port mapping) and the identity they give.
    pub udp: bool,
}

impl Checks {
    pub const ALL: Checks = Checks { ports: true, creds: true, tls: true, insecure: true, udp: true };
    pub const NAMES: &[&str] = &["ports", "creds", "tls", "insecure", "udp"];

    /// From names (`ports,creds,tls,insecure` or `all`).
    pub fn parse(names: &[String]) -> Result<Checks, String> {
        let mut c = Checks { ports: true, creds: false, tls: false, insecure: false, udp: false };
        for n in names.iter().flat_map(|n| n.split(',')).map(str::trim).filter(|n| !n.is_empty()) {
            match n {
                "all" => c = Checks::ALL,
                "ports" => c.ports = true,
                "creds" => c.creds = true,
                "tls" => c.tls = true,
                "insecure" => c.insecure = true,
                "udp" => c.udp = true,
                other => {
                    return Err(format!(
                        "unknown check {other:?}: expected {} or all",
                        Checks::NAMES.join(", ")
                    ));
                }
            }
        }
        Ok(c)
    }

    pub fn names(self) -> Vec<String> {
        let on = [self.ports, self.creds, self.tls, self.insecure, self.udp];
        Checks::NAMES.iter().zip(on).filter(|(_, on)| *on).map(|(n, _)| n.to_string()).collect()
    }
}

/// How a scan behaves on the network.
#[derive(Debug, Clone)]
pub struct Config {
    pub ports: Vec<u16>,
    pub checks: Checks,
    /// Hosts scanned at once.
    pub concurrency: usize,
    /// New connections per second over the whole scan (0: no limit).
    pub rate: u32,
    pub connect_timeout: Duration,
    /// Deadline of one whole exchange on one connection.
    pub io_timeout: Duration,
    /// How long to wait for a greeting, and the silence that ends one.
    pub banner_wait: Duration,
    pub idle: Duration,
    /// Bytes read from one connection at most.
    pub byte_cap: usize,
    /// Credential attempts per device (over all its services).
    pub max_attempts: usize,
    pub creds: Vec<Credential>,
    /// How long to listen to an open MQTT broker.
    pub mqtt_listen: Duration,
    /// How long to wait for a UDP answer, and how many times a UDP request is sent.
    pub udp_wait: Duration,
    pub udp_tries: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ports: DEFAULT_PORTS.to_vec(),
            checks: Checks::ALL,
            concurrency: 64,
            rate: 0,
            connect_timeout: Duration::from_millis(1500),
            io_timeout: Duration::from_secs(3),
            banner_wait: Duration::from_millis(700),
            idle: Duration::from_millis(250),
            byte_cap: 16 * 1024,
            max_attempts: 24,
            creds: crate::creds::builtin(),
            mqtt_listen: Duration::from_millis(800),
            udp_wait: Duration::from_millis(600),
            udp_tries: 2,
        }
    }
}

/// New connections at most `rate` per second, shared by every task of a scan.
struct Rate {
    interval: Duration,
    next: Mutex<Instant>,
}

impl Rate {
    async fn wait(&self) {
        if self.interval.is_zero() {
            return;
        }
        let at = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let at = if *next > now { *next } else { now };
            *next = at + self.interval;
            at
        };
        sleep_until(at).await;
    }
}

#[derive(Debug)]
pub(crate) enum NetError {
    Connect,
    Io,
    Tls(String),
}

/// One connection with a deadline and a byte cap.
pub(crate) struct Conn {
    pub(crate) s: TcpStream,
    pub(crate) deadline: Instant,
    pub(crate) left: usize,
}

impl Conn {
    pub(crate) async fn send(&mut self, bytes: &[u8]) -> Result<(), NetError> {
        match tokio::time::timeout_at(self.deadline, self.s.write_all(bytes)).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(NetError::Io),
        }
    }

    /// Reads until `done` holds on what arrived, the peer closes, the deadline or the cap.
    pub(crate) async fn read_until(&mut self, done: impl Fn(&[u8]) -> bool) -> Vec<u8> {
        let mut got = Vec::new();
        let mut chunk = [0u8; 2048];
        while self.left > 0 && !done(&got) {
            let n = chunk.len().min(self.left);
            match tokio::time::timeout_at(self.deadline, self.s.read(&mut chunk[..n])).await {
                Ok(Ok(0)) | Ok(Err(_)) | Err(_) => break,
                Ok(Ok(k)) => {
                    self.left -= k;
                    got.extend_from_slice(&chunk[..k]);
                }
            }
        }
        got
    }

    /// A greeting: waits up to `first` for the first byte, then reads until `idle` of silence.
    async fn greeting(&mut self, first: Duration, idle: Duration) -> Vec<u8> {
        let mut got = Vec::new();
        let mut chunk = [0u8; 2048];
        let mut wait = first;
        while self.left > 0 {
            let until = (Instant::now() + wait).min(self.deadline);
            let n = chunk.len().min(self.left);
            match tokio::time::timeout_at(until, self.s.read(&mut chunk[..n])).await {
                Ok(Ok(k)) if k > 0 => {
                    self.left -= k;
                    got.extend_from_slice(&chunk[..k]);
                    wait = idle;
                }
                _ => break,
            }
        }
        got
    }
}

/// A scanner: its configuration and the shared rate limit. Cheap to clone.
#[derive(Clone)]
pub struct Scanner {
    cfg: Arc<Config>,
    rate: Arc<Rate>,
    tls: Arc<rustls::ClientConfig>,
}

impl Scanner {
    pub fn new(cfg: Config) -> Scanner {
        let interval = if cfg.rate == 0 { Duration::ZERO } else { Duration::from_secs(1) / cfg.rate };
        Scanner {
            cfg: Arc::new(cfg),
            rate: Arc::new(Rate { interval, next: Mutex::new(Instant::now()) }),
            tls: Arc::new(crate::tls::client_config()),
        }
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    /// Scans `targets`, at most `concurrency` hosts at once, calling `on_host` as each finishes
    /// (in completion order) with its report (also for hosts with nothing open).
    pub async fn run(&self, targets: Vec<IpAddr>, mut on_host: impl FnMut(HostReport)) {
        let mut tasks = tokio::task::JoinSet::new();
        let mut queue = targets.into_iter();
        let limit = self.cfg.concurrency.max(1);
        loop {
            while tasks.len() < limit {
                let Some(ip) = queue.next() else { break };
                let me = self.clone();
                tasks.spawn(async move { me.scan_host(ip).await });
            }
            match tasks.join_next().await {
                Some(Ok(h)) => on_host(h),
                Some(Err(_)) => {}
                None => break,
            }
        }
    }

    /// Waits for the scan's rate limit (every new connection, and every UDP request, counts).
    pub(crate) async fn pace(&self) {
        self.rate.wait().await;
    }

    pub(crate) async fn connect(&self, addr: SocketAddr) -> Result<Conn, NetError> {
        self.rate.wait().await;
        match timeout(self.cfg.connect_timeout, TcpStream::connect(addr)).await {
            Ok(Ok(s)) => {
                let _ = s.set_nodelay(true);
                Ok(Conn { s, deadline: Instant::now() + self.cfg.io_timeout, left: self.cfg.byte_cap })
            }
            _ => Err(NetError::Connect),
        }
    }

    /// Every check on one host.
    pub async fn scan_host(&self, ip: IpAddr) -> HostReport {
        let mut host = HostReport {
            address: ip,
            services: Vec::new(),
            findings: Vec::new(),
            notes: Vec::new(),
            label: None,
            identity: None,
        };
        let mut open = Vec::new();
        let mut probes = tokio::task::JoinSet::new();
        for &port in &self.cfg.ports {
            let me = self.clone();
            probes.spawn(async move { (port, me.connect(SocketAddr::new(ip, port)).await.is_ok()) });
        }
        while let Some(r) = probes.join_next().await {
            if let Ok((port, true)) = r {
                open.push(port);
            }
        }
        open.sort_unstable();
        let mut budget = self.cfg.max_attempts;
        for port in open {
            let addr = SocketAddr::new(ip, port);
            let svc = self.identify(addr, &mut host).await;
            self.check_service(addr, &svc, &mut host, &mut budget).await;
            if host.label.is_none() && svc.protocol == "http" {
                host.label = self.well_known_label(addr).await;
            }
            host.services.push(svc);
        }
        if self.cfg.checks.udp {
            crate::udp::check_host(self, ip, &mut host).await;
        }
        host
    }

    pub(crate) fn finding(
        &self,
        addr: SocketAddr,
        check: &str,
        method: &str,
        summary: String,
        proof: &[u8],
    ) -> Finding {
        Finding::new(addr, check, method, summary, proof)
    }

    /// What answers on an open port.
    async fn identify(&self, addr: SocketAddr, host: &mut HostReport) -> Service {
        let mut svc = Service {
            port: addr.port(),
            transport: "tcp".into(),
            protocol: "unknown".into(),
            banner: None,
            http_server: None,
            http_title: None,
            tls: None,
            ssh: None,
        };
        let Ok(mut c) = self.connect(addr).await else {
            host.notes.push(format!("{addr}: open, then refused a second connection"));
            return svc;
        };
        let greeting = c.greeting(self.cfg.banner_wait, self.cfg.idle).await;
        drop(c);
        if !greeting.is_empty() {
            svc.banner = Some(parse::proof(&greeting, PROOF_BYTES));
            svc.protocol = match parse::classify_greeting(&greeting) {
                Greeting::Ssh => "ssh",
                Greeting::Ftp => "ftp",
                Greeting::Telnet => "telnet",
                Greeting::Http => "http",
                Greeting::Unknown => "unknown",
            }
            .into();
            if svc.protocol == "ssh" {
                svc.ssh = crate::ssh::describe(self, addr, host).await;
            }
            return svc;
        }
        if crate::rtsp::RTSP_PORTS.contains(&addr.port())
            && let Some(reply) = crate::auth_io::rtsp_options(self, addr).await
        {
            svc.protocol = "rtsp".into();
            svc.banner = Some(parse::proof(&reply, PROOF_BYTES));
            return svc;
        }
        let order: [&str; 3] = if TLS_PORTS.contains(&addr.port()) {
            ["tls", "http", "mqtt"]
        } else if addr.port() == 1883 {
            ["mqtt", "http", "tls"]
        } else {
            ["http", "tls", "mqtt"]
        };
        for kind in order {
            match kind {
                "http" => {
                    if let Some((r, raw)) = self.http_get(addr, None).await {
                        svc.protocol = "http".into();
                        svc.http_server = r.server;
                        svc.http_title = r.title;
                        svc.banner = Some(parse::proof(&raw, PROOF_BYTES));
                        return svc;
                    }
                }
                "tls" => match tls_io::handshake(self, addr).await {
                    Ok(info) => {
                        svc.protocol = "tls".into();
                        svc.tls = Some(info);
                        return svc;
                    }
                    Err(NetError::Tls(e)) => match crate::tls_legacy::probe(self, addr).await {
                        // Only TLS 1.0 or 1.1: rustls refuses them, the legacy probe reads them.
                        Some(info) => {
                            svc.protocol = "tls".into();
                            svc.tls = Some(info);
                            return svc;
                        }
                        None => host.notes.push(format!("{addr}: TLS handshake failed: {e}")),
                    },
                    Err(_) => {}
                },
                _ => {
                    if let Some((code, _)) = self.mqtt_connect(addr, None).await {
                        svc.protocol = "mqtt".into();
                        svc.banner = Some(format!("CONNACK {code}"));
                        return svc;
                    }
                }
            }
        }
        svc
    }

    async fn check_service(
        &self,
        addr: SocketAddr,
        svc: &Service,
        host: &mut HostReport,
        budget: &mut usize,
    ) {
        let checks = self.cfg.checks;
        match svc.protocol.as_str() {
            "telnet" => {
                if checks.insecure {
                    let proof = svc.banner.clone().unwrap_or_default();
                    let mut f = self.finding(
                        addr,
                        "insecure.telnet",
                        "TCP connect and greeting read",
                        "telnet (unencrypted remote login) is exposed".into(),
                        &[],
                    );
                    f.proof = proof;
                    host.findings.push(f);
                }
                if checks.creds {
                    self.try_creds(addr, "telnet", &[], host, budget).await;
                }
            }
            "ftp" => {
                let anonymous =
                    self.ftp_login(addr, "anonymous", "iotlabel-scan@").await.ok().filter(|r| r.0);
                if checks.insecure
                    && let Some((_, raw)) = &anonymous
                {
                    host.findings.push(self.finding(
                        addr,
                        "insecure.ftp-anonymous",
                        "FTP USER anonymous / PASS",
                        "FTP accepts anonymous login".into(),
                        raw,
                    ));
                }
                if checks.creds {
                    // The anonymous account's own names are not default credentials.
                    let skip: &[&str] = if anonymous.is_some() { &["anonymous", "ftp"] } else { &[] };
                    self.try_creds(addr, "ftp", skip, host, budget).await;
                }
            }
            "http" => {
                let Some((r, raw)) = self.http_get(addr, None).await else { return };
                let asks_login = (r.status == 401
                    && matches!(r.auth_scheme.as_deref(), Some("basic" | "digest")))
                    || r.login_form;
                if checks.insecure && asks_login {
                    host.findings.push(self.finding(
                        addr,
                        "insecure.http-admin",
                        "HTTP GET / without TLS",
                        format!(
                            "a login ({}) is served over plain HTTP",
                            r.auth_scheme.as_deref().unwrap_or("form")
                        ),
                        &raw,
                    ));
                }
                if checks.creds && r.status == 401 && r.auth_scheme.as_deref() == Some("basic") {
                    self.try_creds(addr, "http", &[], host, budget).await;
                } else if checks.creds && (r.status == 401 || r.login_form) {
                    // Digest authentication and login forms.
                    if let Some(how) = crate::auth_io::http_login_kind(self, addr, &raw).await {
                        self.try_creds(addr, &how, &[], host, budget).await;
                    }
                }
            }
            "rtsp" => crate::auth_io::check_rtsp(self, addr, host, budget).await,
            "mqtt" => {
                let Some((code, raw)) = self.mqtt_connect(addr, None).await else { return };
                if code == 0 {
                    if checks.insecure {
                        let topics = self.mqtt_listen(addr).await;
                        let seen = if topics.is_empty() {
                            "no message within the listening time".to_string()
                        } else {
                            format!("topics seen: {}", topics.into_iter().collect::<Vec<_>>().join(", "))
                        };
                        host.findings.push(self.finding(
                            addr,
                            "insecure.mqtt-anonymous",
                            "MQTT CONNECT without credentials, SUBSCRIBE $SYS/# and # (nothing published)",
                            format!("the broker accepts clients without authentication; {seen}"),
                            &raw,
                        ));
                    }
                } else if checks.creds {
                    self.try_creds(addr, "mqtt", &[], host, budget).await;
                }
            }
            "ssh" => {
                if checks.insecure {
                    host.findings.extend(crate::ssh::findings(self, addr, svc));
                }
                if checks.creds && svc.ssh.as_ref().is_some_and(|i| i.offers_password()) {
                    self.try_creds(addr, "ssh", &[], host, budget).await;
                }
            }
            "tls" if checks.tls => {
                let Some(info) = &svc.tls else { return };
                for v in &info.legacy_accepted {
                    host.findings.push(self.finding(
                        addr,
                        "tls.legacy-version",
                        "ClientHello offering only this version",
                        format!("the server accepts {v}"),
                        v.as_bytes(),
                    ));
                }
                let cert = format!(
                    "subject {}, issuer {}",
                    info.subject.as_deref().unwrap_or("?"),
                    info.issuer.as_deref().unwrap_or("?")
                );
                if info.self_signed {
                    host.findings.push(self.finding(
                        addr,
                        "tls.self-signed",
                        "TLS handshake, certificate read",
                        format!("the certificate is self-signed ({cert})"),
                        cert.as_bytes(),
                    ));
                }
                if info.expired {
                    let when = info.not_after.map(|t| t.to_rfc3339()).unwrap_or_default();
                    host.findings.push(self.finding(
                        addr,
                        "tls.expired",
                        "TLS handshake, certificate read",
                        format!("the certificate expired on {when}"),
                        when.as_bytes(),
                    ));
                }
            }
            _ => {}
        }
    }

    /// Tries the list's credentials for `service`, after checking that the service does not
    /// accept any login (a random user name): at most `budget` attempts for the device, backing
    /// off when the device slows down or drops connections, giving up after three failures in a row.
    pub(crate) async fn try_creds(
        &self,
        addr: SocketAddr,
        service: &str,
        skip: &[&str],
        host: &mut HostReport,
        budget: &mut usize,
    ) {
        let nonce = Utc::now().timestamp_nanos_opt().unwrap_or(0).unsigned_abs();
        let random = (format!("iotlabel-{nonce:x}"), format!("x{:x}!", nonce.rotate_left(17)));
        let list: Vec<&Credential> = self
            .cfg
            .creds
            .iter()
            .filter(|c| {
                c.service == crate::auth_io::credential_service(service)
                    && !skip.contains(&c.username.as_str())
            })
            .collect();
        if list.is_empty() || *budget == 0 {
            if *budget == 0 && !list.is_empty() {
                host.notes.push(format!(
                    "{addr}: {service} credentials not tried: the device's attempt budget is spent"
                ));
            }
            return;
        }
        *budget -= 1;
        match self.login(addr, service, &random.0, &random.1).await {
            Ok((true, raw)) => {
                host.findings.push(self.finding(
                    addr,
                    "creds.any",
                    &format!("{service} login with a random user name and password"),
                    format!("{service} accepts any user name and password"),
                    &raw,
                ));
                return;
            }
            Ok(_) => {}
            Err(_) => {
                host.notes.push(format!("{addr}: {service} login did not complete; credentials not tried"));
                return;
            }
        }
        let mut delay = Duration::ZERO;
        let mut errors = 0;
        let mut tried = 0;
        for c in list {
            if *budget == 0 {
                host.notes.push(format!(
                    "{addr}: {service}: {tried} credential(s) tried, the device's attempt budget is spent"
                ));
                return;
            }
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            *budget -= 1;
            tried += 1;
            let started = Instant::now();
            match self.login(addr, service, &c.username, &c.password).await {
                Ok((true, raw)) => {
                    let mut f = self.finding(
                        addr,
                        "creds.default",
                        &format!("{service} login with a published default credential"),
                        format!(
                            "{service} accepts the default credential {}:{} ({})",
                            c.username, c.password, c.origin
                        ),
                        &raw,
                    );
                    f.credential = Some(c.clone());
                    host.findings.push(f);
                    return;
                }
                Ok(_) => {
                    errors = 0;
                    // A device answering slowly is throttling: slow down with it.
                    if started.elapsed() > self.cfg.io_timeout / 2 {
                        delay = (delay * 2).max(Duration::from_millis(100)).min(Duration::from_secs(3));
                    }
                }
                Err(_) => {
                    errors += 1;
                    delay = (delay * 2).max(Duration::from_millis(200)).min(Duration::from_secs(3));
                    if errors >= 3 {
                        host.notes.push(format!("{addr}: {service} stopped answering after {tried} attempt(s) (locked out or rate limited); gave up"));
                        return;
                    }
                }
            }
        }
    }

    async fn login(
        &self,
        addr: SocketAddr,
        service: &str,
        user: &str,
        pass: &str,
    ) -> Result<(bool, Vec<u8>), NetError> {
        match service {
            "telnet" => self.telnet_login(addr, user, pass).await,
            "ftp" => self.ftp_login(addr, user, pass).await,
            "http" => {
                let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
                match self.http_get(addr, Some(&auth)).await {
                    Some((r, raw)) => Ok(((200..400).contains(&r.status), raw)),
                    None => Err(NetError::Io),
                }
            }
            "mqtt" => match self.mqtt_connect(addr, Some((user, pass))).await {
                Some((code, raw)) => Ok((code == 0, raw)),
                None => Err(NetError::Io),
            },
            "ssh" => crate::ssh::login(self, addr, user, pass).await,
            other => crate::auth_io::login(self, addr, other, user, pass).await,
        }
    }

    async fn telnet_login(
        &self,
        addr: SocketAddr,
        user: &str,
        pass: &str,
    ) -> Result<(bool, Vec<u8>), NetError> {
        let mut c = self.connect(addr).await?;
        let first =
            c.read_until(|b| matches!(parse::telnet_prompt(b), Prompt::Login | Prompt::Password)).await;
        let (_, refusals, _) = parse::telnet_strip(&first);
        if !refusals.is_empty() {
            c.send(&refusals).await?;
        }
        let mut state = parse::telnet_prompt(&first);
        if state == Prompt::Login {
            c.send(format!("{user}\r\n").as_bytes()).await?;
            let b = c.read_until(|b| parse::telnet_prompt(b) != Prompt::None).await;
            state = parse::telnet_prompt(&b);
        }
        if state != Prompt::Password {
            return Err(NetError::Io);
        }
        c.send(format!("{pass}\r\n").as_bytes()).await?;
        let b = c.read_until(|b| parse::telnet_prompt(b) != Prompt::None).await;
        match parse::telnet_prompt(&b) {
            Prompt::Shell => Ok((true, b)),
            Prompt::None => Err(NetError::Io),
            _ => Ok((false, b)),
        }
    }

    async fn ftp_login(&self, addr: SocketAddr, user: &str, pass: &str) -> Result<(bool, Vec<u8>), NetError> {
        let mut c = self.connect(addr).await?;
        let reply = |b: &[u8]| parse::ftp_reply(b).is_some();
        let hello = c.read_until(reply).await;
        if parse::ftp_reply(&hello).map(|r| r.0) != Some(220) {
            return Err(NetError::Io);
        }
        c.send(format!("USER {user}\r\n").as_bytes()).await?;
        let r = c.read_until(reply).await;
        let code = parse::ftp_reply(&r).map(|r| r.0).ok_or(NetError::Io)?;
        if code == 230 {
            return Ok((true, r));
        }
        if code != 331 {
            return Ok((false, r));
        }
        c.send(format!("PASS {pass}\r\n").as_bytes()).await?;
        let r = c.read_until(reply).await;
        let code = parse::ftp_reply(&r).map(|r| r.0).ok_or(NetError::Io)?;
        let _ = c.send(b"QUIT\r\n").await;
        Ok((code == 230, r))
    }

    async fn http_get(
        &self,
        addr: SocketAddr,
        basic: Option<&str>,
    ) -> Option<(parse::HttpResponse, Vec<u8>)> {
        let mut c = self.connect(addr).await.ok()?;
        let auth = basic.map(|a| format!("Authorization: Basic {a}\r\n")).unwrap_or_default();
        let req = format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nUser-Agent: iotlabel-scan\r\n{auth}Connection: close\r\n\r\n",
            addr.ip()
        );
        c.send(req.as_bytes()).await.ok()?;
        // The head, and up to 4 KiB of the body for the title.
        let raw = c
            .read_until(|b| {
                b.windows(4).position(|w| w == b"\r\n\r\n").is_some_and(|i| {
                    b.len() - i > 4096 || b.windows(8).any(|w| w.eq_ignore_ascii_case(b"</title>"))
                })
            })
            .await;
        if !parse::http_head_complete(&raw) {
            return None;
        }
        parse::parse_http(&raw).map(|r| (r, raw))
    }

    /// `GET /.well-known/iot-label`: the label the host advertises, if any.
    async fn well_known_label(&self, addr: SocketAddr) -> Option<crate::label::SeenLabel> {
        let mut c = self.connect(addr).await.ok()?;
        let req = format!(
            "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: iotlabel-scan\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
            crate::label::WELL_KNOWN_PATH,
            addr.ip()
        );
        c.send(req.as_bytes()).await.ok()?;
        // Up to the end its head announces, else the close (the byte cap bounds both).
        let raw = c.read_until(parse::http_complete).await;
        crate::label::read_well_known(addr.port(), &raw)
    }

    /// CONNECT; the CONNACK's return code and bytes.
    async fn mqtt_connect(&self, addr: SocketAddr, login: Option<(&str, &str)>) -> Option<(u8, Vec<u8>)> {
        let mut c = self.connect(addr).await.ok()?;
        c.send(&parse::mqtt_connect("iotlabel-scan", login)).await.ok()?;
        let raw = c.read_until(|b| parse::mqtt_packet(b).is_some() || b.len() > 64).await;
        let code = match parse::mqtt_packet(&raw) {
            Some((MqttPacket::Connack(code), _)) => code,
            _ => return None,
        };
        let _ = c.send(&parse::MQTT_DISCONNECT).await;
        Some((code, raw))
    }

    /// Subscribes to `$SYS/#` and `#` for a moment; the topics heard (never publishes).
    async fn mqtt_listen(&self, addr: SocketAddr) -> BTreeSet<String> {
        let mut topics = BTreeSet::new();
        let Ok(mut c) = self.connect(addr).await else { return topics };
        c.deadline = Instant::now() + self.cfg.mqtt_listen;
        if c.send(&parse::mqtt_connect("iotlabel-scan", None)).await.is_err()
            || c.send(&parse::mqtt_subscribe(1, &["$SYS/#", "#"])).await.is_err()
        {
            return topics;
        }
        let raw = c.read_until(|_| false).await;
        let mut rest = &raw[..];
        while let Some((p, n)) = parse::mqtt_packet(rest) {
            if let MqttPacket::Publish(t) = p
                && topics.len() < 8
            {
                topics.insert(t.chars().take(80).collect());
            }
            rest = &rest[n..];
        }
        let _ = c.send(&parse::MQTT_DISCONNECT).await;
        topics
    }
}

/// TLS: a handshake that accepts any certificate (to read it), and the legacy-version probe.
mod tls_io {
    use super::*;

    pub async fn handshake(s: &Scanner, addr: SocketAddr) -> Result<TlsInfo, NetError> {
        let c = s.connect(addr).await?;
        let connector = tokio_rustls::TlsConnector::from(s.tls.clone());
        let name = rustls_pki_types::ServerName::IpAddress(addr.ip().into());
        let stream = match tokio::time::timeout_at(c.deadline, connector.connect(name, c.s)).await {
            Ok(Ok(st)) => st,
            Ok(Err(e)) => return Err(NetError::Tls(e.to_string())),
            Err(_) => return Err(NetError::Tls("no answer before the deadline".into())),
        };
        let (_, conn) = stream.get_ref();
        let version = match conn.protocol_version() {
            Some(rustls::ProtocolVersion::TLSv1_3) => "TLSv1.3",
            Some(rustls::ProtocolVersion::TLSv1_2) => "TLSv1.2",
            _ => "unknown",
        };
        let mut info = conn
            .peer_certificates()
            .and_then(|c| c.first())
            .map(|c| crate::tls::cert_info(c.as_ref(), Utc::now()))
            .unwrap_or_else(crate::tls::no_cert);
        info.version = version.into();
        drop(stream);
        if s.cfg.checks.tls {
            for (v, name) in [(0x0301u16, "TLSv1.0"), (0x0302, "TLSv1.1")] {
                if legacy_accepted(s, addr, v).await {
                    info.legacy_accepted.push(name.into());
                }
            }
        }
        Ok(info)
    }

    async fn legacy_accepted(s: &Scanner, addr: SocketAddr, version: u16) -> bool {
        let Ok(mut c) = s.connect(addr).await else { return false };
        let random: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(31).wrapping_add(7));
        if c.send(&parse::legacy_client_hello(version, random)).await.is_err() {
            return false;
        }
        let raw = c.read_until(|b| parse::tls_reply(b) != TlsReply::Incomplete).await;
        parse::tls_reply(&raw) == TlsReply::ServerHello(version)
    }
}
