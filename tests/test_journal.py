"""The write-ahead journal: durable edits without rewriting the file, and nothing ever lost."""

from __future__ import annotations

import random
import select
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

import orjson
import pytest

from planner.models import Connection, Interaction
from planner.storage import ConcurrentChangeError, DataFileError, Store
from planner.storage.journal import journal_path

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2026, 11, 26)


@pytest.fixture
def saved(db_path: Path) -> Path:
    """A data file with two people and one message, saved whole."""
    store = Store.open(db_path)
    store.put(Connection("c1", "Ana", "Silva"))
    store.put(Connection("c2", "Ben", "Okafor"))
    store.put(Interaction("i1", "c1", date(2026, 1, 5), text="hello"))
    store.save()
    return db_path


def _log(store: Store, cid: str, text: str) -> Interaction:
    inter = Interaction(store.new_id("interactions"), cid, DAY, text=text)
    store.put(inter)
    return inter


def test_a_journaled_edit_is_durable_without_rewriting_the_file(saved: Path) -> None:
    before = saved.read_bytes()
    store = Store.open(saved)
    inter = _log(store, "c2", "journaled")
    store.put(store.connections["c1"].updated(company="Globex"))
    store.save(journal=True)
    assert not store.dirty
    assert saved.read_bytes() == before  # the edit went to the journal only
    assert journal_path(saved).exists()
    again = Store.open(saved)
    assert again.interactions[inter.id].text == "journaled"
    assert again.connections["c1"].company == "Globex"
    assert again.storage.data == store.storage.data


def test_many_journaled_saves_deletes_and_new_ids_replay_exactly(saved: Path) -> None:
    store = Store.open(saved)
    for n in range(5):
        _log(store, "c1", f"note {n}")
        store.save(journal=True)
    store.delete("connections", "c2")
    store.save(journal=True)
    again = Store.open(saved)
    assert again.storage.data == store.storage.data
    assert "c2" not in again.connections
    assert again.new_id("interactions") == store.new_id("interactions")  # counters replayed


def test_a_whole_save_folds_the_journal_into_the_file(saved: Path) -> None:
    store = Store.open(saved)
    inter = _log(store, "c2", "folded")
    store.save(journal=True)
    store.save()  # nothing new, but the journal is folded in
    assert not journal_path(saved).exists()
    from tinydb import TinyDB

    with TinyDB(saved) as db:  # stock TinyDB now sees the edit in the file itself
        assert [d["text"] for d in db.table("interactions").all() if d["id"] == inter.id] == [
            "folded"
        ]


def test_a_torn_last_line_is_dropped_and_the_next_save_writes_the_whole_file(
    saved: Path,
) -> None:
    store = Store.open(saved)
    kept = _log(store, "c1", "kept")
    store.save(journal=True)
    with open(journal_path(saved), "ab") as fh:
        fh.write(b'{"ops": [["interactions", "99", {"id": "i99"')  # a crash mid-append
    again = Store.open(saved)
    assert again.interactions[kept.id].text == "kept" and "i99" not in again.interactions
    more = _log(again, "c2", "after the crash")
    again.save(journal=True)  # never appended after a torn line
    assert not journal_path(saved).exists()
    final = Store.open(saved)
    assert {kept.id, more.id} <= set(final.interactions)


def test_a_damaged_journal_line_is_an_error_naming_the_journal(saved: Path) -> None:
    store = Store.open(saved)
    _log(store, "c1", "one")
    store.save(journal=True)
    _log(store, "c1", "two")
    store.save(journal=True)
    jpath = journal_path(saved)
    lines = jpath.read_bytes().split(b"\n")
    lines[1] = b"{not json"
    jpath.write_bytes(b"\n".join(lines))
    with pytest.raises(DataFileError, match=r"\.journal: line 2 of the journal is damaged"):
        Store.open(saved)
    proc = subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(saved), "list"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 3
    assert len(proc.stderr.strip().splitlines()) == 1 and "journal" in proc.stderr


def test_a_journal_of_an_older_version_of_the_file_is_ignored(saved: Path) -> None:
    store = Store.open(saved)
    _log(store, "c1", "old edit")
    store.save(journal=True)
    stale = journal_path(saved).read_bytes()
    store.save()  # folded in: a new snapshot, the journal removed
    journal_path(saved).write_bytes(stale)  # as if the crash came between the two steps
    again = Store.open(saved)
    assert again.storage.data == store.storage.data  # the edit is there once, from the file
    _log(again, "c2", "new edit")
    again.save(journal=True)  # not appended to the stale journal: written whole
    assert not journal_path(saved).exists()
    assert len(Store.open(saved).interactions) == 3


def test_a_whole_save_by_another_process_is_merged_not_overwritten(saved: Path) -> None:
    tui = Store.open(saved)
    mine = _log(tui, "c1", "mine")
    tui.save(journal=True)
    with Store.open(saved, lock=True) as cli:  # e.g. `outreach log` meanwhile
        theirs = _log(cli, "c2", "theirs")
        cli.save()
    later = _log(tui, "c1", "later")
    with pytest.raises(ConcurrentChangeError):
        tui.save(journal=True)
    tui.merge_from_disk()
    tui.save(journal=True)
    final = Store.open(saved)
    assert {mine.id, theirs.id} <= set(final.interactions)
    assert any(i.text == "later" for i in final.interactions.values())
    assert later.text == "later"


def test_two_journal_writers_do_not_overwrite_each_other(saved: Path) -> None:
    a, b = Store.open(saved), Store.open(saved)
    _log(a, "c1", "from a")
    a.save(journal=True)
    _log(b, "c2", "from b")
    with pytest.raises(ConcurrentChangeError):
        b.save(journal=True)
    with pytest.raises(ConcurrentChangeError):
        b.save()  # nor a whole save over a's journaled edit
    b.merge_from_disk()
    b.save(journal=True)
    texts = {i.text for i in Store.open(saved).interactions.values()}
    assert {"from a", "from b"} <= texts


def test_the_summary_follows_journaled_saves(saved: Path) -> None:
    store = Store.open(saved)
    store.put(store.connections["c1"].updated(cadence="2w"))
    store.save(journal=True)
    assert store.write_summary()
    quick = Store.open_summary(saved)
    assert not quick.complete and quick.connections["c1"].cadence == "2w"
    other = Store.open(saved)
    _log(other, "c1", "elsewhere")
    other.save(journal=True, summary=False)  # the journal grew: the summary is stale
    assert Store.open_summary(saved, repair=False).complete


def test_sigkill_during_journaled_saves_loses_no_acknowledged_edit(db_path: Path) -> None:
    store = Store.open(db_path)
    store.put(Connection("c1", "Ana", "Silva"))
    store.save()
    script = textwrap.dedent(
        f"""
        import sys
        from datetime import date
        from planner.models import Interaction
        from planner.storage import Store
        store = Store.open({str(db_path)!r})
        n = len(store.interactions)
        while True:
            n += 1
            store.put(Interaction(f"i{{n}}", "c1", date(2026, 1, 1), text="x" * 2000))
            store.save(journal=True)
            print(n, flush=True)  # acknowledged: durable from here on
        """
    )
    rng = random.Random(7)
    acknowledged = 0
    for _ in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        # Kill only once a save was acknowledged (a slow start must not make the test vacuous)
        waited, _, _ = select.select([proc.stdout], [], [], 60)
        assert waited, "the writer never acknowledged a save within 60 s"
        first = proc.stdout.readline()
        time.sleep(rng.random() * 0.4)
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        out = first + rest
        assert out.split(), "the first acknowledged save was not read"
        if out.split():
            acknowledged = max(acknowledged, int(out.split()[-1]))
        loaded = Store.open(db_path)  # always loads
        ids = sorted(int(i[1:]) for i in loaded.interactions)
        assert ids == list(range(1, len(ids) + 1))  # no gap, nothing half-applied
        assert len(ids) >= acknowledged
    data = orjson.loads(db_path.read_bytes())
    assert "_meta" in data  # the file itself was never touched half-way


def test_a_failed_whole_save_then_journaled_edits_are_not_lost(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    store = Store.open(saved)
    _log(store, "c1", "first")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(DataFileError, match="No space left"):
        store.save()  # whole: fails, the file keeps its old snapshot
    monkeypatch.undo()
    _log(store, "c2", "second")
    store.save(journal=True)  # the journal must name the snapshot on disk
    texts = {i.text for i in Store.open(saved).interactions.values()}
    assert {"first", "second"} <= texts
