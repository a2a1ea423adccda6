//! The page's language: `?lang=` when the URL gives it, else the first language of
//! `Accept-Language` (by quality) that the site speaks, else English. Never a cookie: a link
//! carries its language, so a shared URL shows what its sender saw.

use iotlabel_i18n::Lang;

/// The language for a request: the URL's `lang` first, then `Accept-Language`.
pub fn negotiate(url_lang: Option<&str>, accept_language: Option<&str>) -> Lang {
    if let Some(lang) = url_lang.and_then(Lang::parse) {
        return lang;
    }
    let Some(header) = accept_language else { return Lang::En };
    let mut best: Option<(f32, usize, Lang)> = None;
    for (position, part) in header.split(',').enumerate() {
        let mut fields = part.split(';');
        let tag = fields.next().unwrap_or_default().trim();
        let quality = fields
            .filter_map(|f| f.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or_default();
        let Some(lang) = Lang::parse(primary) else { continue };
        if quality <= 0.0 {
            continue;
        }
        // Higher quality wins; among equals, the earlier one.
        if best.is_none_or(|(q, p, _)| quality > q || (quality == q && position < p)) {
            best = Some((quality, position, lang));
        }
    }
    best.map_or(Lang::En, |(_, _, lang)| lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_wins_then_the_best_accepted_language() {
        for (url, header, want) in [
            (Some("fr"), Some("en"), Lang::Fr),
            (Some("xx"), Some("fr-CA,fr;q=0.9,en;q=0.8"), Lang::Fr),
            (None, Some("de-DE,de;q=0.9,fr;q=0.8,en;q=0.7"), Lang::Fr),
            (None, Some("en;q=0.5, fr;q=0.6"), Lang::Fr),
            (None, Some("fr;q=0, en"), Lang::En),
            (None, Some("de"), Lang::En),
            (None, None, Lang::En),
            (Some("EN"), Some("fr"), Lang::En),
            (None, Some(";;;,q=,fr;q=abc"), Lang::Fr),
        ] {
            assert_eq!(negotiate(url, header), want, "{url:?} {header:?}");
        }
    }
}
