"""Relationship strength: a number from 0 to 100 for each connection, from the history alone.

The formula (pure; :func:`strength`)::

    R = sum over the person's interactions i of  c(i) * r * 2 ** (-(T - d(i)) / H)
    strength = round(100 * (1 - exp(-R / K)))

* ``d(i)`` is the day of interaction ``i``; ``T`` is today (or the latest interaction when that
  is later: an entry logged ahead of time counts as today's), so each interaction's weight
  halves every ``H`` = :data:`HALF_LIFE_DAYS` (180) days.
* ``c(i)`` is the channel: a meeting counts 3, a call 2, a message (LinkedIn, email, other) 1.
* ``r`` is reciprocity: 1 when the relationship is two-way (they ever replied, or you ever met
  or called), else :data:`ONE_WAY` (0.25): messages of yours that never got a reply count a
  quarter.
* ``K`` = :data:`SCALE` (4) turns the unbounded sum into 0..100: four recent two-way messages
  give 63, eight give 86; it never reaches 100.

More interactions, more recent ones, a reply, or a meeting instead of a message never give a
lower strength (property-tested). Because the decay is exponential, a person's sum can be kept
as a :class:`Basis` (the sum at their latest interaction) and aged to any later day exactly:
the summary cache keeps one per person, so ``outreach due`` ranks 30,000 people without
reading their whole history.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple, Protocol

from planner.models import Interaction


class Store(Protocol):
    """What strength reads of a :class:`planner.storage.Store` (the summary cache keeps a
    basis per person, so storage imports this module and not the other way round)."""

    @property
    def complete(self) -> bool: ...

    @property
    def strength_floor(self) -> dict[str, Any]: ...

    def interactions_for(self, connection_id: str) -> list[Interaction]: ...

    def history_by_connection(self) -> dict[str, list[Interaction]]: ...

    def id_floor(self, table: str) -> int: ...

    @property
    def connections(self) -> dict[str, Any]: ...

    @property
    def epoch(self) -> int: ...

    @property
    def version(self) -> tuple[int, int]: ...

    def touched_since(self, version: tuple[int, int]) -> set[str] | None: ...


HALF_LIFE_DAYS = 180
SCALE = 4.0
ONE_WAY = 0.25
CHANNEL_WEIGHTS = {"meeting": 3.0, "phone": 2.0}  # anything else: 1
TWO_WAY_CHANNELS = frozenset(CHANNEL_WEIGHTS)  # a meeting or a call has two sides
#: Tier names by strength, strongest first (``triage`` proposes a cadence per tier).
TIERS = (("close", 60), ("regular", 30), ("wider", 10), ("faded", 0))


class Basis(NamedTuple):
    """What a person's strength is computed from: enough to age it to any later day."""

    last: int  # day number (date.toordinal) of the latest interaction
    total: float  # sum of c(i) * 2 ** (-(last - d(i)) / H), before reciprocity
    interactions: int  # how many
    received: int  # of which they sent
    two_way: bool  # they ever replied, or you ever met or called


def basis(history: Iterable[Interaction]) -> Basis | None:
    """The :class:`Basis` of a person's interactions (any order); None for no history."""
    items = history if isinstance(history, list) else list(history)
    if not items:
        return None
    newest = max(items, key=_BY_DATE).date
    total = 0.0
    received = 0
    two_way = False
    weights = CHANNEL_WEIGHTS
    decay = _decay
    for i in items:
        age = (newest - i.date).days
        factor = decay.get(age)
        if factor is None:
            factor = decay[age] = 2.0 ** (-age / HALF_LIFE_DAYS)
        channel = i.channel
        total += weights.get(channel, 1.0) * factor
        if i.direction == "received":
            received += 1
            two_way = True
        elif channel in TWO_WAY_CHANNELS:
            two_way = True
    return Basis(newest.toordinal(), total, len(items), received, two_way)


_BY_DATE = attrgetter("date")
_decay: dict[int, float] = {}  # age in days -> 2 ** (-age / H): a few thousand distinct ages


def score(b: Basis | None, today: date) -> int:
    """The strength (0..100) of a person with basis ``b`` on ``today``."""
    if b is None:
        return 0
    return score_of(b.last, b.total, b.two_way, today.toordinal())


def score_of(last: int, total: float, two_way: bool, day: int) -> int:
    """:func:`score` from a basis's parts (``day``: today's day number), for hot loops."""
    age = day - last if day > last else 0
    raw = total * 2.0 ** (-age / HALF_LIFE_DAYS) * (1.0 if two_way else ONE_WAY)
    return round(100 * (1 - math.exp(-raw / SCALE)))


def strength(history: Iterable[Interaction], today: date) -> int:
    """A person's relationship strength (0..100) on ``today`` from their interactions."""
    return score(basis(history), today)


def tier(value: int) -> str:
    """The tier name of a strength: close, regular, wider or faded."""
    for name, floor in TIERS:
        if value >= floor:
            return name
    return TIERS[-1][0]  # pragma: no cover - the last floor is 0


def ago(days: int) -> str:
    """``days`` in words: today, yesterday, 5 days ago, 3 weeks ago, 4 months ago, 2 years ago."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def describe(b: Basis | None, today: date) -> str:
    """The strength in words for the person card.

    ``close: 14 exchanges, last 3 weeks ago``; ``one-way: 3 messages, no reply``;
    ``no history yet``.
    """
    if b is None:
        return "no history yet"
    n = b.interactions
    if not b.two_way:
        return f"one-way: {n} message{'s' if n != 1 else ''}, no reply"
    when = ago(today.toordinal() - b.last)
    return f"{tier(score(b, today))}: {n} exchange{'s' if n != 1 else ''}, last {when}"


def combine(a: Basis | None, b: Basis | None) -> Basis | None:
    """The basis of two disjoint sets of interactions (one of them may be None)."""
    if a is None or b is None:
        return a or b
    last = max(a.last, b.last)
    total = a.total * 2.0 ** ((a.last - last) / HALF_LIFE_DAYS) + b.total * 2.0 ** (
        (b.last - last) / HALF_LIFE_DAYS
    )
    return Basis(
        last,
        total,
        a.interactions + b.interactions,
        a.received + b.received,
        a.two_way or b.two_way,
    )


def of(store: Store, connection_id: str) -> Basis | None:
    """A person's basis in ``store``: from the whole history, or, in a store opened from the
    summary cache, the summary's basis plus the interactions logged since it was made."""
    history = store.interactions_for(connection_id)
    if store.complete:
        return basis(history)
    floor = store.id_floor("interactions")
    kept = kept_basis(store, connection_id)
    new = [i for i in history if _number(i.id) > floor]
    return combine(kept, basis(new)) if new else kept


def lookup(store: Store) -> Callable[[str], Sequence[Any] | None]:
    """:func:`of` for many people of one store state: a function from a connection id to
    their basis, equal to ``of(store, cid)`` (None for no history).

    In a store opened from the summary cache it answers from the summary's plain tuples
    (``(last, total, interactions, received, two_way)``: index them, or make a
    :class:`Basis` with ``Basis._make``) without building anything, except for the people in
    :func:`changed_since_summary`, who get :func:`of`. In a complete store the bases come
    from the history, and are remembered per store: a later lookup recomputes only those of
    the people touched since. Use it for one pass over the network; after an edit, ask for a
    new one.
    """
    if store.complete:
        found = _remembered(store)

        def from_history(cid: str) -> Basis | None:
            b = found.get(cid, found)
            if b is found:
                b = found[cid] = basis(store.interactions_for(cid))
            return b

        return from_history
    get = store.strength_floor.get
    changed = changed_since_summary(store)
    if not changed:
        return get
    return lambda cid: of(store, cid) if cid in changed else get(cid)


#: Per complete store: the bases computed from its history, and the store version they hold
#: for (entries are computed at or after it). A later version keeps those of the people not
#: touched since (a long-lived store, the TUI's, recomputes only what an edit changed).
_bases_by_store: weakref.WeakKeyDictionary[Any, tuple[tuple[int, int], dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)


def _remembered(store: Store) -> dict[str, Any]:
    """The bases of ``store`` (complete) known for its current version, to add to."""
    version = store.version  # read first: anything computed from here on is at least this
    kept = _bases_by_store.get(store)
    if kept is not None and kept[0] == version:
        return kept[1]
    found: dict[str, Any] = {}
    if kept is not None:
        touched = store.touched_since(kept[0])
        if touched is not None:
            found = {c: b for c, b in list(kept[1].items()) if c not in touched}
    _bases_by_store[store] = (version, found)
    return found


def changed_since_summary(store: Store) -> set[str]:
    """In a store opened from the summary cache: the people whose history may differ from
    the summary's (their records changed since the store was opened). For everyone else
    :func:`of` is the kept tuple, and their latest interaction is its ``last`` day. Empty for
    a complete store.

    (The network of a store opened from the summary is never replaced while it is one: a
    merge or a restore makes it complete; so its changes since opening are those since the
    epoch began.)
    """
    if store.complete:
        return set()
    changed = store.touched_since((store.epoch, 0))
    return set(store.connections) if changed is None else changed


def kept_basis(store: Store, connection_id: str) -> Basis | None:
    """The basis the summary cache kept for a person (None: none, or not from the summary);
    stored as plain tuples, made a :class:`Basis` only when asked (30,000 at start-up cost)."""
    raw = store.strength_floor.get(connection_id)
    return None if raw is None else Basis._make(raw)


def everyone(store: Store, today: date) -> dict[str, int]:
    """Everyone's strength on ``today`` (people with no history are left out: theirs is 0)."""
    if store.complete:
        return {
            cid: score(basis(items), today)
            for cid, items in store.history_by_connection().items()
            if items
        }
    day = today.toordinal()
    floor = store.id_floor("interactions")
    history = store.history_by_connection()
    found: dict[str, int] = {}
    for cid, (last, total, _n, _received, two_way) in store.strength_floor.items():
        items = history.get(cid)
        if items and any(_number(i.id) > floor for i in items):
            found[cid] = score(of(store, cid), today)  # logged since the summary was made
        else:
            found[cid] = score_of(last, total, two_way, day)
    for cid in history:
        if cid not in found:
            b = of(store, cid)
            if b is not None:
                found[cid] = score(b, today)
    return found


def _number(record_id: str) -> int:
    digits = record_id[1:]
    return int(digits) if digits.isdigit() else 0
