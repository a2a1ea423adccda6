//! Human-readable renderings. Colour goes through anstream, which strips it when stdout is not a
//! terminal or NO_COLOR is set.

use std::io::{self, Write};

use iotlabel_assess::{FrameworkVerdict, Report, Verdict};
use iotlabel_catalog::crosswalk::{Coverage, Crosswalk};
use iotlabel_catalog::{Catalogs, Status};
use iotlabel_model::Diagnostics;
use owo_colors::OwoColorize;
use serde_json::{Value, json};

pub fn diagnostics_text(d: &Diagnostics) -> String {
    let mut s = String::new();
    let n = d.diagnostics.len();
    s.push_str(&format!(
        "{} {}: {n} problem{}\n",
        "error:".red().bold(),
        d.file,
        if n == 1 { "" } else { "s" }
    ));
    for x in &d.diagnostics {
        let place = if x.line == 0 {
            format!("  {}: ", d.file)
        } else {
            format!("  {}:{}:{}: ", d.file, x.line, x.column)
        };
        s.push_str(&place.bold().to_string());
        if !x.path.is_empty() {
            s.push_str(&format!("{}: ", x.path.cyan()));
        }
        s.push_str(&x.message);
        s.push('\n');
        if let Some(e) = &x.expected {
            s.push_str(&format!("      expected: {e}\n"));
        }
        if let Some(h) = &x.suggestion {
            s.push_str(&format!("      {} {h}\n", "help:".green()));
        }
    }
    s
}

pub fn valid_line(out: &mut impl Write, file: &str) -> io::Result<()> {
    writeln!(out, "{} {file}", "valid".green())
}

fn verdict_tag(v: Verdict) -> String {
    match v {
        Verdict::Pass => format!("{:<7}", "PASS").green().to_string(),
        Verdict::Fail => format!("{:<7}", "FAIL").red().bold().to_string(),
        Verdict::Contradicted => format!("{:<7}", "CONTRA").magenta().bold().to_string(),
        Verdict::Unknown => format!("{:<7}", "UNKNOWN").yellow().to_string(),
        Verdict::NotApplicable => format!("{:<7}", "N/A").dimmed().to_string(),
    }
}

fn framework_tag(v: FrameworkVerdict) -> String {
    match v {
        FrameworkVerdict::Conformant => "CONFORMANT".green().bold().to_string(),
        FrameworkVerdict::NotConformant => "NOT CONFORMANT".red().bold().to_string(),
        FrameworkVerdict::Incomplete => "INCOMPLETE".yellow().bold().to_string(),
    }
}

pub fn assess_text(out: &mut impl Write, r: &Report, all: bool) -> io::Result<()> {
    let d = &r.device;
    writeln!(
        out,
        "{} {} ({}, hardware {}, firmware {}) by {}, assessed as of {}",
        d.brand.bold(),
        d.model.bold(),
        d.device_type,
        d.hardware_version,
        d.firmware_version,
        d.manufacturer,
        r.as_of
    )?;
    for f in &r.frameworks {
        writeln!(out)?;
        let level = f.level.as_ref().map(|l| format!(", level {l} reached")).unwrap_or_default();
        writeln!(out, "{} {}: {}{level}", f.title.bold(), f.edition, framework_tag(f.verdict))?;
        let tally = |c: &iotlabel_assess::Counts| {
            format!(
                "{} pass, {} fail, {} contradicted, {} unknown, {} not applicable",
                c.pass, c.fail, c.contradicted, c.unknown, c.not_applicable
            )
        };
        if f.levels.is_empty() {
            writeln!(
                out,
                "  mandatory: {}; all {}: {} pass",
                tally(&f.mandatory),
                f.counts.total(),
                f.counts.pass
            )?;
        }
        for l in &f.levels {
            let met = if l.met { "met".green().to_string() } else { "not met".red().to_string() };
            writeln!(out, "  level {}: {met} ({})", l.id, tally(&l.counts))?;
        }
        for req in &f.requirements {
            if !all && matches!(req.verdict, Verdict::Pass | Verdict::NotApplicable) {
                continue;
            }
            let status = match req.status {
                Status::Mandatory => "M",
                Status::Recommended => "R",
            };
            writeln!(out, "  {} {:<9} [{status}] {}", verdict_tag(req.verdict), req.id, req.title)?;
            writeln!(out, "          {}", req.reason)?;
            if req.verdict == Verdict::Unknown && !req.missing.is_empty() {
                writeln!(out, "          {} {}", "fill in:".yellow(), req.missing.join(", "))?;
            } else if !req.fields.is_empty() {
                writeln!(out, "          {}", format!("rests on: {}", req.fields.join(", ")).dimmed())?;
            }
            if !req.evidence.is_empty() {
                writeln!(out, "          {}", format!("evidence: {}", req.evidence.join(", ")).dimmed())?;
            }
        }
    }
    if !r.notes.is_empty() {
        writeln!(out)?;
        for n in &r.notes {
            writeln!(out, "{} {n}", "note:".yellow())?;
        }
    }
    if !all {
        writeln!(
            out,
            "\n{}",
            "Passed and not-applicable requirements are hidden; --all shows them.".dimmed()
        )?;
    }
    Ok(())
}

pub fn frameworks_text(out: &mut impl Write, cats: &Catalogs) -> io::Result<()> {
    for c in &cats.frameworks {
        let f = &c.framework;
        let m = c.requirements.iter().filter(|r| r.status == Status::Mandatory).count();
        writeln!(out, "{:<18} {} {} ({})", f.id.bold(), f.short_title, f.edition, f.published)?;
        writeln!(
            out,
            "{:<18} {} requirements ({} mandatory, {} recommended){}",
            "",
            c.requirements.len(),
            m,
            c.requirements.len() - m,
            if c.levels.is_empty() {
                String::new()
            } else {
                format!(", levels {}", c.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join("-"))
            }
        )?;
        writeln!(out, "{:<18} source: {}", "", f.source)?;
    }
    writeln!(
        out,
        "\n{} common controls link them; `iotlabel frameworks --controls` lists them.",
        cats.controls.controls.len()
    )
}

pub fn frameworks_json(cats: &Catalogs) -> Value {
    json!({
        "frameworks": cats.frameworks.iter().map(|c| json!({
            "id": c.framework.id,
            "short_title": c.framework.short_title,
            "title": c.framework.title,
            "edition": c.framework.edition,
            "published": c.framework.published,
            "source": c.framework.source,
            "url": c.framework.url,
            "kind": c.framework.kind,
            "levels": c.levels,
            "requirements": c.requirements,
        })).collect::<Vec<_>>(),
    })
}

pub fn controls_text(out: &mut impl Write, cats: &Catalogs) -> io::Result<()> {
    let usage = cats.control_usage();
    for c in &cats.controls.controls {
        writeln!(out, "{:<38} {}", c.id.bold(), c.title)?;
        let used: Vec<String> = usage
            .get(c.id.as_str())
            .map(|v| v.iter().map(|(f, r)| format!("{f}:{r}")).collect())
            .unwrap_or_default();
        if used.is_empty() {
            writeln!(out, "{:<38} {}", "", "(used by the label and advice only)".dimmed())?;
        } else {
            writeln!(out, "{:<38} {}", "", used.join(" ").dimmed())?;
        }
    }
    Ok(())
}

pub fn controls_json(cats: &Catalogs) -> Value {
    let usage = cats.control_usage();
    json!({
        "controls": cats.controls.controls.iter().map(|c| json!({
            "id": c.id,
            "title": c.title,
            "reads": c.reads,
            "used_by": usage.get(c.id.as_str()).map(|v| v.iter().map(|(f, r)| format!("{f}:{r}")).collect::<Vec<_>>()).unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "conditions": cats.controls.conditions,
    })
}

fn coverage_tag(c: Coverage) -> String {
    match c {
        Coverage::Full => format!("{:<8}", "full").green().to_string(),
        Coverage::Partial => format!("{:<8}", "partial").yellow().to_string(),
        Coverage::Gap => format!("{:<8}", "GAP").red().bold().to_string(),
    }
}

pub fn crosswalk_text(
    out: &mut impl Write,
    cats: &Catalogs,
    cw: &Crosswalk,
    gaps_only: bool,
) -> io::Result<()> {
    for dir in [&cw.a_to_b, &cw.b_to_a] {
        let from = cats.framework(&dir.from).map_or(dir.from.as_str(), |c| c.framework.short_title.as_str());
        let to = cats.framework(&dir.to).map_or(dir.to.as_str(), |c| c.framework.short_title.as_str());
        writeln!(
            out,
            "{} requirements covered by {}: {} full, {} partial, {} gaps",
            from.bold(),
            to.bold(),
            dir.count(Coverage::Full),
            dir.count(Coverage::Partial),
            dir.count(Coverage::Gap)
        )?;
        for m in &dir.mappings {
            if gaps_only && m.coverage != Coverage::Gap {
                continue;
            }
            writeln!(out, "  {} {:<20} {}", coverage_tag(m.coverage), m.id, m.title)?;
            if !m.covered_by.is_empty() {
                writeln!(out, "           {}", format!("by {}", m.covered_by.join(", ")).dimmed())?;
            }
            if m.coverage == Coverage::Partial {
                writeln!(
                    out,
                    "           {}",
                    format!("not covered: {}", m.missing_controls.join(", ")).dimmed()
                )?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

pub fn crosswalk_csv(out: &mut impl Write, cw: &Crosswalk, gaps_only: bool) -> io::Result<()> {
    writeln!(
        out,
        "from_framework,requirement,title,to_framework,coverage,covered_by,shared_controls,missing_controls"
    )?;
    for dir in [&cw.a_to_b, &cw.b_to_a] {
        for m in &dir.mappings {
            if gaps_only && m.coverage != Coverage::Gap {
                continue;
            }
            let row = [
                dir.from.clone(),
                m.id.clone(),
                m.title.clone(),
                dir.to.clone(),
                m.coverage.as_str().to_string(),
                m.covered_by.join(" "),
                m.shared_controls.join(" "),
                m.missing_controls.join(" "),
            ];
            writeln!(out, "{}", row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","))?;
        }
    }
    Ok(())
}
