"""Phrase patterns for the bulk-send check: collective address, pitches, contact harvesting.

Each pattern list is data; :mod:`planner.bulk.checker` decides severities. Patterns match the
casefolded text with whitespace collapsed and curly apostrophes made straight.
"""

from __future__ import annotations

import re

# Salutations to a group. "mass" ones address a whole list of contacts; "group" ones are natural
# when writing to two or three friends at once, so they only count for one or many recipients.
MASS_SALUTATION = re.compile(
    r"^\W*(?:(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))(?: to)?,?\s+"
    r"(?:all )?(?:of )?(?:my )?(?:dear |wonderful |amazing |valued |fellow )?"
    r"(?:friends (?:and|&) (?:colleagues|family)|colleagues (?:and|&) friends|network"
    r"|connections|linkedin (?:family|friends|network|connections)|contacts|valued \w+|clients"
    r"|partners|customers|members|sir(?:/| or )madam|fellow \w+|\w+ community)"
    r"|to whom it may concern|ladies and gentlemen)\b"
)
GROUP_SALUTATION = re.compile(
    r"^\W*(?:(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening)|morning)\s+)"
    r"(?:all|everyone|everybody|friends|folks|guys|team|y'all|you all|both|people|colleagues"
    r"|there everyone|all of you)\b"
)
MASS_BODY = [
    r"\b(?:reaching out|writing|sending this|sharing this|a (?:quick )?note) to (?:all |each )?"
    r"(?:of )?(?:my|our) (?:\w+ )?(?:network|connections|contacts|friends|followers|community)\b",
    r"\b(?:everyone|everybody|all of you|each (?:one )?of you|those of you) "
    r"(?:in|on|from) my (?:\w+ )?(?:network|contacts|connections|list|address book)\b",
    r"\bto all (?:of )?my (?:\w+ )?(?:connections|contacts|friends|network|followers)\b",
    r"\beach and every one of you\b",
    r"\bthis (?:message|note|email) (?:is going|goes) (?:out )?to (?:a few|some|all|many)\b",
]

# Pitch language: (pattern, points). 2 = network-marketing or scam wording, 1 = sales wording.
PITCH = [
    (r"\bground[- ]floor\b", 2),
    (r"\bresidual (?:income|commissions?|earnings|payments?)\b", 2),
    (r"\bpassive (?:income|revenue|earnings)\b", 2),
    (r"\bfinancial(?:ly)? (?:freedom|free|independen\w+)\b", 2),
    (r"\btime freedom\b", 2),
    (r"\bbe (?:your|my) own boss\b", 2),
    (r"\bnetwork marketing\b|\bmlm\b|\bmulti[- ]level\b", 2),
    (r"\bside (?:hustle|income)\b", 2),
    (r"\bextra (?:income|cash|money)\b", 2),
    (r"\bwork(?:ing)? from home (?:opportunity|business|income)\b", 2),
    (r"\b(?:business|income|investment|money[- ]making|home[- ]based) opportunit(?:y|ies)\b", 2),
    (r"\bopportunity of a lifetime\b|\bonce[- ]in[- ]a[- ]lifetime opportunity\b", 2),
    (r"\blife[- ]changing (?:opportunity|income|money|results)\b", 2),
    (r"\bwould you (?:want|like|be (?:interested|open)) to (?:know|learn|hear|see) how\b", 2),
    (r"\b(?:want|like) to (?:know|learn) how (?:i|we|you could|you can)\b", 1),
    (r"\bguaranteed (?:returns?|income|results|profits?)\b", 2),
    (r"\b(?:crypto|forex|bitcoin) (?:opportunity|trading|investment|signals?|profits?)\b", 2),
    (r"\bno experience (?:needed|necessary|required)\b", 2),
    (
        r"\b(?:looking for|seeking|searching for) (?:a few )?(?:motivated|driven|ambitious"
        r"|like-minded|hungry|coachable) (?:individuals|people|entrepreneurs|professionals)\b",
        2,
    ),
    (r"\b(?:earn|make) (?:extra |more |real )?(?:money|income|cash) (?:from|at) home\b", 2),
    (r"\bopen to hearing (?:more|about)\b", 1),
    (r"\b(?:six|seven|6|7)[- ]figures?\b", 2),
    (r"\bearn (?:up to )?\$?\d[\d,]*k?\b", 2),
    (r"\bmake (?:money|\$\d)\b", 2),
    (r"\bnot for everyone\b|\bonly (?:a few|\d+) spots?\b|\blimited spots?\b", 1),
    (
        r"\b(?:know|knows) (?:of )?(?:anyone|anybody|someone|somebody|people) (?:who|that) "
        r"(?:might|may|would|could) (?:be )?(?:interested|benefit|want)\b",
        1,
    ),
    (
        r"\b(?:are you|would you be) open to (?:hearing about |exploring |learning about )?"
        r"(?:an? |new |other |this )?(?:opportunit|offer|proposal)\w*\b",
        1,
    ),
    (r"\bexciting (?:new )?opportunit(?:y|ies)\b", 1),
    (r"\bjoin (?:my|our) team\b", 1),
    (
        r"\b(?:book|schedule|hop on|jump on) a (?:quick |free |short )?(?:\d+[- ]min(?:ute)? )?"
        r"(?:call|demo|chat)\b",
        1,
    ),
    (r"\b(?:free|quick|short) (?:\d+[- ]min(?:ute)? )?(?:demo|consultation|trial|audit)\b", 1),
    (r"\b\d+[- ]min(?:ute)? (?:call|chat|demo)\b", 1),
    (
        r"\b(?:our|my) (?:product|platform|solution|services|software|tool|offering|program)"
        r" (?:can |will |helps?|is)\b",
        1,
    ),
    (
        r"\b(?:increase|boost|grow|double|triple|10x) your (?:revenue|sales|leads|income|business"
        r"|profits?|pipeline|roi)\b",
        1,
    ),
    (r"\bi help (?:companies|businesses|founders|people|professionals|teams|leaders|coaches)\b", 1),
    (r"\bspecial (?:offer|discount|price|deal)\b|\b\d+% off\b|\bdiscount code\b", 1),
    (r"\blimited[- ]time\b|\bact (?:now|fast)\b|\bdon't miss (?:out|this)\b", 1),
    (r"\b(?:dm|message) me (?:for|to learn|if you)\b", 1),
    (r"\b(?:sign up|register) (?:now|today|here)\b", 1),
    (r"\bwin[- ]win\b", 1),
]

# Stock texts that platforms fill in for you: nothing in them is written to the person.
STOCK_TEXT = re.compile(
    r"\bi'?d like to (?:add you to|join) my (?:professional )?network\b"
    r"|\bi'?d like to connect with you on linkedin\b"
    r"|\bi hope this (?:message|email|note) finds you well\b"
)

# Work offered to this person (hiring, a project): sales wording alone does not make it a pitch
# when the text is also specific to them.
OFFER_OF_WORK = re.compile(
    r"\b(?:hiring|recruiting|we're looking for|i'm looking for|open (?:role|position)|job"
    r"|role|position|opening|vacancy|contract|freelance|consult\w*|collaborat\w*|co-?found\w*"
    r"|work (?:together|with (?:me|us))|project|team)\b"
)

HARVEST = [
    # (pattern, strong): strong = asks for a list of names or contact details
    (
        r"\b(?:send|give|share|forward|pass|email|dm|list)(?: me| us)? (?:the |a |your |some )?"
        r"(?:list of )?(?:names|e-?mails|phone numbers|contact (?:details|info\w*)|contacts"
        r"|linkedin profiles)\b",
        True,
    ),
    (
        r"\b(?:names|contact (?:details|info\w*)|e-?mails|phone numbers) (?:of|for) (?:people"
        r"|anyone|anybody|friends|colleagues|those|everyone|contacts|a few people|others"
        r"|\w+ (?:people|friends|colleagues|contacts))\b",
        True,
    ),
    (
        r"\b(?:shar(?:e|ing)|export(?:ing)?|send(?:ing)?|forward(?:ing)?) (?:me |us )?(?:your )?"
        r"(?:contact list|address book"
        r"|contacts list|list of contacts|rolodex)\b",
        True,
    ),
    (
        r"\bintroduce me to (?:anyone|everyone|people|a few (?:people|friends|folks)|your "
        r"(?:contacts|network|friends|colleagues))\b",
        False,
    ),
    (
        r"\b(?:anyone|people|someone|friends|colleagues) in your (?:\w+ )?"
        r"(?:network|circle|contacts) (?:who|that)\b",
        False,
    ),
    (
        r"\b(?:tag|refer|recommend) (?:me )?(?:anyone|someone|friends|people|a few people)"
        r" (?:who|that|you)\b",
        False,
    ),
    (
        r"\b(?:pass|forward|share) (?:this|it) (?:on|along) to (?:anyone|everyone|people|friends"
        r"|your (?:network|contacts|friends))\b",
        False,
    ),
]

MASS_BODY_RE = [re.compile(p) for p in MASS_BODY]
PITCH_RE = [(re.compile(p), points) for p, points in PITCH]
# One pass to rule out most messages before trying each pattern.
PITCH_ANY = re.compile("|".join(f"(?:{p})" for p, _ in PITCH))
HARVEST_ANY = re.compile("|".join(f"(?:{p})" for p, _ in HARVEST))
HARVEST_RE = [(re.compile(p), strong) for p, strong in HARVEST]


def plain_lower(text: str) -> str:
    """Casefolded with straight apostrophes and single spaces, for the phrase patterns."""
    return " ".join(text.casefold().replace("’", "'").replace("‘", "'").split())
