"""Attack: a name holding an OSC 52 sequence sets the clipboard of a real tmux (issue 16,
break 3). With ``set-clipboard on``, tmux copies an OSC 52 payload into its paste buffer; the
payload here is ``rm -rf ~``. Each test first shows that the attack works on this tmux (a raw
``printf``), then that outreach's error message and TUI do not carry it out.
"""

from __future__ import annotations

import base64
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAYLOAD = "rm -rf ~"
OSC52 = f"\x1b]52;c;{base64.b64encode(PAYLOAD.encode()).decode()}\x07"
NAME = f"Osc{OSC52} Clip"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """A private tmux server (its own socket) for one test."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )

    def buffers(self) -> str:
        return self.run("list-buffers", "-F", "#{buffer_sample}", check=False).stdout

    def wait_for(self, predicate, what: str, timeout: float = 60.0) -> None:  # noqa: ANN001
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.2)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")

    def pane(self, target: str) -> str:
        return self.run("capture-pane", "-p", "-t", target, check=False).stdout


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    t = Tmux(f"h16-osc52-{os.getpid()}-{tmp_path.name}")
    t.run("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "100", "-y", "30")
    t.run("set-option", "-g", "set-clipboard", "on")
    try:
        yield t
    finally:
        t.run("kill-server", check=False)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "data.json"
    person = {"id": "c1", "first_name": NAME.split(" ")[0], "last_name": "Clip", "cadence": "1m"}
    db.write_text(json.dumps({"_meta": {"1": {"schema": 1}}, "connections": {"1": person}}))
    return db


def _outreach(db: Path, *args: str) -> str:
    argv = [sys.executable, "-m", "planner", "--db", str(db), "--today", "2026-11-26", *args]
    return f"cd {shlex.quote(str(ROOT))} && " + " ".join(shlex.quote(a) for a in argv)


def _prove_the_attack_works(tmux: Tmux) -> None:
    tmux.run("new-window", "-t", "main", "-n", "control", f"printf {shlex.quote(OSC52)}; sleep 30")
    tmux.wait_for(lambda: PAYLOAD in tmux.buffers(), "the raw OSC 52 to reach tmux's buffer")
    tmux.run("delete-buffer", check=False)
    assert PAYLOAD not in tmux.buffers()


def test_osc52_in_did_you_mean_does_not_set_the_tmux_clipboard(
    tmux: Tmux, hostile_db: Path
) -> None:
    _prove_the_attack_works(tmux)
    cmd = _outreach(hostile_db, "show", "Clip") + "; echo EXIT=$?; sleep 30"
    tmux.run("new-window", "-t", "main", "-n", "cli", cmd)
    tmux.wait_for(lambda: "EXIT=" in tmux.pane("main:cli"), "outreach to finish")
    shown = tmux.pane("main:cli")
    assert "did you mean" in shown and "EXIT=2" in shown
    assert "\\x1b]52" in shown  # the sequence is shown as text
    time.sleep(0.5)
    assert PAYLOAD not in tmux.buffers()


def test_osc52_in_a_name_does_not_set_the_tmux_clipboard_from_the_tui(
    tmux: Tmux, hostile_db: Path
) -> None:
    _prove_the_attack_works(tmux)
    tmux.run("new-window", "-t", "main", "-n", "tui", _outreach(hostile_db))
    tmux.wait_for(lambda: "Clip" in tmux.pane("main:tui"), "the TUI to show the person")
    tmux.run("send-keys", "-t", "main:tui", "p")  # People lists everyone
    time.sleep(2)
    shown = tmux.pane("main:tui")
    assert "\\x1b]52" in shown, shown
    assert PAYLOAD not in tmux.buffers()
    tmux.run("send-keys", "-t", "main:tui", "C-q")
