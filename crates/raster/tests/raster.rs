//! PNG and PDF output: physical sizes, bundled fonts, determinism, and the QR code read back by a
//! real decoder (`zbarimg`, Debian/Ubuntu package `zbar-tools`; the decoder test fails, it does
//! not skip, when the tool is missing).

#[path = "../../render/benches/common/sample.rs"]
mod sample;

use std::io::ErrorKind;
use std::process::Command;

use iotlabel_label::{Label, LabelInput, build};
use iotlabel_model::{Format, parse_declaration};
use iotlabel_raster::{self as raster, RenderError};
use iotlabel_render::{Lang, qr, svg};

const BASE_URL: &str = "https://registry.example/l/";
/// 90 x 120 mm at 300 dpi.
const LABEL_PX: (u32, u32) = (1063, 1417);
/// 90 x 120 mm in points.
const LABEL_PT: (f64, f64) = (90.0 / 25.4 * 72.0, 120.0 / 25.4 * 72.0);

fn acme_label() -> Label {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/devices/acme-cam-2.toml");
    let text = std::fs::read_to_string(path).expect("examples/devices/acme-cam-2.toml is readable");
    let decl = parse_declaration("acme-cam-2.toml", &text, Format::Toml).expect("the example is valid");
    let report = iotlabel_testkit::engine().assess(&decl, None, &[], iotlabel_testkit::as_of());
    build(&LabelInput { decl: &decl, evidence: None, report: &report, base_url: BASE_URL })
}

fn sample_svg(payload: &str) -> String {
    sample::label_svg("Acme Cam 2", &sample::sample_lines(), payload)
}

struct Decoded {
    width: u32,
    height: u32,
    /// Pixels per metre, if recorded.
    per_metre: Option<(u32, u32)>,
    /// 8-bit RGBA.
    rgba: Vec<u8>,
}

fn decode(png_bytes: &[u8]) -> Decoded {
    let decoder = png::Decoder::new(png_bytes);
    let mut reader = decoder.read_info().expect("a valid PNG header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a valid PNG frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    assert_eq!(info.color_type, png::ColorType::Rgba);
    buf.truncate(info.buffer_size());
    let per_metre = reader.info().pixel_dims.filter(|d| d.unit == png::Unit::Meter).map(|d| (d.xppu, d.yppu));
    Decoded { width: info.width, height: info.height, per_metre, rgba: buf }
}

/// Pixels darker than mid-grey.
fn ink(d: &Decoded) -> usize {
    d.rgba.chunks_exact(4).filter(|p| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 128).count()
}

/// Runs `zbarimg --raw -q` on the PNG and returns the decoded texts.
fn zbar(png_bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("label.png");
    std::fs::write(&file, png_bytes).expect("write temp PNG");
    let out = match Command::new("zbarimg").arg("--raw").arg("-q").arg(&file).output() {
        Ok(out) => out,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "zbarimg not found: the QR decoder test needs it; install zbar-tools \
             (`sudo apt-get install -y zbar-tools`, or `brew install zbar` on macOS)"
        ),
        Err(e) => panic!("cannot run zbarimg: {e}"),
    };
    // Exit status 4 means "no symbol found": an empty result, judged by the caller.
    assert!(
        out.status.success() || out.status.code() == Some(4),
        "zbarimg failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output").lines().map(str::to_string).collect()
}

/// `[x0 y0 x1 y1]` of the first `/MediaBox`.
fn media_box(pdf: &[u8]) -> [f64; 4] {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("/MediaBox").expect("a /MediaBox");
    let rest = &text[start + "/MediaBox".len()..];
    let open = rest.find('[').expect("[");
    let close = rest.find(']').expect("]");
    let nums: Vec<f64> =
        rest[open + 1..close].split_whitespace().map(|n| n.parse().expect("a number")).collect();
    nums.try_into().expect("four numbers")
}

#[test]
fn png_has_the_labels_physical_size_at_300_dpi() {
    let png =
        raster::png(&sample_svg("https://registry.example/l/x?d=0123456789abcdef"), 300.0).expect("renders");
    let d = decode(&png);
    assert_eq!((d.width, d.height), LABEL_PX);
    // 300 dpi = 11811 pixels per metre, so print dialogs know it is 90 x 120 mm.
    assert_eq!(d.per_metre, Some((11811, 11811)));
    // Opaque, white corners (background), real ink (text, icons, QR).
    assert!(d.rgba.chunks_exact(4).all(|p| p[3] == 255));
    assert_eq!(&d.rgba[..4], &[255, 255, 255, 255]);
    assert!(ink(&d) > 10_000, "too little ink: {}", ink(&d));

    let d = decode(&raster::png(&sample_svg("x"), 96.0).expect("renders"));
    assert_eq!((d.width, d.height), (340, 454));
}

#[test]
fn png_and_pdf_are_byte_identical_run_to_run() {
    // svg2pdf writes fonts in hash-map order; raster::pdf puts them in a canonical order. Several
    // runs, so that an unordered write would very likely show.
    let svg = sample_svg("https://registry.example/l/x?d=0123456789abcdef");
    let png = raster::png(&svg, 300.0).expect("png");
    let pdf = raster::pdf(&svg).expect("pdf");
    for _ in 0..6 {
        assert!(raster::png(&svg, 300.0).expect("png") == png, "PNG bytes changed between runs");
        assert!(raster::pdf(&svg).expect("pdf") == pdf, "PDF bytes changed between runs");
    }
}

#[test]
fn text_uses_the_bundled_fonts_whatever_family_is_asked_for() {
    let text = |family: &str, weight: &str| {
        let svg = format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="60mm" height="10mm" viewBox="0 0 60 10"><text x="2" y="7" font-size="5" font-family="{family}" font-weight="{weight}">Updates until 2029</text></svg>"##
        );
        ink(&decode(&raster::png(&svg, 300.0).expect("renders")))
    };
    let regular = text("DejaVu Sans", "normal");
    assert!(regular > 1_000, "the text was not drawn ({regular} dark pixels): no font?");
    // Families that are not bundled fall back to DejaVu Sans, identically.
    for family in ["Helvetica, Arial, sans-serif", "serif", "monospace", "No Such Font"] {
        assert_eq!(text(family, "normal"), regular, "{family}");
    }
    // Bold is the bundled bold face, not the regular one.
    assert!(text("DejaVu Sans", "bold") > regular * 11 / 10);
}

#[test]
fn pdf_page_is_the_labels_physical_size_with_embedded_fonts() {
    let pdf = raster::pdf(&sample_svg("https://registry.example/l/x?d=0123456789abcdef")).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let [x0, y0, x1, y1] = media_box(&pdf);
    assert_eq!((x0, y0), (0.0, 0.0));
    assert!((x1 - LABEL_PT.0).abs() < 0.01 && (y1 - LABEL_PT.1).abs() < 0.01, "MediaBox {x1} x {y1} pt");
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("DejaVuSans"), "the bundled font is named in the PDF");
    assert!(text.contains("/FontFile2"), "the font program is embedded");
    assert!(text.contains("DejaVuSans-Bold"), "the bold face is embedded too");
}

/// The PDF says what it is and in which language: the panel's title (with its accents and
/// `&`) as the document title, shown instead of the file name, and the panel's language.
#[test]
fn pdf_has_the_panels_title_and_language() {
    let decl = iotlabel_testkit::example("acme-cam-2");
    let report = iotlabel_testkit::engine().assess(&decl, None, &[], iotlabel_testkit::as_of());
    let label =
        build(&LabelInput { decl: &decl, evidence: None, report: &report, base_url: "https://r.example/l/" });
    for lang in [Lang::En, Lang::Fr] {
        let svg = svg::primary(&label, &[lang]);
        let pdf = raster::pdf(&svg).expect("pdf");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains(&format!("/Lang ({})", lang.code())), "{lang:?}: no /Lang in the catalog");
        let title = iotlabel_render::wording::title(&label, lang);
        let hex: String = title.encode_utf16().map(|u| format!("{u:04X}")).collect();
        assert!(text.contains(&format!("/Title <FEFF{hex}>")), "no /Title `{title}`");
        assert!(text.contains("/DisplayDocTitle true"));
        // Still canonical: the same bytes run to run.
        assert_eq!(pdf, raster::pdf(&svg).unwrap());
    }
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    assert!(matches!(raster::png("<svg", 300.0), Err(RenderError::Svg(_))));
    assert!(matches!(raster::pdf("not svg"), Err(RenderError::Svg(_))));
    let svg = sample_svg("x");
    assert!(matches!(raster::png(&svg, 0.0), Err(RenderError::Png(_))));
    assert!(matches!(raster::png(&svg, f32::NAN), Err(RenderError::Png(_))));
    assert!(matches!(raster::png(&svg, 1_000_000.0), Err(RenderError::Png(_))));
}

#[test]
fn label_payload_is_the_url_with_the_digest_prefix() {
    let label = acme_label();
    let payload = qr::label_payload(&label);
    let hex = label.digest.strip_prefix("sha256:").expect("sha256 digest");
    assert_eq!(payload, format!("{BASE_URL}{}?d={}", label.id, &hex[..16]));
    assert!(qr::digest_matches(&payload, &label.digest));
}

#[test]
fn qr_code_is_read_back_by_zbar_at_300_dpi() {
    let label = acme_label();
    let payload = qr::label_payload(&label);
    // The sample's size, and a small code (20 mm) still well above printable module sizes.
    for size in [sample::QR_SIZE, 20.0] {
        let fragment = qr::svg_fragment(&payload, sample::QR_X, sample::QR_Y, size);
        let svg = sample::label_svg_with_qr("Acme Cam 2", &sample::sample_lines(), &fragment);
        let png = raster::png(&svg, 300.0).expect("renders");
        assert_eq!(zbar(&png), vec![payload.clone()], "QR of {size} mm");
    }
}

#[test]
fn too_long_payload_shows_a_notice_instead_of_a_code() {
    // Too long for any QR version: a visible notice, no code, no panic.
    let long = format!("{BASE_URL}{}", "x".repeat(4_000));
    let svg = sample_svg(&long);
    assert!(svg.contains("QR unavailable"));
    let png = raster::png(&svg, 300.0).expect("renders");
    assert_eq!(zbar(&png), Vec::<String>::new());
    raster::pdf(&svg).expect("pdf");
}

#[test]
fn the_real_label_renders_at_its_size_and_its_qr_code_reads_back() {
    let label = acme_label();
    let svg = svg::primary(&label, &[Lang::En]);
    let png = raster::png(&svg, 300.0).expect("renders");
    let d = decode(&png);
    assert_eq!((d.width, d.height), LABEL_PX);
    assert!(ink(&d) > 10_000, "too little ink: {}", ink(&d));
    assert_eq!(zbar(&png), vec![qr::label_payload(&label)]);

    let pdf = raster::pdf(&svg).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let [_, _, w, h] = media_box(&pdf);
    assert!((w - LABEL_PT.0).abs() < 0.01 && (h - LABEL_PT.1).abs() < 0.01, "MediaBox {w} x {h} pt");

    // Two languages side by side: 180 x 120 mm.
    let both = svg::primary(&label, &[Lang::En, Lang::Fr]);
    let d = decode(&raster::png(&both, 300.0).expect("renders"));
    assert_eq!((d.width, d.height), (2126, 1417));
    let [_, _, w, _] = media_box(&raster::pdf(&both).expect("pdf"));
    assert!((w - 2.0 * LABEL_PT.0).abs() < 0.01, "MediaBox width {w} pt");
}
