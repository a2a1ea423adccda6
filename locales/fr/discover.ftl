# iotlabel discover (issue 13) : le tableau des appareils entendus sur le réseau local.
discover-heading = { $count ->
    [0] Aucun appareil n’a répondu sur { $interface } en { $seconds } s.
    [one] 1 appareil a répondu sur { $interface } en { $seconds } s :
   *[other] { $count } appareils ont répondu sur { $interface } en { $seconds } s :
}
discover-silent-note = Les appareils qui ne répondent pas à ces requêtes n’apparaissent pas : une liste vide ou courte ne prouve pas qu’il n’y a pas d’autre appareil.
discover-unnamed = (sans nom)
discover-unknown = inconnue
discover-random-mac = adresse aléatoire : le fabricant ne peut pas être connu
discover-mac = Adresse MAC
discover-ipv6 = IPv6
discover-vendor = Fabricant
discover-names = Noms
discover-model = Modèle
discover-services = Services
discover-label = Étiquette
discover-digest = Empreinte
discover-well-known = Vérifiée
discover-well-known-same = le /.well-known/iot-label de l’appareil dit la même chose
discover-well-known-differs = le /.well-known/iot-label de l’appareil dit autre chose : prudence
discover-well-known-unreachable = n’a pas pu être vérifiée sur l’appareil lui-même
discover-no-label = aucune annoncée
discover-probably = Sans doute
discover-probably-because = { $type } (d’après { $clue ->
    [service] son service { $because }
    [upnp] son type UPnP { $because }
    [vendor] son fabricant « { $because } »
   *[name] son nom « { $because } »
})
discover-no-label-no-guess = impossible à dire d’après ce qu’il annonce
discover-sensors = Capteurs habituels
discover-sensors-none-listed = aucun n’est répertorié pour ce type d’appareil
