"""German wording rules (patterns see "ß" casefolded to "ss")."""

from planner.bulk.lang import Phrases

_GREET = (
    r"hallo|hi|hey|liebe[rs]?|sehr geehrte[rs]?|guten (?:morgen|tag|abend)|moin|servus"
    r"|grüss (?:dich|gott)|grüezi|na"
)

PHRASES = Phrases(
    lang="de",
    greeting=_GREET,
    mass_salutation=(
        r"(?:liebe|sehr geehrte) (?:freunde und kollegen|freundinnen und freunde"
        r"|kolleginnen und kollegen|kundinnen und kunden|kunden|mitglieder|community|netzwerk"
        r"|kontakte|damen und herren)|an alle meine (?:kontakte|freunde)"
        r"|hallo (?:an )?(?:mein|meine) (?:netzwerk|kontakte)"
    ),
    group_salutation=(
        r"(?:hallo|hi|hey|moin|servus|guten (?:morgen|tag|abend)) (?:zusammen|alle|allerseits"
        r"|ihr lieben|ihr|leute|miteinander|team|freunde|an alle)"
        r"|liebe (?:freunde|alle|leute|kollegen|kolleginnen)|ihr lieben"
    ),
    mass_body=[
        r"\ban (?:alle )?meine (?:kontakte|freunde|follower)\b",
        r"\ban mein (?:ganzes )?netzwerk\b",
        r"\bdiese nachricht geht an\b",
    ],
    crowd=[
        r"\beuch allen\b|\bihr alle\b|\bjedem von euch\b",
        r"\b(?:danke|dank) (?:euch )?(?:allen|an alle)\b",
        r"\ballen,? die\b",
        r"\bwünsche euch\b",
    ],
    pitch=[
        (
            r"\bpassives? einkommen\b|\bzusätzliche[sn]? einkommen\b|\bnebeneinkommen\b"
            r"|\bzweites einkommen\b",
            2,
        ),
        (r"\bfinanziell\w* (?:freiheit|unabhängig\w*)\b|\bzeitliche freiheit\b", 2),
        (r"\b(?:dein|ihr) eigener chef\b", 2),
        (r"\bnetwork[- ]marketing\b|\bmlm\b|\bempfehlungsmarketing\b", 2),
        (r"\bvon zu ?hause (?:aus )?(?:geld|arbeiten|verdienen)\b", 2),
        (r"\bnebenberuflich\b|\bnebenbei (?:geld )?verdien\w*\b", 2),
        (r"\b(?:keine (?:vorkenntnisse|erfahrung)|ohne vorkenntnisse)\b", 2),
        (
            r"\b(?:suche|suchen) (?:motivierte|ambitionierte|engagierte|zielstrebige)"
            r" (?:menschen|leute|partner)\b",
            2,
        ),
        (r"\bkrypto\w*\b|\bbitcoin\b|\bforex\b", 2),
        (r"\bgarantierte (?:rendite|gewinne)\b|\bgeschäftsmöglichkeit\b", 2),
        (r"\bgeld verdienen\b", 2),
        (r"\b\d[\d.]* (?:euro|€) (?:im monat|monatlich|nebenbei|pro monat)\b", 2),
        (r"\bwie (?:das|es) (?:system )?funktioniert\b", 1),
        (r"\b(?:soll|darf|kann) ich (?:dir|ihnen) zeigen\b|\bich zeige (?:dir|ihnen)\b", 1),
        (
            r"\b(?:helfen|unterstützen) (?:unternehmen|firmen)\b"
            r"|\bunternehmen wie (?:ihrem|deinem|ihres)\b",
            1,
        ),
        (
            r"\b(?:umsatz|vertriebskosten|kosten|gewinn)\w* (?:um \d+|zu steigern|zu senken"
            r"|steigern|senken|verdoppeln)\b",
            1,
        ),
        (r"\b(?:unsere|meine) (?:plattform|lösung|software|agentur|dienstleistung)\b", 1),
        (r"\b(?:kostenlose|unverbindliche) (?:demo|beratung|testphase|analyse)\b", 1),
        (r"\b\d+ minuten (?:für|zeit)\b|\bkurzes (?:gespräch|telefonat)\b", 1),
        (
            r"\bsonderangebot\b|\brabatt\w*\b|\bgutscheincode\b|\bnur (?:diese woche"
            r"|diesen monat|heute)\b",
            1,
        ),
    ],
    offer_of_work=(
        r"\b(?:stelle|job|position|rolle|team|projekt|suchen|einstellen|bewerb\w*"
        r"|zusammenarbeit|mitarbeit|freelance|projektleiter\w*)\b"
    ),
    harvest_ask=[
        r"\b(?:schick|schicke|sende|gib)(?: mir| uns)? (?:die |deine |ihre )?"
        r"(?:e-?mail-?adressen|telefonnummern|kontaktdaten|kontakte)\b",
    ],
    harvest_data=(
        r"\b(?:e-?mail-?adressen|e-?mails|mailadressen|telefonnummern|handynummern|nummern"
        r"|kontakte|kontaktdaten|adressen)\b"
    ),
    harvest_others=(
        r"\b(?:(?:deiner|ihrer|eurer|deine|ihre) (?:kollegen|kolleginnen|freunde|kontakte"
        r"|bekannten|kunden)|kollegen|kolleginnen|freunde|leute|menschen|jemand\w*|bekannte"
        r"|ihre|interesse)\b"
    ),
    request=r"\?|\b(?:schick\w*|sende\w*|gib|könntest|kannst|würdest|bitte|weiterleit\w*)\b",
    harvest_soft=[
        r"\bjemand\w* (?:aus|in) deinem netzwerk\b",
        r"\bleite (?:das|diese nachricht) (?:an|weiter)\b",
    ],
    announce=[
        r"\bfreue mich,? (?:euch |ihnen |dir )?(?:mitteilen|mitzuteilen|bekannt ?zu ?geben"
        r"|zu verkünden|zu erzählen)\b",
        r"\b(?:grosse|tolle|gute|spannende) neuigkeiten\b|\bneuigkeiten\b",
        r"\bich habe (?:eine neue stelle|mich selbstständig|gekündigt|mein eigenes)\b",
        r"\bneue (?:stelle|herausforderung|kapitel|reise|aufgabe)\b",
        r"\bich (?:starte|wechsle|beginne)\b|\bselbstständig gemacht\b",
        r"\bmein (?:buch|podcast|kurs|unternehmen|startup) ist (?:endlich )?(?:erschienen"
        r"|online|da|live|gestartet)\b",
        r"\bnach \w+ (?:tollen |wunderbaren |spannenden )?jahren\b",
        r"\bangetreten\b|\bmöchte euch mitteilen\b",
    ],
    stock=[
        r"\bich habe (?:ihr|dein) profil gesehen\b",
        r"\bwürde mich (?:gerne|gern) (?:mit (?:ihnen|dir) )?vernetzen\b",
        r"\bich hoffe,? diese nachricht (?:erreicht|findet)\b",
    ],
    shared=[
        r"\bdu hast (?:mir )?(?:erzählt|gesagt|geschrieben|empfohlen|gezeigt|geschickt"
        r"|geholfen)\b",
        r"\bvon (?:der|dem|denen) ich dir erzählt\b",
        r"\bwir haben (?:uns )?(?:in|auf|bei|über) \w+ (?:getroffen|gesprochen|kennengelernt"
        r"|gearbeitet)\b",
        r"\berinnerst du dich\b|\bweisst du noch\b",
        r"\b(?:dein|deine|deinem|deinen|deiner|deines) (?:vortrag|hochzeit|umzug|reise|buch"
        r"|sohn|tochter|mutter|vater|hund|beförderung|prüfung|projekt|paket|arbeit)\w*\b",
        r"\bdanke (?:für|fürs)\b|\b(?:mein )?(?:herzliches )?beileid\b",
        r"\bwie (?:war|lief|läuft) (?:dein|deine|der|die|das)\b",
    ],
    occasion=(
        r"\b(?:geburtstag|jubiläum|ruhestand|rente|beförderung|hochzeit|verlobung|neuen job"
        r"|glückwunsch zu[rm])\b"
    ),
    vocatives=frozenset(["schatz", "alter", "kumpel", "liebling", "süsse", "chef", "leute"]),
    titles=frozenset(["herr", "frau", "dr", "prof"]),
)
