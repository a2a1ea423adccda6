//! NATS JetStream: the tested broker.
//!
//! For a stream address `nats://127.0.0.1:4222/flows` (base name `flows`) and a group `audit`:
//!
//! | what | NATS object |
//! |---|---|
//! | flow batches | stream `flows`, subjects `flows.p.<partition>` (limits retention: every group reads it all) |
//! | the partition count | the stream's description, `iotlabel flows; partitions=N` |
//! | a member's reading of a partition | durable pull consumer `audit_p<partition>`, filtered to its subject, ack policy *all* |
//! | leases (who owns a partition) | key-value bucket `flows_audit_owners`, key `p<partition>`, value the member id; entries expire after the lease time unless renewed |
//! | live members | bucket `flows_audit_members`, one key per member, same expiry; counted from its stream's message count |
//! | checkpoints | bucket `flows_audit_state`, key `p<partition>`: 8 bytes of stream sequence (little-endian), then the auditor's state |
//! | findings | stream `flows_reports`, subject `flows.reports.audit`, one message per finding with `Nats-Msg-Id` = `audit/<key>` |
//!
//! A member renews its leases and its membership every third of the lease time, counts the
//! members, and takes free partitions up to its fair share (`ceil(partitions / members)`) or
//! gives back those above it. Taking a partition: create its lease key (fails if another member
//! holds it), rewrite its checkpoint unchanged (so a member that lost the partition can no longer
//! commit: commits are conditional on the checkpoint's revision), and recreate its consumer
//! starting after the checkpoint's sequence. So what the dead owner had fetched and not
//! checkpointed is read again by the survivor, and what was checkpointed is not.
//!
//! Why `Nats-Msg-Id` rather than a key-value bucket of reported keys: a finding is reported and
//! deduplicated in one round trip, atomically, in the stream that the security team reads
//! anyway. A repeat can only come from the batches replayed after a takeover, that is within a
//! commit interval plus a lease time of the first report, far inside the duplicate window
//! (10 minutes by default; a member's checkpoint also remembers what it reported, so a takeover
//! never replays findings from before the checkpoint).

use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer, kv, stream};
use bytes::Bytes;
use futures_util::StreamExt;

use crate::{Delivery, Event, FlowPublisher, GroupMember, StreamError, check_name, stable_hash};

/// Partitions of a new stream unless told otherwise.
pub const DEFAULT_PARTITIONS: u32 = 16;

/// How the stream and its group behave.
#[derive(Debug, Clone)]
pub struct Options {
    /// Partitions of the stream when this call creates it (an existing stream keeps its own).
    pub partitions: u32,
    /// A member that has not renewed its leases for this long is taken as dead.
    pub lease: Duration,
    /// Batches fetched per partition per round.
    pub fetch: usize,
    /// How long `next` waits when no batch came before saying `Idle`.
    pub poll: Duration,
    /// How long the reports stream remembers finding keys.
    pub duplicate_window: Duration,
    /// How long flow batches are kept in the stream (0: until the stream is deleted).
    pub max_age: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            partitions: DEFAULT_PARTITIONS,
            lease: Duration::from_secs(10),
            fetch: 16,
            poll: Duration::from_millis(50),
            duplicate_window: Duration::from_secs(600),
            max_age: Duration::from_secs(24 * 3600),
        }
    }
}

/// `nats://host:port/base` split into the server and the base name.
pub fn parse_url(url: &str) -> Result<(String, String), StreamError> {
    let bad = |why: &str| {
        StreamError::Setup(format!(
            "stream address `{}` {why}: expected nats://HOST:PORT/NAME, e.g. nats://127.0.0.1:4222/flows",
            url.escape_debug()
        ))
    };
    let rest = url.strip_prefix("nats://").ok_or_else(|| bad("does not start with nats://"))?;
    let (server, base) = rest.split_once('/').ok_or_else(|| bad("names no stream"))?;
    if server.is_empty() {
        return Err(bad("names no server"));
    }
    check_name("stream name", base)?;
    Ok((server.to_string(), base.to_string()))
}

/// A connection to one flow stream.
#[derive(Clone)]
pub struct NatsStream {
    url: String,
    js: jetstream::Context,
    base: String,
    partitions: u32,
    options: Options,
}

fn broker(what: impl Into<String>) -> impl FnOnce(async_nats::Error) -> StreamError {
    let what = what.into();
    move |e| StreamError::Broker { what, message: e.to_string() }
}

impl NatsStream {
    /// Connects, and creates the flow stream and the reports stream when missing.
    pub async fn connect(url: &str, options: Options) -> Result<NatsStream, StreamError> {
        let (server, base) = parse_url(url)?;
        let client = async_nats::ConnectOptions::new()
            .connection_timeout(Duration::from_secs(5))
            .connect(server.as_str())
            .await
            .map_err(|e| StreamError::Unreachable {
                url: url.to_string(),
                message: format!("{e} (is nats-server running with JetStream, `nats-server -js`?)"),
            })?;
        let js = jetstream::new(client);
        let partitions = match js.get_stream(&base).await {
            Ok(mut s) => {
                let info = s.info().await.map_err(|e| StreamError::broker(format!("stream {base}"), e))?;
                let d = info.config.description.clone().unwrap_or_default();
                d.split("partitions=").nth(1).and_then(|n| n.trim().parse::<u32>().ok()).filter(|&n| n > 0).ok_or_else(
                    || {
                        StreamError::Setup(format!(
                            "stream `{base}` exists but was not made by iotlabel (its description `{d}` gives no partitions=N): choose another name"
                        ))
                    },
                )?
            }
            Err(_) => {
                let partitions = options.partitions.clamp(1, 4096);
                js.get_or_create_stream(stream::Config {
                    name: base.clone(),
                    description: Some(format!("iotlabel flows; partitions={partitions}")),
                    subjects: vec![format!("{base}.p.*")],
                    retention: stream::RetentionPolicy::Limits,
                    max_age: options.max_age,
                    storage: stream::StorageType::File,
                    ..Default::default()
                })
                .await
                .map_err(|e| StreamError::broker(format!("creating stream {base}"), e))?;
                partitions
            }
        };
        js.get_or_create_stream(stream::Config {
            name: format!("{base}_reports"),
            description: Some("iotlabel audit findings, one message per finding".into()),
            subjects: vec![format!("{base}.reports.>")],
            duplicate_window: options.duplicate_window,
            storage: stream::StorageType::File,
            ..Default::default()
        })
        .await
        .map_err(|e| StreamError::broker(format!("creating stream {base}_reports"), e))?;
        Ok(NatsStream { url: url.to_string(), js, base, partitions, options })
    }

    pub fn partitions(&self) -> u32 {
        self.partitions
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// A publisher of batches (keeps up to 256 unconfirmed at once).
    pub fn publisher(&self) -> NatsPublisher {
        NatsPublisher {
            js: self.js.clone(),
            base: self.base.clone(),
            partitions: self.partitions,
            pending: VecDeque::new(),
        }
    }

    async fn bucket(&self, name: String, max_age: Duration) -> Result<kv::Store, StreamError> {
        if let Ok(s) = self.js.get_key_value(&name).await {
            return Ok(s);
        }
        // The bucket's stream is made here as the key-value convention has it (`create_key_value`
        // asks for account details that servers before 2.10 answer in another shape).
        let dup =
            if max_age.is_zero() { Duration::from_secs(120) } else { max_age.min(Duration::from_secs(120)) };
        self.js
            .get_or_create_stream(stream::Config {
                name: format!("KV_{name}"),
                subjects: vec![format!("$KV.{name}.>")],
                max_messages_per_subject: 1,
                max_age,
                storage: stream::StorageType::File,
                allow_rollup: true,
                deny_delete: true,
                allow_direct: true,
                discard: stream::DiscardPolicy::New,
                duplicate_window: dup,
                num_replicas: 1,
                ..Default::default()
            })
            .await
            .map_err(|e| StreamError::broker(format!("creating bucket {name}"), e))?;
        self.js
            .get_key_value(&name)
            .await
            .map_err(|e| StreamError::broker(format!("opening bucket {name}"), e))
    }

    /// Joins `group` as a new member (`member`: its id, unique in the group).
    pub async fn join(&self, group: &str, member: &str) -> Result<NatsMember, StreamError> {
        check_name("group", group)?;
        check_name("member id", member)?;
        let prefix = format!("{}_{group}", self.base);
        let owners = self.bucket(format!("{prefix}_owners"), self.options.lease).await?;
        let members = self.bucket(format!("{prefix}_members"), self.options.lease).await?;
        let state = self.bucket(format!("{prefix}_state"), Duration::ZERO).await?;
        let members_stream = self
            .js
            .get_stream(format!("KV_{prefix}_members"))
            .await
            .map_err(|e| StreamError::broker(format!("bucket {prefix}_members"), e))?;
        let stream = self
            .js
            .get_stream(&self.base)
            .await
            .map_err(|e| StreamError::broker(format!("stream {}", self.base), e))?;
        Ok(NatsMember {
            js: self.js.clone(),
            stream,
            base: self.base.clone(),
            group: group.to_string(),
            id: member.to_string(),
            partitions: self.partitions,
            options: self.options.clone(),
            owners,
            members,
            members_stream,
            state,
            owned: BTreeMap::new(),
            queue: VecDeque::new(),
            next_tick: Instant::now(),
        })
    }

    /// Every finding reported by `group` so far, in order (for tests and tools).
    pub async fn reports(&self, group: &str) -> Result<Vec<Bytes>, StreamError> {
        let name = format!("{}_reports", self.base);
        let s =
            self.js.get_stream(&name).await.map_err(|e| StreamError::broker(format!("stream {name}"), e))?;
        let c = s
            .create_consumer(consumer::pull::Config {
                filter_subject: format!("{}.reports.{group}", self.base),
                ack_policy: consumer::AckPolicy::None,
                inactive_threshold: Duration::from_secs(60),
                ..Default::default()
            })
            .await
            .map_err(|e| StreamError::broker("reading reports", e))?;
        let mut out = Vec::new();
        loop {
            let mut batch = c
                .fetch()
                .max_messages(1000)
                .messages()
                .await
                .map_err(|e| StreamError::broker("reading reports", e))?;
            let mut n = 0;
            while let Some(m) = batch.next().await {
                let m = m.map_err(|e| StreamError::broker("reading reports", e))?;
                out.push(m.payload.clone());
                n += 1;
            }
            if n == 0 {
                return Ok(out);
            }
        }
    }

    /// Deletes the streams and the group's buckets (tests, benchmarks).
    pub async fn delete(&self, groups: &[&str]) -> Result<(), StreamError> {
        for g in groups {
            for b in ["owners", "members", "state"] {
                let _ = self.js.delete_key_value(format!("{}_{g}_{b}", self.base)).await;
            }
        }
        let _ = self.js.delete_stream(format!("{}_reports", self.base)).await;
        self.js.delete_stream(&self.base).await.map_err(|e| StreamError::broker("deleting the stream", e))?;
        Ok(())
    }
}

/// Publishes batches to `BASE.p.<partition>`, confirming them in the background.
pub struct NatsPublisher {
    js: jetstream::Context,
    base: String,
    partitions: u32,
    pending: VecDeque<jetstream::context::PublishAckFuture>,
}

impl FlowPublisher for NatsPublisher {
    fn partitions(&self) -> u32 {
        self.partitions
    }

    async fn publish(&mut self, partition: u32, batch: Bytes) -> Result<(), StreamError> {
        let f = self
            .js
            .publish(format!("{}.p.{partition}", self.base), batch)
            .await
            .map_err(|e| StreamError::broker("publishing a batch", e))?;
        self.pending.push_back(f);
        if self.pending.len() > 256
            && let Some(f) = self.pending.pop_front()
        {
            f.await.map_err(|e| StreamError::broker("publishing a batch", e))?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), StreamError> {
        while let Some(f) = self.pending.pop_front() {
            f.await.map_err(|e| StreamError::broker("publishing a batch", e))?;
        }
        Ok(())
    }
}

struct Owned {
    lease_rev: u64,
    state_rev: u64,
    consumer: consumer::PullConsumer,
    /// Fetched messages not yet acknowledged (the newest per sequence last).
    unacked: VecDeque<(u64, jetstream::Message)>,
    releasing: bool,
}

/// A member of a consumer group on a NATS flow stream.
pub struct NatsMember {
    js: jetstream::Context,
    stream: stream::Stream,
    base: String,
    group: String,
    id: String,
    partitions: u32,
    options: Options,
    owners: kv::Store,
    members: kv::Store,
    /// The members bucket's stream, whose state counts the live members.
    members_stream: stream::Stream,
    state: kv::Store,
    owned: BTreeMap<u32, Owned>,
    queue: VecDeque<Event>,
    next_tick: Instant,
}

impl NatsMember {
    /// The partitions this member owns now.
    pub fn owned(&self) -> Vec<u32> {
        self.owned.keys().copied().collect()
    }

    fn consumer_name(&self, p: u32) -> String {
        format!("{}_p{p}", self.group)
    }

    /// Renews leases and membership, then takes or gives partitions to reach the fair share.
    async fn housekeeping(&mut self) -> Result<(), StreamError> {
        self.members
            .put(&self.id, Bytes::new())
            .await
            .map_err(|e| StreamError::broker("renewing membership", e))?;
        let mut lost = Vec::new();
        for (&p, o) in self.owned.iter_mut() {
            match self.owners.update(format!("p{p}"), Bytes::from(self.id.clone()), o.lease_rev).await {
                Ok(rev) => o.lease_rev = rev,
                Err(e) => {
                    tracing::warn!(partition = p, member = %self.id, "lease lost: {e}");
                    lost.push(p);
                }
            }
        }
        for p in lost {
            self.owned.remove(&p);
            self.queue.retain(|e| !matches!(e, Event::Batch(d) if d.partition == p));
            self.queue.push_back(Event::Lost { partition: p });
        }
        // The members are counted from the bucket's stream state (one message per key, each
        // expiring after a lease), one request with the client's timeout. Listing the keys
        // instead (`kv::Store::keys`, an ordered consumer) once waited forever while a killed
        // member's key expired, and the member never left. A member that has just left counts
        // until its delete marker ages out (one lease): the fair share is briefly smaller.
        // (`kv::Store::status` answers from the info cached when the bucket was opened.)
        let live = self
            .members_stream
            .get_info()
            .await
            .map_err(|e| StreamError::broker("counting members", e))?
            .state
            .messages;
        let live = u32::try_from(live).unwrap_or(u32::MAX).max(1);
        let fair = self.partitions.div_ceil(live) as usize;
        let keeping = self.owned.values().filter(|o| !o.releasing).count();
        if keeping > fair {
            let extra: Vec<u32> = self
                .owned
                .iter()
                .rev()
                .filter(|(_, o)| !o.releasing)
                .map(|(&p, _)| p)
                .take(keeping - fair)
                .collect();
            for p in extra {
                if let Some(o) = self.owned.get_mut(&p) {
                    o.releasing = true;
                }
                self.queue.push_back(Event::Release { partition: p });
            }
        } else if keeping < fair {
            let start = (stable_hash(self.id.as_bytes()) % u64::from(self.partitions)) as u32;
            for k in 0..self.partitions {
                if self.owned.len() >= fair {
                    break;
                }
                let p = (start + k) % self.partitions;
                if self.owned.contains_key(&p) {
                    continue;
                }
                if let Ok(rev) = self.owners.create(format!("p{p}"), Bytes::from(self.id.clone())).await {
                    self.take(p, rev).await?;
                }
            }
        }
        Ok(())
    }

    /// Takes partition `p` over: fences the checkpoint, recreates the consumer after it.
    async fn take(&mut self, p: u32, lease_rev: u64) -> Result<(), StreamError> {
        let key = format!("p{p}");
        let entry = self
            .state
            .entry(key.clone())
            .await
            .map_err(|e| StreamError::broker("reading a checkpoint", e))?;
        let (seq, checkpoint, state_rev) = match entry {
            Some(e) if e.operation == kv::Operation::Put && e.value.len() >= 8 => {
                let seq = u64::from_le_bytes(e.value[..8].try_into().unwrap_or_default());
                // Rewritten unchanged: the revision moves, so the previous owner's commits fail.
                let rev = self
                    .state
                    .update(&key, e.value.clone(), e.revision)
                    .await
                    .map_err(|x| StreamError::broker("fencing a checkpoint", x))?;
                let cp = (e.value.len() > 8).then(|| e.value.slice(8..));
                (seq, cp, rev)
            }
            _ => {
                let rev = match self.state.create(&key, Bytes::from(vec![0u8; 8])).await {
                    Ok(rev) => rev,
                    Err(_) => {
                        // Another member created it meanwhile: let the lease lapse and retry later.
                        let _ = self.owners.delete(&key).await;
                        return Ok(());
                    }
                };
                (0, None, rev)
            }
        };
        let name = self.consumer_name(p);
        let _ = self.stream.delete_consumer(&name).await;
        let consumer = self
            .stream
            .create_consumer(consumer::pull::Config {
                durable_name: Some(name.clone()),
                filter_subject: format!("{}.p.{p}", self.base),
                deliver_policy: if seq == 0 {
                    consumer::DeliverPolicy::All
                } else {
                    consumer::DeliverPolicy::ByStartSequence { start_sequence: seq + 1 }
                },
                ack_policy: consumer::AckPolicy::All,
                ack_wait: self.options.lease * 3,
                ..Default::default()
            })
            .await
            .map_err(|e| StreamError::broker(format!("creating consumer {name}"), e))?;
        tracing::info!(partition = p, member = %self.id, after = seq, "partition taken");
        self.owned
            .insert(p, Owned { lease_rev, state_rev, consumer, unacked: VecDeque::new(), releasing: false });
        self.queue.push_back(Event::Assigned { partition: p, checkpoint });
        Ok(())
    }

    async fn fetch_round(&mut self) -> Result<(), StreamError> {
        let mut gone = Vec::new();
        for (&p, o) in self.owned.iter_mut() {
            if o.releasing {
                continue;
            }
            let batch = match o.consumer.fetch().max_messages(self.options.fetch).messages().await {
                Ok(b) => b,
                Err(e) => {
                    tracing::warn!(partition = p, member = %self.id, "fetch failed, partition dropped: {e}");
                    gone.push(p);
                    continue;
                }
            };
            let mut batch = std::pin::pin!(batch);
            while let Some(m) = batch.next().await {
                let m = match m {
                    Ok(m) => m,
                    Err(e) => {
                        tracing::warn!(partition = p, member = %self.id, "fetch failed: {e}");
                        break;
                    }
                };
                let seq = m.info().map(|i| i.stream_sequence).map_err(broker("a delivery's metadata"))?;
                self.queue.push_back(Event::Batch(Delivery {
                    partition: p,
                    seq,
                    payload: m.payload.clone(),
                }));
                o.unacked.push_back((seq, m));
            }
        }
        for p in gone {
            self.owned.remove(&p);
            self.queue.push_back(Event::Lost { partition: p });
        }
        Ok(())
    }
}

impl GroupMember for NatsMember {
    fn id(&self) -> &str {
        &self.id
    }

    async fn next(&mut self) -> Result<Event, StreamError> {
        loop {
            if let Some(e) = self.queue.pop_front() {
                return Ok(e);
            }
            if Instant::now() >= self.next_tick {
                self.housekeeping().await?;
                self.next_tick = Instant::now() + self.options.lease / 3;
                continue;
            }
            self.fetch_round().await?;
            if self.queue.is_empty() {
                let wait = self.options.poll.min(self.next_tick.saturating_duration_since(Instant::now()));
                tokio::time::sleep(wait).await;
                return Ok(Event::Idle);
            }
        }
    }

    async fn commit(&mut self, partition: u32, seq: u64, state: Bytes) -> Result<bool, StreamError> {
        let Some(o) = self.owned.get_mut(&partition) else { return Ok(false) };
        let mut v = Vec::with_capacity(8 + state.len());
        v.extend_from_slice(&seq.to_le_bytes());
        v.extend_from_slice(&state);
        match self.state.update(format!("p{partition}"), Bytes::from(v), o.state_rev).await {
            Ok(rev) => o.state_rev = rev,
            Err(e) if e.kind() != kv::UpdateErrorKind::WrongLastRevision => {
                // Not another owner: the server refused or did not answer (a checkpoint larger
                // than the server's max_payload, say). Said as it is, nothing acknowledged.
                return Err(StreamError::broker(format!("saving partition {partition}'s checkpoint"), e));
            }
            Err(e) => {
                tracing::warn!(partition, member = %self.id, "checkpoint refused, partition dropped: {e}");
                self.owned.remove(&partition);
                self.queue.retain(|e| !matches!(e, Event::Batch(d) if d.partition == partition));
                return Ok(false);
            }
        }
        // Ack policy "all": acknowledging the newest message covered acknowledges those before it.
        let mut last = None;
        while o.unacked.front().is_some_and(|(s, _)| *s <= seq) {
            last = o.unacked.pop_front();
        }
        if let Some((_, m)) = last {
            m.ack().await.map_err(broker("acknowledging"))?;
        }
        Ok(true)
    }

    async fn release(&mut self, partition: u32) -> Result<(), StreamError> {
        if self.owned.remove(&partition).is_some() {
            self.queue.retain(|e| !matches!(e, Event::Batch(d) if d.partition == partition));
            self.owners
                .delete(format!("p{partition}"))
                .await
                .map_err(|e| StreamError::broker("releasing a partition", e))?;
            tracing::info!(partition, member = %self.id, "partition released");
        }
        Ok(())
    }

    async fn report(&mut self, key: &str, body: Bytes) -> Result<bool, StreamError> {
        let ack = self
            .js
            .send_publish(
                format!("{}.reports.{}", self.base, self.group),
                jetstream::context::Publish::build()
                    .payload(body)
                    .message_id(format!("{}/{key}", self.group)),
            )
            .await
            .map_err(|e| StreamError::broker("reporting", e))?
            .await
            .map_err(|e| StreamError::broker("reporting", e))?;
        Ok(!ack.duplicate)
    }

    async fn leave(mut self) -> Result<(), StreamError> {
        let owned: Vec<u32> = self.owned.keys().copied().collect();
        for p in owned {
            self.release(p).await?;
        }
        let _ = self.members.delete(&self.id).await;
        Ok(())
    }
}
