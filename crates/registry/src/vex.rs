//! VEX: which known vulnerabilities affect a label's firmware, read from a CycloneDX (1.4 and
//! later) or CSAF 2.0 (`csaf_vex` profile) document.
//!
//! Only the facts the label needs are kept: the vulnerability id, its state for this firmware,
//! the version that fixes it when the document names one, and a short detail.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::refusal::{Code, Refusal};

/// A vulnerability's state for the label's firmware.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VulnState {
    /// The firmware is affected and no fix is installed.
    Affected,
    /// The vulnerability is fixed (in this firmware, or in `fixed_in`).
    Fixed,
    /// The firmware is not affected.
    NotAffected,
    /// The maker is still investigating.
    UnderInvestigation,
}

/// One vulnerability statement about the label's firmware.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Vuln {
    /// CVE or other id (`CVE-2026-1234`, `GHSA-...`).
    pub id: String,
    pub state: VulnState,
    /// The firmware version that fixes it, when the document names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_in: Option<String>,
    /// The document's own justification or detail, when it gives one (at most 300 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// Which VEX format a document is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VexFormat {
    CycloneDx,
    Csaf,
}

/// Reads a VEX document. Refuses a document that is neither format, or that states nothing.
pub fn read(doc: &Value) -> Result<(VexFormat, Vec<Vuln>), Refusal> {
    let bad = |path: &str, msg: &str| {
        Refusal::new(Code::Malformed, msg.to_owned()).at(format!("$.statement.payload{path}"))
    };
    let vulns = if doc.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
        (VexFormat::CycloneDx, cyclonedx(doc).map_err(|(p, m)| bad(&p, &m))?)
    } else if doc.pointer("/document/csaf_version").is_some() {
        let category = doc.pointer("/document/category").and_then(Value::as_str).unwrap_or("");
        if category != "csaf_vex" {
            return Err(bad(
                ".document.category",
                &format!(
                    "a CSAF document of category {category:?}; a VEX statement is a CSAF 2.0 document of category \"csaf_vex\""
                ),
            ));
        }
        (VexFormat::Csaf, csaf(doc).map_err(|(p, m)| bad(&p, &m))?)
    } else {
        return Err(bad("", "neither a CycloneDX document (\"bomFormat\": \"CycloneDX\") nor a CSAF 2.0 document (\"document\".\"csaf_version\")")
            .suggest("send the VEX as CycloneDX 1.4+ JSON or CSAF 2.0 JSON (csaf_vex profile)"));
    };
    if vulns.1.is_empty() {
        return Err(bad(".vulnerabilities", "the document states no vulnerability"));
    }
    Ok(vulns)
}

type Bad = (String, String);

fn text(v: &Value, max: usize) -> Option<String> {
    let s = v.as_str()?.trim();
    if s.is_empty() {
        return None;
    }
    Some(s.chars().take(max).collect())
}

fn cyclonedx(doc: &Value) -> Result<Vec<Vuln>, Bad> {
    let list = doc.get("vulnerabilities").and_then(Value::as_array).ok_or_else(|| {
        (".vulnerabilities".to_owned(), "a CycloneDX VEX lists its vulnerabilities".to_owned())
    })?;
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let at = |f: &str| format!(".vulnerabilities[{i}]{f}");
        let id =
            text(&v["id"], 100).ok_or_else(|| (at(".id"), "every vulnerability needs an id".to_owned()))?;
        let state = match v.pointer("/analysis/state").and_then(Value::as_str) {
            Some("resolved" | "resolved_with_pedigree") => VulnState::Fixed,
            Some("exploitable") => VulnState::Affected,
            Some("in_triage") | None => VulnState::UnderInvestigation,
            Some("false_positive" | "not_affected") => VulnState::NotAffected,
            Some(other) => {
                return Err((
                    at(".analysis.state"),
                    format!(
                        "{other:?} is not a CycloneDX analysis state (resolved, resolved_with_pedigree, exploitable, in_triage, false_positive, not_affected)"
                    ),
                ));
            }
        };
        // A version marked unaffected in `affects` is where the fix landed.
        let fixed_in = v["affects"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|a| a["versions"].as_array().into_iter().flatten())
            .find(|ver| ver["status"].as_str() == Some("unaffected"))
            .and_then(|ver| text(&ver["version"], 64));
        let detail = text(&v.pointer("/analysis/detail").cloned().unwrap_or(Value::Null), 300)
            .or_else(|| text(&v.pointer("/analysis/justification").cloned().unwrap_or(Value::Null), 300));
        out.push(Vuln { id, state, fixed_in, detail });
    }
    Ok(out)
}

fn csaf(doc: &Value) -> Result<Vec<Vuln>, Bad> {
    let list = doc
        .get("vulnerabilities")
        .and_then(Value::as_array)
        .ok_or_else(|| (".vulnerabilities".to_owned(), "a CSAF VEX lists its vulnerabilities".to_owned()))?;
    let mut names = std::collections::HashMap::new();
    collect_products(doc.get("product_tree").unwrap_or(&Value::Null), &mut names);
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let at = |f: &str| format!(".vulnerabilities[{i}]{f}");
        let id = text(&v["cve"], 100)
            .or_else(|| v["ids"].as_array().and_then(|a| a.first()).and_then(|x| text(&x["text"], 100)))
            .ok_or_else(|| (at(".cve"), "every vulnerability needs a cve or an ids entry".to_owned()))?;
        let status = &v["product_status"];
        let has = |k: &str| status[k].as_array().is_some_and(|a| !a.is_empty());
        let state = if has("known_affected") {
            VulnState::Affected
        } else if has("fixed") || has("first_fixed") {
            VulnState::Fixed
        } else if has("known_not_affected") {
            VulnState::NotAffected
        } else if has("under_investigation") {
            VulnState::UnderInvestigation
        } else {
            return Err((
                at(".product_status"),
                "a CSAF VEX vulnerability needs a product_status".to_owned(),
            ));
        };
        let fixed_in = ["first_fixed", "fixed"]
            .iter()
            .flat_map(|k| status[*k].as_array().into_iter().flatten())
            .filter_map(Value::as_str)
            .find_map(|pid| names.get(pid).cloned());
        let detail =
            v["notes"].as_array().and_then(|n| n.first()).and_then(|n| text(&n["text"], 300)).or_else(|| {
                v["threats"].as_array().and_then(|t| t.first()).and_then(|t| text(&t["details"], 300))
            });
        out.push(Vuln { id, state, fixed_in, detail });
    }
    Ok(out)
}

/// product_id -> the version its branch names (the `product_version` branch's name), or the
/// product's name.
fn collect_products(node: &Value, out: &mut std::collections::HashMap<String, String>) {
    if let Some(p) = node.get("product")
        && let (Some(id), Some(name)) =
            (p["product_id"].as_str(), node["name"].as_str().or(p["name"].as_str()))
    {
        out.insert(id.to_owned(), name.to_owned());
    }
    for key in ["branches", "full_product_names"] {
        for child in node[key].as_array().into_iter().flatten() {
            if key == "full_product_names" {
                if let (Some(id), Some(name)) = (child["product_id"].as_str(), child["name"].as_str()) {
                    out.entry(id.to_owned()).or_insert_with(|| name.to_owned());
                }
            } else {
                collect_products(child, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cyclonedx_states_and_fix_version() {
        let doc = json!({"bomFormat": "CycloneDX", "specVersion": "1.5", "vulnerabilities": [
            {"id": "CVE-2026-0001", "analysis": {"state": "exploitable"},
             "affects": [{"ref": "fw", "versions": [{"version": "1.0.0", "status": "affected"}, {"version": "1.0.1", "status": "unaffected"}]}]},
            {"id": "CVE-2026-0002", "analysis": {"state": "not_affected", "justification": "code_not_reachable"}}
        ]});
        let (f, v) = read(&doc).unwrap();
        assert_eq!(f, VexFormat::CycloneDx);
        assert_eq!(v[0].state, VulnState::Affected);
        assert_eq!(v[0].fixed_in.as_deref(), Some("1.0.1"));
        assert_eq!(v[1].state, VulnState::NotAffected);
        assert_eq!(v[1].detail.as_deref(), Some("code_not_reachable"));
        let bad = json!({"bomFormat": "CycloneDX", "vulnerabilities": [{"id": "X", "analysis": {"state": "maybe"}}]});
        let e = read(&bad).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("$.statement.payload.vulnerabilities[0].analysis.state"));
    }

    #[test]
    fn csaf_vex() {
        let doc = json!({"document": {"category": "csaf_vex", "csaf_version": "2.0"},
            "product_tree": {"branches": [{"category": "vendor", "name": "Acme", "branches": [
                {"category": "product_version", "name": "2.1.0", "product": {"product_id": "FW-2.1.0", "name": "Acme Cam 2 2.1.0"}}]}]},
            "vulnerabilities": [{"cve": "CVE-2026-0003", "product_status": {"fixed": ["FW-2.1.0"]}}]});
        let (f, v) = read(&doc).unwrap();
        assert_eq!(f, VexFormat::Csaf);
        assert_eq!(v[0].state, VulnState::Fixed);
        assert_eq!(v[0].fixed_in.as_deref(), Some("2.1.0"));
        let not_vex = json!({"document": {"category": "csaf_security_advisory", "csaf_version": "2.0"}});
        assert_eq!(
            read(&not_vex).unwrap_err().path.as_deref(),
            Some("$.statement.payload.document.category")
        );
        assert!(read(&json!({"hello": 1})).is_err());
    }
}
