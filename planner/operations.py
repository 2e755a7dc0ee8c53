"""Every change to the network goes through here: the CLI and the TUI call the same operations.

An operation validates (its rules live here, once), writes changed copies of records through
the store's public ``put_many``/``delete`` (a stored object is never changed in place, so a
merge with another process's save can always see what changed), and announces what it did as
one :class:`Change` (each record before and after) to the listeners: the TUI's bulk index, its
People list and its summary cache follow the changes from there, and no screen updates an
index by hand.

Changes are also the undo log: :meth:`Operations.undo` and :meth:`Operations.redo` apply the
inverse (or the change again) as a new, ordinary change (validated against the records as they
are now, journaled by the store and saved by the caller like any edit) and return a plain
description ("Undid: logged a message to Priya Nair"). One user action that writes many
records (an import, a greeting round, a :meth:`Operations.batch`) is one step.

The operations change the store in memory; the caller saves (the CLI once per command, the
TUI in a background worker). Errors are :class:`OperationError` (a ``ValidationError``) in
plain words with a ``code``; a front end may add its own syntax ("outreach write p3 --text")
when it prints them (see ``planner.commands.hints``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from planner.agenda import next_occurrence
from planner.models import Connection, Interaction, Occasion, Plan, ValidationError

if TYPE_CHECKING:
    from planner.storage import Store
    from planner.storage.changes import DeletedElsewhere
    from planner.transfer.dupes import MergeResult

Record = Connection | Interaction | Plan | Occasion
Listener = Callable[["Change"], None]
T = TypeVar("T")

UNDO_LIMIT = 100  # undo steps kept (the oldest are dropped)
TABLE_OF: dict[type, str] = {
    Connection: "connections",
    Interaction: "interactions",
    Plan: "plans",
    Occasion: "occasions",
}


class OperationError(ValidationError):
    """A change that cannot be made, in plain words; ``code`` names the rule (for hints)."""

    def __init__(self, message: str, *, code: str = "", **details: Any) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


# --- what changed ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordChange:
    """One record before and after a change (None: it did not exist / no longer exists)."""

    table: str
    id: str
    before: Record | None
    after: Record | None


@dataclass(frozen=True)
class Change:
    """What one user action changed, in order; ``description`` says it in plain words.

    ``kind`` is ``"do"``, ``"undo"`` or ``"redo"``; ``whole`` means the whole network was
    replaced (a restored backup): listeners rebuild what they hold instead of following it.
    """

    description: str
    records: tuple[RecordChange, ...]
    kind: str = "do"
    whole: bool = False

    @property
    def connection_ids(self) -> set[str]:
        """The people whose records, history, plans or occasions this change touched."""
        found: set[str] = set()
        for rc in self.records:
            for record in (rc.before, rc.after):
                found.update(_people_of(record))
        return found

    def inverse(self) -> tuple[RecordChange, ...]:
        """The records to write to take this change back (last change first)."""
        return tuple(
            RecordChange(rc.table, rc.id, rc.after, rc.before) for rc in reversed(self.records)
        )

    def __bool__(self) -> bool:
        return bool(self.records)


def _people_of(record: Record | None) -> Iterable[str]:
    if isinstance(record, Connection):
        return (record.id,)
    if isinstance(record, Interaction | Occasion):
        return (record.connection_id,)
    if isinstance(record, Plan):
        return record.recipients
    return ()


def table_of(record: Record) -> str:
    """The data-file table a record lives in."""
    return TABLE_OF[type(record)]


class _Recorder:
    """A stand-in for the store during one operation: reads go to the store, writes are made
    through its public methods and remembered (first before, last after per record).

    Importers and the duplicate merge take it where they take a store.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self.changes: dict[tuple[str, str], list[Record | None]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _note(self, table: str, rid: str, before: Record | None, after: Record | None) -> None:
        entry = self.changes.get((table, rid))
        if entry is None:
            self.changes[(table, rid)] = [before, after]
        else:
            entry[1] = after

    def put(self, record: Record) -> None:
        self.put_many([record])

    def put_many(self, records: Iterable[Record]) -> None:
        store = self._store
        wanted: list[Record] = []
        for record in records:
            table = table_of(record)
            current = getattr(store, table).get(record.id)
            if current is record:
                raise TypeError(
                    f"{record.id} was changed in place: put a changed copy "
                    "(dataclasses.replace), or a merge cannot see the edit"
                )
            if current is not None and current == record:
                continue  # nothing changes
            self._note(table, record.id, current, record)
            wanted.append(record)
        if wanted:
            store.put_many(wanted)

    def delete(self, table: str, record_id: str) -> None:
        store = self._store
        current = getattr(store, table).get(record_id)
        if current is None:
            return
        if table == "connections":
            # The store would drop the person from shared plans by changing them in place;
            # do it here with copies, so every record that changes is in the change.
            for plan in store.plans_for(record_id):
                rest = [r for r in plan.recipients if r != record_id]
                if rest:
                    self.put(replace(plan, recipients=rest))
                else:
                    self.delete("plans", plan.id)
            for inter in list(store.interactions_for(record_id)):
                self.delete("interactions", inter.id)
            for occ in store.occasions_for(record_id):
                self.delete("occasions", occ.id)
        self._note(table, record_id, current, None)
        store.delete(table, record_id)

    def apply(self, records: Iterable[RecordChange]) -> None:
        """Write each record's ``after`` (deleting where it is None), in one pass per kind."""
        puts: list[Record] = []
        for rc in records:
            if rc.after is None:
                if puts:
                    self.put_many(puts)
                    puts = []
                self.delete(rc.table, rc.id)
            else:
                puts.append(rc.after)
        if puts:
            self.put_many(puts)

    def result(self) -> tuple[RecordChange, ...]:
        return tuple(
            RecordChange(table, rid, before, after)
            for (table, rid), (before, after) in self.changes.items()
            if before != after
        )


# --- the operations -------------------------------------------------------------------------


@dataclass
class _Batch:
    description: str
    recorder: _Recorder
    whole: bool = False
    descriptions: list[str] = field(default_factory=list)


class Operations:
    """The one way to change ``store``: validated operations, change events, undo and redo."""

    def __init__(self, store: Store, *, undo_limit: int = UNDO_LIMIT) -> None:
        self.store = store
        self.undo_limit = max(1, undo_limit)
        self._listeners: list[Listener] = []
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._batch: _Batch | None = None

    # --- listening ---

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return unsubscribe

    def _announce(self, change: Change) -> None:
        first: BaseException | None = None
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception as exc:  # every listener hears of it; the first error surfaces
                first = first or exc
        if first is not None:
            raise first

    # --- the write path ---

    @contextlib.contextmanager
    def batch(self, description: str, *, whole: bool = False) -> Iterator[_Recorder]:
        """Group the operations inside into one change (one undo step) named ``description``.

        Yields the recorder, a store stand-in that importers can write through. On an
        exception everything written inside is taken back and nothing is announced.
        """
        if self._batch is not None:  # nested: part of the outer step
            self._batch.whole = self._batch.whole or whole
            yield self._batch.recorder
            return
        batch = _Batch(description, _Recorder(self.store), whole)
        self._batch = batch
        try:
            yield batch.recorder
        except BaseException:
            self._batch = None
            undo = _Recorder(self.store)
            undo.apply(Change(description, batch.recorder.result()).inverse())
            raise
        self._batch = None
        records = batch.recorder.result()
        if records or batch.whole:
            self._finish(Change(batch.description, records, whole=batch.whole))

    def _finish(self, change: Change) -> None:
        if change.kind == "do":
            self._redo.clear()
        if change.kind in ("do", "redo"):
            self._undo.append(change)
            del self._undo[: -self.undo_limit]
        self._announce(change)

    def change(
        self,
        description: str,
        *,
        put: Iterable[Record] = (),
        delete: Iterable[tuple[str, str]] = (),
    ) -> Change:
        """Write ``put`` (changed copies or new records) and delete ``delete`` ((table, id)
        pairs; a person's history, occasions and plans follow) as one change."""
        with self.batch(description) as tx:
            mine = _Recorder(cast("Store", tx))  # what this call wrote, inside a bigger batch
            mine.put_many(put)
            for table, rid in delete:
                mine.delete(table, rid)
        return Change(description, mine.result())

    # --- names for descriptions ---

    def _who(self, connection_ids: Sequence[str]) -> str:
        names = [
            c.name for cid in connection_ids if (c := self.store.connections.get(cid)) is not None
        ]
        if not names:
            return "nobody"
        if len(names) == 1:
            return names[0]
        if len(names) == 2:
            return f"{names[0]} and {names[1]}"
        return f"{names[0]} and {len(names) - 1} others"

    def _person(self, connection_id: str) -> Connection:
        conn = self.store.connections.get(connection_id)
        if conn is None:
            raise OperationError(
                f"no person with id {connection_id!r}", code="no-person", id=connection_id
            )
        return conn

    # --- people ---

    def add_person(self, **fields: Any) -> Connection:
        """Add a person with ``fields`` (Connection fields); validated before an id is taken."""
        Connection(id="-", **fields)
        conn = Connection(id=self.store.new_id("connections"), **fields)
        self.change(f"added {conn.name}", put=[conn])
        return conn

    def edit_person(self, connection_id: str, **fields: Any) -> Connection:
        """Change the given fields of a person."""
        conn = self._person(connection_id).updated(**fields)
        self.change(f"edited {conn.name}", put=[conn])
        return conn

    def keep_as_new_person(self, conflict: DeletedElsewhere) -> Connection:
        """Add a person another window deleted back as a new person (a new id), with the
        edits made for them here: their fields, and the interactions, occasions and plans
        written for them (each with a new id, pointing at the new person)."""
        old_id = conflict.person.id
        person = replace(conflict.person, id=self.store.new_id("connections"))
        records: list[Record] = [person]
        people = self.store.connections
        for record in conflict.records:
            new_id = self.store.new_id(table_of(record))
            if isinstance(record, Plan):
                recipients = [
                    person.id if cid == old_id else cid
                    for cid in record.recipients
                    if cid == old_id or cid in people
                ]
                records.append(replace(record, id=new_id, recipients=recipients))
            else:
                records.append(replace(record, id=new_id, connection_id=person.id))
        self.change(f"kept {person.name} as a new person", put=records)
        return person

    def delete_person(self, connection_id: str) -> Change:
        """Delete a person with their history and occasions; shared plans lose them (a plan
        left with nobody goes too)."""
        conn = self._person(connection_id)
        return self.change(f"deleted {conn.name}", delete=[("connections", conn.id)])

    def merge_people(self, keep_id: str, other_id: str) -> MergeResult:
        """Merge the duplicate ``other_id`` into ``keep_id`` (see planner.transfer.dupes)."""
        from planner.transfer.dupes import merge

        keep, other = self._person(keep_id), self._person(other_id)
        if keep.id == other.id:
            raise OperationError(
                f"{keep.name} ({keep.id}) cannot be merged into itself", code="merge-same"
            )
        with self.batch(f"merged {other.name} into {keep.name}") as tx:
            return merge(cast("Store", tx), keep.id, other.id)

    def add_occasion(self, connection_id: str, **fields: Any) -> Occasion:
        """Add a yearly occasion (label, month/day/year or rrule, lead_days) for a person."""
        conn = self._person(connection_id)
        Occasion(id="-", connection_id=conn.id, **fields)
        occ = Occasion(id=self.store.new_id("occasions"), connection_id=conn.id, **fields)
        self.change(f"added the occasion {occ.label!r} for {conn.name}", put=[occ])
        return occ

    # --- history ---

    def log(
        self,
        connection_ids: Sequence[str],
        *,
        text: str,
        on: date,
        direction: str = "sent",
        channel: str = "linkedin",
        follow_up_on: date | None = None,
    ) -> list[Interaction]:
        """Record one interaction with each person (the same text, day and channel)."""
        if not text.strip():
            raise OperationError("say what was said, even briefly", code="empty-text")
        check_follow_up(direction, on, follow_up_on)
        people = [self._person(cid) for cid in dict.fromkeys(connection_ids)]
        if not people:
            raise OperationError("log with whom? give at least one person", code="no-recipients")
        records = [
            Interaction(
                id=self.store.new_id("interactions"),
                connection_id=conn.id,
                date=on,
                direction=direction,
                channel=channel,
                text=text,
                follow_up_on=follow_up_on,
            )
            for conn in people
        ]
        what = "a message to" if direction == "sent" else "a message from"
        if channel in ("meeting", "phone"):
            what = "a meeting with" if channel == "meeting" else "a call with"
        self.change(f"logged {what} {self._who([c.id for c in people])}", put=records)
        return records

    def dismiss_follow_up(self, interaction_id: str) -> Interaction:
        """Drop the follow-up nudge of a sent message (you decided not to chase)."""
        inter = self.store.interactions.get(interaction_id.strip().lower())
        if inter is None or inter.follow_up_on is None:
            raise OperationError(
                f"no follow-up on {interaction_id!r}: give the id of a message with a "
                "follow-up, e.g. i12",
                code="no-follow-up",
                id=interaction_id,
            )
        updated = replace(inter, follow_up_on=None)
        who = self._who([inter.connection_id])
        self.change(f"dropped the follow-up with {who}", put=[updated])
        return updated

    def get_interaction(self, interaction_id: str) -> Interaction:
        """The logged interaction ``interaction_id`` (``i12``, ``I12`` or ``12``)."""
        key = interaction_id.strip().lower()
        if key.isdigit():
            key = f"i{key}"
        inter = self.store.interactions.get(key)
        if inter is None:
            raise OperationError(
                f"no logged interaction {interaction_id!r}: the ids are shown by "
                "'show NAME' and on the person card, e.g. i12",
                code="no-interaction",
                id=interaction_id,
            )
        return inter

    def edit_interaction(
        self,
        interaction_id: str,
        *,
        text: str | None = None,
        on: date | None = None,
        channel: str | None = None,
        direction: str | None = None,
        follow_up_on: date | None | str = "keep",
    ) -> Interaction:
        """Correct a logged interaction (only what is given changes). Unless ``follow_up_on``
        is given (a date, or None for none), a follow-up keeps its distance from the message
        when the date moves, and goes when the message becomes one they sent you; last
        contact and the agenda follow from the history."""
        inter = self.get_interaction(interaction_id)
        if text is not None and not text.strip():
            raise OperationError("say what was said, even briefly", code="empty-text")
        new_on = on or inter.date
        new_direction = direction or inter.direction
        if not isinstance(follow_up_on, str):
            follow: date | None = follow_up_on
        else:
            follow = inter.follow_up_on
            if follow is not None and new_on != inter.date:
                follow = follow + (new_on - inter.date)
            if new_direction != "sent":
                follow = None
        updated = replace(
            inter,
            text=inter.text if text is None else text.strip(),
            date=new_on,
            channel=inter.channel if channel is None else channel,
            direction=new_direction,
            follow_up_on=follow,
        )
        if updated == inter:
            return inter
        check_follow_up(updated.direction, updated.date, updated.follow_up_on)
        who = self._who([inter.connection_id])
        self.change(f"edited the {inter.date.isoformat()} message with {who}", put=[updated])
        return updated

    def delete_interaction(self, interaction_id: str) -> Interaction:
        """Remove a logged interaction (a mistaken log); returns what was removed."""
        inter = self.get_interaction(interaction_id)
        who = self._who([inter.connection_id])
        self.change(
            f"deleted the {inter.date.isoformat()} message with {who}",
            delete=[("interactions", inter.id)],
        )
        return inter

    # --- plans ---

    def get_plan(self, plan_id: str) -> Plan:
        """The plan ``plan_id`` (``p3``, ``P3`` or ``3``), or OperationError."""
        key = plan_id.strip().lower()
        if key.isdigit():
            key = f"p{key}"
        plan = self.store.plans.get(key)
        if plan is None:
            raise OperationError(
                f"no planned message {plan_id!r}: plan ids look like p3",
                code="no-plan",
                id=plan_id,
            )
        return plan

    def _pending(self, plan_id: str) -> Plan:
        plan = self.get_plan(plan_id)
        if plan.status != "pending":
            raise OperationError(
                f"{plan.id} is already {plan.status}: nothing to do", code="not-pending"
            )
        return plan

    def plan(
        self,
        recipients: Sequence[str],
        *,
        due: date,
        text: str,
        recurrence: str | None = None,
        label: str = "",
        created_on: date | None = None,
    ) -> Plan:
        """Plan one personal message to ``recipients`` on ``due`` (a rule repeats it)."""
        if not text.strip():
            raise OperationError(
                "the message is empty: write the personal note itself", code="empty-text"
            )
        ids = [self._person(cid).id for cid in dict.fromkeys(recipients)]
        Plan(id="-", recipients=ids, due=due, text=text, recurrence=recurrence)
        plan = Plan(
            id=self.store.new_id("plans"),
            recipients=ids,
            due=due,
            text=text,
            recurrence=recurrence,
            label=label.strip(),
            created_on=created_on,
        )
        self.change(f"planned a message to {self._who(ids)}", put=[plan])
        return plan

    def write(self, plan_id: str, text: str) -> Plan:
        """Give a pending plan (e.g. a greeting-round "to write" item) its personal text."""
        plan = self._pending(plan_id)
        if not text.strip():
            raise OperationError(
                "the text is empty: write the personal note itself", code="empty-text"
            )
        updated = replace(plan, text=text)
        self.change(f"wrote the message to {self._who(plan.recipients)}", put=[updated])
        return updated

    def edit_plan(self, plan_id: str, *, text: str, due: date, recurrence: str | None) -> Plan:
        """Change a pending plan's text, day and repeat rule (a new day clears its snooze)."""
        plan = self._pending(plan_id)
        if not text.strip():
            raise OperationError(
                "the message is empty: write the personal note itself", code="empty-text"
            )
        snoozed = None if due != plan.due else plan.snoozed_until
        updated = replace(
            plan, text=text, due=due, recurrence=recurrence or None, snoozed_until=snoozed
        )
        self.change(f"edited the message to {self._who(plan.recipients)}", put=[updated])
        return updated

    def done(self, plan_id: str, on: date, *, channel: str = "linkedin") -> list[Interaction]:
        """Log the plan's text as sent to each recipient on ``on``; advance or close the plan.

        A recurring plan (snoozed or not) moves to its first occurrence after both its current
        due day and ``on``, and its snooze is cleared.
        """
        plan = self._pending(plan_id)
        if not plan.text.strip():
            raise OperationError(
                f"{plan.id} has no text yet (to write): write it first, then mark it done",
                code="no-text",
                id=plan.id,
            )
        if plan.recurrence:
            updated = _advanced(plan, on)
        else:
            updated = replace(plan, status="done", snoozed_until=None)
        logged = [
            Interaction(
                id=self.store.new_id("interactions"),
                connection_id=cid,
                date=on,
                direction="sent",
                channel=channel,
                text=plan.text,
            )
            for cid in plan.recipients
            if cid in self.store.connections
        ]
        self.change(
            f"marked the message to {self._who(plan.recipients)} sent", put=[*logged, updated]
        )
        return logged

    def snooze(self, plan_id: str, until: date, *, today: date | None = None) -> Plan:
        """Show a pending plan again on ``until`` (not before ``today`` when given)."""
        plan = self._pending(plan_id)
        if today is not None and until < today:
            raise OperationError(
                f"cannot snooze {plan.id} until {until.isoformat()}: that is in the past; "
                "give a later date",
                code="snooze-past",
            )
        updated = replace(plan, snoozed_until=until)
        self.change(
            f"snoozed the message to {self._who(plan.recipients)} until {until.isoformat()}",
            put=[updated],
        )
        return updated

    def skip(self, plan_id: str, *, today: date | None = None) -> Plan:
        """Skip a plan: a recurring one moves to its next occurrence (after ``today`` when
        given, so a long-missed one does not stay overdue), any other one is closed."""
        plan = self._pending(plan_id)
        if plan.recurrence:
            updated = _advanced(plan, today or plan.due)
        else:
            updated = replace(plan, status="skipped", snoozed_until=None)
        self.change(f"skipped the message to {self._who(plan.recipients)}", put=[updated])
        return updated

    def reschedule(self, plan_id: str, day: date, *, today: date | None = None) -> Plan:
        """Move a plan to ``day``: a one-off plan's day changes; a recurring one is snoozed to
        it, so only this time moves and the next ones stay on schedule."""
        plan = self._pending(plan_id)
        if today is not None and day < today:
            raise OperationError(
                f"cannot move {plan.id} to {day.isoformat()}: that is in the past; "
                "give a later date",
                code="move-past",
            )
        if plan.recurrence:
            updated = replace(plan, snoozed_until=day)
        else:
            updated = replace(plan, due=day, snoozed_until=None)
        who = self._who(plan.recipients)
        self.change(f"moved the message to {who} to {day.isoformat()}", put=[updated])
        return updated

    def compose(
        self,
        recipients: Sequence[str],
        *,
        text: str,
        due: date,
        recurrence: str | None,
        today: date,
        plan_id: str | None = None,
        log_now: bool = False,
    ) -> tuple[Plan | None, list[Interaction]]:
        """What the composer saves: a new plan, or ``plan_id`` edited; with ``log_now`` it is
        also logged as sent today (a one-off new note sent now is only history, no plan).
        Returns the plan (None when only logged) and the interactions logged."""
        if log_now and plan_id is None and recurrence is None:
            return None, self.log(recipients, text=text, on=today, channel="linkedin")
        who = self._who(recipients)
        name = f"sent a message to {who}" if log_now else f"planned a message to {who}"
        with self.batch(name):
            if plan_id is None:
                plan = self.plan(
                    recipients,
                    due=today if log_now else due,
                    text=text,
                    recurrence=recurrence,
                    created_on=today,
                )
            else:
                plan = self.edit_plan(plan_id, text=text, due=due, recurrence=recurrence)
            logged = self.done(plan.id, today) if log_now else []
        return self.store.plans.get(plan.id, plan), logged

    def greet(
        self, connection_ids: Sequence[str], *, on: date, label: str, today: date
    ) -> tuple[list[Plan], list[str]]:
        """A greeting round: one separate "to write" plan per person on ``on`` (one undo
        step). People who already have a pending plan with this label that day are left out;
        returns the plans made and the ids of those left out."""
        label = label.strip()
        if not label:
            raise OperationError(
                "the round needs a label, e.g. 'New year 2027'", code="empty-label"
            )
        existing = {
            (cid, p.due, p.label.casefold())
            for p in self.store.plans.values()
            if p.status == "pending"
            for cid in p.recipients
        }
        plans: list[Plan] = []
        already: list[str] = []
        for cid in dict.fromkeys(connection_ids):
            conn = self._person(cid)
            if (conn.id, on, label.casefold()) in existing:
                already.append(conn.id)
                continue
            plans.append(
                Plan(
                    id=self.store.new_id("plans"),
                    recipients=[conn.id],
                    due=on,
                    text="",
                    label=label,
                    created_on=today,
                )
            )
        if plans:
            n = len(plans)
            self.change(
                f"planned a greeting round {label!r} ({n} note{'s' if n != 1 else ''})",
                put=plans,
            )
        return plans, already

    # --- status updates ---

    def keep_as_status_update(
        self,
        text: str,
        recipients: Sequence[str],
        *,
        today: date,
        plan_ids: Sequence[str] = (),
    ) -> Plan:
        """Keep ``text`` as a status-update draft (a broadcast belongs in a status update,
        not in messages). With ``plan_ids`` the first of those plans becomes the draft and the
        others (e.g. the rest of a greeting round) are removed, so none is sent as a message;
        else a new draft is made. One change (one undo step); returns the draft."""
        if not text.strip():
            raise OperationError("the status update is empty", code="empty-text")
        plans = [self._pending(pid) for pid in dict.fromkeys(plan_ids)]
        with self.batch("kept a status-update draft" + (
            f" instead of {len(plans)} plan{'s' if len(plans) != 1 else ''}" if plans else ""
        )) as tx:  # fmt: skip
            if plans:
                first, rest = plans[0], plans[1:]
                draft = replace(first, text=text, status="status-update", snoozed_until=None)
            else:
                rest = []
                people = [self._person(cid).id for cid in dict.fromkeys(recipients)]
                if not people:
                    raise OperationError("a status-update draft needs the people it was for")
                draft = Plan(
                    id=self.store.new_id("plans"),
                    recipients=people,
                    due=today,
                    text=text,
                    status="status-update",
                    label="status update",
                    created_on=today,
                )
            tx.put_many([draft])
            for plan in rest:
                tx.delete("plans", plan.id)
        return draft

    def status_updates(self) -> list[Plan]:
        """The status-update drafts, newest first."""
        drafts = [p for p in self.store.plans.values() if p.status == "status-update"]
        return sorted(drafts, key=lambda p: (p.created_on or p.due, p.id), reverse=True)

    def delete_status_update(self, plan_id: str) -> Plan:
        """Delete a status-update draft (posted, or not wanted)."""
        plan = self.get_plan(plan_id)
        if plan.status != "status-update":
            raise OperationError(f"{plan.id} is not a status-update draft", code="not-status")
        self.change("deleted a status-update draft", delete=[("plans", plan.id)])
        return plan

    # --- many records at once ---

    def import_records(self, description: str, run: Callable[[Store], T]) -> T:
        """Run an importer (``run(store)``, writing with ``put_many``/``new_id``) as one change
        named ``description``; on an error nothing it wrote stays."""
        with self.batch(description) as tx:
            return run(cast("Store", tx))

    def restore(self, data: dict[str, Any]) -> Path | None:
        """Make a backup document the whole network (see planner.transfer.backup.restore);
        one change, which undo takes back record by record."""
        from planner.transfer.backup import restore

        return self._replace("restored a backup", lambda: restore(self.store, data))[0]

    def repair(self, data: dict[str, Any]) -> Change:
        """Make ``data`` (the whole document, its problems fixed by
        ``planner.integrity.repair``: ``outreach doctor --repair``) the network: validated as
        a whole (records and referential integrity, else DataFileError and nothing changes),
        one change that says what the repair touched."""
        return self._replace("repaired the data file", lambda: self.store.replace_all(data))[1]

    def _replace(self, description: str, replace: Callable[[], T]) -> tuple[T, Change]:
        """Run ``replace()`` (which swaps the whole network) as one whole change: every record
        that differs afterwards, before and after (undo takes it back record by record)."""
        store = self.store
        old = {table: dict(getattr(store, table)) for table in TABLE_OF.values()}
        result = replace()
        records: list[RecordChange] = []
        for table, before in old.items():
            now: dict[str, Record] = getattr(store, table)
            for rid, record in before.items():
                new = now.get(rid)
                if new != record:
                    records.append(RecordChange(table, rid, record, new))
            for rid, record in now.items():
                if rid not in before:
                    records.append(RecordChange(table, rid, None, record))
        change = Change(description, tuple(records), whole=True)
        self._finish(change)
        return result, change

    # --- undo and redo ---

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def undo_description(self) -> str | None:
        """What :meth:`undo` would take back ("logged a message to Priya Nair")."""
        return self._undo[-1].description if self._undo else None

    @property
    def redo_description(self) -> str | None:
        return self._redo[-1].description if self._redo else None

    def undo(self) -> str | None:
        """Take back the latest change; returns "Undid: ..." (None when there is nothing).

        Raises OperationError (and forgets the step) when a record it would restore has
        changed since, e.g. by another program: undoing it would lose that change.
        """
        if not self._undo:
            return None
        change = self._undo.pop()
        self._replay(change, change.inverse(), "undo")
        self._redo.append(change)
        return f"Undid: {change.description}"

    def redo(self) -> str | None:
        """Make the latest undone change again; returns "Redid: ..." (None when nothing)."""
        if not self._redo:
            return None
        change = self._redo.pop()
        self._replay(change, change.records, "redo")
        return f"Redid: {change.description}"

    def _replay(self, change: Change, records: tuple[RecordChange, ...], kind: str) -> None:
        store = self.store
        for rc in records:
            current = getattr(store, rc.table).get(rc.id)
            if current != rc.before:  # the step is dropped: it can never apply again
                raise OperationError(
                    f"cannot {kind} {change.description!r}: "
                    f"{_what(rc.before or rc.after)} changed since (another program?); "
                    "nothing was changed",
                    code=f"{kind}-conflict",
                )
        recorder = _Recorder(store)
        recorder.apply(records)
        done = Change(change.description, recorder.result(), kind=kind, whole=change.whole)
        if kind == "redo":
            self._undo.append(change)
            del self._undo[: -self.undo_limit]
        self._announce(done)


def _what(record: Record | None) -> str:
    if isinstance(record, Connection):
        return record.name
    if record is None:
        return "a record"
    return f"{table_of(record).removesuffix('s')} {record.id}"


def _advanced(plan: Plan, after: date) -> Plan:
    """A copy of a recurring plan at its first occurrence after ``after`` (done if none)."""
    assert plan.recurrence
    nxt = next_occurrence(plan.recurrence, max(after, plan.due), start=plan.due)
    if nxt is None:
        return replace(plan, status="done", snoozed_until=None)
    return replace(plan, due=nxt, snoozed_until=None)


def check_follow_up(direction: str, on: date, follow_up_on: date | None) -> None:
    """The follow-up rules: only on a message you sent, and after it."""
    if follow_up_on is None:
        return
    if direction != "sent":
        raise OperationError(
            "a follow-up only applies to messages you sent", code="follow-up-received"
        )
    if follow_up_on <= on:
        raise OperationError(
            "the follow-up must come after the interaction date", code="follow-up-early"
        )


def follow_up_after(on: date, days: int | None) -> date | None:
    """The follow-up day ``days`` after ``on`` (None for no follow-up, or 0 days)."""
    return on + timedelta(days=days) if days else None


# --- followers --------------------------------------------------------------------------------


def follow_in_bulk_index(index: Any, change: Change) -> bool:
    """Bring a ``planner.bulk.BulkIndex`` up to date with ``change``; False when the change
    replaced the whole network (the caller rebuilds the index)."""
    if change.whole:
        return False
    for rc in change.records:
        if rc.table == "interactions":
            if rc.after is None:
                index.remove_interaction(rc.id)
            else:
                index.add_interaction(rc.after)
        elif rc.table == "plans":
            if rc.after is None:
                index.remove_plan(rc.id)
            else:
                index.add_plan(rc.after)
        elif rc.table == "connections":
            if rc.after is None:
                index.remove_connection(rc.id)
            else:
                index.add_connection(rc.after)
    return True


__all__ = [
    "Change",
    "OperationError",
    "Operations",
    "RecordChange",
    "check_follow_up",
    "follow_in_bulk_index",
    "follow_up_after",
    "table_of",
]
