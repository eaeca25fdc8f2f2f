"""Fictional but plausible action texts for the generated datasets (French, Markdown)."""

GENERIC = """{nom} a lancé ce service pour ses habitants.

- ouvert à tous, gratuitement ;
- accompagné par les agents de la collectivité ;
- évalué chaque année avec les usagers.

Plus d’informations sur [le site de la collectivité](https://www.example.org/)."""


def idea(titre: str, categorie: str, description: str = GENERIC) -> dict:
    return {"titre": titre, "categorie": categorie, "description": description}


D, V, P, C = (
    "democratie-services-publics",
    "vivre-ensemble",
    "partage-connaissances",
    "creation-richesses",
)

ACTION_IDEAS = {
    "budget-participatif": [
        idea(
            "Budget participatif en ligne",
            D,
            """Les habitants de {nom} proposent puis votent
en ligne pour des projets d’investissement.

1. dépôt des idées au printemps ;
2. étude de faisabilité par les services ;
3. vote en ligne et dans les mairies de quartier.

Les résultats sont publiés en **données ouvertes**.""",
        ),
        idea("Vote des projets citoyens sur la plateforme participative", D),
    ],
    "conseil-en-direct": [idea("Conseils municipaux retransmis en direct et sous-titrés", D)],
    "consultation-en-ligne": [idea("Concertation en ligne sur le plan local d’urbanisme", D)],
    "donnees-ouvertes": [
        idea(
            "Portail de données ouvertes",
            D,
            """{nom} publie ses données
publiques sous licence ouverte : budget, équipements, horaires, qualité de l’air.

> Les données appartiennent à ceux qui les financent.""",
        )
    ],
    "demarches-en-ligne": [
        idea("Démarches d’état civil en ligne", D),
        idea("Guichet numérique des autorisations d’urbanisme", D),
    ],
    "paiement-en-ligne": [idea("Paiement en ligne de la cantine et du périscolaire", D)],
    "guichet-unique": [idea("Prise de rendez-vous en ligne pour les titres d’identité", D)],
    "signalement-voirie": [idea("Application de signalement des incidents de voirie", V)],
    "alerte-sms": [idea("Alertes SMS en cas de crue ou de canicule", V)],
    "aide-seniors": [idea("Tablettes et ateliers pour les résidents de l’EHPAD", V)],
    "accessibilite-numerique": [idea("Mise en accessibilité du site de la collectivité", D)],
    "ateliers-intergenerationnels": [idea("Café numérique intergénérationnel", V)],
    "sobriete-numerique": [
        idea(
            "Reconditionnement des ordinateurs de la mairie",
            C,
            """Les
postes informatiques réformés de {nom} sont reconditionnés par une entreprise d’insertion,
puis donnés aux écoles et aux associations.

Résultat : moins de déchets électroniques et **plus d’équipements** pour tous.""",
        )
    ],
    "suivi-energie": [idea("Suivi en temps réel des consommations des bâtiments publics", C)],
    "collecte-dechets": [idea("Capteurs de remplissage des conteneurs à verre", C)],
    "ecole-numerique": [idea("Classes mobiles de tablettes dans les écoles", P)],
    "espace-numerique-travail": [idea("Espace numérique de travail des écoles élémentaires", P)],
    "portail-famille": [idea("Portail famille : inscriptions et réservations en ligne", D)],
    "espace-public-numerique": [idea("Espace public numérique de la médiathèque", P)],
    "conseiller-numerique": [idea("Permanences du conseiller numérique France Services", P)],
    "ateliers-initiation": [idea("Ateliers « Premiers pas sur Internet »", P)],
    "logiciels-libres": [idea("Passage de la mairie aux logiciels libres", P)],
    "mediatheque-numerique": [idea("Prêt de livres numériques et ressources en ligne", P)],
    "patrimoine-numerise": [idea("Archives municipales numérisées et consultables en ligne", P)],
    "visite-virtuelle": [idea("Parcours patrimonial en réalité augmentée", P)],
    "fablab": [idea("Fablab municipal ouvert aux collégiens", C)],
    "commerce-local-en-ligne": [idea("Place de marché en ligne des commerçants locaux", C)],
    "espace-coworking": [idea("Tiers-lieu et espace de travail partagé", C)],
    "wifi-public": [idea("Wi-Fi public gratuit dans les lieux d’accueil", V)],
    "tourisme-numerique": [idea("Guide touristique numérique multilingue", C)],
    "*": [
        idea("Nouveau service numérique pour les habitants", V),
        idea("Service en ligne de proximité", D),
    ],
}

CARRIERS = [
    ("collectivite", "Ville de {nom}"),
    ("collectivite", "Mairie de {nom}"),
    ("association", "Association Numérique pour tous"),
    ("ecole", "École élémentaire Jules-Ferry"),
    ("delegataire", "Régie des transports"),
    ("prestataire", "Coopérative Libre Informatique"),
]

PLACES = [
    "Mairie",
    "Médiathèque",
    "Maison France Services",
    "Espace public numérique",
    "École élémentaire",
    "Tiers-lieu",
    "Centre social",
    "Office de tourisme",
]
