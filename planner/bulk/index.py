"""The index the bulk-send check searches: history by date, contacts in alphabetical order.

Built once from a store (:meth:`BulkIndex.from_store`) and kept up to date with the ``add_*`` and
``remove_*`` methods when records are written, so a check never scans the whole history:

* sent interactions and pending plans sit in date-sorted lists; a check bisects to its window
  (30 days by default) and compares against the distinct normalised texts in it with rapidfuzz.
  Normalisation is lazy and cached per distinct text, and a window's list of choices is cached
  until the next write, so checking on every keystroke costs one rapidfuzz pass;
* contacts are kept sorted by first and by last name, so a recipient's place in the contact list
  is a bisection.
"""

from __future__ import annotations

import bisect
import gc
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from planner.bulk.text import detail_stems, name_tokens, normalise, words
from planner.bulk.wordstats import fold
from planner.models import Connection, Interaction, Plan

if TYPE_CHECKING:
    from planner.storage import Store

ORDERS = ("first", "last")
_PROFILE_HISTORY = 30  # past messages per person read for shared vocabulary


@dataclass(frozen=True, slots=True)
class Sent:
    """One text that went, or is planned to go, to some people on a day."""

    record_id: str  # interaction id or plan id
    day: date
    recipients: tuple[str, ...]
    planned: bool


@dataclass(frozen=True, slots=True)
class Match:
    """A text in the window similar to the one checked."""

    similarity: float  # 0..100
    sent: Sent


@dataclass(slots=True)
class _Window:
    choices: list[str]  # distinct normalised texts, shortest first
    groups: list[list[Sent]]  # who got each of them, and when
    lengths: list[int]  # len() of each choice


def _order_keys(conn: Connection) -> tuple[str, str]:
    """Sort keys by first and by last name; one string each (sorting 30,000 tuples is slower)."""
    first, last = conn.first_name.casefold(), conn.last_name.casefold()
    return f"{first}\0{last}\0{conn.id}", f"{last or first}\0{first}\0{conn.id}"


class _Dated:
    """Records sorted by day (parallel lists, so building from 100,000 records stays cheap);
    the id -> day map for updates is built on the first update."""

    def __init__(self, records: list, day_of: Callable[[Any], date]) -> None:
        self.day_of = day_of
        self.records = sorted(records, key=day_of)
        self.days = [day_of(r).toordinal() for r in self.records]
        self._where: dict[str, int] | None = None

    def _ids(self) -> dict[str, int]:
        if self._where is None:
            self._where = {r.id: d for r, d in zip(self.records, self.days, strict=True)}
        return self._where

    def prepare(self) -> None:
        """Build the id -> day map now (see BulkIndex.prepare_for_updates)."""
        self._ids()

    def add(self, record: Any) -> None:
        day = self.day_of(record).toordinal()
        i = bisect.bisect_right(self.days, day)
        self.days.insert(i, day)
        self.records.insert(i, record)
        self._ids()[record.id] = day

    def remove(self, record_id: str) -> Any | None:
        day = self._ids().pop(record_id, None)
        if day is None:
            return None
        i = bisect.bisect_left(self.days, day)
        while i < len(self.days) and self.days[i] == day:
            if self.records[i].id == record_id:
                del self.days[i]
                return self.records.pop(i)
            i += 1
        return None

    def between(self, lo: int, hi: int) -> list:
        """Records whose day ordinal is in ``lo..hi`` (inclusive)."""
        return self.records[bisect.bisect_left(self.days, lo) : bisect.bisect_right(self.days, hi)]


def _sent_day(inter: Interaction) -> date:
    return inter.date


def _plan_day(plan: Plan) -> date:
    return plan.effective_due


class BulkIndex:
    """History and contact order for :func:`planner.bulk.check_message` (see module docs)."""

    def __init__(self) -> None:
        self._sent = _Dated([], _sent_day)
        self._plans = _Dated([], _plan_day)
        self._order: dict[str, list[str]] = {o: [] for o in ORDERS}
        self._keys: dict[str, tuple[str, str]] = {}
        self._name_count: dict[str, int] = {}
        self._names: frozenset[str] = frozenset()
        self._first_names: frozenset[str] | None = None
        # set by the check cache (planner.bulk.snapshot): profiles computed when it was written
        self._profile_source: Callable[[str], tuple[frozenset[str], frozenset[str]]] | None = None
        self._norm: dict[str, str] = {}
        self._windows: dict[tuple[int, int, int], _Window] = {}
        self._profiles: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    # --- building ---

    @classmethod
    def from_store(cls, store: Store) -> BulkIndex:
        """Index every connection, sent interaction and pending plan of ``store``."""
        # Pausing the collector makes this ~3x faster at full size: the store's 160,000
        # records are all tracked, and building the index creates no cycles to collect.
        enabled = gc.isenabled()
        gc.disable()
        try:
            return cls._build(store)
        finally:
            if enabled:
                gc.enable()

    @classmethod
    def _build(cls, store: Store) -> BulkIndex:
        index = cls.of_connections(list(store.connections.values()))
        # texts are not read here (touching 100,000 strings is most of the cost): empty
        # ones are skipped when a window is built
        sent = [i for i in store.interactions.values() if i.direction == "sent"]
        index._sent = _Dated(sent, _sent_day)
        pending = [p for p in store.plans.values() if p.status == "pending"]
        index._plans = _Dated(pending, _plan_day)
        return index

    @classmethod
    def of_connections(cls, conns: list[Connection]) -> BulkIndex:
        """An index of ``conns`` alone (their order and names; no history)."""
        index = cls()
        firsts = [_order_keys(c) for c in conns]
        index._keys = {c.id: keys for c, keys in zip(conns, firsts, strict=True)}
        index._order = {o: sorted(k[i] for k in firsts) for i, o in enumerate(ORDERS)}
        # one regex pass over every name at once (30,000 separate calls cost a second)
        index._name_count = dict(Counter(words(" ".join(c.name for c in conns))))
        index._names = frozenset(index._name_count)
        return index

    def prepare_for_updates(self) -> None:
        """Build now the id maps the first update would build (~50 ms at 100,000 messages):
        the TUI calls this in its building worker, so the first edit's frame does not pay."""
        self._sent.prepare()
        self._plans.prepare()

    def _changed(self) -> None:
        self._windows.clear()

    def add_interaction(self, inter: Interaction) -> None:
        """Index a new or changed interaction (only sent ones with text are compared)."""
        self.remove_interaction(inter.id)
        self._profiles.pop(inter.connection_id, None)
        if inter.direction == "sent":
            self._sent.add(inter)
        self._changed()

    def remove_interaction(self, interaction_id: str) -> None:
        old = self._sent.remove(interaction_id)
        if old is not None:
            self._profiles.pop(old.connection_id, None)
            self._changed()

    def add_plan(self, plan: Plan) -> None:
        """Index a new or changed plan; a plan no longer pending drops out."""
        self.remove_plan(plan.id)
        if plan.status == "pending":
            self._plans.add(plan)
        self._changed()

    def remove_plan(self, plan_id: str) -> None:
        if self._plans.remove(plan_id) is not None:
            self._changed()

    def add_connection(self, conn: Connection) -> None:
        """Index a new or renamed connection (its place in the contact list, its name words)."""
        self.remove_connection(conn.id)
        self._first_names = None
        keys = _order_keys(conn)
        self._keys[conn.id] = keys
        for order, key in zip(ORDERS, keys, strict=True):
            bisect.insort(self._order[order], key)
        fresh = False
        for tok in name_tokens(conn.first_name, conn.last_name):
            fresh |= tok not in self._name_count
            self._name_count[tok] = self._name_count.get(tok, 0) + 1
        if fresh:  # a new name word changes how texts normalise
            self._names = frozenset(self._name_count)
            self._norm.clear()
        self._changed()

    def remove_connection(self, connection_id: str) -> None:
        keys = self._keys.pop(connection_id, None)
        self._profiles.pop(connection_id, None)
        self._first_names = None
        if keys is None:
            return
        for order, key in zip(ORDERS, keys, strict=True):
            _remove_sorted(self._order[order], key)
        first, last, _id = keys[0].split("\0")
        for tok in name_tokens(first, last):
            left = self._name_count.get(tok, 0) - 1
            if left > 0:
                self._name_count[tok] = left
            else:
                self._name_count.pop(tok, None)
        self._changed()

    # --- queries ---

    @property
    def names(self) -> frozenset[str]:
        """Every contact's name words, casefolded (dropped before comparing texts)."""
        return self._names

    @property
    def first_names(self) -> frozenset[str]:
        """Every contact's first-name words, casefolded and without accents (built on first
        use: only a greeting that names someone needs them)."""
        if self._first_names is None:
            self._first_names = frozenset(
                fold(w) for keys in self._keys.values() for w in words(keys[0].split("\0")[0])
            )
        return self._first_names

    def normalised(self, text: str) -> str:
        """:func:`planner.bulk.text.normalise` with every contact's names, cached per text."""
        norm = self._norm.get(text)
        if norm is None:
            norm = self._norm[text] = normalise(text, self._names)
        return norm

    def similar(
        self,
        norm: str,
        *,
        start: date,
        end: date,
        plans_until: date,
        cutoff: float,
        ignore_plan: str | None = None,
    ) -> list[Match]:
        """Texts sent in ``start..end`` or planned for ``start..plans_until`` whose normalised
        form is at least ``cutoff`` % the same as ``norm`` (rapidfuzz Indel ratio)."""
        from rapidfuzz import fuzz, process

        window = self._window(start.toordinal(), end.toordinal(), plans_until.toordinal())
        if not window.choices or not norm:
            return []
        # Indel similarity r needs the lengths within a factor (2 - r) / r of each other:
        # only that slice of the length-sorted choices can match.
        r = max(cutoff, 1.0) / 100
        lo = bisect.bisect_left(window.lengths, len(norm) * r / (2 - r))
        hi = bisect.bisect_right(window.lengths, len(norm) * (2 - r) / r)
        hits = process.extract(
            norm, window.choices[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        return [
            Match(score, sent)
            for _choice, score, i in hits
            for sent in window.groups[lo + i]
            if not (sent.planned and sent.record_id == ignore_plan)
        ]

    def _window_text(self, text: str) -> str:
        """The compared form of a sent or planned text (the check cache stores it ready)."""
        return self.normalised(text)

    def _window(self, lo: int, hi: int, plan_hi: int) -> _Window:
        key = (lo, hi, plan_hi)
        cached = self._windows.get(key)
        if cached is not None:
            return cached
        by_text = self._window_groups(lo, hi, plan_hi)
        if len(self._windows) > 8:  # a few windows (different --on days) are plenty
            self._windows.clear()
        texts = sorted(by_text, key=len)
        window = _Window(texts, [by_text[t] for t in texts], [len(t) for t in texts])
        self._windows[key] = window
        return window

    def _window_groups(self, lo: int, hi: int, plan_hi: int) -> dict[str, list[Sent]]:
        """The messages sent in days ``lo..hi`` and the plans due by ``plan_hi``, grouped by
        their compared text."""
        by_text: dict[str, list[Sent]] = {}
        norm = self._window_text
        for inter in self._sent.between(lo, hi):
            if inter.text.strip():
                sent = Sent(inter.id, inter.date, (inter.connection_id,), False)
                by_text.setdefault(norm(inter.text), []).append(sent)
        for plan in self._plans.between(lo, plan_hi):
            if plan.text.strip():
                sent = Sent(plan.id, plan.effective_due, tuple(plan.recipients), True)
                by_text.setdefault(norm(plan.text), []).append(sent)
        return by_text

    @property
    def connection_count(self) -> int:
        return len(self._keys)

    def positions(self, connection_ids: Iterable[str], order: str) -> list[int]:
        """Places of the connections in the contact list sorted by ``order`` name (0-based)."""
        keys = self._order[order]
        idx = 0 if order == "first" else 1
        return sorted(
            bisect.bisect_left(keys, self._keys[cid][idx])
            for cid in connection_ids
            if cid in self._keys
        )

    def connection_at(self, order: str, position: int) -> str:
        """The id of the connection at ``position`` in ``order``."""
        return self._order[order][position].rsplit("\0", 1)[1]

    def profile_words(
        self, store: Store, conn: Connection
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Word stems that tie a text to ``conn``: ``(strong, weak)``.

        Strong: how we know them, notes, occasions and their last messages either way (things
        shared with this person). Weak: company and position (a mail merge fills those in too).
        Tags do not count: a list of people shares them. Names are left out.
        """
        cached = self._profiles.get(conn.id)
        if cached is not None:
            return cached
        if self._profile_source is not None:
            result = self._profiles[conn.id] = self._profile_source(conn.id)
            return result
        shared = [o.label for o in store.occasions_for(conn.id)]
        shared += [i.text for i in store.interactions_for(conn.id)[-_PROFILE_HISTORY:]]
        result = self._profiles[conn.id] = profile_stems(conn, "\n".join(shared))
        return result


def profile_stems(conn: Connection, shared: str) -> tuple[frozenset[str], frozenset[str]]:
    """``(strong, weak)`` stems of :meth:`BulkIndex.profile_words` from ``conn`` and
    ``shared``: the labels of their occasions and their recent messages, joined."""
    names = {fold(w) for w in name_tokens(conn.first_name, conn.last_name)}
    strong = detail_stems(f"{conn.how_we_know}\n{conn.notes}\n{shared}") - names
    weak = detail_stems(f"{conn.company} {conn.position}") - names - strong
    return frozenset(strong), frozenset(weak)


def _remove_sorted(items: list, key: Sequence) -> None:
    i = bisect.bisect_left(items, key)
    if i < len(items) and items[i] == key:
        del items[i]
