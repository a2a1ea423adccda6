//! iotlabel-flows-stream: flow records through a stream, audited by a consumer group.
//!
//! An ISP's flows arrive faster than one machine audits them. Publishers cut the flows into
//! batches per partition (the partition comes from the device, so one device's flows always
//! travel together and in order) and auditors join a group: each partition is owned by exactly
//! one member at a time, and adding members spreads the partitions, so adding auditors adds
//! throughput.
//!
//! - [`FlowPublisher`] and [`GroupMember`]: the small traits a broker implements;
//! - [`nats`]: NATS JetStream, the tested broker;
//! - [`publish::Batcher`]: records to per-partition batches in the binary flow format;
//! - [`audit::StreamAuditor`]: the audit over any [`GroupMember`], with per-partition
//!   checkpoints (the devices' state and the last stream sequence applied) and findings
//!   reported once per key.
//!
//! How the pieces keep the audit exact when a member dies:
//! 1. A member owns a partition through a lease (a key that expires unless renewed). When a
//!    member dies its leases expire and the survivors take the partitions over.
//! 2. Before acknowledging, the owner saves a checkpoint: the state of every device of the
//!    partition and the sequence of the last batch applied, written only if the partition's
//!    checkpoint has not changed since the owner read it (so a member that lost the partition
//!    cannot overwrite its successor's). The new owner loads the checkpoint and reads the
//!    partition again from the batch after it: what the dead member had received but not
//!    checkpointed is delivered again, to the survivor, and applied exactly once.
//! 3. A finding (a violation group or an attack pattern of a device) is reported when it first
//!    appears in a device's state, with a key naming it. Replaying batches after a takeover can
//!    find it again; the broker drops the repeat by its key (NATS: the `Nats-Msg-Id` header and
//!    the reports stream's duplicate window), so each finding is reported exactly once.

use core::future::Future;
use std::collections::HashMap;
use std::net::IpAddr;

use bytes::Bytes;
use iotlabel_flows::{Device, FlowRecord, Mac};

pub mod audit;
pub mod nats;
pub mod publish;

/// A failure of the stream, its broker or its content.
#[derive(Debug, thiserror::Error)]
pub enum StreamError {
    /// The address or a name is not usable.
    #[error("{0}")]
    Setup(String),
    /// The broker cannot be reached.
    #[error("cannot reach {url}: {message}")]
    Unreachable { url: String, message: String },
    /// The broker refused or failed an operation.
    #[error("{what}: {message}")]
    Broker { what: String, message: String },
}

impl StreamError {
    pub fn broker(what: impl Into<String>, e: impl std::fmt::Display) -> StreamError {
        StreamError::Broker { what: what.into(), message: e.to_string() }
    }
}

/// Publishes batches of flow records (files in the binary flow format) to partitions.
pub trait FlowPublisher: Send {
    /// How many partitions the stream has.
    fn partitions(&self) -> u32;
    /// Publishes one batch to one partition (the broker may confirm it later: see `flush`).
    fn publish(
        &mut self,
        partition: u32,
        batch: Bytes,
    ) -> impl Future<Output = Result<(), StreamError>> + Send;
    /// Returns once the broker has stored every batch published so far.
    fn flush(&mut self) -> impl Future<Output = Result<(), StreamError>> + Send;
}

/// What a group member is told next.
#[derive(Debug)]
pub enum Event {
    /// The member now owns `partition`; `checkpoint` is what its previous owner last committed
    /// (none for a partition never committed). Batches up to the checkpoint's sequence are not
    /// delivered again.
    Assigned { partition: u32, checkpoint: Option<Bytes> },
    /// The group rebalances: commit the partition, then call [`GroupMember::release`].
    Release { partition: u32 },
    /// The partition was taken away (the lease lapsed): drop its state without committing.
    Lost { partition: u32 },
    /// One batch of an owned partition.
    Batch(Delivery),
    /// Nothing arrived for a short while.
    Idle,
}

/// A batch as delivered: its partition, its sequence in the stream (increasing within a
/// partition) and its content (a binary flow file).
#[derive(Debug, Clone)]
pub struct Delivery {
    pub partition: u32,
    pub seq: u64,
    pub payload: Bytes,
}

/// A member of a consumer group: owns some partitions, is given their batches, commits its
/// state per partition (which acknowledges what it covers), and reports findings once.
pub trait GroupMember: Send {
    /// This member's id within the group.
    fn id(&self) -> &str;
    /// The next event (waits a short while at most; [`Event::Idle`] when nothing came).
    fn next(&mut self) -> impl Future<Output = Result<Event, StreamError>> + Send;
    /// Saves `state` for `partition` as of batch `seq` and acknowledges every batch up to it.
    /// False when the partition is no longer this member's (another owner committed since):
    /// the caller drops the partition's state.
    fn commit(
        &mut self,
        partition: u32,
        seq: u64,
        state: Bytes,
    ) -> impl Future<Output = Result<bool, StreamError>> + Send;
    /// Gives a partition back to the group (after committing it).
    fn release(&mut self, partition: u32) -> impl Future<Output = Result<(), StreamError>> + Send;
    /// Reports a finding under `key`, unique in the group; false when that key was already
    /// reported (a repeat after a takeover), which the broker drops.
    fn report(&mut self, key: &str, body: Bytes) -> impl Future<Output = Result<bool, StreamError>> + Send;
    /// Leaves the group, giving back every partition (commit them first).
    fn leave(self) -> impl Future<Output = Result<(), StreamError>> + Send;
}

/// FNV-1a, 64 bits: a stable hash (the same on every machine and version), for partitions.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The partition of a device key.
pub fn partition_of(key: &[u8], partitions: u32) -> u32 {
    (stable_hash(key) % u64::from(partitions.max(1))) as u32
}

/// Which device a flow belongs to, for partitioning: the device's name when the devices table
/// lists its MAC or address (so a device with several addresses stays in one partition), else
/// its MAC, else its address.
#[derive(Debug, Default, Clone)]
pub struct DeviceKeys {
    by_mac: HashMap<Mac, usize>,
    by_ip: HashMap<IpAddr, usize>,
    names: Vec<String>,
}

impl DeviceKeys {
    pub fn new(devices: &[Device]) -> DeviceKeys {
        let mut k = DeviceKeys::default();
        for (i, d) in devices.iter().enumerate() {
            if let Some(m) = d.mac {
                k.by_mac.insert(m, i);
            }
            for ip in &d.ips {
                k.by_ip.insert(*ip, i);
            }
            k.names.push(d.name.clone());
        }
        k
    }

    /// The partition of a flow's device.
    pub fn partition(&self, f: &FlowRecord, partitions: u32) -> u32 {
        let known = f.device_mac.and_then(|m| self.by_mac.get(&m)).or_else(|| self.by_ip.get(&f.device_ip));
        match (known, f.device_mac) {
            (Some(&i), _) => partition_of(self.names[i].as_bytes(), partitions),
            (None, Some(m)) => partition_of(&m.0, partitions),
            (None, None) => match f.device_ip {
                IpAddr::V4(a) => partition_of(&a.octets(), partitions),
                IpAddr::V6(a) => partition_of(&a.octets(), partitions),
            },
        }
    }
}

/// A name usable in stream, bucket and consumer names: 1 to 48 of `A-Z a-z 0-9 _ -`.
pub fn check_name(what: &str, s: &str) -> Result<(), StreamError> {
    if !s.is_empty()
        && s.len() <= 48
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        Ok(())
    } else {
        Err(StreamError::Setup(format!(
            "{what} `{}` is not usable: expected 1 to 48 letters, digits, `_` or `-` (e.g. `flows`, `auditors`)",
            s.escape_debug()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv1a_and_partitions_spread() {
        // Published FNV-1a 64 test vectors: the partition of a device never changes.
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash(b"foobar"), 0x8594_4171_f739_67e8);
        let mut seen = [0u32; 16];
        for i in 0..1600 {
            seen[partition_of(format!("camera-{i}").as_bytes(), 16) as usize] += 1;
        }
        assert!(seen.iter().all(|&n| n > 50), "{seen:?}");
    }

    #[test]
    fn a_device_keeps_its_partition_whatever_address_its_flows_carry() {
        let devices = iotlabel_flows::read_devices(
            "d.csv",
            "name,mac,ip,profile,controller\ncam,02:00:00:00:00:05,10.0.0.5 2001:db8::5,camera.json,\n",
        )
        .unwrap();
        let k = DeviceKeys::new(&devices);
        let f = |mac: Option<Mac>, ip: &str| FlowRecord {
            time_ms: 0,
            device_mac: mac,
            device_ip: ip.parse().unwrap(),
            direction: iotlabel_flows::Direction::FromDevice,
            peer_ip: "1.2.3.4".parse().unwrap(),
            peer_name: None,
            protocol: 6,
            device_port: 1,
            peer_port: 2,
            bytes: 0,
            packets: 0,
        };
        let p = k.partition(&f(Some(Mac([2, 0, 0, 0, 0, 5])), "10.0.0.5"), 64);
        assert_eq!(k.partition(&f(None, "10.0.0.5"), 64), p);
        assert_eq!(k.partition(&f(None, "2001:db8::5"), 64), p);
        assert_eq!(p, partition_of(b"cam", 64));
        assert!(check_name("group", "auditors-1").is_ok() && check_name("group", "a.b").is_err());
    }
}
