//! Every machine-readable format iotlabel reads or writes, with its JSON Schema generated from the
//! library type that owns it. One list for `iotlabel schema KIND`, `cargo xtask codegen` (which
//! writes `schema/<file>`) and the test that checks the checked-in files are current.

use serde_json::Value;

use crate::args::SchemaKind;

/// A published format: its kind (`iotlabel schema KIND`), its file under `schema/`, its schema.
pub struct Published {
    pub kind: SchemaKind,
    pub file: &'static str,
    pub schema: Value,
}

/// The schema of one format.
pub fn schema(kind: SchemaKind) -> Value {
    match kind {
        SchemaKind::Declaration => iotlabel_model::declaration_schema().clone(),
        SchemaKind::Evidence => iotlabel_model::evidence_schema().clone(),
        SchemaKind::Masks => iotlabel_model::masks_schema().clone(),
        SchemaKind::Label => iotlabel_label::label_schema(),
        SchemaKind::Frameworks => iotlabel_catalog::listing::frameworks_schema(),
        SchemaKind::Controls => iotlabel_catalog::listing::controls_schema(),
        SchemaKind::Catalog => iotlabel_catalog::listing::catalog_file_schema(),
        SchemaKind::WellKnown => iotlabel_advertise::WellKnownLabel::schema(),
        SchemaKind::Statement => iotlabel_statement::signed_statement_schema(),
        SchemaKind::LabelRecord => iotlabel_registry::schema_of::<iotlabel_registry::LabelRecord>(),
        SchemaKind::Bundle => iotlabel_registry::schema_of::<iotlabel_registry::Bundle>(),
        SchemaKind::Refusal => iotlabel_registry::schema_of::<iotlabel_registry::Refusal>(),
        SchemaKind::Profile => iotlabel_advice::schema_of::<iotlabel_advice::Profile>(),
        SchemaKind::Advice => iotlabel_advice::schema_of::<iotlabel_advice::AdviceReport>(),
        SchemaKind::Glossary => iotlabel_advice::schema_of::<iotlabel_advice::Glossary>(),
        SchemaKind::Gaps => iotlabel_advice::schema_of::<iotlabel_campaign::gaps::GapReport>(),
        SchemaKind::Mud => iotlabel_mud::mud_schema(),
        SchemaKind::FlowRecord => iotlabel_flows::flow_record_schema(),
        SchemaKind::Audit => iotlabel_flows::audit_report_schema(),
        SchemaKind::Observation => iotlabel_observe::observation_schema(),
        SchemaKind::ScanReport => iotlabel_scan::report_schema(),
        SchemaKind::FleetMap => iotlabel_scan::fleet_map::fleet_map_schema(),
        SchemaKind::Discovery => iotlabel_discover::discovery_schema(),
    }
}

/// Every published format, in the order of `iotlabel schema --help`.
pub fn all() -> Vec<Published> {
    use clap::ValueEnum;
    SchemaKind::value_variants()
        .iter()
        .map(|&kind| Published { kind, file: kind.file(), schema: schema(kind) })
        .collect()
}

impl SchemaKind {
    /// The checked-in file under `schema/`.
    pub fn file(self) -> &'static str {
        match self {
            SchemaKind::Declaration => "declaration.schema.json",
            SchemaKind::Evidence => "evidence.schema.json",
            SchemaKind::Masks => "masks.schema.json",
            SchemaKind::Label => "label.schema.json",
            SchemaKind::Frameworks => "frameworks.schema.json",
            SchemaKind::Controls => "controls.schema.json",
            SchemaKind::Catalog => "catalog.schema.json",
            SchemaKind::WellKnown => "well-known.schema.json",
            SchemaKind::Statement => "statement.schema.json",
            SchemaKind::LabelRecord => "label-record.schema.json",
            SchemaKind::Bundle => "bundle.schema.json",
            SchemaKind::Refusal => "refusal.schema.json",
            SchemaKind::Profile => "profile.schema.json",
            SchemaKind::Advice => "advice.schema.json",
            SchemaKind::Glossary => "glossary.schema.json",
            SchemaKind::Gaps => "gaps.schema.json",
            SchemaKind::Mud => "mud.schema.json",
            SchemaKind::FlowRecord => "flow-record.schema.json",
            SchemaKind::Audit => "audit.schema.json",
            SchemaKind::Observation => "observation.schema.json",
            SchemaKind::ScanReport => "scan-report.schema.json",
            SchemaKind::FleetMap => "fleet-map.schema.json",
            SchemaKind::Discovery => "discovery.schema.json",
        }
    }
}
