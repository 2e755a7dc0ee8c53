"""French wording rules."""

from planner.bulk.lang import Phrases

_GREET = r"bonjour|salut|coucou|bonsoir|cher|chère|chers|chères|hello|hey|madame|monsieur"

PHRASES = Phrases(
    lang="fr",
    greeting=_GREET,
    mass_salutation=(
        r"(?:chers|chères) (?:amis et (?:collègues|famille)|clients|membres|abonnés|partenaires"
        r"|contacts)|mesdames,? messieurs|madame,? monsieur|à qui de droit"
        r"|(?:bonjour|salut) à (?:tous )?mes (?:contacts|amis|abonnés)"
        r"|(?:bonjour|salut|cher) (?:à )?(?:mon|tout mon) réseau"
    ),
    group_salutation=(
        r"(?:bonjour|salut|coucou|bonsoir|hello) (?:à tous|à toutes|à vous tous|tout le monde"
        r"|les amis|la compagnie|la team|l'équipe|vous tous|les gens|tous|la famille)"
        r"|(?:chers|chères) (?:amis|amies|collègues|tous|toutes)"
    ),
    mass_body=[
        r"\bà (?:tous )?mes (?:contacts|amis|abonnés)\b",
        r"\btout mon réseau\b",
        r"\bce message (?:est envoyé|s'adresse) à\b",
    ],
    crowd=[
        r"\bmerci à (?:tous|toutes|vous tous)\b|\bà toutes et à tous\b",
        r"\bvous tous\b|\bchacun d'entre vous\b",
        r"\bvous souhaite (?:à )?tous\b",
        r"\b(?:bonjour|merci|salut) (?:à )?tout le monde\b",
        r"\bà tous (?:ceux|celles) qui\b|\btous ceux qui\b",
        r"\bque vous allez tous\b",
    ],
    pitch=[
        (r"\brevenus? (?:passifs?|complémentaires?|supplémentaires?|résiduels?)\b", 2),
        (r"\b(?:liberté|indépendance) financière\b", 2),
        (r"\b(?:être|devenir) (?:votre|ton|son) propre patron\b", 2),
        (r"\bmarketing (?:de réseau|relationnel|multiniveau)\b|\bmlm\b", 2),
        (r"\b(?:gagner|générer) (?:de l'argent|un revenu|des revenus)\b", 2),
        (r"\bdepuis chez (?:elles|eux|vous|toi|soi)\b|\bde chez (?:vous|toi|soi)\b", 1),
        (r"\b(?:aucune expérience (?:requise|nécessaire)|sans expérience)\b", 2),
        (
            r"\b(?:cherche|recrute|recrutons|cherchons) des (?:personnes|partenaires)"
            r" (?:motivé|ambitieu|dynamique)\w*\b",
            2,
        ),
        (r"\bcrypto\w*\b|\bbitcoin\b|\bforex\b", 2),
        (r"\brendement garanti\b|\bopportunité d'affaires\b", 2),
        (r"\bappel (?:gratuit|découverte)\b|\bessai gratuit\b", 1),
        (r"\bdémo\b|\bdémonstration\b", 1),
        (
            r"\b(?:doubler|augmenter|booster|multiplier) (?:votre|ton|leur) (?:chiffre d'affaires"
            r"|ca|ventes|revenus|clientèle)\b",
            1,
        ),
        (r"\bentreprises comme la (?:vôtre|tienne)\b", 1),
        (r"\bnotre (?:solution|plateforme|agence|logiciel|outil)\b", 1),
        (r"\bça (?:t'|vous )intéresse\b", 1),
        (r"\bje (?:t'|vous )explique tout\b", 1),
        (r"\boffre (?:spéciale|exclusive|limitée)\b|\bcode promo\b|\bremise\b", 1),
    ],
    offer_of_work=(
        r"\b(?:recrut\w+|poste|cdi|cdd|équipe|projet|collabor\w+|travail|rôle|embauch\w+"
        r"|mets en contact)\b"
    ),
    harvest_ask=[
        r"\b(?:envoie|envoyer|transmets|transmettre|donne|donner|passe|passer)-?(?:moi)?"
        r" (?:les|leurs|tes|vos) (?:adresses|e-?mails|numéros|coordonnées|contacts)\b",
    ],
    harvest_data=(
        r"\b(?:adresses(?: e-?mail| mail)?|e-?mails|mails|numéros(?: de téléphone)?"
        r"|coordonnées|contacts)\b"
    ),
    harvest_others=(
        r"\b(?:(?:tes|vos|ses) (?:collègues|amis|contacts|proches|clients|connaissances)"
        r"|collègues|amis|personnes|quelqu'un|gens|leurs|intéressé\w*)\b"
    ),
    request=(
        r"\?|\b(?:envoie|envoyer|transmets|transmettre|donne|donner|peux-tu|pourrais-tu"
        r"|pourriez-vous|s'il te plaît|s'il vous plaît|merci de)\b"
    ),
    harvest_soft=[
        r"\bquelqu'un (?:de|dans) ton réseau\b",
        r"\bpartage (?:ce message|ceci) (?:avec|à)\b",
    ],
    announce=[
        r"\b(?:suis|sommes) (?:ravie?s?|heureu(?:x|se)s?|fière?s?|fiers|content(?:e|s)?)"
        r" (?:de (?:vous|t')?(?:annoncer|partager|dire|informer)|d'annoncer)\b",
        r"\bj'ai le plaisir de (?:vous )?(?:annoncer|partager|informer)\b",
        r"\b(?:grande|petite|belle|bonne) nouvelle\b|\bnouvelles\b",
        r"\bje (?:rejoins|lance|quitte|commence|démarre)\b",
        r"\bnouvelle (?:aventure|étape|page|chapitre)\b|\bnouveau (?:chapitre|défi|poste)\b",
        r"\b(?:mon|notre) (?:livre|podcast|entreprise|agence|startup) (?:est|vient)\b",
        r"\baprès \w+ (?:belles |merveilleuses |superbes )?années\b",
    ],
    stock=[
        r"\bje me permets de (?:vous|te) contacter\b",
        r"\bj'espère que ce message (?:vous|te) trouve\b",
        r"\bj'ai vu (?:votre|ton) profil\b",
        r"\bj'aimerais (?:vous|t')ajouter à mon réseau\b",
    ],
    shared=[
        r"\btu m'as (?:dit|parlé|raconté|montré|conseillé|envoyé|prêté|offert)\b",
        r"\bdont je t'ai parlé\b|\bcomme (?:on|nous) (?:en )?avons parlé\b",
        r"\b(?:on s'est|nous nous sommes) (?:vus|rencontrés|parlé) (?:à|au|en|chez|lors)\b",
        r"\btu te souviens\b|\bte rappelles-tu\b|\bça m'a fait penser\b",
        r"\b(?:ton|ta|tes) (?:mariage|déménagement|voyage|fils|fille|mère|père|grand-mère"
        r"|grand-père|chien|maison|appart\w*|examen|projet|livre|prototype|conférence)\b",
        r"\bnotre (?:discussion|conversation|projet|voyage|soirée)\b",
        r"\bmerci (?:encore )?pour (?:les|la|le|ton|ta|tes|l')\b|\bcondoléances\b",
        r"\bje pense (?:fort )?à toi\b",
    ],
    occasion=(
        r"\b(?:anniversaire|retraite|promotion|mariage|fiançailles|nouveau (?:poste|job|travail)"
        r"|félicitations pour)\b"
    ),
    vocatives=frozenset(
        [
            "mec",
            "ma",
            "belle",
            "chérie",
            "chéri",
            "copain",
            "copine",
            "vieux",
            "poto",
            "toi",
            "les",
            "amis",
        ]
    ),
    titles=frozenset(["m", "mme", "mlle", "monsieur", "madame", "dr", "pr", "maître"]),
)
