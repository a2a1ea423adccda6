//! Multicast DNS (RFC 6762) and DNS-SD (RFC 6763) as the scanner asks a device directly (unicast
//! to port 5353), pure: queries and the reading of answers, with the same DNS codec as the label
//! advertiser and the capture decoder (hickory-proto). Which TXT keys name the manufacturer,
//! model and firmware is data (`data/txt-identity-keys.tsv`). No I/O; fuzzed.

use std::sync::LazyLock;

use hickory_proto::op::{Message, MessageType, OpCode, Query};
use hickory_proto::rr::{Name, RData, RecordType};

/// The mDNS port.
pub const PORT: u16 = 5353;

/// The DNS-SD service type enumeration name (RFC 6763 §9).
pub const SERVICES: &str = "_services._dns-sd._udp.local.";

/// The TXT key table.
pub const KEYS_FILE: &str = include_str!("../data/txt-identity-keys.tsv");

/// (field, key) rows, parsed once.
pub static KEYS: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| parse_keys(KEYS_FILE).unwrap_or_default());

/// Reads the key table: `field<TAB>key`, field one of manufacturer, model, firmware.
pub fn parse_keys(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((field, key)) = line.split_once('\t') else {
            return Err(format!("line {}: expected field<TAB>key", n + 1));
        };
        if !matches!(field, "manufacturer" | "model" | "firmware") {
            return Err(format!(
                "line {}: unknown field {field:?}: expected manufacturer, model or firmware",
                n + 1
            ));
        }
        out.push((field.to_string(), key.trim().to_ascii_lowercase()));
    }
    Ok(out)
}

/// A query for `name`/`rtype` (text, as written in a zone file) asking for a unicast answer.
pub fn query(id: u16, name: &str, rtype: RecordType) -> Option<Vec<u8>> {
    query_name(id, &Name::from_ascii(name).ok()?, rtype)
}

/// A query for a name as received (instance names may hold spaces and dots of their own).
pub fn query_name(id: u16, name: &Name, rtype: RecordType) -> Option<Vec<u8>> {
    let mut m = Message::new(id, MessageType::Query, OpCode::Query);
    let mut q = Query::query(name.clone(), rtype);
    q.set_mdns_unicast_response(true);
    m.add_query(q);
    m.to_vec().ok()
}

/// What an answer holds, answers and additional records together.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    /// PTR records: (owner, target, the target as received), names as text without the final
    /// dot, labels unescaped (`Acme Cam 2._iotlabel._tcp.local`).
    pub ptr: Vec<(String, String, Name)>,
    /// SRV records: (owner, target host, port).
    pub srv: Vec<(String, String, u16)>,
    /// TXT records: (owner, key=value strings).
    pub txt: Vec<(String, Vec<String>)>,
}

/// A name as people read it: labels unescaped, joined by dots.
pub fn text(n: &Name) -> String {
    let labels: Vec<String> = n.iter().map(|l| String::from_utf8_lossy(l).into_owned()).collect();
    labels.join(".").chars().take(255).collect()
}

/// Reads a response; None when the bytes are not a DNS response.
pub fn parse(b: &[u8]) -> Option<Answer> {
    let m = Message::from_vec(b).ok()?;
    if m.metadata.message_type != MessageType::Response {
        return None;
    }
    let mut a = Answer::default();
    for r in m.answers.iter().chain(&m.additionals).take(64) {
        let owner = text(&r.name);
        match &r.data {
            RData::PTR(p) => a.ptr.push((owner, text(&p.0), p.0.clone())),
            RData::SRV(s) => a.srv.push((owner, text(&s.target), s.port)),
            RData::TXT(t) => a.txt.push((
                owner,
                t.txt_data
                    .iter()
                    .take(32)
                    .map(|s| String::from_utf8_lossy(s).chars().take(255).collect())
                    .collect(),
            )),
            _ => {}
        }
    }
    Some(a)
}

/// Manufacturer, model and firmware from TXT strings, by the key table.
pub fn identity(txt: &[String]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for field in ["manufacturer", "model", "firmware"] {
        let found = KEYS.iter().filter(|(f, _)| f == field).find_map(|(_, key)| {
            txt.iter().find_map(|s| {
                let (k, v) = s.split_once('=')?;
                (k.eq_ignore_ascii_case(key) && !v.trim().is_empty()).then(|| v.trim().to_string())
            })
        });
        if let Some(v) = found {
            out.push((field, v));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_proto::rr::Record;
    use hickory_proto::rr::rdata::{PTR, SRV, TXT};

    #[test]
    fn the_key_table_parses() {
        let k = parse_keys(KEYS_FILE).expect("data/txt-identity-keys.tsv parses");
        assert_eq!(k.len(), KEYS.len());
        assert!(k.iter().any(|(f, key)| f == "firmware" && key == "fw"));
        assert!(parse_keys("colour\tc\n").unwrap_err().contains("line 1"));
    }

    #[test]
    fn a_dns_sd_answer() {
        let q = query(9, SERVICES, RecordType::PTR).expect("query");
        let back = Message::from_vec(&q).expect("decodes");
        assert_eq!(back.queries[0].query_type(), RecordType::PTR);
        assert!(parse(&q).is_none(), "a query is not an answer");
        let inst = Name::from_labels([&b"Th 1"[..], b"_coap", b"_udp", b"local"]).expect("name");
        let mut m = Message::response(9, OpCode::Query);
        m.add_answer(Record::from_rdata(
            Name::from_ascii("_coap._udp.local.").expect("name"),
            10,
            RData::PTR(PTR(inst.clone())),
        ));
        m.add_additional(Record::from_rdata(
            inst.clone(),
            10,
            RData::SRV(SRV::new(0, 0, 5683, Name::from_ascii("th.local.").expect("name"))),
        ));
        m.add_additional(Record::from_rdata(
            inst,
            10,
            RData::TXT(TXT::new(vec!["MF=Acme".into(), "md=TH-100".into(), "fw=1.4.2".into(), "x".into()])),
        ));
        let a = parse(&m.to_vec().expect("encodes")).expect("parses");
        let ptr: Vec<(&str, &str)> = a.ptr.iter().map(|p| (p.0.as_str(), p.1.as_str())).collect();
        assert_eq!(ptr, vec![("_coap._udp.local", "Th 1._coap._udp.local")]);
        assert_eq!(a.srv, vec![("Th 1._coap._udp.local".into(), "th.local".into(), 5683)]);
        // The name as received queries the instance again, spaces and all.
        let again =
            Message::from_vec(&query_name(3, &a.ptr[0].2, RecordType::TXT).expect("query")).expect("decodes");
        assert_eq!(again.queries[0].name(), &a.ptr[0].2);
        let id = identity(&a.txt[0].1);
        assert_eq!(
            id,
            vec![("manufacturer", "Acme".into()), ("model", "TH-100".into()), ("firmware", "1.4.2".into())]
        );
    }
}
