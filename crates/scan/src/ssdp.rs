//! SSDP and UPnP (UPnP Device Architecture 1.1), pure: the unicast M-SEARCH, the reading of its
//! HTTPU reply, the `LOCATION` URL, and the device description (XML, read with roxmltree). No
//! I/O; fuzzed.

use crate::http_auth::header_values;

/// The SSDP port.
pub const PORT: u16 = 1900;

/// Service types whose presence means the device offers Internet Gateway port mapping
/// (`AddPortMapping`, which the scanner never calls).
const IGD_SERVICES: &[&str] =
    &["urn:schemas-upnp-org:service:WANIPConnection:", "urn:schemas-upnp-org:service:WANPPPConnection:"];

/// A unicast M-SEARCH for root devices, sent to `host:1900` (UDA 1.1 §1.3.2: no MX when unicast).
pub fn msearch(host: &str) -> Vec<u8> {
    format!(
        "M-SEARCH * HTTP/1.1\r\nHOST: {host}:{PORT}\r\nMAN: \"ssdp:discover\"\r\nST: upnp:rootdevice\r\nUSER-AGENT: iotlabel-scan UPnP/1.1\r\n\r\n"
    )
    .into_bytes()
}

/// An M-SEARCH reply.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchReply {
    pub location: Option<String>,
    pub server: Option<String>,
    pub st: Option<String>,
    pub usn: Option<String>,
}

/// Parses an M-SEARCH reply (`HTTP/1.1 200 OK` over UDP).
pub fn parse_reply(raw: &[u8]) -> Option<SearchReply> {
    if !raw.starts_with(b"HTTP/1.") || crate::http_auth::status(raw)? != 200 {
        return None;
    }
    let one = |n: &str| header_values(raw, n).into_iter().next().map(|v| v.chars().take(300).collect());
    Some(SearchReply { location: one("location"), server: one("server"), st: one("st"), usn: one("usn") })
}

/// An `http://host[:port]/path` URL split; None for another scheme or a malformed one.
pub fn http_url(url: &str) -> Option<(String, u16, String)> {
    let rest = url.trim().strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.contains('@') || authority.is_empty() {
        return None;
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (h, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let port = match port {
        Some(p) => p.parse().ok()?,
        None => 80,
    };
    Some((host.to_string(), port, path.to_string()))
}

/// What a device description says about the device.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Description {
    pub device_type: Option<String>,
    pub friendly_name: Option<String>,
    pub manufacturer: Option<String>,
    pub model_name: Option<String>,
    pub model_number: Option<String>,
    pub serial_number: Option<String>,
    /// Every service type offered by the device and its embedded devices (at most 64).
    pub services: Vec<String>,
}

impl Description {
    /// The IGD port-mapping services offered.
    pub fn igd_services(&self) -> Vec<&str> {
        self.services
            .iter()
            .filter(|s| IGD_SERVICES.iter().any(|p| s.starts_with(p)))
            .map(String::as_str)
            .collect()
    }
}

/// Reads a device description. An XML error is reported with its line and column.
pub fn parse_description(xml: &str) -> Result<Description, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| format!("device description: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "root" {
        return Err(format!(
            "device description: the document element is <{}>, expected <root> (UPnP device description)",
            root.tag_name().name()
        ));
    }
    let device = root
        .children()
        .find(|n| n.has_tag_name("device") || n.tag_name().name() == "device")
        .ok_or("device description: no <device> under <root>")?;
    let text = |name: &str| {
        device
            .children()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .map(|t| t.trim().chars().take(200).collect::<String>())
            .filter(|t| !t.is_empty())
    };
    let services = device
        .descendants()
        .filter(|n| n.tag_name().name() == "serviceType")
        .filter_map(|n| n.text())
        .map(|t| t.trim().chars().take(200).collect())
        .take(64)
        .collect();
    Ok(Description {
        device_type: text("deviceType"),
        friendly_name: text("friendlyName"),
        manufacturer: text("manufacturer"),
        model_name: text("modelName"),
        model_number: text("modelNumber"),
        serial_number: text("serialNumber"),
        services,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const IGD: &str = r#"<?xml version="1.0"?>
<root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>1</minor></specVersion>
<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>
<friendlyName>Home Router</friendlyName><manufacturer>Acme</manufacturer><modelName>R-100</modelName>
<serialNumber>SN123</serialNumber>
<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType>
<deviceList><device><deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>
<serviceList><service><serviceType>urn:schemas-upnp-org:service:WANIPConnection:1</serviceType></service></serviceList>
</device></deviceList></device></deviceList></device></root>"#;

    #[test]
    fn an_igd_description() {
        let d = parse_description(IGD).expect("parses");
        assert_eq!(d.friendly_name.as_deref(), Some("Home Router"));
        assert_eq!(d.manufacturer.as_deref(), Some("Acme"));
        assert_eq!(d.model_name.as_deref(), Some("R-100"));
        assert_eq!(d.serial_number.as_deref(), Some("SN123"));
        assert_eq!(d.igd_services(), vec!["urn:schemas-upnp-org:service:WANIPConnection:1"]);
        let plain = IGD.replace("WANIPConnection", "ContentDirectory");
        assert!(parse_description(&plain).expect("parses").igd_services().is_empty());
    }

    #[test]
    fn bad_descriptions_say_where() {
        let e = parse_description("<root>\n<device><friendlyName>x</device></root>").unwrap_err();
        assert!(e.contains("2:"), "{e}");
        assert!(parse_description("<html/>").unwrap_err().contains("expected <root>"));
    }

    #[test]
    fn replies_and_urls() {
        let r = parse_reply(b"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://127.10.0.3:8080/rootDesc.xml\r\nST: upnp:rootdevice\r\nUSN: uuid:1::upnp:rootdevice\r\n\r\n")
            .expect("reply");
        assert_eq!(r.location.as_deref(), Some("http://127.10.0.3:8080/rootDesc.xml"));
        assert_eq!(
            http_url(r.location.as_deref().unwrap_or("")),
            Some(("127.10.0.3".into(), 8080, "/rootDesc.xml".into()))
        );
        assert_eq!(http_url("http://[fe80::1]/d.xml"), Some(("fe80::1".into(), 80, "/d.xml".into())));
        assert_eq!(http_url("https://x/"), None);
        assert_eq!(http_url("http://u@x/"), None);
        assert!(parse_reply(b"NOTIFY * HTTP/1.1\r\n\r\n").is_none());
        assert!(String::from_utf8(msearch("127.0.0.1")).expect("text").contains("HOST: 127.0.0.1:1900\r\n"));
    }
}
