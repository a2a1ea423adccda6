//! The kernel's neighbour table (Linux `/proc/net/arp`): IP address → MAC address.

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
}
