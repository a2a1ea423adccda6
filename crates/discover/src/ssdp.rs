//! SSDP (UPnP Device Architecture 2.0 §1.3): the M-SEARCH request, its answers and the device
//! description document (§2.3).

use crate::report::Upnp;

/// The SSDP group and port.
pub const SSDP_GROUP: std::net::SocketAddrV4 =
    std::net::SocketAddrV4::new(std::net::Ipv4Addr::new(239, 255, 255, 250), 1900);

/// An M-SEARCH for every device and service, answered within `mx` seconds.
pub fn msearch(mx: u8) -> Vec<u8> {
    format!(
        "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: {mx}\r\nST: ssdp:all\r\nUSER-AGENT: Linux/1 UPnP/2.0 iotlabel-discover/1\r\n\r\n"
    )
    .into_bytes()
}

/// The headers of one SSDP answer that matter here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SsdpAnswer {
    pub location: Option<String>,
    pub server: Option<String>,
    pub st: Option<String>,
}

/// Parses an answer to M-SEARCH (`HTTP/1.1 200 OK` and headers) or a NOTIFY; `None` when it is
/// neither (an M-SEARCH from another control point, garbage).
pub fn parse_answer(packet: &[u8]) -> Option<SsdpAnswer> {
    let text = std::str::from_utf8(packet).ok()?;
    let mut lines = text.split("\r\n").flat_map(|l| l.split('\n'));
    let first = lines.next()?.trim();
    let is_answer = first.starts_with("HTTP/1.") && first.split_whitespace().nth(1) == Some("200");
    if !is_answer && !first.starts_with("NOTIFY ") {
        return None;
    }
    let mut out = SsdpAnswer::default();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim().to_string();
        match k.trim().to_ascii_lowercase().as_str() {
            "location" => out.location = Some(v),
            "server" => out.server = Some(v),
            "st" | "nt" => out.st = Some(v),
            _ => {}
        }
    }
    Some(out)
}

/// Reads the first `<device>` of a UPnP description document into `upnp`. Returns an error
/// naming the line and column when the XML does not parse.
pub fn parse_description(xml: &str, upnp: &mut Upnp) -> Result<(), String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("description XML at {}: {e}", e.pos()))?;
    let device = doc
        .descendants()
        .find(|n| n.has_tag_name("device") || n.tag_name().name() == "device")
        .ok_or("description XML: no <device> element")?;
    let field = |name: &str| {
        device
            .children()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.trim().chars().take(256).collect::<String>())
            .filter(|t| !t.is_empty())
    };
    upnp.friendly_name = field("friendlyName");
    upnp.manufacturer = field("manufacturer");
    upnp.model_name = field("modelName");
    upnp.model_number = field("modelNumber");
    upnp.device_type = field("deviceType");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_descriptions_parse() {
        let a = parse_answer(b"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://10.0.0.3:49152/desc.xml\r\nSERVER: Linux/5 UPnP/1.0 Cam/1\r\nST: upnp:rootdevice\r\n\r\n").unwrap();
        assert_eq!(a.location.as_deref(), Some("http://10.0.0.3:49152/desc.xml"));
        assert_eq!(a.st.as_deref(), Some("upnp:rootdevice"));
        assert!(parse_answer(&msearch(1)).is_none());
        assert!(parse_answer(b"\xff\xfe").is_none());
        let mut u = Upnp::default();
        let xml = r#"<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><device>
            <deviceType>urn:schemas-upnp-org:device:DigitalSecurityCamera:1</deviceType>
            <friendlyName>Hall camera</friendlyName><manufacturer>Hikvision</manufacturer>
            <modelName>DS-2CD</modelName></device></root>"#;
        parse_description(xml, &mut u).unwrap();
        assert_eq!(u.friendly_name.as_deref(), Some("Hall camera"));
        assert_eq!(u.model_name.as_deref(), Some("DS-2CD"));
        assert_eq!(u.model_number, None);
        let e = parse_description("<root><device>", &mut u).unwrap_err();
        assert!(e.contains("1:"), "{e}");
    }
}
