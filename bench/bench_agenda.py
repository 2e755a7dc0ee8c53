"""Timing the agenda (``planner.agenda.due_items``) in-process. Target: under 100 ms at full size.

``bench.run`` calls :func:`time_due_items` on the store it loaded. Standalone,
``python -m bench.bench_agenda [--connections N] [--runs R]`` builds its own deterministic
worst-case store (every connection with a cadence and a birthday, 100,000 interactions with
follow-ups, 30,000 plans, 6,000 occasions of which some are RRULEs) and prints the figure.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from planner.agenda import due_items
from planner.storage import Store
from planner.storage.document import META, SCHEMA_VERSION

REFERENCE_DAY = date(2026, 11, 26)
CADENCES = ("2w", "1m", "3m", "6m", "1y", "10d")
RULES = (
    "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
    "FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO",
    "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1",
)


@dataclass(frozen=True)
class AgendaTiming:
    median_ms: float  # wall clock
    best_ms: float
    cpu_median_ms: float  # process CPU time: steadier when other processes share the cores
    runs: int
    items: int


def time_due_items(
    store: Store, today: date = REFERENCE_DAY, *, days: int = 7, runs: int = 7
) -> AgendaTiming:
    """Median and best wall time of ``due_items(store, today, days)`` over ``runs`` calls.

    The first call runs untimed, so per-process caches (parsed RRULEs) are warm, as they are
    for the TUI refreshing its Today screen; the cold figure is the first ``outreach due``.
    """
    items = due_items(store, today, days)
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        due_items(store, today, days)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return AgendaTiming(
        statistics.median(times), min(times), statistics.median(cpu), runs, len(items)
    )


def time_cold_due_items(store: Store, today: date = REFERENCE_DAY, *, days: int = 7) -> float:
    """One call with the RRULE caches cleared (ms): what a fresh ``outreach due`` pays."""
    from planner import agenda

    agenda._rule.cache_clear()
    agenda._rule_dates.cache_clear()
    agenda._latest_start.cache_clear()
    start = time.perf_counter()
    due_items(store, today, days)
    return (time.perf_counter() - start) * 1000


def synthetic_data(
    connections: int = 30_000,
    interactions: int = 100_000,
    plans: int = 30_000,
    occasions: int = 6_000,
    seed: int = 3,
) -> dict[str, Any]:
    """A deterministic data document (the store's file format) shaped to stress the agenda."""
    rng = random.Random(seed)
    today = REFERENCE_DAY

    def day(back: int, forward: int = 0) -> str:
        return (today + timedelta(days=rng.randint(-back, forward))).isoformat()

    conns = {}
    for n in range(1, connections + 1):
        born = date(rng.randint(1950, 2004), 1, 1) + timedelta(days=rng.randint(0, 365))
        conns[str(n)] = {
            "id": f"c{n}",
            "first_name": f"Person{n}",
            "last_name": "Synthetic",
            "how_we_know": "met at a conference",
            "connected_on": day(3000) if rng.random() < 0.7 else None,
            "tags": ["client"] if n % 5 == 0 else [],
            "birthday": born.isoformat() if rng.random() < 0.8 else f"--{born:%m-%d}",
            "cadence": rng.choice(CADENCES),
        }
    inters = {}
    for n in range(1, interactions + 1):
        sent = rng.random() < 0.6
        inters[str(n)] = {
            "id": f"i{n}",
            "connection_id": f"c{rng.randint(1, connections)}",
            "date": day(3 * 365),
            "direction": "sent" if sent else "received",
            "channel": "linkedin",
            "text": "Good to catch up",
            "follow_up_on": day(3 * 365, 30) if sent and rng.random() < 0.3 else None,
        }
    plan_docs = {}
    for n in range(1, plans + 1):
        recurring = rng.random() < 0.3
        plan_docs[str(n)] = {
            "id": f"p{n}",
            "recipients": [f"c{rng.randint(1, connections)}" for _ in range(rng.choice((1, 1, 2)))],
            "due": day(400, 400),
            "text": "" if rng.random() < 0.2 else "A personal note",
            "recurrence": "FREQ=YEARLY" if recurring else None,
            "status": rng.choice(("pending", "pending", "done", "skipped")),
            "label": "",
            "snoozed_until": day(0, 30) if rng.random() < 0.05 else None,
        }
    occ_docs = {}
    for n in range(1, occasions + 1):
        when = date(2001, 1, 1) + timedelta(days=rng.randint(0, 364))
        rule = rng.choice(RULES) if rng.random() < 0.2 else None
        occ_docs[str(n)] = {
            "id": f"o{n}",
            "connection_id": f"c{rng.randint(1, connections)}",
            "label": "started at Acme",
            "month": None if rule else when.month,
            "day": None if rule else when.day,
            "year": rng.choice((None, 2015, 2020)),
            "rrule": rule,
            "lead_days": rng.choice((0, 0, 3, 14)),
        }
    return {
        META: {"1": {"schema": SCHEMA_VERSION}},
        "connections": conns,
        "interactions": inters,
        "plans": plan_docs,
        "occasions": occ_docs,
    }


def synthetic_store(**sizes: int) -> Store:
    """An in-memory store over :func:`synthetic_data` (never saved).

    Like :meth:`Store.open`, the loaded objects are frozen out of the garbage collector.
    """
    store = Store(Path("/nonexistent/bench-agenda.json"), synthetic_data(**sizes), None)
    gc.collect()
    gc.freeze()
    return store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_agenda")
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    n = args.connections
    scale = n / 30_000
    start = time.perf_counter()
    store = synthetic_store(
        connections=n,
        interactions=int(100_000 * scale),
        plans=n,
        occasions=int(6_000 * scale),
    )
    built = time.perf_counter() - start
    cold = time_cold_due_items(store)
    timing = time_due_items(store, runs=args.runs)
    print(
        f"agenda: {len(store.connections)} connections, {len(store.interactions)} interactions, "
        f"{len(store.plans)} plans, {len(store.occasions)} occasions (built in {built:.1f} s)"
    )
    print(
        f"due_items: median {timing.median_ms:.1f} ms (CPU {timing.cpu_median_ms:.1f} ms), best "
        f"{timing.best_ms:.1f} ms over {timing.runs} runs, first call {cold:.1f} ms; "
        f"{timing.items} items"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
