"""Triage: from an import to a sensible plan, a keep-in-touch cadence per person from their
relationship strength (see :mod:`planner.strength`).

Tiers (:data:`TIERS`): **close** (strength 60 or more) every month, **regular** (30 to 59)
every 3 months, **wider** (10 to 29) every 6 months; the rest (**faded**, below 10) get no
cadence (the morning list may still suggest them to reconnect). People with no history at
all get none either, unless ``include_quiet``: then **quiet**, once a year. A cadence the user
set is never changed: those people are counted as *kept*. :func:`propose` is pure;
:func:`apply` writes the proposal (only to people who still have no cadence).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from planner import strength
from planner.storage import Store

if TYPE_CHECKING:
    from planner.operations import Operations

#: (tier, lowest strength, cadence); checked in order, the first that fits wins.
TIERS: tuple[tuple[str, int, str | None], ...] = (
    ("close", 60, "1m"),
    ("regular", 30, "3m"),
    ("wider", 10, "6m"),
    ("faded", 0, None),
)
QUIET = ("quiet", "1y")  # no history at all: only with include_quiet


@dataclass(frozen=True, slots=True)
class Candidate:
    """One person in the proposal, with the evidence for their tier."""

    connection_id: str
    name: str
    strength: int
    evidence: str
    cadence: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.connection_id,
            "name": self.name,
            "strength": self.strength,
            "evidence": self.evidence,
            "cadence": self.cadence,
        }


@dataclass(slots=True)
class Tier:
    """A group of the proposal: everyone in it gets ``cadence`` (None: no cadence)."""

    name: str
    cadence: str | None
    floor: int | None  # lowest strength (None: the quiet tier)
    people: list[Candidate] = field(default_factory=list)


@dataclass(slots=True)
class Proposal:
    """The tiers in :data:`TIERS` order (the quiet tier last, when asked for), and how many
    people keep the cadence they have."""

    tiers: list[Tier]
    kept: int
    today: date

    @property
    def changes(self) -> list[Candidate]:
        """Everyone the proposal gives a cadence."""
        return [c for t in self.tiers if t.cadence for c in t.people]

    def to_json(self, applied: bool) -> dict[str, object]:
        return {
            "date": self.today.isoformat(),
            "tiers": [
                {
                    "tier": t.name,
                    "cadence": t.cadence,
                    "min_strength": t.floor,
                    "count": len(t.people),
                    "people": [c.to_json() for c in t.people],
                }
                for t in self.tiers
            ],
            "kept": self.kept,
            "proposed": len(self.changes),
            "applied": applied,
        }


def tier_for(value: int) -> tuple[str, str | None, int]:
    """The (tier, cadence, lowest strength) a strength falls in."""
    for name, floor, cadence in TIERS:
        if value >= floor:
            return name, cadence, floor
    return TIERS[-1][0], TIERS[-1][2], TIERS[-1][1]  # pragma: no cover - last floor is 0


def propose(store: Store, today: date, *, include_quiet: bool = False) -> Proposal:
    """A cadence for each person without one, by the tier of their strength on ``today``."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of short-lived objects: no collections meanwhile
    try:
        return _propose(store, today, include_quiet)
    finally:
        if collecting:
            gc.enable()


def _propose(store: Store, today: date, include_quiet: bool) -> Proposal:
    tiers = {name: Tier(name, cadence, floor) for name, floor, cadence in TIERS}
    quiet = Tier(QUIET[0], QUIET[1] if include_quiet else None, None)
    kept = 0
    bases = strength.lookup(store)  # (from the summary, or remembered for this store)
    day = today.toordinal()
    score_of, describe, make = strength.score_of, strength.describe, strength.Basis._make
    for conn in store.connections.values():
        if conn.cadence is not None:
            kept += 1
            continue
        b = bases(conn.id)
        if b is None:
            quiet.people.append(Candidate(conn.id, conn.name, 0, "no history yet", quiet.cadence))
            continue
        value = score_of(b[0], b[1], b[4], day)
        name, cadence, _ = tier_for(value)
        evidence = describe(b if isinstance(b, strength.Basis) else make(b), today)
        tiers[name].people.append(Candidate(conn.id, conn.name, value, evidence, cadence))
    ordered = [*tiers.values(), quiet]
    for t in ordered:
        t.people.sort(key=lambda c: (-c.strength, c.name.casefold(), c.connection_id))
    return Proposal(ordered, kept, today)


def apply(ops: Operations, changes: Iterable[Candidate]) -> int:
    """Give each candidate their proposed cadence, unless they have one by now (one change,
    one undo step); returns how many people changed."""
    store = ops.store
    updated = []
    for c in changes:
        conn = store.connections.get(c.connection_id)
        if conn is None or conn.cadence is not None or c.cadence is None:
            continue
        updated.append(replace(conn, cadence=c.cadence))
    if updated:
        n = len(updated)
        ops.change(
            f"gave {n} {'person' if n == 1 else 'people'} a keep-in-touch cadence (triage)",
            put=updated,
        )
    return len(updated)
