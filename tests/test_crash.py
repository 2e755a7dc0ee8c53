"""An unexpected exception in a command: one line on stderr, a private crash file, exit 70."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A real process whose command hits a fault nobody handles: Store.open raises a RuntimeError
# whose text carries a terminal escape (it must not reach the terminal raw).
FORCED_FAULT = """
import sys
import planner.storage.store

def broken(*args, **kwargs):
    raise RuntimeError("forced fault \\x1b]52;c;cm0gLXJmIH4K\\x07 in the store")

planner.storage.store.Store.open = staticmethod(broken)
from planner.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _run(tmp_path: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OUTREACH_CACHE_DIR": str(cache), "OUTREACH_DB": str(tmp_path / "d.json")}
    return subprocess.run(
        [sys.executable, "-c", FORCED_FAULT, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_forced_fault_exits_70_with_one_line_and_a_private_crash_file(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    result = _run(tmp_path, cache, "dupes")
    assert result.returncode == 70
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("outreach: internal error: RuntimeError: forced fault")
    assert "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    path = Path(line.rsplit("; details in ", 1)[1])
    assert path.parent == cache / "crashes"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    report = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in report
    assert "RuntimeError: forced fault" in report
    assert "dupes" in report  # the command line, to reproduce it


def test_two_crashes_in_the_same_second_get_two_files(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _run(tmp_path, cache, "dupes")
    second = _run(tmp_path, cache, "merge", "a", "b")
    assert first.returncode == second.returncode == 70
    assert len(list((cache / "crashes").iterdir())) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_unwritable_cache_still_one_line_and_exit_70(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o500)
    try:
        result = _run(tmp_path, cache, "dupes")
    finally:
        cache.chmod(0o700)
    assert result.returncode == 70
    assert len(result.stderr.splitlines()) == 1
    assert "internal error: RuntimeError" in result.stderr
    assert "cannot write a crash file" in result.stderr


def test_planted_symlink_is_never_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash file name is never an existing file or link: O_EXCL refuses both."""
    from planner import crash

    monkeypatch.setenv("OUTREACH_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "victim"
    target.write_text("keep me")
    folder = crash.crash_dir()
    folder.mkdir(parents=True)
    try:
        raise ValueError("boom")
    except ValueError as exc:
        error = exc
    first = crash.write_crash_file(error, ["outreach", "x"])
    first.unlink()
    first.symlink_to(target)  # someone plants a link at the name just used
    second = crash.write_crash_file(error, ["outreach", "x"])
    assert second != first and not second.is_symlink()
    assert target.read_text() == "keep me"
