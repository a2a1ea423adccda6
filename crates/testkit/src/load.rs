//! Load-test helpers for the benchmarks that measure a server against nginx with wrk (the
//! registry's API, the web site): a free loopback port, nginx and wrk found or installed with
//! apt-get (as root), nginx serving a directory, and wrk at saturation.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A free port on 127.0.0.1.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

pub fn have(tool: &str) -> Option<PathBuf> {
    let out = Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().ok()?;
    if out.status.success() {
        return Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    }
    // nginx lives in /usr/sbin, often not on a user's PATH.
    let sbin = PathBuf::from(format!("/usr/sbin/{tool}"));
    sbin.exists().then_some(sbin)
}

/// nginx and wrk, installed with apt-get when missing (as root); `Err` says why not.
pub fn load_tools() -> Result<(PathBuf, PathBuf), String> {
    if let (Some(n), Some(w)) = (have("nginx"), have("wrk")) {
        return Ok((n, w));
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    if !root || have("apt-get").is_none() {
        return Err(
            "nginx or wrk is missing and this is not root with apt-get: install nginx-light and wrk".into()
        );
    }
    println!("installing nginx-light and wrk with apt-get");
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(["-o", "DPkg::Lock::Timeout=600"])
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success())
    };
    if !apt(&["update", "-qq"]) || !apt(&["install", "-y", "-qq", "nginx-light", "wrk"]) {
        return Err("apt-get could not install nginx-light and wrk".into());
    }
    match (have("nginx"), have("wrk")) {
        (Some(n), Some(w)) => Ok((n, w)),
        _ => Err("nginx or wrk still missing after apt-get install".into()),
    }
}

/// nginx in the foreground on a generated config, serving `www`; stopped when dropped.
/// `reuseport` gives each worker its own accept queue, so the kernel spreads the connections
/// over all workers (without it one worker may accept most of them and nginx use one core).
pub struct Nginx {
    child: Child,
    pub addr: SocketAddr,
}

impl Nginx {
    pub fn start(bin: &Path, dir: &Path) -> Result<Nginx, String> {
        let addr = SocketAddr::from(([127, 0, 0, 1], free_port()));
        let d = dir.display();
        let conf = format!(
            "daemon off;\nmaster_process on;\nworker_processes auto;\npid {d}/nginx.pid;\nerror_log {d}/error.log warn;\n\
             events {{ worker_connections 4096; }}\n\
             http {{\n  access_log off;\n  default_type application/json;\n  sendfile on;\n  tcp_nopush on;\n  tcp_nodelay on;\n\
             \x20 keepalive_requests 10000000;\n  keepalive_timeout 75s;\n  open_file_cache max=1000;\n\
             \x20 client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp; fastcgi_temp_path {d}/tmp;\n\
             \x20 uwsgi_temp_path {d}/tmp; scgi_temp_path {d}/tmp;\n\
             \x20 server {{ listen {addr} reuseport; root {d}/www; location / {{ }} }}\n}}\n"
        );
        std::fs::create_dir_all(dir.join("tmp")).map_err(|e| e.to_string())?;
        std::fs::write(dir.join("nginx.conf"), conf).map_err(|e| e.to_string())?;
        let child = Command::new(bin)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting nginx: {e}"))?;
        let mut nginx = Nginx { child, addr };
        for _ in 0..100 {
            if TcpStream::connect(addr).is_ok() {
                return Ok(nginx);
            }
            if let Ok(Some(status)) = nginx.child.try_wait() {
                let log = std::fs::read_to_string(dir.join("error.log")).unwrap_or_default();
                return Err(format!("nginx exited ({status}): {}", log.trim()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err("nginx did not start listening within 5 s".into())
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM to the master stops its workers too (SIGKILL would orphan them).
        let stopped = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if !stopped {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

/// wrk at saturation: (requests a second, p99 latency in ms as wrk reports it).
pub fn wrk(bin: &Path, addr: SocketAddr, script: &Path, secs: u32) -> Result<(f64, String), String> {
    let out = Command::new(bin)
        .args(["-t2", "-c64", &format!("-d{secs}s"), "--latency", "-s"])
        .arg(script)
        .arg(format!("http://{addr}/"))
        .output()
        .map_err(|e| format!("running wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let rps = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:").and_then(|v| v.trim().parse::<f64>().ok()))
        .ok_or_else(|| {
            format!("wrk printed no Requests/sec: {text}{}", String::from_utf8_lossy(&out.stderr))
        })?;
    let p99 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%").map(|v| v.trim().to_owned()))
        .unwrap_or_else(|| "?".into());
    if let Some(bad) = text.lines().find(|l| l.contains("Non-2xx") || l.contains("Socket errors")) {
        println!("    wrk: {}", bad.trim());
    }
    Ok((rps, p99))
}
