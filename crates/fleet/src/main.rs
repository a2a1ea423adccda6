//! `iotlabel-fleet`: starts emulated IoT devices on loopback addresses and writes the ground truth.
//!
//!     iotlabel-fleet --count 9 --base 127.10.0.1 --truth truth.json
//!     iotlabel-fleet --profiles dvr,router --count 100
//!
//! Devices take profiles in turn (default: every profile). Runs until Ctrl-C or SIGTERM.
//! Exit codes: 0 stopped, 2 bad arguments or an address that cannot be bound.

use std::net::Ipv4Addr;
use std::process::ExitCode;

use iotlabel_fleet::{Profile, start};

const USAGE: &str =
    "usage: iotlabel-fleet [--count N] [--base 127.10.0.1] [--profiles dvr,mqtt-hub,...] [--truth FILE]
profiles: dvr mqtt-hub router secure camera endless drip garbage broken-tls coap-sensor doorbell";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> anyhow::Result<()> {
    let mut count = None;
    let mut base = Ipv4Addr::new(127, 10, 0, 1);
    let mut profiles = Profile::ALL.to_vec();
    let mut truth = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| anyhow::anyhow!("{a} needs a value"));
        match a.as_str() {
            "--count" => count = Some(value()?.parse::<usize>()?),
            "--base" => base = value()?.parse()?,
            "--profiles" => {
                profiles = value()?
                    .split(',')
                    .map(|p| {
                        Profile::from_name(p.trim()).ok_or_else(|| anyhow::anyhow!("unknown profile {p:?}"))
                    })
                    .collect::<anyhow::Result<_>>()?
            }
            "--truth" => truth = Some(value()?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => anyhow::bail!("unknown argument {other:?}"),
        }
    }
    if !base.is_loopback() {
        anyhow::bail!("{base} is not a loopback address: the fleet runs in 127.0.0.0/8 only");
    }
    let n = count.unwrap_or(profiles.len());
    let chosen: Vec<Profile> = (0..n).map(|i| profiles[i % profiles.len()]).collect();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        let fleet = start(base, &chosen).await?;
        let json = serde_json::to_string_pretty(&fleet.truth)?;
        match &truth {
            Some(path) => std::fs::write(path, json + "\n")?,
            None => println!("{json}"),
        }
        eprintln!("fleet: {} device(s) from {base}; Ctrl-C to stop", chosen.len());
        tokio::signal::ctrl_c().await?;
        drop(fleet);
        Ok(())
    })
}
