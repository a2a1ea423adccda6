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
