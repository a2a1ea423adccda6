//! ETSI EN 303 645 implementation conformance statement (Annex B, Table B.1 pro forma)
//!
//! One row per provision of the catalog, in catalog order. Support: pass -> Y; fail or
//! contradicted -> N; not applicable -> N/A where the provision has a condition or feature
//! qualifier, else N with a note (the pro forma allows N/A only for qualified provisions);
//! unknown -> ? and listed. Refused when a mandatory provision is undecided.

use super::*;

pub(crate) fn etsi(cx: &Cx<'_, '_>) -> Result<String, Vec<Missing>> {
    const FW: &str = "etsi-en-303-645";
    let cats = cx.report.catalogs;
    let Some(cat) = cats.framework(FW) else {
        // Only if the catalog were dropped from the build (a packaging bug): refuse, never vouch.
        return Err(vec![Missing { field: "identity".into(), why: msg!("doc-scheme-etsi-en-303-645") }]);
    };
    let fw = cx.framework(FW);
    let result = |id: &str| fw.as_deref().and_then(|f| f.requirements.iter().find(|r| r.id == id));

    // Refuse on undecided mandatory provisions, grouped by the field to fill in.
    let mut by_field: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for req in &cat.requirements {
        let Some(r) = result(&req.id) else { continue };
        if r.verdict == Verdict::Unknown && req.status == Status::Mandatory {
            let fields: Vec<&str> = if !r.missing.is_empty() {
                to_fill_in(&cx.decl_json, &r.missing)
            } else if !r.fields.is_empty() {
                r.fields.to_vec()
            } else {
                vec![r.id]
            };
            for f in fields {
                let ids = by_field.entry(f).or_default();
                if !ids.contains(&r.id) {
                    ids.push(r.id);
                }
            }
        }
    }
    if !by_field.is_empty() {
        return Err(by_field
            .into_iter()
            .map(|(field, ids)| Missing {
                field: field.to_owned(),
                why: msg!(
                    "doc-why-etsi-unknown",
                    count = ids.len(),
                    ids = ids.iter().map(|s| s.to_string()).collect::<Vec<_>>()
                ),
            })
            .collect());
    }

    let d = cx.decl;
    let mut rows = String::new();
    let (mut y, mut n, mut na, mut q) = (0usize, 0usize, 0usize, 0usize);
    let mut undecided: Vec<String> = Vec::new();
    let mut not_implemented: Vec<String> = Vec::new();
    for req in &cat.requirements {
        let status = match (&req.status, &req.condition_ref) {
            (Status::Mandatory, Some(c)) => format!("M {c}"),
            (Status::Recommended, Some(c)) => format!("R {c}"),
            (Status::Mandatory, None) => "M".to_string(),
            (Status::Recommended, None) => "R".to_string(),
        };
        let qualified = req.qualifier != Qualifier::None;
        let (support, detail) = match result(&req.id) {
            Some(r) => {
                let mut detail = md_reason(&r.reason, cx.lang);
                if !r.evidence.is_empty() {
                    detail.push(' ');
                    let ids: Vec<String> = r.evidence.iter().map(|id| md(id)).collect();
                    detail.push_str(&cx.t(msg!("doc-etsi-evidence", ids = ids)));
                }
                let support = match r.verdict {
                    Verdict::Pass => "Y",
                    Verdict::Fail | Verdict::Contradicted => "N",
                    Verdict::NotApplicable if qualified => "N/A",
                    Verdict::NotApplicable => {
                        detail.push(' ');
                        detail.push_str(&cx.id("doc-etsi-na-unconditional"));
                        "N"
                    }
                    Verdict::Unknown => {
                        let fields: Vec<String> =
                            to_fill_in(&cx.decl_json, &r.missing).iter().map(|f| format!("`{f}`")).collect();
                        undecided.push(cx.t(msg!(
                            "doc-etsi-undecided-item",
                            id = r.id.to_string(),
                            fields = fields
                        )));
                        "?"
                    }
                };
                (support, detail)
            }
            None => ("?", cx.id("doc-not-declared")),
        };
        match support {
            "Y" => y += 1,
            "N" => {
                n += 1;
                if req.status == Status::Recommended {
                    not_implemented.push(req.id.clone());
                }
            }
            "N/A" => na += 1,
            _ => q += 1,
        }
        // Every value in `detail` went through `md`: no line break, no unescaped pipe.
        let _ = writeln!(rows, "| {} | {} | {} | {} |", req.id, status, support, detail.trim());
    }

    let i = &d.identity;
    let mut s = String::new();
    heading(&mut s, 1, &cx.t(msg!("doc-etsi-title", edition = cat.framework.edition.clone())));
    let _ = writeln!(s, "{}\n", cx.id("doc-etsi-intro"));
    bullet(&mut s, &cx.t(msg!("doc-etsi-product", product = cx.product_line())));
    bullet(&mut s, &cx.t(msg!("doc-etsi-manufacturer", name = md(&i.manufacturer.name))));
    s.push('\n');
    let _ = writeln!(s, "{}\n", cx.id("doc-etsi-legend"));
    let _ = writeln!(
        s,
        "{}\n",
        cx.t(msg!("doc-etsi-summary", y = y, n = n, na = na, unknown = q, total = cat.requirements.len()))
    );
    let _ = writeln!(
        s,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        cx.id("doc-etsi-col-id"),
        cx.id("doc-etsi-col-status"),
        cx.id("doc-etsi-col-support"),
        cx.id("doc-etsi-col-detail")
    );
    s.push_str(&rows);
    s.push('\n');

    if !not_implemented.is_empty() {
        heading(&mut s, 2, &cx.id("doc-etsi-not-implemented"));
        let _ = writeln!(s, "{}", cx.t(msg!("doc-etsi-not-implemented-intro", ids = not_implemented)));
        let justified = if d.documentation.justifications_recorded == Some(true) {
            "doc-etsi-justified"
        } else {
            "doc-etsi-not-justified"
        };
        let _ = writeln!(s, "{}\n", cx.id(justified));
    }
    if !undecided.is_empty() {
        heading(&mut s, 2, &cx.id("doc-etsi-undecided"));
        for u in &undecided {
            bullet(&mut s, u);
        }
        s.push('\n');
    }
    let _ = writeln!(s, "---\n\n{}", cx.prepared());
    Ok(s)
}
