# Conseils à l'acheteur (issue 16) : le questionnaire, l'adéquation, les raisons, les gestes, les
# autres choix, et pour le glossaire pourquoi c'est important et quoi demander au vendeur.

## Le questionnaire (crates/advice/data/questions.toml)

advice-q-place = Où sera l’appareil ?
advice-a-place-bedroom = Une chambre
advice-a-place-living-room = Un salon
advice-a-place-kitchen = La cuisine
advice-a-place-entrance = L’entrée
advice-a-place-outdoors = Dehors
advice-a-place-office = Un bureau
advice-q-household = Qui vit là avec vous ? (choix multiple ; aucun si vous vivez seul)
advice-a-household-young-children = De jeunes enfants
advice-a-household-teenagers = Des ados
advice-a-household-older-people = Des personnes âgées
advice-a-household-at-risk = Une personne en danger face à un proche (partenaire, ex, parent)
advice-a-household-frequent-guests = Des invités souvent
advice-q-worries = Qu’est-ce qui vous inquiète ? (choix multiple)
advice-a-worries-audio-video = Être vu ou entendu chez moi
advice-a-worries-location = Que l’on sache où je suis
advice-a-worries-health = Mes données de santé
advice-a-worries-physical-safety = Ma sécurité physique : serrures, alarmes
advice-a-worries-attacks-on-others = Que l’appareil serve à attaquer d’autres
advice-a-worries-dies-early = Que l’appareil cesse de marcher trop tôt
advice-q-keep_years = Combien d’années gardez-vous d’habitude un tel appareil ?
advice-q-cloud = L’appareil peut-il dépendre du service en ligne du fabricant ?
advice-a-cloud-fine = Oui, sans souci
advice-a-cloud-limited = Le moins possible
advice-a-cloud-none = Pas du tout
advice-q-comfort = Êtes-vous à l’aise avec les réglages et les mises à jour ?
advice-a-comfort-low = Peu : il doit marcher tout seul
advice-a-comfort-medium = Je sais suivre des étapes claires
advice-a-comfort-high = Très à l’aise
advice-q-min_update_years = Exigence : au moins combien d’années de mises à jour de sécurité ? (0 : aucune exigence)
advice-q-no_always_on_microphone = Exigence : pas de micro toujours allumé ?
advice-q-works_without_internet = Exigence : il marche sans internet ?
advice-q-no_data_sold = Exigence : le fabricant ne vend pas mes données ?

advice-ui-intro = Quelques questions sur la place de l’appareil et sur ce qui compte pour vous. Vos réponses restent sur cet ordinateur.
advice-ui-back = Appuyez sur Échap pour revenir à la question d’avant.
advice-ui-saved = Réponses gardées dans { $file }. Reprenez plus tard avec --resume { $file }.
advice-ui-stdin = Lecture des réponses sur l’entrée standard : une ligne par question, dans cet ordre (une ligne vide prend la valeur par défaut) :

## Adéquation

advice-fit-good = Bon choix
advice-fit-acceptable = Acceptable
advice-fit-poor = Mauvais choix
advice-fit-fails-must-haves = Ne remplit pas vos exigences

advice-h-missed = Exigences non remplies
advice-h-reasons = Pourquoi
advice-h-steps = Après l’achat
advice-h-safety = Si un proche est un danger pour vous
advice-h-alternatives = Autres choix
advice-h-rank = Classés pour vous
advice-h-profile = Votre profil : { $query }
advice-risk = risque { $points }

## Raisons, tirées des faits de l'étiquette

advice-reason-default-password = Le mot de passe d’origine est le même sur chaque appareil, ou facile à deviner.
advice-reason-support-short = Les mises à jour cessent dans { $months } mois ; vous gardez vos appareils environ { $years ->
    [one] 1 an
   *[other] { $years } ans
}.
advice-reason-years-without-fixes = Vous le garderiez environ { $years ->
    [one] 1 an
   *[other] { $years } ans
} sans aucun correctif de sécurité.
advice-reason-support-ended = Les mises à jour de sécurité ont cessé le { $date }.
advice-reason-support-none = Il ne peut recevoir aucune mise à jour de sécurité.
advice-reason-support-undeclared = Le fabricant ne dit pas combien de temps il corrigera les failles.
advice-reason-not-updatable = Son logiciel ne peut pas être mis à jour : une faille trouvée plus tard reste.
advice-reason-manual-updates = Vous devez installer les mises à jour vous-même.
advice-reason-updates-opt-in = Les mises à jour automatiques sont coupées tant que vous ne les activez pas.
advice-reason-open-services = Un service sur votre réseau laisse entrer n’importe qui sans mot de passe.
advice-reason-no-report = Personne ne peut signaler une faille au fabricant.
advice-reason-contradicted = Un test a montré que { $count ->
    [one] une affirmation
   *[other] { $count } affirmations
} du fabricant sont fausses.
advice-reason-always-listening = Toujours allumé : { $sensors }. Il peut capter ce qui se dit ou se fait près de lui.
advice-reason-recording-sensor = Il peut enregistrer les personnes proches : { $sensors }.
advice-reason-no-physical-off = Pas de bouton ni de cache pour couper : { $sensors }.
advice-reason-location-data = Il sait où vous êtes, ou étiez.
advice-reason-health-data = Il collecte des données de santé ou du corps, comme une empreinte ou le rythme cardiaque.
advice-reason-children-data = Il collecte des données sur des enfants.
advice-reason-data-sold = Le fabricant dit vendre certaines données ({ $data }).
advice-reason-data-sold-unknown = Le fabricant ne dit pas s’il vend ces données : { $data }.
advice-reason-data-shared = Des données sensibles sont partagées avec d’autres ({ $data }).
advice-reason-needs-cloud = Il ne marche pas sans le service en ligne du fabricant.
advice-reason-partly-offline = Une partie seulement marche sans internet.
advice-reason-physical-safety = Il protège des personnes ou des biens ({ $device }) : une panne peut vous mettre en danger.
advice-reason-self-declared = Seul le fabricant répond de cette étiquette ; aucun labo ne l’a vérifiée.

advice-good-support = Mises à jour de sécurité jusqu’au { $date } : plus longtemps que les { $years ->
    [one] 1 an
   *[other] { $years } ans
} où vous gardez vos appareils.
advice-good-offline = Il marche sans internet.
advice-good-no-recording = Ni caméra ni micro.

## Exigences

advice-miss-updates = Les mises à jour cessent dans { $months } mois ; vous voulez au moins { $years ->
    [one] 1 an
   *[other] { $years } ans
}.
advice-miss-updates-none = Aucune mise à jour de sécurité n’est promise ; vous voulez au moins { $years ->
    [one] 1 an
   *[other] { $years } ans
}.
advice-miss-revoked = Le fabricant a retiré cette étiquette : { $reason }. Ne vous fiez pas à ce qu’elle dit.
advice-miss-contradicted = Un laboratoire d’essai a constaté que cet appareil ne fait pas ce que dit son étiquette.
advice-miss-microphone = Il a un micro toujours allumé.
advice-miss-offline = Il ne marche pas sans internet.
advice-miss-offline-partly = Une partie seulement marche sans internet.
advice-miss-data-sold = Le fabricant dit vendre une partie de vos données.
advice-miss-data-sold-unknown = Le fabricant ne dit pas s’il vend vos données.

## Gestes après l'achat

advice-step-password = Changez le mot de passe avant de le brancher. Prenez-en un long, que vous n’utilisez nulle part ailleurs.
advice-step-services = Coupez le service réseau ouvert dans les réglages, ou demandez au vendeur comment faire.
advice-step-guest-network = Il ne reçoit plus de correctifs : mettez-le sur le réseau invité de votre box, loin de vos ordinateurs et téléphones.
advice-step-updates-on = Activez les mises à jour automatiques dans les réglages.
advice-step-updates-manual = Cherchez les mises à jour chaque mois et installez-les.
advice-step-account = Donnez à son compte un mot de passe fort, rien qu’à lui, et activez la connexion en deux étapes s’il l’offre.
advice-step-cover = Cachez la caméra ou coupez le micro quand vous ne vous en servez pas. Évitez les chambres si vous pouvez.
advice-step-support-end = Notez le { $date } : après ce jour il ne reçoit plus de correctifs, alors remplacez-le ou coupez-le d’internet.

## Une personne en danger face à un proche

advice-safety-own-account = Utilisez votre propre compte, pas un compte partagé, avec un mot de passe neuf que l’autre personne n’a jamais connu.
advice-safety-remote-access = Regardez dans l’appli qui d’autre y a accès et retirez toute personne en qui vous n’avez pas confiance : l’appareil se commande de partout.
advice-safety-location = Regardez qui peut voir sa position, et coupez le partage de position.
advice-safety-recordings = Regardez qui peut voir ou écouter, et où sont gardés les enregistrements.
advice-safety-reset = Si quelqu’un d’autre l’a installé ou avait le mot de passe, remettez-le à zéro et installez-le vous-même.
advice-safety-help = Un service d’aide aux victimes de violences près de chez vous peut vous aider à vérifier vos appareils sans risque.

## Autres choix

advice-alt-no-sensor = Un modèle sans caméra ni micro.
advice-alt-offline-use = S’en servir sans internet : une partie marche encore.
advice-alt-offline-model = Un modèle qui marche sans internet.
advice-alt-longer-support = Un modèle dont le fabricant promet des mises à jour plus longtemps.
advice-alt-not-connected = Un produit qui n’est pas connecté du tout.

## Glossaire : éléments de l'étiquette absents du glossaire de l'étiquette

advice-term-deal-breaker = Problème grave
advice-def-deal-breaker = Un fait qui rend l’appareil risqué à acheter, même s’il fait bien le reste. L’étiquette les montre en premier.
advice-term-offline = Marche sans internet
advice-def-offline = Si l’appareil fait encore son travail quand internet ou le service du fabricant est coupé.
advice-term-off-switch = Coupure
advice-def-off-switch = Un moyen de couper une caméra ou un micro : un bouton, un cache, ou un simple réglage dans l’appli.
advice-term-data-sold = Données vendues
advice-def-data-sold = Si le fabricant vend à d’autres ce que l’appareil apprend sur vous.

## Glossaire : pourquoi c'est important et quoi demander au vendeur

advice-why-deal-breaker = Un seul problème grave peut mettre votre foyer en danger, même si le reste est bon.
advice-ask-deal-breaker = Demandez : y a-t-il un modèle sans ce problème ?
advice-why-support-period = Sans correctifs, un appareil est moins sûr chaque année. Vous le gardez peut-être plus longtemps.
advice-ask-support-period = Demandez : jusqu’à quelle date corrigez-vous les failles ?
advice-why-security-update = On trouve des failles tout le temps. Un correctif n’aide que s’il arrive sur votre appareil.
advice-ask-security-update = Demandez : les mises à jour se font-elles toutes seules ?
advice-why-default-password = Si tous les appareils ont le même mot de passe, n’importe qui peut le trouver et entrer.
advice-ask-default-password = Demandez : chaque appareil a-t-il son propre mot de passe, ou le choisit-on au début ?
advice-why-mfa = Un mot de passe volé ne suffit alors plus pour entrer dans votre compte.
advice-ask-mfa = Demandez : puis-je ajouter une deuxième étape à la connexion ?
advice-why-offline = S’il a besoin d’internet, il peut cesser de marcher quand le service du fabricant s’arrête.
advice-ask-offline = Demandez : que reste-t-il si internet est coupé, ou si vous fermez le service ?
advice-why-cloud = Ce qui part dans le cloud peut être vu par le fabricant, et perdu lors d’une fuite.
advice-ask-cloud = Demandez : qu’est-ce qui part sur vos serveurs, et où sont-ils ?
advice-why-sensor-indicator = Vous devez savoir quand on vous voit ou vous entend.
advice-ask-sensor-indicator = Demandez : une lampe s’allume-t-elle quand la caméra ou le micro marche ?
advice-why-off-switch = Un bouton ou un cache marche même si le logiciel se trompe. Un réglage, peut-être pas.
advice-ask-off-switch = Demandez : puis-je couper la caméra et le micro avec un bouton ou un cache ?
advice-why-personal-data = Les données sur vous peuvent servir à vous suivre, à vous vendre ou à vous nuire.
advice-ask-personal-data = Demandez : quelles données garde-t-il, combien de temps, et puis-je les effacer ?
advice-why-data-sold = Des données vendues peuvent finir n’importe où, et on ne peut pas les reprendre.
advice-ask-data-sold = Demandez : vendez-vous ou partagez-vous mes données ? Avec qui ?
advice-why-vulnerability = Une faille peut laisser un inconnu se servir de votre appareil ou voir vos données.
advice-ask-vulnerability = Demandez : en combien de temps corrigez-vous une faille connue ?
advice-why-vulnerability-disclosure = Un fabricant qui apprend une faille peut la corriger avant qu’on s’en serve contre vous.
advice-ask-vulnerability-disclosure = Demandez : où peut-on signaler une faille de cet appareil ?
advice-why-encryption = Sans lui, les gens sur votre réseau ou sur internet peuvent lire ce que l’appareil envoie.
advice-ask-encryption = Demandez : ce que l’appareil envoie est-il toujours chiffré ?
advice-why-secure-boot = Il empêche un mauvais logiciel de prendre la main sur l’appareil au démarrage.
advice-ask-secure-boot = Demandez : l’appareil vérifie-t-il son logiciel à chaque démarrage ?
advice-why-sbom = Avec cette liste, le fabricant sait vite si une faille nouvelle touche votre appareil.
advice-ask-sbom = Demandez : tenez-vous la liste des logiciels inclus, et la vérifiez-vous pour les failles ?
advice-why-mud = Votre box peut alors bloquer ce dont l’appareil n’a pas besoin.
advice-ask-mud = Demandez : publiez-vous un fichier MUD pour ce modèle ?
advice-why-conformant = Une loi ou une norme fixe un minimum de sécurité. La respecter est bon signe, pas une promesse.
advice-ask-conformant = Demandez : quelles lois et normes respecte-t-il, et qui l’a vérifié ?
advice-why-not-applicable = Certaines règles portent sur des fonctions que l’appareil n’a pas.
advice-ask-not-applicable = Demandez pourquoi une règle ne s’applique pas, si cela vous semble bizarre.
advice-why-unknown = Le fabricant n’a pas donné le fait dont la règle a besoin : personne ne peut dire qu’elle est remplie.
advice-ask-unknown = Demandez au fabricant les faits qui manquent.
advice-why-contradicted = Un test a montré que ce que dit le fabricant est faux. Fiez-vous au test.
advice-ask-contradicted = Demandez : quand sera-ce corrigé ?
advice-why-evidence = Les tests montrent ce que fait vraiment l’appareil, pas seulement ce que dit le fabricant.
advice-ask-evidence = Demandez : a-t-il été testé, par qui et quand ?
advice-why-self-declared = Personne d’autre ne l’a vérifié : vous devez croire le fabricant sur parole.
advice-ask-self-declared = Demandez : un labo a-t-il testé ces affirmations ?
advice-why-lab-tested = Un labo qui ne travaille pas pour le fabricant a vérifié ce qu’il dit.
advice-ask-lab-tested = Demandez : quel labo l’a testé, et puis-je voir les résultats ?
