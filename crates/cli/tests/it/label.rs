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
    assert_eq!(json["format"], "iotlabel.label");
    assert_eq!(json["version"], 3);
    assert_eq!(json["dhcp"]["dhcpv4_option"], 161);
    assert_eq!(json["dhcp"]["dhcpv6_option"], 112);
    assert_eq!(json["dhcp"]["mud_url"], "https://acme.example/mud/cam2.json");
    assert!(json["label"]["digest"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(json["label"]["evidence"].as_array().unwrap().len(), 4);
    assert_eq!(json["assessment"]["frameworks"].as_array().unwrap().len(), FRAMEWORKS.len());

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

/// The fortis lock example with `edit` applied to its TOML text, written into `dir`.
fn edited_fortis(dir: &Path, edit: impl Fn(String) -> String) -> String {
    let text = std::fs::read_to_string(root().join(example("fortis-lock-pro.toml"))).unwrap();
    let path = dir.join("edited.toml");
    std::fs::write(&path, edit(text)).unwrap();
    path.to_string_lossy().into_owned()
}

/// The U.S. Cyber Trust Mark takes consumer IoT products only: its exclusions are data beside
/// the NIST IR 8425 catalog (47 CFR 8.203(b)), and the registry data is refused with the reason
/// and the reference.
#[test]
fn us_cyber_trust_mark_documents_refuse_excluded_products() {
    let dir = tempdir();
    let medical = edited_fortis(dir.path(), |t| {
        t.replace("device_type = \"lock\"", "device_type = \"medical-device\"")
            + "\n[market]\nregions = [\"US\"]\nregimes = [\"us-fda-medical-device\"]\n"
    });
    let r = run(&["documents", &medical, "--scheme", "us-cyber-trust-mark", "--as-of", AS_OF]);
    r.expect_code(2).no_panic();
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    for part in [
        "U.S. Cyber Trust Mark",
        "medical devices regulated by the FDA",
        "47 CFR 8.203(b)",
        "identity.device_type",
    ] {
        assert!(r.stderr.contains(part), "`{part}` missing:\n{}", r.stderr);
    }
    // The same product's other paperwork is not refused for it (the ETSI conformance statement).
    run(&["documents", &medical, "--scheme", "etsi-en-303-645", "--as-of", AS_OF]).expect_code(0);

    let enterprise =
        edited_fortis(dir.path(), |t| t + "\n[market]\nregions = [\"US\"]\nconsumer_use = false\n");
    let r = run(&["documents", &enterprise, "--scheme", "us-cyber-trust-mark", "--as-of", AS_OF]);
    r.expect_code(2).no_panic();
    for part in
        ["Cyber Trust Mark", "enterprise, industrial, healthcare", "47 CFR 8.203(b)", "market.consumer_use"]
    {
        assert!(r.stderr.contains(part), "`{part}` missing:\n{}", r.stderr);
    }

    // Wired only (interfaces declared, none a radio): not an IoT device under 47 CFR 8.203(i).
    let wired = edited_fortis(dir.path(), |t| {
        let (head, rest) = t.split_once("\n[[interfaces]]").unwrap();
        let tail = &rest[rest.find("\n[ownership]").unwrap()..];
        format!(
            "{head}\n[[interfaces]]\nkind = \"ethernet\"\nauthentication = \"none\"\nprotection = \"none\"\n{tail}\n[market]\nregions = [\"US\"]\n"
        )
    });
    let r = run(&["documents", &wired, "--scheme", "us-cyber-trust-mark", "--as-of", AS_OF]);
    r.expect_code(2).no_panic();
    for part in ["Cyber Trust Mark", "radio frequency", "47 CFR 8.203(i)", "interfaces"] {
        assert!(r.stderr.contains(part), "`{part}` missing:\n{}", r.stderr);
    }

    // A consumer product sold in the US is not refused; one sold only in Japan is.
    let consumer = edited_fortis(dir.path(), |t| t + "\n[market]\nregions = [\"US\"]\nconsumer_use = true\n");
    run(&["documents", &consumer, "--scheme", "us-cyber-trust-mark", "--as-of", AS_OF]).expect_code(0);
    let japan = edited_fortis(dir.path(), |t| t + "\n[market]\nregions = [\"JP\"]\n");
    let r = run(&["documents", &japan, "--scheme", "us-cyber-trust-mark", "--as-of", AS_OF]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("market.regions") && r.stderr.contains("US"), "{}", r.stderr);
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

/// A failed run must leave the files of an earlier run as they were: here `X.pdf` is a directory,
/// so the run fails, and the earlier `X.html` and `X.svg` must still be there, unchanged.
#[test]
fn label_failure_keeps_the_files_of_an_earlier_run() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let id = "plugsafe-mini-ps-m1-1-4-0";
    std::fs::create_dir_all(out.join(format!("{id}.pdf"))).unwrap();
    std::fs::write(out.join(format!("{id}.html")), "old html").unwrap();
    std::fs::write(out.join(format!("{id}.svg")), "old svg").unwrap();
    let before = files_in(&out);
    let r = run(&[
        "label",
        &example("plugsafe-mini.toml"),
        "--out",
        &out.to_string_lossy(),
        "--format",
        "html,svg,pdf",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains(&format!("{id}.pdf: cannot write")), "{}", r.stderr);
    assert_eq!(r.stdout, "", "no `wrote` lines");
    assert_eq!(files_in(&out), before, "files added or removed (temporaries, backups, earlier output)");
    assert_eq!(std::fs::read_to_string(out.join(format!("{id}.html"))).unwrap(), "old html");
    assert_eq!(std::fs::read_to_string(out.join(format!("{id}.svg"))).unwrap(), "old svg");
    assert!(out.join(format!("{id}.pdf")).is_dir(), "the directory in the way is untouched");

    // Once the way is clear, the earlier files are replaced and no backup is left behind.
    std::fs::remove_dir(out.join(format!("{id}.pdf"))).unwrap();
    let r = run(&[
        "label",
        &example("plugsafe-mini.toml"),
        "--out",
        &out.to_string_lossy(),
        "--format",
        "html,svg,pdf",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(0).no_panic();
    assert_eq!(files_in(&out), [format!("{id}.html"), format!("{id}.pdf"), format!("{id}.svg")]);
    assert!(std::fs::read_to_string(out.join(format!("{id}.svg"))).unwrap().starts_with("<svg"));
}

/// `--base-url` must be an absolute http(s) URL with a host and no query or fragment; a missing
/// final slash is added, so the label id is a path segment of its own.
#[test]
fn label_base_url_is_checked_and_gets_its_final_slash() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    for (base, message) in [
        ("https://", "not an http(s) URL"),
        ("http://", "not an http(s) URL"),
        ("ftp://registry.example/l/", "not an http(s) URL"),
        ("registry.example/l/", "not an http(s) URL"),
        ("https://registry.example/l?x=1", "query string"),
        ("https://registry.example/l/#top", "fragment"),
        ("https://user:pw@registry.example/l/", "user name or password"),
    ] {
        let r = run(&["label", &example("plugsafe-mini.toml"), "--out", &out_s, "--base-url", base]);
        r.expect_code(2).no_panic();
        assert!(r.stderr.contains(message), "{base}: {}", r.stderr);
        assert!(r.stderr.contains("--base-url"), "{base}: {}", r.stderr);
        assert!(!out.exists(), "{base}: the output directory was created");
    }
    let r = run(&[
        "label",
        &example("plugsafe-mini.toml"),
        "--out",
        &out_s,
        "--format",
        "json",
        "--base-url",
        "https://registry.example/l",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(0).no_panic();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("plugsafe-mini-ps-m1-1-4-0.json")).unwrap())
            .unwrap();
    let url = json["label"]["url"].as_str().unwrap();
    assert!(url.starts_with("https://registry.example/l/plugsafe-mini-ps-m1-1-4-0?d="), "{url}");

    // advertise takes the same check.
    let r = run(&["advertise", &example("plugsafe-mini.toml"), "--base-url", "https://"]);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("--base-url"), "{}", r.stderr);
}

/// `--registry URL` points the label at `<registry>/l/` (the registry's label page path);
/// `--base-url` is the full override and the two exclude each other; without either the label
/// points at a local `iotlabel serve`.
#[test]
fn label_registry_sets_the_base_url() {
    let file = example("plugsafe-mini.toml");
    let txt = |extra: &[&str]| {
        let mut args = vec!["label", &file, "--format", "txt", "--as-of", AS_OF];
        args.extend_from_slice(extra);
        run(&args)
    };
    for (registry, base) in [
        ("http://127.0.0.1:9000", "http://127.0.0.1:9000/l/"),
        ("https://registry.example/", "https://registry.example/l/"),
        ("https://example.org/iotlabel", "https://example.org/iotlabel/l/"),
    ] {
        let r = txt(&["--registry", registry]);
        r.expect_code(0).no_panic();
        let url = format!("{base}plugsafe-mini-ps-m1-1-4-0?d=");
        assert!(r.stdout.contains(&url), "{registry}: {url} not in\n{}", r.stdout);
    }
    let r = txt(&[]);
    r.expect_code(0).no_panic();
    assert!(r.stdout.contains("http://127.0.0.1:8080/l/plugsafe-mini-ps-m1-1-4-0?d="), "{}", r.stdout);

    for (registry, message) in
        [("registry.example", "not an http(s) URL"), ("https://registry.example/?x=1", "query string")]
    {
        let r = txt(&["--registry", registry]);
        r.expect_code(2).no_panic();
        assert!(r.stderr.contains(message) && r.stderr.contains("--registry"), "{registry}: {}", r.stderr);
    }
    let both = ["--registry", "https://registry.example", "--base-url", "https://registry.example/l/"];
    let r = txt(&both);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
    let mut args = vec!["advertise", &file];
    args.extend_from_slice(&both);
    let r = run(&args);
    r.expect_code(2).no_panic();
    assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
}

/// `--format txt` needs no directory: the text label goes to stdout (also with `--out -`).
#[test]
fn label_txt_goes_to_stdout_without_out() {
    let r = run(&["label", &example("plugsafe-mini.toml"), "--format", "txt", "--as-of", AS_OF]);
    r.expect_code(0);
    let stdout = r.stdout;
    assert!(stdout.contains("PlugSafe Mini"), "{stdout}");
    assert!(!stdout.contains("wrote "), "{stdout}");
    assert!(stdout.ends_with('\n'));

    let dash =
        run(&["label", &example("plugsafe-mini.toml"), "--format", "txt", "--out", "-", "--as-of", AS_OF]);
    dash.expect_code(0).no_panic();
    assert_eq!(dash.stdout, stdout, "--out - is the same as no --out");
    assert!(!root().join("-").exists(), "a directory named `-` was created");

    // Both languages, one after the other.
    let both = run(&[
        "label",
        &example("plugsafe-mini.toml"),
        "--format",
        "txt",
        "--lang",
        "en+fr",
        "--as-of",
        AS_OF,
    ]);
    both.expect_code(0);
    assert!(both.stdout.starts_with(&stdout[..stdout.len() - 1]), "{}", both.stdout);
    assert!(both.stdout.len() > stdout.len() + 100);

    // Other formats still need a directory, and say so.
    for extra in [&["--format", "txt,svg"][..], &[], &["--out", "-", "--format", "png"]] {
        let mut args = vec!["label", "examples/devices/plugsafe-mini.toml"];
        args.extend_from_slice(extra);
        let r = run(&args);
        r.expect_code(2).no_panic();
        assert!(r.stderr.contains("--out DIR"), "{extra:?}: {}", r.stderr);
        assert!(r.stderr.contains("--format txt"), "{extra:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
    }
}

/// The refusal speaks of the CLI's flags, not of the library's `allow_non_loopback` option.
#[test]
fn advertise_refusal_names_the_flags() {
    for (flag, addr) in [("--http", "0.0.0.0:0"), ("--dns", "192.0.2.1:53")] {
        let mut args = vec![
            "advertise",
            "examples/devices/plugsafe-mini.toml",
            "--http",
            "127.0.0.1:0",
            "--dns",
            "127.0.0.1:0",
        ];
        let i = args.iter().position(|a| *a == flag).unwrap();
        args[i + 1] = addr;
        let r = run(&args);
        r.expect_code(2).no_panic();
        assert!(!r.stderr.contains("allow_non_loopback"), "{}", r.stderr);
        assert!(r.stderr.contains(&format!("{flag} {addr}: not a loopback address")), "{}", r.stderr);
        assert!(r.stderr.contains("127.0.0.0/8"), "{}", r.stderr);
        assert_eq!(r.stdout, "");
    }
}

/// The label JSON carries the HTML page's content in every language asked for: the same
/// headings, in the same order, and the same "what this means for you" notes and glossary, from
/// the code that writes the page; and the assessment's reasons in each language.
#[test]
fn label_json_carries_the_page_in_each_language() {
    let dir = tempdir();
    let out = dir.path().join("out");
    run(&[
        "label",
        &example("acme-cam-2.toml"),
        "--evidence",
        "examples/evidence/acme-cam-2-lab.json",
        "--out",
        &out.to_string_lossy(),
        "--format",
        "html,json",
        "--lang",
        "en+fr",
        "--as-of",
        AS_OF,
    ])
    .expect_code(0)
    .no_panic();
    let html = std::fs::read_to_string(out.join("acme-cam-2-b1-2-4-1.html")).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("acme-cam-2-b1-2-4-1.json")).unwrap())
            .unwrap();
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    for key in ["page", "glossary", "assessment_by_lang"] {
        assert_eq!(keys(&json[key]), ["en", "fr"], "{key}");
    }
    assert_ne!(json["page"]["en"], json["page"]["fr"]);

    for (i, lang) in ["en", "fr"].into_iter().enumerate() {
        let start = html.find(&format!("<section lang=\"{lang}\"")).unwrap();
        let part = &html[start..start + html[start..].find("</section>").unwrap()];
        let page = &json["page"][lang];
        assert_eq!(page["lang"], lang);
        assert!(page.get("glossary").is_none(), "the glossary is given apart");

        // Headings (h3 sections and h4 parts under the language's h2), in order.
        let suffix = if i == 0 { String::new() } else { format!("-{lang}") };
        let mut shown = Vec::new();
        for h in ["<h3 id=\"", "<h4 id=\""] {
            for (at, _) in part.match_indices(h) {
                let rest = &part[at + h.len()..];
                let (id, rest) = rest.split_once("\">").unwrap();
                let text = unescape(&rest[..rest.find("</h").unwrap()]);
                shown.push((at, id.strip_suffix(suffix.as_str()).unwrap().to_string(), text));
            }
        }
        shown.sort();
        let shown: Vec<(String, String)> = shown.into_iter().map(|(_, id, t)| (id, t)).collect();
        let mut sections = Vec::new();
        flatten(&page["sections"], &mut sections);
        let headings: Vec<(String, String)> =
            sections.iter().map(|s| (str_of(&s["id"]), str_of(&s["heading"]))).collect();
        assert_eq!(headings, shown, "{lang}: headings");

        // Every "what this means for you" note, in order.
        let opening = "<div class=\"meaning\"><p><strong>";
        let notes: Vec<String> = part
            .split(opening)
            .skip(1)
            .map(|rest| {
                let text = rest.split_once("</strong> ").unwrap().1;
                unescape(&text[..text.find("</p>").unwrap()])
            })
            .collect();
        let meanings: Vec<String> =
            sections.iter().filter_map(|s| s["meaning"]["text"].as_str().map(str::to_string)).collect();
        assert!(notes.len() >= 8, "{lang}: {notes:?}");
        assert_eq!(meanings, notes, "{lang}: what this means for you");

        // The glossary: term ids, names and definitions as the page shows them.
        let entries: Vec<(String, String, String)> = part
            .split("<dt id=\"glossary-")
            .skip(1)
            .map(|rest| {
                let (id, rest) = rest.split_once("\">").unwrap();
                let (name, rest) = rest.split_once("</dt><dd>").unwrap();
                let definition = &rest[..rest.find("</dd>").unwrap()];
                (id.strip_suffix(suffix.as_str()).unwrap().to_string(), unescape(name), unescape(definition))
            })
            .collect();
        let glossary: Vec<(String, String, String)> = json["glossary"][lang]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (str_of(&g["id"]), str_of(&g["name"]), str_of(&g["definition"])))
            .collect();
        assert!(glossary.len() >= 10);
        assert_eq!(glossary, entries, "{lang}: glossary");
    }

    // The English assessment stays where it was; each language has its own reasons.
    assert_eq!(json["assessment_by_lang"]["en"], json["assessment"]);
    let reasons = |lang: &str| -> Vec<String> {
        let v = &json["assessment_by_lang"][lang];
        v["frameworks"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["requirements"].as_array().unwrap())
            .map(|r| format!("{} {} {}", r["id"], r["verdict"], r["reason"]))
            .collect()
    };
    let (en, fr) = (reasons("en"), reasons("fr"));
    assert_eq!(en.len(), fr.len());
    assert!(en.iter().zip(&fr).filter(|(e, f)| e != f).count() > en.len() / 2, "reasons not translated");

    // One language: one of each.
    let r = run(&[
        "label",
        &example("plugsafe-mini.toml"),
        "--out",
        &out.to_string_lossy(),
        "--format",
        "json",
        "--lang",
        "fr",
        "--as-of",
        AS_OF,
    ]);
    r.expect_code(0).no_panic();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("plugsafe-mini-ps-m1-1-4-0.json")).unwrap())
            .unwrap();
    for key in ["page", "glossary", "assessment_by_lang"] {
        assert_eq!(keys(&json[key]), ["fr"], "{key}");
    }
    assert_eq!(json["page"]["fr"]["sections"][0]["heading"], "L’étiquette en bref");
}

/// Sections and the sections under them, in page order.
fn flatten<'a>(sections: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    for s in sections.as_array().unwrap() {
        out.push(s);
        if let Some(nested) = s.get("sections") {
            flatten(nested, out);
        }
    }
}

fn str_of(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string()
}

/// Text as the page escapes it (`&amp;`, `&lt;`, `&gt;`, `&quot;`), unescaped.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}
