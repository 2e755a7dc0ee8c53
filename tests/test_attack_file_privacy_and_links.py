"""Attacks on the files beside the data file (issue 16, breaks 4, 7, 8, 11 and the busy
message): world-readable temp files left by killed saves, symlinks planted at the journal or
lock name, a symlinked data file, a damaged journal, and who holds the lock. Real processes
where the attack needed them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from planner.models import Connection
from planner.storage import DataFileError, Store
from planner.storage import files as storage_files
from planner.storage.journal import journal_path
from planner.storage.summary import cache_dir

ROOT = Path(__file__).resolve().parents[1]


def _outreach(db: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(db), "--today", "2026-11-26", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=lambda: os.umask(umask),
    )


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_every_file_and_folder_is_private_from_creation(tmp_path: Path) -> None:
    db = tmp_path / "new" / "deeper" / "data.json"
    assert _outreach(db, "add", "--name", "Aisha Bello").returncode == 0
    assert _outreach(db, "export", "json", "-o", str(tmp_path / "out.json")).returncode == 0
    store = Store.open(db)
    store.put(store.connections["c1"].updated(notes="journaled"))
    store.save(journal=True)
    assert _mode(db) == 0o600 and _mode(journal_path(db)) == 0o600
    assert _mode(db.with_name("data.json.lock")) == 0o600
    assert _mode(tmp_path / "out.json") == 0o600
    assert _mode(db.parent) == 0o700 and _mode(db.parent.parent) == 0o700
    summaries = list(cache_dir().glob("*.summary"))
    assert summaries and all(_mode(p) == 0o600 for p in summaries)
    assert _mode(cache_dir()) == 0o700


WRITER = textwrap.dedent(
    """
    import sys
    from planner.models import Connection
    from planner.storage import Store
    n = 0
    while True:
        store = Store.open(sys.argv[1], lock=True)
        store.put(Connection(id=store.new_id("connections"), first_name=f"P{n}",
                             notes="x" * 200_000))
        store.save(summary=False)
        store.close()
        n += 1
        print(n, flush=True)
    """
)


def test_temp_files_left_by_killed_saves_are_private_and_removed_next_run(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    store = Store.open(db)  # a big file: each save takes a while (as at 30,000 people)
    store.put(Connection(id=store.new_id("connections"), first_name="Big", notes="x" * 20_000_000))
    store.save(summary=False)
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()  # it has saved once; kill it the moment its next save is under way
    deadline = time.monotonic() + 60
    while not (leftovers := list(tmp_path.glob(".data.json.*.tmp"))):
        assert time.monotonic() < deadline, "the writer never started a save"
        time.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    leftovers = list(tmp_path.glob(".data.json.*.tmp"))
    assert leftovers, "the killed save left nothing behind (it finished first)"
    assert all(_mode(p) == 0o600 for p in leftovers)  # private from the first byte
    past = time.time() - 3600
    for p in leftovers:
        os.utime(p, (past, past))  # as if the killed run was an hour ago
    assert _outreach(db, "add", "--name", "Next Run").returncode == 0
    assert not list(tmp_path.glob(".data.json.*.tmp"))


def test_a_temp_file_of_a_save_in_progress_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    assert _outreach(db, "add", "--name", "Aisha Bello").returncode == 0
    fresh = tmp_path / ".data.json.abc123.tmp"  # just made: maybe a save under way
    fresh.write_bytes(b"{}")
    other = tmp_path / ".notes.txt.abc123.tmp"  # not ours
    os.utime(other.write_bytes(b"x") and other, (0, 0))
    assert _outreach(db, "add", "--name", "Ben Ode").returncode == 0
    assert fresh.exists() and other.exists()


def test_a_planted_symlink_at_the_journal_name_is_never_written_through(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    assert _outreach(db, "add", "--name", "Aisha Bello").returncode == 0
    target = tmp_path / "victim.txt"
    store = Store.open(db)  # the TUI is open...
    journal_path(db).symlink_to(target)  # ...when a dangling link is planted at the name
    store.put(store.connections["c1"].updated(notes="edit"))
    with pytest.raises(DataFileError, match="symbolic link"):
        store.save(journal=True)
    assert not target.exists()
    assert store.dirty  # the edit is kept in memory for a retry
    with pytest.raises(DataFileError, match="symbolic link"):
        Store.open(db)  # and no reader follows it either
    target.write_text("precious\n")  # a link to an existing file
    r = _outreach(db, "add", "--name", "Ben Ode")
    assert r.returncode == 3 and "symbolic link" in r.stderr
    assert target.read_text() == "precious\n"


def test_a_planted_symlink_at_the_lock_name_never_truncates_its_target(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    assert _outreach(db, "add", "--name", "Aisha Bello").returncode == 0
    target = tmp_path / "victim.txt"
    target.write_text("precious\n")
    lock = db.with_name("data.json.lock")
    lock.unlink()
    lock.symlink_to(target)
    r = _outreach(db, "add", "--name", "Ben Ode")
    assert r.returncode == 3 and "symbolic link" in r.stderr
    assert target.read_text() == "precious\n"


def test_a_symlinked_data_file_is_written_where_it_really_is(tmp_path: Path) -> None:
    real = tmp_path / "synced" / "data.json"
    real.parent.mkdir()
    assert _outreach(real, "add", "--name", "Aisha Bello").returncode == 0
    link = tmp_path / "data.json"
    link.symlink_to(real)
    assert _outreach(link, "add", "--name", "Ben Ode").returncode == 0
    store = Store.open(link)
    store.put(store.connections["c1"].updated(notes="from the TUI"))
    store.save(journal=True)
    assert link.is_symlink() and os.readlink(link) == str(real)  # still a link
    assert journal_path(real).exists() and not journal_path(link).exists()
    names = sorted(c.name for c in Store.open(real).connections.values())
    assert names == ["Aisha Bello", "Ben Ode"]
    assert Store.open(real).connections["c1"].notes == "from the TUI"


def _journaled(db: Path) -> None:
    assert _outreach(db, "add", "--name", "Aisha Bello").returncode == 0
    store = Store.open(db)
    store.put(store.connections["c1"].updated(notes="only in the journal"))
    store.save(journal=True)


def test_a_damaged_journal_header_is_an_error_never_a_silent_drop(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    _journaled(db)
    jpath = journal_path(db)
    raw = jpath.read_bytes()
    jpath.write_bytes(b'{"journal": 1, "snaps' + raw[raw.index(b"\n") :])  # header mangled
    for args in (("list",), ("add", "--name", "Ben Ode")):
        r = _outreach(db, *args)
        assert r.returncode == 3, r.stdout
        assert "journal's first line is damaged" in r.stderr and "1 saved" in r.stderr
    assert jpath.exists()  # a write did not delete it: the edit is still there to recover
    jpath.write_bytes(raw)
    assert Store.open(db).connections["c1"].notes == "only in the journal"


def test_a_bad_record_in_the_journal_is_reported_as_a_journal_problem(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    _journaled(db)
    jpath = journal_path(db)
    lines = jpath.read_bytes().split(b"\n")
    doc = json.loads(lines[1])
    for op in doc["ops"]:
        if op[0] == "connections":
            op[2]["first_name"] = op[2]["last_name"] = ""  # a person with no name
    lines[1] = json.dumps(doc).encode()
    jpath.write_bytes(b"\n".join(lines))
    r = _outreach(db, "list")
    assert r.returncode == 3
    assert "line 2 of the journal holds an invalid connections record 1" in r.stderr
    assert str(jpath) in r.stderr


HOLDER = textwrap.dedent(
    """
    import sys, time
    from planner.storage import Store
    store = Store.open(sys.argv[1], lock=True)
    print("holding", flush=True)
    time.sleep(60)
    """
)


def test_the_busy_message_names_the_process_that_holds_the_lock(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "data.json"
    Store.open(db).save()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), "import", "linkedin"],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        monkeypatch.setattr(storage_files, "LOCK_TIMEOUT_S", 0.5)
        r = cli("--db", str(db), "add", "--name", "Ben Ode", today=None)
    finally:
        holder.kill()
        holder.wait()
    assert r.code == 3
    assert "the data file is busy" in r.err
    assert f"pid {holder.pid}" in r.err and "import linkedin" in r.err
    after = cli("--db", str(db), "add", "--name", "Ben Ode", today=None)  # released by the kill
    assert after.code == 0, after.err
