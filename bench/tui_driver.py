"""Drive the real TUI in a private tmux server: log an interaction, wait for the toast that
acknowledges it, kill the process with SIGKILL at a chosen delay after that, and check what
reached the data file (issue 16: durable before acknowledged).

``uv run python -m bench.tui_driver --trials 50 [--data FILE]`` runs the kill trials and
prints acknowledged / lost counts (used by ``tests/test_attack_tui_ack_before_durable.py``
and ``bench/soak.py``).
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"
ACK = "Logged linkedin to"  # the toast that says an interaction was saved


class TmuxTUI:
    """One TUI process in its own tmux server (socket ``name``), 100x30."""

    def __init__(self, name: str, db: Path, *, env: dict[str, str] | None = None) -> None:
        self.socket = name
        self.db = db
        argv = [sys.executable, "-m", "planner", "--db", str(db), "--today", TODAY]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        cmd = f"cd {shlex.quote(str(ROOT))} && exec env {exports} {shlex.join(argv)}"
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "tui", "-x", "100", "-y", "30")
        self._tmux("set-option", "-t", "tui", "remain-on-exit", "on")
        self._tmux("respawn-pane", "-k", "-t", "tui", cmd)
        self.pid = int(self._tmux("display-message", "-p", "-t", "tui", "#{pane_pid}").strip())

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "tui", check=False)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", "tui", *(["-l"] if literal else []), *keys)

    def wait_for(self, text: str, timeout: float = 60.0, poll: float = 0.02) -> float:
        """Wait until ``text`` is on screen; the monotonic time it was first seen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return time.monotonic()
            time.sleep(poll)
        raise TimeoutError(f"{text!r} not on screen after {timeout:.0f} s:\n{self.screen()}")

    def kill(self) -> None:
        with _suppress():
            os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        self.kill()
        self._tmux("kill-server", check=False)


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return isinstance(exc[1], ProcessLookupError)


@dataclass
class KillReport:
    """What the kill trials found."""

    trials: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    delays_ms: list[int] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.trials} trials: {self.acknowledged} edits acknowledged, "
            f"{len(self.lost)} lost (kill {min(self.delays_ms, default=0)}-"
            f"{max(self.delays_ms, default=0)} ms after the toast)"
        )


def logged_texts(db: Path) -> set[str]:
    """Every interaction text in the data file and its journal (what a restart would see)."""
    from planner.storage import Store

    return {i.text for i in Store.open(db).interactions.values()}


def log_one(tui: TmuxTUI, text: str, *, timeout: float = 60.0) -> float:
    """Log ``text`` with the person under the cursor on Today; when the toast appeared."""
    tui.keys("l")
    tui.wait_for("Log an interaction with", timeout)
    tui.keys(text, literal=True)
    tui.wait_for(text, timeout)
    deadline = time.monotonic() + timeout
    while True:
        tui.keys("C-s")
        try:
            return tui.wait_for(ACK, 1.0)
        except TimeoutError:
            # the form refuses while the data file is still loading: press ctrl+s again
            if "still loading" not in tui.screen() or time.monotonic() > deadline:
                return tui.wait_for(ACK, max(0.0, deadline - time.monotonic()))
            time.sleep(0.2)


def kill_trials(db: Path, trials: int, *, seed: int = 16, max_delay_ms: int = 300) -> KillReport:
    """``trials`` times: start the TUI on ``db``, log an interaction, SIGKILL it 0..max_delay
    ms after the acknowledgement, and check the interaction is in the file or its journal."""
    rng = random.Random(seed)
    report = KillReport()
    for n in range(trials):
        text = f"kill-trial-{seed}-{n}-{rng.randrange(10**6)}"
        tui = TmuxTUI(f"h16-kill-{os.getpid()}-{n}", db)
        try:
            tui.wait_for("Overdue", 90)
            log_one(tui, text)
            delay = rng.randrange(max_delay_ms + 1)
            time.sleep(delay / 1000)
            tui.kill()
        finally:
            tui.close()
        report.trials += 1
        report.acknowledged += 1
        report.delays_ms.append(delay)
        if text not in logged_texts(db):
            report.lost.append(text)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--data", type=Path, help="data file to copy (default: the TUI fixture)")
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    import tempfile

    source = args.data or ROOT / "tests" / "fixtures" / "tui_network.json"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "data.json"
        shutil.copy(source, db)
        env_cache = Path(tmp) / "cache"
        os.environ["OUTREACH_CACHE_DIR"] = str(env_cache)
        report = kill_trials(db, args.trials, seed=args.seed)
    print(report.line())
    for text in report.lost:
        print(f"  lost: {text}")
    return 1 if report.lost else 0


if __name__ == "__main__":
    raise SystemExit(main())
