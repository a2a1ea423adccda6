//! `iotlabel-flowgen`: writes a synthetic network's devices table, MUD profiles, flows and
//! ground truth into a directory.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};
use iotlabel_flowgen::{PROFILES, SCALES, Scenario};
use iotlabel_flows::CSV_HEADER;
use iotlabel_flows::binary::BinaryWriter;
use iotlabel_flows::ipfix::IpfixWriter;
use iotlabel_flows::pcap::CaptureWriter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Csv,
    Jsonl,
    Ipfix,
    /// Binary flow records (`.flows`), the stream's payload (`iotlabel mud audit-publish`).
    Flows,
    /// A pcap capture with the DNS answers (for small networks: two frames per flow).
    Pcap,
}

/// Synthetic traffic for `iotlabel mud audit`, with injected violations and their ground truth.
///
/// Writes into DIR: devices.csv, profiles/*.json, names.csv (DNS answers), truth.json and
/// flows.csv / flows.jsonl / flows.ipfix / flows.flows / flows.pcap.
///
/// Examples:
///   iotlabel-flowgen --scale home --out /tmp/home
///   iotlabel-flowgen --scale isp --format ipfix --out /tmp/isp
///   iotlabel-flowgen --scale small-business --format flows --out /tmp/sb
///   iotlabel mud audit-publish --stream nats://127.0.0.1:4222/flows --devices /tmp/sb/devices.csv --flows /tmp/sb/flows.flows
///   iotlabel mud audit --mud /tmp/home/profiles --devices /tmp/home/devices.csv --flows /tmp/home/flows.csv
///
/// Exit codes: 0 written, 1 error.
#[derive(Debug, Parser)]
#[command(version, verbatim_doc_comment)]
struct Args {
    /// home (10 devices), small-business (500), isp (1,000,000), or a number of devices.
    #[arg(long, default_value = "home")]
    scale: String,
    /// Output formats of the flows (repeat or separate by commas).
    #[arg(long = "format", value_enum, value_delimiter = ',', default_values = ["csv", "jsonl", "ipfix"])]
    formats: Vec<Format>,
    /// Rounds of traffic (misbehaviour starts mid-way).
    #[arg(long, default_value_t = 4)]
    rounds: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The directory to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> Result<()> {
    let a = Args::parse();
    let devices = match SCALES.iter().find(|(n, _)| *n == a.scale) {
        Some((_, d)) => *d,
        None => match a.scale.parse::<usize>() {
            Ok(d) if d >= 6 => d,
            _ => bail!(
                "--scale `{}`: expected home, small-business, isp or a number of devices (at least 6)",
                a.scale
            ),
        },
    };
    let s = Scenario { devices, rounds: a.rounds.max(2), seed: a.seed };
    fs::create_dir_all(a.out.join("profiles")).with_context(|| format!("creating {}", a.out.display()))?;
    for (name, text) in PROFILES {
        fs::write(a.out.join("profiles").join(name), text)?;
    }
    let mut w = BufWriter::new(File::create(a.out.join("devices.csv"))?);
    for line in s.devices_csv() {
        writeln!(w, "{line}")?;
    }
    w.flush()?;
    fs::write(a.out.join("names.csv"), s.names_csv())?;
    let mut flows = 0u64;
    for f in &a.formats {
        let path = a.out.join(match f {
            Format::Csv => "flows.csv",
            Format::Jsonl => "flows.jsonl",
            Format::Ipfix => "flows.ipfix",
            Format::Flows => "flows.flows",
            Format::Pcap => "flows.pcap",
        });
        let mut w =
            BufWriter::new(File::create(&path).with_context(|| format!("creating {}", path.display()))?);
        let mut n = 0u64;
        match f {
            Format::Csv => {
                writeln!(w, "{CSV_HEADER}")?;
                for r in s.flows() {
                    writeln!(w, "{}", r.to_csv())?;
                    n += 1;
                }
            }
            Format::Jsonl => {
                for r in s.flows() {
                    serde_json::to_writer(&mut w, &r)?;
                    w.write_all(b"\n")?;
                    n += 1;
                }
            }
            Format::Ipfix => {
                let mut x = IpfixWriter::new(&mut w, 1);
                for r in s.wire_flows() {
                    x.write(&r)?;
                    n += 1;
                }
                x.finish()?;
            }
            Format::Flows => {
                let mut x = BinaryWriter::new(&mut w)?;
                for r in s.flows() {
                    x.write(&r)?;
                    n += 1;
                }
                x.finish()?;
            }
            Format::Pcap => {
                if s.devices > 10_000 {
                    bail!(
                        "--format pcap is for small networks (at most 10,000 devices): use csv, jsonl or ipfix"
                    );
                }
                let gateway = "10.0.0.1".parse().context("gateway address")?;
                let mut x = CaptureWriter::new(&mut w, gateway).map_err(|e| anyhow::anyhow!("{e}"))?;
                for r in s.flows() {
                    x.write(&r).map_err(|e| anyhow::anyhow!("{e}"))?;
                    n += 1;
                }
                x.finish();
            }
        }
        w.flush()?;
        flows = n;
        eprintln!("{}: {n} flows", path.display());
    }
    let mut truth = s.ground_truth();
    truth.flows = flows;
    fs::write(a.out.join("truth.json"), serde_json::to_string_pretty(&truth)? + "\n")?;
    Ok(())
}
