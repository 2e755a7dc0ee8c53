"""Soak: three CLI writers and a TUI on one data file for a bounded time; count acknowledged
and lost writes (issue 16; the goal is 0 lost).

``uv run python -m bench.soak [--size full] [--minutes 10] [--data DIR]``

* Each CLI writer loops ``outreach log --to cN --text soak-cli-K-N`` (a real process per
  write, holding the file lock from load to save). A write is acknowledged when the command
  exits 0; a busy file (exit 3, lock held past its timeout) is counted, not acknowledged.
* The TUI runs for real in a private tmux server (see :mod:`bench.tui_driver`): it logs
  ``soak-tui-N`` with the person under the cursor on Today, again and again; a write is
  acknowledged when the "Logged ..." toast shows (the TUI shows it only once the edit is in
  the journal). Its saves meet the writers' saves constantly, so every one goes through the
  merge with the other process's version.
* At the end the TUI quits (folding its journal into the file) and the data file is read
  back: every acknowledged text must be there exactly once.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.run import ensure_data, outreach_cmd
from bench.tui_driver import TODAY, TmuxTUI, log_one


@dataclass
class Tally:
    acknowledged: list[str] = field(default_factory=list)
    busy: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)


def cli_writer(db: Path, k: int, people: list[str], stop: float, tally: Tally) -> None:
    rng = random.Random(k)
    n = 0
    while time.monotonic() < stop:
        text = f"soak-cli-{k}-{n}"
        n += 1
        who = rng.choice(people)
        started = time.monotonic()
        done = subprocess.run(
            [*outreach_cmd(), "--db", str(db), "--today", TODAY, "log", "--to", who,
             "--text", text, "--channel", "email"],
            capture_output=True, text=True,
        )  # fmt: skip
        tally.seconds.append(time.monotonic() - started)
        if done.returncode == 0:
            tally.acknowledged.append(text)
        elif done.returncode == 3 and "busy" in done.stderr:
            tally.busy += 1
        else:
            tally.failed.append(f"{text}: exit {done.returncode}: {done.stderr.strip()}")


def tui_writer(db: Path, stop: float, tally: Tally, log: list[str]) -> None:
    tui = TmuxTUI(f"h16-soak-{os.getpid()}", db)
    try:
        tui.wait_for("Overdue", 300)
        n = 0
        while time.monotonic() < stop:
            text = f"soak-tui-{n}"
            n += 1
            started = time.monotonic()
            try:
                log_one(tui, text, timeout=120)
            except TimeoutError as exc:
                tally.failed.append(f"{text}: {str(exc).splitlines()[0]}")
                tui.keys("Escape")
                continue
            tally.seconds.append(time.monotonic() - started)
            tally.acknowledged.append(text)
            # the toast goes after 3 s; wait for it so the next one is a new acknowledgement
            deadline = time.monotonic() + 10
            while "Logged linkedin to" in tui.screen() and time.monotonic() < deadline:
                time.sleep(0.2)
        tui.keys("C-q")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if "Pane is dead" in tui.screen() or not _alive(tui.pid):
                break
            time.sleep(0.5)
        else:
            log.append("the TUI did not quit within 300 s")
    finally:
        tui.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=("small", "medium", "full"), default="full")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "outreach-bench-data",
        help="where the generated bench data is cached",
    )
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        print("tmux is not installed: the soak drives the real TUI through it", file=sys.stderr)
        return 2
    from bench.generate import SIZES
    from planner.storage import Store

    source = ensure_data(args.data / args.size, SIZES[args.size])["network"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "data.json"
        shutil.copy(source, db)
        os.environ["OUTREACH_CACHE_DIR"] = str(Path(tmp) / "cache")
        people = sorted(Store.open(db).connections)[:2000]
        start = time.monotonic()
        stop = start + args.minutes * 60
        cli = [Tally() for _ in range(3)]
        tui, problems = Tally(), []
        threads = [
            threading.Thread(target=cli_writer, args=(db, k, people, stop, cli[k]))
            for k in range(3)
        ]
        threads.append(threading.Thread(target=tui_writer, args=(db, stop, tui, problems)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - start
        final = Store.open(db)
        texts = Counter(i.text for i in final.interactions.values())
    acknowledged = [t for tally in (*cli, tui) for t in tally.acknowledged]
    lost = [t for t in acknowledged if texts[t] == 0]
    doubled = [t for t in acknowledged if texts[t] > 1]
    print(f"soak: {args.size} network, {elapsed / 60:.1f} minutes, 3 CLI writers + 1 TUI")
    for k, tally in enumerate(cli):
        mean = sum(tally.seconds) / max(len(tally.seconds), 1)
        print(
            f"  CLI writer {k}: {len(tally.acknowledged)} acknowledged, {tally.busy} busy (exit 3,"
            f" not acknowledged), {len(tally.failed)} failed, {mean:.2f} s a write"
        )
    mean = sum(tui.seconds) / max(len(tui.seconds), 1)
    print(f"  TUI: {len(tui.acknowledged)} acknowledged, {len(tui.failed)} not acknowledged "
          f"(timed out), {mean:.2f} s from ctrl+s to the toast")  # fmt: skip
    print(f"  total: {len(acknowledged)} acknowledged writes, {len(lost)} lost, "
          f"{len(doubled)} applied twice")  # fmt: skip
    for line in [*problems, *(f for tally in (*cli, tui) for f in tally.failed)][:20]:
        print(f"  note: {line}")
    for text in lost[:20]:
        print(f"  LOST: {text}")
    return 1 if lost or doubled else 0


if __name__ == "__main__":
    raise SystemExit(main())
