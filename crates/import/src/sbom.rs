//! SBOMs: CycloneDX JSON (spec 1.2 to 1.6; components, nested ones included, and VEX statements
//! in `vulnerabilities`) and SPDX JSON (2.2 / 2.3 `packages`; 3.0 JSON-LD `@graph` with its
//! packages and VEX relationships).

use serde_json::Value;

use crate::json::{self, Fields, at};
use crate::{Finding, Problem, Read};

/// Components named in the inventory item's summary (the rest are counted).
const NAMED: usize = 40;

const CDX_STATES: &[&str] =
    &["resolved", "resolved_with_pedigree", "exploitable", "in_triage", "false_positive", "not_affected"];

fn inventory(format: &str, names: &[String], record: &str) -> Finding {
    let mut text = format!("{format} lists {} components", names.len());
    if !names.is_empty() {
        text.push_str(": ");
        text.push_str(&names.iter().take(NAMED).cloned().collect::<Vec<_>>().join(", "));
        if names.len() > NAMED {
            text.push_str(&format!(" and {} more", names.len() - NAMED));
        }
    }
    Finding {
        kind: "sbom.inventory",
        value: if names.is_empty() { "empty" } else { "listed" }.into(),
        score: None,
        subject: "software bill of materials".into(),
        text,
        record: record.into(),
        line: None,
        finding: None,
    }
}

fn timestamp(v: Option<&Value>) -> Option<chrono::NaiveDate> {
    let s = v?.as_str()?;
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|d| d.date_naive())
}

pub(crate) fn read_cyclonedx(text: &str) -> Result<Read, Vec<Problem>> {
    let v = json::parse(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut read = Read::default();
    {
        let mut f = Fields { problems: &mut problems };
        if f.object(&v, "").is_none() {
            return Err(problems);
        }
        let Some(spec) = f.string(&v, "", "specVersion") else { return Err(problems) };
        let minor = spec.strip_prefix("1.").and_then(|m| m.parse::<u32>().ok());
        if !minor.is_some_and(|m| (2..=6).contains(&m)) {
            return Err(vec![Problem::at_path(
                "/specVersion",
                format!("CycloneDX specVersion {spec:?} is not supported (1.2 to 1.6 are)"),
            )]);
        }
        read.tool = Some(format!("CycloneDX {spec} SBOM"));
        read.scanned = timestamp(v.pointer("/metadata/timestamp"));
        let mut names = Vec::new();
        let mut refs: Vec<(String, String)> = Vec::new();
        fn walk(
            f: &mut Fields<'_>,
            list: &[Value],
            base: &str,
            names: &mut Vec<String>,
            refs: &mut Vec<(String, String)>,
            depth: usize,
        ) {
            for (i, c) in list.iter().enumerate() {
                let cbase = format!("{base}/{i}");
                if f.object(c, &cbase).is_none() {
                    continue;
                }
                let Some(name) = f.string(c, &cbase, "name") else { continue };
                let label = match c.get("version").and_then(Value::as_str) {
                    Some(ver) => format!("{name} {ver}"),
                    None => name,
                };
                if let Some(r) = c.get("bom-ref").and_then(Value::as_str) {
                    refs.push((r.to_string(), label.clone()));
                }
                names.push(label);
                if depth < 32 {
                    let nested = f.opt_array(c, &cbase, "components");
                    walk(f, nested, &format!("{cbase}/components"), names, refs, depth + 1);
                }
            }
        }
        let comps = f.opt_array(&v, "", "components");
        walk(&mut f, comps, "/components", &mut names, &mut refs, 0);
        read.findings.push(inventory(&format!("CycloneDX {spec} SBOM"), &names, "/components"));
        for (i, vuln) in f.opt_array(&v, "", "vulnerabilities").iter().enumerate() {
            let base = format!("/vulnerabilities/{i}");
            if f.object(vuln, &base).is_none() {
                continue;
            }
            let Some(id) = f.string(vuln, &base, "id") else { continue };
            let state = match vuln.get("analysis") {
                Some(a) => f.opt_string(a, &at(&base, "analysis"), "state"),
                None => None,
            };
            if let Some(s) = &state
                && !CDX_STATES.contains(&s.as_str())
            {
                f.problems.push(Problem::at_path(
                    format!("{base}/analysis/state"),
                    format!("unknown VEX state {s:?} (expected one of {})", CDX_STATES.join(", ")),
                ));
                continue;
            }
            let affects: Vec<String> = vuln
                .get("affects")
                .and_then(Value::as_array)
                .map(|l| {
                    l.iter()
                        .filter_map(|a| a.get("ref").and_then(Value::as_str))
                        .map(|r| refs.iter().find(|(k, _)| k == r).map_or(r.to_string(), |(_, n)| n.clone()))
                        .collect()
                })
                .unwrap_or_default();
            let score = vuln.get("ratings").and_then(Value::as_array).and_then(|r| {
                r.iter().filter_map(|x| x.get("score").and_then(Value::as_f64)).reduce(f64::max)
            });
            let justification = vuln.pointer("/analysis/justification").and_then(Value::as_str);
            let state_s = state.clone().unwrap_or_else(|| "unanalysed".into());
            let mut text = format!("{id}: {}", state_s.replace('_', " "));
            if let Some(j) = justification {
                text.push_str(&format!(" ({})", j.replace('_', " ")));
            }
            if !affects.is_empty() {
                text.push_str(&format!(", affects {}", affects.join(", ")));
            }
            read.findings.push(Finding {
                kind: "sbom.vex",
                value: state_s,
                score,
                subject: "VEX statement".into(),
                text,
                record: base,
                line: None,
                finding: Some(id),
            });
        }
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

pub(crate) fn read_spdx(text: &str) -> Result<Read, Vec<Problem>> {
    let v = json::parse(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut read = Read::default();
    {
        let mut f = Fields { problems: &mut problems };
        if f.object(&v, "").is_none() {
            return Err(problems);
        }
        if v.get("@graph").is_some() || v.get("@context").is_some() {
            spdx3(&mut f, &v, &mut read);
        } else {
            let Some(ver) = f.string(&v, "", "spdxVersion") else { return Err(problems) };
            if !matches!(ver.as_str(), "SPDX-2.2" | "SPDX-2.3") {
                return Err(vec![Problem::at_path(
                    "/spdxVersion",
                    format!("spdxVersion {ver:?} is not supported (SPDX-2.2, SPDX-2.3 and 3.0 JSON-LD are)"),
                )]);
            }
            read.tool = Some(format!("{ver} SBOM"));
            read.scanned = timestamp(v.pointer("/creationInfo/created"));
            let mut names = Vec::new();
            for (i, p) in f.opt_array(&v, "", "packages").iter().enumerate() {
                let base = format!("/packages/{i}");
                if f.object(p, &base).is_none() {
                    continue;
                }
                let Some(name) = f.string(p, &base, "name") else { continue };
                names.push(match p.get("versionInfo").and_then(Value::as_str) {
                    Some(ver) => format!("{name} {ver}"),
                    None => name,
                });
            }
            read.findings.push(inventory(&format!("{ver} SBOM"), &names, "/packages"));
        }
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

fn spdx3(f: &mut Fields<'_>, v: &Value, read: &mut Read) {
    read.tool = Some("SPDX 3 SBOM".into());
    let graph = f.array(v, "", "@graph").map(|g| g.as_slice()).unwrap_or(&[]);
    let mut names = Vec::new();
    let name_of = |id: &str| -> String {
        graph
            .iter()
            .find(|e| e.get("spdxId").and_then(Value::as_str) == Some(id))
            .and_then(|e| e.get("name").and_then(Value::as_str))
            .unwrap_or(id)
            .to_string()
    };
    for (i, e) in graph.iter().enumerate() {
        let base = format!("/@graph/{i}");
        if f.object(e, &base).is_none() {
            continue;
        }
        let ty = e.get("type").or_else(|| e.get("@type")).and_then(Value::as_str).unwrap_or("");
        if ty == "CreationInfo" {
            read.scanned = read.scanned.or(timestamp(e.get("created")));
        }
        if ty == "software_Package" {
            let Some(name) = f.string(e, &base, "name") else { continue };
            names.push(match e.get("software_packageVersion").and_then(Value::as_str) {
                Some(ver) => format!("{name} {ver}"),
                None => name,
            });
        }
        let state = match ty {
            "security_VexAffectedVulnAssessmentRelationship" => "affected",
            "security_VexNotAffectedVulnAssessmentRelationship" => "not_affected",
            "security_VexFixedVulnAssessmentRelationship" => "fixed",
            "security_VexUnderInvestigationVulnAssessmentRelationship" => "under_investigation",
            _ => continue,
        };
        let Some(from) = f.string(e, &base, "from") else { continue };
        let to: Vec<String> = match e.get("to") {
            Some(Value::Array(l)) => l.iter().filter_map(Value::as_str).map(name_of).collect(),
            Some(Value::String(s)) => vec![name_of(s)],
            _ => Vec::new(),
        };
        let vuln = name_of(&from);
        let mut text = format!("{vuln}: {}", state.replace('_', " "));
        if !to.is_empty() {
            text.push_str(&format!(", for {}", to.join(", ")));
        }
        read.findings.push(Finding {
            kind: "sbom.vex",
            value: state.into(),
            score: None,
            subject: "VEX statement".into(),
            text,
            record: base,
            line: None,
            finding: Some(vuln),
        });
    }
    read.findings.insert(0, inventory("SPDX 3 SBOM", &names, "/@graph"));
}
