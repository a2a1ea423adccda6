//! `iotlabel mud ...`: read files, call `iotlabel_mud`, write results.

use std::fs;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use iotlabel_model::{Diagnostic, Diagnostics};
use iotlabel_mud::nft::{Device, Site};
use iotlabel_mud::sign::{self, VerifyAt};
use iotlabel_mud::{GenerateOptions, Loaded, Mode};
use serde::Serialize;

use crate::args::DataFormat;
use crate::commands::{MAX_INPUT_BYTES, load_declaration, print_diagnostics, read, shown, write_json};
use crate::mud_args::{MudAction, RulesetFormat};
use crate::{Done, Failure, input_error, output};

pub fn run(action: MudAction) -> Result<Done, Failure> {
    match action {
        MudAction::Generate { file, out, cache_validity, signature_url, last_update } => {
            let decl = load_declaration(&file)?;
            let opts = GenerateOptions {
                last_update: last_update.unwrap_or_else(chrono::Utc::now),
                cache_validity,
                mud_signature: signature_url,
            };
            let mud = iotlabel_mud::generate(&decl, &opts).map_err(|e| {
                input_error(format!("{}: no MUD file can be written from it:\n{e}", shown(&file)))
            })?;
            let text = serde_json::to_string_pretty(&mud).map_err(anyhow::Error::from)? + "\n";
            write_out(out.as_deref(), text.as_bytes())?;
            Ok(Done::Ok)
        }
        MudAction::Validate { files, lenient, print, signature, ca, at, ignore_time, format } => {
            if signature.is_some() && files.len() != 1 {
                return Err(input_error("--signature checks one MUD file: give exactly one"));
            }
            let mode = if lenient { Mode::Lenient } else { Mode::Strict };
            validate(&files, mode, print, signature.as_deref().zip(ca.as_deref()), at, ignore_time, format)
        }
        MudAction::Sign { file, key, cert, out } => {
            let (content, _) = load(&file, Mode::Strict)?;
            let key_pem = text_file(&key)?;
            let cert_pem = text_file(&cert)?;
            let bad = |what: &Path, e: sign::SignatureError| input_error(format!("{}: {e}", shown(what)));
            let key = sign::signing_key_from_pem(&key_pem).map_err(|e| bad(&key, e))?;
            let certs = sign::certificates_from_pem(&cert_pem).map_err(|e| bad(&cert, e))?;
            let p7s = sign::sign(content.as_bytes(), &key, &certs).map_err(|e| bad(&file, e))?;
            if out.is_none() && std::io::stdout().is_terminal() {
                return Err(input_error(
                    "the signature is binary (DER): redirect stdout to a file or give --out FILE.p7s",
                ));
            }
            write_out(out.as_deref(), &p7s)?;
            Ok(Done::Ok)
        }
        MudAction::Compile {
            file,
            device_id,
            device_mac,
            device_ipv4,
            device_ipv6,
            lenient,
            local_v4,
            local_v6,
            format,
        } => {
            let mode = if lenient { Mode::Lenient } else { Mode::Strict };
            let (_, loaded) = load(&file, mode)?;
            let id = device_id.unwrap_or_else(|| default_id(&file));
            let dev = Device { id, mac: device_mac, ipv4: device_ipv4, ipv6: device_ipv6 };
            let mut site = Site::default();
            if let Some(v4) = local_v4 {
                site.local_v4 = v4;
            }
            if let Some(v6) = local_v6 {
                site.local_v6 = v6;
            }
            let rs = iotlabel_mud::nft::compile([(&loaded.mud, &dev)], &site)
                .map_err(|e| input_error(e.to_string()))?;
            tracing::info!(rules = rs.rule_count(), dns_sets = rs.dns_sets().len(), "compiled");
            let mut out = std::io::stdout().lock();
            match format {
                RulesetFormat::Nft => out.write_all(rs.to_nft().as_bytes())?,
                RulesetFormat::Json => out.write_all(rs.to_json_text().as_bytes())?,
            }
            Ok(Done::Ok)
        }
        MudAction::DnsFeed { muds, answers, lenient } => {
            let mode = if lenient { Mode::Lenient } else { Mode::Strict };
            let mut names = std::collections::BTreeSet::new();
            for m in &muds {
                names.extend(iotlabel_mud::feed::dns_names(&load(m, mode)?.1.mud));
            }
            let (text, from) = match &answers {
                Some(p) => (text_file(p)?, shown(p)),
                None => {
                    let mut s = String::new();
                    std::io::stdin()
                        .take(MAX_INPUT_BYTES)
                        .read_to_string(&mut s)
                        .map_err(|e| input_error(format!("stdin: {e}")))?;
                    (s, "stdin".to_string())
                }
            };
            let parsed =
                iotlabel_mud::feed::parse_answers(&text).map_err(|e| input_error(format!("{from}: {e}")))?;
            let cmds = iotlabel_mud::feed::commands(&names, &parsed);
            tracing::info!(answers = parsed.len(), commands = cmds.len(), "dns feed");
            let mut out = std::io::stdout().lock();
            for c in cmds {
                writeln!(out, "{c}")?;
            }
            Ok(Done::Ok)
        }
        MudAction::AuditPublish(p) => crate::stream_cmd::publish(&p),
        MudAction::Audit {
            muds,
            devices,
            flows,
            stream,
            group,
            member,
            idle_exit,
            lease,
            flows_format,
            names,
            quarantine,
            lenient,
            format,
        } => {
            let mode = if lenient { Mode::Lenient } else { Mode::Strict };
            crate::audit_cmd::audit(
                &crate::audit_cmd::AuditArgs {
                    muds: &muds,
                    devices: &devices,
                    flows: flows.as_deref(),
                    stream: stream.as_deref().map(|url| crate::audit_cmd::StreamArgs {
                        url,
                        group: &group,
                        member: member.as_deref(),
                        idle_exit,
                        lease,
                    }),
                    flows_format,
                    names: names.as_deref(),
                    quarantine: quarantine.as_deref(),
                    format,
                },
                |p| load(p, mode).map(|(_, l)| l.mud),
            )
        }
    }
}

/// A chain name from a file name: `acme-cam-2.mud.json` gives `acme_cam_2`.
fn default_id(file: &Path) -> String {
    let stem = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = stem.split('.').next().unwrap_or_default();
    let mut id: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .take(32)
        .collect();
    if !id.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        id = format!("d{id}").chars().take(32).collect();
    }
    id
}

/// Reads and checks a MUD file, printing its warnings; refuses it with located errors.
fn load(path: &Path, mode: Mode) -> Result<(String, Loaded), Failure> {
    let (text, _) = read(path).map_err(|d| print_diagnostics(&d))?;
    let name = shown(path);
    let loaded = iotlabel_mud::read(&name, &text, mode).map_err(|d| print_diagnostics(&d))?;
    if !loaded.warnings.is_empty() {
        let d = Diagnostics::new(name, loaded.warnings.clone());
        let _ = write!(anstream::stderr(), "{}", output::warnings_text(&d));
    }
    Ok((text, loaded))
}

fn bytes_file(path: &Path) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let meta = fs::metadata(path).map_err(|e| input_error(format!("{}: cannot read: {e}", shown(path))))?;
    if !meta.is_file() {
        return Err(input_error(format!("{}: is not a regular file", shown(path))));
    }
    fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| input_error(format!("{}: cannot read: {e}", shown(path))))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(input_error(format!("{}: is larger than {} MiB", shown(path), MAX_INPUT_BYTES >> 20)));
    }
    Ok(bytes)
}

fn text_file(path: &Path) -> Result<String, Failure> {
    String::from_utf8(bytes_file(path)?)
        .map_err(|_| input_error(format!("{}: is not PEM text (UTF-8)", shown(path))))
}

fn write_out(out: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match out {
        Some(p) => fs::write(p, bytes).map_err(|e| input_error(format!("{}: cannot write: {e}", shown(p)))),
        None => {
            std::io::stdout().lock().write_all(bytes)?;
            Ok(())
        }
    }
}

#[derive(Serialize)]
struct MudValidateResult<'a> {
    file: String,
    valid: bool,
    mode: &'static str,
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    warnings: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<SignatureResult>,
}

#[derive(Serialize)]
struct SignatureResult {
    verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<sign::Verified>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

fn validate(
    files: &[std::path::PathBuf],
    mode: Mode,
    print: bool,
    signature: Option<(&Path, &Path)>,
    at: Option<chrono::DateTime<chrono::Utc>>,
    ignore_time: bool,
    format: DataFormat,
) -> Result<Done, Failure> {
    let mut outcomes = Vec::new();
    for f in files {
        let name = shown(f);
        let outcome = read(f).and_then(|(text, _)| iotlabel_mud::read(&name, &text, mode).map(|l| (text, l)));
        outcomes.push((f, name, outcome));
    }
    // The signature of the one file, when asked.
    let mut sig: Option<Result<sign::Verified, String>> = None;
    if let (Some((p7s, ca)), Some((_, _, Ok((text, _))))) = (signature, outcomes.first()) {
        let der = bytes_file(p7s)?;
        let anchors = sign::certificates_from_pem(&text_file(ca)?)
            .map_err(|e| input_error(format!("{}: {e}", shown(ca))))?;
        let when =
            if ignore_time { VerifyAt::Ignore } else { VerifyAt::Time(at.unwrap_or_else(chrono::Utc::now)) };
        sig = Some(sign::verify(text.as_bytes(), &der, &anchors, when).map_err(|e| e.to_string()));
    }
    let all_valid = outcomes.iter().all(|(_, _, o)| o.is_ok());
    let mode_name = if mode == Mode::Lenient { "lenient" } else { "strict" };
    let mut out = anstream::stdout().lock();
    match format {
        DataFormat::Json => {
            let results: Vec<MudValidateResult<'_>> = outcomes
                .iter()
                .map(|(_, file, o)| MudValidateResult {
                    file: file.clone(),
                    valid: o.is_ok(),
                    mode: mode_name,
                    diagnostics: o.as_ref().err().map_or(&[], |d| d.diagnostics.as_slice()),
                    warnings: o.as_ref().ok().map_or(&[], |(_, l)| l.warnings.as_slice()),
                    signature: sig.as_ref().filter(|_| o.is_ok()).map(|s| SignatureResult {
                        verified: s.is_ok(),
                        details: s.as_ref().ok().cloned(),
                        error: s.as_ref().err().cloned(),
                    }),
                })
                .collect();
            write_json(&mut out, &results)?;
        }
        DataFormat::Text => {
            for (_, name, o) in &outcomes {
                match o {
                    Ok((_, l)) => {
                        if !l.warnings.is_empty() {
                            let d = Diagnostics::new(name.clone(), l.warnings.clone());
                            write!(anstream::stderr(), "{}", output::warnings_text(&d))?;
                        }
                        if print {
                            write_json(&mut out, &l.mud)?;
                        } else {
                            output::valid_line(&mut out, name)?;
                        }
                    }
                    Err(d) => write!(anstream::stderr(), "{}", output::diagnostics_text(d))?,
                }
            }
            if let Some(Ok(v)) = &sig
                && !print
            {
                writeln!(
                    out,
                    "signature verified: signed by {} (chain: {}){}",
                    output::one_line(&v.signer),
                    output::one_line(&v.chain.join(" <- ")),
                    if v.time_checked { "" } else { "; validity periods not checked" }
                )?;
            }
        }
    }
    if !all_valid {
        return Err(Failure::Input { message: String::new(), printed: true });
    }
    match sig {
        Some(Err(e)) => {
            Err(Failure::Unverified(format!("{}: {e}", signature.map(|s| shown(s.0)).unwrap_or_default())))
        }
        _ => Ok(Done::Ok),
    }
}
