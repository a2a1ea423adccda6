//! Compiling MUD profiles to nftables, on one core.
//!
//! Target (issue #15): 10,000 profiles compiled in under a second. Run:
//! `cargo bench -p iotlabel-mud --bench compile` (10,000 profiles; IOTLABEL_BENCH_N changes it).
//! The profiles are generated from the example declarations (each with its own domain names,
//! so the sets grow with the profiles as on a real network) for devices known by MAC, IPv4 and
//! IPv6 address. Prints the time to compile them into one ruleset, to write it as `nft -f`
//! text and as JSON, and to read the MUD files strictly first. `cargo test --benches` runs it
//! small (quick mode).

use std::hint::black_box;
use std::time::Instant;

use iotlabel_mud::nft::{Device, Site, compile};
use iotlabel_mud::{GenerateOptions, Mode, MudFile, generate, read};

const TARGET_SECONDS: f64 = 1.0;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n: usize = std::env::var("IOTLABEL_BENCH_N").ok().and_then(|v| v.parse().ok()).unwrap_or(if quick {
        500
    } else {
        10_000
    });
    let opts = GenerateOptions {
        last_update: chrono::DateTime::UNIX_EPOCH,
        cache_validity: 48,
        mud_signature: None,
    };
    let bases: Vec<MudFile> =
        iotlabel_testkit::examples().iter().filter_map(|(_, d)| generate(d, &opts).ok()).collect();
    assert!(!bases.is_empty());
    // Each profile names its own cloud (a maker per 10 devices), as a real network's would.
    let texts: Vec<String> = (0..n)
        .map(|i| {
            let t = serde_json::to_string(&bases[i % bases.len()]).expect("json");
            t.replace(".example\"", &format!(".maker{}.example\"", i / 10))
        })
        .collect();
    let t = Instant::now();
    let profiles: Vec<MudFile> =
        texts.iter().map(|t| read("bench", t, Mode::Strict).expect("valid").mud).collect();
    let read_s = t.elapsed().as_secs_f64();
    let devices: Vec<Device> = (0..n)
        .map(|i| Device {
            id: format!("d{i}"),
            mac: Some(format!("02:00:00:{:02x}:{:02x}:{:02x}", (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff)),
            ipv4: vec![core::net::Ipv4Addr::from(0x0a00_0000u32 + i as u32)],
            ipv6: vec![core::net::Ipv6Addr::from(0xfd00_0000_0000_0000_0000_0000_0000_0000u128 + i as u128)],
        })
        .collect();
    let t = Instant::now();
    let rs = compile(profiles.iter().zip(&devices), &Site::default()).expect("compiles");
    let compile_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let text = rs.to_nft();
    let text_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let json = rs.to_json_text();
    let json_s = t.elapsed().as_secs_f64();
    black_box((&text, &json));
    let total = compile_s + text_s;
    println!(
        "{n} profiles, {} rules, {} DNS sets: compile {:.1} ms, nft text {:.1} ms ({:.1} MB), JSON {:.1} ms ({:.1} MB)",
        rs.rule_count(),
        rs.dns_sets().len(),
        compile_s * 1e3,
        text_s * 1e3,
        text.len() as f64 / 1e6,
        json_s * 1e3,
        json.len() as f64 / 1e6
    );
    println!(
        "compile + text: {:.1} ms = {:.1} us a profile; 10,000 profiles in {:.3} s = {:.1}x under the 1 s target",
        total * 1e3,
        total * 1e6 / n as f64,
        total * 10_000.0 / n as f64,
        TARGET_SECONDS / (total * 10_000.0 / n as f64)
    );
    println!(
        "reading the {n} MUD files strictly first: {:.1} ms ({:.1} us a file)",
        read_s * 1e3,
        read_s * 1e6 / n as f64
    );
}
