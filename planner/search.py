"""Search what was said: a word index over everyone's message history, kept up to date by the
operations layer's change events, and the snippet that shows why someone matched.

People's filter matches a term in a person's profile (anywhere) or at the start of a word of
anything logged with them (what they wrote and what you wrote). Terms of one or two letters
search the profile only: in a history of 100,000 messages they would match nearly everyone.
A term is looked up with a binary search in the sorted vocabulary, so a keystroke costs a few
milliseconds at 30,000 people and 100,000 messages (``bench/``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable
from sys import intern
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.models import Interaction
    from planner.operations import Change
    from planner.storage import Store

WORD = re.compile(r"\w+")
MIN_TERM = 3  # shorter terms do not search the history
PAUSE_EVERY = 256  # messages (or people) between two calls of from_store's ``pause``: ~5 ms


def words_of(text: str) -> set[str]:
    """The distinct casefolded words of ``text``."""
    return set(WORD.findall(text.casefold()))


class MessageIndex:
    """Which people's messages hold a word starting with a given term."""

    def __init__(self) -> None:
        self._people_of: dict[str, set[str]] = {}  # word -> connection ids
        # connection id -> the words of their history: a tuple (a quarter of a set's memory;
        # only :meth:`refresh` reads it), of the vocabulary's own strings (one per word, not
        # one per person and word: 1.4 million at 100,000 messages)
        self._words_of: dict[str, tuple[str, ...]] = {}
        self._vocabulary: list[str] = []  # sorted words, for prefix lookups
        self._found: dict[str, frozenset[str]] = {}  # term -> people, until the next change

    @classmethod
    def from_store(cls, store: Store, pause: Callable[[], None] | None = None) -> MessageIndex:
        """Index every interaction in ``store`` (read only: safe in a worker thread).

        ``pause`` is called every few milliseconds of work: a worker passes one that waits
        while the user is typing, so this build (seconds of CPU at 100,000 messages) never
        competes with a keystroke for the interpreter."""
        index = cls()
        words_of_person: dict[str, set[str]] = {}
        for n, inter in enumerate(list(store.interactions.values())):
            if pause is not None and n % PAUSE_EVERY == 0:
                pause()
            if inter.text:
                words_of_person.setdefault(inter.connection_id, set()).update(
                    map(intern, WORD.findall(inter.text.casefold()))
                )
        people_of, kept = index._people_of, index._words_of
        for n, (cid, words) in enumerate(words_of_person.items()):
            if pause is not None and n % PAUSE_EVERY == 0:
                pause()
            for word in words:
                people = people_of.get(word)
                if people is None:
                    people_of[word] = {cid}
                else:
                    people.add(cid)
            kept[cid] = tuple(words)
            words.clear()  # (its table goes now, not with the whole dict at the end)
        del words_of_person
        index._vocabulary = sorted(people_of)
        return index

    def __len__(self) -> int:
        return len(self._words_of)

    def people_with(self, term: str) -> frozenset[str]:
        """The people with a word starting with ``term`` (casefolded) in their history."""
        found = self._found.get(term)
        if found is not None:
            return found
        if len(term) < MIN_TERM:
            found = frozenset()
        else:
            vocabulary, people_of = self._vocabulary, self._people_of
            hits: set[str] = set()
            i = bisect_left(vocabulary, term)
            while i < len(vocabulary) and vocabulary[i].startswith(term):
                hits |= people_of.get(vocabulary[i], set())
                i += 1
            found = frozenset(hits)
        self._found[term] = found
        return found

    def refresh(self, store: Store, connection_ids: Iterable[str]) -> None:
        """Re-read the history of ``connection_ids`` (after they changed)."""
        self._found.clear()
        for cid in connection_ids:
            old = set(self._words_of.get(cid, ()))
            new: set[str] = set()
            for inter in store.interactions_for(cid):
                if inter.text:
                    new.update(map(intern, WORD.findall(inter.text.casefold())))
            for word in old - new:
                self._people_of.get(word, set()).discard(cid)
            for word in new - old:
                people = self._people_of.get(word)
                if people is None:
                    self._people_of[word] = {cid}
                    insort(self._vocabulary, word)
                else:
                    people.add(cid)
            if new:
                self._words_of[cid] = tuple(new)
            else:
                self._words_of.pop(cid, None)

    @staticmethod
    def touched_by(change: Change) -> set[str]:
        """The people whose history (or name) ``change`` touched: what :meth:`follow`
        re-reads."""
        touched = {
            record.connection_id
            for rc in change.records
            if rc.table == "interactions"
            for record in (rc.before, rc.after)
            if record is not None and hasattr(record, "connection_id")
        }
        touched |= {rc.id for rc in change.records if rc.table == "connections"}
        return touched

    def follow(self, store: Store, change: Change) -> bool:
        """Bring the index up to date with ``change``; False when the whole network was
        replaced (rebuild with :meth:`from_store`)."""
        if change.whole:
            return False
        touched = self.touched_by(change)
        if touched:
            self.refresh(store, touched)
        return True


def snippet(
    history: list[Interaction], terms: list[str], width: int = 60
) -> tuple[Interaction, str] | None:
    """The latest message in ``history`` holding the most of ``terms`` (casefolded
    substrings), with a one-line excerpt of about ``width`` characters around the first one;
    None when no message holds any of them."""
    best: tuple[int, Interaction] | None = None
    for inter in reversed(history):
        folded = inter.text.casefold()
        hits = sum(1 for t in terms if t in folded)
        if hits and (best is None or hits > best[0]):
            best = (hits, inter)
            if hits == len(terms):
                break
    if best is None:
        return None
    inter = best[1]
    flat = " ".join(inter.text.split())
    folded = flat.casefold()
    at = min((folded.find(t) for t in terms if t in folded), default=0)
    start = max(at - min(width // 3, 12), 0)
    excerpt = flat[start : start + width]
    if start > 0:
        excerpt = "…" + excerpt[1:]
    if start + width < len(flat):
        excerpt = excerpt[:-1] + "…"
    return inter, excerpt
