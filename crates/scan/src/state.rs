//! The state file that makes a scan resumable: JSON Lines, a header naming the scan, then one
//! line per finished host. A line cut short by a kill is ignored (that host is scanned again).

use std::collections::HashSet;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use crate::report::HostReport;

/// The first line: what scan this state belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub state: String,
    pub targets: Vec<String>,
    pub checks: Vec<String>,
    pub ports: Vec<u16>,
}

impl Header {
    pub fn new(targets: &[String], checks: Vec<String>, ports: &[u16]) -> Header {
        Header { state: "iotlabel-scan/1".into(), targets: targets.to_vec(), checks, ports: ports.to_vec() }
    }

    pub fn line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }
}

/// A host's line.
pub fn host_line(h: &HostReport) -> String {
    serde_json::to_string(h).unwrap_or_default() + "\n"
}

/// Reads a state file: its header and the hosts finished. An error when the header is missing
/// or another scan's.
pub fn read(text: &str, expected: &Header) -> Result<Vec<HostReport>, String> {
    let mut lines = text.lines();
    let header: Header = lines
        .next()
        .and_then(|l| serde_json::from_str(l).ok())
        .ok_or("the state file has no iotlabel-scan header")?;
    if &header != expected {
        return Err(format!(
            "the state file is of another scan (targets {}, checks {}); remove it or scan the same targets and checks",
            header.targets.join(" "),
            header.checks.join(",")
        ));
    }
    let mut seen = HashSet::new();
    let mut hosts = Vec::new();
    for l in lines {
        if let Ok(h) = serde_json::from_str::<HostReport>(l)
            && seen.insert(h.address)
        {
            hosts.push(h);
        }
    }
    Ok(hosts)
}

/// The addresses already finished.
pub fn finished(hosts: &[HostReport]) -> HashSet<IpAddr> {
    hosts.iter().map(|h| h.address).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resumes_and_ignores_a_cut_line() {
        let hd = Header::new(&["127.0.0.1-2".into()], vec!["ports".into()], &[23]);
        let h = HostReport {
            address: "127.0.0.1".parse().expect("ip"),
            services: vec![],
            findings: vec![],
            notes: vec![],
            label: None,
            identity: None,
        };
        let text = format!("{}{}{{\"address\":\"127.0", hd.line(), host_line(&h));
        let hosts = read(&text, &hd).expect("reads");
        assert_eq!(hosts, vec![h]);
        let other = Header::new(&["127.0.0.9".into()], vec!["ports".into()], &[23]);
        assert!(read(&text, &other).unwrap_err().contains("another scan"));
        assert!(read("", &hd).is_err());
    }
}
