"""The change log: a store's unsaved edits, kept in memory so they can be re-applied.

When another process saved the file meanwhile (``Store.merge_from_disk``), the store reloads
the file and replays this log over it: records it created get fresh ids if the other process
took theirs (:func:`remapped`, references follow), and an edited record keeps the other
process's values for the fields this store did not change (:func:`rebased`). (Not to be
confused with the write-ahead journal on disk, :mod:`planner.storage.journal`.)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from planner.models import Interaction, Occasion, Plan


class Change(NamedTuple):
    """One unsaved edit: ``op`` is ``put`` (payload: the record; original: the stored
    document it replaced, or None), ``delete`` (payload: the id) or ``meta`` (payload: the
    values set)."""

    number: int  # the store's change number of this edit
    op: str
    table: str
    payload: Any
    original: dict[str, Any] | None


@dataclass(slots=True)
class ChangeLog:
    """The edits since the last save, and the ids reserved since then as (table, id)."""

    changes: list[Change] = field(default_factory=list)
    created: list[tuple[str, str]] = field(default_factory=list)

    def saved(self, version: int) -> None:
        """Forget what the save of change number ``version`` made durable."""
        self.changes = [c for c in self.changes if c.number > version]
        if not self.changes:
            self.created = []


def remapped(record: Any, id_map: dict[str, str]) -> Any:
    """``record`` with ids (its own and those it refers to) renamed by ``id_map``."""
    if not id_map:
        return record
    changes: dict[str, Any] = {}
    if record.id in id_map:
        changes["id"] = id_map[record.id]
    if isinstance(record, Interaction | Occasion) and record.connection_id in id_map:
        changes["connection_id"] = id_map[record.connection_id]
    if isinstance(record, Plan):
        changes["recipients"] = [id_map.get(r, r) for r in record.recipients]
    return replace(record, **changes) if changes else record


def rebased(record: Any, original: dict[str, Any] | None, current: Any) -> Any:
    """An edit re-applied over the other process's version (``current``, or None when it has
    no such record): only the fields we changed from ``original``."""
    if original is None or current is None:
        return record
    merged = current.to_doc()
    for key, value in record.to_doc().items():
        if original.get(key) != value:
            merged[key] = value
    return type(record).from_doc(merged)
