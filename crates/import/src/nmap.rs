//! nmap XML (`nmap -oX`, xmloutputversion 1.x): open ports and their services, and the NSE
//! scripts ssh-auth-methods, ssl-enum-ciphers, ftp-anon and http-default-accounts.

use chrono::DateTime;
use roxmltree::{Document, Node, ParsingOptions};

use crate::{At, Finding, Problem, Read};

pub(crate) fn read(text: &str) -> Result<Read, Vec<Problem>> {
    let opts = ParsingOptions { allow_dtd: true, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(text, opts).map_err(|e| {
        let at = match e {
            // roxmltree gives no position for the end: it is the end of the text.
            roxmltree::Error::UnexpectedEndOfStream => At {
                line: Some(text.lines().count().max(1) as u64),
                offset: Some(text.len() as u64),
                ..At::default()
            },
            ref other => {
                let pos = other.pos();
                At { line: Some(pos.row.into()), column: Some(pos.col.into()), ..At::default() }
            }
        };
        let what = match e {
            roxmltree::Error::UnexpectedEndOfStream => "the file ends too early (truncated?)".to_string(),
            other => format!("not well-formed XML: {other}"),
        };
        vec![Problem::new(at, what)]
    })?;
    let lines = Lines::new(text);
    let root = doc.root_element();
    if root.tag_name().name() != "nmaprun" {
        return Err(vec![Problem::new(
            located(&lines, root, format!("/{}", root.tag_name().name())),
            format!("not nmap XML: the root element is <{}>, not <nmaprun>", root.tag_name().name()),
        )]);
    }
    let mut problems = Vec::new();
    if let Some(v) = root.attribute("xmloutputversion")
        && v.split('.').next() != Some("1")
    {
        problems.push(Problem::new(
            located(&lines, root, "/nmaprun/@xmloutputversion"),
            format!("xmloutputversion {v} is not supported (this reader knows 1.x, nmap 4.x to 7.x)"),
        ));
        return Err(problems);
    }
    let mut read = Read {
        tool: Some(match root.attribute("version") {
            Some(v) => format!("nmap {v}"),
            None => "nmap".to_string(),
        }),
        scanned: root
            .attribute("start")
            .and_then(|s| s.parse::<i64>().ok())
            .and_then(|t| DateTime::from_timestamp(t, 0))
            .map(|t| t.date_naive()),
        findings: Vec::new(),
    };
    let mut host_n = 0;
    for host in root.children().filter(|n| n.has_tag_name("host")) {
        host_n += 1;
        let hpath = format!("/nmaprun/host[{host_n}]");
        let addr = host
            .children()
            .filter(|n| n.has_tag_name("address"))
            .find(|n| matches!(n.attribute("addrtype"), Some("ipv4" | "ipv6")))
            .and_then(|n| n.attribute("addr"));
        let Some(addr) = addr else {
            problems.push(Problem::new(
                located(&lines, host, format!("{hpath}/address")),
                "host without an IPv4 or IPv6 <address addr=...>",
            ));
            continue;
        };
        let name = host.descendants().find(|n| n.has_tag_name("hostname")).and_then(|n| n.attribute("name"));
        let host_label = match name {
            Some(n) => format!("{addr} ({n})"),
            None => addr.to_string(),
        };
        let (mut open, mut scanned) = (0usize, 0usize);
        let mut port_n = 0;
        for ports in host.children().filter(|n| n.has_tag_name("ports")) {
            for ep in ports.children().filter(|n| n.has_tag_name("extraports")) {
                scanned += ep.attribute("count").and_then(|c| c.parse::<usize>().ok()).unwrap_or(0);
            }
            for port in ports.children().filter(|n| n.has_tag_name("port")) {
                port_n += 1;
                scanned += 1;
                let ppath = format!("{hpath}/ports/port[{port_n}]");
                let (Some(proto), Some(portid)) = (port.attribute("protocol"), port.attribute("portid"))
                else {
                    problems.push(Problem::new(
                        located(&lines, port, ppath),
                        "port without its protocol= or portid= attribute",
                    ));
                    continue;
                };
                let Some(state) =
                    port.children().find(|n| n.has_tag_name("state")).and_then(|n| n.attribute("state"))
                else {
                    problems.push(Problem::new(
                        located(&lines, port, format!("{ppath}/state")),
                        "port without <state state=...>",
                    ));
                    continue;
                };
                if state != "open" {
                    continue;
                }
                open += 1;
                let subject = format!("{host_label} {proto}/{portid}");
                let service = port.children().find(|n| n.has_tag_name("service"));
                let sname = service.and_then(|s| s.attribute("name")).unwrap_or("unknown");
                let tunnel = service.and_then(|s| s.attribute("tunnel"));
                let value = match tunnel {
                    Some(t) => format!("{t}/{sname}"),
                    None => sname.to_string(),
                };
                let mut described = format!("open, service {value}");
                let product: Vec<&str> = ["product", "version", "extrainfo"]
                    .iter()
                    .filter_map(|a| service.and_then(|s| s.attribute(*a)))
                    .collect();
                if !product.is_empty() {
                    described.push_str(&format!(" ({})", product.join(" ")));
                }
                read.findings.push(Finding {
                    kind: "nmap.service",
                    value,
                    score: None,
                    subject: subject.clone(),
                    text: described,
                    record: ppath.clone(),
                    line: line(&lines, port),
                    finding: Some(format!("{proto}/{portid}")),
                });
                for script in port.children().filter(|n| n.has_tag_name("script")) {
                    let id = script.attribute("id").unwrap_or("");
                    let spath = format!("{ppath}/script[@id='{id}']");
                    read.findings.extend(nse(&lines, script, id, &subject, spath));
                }
            }
        }
        for script in host
            .descendants()
            .filter(|n| n.has_tag_name("script") && n.parent().is_some_and(|p| p.has_tag_name("hostscript")))
        {
            let id = script.attribute("id").unwrap_or("");
            let spath = format!("{hpath}/hostscript/script[@id='{id}']");
            read.findings.extend(nse(&lines, script, id, &host_label, spath));
        }
        let status = host
            .children()
            .find(|n| n.has_tag_name("status"))
            .and_then(|n| n.attribute("state"))
            .unwrap_or("unknown");
        read.findings.push(Finding {
            kind: "nmap.host",
            value: status.to_string(),
            score: None,
            subject: host_label,
            text: format!("host {status}, {open} open of {scanned} ports scanned"),
            record: hpath,
            line: line(&lines, host),
            finding: None,
        });
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

/// Line starts of the text, so a node's line costs a binary search (roxmltree's `text_pos_at`
/// counts from the start of the text each time: quadratic over a large scan).
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Lines { starts }
    }

    /// 1-based line and (byte) column of a byte offset.
    fn pos(&self, offset: usize) -> (u64, u64) {
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let col = offset - self.starts[line - 1] + 1;
        (line as u64, col as u64)
    }
}

fn line(lines: &Lines, n: Node<'_, '_>) -> Option<u64> {
    Some(lines.pos(n.range().start).0)
}

fn located(lines: &Lines, n: Node<'_, '_>, path: impl Into<String>) -> At {
    let (line, column) = lines.pos(n.range().start);
    At {
        line: Some(line),
        column: Some(column),
        offset: Some(n.range().start as u64),
        path: Some(path.into()),
    }
}

/// The `<elem>` texts under a `<table key=...>` child of `n`.
fn table_elems<'a>(n: Node<'a, 'a>, key: &str) -> Vec<&'a str> {
    n.children()
        .find(|c| c.has_tag_name("table") && c.attribute("key") == Some(key))
        .map(|t| t.children().filter(|c| c.has_tag_name("elem")).filter_map(|c| c.text()).collect())
        .unwrap_or_default()
}

fn nse(lines: &Lines, script: Node<'_, '_>, id: &str, subject: &str, record: String) -> Vec<Finding> {
    let output = script.attribute("output").unwrap_or("").trim();
    let line = line(lines, script);
    let one = |kind: &'static str, value: String, text: String, record: String| Finding {
        kind,
        value,
        score: None,
        subject: subject.to_string(),
        text,
        record,
        line,
        finding: Some(id.to_string()),
    };
    match id {
        "ssh-auth-methods" => {
            let mut methods = table_elems(script, "Supported authentication methods");
            if methods.is_empty() {
                // Older nmap: only the output text, one method a line.
                methods = output.lines().skip(1).map(str::trim).filter(|l| !l.is_empty()).collect();
            }
            let none = output.contains("none_auth")
                || script.children().any(|c| c.attribute("key") == Some("none_auth"));
            let value = if none {
                "none"
            } else if methods.iter().any(|m| *m == "password" || *m == "keyboard-interactive") {
                "password"
            } else {
                "key-only"
            };
            let text = if none {
                "SSH accepts a client without authentication (none_auth)".to_string()
            } else {
                format!("SSH authentication methods offered: {}", methods.join(", "))
            };
            vec![one("nmap.ssh-auth-methods", value.to_string(), text, record)]
        }
        "ftp-anon" => {
            let allowed = output.starts_with("Anonymous FTP login allowed");
            let text = output.lines().next().unwrap_or("").to_string();
            vec![one(
                "nmap.ftp-anon",
                if allowed { "allowed" } else { "refused" }.to_string(),
                if text.is_empty() { "ftp-anon gave no output".to_string() } else { text },
                record,
            )]
        }
        "http-default-accounts" => {
            // <table key="Fingerprint name"><elem key="path">..</elem><table key="credentials"><table><elem key="username">
            let mut out = Vec::new();
            for fp in script.children().filter(|c| c.has_tag_name("table")) {
                let name = fp.attribute("key").unwrap_or("a known product");
                let path = fp
                    .children()
                    .find(|c| c.attribute("key") == Some("path"))
                    .and_then(|c| c.text())
                    .unwrap_or("/");
                let users: Vec<&str> = fp
                    .descendants()
                    .filter(|c| c.attribute("key") == Some("username"))
                    .filter_map(|c| c.text())
                    .collect();
                if !users.is_empty() {
                    // The password is not copied into evidence (it may be published): its user is.
                    out.push(one(
                        "nmap.http-default-accounts",
                        "found".to_string(),
                        format!(
                            "default credentials accepted by {name} at {path} (user {})",
                            users.join(", ")
                        ),
                        format!("{record}/table[@key='{name}']"),
                    ));
                }
            }
            if out.is_empty() && output.contains("] at /") {
                out.push(one(
                    "nmap.http-default-accounts",
                    "found".to_string(),
                    format!("default credentials accepted: {}", output.lines().next().unwrap_or("")),
                    record.clone(),
                ));
            }
            if out.is_empty() {
                out.push(one(
                    "nmap.http-default-accounts",
                    "none".to_string(),
                    "no default credentials accepted".to_string(),
                    record,
                ));
            }
            out
        }
        "ssl-enum-ciphers" => {
            let mut out = Vec::new();
            for t in script.children().filter(|c| c.has_tag_name("table")) {
                let Some(proto) = t.attribute("key") else { continue };
                let n = t
                    .descendants()
                    .filter(|c| {
                        c.has_tag_name("table")
                            && c.parent().is_some_and(|p| p.attribute("key") == Some("ciphers"))
                    })
                    .count();
                out.push(one(
                    "nmap.tls-protocol",
                    proto.to_string(),
                    format!("{proto} offered ({n} cipher suites)"),
                    format!("{record}/table[@key='{proto}']"),
                ));
            }
            if let Some(grade) = script
                .children()
                .find(|c| c.has_tag_name("elem") && c.attribute("key") == Some("least strength"))
                .and_then(|c| c.text())
            {
                out.push(one(
                    "nmap.tls-grade",
                    grade.trim().to_string(),
                    format!("weakest cipher offered graded {}", grade.trim()),
                    format!("{record}/elem[@key='least strength']"),
                ));
            }
            out
        }
        _ => vec![one(
            "nmap.script",
            id.to_string(),
            format!("{id}: {}", output.lines().next().unwrap_or("")),
            record,
        )],
    }
}
