//! ssh-audit JSON (`ssh-audit -j`): the server's banner, its algorithms with ssh-audit's notes,
//! CVEs for its version and the recommendations.

use serde_json::Value;

use crate::json::{self, Fields, at};
use crate::{Finding, Problem, Read};

const KNOWN: &[&str] = &[
    "banner",
    "kex",
    "key",
    "enc",
    "mac",
    "cves",
    "recommendations",
    "target",
    "fingerprints",
    "compression",
];

pub(crate) fn read(text: &str) -> Result<Read, Vec<Problem>> {
    let v = json::parse(text).map_err(|p| vec![p])?;
    let mut problems = Vec::new();
    let mut read = Read { tool: Some("ssh-audit".to_string()), ..Read::default() };
    {
        let mut f = Fields { problems: &mut problems };
        let Some(obj) = f.object(&v, "") else { return Err(problems) };
        if !KNOWN.iter().any(|k| obj.contains_key(*k)) {
            return Err(vec![Problem::at_path(
                "",
                format!("not ssh-audit output: none of the fields {}", KNOWN.join(", ")),
            )]);
        }
        let target = obj.get("target").and_then(Value::as_str).unwrap_or("SSH server").to_string();
        let software = v.pointer("/banner/software").and_then(Value::as_str).map(str::to_string);
        let subject = match &software {
            Some(s) => format!("{target} ({s})"),
            None => target.clone(),
        };
        if let Some(b) = obj.get("banner") {
            let raw = b.get("raw").and_then(Value::as_str).unwrap_or("");
            read.findings.push(Finding {
                kind: "ssh-audit.banner",
                value: "banner".into(),
                score: None,
                subject: subject.clone(),
                text: format!("SSH banner {raw}"),
                record: "/banner".into(),
                line: None,
                finding: None,
            });
        }
        for (i, c) in f.opt_array(&v, "", "cves").iter().enumerate() {
            let base = format!("/cves/{i}");
            let name = f.string(c, &base, "name");
            let score = f.opt_number(c, &base, "cvssv2").or_else(|| f.opt_number(c, &base, "cvssv3"));
            let desc = c.get("description").and_then(Value::as_str).unwrap_or("");
            let Some(name) = name else { continue };
            let s = score.map(|s| format!(" (CVSS {s:.1})")).unwrap_or_default();
            read.findings.push(Finding {
                kind: "ssh-audit.cve",
                value: name.clone(),
                score,
                subject: subject.clone(),
                text: format!("{name}{s}: {desc}"),
                record: base,
                line: None,
                finding: Some(name),
            });
        }
        for family in ["kex", "key", "enc", "mac"] {
            for (i, a) in f.opt_array(&v, "", family).iter().enumerate() {
                let base = format!("/{family}/{i}");
                let Some(name) = f.string(a, &base, "algorithm") else { continue };
                let notes = |k: &str| -> Vec<String> {
                    a.pointer(&format!("/notes/{k}"))
                        .and_then(Value::as_array)
                        .map(|l| l.iter().filter_map(Value::as_str).map(str::to_string).collect())
                        .unwrap_or_default()
                };
                let (fail, warn) = (notes("fail"), notes("warn"));
                let (value, text) = if !fail.is_empty() {
                    ("fail", format!("{family} algorithm {name} fails: {}", fail.join("; ")))
                } else if !warn.is_empty() {
                    ("warn", format!("{family} algorithm {name}: {}", warn.join("; ")))
                } else {
                    ("ok", format!("{family} algorithm {name}"))
                };
                read.findings.push(Finding {
                    kind: "ssh-audit.algorithm",
                    value: value.into(),
                    score: None,
                    subject: subject.clone(),
                    text,
                    record: base,
                    line: None,
                    finding: Some(name),
                });
            }
        }
        if let Some(recs) = obj.get("recommendations") {
            let Some(levels) = f.object(recs, "/recommendations") else { return Err(problems) };
            for (level, actions) in levels {
                let lbase = at("/recommendations", level);
                let Some(actions) = f.object(actions, &lbase) else { continue };
                for (action, families) in actions {
                    let abase = at(&lbase, action);
                    let Some(families) = f.object(families, &abase) else { continue };
                    for (family, list) in families {
                        let fbase = at(&abase, family);
                        let Value::Array(list) = list else {
                            f.wrong(fbase, list, "an array");
                            continue;
                        };
                        for (i, r) in list.iter().enumerate() {
                            let base = format!("{fbase}/{i}");
                            let Some(name) = f.string(r, &base, "name") else { continue };
                            let verb = match action.as_str() {
                                "del" => "remove",
                                "chg" => "change",
                                "add" => "add",
                                other => other,
                            };
                            read.findings.push(Finding {
                                kind: "ssh-audit.recommendation",
                                value: level.clone(),
                                score: None,
                                subject: subject.clone(),
                                text: format!("{level}: {verb} {family} algorithm {name}"),
                                record: base,
                                line: None,
                                finding: Some(name),
                            });
                        }
                    }
                }
            }
        }
    }
    if problems.is_empty() { Ok(read) } else { Err(problems) }
}
