# Mots communs. Les dates sont construites avec ces noms de mois (voir crates/i18n date()).
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
test-greeting = Bonjour { $name }, { $count ->
    [one] { $count } appareil
   *[other] { $count } appareils
}

# `iotlabel assess` en texte (crates/cli/src/output.rs). Les verdicts tiennent en 7 caractères au plus.
cli-assess-device = { $device } ({ $kind }, matériel { $hardware }, micrologiciel { $firmware }) de { $manufacturer }, évalué à la date du { $date }
cli-assess-framework = { $framework } { $edition } : { $verdict }{ $level }
cli-assess-conformant = CONFORME
cli-assess-not-conformant = NON CONFORME
cli-assess-incomplete = INCOMPLET
cli-assess-out-of-scope = HORS CHAMP
cli-assess-level-reached = , niveau { $level } atteint
cli-assess-tally = { $pass } { $pass ->
        [one] respectée
       *[other] respectées
    }, { $fail } non { $fail ->
        [one] respectée
       *[other] respectées
    }, { $contradicted } { $contradicted ->
        [one] contredite
       *[other] contredites
    }, { $unknown } { $unknown ->
        [one] inconnue
       *[other] inconnues
    }, { $na } sans objet
cli-assess-mandatory = obligatoires : { $tally } ; toutes ({ $total }) : { $pass } { $pass ->
        [one] respectée
       *[other] respectées
    }
cli-assess-level = niveau { $level } : { $met } ({ $tally })
cli-assess-level-met = atteint
cli-assess-level-not-met = non atteint
cli-assess-tag-pass = OK
cli-assess-tag-fail = ÉCHEC
cli-assess-tag-contradicted = CONTRA
cli-assess-tag-unknown = INCONNU
cli-assess-tag-not-applicable = S.O.
cli-assess-status-mandatory = O
cli-assess-status-recommended = R
cli-assess-fill-in = à remplir :
cli-assess-rests-on = repose sur : { $fields }
cli-assess-evidence = preuves : { $ids }
cli-assess-route = voie { $id } ({ $met }) : par { $through } ({ $reference })
cli-assess-route-met = satisfaite
cli-assess-route-not-met = non satisfaite
cli-assess-route-via = { $framework } { $ids }
cli-assess-route-label = un label { $scheme } en cours de validité
cli-assess-route-label-held = le label { $scheme } { $id } en cours de validité
cli-assess-note = remarque :
cli-assess-accepted = accepté :
cli-assess-hidden = Les exigences respectées ou sans objet sont masquées ; --all les affiche.
