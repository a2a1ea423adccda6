# Le site web du registre (crates/site).
site-name = Registre iotlabel
site-tagline = Cet appareil connecté est-il sûr, et reçoit-il encore des mises à jour ?
site-skip = Aller au contenu
site-nav-search = Trouver un appareil
site-nav-makers = Fabricants
site-nav-api = API
site-lang-switch = English
site-search-label = Marque, modèle ou type d’appareil
site-search-button = Rechercher
site-filter-maker = Fabricant
site-filter-type = Type d’appareil
site-filter-status = État
site-filter-sensor = Capteur
site-filter-any = Tous
site-results = { $count ->
    [0] Aucun appareil ne correspond.
    [one] Un appareil correspond.
   *[other] { $count } appareils correspondent.
}
site-col-device = Appareil
site-col-status = État
site-col-support = Mises à jour de sécurité
site-col-frameworks = Référentiels respectés
site-status-active = Actif
site-status-revoked = Révoqué
site-status-contradicted = Contredit par un laboratoire
site-status-support_ended = Fin du soutien
site-support-until = jusqu’au { $date }
site-support-left = { $days ->
    [one] encore un jour
   *[other] encore { $days } jours
}
site-support-ended-ago = terminé { $days ->
    [one] depuis un jour
   *[other] depuis { $days } jours
}
site-support-none = non déclaré
site-match-yes = Cette étiquette correspond à celle du registre.
site-match-no = Cette étiquette ne correspond pas : ne vous fiez pas à la boîte.
site-match-none = Aucune empreinte n’a été donnée : comparez la boîte aux informations ci-dessous.
site-not-found = Aucune étiquette { $id } n’est enregistrée ici. Ne vous fiez pas à une boîte qui renvoie ici.
site-not-found-title = Étiquette introuvable
site-revoked = Révoquée le { $date } : { $reason }
site-contradicted = Les essais d’un laboratoire contredisent cette étiquette ({ $what }).
site-ended = Les mises à jour de sécurité ont pris fin le { $date }, il y a { $days } jours. Les failles connues ne seront plus corrigées.
site-vulns = Vulnérabilités connues
site-vuln-fixed = corrigée dans le micrologiciel { $version }
site-vuln-status = { $status }
site-history = Historique de l’étiquette
site-history-entry = Entrée { $index } du journal : { $kind } par { $account } le { $date }
site-attested = Attestée par { $lab } selon { $scheme } : { $passed } réussis, { $failed } échoués sur { $items } essais (entrée { $index } du journal)
site-proof = Vérifiée dans le journal public : déclaration à l’entrée { $index } sur { $size }.
site-proof-link = La preuve d’inclusion (JSON)
site-record-link = Cette page sous forme de données (JSON)
site-maker = Publiée par { $maker }
site-makers-title = Fabricants
site-maker-devices = { $count ->
    [one] un appareil enregistré
   *[other] { $count } appareils enregistrés
}
site-error = Un problème est survenu de notre côté. Réessayez dans un instant.
site-compare-title = Comparer des appareils
site-compare-pick = Choisissez de deux à quatre appareils dans les résultats de recherche pour les comparer.
site-compare-differs = Les lignes où les appareils diffèrent sont marquées.
site-compare-fact = Ce que dit l’étiquette
site-compare-problems = Problèmes graves
site-compare-data = Données collectées
site-compare-pick-col = Comparer
site-compare-button = Comparer les appareils choisis
site-makers-intro = Les fabricants classés selon la part de leurs appareils actuels (non révoqués, encore mis à jour) qui respectent les exigences de base. Les règles sont ci-dessous ; personne n’est choisi à la main.
site-col-rank = Rang
site-col-current = Appareils actuels
site-col-baselines = Respectent les exigences de base
site-col-median-support = Soutien restant (médiane)
site-col-revoked = Révoqués
site-months = { $months ->
    [one] un mois
   *[other] { $months } mois
}
site-star = Étoile IdO
site-star-earned = Étoile IdO : chaque appareil actuel de ce fabricant respecte les exigences de base.
site-stars-heading = Comment un fabricant obtient une étoile IdO
site-stars-baselines = Chaque appareil actuel respecte : { $frameworks }.
site-stars-min = Le fabricant a au moins { $count ->
    [one] un appareil actuel
   *[other] { $count } appareils actuels
}.
site-stars-no-contradiction = Aucun appareil actuel n’est contredit par un laboratoire d’essai.
site-stars-no-open-vulns = Aucun appareil actuel n’a de vulnérabilité connue sans correctif.
site-maker-shares = Appareils actuels respectant chaque référentiel
site-maker-none = Aucun appareil du fabricant { $maker } n’est enregistré ici.
site-nav-insights = Tendances
site-insights-title = Tendances
site-insights-intro = Chiffres sur les { $count } appareils enregistrés ici, pour les campagnes de sensibilisation et les autorités. Chaque graphique a un tableau et un fichier CSV.
site-insights-table = Les chiffres sous forme de tableau
site-insights-col-what = Quoi
site-download-csv = Télécharger en CSV
site-download-svg = Télécharger le graphique (SVG)
site-export-intro = Tous les appareils enregistrés, pour les chercheurs :
site-unit-percent = % des appareils
site-unit-months = mois
site-unit-devices = appareils
site-all-devices = Tous les appareils
site-chart-passwords = Appareils avec un mot de passe par défaut universel
site-chart-passwords-summary = { $share } % des appareils enregistrés ont le même mot de passe sur chaque exemplaire ; par type d’appareil ci-dessous.
site-chart-support = Soutien de sécurité restant (médiane), par type d’appareil
site-chart-support-summary = Combien de mois de mises à jour de sécurité l’appareil typique de chaque type recevra encore.
site-chart-support-distribution = Soutien de sécurité restant
site-chart-support-distribution-summary = Pendant combien de temps les { $count } appareils enregistrés recevront encore des mises à jour de sécurité.
site-bucket-ended = Terminé
site-bucket-under-1 = Moins d’un an
site-bucket-1-2 = De 1 à 2 ans
site-bucket-2-3 = De 2 à 3 ans
site-bucket-3-5 = De 3 à 5 ans
site-bucket-over-5 = Plus de 5 ans
site-bucket-undeclared = Non déclaré
site-chart-disclosure = Engagements de divulgation des vulnérabilités
site-chart-disclosure-summary = { $share } % des appareils disent où signaler une faille de sécurité.
site-disclosure-contact = Où signaler une faille
site-disclosure-ack = Un délai d’accusé de réception annoncé
site-disclosure-week = Accusé de réception sous 7 jours
site-chart-sensors = Capteurs des appareils enregistrés
site-chart-sensors-summary = La part des appareils enregistrés qui ont chaque type de capteur.
site-chart-frameworks = Appareils conformes à la loi PSTI du Royaume-Uni, par année de déclaration
site-chart-frameworks-summary = La part des appareils déclarés chaque année qui respectent le minimum légal du Royaume-Uni.
site-nav-standards = Carte des normes
site-standards-title = Carte des normes
site-standards-desc = { $frameworks } référentiels sur { $controls } contrôles communs : { $gaps } contrôles sont exigés par certains référentiels et pas par d’autres. Chaque case donne le nombre d’exigences d’un référentiel qui reposent sur le contrôle ; la dernière colonne, le nombre d’appareils enregistrés qui y échouent.
site-standards-control = Contrôle commun
site-standards-failing = Appareils en échec
site-standards-covered = exigé (nombre d’exigences)
site-standards-gap = une lacune : d’autres référentiels l’exigent
site-standards-none = exigé par aucun référentiel
site-standards-pairs = Comparer deux référentiels exigence par exigence
site-crosswalk-direction = Comment { $to } couvre { $from }
site-crosswalk-summary = Sur { $total } exigences : { $full } entièrement couvertes, { $partial } en partie, { $gap } pas du tout.
site-crosswalk-requirement = Exigence
site-crosswalk-coverage = Couverture
site-crosswalk-by = Couverte par
site-coverage-full = Complète
site-coverage-partial = Partielle
site-coverage-gap = Lacune
site-filter-framework = Respecte
site-filter-cls = Niveau CLS de Singapour
site-filter-support = Mises à jour restantes
site-cls-at-least = niveau { $n } ou plus
site-support-at-least = au moins { $n } mois
site-compare-advice = Classer ces appareils selon vos besoins (quelques questions)
