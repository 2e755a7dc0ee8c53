"""A message as the bulk check reads it: its language, its words and how specific it is.

:class:`Message` is computed once per check. Its :attr:`Message.detail` says what in the text
ties it to the recipients, scored (see :func:`specificity`):

* 2 points: a reference to something shared with the person ("you mentioned", "your talk",
  "te acuerdas", "erinnerst du dich"), and each word from what is known about them (how you
  know them, notes, occasions, recent messages either way, also inside a link) that is not an
  everyday word (Zipf under :data:`TIE_COMMON`);
* 1 point: an event of their own ("birthday", "retiring", "Geburtstag"); their job title
  written out; each word of their company or position that is not common (Zipf under
  :data:`WEAK_TIE_COMMON`: "Zalando", not "engineer"); each rare word, at most two (Zipf
  under :data:`RARE` in the text's language and in English: "Kubernetes", "Elektrolyseur");
  one capitalised word inside a sentence that is not an everyday word, a day, a month or a
  holiday (a place or a name: "Lisbon", "Belém"; not in German, which capitalises every noun);
* half a point: a number, a time or a date ("at 7", "the 28th").

How many points a text needs is decided in :mod:`planner.bulk.checker` (more for longer texts),
so one capitalised word or a date is never enough for a long text, and a recipient's tags
never count (everyone on a list shares them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planner.bulk.lang import Compiled, rules
from planner.bulk.text import (
    body_of,
    name_tokens,
    nfkc,
    plain_lower,
    stem5,
    urls,
    without_signoff,
    words,
)
from planner.bulk.words import CALENDAR
from planner.bulk.wordstats import JUDGED, Language, WordStats, detect, fold, tokens
from planner.models import Connection

if TYPE_CHECKING:
    from planner.bulk.index import BulkIndex
    from planner.storage import Store

RARE = 3.3  # Zipf under this in the text's language (and English): a rare word
PROPER_COMMON = 5.6  # a capitalised word more common than this is an everyday word
TIE_COMMON = 5.0  # a profile word more common than this ties nothing ("that", "para")
WEAK_TIE_COMMON = 4.0  # company and position words must be rarer still

_CASED_WORD_RE = re.compile(r"[^\W\d_](?:\w|['’\-](?=\w))*")
_NUMBER_RE = re.compile(r"\d")
_URL_WORDS = {"http", "https", "www", "com", "org", "net", "html", "example"}


@dataclass
class Detail:
    """What ties a text to its recipients: points (see module docs) and what was seen."""

    points: float = 0.0
    strong: bool = False  # a shared reference or a tie to what is known about them
    tied: bool = False  # a word from what is known about them (profile, company, messages)
    occasion: bool = False  # an event of their own (birthday, retiring)

    @property
    def personal(self) -> bool:
        """Something in the text is about this person (not merely rare or capitalised)."""
        return self.strong or self.tied or self.occasion

    seen: list[str] = field(default_factory=list)

    def add(self, what: str, points: float, *, strong: bool = False) -> None:
        self.points += points
        self.strong |= strong
        if what not in self.seen:
            self.seen.append(what)


class Message:
    """The text in the forms the rules need, computed once per check."""

    def __init__(
        self, text: str, people: list[Connection], store: Store, index: BulkIndex, ws: WordStats
    ) -> None:
        self.text = nfkc(text)
        self.people = people
        self.ids = {c.id for c in people}
        self.body = body_of(self.text)
        self.lower = plain_lower(self.text)
        self.recipient_names = name_tokens(*(c.name for c in people))
        self.folded_names = {fold(n) for n in self.recipient_names}
        self.word_count = len(words(self.body))
        self.tokens = [t for t in tokens(self.body) if fold(t) not in self.folded_names]
        self.stats = ws
        self.zipf = ws.zipfs(self.tokens)
        every = [t for t in tokens(self.text) if fold(t) not in self.folded_names]
        self.language: Language = detect(self.tokens or every, ws)
        langs = dict.fromkeys((*self.language.candidates, "en")) if self.language.judged else {}
        self.rules: list[Compiled] = [rules(lang) for lang in langs]
        self.detail = specificity(self, store, index)

    @property
    def who(self) -> str:
        return self.people[0].name if len(self.people) == 1 else "each of them"

    @property
    def judged(self) -> bool:
        return self.language.judged

    def commonness(self, word: str) -> float:
        """How common ``word`` is in the text's languages (and English): the highest Zipf."""
        table = self.zipf.get(word)
        if table is None:
            table = self.stats.zipfs([word])[word]
        langs = self.language.candidates or JUDGED
        return max([table.get(lang, 0.0) for lang in (*langs, "en")])

    def search(self, attr: str, text: str | None = None) -> re.Match[str] | None:
        """The first match of the rule ``attr`` (a compiled pattern) in any rule set."""
        for r in self.rules:
            m = getattr(r, attr).search(self.lower if text is None else text)
            if m:
                return m
        return None

    def search_all(self, attr: str, text: str | None = None) -> list[re.Match[str]]:
        """Matches of each pattern in the rule list ``attr`` of every rule set."""
        out = []
        for r in self.rules:
            for pattern in getattr(r, attr):
                m = pattern.search(self.lower if text is None else text)
                if m:
                    out.append(m)
        return out


def specificity(msg: Message, store: Store, index: BulkIndex) -> Detail:
    """Score what ties ``msg`` to its recipients (see the module docstring)."""
    detail = Detail()
    if msg.judged:
        hit = msg.search("shared")
        if hit:
            detail.add(hit.group(), 2, strong=True)
        hit = msg.search("occasion")
        if hit:
            detail.add(hit.group(), 1)
            detail.occasion = True
    stems: dict[str, str] = {}
    link_words = [t for link in urls(msg.text) for t in tokens(link) if t not in _URL_WORDS]
    for t in [*msg.tokens, *link_words]:  # a link about their marathon ties it to them too
        if len(t) >= 4:
            stems.setdefault(stem5(t), t)
    tied: set[str] = set()
    for conn in msg.people:
        strong, weak = index.profile_words(store, conn)
        for st, t in stems.items():
            if t in tied:
                continue
            if st in strong and msg.commonness(t) < TIE_COMMON:
                detail.add(t, 2, strong=True)
                tied.add(t)
            elif st in weak and msg.commonness(t) < WEAK_TIE_COMMON:
                detail.add(t, 1)
                tied.add(t)
    detail.tied = bool(tied)
    for conn in msg.people:
        position = plain_lower(conn.position)
        if len(position.split()) >= 2 and position in msg.lower:
            detail.add(conn.position, 1)  # their job title, written out: about their work
    rare = [t for t in dict.fromkeys(msg.tokens) if len(t) >= 4 and t not in tied]
    rare = [t for t in rare if msg.commonness(t) < RARE]
    for t in rare[:2]:
        detail.add(t, 1)
    if msg.language.code != "de":  # German capitalises every noun: capitals say nothing there
        proper = _proper_nouns(msg, exclude=tied | set(rare))
        if proper:
            detail.add(proper[0], 1)
    text = without_signoff(msg.text)
    if _NUMBER_RE.search(text):
        detail.add(_NUMBER_RE.search(text).group(), 0.5)  # type: ignore[union-attr]
    return detail


def _proper_nouns(msg: Message, exclude: set[str]) -> list[str]:
    """Capitalised words inside a sentence that are not everyday words nor recipients' names."""
    body = msg.body
    if not any(ch.isupper() for ch in body) or body.isupper():
        return []
    found = []
    for m in _CASED_WORD_RE.finditer(body):
        word = m.group()
        if not word[0].isupper() or len(word) < 3 or _starts_sentence(body, m.start()):
            continue
        parts = [p for p in tokens(word) if len(p) >= 3]  # "Luigi's" -> "luigi"
        if not parts or any(p in exclude for p in parts):
            continue
        if any(fold(p) in msg.folded_names or _is_nickname(fold(p), msg.folded_names)
               for p in parts):  # fmt: skip
            continue
        if any(p in CALENDAR for p in parts):
            continue  # "Monday", "Christmas": capitalised by convention, not a detail
        if word.isupper() and len(word) >= 2:
            found.append(word)  # an acronym: NYC, MIT
        elif max(msg.commonness(p) for p in parts) < PROPER_COMMON:
            found.append(word)
    return found


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens a sentence (capitalised there whatever it is)."""
    before = text[:at].rstrip(" \t\"'“‘«(*•-–—¡¿")
    return not before or before[-1] in ".!?:\n" or not before[-1].isprintable()


def _is_nickname(word: str, names: set[str]) -> bool:
    """ "Rob" for Robert, "Alex" for Alexandra: a 3+ letter start of a recipient's name."""
    return len(word) >= 3 and any(n.startswith(word) for n in names if len(n) > len(word))


is_nickname = _is_nickname
