"""The operations layer: validation, change events, undo/redo, and surviving a merge."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from planner.models import Birthday, Connection
from planner.operations import Change, OperationError, Operations
from planner.storage import ConcurrentChangeError, Store

TODAY = date(2026, 11, 26)
TABLES = ("connections", "interactions", "plans", "occasions")
CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nora Field\r\nN:Field;Nora;;;\r\n"
    "EMAIL:nora@example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Priya Nair\r\nN:Nair;Priya;;;\r\n"
    "ORG:Globex\r\nEND:VCARD\r\n"
)


def _network(path: Path) -> None:
    """Priya (with history, an occasion, a follow-up), Sam, Alex; three plans, one shared."""
    store = Store.open(path)
    ops = Operations(store)
    priya = ops.add_person(first_name="Priya", last_name="Nair", how_we_know="PyCon 2019")
    sam = ops.add_person(first_name="Sam", last_name="Lee", tags=["friends"])
    alex = ops.add_person(first_name="Alex", last_name="Brown", tags=["friends"])
    ops.log([priya.id], text="Loved your talk", on=date(2026, 10, 1))
    ops.log(
        [sam.id], text="How was Lisbon?", on=date(2026, 11, 10), follow_up_on=date(2026, 11, 20)
    )
    ops.add_occasion(priya.id, label="started at Globex", month=11, day=30)
    ops.plan([priya.id, sam.id], due=date(2026, 11, 28), text="hi", created_on=TODAY)
    ops.greet([alex.id], on=date(2026, 12, 1), label="season's greetings", today=TODAY)
    ops.plan([sam.id], due=date(2026, 12, 3), text="Happy anniversary", recurrence="FREQ=YEARLY")
    store.save()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "data.json"
    _network(p)
    return p


def snapshot(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    return {t: {rid: r.to_doc() for rid, r in getattr(store, t).items()} for t in TABLES}


# Every operation, as the TUI or the CLI makes it (ids from _network: c1 Priya, c2 Sam,
# c3 Alex; i1 Priya's, i2 Sam's with a follow-up; o1; p1 shared, p2 to write, p3 yearly).
OPERATIONS: dict[str, Callable[[Operations], object]] = {
    "add person": lambda ops: ops.add_person(first_name="Nora", last_name="Field"),
    "edit person": lambda ops: ops.edit_person("c1", company="Initech", cadence="3m"),
    "delete person": lambda ops: ops.delete_person("c2"),
    "log": lambda ops: ops.log(["c1", "c3"], text="Coffee?", on=TODAY, channel="email"),
    "log received": lambda ops: ops.log(["c1"], text="Thanks!", on=TODAY, direction="received"),
    "dismiss follow-up": lambda ops: ops.dismiss_follow_up("i2"),
    "plan": lambda ops: ops.plan(["c3"], due=date(2026, 12, 5), text="Congrats on the move"),
    "write": lambda ops: ops.write("p2", "Happy holidays, Alex: how is the garden?"),
    "edit plan": lambda ops: ops.edit_plan(
        "p1", text="hello there", due=date(2026, 11, 29), recurrence=None
    ),
    "done": lambda ops: ops.done("p1", TODAY),
    "done recurring": lambda ops: ops.done("p3", TODAY),
    "snooze": lambda ops: ops.snooze("p1", date(2026, 12, 2), today=TODAY),
    "skip": lambda ops: ops.skip("p1", today=TODAY),
    "skip recurring": lambda ops: ops.skip("p3", today=TODAY),
    "reschedule": lambda ops: ops.reschedule("p1", date(2026, 12, 9), today=TODAY),
    "reschedule recurring": lambda ops: ops.reschedule("p3", date(2026, 12, 9), today=TODAY),
    "compose new": lambda ops: ops.compose(
        ["c1"], text="See you at PyCon?", due=date(2026, 12, 4), recurrence=None, today=TODAY
    ),
    "compose log now": lambda ops: ops.compose(
        ["c1"], text="Sent just now", due=TODAY, recurrence=None, today=TODAY, log_now=True
    ),
    "compose edit and log": lambda ops: ops.compose(
        ["c1", "c2"],
        text="hello",
        due=TODAY,
        recurrence=None,
        today=TODAY,
        plan_id="p1",
        log_now=True,
    ),
    "greet": lambda ops: ops.greet(
        ["c1", "c2", "c3"], on=date(2026, 12, 24), label="Xmas", today=TODAY
    ),
    "add occasion": lambda ops: ops.add_occasion("c3", label="moved to Lisbon", month=5, day=2),
    "merge people": lambda ops: ops.merge_people("c2", "c3"),
    "import": lambda ops: _import_cards(ops),
    "restore": lambda ops: _restore(ops),
}


def _import_cards(ops: Operations) -> object:
    from planner.transfer.vcard import import_cards, parse_cards

    return ops.import_records(
        "imported cards.vcf", lambda store: import_cards(store, parse_cards(CARDS), "cards.vcf")
    )


def _restore(ops: Operations) -> object:
    import orjson

    other = Store.open(ops.store.path.with_name("other.json"))
    Operations(other).add_person(first_name="Only", last_name="One")
    from planner.transfer.backup import export_backup

    return ops.restore(orjson.loads(export_backup(other)))


def _run(ops: Operations, name: str) -> Change:
    heard: list[Change] = []
    unsubscribe = ops.subscribe(heard.append)
    OPERATIONS[name](ops)
    unsubscribe()
    assert len(heard) == 1, f"{name}: one user action is one change, heard {len(heard)}"
    return heard[0]


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_reports_its_change_with_before_and_after(path: Path, name: str) -> None:
    store = Store.open(path)
    ops = Operations(store)
    before = snapshot(store)
    change = _run(ops, name)
    assert change.records, "a change says what it changed"
    for rc in change.records:
        old = before[rc.table].get(rc.id)
        assert (rc.before.to_doc() if rc.before else None) == old
        now = getattr(store, rc.table).get(rc.id)
        assert now == rc.after
    # ... and nothing else changed
    changed = {(rc.table, rc.id) for rc in change.records}
    after = snapshot(store)
    for table in TABLES:
        for rid in set(before[table]) | set(after[table]):
            if (table, rid) not in changed:
                assert before[table].get(rid) == after[table].get(rid), (table, rid)


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_replaces_records_never_mutates_them(path: Path, name: str) -> None:
    store = Store.open(path)
    held = {t: dict(getattr(store, t)) for t in TABLES}
    docs = {t: {rid: r.to_doc() for rid, r in held[t].items()} for t in TABLES}
    _run(Operations(store), name)
    for table in TABLES:
        for rid, record in held[table].items():
            assert record.to_doc() == docs[table][rid], f"{name} changed {rid} in place"


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_undoes_and_redoes(path: Path, name: str) -> None:
    store = Store.open(path)
    ops = Operations(store)
    before = snapshot(store)
    change = _run(ops, name)
    after = snapshot(store)
    heard: list[Change] = []
    ops.subscribe(heard.append)
    assert ops.undo() == f"Undid: {change.description}"
    assert snapshot(store) == before
    assert heard[-1].kind == "undo" and heard[-1].records
    assert ops.redo() == f"Redid: {change.description}"
    assert snapshot(store) == after
    assert heard[-1].kind == "redo"
    # the undo is an ordinary change: saved, it is what the file holds
    ops.undo()
    store.save()
    assert snapshot(Store.open(path)) == before


@pytest.mark.parametrize("name", OPERATIONS)
def test_each_operation_survives_a_merge_with_another_process(path: Path, name: str) -> None:
    """The TUI's store has the edit unsaved; `outreach` saves meanwhile; the merge keeps both."""
    tui = Store.open(path)
    ops = Operations(tui)
    change = _run(ops, name)
    with Store.open(path, lock=True) as other:  # another process: edits unrelated fields
        p1 = other.plans.get("p1")
        if p1 is not None and name != "restore":
            other.put(p1.__class__.from_doc({**p1.to_doc(), "label": "from the CLI"}))
        else:
            other.put(other.connections["c1"].updated(notes="from the CLI"))
        other.save()
    with pytest.raises(ConcurrentChangeError):
        tui.save()
    tui.merge_from_disk()
    tui.save()
    final = Store.open(path)
    for rc in change.records:
        now = getattr(final, rc.table).get(rc.id)
        if rc.after is None:
            assert now is None, f"{name}: {rc.id} came back"
            continue
        assert now is not None, f"{name}: {rc.id} was lost"
        want = rc.after.to_doc()
        got = now.to_doc()
        if rc.id == "p1" and name != "restore":
            assert got.pop("label") == "from the CLI"
            want.pop("label")
        if rc.id == "c1" and name == "restore":
            want.pop("notes", None)
            got.pop("notes", None)
        assert got == want, f"{name}: the merge lost the edit of {rc.id}"


def test_edit_plan_survives_the_merge_the_composer_lost(path: Path) -> None:
    """Regression: the composer changed the stored plan in place; the merge kept 'hi'."""
    tui = Store.open(path)
    Operations(tui).edit_plan("p1", text="hello Priya", due=date(2026, 11, 30), recurrence=None)
    with Store.open(path, lock=True) as other:
        Operations(other).log(["c3"], text="from the CLI", on=TODAY)
        other.save()
    with pytest.raises(ConcurrentChangeError):
        tui.save()
    tui.merge_from_disk()
    tui.save()
    plan = Store.open(path).plans["p1"]
    assert (plan.text, plan.due) == ("hello Priya", date(2026, 11, 30))


def test_a_changed_in_place_record_is_refused(path: Path) -> None:
    store = Store.open(path)
    ops = Operations(store)
    plan = store.plans["p1"]
    plan.text = "mutated"
    with pytest.raises(TypeError, match="changed in place"):
        ops.change("edit", put=[plan])


def test_delete_person_keeps_shared_plans_for_the_others_as_copies(path: Path) -> None:
    store = Store.open(path)
    shared = store.plans["p1"]
    change = Operations(store).delete_person("c2")
    assert shared.recipients == ["c1", "c2"]  # the object the caller held is untouched
    assert store.plans["p1"].recipients == ["c1"]
    assert "p3" not in store.plans  # Sam's own plan goes with him
    assert not store.interactions_for("c2")
    assert {rc.id for rc in change.records} >= {"c2", "i2", "p1", "p3"}
    assert change.description == "deleted Sam Lee"


def test_delete_person_updates_the_bulk_index_as_a_fresh_one(path: Path) -> None:
    """Regression: after a delete in People the composer's index still had the person's
    messages, so a text the CLI rated personal was a duplicate in the TUI."""
    from planner.bulk import BulkIndex, check_message
    from planner.operations import follow_in_bulk_index

    store = Store.open(path)
    ops = Operations(store)
    text = "Hi! Hope the move went well and the new flat is lovely, talk soon."
    ops.log(["c2"], text=text, on=date(2026, 11, 20))
    index = BulkIndex.from_store(store)
    ops.subscribe(lambda change: follow_in_bulk_index(index, change))
    ops.delete_person("c2")
    fresh = BulkIndex.from_store(store)
    got = check_message(text, ["c1"], store=store, index=index, today=TODAY)
    want = check_message(text, ["c1"], store=store, index=fresh, today=TODAY)
    assert got.to_json() == want.to_json()
    assert "duplicate-text" not in {f.code for f in got.findings}


@pytest.mark.parametrize("name", OPERATIONS)
def test_the_followed_bulk_index_equals_a_fresh_one(path: Path, name: str) -> None:
    from planner.bulk import BulkIndex, check_message
    from planner.operations import follow_in_bulk_index

    store = Store.open(path)
    ops = Operations(store)
    index = BulkIndex.from_store(store)
    rebuilt: list[bool] = []
    ops.subscribe(lambda change: rebuilt.append(not follow_in_bulk_index(index, change)))
    OPERATIONS[name](ops)
    if rebuilt[-1]:
        index = BulkIndex.from_store(store)  # a whole replace: the caller rebuilds
    fresh = BulkIndex.from_store(store)
    people = sorted(store.connections)[:2]
    for text in ("hello", "hi", "Happy anniversary", "Coffee?", "Loved your talk"):
        got = check_message(text, people, store=store, index=index, today=TODAY)
        want = check_message(text, people, store=store, index=fresh, today=TODAY)
        assert got.to_json() == want.to_json(), (name, text)


def test_validation_lives_in_the_operations(path: Path) -> None:
    ops = Operations(Store.open(path))
    with pytest.raises(OperationError, match="only applies to messages you sent") as err:
        ops.log(["c1"], text="hi", on=TODAY, direction="received", follow_up_on=date(2026, 12, 1))
    assert err.value.code == "follow-up-received"
    with pytest.raises(OperationError, match="must come after"):
        ops.log(["c1"], text="hi", on=TODAY, follow_up_on=TODAY)
    with pytest.raises(OperationError, match="no text yet") as err:
        ops.done("p2", TODAY)
    assert "outreach" not in str(err.value)  # plain words: the CLI adds its syntax
    with pytest.raises(OperationError, match="in the past"):
        ops.snooze("p1", date(2026, 11, 1), today=TODAY)
    with pytest.raises(OperationError, match="no planned message"):
        ops.skip("p99")
    with pytest.raises(OperationError, match="already done"):
        ops.done("p1", TODAY) and ops.done("p1", TODAY)
    with pytest.raises(OperationError, match="merged into itself"):
        ops.merge_people("c1", "c1")
    assert not ops.can_redo


def test_a_failed_batch_leaves_nothing_behind(path: Path) -> None:
    store = Store.open(path)
    ops = Operations(store)
    before = snapshot(store)
    heard: list[Change] = []
    ops.subscribe(heard.append)
    with pytest.raises(OperationError), ops.batch("triage"):
        ops.skip("p1", today=TODAY)
        ops.log(["c1"], text="ok", on=TODAY)
        ops.done("p2", TODAY)  # no text: refused
    assert snapshot(store) == before
    assert heard == [] and not ops.can_undo


def test_a_batch_is_one_undo_step(path: Path) -> None:
    store = Store.open(path)
    ops = Operations(store)
    before = snapshot(store)
    with ops.batch("triaged 2 people"):
        ops.skip("p1", today=TODAY)
        ops.edit_person("c3", cadence="6m")
    assert ops.undo_description == "triaged 2 people"
    assert ops.undo() == "Undid: triaged 2 people"
    assert snapshot(store) == before and not ops.can_undo


def test_undo_keeps_at_least_fifty_steps_in_order(path: Path) -> None:
    store = Store.open(path)
    ops = Operations(store)
    before = snapshot(store)
    for n in range(60):
        ops.edit_person("c1", notes=f"note {n}")
    for n in reversed(range(60)):
        assert ops.undo() == "Undid: edited Priya Nair"
        expected = f"note {n - 1}" if n else ""
        assert store.connections["c1"].notes == expected
    assert ops.undo() is None
    assert snapshot(store) == before
    for _n in range(60):
        assert ops.redo() == "Redid: edited Priya Nair"
    assert store.connections["c1"].notes == "note 59"
    assert ops.redo() is None


def test_a_new_change_clears_redo(path: Path) -> None:
    ops = Operations(Store.open(path))
    ops.edit_person("c1", notes="a")
    ops.undo()
    assert ops.can_redo
    ops.edit_person("c1", notes="b")
    assert not ops.can_redo and ops.redo() is None


def test_undo_refuses_when_another_program_changed_the_record(path: Path) -> None:
    tui = Store.open(path)
    ops = Operations(tui)
    ops.edit_person("c1", notes="mine")
    tui.save()
    with Store.open(path, lock=True) as other:
        other.put(other.connections["c1"].updated(notes="theirs"))
        other.save()
    tui.merge_from_disk()
    with pytest.raises(OperationError, match="changed since"):
        ops.undo()
    assert tui.connections["c1"].notes == "theirs"
    assert not ops.can_undo  # the step is gone: it can never apply


def test_undo_of_an_add_then_redo_keeps_the_id(path: Path) -> None:
    store = Store.open(path)
    ops = Operations(store)
    conn = ops.add_person(first_name="Nora", birthday=Birthday(3, 4))
    ops.undo()
    assert conn.id not in store.connections
    ops.redo()
    assert store.connections[conn.id] == conn
    again = ops.add_person(first_name="Olga")
    assert again.id != conn.id


def test_descriptions_are_plain_words(path: Path) -> None:
    ops = Operations(Store.open(path))
    assert _run(ops, "log").description == "logged a message to Priya Nair and Alex Brown"
    assert _run(ops, "log received").description == "logged a message from Priya Nair"
    assert _run(ops, "delete person").description == "deleted Sam Lee"
    assert _run(ops, "import").description == "imported cards.vcf"


def test_listeners_hear_the_people_touched(path: Path) -> None:
    ops = Operations(Store.open(path))
    change = _run(ops, "done")
    assert change.connection_ids == {"c1", "c2"}
    assert isinstance(ops.store.connections["c1"], Connection)


def test_a_restore_wins_over_another_process_and_later_edits_follow(path: Path) -> None:
    """A restore in the TUI, then an edit; another process saves first: the merge installs
    the backup again and re-applies the edit made after it."""
    tui = Store.open(path)
    ops = Operations(tui)
    _restore(ops)
    (only,) = tui.connections
    ops.edit_person(only, notes="after the restore")
    with Store.open(path, lock=True) as other:
        Operations(other).add_person(first_name="Zed", last_name="Other")
        other.save()
    with pytest.raises(ConcurrentChangeError):
        tui.save()
    tui.merge_from_disk()
    tui.save()
    final = Store.open(path)
    assert [(c.name, c.notes) for c in final.connections.values()] == [
        ("Only One", "after the restore")
    ]
    assert not final.plans and not final.interactions


def test_doctor_repair_is_one_validated_announced_change(path: Path) -> None:
    """``outreach doctor --repair`` writes through the operations layer: the repaired network
    is validated whole, and listeners hear one change naming what the repair touched."""
    import copy
    import json

    from planner import integrity
    from planner.storage import DataFileError

    data = json.loads(path.read_text())
    first = next(iter(data["interactions"].values()))
    data["interactions"]["99"] = {**first, "id": "i99", "connection_id": "c42"}  # an orphan
    path.write_text(json.dumps(data))
    store = Store.open(path, integrity=False)
    store.load_history()
    ops = Operations(store)
    heard: list[Change] = []
    ops.subscribe(heard.append)
    broken = copy.deepcopy(store.storage.data)
    with pytest.raises(DataFileError, match="c42"):
        ops.repair(broken)  # not repaired: refused whole, nothing changes
    assert heard == [] and "c42" not in store.connections
    fixed = copy.deepcopy(store.storage.data)
    integrity.repair(fixed)
    change = ops.repair(fixed)
    assert heard == [change] and change.whole and change.description == "repaired the data file"
    added = {(rc.table, rc.id) for rc in change.records if rc.before is None}
    assert ("connections", "c42") in added
    assert store.connections["c42"].name == "Missing person c42"
