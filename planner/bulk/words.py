"""Greeting and sign-off words (in the judged languages) that frame a message.

Dropped before two texts are compared (:func:`planner.bulk.text.normalise`), so a template
with a different greeting or sign-off is still the same template. How common a word is comes
from wordfreq (:mod:`planner.bulk.wordstats`), not from lists here.
"""

from __future__ import annotations

GREETING_WORDS = (
    "hi|hello|hey|heya|hiya|howdy|yo|dear|greetings|good morning|good afternoon|good evening|"
    "good day|morning|hola|buenas|buenos días|querido|querida|estimado|estimada|hallo|liebe|"
    "lieber|moin|servus|bonjour|bonsoir|coucou|salut|cher|chère|olá|ola|oi|bom dia|boa tarde|"
    "ciao|buongiorno|buonasera|salve|caro|cara|hoi|hej|namaste|aloha"
)

SIGNOFF_WORDS = (
    "best|best wishes|all the best|kind regards|kindest regards|warm regards|warmest regards|"
    "warm wishes|regards|cheers|thanks|thank you|thanks again|many thanks|thx|sincerely|"
    "yours truly|yours|cordially|warmly|love|lots of love|much love|xo|xoxo|hugs|take care|"
    "talk soon|speak soon|see you soon|until next time|respectfully|with gratitude|peace|ttyl|"
    "best regards|all best|with love|god bless|blessings|saludos|un saludo|un abrazo|abrazos|"
    "besos|un beso|atentamente|cordialmente|grüße|grüsse|liebe grüße|viele grüße|beste grüße|"
    "lg|mfg|mit freundlichen grüßen|cordialement|bien à vous|bises|bisous|amitiés|à bientôt|"
    "abraços|um abraço|beijos|beijinhos|cumprimentos|atenciosamente|saluti|un abbraccio|baci|"
    "cordiali saluti|a presto|un saluto"
)

# Days, months, holidays and holiday wishes in the judged languages: capitalised by convention
# ("Merry Christmas", "Season's Greetings"), so a capital letter says nothing about them.
_CALENDAR = """
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december christmas easter halloween thanksgiving
hanukkah diwali ramadan eid xmas new year valentine valentines lunar kwanzaa
lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio
agosto septiembre octubre noviembre diciembre navidad navidades pascua
montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz juni juli
oktober dezember weihnachten ostern silvester
lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet
août septembre octobre novembre décembre noël pâques
segunda terça quarta quinta sexta sábado domingo janeiro fevereiro março maio junho julho
setembro outubro novembro dezembro natal páscoa
lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio aprile maggio giugno
luglio agosto settembre ottobre dicembre natale pasqua capodanno
merry season seasons greetings holiday holidays happy joyeux joyeuses fêtes bonne année feliz
felices fiestas próspero buon buone feste boas festas frohe frohes neues
"""
CALENDAR = frozenset(_CALENDAR.split())
