//! The scanner against real Debian daemons configured as weak devices, each started and stopped
//! by its test on its own loopback address (127.11.0.x) and port, with temporary configuration
//! files: mosquitto allowing anonymous clients, vsftpd with anonymous login, sshd with a default
//! password and weak algorithms, lighttpd with basic auth admin:admin, and `openssl s_server`
//! speaking only TLS 1.0. Each scan must report exactly the planted findings (precision and
//! recall). A missing daemon fails the test with the Debian package to install (`cargo xtask
//! test` installs them). The tests never depend on daemons a package's postinst may have started:
//! they use their own addresses and non-standard ports.
//!
//! sshd needs a user whose password is in the credential list, and the machine's /etc/passwd is
//! not touched: sshd runs in a private mount namespace (`unshare --mount`, as root) where copies of
//! /etc/passwd and /etc/shadow with the extra user are bind-mounted over the originals, and a
//! tmpfs on /run holds its privilege-separation directory. The namespace ends with sshd.

use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use iotlabel_scan::{Config, HostReport, Scanner};

/// A daemon the test started; stopped (killed and reaped) when dropped.
struct Daemon {
    child: Child,
    name: &'static str,
    _dir: tempfile::TempDir,
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Fails with the package to install when `binary` is missing.
fn need(binary: &str, package: &str) -> PathBuf {
    let p = PathBuf::from(binary);
    assert!(
        p.exists(),
        "{binary} is missing: install the Debian package {package} (apt-get install {package}; `cargo xtask test` does it)"
    );
    p
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("writing {}: {e}", p.display()));
    p
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(out.status.success(), "{cmd:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A temporary directory readable by the daemons' unprivileged users.
fn tempdir() -> tempfile::TempDir {
    let d = tempfile::Builder::new().prefix("iotlabel-daemon-").tempdir().expect("temporary directory");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    d
}

/// Starts `cmd` and waits until `addr` accepts connections (or the daemon exits).
fn start(name: &'static str, mut cmd: Command, addr: SocketAddr, dir: tempfile::TempDir) -> Daemon {
    let log = dir.path().join("daemon.log");
    let f = std::fs::File::create(&log).expect("log file");
    cmd.stdin(Stdio::null()).stdout(f.try_clone().expect("log")).stderr(f);
    let child = cmd.spawn().unwrap_or_else(|e| panic!("starting {name}: {e}"));
    let mut d = Daemon { child, name, _dir: dir };
    let until = Instant::now() + Duration::from_secs(15);
    loop {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return d;
        }
        let exited = d.child.try_wait().ok().flatten();
        if exited.is_some() || Instant::now() > until {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            panic!("{} did not listen on {addr} ({exited:?}): {text}", d.name);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn address(last: u8) -> Ipv4Addr {
    Ipv4Addr::new(127, 11, 0, last)
}

/// Scans one daemon's address on its port and a closed one.
async fn scan(ip: Ipv4Addr, port: u16) -> HostReport {
    let cfg = Config { ports: vec![port, 9], ..Config::default() };
    let scanner = Scanner::new(cfg);
    let mut hosts = Vec::new();
    scanner.run(vec![IpAddr::V4(ip)], |h| hosts.push(h)).await;
    assert_eq!(hosts.len(), 1);
    hosts.remove(0)
}

/// Exactly these findings (check ids) on `port`, and nothing else on the host.
fn assert_findings(host: &HostReport, port: u16, expected: &[&str]) {
    let found: BTreeSet<(u16, &str)> = host.findings.iter().map(|f| (f.port, f.check.as_str())).collect();
    let want: BTreeSet<(u16, &str)> = expected.iter().map(|c| (port, *c)).collect();
    assert_eq!(found, want, "{host:#?}");
    assert_eq!(host.findings.len(), expected.len(), "one finding per check: {host:#?}");
    let ports: Vec<u16> = host.services.iter().map(|s| s.port).collect();
    assert_eq!(ports, [port], "only the daemon's port is open: {host:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mosquitto_allowing_anonymous_clients() {
    let bin = need("/usr/sbin/mosquitto", "mosquitto");
    let ip = address(1);
    let dir = tempdir();
    let conf = write(
        dir.path(),
        "mosquitto.conf",
        &format!("listener 1883 {ip}\nallow_anonymous true\npersistence false\nlog_dest stderr\n"),
    );
    let mut cmd = Command::new(bin);
    cmd.arg("-c").arg(&conf);
    let _d = start("mosquitto", cmd, SocketAddr::new(ip.into(), 1883), dir);
    let host = scan(ip, 1883).await;
    assert_findings(&host, 1883, &["insecure.mqtt-anonymous"]);
    assert_eq!(host.services[0].protocol, "mqtt");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vsftpd_with_anonymous_login() {
    let bin = need("/usr/sbin/vsftpd", "vsftpd");
    let ip = address(2);
    let port = 2121;
    let dir = tempdir();
    let root = dir.path().join("ftp");
    std::fs::create_dir(&root).expect("ftp root");
    write(&root, "readme.txt", "firmware notes\n");
    let conf = write(
        dir.path(),
        "vsftpd.conf",
        &format!(
            "listen=YES\nlisten_ipv6=NO\nlisten_address={ip}\nlisten_port={port}\nbackground=NO\n\
             anonymous_enable=YES\nlocal_enable=NO\nwrite_enable=NO\nanon_root={}\n\
             secure_chroot_dir=/var/run/vsftpd/empty\nseccomp_sandbox=NO\nxferlog_enable=NO\n\
             max_per_ip=0\nmax_clients=0\n",
            root.display()
        ),
    );
    let mut cmd = Command::new(bin);
    cmd.arg(&conf);
    let _d = start("vsftpd", cmd, SocketAddr::new(ip.into(), port), dir);
    let host = scan(ip, port).await;
    assert_findings(&host, port, &["insecure.ftp-anonymous"]);
    assert_eq!(host.services[0].protocol, "ftp");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lighttpd_with_basic_auth_admin_admin() {
    let bin = need("/usr/sbin/lighttpd", "lighttpd");
    need("/usr/bin/openssl", "openssl");
    let ip = address(4);
    let port = 8080;
    let dir = tempdir();
    let www = dir.path().join("www");
    std::fs::create_dir(&www).expect("document root");
    write(&www, "index.html", "<html><head><title>Camera admin</title></head></html>\n");
    let hash = run(Command::new("openssl").args(["passwd", "-apr1", "admin"]));
    let users = write(dir.path(), "htpasswd", &format!("admin:{hash}\n"));
    let conf = write(
        dir.path(),
        "lighttpd.conf",
        &format!(
            "server.modules = (\"mod_auth\", \"mod_authn_file\")\n\
             server.bind = \"{ip}\"\nserver.port = {port}\n\
             server.document-root = \"{}\"\n\
             server.username = \"www-data\"\nserver.groupname = \"www-data\"\n\
             index-file.names = (\"index.html\")\n\
             auth.backend = \"htpasswd\"\nauth.backend.htpasswd.userfile = \"{}\"\n\
             auth.require = (\"/\" => (\"method\" => \"basic\", \"realm\" => \"camera\", \"require\" => \"valid-user\"))\n",
            www.display(),
            users.display()
        ),
    );
    let mut cmd = Command::new(bin);
    cmd.arg("-D").arg("-f").arg(&conf);
    let _d = start("lighttpd", cmd, SocketAddr::new(ip.into(), port), dir);
    let host = scan(ip, port).await;
    assert_findings(&host, port, &["insecure.http-admin", "creds.default"]);
    let cred = host.findings.iter().find_map(|f| f.credential.as_ref()).expect("the credential that worked");
    assert_eq!(
        (cred.service.as_str(), cred.username.as_str(), cred.password.as_str()),
        ("http", "admin", "admin")
    );
    assert_eq!(host.services[0].protocol, "http");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openssl_speaking_only_tls_1_0() {
    let openssl = need("/usr/bin/openssl", "openssl");
    let ip = address(5);
    let port = 8443;
    let dir = tempdir();
    let (key, cert) = (dir.path().join("key.pem"), dir.path().join("cert.pem"));
    run(Command::new(&openssl)
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=legacy-camera"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert));
    let mut cmd = Command::new(&openssl);
    cmd.args(["s_server", "-quiet", "-www", "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"])
        .arg("-accept")
        .arg(format!("{ip}:{port}"))
        .arg("-cert")
        .arg(&cert)
        .arg("-key")
        .arg(&key);
    let _d = start("openssl s_server", cmd, SocketAddr::new(ip.into(), port), dir);
    let host = scan(ip, port).await;
    assert_findings(&host, port, &["tls.legacy-version", "tls.self-signed"]);
    let svc = &host.services[0];
    assert_eq!(svc.protocol, "tls", "{host:#?}");
    let tls = svc.tls.as_ref().expect("TLS facts");
    assert_eq!(tls.version, "TLSv1.0");
    assert_eq!(tls.legacy_accepted, ["TLSv1.0"]);
    assert!(tls.subject.as_deref().is_some_and(|s| s.contains("legacy-camera")), "{tls:?}");
    let legacy = host.findings.iter().find(|f| f.check == "tls.legacy-version").expect("legacy finding");
    assert!(legacy.summary.contains("TLSv1.0"), "{legacy:?}");
}

/// sshd on `ip:port` with `algorithms` (sshd_config lines), a user administrator:password and
/// host keys of `key_types`, in a private mount namespace (see the file's comment).
fn start_sshd(ip: Ipv4Addr, port: u16, key_types: &[&str], algorithms: &str) -> Daemon {
    let sshd = need("/usr/sbin/sshd", "openssh-server");
    let keygen = need("/usr/bin/ssh-keygen", "openssh-client");
    need("/usr/bin/openssl", "openssl");
    need("/usr/bin/unshare", "util-linux");
    let uid = run(Command::new("id").arg("-u"));
    assert_eq!(uid, "0", "this test runs sshd in a private mount namespace and needs root");
    let dir = tempdir();
    let d = dir.path();
    // administrator:password is in the credential list (SecLists ssh-betterdefaultpasslist).
    let hash = run(Command::new("openssl").args(["passwd", "-6", "password"]));
    let passwd = std::fs::read_to_string("/etc/passwd").expect("/etc/passwd")
        + &format!("administrator:x:4242:4242:iotlabel test device:{}:/bin/sh\n", d.display());
    let shadow = std::fs::read_to_string("/etc/shadow").expect("/etc/shadow")
        + &format!("administrator:{hash}:19000:0:99999:7:::\n");
    write(d, "passwd", &passwd);
    write(d, "shadow", &shadow);
    let mut keys = String::new();
    for kind in key_types {
        let file = d.join(format!("host_{kind}"));
        run(Command::new(&keygen).args(["-q", "-N", "", "-t", kind, "-f"]).arg(&file));
        keys += &format!("HostKey {}\n", file.display());
    }
    let conf = write(
        d,
        "sshd_config",
        &format!(
            "ListenAddress {ip}:{port}\n{keys}PidFile none\nUsePAM no\n\
             PasswordAuthentication yes\nKbdInteractiveAuthentication no\nPermitRootLogin no\n\
             StrictModes no\nMaxStartups 100\nLoginGraceTime 10\n{algorithms}"
        ),
    );
    let script = format!(
        "set -e; mount --make-rprivate /; mount --bind {d}/passwd /etc/passwd; \
         mount --bind {d}/shadow /etc/shadow; mount -t tmpfs tmpfs /run; mkdir -m 755 /run/sshd; \
         exec {sshd} -D -e -f {conf}",
        d = d.display(),
        sshd = sshd.display(),
        conf = conf.display()
    );
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "sh", "-c", &script]);
    start("sshd", cmd, SocketAddr::new(ip.into(), port), dir)
}

fn assert_default_password(host: &HostReport) {
    let cred = host.findings.iter().find_map(|f| f.credential.as_ref()).expect("the credential that worked");
    assert_eq!(
        (cred.service.as_str(), cred.username.as_str(), cred.password.as_str()),
        ("ssh", "administrator", "password")
    );
    // The machine's own account files are untouched.
    assert!(!std::fs::read_to_string("/etc/passwd").expect("passwd").contains("administrator:x:4242"));
}

fn weak_names(host: &HostReport) -> BTreeSet<&str> {
    let weak = host.findings.iter().find(|f| f.check == "ssh.weak-algorithms").expect("weak algorithms");
    weak.proof.split(',').collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sshd_with_a_default_password_and_weak_algorithms() {
    let (ip, port) = (address(3), 2222);
    let _d = start_sshd(
        ip,
        port,
        &["ed25519", "dsa"],
        "HostKeyAlgorithms ssh-ed25519,ssh-dss\nKexAlgorithms +diffie-hellman-group1-sha1\n\
         Ciphers +3des-cbc,aes128-cbc\nMACs +hmac-md5,hmac-sha1-96\n",
    );
    let host = scan(ip, port).await;
    assert_findings(&host, port, &["ssh.weak-algorithms", "ssh.password-auth", "creds.default"]);
    let svc = &host.services[0];
    assert_eq!(svc.protocol, "ssh");
    let info = svc.ssh.as_ref().expect("SSH facts");
    assert!(info.software.starts_with("OpenSSH_"), "{info:?}");
    assert_eq!(info.auth_methods.as_deref(), Some(&["publickey".to_string(), "password".to_string()][..]));
    let expected: BTreeSet<&str> =
        ["diffie-hellman-group1-sha1", "ssh-dss", "3des-cbc", "aes128-cbc", "hmac-md5", "hmac-sha1-96"]
            .into();
    assert_eq!(weak_names(&host), expected);
    assert_default_password(&host);
}

/// A device offering nothing newer than SHA-1 key exchange, CBC and hmac-sha1: the scanner still
/// completes the key exchange (its own list ends with these) to read the methods and log in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sshd_offering_only_legacy_algorithms() {
    let (ip, port) = (address(6), 2222);
    let _d = start_sshd(
        ip,
        port,
        &["rsa"],
        "HostKeyAlgorithms rsa-sha2-256\nKexAlgorithms diffie-hellman-group14-sha1\n\
         Ciphers aes128-cbc\nMACs hmac-sha1\n",
    );
    let host = scan(ip, port).await;
    assert_findings(&host, port, &["ssh.weak-algorithms", "ssh.password-auth", "creds.default"]);
    let expected: BTreeSet<&str> = ["diffie-hellman-group14-sha1", "aes128-cbc"].into();
    assert_eq!(weak_names(&host), expected);
    assert_default_password(&host);
}
