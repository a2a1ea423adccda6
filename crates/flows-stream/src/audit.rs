//! The audit as a group member: batches of owned partitions through one `Auditor`, a
//! checkpoint per partition, each finding reported once.

use std::collections::{BTreeSet, HashMap};
use std::io::Cursor;

use bytes::Bytes;
use iotlabel_flows::Auditor;
use iotlabel_flows::audit::{DeviceState, Pattern, Violation};
use iotlabel_flows::binary::BinaryReader;
use serde::{Deserialize, Serialize};

use crate::{Delivery, Event, GroupMember, StreamError};

/// A finding, as reported to the group's reports (JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Unique per device and finding: `<device>/violation/<direction>/<protocol>/<port>/<name>`
    /// or `<device>/pattern/<kind>`.
    pub key: String,
    pub device: String,
    /// The member that reported it.
    pub member: String,
    pub partition: u32,
    /// The batch (stream sequence) in which it appeared.
    pub seq: u64,
    /// The violation group as it stood when first seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub violation: Option<Violation>,
    /// The pattern as it stood when first seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<Pattern>,
}

/// What a partition's checkpoint holds (JSON after the broker's sequence).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Checkpoint {
    seq: u64,
    devices: Vec<SavedDevice>,
}

#[derive(Debug, Serialize, Deserialize)]
struct SavedDevice {
    name: String,
    state: DeviceState,
    reported: Vec<String>,
}

#[derive(Debug, Default)]
struct Part {
    /// The last batch applied.
    applied: u64,
    /// Batches applied (or skipped) since the last commit.
    uncommitted: u32,
    devices: BTreeSet<usize>,
    reported: HashMap<usize, BTreeSet<String>>,
}

/// Counters of one member's work.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub batches: u64,
    pub records: u64,
    /// Batches delivered again but already covered by the checkpoint (skipped).
    pub replayed: u64,
    /// Batches that did not read as binary flow files (skipped, logged).
    pub bad_batches: u64,
    /// Findings this member reported first.
    pub reported: u64,
    /// Findings this member found again after a takeover, dropped by the broker.
    pub duplicates: u64,
    pub commits: u64,
    pub partitions_taken: u64,
    pub partitions_given: u64,
}

/// Where a member's findings go as they are reported.
type FindingSink = Box<dyn FnMut(&Finding) + Send>;

/// The auditor of one group member.
pub struct StreamAuditor<M: GroupMember> {
    member: M,
    auditor: Auditor,
    by_name: HashMap<String, usize>,
    parts: HashMap<u32, Part>,
    commit_every: u32,
    pub stats: Stats,
    /// Findings this member reported, in order (the broker's reports stream has the group's).
    pub findings: Vec<Finding>,
    on_finding: Option<FindingSink>,
}

fn violation_key(v: &Violation) -> String {
    format!(
        "violation/{}/{}/{}/{}",
        v.direction.as_str(),
        v.protocol,
        v.port,
        v.peer_name.as_deref().unwrap_or("-")
    )
}

fn pattern_key(p: &Pattern) -> String {
    let kind =
        serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
    format!("pattern/{kind}")
}

impl<M: GroupMember> StreamAuditor<M> {
    /// `commit_every`: batches per partition between checkpoints (also committed when idle).
    pub fn new(member: M, auditor: Auditor, commit_every: u32) -> StreamAuditor<M> {
        let by_name = auditor.devices().iter().enumerate().map(|(i, d)| (d.name.clone(), i)).collect();
        StreamAuditor {
            member,
            auditor,
            by_name,
            parts: HashMap::new(),
            commit_every: commit_every.max(1),
            stats: Stats::default(),
            findings: Vec::new(),
            on_finding: None,
        }
    }

    /// Calls `f` with each finding as soon as the broker has taken it (before anything else
    /// happens: a member printing its findings there loses none if it is killed).
    pub fn on_finding(&mut self, f: impl FnMut(&Finding) + Send + 'static) {
        self.on_finding = Some(Box::new(f));
    }

    pub fn member(&self) -> &M {
        &self.member
    }

    pub fn auditor(&self) -> &Auditor {
        &self.auditor
    }

    /// Handles the next event; returns whether it was work (not idle).
    pub async fn step(&mut self) -> Result<bool, StreamError> {
        match self.member.next().await? {
            Event::Assigned { partition, checkpoint } => {
                self.drop_part(partition);
                let mut part = Part::default();
                if let Some(c) = checkpoint {
                    let cp: Checkpoint = serde_json::from_slice(&c)
                        .map_err(|e| StreamError::broker(format!("partition {partition}'s checkpoint"), e))?;
                    part.applied = cp.seq;
                    for d in cp.devices {
                        let Some(&i) = self.by_name.get(&d.name) else {
                            tracing::warn!(device = %d.name, "checkpoint names a device not in the devices table: ignored");
                            continue;
                        };
                        self.auditor.set_device_state(i, d.state);
                        part.devices.insert(i);
                        part.reported.insert(i, d.reported.into_iter().collect());
                    }
                }
                self.parts.insert(partition, part);
                self.stats.partitions_taken += 1;
                Ok(true)
            }
            Event::Release { partition } => {
                self.commit(partition).await?;
                self.member.release(partition).await?;
                self.drop_part(partition);
                self.stats.partitions_given += 1;
                Ok(true)
            }
            Event::Lost { partition } => {
                self.drop_part(partition);
                Ok(true)
            }
            Event::Batch(d) => {
                self.batch(d).await?;
                Ok(true)
            }
            Event::Idle => {
                let dirty: Vec<u32> =
                    self.parts.iter().filter(|(_, p)| p.uncommitted > 0).map(|(&k, _)| k).collect();
                for p in dirty {
                    self.commit(p).await?;
                }
                Ok(false)
            }
        }
    }

    /// Forgets a partition's devices (their state now lives with another member).
    fn drop_part(&mut self, partition: u32) {
        if let Some(p) = self.parts.remove(&partition) {
            for i in p.devices {
                self.auditor.set_device_state(i, DeviceState::default());
            }
        }
    }

    async fn batch(&mut self, d: Delivery) -> Result<(), StreamError> {
        let Some(part) = self.parts.get_mut(&d.partition) else { return Ok(()) };
        part.uncommitted += 1;
        if d.seq <= part.applied {
            self.stats.replayed += 1;
            return Ok(());
        }
        part.applied = d.seq;
        self.stats.batches += 1;
        let mut touched = Vec::new();
        let file = format!("partition {} batch {}", d.partition, d.seq);
        for f in BinaryReader::new(&file, Cursor::new(&d.payload)) {
            match f {
                Ok(f) => {
                    let device = self.auditor.audited_device(&f);
                    let allowed = self.auditor.check(&f);
                    if let Some(i) = device {
                        part.devices.insert(i);
                        if !allowed {
                            touched.push(i);
                        }
                    }
                    self.stats.records += 1;
                }
                Err(e) => {
                    tracing::error!("{e}: the rest of the batch is skipped");
                    self.stats.bad_batches += 1;
                    break;
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for i in touched {
            let Some(rep) = self.auditor.device_report(i) else { continue };
            let part = self.parts.entry(d.partition).or_default();
            let done = part.reported.entry(i).or_default();
            let mut new = Vec::new();
            for v in &rep.violations {
                let k = violation_key(v);
                if !done.contains(&k) {
                    new.push((k, Some(v.clone()), None));
                }
            }
            for p in &rep.patterns {
                let k = pattern_key(p);
                if !done.contains(&k) {
                    new.push((k, None, Some(p.clone())));
                }
            }
            // Marked reported only once the broker has it: a failure here leaves the batch
            // uncommitted, and whoever audits it again reports it.
            for (k, violation, pattern) in new {
                let f = Finding {
                    key: format!("{}/{k}", rep.name),
                    device: rep.name.clone(),
                    member: self.member.id().to_string(),
                    partition: d.partition,
                    seq: d.seq,
                    violation,
                    pattern,
                };
                let body = serde_json::to_vec(&f).map_err(|e| StreamError::broker("a finding", e))?;
                let first = self.member.report(&f.key, Bytes::from(body)).await?;
                self.parts.entry(d.partition).or_default().reported.entry(i).or_default().insert(k);
                if first {
                    self.stats.reported += 1;
                    if let Some(cb) = &mut self.on_finding {
                        cb(&f);
                    }
                    self.findings.push(f);
                } else {
                    self.stats.duplicates += 1;
                }
            }
        }
        if self.parts.get(&d.partition).is_some_and(|p| p.uncommitted >= self.commit_every) {
            self.commit(d.partition).await?;
        }
        Ok(())
    }

    /// Saves a partition's checkpoint; drops the partition when another member has it.
    async fn commit(&mut self, partition: u32) -> Result<(), StreamError> {
        let Some(part) = self.parts.get_mut(&partition) else { return Ok(()) };
        let cp = Checkpoint {
            seq: part.applied,
            devices: part
                .devices
                .iter()
                .map(|&i| SavedDevice {
                    name: self.auditor.devices()[i].name.clone(),
                    state: self.auditor.device_state(i),
                    reported: part.reported.get(&i).map(|s| s.iter().cloned().collect()).unwrap_or_default(),
                })
                .collect(),
        };
        part.uncommitted = 0;
        let body = serde_json::to_vec(&cp).map_err(|e| StreamError::broker("a checkpoint", e))?;
        if self.member.commit(partition, cp.seq, Bytes::from(body)).await? {
            self.stats.commits += 1;
        } else {
            self.drop_part(partition);
        }
        Ok(())
    }

    /// Runs until `stop` says so (it sees the stats and how many idle rounds in a row).
    pub async fn run_until(&mut self, mut stop: impl FnMut(&Stats, u32) -> bool) -> Result<(), StreamError> {
        let mut idle = 0u32;
        loop {
            if self.step().await? {
                idle = 0;
            } else {
                idle += 1;
            }
            if stop(&self.stats, idle) {
                return Ok(());
            }
        }
    }

    /// Commits every partition and leaves the group.
    pub async fn leave(mut self) -> Result<(Stats, Vec<Finding>), StreamError> {
        let parts: Vec<u32> = self.parts.keys().copied().collect();
        for p in parts {
            self.commit(p).await?;
        }
        self.member.leave().await?;
        Ok((self.stats, self.findings))
    }
}
