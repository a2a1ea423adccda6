//! Multicast DNS queries and what the answers say (RFC 6762, RFC 6763), with hickory-proto.
//!
//! `discover` is a one-shot querier (RFC 6762 §5.1): it asks from an ordinary port, so responders
//! answer it by unicast (legacy unicast, §6.7), and it never binds port 5353 itself.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use hickory_proto::op::{Message, MessageType, OpCode, Query};
use hickory_proto::rr::{Name, RData, RecordType};

/// The service type enumeration name (RFC 6763 §9).
pub const SERVICES: &str = "_services._dns-sd._udp.local.";
/// Questions per query message: keeps each under 512 bytes.
const QUESTIONS_PER_MESSAGE: usize = 16;

/// Query messages asking PTR for each of `names` (fully qualified), in as many messages as needed.
pub fn queries(id: u16, names: &[String], qtype: RecordType) -> Vec<Vec<u8>> {
    names
        .chunks(QUESTIONS_PER_MESSAGE)
        .filter_map(|chunk| {
            let mut m = Message::new(id, MessageType::Query, OpCode::Query);
            for n in chunk {
                let name = name_of(n)?;
                m.add_query(Query::query(name, qtype));
            }
            m.to_vec().ok()
        })
        .collect()
}

/// A name from its presentation form, label by label (`\.` and `\\` escape a dot and a
/// backslash inside a label); labels are raw UTF-8 (RFC 6763 §4.1.1), never punycode.
pub fn name_of(s: &str) -> Option<Name> {
    let mut labels: Vec<Vec<u8>> = vec![Vec::new()];
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut b = [0u8; 4];
                labels.last_mut()?.extend_from_slice(chars.next()?.encode_utf8(&mut b).as_bytes());
            }
            '.' => labels.push(Vec::new()),
            c => {
                let mut b = [0u8; 4];
                labels.last_mut()?.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
        }
    }
    if labels.last().is_some_and(Vec::is_empty) {
        labels.pop();
    }
    let mut n = Name::from_labels(labels).ok()?;
    n.set_fqdn(true);
    Some(n)
}

/// What one device's mDNS answers said, accumulated over all its packets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heard {
    /// PTR records: owner → targets (service type → instances; the enumeration → types).
    pub ptr: BTreeMap<String, BTreeSet<String>>,
    /// SRV records: instance → (target host, port).
    pub srv: BTreeMap<String, (String, u16)>,
    /// TXT records: instance → strings.
    pub txt: BTreeMap<String, Vec<String>>,
    /// Host names with address records.
    pub hosts: BTreeSet<String>,
    /// The addresses of those records (A and AAAA): host name → addresses.
    pub addresses: BTreeMap<String, BTreeSet<IpAddr>>,
}

/// Presentation form of a name, with the trailing dot: labels as UTF-8 (RFC 6763 §4.1.1), a
/// dot or backslash inside a label escaped with a backslash (§4.3).
fn key(n: &Name) -> String {
    let mut s = String::new();
    for label in n.iter() {
        let l = String::from_utf8_lossy(label);
        s.push_str(&l.replace('\\', "\\\\").replace('.', "\\."));
        s.push('.');
    }
    s
}

impl Heard {
    /// Adds the records of one received packet (untrusted bytes). Returns false, adding nothing,
    /// when the packet is not a well-formed DNS response.
    pub fn add_packet(&mut self, packet: &[u8]) -> bool {
        let Ok(m) = Message::from_vec(packet) else { return false };
        if m.metadata.message_type != MessageType::Response {
            return false;
        }
        for r in m.answers.iter().chain(&m.additionals) {
            let owner = key(&r.name);
            match &r.data {
                RData::PTR(p) => {
                    self.ptr.entry(owner).or_default().insert(key(&p.0));
                }
                RData::SRV(s) => {
                    self.srv.insert(owner, (key(&s.target), s.port));
                }
                RData::TXT(t) => {
                    let strings = t
                        .txt_data
                        .iter()
                        .map(|b| String::from_utf8_lossy(b).into_owned())
                        .filter(|s| !s.is_empty())
                        .collect();
                    self.txt.insert(owner, strings);
                }
                RData::A(a) => {
                    self.addresses.entry(owner.clone()).or_default().insert(IpAddr::V4(a.0));
                    self.hosts.insert(owner);
                }
                RData::AAAA(a) => {
                    self.addresses.entry(owner.clone()).or_default().insert(IpAddr::V6(a.0));
                    self.hosts.insert(owner);
                }
                _ => {}
            }
        }
        true
    }

    /// Adds everything `other` heard (the same device heard on another address or family).
    pub fn merge(&mut self, other: Heard) {
        for (k, v) in other.ptr {
            self.ptr.entry(k).or_default().extend(v);
        }
        for (k, v) in other.srv {
            self.srv.entry(k).or_insert(v);
        }
        for (k, v) in other.txt {
            self.txt.entry(k).or_insert(v);
        }
        self.hosts.extend(other.hosts);
        for (k, v) in other.addresses {
            self.addresses.entry(k).or_default().extend(v);
        }
    }

    /// Every address its address records give, A and AAAA, in order (IPv4 first).
    pub fn record_addresses(&self) -> BTreeSet<IpAddr> {
        self.addresses.values().flatten().copied().collect()
    }

    /// Service types heard (from the enumeration and from PTR owners), without `.local.`.
    pub fn service_types(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for (owner, targets) in &self.ptr {
            if owner.eq_ignore_ascii_case(SERVICES) {
                out.extend(targets.iter().filter_map(|t| short_type(t)));
            } else if let Some(t) = short_type(owner) {
                out.insert(t);
            }
        }
        out
    }

    /// Instances (fully qualified, lower-case) of every service type, with their type.
    pub fn instances(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (owner, targets) in &self.ptr {
            if owner.eq_ignore_ascii_case(SERVICES) {
                continue;
            }
            if let Some(t) = short_type(owner) {
                out.extend(targets.iter().map(|i| (i.clone(), t.clone())));
            }
        }
        out
    }
}

/// `_http._tcp.local.` → `_http._tcp`; `None` for other names.
pub fn short_type(name: &str) -> Option<String> {
    let t = name.trim_end_matches('.').strip_suffix(".local")?;
    let labels: Vec<&str> = t.split('.').collect();
    match labels[..] {
        [svc, proto] if svc.starts_with('_') && (proto == "_tcp" || proto == "_udp") => Some(t.to_string()),
        _ => None,
    }
}

/// The instance label of `instance` (`Acme Cam 2._iotlabel._tcp.local.` → `Acme Cam 2`),
/// unescaping `\.` and `\\` as in presentation form.
pub fn instance_label(instance: &str, service_type: &str) -> String {
    let suffix = format!(".{service_type}.local.");
    let raw = instance.strip_suffix(&suffix).unwrap_or(instance);
    raw.replace("\\.", ".").replace("\\\\", "\\")
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_proto::rr::Record;
    use hickory_proto::rr::rdata::{A, PTR, SRV, TXT};

    #[test]
    fn answers_build_services_instances_and_txt() {
        let mut m = Message::new(5, MessageType::Response, OpCode::Query);
        let n = |s: &str| name_of(s).unwrap();
        m.add_answer(Record::from_rdata(n(SERVICES), 10, RData::PTR(PTR(n("_iotlabel._tcp.local.")))));
        m.add_answer(Record::from_rdata(
            n("_iotlabel._tcp.local."),
            10,
            RData::PTR(PTR(n("Acme Cam 2._iotlabel._tcp.local."))),
        ));
        m.add_additional(Record::from_rdata(
            n("Acme Cam 2._iotlabel._tcp.local."),
            10,
            RData::SRV(SRV::new(0, 0, 8080, n("acme.local."))),
        ));
        m.add_additional(Record::from_rdata(
            n("Acme Cam 2._iotlabel._tcp.local."),
            10,
            RData::TXT(TXT::new(vec!["txtvers=1".into(), "id=acme".into()])),
        ));
        m.add_additional(Record::from_rdata(n("acme.local."), 10, RData::A(A::new(10, 0, 0, 2))));
        let mut h = Heard::default();
        assert!(h.add_packet(&m.to_vec().unwrap()));
        assert_eq!(h.service_types().into_iter().collect::<Vec<_>>(), ["_iotlabel._tcp"]);
        let inst = h.instances();
        assert_eq!(inst, [("Acme Cam 2._iotlabel._tcp.local.".to_string(), "_iotlabel._tcp".to_string())]);
        assert_eq!(h.srv[&inst[0].0], ("acme.local.".to_string(), 8080));
        assert_eq!(h.txt[&inst[0].0], ["txtvers=1", "id=acme"]);
        assert!(h.hosts.contains("acme.local."));
        assert_eq!(
            h.record_addresses().into_iter().collect::<Vec<_>>(),
            ["10.0.0.2".parse::<IpAddr>().unwrap()]
        );
        // Garbage and queries add nothing.
        assert!(!h.add_packet(b"\x00\x01garbage"));
        let q = queries(1, &[SERVICES.to_string()], RecordType::PTR);
        assert!(!h.add_packet(&q[0]));
    }

    #[test]
    fn many_questions_are_split_and_names_shorten() {
        let names: Vec<String> = (0..40).map(|i| format!("_s{i}._tcp.local.")).collect();
        let q = queries(9, &names, RecordType::PTR);
        assert_eq!(q.len(), 3);
        assert!(q.iter().all(|b| b.len() < 512));
        assert_eq!(short_type("_hap._tcp.local."), Some("_hap._tcp".into()));
        assert_eq!(short_type("x._hap._tcp.local."), None);
        assert_eq!(instance_label(r"Cam 2\. Rev B._x._tcp.local.", "_x._tcp"), "Cam 2. Rev B");
        // Instance names with spaces and dots survive the round trip through a query.
        let n = name_of(r"Cam 2\. Rev B._x._tcp.local.").unwrap();
        assert_eq!(n.num_labels(), 4);
        assert_eq!(queries(1, &[r"Cam 2\. Rev B._x._tcp.local.".to_string()], RecordType::ANY).len(), 1);
        assert_eq!(instance_label(&key(&n), "_x._tcp"), "Cam 2. Rev B");
    }
}
