//! C2SP tlog-tiles: the tree as static, cacheable files.
//!
//! `tile/<L>/<N>[.p/<W>]` holds the hashes of the tree's nodes at height `8 L`, indexes
//! `256 N .. 256 N + W` (32 bytes each); `tile/entries/<N>[.p/<W>]` holds entries
//! `256 N .. 256 N + W`, each a big-endian 16-bit length and the entry (a statement's canonical
//! JSON; the registry keeps every entry under 64 KiB for this reason). `N` is written in groups
//! of three digits, all but the last prefixed with `x` (`x001/x234/067`). A full tile never
//! changes; a partial tile (`.p/<W>`) is served only while the tree holds exactly that width.

/// A tile request, parsed from the path after `tile/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TileRef {
    /// `None` for the entry bundle.
    pub level: Option<u8>,
    pub index: u64,
    /// 256 for a full tile.
    pub width: u16,
}

/// The number of hashes (or entries) in a full tile.
pub const TILE_WIDTH: u64 = 256;

/// Parses `0/x001/234`, `entries/005.p/17`, ...; `None` for anything else (one spelling per
/// tile: leading zeros exactly as the spec writes them).
pub fn parse(path: &str) -> Option<TileRef> {
    let (head, rest) = path.split_once('/')?;
    let level = if head == "entries" {
        None
    } else {
        let l: u8 = head.parse().ok()?;
        if l > 63 || head != l.to_string() {
            return None;
        }
        Some(l)
    };
    let (index_part, width) = match rest.split_once(".p/") {
        Some((i, w)) => {
            let width: u16 = w.parse().ok()?;
            if !(1..TILE_WIDTH as u16).contains(&width) || w != width.to_string() {
                return None;
            }
            (i, width)
        }
        None => (rest, TILE_WIDTH as u16),
    };
    let groups: Vec<&str> = index_part.split('/').collect();
    let mut index: u64 = 0;
    for (i, g) in groups.iter().enumerate() {
        let digits = if i + 1 < groups.len() { g.strip_prefix('x')? } else { g };
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        index = index.checked_mul(1000)?.checked_add(digits.parse::<u64>().ok()?)?;
    }
    if groups.len() > 1 && groups[0] == "x000" {
        return None;
    }
    Some(TileRef { level, index, width })
}

/// The path of tile `index` (without the `.p/` suffix).
pub fn index_path(index: u64) -> String {
    let mut groups = vec![format!("{:03}", index % 1000)];
    let mut n = index / 1000;
    while n > 0 {
        groups.push(format!("x{:03}", n % 1000));
        n /= 1000;
    }
    groups.reverse();
    groups.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for (path, level, index, width) in [
            ("0/000", Some(0), 0, 256),
            ("1/x001/x234/067", Some(1), 1_234_067, 256),
            ("entries/005.p/17", None, 5, 17),
            ("63/999.p/255", Some(63), 999, 255),
        ] {
            let t = parse(path).unwrap_or_else(|| panic!("{path}"));
            assert_eq!((t.level, t.index, t.width), (level, index, width), "{path}");
        }
        assert_eq!(index_path(1_234_067), "x001/x234/067");
        assert_eq!(index_path(5), "005");
        for bad in [
            "0/5",
            "00/000",
            "64/000",
            "0/000.p/0",
            "0/000.p/256",
            "0/x000/001",
            "0/001/002",
            "x/000",
            "0/000.p/017",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
