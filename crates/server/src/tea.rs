//! The CycloneDX Transparency Exchange API (TEA), the subset that lets SBOM and VEX tools find a
//! device's VEX: discovery (`/.well-known/tea`), products by TEI, components, releases and
//! their collections, following TEA 0.0.3 (the API is still a draft; the version is in the path).
//!
//! The mapping: a TEA *product* and its one *component* are a registry product (brand, model,
//! hardware version); a *release* is a label (one firmware version); a release's *collection*
//! lists the VEX statements logged about the label, each an artifact of type
//! `vulnerability-assertion` whose format URL is the statement's payload. UUIDs are v5 UUIDs of
//! the ids (stable across restarts and servers); a product's TEI is
//! `urn:tei:uuid:<registry host>:<product uuid>`.

use iotlabel_statement::Kind;
use iotlabel_store::{LabelRow, Store, StoreError};
use serde_json::{Value, json};
use uuid::Uuid;

/// The TEA version served, as it appears in the path (`/tea/v0.0.3/...`).
pub const TEA_VERSION: &str = "0.0.3";

const NS_PRODUCT: Uuid = Uuid::from_u128(0x6f0c_2a5e_9d1b_4c3e_8a7f_1b2c_3d4e_5f60);
const NS_RELEASE: Uuid = Uuid::from_u128(0x6f0c_2a5e_9d1b_4c3e_8a7f_1b2c_3d4e_5f61);
const NS_ARTIFACT: Uuid = Uuid::from_u128(0x6f0c_2a5e_9d1b_4c3e_8a7f_1b2c_3d4e_5f62);

pub fn product_uuid(product: &str) -> Uuid {
    Uuid::new_v5(&NS_PRODUCT, product.as_bytes())
}

pub fn release_uuid(label: &str) -> Uuid {
    Uuid::new_v5(&NS_RELEASE, label.as_bytes())
}

/// The host part of a public URL (`registry.example:8080`), for TEIs.
fn host(public_url: &str) -> String {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).split(':').next().unwrap_or(rest).to_owned()
}

pub fn tei(public_url: &str, product: &str) -> String {
    format!("urn:tei:uuid:{}:{}", host(public_url), product_uuid(product))
}

/// `/.well-known/tea`.
pub fn well_known(public_url: &str) -> Value {
    json!({"schemaVersion": 1, "endpoints": [{"url": format!("{}tea", public_url), "versions": [TEA_VERSION]}]})
}

/// Every label, for the lookups below (registries hold thousands, not millions, of labels).
fn all_labels(store: &dyn Store) -> Result<Vec<LabelRow>, StoreError> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = store.labels(after.as_deref(), 1000, None, None)?;
        let done = page.len() < 1000;
        after = page.last().map(|l| l.id.clone());
        out.extend(page);
        if done {
            return Ok(out);
        }
    }
}

fn product_json(public_url: &str, product: &str, name: &str) -> Value {
    let id = product_uuid(product);
    json!({
        "uuid": id,
        "name": name,
        "identifiers": [{"idType": "tei", "idValue": tei(public_url, product)}],
        "components": [id],
    })
}

/// A product's display name: its maker and the label id of its first firmware, without it.
fn name_of(row: &LabelRow) -> String {
    format!("{} {}", row.maker, row.product)
}

/// `GET /products?tei_urn=...`: the products a TEI names (pagination fields as TEA writes them).
pub fn products(store: &dyn Store, public_url: &str, tei_urn: &str, now: &str) -> Result<Value, StoreError> {
    let results: Vec<Value> = all_labels(store)?
        .iter()
        .filter(|l| tei(public_url, &l.product) == tei_urn)
        .take(1)
        .map(|l| product_json(public_url, &l.product, &name_of(l)))
        .collect();
    Ok(
        json!({"timestamp": now, "page_start_index": 0, "page_size": 100, "total_results": results.len(), "results": results}),
    )
}

/// `GET /product/{uuid}` and `GET /component/{uuid}` (the same object, without `components`).
pub fn product(
    store: &dyn Store,
    public_url: &str,
    uuid: &str,
    component: bool,
) -> Result<Option<Value>, StoreError> {
    let found = all_labels(store)?.into_iter().find(|l| product_uuid(&l.product).to_string() == uuid);
    Ok(found.map(|l| {
        let mut v = product_json(public_url, &l.product, &name_of(&l));
        if component && let Some(o) = v.as_object_mut() {
            o.remove("components");
        }
        v
    }))
}

/// `GET /component/{uuid}/releases`: one release per label (firmware version).
pub fn releases(store: &dyn Store, uuid: &str) -> Result<Option<Value>, StoreError> {
    let labels: Vec<LabelRow> =
        all_labels(store)?.into_iter().filter(|l| product_uuid(&l.product).to_string() == uuid).collect();
    if labels.is_empty() {
        return Ok(None);
    }
    let mut out = Vec::new();
    for l in labels {
        let entries = store.entries_about(&l.id)?;
        let Some(first) = entries.iter().find(|e| e.entry.kind == Kind::Declaration) else { continue };
        let firmware = serde_json::from_slice::<Value>(&first.entry.body)
            .ok()
            .and_then(|v| {
                v.pointer("/statement/payload/identity/firmware_version")
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        out.push(json!({
            "uuid": release_uuid(&l.id),
            "version": firmware,
            "release_date": first.entry.accepted_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "pre_release": false,
            "identifiers": [{"idType": "tei", "idValue": format!("urn:iotlabel:label:{}", l.id)}],
        }));
    }
    Ok(Some(Value::Array(out)))
}

/// `GET /release/{uuid}/collection`: the VEX statements about the label, newest collection.
pub fn collection(store: &dyn Store, public_url: &str, uuid: &str) -> Result<Option<Value>, StoreError> {
    let Some(label) = all_labels(store)?.into_iter().find(|l| release_uuid(&l.id).to_string() == uuid) else {
        return Ok(None);
    };
    let entries = store.entries_about(&label.id)?;
    let vex: Vec<_> = entries.iter().filter(|e| e.entry.kind == Kind::Vex).collect();
    let artifacts: Vec<Value> = vex
        .iter()
        .map(|e| {
            let payload = serde_json::from_slice::<Value>(&e.entry.body)
                .ok()
                .and_then(|v| v.pointer("/statement/payload").cloned());
            let mime = if payload.as_ref().and_then(|p| p.get("bomFormat")).is_some() {
                "application/vnd.cyclonedx+json"
            } else {
                "application/csaf+json"
            };
            json!({
                "uuid": Uuid::new_v5(&NS_ARTIFACT, e.leaf_hash.as_slice()),
                "name": format!("VEX for {} (log entry {})", label.id, e.index),
                "author": {"organization": e.entry.account},
                "type": "vulnerability-assertion",
                "formats": [{
                    "mimeType": mime,
                    "description": "The VEX document as signed and logged",
                    "url": format!("{public_url}api/v1/log/entries/{}/payload", e.index),
                }],
            })
        })
        .collect();
    let latest = vex.last().map_or(label.declared_in, |e| e.index);
    let date = entries
        .iter()
        .find(|e| e.index == latest)
        .map(|e| e.entry.accepted_at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    Ok(Some(json!({
        "uuid": uuid,
        "version": vex.len() + 1,
        "release_date": date,
        "update_reason": {"type": if vex.is_empty() { "INITIAL_RELEASE" } else { "VEX_UPDATED" }},
        "artifacts": artifacts,
    })))
}
