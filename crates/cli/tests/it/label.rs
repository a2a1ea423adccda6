//! `iotlabel label`, `documents` and `advertise`: files written, refusals, nothing left behind.

use std::path::Path;
use std::process::Command as StdCommand;

use crate::util::*;

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

#[test]
fn label_writes_every_format_and_the_qr_code_decodes() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    run(&[
        "label",
        &example("acme-cam-2.toml"),
        "--evidence",
        "examples/evidence/acme-cam-2-lab.json",
        "--out",
        &out_s,
        "--lang",
        "en+fr",
        "--base-url",
        "https://registry.example/l/",
        "--as-of",
        AS_OF,
    ])
    .expect_code(0)
    .no_panic();
    let names = files_in(&out);
    for ext in ["html", "svg", "png", "pdf", "json", "txt"] {
        assert!(names.contains(&format!("acme-cam-2-b1-2-4-1.{ext}")), "{ext} missing in {names:?}");
    }
    assert_eq!(names.len(), 6, "no stray files: {names:?}");

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("acme-cam-2-b1-2-4-1.json")).unwrap())
            .unwrap();
    let url = json["label"]["url"].as_str().unwrap().to_string();
    assert!(url.starts_with("https://registry.example/l/acme-cam-2-b1-2-4-1?d="), "{url}");
    assert_eq!(json["dhcp"]["option"], 161);
    assert_eq!(json["dhcp"]["mud_url"], "https://acme.example/mud/cam2.json");
    assert!(json["label"]["digest"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(json["label"]["evidence"].as_array().unwrap().len(), 4);
    assert_eq!(json["assessment"]["frameworks"].as_array().unwrap().len(), 5);

    // A real QR decoder reads the URL back from the PNG.
    let decoded = StdCommand::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(out.join("acme-cam-2-b1-2-4-1.png"))
        .output()
        .expect("zbarimg (Debian zbar-tools) must be installed");
    // Two panels (en+fr), two codes, both the same URL.
    let codes: Vec<String> = String::from_utf8_lossy(&decoded.stdout).lines().map(str::to_string).collect();
    assert_eq!(codes, vec![url.clone(), url.clone()]);

    let pdf = std::fs::read(out.join("acme-cam-2-b1-2-4-1.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let svg = std::fs::read_to_string(out.join("acme-cam-2-b1-2-4-1.svg")).unwrap();
    assert!(svg.contains("width=\"180mm\"") && svg.contains("1er mars 2029") && svg.contains("1 March 2029"));
    let html = std::fs::read_to_string(out.join("acme-cam-2-b1-2-4-1.html")).unwrap();
    assert!(html.contains("Example Test Lab"), "the page names who produced the evidence");
}

#[test]
fn label_refuses_bad_arguments_before_writing_anything() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    let cases: [(&[&str], &str); 4] = [
        (&["--lang", "de"], "unknown language `de`"),
        (&["--format", "svg,gif"], "unknown format `gif`"),
        (&["--base-url", "registry.example"], "not an http(s) URL"),
        (&["--dpi", "5"], "out of range"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["label", "examples/devices/acme-cam-2.toml", "--out", &out_s];
        args.extend_from_slice(extra);
        let r = run(&args);
        r.expect_code(2).no_panic();
        assert!(r.stderr.contains(message), "{extra:?}: {}", r.stderr);
        assert!(!out.exists(), "{extra:?} created the output directory");
    }
    // An invalid declaration gets the same located errors as `validate`.
    let r = run(&["label", &data("bad/impossible-tls-version.toml"), "--out", &out_s]);
    r.expect_code(2).no_panic();
    assert!(has_location(&r.stderr, "impossible-tls-version.toml"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn label_into_an_unwritable_place_leaves_no_partial_files() {
    let dir = tempdir();
    // The output "directory" is a regular file.
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let r = run(&["label", &example("plugsafe-mini.toml"), "--out", &file.to_string_lossy()]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("not a directory"), "{}", r.stderr);

    // One target name is taken by a directory: the rename fails after every file was staged.
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("plugsafe-mini-ps-m1-1-4-0.png")).unwrap();
    let r = run(&[
        "label",
        &example("plugsafe-mini.toml"),
        "--out",
        &out.to_string_lossy(),
        "--format",
        "svg,png,json",
    ]);
    r.expect_code(2).no_panic();
    assert_eq!(files_in(&out), vec!["plugsafe-mini-ps-m1-1-4-0.png".to_string()], "partial files left");
}

#[test]
fn documents_are_written_or_refused_naming_the_missing_fact() {
    let r = run(&[
        "documents",
        &example("fortis-lock-pro.toml"),
        "--scheme",
        "etsi-en-303-645",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(0).no_panic();
    let rows = r.stdout.lines().filter(|l| l.starts_with("| 5.") || l.starts_with("| 6-")).count();
    assert_eq!(rows, 78, "{}", r.stdout);

    let r = run(&[
        "documents",
        &example("fortis-lock-pro.toml"),
        "--scheme",
        "us-cyber-trust-mark",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v.get("minimum_support_period").is_some(), "{v}");

    let r = run(&["documents", &example("thermaline-t4.toml"), "--scheme", "uk-psti", "--as-of", AS_OF]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("identity.manufacturer.address"), "{}", r.stderr);

    let r = run(&["documents", &example("fortis-lock-pro.toml"), "--scheme", "fcc"]);
    r.expect_code(2);
    assert!(r.stderr.contains("unknown scheme `fcc`"), "{}", r.stderr);

    let r = run(&["documents", &example("fortis-lock-pro.toml"), "--scheme", "uk-psti", "--lang", "en+fr"]);
    r.expect_code(2);
    assert!(r.stderr.contains("one language only"), "{}", r.stderr);
}

#[test]
fn advertise_refuses_non_loopback_addresses() {
    let r =
        run(&["advertise", &example("plugsafe-mini.toml"), "--http", "0.0.0.0:0", "--dns", "127.0.0.1:0"]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.to_lowercase().contains("loopback"), "{}", r.stderr);
}

#[test]
fn advertise_serves_the_well_known_resource() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin!("iotlabel"))
        .current_dir(root())
        .args([
            "advertise",
            "examples/devices/plugsafe-mini.toml",
            "--label-url",
            "https://registry.example/l/plugsafe",
            "--http",
            "127.0.0.1:0",
            "--dns",
            "127.0.0.1:0",
        ])
        .stdout(std::process::Stdio::piped())
        .env("NO_COLOR", "1")
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut http = None;
    for _ in 0..5 {
        let line = lines.next().unwrap().unwrap();
        if let Some(rest) = line.trim().strip_prefix("http://") {
            http = rest.split('/').next().map(str::to_string);
            break;
        }
    }
    let addr = http.expect("advertise prints its HTTP address");
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(5))).unwrap();
    write!(s, "GET /.well-known/iot-label HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    let body = resp.split("\r\n\r\n").nth(1).unwrap();
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["url"], "https://registry.example/l/plugsafe");
    assert!(v["digest"].as_str().unwrap().starts_with("sha256:"));
}
