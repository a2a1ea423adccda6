//! The kernel's neighbour table: IP address → MAC address. IPv4 from Linux `/proc/net/arp`;
//! IPv6 (no such file) from a netlink `RTM_GETNEIGH` dump, whose answer is parsed here.

use std::collections::HashMap;
use std::net::IpAddr;

use crate::guess::normalize_mac;

/// Parses `/proc/net/arp`: complete entries (flags with 0x2) on `interface`, address → MAC.
/// Lines that do not parse are skipped.
pub fn parse_proc_arp(text: &str, interface: &str) -> HashMap<IpAddr, String> {
    let mut out = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let [ip, _hw, flags, mac, _mask, dev] = f[..] else { continue };
        let complete = u32::from_str_radix(flags.trim_start_matches("0x"), 16).is_ok_and(|v| v & 0x2 != 0);
        if dev != interface || !complete || mac == "00:00:00:00:00:00" {
            continue;
        }
        if let (Ok(ip), Some(mac)) = (ip.parse(), normalize_mac(mac)) {
            out.insert(ip, mac);
        }
    }
    out
}

/// `RTM_NEWNEIGH`, the message type of each entry of a dump.
const RTM_NEWNEIGH: u16 = 28;
/// `RTM_GETNEIGH`: asks for the table.
const RTM_GETNEIGH: u16 = 30;
const NLMSG_ERROR: u16 = 2;
const NLMSG_DONE: u16 = 3;
const NLMSG_HDRLEN: usize = 16;
/// `struct ndmsg`: family, padding, interface index, state, flags, type.
const NDMSG_LEN: usize = 12;
const NDA_DST: u16 = 1;
const NDA_LLADDR: u16 = 2;
/// Entries whose MAC is known: REACHABLE, STALE, DELAY, PROBE, PERMANENT (not INCOMPLETE, FAILED
/// or NOARP).
const NUD_KNOWN: u16 = 0x02 | 0x04 | 0x08 | 0x10 | 0x80;
/// `AF_INET6` on Linux.
pub(crate) const AF_INET6: u8 = 10;

/// The netlink request for the IPv6 neighbour table (a dump of every entry).
pub(crate) fn neigh_dump_request(seq: u32) -> Vec<u8> {
    let len = u32::try_from(NLMSG_HDRLEN + NDMSG_LEN).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(NLMSG_HDRLEN + NDMSG_LEN);
    out.extend_from_slice(&len.to_ne_bytes());
    out.extend_from_slice(&RTM_GETNEIGH.to_ne_bytes());
    // NLM_F_REQUEST | NLM_F_DUMP
    out.extend_from_slice(&(0x0001u16 | 0x0300).to_ne_bytes());
    out.extend_from_slice(&seq.to_ne_bytes());
    out.extend_from_slice(&0u32.to_ne_bytes());
    out.push(AF_INET6);
    out.extend_from_slice(&[0; NDMSG_LEN - 1]);
    out
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Adds the IPv6 entries on interface `ifindex` whose MAC is known, from one datagram of a
/// netlink neighbour dump (untrusted bytes as far as this parser goes: anything malformed ends
/// the datagram). Returns true when the dump is over (`NLMSG_DONE` or an error).
pub fn parse_netlink_neigh(buf: &[u8], ifindex: u32, out: &mut HashMap<IpAddr, String>) -> bool {
    let mut off = 0;
    while let (Some(len), Some(kind)) = (u32_at(buf, off), u16_at(buf, off + 4)) {
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        let Some(msg) = off.checked_add(len).and_then(|end| buf.get(off..end)) else { break };
        if len < NLMSG_HDRLEN {
            break;
        }
        match kind {
            NLMSG_DONE | NLMSG_ERROR => return true,
            RTM_NEWNEIGH => {
                if let Some((ip, mac)) = entry(msg, ifindex) {
                    out.insert(ip, mac);
                }
            }
            _ => {}
        }
        // Messages are 4-byte aligned.
        off += len.div_ceil(4) * 4;
    }
    false
}

/// One `RTM_NEWNEIGH` message: (address, MAC) when it is IPv6, on `ifindex`, with a known MAC.
fn entry(msg: &[u8], ifindex: u32) -> Option<(IpAddr, String)> {
    let nd = msg.get(NLMSG_HDRLEN..NLMSG_HDRLEN + NDMSG_LEN)?;
    let (family, index, state) = (nd[0], u32_at(nd, 4)?, u16_at(nd, 8)?);
    if family != AF_INET6 || index != ifindex || state & NUD_KNOWN == 0 {
        return None;
    }
    let (mut dst, mut mac) = (None, None);
    let mut off = NLMSG_HDRLEN + NDMSG_LEN;
    while let (Some(len), Some(kind)) = (u16_at(msg, off), u16_at(msg, off + 2)) {
        let len = usize::from(len);
        if len < 4 {
            break;
        }
        let data = msg.get(off + 4..off + len)?;
        match kind {
            NDA_DST => dst = <[u8; 16]>::try_from(data).ok().map(IpAddr::from),
            NDA_LLADDR if data.len() == 6 => {
                let hex: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
                mac = normalize_mac(&hex.join(":"));
            }
            _ => {}
        }
        off += len.div_ceil(4) * 4;
    }
    Some((dst?, mac?)).filter(|(_, m)| m != "00:00:00:00:00:00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_entries_on_the_interface_only() {
        let t = "IP address       HW type     Flags       HW address            Mask     Device
10.9.0.2         0x1         0x2         00:17:88:AA:BB:CC     *        br0
10.9.0.3         0x1         0x0         00:00:00:00:00:00     *        br0
10.9.0.4         0x1         0x2         11:22:33:44:55:66     *        eth1
garbage
";
        let m = parse_proc_arp(t, "br0");
        assert_eq!(m.len(), 1);
        assert_eq!(m[&"10.9.0.2".parse::<IpAddr>().unwrap()], "00:17:88:aa:bb:cc");
    }

    /// One RTM_NEWNEIGH message as the kernel sends it.
    fn neigh(family: u8, ifindex: u32, state: u16, dst: &[u8], mac: &[u8]) -> Vec<u8> {
        let mut body = vec![family, 0, 0, 0];
        body.extend_from_slice(&ifindex.to_ne_bytes());
        body.extend_from_slice(&state.to_ne_bytes());
        body.extend_from_slice(&[0, 1]);
        for (kind, data) in [(NDA_DST, dst), (NDA_LLADDR, mac)] {
            body.extend_from_slice(&u16::try_from(4 + data.len()).unwrap().to_ne_bytes());
            body.extend_from_slice(&kind.to_ne_bytes());
            body.extend_from_slice(data);
            while body.len() % 4 != 0 {
                body.push(0);
            }
        }
        let mut out = u32::try_from(16 + body.len()).unwrap().to_ne_bytes().to_vec();
        out.extend_from_slice(&RTM_NEWNEIGH.to_ne_bytes());
        out.extend_from_slice(&[0; 10]);
        out.extend_from_slice(&body);
        out
    }

    #[test]
    fn ipv6_neighbours_come_from_a_netlink_dump() {
        let ll: IpAddr = "fe80::4".parse().unwrap();
        let IpAddr::V6(v6) = ll else { unreachable!() };
        let mac = [2, 0, 0, 0, 0, 4];
        let mut buf = neigh(AF_INET6, 7, 0x04, &v6.octets(), &mac);
        // Another interface, an incomplete entry, an IPv4 entry: left out.
        buf.extend(neigh(
            AF_INET6,
            8,
            0x04,
            &"fe80::5".parse::<std::net::Ipv6Addr>().unwrap().octets(),
            &mac,
        ));
        buf.extend(neigh(
            AF_INET6,
            7,
            0x01,
            &"fe80::6".parse::<std::net::Ipv6Addr>().unwrap().octets(),
            &mac,
        ));
        buf.extend(neigh(2, 7, 0x02, &[10, 0, 0, 1], &mac));
        let mut out = HashMap::new();
        assert!(!parse_netlink_neigh(&buf, 7, &mut out));
        assert_eq!(out.len(), 1);
        assert_eq!(out[&ll], "02:00:00:00:00:04");
        let mut done = 20u32.to_ne_bytes().to_vec();
        done.extend_from_slice(&NLMSG_DONE.to_ne_bytes());
        done.extend_from_slice(&[0; 14]);
        assert!(parse_netlink_neigh(&done, 7, &mut out));
        // Cut anywhere or garbage: no panic, nothing wrong added.
        for cut in 0..buf.len() {
            let mut m = HashMap::new();
            parse_netlink_neigh(&buf[..cut], 7, &mut m);
            assert!(m.len() <= 1);
        }
        assert!(!parse_netlink_neigh(&[0xff; 40], 7, &mut HashMap::new()));
        assert_eq!(neigh_dump_request(1).len(), 28);
    }
}
