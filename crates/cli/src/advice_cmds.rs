//! `advise`, `compare` and `glossary` (issue 16): read the profile or ask the questions, build
//! each device's label, hand both to `iotlabel-advice`, print.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use iotlabel_advice::questions::{Kind, Question, questions};
use iotlabel_advice::{AdviceReport, DeviceAdvice, Profile, Standing};
use iotlabel_i18n::{Lang, Msg, text};
use iotlabel_label::Label;
use owo_colors::OwoColorize;

use crate::args::{
    AdviceOutput, AdviseArgs, CompareArgs, DEFAULT_BASE_URL, DataFormat, ExplainerFormat, GapsFormat,
};
use crate::commands::{
    EvidenceArg, catalogs, label_of, load_and_assess, parse_langs, print_diagnostics, read, shown, write_json,
};
use crate::{Done, Failure, input_error};

/// Reads and checks a profile file.
fn load_profile(path: &Path) -> Result<Profile, Failure> {
    let (text, _) = read(path).map_err(|d| print_diagnostics(&d))?;
    iotlabel_advice::parse_profile(&shown(path), &text).map_err(|d| print_diagnostics(&d))
}

/// Each device's label and standing, in the order given: from its declaration file, or, with
/// `--registry`, for a DEVICE that is not a file, as the registry holds it (verified), with its
/// live status (a revoked or contradicted label fails everyone's first must-have).
fn labels(
    devices: &[std::path::PathBuf],
    evidence: &EvidenceArg,
    out: &AdviceOutput,
) -> Result<Vec<(Label, Standing)>, Failure> {
    let today = out.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    devices
        .iter()
        .map(|file| match &out.registry {
            Some(registry) if !file.exists() => {
                let id = file.to_string_lossy();
                let (derived, public_url) = crate::registry_cmds::fetch_verified(registry, &id, today)?;
                let standing = Standing::of(&derived.record.status);
                Ok((derived.label(catalogs(), &public_url, today).1, standing))
            }
            _ => {
                let a = load_and_assess(file, evidence, &[], out.as_of)?;
                Ok((label_of(&a, DEFAULT_BASE_URL), Standing::Stands))
            }
        })
        .collect()
}

pub fn advise(args: AdviseArgs, evidence: &EvidenceArg) -> Result<Done, Failure> {
    let lang = parse_langs(&args.output.lang, false)?[0];
    let profile = match &args.profile {
        Some(p) => {
            if args.devices.is_empty() {
                return Err(input_error(
                    "--profile needs at least one DEVICE to advise on\n  expected: iotlabel advise --profile me.toml DEVICE...\n  help: without --profile, `iotlabel advise` asks the questions and prints your profile",
                ));
            }
            load_profile(p)?
        }
        None => {
            let start = match &args.resume {
                Some(p) => load_profile(p)?,
                None => Profile::new(),
            };
            let profile = if std::io::stdin().is_terminal() {
                ask_in_terminal(start, args.save.as_deref(), lang)?
            } else {
                read_answers(start, args.save.as_deref(), &mut std::io::stdin().lock())?
            };
            if args.devices.is_empty() {
                // The profile itself is the result: on stdout unless it was saved.
                if args.save.is_none() {
                    print!("{}", profile.filled().to_toml());
                }
                return Ok(Done::Ok);
            }
            profile
        }
    };
    let labels = labels(&args.devices, evidence, &args.output)?;
    let report = iotlabel_advice::report(&labels, &profile, lang, false);
    print_report(&report, args.output.format, lang)
}

pub fn compare(args: CompareArgs, evidence: &EvidenceArg) -> Result<Done, Failure> {
    let lang = parse_langs(&args.output.lang, false)?[0];
    let profile = load_profile(&args.profile)?;
    let labels = labels(&args.devices, evidence, &args.output)?;
    let report = iotlabel_advice::report(&labels, &profile, lang, true);
    print_report(&report, args.output.format, lang)
}

pub fn glossary(format: DataFormat, lang: &str) -> Result<Done, Failure> {
    let lang = parse_langs(lang, false)?[0];
    let g = iotlabel_advice::glossary(lang);
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => write_json(&mut out, &g)?,
        DataFormat::Text => {
            for e in &g.entries {
                writeln!(out, "{}", e.term.bold())?;
                for line in [&e.meaning, &e.why, &e.ask] {
                    writeln!(out, "  {line}")?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(Done::Ok)
}

fn print_report(report: &AdviceReport, format: DataFormat, lang: Lang) -> Result<Done, Failure> {
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => write_json(&mut out, report)?,
        DataFormat::Text => {
            if report.ranked {
                writeln!(out, "{}", text(lang, "advice-h-rank").bold())?;
                for d in &report.devices {
                    let risk = Msg::new("advice-risk").arg("points", format!("{:.1}", d.risk)).text(lang);
                    writeln!(
                        out,
                        "  {}. {}: {} ({risk})",
                        d.rank.unwrap_or_default(),
                        d.product,
                        fit_coloured(d)
                    )?;
                }
                writeln!(out)?;
            }
            for d in &report.devices {
                device_text(&mut out, d, lang)?;
            }
            writeln!(
                out,
                "{}",
                Msg::new("advice-h-profile").arg("query", report.profile_query.clone()).text(lang)
            )?;
        }
    }
    Ok(Done::Ok)
}

fn fit_coloured(d: &DeviceAdvice) -> String {
    use iotlabel_advice::Fit;
    match d.fit {
        Fit::Good => d.fit_text.green().bold().to_string(),
        Fit::Acceptable => d.fit_text.yellow().bold().to_string(),
        Fit::Poor | Fit::FailsMustHaves => d.fit_text.red().bold().to_string(),
    }
}

fn device_text(out: &mut impl Write, d: &DeviceAdvice, lang: Lang) -> std::io::Result<()> {
    writeln!(out, "{} ({}): {}", d.product.bold(), d.label_id, fit_coloured(d))?;
    let section =
        |out: &mut dyn Write, id: &str, items: &mut dyn Iterator<Item = &String>| -> std::io::Result<()> {
            let items: Vec<&String> = items.collect();
            if items.is_empty() {
                return Ok(());
            }
            writeln!(out, "  {}", text(lang, id))?;
            for i in items {
                writeln!(out, "    - {i}")?;
            }
            Ok(())
        };
    section(out, "advice-h-missed", &mut d.missed_must_haves.iter().map(|m| &m.text))?;
    section(out, "advice-h-reasons", &mut d.reasons.iter().map(|r| &r.text))?;
    section(out, "advice-h-steps", &mut d.steps.iter())?;
    section(out, "advice-h-safety", &mut d.safety_steps.iter())?;
    section(out, "advice-h-alternatives", &mut d.alternatives.iter())?;
    writeln!(out)
}

/// Saves the answers given so far (a profile with only those keys), when asked to.
fn save(profile: &Profile, to: Option<&Path>) -> Result<(), Failure> {
    if let Some(path) = to {
        std::fs::write(path, profile.to_toml())
            .map_err(|e| input_error(format!("{}: cannot write the answers: {e}", shown(path))))?;
        tracing::info!(file = %path.display(), left = profile.unanswered().len(), "answers saved");
    }
    Ok(())
}

/// Reads answers from a pipe or a file: one line per question not yet answered, in order; an
/// empty line takes the default; at the end of input the questions left take their defaults.
/// A bad answer stops with a message naming the line and the question; the answers before it
/// are saved (with --save) so nothing is lost.
fn read_answers(
    mut profile: Profile,
    save_to: Option<&Path>,
    input: &mut impl BufRead,
) -> Result<Profile, Failure> {
    let todo = profile.unanswered();
    tracing::info!(questions = ?todo, "reading answers from standard input");
    let mut lines = input.lines();
    for (n, id) in todo.iter().enumerate() {
        let Some(line) = lines.next() else { break };
        let line = line.map_err(|e| input_error(format!("standard input: {e}")))?;
        let Some(q) = iotlabel_advice::questions::question(id) else { continue };
        let value = if line.trim().is_empty() {
            q.default.clone()
        } else {
            match q.parse(&line) {
                Ok(v) => v,
                Err(p) => {
                    save(&profile, save_to)?;
                    let kept = match save_to {
                        Some(path) => format!(
                            "\n  note: the answers before it are saved in {0}: go on with --resume {0}",
                            shown(path)
                        ),
                        None => String::new(),
                    };
                    return Err(input_error(format!(
                        "standard input, line {}: `{id}`: {}\n  expected: {}{}{kept}",
                        n + 1,
                        p.message,
                        p.expected,
                        p.suggestion.map(|s| format!("\n  help: {s}")).unwrap_or_default(),
                    )));
                }
            }
        };
        profile.set(id, value).map_err(|p| input_error(p.message))?;
        save(&profile, save_to)?;
    }
    Ok(profile)
}

/// The questionnaire in a terminal: arrow keys, Enter for the default (or the answer resumed),
/// Esc to go back to the previous question. Each answer is saved as soon as it is given.
fn ask_in_terminal(mut profile: Profile, save_to: Option<&Path>, lang: Lang) -> Result<Profile, Failure> {
    use dialoguer::theme::ColorfulTheme;
    use dialoguer::{Confirm, MultiSelect, Select};
    let theme = ColorfulTheme::default();
    let all = questions();
    eprintln!("{}\n{}", text(lang, "advice-ui-intro"), text(lang, "advice-ui-back"));
    // Only the questions not answered in a resumed file are asked.
    let todo: Vec<&Question> = {
        let left = profile.unanswered();
        all.iter().filter(|q| left.contains(&q.id.as_str())).collect()
    };
    let mut i = 0;
    let term_err = |e: dialoguer::Error| input_error(format!("the questionnaire stopped: {e}"));
    while i < todo.len() {
        let q = todo[i];
        let prompt = text(lang, &format!("advice-q-{}", q.id));
        let current = profile.answer(&q.id).unwrap_or_else(|| q.default.clone());
        let answer: Option<toml::Value> = match q.kind {
            Kind::One => {
                let items: Vec<String> =
                    q.choices.iter().map(|c| text(lang, &format!("advice-a-{}-{c}", q.id))).collect();
                let at = q.choices.iter().position(|c| Some(c.as_str()) == current.as_str()).unwrap_or(0);
                Select::with_theme(&theme)
                    .with_prompt(prompt)
                    .items(&items)
                    .default(at)
                    .interact_opt()
                    .map_err(term_err)?
                    .map(|k| toml::Value::String(q.choices[k].clone()))
            }
            Kind::Many => {
                let items: Vec<String> =
                    q.choices.iter().map(|c| text(lang, &format!("advice-a-{}-{c}", q.id))).collect();
                let chosen: Vec<&str> = current
                    .as_array()
                    .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                    .unwrap_or_default();
                let defaults: Vec<bool> = q.choices.iter().map(|c| chosen.contains(&c.as_str())).collect();
                MultiSelect::with_theme(&theme)
                    .with_prompt(prompt)
                    .items(&items)
                    .defaults(&defaults)
                    .interact_opt()
                    .map_err(term_err)?
                    .map(|ks| {
                        toml::Value::Array(
                            ks.into_iter().map(|k| toml::Value::String(q.choices[k].clone())).collect(),
                        )
                    })
            }
            Kind::Years => {
                let items: Vec<String> = (q.min..=q.max).map(|n| n.to_string()).collect();
                let at = current.as_integer().map_or(0, |n| (n - i64::from(q.min)).max(0) as usize);
                Select::with_theme(&theme)
                    .with_prompt(prompt)
                    .items(&items)
                    .default(at.min(items.len() - 1))
                    .interact_opt()
                    .map_err(term_err)?
                    .map(|k| toml::Value::Integer(i64::from(q.min) + k as i64))
            }
            Kind::YesNo => Confirm::with_theme(&theme)
                .with_prompt(prompt)
                .default(current.as_bool().unwrap_or(false))
                .interact_opt()
                .map_err(term_err)?
                .map(toml::Value::Boolean),
        };
        match answer {
            Some(v) => {
                profile.set(&q.id, v).map_err(|p| input_error(p.message))?;
                save(&profile, save_to)?;
                i += 1;
            }
            // Esc: back to the previous question (its answer is kept as the default).
            None => i = i.saturating_sub(1),
        }
    }
    if let Some(path) = save_to {
        eprintln!("{}", Msg::new("advice-ui-saved").arg("file", shown(path)).text(lang));
    }
    Ok(profile)
}

/// `explainers`: one page per topic and language into `out`.
pub fn explainers(
    out: &Path,
    lang: &str,
    wanted: &[String],
    format: ExplainerFormat,
) -> Result<Done, Failure> {
    let langs = parse_langs(lang, true)?;
    let all = iotlabel_campaign::topics();
    for w in wanted {
        if !all.iter().any(|t| &t.id == w) {
            let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
            let hint = iotlabel_model::diagnostic::did_you_mean(w, ids.iter().copied())
                .map(|s| format!("\n  help: {s}"))
                .unwrap_or_default();
            return Err(input_error(format!(
                "unknown topic {}\n  expected: one of {}{hint}",
                iotlabel_model::diagnostic::quote(w),
                ids.join(", ")
            )));
        }
    }
    std::fs::create_dir_all(out)
        .map_err(|e| input_error(format!("{}: cannot create the output directory: {e}", shown(out))))?;
    let mut written = 0;
    for t in all.iter().filter(|t| wanted.is_empty() || wanted.contains(&t.id)) {
        for &lang in &langs {
            let svg = iotlabel_campaign::explainer_svg(t, lang);
            let (bytes, ext) = match format {
                ExplainerFormat::Svg => (svg.into_bytes(), "svg"),
                ExplainerFormat::Pdf => (
                    iotlabel_raster::pdf(&svg)
                        .map_err(|e| Failure::Internal(anyhow::anyhow!("{}: {e}", t.id)))?,
                    "pdf",
                ),
            };
            let path = out.join(format!("{}.{}.{ext}", t.id, lang.code()));
            std::fs::write(&path, bytes)
                .map_err(|e| input_error(format!("{}: cannot write: {e}", shown(&path))))?;
            println!("{}", path.display());
            written += 1;
        }
    }
    tracing::info!(written, "explainers written");
    Ok(Done::Ok)
}

/// `gaps`: the label facts most often bad over the devices given.
pub fn gaps(
    devices: &[std::path::PathBuf],
    format: GapsFormat,
    as_of: Option<chrono::NaiveDate>,
    evidence: &EvidenceArg,
) -> Result<Done, Failure> {
    let output = AdviceOutput { format: DataFormat::Text, lang: "en".into(), as_of, registry: None };
    let labels: Vec<Label> = labels(devices, evidence, &output)?.into_iter().map(|(l, _)| l).collect();
    let report = iotlabel_campaign::gaps::gaps(&labels);
    let mut out = anstream::stdout().lock();
    match format {
        GapsFormat::Json => write_json(&mut out, &report)?,
        GapsFormat::Csv => out.write_all(iotlabel_campaign::gaps::csv(&report).as_bytes())?,
        GapsFormat::Text => {
            writeln!(out, "{} devices; where a campaign would help most:", report.devices)?;
            for p in &report.priorities {
                let within =
                    if p.scope == "all" { String::new() } else { format!(" ({} {})", p.scope, p.group) };
                writeln!(out, "  {}{within}: {} of {}", p.fact.bold(), p.bad, p.devices)?;
            }
        }
    }
    Ok(Done::Ok)
}
