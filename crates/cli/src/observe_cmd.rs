//! `iotlabel evidence observe`: a capture held against a declaration (iotlabel-observe).

use std::io::Write;
use std::path::Path;

use crate::args::DataFormat;
use crate::commands::{load_declaration, shown, write_json};
use crate::evidence_args::EvidenceAction;
use crate::{Done, Failure, input_error};

pub fn run(action: EvidenceAction) -> Result<Done, Failure> {
    match action {
        EvidenceAction::Observe { device, pcap, map, format, evidence_out, tester, date } => {
            observe(&device, &pcap, map.as_deref(), format, evidence_out.as_deref(), &tester, date)
        }
        // The importers' subcommands (`commands::run` sends them to `evidence_cmds`).
        other => crate::evidence_cmds::run(other, false),
    }
}

fn observe(
    device: &Path,
    pcap: &Path,
    map: Option<&Path>,
    format: DataFormat,
    evidence_out: Option<&Path>,
    tester: &str,
    date: Option<chrono::NaiveDate>,
) -> Result<Done, Failure> {
    let decl = load_declaration(device)?;
    let map_text = match map {
        Some(p) => Some((
            shown(p),
            std::fs::read_to_string(p).map_err(|e| input_error(format!("{}: cannot read: {e}", shown(p))))?,
        )),
        None => None,
    };
    let file =
        std::fs::File::open(pcap).map_err(|e| input_error(format!("{}: cannot read: {e}", shown(pcap))))?;
    let input = std::io::BufReader::with_capacity(1 << 20, file);
    let obs = iotlabel_observe::observe_capture(
        &shown(pcap),
        input,
        &decl,
        map_text.as_ref().map(|(f, t)| (f.as_str(), t.as_str())),
    )
    .map_err(|e| input_error(e.to_string()))?;
    if let Some(out) = evidence_out {
        let date = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
        let items = iotlabel_observe::evidence::to_evidence(&obs, tester, date);
        let ev = iotlabel_model::evidence::Evidence {
            schema_version: iotlabel_model::evidence::EVIDENCE_VERSION.into(),
            device: Some(iotlabel_model::evidence::TestedDevice {
                brand: decl.identity.brand.clone(),
                model: decl.identity.model.clone(),
                firmware_version: Some(decl.identity.firmware_version.clone()),
            }),
            items,
        };
        let text = serde_json::to_string_pretty(&ev).map_err(anyhow::Error::from)? + "\n";
        // Written whole or not at all: a temporary file beside it, then a rename.
        let tmp = out.with_extension("partial");
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, out))
            .map_err(|e| input_error(format!("{}: cannot write: {e}", shown(out))))?;
    }
    let mut stdout = anstream::stdout().lock();
    match format {
        DataFormat::Json => write_json(&mut stdout, &obs)?,
        DataFormat::Text => stdout.write_all(iotlabel_observe::text::render(&obs).as_bytes())?,
    }
    Ok(if obs.has_problems() { Done::NotConformant } else { Done::Ok })
}
