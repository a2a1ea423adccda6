//! `cargo bench -p iotlabel-observe --bench observe`: issue #14's speed target, a 1 GB pcapng
//! observed (read, decoded, conversations and names gathered, judged against a declaration) at
//! no less than 500 MB/s per core, in constant memory.
//!
//! The benchmark writes a pcapng of the given size (IOTLABEL_BENCH_MB, 1024 by default; 16 in
//! quick mode, which `cargo test --benches` runs) into a temporary directory: a device's TLS
//! sessions (ClientHello with SNI, ServerHello, bulk records of 1,400 bytes, ACKs) to a few cloud
//! addresses over 4,096 connections, DNS answers, UDP discovery broadcasts, a local control
//! service. It then reads the file three ways, one thread each, the file in the page cache:
//! 1. raw: `read` into a 1 MiB buffer, nothing else (the reference: what the disk cache and the
//!    kernel give one core);
//! 2. frames: `iotlabel_capture::FrameReader` only (pcapng framing, no decoding);
//! 3. observe: `iotlabel_observe::read_capture` and `judge` (everything `evidence observe` does
//!    but printing).
//!
//! It prints MB/s for each, observe's ratio to the 500 MB/s target and to raw reading, and the
//! process's peak resident memory (VmHWM) after each step.

use std::io::{BufWriter, Read};
use std::time::Instant;

use etherparse::PacketBuilder;
use iotlabel_capture::{FrameReader, Link, PcapNgWriter};

const TARGET_MB_S: f64 = 500.0;

fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l[6..].trim().to_string()))
        .unwrap_or_else(|| "n/a".into())
}

/// CPU time this thread has run, in seconds (/proc/thread-self/schedstat): on a shared machine
/// the per-core figure is bytes over CPU time, not over wall time.
fn cpu_s() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse::<f64>().ok()))
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn client_hello(sni: &str) -> Vec<u8> {
    let mut b = vec![3, 3];
    b.extend_from_slice(&[7; 32]);
    b.extend_from_slice(&[0, 0, 2, 0xc0, 0x2f, 1, 0]);
    let mut sn = vec![0];
    sn.extend_from_slice(&(sni.len() as u16).to_be_bytes());
    sn.extend_from_slice(sni.as_bytes());
    let mut data = (sn.len() as u16).to_be_bytes().to_vec();
    data.extend_from_slice(&sn);
    let mut ext = vec![0, 0];
    ext.extend_from_slice(&(data.len() as u16).to_be_bytes());
    ext.extend_from_slice(&data);
    b.extend_from_slice(&(ext.len() as u16).to_be_bytes());
    b.extend_from_slice(&ext);
    let mut h = vec![1];
    h.extend_from_slice(&(b.len() as u32).to_be_bytes()[1..]);
    h.extend_from_slice(&b);
    let mut r = vec![22, 3, 1];
    r.extend_from_slice(&(h.len() as u16).to_be_bytes());
    r.extend_from_slice(&h);
    r
}

fn generate(path: &std::path::Path, bytes: u64) -> std::io::Result<u64> {
    let dev_mac = [2, 0, 0, 0, 0, 0x50];
    let gw_mac = [2, 0, 0, 0, 0, 1];
    let dev = [192, 168, 1, 50];
    let clouds = [[203, 0, 113, 10], [203, 0, 113, 11], [198, 51, 100, 7], [198, 51, 100, 8]];
    let out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let mut w = PcapNgWriter::new(out, Link::ETHERNET)?;
    let mut t = 1_700_000_000_000_000u64;
    let mut buf = Vec::with_capacity(2048);
    let bulk = [0x17u8; 1400];
    let mut i = 0u32;
    while w.written() < bytes {
        let conn = i % 4096;
        let cloud = clouds[(conn % 4) as usize];
        let sport = 40_000 + conn as u16;
        let seq = 1000 + (i / 4096) * 1400 * 8;
        let mut frame = |src_mac,
                         dst_mac,
                         src: [u8; 4],
                         dst: [u8; 4],
                         sp,
                         dp,
                         seq: u32,
                         p: &[u8],
                         w: &mut PcapNgWriter<_>| {
            buf.clear();
            PacketBuilder::ethernet2(src_mac, dst_mac)
                .ipv4(src, dst, 64)
                .tcp(sp, dp, seq, 64240)
                .ack(1)
                .write(&mut buf, p)
                .map_err(std::io::Error::other)?;
            t += 50;
            w.packet(t, &buf)
        };
        if i < 4096 {
            // Each connection opens with a ClientHello naming its host.
            frame(dev_mac, gw_mac, dev, cloud, sport, 443, seq, &client_hello("api.plug.example"), &mut w)?;
        } else {
            for k in 0..6 {
                frame(gw_mac, dev_mac, cloud, dev, 443, sport, seq + k * 1400, &bulk, &mut w)?;
            }
            frame(dev_mac, gw_mac, dev, cloud, sport, 443, seq, &[], &mut w)?;
        }
        if i.is_multiple_of(512) {
            buf.clear();
            PacketBuilder::ethernet2(dev_mac, [0xff; 6])
                .ipv4(dev, [255, 255, 255, 255], 64)
                .udp(50_000, 6667)
                .write(&mut buf, &[0u8; 172])
                .map_err(std::io::Error::other)?;
            w.packet(t, &buf)?;
        }
        i += 1;
    }
    let n = w.written();
    w.finish()?;
    Ok(n)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run small then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let mb: u64 = std::env::var("IOTLABEL_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(if quick {
        16
    } else {
        1024
    });
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("bench.pcapng");
    let t0 = Instant::now();
    let size = generate(&path, mb << 20).expect("generate the capture");
    println!(
        "observe bench: {} pcapng of {:.1} MB written in {:.1} s; peak RSS after writing {}",
        if quick { "quick" } else { "full" },
        size as f64 / 1e6,
        t0.elapsed().as_secs_f64(),
        peak_rss()
    );

    // 1. Raw reading: the reference.
    let mut raw_best = f64::MAX;
    for _ in 0..2 {
        let t = Instant::now();
        let mut f = std::fs::File::open(&path).expect("open");
        let mut b = vec![0u8; 1 << 20];
        let mut n = 0u64;
        loop {
            let k = f.read(&mut b).expect("read");
            if k == 0 {
                break;
            }
            n += k as u64;
        }
        assert_eq!(n, size);
        raw_best = raw_best.min(t.elapsed().as_secs_f64());
    }
    let raw = size as f64 / 1e6 / raw_best;
    println!("  raw read     {raw:>9.0} MB/s   peak RSS {}", peak_rss());

    // 2. Framing only.
    let t = Instant::now();
    let f = std::fs::File::open(&path).expect("open");
    let mut r = FrameReader::new("bench.pcapng", f).expect("opens");
    let mut frames = 0u64;
    while let Some(x) = r.next_frame() {
        x.expect("frame");
        frames += 1;
    }
    let framing = size as f64 / 1e6 / t.elapsed().as_secs_f64();
    println!("  frames only  {framing:>9.0} MB/s   {frames} frames   peak RSS {}", peak_rss());

    // 3. The whole observation.
    let decl_text = include_str!("../tests/data/synth-plug.toml");
    let decl = iotlabel_model::parse_declaration("synth-plug.toml", decl_text, iotlabel_model::Format::Toml)
        .expect("declaration");
    let map = [iotlabel_observe::Mapped {
        index: 0,
        address: iotlabel_observe::map::Address::Mac([2, 0, 0, 0, 0, 0x50]),
        name: "plug".into(),
        role: iotlabel_observe::Role::Device,
    }];
    let t = Instant::now();
    let c0 = cpu_s();
    let f = std::fs::File::open(&path).expect("open");
    let (seen, format) = iotlabel_observe::read_capture("bench.pcapng", f).expect("reads");
    let obs = iotlabel_observe::judge(
        &seen,
        &iotlabel_observe::Inputs { file: "bench.pcapng", format, declaration: &decl, map: &map },
    )
    .expect("judged");
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_s() - c0;
    let observe = size as f64 / 1e6 / secs;
    let observe_cpu = size as f64 / 1e6 / cpu;
    assert_eq!(obs.capture.frames, frames);
    assert!(obs.connections.iter().any(|c| c.server_name.as_deref() == Some("api.plug.example")));
    println!(
        "  observe      {observe:>9.0} MB/s   {:.2} s   peak RSS {}   ({} connection rows)",
        secs,
        peak_rss(),
        obs.connections.len()
    );
    println!(
        "  observe per core: {observe:.0} MB/s wall, {observe_cpu:.0} MB/s per CPU second ({cpu:.2} s on CPU): \
         {:.2}x (wall) / {:.2}x (CPU) the {TARGET_MB_S:.0} MB/s target; {:.3}x raw reading of the same file (the reference)",
        observe / TARGET_MB_S,
        observe_cpu / TARGET_MB_S,
        observe / raw
    );
}
