//! Every compiled ruleset is checked by nftables itself (`nft --check`, text and JSON), inside a
//! network namespace of its own: the shared MUD files (read leniently where they deviate) and
//! the profiles generated from the examples, for devices known by MAC, by IP, or both, in IPv4
//! and IPv6. One `check` per profile.

use std::path::{Path, PathBuf};
use std::process::Command;

use iotlabel_mud::nft::{Device, Site, compile};
use iotlabel_mud::{GenerateOptions, Mode, MudFile, generate, read};

fn devices() -> Vec<Device> {
    vec![
        Device {
            id: "both".into(),
            mac: Some("02:00:00:00:00:05".into()),
            ipv4: vec!["192.168.1.5".parse().expect("ip")],
            ipv6: vec!["fd00::5".parse().expect("ip")],
        },
        Device { id: "mac_only".into(), mac: Some("02:00:00:00:00:06".into()), ..Default::default() },
        Device { id: "ip_only".into(), ipv4: vec!["192.168.1.7".parse().expect("ip")], ..Default::default() },
        Device { id: "v6_only".into(), ipv6: vec!["2001:db8::8".parse().expect("ip")], ..Default::default() },
    ]
}

fn nft_check(dir: &Path, name: &str, text: &str, json: &str) {
    let t = dir.join(format!("{name}.nft"));
    let j = dir.join(format!("{name}.json"));
    std::fs::write(&t, text).expect("write");
    std::fs::write(&j, json).expect("write");
    for args in [vec!["--check", "-f"], vec!["-j", "--check", "-f"]] {
        let file = if args[0] == "-j" { &j } else { &t };
        // A namespace of our own: nothing touches the machine's firewall.
        let out = Command::new("unshare")
            .args(["--net", "nft"])
            .args(&args)
            .arg(file)
            .output()
            .expect("unshare and nft are installed (cargo xtask test installs nftables)");
        assert!(
            out.status.success(),
            "{name}: nft {} refused {}:\n{}",
            args.join(" "),
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn check(dir: &Path, name: &str, mud: &MudFile) {
    let devs = devices();
    let rs =
        compile(devs.iter().map(|d| (mud, d)), &Site::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = rs.to_nft();
    // Default deny both ways for every device, and every device's traffic sent to its chains.
    for d in &devs {
        for chain in [format!("{}_from", d.id), format!("{}_to", d.id)] {
            assert!(text.contains(&format!("chain {chain} {{")), "{name}: no chain {chain}");
            assert!(text.contains(&format!("jump {chain}")), "{name}: nothing jumps to {chain}");
        }
    }
    assert_eq!(text.matches("counter drop comment").count(), 2 * devs.len(), "{name}");
    let json = rs.to_json_text();
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("the JSON text parses");
    assert_eq!(parsed, rs.to_json(), "{name}: text and value agree");
    nft_check(dir, name, &text, &json);
}

fn temp(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("iotlabel-mud-nft-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

#[test]
fn shared_profiles_compile_to_rulesets_nft_accepts() {
    let dir = temp("shared");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mud");
    for sub in ["valid", "deviating"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(sub))
            .expect("shared/mud is beside the workspace")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for p in files {
            let name = p.file_stem().expect("name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("readable");
            let mud = read(&name, &text, Mode::Lenient).unwrap_or_else(|e| panic!("{e}")).mud;
            check(&dir, &name, &mud);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn generated_profiles_compile_to_rulesets_nft_accepts() {
    let dir = temp("generated");
    let opts = GenerateOptions {
        last_update: chrono::DateTime::UNIX_EPOCH,
        cache_validity: 48,
        mud_signature: None,
    };
    let mut n = 0;
    for (name, d) in iotlabel_testkit::examples() {
        if let Ok(mud) = generate(&d, &opts) {
            check(&dir, &name, &mud);
            n += 1;
        }
    }
    assert!(n >= 4);
    std::fs::remove_dir_all(&dir).ok();
}

/// The ruleset of one generated profile for one device, as a golden file for review.
#[test]
fn acme_cam_ruleset() {
    let opts = GenerateOptions {
        last_update: chrono::DateTime::UNIX_EPOCH,
        cache_validity: 48,
        mud_signature: None,
    };
    let mud = generate(&iotlabel_testkit::example("acme-cam-2"), &opts).expect("generates");
    let dev = &devices()[0];
    let rs = compile([(&mud, dev)], &Site::default()).expect("compiles");
    insta::assert_snapshot!(rs.to_nft());
}

/// The DNS-answer feed: resolver answers (with a CNAME chain, a name no profile uses, and a
/// record type that is not an address) become `add element` commands for the profile's sets,
/// which nftables accepts after the ruleset.
#[test]
fn dns_feed_fills_the_sets() {
    use iotlabel_mud::feed::{commands, dns_names, parse_answers};
    let opts = GenerateOptions {
        last_update: chrono::DateTime::UNIX_EPOCH,
        cache_validity: 48,
        mud_signature: None,
    };
    let mud = generate(&iotlabel_testkit::example("acme-cam-2"), &opts).expect("generates");
    let names = dns_names(&mud);
    assert_eq!(
        names.iter().map(String::as_str).collect::<Vec<_>>(),
        ["api.acme.example", "time.acme.example"]
    );
    let answers = parse_answers(
        "; dig +noall +answer\n\
         api.acme.example.   300 IN CNAME edge.cdn.example.\n\
         edge.cdn.example.   60  IN A     192.0.2.10\n\
         edge.cdn.example.   60  IN AAAA  2001:db8::10\n\
         time.acme.example.  3600 IN A    192.0.2.20\n\
         other.example.      300 IN A     192.0.2.99\n\
         time.acme.example.  3600 IN TXT  \"v=1\"\n",
    )
    .expect("answers");
    let cmds = commands(&names, &answers);
    assert_eq!(
        cmds,
        [
            "add element inet iotlabel_mud dns_api_acme_example_v4 { 192.0.2.10 timeout 60s }",
            "add element inet iotlabel_mud dns_api_acme_example_v6 { 2001:db8::10 timeout 60s }",
            "add element inet iotlabel_mud dns_time_acme_example_v4 { 192.0.2.20 timeout 3600s }",
        ]
    );
    let e = parse_answers("x.example. 60 IN A 300.1.1.1\n").expect_err("bad address");
    assert_eq!(e.line, 1);
    let dir = temp("feed");
    let rs = compile([(&mud, &devices()[0])], &Site::default()).expect("compiles");
    let text = format!("{}{}\n", rs.to_nft(), cmds.join("\n"));
    let p = dir.join("feed.nft");
    std::fs::write(&p, text).expect("write");
    let out = Command::new("unshare").args(["--net", "nft", "--check", "-f"]).arg(&p).output().expect("nft");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_dir_all(&dir).ok();
}
