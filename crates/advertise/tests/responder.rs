//! The responder over real loopback sockets: DNS-SD queries in mDNS wire format and HTTP/1.1
//! requests, each read bounded by a timeout.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use hickory_proto::op::{Edns, Message, MessageType, Query, ResponseCode};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use iotlabel_advertise::{
    Advert, AdvertiseError, Bound, CACHE_CONTROL, Config, HttpLimits, MdnsMode, Responder, SERVICE_TYPE,
    run_blocking, well_known_json,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream, UdpSocket};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::{Instant, timeout};

const READ_TIMEOUT: Duration = Duration::from_secs(5);

fn advert() -> Advert {
    Advert::new(
        "acme-cam-2-rev-b-1-4-2",
        "https://labels.example/acme-cam-2-rev-b-1-4-2?d=0123456789abcdef",
        format!("sha256:0123456789abcdef{}", "0".repeat(48)),
        Some("https://mud.acme.example/cam-2.json".to_string()),
        "Acme",
        "Cam 2. Rev B",
    )
}

fn any_port() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

struct Running {
    bound: Bound,
    stop: oneshot::Sender<()>,
    task: JoinHandle<Result<(), AdvertiseError>>,
}

impl Running {
    async fn start(advert: Advert) -> Self {
        Self::with_limits(advert, HttpLimits::default()).await
    }

    async fn with_limits(advert: Advert, limits: HttpLimits) -> Self {
        let mut config = Config::new(any_port(), MdnsMode::Unicast(any_port()));
        config.http_limits = limits;
        let responder = Responder::bind(advert, &config).await.expect("bind on loopback");
        let bound = responder.bound().clone();
        let (stop, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(responder.run(async move {
            let _ = rx.await;
        }));
        Running { bound, stop, task }
    }

    fn dns(&self) -> SocketAddr {
        self.bound.dns.expect("a DNS-SD socket")
    }

    async fn stop(self) {
        self.stop.send(()).unwrap();
        timeout(READ_TIMEOUT, self.task).await.expect("the responder stops").unwrap().unwrap();
    }
}

/// Sends one query from an ephemeral port (a legacy unicast querier) and parses the answer.
async fn ask(server: SocketAddr, query: &Message) -> Message {
    Message::from_vec(&ask_raw(server, &query.to_vec().unwrap()).await).expect("a well-formed DNS message")
}

/// Sends `packet` from an ephemeral port and returns the raw answer.
async fn ask_raw(server: SocketAddr, packet: &[u8]) -> Vec<u8> {
    let sock = UdpSocket::bind(any_port()).await.unwrap();
    sock.send_to(packet, server).await.unwrap();
    let mut buf = vec![0u8; 65536];
    let (n, from) =
        timeout(READ_TIMEOUT, sock.recv_from(&mut buf)).await.expect("a DNS answer in time").unwrap();
    assert_eq!(from, server);
    buf.truncate(n);
    buf
}

fn question(name: &str, qtype: RecordType) -> Message {
    let mut m = Message::query();
    m.add_query(Query::query(Name::from_ascii(name).unwrap(), qtype));
    m
}

fn txt_map(r: &Record) -> BTreeMap<String, String> {
    let RData::TXT(txt) = &r.data else { panic!("not a TXT record: {r:?}") };
    txt.txt_data
        .iter()
        .map(|s| {
            let s = std::str::from_utf8(s).unwrap();
            let (k, v) = s.split_once('=').unwrap();
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn find(records: &[Record], rtype: RecordType) -> &Record {
    records.iter().find(|r| r.record_type() == rtype).unwrap_or_else(|| panic!("no {rtype} in {records:?}"))
}

#[tokio::test]
async fn browsing_finds_the_label_over_dns_sd() {
    let advert = advert();
    let running = Running::start(advert.clone()).await;
    let query = question(SERVICE_TYPE, RecordType::PTR);
    let answer = ask(running.dns(), &query).await;

    // Legacy unicast (RFC 6762 §6.7): same id, question repeated, TTL at most 10 s.
    assert_eq!(answer.metadata.message_type, MessageType::Response);
    assert_eq!(answer.metadata.id, query.metadata.id);
    assert!(answer.metadata.authoritative);
    assert_eq!(answer.queries, query.queries);
    assert!(answer.answers.iter().chain(&answer.additionals).all(|r| r.ttl <= 10 && r.ttl > 0));

    // PTR → the instance; the instance label is the raw UTF-8 name, dots included.
    let RData::PTR(ptr) = &find(&answer.answers, RecordType::PTR).data else { unreachable!() };
    let instance = &ptr.0;
    assert_eq!(instance.iter().next().unwrap(), b"Acme Cam 2. Rev B");
    assert_eq!(running.bound.service_instance, r"Acme Cam 2\. Rev B._iotlabel._tcp.local.");

    // Additional records: SRV to the HTTP port, TXT with the label, A for the host.
    let srv_record = find(&answer.additionals, RecordType::SRV);
    assert_eq!(&srv_record.name, instance);
    let RData::SRV(srv) = &srv_record.data else { unreachable!() };
    assert_eq!(srv.port, running.bound.http.port());
    assert_eq!(srv.target.to_ascii(), "acme-cam-2-rev-b-1-4-2.local.");
    assert_eq!(running.bound.host, "acme-cam-2-rev-b-1-4-2.local.");

    let txt_record = find(&answer.additionals, RecordType::TXT);
    let RData::TXT(raw) = &txt_record.data else { unreachable!() };
    assert_eq!(&*raw.txt_data[0], b"txtvers=1", "txtvers comes first (RFC 6763 §6.7)");
    let txt = txt_map(txt_record);
    assert_eq!(txt["url"], advert.url);
    assert_eq!(txt["digest"], advert.digest);
    assert_eq!(txt["id"], advert.id);
    assert_eq!(txt["mud"], advert.mud_url.clone().unwrap());
    assert_eq!(txt.len(), 5);

    let a = find(&answer.additionals, RecordType::A);
    assert_eq!(a.name, srv.target);
    let RData::A(ip) = &a.data else { unreachable!() };
    assert_eq!(std::net::IpAddr::V4(ip.0), running.bound.http.ip());

    running.stop().await;
}

#[tokio::test]
async fn direct_queries_enumeration_known_answers_and_garbage() {
    let running = Running::start(advert()).await;
    let dns = running.dns();
    let instance = format!(r"Acme Cam 2\. Rev B.{SERVICE_TYPE}");
    let instance_name =
        Name::from_labels([b"Acme Cam 2. Rev B".as_slice(), b"_iotlabel", b"_tcp", b"local"]).unwrap();

    // Garbage first: ignored, and the responder keeps answering.
    let junk = UdpSocket::bind(any_port()).await.unwrap();
    junk.send_to(b"\x00\x01not dns at all", dns).await.unwrap();

    // TXT and SRV of the instance, asked for directly.
    let mut q = Message::query();
    q.add_query(Query::query(instance_name.clone(), RecordType::TXT));
    let answer = ask(dns, &q).await;
    assert_eq!(answer.answers.len(), 1, "{instance}: {answer:?}");
    assert_eq!(txt_map(&answer.answers[0])["id"], "acme-cam-2-rev-b-1-4-2");

    let mut q = Message::query();
    q.add_query(Query::query(instance_name.clone(), RecordType::SRV));
    let answer = ask(dns, &q).await;
    find(&answer.answers, RecordType::SRV);
    find(&answer.additionals, RecordType::A);

    // Names are case-insensitive.
    let answer = ask(dns, &question("_IOTLABEL._TCP.LOCAL.", RecordType::PTR)).await;
    assert_eq!(answer.answers.len(), 1);

    // Service type enumeration (RFC 6763 §9).
    let answer = ask(dns, &question("_services._dns-sd._udp.local.", RecordType::PTR)).await;
    let RData::PTR(ptr) = &find(&answer.answers, RecordType::PTR).data else { unreachable!() };
    assert_eq!(ptr.0.to_ascii(), SERVICE_TYPE);

    // The host's address.
    let answer = ask(dns, &question("acme-cam-2-rev-b-1-4-2.local.", RecordType::A)).await;
    find(&answer.answers, RecordType::A);

    // Known-answer suppression (RFC 6762 §7.1): the querier already holds the PTR.
    let first = ask(dns, &question(SERVICE_TYPE, RecordType::PTR)).await;
    let mut known = question(SERVICE_TYPE, RecordType::PTR);
    let mut held = find(&first.answers, RecordType::PTR).clone();
    held.ttl = 4500;
    known.add_answer(held);
    let answer = ask(dns, &known).await;
    assert!(answer.answers.is_empty(), "{answer:?}");

    // Another service, another host: an empty answer at once rather than a timeout.
    let answer = ask(dns, &question("_http._tcp.local.", RecordType::PTR)).await;
    assert!(answer.answers.is_empty() && answer.additionals.is_empty());

    running.stop().await;
}

struct HttpReply {
    version: String,
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`), read to the end.
async fn http(addr: SocketAddr, method: &str, path: &str, extra: &str) -> HttpReply {
    let request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{extra}Connection: close\r\n\r\n");
    let reply = raw_http(addr, &request).await;
    assert_eq!(reply.version, "HTTP/1.1");
    reply
}

/// Sends `request` as it is on a fresh connection and reads the reply to the end.
async fn raw_http(addr: SocketAddr, request: &str) -> HttpReply {
    let mut stream = timeout(READ_TIMEOUT, TcpStream::connect(addr)).await.unwrap().unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    timeout(READ_TIMEOUT, stream.read_to_end(&mut raw)).await.expect("an HTTP reply in time").unwrap();
    parse_reply(&raw)
}

fn parse_reply(raw: &[u8]) -> HttpReply {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("end of the head");
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let (version, rest) = status_line.split_once(' ').unwrap();
    assert!(version.starts_with("HTTP/1."), "{status_line}");
    let status = rest[..3].parse().unwrap();
    let headers = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.to_ascii_lowercase(), v.trim().to_string())
        })
        .collect();
    HttpReply { version: version.to_string(), status, headers, body: raw[split + 4..].to_vec() }
}

#[tokio::test]
async fn the_well_known_resource_over_http() {
    let advert = advert();
    let running = Running::start(advert.clone()).await;
    let addr = running.bound.http;

    let get = http(addr, "GET", "/.well-known/iot-label", "").await;
    assert_eq!(get.status, 200);
    assert_eq!(get.headers["content-type"], "application/json");
    assert_eq!(get.headers["cache-control"], CACHE_CONTROL);
    assert_eq!(get.headers["content-length"], get.body.len().to_string());
    let json: serde_json::Value = serde_json::from_slice(&get.body).unwrap();
    assert_eq!(json, well_known_json(&advert));
    assert_eq!(json["version"], 2);
    assert_eq!(json["digest"], advert.digest.as_str());
    assert_eq!(json["dhcp"]["mud_url"], "https://mud.acme.example/cam-2.json");
    let etag = get.headers["etag"].clone();
    assert!(etag.starts_with('"') && etag.ends_with('"'));

    // A query string does not change the resource.
    assert_eq!(http(addr, "GET", "/.well-known/iot-label?x=1", "").await.status, 200);

    // HEAD: the same head, no body.
    let head = http(addr, "HEAD", "/.well-known/iot-label", "").await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.headers["content-length"], get.body.len().to_string());
    assert_eq!(head.headers["etag"], etag);

    // Revalidation.
    let again = http(addr, "GET", "/.well-known/iot-label", &format!("If-None-Match: {etag}\r\n")).await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    // Everything else.
    for path in ["/", "/.well-known/iot-label/", "/.well-known/security.txt", "/index.html"] {
        let r = http(addr, "GET", path, "").await;
        assert_eq!(r.status, 404, "{path}");
    }
    let post = http(addr, "POST", "/.well-known/iot-label", "Content-Length: 0\r\n").await;
    assert_eq!(post.status, 405);
    assert_eq!(post.headers["allow"], "GET, HEAD");

    // Two requests on one kept-alive connection, then a clean stop with it still open.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let req = format!("GET /.well-known/iot-label HTTP/1.1\r\nHost: {addr}\r\n\r\n");
    stream.write_all(req.repeat(2).as_bytes()).await.unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    while got.windows(12).filter(|w| w == b"HTTP/1.1 200").count() < 2 || !got.ends_with(&get.body) {
        let n = timeout(READ_TIMEOUT, stream.read(&mut buf)).await.expect("both replies in time").unwrap();
        assert!(n > 0, "closed early");
        got.extend_from_slice(&buf[..n]);
    }

    running.stop().await;
    // The idle connection was closed by the stop, and nothing listens any more.
    let n = timeout(READ_TIMEOUT, stream.read(&mut buf)).await.expect("closed in time").unwrap_or(0);
    assert_eq!(n, 0);
    assert!(TcpStream::connect(addr).await.is_err(), "still listening after the stop");
}

#[tokio::test]
async fn without_a_mud_url_the_fields_are_null_and_txt_has_no_mud() {
    let mut advert = advert();
    advert.mud_url = None;
    let running = Running::start(advert).await;
    let answer = ask(running.dns(), &question(SERVICE_TYPE, RecordType::PTR)).await;
    let txt = txt_map(find(&answer.additionals, RecordType::TXT));
    assert!(!txt.contains_key("mud"));
    let get = http(running.bound.http, "GET", "/.well-known/iot-label", "").await;
    let json: serde_json::Value = serde_json::from_slice(&get.body).unwrap();
    assert!(json["mud_url"].is_null() && json["dhcp_option_161"].is_null());
    running.stop().await;
}

#[tokio::test]
async fn refuses_other_addresses_and_names_the_one_in_use() {
    // Refused before anything is bound: nothing listens on 0.0.0.0 here.
    let wild: SocketAddr = "0.0.0.0:0".parse().unwrap();
    let err = Responder::bind(advert(), &Config::new(wild, MdnsMode::Off)).await.unwrap_err();
    assert!(matches!(err, AdvertiseError::NonLoopback { what: "HTTP", .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("0.0.0.0:0") && msg.contains("loopback") && msg.contains("allow_non_loopback"),
        "{msg}"
    );

    let lan: SocketAddr = "192.0.2.1:5353".parse().unwrap();
    let err = Responder::bind(advert(), &Config::new(any_port(), MdnsMode::Unicast(lan))).await.unwrap_err();
    assert!(matches!(err, AdvertiseError::NonLoopback { what: "DNS-SD", .. }), "{err:?}");

    // A port already taken.
    let taken = std::net::TcpListener::bind(any_port()).unwrap();
    let addr = taken.local_addr().unwrap();
    let err = Responder::bind(advert(), &Config::new(addr, MdnsMode::Off)).await.unwrap_err();
    assert!(matches!(err, AdvertiseError::Bind { what: "HTTP", .. }), "{err:?}");
    assert!(err.to_string().contains(&addr.to_string()), "{err}");

    // An invalid advert is refused before binding.
    let mut bad = advert();
    bad.digest = "md5:00".into();
    let err = Responder::bind(bad, &Config::new(any_port(), MdnsMode::Off)).await.unwrap_err();
    assert!(matches!(err, AdvertiseError::InvalidAdvert { field: "digest", .. }), "{err:?}");
}

#[tokio::test]
async fn a_chosen_host_name_and_address() {
    let mut config = Config::new(any_port(), MdnsMode::Unicast(any_port()));
    config.host_name = Some("cam-in-hall".into());
    config.advertised_ip = Some("127.0.0.42".parse().unwrap());
    let responder = Responder::bind(advert(), &config).await.unwrap();
    assert_eq!(responder.bound().host, "cam-in-hall.local.");
    let dns = responder.bound().dns.unwrap();
    let (stop, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(responder.run(async move {
        let _ = rx.await;
    }));
    let answer = ask(dns, &question("cam-in-hall.local.", RecordType::ANY)).await;
    let RData::A(ip) = &find(&answer.answers, RecordType::A).data else { unreachable!() };
    assert_eq!(ip.0.to_string(), "127.0.0.42");
    stop.send(()).unwrap();
    timeout(READ_TIMEOUT, task).await.unwrap().unwrap().unwrap();

    config.host_name = Some("not a host".into());
    assert!(Responder::bind(advert(), &config).await.is_err());
}

/// The blocking entry point the CLI uses, on a thread of its own, stopped from outside.
#[test]
fn run_blocking_reports_addresses_and_stops() {
    let (bound_tx, bound_rx) = std::sync::mpsc::channel::<Bound>();
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let (done_tx, done_rx) = std::sync::mpsc::channel();
    let config = Config::new(any_port(), MdnsMode::Unicast(any_port()));
    let thread = std::thread::spawn(move || {
        let r = run_blocking(advert(), config, |b| bound_tx.send(b.clone()).unwrap(), async move {
            let _ = stop_rx.await;
        });
        done_tx.send(r).unwrap();
    });
    let bound = bound_rx.recv_timeout(READ_TIMEOUT).expect("addresses reported");
    assert!(bound.http.ip().is_loopback() && bound.http.port() != 0);

    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let get = http(bound.http, "GET", "/.well-known/iot-label", "").await;
        assert_eq!(get.status, 200);
        let answer = ask(bound.dns.unwrap(), &question(SERVICE_TYPE, RecordType::PTR)).await;
        assert_eq!(answer.answers.len(), 1);
    });

    stop_tx.send(()).unwrap();
    done_rx.recv_timeout(READ_TIMEOUT).expect("stopped in time").unwrap();
    thread.join().unwrap();
}

#[tokio::test]
async fn ipv6_loopback_gets_an_aaaa_record() {
    let v6: SocketAddr = "[::1]:0".parse().unwrap();
    if std::net::UdpSocket::bind(v6).is_err() {
        eprintln!("no IPv6 loopback here; skipped");
        return;
    }
    let responder = Responder::bind(advert(), &Config::new(v6, MdnsMode::Unicast(v6))).await.unwrap();
    let bound = responder.bound().clone();
    let (stop, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(responder.run(async move {
        let _ = rx.await;
    }));
    let sock = UdpSocket::bind(v6).await.unwrap();
    let query = question(SERVICE_TYPE, RecordType::PTR);
    sock.send_to(&query.to_vec().unwrap(), bound.dns.unwrap()).await.unwrap();
    let mut buf = vec![0u8; 9000];
    let (n, _) = timeout(READ_TIMEOUT, sock.recv_from(&mut buf)).await.unwrap().unwrap();
    let answer = Message::from_vec(&buf[..n]).unwrap();
    let RData::AAAA(ip) = &find(&answer.additionals, RecordType::AAAA).data else { unreachable!() };
    assert!(ip.0.is_loopback());
    assert!(answer.additionals.iter().all(|r| r.record_type() != RecordType::A));
    assert_eq!(http(bound.http, "GET", "/.well-known/iot-label", "").await.status, 200);
    stop.send(()).unwrap();
    timeout(READ_TIMEOUT, task).await.unwrap().unwrap().unwrap();
}

// ---- Under abuse (issue #10): slow clients, odd Host headers. ----

/// The hang guard of the abuse tests: far longer than anything should take; only a hang trips it.
const HANG_GUARD: Duration = Duration::from_secs(30);
/// How often a slow client sends its next byte.
const TRICKLE: Duration = Duration::from_millis(250);

/// A slowloris client: connects from `from` and sends a request head that never ends, one byte
/// every `TRICKLE`, until the server closes the connection. Says on `connected` when it is
/// connected. Returns how long it was connected (from before the connect), or `None` when the
/// connection could not be made at all.
async fn slow_client(
    from: IpAddr,
    server: SocketAddr,
    connected: mpsc::UnboundedSender<()>,
) -> Option<Duration> {
    let sock = TcpSocket::new_v4().ok()?;
    sock.bind(SocketAddr::new(from, 0)).ok()?;
    let start = Instant::now();
    let mut stream = sock.connect(server).await.ok()?;
    let _ = connected.send(());
    drop(connected);
    let head = format!("GET /.well-known/iot-label HTTP/1.1\r\nHost: {server}\r\nX-Slow: ");
    let mut bytes = head.bytes().chain(std::iter::repeat(b'a'));
    let mut buf = [0u8; 256];
    loop {
        let byte = bytes.next().unwrap_or(b'a');
        if stream.write_all(&[byte]).await.is_err() {
            break;
        }
        // Wait for the next byte's turn, but notice at once when the server closes.
        match timeout(TRICKLE, stream.read(&mut buf)).await {
            Err(_) => {}
            Ok(_) => break,
        }
    }
    Some(start.elapsed())
}

/// Whether this system lets a socket bind 127.0.0.2 (Linux routes all of 127.0.0.0/8 to `lo`;
/// some systems only configure 127.0.0.1).
fn many_loopback_addresses() -> bool {
    std::net::TcpListener::bind("127.0.0.2:0").is_ok()
}

fn loopback(n: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, 0, n))
}

/// A good client: one GET from `from`, the whole request at once; the reply is checked in full.
async fn good_client(from: IpAddr, server: SocketAddr, advert: &Advert) {
    let sock = TcpSocket::new_v4().unwrap();
    sock.bind(SocketAddr::new(from, 0)).unwrap();
    let mut stream = sock.connect(server).await.unwrap();
    let req = format!("GET /.well-known/iot-label HTTP/1.1\r\nHost: {server}\r\nConnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("the good client is not cut off");
    assert!(!raw.is_empty(), "the good client was closed without a reply");
    let reply = parse_reply(&raw);
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&raw));
    let json: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
    assert_eq!(json, well_known_json(advert));
}

/// Starts `per_address` slow clients from each of `addresses`, lets them trickle for longer than
/// the eviction age, then checks that good clients from `good` are served while they go on.
async fn slow_clients_do_not_starve_good_ones(addresses: &[IpAddr], per_address: usize, good: &[IpAddr]) {
    let advert = advert();
    let limits = HttpLimits::default();
    let running = Running::with_limits(advert.clone(), limits).await;
    let server = running.bound.http;
    let mut slow = tokio::task::JoinSet::new();
    let (connected, mut connections) = mpsc::unbounded_channel();
    for &from in addresses {
        for _ in 0..per_address {
            slow.spawn(slow_client(from, server, connected.clone()));
        }
    }
    drop(connected);
    // Each slow client drops its sender once connected (or failed to connect).
    let all_connected = async { while connections.recv().await.is_some() {} };
    timeout(HANG_GUARD, all_connected).await.expect("the slow clients connect");
    // Long enough for the admitted slow clients to count as idle; far short of the 10 s header
    // deadline, so the good clients get in by making room, not by waiting the slow ones out.
    tokio::time::sleep(limits.eviction_age + Duration::from_secs(1)).await;
    for &from in good {
        timeout(HANG_GUARD, good_client(from, server, &advert)).await.expect("the good client is served");
    }
    assert!(!slow.is_empty());
    running.stop().await;
    // The stop closes what is left of the slow clients too.
    let all_closed = async {
        while let Some(r) = slow.join_next().await {
            assert!(r.unwrap().is_some(), "every slow client got a connection");
        }
    };
    timeout(HANG_GUARD, all_closed).await.expect("the slow clients are all disconnected");
}

#[tokio::test]
async fn slow_clients_from_one_address_do_not_starve_a_good_one() {
    // 80 from 127.0.0.1, more than the total: 8 are admitted, the others refused at once; the
    // good client from the same address makes room by closing the longest-waiting one.
    slow_clients_do_not_starve_good_ones(&[loopback(1)], 80, &[loopback(1)]).await;
}

#[tokio::test]
async fn slow_clients_from_many_addresses_do_not_starve_good_ones() {
    // Linux routes all of 127.0.0.0/8 to loopback; the test fails, not skips, where it cannot.
    assert!(many_loopback_addresses(), "cannot bind 127.0.0.2-13: the test needs the loopback range");
    // 12 addresses × 8 = 96 slow clients fill all 64 places (each address within its share);
    // good clients from a fresh address and from one of the slow addresses are still served.
    let slow: Vec<IpAddr> = (2..14).map(loopback).collect();
    slow_clients_do_not_starve_good_ones(&slow, 8, &[loopback(1), loopback(2), loopback(200)]).await;
}

#[tokio::test]
async fn slow_clients_are_cut_off_at_the_header_deadline() {
    let mut limits = HttpLimits::default();
    limits.header_read_timeout = Duration::from_secs(1);
    let running = Running::with_limits(advert(), limits).await;
    let server = running.bound.http;
    let mut slow = tokio::task::JoinSet::new();
    let (connected, _connections) = mpsc::unbounded_channel();
    for _ in 0..4 {
        slow.spawn(slow_client(loopback(1), server, connected.clone()));
    }
    while let Some(r) = timeout(HANG_GUARD, slow.join_next()).await.expect("slow clients cut off") {
        let lasted = r.unwrap().expect("connected");
        // Never before the deadline (timers do not fire early, and the client's clock started
        // first), though it kept sending all along.
        assert!(lasted >= limits.header_read_timeout, "{lasted:?}");
    }
    // The server is still there for others.
    good_client(loopback(1), server, &advert()).await;
    running.stop().await;
}

#[tokio::test]
async fn idle_and_long_lived_connections_are_closed() {
    let mut limits = HttpLimits::default();
    limits.header_read_timeout = Duration::from_secs(1);
    limits.connection_lifetime = Duration::from_millis(1500);
    let running = Running::with_limits(advert(), limits).await;
    let server = running.bound.http;
    let req = format!("GET /.well-known/iot-label HTTP/1.1\r\nHost: {server}\r\n\r\n");
    let mut buf = [0u8; 4096];

    // Kept alive after one request, then idle: closed after the header deadline.
    let mut idle = TcpStream::connect(server).await.unwrap();
    idle.write_all(req.as_bytes()).await.unwrap();
    let n = timeout(READ_TIMEOUT, idle.read(&mut buf)).await.unwrap().unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    let since = Instant::now();
    let closed = async {
        loop {
            if idle.read(&mut buf).await.unwrap_or(0) == 0 {
                break;
            }
        }
    };
    timeout(HANG_GUARD, closed).await.expect("the idle connection is closed");
    assert!(since.elapsed() >= limits.header_read_timeout);

    // Busy but endless: a request every 100 ms, each answered, until the lifetime is up.
    let mut busy = TcpStream::connect(server).await.unwrap();
    let opened = Instant::now();
    let mut answered = 0;
    let endless = async {
        loop {
            if busy.write_all(req.as_bytes()).await.is_err() {
                break;
            }
            match timeout(Duration::from_millis(100), busy.read(&mut buf)).await {
                Ok(Ok(0) | Err(_)) => break,
                Ok(Ok(n)) => answered += buf[..n].windows(12).filter(|w| w == b"HTTP/1.1 200").count(),
                Err(_) => {}
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    timeout(HANG_GUARD, endless).await.expect("the busy connection is closed");
    assert!(opened.elapsed() >= limits.connection_lifetime);
    assert!(answered >= 1, "it was served while it lasted");
    running.stop().await;
}

#[tokio::test]
async fn limits_out_of_range_are_refused() {
    let mut config = Config::new(any_port(), MdnsMode::Off);
    config.http_limits.max_connections_per_client = config.http_limits.max_connections + 1;
    let err = Responder::bind(advert(), &config).await.unwrap_err();
    assert!(
        matches!(err, AdvertiseError::InvalidLimits { field: "max_connections_per_client", .. }),
        "{err:?}"
    );
    let mut config = Config::new(any_port(), MdnsMode::Off);
    config.http_limits.header_read_timeout = Duration::ZERO;
    let err = Responder::bind(advert(), &config).await.unwrap_err();
    assert!(err.to_string().contains("header_read_timeout"), "{err}");
}

#[tokio::test]
async fn host_header_rules_of_rfc_9112() {
    let running = Running::start(advert()).await;
    let addr = running.bound.http;
    let path = "/.well-known/iot-label";
    let bad = [
        ("HTTP/1.1 without Host", format!("GET {path} HTTP/1.1\r\nConnection: close\r\n\r\n")),
        ("two Host headers", format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nHost: {addr}\r\n\r\n")),
        (
            "two Host headers, cases differ",
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nhost: other\r\n\r\n"),
        ),
        ("empty Host", format!("GET {path} HTTP/1.1\r\nHost: \r\n\r\n")),
        ("Host with user info", format!("GET {path} HTTP/1.1\r\nHost: me@{addr}\r\n\r\n")),
        ("Host with two hosts", format!("GET {path} HTTP/1.1\r\nHost: a, b\r\n\r\n")),
        ("HTTP/1.0 with two Host headers", format!("GET {path} HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n")),
        ("HTTP/1.1 without Host, other path", "GET / HTTP/1.1\r\n\r\n".to_string()),
    ];
    for (what, req) in bad {
        let reply = raw_http(addr, &req).await;
        assert_eq!(reply.status, 400, "{what}");
        assert_eq!(reply.headers["connection"], "close", "{what}");
        assert!(String::from_utf8_lossy(&reply.body).contains("Host"), "{what}");
    }
    // HTTP/1.0 may leave Host out (RFC 9112 §3.2 requires it of HTTP/1.1 only).
    let reply = raw_http(addr, &format!("GET {path} HTTP/1.0\r\n\r\n")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        raw_http(addr, &format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n")).await.body
    );
    // One good Host, any case, with a port or without.
    for host in [addr.to_string(), "LOCALHOST".into(), "[::1]:80".into()] {
        let reply =
            raw_http(addr, &format!("GET {path} HTTP/1.1\r\nhost: {host}\r\nConnection: close\r\n\r\n"))
                .await;
        assert_eq!(reply.status, 200, "{host}");
    }
    running.stop().await;
}

// ---- DNS under abuse (issue #10): duplicates, payload sizes, EDNS versions. ----

fn edns(max_payload: u16, version: u8) -> Edns {
    let mut e = Edns::new();
    e.set_max_payload(max_payload);
    e.set_version(version);
    e
}

#[tokio::test]
async fn duplicate_questions_get_one_answer_each() {
    let running = Running::start(advert()).await;
    // The same PTR question over and over (letter case varying) until the query is 632 bytes.
    let mut query = Message::query();
    let mut i = 0;
    while query.to_vec().unwrap().len() < 632 {
        let name = if i % 2 == 0 { SERVICE_TYPE.to_string() } else { SERVICE_TYPE.to_uppercase() };
        query.add_query(Query::query(Name::from_ascii(name).unwrap(), RecordType::PTR));
        i += 1;
    }
    let sent = query.to_vec().unwrap();
    let raw = ask_raw(running.dns(), &sent).await;
    assert!(raw.len() <= 512 && raw.len() < sent.len(), "{} bytes answer {} bytes", raw.len(), sent.len());
    let answer = Message::from_vec(&raw).unwrap();
    assert_eq!(answer.queries.len(), 1, "the question is repeated once");
    assert_eq!(answer.answers.len(), 1);
    let kinds: Vec<RecordType> = answer.additionals.iter().map(Record::record_type).collect();
    assert_eq!(kinds, [RecordType::SRV, RecordType::TXT, RecordType::A]);
    assert!(!answer.metadata.truncation);
    running.stop().await;
}

/// An advert with every field at its limit: its TXT record alone is larger than 512 bytes.
fn largest_advert() -> Advert {
    Advert {
        id: "x".repeat(252),
        url: format!("https://{}", "u".repeat(243)),
        digest: format!("sha256:{}", "f".repeat(64)),
        mud_url: Some(format!("https://{}", "m".repeat(243))),
        instance: "i".repeat(63),
    }
}

#[tokio::test]
async fn answers_fit_the_queriers_payload_size() {
    let running = Running::start(largest_advert()).await;
    let dns = running.dns();
    let instance = Name::from_labels(["i".repeat(63).as_bytes(), b"_iotlabel", b"_tcp", b"local"]).unwrap();
    let txt_query = || {
        let mut q = Message::query();
        q.add_query(Query::query(instance.clone(), RecordType::TXT));
        q
    };

    // No EDNS: 512 bytes. The PTR is answered; the TXT additional record does not fit and is
    // left out, which alone is no truncation (RFC 2181 §9); SRV and A still come along.
    let raw = ask_raw(dns, &question(SERVICE_TYPE, RecordType::PTR).to_vec().unwrap()).await;
    assert!(raw.len() <= 512, "{}", raw.len());
    let answer = Message::from_vec(&raw).unwrap();
    assert_eq!(answer.answers.len(), 1);
    let kinds: Vec<RecordType> = answer.additionals.iter().map(Record::record_type).collect();
    assert_eq!(kinds, [RecordType::SRV, RecordType::A]);
    assert!(!answer.metadata.truncation);

    // No EDNS, asking for the TXT record itself: it cannot fit, so TC and no records.
    let raw = ask_raw(dns, &txt_query().to_vec().unwrap()).await;
    assert!(raw.len() <= 512, "{}", raw.len());
    let answer = Message::from_vec(&raw).unwrap();
    assert!(answer.metadata.truncation);
    assert!(answer.answers.is_empty() && answer.additionals.is_empty());
    assert_eq!(answer.queries.len(), 1);

    // EDNS with room: the whole answer, with an OPT record back, no TC.
    let mut q = txt_query();
    q.set_edns(edns(1232, 0));
    let answer = ask(dns, &q).await;
    assert_eq!(txt_map(find(&answer.answers, RecordType::TXT))["url"].len(), 251);
    assert!(!answer.metadata.truncation);
    assert!(answer.edns.is_some());
    let mut q = question(SERVICE_TYPE, RecordType::PTR);
    q.set_edns(edns(4096, 0));
    let answer = ask(dns, &q).await;
    assert_eq!(answer.additionals.len(), 3, "SRV, TXT and A fit 1232 bytes");

    // EDNS advertising 65535 is clamped: 300 distinct questions cannot all be repeated.
    let mut q = question(SERVICE_TYPE, RecordType::PTR);
    for i in 0..300 {
        q.add_query(Query::query(Name::from_ascii(format!("host-{i}.local.")).unwrap(), RecordType::A));
    }
    q.set_edns(edns(u16::MAX, 0));
    let sent = q.to_vec().unwrap();
    assert!(sent.len() > 4096);
    let raw = ask_raw(dns, &sent).await;
    assert!(raw.len() <= 1232, "{}", raw.len());
    let answer = Message::from_vec(&raw).unwrap();
    assert!(answer.metadata.truncation);
    assert!(answer.queries.len() < 301);
    running.stop().await;
}

#[tokio::test]
async fn edns_versions_above_zero_get_badvers() {
    let running = Running::start(advert()).await;
    let mut q = question(SERVICE_TYPE, RecordType::PTR);
    q.set_edns(edns(1232, 1));
    let raw = ask_raw(running.dns(), &q.to_vec().unwrap()).await;
    let answer = Message::from_vec(&raw).unwrap();
    // RCODE 16 (BADVERS, RFC 6891 §6.1.3; hickory names code 16 BADSIG): 0 in the header, 1 in
    // the OPT record's extended RCODE; our OPT says version 0; no records.
    assert_eq!(u16::from(answer.metadata.response_code), 16);
    assert_eq!(raw[3] & 0x0f, 0);
    let opt = answer.edns.as_ref().expect("an OPT record");
    assert_eq!((opt.rcode_high(), opt.version()), (1, 0));
    assert!(answer.answers.is_empty() && answer.additionals.is_empty());
    assert_eq!(answer.metadata.id, q.metadata.id);
    // Version 0 is still answered normally.
    q.set_edns(edns(1232, 0));
    let answer = ask(running.dns(), &q).await;
    assert_eq!(answer.metadata.response_code, ResponseCode::NoError);
    assert_eq!(answer.answers.len(), 1);
    running.stop().await;
}
