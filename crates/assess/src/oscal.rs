//! Export of an assessment report as OSCAL assessment results (JSON), valid against NIST's
//! `oscal_assessment-results_schema.json` of [`OSCAL_VERSION`] (vendored in `schema/oscal/`).
//!
//! Mapping:
//! - one OSCAL `result` per assessed framework; its `reviewed-controls` select the controls of the
//!   framework's OSCAL catalog (as exported by `iotlabel_catalog::oscal::catalog`) that were
//!   assessed;
//! - per requirement, one `observation` (the verdict's reason, the declaration fields it rests on
//!   and the evidence item ids) and one `finding` targeting the control's statement
//!   (`statement-id` `req-<id>_smt`), with `status.state` `satisfied` (pass, not applicable) or
//!   `not-satisfied` (fail, contradicted, unknown) and the exact verdict in a `verdict` prop;
//! - `import-ap` points at a placeholder assessment plan in the back matter: iotlabel assesses
//!   against its built-in catalogs and issues no separate OSCAL assessment plan.
//!
//! The output is deterministic: the document UUID is a v5 UUID of the report's own JSON, and
//! every other UUID is derived from it and the framework / requirement ids; times are the
//! report's `as_of` date at midnight UTC.

use iotlabel_catalog::Catalogs;
use iotlabel_catalog::oscal::{
    NS, OSCAL_VERSION, catalog_uuid, clean, control_id, date_time, oscal_prop, prop, prop_with_remarks,
    put_list, statement_id, uuid,
};
use serde_json::{Map, Value, json};

use crate::controls::Verdict;
use crate::report::{Counts, FrameworkResult, Report, RequirementResult};

/// OSCAL's finding state for a verdict, and the status reason (`pass` / `fail` / `other`).
fn state(verdict: Verdict) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Pass => ("satisfied", "pass"),
        Verdict::NotApplicable => ("satisfied", "other"),
        Verdict::Fail | Verdict::Contradicted => ("not-satisfied", "fail"),
        Verdict::Unknown => ("not-satisfied", "other"),
    }
}

fn text_or(s: &str, fallback: &str) -> String {
    clean(s).unwrap_or_else(|| fallback.to_string())
}

/// The report as an OSCAL assessment-results document: `{"assessment-results": {...}}`.
/// The catalogs that judged the report supply framework details (full titles, catalog UUIDs, URLs).
pub fn assessment_results(report: &Report<'_>) -> Value {
    let cats = report.catalogs;
    // The report is plain data with a deterministic serialisation: its JSON identifies it.
    let doc_key = serde_json::to_string(report).unwrap_or_default();
    let doc_uuid = uuid(&format!("assessment-results/{doc_key}"));
    let when = date_time(&report.as_of.format("%Y-%m-%d").to_string());
    let d = &report.device;

    let device_name = text_or(&format!("{} {}", d.brand, d.model), "the device");
    let mut metadata = Map::new();
    metadata.insert(
        "title".into(),
        json!(format!(
            "iotlabel assessment of {device_name} (firmware {})",
            text_or(&d.firmware_version, "unknown")
        )),
    );
    metadata.insert("last-modified".into(), json!(when));
    metadata.insert("version".into(), json!(report.as_of.format("%Y-%m-%d").to_string()));
    metadata.insert("oscal-version".into(), json!(OSCAL_VERSION));
    let props = [
        prop("tool", &report.tool),
        prop("manufacturer", &d.manufacturer),
        prop("brand", &d.brand),
        prop("model", &d.model),
        prop("hardware-version", &d.hardware_version),
        prop("firmware-version", &d.firmware_version),
        prop("device-type", &d.device_type),
    ];
    put_list(&mut metadata, "props", props.into_iter().flatten().collect());

    let plan_uuid = uuid(&format!("assessment-plan/{doc_uuid}"));
    let mut resources = vec![json!({
        "uuid": plan_uuid,
        "title": "Placeholder assessment plan",
        "description": "iotlabel assesses a device declaration (and optional test evidence) against its \
                        built-in framework catalogs; it issues no separate OSCAL assessment plan. The \
                        catalogs assessed are listed in this back matter.",
    })];
    for fw in &report.frameworks {
        if let Some(cat) = cats.framework(fw.id) {
            let f = &cat.framework;
            let mut r = Map::new();
            r.insert("uuid".into(), json!(uuid(&format!("catalog-resource/{doc_uuid}/{}", f.id))));
            r.insert("title".into(), json!(text_or(&format!("{} {}", f.short_title, f.edition), &f.id)));
            r.insert(
                "description".into(),
                json!(format!(
                    "The iotlabel OSCAL catalog of {}; its controls are `req-<requirement id>`.",
                    text_or(&f.title, &f.id)
                )),
            );
            let props = [prop("framework", &f.id), prop("catalog-uuid", &catalog_uuid(f))];
            put_list(&mut r, "props", props.into_iter().flatten().collect());
            if let Some(url) = clean(&f.url) {
                r.insert("rlinks".into(), json!([{ "href": url }]));
            }
            resources.push(Value::Object(r));
        }
    }

    let results: Vec<Value> =
        report.frameworks.iter().map(|fw| result(report, fw, cats, &doc_uuid, &when)).collect();

    let mut body = Map::new();
    body.insert("uuid".into(), json!(doc_uuid));
    body.insert("metadata".into(), Value::Object(metadata));
    body.insert(
        "import-ap".into(),
        json!({
            "href": format!("#{plan_uuid}"),
            "remarks": "Placeholder: see the back-matter resource this points to.",
        }),
    );
    if results.is_empty() {
        // OSCAL wants at least one result; an empty selection still reports that nothing was assessed.
        body.insert(
            "results".into(),
            json!([{
                "uuid": uuid(&format!("result/{doc_uuid}/none")),
                "title": "No framework assessed",
                "description": "The assessment selected no framework.",
                "start": when,
                "reviewed-controls": {"control-selections": [{"include-all": {}}]},
            }]),
        );
    } else {
        body.insert("results".into(), Value::Array(results));
    }
    body.insert("back-matter".into(), json!({ "resources": resources }));
    json!({ "assessment-results": body })
}

fn count_props(prefix: &str, c: &Counts) -> Vec<Option<Value>> {
    let name = format!("{prefix}requirement-count");
    [
        ("pass", c.pass),
        ("fail", c.fail),
        ("not-applicable", c.not_applicable),
        ("unknown", c.unknown),
        ("contradicted", c.contradicted),
    ]
    .into_iter()
    .map(|(class, n)| {
        prop(&name, &n.to_string()).map(|mut p| {
            p["class"] = json!(class);
            p
        })
    })
    .collect()
}

fn result(report: &Report, fw: &FrameworkResult, cats: &Catalogs, doc_uuid: &str, when: &str) -> Value {
    let key = format!("{doc_uuid}/{}", fw.id);
    let cat = cats.framework(fw.id);
    let full_title = cat.map_or(fw.title, |c| c.framework.title.as_str());
    let name = text_or(&format!("{} {}", fw.title, fw.edition), fw.id);

    let tool_uuid = uuid(&format!("component/{key}/iotlabel"));
    let device_uuid = uuid(&format!("component/{key}/device"));
    let platform_uuid = uuid(&format!("platform/{key}/iotlabel"));
    let d = &report.device;
    let device_props = [
        prop("manufacturer", &d.manufacturer),
        prop("hardware-version", &d.hardware_version),
        prop("firmware-version", &d.firmware_version),
        prop("device-type", &d.device_type),
    ];
    let mut device = json!({
        "uuid": device_uuid,
        "type": "this-system",
        "title": text_or(&format!("{} {}", d.brand, d.model), "Device"),
        "description": "The device assessed, as its declaration identifies it.",
        "status": {"state": "operational"},
    });
    let device_props: Vec<Value> = device_props.into_iter().flatten().collect();
    if !device_props.is_empty() {
        device["props"] = Value::Array(device_props);
    }
    let local = json!({
        "components": [
            device,
            {
                "uuid": tool_uuid,
                "type": "software",
                "title": text_or(&report.tool, "iotlabel"),
                "description": "The iotlabel assessment engine: it evaluates the declaration (and any test \
                                evidence) against common controls and maps them to framework requirements.",
                "status": {"state": "operational"},
            },
        ],
        "assessment-assets": {
            "assessment-platforms": [{
                "uuid": platform_uuid,
                "title": "iotlabel",
                "uses-components": [{"component-uuid": tool_uuid}],
            }],
        },
    });
    let origins = json!([{ "actors": [{"type": "assessment-platform", "actor-uuid": platform_uuid}] }]);
    let subjects = json!([{ "subject-uuid": device_uuid, "type": "component" }]);

    let mut props =
        vec![prop("framework", fw.id), prop("edition", fw.edition), prop("verdict", fw.verdict.as_str())];
    if let Some(c) = cat {
        props.push(prop("catalog-uuid", &catalog_uuid(&c.framework)));
    }
    props.extend(fw.level.map(|l| prop("level", l)));
    props.extend(fw.scope.as_ref().map(|s| prop("out-of-scope-reference", s.reference)));
    props.extend(fw.scope.as_ref().and_then(|s| s.exclusion).map(|e| prop("out-of-scope-exclusion", e)));
    props.extend(count_props("", &fw.counts));
    props.extend(count_props("mandatory-", &fw.mandatory));

    let includes: Vec<Value> = fw
        .requirements
        .iter()
        .map(|r| json!({"control-id": control_id(r.id), "statement-ids": [statement_id(r.id)]}))
        .collect();
    let mut selection = Map::new();
    put_list(&mut selection, "include-controls", includes);
    if selection.is_empty() {
        selection.insert("include-all".into(), json!({}));
    }

    let mut observations = Vec::new();
    let mut findings = Vec::new();
    for r in &fw.requirements {
        let obs_uuid = uuid(&format!("observation/{key}/{}", r.id));
        observations.push(observation(r, &obs_uuid, when, &origins, &subjects));
        findings.push(finding(r, &format!("{key}/{}", r.id), &obs_uuid, &origins));
    }

    let mut res = Map::new();
    res.insert("uuid".into(), json!(uuid(&format!("result/{key}"))));
    res.insert("title".into(), json!(name.clone()));
    res.insert(
        "description".into(),
        json!(match &fw.scope {
            // Out of scope: the verdict with its reason and legal reference.
            Some(scope) => format!(
                "Assessment of the device against {name} ({}): out of scope. {}",
                text_or(full_title, fw.id),
                scope.reason
            ),
            None => format!(
                "Assessment of the device against {name} ({}): {}.",
                text_or(full_title, fw.id),
                fw.verdict.as_str().replace('_', " ")
            ),
        }),
    );
    res.insert("start".into(), json!(when));
    res.insert("end".into(), json!(when));
    put_list(&mut res, "props", props.into_iter().flatten().collect());
    res.insert("local-definitions".into(), local);
    res.insert(
        "reviewed-controls".into(),
        json!({
            "description": format!("The requirements of {name}, as controls of its iotlabel OSCAL catalog."),
            "control-selections": [Value::Object(selection)],
        }),
    );
    put_list(&mut res, "observations", observations);
    put_list(&mut res, "findings", findings);
    Value::Object(res)
}

fn observation(
    r: &RequirementResult,
    obs_uuid: &str,
    when: &str,
    origins: &Value,
    subjects: &Value,
) -> Value {
    let mut methods = vec![json!("EXAMINE")];
    if !r.evidence.is_empty() {
        methods.push(json!("TEST"));
    }
    let mut props = vec![oscal_prop("label", r.id), prop("verdict", r.verdict.as_str())];
    props.extend(r.fields.iter().map(|f| prop("declaration-field", f)));
    props.extend(r.missing.iter().map(|f| prop("missing-field", f)));
    props.extend(r.controls.iter().map(|c| prop("common-control", c)));
    let evidence: Vec<Value> = r
        .evidence
        .iter()
        .filter_map(|e| {
            let p = prop("evidence-item", e)?;
            Some(json!({"description": format!("Evidence item `{}`.", text_or(e, "?")), "props": [p]}))
        })
        .collect();

    let mut o = Map::new();
    o.insert("uuid".into(), json!(obs_uuid));
    o.insert("title".into(), json!(format!("{}: {}", text_or(r.id, "?"), r.verdict.as_str())));
    o.insert("description".into(), json!(text_or(&r.reason.to_string(), "No reason was recorded.")));
    put_list(&mut o, "props", props.into_iter().flatten().collect());
    o.insert("methods".into(), Value::Array(methods));
    o.insert("types".into(), json!(["control-objective"]));
    o.insert("origins".into(), origins.clone());
    o.insert("subjects".into(), subjects.clone());
    put_list(&mut o, "relevant-evidence", evidence);
    o.insert("collected".into(), json!(when));
    Value::Object(o)
}

fn finding(r: &RequirementResult, key: &str, obs_uuid: &str, origins: &Value) -> Value {
    let (state, reason) = state(r.verdict);
    let mut props = vec![
        oscal_prop("label", r.id),
        prop("verdict", r.verdict.as_str()),
        prop("status", r.status.as_str()),
    ];
    // Deemed-compliance routes: one prop each (class `met` or `not-met`), what it goes through
    // and its reference in the remarks; the direct reading when a route lifted the verdict.
    props.extend(r.routes.iter().map(|x| {
        let through = match (x.scheme, &x.certificate) {
            (Some(s), Some(id)) => format!("a current {s} label ({id})"),
            (Some(s), None) => format!(
                "a current {s} label{}",
                x.level.map(|l| format!(", level {l} or above")).unwrap_or_default()
            ),
            (None, _) => x.via.join(" and "),
        };
        prop_with_remarks(
            &format!("route-{}", x.kind.as_str()),
            x.id,
            Some(&format!("Through {through}: {}.", x.reference)),
        )
        .map(|mut p| {
            p["class"] = json!(if x.met { "met" } else { "not-met" });
            p
        })
    }));
    props.extend(r.direct.map(|d| prop("direct-verdict", d.as_str())));
    let mut status = Map::new();
    status.insert("state".into(), json!(state));
    status.insert("reason".into(), json!(reason));
    if let Some(reason) = clean(&r.reason.to_string()) {
        status.insert("remarks".into(), json!(reason));
    }

    let mut f = Map::new();
    f.insert("uuid".into(), json!(uuid(&format!("finding/{key}"))));
    f.insert("title".into(), json!(text_or(&format!("{}: {}", r.id, r.title), r.id)));
    f.insert(
        "description".into(),
        json!(format!(
            "Requirement {} ({}): {}.",
            text_or(r.id, "?"),
            r.status.as_str(),
            r.verdict.as_str().replace('_', " ")
        )),
    );
    put_list(&mut f, "props", props.into_iter().flatten().collect());
    f.insert("origins".into(), origins.clone());
    f.insert(
        "target".into(),
        json!({
            "type": "statement-id",
            "target-id": statement_id(r.id),
            "props": [{"name": "control-id", "ns": NS, "value": control_id(r.id)}],
            "status": Value::Object(status),
        }),
    );
    f.insert("related-observations".into(), json!([{ "observation-uuid": obs_uuid }]));
    Value::Object(f)
}
