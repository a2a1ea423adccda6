//! The label's QR code, as an SVG fragment the primary layer places where it wants.
//!
//! # What the code says
//!
//! The QR code encodes one text: the label's URL ([`label_payload`]),
//! `<base_url><label id>?d=<first 16 hex digits of the content digest>`, for example
//! `https://registry.example/l/acme-cam-2-b1-2-4-1?d=3f9a0c51d2e4b7a8`. A phone opens it as a plain
//! link; nothing else is needed to read the secondary layer.
//!
//! # How a scanned label is checked against the registry
//!
//! 1. The path after the registry's base URL is the label id (a slug of brand, model, hardware and
//!    firmware versions, see [`iotlabel_label::facts::slug`]); the registry looks up the label published
//!    under that id. No such label: the label was never registered (or the URL was altered).
//! 2. The registry holds the full content digest of what it published, `sha256:<64 hex>` over the
//!    RFC 8785 canonical JSON of the declaration (with the evidence, if any; see
//!    [`iotlabel_label::facts::digest`] and `docs/label-digest.md`, which any language can follow).
//!    The `d` parameter is its first 16 hex digits (64 bits). The registry compares them
//!    ([`digest_matches`] does exactly this):
//!    - equal: the printed label shows the facts the registry publishes now;
//!    - different: the label was printed from another version of the declaration (superseded, for
//!      example after a firmware update or a corrected declaration, or forged). The registry still
//!      shows the current page, with a notice that the box label is out of date, and can list the
//!      version whose digest starts with `d` if it kept it;
//!    - missing or malformed: treat as unverified (a hand-typed or truncated URL).
//!
//! The digest is not a signature: it proves which content a label was printed from, not who
//! printed it. Trust comes from the registry (HTTPS on the base URL and the registry's own
//! records of who registered the label).
//!
//! # Rendering
//!
//! Error correction level M (recovers about 15 % of damaged modules: scuffs and creases on a box).
//! Dark modules are one `<path>` (runs of dark modules per row, all in one fill, so no hairline
//! seams between modules in PDF viewers), black on a white square that includes the 4-module
//! quiet zone the standard requires, all inside `size`. `shape-rendering="crispEdges"` keeps
//! module edges sharp in the PNG. Data too long for any QR version gives a visible
//! "QR unavailable" box instead of a panic.

use std::cell::RefCell;
use std::fmt::Write as _;

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel, QrCode, Version, bits, ec};

use iotlabel_label::facts::Label;

/// Modules of light margin on each side (ISO/IEC 18004 requires 4).
pub const QUIET_ZONE: usize = 4;

/// The text the label's QR code encodes: the label URL, which carries `?d=<first 16 hex>` of the
/// content digest.
pub fn label_payload(label: &Label) -> String {
    label.url.clone()
}

/// Whether a scanned label URL's `d` parameter matches a full content digest (`sha256:<hex>`, as
/// [`iotlabel_label::facts::digest`] writes it). False when the URL has no `d` or it is not 16 hex digits.
pub fn digest_matches(scanned_url: &str, digest: &str) -> bool {
    let Some(query) = scanned_url.split_once('?').map(|(_, q)| q.split('#').next().unwrap_or(q)) else {
        return false;
    };
    let Some(d) = query.split('&').find_map(|kv| kv.strip_prefix("d=")) else {
        return false;
    };
    let hex = digest.strip_prefix("sha256:").unwrap_or(digest);
    d.len() == 16
        && d.bytes().all(|b| b.is_ascii_hexdigit())
        && hex.len() >= 16
        && hex.as_bytes()[..16].eq_ignore_ascii_case(d.as_bytes())
}

/// An SVG fragment drawing the QR code of `data` with its top-left corner at (`x`, `y`) and side
/// `size`, in the caller's viewBox units; the quiet zone is inside `size`.
///
/// When `data` does not fit in a QR code, the fragment is a framed box reading "QR unavailable".
pub fn svg_fragment(data: &str, x: f32, y: f32, size: f32) -> String {
    svg_fragment_in(data, x, y, size, iotlabel_i18n::Lang::En)
}

/// [`svg_fragment`] with the "unavailable" notice in `lang` (from the message catalogs).
pub fn svg_fragment_in(data: &str, x: f32, y: f32, size: f32, lang: iotlabel_i18n::Lang) -> String {
    match modules(data) {
        Some((w, dark)) => code_fragment(w, &dark, x, y, size),
        None => unavailable_fragment(x, y, size, lang),
    }
}

/// The mask patterns in the order of their reference numbers 0 to 7 (ISO/IEC 18004 table 10).
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The QR code of `data` at level M: its width in modules and whether each module (row by row)
/// is dark. `None` when the data does not fit.
///
/// The same symbol as `QrCode::with_error_correction_level(data, EcLevel::M)` (a test checks it),
/// built through the crate's public steps so that the mask is chosen with a faster penalty count
/// (the crate's own takes about 0.7 ms per code, most of a label's rendering time; this about
/// 0.2 ms). The last code made on each thread is kept: the HTML page embeds the primary layer, so
/// rendering a label's two layers asks for the same code twice.
pub fn modules(data: &str) -> Option<(usize, Vec<bool>)> {
    type Memo = Option<(String, Option<(usize, Vec<bool>)>)>;
    thread_local! {
        static LAST: RefCell<Memo> = const { RefCell::new(None) };
    }
    if let Some(hit) =
        LAST.with_borrow(|last| last.as_ref().filter(|(d, _)| d == data).map(|(_, m)| m.clone()))
    {
        return hit;
    }
    let made = make_modules(data);
    LAST.set(Some((data.to_string(), made.clone())));
    made
}

fn make_modules(data: &str) -> Option<(usize, Vec<bool>)> {
    let bits = bits::encode_auto(data.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    if !matches!(version, Version::Normal(_)) {
        let code = QrCode::with_bits(bits, EcLevel::M).ok()?;
        return Some((code.width(), code.to_colors().into_iter().map(|c| c == Color::Dark).collect()));
    }
    let data_bytes = bits.into_bytes();
    let (data_codewords, ec_codewords) = ec::construct_codewords(&data_bytes, version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data_codewords, &ec_codewords);
    let w = usize::try_from(version.width()).ok()?;
    let mut best: Option<(i64, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark: Vec<bool> = masked.into_colors().into_iter().map(|c| c == Color::Dark).collect();
        let score = penalty(&dark, w);
        // The first of equal scores wins, as in the qrcode crate.
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| (w, dark))
}

/// The mask penalty score (lower is better), computed exactly as the qrcode crate does:
/// runs of 5 + n same-coloured modules in a row or column (3 + n each), 2 x 2 same-coloured
/// blocks (3 each), finder-like `#.###.#` patterns not flanked by 4 light modules (40 each,
/// less the 9 + 9 of the three real finder patterns), and the dark/light imbalance. It runs 8
/// times per code: codes up to 125 modules wide (version 27, far beyond a label URL) are scored
/// on 128-bit rows and columns, wider ones module by module.
fn penalty(dark: &[bool], w: usize) -> i64 {
    if w <= 125 { penalty_bits(dark, w) } else { penalty_scalar(dark, w) }
}

fn penalty_bits(dark: &[bool], w: usize) -> i64 {
    let mut rows = vec![0u128; w];
    let mut cols = vec![0u128; w];
    // Lines are stored reversed (the first module in the highest bit), which keeps the shifts
    // constant; every score is symmetric (`#.###.#` is a palindrome, flanks are checked on both
    // sides).
    for (row, line) in rows.iter_mut().zip(dark.chunks_exact(w)) {
        for (col, &d) in cols.iter_mut().zip(line) {
            let bit = u128::from(d);
            *row = (*row << 1) | bit;
            *col = (*col << 1) | bit;
        }
    }
    let all: u128 = (1 << w) - 1;
    let pairs: u128 = (1 << (w - 1)) - 1;
    let mut score = 0i64;
    for lines in [&rows, &cols] {
        for &b in lines.iter() {
            let nb = !b & all;
            // Runs: each run of length L >= 5 holds L - 4 five-module windows; L - 2 points.
            let same = !(b ^ (b >> 1)) & pairs;
            let five = same & (same >> 1) & (same >> 2) & (same >> 3);
            let starts = five & !(same << 1);
            score += i64::from(five.count_ones()) + 2 * i64::from(starts.count_ones());
            // `#.###.#` starting at j, without 4 light modules before it or after it.
            let found = b & (nb >> 1) & (b >> 2) & (b >> 3) & (b >> 4) & (nb >> 5) & (b >> 6);
            let dark_before = (b << 1) | (b << 2) | (b << 3) | (b << 4);
            let dark_after = (b >> 7) | (b >> 8) | (b >> 9) | (b >> 10);
            score += 40 * i64::from((found & !(dark_before & dark_after)).count_ones());
        }
        score -= 360;
    }
    for pair in rows.windows(2) {
        let (r0, r1) = (pair[0], pair[1]);
        let block = !(r0 ^ r1) & !(r0 ^ (r0 >> 1)) & !(r1 ^ (r1 >> 1)) & pairs;
        score += 3 * i64::from(block.count_ones());
    }
    let dark_count: u32 = rows.iter().map(|r| r.count_ones()).sum();
    let ratio = (dark_count as usize * 200 / dark.len().max(1)) as i64;
    score + (ratio - 100).abs()
}

fn penalty_scalar(dark: &[bool], w: usize) -> i64 {
    let rows: Vec<u8> = dark.iter().map(|&d| u8::from(d)).collect();
    let mut cols = vec![0u8; rows.len()];
    for y in 0..w {
        for x in 0..w {
            cols[x * w + y] = rows[y * w + x];
        }
    }
    let mut score = 0i64;
    for lines in [&rows, &cols] {
        for line in lines.chunks_exact(w) {
            score += line_penalty(line);
        }
        score -= 360;
    }
    // 2 x 2 blocks.
    for pair in rows.windows(2 * w).step_by(w) {
        let (top, bottom) = pair.split_at(w);
        for x in 0..w - 1 {
            let c = top[x];
            score += 3 * i64::from((top[x + 1] == c) & (bottom[x] == c) & (bottom[x + 1] == c));
        }
    }
    // Balance.
    let dark_count: usize = rows.iter().map(|&d| usize::from(d)).sum();
    let ratio = (dark_count * 200 / rows.len().max(1)) as i64;
    score + (ratio - 100).abs()
}

/// Runs and finder-like patterns in one row or column.
fn line_penalty(line: &[u8]) -> i64 {
    let w = line.len();
    let mut score = 0i64;
    let mut run = 1i64;
    for j in 1..w {
        let same = i64::from(line[j] == line[j - 1]);
        // A run ends here: count it if it was 5 or longer.
        score += (1 - same) * i64::from(run >= 5) * (run - 2);
        run = run * same + 1;
    }
    score += i64::from(run >= 5) * (run - 2);
    // `#.###.#` ending at j: a 7-bit window over the line.
    const PATTERN: u32 = 0b101_1101;
    let mut window = 0u32;
    for (j, &d) in line.iter().enumerate() {
        window = ((window << 1) | u32::from(d)) & 0x7f;
        if j >= 6 && window == PATTERN {
            let start = j - 6;
            let before = line[start.saturating_sub(4)..start].contains(&1);
            let after = line[(j + 1).min(w)..(j + 5).min(w)].contains(&1);
            if !before || !after {
                score += 40;
            }
        }
    }
    score
}

fn code_fragment(w: usize, dark: &[bool], x: f32, y: f32, size: f32) -> String {
    let n = w + 2 * QUIET_ZONE;
    let scale = size / n as f32;
    let mut out = String::with_capacity(256 + w * w / 2);
    let _ = write!(
        out,
        r##"<g class="qr" transform="translate({} {}) scale({})" shape-rendering="crispEdges"><rect width="{n}" height="{n}" fill="#fff"/><path fill="#000" d=""##,
        num(x),
        num(y),
        num(scale),
    );
    // Every run of dark modules is a clockwise 1-high rectangle; moves are relative to the
    // previous run's start (a closed subpath returns there), which keeps the path short.
    let (mut px, mut py) = (0usize, 0usize);
    let mut first = true;
    for row in 0..w {
        let mut col = 0;
        while col < w {
            if !dark[row * w + col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < w && dark[row * w + col] {
                col += 1;
            }
            let len = col - start;
            let (ax, ay) = (start + QUIET_ZONE, row + QUIET_ZONE);
            if first {
                let _ = write!(out, "M{ax} {ay}");
                first = false;
            } else {
                let dx = ax as isize - px as isize;
                let dy = ay - py;
                let _ = write!(out, "m{dx} {dy}");
            }
            let _ = write!(out, "h{len}v1h-{len}z");
            (px, py) = (ax, ay);
        }
    }
    out.push_str(r#""/></g>"#);
    out
}

fn unavailable_fragment(x: f32, y: f32, size: f32, lang: iotlabel_i18n::Lang) -> String {
    let font = size / 10.0;
    let notice = crate::wording::xml(&iotlabel_i18n::text(lang, "label-qr-unavailable"));
    format!(
        r##"<g class="qr qr-unavailable" transform="translate({} {})"><rect x="{}" y="{}" width="{}" height="{}" fill="#fff" stroke="#000" stroke-width="{}"/><text x="{}" y="{}" font-family="DejaVu Sans, sans-serif" font-size="{}" text-anchor="middle" fill="#000">{}</text></g>"##,
        num(x),
        num(y),
        num(size / 100.0),
        num(size / 100.0),
        num(size * 0.98),
        num(size * 0.98),
        num(size / 50.0),
        num(size / 2.0),
        num(size / 2.0 + font * 0.35),
        num(font),
        notice,
    )
}

/// A number for an SVG attribute: at most 4 decimals, no trailing zeros, never NaN or infinite
/// (those become 0, so a bad caller value cannot make the SVG unreadable).
fn num(v: f32) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://registry.example/l/acme-cam-2-b1-2-4-1?d=3f9a0c51d2e4b7a8";

    /// Redraws the path's module grid from its commands, to check it against the code.
    fn modules_from_path(fragment: &str, n: usize) -> Vec<bool> {
        let d = fragment.split(" d=\"").nth(1).and_then(|s| s.split('"').next()).expect("path");
        let mut grid = vec![false; n * n];
        let (mut x, mut y) = (0isize, 0isize);
        let mut chars = d.chars().peekable();
        let read = |chars: &mut std::iter::Peekable<std::str::Chars>| -> isize {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c == '-' && s.is_empty() || c.is_ascii_digit() {
                    s.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            s.parse().expect("number")
        };
        while let Some(c) = chars.next() {
            match c {
                'M' => {
                    x = read(&mut chars);
                    chars.next();
                    y = read(&mut chars);
                }
                'm' => {
                    x += read(&mut chars);
                    chars.next();
                    y += read(&mut chars);
                }
                'h' => {
                    let len = read(&mut chars);
                    if len > 0 {
                        for i in 0..len {
                            grid[y as usize * n + (x + i) as usize] = true;
                        }
                    }
                }
                'v' => {
                    assert_eq!(read(&mut chars), 1);
                }
                'z' => {}
                other => panic!("unexpected path command {other:?}"),
            }
        }
        grid
    }

    #[test]
    fn path_draws_exactly_the_dark_modules_inside_the_quiet_zone() {
        let (w, dark) = modules(URL).expect("fits");
        let n = w + 2 * QUIET_ZONE;
        let frag = svg_fragment(URL, 10.0, 20.5, 30.0);
        assert!(frag.starts_with(r#"<g class="qr" transform="translate(10 20.5) scale("#), "{frag}");
        assert!(frag.contains(r#"shape-rendering="crispEdges""#));
        assert!(frag.contains(&format!(r##"<rect width="{n}" height="{n}" fill="#fff"/>"##)));
        assert_eq!(frag.matches("<path").count(), 1);
        let grid = modules_from_path(&frag, n);
        for yy in 0..n {
            for xx in 0..n {
                let inside =
                    (QUIET_ZONE..QUIET_ZONE + w).contains(&xx) && (QUIET_ZONE..QUIET_ZONE + w).contains(&yy);
                let expected = inside && dark[(yy - QUIET_ZONE) * w + (xx - QUIET_ZONE)];
                assert_eq!(grid[yy * n + xx], expected, "module ({xx}, {yy})");
            }
        }
    }

    #[test]
    fn modules_are_the_qrcode_crates_symbol() {
        // Lengths across versions 1 to 10, URL-like and other content (numeric and alphanumeric
        // segments change the encoding), so every mask gets chosen somewhere.
        let mut checked = 0;
        for len in (0..300).step_by(7) {
            for payload in [
                format!("https://registry.example/l/{}?d=0a93929b3d4800c5", "ab-c".repeat(len / 4)),
                "0123456789".repeat(len / 10 + 1)[..len].to_string(),
                format!("HTTPS://R.EXAMPLE/{}", "X7-".repeat(len / 3)),
                (0..len).map(|i| char::from(b'!' + (i * 31 % 90) as u8)).collect(),
            ] {
                let code = QrCode::with_error_correction_level(&payload, EcLevel::M).expect("fits");
                let expected: Vec<bool> = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
                assert_eq!(modules(&payload), Some((code.width(), expected)), "{payload:?}");
                checked += 1;
            }
        }
        assert!(checked > 100);
        assert_eq!(modules(&"x".repeat(5_000)), None);
    }

    #[test]
    fn bitwise_and_scalar_penalties_agree() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for w in (21..=125).step_by(4).chain([7, 8, 11, 124, 125]) {
            for density in [1, 2, 3] {
                // Sparse, even and dense grids, plus long runs from repeated words.
                let dark: Vec<bool> = (0..w * w).map(|_| next() % 4 < density).collect();
                assert_eq!(penalty_bits(&dark, w), penalty_scalar(&dark, w), "width {w}");
            }
        }
        let (w, dark) = modules(URL).expect("fits");
        assert_eq!(penalty_bits(&dark, w), penalty_scalar(&dark, w));
    }

    #[test]
    fn too_long_data_gives_a_visible_notice_not_a_panic() {
        let long = "x".repeat(5_000);
        let frag = svg_fragment(&long, 0.0, 0.0, 25.0);
        assert!(frag.contains(">QR unavailable</text>"), "{frag}");
        assert!(!frag.contains("<path"));
        // Bad geometry does not produce unreadable numbers either.
        let frag = svg_fragment(URL, f32::NAN, f32::INFINITY, -0.0);
        assert!(!frag.contains("NaN") && !frag.contains("inf"), "{frag}");
    }

    #[test]
    fn empty_data_still_makes_a_code() {
        assert!(svg_fragment("", 0.0, 0.0, 10.0).contains("<path"));
    }

    #[test]
    fn digest_prefix_is_checked() {
        let digest = "sha256:3f9a0c51d2e4b7a8aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        assert!(digest_matches(URL, digest));
        assert!(digest_matches(&URL.replace("?d=", "?lang=fr&d="), digest));
        assert!(digest_matches(&format!("{URL}#top"), digest));
        assert!(digest_matches(&URL.to_uppercase().replace("?D=", "?d="), digest));
        assert!(!digest_matches(&URL.replace("3f9a", "3f9b"), digest));
        assert!(!digest_matches("https://registry.example/l/acme-cam-2", digest));
        assert!(!digest_matches(&URL.replace("b7a8", "b7a"), digest));
        assert!(!digest_matches(URL, "sha256:3f9a"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(1.0 / 3.0), "0.3333");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(num(f32::NAN), "0");
    }
}
