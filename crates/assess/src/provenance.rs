//! Whether evidence speaks for the declared device as it ships: bound to it (the file's
//! `device`), about its firmware version, and not about a pre-release build.
//!
//! Evidence that names no device is refused unless the caller allows it
//! ([`check_evidence_bound`]); once allowed, every report says so. Evidence about another firmware
//! version, or naming none and dated before the release date, is noted, and set aside for the
//! controls about the shipped software (`same_firmware` in catalogs/controls.toml).

use iotlabel_catalog::Control;
use iotlabel_i18n::{Lang, Msg, msg};
use iotlabel_model::{Declaration, Evidence, EvidenceItem, Issue, TestedDevice};

/// Refuses an evidence file that names no device (it could be about anything), unless
/// `allow_unbound` (the CLI's `--allow-unbound-evidence`).
pub fn check_evidence_bound(ev: &Evidence, allow_unbound: bool) -> Vec<Issue> {
    if ev.device.is_some() || allow_unbound {
        return Vec::new();
    }
    vec![
        Issue::new("/device", iotlabel_i18n::text(Lang::En, "evidence-unbound"))
            .expected(iotlabel_i18n::text(Lang::En, "evidence-unbound-expected"))
            .suggest(iotlabel_i18n::text(Lang::En, "evidence-unbound-suggestion")),
    ]
}

/// Versions compared as people write them: `v2.4.1`, `2.4.1` and ` 2.4.1 ` are one version.
fn same_version(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim();
        s.strip_prefix(['v', 'V']).unwrap_or(s).to_lowercase()
    };
    norm(a) == norm(b)
}

/// What software an evidence item was tested on, as far as the file tells.
enum Build<'e> {
    /// The declared firmware, or nothing says otherwise.
    Shipped,
    /// Another firmware version, named by the file.
    Other(&'e str),
    /// No version named, and dated before the release date: a pre-release build.
    PreRelease,
}

fn build<'e>(item: &EvidenceItem, device: Option<&'e TestedDevice>, decl: &Declaration) -> Build<'e> {
    match device.and_then(|d| d.firmware_version.as_deref()) {
        Some(fw) if !same_version(fw, &decl.identity.firmware_version) => Build::Other(fw),
        Some(_) => Build::Shipped,
        None if item.date < decl.identity.release_date => Build::PreRelease,
        None => Build::Shipped,
    }
}

/// Notes about the evidence file as a whole: bound to no device, or about another firmware.
pub(crate) fn file_notes(ev: &Evidence, decl: &Declaration) -> Vec<Msg> {
    match &ev.device {
        None => vec![msg!("evidence-unbound-note")],
        Some(TestedDevice { firmware_version: Some(fw), .. })
            if !same_version(fw, &decl.identity.firmware_version) =>
        {
            vec![msg!(
                "evidence-other-firmware",
                tested = fw.clone(),
                declared = decl.identity.firmware_version.clone(),
            )]
        }
        Some(_) => Vec::new(),
    }
}

/// Why `item` cannot decide control `c`, a control about the shipped software, if it cannot.
pub(crate) fn set_aside(
    c: &Control,
    item: &EvidenceItem,
    device: Option<&TestedDevice>,
    decl: &Declaration,
) -> Option<Msg> {
    if !c.same_firmware {
        return None;
    }
    match build(item, device, decl) {
        Build::Shipped => None,
        Build::Other(fw) => Some(msg!(
            "evidence-set-aside-firmware",
            id = item.id.clone(),
            control = c.id.clone(),
            tested = fw.to_owned(),
            declared = decl.identity.firmware_version.clone(),
        )),
        Build::PreRelease => Some(msg!(
            "evidence-set-aside-pre-release",
            id = item.id.clone(),
            control = c.id.clone(),
            date = item.date,
            release = decl.identity.release_date,
        )),
    }
}

/// A note for an item that still counts but may be about a pre-release build.
pub(crate) fn item_note(
    item: &EvidenceItem,
    device: Option<&TestedDevice>,
    decl: &Declaration,
) -> Option<Msg> {
    matches!(build(item, device, decl), Build::PreRelease).then(|| {
        msg!(
            "evidence-pre-release",
            id = item.id.clone(),
            date = item.date,
            release = decl.identity.release_date,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_written_by_people() {
        assert!(same_version("2.4.1", "v2.4.1"));
        assert!(same_version(" 2.4.1", "V2.4.1 "));
        assert!(!same_version("2.4.1", "2.4.0"));
    }
}
