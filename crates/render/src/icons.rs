//! The label's icons: our own line drawings, one per taxonomy sensor type and data type plus a
//! few status icons, kept as data files under `crates/render/icons/` and embedded at build time.
//!
//! Every file is a standalone SVG on a 24 x 24 grid, drawn with a black stroke and no fill, so it
//! stays legible in black and white at about 6 mm. [`get`] returns the drawing without its `<svg>`
//! wrapper; [`place`] draws it at a position and size in a panel's coordinates.

macro_rules! icons {
    ($($name:literal),+ $(,)?) => {
        /// Every icon: its name and its file.
        pub const ALL: &[(&str, &str)] = &[$(($name, include_str!(concat!("../icons/", $name, ".svg")))),+];
    };
}

icons![
    "sensor-microphone",
    "sensor-camera",
    "sensor-location",
    "sensor-motion",
    "sensor-thermometer",
    "sensor-humidity",
    "sensor-light",
    "sensor-biometric",
    "sensor-heart-rate",
    "sensor-glucose",
    "sensor-accelerometer",
    "sensor-contact",
    "sensor-power-meter",
    "data-personal-identifiers",
    "data-audio",
    "data-video",
    "data-location",
    "data-health",
    "data-environmental",
    "data-usage",
    "data-biometric",
    "data-children",
    "data-network-metadata",
    "data-payment",
    "status-update",
    "status-password",
    "status-shield",
    "status-offline",
    "status-cloud",
    "status-lab",
    "status-self-declared",
    "status-off-switch",
    "status-framework",
    "status-calendar",
];

/// The drawing of an icon (the content of its 24 x 24 `<svg>`, without the wrapper), by name:
/// `sensor-<taxonomy id>`, `data-<taxonomy id>` or `status-<name>`.
pub fn get(name: &str) -> Option<&'static str> {
    ALL.iter().find(|(n, _)| *n == name).map(|(_, file)| inner(file))
}

/// The icon of a taxonomy sensor type, or a generic one.
pub fn sensor(kind: &str) -> &'static str {
    get(&format!("sensor-{kind}")).unwrap_or_else(|| get("status-shield").unwrap_or_default())
}

/// The icon of a taxonomy data type, or a generic one.
pub fn data(kind: &str) -> &'static str {
    get(&format!("data-{kind}")).unwrap_or_else(|| get("status-self-declared").unwrap_or_default())
}

/// A status icon (`update`, `password`, `shield`, `offline`, `cloud`, `lab`, `self-declared`,
/// `off-switch`, `framework`, `calendar`).
pub fn status(name: &str) -> &'static str {
    get(&format!("status-{name}")).unwrap_or_default()
}

/// The content between the root `<svg ...>` start tag and its `</svg>` end tag.
fn inner(file: &'static str) -> &'static str {
    let start = file.find("<svg").and_then(|i| file[i..].find('>').map(|j| i + j + 1)).unwrap_or(0);
    let end = file.rfind("</svg>").unwrap_or(file.len());
    file[start..end.max(start)].trim()
}

/// The stroke style every icon is drawn with (the files set the same on their root).
pub const STYLE: &str =
    r##"fill="none" stroke="#000" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round""##;

/// An icon drawn at `x`, `y` (top left) with side `size`, in the surrounding SVG's units: a
/// transformed `<g>` carrying the stroke style. `title`, when given, is the icon's text
/// alternative (already escaped for XML).
pub fn place(drawing: &str, x: f32, y: f32, size: f32, title: Option<&str>) -> String {
    let scale = size / 24.0;
    let title = title.map(|t| format!("<title>{t}</title>")).unwrap_or_default();
    format!(
        "<g transform=\"translate({} {}) scale({})\" {STYLE}>{title}{}</g>",
        num(x),
        num(y),
        num(scale),
        compact(drawing)
    )
}

/// A drawing on one line: the files keep one element per line for reading.
pub fn compact(drawing: &str) -> String {
    drawing.lines().map(str::trim).collect()
}

/// A number with at most three decimals and no trailing zeros (stable, compact SVG).
pub(crate) fn num(v: f32) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icons_are_bare_drawings() {
        for (name, _) in ALL {
            let d = get(name).unwrap();
            assert!(!d.contains("<svg") && !d.contains("</svg>") && d.starts_with('<'), "{name}");
        }
        assert!(get("no-such-icon").is_none());
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(0.25), "0.25");
    }
}
