"""Unfilled merge fields: ``{first_name}``, ``{{name}}``, ``[Company]``, ``<<Name>>``,
``%NAME%``, ``FIRSTNAME``: signs that a text is a template written for many people.

Braces, double angle brackets and percent signs around a field name are never written by hand;
square brackets only count around a field name (in any of the judged languages) or an
upper-case word ("[NOMBRE]"), so "[sic]" or "[1]" do not.
"""

from __future__ import annotations

import re

_FIELD = r"[^\W\d][\w .\-]{0,30}?"
# Field names as mail-merge tools and people write them, in the judged languages.
_FIELD_WORDS = (
    r"(?:first|last|full|given|family|company|contact|recipient|your|their|job|business)?"
    r"[ _\-]?(?:name|names|firstname|lastname|company|company ?name|organi[sz]ation|title"
    r"|job ?title|position|city|country|industry|role|nombre|apellido|empresa|compañía|cargo"
    r"|ciudad|vorname|nachname|firma|unternehmen|position|stadt|prénom|prenom|nom|entreprise"
    r"|société|societe|poste|ville|nome|cognome|azienda|società|città|sobrenome|cidade)"
)
PLACEHOLDER_RE = re.compile(
    r"\{\{\s*" + _FIELD + r"\s*\}\}"  # {{first_name}}
    r"|\{\s*" + _FIELD + r"\s*\}"  # {first_name}
    r"|<<\s*" + _FIELD + r"\s*>>"  # <<Name>>
    r"|%[A-Za-z][A-Za-z_]{1,30}%"  # %FIRSTNAME%
    r"|\[\s*(?:" + _FIELD_WORDS + r"|[A-ZÀ-Þ][A-ZÀ-Þ_ ]{2,30})\s*\]"  # [First Name], [NOMBRE]
    r"|\b(?:FIRST_?NAME|LAST_?NAME|FULL_?NAME|COMPANY_?NAME|FNAME|LNAME|[A-Z]+_NAME)\b",
    re.IGNORECASE,
)
_CASE_SENSITIVE_BARE = re.compile(r"\b(?:FIRST_?NAME|LAST_?NAME|FULL_?NAME|COMPANY_?NAME|FNAME"
                                  r"|LNAME|[A-Z]+_NAME)\b")  # fmt: skip


def placeholders(text: str) -> list[str]:
    """The unfilled merge fields in ``text``, first seen first."""
    found: list[str] = []
    for m in PLACEHOLDER_RE.finditer(text):
        hit = m.group()
        if hit[0].isalpha() and not _CASE_SENSITIVE_BARE.fullmatch(hit):
            continue  # "firstname" in running lower-case text is a word, not a field
        if hit.startswith("[") and not _bracket_is_field(hit):
            continue
        found.append(hit)
    return list(dict.fromkeys(found))


def _bracket_is_field(hit: str) -> bool:
    inner = hit.strip("[] ")
    if re.fullmatch(_FIELD_WORDS, inner, re.IGNORECASE):
        return True
    return inner.isupper() and len(inner.replace(" ", "").replace("_", "")) >= 4
