//! The yes/no claims of a declaration, by field path: the one place that ties a path written in
//! the control set (`claim = "updates.free_of_charge"` in catalogs/controls.toml) to the field
//! it names. A control whose meaning is "the maker says yes" is data, not code: the assessment
//! engine looks its claim up here once, when it is built.

use crate::Declaration;

/// Reads one yes/no claim of a declaration: `None` when the declaration does not say.
pub type ClaimGetter = fn(&Declaration) -> Option<bool>;

macro_rules! claims {
    ($($path:literal => |$d:ident| $get:expr),+ $(,)?) => {
        /// Every yes/no claim a control can rest on, by dotted field path.
        pub const CLAIMS: &[(&str, ClaimGetter)] = &[$(($path, |$d: &Declaration| $get)),+];
    };
}

claims! {
    "authentication.unique_passwords_random" => |d| d.authentication.unique_passwords_random,
    "authentication.best_practice_crypto" => |d| d.authentication.best_practice_crypto,
    "authentication.user_can_change_credentials" => |d| d.authentication.user_can_change_credentials,
    "authentication.machine_credentials_unique" => |d| d.authentication.machine_credentials_unique,
    "identity.model_marked_on_device" => |d| d.identity.model_marked_on_device,
    "updates.signed" => |d| d.updates.signed,
    "updates.verified_on_device" => |d| d.updates.verified_on_device,
    "updates.secure_delivery" => |d| d.updates.secure_delivery,
    "updates.periodic_check" => |d| d.updates.periodic_check,
    "updates.user_can_defer" => |d| d.updates.user_can_defer,
    "updates.warns_of_disruption" => |d| d.updates.warns_of_disruption,
    "updates.all_components_updatable" => |d| d.updates.all_components_updatable,
    "updates.free_of_charge" => |d| d.updates.free_of_charge,
    "updates.security_separate_from_features" => |d| d.updates.security_separate_from_features,
    "vulnerability_disclosure.monitors_vulnerabilities" => |d| d.vulnerability_disclosure.monitors_vulnerabilities,
    "vulnerability_disclosure.publishes_advisories" => |d| d.vulnerability_disclosure.publishes_advisories,
    "communication.remote_access" => |d| d.communication.remote_access,
    "communication.network_functions_authenticated" => |d| d.communication.network_functions_authenticated,
    "communication.config_changes_authenticated" => |d| d.communication.config_changes_authenticated,
    "communication.secrets_encrypted_in_transit" => |d| d.communication.secrets_encrypted_in_transit,
    "communication.reviewed_implementations" => |d| d.communication.reviewed_implementations,
    "communication.crypto_agile" => |d| d.communication.crypto_agile,
    "communication.dos_resilient" => |d| d.communication.dos_resilient,
    "communication.orderly_reconnection" => |d| d.communication.orderly_reconnection,
    "data.encrypted_at_rest" => |d| d.data.encrypted_at_rest,
    "data.personal_data_encrypted_in_transit" => |d| d.data.personal_data_encrypted_in_transit,
    "data.deletion_on_request" => |d| d.data.deletion_on_request,
    "data.deletion_on_factory_reset" => |d| d.data.deletion_on_factory_reset,
    "data.deletion_instructions" => |d| d.data.deletion_instructions,
    "data.deletion_confirmed" => |d| d.data.deletion_confirmed,
    "data.consent_based" => |d| d.data.consent_based,
    "data.consent_withdrawable" => |d| d.data.consent_withdrawable,
    "data.minimised" => |d| d.data.minimised,
    "data.anonymised" => |d| d.data.anonymised,
    "data.portable" => |d| d.data.portable,
    "data.telemetry.described_to_user" => |d| d.data.telemetry.as_ref().and_then(|t| t.described_to_user),
    "data.telemetry.personal_data_minimised" => |d| d.data.telemetry.as_ref().and_then(|t| t.personal_data_minimised),
    "data.telemetry.examined_for_anomalies" => |d| d.data.telemetry.as_ref().and_then(|t| t.examined_for_anomalies),
    "hardware.secure_boot" => |d| d.hardware.secure_boot,
    "hardware.debug_ports_physically_protected" => |d| d.hardware.debug_ports_physically_protected,
    "hardware.secure_element" => |d| d.hardware.secure_element,
    "hardware.secrets_stored_securely" => |d| d.hardware.secrets_stored_securely,
    "hardware.tamper_resistant_identity" => |d| d.hardware.tamper_resistant_identity,
    "hardware.memory_protection" => |d| d.hardware.memory_protection,
    "hardware.unneeded_physical_interfaces_removed" => |d| d.hardware.unneeded_physical_interfaces_removed,
    "software.no_hardcoded_secrets" => |d| d.software.no_hardcoded_secrets,
    "software.per_device_service_keys" => |d| d.software.per_device_service_keys,
    "software.key_lifecycle_managed" => |d| d.software.key_lifecycle_managed,
    "software.secure_development" => |d| d.software.secure_development,
    "software.minimal_services" => |d| d.software.minimal_services,
    "software.minimal_code" => |d| d.software.minimal_code,
    "software.least_privilege" => |d| d.software.least_privilege,
    "software.input_validation" => |d| d.software.input_validation,
    "software.exploit_mitigations" => |d| d.software.exploit_mitigations,
    "software.tamper_response" => |d| d.software.tamper_response,
    "software.security_logging" => |d| d.software.security_logging,
    "software.security_testing" => |d| d.software.security_testing,
    "software.secure_by_default" => |d| d.software.secure_by_default,
    "companion_app.encrypted" => |d| d.companion_app.as_ref().and_then(|a| a.encrypted),
    "companion_app.authenticated" => |d| d.companion_app.as_ref().and_then(|a| a.authenticated),
    "market.consumer_use" => |d| d.market.consumer_use,
    "ownership.repair.spare_parts" => |d| d.ownership.repair.spare_parts,
    "ownership.repair.repair_information" => |d| d.ownership.repair.repair_information,
    "ownership.repair.independent_repair_keeps_warranty" => |d| d.ownership.repair.independent_repair_keeps_warranty,
    "ownership.transfer.without_maker_permission" => |d| d.ownership.transfer.without_maker_permission,
    "ownership.transfer.free_of_charge" => |d| d.ownership.transfer.free_of_charge,
    "ownership.end_of_service.local_api" => |d| d.ownership.end_of_service.local_api,
    "ownership.no_remote_disabling" => |d| d.ownership.no_remote_disabling,
    "documentation.secure_setup_guide" => |d| d.documentation.secure_setup_guide,
    "documentation.setup_check_guide" => |d| d.documentation.setup_check_guide,
    "documentation.minimal_setup_decisions" => |d| d.documentation.minimal_setup_decisions,
    "documentation.justifications_recorded" => |d| d.documentation.justifications_recorded,
    "documentation.update_guidance" => |d| d.documentation.update_guidance,
    "documentation.risks_documented" => |d| d.documentation.risks_documented,
    "documentation.decommissioning_guide" => |d| d.documentation.decommissioning_guide,
    "documentation.risk_assessment" => |d| d.documentation.risk_assessment,
    "documentation.uk_statement_of_compliance" => |d| d.documentation.uk_statement_of_compliance,
}

/// The claim at `path`, with the path as a `'static` string (outcomes name the fields they
/// rest on), or `None` when no yes/no field has that path.
pub fn claim(path: &str) -> Option<&'static (&'static str, ClaimGetter)> {
    CLAIMS.iter().find(|(p, _)| *p == path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every claim path names a yes/no field of the published declaration schema, and every
    /// yes/no field of the schema is a claim: the table and the type cannot drift apart.
    #[test]
    fn claims_are_exactly_the_boolean_fields_of_the_schema() {
        let schema = serde_json::to_value(crate::declaration_schema()).unwrap();
        let mut found = Vec::new();
        booleans(&schema, &schema, "", &mut found, 0);
        found.sort();
        found.dedup();
        let mut table: Vec<&str> = CLAIMS.iter().map(|(p, _)| *p).collect();
        table.sort();
        let dupes = table.windows(2).filter(|w| w[0] == w[1]).count();
        assert_eq!(dupes, 0, "a path is listed twice");
        // Required booleans of services (`authenticated`, `encrypted`) sit in lists: not claims.
        let found: Vec<&str> = found.iter().map(String::as_str).filter(|p| !p.contains("[]")).collect();
        assert_eq!(table, found);
    }

    /// Walks the schema collecting the paths of optional booleans (not `required`).
    fn booleans(
        root: &serde_json::Value,
        v: &serde_json::Value,
        path: &str,
        out: &mut Vec<String>,
        depth: usize,
    ) {
        if depth > 12 {
            return;
        }
        let v = resolve(root, v);
        let required: Vec<&str> = v
            .get("required")
            .and_then(|r| r.as_array())
            .map_or(Vec::new(), |r| r.iter().filter_map(|x| x.as_str()).collect());
        if let Some(props) = v.get("properties").and_then(|p| p.as_object()) {
            for (name, p) in props {
                let sub = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
                let p = resolve(root, p);
                if is_bool(p) && !required.contains(&name.as_str()) {
                    out.push(sub);
                } else {
                    booleans(root, p, &sub, out, depth + 1);
                }
            }
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            for alt in v.get(key).and_then(|a| a.as_array()).into_iter().flatten() {
                booleans(root, alt, path, out, depth + 1);
            }
        }
        if let Some(items) = v.get("items") {
            booleans(root, items, &format!("{path}[]"), out, depth + 1);
        }
    }

    fn is_bool(v: &serde_json::Value) -> bool {
        let t = v.get("type");
        t == Some(&serde_json::json!("boolean")) || t == Some(&serde_json::json!(["boolean", "null"]))
    }

    fn resolve<'a>(root: &'a serde_json::Value, v: &'a serde_json::Value) -> &'a serde_json::Value {
        match v.get("$ref").and_then(|r| r.as_str()) {
            Some(r) => r.strip_prefix("#/").and_then(|p| root.pointer(&format!("/{p}"))).unwrap_or(v),
            None => v,
        }
    }
}
