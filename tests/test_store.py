"""The data file: atomic saves, clear refusals, no lost writes between processes."""

from __future__ import annotations

import errno
import os
import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from planner.models import Connection, Interaction
from planner.storage import ConcurrentChangeError, DataFileError, Store
from planner.storage.document import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]


def _add(store: Store, first: str, last: str = "") -> Connection:
    conn = Connection(id=store.new_id("connections"), first_name=first, last_name=last)
    store.put(conn)
    return conn


def test_new_file_is_private_and_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "data.json"
    store = Store.open(path)
    _add(store, "Ana")
    store.save()
    assert path.stat().st_mode & 0o777 == 0o600
    assert Store.open(path).connections["c1"].name == "Ana"


def test_records_survive_a_round_trip_and_ids_are_never_reused(db_path: Path) -> None:
    store = Store.open(db_path)
    a, b = _add(store, "Ana"), _add(store, "Ben")
    store.put(
        Interaction(id=store.new_id("interactions"), connection_id=b.id, date=_d("2026-03-01"))
    )
    store.save()
    store = Store.open(db_path)
    assert store.last_contacted(b.id) == _d("2026-03-01")
    store.delete("connections", b.id)
    assert store.interactions == {}  # a person's history goes with them
    c = _add(store, "Cy")
    store.save()
    assert c.id not in (a.id, b.id)
    assert sorted(Store.open(db_path).connections) == sorted([a.id, c.id])


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b'{"connections": {"1": {"id": "c1", "first_na', "not valid JSON"),
        (b"\x00\x01binary", "not valid JSON"),
        (b"[1, 2, 3]", "not an outreach data file"),
        (b'{"connections": [1, 2]}', "not an outreach data file"),
        (b'{"_meta": {"1": {"schema": 1}}, "connections": {"1": {"id": "c1"}}}', "invalid"),
        (b'{"_meta": {"1": {"schema": 99}}}', "newer outreach"),
    ],
)
def test_bad_files_are_refused_and_left_untouched(
    db_path: Path, content: bytes, problem: str
) -> None:
    db_path.write_bytes(content)
    with pytest.raises(DataFileError, match=problem) as info:
        Store.open(db_path)
    assert str(db_path) in str(info.value)
    assert "\n" not in str(info.value)
    assert db_path.read_bytes() == content


def test_cli_reports_a_corrupt_file_in_one_line_with_exit_3(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    path.write_bytes(b'{"connections": {"1": ')
    proc = subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(path), "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 3
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert str(path) in proc.stderr
    assert path.read_bytes() == b'{"connections": {"1": '


def test_old_schema_is_migrated_after_a_backup(db_path: Path) -> None:
    old = {"connections": {"1": {"id": "c1", "name": "Grace Hopper", "company": "Navy"}}}
    db_path.write_bytes(orjson.dumps(old))
    store = Store.open(db_path)
    assert store.connections["c1"].name == "Grace Hopper"
    assert store.connections["c1"].last_name == "Hopper"
    backup = db_path.with_name("data.json.v0.bak")
    assert orjson.loads(backup.read_bytes()) == old
    assert orjson.loads(db_path.read_bytes())["_meta"]["1"]["schema"] == SCHEMA_VERSION


def test_a_failed_write_keeps_the_old_file(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(db_path)
    _add(store, "Ana")
    store.save()
    before = db_path.read_bytes()
    _add(store, "Ben")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DataFileError, match="No space left"):
        store.save()
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert store.dirty  # the unsaved change is still in memory, so a retry can save it
    store.save()
    assert len(Store.open(db_path).connections) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    store = Store.open(folder / "data.json")
    _add(store, "Ana")
    store.save()
    folder.chmod(0o500)
    try:
        _add(store, "Ben")
        with pytest.raises(DataFileError):
            store.save()
    finally:
        folder.chmod(0o700)


WRITER = textwrap.dedent(
    """
    import sys
    from planner.models import Connection
    from planner.storage import Store
    path = sys.argv[1]
    n = 0
    while True:
        store = Store.open(path, lock=True)
        n = len(store.connections) + 1
        # each state holds people 1..n, each with a note as long as the file grows
        store.put(Connection(id=store.new_id("connections"), first_name=f"P{n}",
                             notes="x" * 2000))
        store.set_meta(last=n)
        store.save()
        store.close()
        print(n, flush=True)
    """
)


def test_sigkill_during_saves_leaves_the_old_or_the_new_state(db_path: Path) -> None:
    rng = random.Random(1234)
    for _ in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        # Kill only once a save was acknowledged: a slow start (a busy machine) must not
        # make the round kill a writer that never saved
        waited, _, _ = select.select([proc.stdout], [], [], 60)
        assert waited, "the writer never acknowledged a save within 60 s"
        acknowledged = int(proc.stdout.readline())
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        store = Store.open(db_path)  # always loads
        n = store.meta["last"]
        assert n >= acknowledged
        # a consistent state: exactly the people written up to the last completed save
        assert sorted(c.first_name for c in store.connections.values()) == sorted(
            f"P{i}" for i in range(1, n + 1)
        )
    assert n > 8  # the writer really was saving in a loop while we killed it


def test_second_writer_waits_for_the_lock_and_both_changes_survive(db_path: Path) -> None:
    Store.open(db_path).save()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys, time
                from planner.models import Connection
                from planner.storage import Store
                store = Store.open(sys.argv[1], lock=True)
                print("locked", flush=True)
                time.sleep(1.0)
                store.put(Connection(id=store.new_id("connections"), first_name="First"))
                store.save()
                store.close()
                """
            ),
            str(db_path),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    second = subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(db_path), "add", "--name", "Second"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    holder.wait()
    assert second.returncode == 0, second.stderr
    assert time.monotonic() - started > 0.5  # it waited for the holder instead of clobbering
    names = sorted(c.name for c in Store.open(db_path).connections.values())
    assert names == ["First", "Second"]


def test_a_stale_copy_refuses_to_overwrite_another_process_change(db_path: Path) -> None:
    Store.open(db_path).save()
    stale = Store.open(db_path)  # e.g. the TUI, open for an hour
    subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(db_path), "add", "--name", "From CLI"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    _add(stale, "From TUI")
    with pytest.raises(ConcurrentChangeError, match="changed on disk"):
        stale.save()
    assert [c.name for c in Store.open(db_path).connections.values()] == ["From CLI"]
    assert stale.dirty  # the TUI keeps its change to retry after reloading


def _d(text: str):
    from datetime import date

    return date.fromisoformat(text)


def test_saving_in_a_worker_while_the_ui_thread_edits_loses_nothing(db_path: Path) -> None:
    import threading

    store = Store.open(db_path)
    for i in range(2000):
        _add(store, f"P{i}")
    errors: list[BaseException] = []

    def saver() -> None:
        try:
            for _ in range(5):
                store.save()
        except BaseException as exc:  # pragma: no cover - the assertion reports it
            errors.append(exc)

    worker = threading.Thread(target=saver)
    worker.start()
    for i in range(300):  # edits racing the saves
        _add(store, f"Q{i}")
    worker.join()
    assert errors == []
    assert store.dirty or len(Store.open(db_path).connections) == 2300
    store.save()
    assert not store.dirty
    assert len(Store.open(db_path).connections) == 2300


def test_merge_from_disk_keeps_both_processes_changes(db_path: Path) -> None:
    base = Store.open(db_path)
    ana = _add(base, "Ana", "Lima")
    base.put(ana.updated(company="Old Co"))
    base.save()
    tui = Store.open(db_path)  # open for a while, like the TUI
    other = Store.open(db_path, lock=True)  # another process meanwhile
    ben = _add(other, "Ben")
    other.put(other.connections[ana.id].updated(how_we_know="college roommates"))
    other.save()
    other.close()

    cy = _add(tui, "Cy")  # gets the same id Ben got on disk
    assert cy.id == ben.id
    tui.put(Interaction(id=tui.new_id("interactions"), connection_id=cy.id, date=_d("2026-11-20")))
    tui.put(tui.connections[ana.id].updated(company="New Co"))
    with pytest.raises(ConcurrentChangeError):
        tui.save()
    assert tui.merge_from_disk() == 3
    tui.save()

    final = Store.open(db_path)
    by_name = {c.name: c for c in final.connections.values()}
    assert sorted(by_name) == ["Ana Lima", "Ben", "Cy"]
    assert by_name["Ana Lima"].company == "New Co"  # our edit
    assert by_name["Ana Lima"].how_we_know == "college roommates"  # their edit, kept
    new_cy = by_name["Cy"]
    assert new_cy.id != ben.id
    assert [i.connection_id for i in final.interactions.values()] == [new_cy.id]
    assert final.last_contacted(new_cy.id) == _d("2026-11-20")
    assert not tui.dirty


def test_the_file_is_a_tinydb_database_that_stock_tinydb_reads(db_path: Path) -> None:
    from tinydb import Query, TinyDB

    store = Store.open(db_path)
    ana = _add(store, "Ana", "Lima")
    ben = _add(store, "Ben")
    store.put(ana.updated(company="Acme"))
    store.delete("connections", ben.id)
    store.put(
        Interaction(id=store.new_id("interactions"), connection_id=ana.id, date=_d("2026-01-02"))
    )
    store.save()
    with TinyDB(db_path) as db:  # TinyDB's own JSONStorage
        people = db.table("connections").all()
        assert [(p.doc_id, p["first_name"], p["company"]) for p in people] == [(1, "Ana", "Acme")]
        assert db.table("interactions").search(Query().connection_id == ana.id)[0]["date"] == (
            "2026-01-02"
        )
    # and the in-memory TinyDB view answers queries over unsaved edits too
    store.put(ana.updated(position="CTO"))
    assert store.db.table("connections").get(doc_id=1)["position"] == "CTO"
