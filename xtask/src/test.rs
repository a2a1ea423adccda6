//! `cargo xtask test`: everything CI runs, on a fresh machine of this project's kind, with one
//! command (the README's test command; `.ci/run` calls exactly this).
//!
//! 1. Outside tools the tests use, installed when missing: `zbarimg` (Debian `zbar-tools`, reads
//!    the label's QR code back), Chromium (Debian `chromium`, for the accessibility test), and
//!    nginx and wrk (Debian `nginx-light`, `wrk`, for the registry benchmark), nft, openssl,
//!    ip and socat (Debian `nftables`, `openssl`, `iproute2`, `socat`, for the MUD rulesets,
//!    signatures and the traffic test between namespaces), with apt-get when
//!    running as root; the browser harness's npm packages (`npm ci` in
//!    `tests/browser/`) when they are missing or older than its lock file.
//! 2. `cargo fmt --check`, `cargo clippy -D warnings`, `cargo test --workspace`, `xtask tidy`,
//!    the fuzz targets compile, the benchmarks run once in quick mode.
//!
//! The environment is the same wherever it runs, so that this command and CI are one suite:
//! `IOTLABEL_TEST_POSTGRES_URL` defaults to the development machines' PostgreSQL
//! (`postgres://postgres@127.0.0.1:5432/test`; the PostgreSQL tests fail, not skip, when it does
//! not answer), and insta never writes snapshots (`INSTA_UPDATE=no`: a missing or changed
//! snapshot fails; review them with `cargo insta review` outside this command).
//!
//! Any failure stops the run with a non-zero exit code.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// The PostgreSQL the tests use unless `IOTLABEL_TEST_POSTGRES_URL` names another.
const DEFAULT_TEST_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub fn run(root: &Path) -> Result<()> {
    tools(root)?;
    let cargo = env!("CARGO");
    step("format", Command::new(cargo).args(["fmt", "--all", "--", "--check"]).current_dir(root))?;
    step(
        "lint",
        Command::new(cargo)
            .args(["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])
            .current_dir(root),
    )?;
    step("tests", Command::new(cargo).args(["test", "--workspace", "--locked"]).current_dir(root))?;
    println!("== architecture rules (xtask tidy)");
    crate::tidy::run(root)?;
    step(
        "fuzz targets compile (fuzz/ is its own workspace; running them needs nightly + cargo-fuzz)",
        Command::new(cargo).args(["check", "--manifest-path", "fuzz/Cargo.toml"]).current_dir(root),
    )?;
    step(
        "benchmarks, quick mode",
        Command::new(cargo).args(["test", "--workspace", "--benches", "--locked"]).current_dir(root),
    )?;
    println!("== all checks passed");
    Ok(())
}

fn step(name: &str, cmd: &mut Command) -> Result<()> {
    println!("== {name}");
    // The suite's environment (see the module comment), given to every step.
    if std::env::var_os("IOTLABEL_TEST_POSTGRES_URL").is_none_or(|v| v.is_empty()) {
        cmd.env("IOTLABEL_TEST_POSTGRES_URL", DEFAULT_TEST_POSTGRES_URL);
    }
    cmd.env("INSTA_UPDATE", "no");
    let status = cmd.status().with_context(|| format!("starting {cmd:?}"))?;
    if !status.success() {
        bail!("{name} failed ({status})");
    }
    Ok(())
}

fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

/// Installs the outside tools the tests need, or says how to.
fn tools(root: &Path) -> Result<()> {
    println!(
        "== outside tools (zbarimg, chromium, nginx and wrk, nft, openssl, ip and socat, nmap, the browser harness's npm packages)"
    );
    let mut missing = Vec::new();
    if !have("zbarimg") {
        missing.push("zbar-tools");
    }
    if !have("chromium") {
        missing.push("chromium");
    }
    // The registry benchmark (crates/server/benches/registry.rs) compares against nginx with wrk.
    if !have("nginx") && !Path::new("/usr/sbin/nginx").exists() {
        missing.push("nginx-light");
    }
    if !have("wrk") {
        missing.push("wrk");
    }
    // The MUD tests (crates/mud/tests/nft.rs, signatures.rs) check rulesets with `nft --check`
    // in a namespace of their own (`unshare`) and cross-check signatures with `openssl cms`.
    if !have("nft") && !Path::new("/usr/sbin/nft").exists() {
        missing.push("nftables");
    }
    if !have("openssl") {
        missing.push("openssl");
    }
    // The MUD traffic test (crates/mud/tests/netns.rs): namespaces, veth pairs and TCP endpoints.
    if !have("ip") && !Path::new("/usr/sbin/ip").exists() {
        missing.push("iproute2");
    }
    if !have("socat") {
        missing.push("socat");
    }
    // The scanner's benchmark (crates/scan/benches/fleet.rs) compares with nmap on one fleet.
    if !have("nmap") {
        missing.push("nmap");
    }
    // The discovery test (crates/cli/tests/it/discover.rs) runs a real mDNS browser and a fake
    // camera with python-zeroconf inside network namespaces; ieee-data is the source of
    // crates/discover/data/oui.tsv (its build-oui.py reads /usr/share/ieee-data/oui.csv).
    if !have("python3") {
        missing.extend(["python3", "python3-pip"]);
    }
    if !Path::new("/usr/share/ieee-data/oui.csv").exists() {
        missing.push("ieee-data");
    }
    // The scanner's real-daemon tests (crates/scan/tests/daemons.rs): weak Debian daemons on
    // loopback addresses, started and stopped by the test (postinst may start them on 0.0.0.0;
    // the tests use their own addresses and ports and do not depend on those).
    for (binary, package) in [
        ("/usr/sbin/sshd", "openssh-server"),
        ("/usr/sbin/vsftpd", "vsftpd"),
        ("/usr/sbin/lighttpd", "lighttpd"),
        ("/usr/sbin/mosquitto", "mosquitto"),
    ] {
        if !Path::new(binary).exists() {
            missing.push(package);
        }
    }
    if !missing.is_empty() {
        let root_user = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        if !root_user || !have("apt-get") {
            bail!(
                "missing {}: install them (Debian: apt-get install {}) and run again",
                missing.join(", "),
                missing.join(" ")
            );
        }
        step(
            "apt-get update",
            Command::new("apt-get").args(["-o", "DPkg::Lock::Timeout=600", "update", "-qq"]),
        )?;
        step(
            &format!("apt-get install {}", missing.join(" ")),
            Command::new("apt-get")
                .args(["-o", "DPkg::Lock::Timeout=600", "install", "-y", "-qq"])
                .args(&missing)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )?;
    }
    let zeroconf =
        Command::new("python3").args(["-c", "import zeroconf"]).output().is_ok_and(|o| o.status.success());
    if !zeroconf {
        step(
            "pip install zeroconf",
            Command::new("python3").args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--break-system-packages",
                "zeroconf",
            ]),
        )?;
    }
    let browser = root.join("tests/browser");
    let installed = browser.join("node_modules/.package-lock.json");
    let lock = browser.join("package-lock.json");
    let stale = match (std::fs::metadata(&installed), std::fs::metadata(&lock)) {
        (Ok(i), Ok(l)) => i.modified()? < l.modified()?,
        _ => true,
    };
    if stale {
        step(
            "npm ci (tests/browser)",
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&browser),
        )?;
    }
    Ok(())
}
