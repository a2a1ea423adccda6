//! What an auditor holds in memory, counted from its own structures.

use core::net::IpAddr;
use std::sync::Arc;

use super::{Auditor, Group, GroupKey, Peer, Policy, Rule, State, Violations};

/// Bytes of a hashbrown table (std's `HashMap`/`HashSet`) of this capacity: its buckets and a
/// control byte per bucket (and a group of them more).
fn table<T>(capacity: usize) -> usize {
    if capacity == 0 {
        return 0;
    }
    let buckets = if capacity < 8 {
        (capacity + 1).next_power_of_two()
    } else {
        (capacity * 8 / 7).next_power_of_two()
    };
    buckets * size_of::<T>() + buckets + 16
}

fn string(s: &Option<String>) -> usize {
    s.as_ref().map_or(0, String::capacity)
}

fn rule(r: &Rule) -> usize {
    size_of::<Rule>()
        + match &r.peer {
            Peer::Name(s) | Peer::Manufacturer(s) | Peer::Model(s) | Peer::Controller(s) => s.capacity(),
            _ => 0,
        }
}

fn policy(p: &Policy) -> usize {
    size_of::<Policy>()
        + p.out.iter().chain(&p.inbound).map(rule).sum::<usize>()
        + (p.out.capacity() - p.out.len() + p.inbound.capacity() - p.inbound.len()) * size_of::<Rule>()
        + string(&p.mud_url)
        + string(&p.authority)
}

fn violations(v: &Violations) -> usize {
    size_of::<Violations>()
        + table::<(GroupKey, Group)>(v.groups.capacity())
        + v.groups
            .values()
            .map(|g| table::<IpAddr>(g.peers.capacity()) + g.examples.capacity() * size_of::<IpAddr>())
            .sum::<usize>()
}

impl Auditor {
    /// The bytes this auditor holds: the devices table, compiled policies, device index,
    /// per-device state, violation groups and their peers, learnt names. Counted from the
    /// structures' sizes and capacities: what was asked of the allocator (not its own overhead
    /// per allocation); a group's peer name shared with the flows it came from counts once.
    pub fn memory_bytes(&self) -> usize {
        let devices = self.devices.capacity()
            * size_of_val(&self.devices[..]).checked_div(self.devices.len()).unwrap_or(0)
            + self
                .devices
                .iter()
                .map(|d| {
                    d.name.capacity()
                        + d.ips.capacity() * size_of::<IpAddr>()
                        + string(&d.profile)
                        + d.controller.capacity() * size_of::<String>()
                        + d.controller.iter().map(String::capacity).sum::<usize>()
                })
                .sum::<usize>();
        let compiled = self.compiled.iter().map(policy).sum::<usize>();
        let state = self.state.capacity() * size_of::<State>()
            + self.state.iter().filter_map(|s| s.violations.as_deref()).map(violations).sum::<usize>();
        let names = table::<(IpAddr, Arc<str>)>(self.names.capacity())
            + self.names.values().map(|n| n.len() + 2 * size_of::<usize>()).sum::<usize>();
        size_of::<Auditor>() + devices + compiled + self.index.bytes() + state + names
    }
}
