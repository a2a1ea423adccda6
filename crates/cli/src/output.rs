//! Human-readable renderings. Colour goes through anstream, which strips it when stdout is not a
//! terminal or NO_COLOR is set.

use std::io::{self, Write};

use iotlabel_assess::{FrameworkVerdict, Report, Verdict};
use iotlabel_catalog::crosswalk::{Coverage, Crosswalk, Mapping};
use iotlabel_catalog::{Catalogs, Status};
use iotlabel_i18n::{Lang, msg};
use iotlabel_model::Diagnostics;
use owo_colors::OwoColorize;

pub fn diagnostics_text(d: &Diagnostics) -> String {
    located_text(d, &"error:".red().bold().to_string(), "problem")
}

/// Warnings about a file that was read all the same, located like errors.
pub fn warnings_text(d: &Diagnostics) -> String {
    located_text(d, &"warning:".yellow().bold().to_string(), "warning")
}

/// A value from outside (a declaration, an evidence file, a file name, an argument) made safe for
/// one terminal line: the text label's function, so every text iotlabel prints follows one rule
/// (line breaks and tabs shown as `\n`, `\r`, `\t`; ESC and every other control, bidi and invisible
/// character as `\u{..}`).
pub use iotlabel_render::txt::one_line;

/// A text of several lines (an error message) with each line made safe by [`one_line`]: the line
/// breaks the program wrote are kept, nothing else can start a line.
pub fn lines(s: &str) -> String {
    s.split('\n').map(one_line).collect::<Vec<_>>().join("\n")
}

fn located_text(d: &Diagnostics, header: &str, noun: &str) -> String {
    let mut s = String::new();
    let n = d.total();
    let file = one_line(&d.file);
    s.push_str(&format!("{header} {file}: {n} {noun}{}\n", if n == 1 { "" } else { "s" }));
    for x in &d.diagnostics {
        let place =
            if x.line == 0 { format!("  {file}: ") } else { format!("  {file}:{}:{}: ", x.line, x.column) };
        s.push_str(&place.bold().to_string());
        if !x.path.is_empty() {
            s.push_str(&format!("{}: ", one_line(&x.path).cyan()));
        }
        s.push_str(&one_line(&x.message));
        s.push('\n');
        if let Some(e) = &x.expected {
            s.push_str(&format!("      expected: {}\n", one_line(e)));
        }
        if let Some(h) = &x.suggestion {
            s.push_str(&format!("      {} {}\n", "help:".green(), one_line(h)));
        }
    }
    s
}

pub fn valid_line(out: &mut impl Write, file: &str) -> io::Result<()> {
    writeln!(out, "{} {}", "valid".green(), one_line(file))
}

fn verdict_tag(v: Verdict, lang: Lang) -> String {
    let t = |id: &str| format!("{:<7}", iotlabel_i18n::text(lang, id));
    match v {
        Verdict::Pass => t("cli-assess-tag-pass").green().to_string(),
        Verdict::Fail => t("cli-assess-tag-fail").red().bold().to_string(),
        Verdict::Contradicted => t("cli-assess-tag-contradicted").magenta().bold().to_string(),
        Verdict::Unknown => t("cli-assess-tag-unknown").yellow().to_string(),
        Verdict::NotApplicable => t("cli-assess-tag-not-applicable").dimmed().to_string(),
    }
}

fn framework_tag(v: FrameworkVerdict, lang: Lang) -> String {
    let t = |id: &str| iotlabel_i18n::text(lang, id);
    match v {
        FrameworkVerdict::Conformant => t("cli-assess-conformant").green().bold().to_string(),
        FrameworkVerdict::NotConformant => t("cli-assess-not-conformant").red().bold().to_string(),
        FrameworkVerdict::Incomplete => t("cli-assess-incomplete").yellow().bold().to_string(),
        FrameworkVerdict::OutOfScope => t("cli-assess-out-of-scope").dimmed().bold().to_string(),
    }
}

/// A catalog title in `lang` (English when the catalog has no French one).
fn title_in<'a>(en: &'a str, fr: &'a str, lang: Lang) -> &'a str {
    match lang {
        Lang::Fr if !fr.is_empty() => fr,
        _ => en,
    }
}

/// The report in text, with reasons, titles and words in `lang`.
pub fn assess_text(out: &mut impl Write, r: &Report<'_>, all: bool, lang: Lang) -> io::Result<()> {
    let cats = r.catalogs;
    let d = &r.device;
    let device = format!("{} {}", one_line(&d.brand).bold(), one_line(&d.model).bold());
    let header = msg!(
        "cli-assess-device",
        device = device,
        kind = one_line(&d.device_type),
        hardware = one_line(&d.hardware_version),
        firmware = one_line(&d.firmware_version),
        manufacturer = one_line(&d.manufacturer),
        date = r.as_of.to_string(),
    );
    writeln!(out, "{}", header.text(lang))?;
    let tally = |c: &iotlabel_assess::Counts| {
        msg!(
            "cli-assess-tally",
            pass = c.pass,
            fail = c.fail,
            contradicted = c.contradicted,
            unknown = c.unknown,
            na = c.not_applicable,
        )
        .text(lang)
    };
    for f in &r.frameworks {
        writeln!(out)?;
        let cat = cats.framework(f.id);
        let level = f
            .level
            .map(|l| msg!("cli-assess-level-reached", level = l.to_string()).text(lang))
            .unwrap_or_default();
        let line = msg!(
            "cli-assess-framework",
            framework = f.title.bold().to_string(),
            edition = f.edition.to_string(),
            verdict = framework_tag(f.verdict, lang),
            level = level,
        );
        writeln!(out, "{}", line.text(lang))?;
        if f.levels.is_empty() {
            let line = msg!(
                "cli-assess-mandatory",
                tally = tally(&f.mandatory),
                total = f.counts.total(),
                pass = f.counts.pass,
            );
            writeln!(out, "  {}", line.text(lang))?;
        }
        for l in &f.levels {
            let met = if l.met {
                iotlabel_i18n::text(lang, "cli-assess-level-met").green().to_string()
            } else {
                iotlabel_i18n::text(lang, "cli-assess-level-not-met").red().to_string()
            };
            let line =
                msg!("cli-assess-level", level = l.id.to_string(), met = met, tally = tally(&l.counts));
            writeln!(out, "  {}", line.text(lang))?;
        }
        for req in &f.requirements {
            // A requirement deemed met through a route while its direct reading fails is shown.
            if !all && matches!(req.verdict, Verdict::Pass | Verdict::NotApplicable) && req.direct.is_none() {
                continue;
            }
            let status = iotlabel_i18n::text(
                lang,
                match req.status {
                    Status::Mandatory => "cli-assess-status-mandatory",
                    Status::Recommended => "cli-assess-status-recommended",
                },
            );
            let title = cat
                .and_then(|c| c.requirement(req.id))
                .filter(|q| q.title == req.title)
                .map_or(req.title, |q| title_in(&q.title, &q.title_fr, lang));
            writeln!(out, "  {} {:<9} [{status}] {title}", verdict_tag(req.verdict, lang), req.id)?;
            // Reasons quote evidence (summaries, testers, ids): one line, whatever they say.
            writeln!(out, "          {}", one_line(&req.reason.text(lang)))?;
            if req.verdict == Verdict::Unknown && !req.missing.is_empty() {
                let fill_in = iotlabel_i18n::text(lang, "cli-assess-fill-in");
                writeln!(out, "          {} {}", fill_in.yellow(), req.missing.join(", "))?;
            } else if !req.fields.is_empty() {
                let line = msg!("cli-assess-rests-on", fields = req.fields.join(", ")).text(lang);
                writeln!(out, "          {}", line.dimmed())?;
            }
            if !req.evidence.is_empty() {
                let line = msg!("cli-assess-evidence", ids = one_line(&req.evidence.join(", "))).text(lang);
                writeln!(out, "          {}", line.dimmed())?;
            }
            for route in &req.routes {
                writeln!(out, "          {}", route_line(route, cats, lang).dimmed())?;
            }
        }
    }
    if !r.notes.is_empty() {
        writeln!(out)?;
        let note = iotlabel_i18n::text(lang, "cli-assess-note");
        for n in &r.notes {
            writeln!(out, "{} {}", note.yellow(), one_line(&n.text(lang)))?;
        }
    }
    if !r.accepted.is_empty() || !r.masks_not_in_force.is_empty() {
        writeln!(out)?;
        let tag = iotlabel_i18n::text(lang, "cli-assess-accepted");
        for a in &r.accepted {
            writeln!(out, "{} {}", tag.cyan(), one_line(&a.msg().text(lang)))?;
        }
        let note = iotlabel_i18n::text(lang, "cli-assess-note");
        for m in &r.masks_not_in_force {
            writeln!(out, "{} {}", note.yellow(), one_line(&m.msg(r.as_of).text(lang)))?;
        }
    }
    if !all {
        writeln!(out, "\n{}", iotlabel_i18n::text(lang, "cli-assess-hidden").dimmed())?;
    }
    Ok(())
}

/// One route of a requirement: what it goes through, whether it is met, and the reference.
fn route_line(route: &iotlabel_assess::RouteResult<'_>, cats: &Catalogs, lang: Lang) -> String {
    let title = |fw: &str| cats.framework(fw).map_or(fw.to_string(), |c| c.framework.short_title.clone());
    let through = match route.scheme {
        Some(scheme) => match &route.certificate {
            Some(id) => msg!("cli-assess-route-label-held", scheme = title(scheme), id = one_line(id)),
            None => msg!("cli-assess-route-label", scheme = title(scheme)),
        },
        None => {
            let fw = route.via.first().and_then(|k| k.split_once(':')).map_or("", |(fw, _)| fw);
            let ids: Vec<String> =
                route.via.iter().filter_map(|k| k.split_once(':')).map(|(_, id)| id.to_string()).collect();
            msg!("cli-assess-route-via", framework = title(fw), ids = ids)
        }
    };
    let met = if route.met { "cli-assess-route-met" } else { "cli-assess-route-not-met" };
    msg!(
        "cli-assess-route",
        id = route.id.to_string(),
        met = iotlabel_i18n::text(lang, met),
        through = through.text(lang),
        reference = route.reference.to_string(),
    )
    .text(lang)
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

/// The coverage column: `full`, `partial` or `GAP`, with `(recommended only)` when the coverage
/// rests only on recommended requirements, padded to `width`.
fn coverage_tag(m: &Mapping, width: usize) -> String {
    let word = match m.coverage {
        Coverage::Full => "full",
        Coverage::Partial => "partial",
        Coverage::Gap => "GAP",
    };
    let text = if m.only_recommended { format!("{word} {RECOMMENDED_ONLY}") } else { word.to_string() };
    let padded = format!("{text:<width$}");
    match (m.coverage, m.only_recommended) {
        (Coverage::Full, false) => padded.green().to_string(),
        (Coverage::Full | Coverage::Partial, _) => padded.yellow().to_string(),
        (Coverage::Gap, _) => padded.red().bold().to_string(),
    }
}

const RECOMMENDED_ONLY: &str = "(recommended only)";

/// `1 gap`, `2 gaps`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
        let s = dir.summary;
        let full = if s.full_recommended_only > 0 {
            format!("{} full ({} on recommended requirements only)", s.full, s.full_recommended_only)
        } else {
            format!("{} full", s.full)
        };
        writeln!(
            out,
            "{} requirements covered by {}: {full}, {} partial, {}",
            from.bold(),
            to.bold(),
            s.partial,
            plural(s.gap, "gap", "gaps"),
        )?;
        let shown = |m: &&Mapping| !gaps_only || m.coverage == Coverage::Gap;
        let width = if dir.mappings.iter().filter(shown).any(|m| m.only_recommended) {
            "partial ".len() + RECOMMENDED_ONLY.len()
        } else {
            "partial ".len()
        };
        for m in dir.mappings.iter().filter(shown) {
            writeln!(out, "  {} {:<20} {}", coverage_tag(m, width), m.id, m.title)?;
            // Details line up under the requirement id.
            let indent = " ".repeat(2 + width + 1);
            if !m.covered_by.is_empty() {
                writeln!(out, "{indent}{}", format!("by {}", m.covered_by.join(", ")).dimmed())?;
            }
            if m.coverage == Coverage::Partial {
                writeln!(
                    out,
                    "{indent}{}",
                    format!("not covered: {}", m.missing_controls.join(", ")).dimmed()
                )?;
            }
            // The law's own crosswalk, apart from the controls: routes deeming the requirement met.
            for r in &m.routes {
                let through = if r.label {
                    match &r.level {
                        Some(l) => format!("a current {to} label, level {l} or above"),
                        None => format!("a current {to} label at any level"),
                    }
                } else {
                    format!("{to} {}", r.via.join(" + "))
                };
                let uncertain = if r.uncertain { " [uncertain]" } else { "" };
                writeln!(
                    out,
                    "{indent}{}",
                    format!(
                        "deemed met by law (route {}) through {through}: {}{uncertain}",
                        r.id, r.reference
                    )
                    .cyan()
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
        "from_framework,requirement,title,to_framework,coverage,covered_by,shared_controls,missing_controls,only_recommended,law_routes"
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
                m.only_recommended.to_string(),
                m.routes
                    .iter()
                    .map(|r| {
                        let through = if r.label {
                            format!("label{}", r.level.as_ref().map(|l| format!(":{l}")).unwrap_or_default())
                        } else {
                            r.via.join("+")
                        };
                        format!("{}={through}", r.id)
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            ];
            writeln!(out, "{}", row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","))?;
        }
    }
    Ok(())
}
