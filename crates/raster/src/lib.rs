//! iotlabel-raster: PNG and PDF from the label's SVG, rendered in-process (resvg for pixels,
//! svg2pdf for vectors). Apart from `render` so that the text formats (and the registry) do not
//! pull in the font and raster stack.
//!
//! Architecture invariant: the SVG is the single source of the box panel; this crate only
//! converts it and does no I/O.
//!
//! Text is laid out with fonts bundled in the binary (DejaVu Sans regular and bold, `fonts/`, under
//! the Bitstream Vera licence in `fonts/LICENSE-DejaVu.txt`), loaded once into one font database
//! that both outputs share. System fonts are never consulted and external files are never read
//! (no `<image href="file">`), so the same SVG gives the same PNG and PDF on every machine, and
//! this module does no I/O. Every font family, generic or named, resolves to DejaVu Sans.
//!
//! Sizes come from the SVG's physical `width`/`height` (the label's are in mm): the PNG has
//! `round(size in inches x dpi)` pixels per side and records its resolution (a `pHYs` chunk) so
//! it prints at its real size; the PDF page is the same physical size in points (1/72 inch).

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, ImageHrefResolver, Options, Tree, fontdb};

/// A rendering failure (a bug or resource problem, not bad user input: inputs are validated
/// before rendering).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("the SVG could not be read back: {0}")]
    Svg(String),
    #[error("PNG encoding failed: {0}")]
    Png(String),
    #[error("PDF conversion failed: {0}")]
    Pdf(String),
}

/// The family every text is set in.
pub const FONT_FAMILY: &str = "DejaVu Sans";

static DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// usvg's unit of length: CSS pixels, 96 per inch.
const CSS_DPI: f32 = 96.0;

/// Largest PNG side accepted, in pixels (a 90 x 120 mm label at 1,200 dpi is 5,669 px high).
pub const MAX_SIDE_PX: u32 = 16_384;

/// Parsing options shared by every rendering: bundled fonts only, no file access.
fn options() -> &'static Options<'static> {
    static OPTIONS: OnceLock<Options<'static>> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        for font in [DEJAVU_SANS, DEJAVU_SANS_BOLD] {
            db.load_font_source(fontdb::Source::Binary(Arc::new(font)));
        }
        db.set_serif_family(FONT_FAMILY);
        db.set_sans_serif_family(FONT_FAMILY);
        db.set_monospace_family(FONT_FAMILY);
        db.set_cursive_family(FONT_FAMILY);
        db.set_fantasy_family(FONT_FAMILY);
        Options {
            font_family: FONT_FAMILY.to_string(),
            fontdb: Arc::new(db),
            image_href_resolver: ImageHrefResolver {
                resolve_data: ImageHrefResolver::default_data_resolver(),
                // Only data: URLs; a path or URL in href is never opened.
                resolve_string: Box::new(|_, _| None),
            },
            ..Options::default()
        }
    })
}

fn parse(svg: &str) -> Result<Tree, RenderError> {
    Tree::from_str(svg, options()).map_err(|e| RenderError::Svg(e.to_string()))
}

/// The PNG pixel size of an SVG of `size` (CSS px) at `dpi`.
fn pixel_size(size: usvg::Size, dpi: f32) -> Result<(u32, u32), RenderError> {
    if !(dpi.is_finite() && dpi > 0.0) {
        return Err(RenderError::Png(format!("the resolution must be a positive number of dpi, not {dpi}")));
    }
    let scale = dpi / CSS_DPI;
    let (w, h) = ((size.width() * scale).round(), (size.height() * scale).round());
    let max = MAX_SIDE_PX as f32;
    if !(w >= 1.0 && h >= 1.0 && w <= max && h <= max) {
        return Err(RenderError::Png(format!(
            "{w} x {h} px at {dpi} dpi is outside 1..={MAX_SIDE_PX} px per side"
        )));
    }
    Ok((w as u32, h as u32))
}

/// Renders the SVG to a PNG at `dpi` (300 for print): opaque, white under the drawing.
///
/// A 90 x 120 mm label at 300 dpi is 1063 x 1417 px.
pub fn png(svg: &str, dpi: f32) -> Result<Vec<u8>, RenderError> {
    let tree = parse(svg)?;
    let size = tree.size();
    let (w, h) = pixel_size(size, dpi)?;
    let mut pixmap =
        Pixmap::new(w, h).ok_or_else(|| RenderError::Png(format!("cannot allocate {w} x {h} px")))?;
    pixmap.fill(Color::WHITE);
    let transform = Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| RenderError::Png(e.to_string()))?;
    Ok(with_resolution(png, dpi))
}

/// Converts the SVG to a one-page PDF of the SVG's physical size, text kept as text (selectable,
/// searchable) in subsets of the bundled fonts embedded in the file.
///
/// The document carries the SVG's `<title>` as its title (shown by viewers in place of the file
/// name) and the SVG root's `lang` as its language, so screen readers pick the right voice.
/// svg2pdf 0.13 writes no structure tree, so the PDF is not tagged (PDF/UA needs one).
pub fn pdf(svg: &str) -> Result<Vec<u8>, RenderError> {
    let tree = parse(svg)?;
    let conversion = svg2pdf::ConversionOptions { compress: true, embed_text: true, ..Default::default() };
    let pdf = svg2pdf::to_pdf(&tree, conversion, svg2pdf::PageOptions { dpi: CSS_DPI })
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    Ok(canonical_pdf(&pdf, &Meta::of(svg)).unwrap_or(pdf))
}

/// A PDF's title and language, read from the SVG it is made of (the SVG is the single source).
#[derive(Debug, Default, PartialEq, Eq)]
struct Meta {
    title: Option<String>,
    lang: Option<String>,
}

impl Meta {
    fn of(svg: &str) -> Meta {
        let root_end = svg.find("<svg").and_then(|i| svg[i..].find('>').map(|j| i + j));
        let lang = root_end.and_then(|end| {
            let root = &svg[..end];
            let at = root.find(" lang=\"")? + " lang=\"".len();
            let value = &root[at..at + root[at..].find('"')?];
            // A language tag: letters, digits and hyphens only (it is written into the PDF).
            (!value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
                .then(|| value.to_string())
        });
        let title = svg.find("<title").and_then(|i| {
            let start = i + svg[i..].find('>')? + 1;
            let end = start + svg[start..].find("</title>")?;
            let text = &svg[start..end];
            Some(
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        });
        Meta { title, lang }
    }

    /// The entries to add to the document catalog and to the information dictionary.
    fn entries(&self) -> (String, String) {
        let mut catalog = String::new();
        if let Some(lang) = &self.lang {
            catalog.push_str(&format!("  /Lang ({lang})\n"));
        }
        let mut info = String::new();
        if let Some(title) = &self.title {
            // UTF-16BE with a byte order mark, in hex: any character, nothing to escape.
            let hex: String = title.encode_utf16().map(|u| format!("{u:04X}")).collect();
            info.push_str(&format!("  /Title <FEFF{hex}>\n"));
            catalog.push_str("  /ViewerPreferences << /DisplayDocTitle true >>\n");
        }
        (catalog, info)
    }
}

/// The reference `N 0 R` a trailer gives for `key`.
fn trailer_ref(trailer: &str, key: &str) -> Option<u32> {
    let at = trailer.find(key)? + key.len();
    trailer[at..].trim_start().split(' ').next()?.parse().ok()
}

/// `dict` (`<<` ... `>>`) with `entries` added before its closing `>>`.
fn with_entries(dict: &str, entries: &str) -> Option<String> {
    let end = dict.rfind(">>")?;
    Some(format!("{}{entries}{}", &dict[..end], &dict[end..]))
}

/// The same PDF with its objects numbered and ordered canonically, and the title and language
/// added to its catalog and information dictionary.
///
/// svg2pdf writes fonts and resource dictionaries in hash-map order, so two conversions of the
/// same SVG differ in object order (not in content). This renumbers the objects in the order
/// they are reached from the trailer (`/Root`, then `/Info`), with the entries of resource
/// dictionaries (`/Font`, `/XObject`, ...) sorted by name first, and rewrites the cross-reference
/// table: the same SVG always gives the same bytes. Only the layout svg2pdf's writer produces is
/// understood; anything else gives `None` and the caller keeps the PDF as it was.
fn canonical_pdf(pdf: &[u8], meta: &Meta) -> Option<Vec<u8>> {
    let first = pdf_layout::parse(pdf)?;
    let (catalog, info) = meta.entries();
    let mut patched: Vec<(u32, String)> = Vec::new();
    for (key, entries) in [("/Root", &catalog), ("/Info", &info)] {
        if entries.is_empty() {
            continue;
        }
        // A PDF without the dictionary keeps its canonical form without the entries.
        let Some(object) =
            trailer_ref(first.trailer, key).and_then(|n| first.objects.iter().find(|o| o.num == n))
        else {
            continue;
        };
        patched.push((object.num, with_entries(object.dict, entries)?));
    }
    let mut parsed = first;
    for o in &mut parsed.objects {
        if let Some((_, dict)) = patched.iter().find(|(n, _)| *n == o.num) {
            o.dict = dict;
        }
    }
    pdf_layout::canonical(&parsed)
}

/// Reading and rewriting the plain, uncompressed-structure PDF layout of `pdf-writer`:
///
/// ```text
/// %PDF-1.7\n%<binary>\n\n
/// N 0 obj\n<<\n  /Key value\n  ...\n>>[\nstream\n<Length bytes>\nendstream]\nendobj\n\n  (repeated)
/// xref\n0 M\n...\ntrailer\n<<\n  /Size M\n  /Root R 0 R\n  /Info I 0 R\n>>\nstartxref\nX\n%%EOF
/// ```
mod pdf_layout {
    use std::collections::HashMap;
    use std::fmt::Write as _;

    pub struct Object<'a> {
        pub num: u32,
        /// The text between `N 0 obj\n` and `\nstream\n` or `\nendobj`.
        pub dict: &'a str,
        pub stream: Option<&'a [u8]>,
    }

    pub struct Parsed<'a> {
        pub header: &'a [u8],
        pub objects: Vec<Object<'a>>,
        /// The trailer dictionary's text (`<<` ... `>>`).
        pub trailer: &'a str,
    }

    fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
        hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
    }

    pub fn parse(pdf: &[u8]) -> Option<Parsed<'_>> {
        if !pdf.starts_with(b"%PDF-") {
            return None;
        }
        // The header is two lines and a blank one.
        let mut pos = find(pdf, b"\n\n", 0)? + 2;
        let header = &pdf[..pos];
        let mut objects = Vec::new();
        while !pdf[pos..].starts_with(b"xref\n") {
            let line_end = find(pdf, b"\n", pos)?;
            let head = std::str::from_utf8(&pdf[pos..line_end]).ok()?;
            let num: u32 = head.strip_suffix(" 0 obj")?.parse().ok()?;
            let body = line_end + 1;
            let stream_at = find(pdf, b"\nstream\n", body);
            let end_at = find(pdf, b"\nendobj\n", body)?;
            let (dict_end, stream, after) = match stream_at {
                Some(s) if s < end_at => {
                    let dict = std::str::from_utf8(&pdf[body..s]).ok()?;
                    let len: usize = dict
                        .lines()
                        .find_map(|l| l.trim().strip_prefix("/Length "))
                        .and_then(|v| v.trim().parse().ok())?;
                    let data = s + "\nstream\n".len();
                    let data_end = data.checked_add(len)?;
                    let tail = b"\nendstream\nendobj\n\n";
                    if pdf.get(data_end..data_end + tail.len())? != tail {
                        return None;
                    }
                    (s, Some(&pdf[data..data_end]), data_end + tail.len())
                }
                _ => {
                    let tail = b"\nendobj\n\n";
                    if pdf.get(end_at..end_at + tail.len())? != tail {
                        return None;
                    }
                    (end_at, None, end_at + tail.len())
                }
            };
            let dict = std::str::from_utf8(&pdf[body..dict_end]).ok()?;
            objects.push(Object { num, dict, stream });
            pos = after;
        }
        let t = find(pdf, b"trailer\n", pos)? + "trailer\n".len();
        let t_end = find(pdf, b"\nstartxref\n", t)?;
        let trailer = std::str::from_utf8(&pdf[t..t_end]).ok()?;
        Some(Parsed { header, objects, trailer })
    }

    /// Keys whose dictionary values are name -> resource maps, written in hash order.
    const RESOURCE_KEYS: [&str; 7] =
        ["/Font", "/XObject", "/Pattern", "/ExtGState", "/Shading", "/ColorSpace", "/Properties"];

    /// Sorts the entry lines of resource dictionaries (one `/name value` per line).
    fn sort_resource_entries(dict: &str) -> Option<String> {
        let mut out: Vec<String> = Vec::new();
        // For each open `<<`: whether it is a resource map, and where its entries start in `out`.
        let mut stack: Vec<(bool, usize)> = Vec::new();
        for line in dict.split('\n') {
            let t = line.trim();
            if t == ">>" || t.starts_with(">>") {
                let (resource_map, start) = stack.pop()?;
                if resource_map {
                    out[start..].sort();
                }
            }
            if let Some(key) = t.strip_suffix("<<") {
                if stack.last().is_some_and(|&(resource_map, _)| resource_map) {
                    // A multi-line entry inside a resource map: do not reorder.
                    return None;
                }
                let key = key.trim();
                out.push(line.to_string());
                stack.push((RESOURCE_KEYS.contains(&key), out.len()));
            } else {
                if stack.last().is_some_and(|&(resource_map, _)| resource_map)
                    && !(t.starts_with('/') || t.starts_with(">>"))
                {
                    // Not one entry per line: do not reorder.
                    return None;
                }
                out.push(line.to_string());
            }
        }
        if !stack.is_empty() {
            return None;
        }
        Some(out.join("\n"))
    }

    /// Byte ranges and numbers of the `N 0 R` references in dictionary text, skipping strings.
    fn references(dict: &str) -> Vec<(usize, usize, u32)> {
        let b = dict.as_bytes();
        let mut refs = Vec::new();
        let mut i = 0;
        let delimiter = |c: u8| c.is_ascii_whitespace() || b"[]<>/()".contains(&c);
        while i < b.len() {
            match b[i] {
                b'(' => {
                    // A literal string: balanced parentheses, backslash escapes.
                    let mut depth = 0usize;
                    while i < b.len() {
                        match b[i] {
                            b'\\' => i += 1,
                            b'(' => depth += 1,
                            b')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    i += 1;
                }
                c if c.is_ascii_digit() && (i == 0 || delimiter(b[i - 1])) => {
                    let start = i;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    let rest = &b[i..];
                    if rest.starts_with(b" 0 R") && rest.get(4).is_none_or(|&c| delimiter(c)) {
                        if let Ok(n) = dict[start..i].parse() {
                            refs.push((start, i, n));
                        }
                        i += 4;
                    }
                }
                _ => i += 1,
            }
        }
        refs
    }

    fn renumber(dict: &str, map: &HashMap<u32, u32>) -> Option<String> {
        let mut out = String::with_capacity(dict.len());
        let mut last = 0;
        for (start, end, n) in references(dict) {
            out.push_str(&dict[last..start]);
            let _ = write!(out, "{}", map.get(&n)?);
            last = end;
        }
        out.push_str(&dict[last..]);
        Some(out)
    }

    pub fn canonical(p: &Parsed<'_>) -> Option<Vec<u8>> {
        let index: HashMap<u32, usize> = p.objects.iter().enumerate().map(|(i, o)| (o.num, i)).collect();
        if index.len() != p.objects.len() {
            return None;
        }
        let dicts: Vec<String> =
            p.objects.iter().map(|o| sort_resource_entries(o.dict)).collect::<Option<_>>()?;
        // Number objects in depth-first order of first reference from the trailer.
        let mut map: HashMap<u32, u32> = HashMap::new();
        let mut order: Vec<usize> = Vec::new();
        let mut stack: Vec<u32> = references(p.trailer).into_iter().rev().map(|r| r.2).collect();
        while let Some(n) = stack.pop() {
            if map.contains_key(&n) {
                continue;
            }
            let &i = index.get(&n)?;
            map.insert(n, order.len() as u32 + 1);
            order.push(i);
            stack.extend(references(&dicts[i]).into_iter().rev().map(|r| r.2));
        }
        if order.len() != p.objects.len() {
            return None;
        }
        let mut out = Vec::with_capacity(
            p.header.len()
                + p.objects
                    .iter()
                    .map(|o| o.dict.len() + o.stream.map_or(0, <[u8]>::len) + 64)
                    .sum::<usize>()
                + 64 * order.len(),
        );
        out.extend_from_slice(p.header);
        let mut offsets = Vec::with_capacity(order.len());
        for (k, &i) in order.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
            out.extend_from_slice(renumber(&dicts[i], &map)?.as_bytes());
            if let Some(data) = p.objects[i].stream {
                out.extend_from_slice(b"\nstream\n");
                out.extend_from_slice(data);
                out.extend_from_slice(b"\nendstream");
            }
            out.extend_from_slice(b"\nendobj\n\n");
        }
        let xref = out.len();
        let size = order.len() + 1;
        let mut tail = format!("xref\n0 {size}\n0000000000 65535 f\r\n");
        for off in offsets {
            let _ = write!(tail, "{off:010} 00000 n\r\n");
        }
        let trailer = renumber(p.trailer, &map)?;
        let mut size_seen = false;
        let trailer: Vec<String> = trailer
            .split('\n')
            .map(|l| match l.trim().strip_prefix("/Size ") {
                Some(_) => {
                    size_seen = true;
                    format!("  /Size {size}")
                }
                None => l.to_string(),
            })
            .collect();
        if !size_seen {
            return None;
        }
        let _ = write!(tail, "trailer\n{}\nstartxref\n{xref}\n%%EOF", trailer.join("\n"));
        out.extend_from_slice(tail.as_bytes());
        Some(out)
    }
}

/// Adds a `pHYs` chunk (pixels per metre) right after `IHDR`, so viewers and print dialogs know
/// the physical size. Returns the input unchanged if it does not look like tiny-skia's PNG.
fn with_resolution(png: Vec<u8>, dpi: f32) -> Vec<u8> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    // Signature (8) + IHDR chunk (length 4, type 4, data 13, CRC 4).
    const AFTER_IHDR: usize = 8 + 4 + 4 + 13 + 4;
    if png.len() < AFTER_IHDR || &png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return png;
    }
    let per_metre = (dpi as f64 / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.push(1); // unit: metre
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..AFTER_IHDR]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[AFTER_IHDR..]);
    out
}

/// CRC-32 (ISO 3309, as PNG uses it), bit by bit: it only ever covers a few bytes here.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_png_reference_value() {
        // The CRC of an IEND chunk's type, as every PNG ends with it.
        assert_eq!(crc32(b"IEND"), 0xae42_6082);
    }

    #[test]
    fn pixel_sizes_follow_physical_size_and_dpi() {
        let mm = |v: f32| v / 25.4 * CSS_DPI;
        let size = usvg::Size::from_wh(mm(90.0), mm(120.0)).expect("size");
        assert_eq!(pixel_size(size, 300.0).expect("fits"), (1063, 1417));
        assert_eq!(pixel_size(size, 96.0).expect("fits"), (340, 454));
        for bad in [0.0, -1.0, f32::NAN, f32::INFINITY, 1e9] {
            assert!(pixel_size(size, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pdf_objects_are_put_in_a_canonical_order() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="20mm" viewBox="0 0 50 20"><text x="2" y="8" font-size="5">Regular</text><text x="2" y="16" font-size="5" font-weight="bold">Bold</text></svg>"##;
        let tree = parse(svg).expect("parses");
        let raw = || {
            svg2pdf::to_pdf(
                &tree,
                svg2pdf::ConversionOptions::default(),
                svg2pdf::PageOptions { dpi: CSS_DPI },
            )
            .expect("converts")
        };
        // Two fonts in a hash map: find two raw conversions that differ (each run has a new seed).
        let first = raw();
        let other = (0..64).map(|_| raw()).find(|p| *p != first).expect("svg2pdf's output order varies");
        let a = canonical_pdf(&first, &Meta::default()).expect("the svg2pdf layout is understood");
        let b = canonical_pdf(&other, &Meta::default()).expect("the svg2pdf layout is understood");
        assert!(a == b, "canonical forms differ");
        // The cross-reference table points at every object (byte offsets).
        let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
        let xref = find(&a, b"\nxref\n").expect("xref") + 1;
        let table = String::from_utf8(a[xref..].to_vec()).expect("the table is text");
        let offsets: Vec<usize> = table
            .lines()
            .filter(|l| l.ends_with(" 00000 n"))
            .map(|l| l[..10].parse().expect("offset"))
            .collect();
        for (k, &off) in offsets.iter().enumerate() {
            assert!(a[off..].starts_with(format!("{} 0 obj\n", k + 1).as_bytes()), "object {}", k + 1);
        }
        let startxref = table.rsplit("startxref\n").next().and_then(|t| t.lines().next()).expect("startxref");
        assert_eq!(startxref.parse::<usize>().expect("a number"), xref);
        assert!(table.contains(&format!("/Size {}\n", offsets.len() + 1)), "{table}");
        // Anything else is left alone.
        assert!(canonical_pdf(b"%PDF-1.7\n%\n\ngarbage", &Meta::default()).is_none());
    }

    #[test]
    fn every_family_resolves_to_the_bundled_fonts() {
        let db = &options().fontdb;
        assert_eq!(db.len(), 2);
        for family in [fontdb::Family::Serif, fontdb::Family::Monospace, fontdb::Family::Name("Arial")] {
            let query =
                fontdb::Query { families: &[family, fontdb::Family::SansSerif], ..Default::default() };
            assert!(db.query(&query).is_some());
        }
    }
}
