"""Speed of the morning list (issue 11) on two 30,000-person networks.

``uv run python -m bench.bench_morning [--size small|medium|full] [--runs N] [--data DIR]``

1. the full bench network (:mod:`bench.generate`: 30,000 connections, 100,000 interactions);
2. a network imported as a new user would: a generated 30,000-row ``Connections.csv`` plus
   60,000 LinkedIn messages, through ``outreach import linkedin`` (no cadences at all, so the
   list is reconnect suggestions until triage), then ``outreach triage --yes``.

Rows (median of ``--runs``): ``outreach due`` as a whole process (bytecode cache warm, summary
cache written as every save leaves it), strength for everyone in-process (the whole history
loaded, and from the summary cache as ``due`` reads it), the triage proposal in-process, and
the TUI's cold start to Today painted (``bench.probe_tui``).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from bench import run as bench_run

MESSAGES = 60_000


def _timed(fn: Callable[[], Any], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def imported_network(folder: Path, n: int, messages: int) -> Path:
    """Import a generated export of ``n`` people and ``messages`` messages into a new file."""
    from bench import generate

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(generate.SEED + 11)
    people = generate.build_connections(rng, n)
    csv = folder / "Connections.csv"
    csv.write_text(generate.connections_csv(people, rng), encoding="utf-8", newline="")
    msgs = folder / "messages.csv"
    msgs.write_text(generate.messages_csv(people, messages, rng), encoding="utf-8", newline="")
    db = folder / "imported.json"
    db.unlink(missing_ok=True)
    base = [*bench_run.outreach_cmd(), "--db", str(db), "--today", bench_run.TODAY]
    wall, _ = bench_run.run_process(
        [*base, "import", "linkedin", str(csv), str(msgs), "--me", generate.ME_URL]
    )
    print(
        f"  imported {n:,} people and {messages:,} messages in {wall / 1000:.1f} s", file=sys.stderr
    )
    return db


def measure(path: Path, runs: int, workdir: Path, label: str) -> list[bench_run.Row]:
    """The morning-list rows for the network in ``path`` (measured on a copy)."""
    from planner import strength, triage
    from planner.storage import Store

    copy = workdir / f"{label}.json"
    shutil.copyfile(path, copy)
    bench_run.prime_summary(copy, write=True)
    today = date.fromisoformat(bench_run.TODAY)
    Row, attempt = bench_run.Row, bench_run.attempt
    rows: list[bench_run.Row] = []
    due = [*bench_run.outreach_cmd(), "--db", str(copy), "--today", bench_run.TODAY, "due"]

    def due_process() -> tuple[float, float]:
        bench_run.run_process(due)  # warm the bytecode and file caches
        return bench_run.medians([bench_run.run_process(due) for _ in range(runs)])

    rows.append(attempt(Row(f"{label}: outreach due (whole process)", 300), due_process))
    full = Store.open(copy)
    quick = Store.open_summary(copy)
    assert not quick.complete, "the summary cache was not used"
    n = len(strength.everyone(full, today))
    rows.append(
        attempt(
            Row(f"{label}: strength for everyone, in-process ({n:,} with history)", 200),
            lambda: _timed(lambda: strength.everyone(full, today), runs),
        )
    )
    rows.append(
        attempt(
            Row(f"{label}:   the same from the summary cache", None),
            lambda: _timed(lambda: strength.everyone(quick, today), runs),
        )
    )
    rows.append(
        attempt(
            Row(f"{label}: triage proposal, in-process", 1000),
            lambda: _timed(lambda: triage.propose(full, today), runs),
        )
    )
    rows.append(
        attempt(
            Row(f"{label}: TUI cold start to Today painted", 1000),
            lambda: statistics.median(
                r["cold_start_ms"] for r in bench_run.measure_tui(copy, runs, workdir)
            ),
        )
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_morning", description=__doc__)
    parser.add_argument("--size", choices=("small", "medium", "full"), default="full")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "outreach-bench-data",
        help="where generated data is cached (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    from bench.generate import SIZES

    n = SIZES[args.size]
    workdir = Path(tempfile.mkdtemp(prefix="outreach-bench-morning-"))
    bench_run.use_bytecode_cache(args.data / "pycache")
    bench_run.CHILD_ENV["OUTREACH_CACHE_DIR"] = str(workdir / "cache")
    try:
        paths = bench_run.ensure_data(args.data / args.size, n)
        messages = MESSAGES * n // 30_000
        rows = measure(paths["network"], args.runs, workdir, "bench network")
        imported = imported_network(workdir / "imported", n, messages)
        # the two commands the README gives after an import
        bench_run.run_process(
            [
                *bench_run.outreach_cmd(),
                "--db",
                str(imported),
                "--today",
                bench_run.TODAY,
                "triage",
                "--yes",
            ]
        )
        rows += measure(imported, args.runs, workdir, "imported export")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    bench_run.print_table(
        rows,
        f"Morning list, {n:,} connections ({bench_run.machine()}), median of {args.runs} runs:",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
