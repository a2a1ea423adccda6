# Le kit de campagne (issue 16) : une page à imprimer par thème, tirée du glossaire et des
# conseils. Titres et introductions en mots simples.

campaign-h-steps = Ce que vous pouvez faire
campaign-footer = Fait avec iotlabel à partir de son glossaire et de ses conseils. Libre de copie et de diffusion.
campaign-step-support-end = Notez la date de fin des mises à jour. Après, remplacez l’appareil ou coupez-le d’internet.

campaign-title-updates = Sera-t-il encore sûr dans cinq ans ?
campaign-intro-updates = Un appareil connecté a besoin de correctifs tant que vous vous en servez. Regardez combien de temps le fabricant les promet avant d’acheter.
campaign-title-passwords = Mots de passe et connexions
campaign-intro-passwords = Un appareil n’est pas plus sûr que sa porte d’entrée. Cherchez un mot de passe à vous seul, et une deuxième étape à la connexion.
campaign-title-cameras-microphones = Caméras et micros à la maison
campaign-intro-cameras-microphones = Un appareil qui peut voir ou entendre doit vous dire quand il le fait, et se laisser couper.
campaign-title-data-cloud = Vos données et le cloud
campaign-intro-data-cloud = Beaucoup d’appareils envoient ce qu’ils apprennent aux serveurs du fabricant. Sachez ce qui part, et ce qui se passe quand le service s’arrête.
campaign-title-reading-the-label = Lire une étiquette de sécurité
campaign-intro-reading-the-label = L’étiquette résume ce que dit le fabricant et ce que les tests ont trouvé. Voici ce que veulent dire ses mots.
campaign-title-someone-you-know = Si un proche est un danger pour vous
campaign-intro-someone-you-know = Les objets connectés peuvent servir à surveiller ou suivre une personne. Ces gestes vous aident à reprendre la main, sans risque.
