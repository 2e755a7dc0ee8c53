"""Timing the bulk-send check (``planner.bulk.check_message``) in-process.

Target (issue 7): under 20 ms for a ~300-character message against 100,000 logged messages.
The whole ``outreach check`` process (issue 13: under 0.3 s at full size) is timed by
``bench.run`` with :func:`check_command`: it reads the check cache, not the data file.

:func:`time_check` measures, on a store you already loaded: building the index once, the
first check (which also normalises the texts of its 30-day window), and checks after that
(what the composer pays per keystroke, and what ``outreach check`` pays after the index).
Standalone, ``python -m bench.bench_bulk [--connections N] [--runs R]`` generates the
deterministic network of :mod:`bench.generate` (full size: 30,000 connections, 100,000
interactions of which ~15% are campaign sends, 30,000 plans) and prints the figures.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from planner.bulk import BulkIndex, check_message
from planner.storage import Store

REFERENCE_DAY = date(2026, 11, 26)


@dataclass(frozen=True)
class CheckTiming:
    build_ms: float  # BulkIndex.from_store
    first_ms: float  # the first check: builds and caches the window's choices
    median_ms: float  # later checks (keystrokes), median
    p95_ms: float
    runs: int
    window_texts: int  # distinct normalised texts in the 30-day window


def sample_messages(store: Store, k: int) -> list[tuple[str, list[str]]]:
    """``k`` (text, recipients) pairs of about 300 characters: half reuse a logged text (so the
    duplicate search has hits to group), half are fresh personal-looking notes."""
    people = sorted(store.connections.values(), key=lambda c: c.id)
    logged = sorted(
        (i for i in store.interactions.values() if i.direction == "sent" and len(i.text) > 80),
        key=lambda i: i.id,
    )
    out = []
    for n in range(k):
        person = people[(n * 7919) % len(people)]
        if n % 2 == 0 and logged:
            base = logged[(n * 104729) % len(logged)].text
        else:
            base = (
                f"I loved the photos from the trip, and the story about the ferry to Lagos {n}. "
                "Are you around for a coffee after the conference? I owe you one for the intro."
            )
        text = f"Hi {person.first_name}, " + (base + " ") * 4
        out.append((text[:300], [person.id]))
    return out


def time_check(store: Store, today: date = REFERENCE_DAY, *, runs: int = 50) -> CheckTiming:
    """Build the index once, then time ``runs`` checks of ~300-character messages."""
    start = time.perf_counter()
    index = BulkIndex.from_store(store)
    build_ms = (time.perf_counter() - start) * 1000
    messages = sample_messages(store, runs + 1)
    text, recipients = messages[0]
    start = time.perf_counter()
    check_message(text, recipients, store=store, index=index, today=today)
    first_ms = (time.perf_counter() - start) * 1000
    samples = []
    for text, recipients in messages[1:]:
        start = time.perf_counter()
        check_message(text, recipients, store=store, index=index, today=today)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    window = next(iter(index._windows.values()), None)  # noqa: SLF001 - a bench may peek
    return CheckTiming(
        build_ms=build_ms,
        first_ms=first_ms,
        median_ms=statistics.median(samples),
        p95_ms=samples[max(0, int(len(samples) * 0.95) - 1)],
        runs=len(samples),
        window_texts=len(window.choices) if window else 0,
    )


PROCESS_TEXT = (
    "Hi there, I loved the photos from the trip and the story about the ferry to Lagos. Are you "
    "around for a coffee after the conference next month? I owe you one for the intro to the "
    "team in Porto, and I would love to hear how the move went and whether the new flat has "
    "the balcony you wanted."
)


def check_command(outreach: list[str], path: Path, today: str, recipient: str) -> list[str]:
    """One ``outreach check`` of a ~300-character message, as a user runs it."""
    return [
        *outreach, "--db", str(path), "--today", today,
        "check", "--to", recipient, "--text", PROCESS_TEXT, "--json",
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from bench.generate import SIZES, write_network

    parser = argparse.ArgumentParser(prog="python -m bench.bench_bulk", description=__doc__)
    parser.add_argument("--connections", type=int, default=SIZES["full"])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--db", type=Path, help="time on this data file instead of generating")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or write_network(Path(tmp) / "network.json", args.connections)
        store = Store.open(path)
        t = time_check(store, runs=args.runs)
    print(
        f"{len(store.connections)} connections, {len(store.interactions)} interactions, "
        f"{len(store.plans)} plans; {t.window_texts} distinct texts in the 30-day window"
    )
    print(f"index build        {t.build_ms:8.1f} ms (once per process)")
    print(f"first check        {t.first_ms:8.1f} ms (normalises the window)")
    print(f"check, median      {t.median_ms:8.1f} ms over {t.runs} runs (target < 20 ms)")
    print(f"check, 95th pct    {t.p95_ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
