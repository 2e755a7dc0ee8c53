"""Timing the imports of issue 6 on generated files (targets in issue 7).

Each ``time_*`` function runs the real CLI command in-process on a file and a data file you give
and returns the wall time in seconds (parse, match, one atomic save). ``main`` generates the
files with :mod:`bench.generate` and prints the figures with the peak memory of the process:

    uv run python -m bench.bench_transfer [--connections 30000] [--messages 100000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import resource
import tempfile
import time
from pathlib import Path

from planner.cli import main as outreach

TARGETS_S = {"linkedin": 5.0, "vcard": 10.0, "messages": 15.0}


def _run(db: Path, *args: str) -> float:
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = outreach(["--db", str(db), *args])
    elapsed = time.perf_counter() - start
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


def generate_files(folder: Path, connections: int, messages: int) -> dict[str, Path]:
    """Connections.csv, contacts.vcf and messages.csv for a synthetic network."""
    from bench import generate

    rng = random.Random(generate.SEED + 1)
    people = generate.build_connections(rng, connections)
    files = {
        "linkedin": ("Connections.csv", generate.connections_csv(people, rng)),
        "vcard": ("contacts.vcf", generate.vcard(people)),
        "messages": ("messages.csv", generate.messages_csv(people, messages, rng)),
    }
    paths = {}
    for key, (name, text) in files.items():
        paths[key] = folder / name
        paths[key].write_text(text, encoding="utf-8", newline="")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_transfer", description=__doc__)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = generate_files(folder, args.connections, args.messages)
        rows = [
            (
                "linkedin",
                "import Connections.csv",
                time_import_linkedin(paths["linkedin"], folder / "a.json"),
            ),
            (
                "messages",
                "import messages.csv",
                time_import_messages(paths["messages"], folder / "a.json"),
            ),
            (
                "",
                "re-import Connections.csv",
                time_reimport_linkedin(paths["linkedin"], folder / "a.json"),
            ),
            ("vcard", "import contacts.vcf", time_import_vcard(paths["vcard"], folder / "b.json")),
        ]
    for key, what, seconds in rows:
        target = TARGETS_S.get(key)
        verdict = "" if target is None else ("ok" if seconds < target else "MISSED")
        print(f"{what:<28} {seconds:6.2f} s  {f'< {target:g} s' if target else '':<8} {verdict}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak memory (this process)':<28} {peak_mb:6.0f} MB  < 600 MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
