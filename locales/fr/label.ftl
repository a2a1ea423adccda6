# L’étiquette à deux niveaux (crates/render) : le niveau principal (panneau de l’emballage), le
# niveau secondaire (page web) et le rendu en terminal. Mêmes identifiants que dans en/label.ftl.

## Niveau principal

label-panel-title = SÉCURITÉ ET VIE PRIVÉE
label-svg-title = Étiquette sécurité et vie privée : { $product }
label-field = { $name } : { $value }
label-support-icon = Période de prise en charge
label-support-until = Fin des mises à jour de sécurité
label-support-sentence = Mises à jour de sécurité jusqu’au { $date }
label-support-ended = Plus pris en charge
label-support-ended-on = Mises à jour de sécurité terminées le { $date }
label-support-undeclared = Non déclarée
label-support-no-updates = Aucune mise à jour
label-box-period-until = Période de prise en charge jusqu’au { $date }
label-box-period-ended = Période de prise en charge terminée le { $date }
label-updates = Mises à jour de sécurité
label-updates-automatic = Automatiques
label-updates-opt-in = Automatiques une fois activées
label-updates-manual = Manuelles (à installer vous-même)
label-updates-none = Aucune mise à jour possible
label-updates-ended = Plus fournies (prise en charge terminée)
label-password = Mot de passe par défaut
label-password-none = Aucun mot de passe
label-password-unique = Propre à chaque appareil
label-password-user-set = Choisi par vous à l’installation
label-password-universal = Le même sur tous les appareils
label-report = Signaler une faille de sécurité
label-report-none = Aucun contact indiqué
label-offline = Fonctionne sans internet
label-offline-yes = Oui
label-offline-partly = En partie
label-offline-no = Non, il dépend du nuage
label-sensors = Capteurs
label-sensors-continued = Capteurs (suite)
label-sensors-none = Aucun capteur
label-off-physical = Interrupteur sur l’appareil
label-off-cover = Cache physique
label-off-software = { $agreement ->
    [mp] Désactivables dans les réglages seulement
    [fp] Désactivables dans les réglages seulement
   *[other] Désactivable dans les réglages seulement
}
label-off-none = { $agreement ->
    [fs] Ne peut pas être éteinte
    [mp] Ne peuvent pas être éteints
    [fp] Ne peuvent pas être éteintes
   *[ms] Ne peut pas être éteint
}
label-data = Données collectées
label-data-continued = Données collectées (suite)
label-data-none = Aucune donnée collectée
label-stored-device = Sur l’appareil
label-stored-cloud = Dans le nuage
label-stored-both = Appareil et nuage
label-data-shared-short = { $agreement ->
    [ms] partagé
    [fs] partagée
    [mp] partagés
   *[fp] partagées
}
label-data-sold-short = { $agreement ->
    [ms] vendu
    [fs] vendue
    [mp] vendus
   *[fp] vendues
}
label-data-sold-undeclared-short = vente non déclarée
label-data-kept-days = { $agreement ->
    [ms] conservé { $count } { $count ->
        [one] jour
       *[other] jours
    }
    [fs] conservée { $count } { $count ->
        [one] jour
       *[other] jours
    }
    [mp] conservés { $count } { $count ->
        [one] jour
       *[other] jours
    }
   *[fp] conservées { $count } { $count ->
        [one] jour
       *[other] jours
    }
}
label-data-kept-undeclared = conservation non déclarée
label-data-sold-kept-undeclared = vente et conservation non déclarées
label-versions = Matériel { $hardware } · Micrologiciel { $firmware } · Étiquette du { $date }
label-more = { $count ->
    [one] + { $count } autre : voir en ligne
   *[other] + { $count } autres : voir en ligne
}
label-assessed-on = Évalué le { $date }
label-fw-conformant = { $name } : exigences respectées
label-fw-not-conformant = { $name } : exigences non respectées ({ $met } sur { $total } respectées)
label-fw-incomplete = { $name } : incomplet
label-fw-out-of-scope = { $name } : ne s’applique pas à ce produit
label-fw-level = { $name } : niveau { $level } sur { $max }, certifié
label-fw-level-self = { $name } : niveau { $level } sur { $max }, autoévalué
label-fw-no-level = { $name } : aucun niveau atteint
label-fw-criteria-met = { $name } : { $met } critères respectés sur { $applicable }
label-fw-unconfirmed = { $name } : conformité non confirmée (voir en ligne)
label-fw-short-meets = { $name } respecté
label-fw-short-fails = { $name } non respecté ({ $met }/{ $total })
label-fw-short-unconfirmed = { $name } non confirmé
label-fw-short-incomplete = { $name } indéterminé
label-fw-short-out-of-scope = { $name } ne s’applique pas
label-fw-short-level = { $name } niveau { $level }/{ $max }, certifié
label-fw-short-level-self = { $name } niveau { $level }/{ $max }, autoévalué
label-fw-short-no-level = { $name } : aucun niveau
label-fw-short-criteria = { $name } : { $met } critères sur { $applicable }
label-attest-lab-failed = Testé par { $labs } : problèmes relevés
label-attest-lab-partial-failed = Testé en partie par { $labs } : problèmes relevés
label-attest-self = Autodéclaré par le fabricant
label-attest-lab = Testé par { $labs }
label-attest-lab-partial = Testé en partie par { $labs }
label-attest-lab-claimed = Autodéclaré ; test par { $labs } revendiqué par le fabricant
label-attest-also-claimed = Test par { $labs } revendiqué par le fabricant, sans preuve
label-scan = Détails en ligne

## Problèmes graves : le bandeau sous le nom du produit, en tête de chaque niveau

label-deal-count = { $count ->
    [one] 1 problème grave
   *[other] { $count } problèmes graves
}
label-deal-none = Aucun problème grave relevé
label-deal-default-password = { $case ->
    [universal] Même mot de passe sur tous les appareils
   *[other] Mot de passe d’usine facile à deviner
}
label-deal-support = { $case ->
    [ended] Prise en charge terminée
   *[other] Période de prise en charge non déclarée
}
label-deal-not-updatable = Ne peut pas être mis à jour
label-deal-open-services = Accessible à tous sur le réseau
label-deal-no-report = Aucun moyen de signaler une faille
label-deal-contradicted = { $count ->
    [one] Une affirmation démentie par un test
   *[other] { $count } affirmations démenties par des tests
}
label-deal-default-password-why = { $case ->
    [universal] Tous les exemplaires de ce modèle sont livrés avec le même mot de passe, et les attaquants connaissent ces mots de passe.
   *[other] Le mot de passe d’usine suit un schéma que des attaquants peuvent deviner.
}
label-deal-support-why = { $case ->
    [ended] Le fabricant ne corrige plus les failles de sécurité de cet appareil.
   *[other] Le fabricant ne dit pas pendant combien de temps il corrigera les failles de sécurité.
}
label-deal-not-updatable-why = Son logiciel ne peut pas être mis à jour : une faille découverte après l’achat ne sera jamais corrigée.
label-deal-open-services-why = Des services sur votre réseau domestique laissent entrer n’importe qui sans mot de passe.
label-deal-no-report-why = Aucun contact n’est publié pour signaler une faille de sécurité : les failles risquent de ne jamais parvenir au fabricant.
label-deal-contradicted-why = Des tests ont constaté le contraire de ce que déclare le fabricant.
label-deal-basis = Règle : { $basis }
label-mark-good = Bon point
label-mark-bad = Problème
label-mark-warning = Avertissement
label-answer-contradicted = { $answer }, mais un test dit le contraire
label-password-none-open = Aucun, et des services sont ouverts sans mot de passe

## Niveau secondaire : structure de la page

label-h-language = Version française
label-h-summary = L’étiquette en bref
label-h-after-purchase = Que faire après l’achat
label-todo-nothing = Rien de particulier : installez l’appareil en suivant le guide du fabricant.
label-todo-password-change = Changez le mot de passe par défaut avant de connecter l’appareil à internet.
label-todo-services = Placez l’appareil sur un réseau séparé (un réseau invité), car certains de ses services laissent entrer n’importe qui.
label-todo-isolate = Ses failles ne seront pas corrigées : gardez-le hors d’internet ou sur un réseau séparé, et prévoyez de le remplacer.
label-todo-updates-opt-in = Activez les mises à jour automatiques lors de l’installation.
label-todo-updates-manual = Recherchez les mises à jour chaque mois et installez-les.
label-todo-replace = Prévoyez de le remplacer après le { $date }, quand les mises à jour de sécurité prendront fin.
label-todo-password-choose = Choisissez un mot de passe que vous n’utilisez nulle part ailleurs.
label-todo-mfa = Activez la connexion en deux étapes pour votre compte en ligne.
label-todo-sensors = Placez-le là où sa caméra ou son micro ne peut pas capter ce que vous voulez garder privé : certains capteurs ne peuvent pas être éteints physiquement.
label-todo-privacy = Lisez les réglages de confidentialité et désactivez les partages dont vous ne voulez pas.
label-details-facts = Tout ce que déclare le fabricant
label-details-requirements = Les { $count } exigences, une par une
label-panel-caption = L’étiquette imprimée sur l’emballage. Les mêmes informations sont détaillées ci-dessous.
label-h-product = Le produit
label-h-updates = Mises à jour de sécurité
label-h-passwords = Mots de passe et connexion
label-h-vulnerabilities = Signaler une faille de sécurité
label-h-sensors = Capteurs
label-h-data = Données collectées
label-h-network = Internet et réseau domestique
label-h-local-services = Services ouverts sur votre réseau domestique
label-h-cloud-endpoints = Services internet qu’il contacte
label-h-local-peers = Ce qu’il contacte sur votre réseau domestique
label-h-hardware = Protections matérielles et logicielles
label-h-documentation = Documentation pour les utilisateurs
label-h-ownership = Propriété : réparation, revente, fin du service
label-h-frameworks = Résultats au regard des normes et des lois
label-h-evidence = Qui garantit ces informations
label-h-claims = Qui garantit chaque partie de la déclaration
label-h-certifications = Certifications
label-h-test-evidence = Preuves de test
label-h-accepted = Constats acceptés par le laboratoire
label-h-about = À propos de cette étiquette
label-h-glossary = Glossaire
label-meaning = Ce que cela signifie pour vous :
label-see-glossary = Dans le glossaire :
label-declared-caption = Ce que déclare le fabricant
label-col-fact = Information
label-col-answer = Réponse
label-yes = Oui
label-no = Non
label-not-declared = Non déclaré
label-none = Aucun
label-nobody = Personne
label-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
label-port = port { $port }

## Niveau secondaire : informations déclarées

label-f-manufacturer = Fabricant
label-f-country = Pays du fabricant
label-f-website = Site web du fabricant
label-f-address = Adresse postale du fabricant
label-f-contact-email = Contact client
label-f-brand = Marque
label-f-model = Modèle
label-f-hardware-version = Version matérielle
label-f-firmware-version = Version du logiciel (micrologiciel)
label-f-gtin = Numéro de produit (GTIN)
label-f-device-type = Type d’appareil
label-f-release-date = Date de mise en vente
label-f-model-marked = Le nom du modèle est inscrit sur l’appareil ou affiché par celui-ci
label-f-intended-use = Usage prévu
label-f-update-mechanism = Installation des mises à jour de sécurité
label-f-support-end = Fin des mises à jour de sécurité
label-f-expected-use = Durée d’utilisation prévue, en mois
label-f-support-period-end = Fin de la période de prise en charge
label-f-support-period-url = Où la période de prise en charge est publiée
label-f-signed = Les mises à jour sont signées numériquement
label-f-verified-on-device = L’appareil vérifie la signature avant d’installer une mise à jour
label-f-secure-delivery = Les mises à jour arrivent par une connexion chiffrée et authentifiée
label-f-time-to-fix = Délai maximal de correction d’une faille critique
label-f-notification = Comment vous êtes informé des mises à jour
label-f-periodic-check = L’appareil recherche régulièrement des mises à jour
label-f-user-can-defer = Vous pouvez désactiver ou reporter les mises à jour automatiques
label-f-warns-of-disruption = Vous êtes prévenu quand une mise à jour interrompra l’appareil
label-f-all-components-updatable = Tout son logiciel peut être mis à jour
label-f-free-of-charge = Les mises à jour de sécurité sont gratuites
label-f-security-separate = Les correctifs de sécurité peuvent être livrés sans changement de fonctions
label-f-not-updatable-rationale = Pourquoi il ne peut pas être mis à jour
label-f-default-password = Mot de passe par défaut
label-f-unique-passwords-random = Les mots de passe d’usine sont aléatoires, impossibles à déduire du numéro de série
label-f-local-login = Façons de se connecter à la maison
label-f-remote-login = Façons de se connecter hors de la maison
label-f-cloud-mfa = Connexion en deux étapes pour le compte en ligne
label-f-brute-force = Protection contre les essais de mots de passe
label-f-best-practice-crypto = L’authentification utilise une cryptographie actuelle et robuste
label-f-user-can-change-credentials = Vous pouvez changer les mots de passe facilement
label-f-machine-credentials-unique = Les clés que l’appareil utilise avec d’autres machines sont propres à chaque exemplaire
label-f-contact = Où signaler une faille de sécurité
label-f-policy-url = Politique de divulgation des vulnérabilités
label-f-acknowledgement-days = Délai d’accusé de réception d’un signalement
label-f-status-update-days = Délai maximal entre deux nouvelles données à l’auteur du signalement
label-f-monitors-vulnerabilities = Le fabricant recherche et corrige les failles pendant toute la période de prise en charge
label-f-publishes-advisories = Les failles corrigées sont annoncées publiquement
label-f-known-exploitable = Failles exploitables connues à la mise en vente
label-f-offline-function = Fonctionne sans internet
label-f-encryption-in-transit = Le trafic réseau est chiffré
label-f-min-tls = Plus ancienne version du protocole de chiffrement acceptée
label-f-remote-access = Peut être commandé hors de la maison
label-f-network-functions-authenticated = Les fonctions accessibles par le réseau exigent d’abord une connexion
label-f-config-changes-authenticated = Modifier les réglages de sécurité par le réseau exige une connexion
label-f-secrets-encrypted-in-transit = Les mots de passe et les clés sont chiffrés lors de leur envoi
label-f-reviewed-implementations = Les logiciels réseau et de sécurité sont revus ou évalués
label-f-crypto-agile = Ses méthodes de chiffrement peuvent être remplacées par une mise à jour
label-f-dos-resilient = Il résiste aux attaques par saturation et ne perturbe pas les autres réseaux
label-f-orderly-reconnection = Il se reconnecte de façon ordonnée après une panne
label-f-mud-url = Adresse du profil réseau (MUD)
label-f-encrypted-at-rest = Les données stockées sont chiffrées
label-f-personal-data-encrypted-in-transit = Les données personnelles sont chiffrées lors de leur envoi au fabricant
label-f-deletion-on-request = Vous pouvez faire supprimer vos données des services du fabricant
label-f-deletion-on-factory-reset = Une réinitialisation d’usine efface vos données de l’appareil
label-f-deletion-instructions = On vous explique clairement comment supprimer vos données
label-f-deletion-confirmed = Vous recevez une confirmation une fois vos données supprimées
label-f-privacy-policy = Politique de confidentialité
label-f-consent-based = Vos données sont traitées avec votre consentement
label-f-consent-withdrawable = Vous pouvez retirer votre consentement à tout moment
label-f-minimised = Les données sont supprimées quand elles ne sont plus nécessaires
label-f-anonymised = Les données personnelles sont anonymisées quand c’est possible
label-f-portable = Vous pouvez exporter vos données
label-f-telemetry = L’appareil envoie des données d’utilisation ou de diagnostic (télémétrie)
label-f-telemetry-described = On vous dit quelle télémétrie est collectée, pourquoi et par qui
label-f-telemetry-minimised = La télémétrie contient le moins de données personnelles possible
label-f-telemetry-examined = La télémétrie est examinée pour détecter des signes d’attaque
label-f-secure-boot = Seul le logiciel du fabricant peut démarrer (démarrage sécurisé)
label-f-debug-interfaces = Ports de débogage (UART, JTAG)
label-f-debug-protected = Les ports de débogage sont protégés physiquement
label-f-secure-element = Une puce sécurisée conserve ses clés
label-f-secrets-stored-securely = Les clés et mots de passe sont conservés dans un stockage protégé
label-f-tamper-resistant-identity = Son identité résiste à la falsification
label-f-memory-protection = Le matériel protège la mémoire contre les abus
label-f-unneeded-interfaces-removed = Les ports physiques inutiles à l’usage ne sont pas exposés
label-f-sbom = Nomenclature logicielle (SBOM)
label-f-no-hardcoded-secrets = Aucun mot de passe ni clé n’est intégré au logiciel
label-f-per-device-keys = Les clés des mises à jour et des services sont propres à chaque exemplaire
label-f-key-lifecycle = Les clés sont créées, remplacées et révoquées de façon maîtrisée
label-f-secure-development = Conçu selon un processus de développement sécurisé
label-f-minimal-services = Seuls les services nécessaires sont activés
label-f-minimal-code = Son logiciel se limite à ce dont il a besoin
label-f-least-privilege = Son logiciel fonctionne avec le moins de privilèges possible
label-f-input-validation = Il vérifie les entrées des utilisateurs et du réseau
label-f-exploit-mitigations = Les protections contre l’exploitation de failles sont activées
label-f-tamper-response = Il vous alerte et limite son accès au réseau si son logiciel est modifié sans autorisation
label-f-security-logging = Les événements de sécurité sont journalisés (vous pouvez refuser)
label-f-security-testing = Sa sécurité est testée et revue régulièrement
label-f-secure-by-default = Il est livré avec des réglages sûrs et peut y être remis
label-f-secure-setup-guide = Conseils pour l’installer de façon sûre
label-f-setup-check-guide = Conseils pour vérifier qu’il est installé de façon sûre
label-f-minimal-setup-decisions = L’installation demande peu de choix et la sécurité est activée par défaut
label-f-justifications-recorded = Chaque recommandation de sécurité non suivie est justifiée par écrit
label-f-update-guidance = On vous dit quand une mise à jour est nécessaire et ce qu’elle corrige
label-f-eu-declaration = Déclaration UE de conformité
label-f-risks-documented = Les risques connus de l’utilisation sont décrits
label-f-decommissioning-guide = La façon de s’en défaire en toute sécurité est expliquée
label-f-risk-assessment = Une analyse des risques de sécurité a été faite
label-f-uk-statement-of-compliance = Une déclaration de conformité britannique accompagne le produit
label-f-spare-parts = Les pièces détachées sont vendues aux propriétaires et aux réparateurs indépendants
label-f-repair-information = Les informations de réparation sont accessibles aux propriétaires et aux réparateurs indépendants
label-f-repair-until = Fin de la disponibilité promise des pièces et informations de réparation
label-f-battery = Batterie
label-f-independent-repair = Une réparation par vous-même ou un réparateur indépendant conserve la garantie
label-f-transfer-free = Vous pouvez le réinitialiser et le céder à un nouveau propriétaire sans l’autorisation du fabricant
label-f-transfer-no-fee = Le céder à un nouveau propriétaire ne coûte rien
label-f-service-end-function = Ce qui continue de fonctionner si le service en ligne du fabricant prend fin
label-f-local-api = Une interface locale documentée permet de le commander sans le fabricant
label-f-service-end-notice = Mois de préavis promis avant l’arrêt du service en ligne
label-f-no-remote-disabling = Le fabricant ne désactivera pas à distance des fonctions que vous avez payées
label-f-label-id = Identifiant de l’étiquette
label-f-digest = Empreinte du contenu
label-f-label-url = Adresse de cette page
label-f-as-of = Date de l’évaluation
label-about-digest = Le code sur l’emballage mène à cette page. L’empreinte identifie la déclaration et les preuves de test exactes dont cette étiquette est issue : si le fabricant les modifie, le registre indique que l’étiquette imprimée n’est plus à jour.

## Niveau secondaire : valeurs déclarées

label-login-password = mot de passe
label-login-pin = code PIN
label-login-pairing-button = bouton d’appairage
label-login-app-pairing = appairage avec l’application
label-login-certificate = certificat
label-login-biometric = empreinte digitale ou visage
label-login-cloud-account = compte en ligne
label-login-no-authentication = aucune connexion
label-mfa-no-cloud-account = Il n’y a pas de compte en ligne
label-mfa-required = Toujours active
label-mfa-optional = Disponible, vous pouvez l’activer
label-mfa-unavailable = Non disponible
label-brute-rate-limit = Limite le nombre d’essais
label-brute-lockout = Se verrouille après des échecs répétés
label-brute-increasing-delay = Attend plus longtemps après chaque échec
label-brute-none = Aucune
label-notify-app = l’application
label-notify-email = courriel
label-notify-device-screen = l’écran de l’appareil
label-notify-website = le site web
label-notify-none = pas du tout
label-coverage-all = En totalité
label-coverage-partial = En partie seulement
label-coverage-none = Pas du tout
label-debug-absent = Aucun
label-debug-locked = Présents mais verrouillés
label-debug-open = Présents et ouverts
label-battery-none = Pas de batterie
label-battery-user-replaceable = Vous pouvez la remplacer
label-battery-service-replaceable = Seul un réparateur peut la remplacer
label-battery-not-replaceable = Non remplaçable
label-service-end-full = Tout
label-service-end-partial = La fonction principale ; les fonctions qui dépendent du service s’arrêtent
label-service-end-none = Rien : l’appareil cesse de fonctionner
label-sbom-authorities = conservée pour les autorités
label-active-always = Toujours en marche
label-active-when-triggered = Quand quelque chose le déclenche
label-active-on-demand = Seulement quand vous l’utilisez
label-active-scheduled = Selon un horaire
label-sensor-active = Quand il est en marche
label-sensor-indicator = Un voyant ou un signe indique qu’il est en marche
label-sensor-off = Comment l’éteindre
label-sensor-documented = Décrit dans le guide d’utilisation
label-data-purpose = Pourquoi
label-data-stored = Où elles sont conservées
label-data-region = Où sont conservées les copies en ligne
label-region-eu = Union européenne
label-data-shared = Partagées avec
label-data-sold = Vendues
label-data-retention = Conservées pendant
label-service = { $name }, port { $port } ({ $transport })
label-service-auth-yes = connexion exigée
label-service-auth-no = aucune connexion exigée
label-service-enc-yes = chiffré
label-service-enc-no = non chiffré
label-service-default-on = activé à la livraison
label-service-default-off = désactivé à la livraison
label-endpoint = { $domain }, port { $port } ({ $protocol })
label-peer-same-manufacturer = Les appareils du même fabricant
label-peer-controller = Un contrôleur domestique
label-peer-my-controller = Votre propre contrôleur
label-peer-local-networks = Tout appareil de votre réseau domestique
label-controller = Accepte des commandes de
label-claim-self = déclaré par le fabricant
label-claim-lab = testé par { $lab }
label-certification = { $scheme } (niveau { $level }), certificat { $id }, délivré le { $issued }
label-certification-expires = Expire le { $date }.
label-testers = Tests menés par : { $labs }
label-evidence-none = Aucune preuve de test n’a été fournie : les informations ci-dessus reposent sur la parole du fabricant.
# A list cut short on the online page (test evidence, evidence ids): how many it leaves out.
# $count: the number (for the plural), $number: the same number written for reading.
label-evidence-more = { $count ->
    [one] et { $number } autre (voir le fichier JSON de l’étiquette)
   *[other] et { $number } autres (voir le fichier JSON de l’étiquette)
}
label-evidence-used = Preuves de test :
label-routes = Voies que la loi admet à sa place :
label-route = Voie { $id } ({ $met }) : { $through } ({ $reference }).
label-route-met = satisfaite
label-route-not-met = non satisfaite
label-route-via = par { $framework } { $ids }
label-route-label = en détenant un label { $scheme } en cours de validité
label-route-label-held = par le label { $scheme } { $id } en cours de validité
label-missing-fields = Informations manquantes :
label-protocol-other = autre protocole
label-certifications-none = Aucune
label-logins-none = Aucune
label-requirement-ref = { $framework }, exigence { $id }, « { $title } »
label-certification-no-level = { $scheme }, certificat { $id }, délivré le { $issued }

## Niveau secondaire : résultats par référentiel

label-fwv-conformant = Chaque exigence obligatoire est respectée ou ne s’applique pas.
label-fwv-not-conformant = Au moins une exigence obligatoire n’est pas respectée.
label-fwv-incomplete = Aucune exigence obligatoire n’échoue, mais certaines ne peuvent être jugées faute d’informations.
label-fwv-out-of-scope = Ce référentiel ne s’applique pas à ce produit.
label-fwv-consumer-evaluation = Une évaluation du point de vue du consommateur, pas une exigence légale ni de certification : ses critères sont des recommandations. Le décompte indique combien des critères applicables le produit respecte ; il ne satisfait à l’évaluation que s’il les respecte tous.
label-attribution = Source et licence :
label-counts = { $total } exigences : { $list }.
label-count-pass = { $count ->
    [one] { $count } respectée
   *[other] { $count } respectées
}
label-count-fail = { $count ->
    [one] { $count } non respectée
   *[other] { $count } non respectées
}
label-count-unknown = { $count ->
    [one] { $count } inconnue
   *[other] { $count } inconnues
}
label-count-na = { $count } sans objet
label-count-contradicted = { $count ->
    [one] { $count } contredite par les tests
   *[other] { $count } contredites par les tests
}
label-req-caption = { $name } : le verdict sur chaque exigence
label-col-requirement = Exigence
label-col-asks = Ce qu’elle demande
label-col-status = Statut
label-col-verdict = Verdict
label-col-why = Pourquoi
label-status-mandatory = Obligatoire
label-status-recommended = Recommandée
label-verdict-pass = Respectée
label-verdict-fail = Non respectée
label-verdict-not-applicable = Sans objet
label-verdict-unknown = Inconnue
label-verdict-contradicted = Contredite par les tests
label-level-reached-next = Niveau { $level } atteint ; niveau { $next } non atteint : { $list }.
label-level-reached-top = Niveau { $level } atteint : le plus haut niveau.
label-level-none-reached = Niveau { $next } non atteint : { $list }.
label-levels-caption = { $name } : les niveaux
label-col-level = Niveau
label-col-reached = Atteint
label-col-level-requirements = Les exigences qu’il demande

## Niveau secondaire : ce que cela signifie pour vous

label-meaning-support = Jusqu’au { $date }, le fabricant s’engage à corriger les failles de sécurité de cet appareil. Après cette date, les nouvelles failles ne seront plus corrigées : prévoyez de le remplacer, ou gardez-le hors d’internet.
label-meaning-support-ended = Depuis le { $date }, le fabricant ne corrige plus les failles de sécurité. Les failles découvertes désormais ne seront pas corrigées : envisagez de remplacer l’appareil, ou du moins gardez-le hors d’internet.
label-meaning-support-undeclared = Le fabricant ne dit pas combien de temps il corrigera les failles de sécurité : vous ne pouvez pas savoir quand l’appareil cessera d’être sûr en ligne.
label-meaning-updates-automatic = Les correctifs s’installent d’eux-mêmes : gardez l’appareil connecté et il restera à jour.
label-meaning-updates-opt-in = Les correctifs s’installent d’eux-mêmes seulement si vous activez les mises à jour automatiques : faites-le à l’installation.
label-meaning-updates-manual = Vous devez chercher et installer les mises à jour vous-même : vérifiez régulièrement.
label-meaning-updates-none = Le logiciel ne peut pas être mis à jour : une faille découverte plus tard ne pourra jamais être corrigée.
label-meaning-not-updatable-period = La période de prise en charge déclarée par le fabricant (jusqu’au { $date }) ne peut pas apporter de correctifs logiciels : voir ci-dessous pourquoi l’appareil ne peut pas être mis à jour et ce que le fabricant propose à la place.
label-support-period-until = Période de prise en charge jusqu’au { $date }
label-support-period-ended = Période de prise en charge terminée le { $date }
label-meaning-password-none = L’appareil n’utilise aucun mot de passe (il s’appaire autrement) : il n’y a pas de mot de passe d’usine à deviner.
label-meaning-password-unique = Chaque exemplaire a son propre mot de passe d’usine. Gardez-le secret et changez-le si possible.
label-meaning-password-user-set = Vous choisissez le mot de passe à l’installation : prenez-en un que vous n’utilisez nulle part ailleurs.
label-meaning-password-universal = Tous les exemplaires partagent le même mot de passe d’usine, connu des attaquants. Changez-le immédiatement, et gardez l’appareil hors d’internet si c’est impossible.
label-meaning-password-universal-fixed = Tous les exemplaires partagent le même mot de passe d’usine, connu des attaquants, et il ne peut pas être changé : gardez l’appareil hors d’internet et à l’écart des réseaux utilisés par d’autres.
label-meaning-password-unique-fixed = Chaque exemplaire a son propre mot de passe d’usine, qui ne peut pas être changé : gardez-le secret, et ne laissez personne voir l’étiquette où il est imprimé.
label-meaning-password-none-open = L’appareil n’utilise aucun mot de passe, et certains de ses services sur votre réseau domestique laissent entrer n’importe qui sans mot de passe : la liste des services, plus bas, indique lesquels.
label-meaning-report = Quiconque découvre une faille de sécurité peut la signaler au fabricant à { $contact }, pour qu’elle soit corrigée avant d’être exploitée.
label-meaning-report-not-updatable = Quiconque découvre une faille de sécurité peut la signaler au fabricant à { $contact }. Mais cet appareil ne peut pas être mis à jour : une faille ne pourra pas y être corrigée.
label-meaning-report-none = Le fabricant n’indique aucun contact pour signaler les failles de sécurité : les failles découvertes risquent de ne jamais lui parvenir.
label-meaning-sensors = Chaque capteur est indiqué avec la façon de l’éteindre. Seul un interrupteur ou un cache physique garantit qu’il est éteint.
label-meaning-sensors-no-switch = { $count ->
    [one] Ce capteur n’a ni interrupteur ni cache physique : { $sensors }.
   *[other] Ces capteurs n’ont ni interrupteur ni cache physique : { $sensors }.
}
label-meaning-sensors-people-no-switch = { $count ->
    [one] Ce capteur peut enregistrer votre voix ou votre image et celles des personnes qui vous entourent, et n’a ni interrupteur ni cache physique : { $sensors }.
   *[other] Ces capteurs peuvent enregistrer votre voix ou votre image et celles des personnes qui vous entourent, et n’ont ni interrupteur ni cache physique : { $sensors }.
}
label-meaning-sensors-also-no-switch = { $count ->
    [one] Cet autre capteur n’en a pas non plus : { $sensors }.
   *[other] Ces autres capteurs n’en ont pas non plus : { $sensors }.
}
label-meaning-sensors-cannot-be-off = { $count ->
    [one] Il ne peut pas être éteint du tout.
   *[other] Aucun d’eux ne peut être éteint.
}
label-meaning-sensors-off-list = La liste ci-dessus indique comment éteindre chacun d’eux, quand c’est possible : l’éteindre dans les réglages, c’est faire confiance au logiciel.
label-meaning-sensors-none = L’appareil n’a aucun capteur qui vous observe, vous ou votre domicile.
label-meaning-data = Chaque type de données est indiqué avec la raison de sa collecte et le lieu où il est conservé. Rien n’est partagé ni vendu.
label-meaning-data-sold-undeclared = Chaque type de données est indiqué avec la raison de sa collecte et son lieu de conservation. Rien n’est partagé ; le fabricant ne dit pas s’il en vend.
label-fw-paperwork-refused = Les documents de conformité de ce référentiel ne peuvent pas être établis pour ce produit ({ $fields }) ; l’étiquette ne le présente donc pas comme respecté.
label-meaning-data-shared = Certaines de vos données sont partagées avec d’autres entreprises : la liste ci-dessus indique qui reçoit chaque type.
label-meaning-data-sold = Certaines de vos données sont vendues à d’autres entreprises : la liste ci-dessus indique lesquelles.
label-meaning-data-none = L’appareil ne collecte aucune donnée sur vous.
label-meaning-offline-yes = L’appareil remplit sa fonction principale sans connexion à internet. Si le service en ligne du fabricant s’arrête, il continue de fonctionner.
label-meaning-offline-partly = Certaines fonctions restent disponibles sans internet ; d’autres s’arrêtent si votre connexion ou le service en ligne du fabricant est en panne.
label-meaning-offline-no = L’appareil a besoin du service en ligne du fabricant pour fonctionner. Si ce service s’arrête, l’appareil peut cesser de fonctionner.
label-meaning-hardware = Ces protections compliquent la tâche d’un attaquant qui voudrait prendre le contrôle de l’appareil ou de lire ses secrets. La plupart ne peuvent pas être vérifiées de l’extérieur.
label-meaning-ownership = Ce que vous pouvez faire de l’appareil une fois acheté : le faire réparer, le vendre ou le donner, et continuer de vous en servir si le service en ligne du fabricant prend fin. Ce sont des engagements du fabricant.
label-meaning-frameworks = Les normes et les lois disent ce qu’un appareil connecté sûr doit faire. Chaque exigence ci-dessous a été jugée d’après la déclaration du fabricant et les éventuelles preuves de test.
label-meaning-evidence = Une déclaration est la parole du fabricant. Les informations testées par un laboratoire sont plus solides ; une preuve de test peut confirmer une information ou la contredire.

## Glossaire

label-term-support-period = Période de prise en charge
label-def-support-period = La durée pendant laquelle le fabricant s’engage à corriger les failles de sécurité de l’appareil.
label-term-security-update = Mise à jour de sécurité
label-def-security-update = Un nouveau logiciel du fabricant qui corrige une faille de sécurité.
label-term-default-password = Mot de passe par défaut
label-def-default-password = Le mot de passe d’un appareil à sa sortie d’usine. Un mot de passe commun à tous les exemplaires est facile à trouver pour les attaquants.
label-term-mfa = Connexion en deux étapes (authentification multifacteur)
label-def-mfa = Se connecter avec une seconde preuve en plus du mot de passe, comme un code envoyé à votre téléphone.
label-term-vulnerability = Faille de sécurité (vulnérabilité)
label-def-vulnerability = Une faiblesse d’un appareil ou de son logiciel qu’un attaquant pourrait exploiter.
label-term-vulnerability-disclosure = Divulgation des vulnérabilités
label-def-vulnerability-disclosure = La façon dont un fabricant reçoit les signalements de failles, y répond et informe le public une fois qu’elles sont corrigées.
label-term-encryption = Chiffrement
label-def-encryption = Brouiller des données pour que seul le destinataire prévu puisse les lire.
label-term-cloud = Nuage (cloud)
label-def-cloud = Les serveurs du fabricant, sur internet, dont l’appareil peut dépendre.
label-term-sensor-indicator = Voyant
label-def-sensor-indicator = Une lumière ou un signe qui indique qu’un capteur, comme une caméra ou un microphone, est en marche.
label-term-personal-data = Données personnelles
label-def-personal-data = Des informations sur vous ou qui permettent de vous identifier, comme votre nom, votre voix, votre image ou votre position.
label-term-secure-boot = Démarrage sécurisé
label-def-secure-boot = Une vérification au démarrage qui n’exécute que le logiciel signé par le fabricant.
label-term-sbom = SBOM (nomenclature logicielle)
label-def-sbom = La liste des composants logiciels de l’appareil, qui permet de savoir quels appareils sont touchés par une faille nouvellement découverte.
label-term-mud = MUD (description d’usage du fabricant)
label-def-mud = Un fichier publié par le fabricant qui indique aux routeurs domestiques les connexions dont l’appareil a besoin, pour que les autres puissent être bloquées.
label-term-conformant = Conforme
label-def-conformant = Respecte chaque exigence obligatoire d’une norme ou d’une loi, d’après la déclaration et les preuves.
label-term-not-applicable = Sans objet
label-def-not-applicable = L’exigence porte sur une fonction que l’appareil n’a pas.
label-term-unknown = Inconnue
label-def-unknown = La déclaration ne contient pas une information nécessaire pour juger l’exigence.
label-term-contradicted = Contredite
label-def-contradicted = Le fabricant affirme que l’exigence est respectée, mais les preuves de test montrent le contraire.
label-term-evidence = Preuve de test
label-def-evidence = Les résultats de tests menés sur l’appareil par un laboratoire ou un outil d’analyse.
label-term-self-declared = Autodéclaré
label-def-self-declared = Affirmé par le fabricant sans vérification par un tiers.
label-term-lab-tested = Testé en laboratoire
label-def-lab-tested = Vérifié par un laboratoire d’essai indépendant.

# Une preuve de test sur la page en ligne.
label-evidence-item = { $summary }. Testé par { $tester } le { $date } ({ $method }) : { $result }.
label-accepted-intro = Le laboratoire accepte ces constats : ils ne comptent pas dans les résultats ci-dessus. Chacun dit qui l’a accepté, quand et pourquoi, dans les mots du laboratoire.
label-accepted-item = « { $what } », accepté par { $who } le { $when } : { $why }.
label-accepted-until = Accepté jusqu’au { $date }.
label-evidence-result-pass = réussi
label-evidence-result-fail = échoué
label-evidence-result-inconclusive = non concluant
label-evidence-method-network = test réseau
label-evidence-method-document = examen de documents
label-evidence-method-lab = test en laboratoire
label-evidence-method-binary = analyse binaire
label-evidence-method-pentest = test d’intrusion

# Affiché à la place du code QR quand l’adresse est trop longue pour être encodée.
label-qr-unavailable = QR indisponible
label-f-debug-ports = Ports de débogage, un par un
label-f-boot-stages = Ce qui vérifie chaque étape du démarrage
label-f-secrets = Où chaque secret est conservé
label-f-interfaces = Connexions radio et physiques (Bluetooth, Zigbee, NFC, USB, etc.)
label-f-companion-app = L’application mobile
label-f-market = Où et à qui il est vendu
label-f-market-regions = Pays où il est vendu
label-f-market-regimes = Autres règles auxquelles il est déjà soumis
label-f-consumer-use = Destiné aux particuliers
label-interfaces-none = Aucune connexion radio ou physique
label-iface-f-purpose = À quoi elle sert
label-iface-f-when = Quand elle est ouverte
label-iface-f-auth = Ce qui empêche un inconnu de s’en servir
label-iface-f-code = Code
label-iface-f-brute = Essais répétés bloqués par
label-iface-f-protection = Chiffrement des échanges
label-iface-setup-only = Seulement pendant l’installation ou l’appairage
label-iface-always = En permanence
label-iface-auth-none = Rien : toute personne à portée peut s’en servir
label-iface-auth-physical-presence = Un appui sur un bouton de l’appareil
label-iface-auth-pin = Un code numérique court (PIN)
label-iface-auth-password = Un mot de passe
label-iface-auth-numeric-comparison = Vous confirmez un nombre affiché des deux côtés
label-iface-auth-out-of-band = Une clé échangée par code QR ou NFC
label-iface-auth-certificate = Des certificats
label-iface-auth-shared-key = Une clé commune à tous les exemplaires
label-iface-code-unique-per-device = Propre à chaque appareil
label-iface-code-universal = Le même pour tous les exemplaires
label-iface-code-user-set = Choisi par vous
label-iface-code-per-session = Un nouveau à chaque appairage
label-debug-port-locked = Verrouillé ou désactivé
label-debug-port-open = Ouvert
label-debug-kind-uart = Console série (UART)
label-debug-kind-jtag = JTAG
label-debug-kind-swd = SWD
label-debug-kind-adb = Android Debug Bridge (ADB)
label-debug-kind-debug-shell = Shell de débogage
label-boot-stage-bootloader = Chargeur d’amorçage
label-boot-stage-kernel = Noyau du système
label-boot-stage-application = Application
label-boot-stage-firmware = Micrologiciel
label-boot-hardware-root = Vérifié avec une clé ancrée dans le matériel
label-boot-previous-stage = Vérifié par l’étape précédente
label-boot-application-only = Seule l’application se vérifie elle-même
label-boot-none = Non vérifié
label-secret-wifi-password = Mot de passe Wi-Fi
label-secret-cloud-client-key = Clé du service en ligne du fabricant
label-secret-pairing-key = Clé d’appairage
label-f-app-receives = Données que l’application reçoit de l’appareil
label-f-app-encrypted = Les échanges entre l’application, l’appareil et le fabricant sont chiffrés
label-f-app-authenticated = L’application demande de se connecter ou d’appairer avant de commander l’appareil
label-app-receives-nothing = Rien
label-sensor-declared-absent = absence déclarée par le fabricant
label-sensors-declared-absent = Le fabricant déclare l’absence de ces capteurs : { $sensors }, alors que les appareils de ce type en ont d’habitude.
