# Assessment reasons (crates/assess): why each control and requirement got its verdict.
# Ids: ctl-<control id, dots as dashes>-<pass|fail|unknown|na>[-variant] for control evaluators
# (crates/assess/src/controls.rs); reason-* for requirement-level sentences and evidence;
# evidence-* for evidence-file diagnostics. Arguments: $end and $date are long dates, lists are
# already joined. Field paths in parentheses (updates.support_end) are declaration fields: keep them.

## Documentation and statements

ctl-docs-justifications-pass = Every recommendation not followed has a written justification.
ctl-docs-justifications-fail = Recommendations that are not followed have no written justification.
ctl-docs-justifications-unknown = The declaration does not say whether unmet recommendations are justified in writing (documentation.justifications_recorded).
ctl-docs-risk-assessment-pass = A cybersecurity risk assessment is documented.
ctl-docs-risk-assessment-fail = No cybersecurity risk assessment is documented.
ctl-docs-risk-assessment-unknown = The declaration does not say whether a risk assessment was done (documentation.risk_assessment).
ctl-docs-user-information-fail = Information users must get is missing: { $fields }.
ctl-docs-user-information-unknown = The declaration does not say whether users get: { $fields }.
ctl-docs-user-information-pass = Users get the maker's contact, support end date, declaration of conformity and security instructions.
ctl-docs-compliance-statement-facts-pass = The maker's address and the support period are declared, as a statement of compliance needs.
ctl-docs-compliance-statement-facts-fail-address = A statement of compliance needs the maker's postal address (identity.manufacturer.address).
ctl-docs-compliance-statement-facts-fail-support = A statement of compliance needs the support period (updates.support_end).
ctl-docs-compliance-statement-facts-fail-both = A statement of compliance needs the maker's address and the support period (identity.manufacturer.address, updates.support_end).

## Authentication and passwords

ctl-auth-no-universal-default-password-fail = Every unit ships with the same password, which attackers can look up and try on every device.
ctl-auth-no-universal-default-password-pass-unique = Each unit has its own factory password.
ctl-auth-no-universal-default-password-pass-user-set = The owner chooses the password during setup; there is no factory password.
ctl-auth-no-universal-default-password-pass-no-password = The device uses no passwords, so none can be shared between units.
ctl-auth-unique-password-quality-na = The device has no pre-installed unique passwords.
ctl-auth-unique-password-quality-pass = Factory passwords are random, not derived from serial numbers or MAC addresses.
ctl-auth-unique-password-quality-fail = Factory passwords follow a pattern (such as the serial number) that attackers can guess.
ctl-auth-unique-password-quality-unknown = The declaration does not say how unique factory passwords are generated (authentication.unique_passwords_random).
ctl-auth-machine-credentials-unique-pass = Credentials the device uses with other machines are unique to each unit.
ctl-auth-machine-credentials-unique-fail = Units share the credentials they use with other machines.
ctl-auth-machine-credentials-unique-unknown = The declaration does not say whether machine-to-machine credentials are unique (authentication.machine_credentials_unique).
ctl-auth-best-practice-crypto-pass = Logins are protected with current cryptography.
ctl-auth-best-practice-crypto-fail = Logins rely on outdated or weak cryptography.
ctl-auth-best-practice-crypto-unknown = The declaration does not say whether authentication uses best-practice cryptography (authentication.best_practice_crypto).
ctl-auth-credentials-changeable-pass = You can change the password or other login secrets easily.
ctl-auth-credentials-changeable-fail = You cannot change the password or other login secrets.
ctl-auth-credentials-changeable-unknown = The declaration does not say whether users can change their credentials (authentication.user_can_change_credentials).
ctl-auth-brute-force-protection-fail = Nothing stops an attacker from guessing passwords over the network again and again.
ctl-auth-brute-force-protection-pass = Repeated wrong guesses are slowed down or locked out.
ctl-auth-brute-force-protection-unknown = The declaration does not say how password guessing is limited (authentication.brute_force_protection).
ctl-auth-cloud-mfa-na = There is no cloud account to protect.
ctl-auth-cloud-mfa-pass = The cloud account can be protected with a second factor.
ctl-auth-cloud-mfa-fail = The cloud account is protected by a password only; no second factor is offered.
ctl-auth-cloud-mfa-unknown = The declaration does not say whether the cloud account offers multi-factor authentication (authentication.cloud_mfa).
ctl-auth-network-access-authenticated-fail-open = Anyone on your network can use { $services } without logging in.
ctl-auth-network-access-authenticated-pass = Functions reachable over the network ask for authentication first.
ctl-auth-network-access-authenticated-fail = Some functions can be used over the network without authentication.
ctl-auth-network-access-authenticated-unknown = The declaration does not say whether network functions require authentication (communication.network_functions_authenticated).
ctl-auth-config-changes-authenticated-pass = Security settings can only be changed over the network after logging in.
ctl-auth-config-changes-authenticated-fail = Security settings can be changed over the network without logging in.
ctl-auth-config-changes-authenticated-unknown = The declaration does not say whether changing security settings over the network requires authentication (communication.config_changes_authenticated).

## Vulnerabilities and how to report them

ctl-vuln-contact-pass = Security problems can be reported to { $contact }.
ctl-vuln-contact-fail = There is no published way to report a security problem.
ctl-vuln-timely-action-pass = The maker commits to fix critical vulnerabilities within { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
ctl-vuln-timely-action-fail = The maker allows { $days } days to fix a critical vulnerability, longer than { $max }.
ctl-vuln-timely-action-unknown = The declaration does not commit to a time to fix vulnerabilities (updates.time_to_fix_days).
ctl-vuln-monitoring-pass = The maker watches for and fixes vulnerabilities throughout the support period.
ctl-vuln-monitoring-fail = The maker does not monitor the product for vulnerabilities.
ctl-vuln-monitoring-unknown = The declaration does not say whether vulnerabilities are monitored (vulnerability_disclosure.monitors_vulnerabilities).
ctl-vuln-public-advisories-pass = Fixed vulnerabilities are announced publicly.
ctl-vuln-public-advisories-fail = Fixed vulnerabilities are not announced publicly.
ctl-vuln-public-advisories-unknown = The declaration does not say whether fixed vulnerabilities are published (vulnerability_disclosure.publishes_advisories).
ctl-vuln-no-known-exploitable-pass = No known exploitable vulnerability at release.
ctl-vuln-no-known-exploitable-fail = The product shipped with { $count } known exploitable { $count ->
        [one] vulnerability
       *[other] vulnerabilities
    }.
ctl-vuln-no-known-exploitable-unknown = The declaration does not state known exploitable vulnerabilities at release (vulnerability_disclosure.known_exploitable_at_release).
ctl-vuln-security-testing-pass = The product's security is tested and reviewed regularly.
ctl-vuln-security-testing-fail = The product's security is not regularly tested.
ctl-vuln-security-testing-unknown = The declaration does not say whether security is tested regularly (software.security_testing).
ctl-vuln-disclosure-policy-lacks-policy = a published policy (vulnerability_disclosure.policy_url)
ctl-vuln-disclosure-policy-lacks-contact = a contact (vulnerability_disclosure.contact)
ctl-vuln-disclosure-policy-lacks-acknowledgement = when reporters get an acknowledgement (vulnerability_disclosure.acknowledgement_days)
ctl-vuln-disclosure-policy-lacks-status-updates = when reporters get status updates (vulnerability_disclosure.status_update_days)
ctl-vuln-disclosure-policy-pass = A vulnerability disclosure policy is published with a contact and response times.
ctl-vuln-disclosure-policy-fail = There is no vulnerability disclosure policy and no way to report a security problem.
ctl-vuln-disclosure-policy-fail-incomplete = The vulnerability disclosure policy lacks { $missing }.

## Software bill of materials

ctl-sbom-maintained-pass-cyclonedx = A CycloneDX software bill of materials is kept.
ctl-sbom-maintained-pass-spdx = An SPDX software bill of materials is kept.
ctl-sbom-maintained-unknown = The declaration does not say whether a software bill of materials is kept (software.sbom).

## Identification

ctl-identity-model-designation-pass = The model name is marked on the device, so you can check it against advisories.
ctl-identity-model-designation-fail = The model name is not marked on the device.
ctl-identity-model-designation-unknown = The declaration does not say whether the model is marked on the device (identity.model_marked_on_device).

## Software updates

ctl-update-mechanism-fail-not-updatable = The device's software cannot be updated, so security flaws can never be fixed.
ctl-update-mechanism-pass = The software can be updated, and updates are signed.
ctl-update-mechanism-fail-unsigned = Updates are not signed, so a forged update could be installed.
ctl-update-mechanism-unknown = The declaration does not say whether updates are signed (updates.signed).
ctl-update-all-components-pass = Every updatable software component can be updated.
ctl-update-all-components-fail = Some software components cannot be updated.
ctl-update-all-components-unknown = The declaration does not say whether all software components can be updated (updates.all_components_updatable).
ctl-update-simple-pass-automatic = Updates can install by themselves.
ctl-update-simple-pass-prompted = Updates are installed by hand, from a prompt in the app or on the device.
ctl-update-simple-unknown = Updates are manual and the declaration does not say how users are prompted (updates.notification).
ctl-update-simple-fail = Updates must be found and installed by hand, with no prompt on the device or app.
ctl-update-automatic-available-pass = Updates can be set to install automatically.
ctl-update-automatic-available-fail = Updates cannot install automatically.
ctl-update-automatic-by-default-pass = Security updates install automatically out of the box.
ctl-update-automatic-by-default-fail-opt-in = Automatic updates are off until you turn them on.
ctl-update-automatic-by-default-fail-manual = Updates never install automatically.
ctl-update-periodic-check-pass = The device checks for updates regularly.
ctl-update-periodic-check-fail = The device does not check for updates by itself.
ctl-update-periodic-check-unknown = The declaration does not say whether the device checks for updates periodically (updates.periodic_check).
ctl-update-user-control-pass = You can turn automatic updates off or postpone them.
ctl-update-user-control-fail = You cannot turn automatic updates off or postpone them.
ctl-update-user-control-unknown = The declaration does not say whether users can control automatic updates (updates.user_can_defer).
ctl-update-notification-unknown = The declaration does not say how users are told about updates (updates.notification).
ctl-update-notification-fail = Users are not told about updates.
ctl-update-notification-pass = Users are told about updates.
ctl-update-secure-crypto-pass = Updates are signed and delivered over a secure channel.
ctl-update-secure-crypto-fail-unsigned = Updates are not signed.
ctl-update-secure-crypto-fail-insecure-channel = Updates travel over an insecure channel.
ctl-update-secure-crypto-unknown = The declaration does not say whether updates are signed and securely delivered (updates.signed, updates.secure_delivery).
ctl-update-timely-fail-ended = Security updates ended on { $end }; new flaws will not be fixed.
ctl-update-timely-fail-not-updatable = The device cannot be updated, so no security update can reach it.
ctl-update-timely-pass = Security fixes are committed within { $days ->
    [one] { $days } day
   *[other] { $days } days
}.
ctl-update-timely-fail = Security fixes may take { $days } days, longer than { $max }.
ctl-update-timely-unknown = The declaration does not commit to a time to ship security fixes (updates.time_to_fix_days).
ctl-update-verified-on-device-pass = The device checks each update's signature before installing it.
ctl-update-verified-on-device-fail = The device installs updates without checking that they are genuine.
ctl-update-verified-on-device-unknown = The declaration does not say whether the device verifies updates (updates.verified_on_device).
ctl-update-trusted-delivery-pass = Updates come from a trusted source over an authenticated channel.
ctl-update-trusted-delivery-fail = Updates are fetched without checking who sends them.
ctl-update-trusted-delivery-unknown = The declaration does not say how updates are delivered (updates.secure_delivery).
ctl-update-guidance-pass = You are told when an update is needed and what it fixes.
ctl-update-guidance-fail = You are not told when an update is needed or why.
ctl-update-guidance-unknown = The declaration does not say whether users are told what updates fix (documentation.update_guidance).
ctl-update-disruption-warning-pass = You are warned when an update will interrupt the device.
ctl-update-disruption-warning-fail = Updates can interrupt the device without warning.
ctl-update-disruption-warning-unknown = The declaration does not say whether users are warned of disruptive updates (updates.warns_of_disruption).
ctl-update-support-period-published-pass = Security updates are promised until { $end }, and the date is published.
ctl-update-support-period-published-fail-unpublished = A support end date ({ $end }) is declared but not published for buyers (updates.support_period_url).
ctl-update-support-period-published-fail = No support period is published: buyers cannot tell how long the device will get security updates.
ctl-update-support-period-published-fail-not-updatable = Security updates are promised until { $end }, but the device cannot be updated: the promise cannot be kept.
ctl-update-still-supported-pass = The device is supported until { $end }.
ctl-update-still-supported-fail = Support ended on { $end }: the device no longer receives security updates.
ctl-update-still-supported-unknown = The declaration gives no support end date (updates.support_end).
ctl-update-still-supported-fail-not-updatable = The device cannot be updated, so it receives no security updates whatever its support end date.

ctl-update-support-period-cra-pass = Security updates are provided for { $months } months after release (until { $end }), at least the { $min } months required.
ctl-update-support-period-cra-pass-expected-use = Security updates are provided for { $months } months after release (until { $end }), covering the declared expected use time of { $expected } months, shorter than { $min } months.
ctl-update-support-period-cra-fail = Security updates are provided for only { $months } months after release (until { $end }): at least { $min } months are required, unless the product is expected to be in use for less and support covers that whole time (updates.expected_use_months).
ctl-update-support-period-cra-fail-expected-use = Security updates are provided for { $months } months after release (until { $end }), less than the declared expected use time of { $expected } months.
ctl-update-support-period-cra-unknown = The declaration gives no support end date (updates.support_end), so the length of the support period cannot be checked.
ctl-update-support-period-cra-unknown-no-minimum = The catalog gives no minimum support period for this control (min_months).
ctl-update-not-updatable-rationale-na = The device can be updated.
ctl-update-not-updatable-rationale-pass = The maker explains why the device cannot be updated and how to isolate or replace it.
ctl-update-not-updatable-rationale-fail = The device cannot be updated and the maker does not explain why or how to replace it.
ctl-update-free-of-charge-pass = Security updates are free.
ctl-update-free-of-charge-fail = Security updates cost money.
ctl-update-free-of-charge-unknown = The declaration does not say whether security updates are free (updates.free_of_charge).
ctl-update-security-separate-pass = Security fixes can be installed without feature changes.
ctl-update-security-separate-fail = Security fixes come bundled with feature changes.
ctl-update-security-separate-unknown = The declaration does not say whether security fixes ship separately (updates.security_separate_from_features).

## Sentences several controls share

ctl-shared-not-updatable = The device cannot be updated.
ctl-shared-no-personal-data = The product collects no personal data.
ctl-shared-no-telemetry = The product collects no telemetry.
ctl-shared-telemetry-unknown = The declaration does not say whether telemetry is collected (data.telemetry).

## Keys and passwords kept on the device

ctl-storage-secure-secrets-pass = Keys and passwords are kept in protected storage.
ctl-storage-secure-secrets-fail = Keys and passwords are stored without protection.
ctl-storage-secure-secrets-unknown = The declaration does not say how keys and passwords are stored (hardware.secrets_stored_securely).
ctl-storage-tamper-resistant-identity-pass = The device's identity cannot easily be altered.
ctl-storage-tamper-resistant-identity-fail = The device's identity can be altered by tampering.
ctl-storage-tamper-resistant-identity-unknown = The declaration does not say whether the device identity resists tampering (hardware.tamper_resistant_identity).
ctl-storage-no-hardcoded-secrets-pass = No passwords or keys are built into the software.
ctl-storage-no-hardcoded-secrets-fail = Passwords or keys are built into the software, the same on every unit.
ctl-storage-no-hardcoded-secrets-unknown = The declaration does not say whether secrets are hard-coded (software.no_hardcoded_secrets).
ctl-storage-per-device-service-keys-pass = Each unit has its own keys for updates and services.
ctl-storage-per-device-service-keys-fail = Units share keys for updates and services.
ctl-storage-per-device-service-keys-unknown = The declaration does not say whether service keys are unique per unit (software.per_device_service_keys).

## Communication

ctl-comms-encrypted-fail-none = The device sends data without encryption.
ctl-comms-encrypted-fail-partial = Some of the device's traffic is not encrypted.
ctl-comms-encrypted-pass = All traffic is encrypted with TLS { $version } or later.
ctl-comms-encrypted-fail-old-tls = Encryption still accepts TLS { $version }, which is broken.
ctl-comms-encrypted-unknown = All traffic is said to be encrypted, but the lowest TLS version is not given (communication.min_tls_version).
ctl-comms-reviewed-implementations-pass = Network and security code uses reviewed implementations.
ctl-comms-reviewed-implementations-fail = Network and security code has not been reviewed.
ctl-comms-reviewed-implementations-unknown = The declaration does not say whether network and security code is reviewed (communication.reviewed_implementations).
ctl-comms-crypto-agility-pass = Cryptographic algorithms can be replaced by an update.
ctl-comms-crypto-agility-fail = Cryptographic algorithms are fixed and cannot be updated.
ctl-comms-crypto-agility-unknown = The declaration does not say whether cryptography can be updated (communication.crypto_agile).
ctl-comms-secrets-encrypted-pass = Keys and passwords are encrypted when sent.
ctl-comms-secrets-encrypted-fail = Keys or passwords are sent unencrypted.
ctl-comms-secrets-encrypted-unknown = The declaration does not say whether secrets are encrypted in transit (communication.secrets_encrypted_in_transit).
ctl-comms-secrets-encrypted-fail-plain-login = These services ask for credentials over unencrypted connections, so the credentials are not protected on their way: { $services }.
ctl-comms-key-lifecycle-pass = Keys are created, rotated and revoked under a managed process.
ctl-comms-key-lifecycle-fail = Keys are not managed over their lifetime.
ctl-comms-key-lifecycle-unknown = The declaration does not say whether keys are managed over their lifecycle (software.key_lifecycle_managed).
ctl-service-port = { $name } (port { $port })

## Attack surface

ctl-surface-no-insecure-services-pass-no-services = The device opens no services on your network.
ctl-surface-no-insecure-services-pass-authenticated = Every network service that is on by default requires login.
ctl-surface-no-insecure-services-fail = Insecure or open network services are on by default: { $services }.
ctl-surface-minimal-services-pass = Only the services needed for the device's purpose are enabled.
ctl-surface-minimal-services-fail = Services beyond what the device needs are enabled.
ctl-surface-minimal-services-unknown = The declaration does not say whether only needed services are enabled (software.minimal_services).
ctl-surface-physical-interfaces-pass = Physical ports not needed in use are not exposed.
ctl-surface-physical-interfaces-fail = Unneeded physical ports are exposed.
ctl-surface-physical-interfaces-unknown = The declaration does not say whether unneeded physical ports are exposed (hardware.unneeded_physical_interfaces_removed).
ctl-surface-debug-locked-pass-absent = The device has no debug interface.
ctl-surface-debug-locked-pass-locked = Debug interfaces are disabled or locked.
ctl-surface-debug-locked-fail = An open debug interface lets anyone with physical access take control.
ctl-surface-debug-locked-unknown = The declaration does not say whether debug interfaces are locked (hardware.debug_interfaces).
ctl-surface-debug-physical-na = The device has no debug ports.
ctl-surface-debug-physical-pass = Debug ports are physically protected.
ctl-surface-debug-physical-fail = Debug ports are physically reachable.
ctl-surface-debug-physical-unknown = The declaration does not say whether debug ports are physically protected (hardware.debug_ports_physically_protected).
ctl-surface-minimal-code-pass = The software is limited to what the device needs.
ctl-surface-minimal-code-fail = The software includes code the device does not need.
ctl-surface-minimal-code-unknown = The declaration does not say whether code is minimised (software.minimal_code).
ctl-surface-least-privilege-pass = Programs run with only the rights they need.
ctl-surface-least-privilege-fail = Programs run with more rights than they need.
ctl-surface-least-privilege-unknown = The declaration does not say whether software runs with least privilege (software.least_privilege).
ctl-surface-memory-protection-pass = Hardware keeps programs from reading each other's memory.
ctl-surface-memory-protection-fail = The hardware does not protect memory between programs.
ctl-surface-memory-protection-unknown = The declaration does not say whether hardware memory protection is used (hardware.memory_protection).
ctl-surface-exploit-mitigations-pass = Exploit mitigations make attacks harder.
ctl-surface-exploit-mitigations-fail = Exploit mitigations are not enabled.
ctl-surface-exploit-mitigations-unknown = The declaration does not say whether exploit mitigations are on (software.exploit_mitigations).

## Development process

ctl-process-secure-development-pass = The software is built under a secure development process.
ctl-process-secure-development-fail = No secure development process is followed.
ctl-process-secure-development-unknown = The declaration does not say whether a secure development process is followed (software.secure_development).

## Settings

ctl-config-secure-by-default-pass = The device ships with secure settings and can be reset to them.
ctl-config-secure-by-default-fail = The device does not ship with secure settings.
ctl-config-secure-by-default-unknown = The declaration does not say whether the device is secure by default (software.secure_by_default).

## Software integrity

ctl-integrity-secure-boot-pass = The device checks its software at every start (secure boot).
ctl-integrity-secure-boot-fail = The device starts any software, even if it was tampered with (no secure boot).
ctl-integrity-secure-boot-unknown = The declaration does not say whether secure boot is used (hardware.secure_boot).
ctl-integrity-tamper-response-pass = If its software is changed without permission, the device warns you and limits its network access.
ctl-integrity-tamper-response-fail = The device does not react if its software is changed without permission.
ctl-integrity-tamper-response-unknown = The declaration does not say how the device reacts to unauthorised software changes (software.tamper_response).

## Personal data

ctl-data-encrypted-in-transit-pass = Your personal data is encrypted on its way to the maker's services.
ctl-data-encrypted-in-transit-fail = Your personal data travels unencrypted.
ctl-data-encrypted-in-transit-unknown = The declaration does not say whether personal data is encrypted in transit (data.personal_data_encrypted_in_transit).
ctl-data-encrypted-at-rest-pass = Stored data is encrypted.
ctl-data-encrypted-at-rest-fail = Stored data is not encrypted.
ctl-data-encrypted-at-rest-unknown = The declaration does not say whether stored data is encrypted (data.encrypted_at_rest).
ctl-data-portability-pass = You can export your data.
ctl-data-portability-fail = You cannot export your data.
ctl-data-portability-unknown = The declaration does not say whether data can be exported (data.portable).

## Sensors

ctl-sensors-documented-na = The device has no sensors.
ctl-sensors-documented-pass = Every sensor is described in the documentation.
ctl-sensors-documented-fail = Sensors not described to users: { $sensors }.
ctl-sensors-user-control-na = The device has no camera or microphone.
ctl-sensors-user-control-pass = Every camera and microphone shows when it is on and can be physically switched off or covered.
ctl-sensors-user-control-fail = You cannot physically switch off, or see the state of: { $sensors }.

## Resilience

ctl-resilience-local-function-pass-full = The device keeps working without the internet.
ctl-resilience-local-function-pass-partial = The device's core function keeps working without the internet; some features need it.
ctl-resilience-local-function-fail = The device stops working when the internet or the maker's cloud is down.
ctl-resilience-orderly-reconnect-pass = The device reconnects cleanly after outages.
ctl-resilience-orderly-reconnect-fail = The device does not recover cleanly after outages.
ctl-resilience-orderly-reconnect-unknown = The declaration does not say how the device reconnects after outages (communication.orderly_reconnection).
ctl-resilience-dos-pass = The device withstands network floods and does not harm other networks.
ctl-resilience-dos-fail = The device is not protected against network floods.
ctl-resilience-dos-unknown = The declaration does not say whether the device resists denial of service (communication.dos_resilient).

## Monitoring

ctl-monitoring-telemetry-examined-pass = Telemetry is checked for signs of attack.
ctl-monitoring-telemetry-examined-fail = Telemetry is not checked for signs of attack.
ctl-monitoring-telemetry-examined-unknown = The declaration does not say whether telemetry is checked for anomalies (data.telemetry.examined_for_anomalies).
ctl-monitoring-security-logging-pass = Security events are recorded, and you can opt out.
ctl-monitoring-security-logging-fail = Security events are not recorded.
ctl-monitoring-security-logging-unknown = The declaration does not say whether security events are logged (software.security_logging).

## Deleting data

ctl-deletion-device-reset-pass = A factory reset erases your data from the device.
ctl-deletion-device-reset-fail = A factory reset leaves your data on the device.
ctl-deletion-device-reset-unknown = The declaration does not say whether a factory reset erases user data (data.deletion_on_factory_reset).
ctl-deletion-cloud-na = No data is kept in the maker's services.
ctl-deletion-cloud-pass = You can have your data deleted from the maker's services.
ctl-deletion-cloud-fail = You cannot have your data deleted from the maker's services.
ctl-deletion-cloud-unknown = The declaration does not say whether cloud data can be deleted on request (data.deletion_on_request).
ctl-deletion-instructions-pass = Clear instructions explain how to delete your data.
ctl-deletion-instructions-fail = There are no instructions on deleting your data.
ctl-deletion-instructions-unknown = The declaration does not say whether deletion instructions are given (data.deletion_instructions).
ctl-deletion-confirmation-pass = You get confirmation once your data is deleted.
ctl-deletion-confirmation-fail = You get no confirmation that your data was deleted.
ctl-deletion-confirmation-unknown = The declaration does not say whether deletion is confirmed (data.deletion_confirmed).

## Setup

ctl-setup-minimal-decisions-pass = Setup is simple and secure without expert choices.
ctl-setup-minimal-decisions-fail = Secure setup needs expert decisions.
ctl-setup-minimal-decisions-unknown = The declaration does not say whether setup is simple and secure (documentation.minimal_setup_decisions).
ctl-setup-secure-guide-pass = A guide explains how to set the device up securely.
ctl-setup-secure-guide-fail = No guide explains secure setup.
ctl-setup-secure-guide-unknown = The declaration does not say whether secure setup guidance is given (documentation.secure_setup_guide).
ctl-setup-check-guide-pass = A guide explains how to check the device is set up securely.
ctl-setup-check-guide-fail = Nothing explains how to check the setup is secure.
ctl-setup-check-guide-unknown = The declaration does not say whether guidance on checking the setup is given (documentation.setup_check_guide).

## Input

ctl-input-validation-pass = Input from apps, web pages and the network is checked before use.
ctl-input-validation-fail = Input is not validated before use.
ctl-input-validation-unknown = The declaration does not say whether input is validated (software.input_validation).

## Privacy

ctl-privacy-transparency-pass = A privacy policy says what data is collected, by whom and why.
ctl-privacy-transparency-fail = Personal data is collected but no privacy policy is published.
ctl-privacy-consent-na = Processing does not rely on consent.
ctl-privacy-consent-unknown-consent-based = The declaration does not say whether processing relies on consent (data.consent_based).
ctl-privacy-consent-pass = You can withdraw consent at any time, and consent is recorded.
ctl-privacy-consent-fail = Consent cannot be withdrawn.
ctl-privacy-consent-unknown-withdrawable = The declaration does not say whether consent can be withdrawn (data.consent_withdrawable).
ctl-privacy-telemetry-minimised-pass = Telemetry carries as little personal data as possible.
ctl-privacy-telemetry-minimised-fail = Telemetry carries more personal data than needed.
ctl-privacy-telemetry-minimised-unknown = The declaration does not say whether personal data in telemetry is minimised (data.telemetry.personal_data_minimised).
ctl-privacy-telemetry-described-pass = You are told what telemetry is collected and why.
ctl-privacy-telemetry-described-fail = Telemetry is collected without telling you what or why.
ctl-privacy-telemetry-described-unknown = The declaration does not say whether telemetry is described to users (data.telemetry.described_to_user).
ctl-privacy-minimisation-pass = Only necessary data is collected, and it is deleted when no longer needed.
ctl-privacy-minimisation-fail = More data is collected or kept than needed.
ctl-privacy-minimisation-unknown = The declaration does not say whether data is minimised (data.minimised).
ctl-privacy-anonymisation-pass = Personal data is anonymised or aggregated where possible.
ctl-privacy-anonymisation-fail = Personal data is not anonymised where it could be.
ctl-privacy-anonymisation-unknown = The declaration does not say whether data is anonymised (data.anonymised).
ctl-privacy-no-sale-pass = Your data is not sold.
ctl-privacy-no-sale-fail = Some of your data is sold: { $data }.

## Controls only lab evidence can show

ctl-evidence-binary-analysis-unknown = Needs a lab's binary analysis report as evidence; a declaration cannot show this.
ctl-evidence-penetration-test-unknown = Needs a lab's penetration test report as evidence; a declaration cannot show this.

## Engine

ctl-no-evaluator = This build has no evaluator for this control.
ctl-shared-no-policy = The control set gives no threshold for this control, so it cannot be judged.

## Requirement reasons (crates/assess/src/lib.rs)

reason-not-applicable = Does not apply: { $condition }
reason-evidence-contradicted = The declaration claims this, but a test found otherwise: { $summary } ({ $tester }, { $date }).
reason-evidence-failed = A test found a problem: { $summary } ({ $tester }, { $date }).
reason-evidence-confirmed-claim = A test confirmed it: { $summary } ({ $tester }, { $date }).
reason-evidence-confirmed-unclaimed = A test confirmed this, although the declaration did not claim it: { $summary } ({ $tester }, { $date }).
reason-evidence-confirmed = A test confirmed this: { $summary } ({ $tester }, { $date }).
reason-depends-on = Whether this applies depends on { $field }, which the declaration does not give.

## Evidence files naming unknown targets (diagnostics)

evidence-unknown-control = `{ $control }` is not a common control
evidence-unknown-control-expected = a control id from `iotlabel frameworks --controls`
evidence-unknown-requirement = `{ $requirement }` is not a known requirement
evidence-unknown-requirement-expected = framework:id, e.g. etsi-en-303-645:5.1-1; see `iotlabel frameworks`
evidence-set-aside-future = Evidence { $id } was set aside: it is dated { $date }, after the assessment date { $as_of }.
evidence-set-aside-method = Evidence { $id } was set aside: { $control } can only be shown by { $expected }, not by { $method }.
evidence-set-aside-tester = Evidence { $id } was set aside: { $control } needs a tester independent of the manufacturer, not “{ $tester }”.
evidence-set-aside-firmware = Evidence { $id } was set aside: { $control } is about the software the device ships with, and the test was of firmware { $tested }, not { $declared }.
evidence-set-aside-pre-release = Evidence { $id } was set aside: { $control } is about the software the device ships with, and the test, dated { $date }, comes before the release date { $release } without naming the firmware version tested.
evidence-pre-release = Evidence { $id } is dated { $date }, before the release date { $release }, and does not name the firmware version tested: it may be about a pre-release build.
evidence-other-firmware = The evidence is about firmware { $tested }, but the declaration describes firmware { $declared }.
evidence-unbound-note = The evidence names no device: it was applied to this declaration on the user's word (--allow-unbound-evidence).
evidence-unbound = the evidence names no device, so nothing shows that it is about the declared one
evidence-unbound-expected = a `device` naming the tested device's brand and model (and firmware_version), as the declaration does
evidence-unbound-suggestion = add `"device": {"{"} "brand": …, "model": …, "firmware_version": … {"}"}`, or pass --allow-unbound-evidence to use the file anyway (every report then says so)
reason-evidence-contradicted-na = The declaration says this does not apply, but a test found otherwise: { $summary } ({ $tester }, { $date }).
evidence-device-mismatch = the evidence is about { $tested }, but the declaration describes { $declared }
evidence-device-mismatch-expected = evidence from testing the declared device (same brand and model)
ctl-comms-encrypted-fail-inconsistent = The declaration says all traffic is encrypted, but it lists unencrypted connections: { $services }.
ctl-endpoint-protocol = { $domain } port { $port } over { $protocol }
ctl-sensors-documented-unknown = The declaration does not say whether the user documentation describes these sensors: { $sensors } (sensors[].documented).
ctl-privacy-no-sale-unknown = The declaration does not say whether this data is sold: { $data } (data.collected[].sold).
ctl-update-user-control-na = The device cannot be updated, so there are no updates to control.
ctl-update-all-components-fail-none = None of the device's software can be updated.
ctl-docs-compliance-statement-pass = A statement of compliance comes with the product.
ctl-docs-compliance-statement-fail = No statement of compliance comes with the product.
ctl-docs-compliance-statement-unknown = The declaration does not say whether a statement of compliance comes with the product (documentation.uk_statement_of_compliance); `iotlabel documents --scheme uk-psti` writes one.

## Ownership (crates/assess/src/ownership.rs): repair, resale, the end of the maker's service.

ctl-ownership-repair-parts-pass = Spare parts and repair information are offered to owners and independent repairers until { $until }.
ctl-ownership-repair-parts-fail-parts = Spare parts are not sold to owners or independent repairers.
ctl-ownership-repair-parts-fail-information = Repair information is not available to owners or independent repairers.
ctl-ownership-repair-parts-fail-ended = Spare parts and repair information were promised only until { $until }; that date has passed.
ctl-ownership-repair-parts-unknown = The declaration does not say whether spare parts and repair information are available to owners and independent repairers, and until when (ownership.repair.spare_parts, ownership.repair.repair_information, ownership.repair.available_until).
ctl-ownership-battery-replaceable-pass = You can replace the battery yourself.
ctl-ownership-battery-replaceable-fail-service = Only a repairer can replace the battery.
ctl-ownership-battery-replaceable-fail = The battery cannot be replaced.
ctl-ownership-battery-replaceable-na = The device has no battery to replace.
ctl-ownership-battery-replaceable-unknown = The declaration does not say whether the battery can be replaced (ownership.repair.battery).
ctl-ownership-independent-repair-pass = Repairing the device yourself or at an independent repairer keeps the warranty.
ctl-ownership-independent-repair-fail = Repair by yourself or an independent repairer voids the warranty.
ctl-ownership-independent-repair-unknown = The declaration does not say whether independent repair keeps the warranty (ownership.repair.independent_repair_keeps_warranty).
ctl-ownership-transfer-pass = You can reset the device and pass it on to a new owner, without the maker's permission and at no cost.
ctl-ownership-transfer-fail-permission = A new owner cannot take the device over without the maker's permission.
ctl-ownership-transfer-fail-fee = The maker charges a fee to move the device to a new owner.
ctl-ownership-transfer-unknown = The declaration does not say whether the device can be passed on to a new owner freely (ownership.transfer.without_maker_permission, ownership.transfer.free_of_charge).
ctl-ownership-end-of-service-function-pass = Every feature keeps working if the maker's online service ends.
ctl-ownership-end-of-service-function-pass-local-api = If the maker's online service ends, the core function keeps working and a documented local interface lets you control the device.
ctl-ownership-end-of-service-function-fail-partial = If the maker's online service ends, only part of the device keeps working, and no local interface lets you control it.
ctl-ownership-end-of-service-function-fail = The device stops working if the maker's online service ends.
ctl-ownership-end-of-service-function-unknown = The declaration does not say what keeps working if the maker's online service ends (ownership.end_of_service.function, ownership.end_of_service.local_api).
ctl-ownership-end-of-service-notice-pass = The maker promises { $months } months' notice before its online service shuts down.
ctl-ownership-end-of-service-notice-fail = The maker promises no notice before its online service shuts down.
ctl-ownership-end-of-service-notice-unknown = The declaration does not say how much notice the maker gives before its online service shuts down (ownership.end_of_service.notice_months).
ctl-ownership-no-remote-disabling-pass = The maker commits not to disable, remotely, features you paid for.
ctl-ownership-no-remote-disabling-fail = The maker keeps the right to disable, remotely, features you paid for.
ctl-ownership-no-remote-disabling-unknown = The declaration does not say whether the maker can disable features remotely (ownership.no_remote_disabling).

## Scope: a framework that does not apply to the product at all.
scope-excluded = Out of scope: { $framework } does not cover { $exclusion } ({ $reference }).
scope-not-sold = Out of scope: the declaration says the product is sold in { $regions }, and { $framework } covers only products made available in { $markets } ({ $reference }).

## Radio and physical interfaces, the phone app, boot stages and secrets
ctl-auth-brute-force-protection-fail-interfaces = Nothing stops repeated guessing of the PIN or password on: { $interfaces }.
ctl-auth-brute-force-protection-unknown-interfaces = The declaration does not say how repeated guessing of the PIN or password is stopped on: { $interfaces } (interfaces[].brute_force_protection).
ctl-auth-brute-force-protection-pass-interfaces = Every interface that asks for a PIN or password stops repeated guessing.
ctl-surface-interfaces-authenticated-pass = Every radio and physical interface asks for pairing or a code, and no code is shared by every unit.
ctl-surface-interfaces-authenticated-fail-open = Anyone in radio range can use these interfaces without pairing or a code, at any time: { $interfaces }.
ctl-surface-interfaces-authenticated-fail-universal = These interfaces use a code shared by every unit: { $interfaces }.
ctl-surface-interfaces-authenticated-na = The device declares no radio or physical interface.
ctl-surface-interfaces-authenticated-unknown = The declaration does not list the device's radio and physical interfaces (interfaces).
ctl-comms-encrypted-fail-links = Traffic on these links is not encrypted to current good practice: { $links }.
ctl-comms-encrypted-fail-app = Traffic between the phone app and the device or its services is not encrypted.
ctl-comms-encrypted-pass-links = The device has no IP traffic of its own, and its links are protected: { $links }.
ctl-comms-secrets-encrypted-fail-links = Codes, passwords or network credentials cross these links without adequate encryption: { $links }.
ctl-surface-debug-locked-fail-ports = These debug ports are open: { $ports }.
ctl-integrity-secure-boot-fail-stages = These boot stages are not verified before they run: { $stages }.
ctl-integrity-secure-boot-fail-no-root = The boot chain is not anchored in hardware: its first stage ({ $stage }) is not verified by a hardware root of trust.
ctl-integrity-secure-boot-pass-chain = Every boot stage is verified, starting from a hardware root of trust.
ctl-storage-secure-secrets-fail-secrets = These secrets are kept where a copy of the memory reveals them: { $secrets }.
ctl-storage-secure-secrets-pass-each = Every declared secret is kept in protected storage.
ctl-data-encrypted-in-transit-fail-app = Data that reaches the phone app travels unencrypted: { $data }.
ctl-auth-no-universal-default-password-fail-interfaces = Every unit shares the same password on: { $interfaces }.

## Routes: other ways the law accepts for meeting a requirement (deemed compliance).
reason-route-via = Meets { $requirement } through { $framework } { $ids }, which the law accepts in its place ({ $reference }).
reason-route-label = Meets { $requirement } through a current { $scheme } label ({ $id }, valid until { $until }), which the law accepts in its place ({ $reference }).
reason-route-direct-fail = Read on its own terms, without that route, the requirement is not met:
reason-route-direct-unknown = Read on its own terms, without that route, the declaration does not settle the requirement:
reason-route-no-cover = A route to { $requirement } is met, but a test shows the requirement is not met, and a route does not outweigh a test.
reason-route-and = and

## Masks: findings a lab accepts (the report's accepted findings and masks not in force)

evidence-accepted = Finding { $id } ({ $what }) is accepted by { $who } on { $when }: { $why }{ $expires ->
    [none] {""}
   *[other] {" "}(until { $expires })
}. It does not count.
evidence-mask-expired = The accepted finding “{ $what }” ({ $who }) expired on { $expires }: the findings it named count again.
evidence-mask-not-yet = The accepted finding “{ $what }” ({ $who }) is dated { $when }, after the assessment date { $as_of }: it was not applied.
