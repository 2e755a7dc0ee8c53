"""Attack: a stale summary is shown (issue 16, break 6). The summary cache was keyed by inode,
size and mtime only, so a same-size edit in place with its mtime put back (``touch -d``, or a
backup copied back over it with ``cp -p``) made ``due`` show a name no longer in the file. The
kernel-set change time is now part of the key. Real processes: the edit is made outside
outreach, ``due`` runs as a command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from planner.storage.summary import summary_path

ROOT = Path(__file__).resolve().parents[1]


def _outreach(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "planner", "--db", str(db), "--today", "2026-11-26", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return done.stdout


def _network(tmp_path: Path) -> Path:
    db = tmp_path / "data.json"
    _outreach(db, "add", "--name", "Aisha Bello", "--every", "1m", "--connected", "2026-01-01")
    _outreach(db, "due")  # the summary now exists and is used
    assert summary_path(db).exists()
    return db


def test_same_size_edit_in_place_with_the_mtime_put_back_is_seen(tmp_path: Path) -> None:
    db = _network(tmp_path)
    st = db.stat()
    raw = db.read_bytes()
    assert b"Aisha" in raw
    with open(db, "r+b") as fh:  # same inode, same size, then the old mtime again
        fh.write(raw.replace(b"Aisha", b"Zelda"))
    os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (db.stat().st_ino, db.stat().st_size, db.stat().st_mtime_ns) == (
        st.st_ino,
        st.st_size,
        st.st_mtime_ns,
    )
    shown = _outreach(db, "due")
    assert "Zelda Bello" in shown and "Aisha" not in shown
