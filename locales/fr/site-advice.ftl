# Le site du registre : les pages de conseil (issue 16), le glossaire (issue 12) et l’analyse des
# lacunes. Les questions et réponses sont celles du crate advice (advice.ftl).

site-nav-advice = Conseils pour vous
site-nav-glossary = Glossaire
site-nav-gaps = Lacunes
site-advice-title = Quel appareil vous convient ?
site-advice-intro = Répondez à quelques questions. Vos réponses restent dans l’adresse de cette page : rien sur vous n’est conservé.
site-advice-button = Voir mes conseils
site-advice-yes = Oui
site-advice-no = Non
site-advice-devices = Appareils à comparer
site-advice-type = Type d’appareil
site-advice-type-any = Tous les appareils enregistrés
site-advice-chosen = { $count ->
    [one] L’appareil choisi
   *[other] Les { $count } appareils choisis
}
site-advice-fix = Certaines réponses sont à corriger. Vos autres réponses sont gardées.
site-advice-bad = { $message }. Attendu : { $expected }.
site-advice-results = { $count ->
    [0] Aucun appareil enregistré ne correspond.
    [one] Un appareil, évalué pour vous.
   *[other] { $count } appareils, le meilleur pour vous d’abord.
}
site-advice-capped = Seuls les { $count } premiers appareils sont évalués : choisissez un type d’appareil pour en réduire le nombre.
site-advice-rank = { $rank }.
site-advice-risk = Points de risque : { $points } (moins, c’est mieux)
site-advice-missed = Exigences non remplies
site-advice-reasons = Pourquoi
site-advice-steps = Après l’achat
site-advice-safety = Si une personne proche est un danger pour vous
site-advice-alternatives = D’autres façons d’obtenir la même chose
site-advice-share = Lien vers ces réponses (à garder ou à partager)
site-advice-download = Télécharger vos réponses (profil TOML)
site-glossary-title = Ce que veulent dire les mots de l’étiquette
site-glossary-intro = Chaque partie de l’étiquette de sécurité, en mots simples : ce qu’elle veut dire, pourquoi c’est important et quoi demander au vendeur.
site-glossary-why = Pourquoi c’est important :
site-glossary-ask = Demandez au vendeur :
site-gaps-title = Où une campagne aiderait le plus
site-gaps-intro = { $count ->
    [one] Compté sur l’unique appareil enregistré : combien de fois chaque fait de l’étiquette est mauvais.
   *[other] Compté sur les { $count } appareils enregistrés : combien de fois chaque fait de l’étiquette est mauvais.
}
site-gaps-priorities = Priorités
site-gaps-priority-all = { $fact } : mauvais sur { $bad } appareils sur { $devices }.
site-gaps-priority-group = { $fact } ({ $group }) : mauvais sur les { $devices } appareils.
site-gaps-none = Aucun fait n’est mauvais sur un appareil enregistré.
site-gaps-all = Tous les appareils
site-gaps-by-type = Par type d’appareil
site-gaps-by-maker = Par fabricant
site-gaps-col-fact = Fait
site-gaps-col-group = Groupe
site-gaps-col-bad = Mauvais sur
site-gaps-col-share = Part
site-gaps-csv = Tous les comptes en CSV
site-gaps-fact-default-password = Un mot de passe par défaut
site-gaps-fact-support-not-current = Mises à jour interrompues
site-gaps-fact-support-under-3-years = Moins de trois ans de mises à jour restantes
site-gaps-fact-not-updatable = Impossible à mettre à jour
site-gaps-fact-no-report = Aucun moyen de signaler une faille
site-gaps-fact-open-services = Services réseau ouverts
site-gaps-fact-contradicted = Contredit par un laboratoire
site-gaps-fact-camera-or-microphone-without-switch = Caméra ou micro sans interrupteur
site-gaps-fact-data-sold-or-unsaid = Données vendues, ou non précisé
site-gaps-fact-needs-cloud = A besoin du service en ligne du fabricant
site-gaps-fact-self-declared = Déclaré par le fabricant seul
site-advice-unknown-id = Aucune étiquette { $id } n’est enregistrée ici
site-advice-expected-id = l’identifiant d’une étiquette enregistrée (la fin de l’adresse de la page de l’appareil)
site-advice-did-you-mean = Vouliez-vous dire { $id } ?
