# Raisons de l’évaluation (crates/assess) : pourquoi chaque contrôle et chaque exigence a reçu son verdict.
# Mêmes identifiants que locales/en/assess.ftl. Les chemins de champs entre parenthèses
# (updates.support_end) sont des champs de la déclaration : ne pas les traduire.
# Typographie : apostrophe typographique ’, espace insécable (U+00A0) avant : ; ? ! et à l’intérieur des « », « internet » en minuscules.

## Documentation et déclarations

ctl-docs-justifications-pass = Chaque recommandation non suivie est justifiée par écrit.
ctl-docs-justifications-fail = Les recommandations non suivies ne sont pas justifiées par écrit.
ctl-docs-justifications-unknown = La déclaration ne précise pas si les recommandations non suivies sont justifiées par écrit (documentation.justifications_recorded).
ctl-docs-risk-assessment-pass = Une évaluation des risques de cybersécurité est documentée.
ctl-docs-risk-assessment-fail = Aucune évaluation des risques de cybersécurité n’est documentée.
ctl-docs-risk-assessment-unknown = La déclaration ne précise pas si une évaluation des risques a été faite (documentation.risk_assessment).
ctl-docs-user-information-fail = Il manque des informations que les utilisateurs doivent recevoir : { $fields }.
ctl-docs-user-information-unknown = La déclaration ne précise pas si les utilisateurs reçoivent : { $fields }.
ctl-docs-user-information-pass = Les utilisateurs reçoivent les coordonnées du fabricant, la date de fin de la prise en charge, la déclaration de conformité et les consignes de sécurité.
ctl-docs-compliance-statement-facts-pass = L’adresse du fabricant et la période de prise en charge sont déclarées, comme l’exige une déclaration de conformité.
ctl-docs-compliance-statement-facts-fail-address = Une déclaration de conformité exige l’adresse postale du fabricant (identity.manufacturer.address).
ctl-docs-compliance-statement-facts-fail-support = Une déclaration de conformité exige la période de prise en charge (updates.support_end).
ctl-docs-compliance-statement-facts-fail-both = Une déclaration de conformité exige l’adresse du fabricant et la période de prise en charge (identity.manufacturer.address, updates.support_end).

## Authentification et mots de passe

ctl-auth-no-universal-default-password-fail = Tous les exemplaires sont livrés avec le même mot de passe, que des pirates peuvent trouver et essayer sur chaque appareil.
ctl-auth-no-universal-default-password-pass-unique = Chaque exemplaire a son propre mot de passe d’usine.
ctl-auth-no-universal-default-password-pass-user-set = Le propriétaire choisit le mot de passe lors de la configuration ; il n’y a pas de mot de passe d’usine.
ctl-auth-no-universal-default-password-pass-no-password = L’appareil n’utilise aucun mot de passe, donc aucun ne peut être commun à plusieurs exemplaires.
ctl-auth-unique-password-quality-na = L’appareil n’a pas de mots de passe uniques préinstallés.
ctl-auth-unique-password-quality-pass = Les mots de passe d’usine sont aléatoires, et non tirés du numéro de série ou de l’adresse MAC.
ctl-auth-unique-password-quality-fail = Les mots de passe d’usine suivent un modèle (comme le numéro de série) que des pirates peuvent deviner.
ctl-auth-unique-password-quality-unknown = La déclaration ne précise pas comment les mots de passe d’usine uniques sont générés (authentication.unique_passwords_random).
ctl-auth-machine-credentials-unique-pass = Les identifiants que l’appareil utilise avec d’autres machines sont propres à chaque exemplaire.
ctl-auth-machine-credentials-unique-fail = Les exemplaires partagent les identifiants qu’ils utilisent avec d’autres machines.
ctl-auth-machine-credentials-unique-unknown = La déclaration ne précise pas si les identifiants de machine à machine sont uniques (authentication.machine_credentials_unique).
ctl-auth-best-practice-crypto-pass = L’authentification repose sur une cryptographie à jour.
ctl-auth-best-practice-crypto-fail = L’authentification repose sur une cryptographie dépassée ou faible.
ctl-auth-best-practice-crypto-unknown = La déclaration ne précise pas si l’authentification utilise une cryptographie conforme aux bonnes pratiques (authentication.best_practice_crypto).
ctl-auth-credentials-changeable-pass = Vous pouvez facilement changer le mot de passe et les autres secrets de connexion.
ctl-auth-credentials-changeable-fail = Vous ne pouvez pas changer le mot de passe ni les autres secrets de connexion.
ctl-auth-credentials-changeable-unknown = La déclaration ne précise pas si les utilisateurs peuvent changer leurs identifiants (authentication.user_can_change_credentials).
ctl-auth-brute-force-protection-fail = Rien n’empêche un pirate d’essayer des mots de passe à répétition par le réseau.
ctl-auth-brute-force-protection-pass = Les essais répétés de mauvais mots de passe sont ralentis ou bloqués.
ctl-auth-brute-force-protection-unknown = La déclaration ne précise pas comment les essais de mots de passe sont limités (authentication.brute_force_protection).
ctl-auth-cloud-mfa-na = Il n’y a aucun compte en ligne à protéger.
ctl-auth-cloud-mfa-pass = Le compte en ligne peut être protégé par un deuxième facteur d’authentification.
ctl-auth-cloud-mfa-fail = Le compte en ligne n’est protégé que par un mot de passe ; aucun deuxième facteur n’est offert.
ctl-auth-cloud-mfa-unknown = La déclaration ne précise pas si le compte en ligne offre l’authentification multifacteur (authentication.cloud_mfa).
ctl-auth-network-access-authenticated-fail-open = N’importe qui sur votre réseau peut utiliser { $services } sans se connecter.
ctl-auth-network-access-authenticated-pass = Les fonctions accessibles par le réseau exigent d’abord une authentification.
ctl-auth-network-access-authenticated-fail = Certaines fonctions peuvent être utilisées par le réseau sans authentification.
ctl-auth-network-access-authenticated-unknown = La déclaration ne précise pas si les fonctions réseau exigent une authentification (communication.network_functions_authenticated).
ctl-auth-config-changes-authenticated-pass = Les paramètres de sécurité ne peuvent être modifiés par le réseau qu’après une connexion.
ctl-auth-config-changes-authenticated-fail = Les paramètres de sécurité peuvent être modifiés par le réseau sans connexion.
ctl-auth-config-changes-authenticated-unknown = La déclaration ne précise pas si la modification des paramètres de sécurité par le réseau exige une authentification (communication.config_changes_authenticated).

## Vulnérabilités et comment les signaler

ctl-vuln-contact-pass = Les problèmes de sécurité peuvent être signalés à { $contact }.
ctl-vuln-contact-fail = Il n’existe aucun moyen publié de signaler un problème de sécurité.
ctl-vuln-timely-action-pass = Le fabricant s’engage à corriger les vulnérabilités critiques dans un délai de { $days } { $days ->
        [one] jour
       *[other] jours
    }.
ctl-vuln-timely-action-fail = Le fabricant se donne { $days } jours pour corriger une vulnérabilité critique, soit plus de { $max } jours.
ctl-vuln-timely-action-unknown = La déclaration ne s’engage sur aucun délai de correction des vulnérabilités (updates.time_to_fix_days).
ctl-vuln-monitoring-pass = Le fabricant surveille et corrige les vulnérabilités pendant toute la période de prise en charge.
ctl-vuln-monitoring-fail = Le fabricant ne surveille pas les vulnérabilités du produit.
ctl-vuln-monitoring-unknown = La déclaration ne précise pas si les vulnérabilités sont surveillées (vulnerability_disclosure.monitors_vulnerabilities).
ctl-vuln-public-advisories-pass = Les vulnérabilités corrigées sont annoncées publiquement.
ctl-vuln-public-advisories-fail = Les vulnérabilités corrigées ne sont pas annoncées publiquement.
ctl-vuln-public-advisories-unknown = La déclaration ne précise pas si les vulnérabilités corrigées sont rendues publiques (vulnerability_disclosure.publishes_advisories).
ctl-vuln-no-known-exploitable-pass = Aucune vulnérabilité exploitable n’était connue à la mise sur le marché.
ctl-vuln-no-known-exploitable-fail = Le produit a été mis sur le marché avec { $count } { $count ->
        [one] vulnérabilité exploitable connue
       *[other] vulnérabilités exploitables connues
    }.
ctl-vuln-no-known-exploitable-unknown = La déclaration n’indique pas les vulnérabilités exploitables connues à la mise sur le marché (vulnerability_disclosure.known_exploitable_at_release).
ctl-vuln-security-testing-pass = La sécurité du produit est testée et revue régulièrement.
ctl-vuln-security-testing-fail = La sécurité du produit n’est pas testée régulièrement.
ctl-vuln-security-testing-unknown = La déclaration ne précise pas si la sécurité est testée régulièrement (software.security_testing).
ctl-vuln-disclosure-policy-lacks-policy = une politique publiée (vulnerability_disclosure.policy_url)
ctl-vuln-disclosure-policy-lacks-contact = un contact (vulnerability_disclosure.contact)
ctl-vuln-disclosure-policy-lacks-acknowledgement = le délai d’accusé de réception des signalements (vulnerability_disclosure.acknowledgement_days)
ctl-vuln-disclosure-policy-lacks-status-updates = le délai de suivi des signalements (vulnerability_disclosure.status_update_days)
ctl-vuln-disclosure-policy-pass = Une politique de divulgation des vulnérabilités est publiée, avec un contact et des délais de réponse.
ctl-vuln-disclosure-policy-fail = Il n’y a ni politique de divulgation des vulnérabilités ni moyen de signaler un problème de sécurité.
ctl-vuln-disclosure-policy-fail-incomplete = Il manque à la politique de divulgation des vulnérabilités : { $missing }.

## Nomenclature logicielle

ctl-sbom-maintained-pass-cyclonedx = Une nomenclature logicielle (SBOM) au format CycloneDX est tenue à jour.
ctl-sbom-maintained-pass-spdx = Une nomenclature logicielle (SBOM) au format SPDX est tenue à jour.
ctl-sbom-maintained-unknown = La déclaration ne précise pas si une nomenclature logicielle est tenue à jour (software.sbom).

## Identification

ctl-identity-model-designation-pass = Le nom du modèle est inscrit sur l’appareil : vous pouvez le comparer aux avis de sécurité.
ctl-identity-model-designation-fail = Le nom du modèle n’est pas inscrit sur l’appareil.
ctl-identity-model-designation-unknown = La déclaration ne précise pas si le modèle est inscrit sur l’appareil (identity.model_marked_on_device).

## Mises à jour du logiciel

ctl-update-mechanism-fail-not-updatable = Le logiciel de l’appareil ne peut pas être mis à jour : ses failles de sécurité ne pourront jamais être corrigées.
ctl-update-mechanism-pass = Le logiciel peut être mis à jour, et les mises à jour sont signées.
ctl-update-mechanism-fail-unsigned = Les mises à jour ne sont pas signées : une fausse mise à jour pourrait être installée.
ctl-update-mechanism-unknown = La déclaration ne précise pas si les mises à jour sont signées (updates.signed).
ctl-update-all-components-pass = Tous les composants logiciels qui doivent pouvoir être mis à jour peuvent l’être.
ctl-update-all-components-fail = Certains composants logiciels ne peuvent pas être mis à jour.
ctl-update-all-components-unknown = La déclaration ne précise pas si tous les composants logiciels peuvent être mis à jour (updates.all_components_updatable).
ctl-update-simple-pass-automatic = Les mises à jour peuvent s’installer d’elles-mêmes.
ctl-update-simple-pass-prompted = Les mises à jour s’installent manuellement, après une notification dans l’application ou sur l’appareil.
ctl-update-simple-unknown = Les mises à jour sont manuelles et la déclaration ne précise pas comment les utilisateurs en sont prévenus (updates.notification).
ctl-update-simple-fail = Les mises à jour doivent être trouvées et installées manuellement, sans notification sur l’appareil ni dans l’application.
ctl-update-automatic-available-pass = Les mises à jour peuvent être réglées pour s’installer automatiquement.
ctl-update-automatic-available-fail = Les mises à jour ne peuvent pas s’installer automatiquement.
ctl-update-automatic-by-default-pass = Les mises à jour de sécurité s’installent automatiquement dès la mise en service.
ctl-update-automatic-by-default-fail-opt-in = Les mises à jour automatiques sont désactivées tant que vous ne les activez pas.
ctl-update-automatic-by-default-fail-manual = Les mises à jour ne s’installent jamais automatiquement.
ctl-update-periodic-check-pass = L’appareil vérifie régulièrement s’il y a des mises à jour.
ctl-update-periodic-check-fail = L’appareil ne vérifie pas de lui-même s’il y a des mises à jour.
ctl-update-periodic-check-unknown = La déclaration ne précise pas si l’appareil vérifie périodiquement s’il y a des mises à jour (updates.periodic_check).
ctl-update-user-control-pass = Vous pouvez désactiver ou reporter les mises à jour automatiques.
ctl-update-user-control-fail = Vous ne pouvez ni désactiver ni reporter les mises à jour automatiques.
ctl-update-user-control-unknown = La déclaration ne précise pas si les utilisateurs peuvent contrôler les mises à jour automatiques (updates.user_can_defer).
ctl-update-notification-unknown = La déclaration ne précise pas comment les utilisateurs sont informés des mises à jour (updates.notification).
ctl-update-notification-fail = Les utilisateurs ne sont pas informés des mises à jour.
ctl-update-notification-pass = Les utilisateurs sont informés des mises à jour.
ctl-update-secure-crypto-pass = Les mises à jour sont signées et livrées par un canal sécurisé.
ctl-update-secure-crypto-fail-unsigned = Les mises à jour ne sont pas signées.
ctl-update-secure-crypto-fail-insecure-channel = Les mises à jour transitent par un canal non sécurisé.
ctl-update-secure-crypto-unknown = La déclaration ne précise pas si les mises à jour sont signées et livrées de façon sécurisée (updates.signed, updates.secure_delivery).
ctl-update-timely-fail-ended = Les mises à jour de sécurité ont pris fin le { $end } ; les nouvelles failles ne seront pas corrigées.
ctl-update-timely-fail-not-updatable = L’appareil ne peut pas être mis à jour, donc aucune mise à jour de sécurité ne peut lui parvenir.
ctl-update-timely-pass = Le fabricant s’engage à fournir les correctifs de sécurité dans un délai de { $days } { $days ->
        [one] jour
       *[other] jours
    }.
ctl-update-timely-fail = Les correctifs de sécurité peuvent prendre { $days } jours, soit plus de { $max } jours.
ctl-update-timely-unknown = La déclaration ne s’engage sur aucun délai pour fournir les correctifs de sécurité (updates.time_to_fix_days).
ctl-update-verified-on-device-pass = L’appareil vérifie la signature de chaque mise à jour avant de l’installer.
ctl-update-verified-on-device-fail = L’appareil installe les mises à jour sans vérifier qu’elles sont authentiques.
ctl-update-verified-on-device-unknown = La déclaration ne précise pas si l’appareil vérifie les mises à jour (updates.verified_on_device).
ctl-update-trusted-delivery-pass = Les mises à jour proviennent d’une source de confiance, par un canal authentifié.
ctl-update-trusted-delivery-fail = Les mises à jour sont téléchargées sans vérifier qui les envoie.
ctl-update-trusted-delivery-unknown = La déclaration ne précise pas comment les mises à jour sont livrées (updates.secure_delivery).
ctl-update-guidance-pass = On vous indique quand une mise à jour est nécessaire et ce qu’elle corrige.
ctl-update-guidance-fail = On ne vous indique pas quand une mise à jour est nécessaire ni pourquoi.
ctl-update-guidance-unknown = La déclaration ne précise pas si les utilisateurs sont informés de ce que corrigent les mises à jour (documentation.update_guidance).
ctl-update-disruption-warning-pass = Vous êtes averti quand une mise à jour va interrompre le fonctionnement de l’appareil.
ctl-update-disruption-warning-fail = Les mises à jour peuvent interrompre le fonctionnement de l’appareil sans avertissement.
ctl-update-disruption-warning-unknown = La déclaration ne précise pas si les utilisateurs sont avertis des mises à jour qui interrompent l’appareil (updates.warns_of_disruption).
ctl-update-support-period-published-pass = Les mises à jour de sécurité sont promises jusqu’au { $end }, et cette date est publiée.
ctl-update-support-period-published-fail-unpublished = Une date de fin de la prise en charge ({ $end }) est déclarée, mais elle n’est pas publiée pour les acheteurs (updates.support_period_url).
ctl-update-support-period-published-fail = Aucune période de prise en charge n’est publiée : les acheteurs ne peuvent pas savoir combien de temps l’appareil recevra des mises à jour de sécurité.
ctl-update-support-period-published-fail-not-updatable = Les mises à jour de sécurité sont promises jusqu’au { $end }, mais l’appareil ne peut pas être mis à jour : cette promesse ne peut pas être tenue.
ctl-update-still-supported-pass = L’appareil est pris en charge jusqu’au { $end }.
ctl-update-still-supported-fail = La prise en charge a pris fin le { $end } : l’appareil ne reçoit plus de mises à jour de sécurité.
ctl-update-still-supported-unknown = La déclaration ne donne aucune date de fin de la prise en charge (updates.support_end).
ctl-update-still-supported-fail-not-updatable = L’appareil ne peut pas être mis à jour ; il ne reçoit donc aucune mise à jour de sécurité, quelle que soit sa date de fin de prise en charge.

ctl-update-support-period-cra-pass = Les mises à jour de sécurité sont fournies pendant { $months } mois après la mise sur le marché (jusqu’au { $end }), soit au moins les { $min } mois exigés.
ctl-update-support-period-cra-pass-expected-use = Les mises à jour de sécurité sont fournies pendant { $months } mois après la mise sur le marché (jusqu’au { $end }), ce qui couvre la durée d’utilisation prévue déclarée de { $expected } mois, inférieure à { $min } mois.
ctl-update-support-period-cra-fail = Les mises à jour de sécurité ne sont fournies que pendant { $months } mois après la mise sur le marché (jusqu’au { $end }) : il faut au moins { $min } mois, à moins que le produit ne soit destiné à être utilisé moins longtemps et que la prise en charge couvre toute cette durée (updates.expected_use_months).
ctl-update-support-period-cra-fail-expected-use = Les mises à jour de sécurité sont fournies pendant { $months } mois après la mise sur le marché (jusqu’au { $end }), soit moins que la durée d’utilisation prévue déclarée de { $expected } mois.
ctl-update-support-period-cra-unknown = La déclaration ne donne aucune date de fin de la prise en charge (updates.support_end) ; la durée de la période de prise en charge ne peut donc pas être vérifiée.
ctl-update-support-period-cra-unknown-no-minimum = Le catalogue ne fixe aucune durée minimale de prise en charge pour ce contrôle (min_months).
ctl-update-not-updatable-rationale-na = L’appareil peut être mis à jour.
ctl-update-not-updatable-rationale-pass = Le fabricant explique pourquoi l’appareil ne peut pas être mis à jour et comment l’isoler ou le remplacer.
ctl-update-not-updatable-rationale-fail = L’appareil ne peut pas être mis à jour et le fabricant n’explique ni pourquoi ni comment le remplacer.
ctl-update-free-of-charge-pass = Les mises à jour de sécurité sont gratuites.
ctl-update-free-of-charge-fail = Les mises à jour de sécurité sont payantes.
ctl-update-free-of-charge-unknown = La déclaration ne précise pas si les mises à jour de sécurité sont gratuites (updates.free_of_charge).
ctl-update-security-separate-pass = Les correctifs de sécurité peuvent être installés sans changement de fonctionnalités.
ctl-update-security-separate-fail = Les correctifs de sécurité sont livrés avec des changements de fonctionnalités.
ctl-update-security-separate-unknown = La déclaration ne précise pas si les correctifs de sécurité sont livrés séparément (updates.security_separate_from_features).

## Phrases communes à plusieurs contrôles

ctl-shared-not-updatable = L’appareil ne peut pas être mis à jour.
ctl-shared-no-personal-data = Le produit ne recueille aucune donnée personnelle.
ctl-shared-no-telemetry = Le produit ne recueille aucune donnée de télémétrie.
ctl-shared-telemetry-unknown = La déclaration ne précise pas si des données de télémétrie sont recueillies (data.telemetry).

## Clés et mots de passe conservés sur l’appareil

ctl-storage-secure-secrets-pass = Les clés et les mots de passe sont conservés dans un espace de stockage protégé.
ctl-storage-secure-secrets-fail = Les clés et les mots de passe sont stockés sans protection.
ctl-storage-secure-secrets-unknown = La déclaration ne précise pas comment les clés et les mots de passe sont stockés (hardware.secrets_stored_securely).
ctl-storage-tamper-resistant-identity-pass = L’identité de l’appareil ne peut pas être modifiée facilement.
ctl-storage-tamper-resistant-identity-fail = L’identité de l’appareil peut être modifiée en trafiquant l’appareil.
ctl-storage-tamper-resistant-identity-unknown = La déclaration ne précise pas si l’identité de l’appareil résiste aux manipulations (hardware.tamper_resistant_identity).
ctl-storage-no-hardcoded-secrets-pass = Aucun mot de passe ni aucune clé n’est intégré au logiciel.
ctl-storage-no-hardcoded-secrets-fail = Des mots de passe ou des clés sont intégrés au logiciel, identiques sur chaque exemplaire.
ctl-storage-no-hardcoded-secrets-unknown = La déclaration ne précise pas si des secrets sont codés en dur dans le logiciel (software.no_hardcoded_secrets).
ctl-storage-per-device-service-keys-pass = Chaque exemplaire a ses propres clés pour les mises à jour et les services.
ctl-storage-per-device-service-keys-fail = Les exemplaires partagent les mêmes clés pour les mises à jour et les services.
ctl-storage-per-device-service-keys-unknown = La déclaration ne précise pas si les clés de service sont propres à chaque exemplaire (software.per_device_service_keys).

## Communications

ctl-comms-encrypted-fail-none = L’appareil envoie des données sans chiffrement.
ctl-comms-encrypted-fail-partial = Une partie des communications de l’appareil n’est pas chiffrée.
ctl-comms-encrypted-pass = Toutes les communications sont chiffrées avec TLS { $version } ou une version plus récente.
ctl-comms-encrypted-fail-old-tls = Le chiffrement accepte encore TLS { $version }, qui n’est plus sûr.
ctl-comms-encrypted-unknown = Toutes les communications seraient chiffrées, mais la version minimale de TLS n’est pas indiquée (communication.min_tls_version).
ctl-comms-reviewed-implementations-pass = Le code réseau et de sécurité repose sur des implémentations dont le code a été relu.
ctl-comms-reviewed-implementations-fail = Le code réseau et de sécurité n’a pas été relu.
ctl-comms-reviewed-implementations-unknown = La déclaration ne précise pas si le code réseau et de sécurité a été relu (communication.reviewed_implementations).
ctl-comms-crypto-agility-pass = Les algorithmes cryptographiques peuvent être remplacés par une mise à jour.
ctl-comms-crypto-agility-fail = Les algorithmes cryptographiques sont figés et ne peuvent pas être mis à jour.
ctl-comms-crypto-agility-unknown = La déclaration ne précise pas si la cryptographie peut être mise à jour (communication.crypto_agile).
ctl-comms-secrets-encrypted-pass = Les clés et les mots de passe sont chiffrés lors de leur envoi.
ctl-comms-secrets-encrypted-fail = Des clés ou des mots de passe sont envoyés sans chiffrement.
ctl-comms-secrets-encrypted-unknown = La déclaration ne précise pas si les secrets sont chiffrés lors de leur transmission (communication.secrets_encrypted_in_transit).
ctl-comms-secrets-encrypted-fail-plain-login = Ces services demandent des identifiants sur des connexions non chiffrées, si bien que ces identifiants circulent sans protection : { $services }.
ctl-comms-key-lifecycle-pass = Les clés sont créées, renouvelées et révoquées selon un processus encadré.
ctl-comms-key-lifecycle-fail = Les clés ne sont pas gérées tout au long de leur vie.
ctl-comms-key-lifecycle-unknown = La déclaration ne précise pas si les clés sont gérées tout au long de leur cycle de vie (software.key_lifecycle_managed).
ctl-service-port = { $name } (port { $port })

## Surface d’attaque

ctl-surface-no-insecure-services-pass-no-services = L’appareil n’ouvre aucun service sur votre réseau.
ctl-surface-no-insecure-services-pass-authenticated = Chaque service réseau activé par défaut exige une connexion.
ctl-surface-no-insecure-services-fail = Des services réseau non sécurisés ou ouverts sont activés par défaut : { $services }.
ctl-surface-minimal-services-pass = Seuls les services nécessaires à la fonction de l’appareil sont activés.
ctl-surface-minimal-services-fail = Des services dont l’appareil n’a pas besoin sont activés.
ctl-surface-minimal-services-unknown = La déclaration ne précise pas si seuls les services nécessaires sont activés (software.minimal_services).
ctl-surface-physical-interfaces-pass = Les ports physiques inutiles à l’usage ne sont pas accessibles.
ctl-surface-physical-interfaces-fail = Des ports physiques inutiles sont accessibles.
ctl-surface-physical-interfaces-unknown = La déclaration ne précise pas si des ports physiques inutiles sont accessibles (hardware.unneeded_physical_interfaces_removed).
ctl-surface-debug-locked-pass-absent = L’appareil n’a aucune interface de débogage.
ctl-surface-debug-locked-pass-locked = Les interfaces de débogage sont désactivées ou verrouillées.
ctl-surface-debug-locked-fail = Une interface de débogage ouverte permet à toute personne ayant un accès physique de prendre le contrôle.
ctl-surface-debug-locked-unknown = La déclaration ne précise pas si les interfaces de débogage sont verrouillées (hardware.debug_interfaces).
ctl-surface-debug-physical-na = L’appareil n’a aucun port de débogage.
ctl-surface-debug-physical-pass = Les ports de débogage sont protégés physiquement.
ctl-surface-debug-physical-fail = Les ports de débogage sont physiquement accessibles.
ctl-surface-debug-physical-unknown = La déclaration ne précise pas si les ports de débogage sont protégés physiquement (hardware.debug_ports_physically_protected).
ctl-surface-minimal-code-pass = Le logiciel se limite à ce dont l’appareil a besoin.
ctl-surface-minimal-code-fail = Le logiciel contient du code dont l’appareil n’a pas besoin.
ctl-surface-minimal-code-unknown = La déclaration ne précise pas si le code est réduit au minimum (software.minimal_code).
ctl-surface-least-privilege-pass = Les programmes s’exécutent avec les seuls droits dont ils ont besoin.
ctl-surface-least-privilege-fail = Les programmes s’exécutent avec plus de droits que nécessaire.
ctl-surface-least-privilege-unknown = La déclaration ne précise pas si les logiciels s’exécutent avec le moindre privilège (software.least_privilege).
ctl-surface-memory-protection-pass = Le matériel empêche les programmes de lire la mémoire les uns des autres.
ctl-surface-memory-protection-fail = Le matériel ne protège pas la mémoire entre les programmes.
ctl-surface-memory-protection-unknown = La déclaration ne précise pas si la protection matérielle de la mémoire est utilisée (hardware.memory_protection).
ctl-surface-exploit-mitigations-pass = Des protections contre l’exploitation de failles rendent les attaques plus difficiles.
ctl-surface-exploit-mitigations-fail = Les protections contre l’exploitation de failles ne sont pas activées.
ctl-surface-exploit-mitigations-unknown = La déclaration ne précise pas si les protections contre l’exploitation de failles sont activées (software.exploit_mitigations).

## Processus de développement

ctl-process-secure-development-pass = Le logiciel est conçu selon un processus de développement sécurisé.
ctl-process-secure-development-fail = Aucun processus de développement sécurisé n’est suivi.
ctl-process-secure-development-unknown = La déclaration ne précise pas si un processus de développement sécurisé est suivi (software.secure_development).

## Paramètres

ctl-config-secure-by-default-pass = L’appareil est livré avec des paramètres sécurisés et peut y être réinitialisé.
ctl-config-secure-by-default-fail = L’appareil n’est pas livré avec des paramètres sécurisés.
ctl-config-secure-by-default-unknown = La déclaration ne précise pas si l’appareil est sécurisé par défaut (software.secure_by_default).

## Intégrité du logiciel

ctl-integrity-secure-boot-pass = L’appareil vérifie son logiciel à chaque démarrage (démarrage sécurisé).
ctl-integrity-secure-boot-fail = L’appareil démarre n’importe quel logiciel, même trafiqué (pas de démarrage sécurisé).
ctl-integrity-secure-boot-unknown = La déclaration ne précise pas si le démarrage sécurisé est utilisé (hardware.secure_boot).
ctl-integrity-tamper-response-pass = Si son logiciel est modifié sans autorisation, l’appareil vous avertit et limite son accès au réseau.
ctl-integrity-tamper-response-fail = L’appareil ne réagit pas si son logiciel est modifié sans autorisation.
ctl-integrity-tamper-response-unknown = La déclaration ne précise pas comment l’appareil réagit à une modification non autorisée de son logiciel (software.tamper_response).

## Données personnelles

ctl-data-encrypted-in-transit-pass = Vos données personnelles sont chiffrées pendant leur transfert vers les services en ligne du fabricant.
ctl-data-encrypted-in-transit-fail = Vos données personnelles circulent sans chiffrement.
ctl-data-encrypted-in-transit-unknown = La déclaration ne précise pas si les données personnelles sont chiffrées pendant leur transfert (data.personal_data_encrypted_in_transit).
ctl-data-encrypted-at-rest-pass = Les données stockées sont chiffrées.
ctl-data-encrypted-at-rest-fail = Les données stockées ne sont pas chiffrées.
ctl-data-encrypted-at-rest-unknown = La déclaration ne précise pas si les données stockées sont chiffrées (data.encrypted_at_rest).
ctl-data-portability-pass = Vous pouvez exporter vos données.
ctl-data-portability-fail = Vous ne pouvez pas exporter vos données.
ctl-data-portability-unknown = La déclaration ne précise pas si les données peuvent être exportées (data.portable).

## Capteurs

ctl-sensors-documented-na = L’appareil n’a aucun capteur.
ctl-sensors-documented-pass = Chaque capteur est décrit dans la documentation.
ctl-sensors-documented-fail = Capteurs non décrits aux utilisateurs : { $sensors }.
ctl-sensors-user-control-na = L’appareil n’a ni caméra ni microphone.
ctl-sensors-user-control-pass = Chaque caméra et chaque microphone indique quand il est actif et peut être éteint physiquement ou masqué.
ctl-sensors-user-control-fail = Vous ne pouvez pas éteindre physiquement ces capteurs ni voir s’ils sont actifs : { $sensors }.

## Résilience

ctl-resilience-local-function-pass-full = L’appareil continue de fonctionner sans connexion à internet.
ctl-resilience-local-function-pass-partial = La fonction principale de l’appareil continue de fonctionner sans connexion à internet ; certaines fonctions en ont besoin.
ctl-resilience-local-function-fail = L’appareil cesse de fonctionner quand la connexion à internet ou les services en ligne du fabricant sont coupés.
ctl-resilience-orderly-reconnect-pass = L’appareil se reconnecte correctement après une panne.
ctl-resilience-orderly-reconnect-fail = L’appareil ne se rétablit pas correctement après une panne.
ctl-resilience-orderly-reconnect-unknown = La déclaration ne précise pas comment l’appareil se reconnecte après une panne (communication.orderly_reconnection).
ctl-resilience-dos-pass = L’appareil résiste aux attaques par saturation du réseau et ne nuit pas aux autres réseaux.
ctl-resilience-dos-fail = L’appareil n’est pas protégé contre les attaques par saturation du réseau.
ctl-resilience-dos-unknown = La déclaration ne précise pas si l’appareil résiste aux attaques par saturation (communication.dos_resilient).

## Surveillance

ctl-monitoring-telemetry-examined-pass = Les données de télémétrie sont examinées pour détecter des signes d’attaque.
ctl-monitoring-telemetry-examined-fail = Les données de télémétrie ne sont pas examinées pour détecter des signes d’attaque.
ctl-monitoring-telemetry-examined-unknown = La déclaration ne précise pas si les données de télémétrie sont examinées pour détecter des anomalies (data.telemetry.examined_for_anomalies).
ctl-monitoring-security-logging-pass = Les événements de sécurité sont consignés, et vous pouvez refuser cette collecte.
ctl-monitoring-security-logging-fail = Les événements de sécurité ne sont pas consignés.
ctl-monitoring-security-logging-unknown = La déclaration ne précise pas si les événements de sécurité sont consignés (software.security_logging).

## Suppression des données

ctl-deletion-device-reset-pass = Une réinitialisation aux paramètres d’usine efface vos données de l’appareil.
ctl-deletion-device-reset-fail = Une réinitialisation aux paramètres d’usine laisse vos données sur l’appareil.
ctl-deletion-device-reset-unknown = La déclaration ne précise pas si une réinitialisation aux paramètres d’usine efface les données de l’utilisateur (data.deletion_on_factory_reset).
ctl-deletion-cloud-na = Aucune donnée n’est conservée dans les services en ligne du fabricant.
ctl-deletion-cloud-pass = Vous pouvez faire supprimer vos données des services en ligne du fabricant.
ctl-deletion-cloud-fail = Vous ne pouvez pas faire supprimer vos données des services en ligne du fabricant.
ctl-deletion-cloud-unknown = La déclaration ne précise pas si les données en ligne peuvent être supprimées sur demande (data.deletion_on_request).
ctl-deletion-instructions-pass = Des instructions claires expliquent comment supprimer vos données.
ctl-deletion-instructions-fail = Aucune instruction n’explique comment supprimer vos données.
ctl-deletion-instructions-unknown = La déclaration ne précise pas si des instructions de suppression sont fournies (data.deletion_instructions).
ctl-deletion-confirmation-pass = Vous recevez une confirmation une fois vos données supprimées.
ctl-deletion-confirmation-fail = Vous ne recevez aucune confirmation de la suppression de vos données.
ctl-deletion-confirmation-unknown = La déclaration ne précise pas si la suppression est confirmée (data.deletion_confirmed).

## Configuration

ctl-setup-minimal-decisions-pass = La configuration est simple et sécurisée, sans choix d’expert.
ctl-setup-minimal-decisions-fail = Une configuration sécurisée exige des décisions d’expert.
ctl-setup-minimal-decisions-unknown = La déclaration ne précise pas si la configuration est simple et sécurisée (documentation.minimal_setup_decisions).
ctl-setup-secure-guide-pass = Un guide explique comment configurer l’appareil de façon sécurisée.
ctl-setup-secure-guide-fail = Aucun guide n’explique comment faire une configuration sécurisée.
ctl-setup-secure-guide-unknown = La déclaration ne précise pas si des consignes de configuration sécurisée sont fournies (documentation.secure_setup_guide).
ctl-setup-check-guide-pass = Un guide explique comment vérifier que l’appareil est configuré de façon sécurisée.
ctl-setup-check-guide-fail = Rien n’explique comment vérifier que la configuration est sécurisée.
ctl-setup-check-guide-unknown = La déclaration ne précise pas si des consignes pour vérifier la configuration sont fournies (documentation.setup_check_guide).

## Données reçues

ctl-input-validation-pass = Les données reçues des applications, des pages Web et du réseau sont vérifiées avant d’être utilisées.
ctl-input-validation-fail = Les données reçues ne sont pas vérifiées avant d’être utilisées.
ctl-input-validation-unknown = La déclaration ne précise pas si les données reçues sont vérifiées (software.input_validation).

## Vie privée

ctl-privacy-transparency-pass = Une politique de confidentialité indique quelles données sont recueillies, par qui et pourquoi.
ctl-privacy-transparency-fail = Des données personnelles sont recueillies, mais aucune politique de confidentialité n’est publiée.
ctl-privacy-consent-na = Le traitement des données ne repose pas sur le consentement.
ctl-privacy-consent-unknown-consent-based = La déclaration ne précise pas si le traitement des données repose sur le consentement (data.consent_based).
ctl-privacy-consent-pass = Vous pouvez retirer votre consentement à tout moment, et le consentement est enregistré.
ctl-privacy-consent-fail = Le consentement ne peut pas être retiré.
ctl-privacy-consent-unknown-withdrawable = La déclaration ne précise pas si le consentement peut être retiré (data.consent_withdrawable).
ctl-privacy-telemetry-minimised-pass = Les données de télémétrie contiennent le moins de données personnelles possible.
ctl-privacy-telemetry-minimised-fail = Les données de télémétrie contiennent plus de données personnelles que nécessaire.
ctl-privacy-telemetry-minimised-unknown = La déclaration ne précise pas si les données personnelles dans la télémétrie sont réduites au minimum (data.telemetry.personal_data_minimised).
ctl-privacy-telemetry-described-pass = On vous indique quelles données de télémétrie sont recueillies et pourquoi.
ctl-privacy-telemetry-described-fail = Des données de télémétrie sont recueillies sans qu’on vous dise lesquelles ni pourquoi.
ctl-privacy-telemetry-described-unknown = La déclaration ne précise pas si la télémétrie est décrite aux utilisateurs (data.telemetry.described_to_user).
ctl-privacy-minimisation-pass = Seules les données nécessaires sont recueillies, et elles sont supprimées quand elles ne sont plus utiles.
ctl-privacy-minimisation-fail = Le produit recueille ou conserve plus de données que nécessaire.
ctl-privacy-minimisation-unknown = La déclaration ne précise pas si la collecte de données est réduite au minimum (data.minimised).
ctl-privacy-anonymisation-pass = Les données personnelles sont anonymisées ou agrégées lorsque c’est possible.
ctl-privacy-anonymisation-fail = Les données personnelles ne sont pas anonymisées alors qu’elles pourraient l’être.
ctl-privacy-anonymisation-unknown = La déclaration ne précise pas si les données sont anonymisées (data.anonymised).
ctl-privacy-no-sale-pass = Vos données ne sont pas vendues.
ctl-privacy-no-sale-fail = Une partie de vos données est vendue : { $data }.

## Contrôles que seule une preuve de laboratoire peut démontrer

ctl-evidence-binary-analysis-unknown = Exige comme preuve le rapport d’analyse du code binaire d’un laboratoire ; une déclaration ne peut pas le démontrer.
ctl-evidence-penetration-test-unknown = Exige comme preuve le rapport de test d’intrusion d’un laboratoire ; une déclaration ne peut pas le démontrer.

## Moteur

ctl-no-evaluator = Cette version n’a pas de fonction d’évaluation pour ce contrôle.
ctl-shared-no-policy = Le jeu de contrôles ne fixe aucun seuil pour ce contrôle ; il ne peut donc pas être jugé.

## Raisons des exigences (crates/assess/src/lib.rs)

reason-not-applicable = Ne s’applique pas : { $condition }
reason-evidence-contradicted = La déclaration l’affirme, mais un test a constaté le contraire : { $summary } ({ $tester }, { $date }).
reason-evidence-failed = Un test a relevé un problème : { $summary } ({ $tester }, { $date }).
reason-evidence-confirmed-claim = Un test l’a confirmé : { $summary } ({ $tester }, { $date }).
reason-evidence-confirmed-unclaimed = Un test l’a confirmé, même si la déclaration ne l’affirmait pas : { $summary } ({ $tester }, { $date }).
reason-evidence-confirmed = Un test l’a confirmé : { $summary } ({ $tester }, { $date }).
reason-depends-on = Pour savoir si cette exigence s’applique, il faut le champ { $field }, que la déclaration ne donne pas.

## Fichiers de preuves qui nomment des cibles inconnues (diagnostics)

evidence-unknown-control = `{ $control }` n’est pas un contrôle commun
evidence-unknown-control-expected = un identifiant de contrôle donné par `iotlabel frameworks --controls`
evidence-unknown-requirement = `{ $requirement }` n’est pas une exigence connue
evidence-unknown-requirement-expected = cadre:identifiant, p. ex. etsi-en-303-645:5.1-1 ; voir `iotlabel frameworks`
evidence-set-aside-future = La preuve { $id } a été écartée : elle est datée du { $date }, après la date d’évaluation du { $as_of }.
evidence-set-aside-method = La preuve { $id } a été écartée : { $control } ne peut être établi que par { $expected }, pas par { $method }.
evidence-set-aside-tester = La preuve { $id } a été écartée : { $control } exige un testeur indépendant du fabricant, pas « { $tester } ».
evidence-set-aside-firmware = La preuve { $id } a été écartée : { $control } porte sur le logiciel livré avec l’appareil, et le test visait le micrologiciel { $tested }, pas { $declared }.
evidence-set-aside-pre-release = La preuve { $id } a été écartée : { $control } porte sur le logiciel livré avec l’appareil, et le test, daté du { $date }, est antérieur à la mise sur le marché du { $release } sans préciser quelle version du micrologiciel a été testée.
evidence-pre-release = La preuve { $id } est datée du { $date }, avant la mise sur le marché du { $release }, et ne précise pas quelle version du micrologiciel a été testée : elle peut porter sur une préversion.
evidence-other-firmware = La preuve porte sur le micrologiciel { $tested }, mais la déclaration décrit le micrologiciel { $declared }.
evidence-unbound-note = La preuve ne nomme aucun appareil : elle a été appliquée à cette déclaration sur la foi de l’utilisateur (--allow-unbound-evidence).
evidence-unbound = la preuve ne nomme aucun appareil ; rien n’indique donc qu’elle porte sur l’appareil déclaré
evidence-unbound-expected = un champ `device` donnant la marque et le modèle de l’appareil testé (et firmware_version), comme dans la déclaration
evidence-unbound-suggestion = ajoutez `"device": {"{"} "brand": …, "model": …, "firmware_version": … {"}"}`, ou passez --allow-unbound-evidence pour utiliser le fichier quand même (chaque rapport le signale alors)
reason-evidence-contradicted-na = La déclaration indique que cela ne s’applique pas, mais un test a constaté le contraire : { $summary } ({ $tester }, { $date }).
evidence-device-mismatch = la preuve porte sur { $tested }, mais la déclaration décrit { $declared }
evidence-device-mismatch-expected = des preuves issues de tests de l’appareil déclaré (même marque et même modèle)
ctl-comms-encrypted-fail-inconsistent = La déclaration indique que toutes les communications sont chiffrées, mais elle énumère des connexions non chiffrées : { $services }.
ctl-endpoint-protocol = { $domain }, port { $port }, en { $protocol }
ctl-sensors-documented-unknown = La déclaration n’indique pas si la documentation destinée à l’utilisateur décrit ces capteurs : { $sensors } (sensors[].documented).
ctl-privacy-no-sale-unknown = La déclaration n’indique pas si ces données sont vendues : { $data } (data.collected[].sold).
ctl-update-user-control-na = L’appareil ne peut pas être mis à jour : il n’y a donc pas de mises à jour à contrôler.
ctl-update-all-components-fail-none = Aucun des logiciels de l’appareil ne peut être mis à jour.
ctl-docs-compliance-statement-pass = Une déclaration de conformité accompagne le produit.
ctl-docs-compliance-statement-fail = Aucune déclaration de conformité n’accompagne le produit.
ctl-docs-compliance-statement-unknown = La déclaration n’indique pas si une déclaration de conformité accompagne le produit (documentation.uk_statement_of_compliance) ; `iotlabel documents --scheme uk-psti` peut la rédiger.

## Propriété (crates/assess/src/ownership.rs) : réparation, revente, fin du service du fabricant.

ctl-ownership-repair-parts-pass = Pièces détachées et informations de réparation sont proposées aux propriétaires et aux réparateurs indépendants jusqu’au { $until }.
ctl-ownership-repair-parts-fail-parts = Les pièces détachées ne sont pas vendues aux propriétaires ni aux réparateurs indépendants.
ctl-ownership-repair-parts-fail-information = Les informations de réparation ne sont pas accessibles aux propriétaires ni aux réparateurs indépendants.
ctl-ownership-repair-parts-fail-ended = Pièces détachées et informations de réparation n’étaient promises que jusqu’au { $until } ; cette date est passée.
ctl-ownership-repair-parts-unknown = La déclaration ne précise pas si pièces détachées et informations de réparation sont accessibles aux propriétaires et aux réparateurs indépendants, ni jusqu’à quand (ownership.repair.spare_parts, ownership.repair.repair_information, ownership.repair.available_until).
ctl-ownership-battery-replaceable-pass = Vous pouvez remplacer la batterie vous-même.
ctl-ownership-battery-replaceable-fail-service = Seul un réparateur peut remplacer la batterie.
ctl-ownership-battery-replaceable-fail = La batterie ne peut pas être remplacée.
ctl-ownership-battery-replaceable-na = L’appareil n’a pas de batterie à remplacer.
ctl-ownership-battery-replaceable-unknown = La déclaration ne précise pas si la batterie peut être remplacée (ownership.repair.battery).
ctl-ownership-independent-repair-pass = Réparer l’appareil vous-même ou chez un réparateur indépendant conserve la garantie.
ctl-ownership-independent-repair-fail = Une réparation par vous-même ou par un réparateur indépendant annule la garantie.
ctl-ownership-independent-repair-unknown = La déclaration ne précise pas si une réparation indépendante conserve la garantie (ownership.repair.independent_repair_keeps_warranty).
ctl-ownership-transfer-pass = Vous pouvez réinitialiser l’appareil et le céder à un nouveau propriétaire, sans l’autorisation du fabricant et sans frais.
ctl-ownership-transfer-fail-permission = Un nouveau propriétaire ne peut pas reprendre l’appareil sans l’autorisation du fabricant.
ctl-ownership-transfer-fail-fee = Le fabricant facture le transfert de l’appareil à un nouveau propriétaire.
ctl-ownership-transfer-unknown = La déclaration ne précise pas si l’appareil peut être cédé librement à un nouveau propriétaire (ownership.transfer.without_maker_permission, ownership.transfer.free_of_charge).
ctl-ownership-end-of-service-function-pass = Toutes les fonctions continuent de fonctionner si le service en ligne du fabricant prend fin.
ctl-ownership-end-of-service-function-pass-local-api = Si le service en ligne du fabricant prend fin, la fonction principale continue de fonctionner et une interface locale documentée permet de commander l’appareil.
ctl-ownership-end-of-service-function-fail-partial = Si le service en ligne du fabricant prend fin, seule une partie de l’appareil continue de fonctionner, et aucune interface locale ne permet de le commander.
ctl-ownership-end-of-service-function-fail = L’appareil cesse de fonctionner si le service en ligne du fabricant prend fin.
ctl-ownership-end-of-service-function-unknown = La déclaration ne précise pas ce qui continue de fonctionner si le service en ligne du fabricant prend fin (ownership.end_of_service.function, ownership.end_of_service.local_api).
ctl-ownership-end-of-service-notice-pass = Le fabricant promet un préavis de { $months } mois avant l’arrêt de son service en ligne.
ctl-ownership-end-of-service-notice-fail = Le fabricant ne promet aucun préavis avant l’arrêt de son service en ligne.
ctl-ownership-end-of-service-notice-unknown = La déclaration ne précise pas quel préavis le fabricant donne avant l’arrêt de son service en ligne (ownership.end_of_service.notice_months).
ctl-ownership-no-remote-disabling-pass = Le fabricant s’engage à ne pas désactiver à distance des fonctions que vous avez payées.
ctl-ownership-no-remote-disabling-fail = Le fabricant se réserve le droit de désactiver à distance des fonctions que vous avez payées.
ctl-ownership-no-remote-disabling-unknown = La déclaration ne précise pas si le fabricant peut désactiver des fonctions à distance (ownership.no_remote_disabling).

## Champ d’application : un référentiel qui ne concerne pas du tout le produit.
scope-excluded = Hors du champ d’application : { $framework } ne couvre pas { $exclusion } ({ $reference }).
scope-not-sold = Hors du champ d’application : selon la déclaration, le produit est vendu sur ces marchés : { $regions } ; or { $framework } ne couvre que les produits mis à disposition sur les marchés suivants : { $markets } ({ $reference }).

## Interfaces radio et physiques, application mobile, étapes de démarrage et secrets
ctl-auth-brute-force-protection-fail-interfaces = Rien n’empêche de deviner le code PIN ou le mot de passe par essais répétés sur ces interfaces : { $interfaces }.
ctl-auth-brute-force-protection-unknown-interfaces = La déclaration ne précise pas comment les essais répétés de code PIN ou de mot de passe sont bloqués sur ces interfaces : { $interfaces } (interfaces[].brute_force_protection).
ctl-auth-brute-force-protection-pass-interfaces = Chaque interface qui demande un code PIN ou un mot de passe bloque les essais répétés.
ctl-surface-interfaces-authenticated-pass = Chaque interface radio ou physique exige un appairage ou un code, et aucun code n’est commun à tous les appareils.
ctl-surface-interfaces-authenticated-fail-open = N’importe qui à portée radio peut utiliser ces interfaces sans appairage ni code, à tout moment : { $interfaces }.
ctl-surface-interfaces-authenticated-fail-universal = Ces interfaces utilisent un code commun à tous les appareils : { $interfaces }.
ctl-surface-interfaces-authenticated-na = L’appareil ne déclare aucune interface radio ou physique.
ctl-surface-interfaces-authenticated-unknown = La déclaration ne dresse pas la liste des interfaces radio et physiques de l’appareil (interfaces).
ctl-comms-encrypted-fail-links = Le trafic de ces liaisons n’est pas chiffré selon les bonnes pratiques actuelles : { $links }.
ctl-comms-encrypted-fail-app = Le trafic entre l’application mobile et l’appareil ou ses services n’est pas chiffré.
ctl-comms-encrypted-pass-links = L’appareil n’a pas de trafic IP propre, et ses liaisons sont protégées : { $links }.
ctl-comms-secrets-encrypted-fail-links = Des codes, des mots de passe ou des identifiants réseau passent par ces liaisons sans chiffrement adéquat : { $links }.
ctl-surface-debug-locked-fail-ports = Ces ports de débogage sont ouverts : { $ports }.
ctl-integrity-secure-boot-fail-stages = Ces étapes du démarrage ne sont pas vérifiées avant de s’exécuter : { $stages }.
ctl-integrity-secure-boot-fail-no-root = La chaîne de démarrage n’est pas ancrée dans le matériel : sa première étape ({ $stage }) n’est pas vérifiée par une racine de confiance matérielle.
ctl-integrity-secure-boot-pass-chain = Chaque étape du démarrage est vérifiée, à partir d’une racine de confiance matérielle.
ctl-storage-secure-secrets-fail-secrets = Ces secrets sont conservés là où une copie de la mémoire les révèle : { $secrets }.
ctl-storage-secure-secrets-pass-each = Chaque secret déclaré est conservé dans un stockage protégé.
ctl-data-encrypted-in-transit-fail-app = Les données qui parviennent à l’application mobile circulent sans chiffrement : { $data }.
ctl-auth-no-universal-default-password-fail-interfaces = Tous les appareils partagent le même mot de passe sur ces interfaces : { $interfaces }.

## Voies : autres moyens admis par la loi de satisfaire une exigence (conformité présumée).
reason-route-via = Satisfait { $requirement } par { $framework } { $ids }, que la loi admet à sa place ({ $reference }).
reason-route-label = Satisfait { $requirement } par un label { $scheme } en cours de validité ({ $id }, valable jusqu’au { $until }), que la loi admet à sa place ({ $reference }).
reason-route-direct-fail = Lue pour elle-même, sans cette voie, l’exigence n’est pas satisfaite :
reason-route-direct-unknown = Lue pour elle-même, sans cette voie, la déclaration ne permet pas de trancher :
reason-route-no-cover = Une voie vers { $requirement } est satisfaite, mais un essai montre que l’exigence ne l’est pas, et une voie ne l’emporte pas sur un essai.
reason-route-and = et

## Masques : constats acceptés par un laboratoire (les constats acceptés du rapport et les masques non en vigueur)

evidence-accepted = Le constat { $id } ({ $what }) est accepté par { $who } le { $when } : { $why }{ $expires ->
    [none] {""}
   *[other] {" "}(jusqu’au { $expires })
}. Il n’est pas compté.
evidence-mask-expired = Le constat accepté « { $what } » ({ $who }) a expiré le { $expires } : les constats qu’il visait comptent de nouveau.
evidence-mask-not-yet = Le constat accepté « { $what } » ({ $who }) est daté du { $when }, après la date d’évaluation du { $as_of } : il n’a pas été appliqué.
