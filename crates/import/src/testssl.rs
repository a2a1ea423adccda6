//! testssl.sh JSON: the flat form (`--json` / `--jsonfile`: an array of findings) and the pretty
//! form (`--json-pretty`: `scanResult`, one object per target with its sections).

use serde_json::Value;

use crate::json::{self, Fields, at};
use crate::{Finding, Problem, Read};

const SEVERITIES: &[&str] = &["OK", "INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL", "WARN", "DEBUG", "FATAL"];
const PROTOCOLS: &[&str] = &["SSLv2", "SSLv3", "TLS1", "TLS1_1", "TLS1_2", "TLS1_3"];

pub(crate) fn read(text: &str) -> Result<Read, Vec<Problem>> {
    let v = json::parse(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut read = Read::default();
    {
        let mut f = Fields { problems: &mut problems };
        match &v {
            Value::Array(entries) => {
                for (i, e) in entries.iter().enumerate() {
                    entry(&mut f, e, &format!("/{i}"), None, &mut read.findings);
                }
            }
            Value::Object(m) => {
                if let Some(ver) = m.get("version").and_then(Value::as_str) {
                    read.tool = Some(format!("testssl.sh {}", ver.split_whitespace().next().unwrap_or(ver)));
                }
                read.scanned = m
                    .get("startTime")
                    .and_then(|t| t.as_str().and_then(|s| s.parse::<i64>().ok()).or_else(|| t.as_i64()))
                    .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
                    .map(|t| t.date_naive());
                if let Some(results) = f.array(&v, "", "scanResult") {
                    for (t, target) in results.iter().enumerate() {
                        let base = format!("/scanResult/{t}");
                        let Some(obj) = f.object(target, &base) else { continue };
                        let subject = match (
                            obj.get("targetHost").and_then(Value::as_str),
                            obj.get("port").and_then(Value::as_str),
                        ) {
                            (Some(h), Some(p)) => Some(format!("{h}:{p}")),
                            (Some(h), None) => Some(h.to_string()),
                            _ => None,
                        };
                        for (section, items) in obj {
                            let Value::Array(items) = items else { continue };
                            for (i, e) in items.iter().enumerate() {
                                entry(
                                    &mut f,
                                    e,
                                    &format!("{}/{i}", at(&base, section)),
                                    subject.as_deref(),
                                    &mut read.findings,
                                );
                            }
                        }
                    }
                }
            }
            other => f.wrong(String::new(), other, "an array of findings or an object with scanResult"),
        }
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}

fn entry(f: &mut Fields<'_>, e: &Value, base: &str, subject: Option<&str>, out: &mut Vec<Finding>) {
    if f.object(e, base).is_none() {
        return;
    }
    let id = f.string(e, base, "id");
    let severity = f.string(e, base, "severity");
    let finding = f.string(e, base, "finding");
    let (Some(id), Some(severity), Some(finding)) = (id, severity, finding) else { return };
    let sev = severity.to_ascii_uppercase();
    if !SEVERITIES.contains(&sev.as_str()) {
        f.problems.push(Problem::at_path(
            at(base, "severity"),
            format!("unknown severity {severity:?} (expected one of {})", SEVERITIES.join(", ")),
        ));
        return;
    }
    let subject = match subject {
        Some(s) => s.to_string(),
        None => {
            let ip = e.get("ip").and_then(Value::as_str).unwrap_or("target");
            match e
                .get("port")
                .and_then(|p| p.as_str().map(str::to_string).or_else(|| p.as_u64().map(|n| n.to_string())))
            {
                Some(p) => format!("{ip}:{p}"),
                None => ip.to_string(),
            }
        }
    };
    let cve = e.get("cve").and_then(Value::as_str).filter(|s| !s.is_empty());
    let mut text = format!("{id} {sev}: {finding}");
    if let Some(c) = cve {
        text.push_str(&format!(" ({c})"));
    }
    let (kind, value) = if PROTOCOLS.contains(&id.as_str()) {
        let offered = finding.trim_start().starts_with("offered");
        ("testssl.protocol", format!("{id} {}", if offered { "offered" } else { "not offered" }))
    } else if id == "overall_grade" {
        ("testssl.grade", finding.trim().to_string())
    } else {
        ("testssl.finding", sev)
    };
    out.push(Finding {
        kind,
        value,
        score: None,
        subject,
        text,
        record: base.to_string(),
        line: None,
        finding: Some(id),
    });
}
