//! OWASP ZAP's traditional JSON report: sites and their alerts, with ZAP's risk code.

use serde_json::Value;

use crate::json::{self, Fields};
use crate::{Finding, Problem, Read};

pub(crate) fn read(text: &str) -> Result<Read, Vec<Problem>> {
    let v = json::parse(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut read = Read::default();
    {
        let mut f = Fields { problems: &mut problems };
        let Some(_) = f.object(&v, "") else { return Err(problems) };
        read.tool = Some(match v.get("@version").and_then(Value::as_str) {
            Some(ver) => format!("OWASP ZAP {ver}"),
            None => "OWASP ZAP".into(),
        });
        read.scanned = v.get("@generated").and_then(Value::as_str).and_then(|g| {
            let g = g.trim();
            chrono::NaiveDateTime::parse_from_str(g, "%a, %d %b %Y %H:%M:%S").ok().map(|d| d.date())
        });
        let sites = f.array(&v, "", "site").cloned().unwrap_or_default();
        for (s, site) in sites.iter().enumerate() {
            let base = format!("/site/{s}");
            if f.object(site, &base).is_none() {
                continue;
            }
            let host = site
                .get("@name")
                .or_else(|| site.get("@host"))
                .and_then(Value::as_str)
                .unwrap_or("site")
                .to_string();
            let port = site.get("@port").and_then(Value::as_str);
            let subject = match port {
                Some(p) if !host.contains("://") => format!("{host}:{p}"),
                _ => host.clone(),
            };
            let alerts = f.array(site, &base, "alerts").cloned().unwrap_or_default();
            read.findings.push(Finding {
                kind: "zap.site",
                value: "site".into(),
                score: None,
                subject: subject.clone(),
                text: format!("{} alerts", alerts.len()),
                record: base.clone(),
                line: None,
                finding: None,
            });
            for (a, alert) in alerts.iter().enumerate() {
                let abase = format!("{base}/alerts/{a}");
                if f.object(alert, &abase).is_none() {
                    continue;
                }
                let name = if alert.get("name").is_some() || alert.get("alert").is_none() {
                    f.string(alert, &abase, "name")
                } else {
                    f.string(alert, &abase, "alert")
                };
                let risk = f.string(alert, &abase, "riskcode");
                let (Some(name), Some(risk)) = (name, risk) else { continue };
                let level = match risk.trim() {
                    "3" => "high",
                    "2" => "medium",
                    "1" => "low",
                    "0" => "informational",
                    other => {
                        f.problems.push(Problem::at_path(
                            format!("{abase}/riskcode"),
                            format!("unknown riskcode {other:?} (expected 0, 1, 2 or 3)"),
                        ));
                        continue;
                    }
                };
                let reference = alert.get("alertRef").or_else(|| alert.get("pluginid")).and_then(|r| {
                    r.as_str().map(str::to_string).or_else(|| r.as_u64().map(|n| n.to_string()))
                });
                let count = alert.get("instances").and_then(Value::as_array).map_or(0, Vec::len);
                let mut text = format!("{level} risk alert {name:?}");
                if count > 0 {
                    text.push_str(&format!(" on {count} URLs"));
                }
                if let Some(cwe) =
                    alert.get("cweid").and_then(Value::as_str).filter(|c| !c.is_empty() && *c != "-1")
                {
                    text.push_str(&format!(" (CWE-{cwe})"));
                }
                read.findings.push(Finding {
                    kind: "zap.alert",
                    value: level.into(),
                    score: None,
                    subject: subject.clone(),
                    text,
                    record: abase,
                    line: None,
                    finding: reference,
                });
            }
        }
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}
