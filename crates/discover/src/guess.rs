//! What a device probably is: its vendor from the MAC address, and a device type from the rules
//! (data/rules.toml) with the sensors the taxonomy says such a device usually has.

use iotlabel_model::{Taxonomy, TermKind};

use crate::data::{WordRule, oui, rules};
use crate::report::{Clue, Guess, Term};

/// A MAC address in canonical form (lower-case, colons), or `None` when `s` is not one.
pub fn normalize_mac(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split([':', '-']).collect();
    if parts.len() != 6 || parts.iter().any(|p| p.len() != 2 || u8::from_str_radix(p, 16).is_err()) {
        return None;
    }
    Some(parts.join(":").to_ascii_lowercase())
}

fn octets(mac: &str) -> Option<[u8; 6]> {
    let m = normalize_mac(mac)?;
    let mut out = [0u8; 6];
    for (o, p) in out.iter_mut().zip(m.split(':')) {
        *o = u8::from_str_radix(p, 16).ok()?;
    }
    Some(out)
}

/// Whether the MAC is locally administered (bit 1 of the first octet): phones and computers pick
/// such random addresses for privacy, and no vendor can be read from them.
pub fn is_locally_administered(mac: &str) -> bool {
    octets(mac).is_some_and(|o| o[0] & 0x02 != 0)
}

/// The organisation the IEEE assigned the MAC's first 24 bits to.
pub fn vendor(mac: &str) -> Option<&'static str> {
    let o = octets(mac)?;
    if o[0] & 0x02 != 0 {
        return None;
    }
    oui().get(&u32::from_be_bytes([0, o[0], o[1], o[2]])).copied()
}

/// Whether `needle` occurs in `hay` (both compared lower-case) as whole words: not inside a
/// longer word ("cam" in "Acme Cam 2", not in "camel").
pub(crate) fn has_word(hay: &str, needle: &str) -> bool {
    let hay = hay.to_lowercase();
    let needle = needle.to_lowercase();
    let bytes = hay.as_bytes();
    let mut start = 0;
    while let Some(i) = hay[start..].find(&needle) {
        let at = start + i;
        let end = at + needle.len();
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if before && after {
            return true;
        }
        start = at + 1;
        while !hay.is_char_boundary(start) {
            start += 1;
        }
    }
    false
}

fn term(kind: TermKind, id: &str) -> Option<Term> {
    let t = Taxonomy::builtin().get(kind, id)?;
    Some(Term { id: t.id.clone(), en: t.en.clone(), fr: t.fr.clone() })
}

/// The guess for a device: the first rule that matches, in the order service types, UPnP device
/// types, words in names, vendor. `services` are DNS-SD types without `.local.`
/// (`_googlecast._tcp`); `upnp_types` device types or URNs; `names` what the device calls itself.
pub fn guess(
    services: &[String],
    upnp_types: &[String],
    names: &[String],
    vendor: Option<&str>,
) -> Option<Guess> {
    let r = rules();
    let by_service = r.service.iter().find_map(|rule| {
        let dt = rule.device_type.as_ref()?;
        services
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&rule.service_type))
            .then(|| (dt.clone(), Clue::Service, rule.service_type.clone()))
    });
    let words = |rules: &[WordRule], hay: &[String], clue: Clue| {
        rules.iter().find_map(|rule| {
            hay.iter()
                .find(|h| has_word(h, &rule.contains))
                .map(|h| (rule.device_type.clone(), clue, h.clone()))
        })
    };
    let vendors: Vec<String> = vendor.into_iter().map(str::to_string).collect();
    let (id, clue, because) = by_service
        .or_else(|| words(&r.upnp, upnp_types, Clue::UpnpType))
        .or_else(|| words(&r.word, names, Clue::Name))
        .or_else(|| words(&r.vendor, &vendors, Clue::Vendor))?;
    let device_type = term(TermKind::Device, &id)?;
    let sensors = Taxonomy::builtin()
        .get(TermKind::Device, &id)
        .map(|t| t.typical_sensors.iter().filter_map(|s| term(TermKind::Sensor, s)).collect())
        .unwrap_or_default();
    Some(Guess { device_type, clue, because, sensors })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn macs_give_vendors_unless_random() {
        assert_eq!(normalize_mac("00-00-00-AA-BB-CC").as_deref(), Some("00:00:00:aa:bb:cc"));
        assert_eq!(normalize_mac("00:00:00:aa:bb"), None);
        assert_eq!(vendor("00:00:00:12:34:56"), Some("XEROX CORPORATION"));
        assert!(is_locally_administered("02:00:00:12:34:56"));
        assert_eq!(vendor("02:00:00:12:34:56"), None);
        assert_eq!(vendor("not a mac"), None);
    }

    #[test]
    fn words_match_whole_words_only() {
        assert!(has_word("Acme Cam 2", "cam"));
        assert!(!has_word("Camel lamp", "cam"));
        assert!(has_word("Camel lamp", "lamp"));
        assert!(!has_word("Align Engineering LLC", "ring llc"));
        assert!(has_word("Ring LLC", "ring llc"));
        assert!(!has_word("SonoSite, Inc.", "sonos"));
        assert!(has_word("urn:schemas-upnp-org:device:MediaRenderer:1", "mediarenderer"));
        assert!(has_word("Caméra é", "é"));
    }

    #[test]
    fn guesses_follow_rule_order_and_carry_taxonomy_sensors() {
        // A service type beats a name.
        let g = guess(&s(&["_googlecast._tcp"]), &[], &s(&["Kitchen camera"]), None).unwrap();
        assert_eq!(g.device_type.id, "tv");
        assert_eq!((g.clue, g.because.as_str()), (Clue::Service, "_googlecast._tcp"));
        let g = guess(&[], &[], &s(&["Garden Camera"]), None).unwrap();
        assert_eq!(g.device_type.id, "security-camera");
        assert_eq!(g.device_type.fr, "Caméra de sécurité");
        let ids: Vec<&str> = g.sensors.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["camera", "microphone"]);
        let g = guess(&[], &s(&["urn:schemas-upnp-org:device:InternetGatewayDevice:1"]), &[], None).unwrap();
        assert_eq!(g.device_type.id, "hub-router");
        let g = guess(&[], &[], &[], Some("Hangzhou Hikvision Digital Technology Co.,Ltd.")).unwrap();
        assert_eq!(g.device_type.id, "security-camera");
        // A web server says nothing about what the device is.
        assert!(guess(&s(&["_http._tcp"]), &[], &s(&["box"]), None).is_none());
    }
}
