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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from planner.bulk_text import content_words, name_tokens, normalise
from planner.models import Connection, Interaction, Plan

if TYPE_CHECKING:
    from planner.store import Store

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
    choices: list[str]  # distinct normalised texts
    groups: list[list[Sent]]  # who got each of them, and when


def _order_keys(conn: Connection) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    first, last = conn.first_name.casefold(), conn.last_name.casefold()
    return (first, last, conn.id), (last or first, first, conn.id)


class BulkIndex:
    """History and contact order for :func:`planner.bulk.check_message` (see module docs)."""

    def __init__(self) -> None:
        self._sent_days: list[tuple[int, str]] = []  # (ordinal, interaction id), sorted
        self._sent: dict[str, tuple[Interaction, int]] = {}
        self._plan_days: list[tuple[int, str]] = []
        self._plans: dict[str, tuple[Plan, int]] = {}
        self._order: dict[str, list[tuple[str, str, str]]] = {o: [] for o in ORDERS}
        self._keys: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {}
        self._name_count: dict[str, int] = {}
        self._names: frozenset[str] = frozenset()
        self._norm: dict[str, str] = {}
        self._windows: dict[tuple[int, int, int], _Window] = {}
        self._profiles: dict[str, frozenset[str]] = {}

    # --- building ---

    @classmethod
    def from_store(cls, store: Store) -> BulkIndex:
        """Index every connection, sent interaction and pending plan of ``store``."""
        index = cls()
        for conn in store.connections.values():
            keys = _order_keys(conn)
            index._keys[conn.id] = keys
            for order, key in zip(ORDERS, keys, strict=True):
                index._order[order].append(key)
            for tok in name_tokens(conn.first_name, conn.last_name):
                index._name_count[tok] = index._name_count.get(tok, 0) + 1
        for order in ORDERS:
            index._order[order].sort()
        index._names = frozenset(index._name_count)
        for inter in store.interactions.values():
            if inter.direction == "sent" and inter.text.strip():
                day = inter.date.toordinal()
                index._sent[inter.id] = (inter, day)
                index._sent_days.append((day, inter.id))
        index._sent_days.sort()
        for plan in store.plans.values():
            if plan.status == "pending" and plan.text.strip():
                day = plan.effective_due.toordinal()
                index._plans[plan.id] = (plan, day)
                index._plan_days.append((day, plan.id))
        index._plan_days.sort()
        return index

    def _changed(self) -> None:
        self._windows.clear()

    def add_interaction(self, inter: Interaction) -> None:
        """Index a new or changed interaction (only sent ones with text are compared)."""
        self.remove_interaction(inter.id)
        self._profiles.pop(inter.connection_id, None)
        if inter.direction == "sent" and inter.text.strip():
            day = inter.date.toordinal()
            self._sent[inter.id] = (inter, day)
            bisect.insort(self._sent_days, (day, inter.id))
        self._changed()

    def remove_interaction(self, interaction_id: str) -> None:
        old = self._sent.pop(interaction_id, None)
        if old is not None:
            _remove_sorted(self._sent_days, (old[1], interaction_id))
            self._profiles.pop(old[0].connection_id, None)
            self._changed()

    def add_plan(self, plan: Plan) -> None:
        """Index a new or changed plan; a plan no longer pending drops out."""
        self.remove_plan(plan.id)
        if plan.status == "pending" and plan.text.strip():
            day = plan.effective_due.toordinal()
            self._plans[plan.id] = (plan, day)
            bisect.insort(self._plan_days, (day, plan.id))
        self._changed()

    def remove_plan(self, plan_id: str) -> None:
        old = self._plans.pop(plan_id, None)
        if old is not None:
            _remove_sorted(self._plan_days, (old[1], plan_id))
            self._changed()

    def add_connection(self, conn: Connection) -> None:
        """Index a new or renamed connection (its place in the contact list, its name words)."""
        self.remove_connection(conn.id)
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
        if keys is None:
            return
        for order, key in zip(ORDERS, keys, strict=True):
            _remove_sorted(self._order[order], key)
        first_last = (keys[0][0], keys[0][1])
        for tok in name_tokens(*first_last):
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

    def normalised(self, text: str) -> str:
        """:func:`planner.bulk_text.normalise` with every contact's names, cached per text."""
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
        hits = process.extract(
            norm, window.choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        return [
            Match(score, sent)
            for _choice, score, i in hits
            for sent in window.groups[i]
            if not (sent.planned and sent.record_id == ignore_plan)
        ]

    def _window(self, lo: int, hi: int, plan_hi: int) -> _Window:
        key = (lo, hi, plan_hi)
        cached = self._windows.get(key)
        if cached is not None:
            return cached
        by_text: dict[str, list[Sent]] = {}
        a = bisect.bisect_left(self._sent_days, (lo, ""))
        b = bisect.bisect_right(self._sent_days, (hi, "\uffff"))
        for _day, rid in self._sent_days[a:b]:
            inter, _ = self._sent[rid]
            sent = Sent(rid, inter.date, (inter.connection_id,), False)
            by_text.setdefault(self.normalised(inter.text), []).append(sent)
        a = bisect.bisect_left(self._plan_days, (lo, ""))
        b = bisect.bisect_right(self._plan_days, (plan_hi, "\uffff"))
        for _day, pid in self._plan_days[a:b]:
            plan, _ = self._plans[pid]
            sent = Sent(pid, plan.effective_due, tuple(plan.recipients), True)
            by_text.setdefault(self.normalised(plan.text), []).append(sent)
        if len(self._windows) > 8:  # a few windows (different --on days) are plenty
            self._windows.clear()
        window = self._windows[key] = _Window(list(by_text), list(by_text.values()))
        return window

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
        return self._order[order][position][2]

    def profile_words(self, store: Store, conn: Connection) -> frozenset[str]:
        """Uncommon words tying a text to ``conn`` (common ones such as "holiday" would tie
        every greeting to everyone): from how we know them, their company, position, tags and
        notes, and recent messages either way."""
        cached = self._profiles.get(conn.id)
        if cached is not None:
            return cached
        fields = (conn.how_we_know, conn.company, conn.position, conn.notes, " ".join(conn.tags))
        out: set[str] = set()
        for value in fields:
            out |= content_words(value, rare_only=True)
        for inter in store.interactions_for(conn.id)[-_PROFILE_HISTORY:]:
            out |= content_words(inter.text, rare_only=True)
        out -= name_tokens(conn.first_name, conn.last_name)
        result = self._profiles[conn.id] = frozenset(out)
        return result


def _remove_sorted(items: list, key: Sequence) -> None:
    i = bisect.bisect_left(items, key)
    if i < len(items) and items[i] == key:
        del items[i]
