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

from planner.models import Connection, Interaction, Occasion, Plan


class Change(NamedTuple):
    """One unsaved edit: ``op`` is ``put`` (payload: the record; original: the stored
    document it replaced, or None), ``delete`` (payload: the id), ``meta`` (payload: the
    values set) or ``replace`` (payload: a copy of the whole document a restore installed)."""

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


def people_of(record: Any) -> list[str]:
    """The connection ids ``record`` refers to (itself for a connection)."""
    if isinstance(record, Connection):
        return [record.id]
    if isinstance(record, Plan):
        return list(record.recipients)
    return [record.connection_id]


@dataclass(slots=True)
class DeletedElsewhere:
    """Edits this store made for a person another process deleted meanwhile (found by
    ``Store.merge_from_disk``). They were not re-applied: re-applying would bring the person
    back without their history, or leave records pointing at nobody. The user decides:
    ``Operations.keep_as_new_person`` adds them again as a new person, or they are dropped.

    ``person`` is the person as this store last knew them (with its own edits); ``records``
    the interactions, occasions and plans this store wrote for them (their ``connection_id``
    or recipients still name the deleted id); ``edited`` whether the person themself was
    edited here.
    """

    person: Connection
    records: list[Any] = field(default_factory=list)
    edited: bool = False

    @property
    def message(self) -> str:
        """What to tell the user (one line; the name is made safe by whoever prints it)."""
        return (
            f"{self.person.name} was deleted in another window: keep your edit as a new "
            "person, or drop it"
        )

    def what(self) -> str:
        """What the edits were, in words: "an edit of the person, 1 interaction"."""
        parts = ["an edit of the person"] if self.edited else []
        kinds: dict[str, int] = {}
        for record in self.records:
            kind = type(record).__name__.lower()
            kinds[kind] = kinds.get(kind, 0) + 1
        parts += [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in kinds.items()]
        return ", ".join(parts) or "nothing"
