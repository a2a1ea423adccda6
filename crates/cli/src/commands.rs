//! One function per subcommand: read inputs, call the libraries, hand results to `output`.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use clap::CommandFactory;
use iotlabel_assess::{assess, check_evidence_targets};
use iotlabel_catalog::{Catalogs, crosswalk::crosswalk_ids, oscal};
use iotlabel_model::{Declaration, Diagnostics, Evidence, Format, parse_declaration, parse_evidence};
use serde::Serialize;

use crate::args::*;
use crate::output;
use crate::{Done, Failure, input_error};

pub fn run(cli: Cli) -> Result<Done, Failure> {
    match cli.command {
        Command::Validate { files, format } => validate(&files, format),
        Command::Assess { file, framework, evidence, as_of, all, format } => {
            let frameworks = resolve_frameworks(&framework)?;
            let decl = load_declaration(&file)?;
            let ev = evidence.as_deref().map(load_evidence).transpose()?;
            let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
            tracing::info!(file = %file.display(), %as_of, frameworks = frameworks.len(), "assessing");
            let ids: Vec<&str> = frameworks.iter().map(String::as_str).collect();
            let report = assess(&decl, ev.as_ref(), &ids, as_of);
            let mut out = anstream::stdout().lock();
            match format {
                AssessFormat::Text => output::assess_text(&mut out, &report, all)?,
                AssessFormat::Json => write_json(&mut out, &report)?,
                AssessFormat::Oscal => write_json(
                    &mut out,
                    &iotlabel_assess::oscal::assessment_results(&report, Catalogs::builtin()),
                )?,
            }
            Ok(if report.all_conformant() { Done::Ok } else { Done::NotConformant })
        }
        Command::Frameworks { format, controls, export, dir } => {
            let cats = Catalogs::builtin();
            if let (Some(ExportFormat::Oscal), Some(dir)) = (export, dir) {
                return export_oscal(cats, &dir);
            }
            let mut out = anstream::stdout().lock();
            match (controls, format) {
                (false, DataFormat::Text) => output::frameworks_text(&mut out, cats)?,
                (false, DataFormat::Json) => write_json(&mut out, &output::frameworks_json(cats))?,
                (true, DataFormat::Text) => output::controls_text(&mut out, cats)?,
                (true, DataFormat::Json) => write_json(&mut out, &output::controls_json(cats))?,
            }
            Ok(Done::Ok)
        }
        Command::Crosswalk { a, b, format, gaps_only } => {
            let cats = Catalogs::builtin();
            for id in [&a, &b] {
                check_framework(cats, id, false)?;
            }
            let cw = crosswalk_ids(cats, &a, &b).ok_or_else(|| input_error("unknown framework"))?;
            let mut out = anstream::stdout().lock();
            match format {
                CrosswalkFormat::Text => output::crosswalk_text(&mut out, cats, &cw, gaps_only)?,
                CrosswalkFormat::Csv => output::crosswalk_csv(&mut out, &cw, gaps_only)?,
                CrosswalkFormat::Json => write_json(&mut out, &cw)?,
            }
            Ok(Done::Ok)
        }
        Command::Schema { kind } => {
            let schema = match kind {
                SchemaKind::Declaration => iotlabel_model::declaration_schema(),
                SchemaKind::Evidence => iotlabel_model::evidence_schema(),
            };
            write_json(&mut anstream::stdout().lock(), schema)?;
            Ok(Done::Ok)
        }
        Command::Generate { what } => {
            let mut cmd = Cli::command();
            let mut out = std::io::stdout().lock();
            let shell = match what {
                Generate::Man => {
                    clap_mangen::Man::new(cmd).render(&mut out)?;
                    return Ok(Done::Ok);
                }
                Generate::Bash => clap_complete::Shell::Bash,
                Generate::Zsh => clap_complete::Shell::Zsh,
                Generate::Fish => clap_complete::Shell::Fish,
                Generate::Powershell => clap_complete::Shell::PowerShell,
                Generate::Elvish => clap_complete::Shell::Elvish,
            };
            clap_complete::generate(shell, &mut cmd, "iotlabel", &mut out);
            Ok(Done::Ok)
        }
    }
}

fn write_json<T: Serialize + ?Sized>(out: &mut impl Write, v: &T) -> Result<(), Failure> {
    // Serialise first, then write: an I/O error (such as a closed pipe) then stays an io::Error.
    let text = serde_json::to_string_pretty(v).context("serialising JSON")?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(())
}

fn check_framework(cats: &Catalogs, id: &str, all_allowed: bool) -> Result<(), Failure> {
    if cats.framework(id).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = cats.framework_ids().collect();
    let hint = iotlabel_model::diagnostic::did_you_mean(id, known.iter().copied())
        .map(|s| format!("\n  help: {s}"))
        .unwrap_or_default();
    Err(input_error(format!(
        "unknown framework `{id}`\n  expected: one of {}{}{hint}",
        known.join(", "),
        if all_allowed { ", or all" } else { "" }
    )))
}

fn resolve_frameworks(requested: &[String]) -> Result<Vec<String>, Failure> {
    let cats = Catalogs::builtin();
    if requested.iter().any(|f| f == "all") {
        return Ok(cats.framework_ids().map(str::to_string).collect());
    }
    let mut v: Vec<String> = Vec::new();
    for f in requested {
        check_framework(cats, f, true)?;
        if !v.contains(f) {
            v.push(f.clone());
        }
    }
    Ok(v)
}

/// A problem with the file as a whole (not its content): no line or column applies.
fn file_problem(path: &Path, message: String, expected: Option<&str>) -> Diagnostics {
    Diagnostics {
        file: path.display().to_string(),
        diagnostics: vec![iotlabel_model::Diagnostic {
            path: String::new(),
            line: 0,
            column: 0,
            message,
            expected: expected.map(str::to_string),
            suggestion: None,
        }],
    }
}

fn read(path: &Path) -> Result<(String, Format), Diagnostics> {
    let format = Format::from_path(path)
        .ok_or_else(|| file_problem(path, "unknown file type".into(), Some("a .toml or .json file")))?;
    let text = fs::read_to_string(path).map_err(|e| file_problem(path, format!("cannot read: {e}"), None))?;
    Ok((text, format))
}

fn print_diagnostics(d: &Diagnostics) -> Failure {
    let _ = write!(anstream::stderr(), "{}", output::diagnostics_text(d));
    Failure::Input { message: String::new(), printed: true }
}

pub fn load_declaration(path: &Path) -> Result<Declaration, Failure> {
    let (text, format) = read(path).map_err(|d| print_diagnostics(&d))?;
    parse_declaration(&path.display().to_string(), &text, format).map_err(|d| print_diagnostics(&d))
}

fn load_evidence(path: &Path) -> Result<Evidence, Failure> {
    let (text, format) = read(path).map_err(|d| print_diagnostics(&d))?;
    let name = path.display().to_string();
    let ev = parse_evidence(&name, &text, format).map_err(|d| print_diagnostics(&d))?;
    let issues = check_evidence_targets(Catalogs::builtin(), &ev);
    if !issues.is_empty() {
        // Re-run through the located parser path so the issues get line numbers.
        let d = iotlabel_model::parse::locate_issues(&name, &text, format, issues);
        return Err(print_diagnostics(&d));
    }
    Ok(ev)
}

#[derive(Serialize)]
struct ValidateResult<'a> {
    file: String,
    valid: bool,
    diagnostics: &'a [iotlabel_model::Diagnostic],
}

fn validate(files: &[std::path::PathBuf], format: DataFormat) -> Result<Done, Failure> {
    let mut results = Vec::new();
    let mut all_ok = true;
    let mut outcomes = Vec::new();
    // A progress bar for long batches; indicatif draws nothing when stderr is not a terminal.
    let bar = if files.len() >= 50 {
        indicatif::ProgressBar::new(files.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    for f in bar.wrap_iter(files.iter()) {
        let outcome = read(f)
            .and_then(|(text, fmt)| parse_declaration(&f.display().to_string(), &text, fmt).map(|_| ()));
        all_ok &= outcome.is_ok();
        outcomes.push((f.display().to_string(), outcome));
    }
    bar.finish_and_clear();
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => {
            for (file, o) in &outcomes {
                results.push(ValidateResult {
                    file: file.clone(),
                    valid: o.is_ok(),
                    diagnostics: o.as_ref().err().map_or(&[], |d| d.diagnostics.as_slice()),
                });
            }
            write_json(&mut out, &results)?;
        }
        DataFormat::Text => {
            for (file, o) in &outcomes {
                match o {
                    Ok(()) => output::valid_line(&mut out, file)?,
                    Err(d) => write!(anstream::stderr(), "{}", output::diagnostics_text(d))?,
                }
            }
        }
    }
    if all_ok { Ok(Done::Ok) } else { Err(Failure::Input { message: String::new(), printed: true }) }
}

fn export_oscal(cats: &Catalogs, dir: &Path) -> Result<Done, Failure> {
    fs::create_dir_all(dir)
        .map_err(|e| input_error(format!("{}: cannot create directory: {e}", dir.display())))?;
    // Write every file under a temporary name first, then rename them all: a failure leaves
    // neither temporary nor half-exported files behind.
    let mut written: Vec<(std::path::PathBuf, std::path::PathBuf)> = Vec::new();
    let cleanup = |written: &[(std::path::PathBuf, std::path::PathBuf)]| {
        for (tmp, _) in written {
            let _ = fs::remove_file(tmp);
        }
    };
    for cat in &cats.frameworks {
        let path = dir.join(format!("{}.oscal.json", cat.framework.id));
        let tmp = dir.join(format!(".{}.oscal.json.tmp", cat.framework.id));
        let json = serde_json::to_string_pretty(&oscal::catalog(cat, cats)).context("serialising OSCAL")?;
        if let Err(e) = fs::write(&tmp, json + "\n") {
            cleanup(&written);
            let _ = fs::remove_file(&tmp);
            return Err(input_error(format!("{}: cannot write: {e}", path.display())));
        }
        written.push((tmp, path));
    }
    for (i, (tmp, path)) in written.iter().enumerate() {
        if let Err(e) = fs::rename(tmp, path) {
            cleanup(&written[i..]);
            for (_, done) in &written[..i] {
                let _ = fs::remove_file(done);
            }
            return Err(input_error(format!("{}: cannot write: {e}", path.display())));
        }
    }
    for (_, path) in &written {
        writeln!(anstream::stdout(), "wrote {}", path.display())?;
    }
    Ok(Done::Ok)
}
