//! The crate's data files, parsed once: the IEEE OUI registry and the device-type rules.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const OUI_TSV: &str = include_str!("../data/oui.tsv");
const RULES_TOML: &str = include_str!("../data/rules.toml");

/// The IEEE MA-L registry: 24-bit prefix → organisation.
pub(crate) fn oui() -> &'static HashMap<u32, &'static str> {
    static CELL: OnceLock<HashMap<u32, &'static str>> = OnceLock::new();
    CELL.get_or_init(|| parse_oui(OUI_TSV).expect("data/oui.tsv is valid (tested)"))
}

/// Parses `oui.tsv`; the error names the line.
pub(crate) fn parse_oui(text: &str) -> Result<HashMap<u32, &str>, String> {
    let mut out = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (prefix, name) = line
            .split_once('\t')
            .ok_or_else(|| format!("oui.tsv:{}: expected PREFIX<TAB>organisation", n + 1))?;
        let p = u32::from_str_radix(prefix, 16)
            .ok()
            .filter(|_| prefix.len() == 6)
            .ok_or_else(|| format!("oui.tsv:{}: {prefix:?} is not six hex digits", n + 1))?;
        out.insert(p, name);
    }
    Ok(out)
}

/// One rule: a word and the taxonomy device type it suggests.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WordRule {
    pub contains: String,
    pub device_type: String,
}

/// A DNS-SD service type, asked for by name, and what it suggests (if anything).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ServiceRule {
    #[serde(rename = "type")]
    pub service_type: String,
    #[serde(default)]
    pub device_type: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Rules {
    pub service: Vec<ServiceRule>,
    pub upnp: Vec<WordRule>,
    pub word: Vec<WordRule>,
    pub vendor: Vec<WordRule>,
}

pub(crate) fn rules() -> &'static Rules {
    static CELL: OnceLock<Rules> = OnceLock::new();
    CELL.get_or_init(|| toml::from_str(RULES_TOML).expect("data/rules.toml is valid (tested)"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use iotlabel_model::{Taxonomy, TermKind};

    #[test]
    fn the_oui_table_parses_and_knows_well_known_prefixes() {
        let t = parse_oui(OUI_TSV).unwrap();
        assert!(t.len() > 30_000);
        assert_eq!(t.get(&0x00_00_00).copied(), Some("XEROX CORPORATION"));
        assert!(parse_oui("00000G\tX").unwrap_err().contains("oui.tsv:1"));
        assert!(parse_oui("# c\n000000 X").unwrap_err().contains("oui.tsv:2"));
    }

    #[test]
    fn the_rules_parse_and_name_taxonomy_device_types() {
        let r: Rules = toml::from_str(RULES_TOML).unwrap();
        let tax = Taxonomy::builtin();
        let all = r
            .service
            .iter()
            .filter_map(|s| s.device_type.as_ref())
            .chain(r.upnp.iter().chain(&r.word).chain(&r.vendor).map(|w| &w.device_type));
        for id in all {
            assert!(tax.get(TermKind::Device, id).is_some(), "{id} is not a taxonomy device type");
        }
        for s in &r.service {
            assert!(
                s.service_type.starts_with('_')
                    && (s.service_type.ends_with("._tcp") || s.service_type.ends_with("._udp")),
                "{}",
                s.service_type
            );
        }
        assert!(r.service.iter().any(|s| s.service_type == "_iotlabel._tcp"));
    }
}
