"""Wording rules per language: one module per language, each a :class:`Phrases`.

Patterns are regular-expression sources matched against the casefolded text with whitespace
collapsed and curly apostrophes made straight (:func:`planner.bulk.text.plain_lower`; German
"ß" casefolds to "ss"). :mod:`planner.bulk.checker` decides what each match means and how
severe it is; a module only says how people write it in its language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module


@dataclass(frozen=True)
class Phrases:
    """How one language writes each signal (see :mod:`planner.bulk.checker` for the rules)."""

    lang: str
    greeting: str  # greeting words that may open a message ("hi|hello|dear")
    mass_salutation: str  # opening that addresses a whole list ("dear friends and colleagues")
    group_salutation: str  # opening that greets a group ("hi all"): natural to 2-4 people
    mass_body: list[str]  # the text says it goes to many ("reaching out to my network")
    crowd: list[str]  # speaks to a crowd in the body ("thank you all", "wish you all")
    pitch: list[tuple[str, int]]  # sales (1) and network-marketing or scam (2) wording
    offer_of_work: str  # hiring, a role, a project: work offered to this person
    harvest_ask: list[str]  # asks for other people's names or contact details outright
    harvest_data: str  # contact details ("emails", "phone numbers", "contact details")
    harvest_others: str  # other people ("your colleagues", "anyone", "their")
    request: str  # a request ("could you", "send", a question mark)
    harvest_soft: list[str]  # asks them to comb their network ("anyone in your network who")
    announce: list[str]  # the sender's own news told as news ("excited to announce")
    stock: list[str]  # stock lines written for anyone ("hope this message finds you well")
    shared: list[str]  # references to something shared with the person ("you mentioned")
    occasion: str = r"(?!)"  # an event of the person's own ("your birthday", "retiring")
    vocatives: frozenset[str] = field(default_factory=frozenset)  # "Hey stranger": not names
    titles: frozenset[str] = field(default_factory=frozenset)  # "Dear Mr Baker": a last name


class Compiled:
    """A :class:`Phrases` with every pattern compiled."""

    def __init__(self, p: Phrases) -> None:
        self.lang = p.lang
        self.phrases = p
        self.greeting_any_case = re.compile(rf"^\W*(?:{p.greeting})\b", re.IGNORECASE)
        self.mass_salutation = re.compile(rf"^\W*(?:{p.mass_salutation})\b")
        self.group_salutation = re.compile(rf"^\W*(?:{p.group_salutation})\b")
        self.mass_body = [re.compile(x) for x in p.mass_body]
        self.crowd = [re.compile(x) for x in p.crowd]
        self.pitch = [(re.compile(x), points) for x, points in p.pitch]
        self.offer_of_work = re.compile(p.offer_of_work)
        self.harvest_ask = [re.compile(x) for x in p.harvest_ask]
        self.harvest_data = re.compile(p.harvest_data)
        self.harvest_others = re.compile(p.harvest_others)
        self.request = re.compile(p.request)
        self.harvest_soft = [re.compile(x) for x in p.harvest_soft]
        self.announce = [re.compile(x) for x in p.announce]
        self.stock = re.compile("|".join(f"(?:{x})" for x in p.stock))
        self.shared = re.compile("|".join(f"(?:{x})" for x in p.shared))
        self.occasion = re.compile(p.occasion)
        self.vocatives = p.vocatives
        self.titles = p.titles


@cache
def rules(lang: str) -> Compiled:
    """The compiled rules of ``lang`` (one of :data:`planner.bulk.wordstats.JUDGED`)."""
    module = import_module(f"planner.bulk.lang.{lang}")
    return Compiled(module.PHRASES)
