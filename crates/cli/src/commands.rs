//! One function per subcommand: read inputs, call the libraries, hand results to `output`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::CommandFactory;
use iotlabel_assess::{Engine, Report, check_evidence_bound, check_evidence_device, check_evidence_targets};
use iotlabel_catalog::{Catalogs, crosswalk::crosswalk_ids, oscal};
use iotlabel_label::Label;
use iotlabel_model::{Declaration, Diagnostics, Document, Evidence, Format, parse_declaration};
use iotlabel_render::{Lang, OutputFormat};
use serde::Serialize;

use crate::args::*;
use crate::output;
use crate::{Done, Failure, input_error};

pub fn run(cli: Cli) -> Result<Done, Failure> {
    let allow_unbound = cli.allow_unbound_evidence;
    let evidence_arg =
        |path: &Option<PathBuf>| EvidenceArg { path: path.clone(), allow_unbound, masks: None };
    let masked = |path: &Option<PathBuf>, masks: &Option<PathBuf>| EvidenceArg {
        path: path.clone(),
        allow_unbound,
        masks: masks.clone(),
    };
    match cli.command {
        Command::Validate { files, format } => validate(&files, format),
        Command::Assess { file, framework, evidence, masks, as_of, all, format, lang } => {
            let lang = parse_langs(&lang, false)?[0];
            let frameworks = resolve_frameworks(&framework)?;
            let ids: Vec<&str> = frameworks.iter().map(String::as_str).collect();
            let Assessed { report, .. } = load_and_assess(&file, &masked(&evidence, &masks), &ids, as_of)?;
            let done = if report.all_conformant() { Done::Ok } else { Done::NotConformant };
            let mut out = anstream::stdout().lock();
            let written = match format {
                AssessFormat::Text => {
                    output::assess_text(&mut out, &report, all, lang).map_err(Failure::from)
                }
                AssessFormat::Json => report
                    .to_json_value(lang)
                    .context("serialising the report")
                    .map_err(Failure::from)
                    .and_then(|v| write_json(&mut out, &v)),
                AssessFormat::Oscal => {
                    write_json(&mut out, &iotlabel_assess::oscal::assessment_results(&report))
                }
            };
            // `assess ... | head`: the reader stopped early, but the verdict still decides the exit code.
            tolerate_closed_pipe(written)?;
            Ok(done)
        }
        Command::Frameworks { format, controls, export, dir } => {
            let cats = catalogs();
            if let (Some(ExportFormat::Oscal), Some(dir)) = (export, dir) {
                return export_oscal(cats, &dir);
            }
            let mut out = anstream::stdout().lock();
            match (controls, format) {
                (false, DataFormat::Text) => output::frameworks_text(&mut out, cats)?,
                (false, DataFormat::Json) => write_json(&mut out, &cats.framework_listing())?,
                (true, DataFormat::Text) => output::controls_text(&mut out, cats)?,
                (true, DataFormat::Json) => write_json(&mut out, &cats.control_listing())?,
            }
            Ok(Done::Ok)
        }
        Command::Crosswalk { a, b, format, gaps_only } => {
            let cats = catalogs();
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
        Command::Label { file, evidence, masks, out, format, lang, registry, as_of, dpi } => {
            let base_url = registry.base_url();
            label(&file, &masked(&evidence, &masks), out.as_deref(), &format, &lang, &base_url, as_of, dpi)
        }
        Command::Documents { file, scheme, evidence, lang, out, as_of, issued } => {
            documents(&file, &scheme, &evidence_arg(&evidence), &lang, out.as_deref(), as_of, issued)
        }
        Command::Advertise { file, label_url, registry, evidence, http, dns, interface } => {
            let listen = Listen { http, dns, interface };
            advertise(&file, label_url.as_deref(), &registry.base_url(), &evidence_arg(&evidence), listen)
        }
        Command::Serve(args) => crate::registry_cmds::serve(args),
        Command::Keygen { out, format } => crate::registry_cmds::keygen(&out, format),
        Command::Publish { file, client } => crate::registry_cmds::publish(&file, &client),
        Command::Attest { label, evidence, scheme, client } => {
            crate::registry_cmds::attest(&label, &evidence, scheme.as_deref(), &client)
        }
        Command::Vex { label, file, client } => crate::registry_cmds::vex(&label, &file, &client),
        Command::Revoke { label, reason, client } => crate::registry_cmds::revoke(&label, &reason, &client),
        Command::Verify { label, registry, bundle, save, log_key, monitor, interval, polls, format } => {
            crate::registry_cmds::verify(
                label.as_deref(),
                registry.as_deref(),
                bundle.as_deref(),
                save.as_deref(),
                log_key.as_deref(),
                &monitor,
                interval,
                polls,
                format,
            )
        }
        Command::Admin { db, action, format } => crate::registry_cmds::admin(&db, &action, format),
        Command::Advise(args) => crate::advice_cmds::advise(args, &evidence_arg(&None)),
        Command::Compare(args) => crate::advice_cmds::compare(args, &evidence_arg(&None)),
        Command::Glossary { format, lang } => crate::advice_cmds::glossary(format, &lang),
        Command::Gaps { devices, format, as_of } => {
            crate::advice_cmds::gaps(&devices, format, as_of, &evidence_arg(&None))
        }
        Command::Explainers { out, lang, topic, format } => {
            crate::advice_cmds::explainers(&out, &lang, &topic, format)
        }
        Command::Mud { action } => crate::mud_cmds::run(action),
        Command::Evidence { action } => crate::evidence_cmds::run(action, allow_unbound),
        Command::Scan(a) => crate::scan_cmd::run(a),
        Command::Discover(a) => crate::discover_cmd::run(a),
        Command::Schema { kind } => {
            write_json(&mut anstream::stdout().lock(), &crate::schemas::schema(kind))?;
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

/// Treats a closed stdout (`iotlabel ... | head` once `head` has exited) as success of the write,
/// so the command still ends with the exit code its result calls for.
fn tolerate_closed_pipe(written: Result<(), Failure>) -> Result<(), Failure> {
    match written {
        Err(Failure::Internal(e)) if crate::is_broken_pipe(&e) => {
            tracing::debug!("stdout closed early: {e:#}");
            Ok(())
        }
        other => other,
    }
}

pub(crate) fn write_json<T: Serialize + ?Sized>(out: &mut impl Write, v: &T) -> Result<(), Failure> {
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
    let cats = catalogs();
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

/// `--evidence FILE` together with `--allow-unbound-evidence`.
pub(crate) struct EvidenceArg {
    pub(crate) path: Option<PathBuf>,
    /// Evidence naming no device is accepted (and noted in every report).
    pub(crate) allow_unbound: bool,
    /// The lab's masks file (`--masks`): findings it accepts.
    pub(crate) masks: Option<PathBuf>,
}

/// A file name as messages show it: control characters escaped, so a name cannot colour or
/// rewrite the terminal (`evil\u{1b}[31m.toml`).
pub(crate) fn shown(path: &Path) -> String {
    output::one_line(&path.display().to_string())
}

/// Prints warnings about a document that was read (e.g. an identity field mixing scripts),
/// located like errors, on stderr.
fn warn<T: serde::Serialize + Document>(name: &str, text: &str, format: Format, doc: &T) {
    if let Some(d) = warnings(name, text, format, doc) {
        let _ = write!(anstream::stderr(), "{}", output::warnings_text(&d));
    }
}

/// The located warnings about a document that was read, if any: text that mixes scripts, and the
/// document's own warnings (e.g. a security camera declaring no camera or microphone).
fn warnings<T: serde::Serialize + Document>(
    name: &str,
    text: &str,
    format: Format,
    doc: &T,
) -> Option<Diagnostics> {
    let mut issues = iotlabel_model::text::warnings(doc);
    issues.extend(doc.warnings());
    (!issues.is_empty()).then(|| iotlabel_model::parse::locate_issues(name, text, format, issues))
}

/// A problem with the file as a whole (not its content): no line or column applies.
fn file_problem(path: &Path, message: String, expected: Option<&str>) -> Diagnostics {
    Diagnostics {
        file: shown(path),
        omitted: 0,
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

/// Largest input file read: declarations and evidence files are a few kilobytes; this leaves
/// room for very large evidence files while refusing `/dev/zero` and other runaway inputs.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

pub(crate) fn read(path: &Path) -> Result<(String, Format), Diagnostics> {
    use std::io::Read;
    let meta = fs::metadata(path).map_err(|e| file_problem(path, format!("cannot read: {e}"), None))?;
    if meta.is_dir() {
        return Err(file_problem(path, "is a directory".into(), Some("a .toml or .json file")));
    }
    if !meta.is_file() {
        // A FIFO would block forever, a device like /dev/zero never ends.
        return Err(file_problem(path, "is not a regular file".into(), Some("a .toml or .json file")));
    }
    let format = Format::from_path(path)
        .ok_or_else(|| file_problem(path, "unknown file type".into(), Some("a .toml or .json file")))?;
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| file_problem(path, format!("cannot read: {e}"), None))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(file_problem(
            path,
            format!("is larger than {} MiB", MAX_INPUT_BYTES / (1024 * 1024)),
            Some("a declaration or evidence file (a few kilobytes)"),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let bad = e.as_bytes()[offset];
        // The bytes before the bad one are valid UTF-8: count the column in characters.
        let good = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        let mut d = file_problem(
            path,
            format!("is not valid UTF-8 at byte offset {offset} (0x{bad:02X} does not begin a valid UTF-8 sequence)"),
            Some("UTF-8 text"),
        );
        d.diagnostics[0].line = line;
        d.diagnostics[0].column = column;
        d.diagnostics[0].suggestion = Some("save the file as UTF-8 (not Latin-1 or UTF-16)".into());
        d
    })?;
    Ok((text, format))
}

pub(crate) fn print_diagnostics(d: &Diagnostics) -> Failure {
    let _ = write!(anstream::stderr(), "{}", output::diagnostics_text(d));
    Failure::Input { message: String::new(), printed: true }
}

pub fn load_declaration(path: &Path) -> Result<Declaration, Failure> {
    let (text, format) = read(path).map_err(|d| print_diagnostics(&d))?;
    let name = shown(path);
    let decl = parse_declaration(&name, &text, format).map_err(|d| print_diagnostics(&d))?;
    warn(&name, &text, format, &decl);
    Ok(decl)
}

/// Reads evidence about `decl`: parsed, every item's target resolved, and the device it names
/// checked against the declaration.
pub(crate) fn load_evidence(
    path: &Path,
    decl: &Declaration,
    allow_unbound: bool,
) -> Result<Evidence, Failure> {
    let (text, format) = read(path).map_err(|d| print_diagnostics(&d))?;
    let name = shown(path);
    // The catalog and device checks run inside the parser, so their problems are located and
    // reported together with every other problem of the file.
    let checks = |ev: &Evidence| {
        let mut issues = check_evidence_targets(catalogs(), ev);
        issues.extend(check_evidence_bound(ev, allow_unbound));
        issues.extend(check_evidence_device(decl, ev));
        issues
    };
    let ev = iotlabel_model::parse_evidence_with(&name, &text, format, &checks)
        .map_err(|d| print_diagnostics(&d))?;
    warn(&name, &text, format, &ev);
    Ok(ev)
}

/// The catalogs the CLI judges against: the built-in ones.
pub(crate) fn catalogs() -> &'static Catalogs {
    Catalogs::builtin()
}

/// A declaration, its evidence and their assessment: where `assess`, `label`, `documents` and
/// `advertise` all start.
pub(crate) struct Assessed {
    pub(crate) decl: Declaration,
    pub(crate) evidence: Option<Evidence>,
    pub(crate) report: Report<'static>,
}

/// Reads and checks the declaration and any evidence, then assesses them as of `as_of` (today
/// when not given) against `frameworks` (all when empty).
pub(crate) fn load_and_assess(
    file: &Path,
    evidence: &EvidenceArg,
    frameworks: &[&str],
    as_of: Option<chrono::NaiveDate>,
) -> Result<Assessed, Failure> {
    let decl = load_declaration(file)?;
    let masks_path = evidence.masks.as_deref();
    if masks_path.is_some() && evidence.path.is_none() {
        return Err(input_error(
            "--masks needs --evidence\n  expected: --evidence FILE, the evidence the masks accept findings of",
        ));
    }
    let evidence =
        evidence.path.as_deref().map(|p| load_evidence(p, &decl, evidence.allow_unbound)).transpose()?;
    let as_of = as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let masks = masks_path.map(|p| load_masks(p, evidence.as_ref(), as_of)).transpose()?.unwrap_or_default();
    tracing::info!(file = %file.display(), %as_of, frameworks = frameworks.len(), masks = masks.len(), "assessing");
    let report = Engine::new(catalogs()).assess_masked(&decl, evidence.as_ref(), &masks, frameworks, as_of);
    Ok(Assessed { decl, evidence, report })
}

/// Reads a masks file (TOML or JSON), every problem located, with each mask in force on `as_of`
/// checked to select an item of `evidence` (`iotlabel_assess::check_masks`).
pub(crate) fn load_masks(
    path: &Path,
    evidence: Option<&Evidence>,
    as_of: chrono::NaiveDate,
) -> Result<Vec<iotlabel_model::Mask>, Failure> {
    let name = shown(path);
    let (text, format) = read(path).map_err(|d| print_diagnostics(&d))?;
    let checks = |m: &iotlabel_model::Masks| iotlabel_assess::check_masks(m, evidence, as_of);
    let masks =
        iotlabel_model::parse_masks_with(&name, &text, format, &checks).map_err(|d| print_diagnostics(&d))?;
    Ok(masks.masks)
}

/// The label's facts for an assessed declaration.
pub(crate) fn label_of(a: &Assessed, base_url: &str) -> Label {
    iotlabel_label::build(&iotlabel_label::LabelInput {
        decl: &a.decl,
        evidence: a.evidence.as_ref(),
        report: &a.report,
        base_url,
    })
    .with_paperwork(&iotlabel_documents::paperwork(&a.decl, a.evidence.as_ref(), &a.report))
}

#[derive(Serialize)]
struct ValidateResult<'a> {
    file: String,
    valid: bool,
    diagnostics: &'a [iotlabel_model::Diagnostic],
    /// Located warnings (e.g. an identity field mixing scripts); the file is valid all the same.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    warnings: &'a [iotlabel_model::Diagnostic],
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
        let name = shown(f);
        let outcome = read(f).and_then(|(text, fmt)| {
            parse_declaration(&name, &text, fmt).map(|d| warnings(&name, &text, fmt, &d))
        });
        all_ok &= outcome.is_ok();
        outcomes.push((name, outcome));
    }
    bar.finish_and_clear();
    let mut out = anstream::stdout().lock();
    let written = match format {
        DataFormat::Json => {
            for (file, o) in &outcomes {
                results.push(ValidateResult {
                    file: file.clone(),
                    valid: o.is_ok(),
                    diagnostics: o.as_ref().err().map_or(&[], |d| d.diagnostics.as_slice()),
                    warnings: o
                        .as_ref()
                        .ok()
                        .and_then(Option::as_ref)
                        .map_or(&[], |d| d.diagnostics.as_slice()),
                });
            }
            write_json(&mut out, &results)
        }
        DataFormat::Text => {
            // Problems go to stderr even once stdout is closed.
            let mut stdout_ok: std::io::Result<()> = Ok(());
            for (file, o) in &outcomes {
                match o {
                    Ok(warned) => {
                        if let Some(w) = warned {
                            write!(anstream::stderr(), "{}", output::warnings_text(w))?;
                        }
                        if stdout_ok.is_ok() {
                            stdout_ok = output::valid_line(&mut out, file);
                        }
                    }
                    Err(d) => write!(anstream::stderr(), "{}", output::diagnostics_text(d))?,
                }
            }
            stdout_ok.map_err(Failure::from)
        }
    };
    // A reader that stops early does not turn invalid files into success.
    tolerate_closed_pipe(written)?;
    if all_ok { Ok(Done::Ok) } else { Err(Failure::Input { message: String::new(), printed: true }) }
}

fn export_oscal(cats: &Catalogs, dir: &Path) -> Result<Done, Failure> {
    let mut files = Vec::new();
    for cat in &cats.frameworks {
        let json = serde_json::to_string_pretty(&oscal::catalog(cat, cats)).context("serialising OSCAL")?;
        files.push((format!("{}.oscal.json", cat.framework.id), (json + "\n").into_bytes()));
    }
    for path in write_all_or_nothing(dir, &files)? {
        writeln!(anstream::stdout(), "wrote {}", shown(&path))?;
    }
    Ok(Done::Ok)
}

/// Writes every file into `dir` (created if missing) or none, keeping files of an earlier run
/// unless every new one is in place:
///
/// 1. each file is written to a hidden temporary name;
/// 2. targets in the way are checked (a directory is never replaced) and existing files are
///    renamed aside to hidden backups;
/// 3. the temporaries are renamed into place.
///
/// On any failure the temporaries and the files already put in place are removed and the backups
/// renamed back, so the directory holds what it held before; on success the backups are removed.
fn write_all_or_nothing(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, Failure> {
    write_all_or_nothing_with(dir, files, |from, to| fs::rename(from, to))
}

/// [`write_all_or_nothing`] with the rename used to move files into place and aside (tests
/// inject failures through it).
fn write_all_or_nothing_with(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    mut rename: impl FnMut(&Path, &Path) -> std::io::Result<()>,
) -> Result<Vec<PathBuf>, Failure> {
    fs::create_dir_all(dir)
        .map_err(|e| input_error(format!("{}: cannot create directory: {e}", dir.display())))?;
    let pid = std::process::id();
    struct Target {
        path: PathBuf,
        tmp: PathBuf,
        backup: PathBuf,
        /// The earlier file was renamed to `backup`.
        backed_up: bool,
        /// The new file was renamed to `path`.
        placed: bool,
    }
    let mut targets: Vec<Target> = Vec::new();
    // Puts everything back as it was: the new files out, the backups in, the temporaries away.
    let undo = |targets: &mut [Target], rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>| {
        for t in targets.iter_mut().rev() {
            if t.placed {
                let _ = fs::remove_file(&t.path);
                t.placed = false;
            } else {
                let _ = fs::remove_file(&t.tmp);
            }
            if t.backed_up {
                if let Err(e) = rename(&t.backup, &t.path) {
                    tracing::error!(
                        "could not restore {} from {}: {e}",
                        t.path.display(),
                        t.backup.display()
                    );
                }
                t.backed_up = false;
            }
        }
    };
    let cannot_write = |path: &Path, e: &dyn std::fmt::Display| {
        input_error(format!("{}: cannot write: {e}", path.display()))
    };

    // 1. Stage.
    for (name, bytes) in files {
        let t = Target {
            path: dir.join(name),
            tmp: dir.join(format!(".{name}.{pid}.tmp")),
            backup: dir.join(format!(".{name}.{pid}.bak")),
            backed_up: false,
            placed: false,
        };
        if let Err(e) = fs::write(&t.tmp, bytes) {
            let path = t.path.clone();
            targets.push(t);
            undo(&mut targets, &mut rename);
            return Err(cannot_write(&path, &e));
        }
        targets.push(t);
    }
    // 2. Check what is in the way, then move earlier files aside.
    for i in 0..targets.len() {
        let in_the_way = fs::symlink_metadata(&targets[i].path).ok();
        if in_the_way.as_ref().is_some_and(|m| m.is_dir()) {
            let path = targets[i].path.clone();
            undo(&mut targets, &mut rename);
            return Err(cannot_write(&path, &"a directory is in the way"));
        }
    }
    for i in 0..targets.len() {
        if fs::symlink_metadata(&targets[i].path).is_err() {
            continue;
        }
        if let Err(e) = rename(&targets[i].path, &targets[i].backup) {
            let path = targets[i].path.clone();
            undo(&mut targets, &mut rename);
            return Err(cannot_write(&path, &format!("cannot move the earlier file aside: {e}")));
        }
        targets[i].backed_up = true;
    }
    // 3. Put the new files in place.
    for i in 0..targets.len() {
        if let Err(e) = rename(&targets[i].tmp, &targets[i].path) {
            let path = targets[i].path.clone();
            undo(&mut targets, &mut rename);
            return Err(cannot_write(&path, &e));
        }
        targets[i].placed = true;
    }
    for t in &targets {
        if t.backed_up
            && let Err(e) = fs::remove_file(&t.backup)
        {
            tracing::warn!("could not remove the backup {}: {e}", t.backup.display());
        }
    }
    Ok(targets.into_iter().map(|t| t.path).collect())
}

pub(crate) fn parse_langs(s: &str, allow_both: bool) -> Result<Vec<Lang>, Failure> {
    let parts: Vec<&str> = s.split('+').collect();
    let mut langs = Vec::new();
    for p in &parts {
        match Lang::parse(p) {
            Some(l) if !langs.contains(&l) => langs.push(l),
            Some(_) => {
                return Err(input_error(format!(
                    "`{}`: `{p}` is given twice\n  expected: en, fr{}",
                    s.escape_debug(),
                    if allow_both { " or en+fr" } else { "" }
                )));
            }
            None => {
                return Err(input_error(format!(
                    "unknown language `{}`\n  expected: en, fr{}",
                    p.escape_debug(),
                    if allow_both { " or en+fr" } else { "" }
                )));
            }
        }
    }
    if langs.len() > 1 && !allow_both {
        return Err(input_error(format!("`{s}`: one language only here\n  expected: en or fr")));
    }
    Ok(langs)
}

fn parse_formats(requested: &[String]) -> Result<Vec<OutputFormat>, Failure> {
    let mut out = Vec::new();
    for f in requested {
        let Some(format) = OutputFormat::parse(f) else {
            let known: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.extension()).collect();
            let hint = iotlabel_model::diagnostic::did_you_mean(f, known.iter().copied())
                .map(|h| format!("\n  help: {h}"))
                .unwrap_or_default();
            return Err(input_error(format!("unknown format `{f}`\n  expected: {}{hint}", known.join(", "))));
        };
        if !out.contains(&format) {
            out.push(format);
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn label(
    file: &Path,
    evidence: &EvidenceArg,
    out: Option<&Path>,
    formats: &[String],
    lang: &str,
    base_url: &str,
    as_of: Option<chrono::NaiveDate>,
    dpi: f32,
) -> Result<Done, Failure> {
    // Validate every argument before any work.
    // (`--base-url` and `--registry` are checked and normalised by clap: `args::parse_base_url`,
    // `args::parse_registry`.)
    let formats = parse_formats(formats)?;
    let langs = parse_langs(lang, true)?;
    if !(72.0..=1200.0).contains(&dpi) {
        return Err(input_error(format!("--dpi {dpi} is out of range\n  expected: 72 to 1200")));
    }
    // No --out, or `--out -`: the text label on stdout, the only format that reads there.
    let out = out.filter(|o| o.as_os_str() != "-");
    let to_stdout = out.is_none();
    if to_stdout && formats != [OutputFormat::Txt] {
        let others: Vec<&str> =
            formats.iter().filter(|f| **f != OutputFormat::Txt).map(|f| f.extension()).collect();
        return Err(input_error(format!(
            "--out DIR is needed for the {} format{}: only txt can go to stdout\n  expected: --out DIR, or --format txt to print the text label",
            others.join(", "),
            if others.len() == 1 { "" } else { "s" }
        )));
    }
    if let Some(out) = out
        && out.exists()
        && !out.is_dir()
    {
        return Err(input_error(format!(
            "{}: not a directory\n  expected: an output directory (created if missing)",
            out.display()
        )));
    }
    let assessed = load_and_assess(file, evidence, &[], as_of)?;
    let label = label_of(&assessed, base_url);
    let Assessed { decl, report, .. } = &assessed;
    tracing::info!(id = %label.id, formats = formats.len(), "rendering label");
    let Some(out) = out else {
        let mut text = txt_label(&label, report, &langs);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        tolerate_closed_pipe(anstream::stdout().lock().write_all(text.as_bytes()).map_err(Failure::from))?;
        return Ok(Done::Ok);
    };
    let svg = iotlabel_render::svg::primary(&label, &langs);
    // The page's content, built once for the HTML page and the label JSON alike.
    let contents = if formats.iter().any(|f| matches!(f, OutputFormat::Html | OutputFormat::Json)) {
        iotlabel_render::content::page_contents(&label, report, decl, &langs)
    } else {
        Vec::new()
    };
    let mut files = Vec::new();
    for f in &formats {
        let bytes = match f {
            OutputFormat::Svg => svg.clone().into_bytes(),
            OutputFormat::Html => iotlabel_render::html::render(&label, &contents).into_bytes(),
            OutputFormat::Txt => txt_label(&label, report, &langs).into_bytes(),
            OutputFormat::Json => {
                let pages = langs.iter().copied().zip(contents.iter().cloned());
                let doc = iotlabel_render::json::label_document_of(&label, report, decl, pages)
                    .context("serialising the label JSON")?;
                (serde_json::to_string_pretty(&doc).context("serialising the label JSON")? + "\n")
                    .into_bytes()
            }
            OutputFormat::Png => iotlabel_raster::png(&svg, dpi).context("rendering PNG")?,
            OutputFormat::Pdf => iotlabel_raster::pdf(&svg).context("rendering PDF")?,
        };
        files.push((format!("{}.{}", label.id, f.extension()), bytes));
    }
    for path in write_all_or_nothing(out, &files)? {
        writeln!(anstream::stdout(), "wrote {}", shown(&path))?;
    }
    Ok(Done::Ok)
}

/// The text label, one language after the other.
fn txt_label(label: &Label, report: &Report<'_>, langs: &[Lang]) -> String {
    langs.iter().map(|l| iotlabel_render::txt::render(label, report, *l)).collect::<Vec<_>>().join("\n")
}

#[allow(clippy::too_many_arguments)]
fn documents(
    file: &Path,
    scheme: &str,
    evidence: &EvidenceArg,
    lang: &str,
    out: Option<&Path>,
    as_of: Option<chrono::NaiveDate>,
    issued: Option<chrono::NaiveDate>,
) -> Result<Done, Failure> {
    use iotlabel_documents::{Scheme, document};
    let scheme_v = Scheme::parse(scheme).ok_or_else(|| {
        input_error(format!(
            "unknown scheme `{scheme}`\n  expected: uk-psti, eu-cra, us-cyber-trust-mark or etsi-en-303-645"
        ))
    })?;
    let lang = parse_langs(lang, false)?[0];
    let Assessed { decl, evidence, report } = load_and_assess(file, evidence, &[], as_of)?;
    let issued = issued.unwrap_or(report.as_of);
    let doc = document(scheme_v, &decl, evidence.as_ref(), &report, lang, issued).map_err(|missing| {
        input_error(format!("{}: {}", shown(file), missing.text_with(Lang::En, output::one_line)))
    })?;
    match out {
        Some(path) => {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let name =
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(doc.file_name.clone());
            for p in write_all_or_nothing(dir, &[(name, doc.body.into_bytes())])? {
                writeln!(anstream::stdout(), "wrote {}", shown(&p))?;
            }
        }
        None => {
            let mut stdout = anstream::stdout().lock();
            stdout.write_all(doc.body.as_bytes())?;
        }
    }
    Ok(Done::Ok)
}

/// Where `iotlabel advertise` listens.
struct Listen {
    http: std::net::SocketAddr,
    dns: std::net::SocketAddr,
    interface: Option<String>,
}

fn advertise(
    file: &Path,
    label_url: Option<&str>,
    base_url: &str,
    evidence: &EvidenceArg,
    listen: Listen,
) -> Result<Done, Failure> {
    use iotlabel_advertise::{Advert, Config, MdnsMode, run_until_ctrl_c};
    let Listen { mut http, dns, interface } = listen;
    // With --interface: HTTP on the interface's address (at --http's port): its IPv4 address, or
    // on an IPv6-only interface its link-local address (scoped to it); mDNS on its network.
    let mdns = match &interface {
        Some(name) => {
            let iface = iotlabel_advertise::interface(name).map_err(|e| input_error(e.to_string()))?;
            http = match (iface.ipv4, iface.ipv6_link_local) {
                (Some(v4), _) => std::net::SocketAddr::from((v4, http.port())),
                (None, Some(v6)) => {
                    std::net::SocketAddr::V6(std::net::SocketAddrV6::new(v6, http.port(), 0, iface.index))
                }
                (None, None) => {
                    return Err(input_error(format!(
                        "--interface {name}: no IPv4 address and no IPv6 link-local address"
                    )));
                }
            };
            MdnsMode::Multicast { interface: name.clone() }
        }
        None => {
            // Checked here as well as by the library, to refuse before any work and in the CLI's terms.
            for (what, addr) in [("HTTP", http), ("DNS-SD", dns)] {
                if !iotlabel_advertise::is_loopback(&addr) {
                    return Err(input_error(non_loopback_message(what, addr)));
                }
            }
            MdnsMode::Unicast(dns)
        }
    };
    let assessed = load_and_assess(file, evidence, &[], None)?;
    let label = label_of(&assessed, base_url);
    let decl = &assessed.decl;
    let url = label_url.map_or(label.url.clone(), str::to_string);
    let advert = Advert::new(
        label.id.clone(),
        url,
        label.digest.clone(),
        label.mud_url.clone(),
        &decl.identity.brand,
        &decl.identity.model,
    );
    advert.validate().map_err(|e| input_error(e.to_string()))?;
    let mut config = Config::new(http, mdns);
    // --interface is the explicit request to publish beyond this machine.
    config.allow_non_loopback = interface.is_some();
    run_until_ctrl_c(advert, config, |bound| {
        let mut out = anstream::stdout();
        let _ = writeln!(out, "advertising {}", output::one_line(&bound.service_instance));
        let _ = writeln!(out, "  http://{}{}", bound.http, iotlabel_advertise::WELL_KNOWN_PATH);
        if let Some((name, groups)) = &bound.multicast {
            let groups: Vec<String> = groups.iter().map(ToString::to_string).collect();
            let _ = writeln!(out, "  multicast DNS on {name}: {} (host {})", groups.join(", "), bound.host);
        } else if let Some(d) = bound.dns {
            let _ = writeln!(out, "  DNS-SD on udp {d} (host {})", bound.host);
        }
        let _ = writeln!(out, "press Ctrl-C to stop");
    })
    .map_err(|e| match e {
        // The library's message names its `allow_non_loopback` option, which has no flag here.
        iotlabel_advertise::AdvertiseError::NonLoopback { what, addr, .. } => {
            input_error(non_loopback_message(what, addr))
        }
        e => input_error(e.to_string()),
    })?;
    Ok(Done::Ok)
}

/// Why `iotlabel advertise` refuses an address, in terms of its own flags.
fn non_loopback_message(what: &str, addr: std::net::SocketAddr) -> String {
    let flag = if what == "HTTP" { "--http" } else { "--dns" };
    format!(
        "{flag} {addr}: not a loopback address; `iotlabel advertise` listens on this machine only, \
         since whoever can reach the address can read the label\n  \
         expected: an address in 127.0.0.0/8 or ::1, e.g. {flag} 127.0.0.1:{}",
        if what == "HTTP" { 8080 } else { 5353 }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().to_string_lossy().into_owned(), fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        v.sort();
        v
    }

    fn files() -> Vec<(String, Vec<u8>)> {
        ["a.html", "b.svg", "c.pdf"]
            .iter()
            .map(|n| (n.to_string(), format!("new {n}").into_bytes()))
            .collect()
    }

    /// Whatever rename fails (moving an earlier file aside, or a new one into place), the
    /// directory ends up exactly as it was.
    #[test]
    fn any_failed_rename_restores_the_earlier_files() {
        // Renames: 2 backups (a, b exist), then 3 placements.
        for fail_at in 0..5 {
            let tmp = tempfile::tempdir().unwrap();
            fs::write(tmp.path().join("a.html"), "old a").unwrap();
            fs::write(tmp.path().join("b.svg"), "old b").unwrap();
            fs::write(tmp.path().join("unrelated.txt"), "keep").unwrap();
            let before = listing(tmp.path());
            let mut n = 0;
            let r = write_all_or_nothing_with(tmp.path(), &files(), |from, to| {
                n += 1;
                // Only the forward renames fail; restoring must work.
                if n == fail_at + 1 { Err(std::io::Error::other("injected")) } else { fs::rename(from, to) }
            });
            assert!(r.is_err(), "fail_at {fail_at}");
            assert_eq!(listing(tmp.path()), before, "fail_at {fail_at}");
        }
    }

    #[test]
    fn success_replaces_earlier_files_and_leaves_no_backup() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("a.html"), "old a").unwrap();
        let written = write_all_or_nothing(tmp.path(), &files()).unwrap_or_else(|_| panic!("write failed"));
        assert_eq!(written.len(), 3);
        assert_eq!(
            listing(tmp.path()),
            [("a.html", "new a.html"), ("b.svg", "new b.svg"), ("c.pdf", "new c.pdf")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
    }
}
