//! What is published: the advert, its TXT record and its well-known JSON document.

use iotlabel_label::MudDhcp;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::is_nfc;

use crate::AdvertiseError;

/// Longest DNS label (RFC 1035 §2.3.4; RFC 6763 §4.1.1 for instance names), in bytes.
pub const MAX_LABEL: usize = 63;
/// Longest string inside a TXT record (RFC 6763 §6.1), in bytes, `key=value` together.
pub const MAX_TXT_STRING: usize = 255;

/// What a screenless device publishes about its label.
///
/// Build it from the rendered label (`iotlabel_render::facts::Label`: `id`, `url`, `digest`,
/// `mud_url`, and [`instance_name`] of the product's brand and model).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advert {
    /// Stable label id (the label's slug of brand, model and versions).
    pub id: String,
    /// The label's secondary-layer URL, as in the QR code.
    pub url: String,
    /// `sha256:<64 lower-case hex digits>`: the label's content digest.
    pub digest: String,
    /// The device's MUD URL (RFC 8520), also what DHCPv4 option 161 carries.
    pub mud_url: Option<String>,
    /// DNS-SD service instance name (RFC 6763 §4.1.1): UTF-8, NFC, at most 63 bytes.
    pub instance: String,
}

impl Advert {
    /// An advert whose instance name is [`instance_name`]`(brand, model)`.
    pub fn new(
        id: impl Into<String>,
        url: impl Into<String>,
        digest: impl Into<String>,
        mud_url: Option<String>,
        brand: &str,
        model: &str,
    ) -> Self {
        Advert {
            id: id.into(),
            url: url.into(),
            digest: digest.into(),
            mud_url,
            instance: instance_name(brand, model),
        }
    }

    /// Checks every field against the limits of docs/advertise.md.
    pub fn validate(&self) -> Result<(), AdvertiseError> {
        let bad = |field: &'static str, reason: String| Err(AdvertiseError::InvalidAdvert { field, reason });
        // Each TXT string is `key=value` and at most 255 bytes (RFC 6763 §6.1).
        let txt_room = |key: &str| MAX_TXT_STRING - key.len() - 1;

        if self.id.is_empty() || !self.id.bytes().all(|b| b.is_ascii_graphic()) {
            return bad("id", "must be non-empty printable ASCII without spaces".into());
        }
        if self.id.len() > txt_room("id") {
            return bad(
                "id",
                format!("is {} bytes; the TXT record allows {}", self.id.len(), txt_room("id")),
            );
        }
        check_url("url", &self.url, &["https://", "http://"], txt_room("url"))?;
        let hex = self.digest.strip_prefix("sha256:").unwrap_or("");
        if hex.len() != 64 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return bad(
                "digest",
                format!("must be sha256: and 64 lower-case hex digits, not {:?}", self.digest),
            );
        }
        if let Some(mud) = &self.mud_url {
            // RFC 8520 §10: the MUD URL MUST use https; DHCPv4 option 161 holds at most 255 bytes.
            check_url("mud_url", mud, &["https://"], txt_room("mud"))?;
        }
        if self.instance.is_empty() || self.instance.len() > MAX_LABEL {
            return bad("instance", format!("must be 1 to {MAX_LABEL} bytes, not {}", self.instance.len()));
        }
        if self.instance.chars().any(char::is_control) {
            return bad("instance", "must not contain control characters (RFC 6763 §4.1.1)".into());
        }
        if !is_nfc(&self.instance) {
            return bad(
                "instance",
                "must be in Unicode Normalization Form C (Net-Unicode, RFC 6763 §4.1.1 and RFC 5198)".into(),
            );
        }
        Ok(())
    }
}

fn check_url(field: &'static str, url: &str, schemes: &[&str], max: usize) -> Result<(), AdvertiseError> {
    let bad = |reason: String| Err(AdvertiseError::InvalidAdvert { field, reason });
    if !schemes.iter().any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s)) {
        return bad(format!("must start with {}: {url:?}", schemes.join(" or ")));
    }
    if !url.bytes().all(|b| b.is_ascii_graphic()) {
        return bad(format!("must be printable ASCII without spaces (percent-encode the rest): {url:?}"));
    }
    if url.len() > max {
        return bad(format!("is {} bytes; the TXT record allows {max}", url.len()));
    }
    Ok(())
}

/// The DNS-SD instance name for a product: `"<brand> <model>"` (just the model when it already
/// starts with the brand), NFC-normalised, control characters and runs of white space made one
/// space, cut to at most 63 bytes on a character boundary (RFC 6763 §4.1.1).
pub fn instance_name(brand: &str, model: &str) -> String {
    let brand = brand.trim();
    let model = model.trim();
    let starts_with_brand = !brand.is_empty()
        && model.len() >= brand.len()
        && model.is_char_boundary(brand.len())
        && { model[..brand.len()].to_lowercase() == brand.to_lowercase() };
    let joined =
        if brand.is_empty() || starts_with_brand { model.to_string() } else { format!("{brand} {model}") };
    let cleaned: String = joined.nfc().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = String::with_capacity(MAX_LABEL);
    for word in cleaned.split_whitespace() {
        let sep = usize::from(!out.is_empty());
        if out.len() + sep + word.len() <= MAX_LABEL {
            if sep == 1 {
                out.push(' ');
            }
            out.push_str(word);
            continue;
        }
        // Cut the word that does not fit on a character boundary, then stop.
        if out.len() + sep < MAX_LABEL {
            if sep == 1 {
                out.push(' ');
            }
            for c in word.chars() {
                if out.len() + c.len_utf8() > MAX_LABEL {
                    break;
                }
                out.push(c);
            }
        }
        break;
    }
    let out = out.trim_end().to_string();
    if out.is_empty() { "iotlabel device".to_string() } else { out }
}

/// The DNS host label used in `<host>.local.` when none is given: the label id made a valid
/// LDH host label (RFC 952/1123: letters, digits, inner hyphens), at most 63 bytes.
pub fn default_host_label(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if out.len() == MAX_LABEL {
            break;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "iotlabel".to_string() } else { out.to_string() }
}

/// Checks a host label given by the caller (LDH, 1 to 63 bytes).
pub(crate) fn check_host_label(host: &str) -> Result<(), AdvertiseError> {
    let ok = !host.is_empty()
        && host.len() <= MAX_LABEL
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !host.starts_with('-')
        && !host.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(AdvertiseError::InvalidAdvert {
            field: "host_name",
            reason: format!("must be 1 to 63 letters, digits or inner hyphens, not {host:?}"),
        })
    }
}

/// The TXT record's key/value pairs, in order: `txtvers` first (RFC 6763 §6.7), then `url`,
/// `digest`, `id` and, when the device has one, `mud`.
pub fn txt_records(advert: &Advert) -> Vec<(String, String)> {
    let mut out = vec![
        ("txtvers".to_string(), "1".to_string()),
        ("url".to_string(), advert.url.clone()),
        ("digest".to_string(), advert.digest.clone()),
        ("id".to_string(), advert.id.clone()),
    ];
    if let Some(mud) = &advert.mud_url {
        out.push(("mud".to_string(), mud.clone()));
    }
    out
}

/// The body of `GET /.well-known/iot-label`: one library type with a JSON Schema
/// (`iotlabel schema well-known`). Version 2 replaced v1's `mud_url` and `dhcp_option_161` with
/// `dhcp`, the label JSON's own shape of the MUD URL as DHCP carries it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[schemars(title = "iotlabel label advertisement (/.well-known/iot-label)")]
pub struct WellKnownLabel {
    /// `2`; a change old readers would misread bumps it.
    pub version: u32,
    /// The label id (TXT `id`).
    pub id: String,
    /// The label URL (TXT `url`).
    pub url: String,
    /// `sha256:<hex>` (TXT `digest`).
    pub digest: String,
    /// The MUD URL and the DHCP options that carry it (TXT `mud`).
    pub dhcp: MudDhcp,
}

/// The version of [`WellKnownLabel`] this build serves.
pub const WELL_KNOWN_VERSION: u32 = 2;

impl WellKnownLabel {
    pub fn of(advert: &Advert) -> Self {
        WellKnownLabel {
            version: WELL_KNOWN_VERSION,
            id: advert.id.clone(),
            url: advert.url.clone(),
            digest: advert.digest.clone(),
            dhcp: MudDhcp::new(advert.mud_url.clone()),
        }
    }

    /// JSON Schema (2020-12).
    pub fn schema() -> Value {
        let schema = schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<WellKnownLabel>();
        serde_json::to_value(schema).unwrap_or_default()
    }
}

/// The body of `GET /.well-known/iot-label` as JSON, fields in the order of [`WellKnownLabel`].
pub fn well_known_json(advert: &Advert) -> Value {
    serde_json::to_value(WellKnownLabel::of(advert)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn advert() -> Advert {
        Advert::new(
            "acme-cam-2-1-0-4-2",
            "https://labels.example/acme-cam-2-1-0-4-2?d=0123456789abcdef",
            format!("sha256:{}", "ab".repeat(32)),
            Some("https://mud.example/acme-cam.json".into()),
            "Acme",
            "Cam 2",
        )
    }

    #[test]
    fn a_plain_advert_is_valid() {
        let a = advert();
        assert_eq!(a.instance, "Acme Cam 2");
        a.validate().unwrap();
    }

    #[test]
    fn txt_starts_with_txtvers_and_fits() {
        let txt = txt_records(&advert());
        let keys: Vec<_> = txt.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["txtvers", "url", "digest", "id", "mud"]);
        for (k, v) in &txt {
            assert!(k.len() <= 9, "RFC 6763 §6.4 recommends keys of at most 9 characters");
            assert!(k.len() + 1 + v.len() <= MAX_TXT_STRING);
        }
        let mut b = advert();
        b.mud_url = None;
        assert_eq!(txt_records(&b).len(), 4);
    }

    #[test]
    fn json_has_the_documented_fields_in_order() {
        let v = well_known_json(&advert());
        let keys: Vec<_> = v.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["version", "id", "url", "digest", "dhcp"]);
        assert_eq!(v["dhcp"]["mud_url"], "https://mud.example/acme-cam.json");
        assert_eq!(v["dhcp"]["dhcpv4_option"], 161);
        let mut b = advert();
        b.mud_url = None;
        assert!(well_known_json(&b)["dhcp"]["mud_url"].is_null());
    }

    #[test]
    fn instance_names_are_cut_on_character_boundaries() {
        assert_eq!(instance_name("Acme", "Acme Cam"), "Acme Cam");
        assert_eq!(instance_name("  Acme\t", "Cam\n 2 "), "Acme Cam 2");
        assert_eq!(instance_name("", ""), "iotlabel device");
        let long = instance_name("Ünïcödé", &"é".repeat(60));
        assert!(long.len() <= MAX_LABEL && long.starts_with("Ünïcödé é"), "{long}");
        // Decomposed input is composed (NFC) before measuring.
        assert_eq!(instance_name("Cafe\u{301}", "X"), "Caf\u{e9} X");
        let words = instance_name("Brand", &"word ".repeat(20));
        assert!(words.len() <= MAX_LABEL && !words.ends_with(' '));
    }

    #[test]
    fn host_labels_are_ldh() {
        assert_eq!(default_host_label("acme-cam-2-1-0"), "acme-cam-2-1-0");
        assert_eq!(default_host_label("--Ab_c.."), "ab-c");
        assert_eq!(default_host_label("éé"), "iotlabel");
        assert_eq!(default_host_label(&"a".repeat(100)).len(), 63);
        check_host_label("abc-1").unwrap();
        assert!(check_host_label("-abc").is_err());
        assert!(check_host_label("a.b").is_err());
    }

    #[test]
    fn limits_are_enforced() {
        type Change = Box<dyn Fn(&mut Advert)>;
        let cases: Vec<(&str, Change)> = vec![
            ("id", Box::new(|a| a.id = String::new())),
            ("id", Box::new(|a| a.id = "x".repeat(253))),
            ("url", Box::new(|a| a.url = "ftp://x".into())),
            ("url", Box::new(|a| a.url = format!("https://{}", "x".repeat(244)))),
            ("url", Box::new(|a| a.url = "https://a b".into())),
            ("digest", Box::new(|a| a.digest = "sha256:ABC".into())),
            ("digest", Box::new(|a| a.digest = format!("sha1:{}", "a".repeat(64)))),
            ("mud_url", Box::new(|a| a.mud_url = Some("http://mud.example/x.json".into()))),
            ("instance", Box::new(|a| a.instance = "x".repeat(64))),
            ("instance", Box::new(|a| a.instance = "a\u{7}b".into())),
            ("instance", Box::new(|a| a.instance = "Cafe\u{301}".into())),
        ];
        for (field, change) in cases {
            let mut a = advert();
            change(&mut a);
            match a.validate() {
                Err(AdvertiseError::InvalidAdvert { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: expected an error, got {other:?}"),
            }
        }
        // The limits themselves are allowed.
        let mut a = advert();
        a.id = "x".repeat(252);
        a.url = format!("https://{}", "x".repeat(243));
        a.instance = "x".repeat(63);
        a.validate().unwrap();
    }
}
