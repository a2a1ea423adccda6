//! Which HTTP connections are open, per client and in total, and which one gives way when a
//! limit is reached (docs/advertise.md, "Limits under abuse").
//!
//! A connection is *waiting* from the moment it is accepted, and again from each request head it
//! completes. When a limit is reached, the connection that has been waiting longest (at least
//! [`HttpLimits::eviction_age`]) is closed to make room; if none has waited that long, the new
//! connection is refused. A well-behaved client sends its request head at once, so it is always
//! the youngest and is never the one closed; a slow client that holds a slot without finishing a
//! request is.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::sync::oneshot;
use tokio::time::Instant;
use tracing::debug;

use crate::limits::HttpLimits;

/// Connections are counted per client: an IPv4 address, or an IPv6 /64 (one host usually holds a
/// whole /64, so counting single IPv6 addresses would count nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Client(IpAddr);

impl Client {
    pub(crate) fn of(peer: &SocketAddr) -> Self {
        match peer.ip().to_canonical() {
            IpAddr::V4(v4) => Client(IpAddr::V4(v4)),
            IpAddr::V6(v6) => {
                let s = v6.segments();
                Client(IpAddr::V6(Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0)))
            }
        }
    }
}

/// Why a connection was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// The client already holds its share and none of its connections has waited long enough to
    /// be closed.
    PerClient,
    /// The server is full and no connection has waited long enough to be closed.
    Total,
}

#[derive(Debug)]
struct Entry {
    client: Client,
    peer: SocketAddr,
    waiting_since: Instant,
    close: Option<oneshot::Sender<()>>,
}

#[derive(Debug, Default)]
struct Inner {
    next_id: u64,
    open: HashMap<u64, Entry>,
    per_client: HashMap<Client, usize>,
}

impl Inner {
    fn remove(&mut self, id: u64) -> Option<Entry> {
        let entry = self.open.remove(&id)?;
        if let Some(n) = self.per_client.get_mut(&entry.client) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                self.per_client.remove(&entry.client);
            }
        }
        Some(entry)
    }

    /// Closes the connection (of `client`, or of anyone) that has been waiting longest, if it has
    /// waited at least `age`. Returns whether one was closed.
    fn evict_oldest(&mut self, client: Option<Client>, now: Instant, age: std::time::Duration) -> bool {
        let oldest = self
            .open
            .iter()
            .filter(|(_, e)| client.is_none_or(|c| e.client == c))
            .filter(|(_, e)| now.saturating_duration_since(e.waiting_since) >= age)
            .min_by_key(|(id, e)| (e.waiting_since, **id))
            .map(|(id, _)| *id);
        let Some(entry) = oldest.and_then(|id| self.remove(id)) else { return false };
        debug!(peer = %entry.peer, waited = ?now.saturating_duration_since(entry.waiting_since),
            "HTTP connection closed to make room: no complete request for too long");
        if let Some(close) = entry.close {
            let _ = close.send(());
        }
        true
    }
}

/// The table of open connections, shared by the accept loop and the connection tasks.
#[derive(Debug)]
pub(crate) struct Table {
    limits: HttpLimits,
    inner: Mutex<Inner>,
}

/// A connection's place in the table; leaving it (drop) frees the place.
#[derive(Debug)]
pub(crate) struct Slot {
    table: Arc<Table>,
    id: u64,
}

impl Slot {
    /// A complete request head arrived: the connection is no longer waiting.
    pub(crate) fn request_started(&self) {
        if let Some(e) = self.table.lock().open.get_mut(&self.id) {
            e.waiting_since = Instant::now();
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.table.lock().remove(self.id);
    }
}

impl Table {
    pub(crate) fn new(limits: HttpLimits) -> Arc<Self> {
        Arc::new(Table { limits, inner: Mutex::new(Inner::default()) })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Nothing panics while holding the lock; if something did, the counts are still usable.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Admits a connection from `peer`, closing the longest-waiting one when a limit is reached.
    /// The receiver completes when this connection is itself closed to make room.
    pub(crate) fn admit(
        self: &Arc<Self>,
        peer: SocketAddr,
    ) -> Result<(Slot, oneshot::Receiver<()>), Refusal> {
        let client = Client::of(&peer);
        let now = Instant::now();
        let age = self.limits.eviction_age;
        let mut inner = self.lock();
        if inner.per_client.get(&client).copied().unwrap_or(0) >= self.limits.max_connections_per_client
            && !inner.evict_oldest(Some(client), now, age)
        {
            return Err(Refusal::PerClient);
        }
        if inner.open.len() >= self.limits.max_connections && !inner.evict_oldest(None, now, age) {
            return Err(Refusal::Total);
        }
        let id = inner.next_id;
        inner.next_id += 1;
        let (tx, rx) = oneshot::channel();
        inner.open.insert(id, Entry { client, peer, waiting_since: now, close: Some(tx) });
        *inner.per_client.entry(client).or_insert(0) += 1;
        drop(inner);
        Ok((Slot { table: Arc::clone(self), id }, rx))
    }

    #[cfg(test)]
    fn open(&self) -> usize {
        self.lock().open.len()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn limits(total: usize, per_client: usize) -> HttpLimits {
        HttpLimits {
            max_connections: total,
            max_connections_per_client: per_client,
            eviction_age: Duration::from_secs(1),
            ..HttpLimits::default()
        }
    }

    fn peer(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(Client::of(&peer("[2001:db8:1:2:3:4:5:6]:1")), Client::of(&peer("[2001:db8:1:2::9]:2")));
        assert_ne!(Client::of(&peer("[2001:db8:1:2::1]:1")), Client::of(&peer("[2001:db8:1:3::1]:1")));
        assert_eq!(Client::of(&peer("[::ffff:127.0.0.2]:1")), Client::of(&peer("127.0.0.2:9")));
    }

    #[tokio::test(start_paused = true)]
    async fn young_connections_are_kept_and_the_longest_waiting_gives_way() {
        let table = Table::new(limits(3, 2));
        let (a1, mut a1_closed) = table.admit(peer("127.0.0.2:1")).unwrap();
        tokio::time::advance(Duration::from_millis(10)).await;
        let (a2, _a2_closed) = table.admit(peer("127.0.0.2:2")).unwrap();
        // The client's share is taken and nobody has waited a second: refused.
        assert_eq!(table.admit(peer("127.0.0.2:3")).unwrap_err(), Refusal::PerClient);
        let (_b1, _) = table.admit(peer("127.0.0.3:1")).unwrap();
        assert_eq!(table.admit(peer("127.0.0.4:1")).unwrap_err(), Refusal::Total);

        tokio::time::advance(Duration::from_secs(2)).await;
        // a2 completed a request just now; a1 has waited longest and is closed for the newcomer.
        a2.request_started();
        let (_a3, _) = table.admit(peer("127.0.0.2:3")).unwrap();
        assert!(a1_closed.try_recv().is_ok(), "a1 was told to close");
        assert_eq!(table.open(), 3);
        drop(a1);
        assert_eq!(table.open(), 3, "a slot freed by eviction is not freed twice");
        // The table is full: the longest-waiting connection of anyone (b1) gives way.
        let (_c1, _) = table.admit(peer("127.0.0.5:1")).unwrap();
        assert_eq!(table.open(), 3);
        drop(a2);
        assert_eq!(table.open(), 2);
    }
}
