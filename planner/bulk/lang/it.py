"""Italian wording rules."""

from planner.bulk.lang import Phrases

_GREET = (
    r"ciao|buongiorno|buonasera|salve|car[oaie]|carissim[oaie]|gentile|gentilissim[oa]|egregio"
    r"|hey"
)

PHRASES = Phrases(
    lang="it",
    greeting=_GREET,
    mass_salutation=(
        r"(?:cari|care|carissimi|gentili) (?:amici e colleghi|clienti|membri|contatti|iscritti"
        r"|follower)|gentili signori|spettabile|a chi di competenza"
        r"|(?:ciao|buongiorno) a tutti i miei (?:contatti|amici)|(?:ciao|buongiorno) (?:a )?"
        r"(?:tutta )?la mia rete"
    ),
    group_salutation=(
        r"(?:ciao|buongiorno|buonasera|salve) (?:a tutti|a tutte|ragazzi|ragazze|gente|amici"
        r"|tutti|a voi|team|a tutti voi)"
        r"|(?:cari|care|carissimi) (?:amici|amiche|colleghi|tutti)"
    ),
    mass_body=[
        r"\ba tutti i miei (?:contatti|amici|follower)\b",
        r"\btutta la mia rete\b",
    ],
    crowd=[
        r"\bgrazie a tutti\b|\ba tutti (?:quelli|coloro) che\b|\btutti quelli che\b",
        r"\btutti voi\b|\bognuno di voi\b",
        r"\bspero che stiate\b|\bauguro a tutti\b|\bvi auguro a tutti\b",
        r"\b(?:annunciarvi|comunicarvi|informarvi|mandarvi|ringraziarvi)\b|\bvi comunico\b",
    ],
    pitch=[
        (r"\breddito (?:extra|passivo|aggiuntivo|residuo)\b|\bentrate (?:extra|passive)\b", 2),
        (r"\b(?:libertà|indipendenza) finanziaria\b", 2),
        (r"\b(?:essere|diventare) (?:il )?(?:tuo|suo) (?:capo|datore)\b", 2),
        (r"\bnetwork marketing\b|\bmultilivello\b|\bmlm\b", 2),
        (r"\bguadagnare (?:online|soldi|denaro|da casa|dal divano)\b", 2),
        (r"\b(?:lavorare|lavorando|guadagnare) da casa\b", 1),
        (r"\b(?:non (?:serve|è richiesta|occorre) esperienza|senza esperienza)\b", 2),
        (r"\b(?:cerco|cerchiamo|sto cercando) persone\b", 2),
        (r"\bcripto\w*\b|\bbitcoin\b|\bforex\b", 2),
        (r"\bopportunità (?:unica|di guadagno|di business)\b|\brendimenti garantiti\b", 2),
        (r"\b(?:aumentare|incrementare|raddoppiare) (?:il )?(?:fatturato|vendite|clienti)\b", 1),
        (r"\baziende come la (?:sua|tua)\b", 1),
        (r"\b(?:nostra|mia) (?:piattaforma|soluzione|agenzia)\b", 1),
        (r"\bdemo\b", 1),
        (r"\b(?:ha|hai) (?:\d+|quindici|dieci|cinque) minuti\b", 1),
        (r"\b(?:consulenza|sessione|prova) gratuita\b", 1),
        (r"\bti spiego (?:come|tutto)\b|\bti interessa saperne\b|\bvuoi che ti spieghi\b", 1),
        (r"\bofferta (?:speciale|esclusiva)\b|\bsconto\b", 1),
    ],
    offer_of_work=(
        r"\b(?:assum\w+|cerchiamo|posizione|ruolo|team|squadra|progetto|lavoro|collabor\w+"
        r"|candidat\w+|presenti)\b"
    ),
    harvest_ask=[
        r"\b(?:mandami|inviami|girami|passami|dammi)(?: i| gli)? (?:numeri|contatti|email"
        r"|indirizzi|recapiti)\b",
    ],
    harvest_data=(
        r"\b(?:numeri(?: di telefono)?|contatti|email|e-mail|indirizzi(?: email)?|recapiti)\b"
    ),
    harvest_others=(
        r"\b(?:(?:dei )?(?:tuoi|suoi) (?:colleghi|amici|contatti|clienti|conoscenti)"
        r"|colleghi|amici|qualcuno|persone|interessat[ie])\b"
    ),
    request=r"\?|\b(?:mandami|inviami|girami|passami|dammi|potresti|puoi|per favore)\b",
    harvest_soft=[r"\bqualcuno (?:della|nella) tua rete\b"],
    announce=[
        r"\b(?:sono (?:felice|lieto|lieta|orgoglios[oa]|entusiasta)|ho il piacere|è con"
        r" (?:grande )?(?:gioia|piacere|orgoglio)) (?:di )?(?:annunciar\w*|condivider\w*"
        r"|comunicar\w*|informarvi|che)\b",
        r"\bvi comunico\b|\b(?:grande|grandi|bella) (?:notizia|novità)\b",
        r"\bnuova (?:avventura|sfida|tappa|esperienza)\b|\bnuovo (?:capitolo|percorso)\b",
        r"\bho (?:lanciato|iniziato|cambiato lavoro|aperto|pubblicato|fondato)\b",
        r"\bdopo \w+ anni\b|\bda lunedì sono\b",
    ],
    stock=[
        r"\bho visto il tuo profilo\b",
        r"\bspero che questo messaggio ti trovi bene\b",
        r"\bvorrei (?:aggiungerti|collegarmi)\b|\bmi piacerebbe (?:connettermi|collegarmi)\b",
    ],
    shared=[
        r"\b(?:mi )?hai (?:detto|raccontato|consigliato|mostrato|regalato|prestato"
        r"|accompagnato)\b|\bdi cui ti parlavo\b|\bavermi\b",
        r"\bci siamo conosciuti (?:a|al|alla|in)\b|\bti ricordi\b|\bricordi quando\b",
        r"\b(?:tuo|tua|tuoi) (?:matrimonio|trasloco|viaggio|figlio|figlia|mamma|papà|padre"
        r"|madre|cane|casa|esame|progetto|libro|presentazione|prima)\b",
        r"\bgrazie (?:mille )?(?:per|di) (?:il|la|l'|avermi|essere|lo|i|gli)\b",
        r"\bmi dispiace (?:tanto|molto)\b|\bcondoglianze\b",
        r"\bcome (?:è andat\w|va) (?:il|la)\b",
    ],
    occasion=(
        r"\b(?:compleanno|anniversario|pensione|promozione|matrimonio|nuovo lavoro"
        r"|congratulazioni per|tanti auguri)\b"
    ),
    vocatives=frozenset(
        ["amore", "tesoro", "caro", "cara", "bella", "bello", "amico", "amica", "fratello", "raga"]
    ),
    titles=frozenset(
        [
            "sig",
            "signor",
            "signore",
            "signora",
            "dott",
            "dottore",
            "dottoressa",
            "ing",
            "avv",
            "prof",
        ]
    ),
)
