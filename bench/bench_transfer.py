"""Timing the imports of issue 6 on generated files (targets in issue 7).

Each ``time_*`` function runs the real CLI command in-process on a file and a data file you give
and returns the wall time in seconds (parse, match, one atomic save). ``main`` generates the
files with :mod:`bench.generate` and prints the figures with the peak memory of the process:

    uv run python -m bench.bench_transfer [--connections 30000] [--messages 100000]
        [--by-name 60000]

The by-name row imports a 2021-style ``messages.csv`` (no profile URLs at all, the case of the
2020-2022 exports) into a fresh network of the same connections: every message is matched by
exact name and the user's side is taken from the name on the most messages.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import random
import resource
import tempfile
import time
from pathlib import Path

from planner.cli import main as outreach

TARGETS_S = {
    "linkedin": 5.0,
    "vcard": 10.0,
    "messages": 15.0,
    "linkedin-fresh": 5.0,
    "by-name": 15.0,
}


LAST_CPU_S = [0.0]  # CPU seconds of the last run: on a shared machine wall time drifts


def _run(db: Path, *args: str) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(io.StringIO()):
        code = outreach(["--db", str(db), *args])
    elapsed = time.perf_counter() - start
    LAST_CPU_S[0] = time.process_time() - cpu
    if code not in (0, 1):
        raise RuntimeError(f"outreach {' '.join(args)} exited {code}")
    return elapsed


def time_import_linkedin(connections_csv: Path, db: Path) -> float:
    """``outreach import linkedin Connections.csv`` into ``db``."""
    return _run(db, "import", "linkedin", str(connections_csv))


def time_import_vcard(vcf: Path, db: Path) -> float:
    """``outreach import vcard contacts.vcf`` into ``db``."""
    return _run(db, "import", "vcard", str(vcf))


def time_import_messages(messages_csv: Path, db: Path) -> float:
    """``outreach import linkedin messages.csv`` into ``db`` (import the connections first)."""
    return _run(db, "import", "linkedin", str(messages_csv))


def time_reimport_linkedin(connections_csv: Path, db: Path) -> float:
    """The same Connections.csv a second time (everything matches, nothing is added)."""
    return _run(db, "import", "linkedin", str(connections_csv))


def without_urls(messages_csv: str) -> str:
    """A generated messages.csv as a 2021 export has it: no RECIPIENT PROFILE URLS column and
    no sender URLs, so every counterpart must be found by name."""
    rows = list(csv.reader(io.StringIO(messages_csv, newline="")))
    header = rows[0]
    drop = header.index("RECIPIENT PROFILE URLS")
    blank = header.index("SENDER PROFILE URL")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for n, row in enumerate(rows):
        if n:
            row[blank] = ""
        writer.writerow(row[:drop] + row[drop + 1 :])
    return out.getvalue()


def time_import_messages_by_name(messages_csv: Path, db: Path) -> float:
    """A messages.csv without URLs into ``db`` (import its Connections.csv first)."""
    return _run(db, "import", "linkedin", str(messages_csv))


def generate_files(
    folder: Path, connections: int, messages: int, by_name: int = 0
) -> dict[str, Path]:
    """Connections.csv, contacts.vcf and messages.csv for a synthetic network."""
    from bench import generate

    rng = random.Random(generate.SEED + 1)
    people = generate.build_connections(rng, connections)
    files = {
        "linkedin": ("Connections.csv", generate.connections_csv(people, rng)),
        "vcard": ("contacts.vcf", generate.vcard(people)),
        "messages": ("messages.csv", generate.messages_csv(people, messages, rng)),
    }
    if by_name:
        (folder / "by-name").mkdir(exist_ok=True)
        files["by-name"] = (
            "by-name/messages.csv",
            without_urls(generate.messages_csv(people, by_name, rng)),
        )
    paths = {}
    for key, (name, text) in files.items():
        paths[key] = folder / name
        paths[key].write_text(text, encoding="utf-8", newline="")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_transfer", description=__doc__)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--by-name", type=int, default=60_000, metavar="MESSAGES")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate_files(folder, args.connections, args.messages, args.by_name)
        timed = []
        if args.by_name:
            timed += [
                ("linkedin-fresh", "import Connections.csv", time_import_linkedin,
                 (paths["linkedin"], folder / "c.json")),
                ("by-name", "messages.csv by name", time_import_messages_by_name,
                 (paths["by-name"], folder / "c.json")),
            ]  # fmt: skip
        timed += [
            ("linkedin", "import Connections.csv", time_import_linkedin,
             (paths["linkedin"], folder / "a.json")),
            ("messages", "import messages.csv", time_import_messages,
             (paths["messages"], folder / "a.json")),
            ("", "re-import Connections.csv", time_reimport_linkedin,
             (paths["linkedin"], folder / "a.json")),
            ("vcard", "import contacts.vcf", time_import_vcard,
             (paths["vcard"], folder / "b.json")),
        ]  # fmt: skip
        rows = []
        for key, what, fn, fn_args in timed:
            wall = fn(*fn_args)
            rows.append((key, what, wall, LAST_CPU_S[0]))
    print(f"{'':<28} {'wall':>8} {'CPU':>8}")
    for key, what, seconds, cpu in rows:
        target = TARGETS_S.get(key)
        verdict = "" if target is None else ("ok" if seconds < target else "MISSED")
        if target is not None and seconds >= target and cpu < target:
            verdict = "ok by CPU (the machine is loaded)"
        print(
            f"{what:<28} {seconds:6.2f} s {cpu:6.2f} s  "
            f"{f'< {target:g} s' if target else '':<8} {verdict}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory (this process)':<28} {peak_mb:6.0f} MB  < 600 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
