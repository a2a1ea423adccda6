//! Evidence items from an observation, for the assessment. Only what a capture can show
//! becomes an item: credentials in clear (`comms.secrets-encrypted`), clear-text application
//! protocols of the device (`comms.encrypted`), services the declaration does not list
//! (`surface.minimal-services`). Not attributable connections never become failures; nothing
//! becomes a pass (a capture shows what happened while it ran, not what cannot happen).

use chrono::NaiveDate;
use iotlabel_model::evidence::{EvidenceItem, EvidenceSource, TestMethod, TestResult};

use crate::report::{ConnectionKind, Observation, Role, Status};

/// The tool name items carry.
pub const TOOL: &str = concat!("iotlabel evidence observe ", env!("CARGO_PKG_VERSION"));

const CLEAR: &[&str] = &["http", "mqtt", "ftp", "telnet"];

/// The items, ids `observe-1`, `observe-2`, ... Each summary names the capture file and frames.
pub fn to_evidence(o: &Observation, tester: &str, date: NaiveDate) -> Vec<EvidenceItem> {
    let mut out = Vec::new();
    let mut push = |control: &str, summary: String, frames: &[u64]| {
        let id = format!("observe-{}", out.len() + 1);
        out.push(EvidenceItem {
            id,
            control: Some(control.into()),
            requirement: None,
            result: TestResult::Fail,
            method: TestMethod::NetworkTest,
            tester: tester.into(),
            date,
            summary: summary.chars().take(3_900).collect(),
            tool: Some(TOOL.into()),
            // The capture and the frames behind the item (the first ones, as the report keeps).
            source: Some(EvidenceSource {
                file: o.capture.file.clone(),
                format: "pcap".into(),
                record: None,
                line: None,
                finding: None,
                frames: frames.to_vec(),
            }),
        });
    };
    for f in &o.findings {
        push(
            "comms.secrets-encrypted",
            format!(
                "{} ({} to {} port {}; {}, {})",
                f.summary,
                f.client,
                f.server,
                f.port,
                o.capture.file,
                f.frames.text()
            ),
            &f.frames.first,
        );
    }
    for c in &o.connections {
        let device_side = c.client_role == Role::Device || c.kind == ConnectionKind::Service;
        if device_side && CLEAR.contains(&c.protocol.as_str()) {
            push(
                "comms.encrypted",
                format!(
                    "{} in clear text between {} and {} port {} ({}, {})",
                    c.protocol,
                    c.client,
                    c.server,
                    c.port,
                    o.capture.file,
                    c.frames.text()
                ),
                &c.frames.first,
            );
        }
    }
    for s in &o.services {
        if s.status == Status::SeenNotDeclared {
            push(
                "surface.minimal-services",
                format!(
                    "the device answers on {} port {}, which its declaration does not list ({}, {})",
                    s.transport,
                    s.port,
                    o.capture.file,
                    s.frames.text()
                ),
                &s.frames.first,
            );
        }
    }
    out
}
