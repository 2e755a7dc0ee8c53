"""Attacks: a delete in another process undone by the TUI's merge (issue 16, break 1), and a
TUI log for a person deleted meanwhile becoming an orphan (break 2). Two real processes: the
TUI's store here, ``outreach delete`` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_support import TODAY, copy_network, loaded

from planner import integrity
from planner.models import Interaction
from planner.operations import Operations
from planner.storage import ConcurrentChangeError, Store

ROOT = Path(__file__).resolve().parents[1]


def _other_process(db: Path, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(db), "--today", "2026-11-26", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def network(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "data.json"
    store = Store.open(db)
    ops = Operations(store)
    aisha = ops.add_person(first_name="Aisha", last_name="Bello", how_we_know="PyCon")
    ops.add_person(first_name="Ben", last_name="Ode")
    ops.log([aisha.id], on=date(2026, 11, 1), text="hello", channel="email")
    store.save()
    return db, aisha.id


def _merge_and_save(store: Store) -> None:
    with pytest.raises(ConcurrentChangeError):
        store.save()
    store.merge_from_disk()
    store.save()


def test_an_edit_never_resurrects_a_person_deleted_in_another_process(network) -> None:
    db, aisha = network
    tui = Store.open(db)  # long-lived and unlocked, as the TUI's
    _other_process(db, "delete", "Aisha Bello", "--yes")
    Operations(tui).edit_person(aisha, first_name="Aisha-Renamed")
    _merge_and_save(tui)
    [conflict] = tui.take_conflicts()
    assert conflict.message == (
        "Aisha-Renamed Bello was deleted in another window: keep your edit as a new person, "
        "or drop it"
    )
    assert conflict.edited
    on_disk = Store.open(db)
    assert aisha not in on_disk.connections
    assert [c.name for c in on_disk.connections.values()] == ["Ben Ode"]
    assert not on_disk.interactions  # the history stayed deleted too


def test_a_log_for_a_person_deleted_meanwhile_never_becomes_an_orphan(network) -> None:
    db, aisha = network
    tui = Store.open(db)
    _other_process(db, "delete", aisha, "--yes")
    Operations(tui).log([aisha], on=date(2026, 11, 20), text="are you there?", channel="email")
    _merge_and_save(tui)
    [conflict] = tui.take_conflicts()
    assert [type(r) for r in conflict.records] == [Interaction] and not conflict.edited
    data = Store.open(db).storage.data  # opening checks integrity: no orphan
    assert integrity.problems(data) == []
    assert all(d["text"] != "are you there?" for d in data.get("interactions", {}).values())


def test_keep_as_new_person_brings_the_edits_back_under_a_new_id(network) -> None:
    db, aisha = network
    tui = Store.open(db)
    ops = Operations(tui)
    _other_process(db, "delete", aisha, "--yes")
    ops.edit_person(aisha, notes="met again in Lisbon")
    ops.log([aisha], on=date(2026, 11, 20), text="great to see you", channel="email")
    _merge_and_save(tui)
    [conflict] = tui.take_conflicts()
    person = ops.keep_as_new_person(conflict)
    tui.save()
    on_disk = Store.open(db)
    assert person.id != aisha and aisha not in on_disk.connections
    kept = on_disk.connections[person.id]
    assert kept.name == "Aisha Bello" and kept.notes == "met again in Lisbon"
    assert [i.text for i in on_disk.interactions_for(person.id)] == ["great to see you"]


def test_the_store_refuses_to_write_an_orphan(network) -> None:
    db, _aisha = network
    store = Store.open(db)
    orphan = Interaction(id=store.new_id("interactions"), connection_id="c99",
                         date=date(2026, 11, 2), text="to nobody")  # fmt: skip
    with pytest.raises(ValueError, match="c99.*not in the network"):
        store.put(orphan)
    assert orphan.id not in store.interactions


def test_a_file_with_orphans_or_duplicate_ids_is_a_data_file_error_naming_them(
    network, cli
) -> None:
    db, aisha = network
    import json

    data = json.loads(db.read_text())
    data["connections"]["9"] = {**data["connections"]["1"], "first_name": "Twin"}  # id c1 twice
    data["interactions"]["7"] = {**data["interactions"]["1"], "id": "i7", "connection_id": "c42"}
    db.write_text(json.dumps(data))
    r = cli("--db", str(db), "list", today=None)
    assert r.code == 3
    assert "records 1 and 9 both have the id c1" in r.err
    assert "interaction i7 belongs to connection c42" in r.err and "outreach doctor" in r.err
    listed = cli("--db", str(db), "doctor", today=None)
    assert listed.code == 1 and "duplicate-id" in listed.out and "orphan" in listed.out
    fixed = cli("--db", str(db), "doctor", "--repair", today=None)
    assert fixed.code == 0, fixed.err
    backup = db.with_name(db.name + ".before-doctor.bak")
    assert json.loads(backup.read_text())["connections"]["9"]["first_name"] == "Twin"
    assert (backup.stat().st_mode & 0o777) == 0o600
    repaired = Store.open(db)  # opens again: sound
    names = sorted(c.name for c in repaired.connections.values())
    assert names == ["Aisha Bello", "Ben Ode", "Missing person c42", "Twin Bello"]
    assert [i.text for i in repaired.interactions_for("c42")] == ["hello"]
    assert cli("--db", str(db), "doctor", today=None).code == 0


async def test_tui_asks_keep_or_drop_when_the_person_was_deleted_in_another_window(
    tmp_path: Path,
) -> None:
    from screens.app import make_app
    from screens.deleted_elsewhere import DeletedElsewhereScreen
    from screens.person_form import PersonForm

    db = copy_network(tmp_path)
    app = make_app(db, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(app, pilot)
        await app.workers.wait_for_complete()
        store = app.store
        assert store is not None
        priya = next(c for c in store.connections.values() if c.first_name == "Priya")
        _other_process(db, "delete", priya.id, "--yes")
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash", *"priya", "enter", "e")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#pf-name", Input).value = "Priya Renamed"
        await pilot.press("ctrl+s")
        for _ in range(300):
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if isinstance(app.screen, DeletedElsewhereScreen):
                break
        dialog = app.screen
        assert isinstance(dialog, DeletedElsewhereScreen)
        assert "Priya Renamed was deleted in another window" in dialog.conflict.message
        await pilot.press("d")
        await app.workers.wait_for_complete()
        await pilot.pause()
    on_disk = Store.open(db)
    assert priya.id not in on_disk.connections
    assert all(c.first_name != "Priya" for c in on_disk.connections.values())


def test_a_backup_with_orphans_is_refused_by_restore_and_nothing_changes(
    network, cli, tmp_path: Path
) -> None:
    import json

    db, aisha = network
    backup = tmp_path / "backup.json"
    assert cli("--db", str(db), "export", "json", "-o", str(backup), today=None).code == 0
    data = json.loads(backup.read_text())
    data["interactions"]["7"] = {**data["interactions"]["1"], "id": "i7", "connection_id": "c42"}
    backup.write_text(json.dumps(data))
    before = db.read_bytes()
    r = cli("--db", str(db), "import", "json", str(backup), today=None)
    assert r.code == 2 and "interaction i7 belongs to connection c42" in r.err
    assert db.read_bytes() == before
