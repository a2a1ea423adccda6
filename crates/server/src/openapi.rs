//! The OpenAPI 3.1 document, generated from the route table below and the types' JSON Schemas
//! (schemars writes JSON Schema 2020-12, which OpenAPI 3.1 uses as is). A test checks that the
//! router answers every path of the table, so the two cannot drift apart silently.

use serde_json::{Map, Value, json};

/// One operation of the API.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    pub method: &'static str,
    /// The path as OpenAPI writes it (`/api/v1/labels/{id}`).
    pub path: &'static str,
    pub summary: &'static str,
    /// Query or path parameters: (name, where, required, description).
    pub params: &'static [(&'static str, &'static str, bool, &'static str)],
    /// The request body's schema (a component name), if any.
    pub request: Option<&'static str>,
    /// The success status, its media type and schema (a component name, or none for free-form).
    pub ok: (u16, &'static str, Option<&'static str>),
}

/// Every operation the server answers.
pub const ROUTES: &[Route] = &[
    Route {
        method: "post",
        path: "/api/v1/statements",
        summary: "Submit a signed statement (declaration, attestation, VEX, revocation, key change)",
        params: &[],
        request: Some("SignedStatement"),
        ok: (201, "application/json", Some("Submitted")),
    },
    Route {
        method: "get",
        path: "/api/v1/labels",
        summary: "List registered labels, ordered by id",
        params: &[
            ("after", "query", false, "page after this label id"),
            ("limit", "query", false, "1 to 1000 (100)"),
            ("maker", "query", false, "a maker's account slug"),
            ("product", "query", false, "a product id"),
        ],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/api/v1/labels/{id}",
        summary: "A label's public record with its derived status",
        params: &[("id", "path", true, "the label id")],
        request: None,
        ok: (200, "application/json", Some("LabelRecord")),
    },
    Route {
        method: "get",
        path: "/api/v1/labels/{id}/statements",
        summary: "Every logged statement about a label, with its log index",
        params: &[("id", "path", true, "the label id")],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/api/v1/keys/{key_id}",
        summary: "A registered public key",
        params: &[("key_id", "path", true, "ed25519:<16 hex digits>")],
        request: None,
        ok: (200, "application/json", Some("KeyRecord")),
    },
    Route {
        method: "get",
        path: "/api/v1/accounts/{slug}",
        summary: "An account with its keys and accreditations",
        params: &[("slug", "path", true, "the account's slug")],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/api/v1/accounts/{slug}/statements",
        summary: "Every logged key change of an account (enrolments, added and revoked keys), with its log index",
        params: &[("slug", "path", true, "the account's slug")],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/api/v1/log/sth",
        summary: "The signed tree head: size, root hash and the C2SP checkpoint",
        params: &[],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/api/v1/log/proof/inclusion",
        summary: "RFC 9162 inclusion proof of a leaf",
        params: &[
            ("index", "query", true, "the leaf index"),
            ("tree_size", "query", false, "the tree size (current)"),
        ],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/api/v1/log/proof/consistency",
        summary: "RFC 9162 consistency proof between two tree sizes",
        params: &[
            ("first", "query", true, "the older size"),
            ("second", "query", false, "the newer size (current)"),
        ],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/api/v1/log/entries",
        summary: "Log entries start..end (at most 256)",
        params: &[
            ("start", "query", true, "first index"),
            ("end", "query", false, "one past the last index"),
        ],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/log/checkpoint",
        summary: "C2SP tlog-checkpoint signed note",
        params: &[],
        request: None,
        ok: (200, "text/plain", None),
    },
    Route {
        method: "get",
        path: "/log/tile/{path}",
        summary: "C2SP tlog-tiles: hash tiles tile/<L>/<N>[.p/<W>] and entry bundles tile/entries/<N>[.p/<W>]",
        params: &[("path", "path", true, "the tile path after tile/")],
        request: None,
        ok: (200, "application/octet-stream", None),
    },
    Route {
        method: "get",
        path: "/healthz",
        summary: "Liveness",
        params: &[],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/readyz",
        summary: "Readiness: the store answers",
        params: &[],
        request: None,
        ok: (200, "application/json", None),
    },
    Route {
        method: "get",
        path: "/metrics",
        summary: "Prometheus metrics (OpenMetrics text)",
        params: &[],
        request: None,
        ok: (200, "application/openmetrics-text", None),
    },
    Route {
        method: "get",
        path: "/openapi.json",
        summary: "This document",
        params: &[],
        request: None,
        ok: (200, "application/json", None),
    },
];

fn schema_of<T: schemars::JsonSchema>(id: &str) -> Value {
    let schema =
        schemars::generate::SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<T>();
    let mut v = serde_json::to_value(schema).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        // A base URI of its own, so the schema's `#/$defs/...` references resolve inside it.
        o.insert("$id".into(), json!(format!("https://iotlabel.invalid/schema/{id}")));
        o.remove("$schema");
    }
    v
}

/// The document, for a registry at `public_url` serving the API and the web site's `pages`.
pub fn document(public_url: &str, pages: &[Route]) -> Value {
    let mut statement = iotlabel_statement::signed_statement_schema();
    if let Some(o) = statement.as_object_mut() {
        o.insert("$id".into(), json!("https://iotlabel.invalid/schema/signed-statement"));
        o.remove("$schema");
    }
    let mut schemas = Map::new();
    schemas.insert("SignedStatement".into(), statement);
    schemas.insert("Submitted".into(), schema_of::<crate::Submitted>("submitted"));
    schemas.insert("LabelRecord".into(), schema_of::<iotlabel_registry::LabelRecord>("label-record"));
    schemas.insert("KeyRecord".into(), schema_of::<iotlabel_registry::KeyRecord>("key-record"));
    schemas.insert("Refusal".into(), schema_of::<iotlabel_registry::Refusal>("refusal"));
    let error = json!({"description": "Refused: the body's `error` says which rule and where", "content": {"application/json": {"schema": {"type": "object", "properties": {"error": {"$ref": "#/components/schemas/Refusal"}}, "required": ["error"]}}}});
    let mut paths = Map::new();
    for r in ROUTES.iter().chain(pages) {
        let params: Vec<Value> = r
            .params
            .iter()
            .map(|(name, at, required, description)| {
                json!({"name": name, "in": at, "required": required, "description": description, "schema": {"type": "string"}})
            })
            .collect();
        let (status, media, schema) = r.ok;
        let content = match schema {
            Some(s) => json!({ media: {"schema": {"$ref": format!("#/components/schemas/{s}")}} }),
            None => json!({ media: {} }),
        };
        let mut op = json!({
            "summary": r.summary,
            "operationId": format!("{}{}", r.method, r.path.replace(['/', '{', '}', '.'], "_")),
            "parameters": params,
            "responses": { status.to_string(): {"description": "OK", "content": content}, "4XX": error.clone() },
        });
        if let Some(req) = r.request {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{req}")}}}});
        }
        let entry = paths.entry(r.path.to_owned()).or_insert_with(|| json!({}));
        entry[r.method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "iotlabel registry",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Signed statements about consumer IoT devices, a verifiable log (RFC 9162, C2SP tlog-tiles) and live label status.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "servers": [{"url": public_url.trim_end_matches('/')}],
        "paths": paths,
        "components": {"schemas": schemas},
    })
}
