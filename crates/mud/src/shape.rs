//! The YANG shape of a MUD file as a table: which members each container and list entry has,
//! which are mandatory, and each leaf's type with its range, pattern or enumeration
//! (RFC 8520, RFC 8519, RFC 6991 types, encoded as RFC 7951 says).

use crate::types::AclType;

pub(crate) enum Shape {
    /// A container: a JSON object.
    Obj(&'static [Field]),
    /// A YANG list: a JSON array of objects.
    List(&'static [Field]),
    Leaf(Leaf),
    /// A leaf-list: a JSON array of leaves.
    LeafList(Leaf),
}

pub(crate) struct Field {
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
}

#[derive(Clone, Copy)]
pub(crate) enum Leaf {
    /// A string whose content a check accepts (`None`: any string, of the given length range).
    Str {
        min: usize,
        max: usize,
        check: Option<Check>,
    },
    /// An unsigned integer in a range (uint8, uint16, uint32 are JSON numbers in RFC 7951).
    Uint {
        min: u64,
        max: u64,
    },
    Bool,
    /// The YANG `empty` type: `[null]`.
    Empty,
    Enum(&'static [&'static str]),
}

/// A check of a string's content: `Err(expected)` when it fails.
pub(crate) type Check = fn(&str) -> Result<(), &'static str>;

const fn f(name: &'static str, shape: Shape) -> Field {
    Field { name, shape, required: false }
}

const fn req(name: &'static str, shape: Shape) -> Field {
    Field { name, shape, required: true }
}

const ANY: Leaf = Leaf::Str { min: 0, max: usize::MAX, check: None };
const U8: Leaf = Leaf::Uint { min: 0, max: 255 };
const U16: Leaf = Leaf::Uint { min: 0, max: 65_535 };

const PORT: Shape = Shape::Obj(&[
    f("operator", Shape::Leaf(Leaf::Enum(&["eq", "neq", "lte", "gte"]))),
    f("port", Shape::Leaf(U16)),
    f("lower-port", Shape::Leaf(U16)),
    f("upper-port", Shape::Leaf(U16)),
]);

const HOST: Leaf = Leaf::Str { min: 1, max: 253, check: Some(check::host) };

const MATCHES: Shape = Shape::Obj(&[
    f(
        "eth",
        Shape::Obj(&[
            f("destination-mac-address", Shape::Leaf(Leaf::Str { min: 1, max: 64, check: Some(check::mac) })),
            f("source-mac-address", Shape::Leaf(Leaf::Str { min: 1, max: 64, check: Some(check::mac) })),
            f("ethertype", Shape::Leaf(U16)),
        ]),
    ),
    f(
        "ipv4",
        Shape::Obj(&[
            f("dscp", Shape::Leaf(Leaf::Uint { min: 0, max: 63 })),
            f("ecn", Shape::Leaf(Leaf::Uint { min: 0, max: 3 })),
            f("length", Shape::Leaf(U16)),
            f("ttl", Shape::Leaf(U8)),
            f("protocol", Shape::Leaf(U8)),
            f(
                "destination-ipv4-network",
                Shape::Leaf(Leaf::Str { min: 1, max: 64, check: Some(check::ipv4_prefix) }),
            ),
            f(
                "source-ipv4-network",
                Shape::Leaf(Leaf::Str { min: 1, max: 64, check: Some(check::ipv4_prefix) }),
            ),
            f("ietf-acldns:dst-dnsname", Shape::Leaf(HOST)),
            f("ietf-acldns:src-dnsname", Shape::Leaf(HOST)),
        ]),
    ),
    f(
        "ipv6",
        Shape::Obj(&[
            f("dscp", Shape::Leaf(Leaf::Uint { min: 0, max: 63 })),
            f("ecn", Shape::Leaf(Leaf::Uint { min: 0, max: 3 })),
            f("length", Shape::Leaf(U16)),
            f("ttl", Shape::Leaf(U8)),
            f("protocol", Shape::Leaf(U8)),
            f("flow-label", Shape::Leaf(Leaf::Uint { min: 0, max: 1_048_575 })),
            f(
                "destination-ipv6-network",
                Shape::Leaf(Leaf::Str { min: 1, max: 64, check: Some(check::ipv6_prefix) }),
            ),
            f(
                "source-ipv6-network",
                Shape::Leaf(Leaf::Str { min: 1, max: 64, check: Some(check::ipv6_prefix) }),
            ),
            f("ietf-acldns:dst-dnsname", Shape::Leaf(HOST)),
            f("ietf-acldns:src-dnsname", Shape::Leaf(HOST)),
        ]),
    ),
    f(
        "tcp",
        Shape::Obj(&[
            f("flags", Shape::Leaf(ANY)),
            f("source-port", PORT),
            f("destination-port", PORT),
            f("ietf-mud:direction-initiated", Shape::Leaf(Leaf::Enum(&["from-device", "to-device"]))),
        ]),
    ),
    f(
        "udp",
        Shape::Obj(&[f("length", Shape::Leaf(U16)), f("source-port", PORT), f("destination-port", PORT)]),
    ),
    f("icmp", Shape::Obj(&[f("type", Shape::Leaf(U8)), f("code", Shape::Leaf(U8))])),
    f(
        "ietf-mud:mud",
        Shape::Obj(&[
            f("manufacturer", Shape::Leaf(HOST)),
            f("same-manufacturer", Shape::Leaf(Leaf::Empty)),
            f("model", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: Some(check::uri) })),
            f("local-networks", Shape::Leaf(Leaf::Empty)),
            f("controller", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: None })),
            f("my-controller", Shape::Leaf(Leaf::Empty)),
        ]),
    ),
]);

const POLICY: Shape = Shape::Obj(&[req(
    "access-lists",
    Shape::Obj(&[req(
        "access-list",
        Shape::List(&[req("name", Shape::Leaf(Leaf::Str { min: 1, max: 64, check: None }))]),
    )]),
)]);

/// The root of a MUD file.
pub(crate) const ROOT: Shape = Shape::Obj(&[
    req(
        "ietf-mud:mud",
        Shape::Obj(&[
            req("mud-version", Shape::Leaf(Leaf::Uint { min: 1, max: 1 })),
            // Mandatory; its absence is reported (or, read leniently, warned about) before.
            f("mud-url", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: Some(check::https_url) })),
            req("last-update", Shape::Leaf(Leaf::Str { min: 1, max: 64, check: Some(check::date_and_time) })),
            f("mud-signature", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: Some(check::uri) })),
            f("cache-validity", Shape::Leaf(Leaf::Uint { min: 1, max: 168 })),
            req("is-supported", Shape::Leaf(Leaf::Bool)),
            f("systeminfo", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: None })),
            f("mfg-name", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: None })),
            f("model-name", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: None })),
            f("firmware-rev", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: None })),
            f("software-rev", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: None })),
            f("documentation", Shape::Leaf(Leaf::Str { min: 1, max: 2048, check: Some(check::uri) })),
            f("extensions", Shape::LeafList(Leaf::Str { min: 1, max: 40, check: None })),
            f("from-device-policy", POLICY),
            f("to-device-policy", POLICY),
        ]),
    ),
    f(
        "ietf-access-control-list:acls",
        Shape::Obj(&[req(
            "acl",
            Shape::List(&[
                req("name", Shape::Leaf(Leaf::Str { min: 1, max: 64, check: None })),
                f("type", Shape::Leaf(Leaf::Enum(AclType::NAMES))),
                f(
                    "aces",
                    Shape::Obj(&[req(
                        "ace",
                        Shape::List(&[
                            req("name", Shape::Leaf(Leaf::Str { min: 1, max: 64, check: None })),
                            f("matches", MATCHES),
                            req(
                                "actions",
                                Shape::Obj(&[
                                    req("forwarding", Shape::Leaf(Leaf::Enum(&["accept", "drop", "reject"]))),
                                    f("logging", Shape::Leaf(Leaf::Enum(&["log-action", "log-none"]))),
                                ]),
                            ),
                        ]),
                    )]),
                ),
            ]),
        )]),
    ),
]);

/// Content checks of the string types (RFC 6991 patterns, RFC 8520 rules).
pub(crate) mod check {
    use core::net::{Ipv4Addr, Ipv6Addr};

    /// `inet:host`: a domain name (RFC 1123 labels) or an IP address.
    pub fn host(s: &str) -> Result<(), &'static str> {
        if s.parse::<Ipv4Addr>().is_ok() || s.parse::<Ipv6Addr>().is_ok() {
            return Ok(());
        }
        domain(s)
    }

    /// A DNS domain name: dot-separated labels of letters, digits, `-` and `_`, 1 to 63 each.
    pub fn domain(s: &str) -> Result<(), &'static str> {
        const E: &str = "a domain name (labels of letters, digits and `-`, 1 to 63 characters, separated by dots) or an IP address";
        let name = s.strip_suffix('.').unwrap_or(s);
        if name.is_empty() || name.len() > 253 {
            return Err(E);
        }
        for label in name.split('.') {
            let ok = !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !label.starts_with('-')
                && !label.ends_with('-');
            if !ok {
                return Err(E);
            }
        }
        Ok(())
    }

    /// `inet:uri` as a MUD file uses it: an absolute URI (a scheme, then no spaces).
    pub fn uri(s: &str) -> Result<(), &'static str> {
        const E: &str = "an absolute URI such as https://example.com/path (a scheme, `:`, no spaces)";
        let Some((scheme, rest)) = s.split_once(':') else { return Err(E) };
        let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !scheme_ok || rest.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(E);
        }
        Ok(())
    }

    /// The MUD URL: https with a host (RFC 8520 section 1.5).
    pub fn https_url(s: &str) -> Result<(), &'static str> {
        const E: &str = "an https URL with a host (RFC 8520: the MUD URL uses the https scheme)";
        uri(s).map_err(|_| E)?;
        let Some(rest) = s.strip_prefix("https://") else { return Err(E) };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = if host.starts_with('[') { host } else { host.split(':').next().unwrap_or_default() };
        if host.is_empty() {
            return Err(E);
        }
        Ok(())
    }

    /// YANG `date-and-time` (RFC 6991): `2019-01-28T11:20:51+01:00`, `...Z`, fractions allowed.
    pub fn date_and_time(s: &str) -> Result<(), &'static str> {
        const E: &str =
            "a date-and-time with its UTC offset, e.g. 2019-01-28T11:20:51+01:00 or 2019-01-28T10:20:51Z";
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
        let shape = b.len() >= 20
            && digits(0..4)
            && b[4] == b'-'
            && digits(5..7)
            && b[7] == b'-'
            && digits(8..10)
            && b[10] == b'T'
            && digits(11..13)
            && b[13] == b':'
            && digits(14..16)
            && b[16] == b':'
            && digits(17..19);
        if !shape {
            return Err(E);
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(99);
        if !(1..=12).contains(&num(5..7))
            || !(1..=31).contains(&num(8..10))
            || num(11..13) > 23
            || num(14..16) > 59
            || num(17..19) > 60
        {
            return Err(E);
        }
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return Err(E);
            }
            rest = &frac[n..];
        }
        let zone_ok = rest == "Z"
            || (rest.len() == 6
                && (rest.starts_with('+') || rest.starts_with('-'))
                && rest.as_bytes()[3] == b':'
                && rest[1..3].bytes().all(|c| c.is_ascii_digit())
                && rest[4..6].bytes().all(|c| c.is_ascii_digit()));
        if zone_ok { Ok(()) } else { Err(E) }
    }

    /// `yang:mac-address`: six pairs of hex digits separated by colons.
    pub fn mac(s: &str) -> Result<(), &'static str> {
        const E: &str = "a MAC address such as 02:00:00:00:00:05";
        let parts: Vec<&str> = s.split(':').collect();
        if parts.len() == 6 && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            Ok(())
        } else {
            Err(E)
        }
    }

    /// `inet:ipv4-prefix`: `192.0.2.0/24`.
    pub fn ipv4_prefix(s: &str) -> Result<(), &'static str> {
        const E: &str = "an IPv4 prefix such as 192.0.2.0/24";
        let (a, l) = s.split_once('/').ok_or(E)?;
        a.parse::<Ipv4Addr>().map_err(|_| E)?;
        match l.parse::<u8>() {
            Ok(n) if n <= 32 && !l.starts_with('+') => Ok(()),
            _ => Err(E),
        }
    }

    /// `inet:ipv6-prefix`: `2001:db8::/32`.
    pub fn ipv6_prefix(s: &str) -> Result<(), &'static str> {
        const E: &str = "an IPv6 prefix such as 2001:db8::/32";
        let (a, l) = s.split_once('/').ok_or(E)?;
        a.parse::<Ipv6Addr>().map_err(|_| E)?;
        match l.parse::<u8>() {
            Ok(n) if n <= 128 && !l.starts_with('+') => Ok(()),
            _ => Err(E),
        }
    }
}
