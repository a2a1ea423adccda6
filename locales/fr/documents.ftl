# Documents des régimes (`iotlabel documents`) : déclaration de conformité UK PSTI, informations pour
# l’utilisateur selon l’annexe II du CRA, données du registre U.S. Cyber Trust Mark et déclaration de
# conformité de mise en œuvre ETSI EN 303 645. Formulations propres ; aucun texte normatif recopié.

## Noms des régimes

doc-scheme-uk-psti = déclaration de conformité UK PSTI
doc-scheme-eu-cra = informations pour l’utilisateur au titre du règlement européen sur la cyberrésilience
doc-scheme-us-cyber-trust-mark = données du registre U.S. Cyber Trust Mark
doc-scheme-etsi-en-303-645 = déclaration de conformité de mise en œuvre ETSI EN 303 645

## Refus : ce qui manque et quoi ajouter

doc-refused = Impossible de rédiger ce document ({ $scheme }) : { $count ->
    [one] un élément manque ou n’est pas satisfait
   *[other] { $count } éléments manquent ou ne sont pas satisfaits
}.
doc-why-address = l’adresse postale du fabricant est nécessaire ; ajoutez `address` sous [identity.manufacturer].
doc-why-contact-email = une adresse électronique pour les utilisateurs est nécessaire ; ajoutez `contact_email` sous [identity.manufacturer].
doc-why-vuln-contact = un point de contact pour signaler les problèmes de sécurité est nécessaire ; ajoutez `contact` (une URL security.txt, un formulaire web ou une adresse mailto:) sous [vulnerability_disclosure].
doc-why-vuln-policy = l’utilisateur doit savoir où est publiée la politique de divulgation coordonnée des vulnérabilités ; ajoutez `policy_url` sous [vulnerability_disclosure].
doc-why-support-end = la date jusqu’à laquelle les mises à jour de sécurité sont fournies (la période de prise en charge) est nécessaire ; ajoutez `support_end` sous [updates].
doc-why-support-ended = la période de prise en charge a pris fin le { $date }, avant la date d’émission ({ $issued }) ; une déclaration ne peut pas promettre une prise en charge déjà terminée. Prolongez la période de prise en charge ou n’émettez pas la déclaration.
doc-why-eu-doc = l’adresse web de la déclaration UE de conformité est nécessaire ; ajoutez `eu_declaration_url` sous [documentation].
doc-why-intended-use = la destination du produit est nécessaire ; ajoutez `intended_use` (une ou deux phrases) sous [identity].
doc-why-risks = l’utilisateur doit être informé des situations prévisibles pouvant entraîner des risques de sécurité importants ; décrivez-les dans la documentation et indiquez `risks_documented = true` sous [documentation].
doc-why-setup-guide = le registre indique comment configurer l’appareil de façon sûre ; renseignez `secure_setup_guide` sous [documentation].
doc-why-can-change-password = le registre indique comment changer le mot de passe d’usine, ou qu’il ne peut pas l’être ; renseignez `user_can_change_credentials` sous [authentication].
doc-why-psti-not-met = l’exigence UK PSTI { $id } ({ $title }) n’est pas satisfaite : { $reason } Une déclaration de conformité ne peut pas être émise pour un produit non conforme ; corrigez d’abord le produit ou sa déclaration.
doc-why-psti-unknown = impossible de savoir si l’exigence UK PSTI { $id } ({ $title }) est satisfaite : { $reason }
doc-why-etsi-unknown = nécessaire pour trancher { $count ->
    [one] la disposition obligatoire
   *[other] les dispositions obligatoires
} { $ids } ; une déclaration de conformité ne peut pas laisser une disposition obligatoire indécise.

## Éléments communs

doc-not-declared = non déclaré
doc-fill-in = ____________________
doc-prepared = Établi avec iotlabel le { $date } à partir de la déclaration du fabricant, évaluée à la date du { $as_of }.
doc-product-line = { $brand } { $model }, version matérielle { $hardware }, version du micrologiciel { $firmware }
doc-gtin = GTIN : { $gtin }

## Déclaration de conformité UK PSTI

doc-psti-title = Déclaration de conformité : régime britannique de sécurité des produits
doc-psti-intro = La présente déclaration est établie au titre de la partie 1 de la loi britannique de 2022 sur la sécurité des produits et les infrastructures de télécommunications (PSTI Act 2022) et du règlement d’application sur les exigences de sécurité (SI 2023/1007).
doc-psti-product = Produit
doc-psti-product-type = Type de produit : { $kind }
doc-psti-product-id = Modèle : { $product }
doc-psti-batch = Lot ou numéros de série couverts : { $blank }
doc-psti-manufacturer = Fabricant
doc-psti-manufacturer-name = Nom : { $name }
doc-psti-manufacturer-address = Adresse : { $address }
doc-psti-manufacturer-website = Site web : { $url }
doc-psti-declaration = Déclaration
doc-psti-prepared-by = La présente déclaration a été établie par le fabricant désigné ci-dessus ou pour son compte.
doc-psti-opinion = De l’avis du fabricant, le produit satisfait à chacune des exigences de sécurité applicables :
doc-psti-req-1 = aucun mot de passe par défaut universel
doc-psti-req-2 = un point de contact publié pour signaler les problèmes de sécurité
doc-psti-req-3 = une période de prise en charge définie et publiée
doc-psti-req-met = Exigence { $id }, { $title } : satisfaite.
doc-psti-req-na = Exigence { $id }, { $title } : sans objet. { $reason }
doc-psti-route-via = Réputée satisfaite par { $framework } { $ids } ({ $reference }).
doc-psti-route-label = Réputée satisfaite par le label { $scheme } { $id } en cours de validité ({ $reference }).
doc-and = et
doc-psti-contact = Les problèmes de sécurité peuvent être signalés à { $contact }.
doc-psti-policy = La politique de divulgation est publiée à l’adresse { $url }.
doc-psti-timelines = Les auteurs de signalement reçoivent un accusé de réception dans un délai de { $ack } jours, puis un point sur l’avancement au moins tous les { $status } jours.
doc-psti-support = Période de prise en charge définie
doc-psti-support-end = À la date d’émission, la période de prise en charge définie prend fin le { $date } : les mises à jour de sécurité sont fournies au moins jusqu’à cette date.
doc-psti-support-url = La période de prise en charge est publiée à l’adresse { $url }.
doc-psti-signature = Émission et signature
doc-psti-place = Lieu d’émission : { $blank }
doc-psti-date = Date d’émission : { $date }
doc-psti-name = Nom : { $blank }
doc-psti-function = Fonction : { $blank }
doc-psti-sign = Signature : { $blank }
doc-psti-retain = Conservez cette déclaration au moins dix ans à compter de sa date d’émission, ou pendant toute la période de prise en charge si elle est plus longue.

## Informations et instructions pour l’utilisateur (CRA)

doc-cra-title = Informations et instructions pour l’utilisateur : { $product }
doc-cra-intro = Les informations que le règlement sur la cyberrésilience (règlement (UE) 2024/2847, annexe II) demande au fabricant de fournir avec le produit, point par point.
doc-cra-1 = 1. Fabricant
doc-cra-name = Nom ou marque : { $name }
doc-cra-address = Adresse postale : { $address }
doc-cra-email = Courriel : { $email }
doc-cra-website = Site web : { $url }
doc-cra-2 = 2. Signalement des vulnérabilités
doc-cra-contact = Point de contact unique pour signaler une vulnérabilité : { $contact }
doc-cra-policy = Politique de divulgation coordonnée des vulnérabilités : { $url }
doc-cra-3 = 3. Identification du produit
doc-cra-product = Produit : { $product }
doc-cra-type = Type de produit : { $kind }
doc-cra-4 = 4. Destination et propriétés de sécurité
doc-cra-intended = Destination (selon les termes du fabricant) : { $text }
doc-cra-offline-full = Ses fonctions essentielles restent disponibles sans connexion à internet.
doc-cra-offline-partial = Une partie de ses fonctions reste disponible sans connexion à internet.
doc-cra-offline-none = Il ne fonctionne pas sans connexion à internet ni sans les services en ligne du fabricant.
doc-cra-5 = 5. Circonstances prévisibles de risque important pour la cybersécurité
doc-cra-risks = Ces circonstances, y compris les mauvais usages raisonnablement prévisibles, sont décrites dans la documentation fournie avec le produit.
doc-cra-6 = 6. Déclaration UE de conformité
doc-cra-doc = La déclaration UE de conformité peut être consultée à l’adresse { $url }
doc-cra-7 = 7. Prise en charge de la sécurité
doc-cra-support-type = Type de prise en charge : { $kind }
doc-cra-support-free = Les mises à jour de sécurité sont gratuites.
doc-cra-support-end = Fin de la période de prise en charge : { $month } (mises à jour de sécurité fournies jusqu’au { $date }).
doc-cra-support-url = La période de prise en charge est publiée à l’adresse { $url }.
doc-cra-8 = 8. Instructions
doc-cra-setup = Mise en service et utilisation sûres : { $text }
doc-cra-setup-yes = suivez le guide de configuration sécurisée fourni avec le produit.
doc-cra-setup-no = le fabricant ne fournit pas de guide de configuration sécurisée.
doc-cra-changes = Effet des modifications sur la sécurité de vos données : { $text }
doc-cra-changes-auth = toute modification des réglages de sécurité par le réseau exige une authentification ; la politique de confidentialité explique comment vos données sont traitées.
doc-cra-changes-policy = la politique de confidentialité explique comment vos données sont traitées.
doc-cra-privacy = Politique de confidentialité : { $url }
doc-cra-updates = Installation des mises à jour de sécurité : { $text }
doc-cra-decommission = Mise hors service du produit et suppression de vos données : { $text }
doc-cra-decommission-guide = suivez les instructions de mise hors service de la documentation.
doc-cra-reset-erases = Une réinitialisation d’usine efface vos données de l’appareil.
doc-cra-reset-keeps = Une réinitialisation d’usine n’efface pas toutes vos données de l’appareil.
doc-cra-delete-request = Vous pouvez demander au fabricant de supprimer vos données de ses services.
doc-cra-auto-off = Désactivation des mises à jour automatiques : { $text }
doc-cra-auto-off-yes = les mises à jour automatiques peuvent être désactivées ou reportées dans les réglages du produit.
doc-cra-auto-off-no = les mises à jour automatiques ne peuvent pas être désactivées.
doc-cra-auto-off-manual = les mises à jour ne s’installent pas automatiquement ; il n’y a rien à désactiver.
doc-cra-9 = 9. Nomenclature logicielle (SBOM)
doc-cra-sbom-url = La nomenclature logicielle ({ $format }) peut être obtenue à l’adresse { $url }
doc-cra-sbom-kept = Une nomenclature logicielle figure dans la documentation technique ; elle n’est pas mise à la disposition des utilisateurs.
doc-cra-sbom-none = Aucune nomenclature logicielle n’est mise à la disposition des utilisateurs.

## Descriptions communes à plusieurs documents

doc-password-none = Le produit n’utilise aucun mot de passe.
doc-password-unique = Chaque appareil est livré avec son propre mot de passe.
doc-password-user-set = Il n’y a pas de mot de passe d’usine : vous en choisissez un lors de la mise en service.
doc-password-universal = Tous les appareils sont livrés avec le même mot de passe d’usine.
doc-password-change-yes = Vous pouvez le modifier dans les réglages du produit ou dans l’application.
doc-password-change-no = Il ne peut pas être modifié.
doc-updates-none = Le logiciel du produit ne peut pas être mis à jour.
doc-updates-manual = Les mises à jour ne s’installent pas automatiquement : vous devez les rechercher et les installer vous-même.
doc-updates-opt-in = Les mises à jour peuvent s’installer automatiquement une fois l’option activée dans les réglages du produit.
doc-updates-auto = Les mises à jour s’installent automatiquement ; aucune action n’est nécessaire.
doc-updates-notified = Vous êtes informé des mises à jour par : { $channels }.
doc-updates-guidance = Chaque mise à jour de sécurité est accompagnée d’une explication de ce qu’elle corrige.
doc-channel-app = l’application
doc-channel-email = le courriel
doc-channel-device-screen = l’écran de l’appareil
doc-channel-website = le site web du fabricant
doc-encryption-all = Tout le trafic réseau est chiffré.
doc-encryption-partial = Une partie du trafic réseau est chiffrée.
doc-encryption-none = Le trafic réseau n’est pas chiffré.
doc-encryption-at-rest = Les données stockées sont chiffrées.
doc-support-type-auto = mises à jour de sécurité, installées automatiquement par défaut
doc-support-type-opt-in = mises à jour de sécurité, installées automatiquement une fois l’option activée
doc-support-type-manual = mises à jour de sécurité, installées par l’utilisateur
doc-support-type-none = aucune mise à jour logicielle (le produit ne peut pas être mis à jour)

## Données du registre U.S. Cyber Trust Mark (phrases dans le JSON)

doc-us-note = Éléments de données du registre établis par iotlabel à partir de la déclaration du fabricant. Il ne s’agit pas d’une inscription au registre U.S. Cyber Trust Mark.
doc-us-certified = Autorisé au titre du U.S. Cyber Trust Mark (certificat { $id }, délivré le { $date }).
doc-us-expired = L’autorisation U.S. Cyber Trust Mark (certificat { $id }) a expiré le { $date }.
doc-us-not-certified = Non certifié : évaluation iotlabel uniquement. Aucun organisme de certification du Cyber Trust Mark n’a autorisé ce produit. Résultat de l’évaluation iotlabel selon NIST IR 8425 : { $verdict }.
doc-verdict-conformant = conforme
doc-verdict-not-conformant = non conforme
doc-verdict-incomplete = incomplète (certaines exigences n’ont pas pu être tranchées)
doc-verdict-out-of-scope = hors du champ d’application (le référentiel ne s’applique pas à ce produit)
doc-us-setup-yes = Suivez le guide de configuration sécurisée fourni avec le produit ; plus d’informations sur { $url }.
doc-us-setup-no = Le fabricant ne fournit pas de guide de configuration sécurisée ; voir { $url }.
doc-us-updates-how-manual = Téléchargez les mises à jour auprès du fabricant ({ $url }) et installez-les vous-même.
doc-us-updates-how-opt-in = Activez les mises à jour automatiques dans les réglages du produit.
doc-us-updates-how-auto = Aucune action n’est nécessaire.
doc-us-updates-how-none = Aucune : le produit ne peut pas être mis à jour.

## Déclaration de conformité de mise en œuvre ETSI EN 303 645

doc-etsi-title = Déclaration de conformité de mise en œuvre : ETSI EN 303 645 { $edition }
doc-etsi-intro = Pour chaque disposition de la norme, selon la présentation du formulaire de son annexe B (tableau B.1) : le statut de la disposition, sa prise en charge par ce produit et les précisions.
doc-etsi-legend = Statut : M obligatoire, R recommandée, C(n) applicable sous la condition n, F(x) applicable si le produit possède la fonction x. Prise en charge : Y oui, N non, N/A sans objet (seulement pour les dispositions conditionnelles ou liées à une fonction), ? pas encore tranché.
doc-etsi-product = Produit : { $product }
doc-etsi-manufacturer = Fabricant : { $name }
doc-etsi-summary = Bilan : { $y } Y, { $n } N, { $na } N/A, { $unknown } non tranchées, sur { $total } dispositions.
doc-etsi-col-id = Disposition
doc-etsi-col-status = Statut
doc-etsi-col-support = Prise en charge
doc-etsi-col-detail = Précisions
doc-etsi-na-unconditional = (Indiqué N : cette disposition n’a pas de condition, le formulaire n’admet donc pas N/A.)
doc-etsi-evidence = Preuves : { $ids }.
doc-etsi-undecided = Recommandations non encore tranchées
doc-etsi-undecided-item = { $id } : ajoutez { $fields }.
doc-etsi-not-implemented = Recommandations non mises en œuvre
doc-etsi-not-implemented-intro = La disposition 5.0-1 demande une justification écrite pour chacune d’elles : { $ids }.
doc-etsi-justified = Le fabricant déclare que ces justifications sont consignées.
doc-etsi-not-justified = Le fabricant ne déclare pas que ces justifications sont consignées.
