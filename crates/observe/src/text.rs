//! The observation as a terminal table (plain text; the CLI adds nothing but colour-free
//! output). Values from the capture are printed through [`clean`], so a hostile SNI or DHCP
//! host name cannot move the cursor or hide text.

use crate::report::{Observation, Status};

/// Control and bidi characters replaced by `?`.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
            {
                '?'
            } else {
                c
            }
        })
        .collect()
}

fn mark(s: Status) -> &'static str {
    match s {
        Status::DeclaredAndSeen => "ok  ",
        Status::DeclaredNotSeen => "--  ",
        Status::SeenNotDeclared => "NEW ",
        Status::NotAttributable => "??  ",
        Status::Infrastructure => "    ",
    }
}

/// The report as text.
pub fn render(o: &Observation) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} observed in {} ({}, {} frames)",
        clean(&o.declaration),
        clean(&o.capture.file),
        o.capture.format,
        o.capture.frames
    );
    let _ = writeln!(
        s,
        "device: {} ({}; {}) identified by {}",
        clean(&o.device.name),
        o.device.macs.join(", "),
        o.device.ips.join(", "),
        o.device.identified_by
    );
    if let Some(d) = &o.device.dhcp {
        let _ = writeln!(
            s,
            "  DHCP: host name {}, vendor class {}, MUD URL {}",
            d.hostname.as_deref().map_or("-".into(), clean),
            d.vendor_class.as_deref().map_or("-".into(), clean),
            d.mud_url.as_deref().map_or("-".into(), clean)
        );
    }
    let _ = writeln!(s, "\nHosts");
    for h in &o.hosts {
        let _ = writeln!(
            s,
            "  {} {:<34} {:<19} {}{}",
            mark(h.status),
            clean(&h.host),
            h.status.as_str(),
            if h.frames.count > 0 { h.frames.text() } else { String::new() },
            h.reason.as_deref().map_or(String::new(), |r| format!("\n         {}", clean(r)))
        );
    }
    let _ = writeln!(s, "\nServices of the device");
    if o.services.is_empty() {
        let _ = writeln!(s, "  (none declared, none seen)");
    }
    for v in &o.services {
        let _ = writeln!(
            s,
            "  {} {:<34} {:<19} {}",
            mark(v.status),
            format!("{}/{} {}", v.port, v.transport, v.name.as_deref().map_or(String::new(), clean)),
            v.status.as_str(),
            if v.frames.count > 0 {
                format!("{} from {}", v.frames.text(), clean(&v.clients.join(", ")))
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(s, "\nConnections");
    for c in &o.connections {
        let server = match &c.server_name {
            Some(n) => format!("{} ({})", clean(n), c.server_address),
            None => clean(&c.server),
        };
        let _ = writeln!(
            s,
            "  {} {} -> {}:{}/{} [{}] {:<19} {}",
            mark(c.status),
            clean(&c.client),
            server,
            c.port,
            c.transport,
            c.protocol,
            c.status.as_str(),
            c.frames.text()
        );
        if let Some(r) = &c.reason {
            let _ = writeln!(s, "         {}", clean(r));
        }
    }
    if !o.findings.is_empty() {
        let _ = writeln!(s, "\nFindings (credentials or personal data in clear)");
        for f in &o.findings {
            let _ = writeln!(
                s,
                "  !!  {} -> {}:{}: {} ({})",
                clean(&f.client),
                clean(&f.server),
                f.port,
                clean(&f.summary),
                f.frames.text()
            );
        }
    }
    let m = &o.summary;
    let _ = writeln!(
        s,
        "\n{} declared and seen, {} declared not seen, {} seen not declared, {} not attributable, {} infrastructure; {} finding(s)",
        m.declared_and_seen,
        m.declared_not_seen,
        m.seen_not_declared,
        m.not_attributable,
        m.infrastructure,
        m.findings
    );
    s
}
