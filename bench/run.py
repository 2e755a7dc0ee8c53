"""Measure every performance target of issue 7 and print a table.

``uv run python -m bench.run [--size small|medium|full] [--runs N] [--data DIR]``

Each row is the median of several runs (per-keystroke rows: the median over every keystroke of
every run). Data comes from :mod:`bench.generate` (deterministic; regenerated when the generator
changes). Rows whose feature has not landed print "not available". Whole-process rows run the
real console script in a subprocess; the TUI rows run ``bench.probe_tui`` in a subprocess
(Textual's ``App.run_test`` with keys posted directly, see there).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"  # bench.generate.REFERENCE_DAY
DEFAULT_RUNS = {"small": 3, "medium": 5, "full": 5}


#: Environment of every measured child process; see :func:`use_bytecode_cache`.
CHILD_ENV: dict[str, str] = dict(os.environ)


def use_bytecode_cache(folder: Path) -> None:
    """Give child processes a bytecode cache, as an installed app has.

    With ``PYTHONDONTWRITEBYTECODE`` set (as in some sandboxes) every process compiles every
    module it imports from source, Textual's ~500 included: about a second of start-up no user
    pays. The cache goes to ``folder`` (``PYTHONPYCACHEPREFIX``), never into the source tree.
    """
    CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(folder)


class NotAvailable(Exception):
    """The feature a row measures has not landed yet."""


@dataclass
class Row:
    what: str
    target: float | None  # None: informational (no target)
    unit: str = "ms"
    value: float | None = None
    note: str = ""
    cpu: float | None = None  # CPU time of the measured process (what contention cannot inflate)

    def cells(self) -> tuple[str, str, str, str]:
        target = f"< {self.target:g} {self.unit}" if self.target is not None else "-"
        if self.value is None:
            return self.what, self.note or "not available", target, "-"
        measured = f"{self.value:.0f} {self.unit}" if self.value >= 10 else f"{self.value:.1f} "
        if self.value < 10:
            measured += self.unit
        verdict = "ok" if self.target is None or self.value < self.target else "MISSED"
        if self.target is None:
            verdict = "info"
        notes = [self.note] if self.note else []
        if self.cpu is not None:
            notes.insert(
                0,
                f"cpu {self.cpu:.0f} ms"
                if self.unit == "ms"
                else f"cpu {self.cpu:.1f} {self.unit}",
            )
        extra = f" ({'; '.join(notes)})" if notes else ""
        return self.what, measured + extra, target, verdict


def median(samples: list[float]) -> float:
    return statistics.median(samples)


# --- data ----------------------------------------------------------------------------------------


def ensure_data(folder: Path, n: int) -> dict[str, Path]:
    """Generate the bench files into ``folder`` unless they are there for this generator."""
    from bench import generate

    stamp = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:16] + f"-{n}"
    names = {
        "network": "network.json",
        "nohistory": "network-nohistory.json",
        "linkedin": "Connections.csv",
        "vcard": "contacts.vcf",
        "messages": "messages.csv",
    }
    paths = {key: folder / name for key, name in names.items()}
    stamp_file = folder / "STAMP"
    if not (stamp_file.exists() and stamp_file.read_text() == stamp):
        print(f"generating {n:,} connections into {folder} ...", file=sys.stderr, flush=True)
        generate.generate(folder, n)
        stamp_file.write_text(stamp)
    return paths


# --- helpers -------------------------------------------------------------------------------------


def outreach_cmd() -> list[str]:
    script = Path(sys.executable).with_name("outreach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "planner"]


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(args: list[str], *, check: bool = True) -> tuple[float, float]:
    """Wall and CPU milliseconds of one process."""
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env=CHILD_ENV)
    elapsed = (time.perf_counter() - start) * 1000
    cpu = (_children_cpu() - cpu) * 1000
    if check and proc.returncode not in (0, 1):
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        if "invalid choice" in proc.stderr or "No module named" in proc.stderr:
            raise NotAvailable(last[:70])
        raise RuntimeError(f"exit {proc.returncode}: {last[:120]}")
    return elapsed, cpu


def medians(samples: list[tuple[float, float]]) -> tuple[float, float]:
    """Median wall and median CPU of (wall, cpu) samples."""
    return median([w for w, _ in samples]), median([c for _, c in samples])


def python_child(code: str, *args: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object last."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, env=CHILD_ENV
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        if "ModuleNotFoundError" in last or "ImportError" in last:
            raise NotAvailable(last[:70])
        raise RuntimeError(last[:160])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def optional(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            raise NotAvailable(f"{module} not landed") from None
        raise


# --- measurements --------------------------------------------------------------------------------

LOAD_CHILD = """
import json, sys, time
from bench.probe_tui import peak_mb
t0 = time.perf_counter()
from planner.storage import Store
t1 = time.perf_counter()
store = Store.open(sys.argv[1])
t2 = time.perf_counter()
out = {"import_ms": (t1 - t0) * 1000, "open_ms": (t2 - t1) * 1000}
if sys.argv[2] == "all":
    from datetime import date
    try:
        from planner.agenda import due_items
        due_items(store, date.fromisoformat(sys.argv[3]), 7)
    except ImportError:
        pass
    try:
        from planner.bulk import BulkIndex
        BulkIndex.from_store(store)
    except ImportError:
        pass
out["maxrss_mb"] = peak_mb()
print(json.dumps(out))
"""


def measure_load(path: Path, runs: int) -> list[float]:
    return [python_child(LOAD_CHILD, str(path), "load", TODAY)["open_ms"] for _ in range(runs)]


def measure_cli_memory(path: Path) -> float:
    return python_child(LOAD_CHILD, str(path), "all", TODAY)["maxrss_mb"]


def measure_due(path: Path, runs: int) -> tuple[float, float]:
    cmd = [*outreach_cmd(), "--db", str(path), "--today", TODAY, "due"]
    run_process(cmd)  # warm the OS file cache once
    return medians([run_process(cmd) for _ in range(runs)])


def measure_check_process(path: Path, runs: int, *, cached: bool = True) -> tuple[float, float]:
    """``outreach check`` as a whole process; ``cached``: with its check cache in place (any
    check after the first since the file changed), else the first (reads the file, writes it)."""
    from bench.bench_bulk import check_command

    optional("planner.bulk.snapshot")
    cmd = check_command(outreach_cmd(), path, TODAY, "c1")
    run_process(cmd)  # warm: word statistics, bytecode, file cache, the check cache
    if cached:
        return medians([run_process(cmd) for _ in range(runs)])
    cache_dir = Path(CHILD_ENV["OUTREACH_CACHE_DIR"])
    samples = []
    for _ in range(runs):
        for stale in cache_dir.glob("*.check"):
            stale.unlink()
        samples.append(run_process(cmd))
    return medians(samples)


def measure_check_after_log(
    path: Path, runs: int, workdir: Path
) -> tuple[tuple[float, float], tuple[float, float]]:
    """On a copy of ``path``: ``outreach log`` (a write: it saves the file and brings the
    summary and check caches up to date), then the first ``outreach check`` after it. Returns
    the medians (wall, cpu) of the checks and of the logs."""
    from bench.bench_bulk import check_command

    optional("planner.bulk.snapshot")
    copy = workdir / "check.json"  # log writes: never into the cached bench data
    shutil.copyfile(path, copy)
    check = check_command(outreach_cmd(), copy, TODAY, "c1")
    run_process(check)  # the first check: reads the file and writes the check cache
    logs, checks = [], []
    for n in range(runs):
        log = [*outreach_cmd(), "--db", str(copy), "--today", TODAY, "log", "--to", "c2"]
        logs.append(run_process([*log, "--text", f"Good to see you at the bench run {n}"]))
        checks.append(run_process(check))
    return medians(checks), medians(logs)


def measure_tui(
    path: Path, runs: int, workdir: Path, *, summary: bool = True
) -> list[dict[str, Any]]:
    """TUI runs on a copy of ``path``. With ``summary``, the copy's summary cache is written
    first, as every save by outreach leaves it (the usual start); without, the start after
    another program changed the file (or the very first one)."""
    optional("screens.app")
    results = []
    for n in range(runs + 1):  # the first run only warms the bytecode and file caches
        copy = workdir / "tui.json"  # the probe saves edits: never into the cached bench data
        shutil.copyfile(path, copy)
        prime_summary(copy, write=summary)
        spawned = time.time()
        proc = subprocess.run(
            [sys.executable, "-m", "bench.probe_tui", str(copy), TODAY],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=CHILD_ENV,
        )
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"TUI probe failed: {last[:160]}")
        if n == 0:
            continue
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        data["cold_start_ms"] = (data["today_painted"] - spawned) * 1000
        data["cold_start_cpu_ms"] = data["today_painted_cpu"] * 1000
        data["first_frame_ms"] = (data["first_frame"] - spawned) * 1000
        results.append(data)
    return results


def prime_summary(path: Path, *, write: bool) -> None:
    """Save ``path`` as outreach does (which writes its summary cache), or remove the summary
    (``write`` False) for the child processes."""
    try:
        from planner.storage import Store, summary
    except ImportError:
        return
    os.environ["OUTREACH_CACHE_DIR"] = CHILD_ENV["OUTREACH_CACHE_DIR"]
    store = Store.open(path)
    store.save(summary=write)
    if not write:
        summary.discard(path)


def _store(path: Path) -> Any:
    from planner.storage import Store

    return Store.open(path)


def measure_agenda(store: Any, runs: int) -> list[float]:
    """Warm calls (the TUI's refresh); bench.bench_agenda's timing when it is there."""
    from datetime import date

    due_items = optional("planner.agenda").due_items
    today = date.fromisoformat(TODAY)
    try:
        from bench.bench_agenda import time_due_items
    except ImportError:
        due_items(store, today, 7)
    else:
        return [time_due_items(store, today, days=7, runs=runs).median_ms]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        due_items(store, today, 7)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _check_messages(store: Any, k: int) -> list[tuple[str, list[str]]]:
    """Recipients and ~300-character texts: some reuse a logged bulk text, some are personal."""
    people = sorted(store.connections.values(), key=lambda c: c.id)
    texts = [i.text for i in store.interactions.values() if len(i.text) > 120]
    out = []
    for n in range(k):
        person = people[(n * 7919) % len(people)]
        base = texts[(n * 104729) % len(texts)] if texts else "Hello"
        text = f"Hi {person.first_name}, " + (base * 3)[:280]
        out.append((text, [person.id]))
    return out


def measure_history_filter(store: Any, runs: int) -> tuple[list[float], float]:
    """People's filter over profiles and message history, keystroke by keystroke: the
    filter call per key (typing words from messages, then deleting them: wall and CPU
    milliseconds) and the CPU time of the message index build (once, after the history
    loads, in a worker)."""
    from datetime import date

    from planner.search import MessageIndex
    from screens.people import PeopleIndex

    index = PeopleIndex()
    index.rebuild(store, date.fromisoformat(TODAY))
    start = time.process_time()
    messages = MessageIndex.from_store(store)
    build_ms = (time.process_time() - start) * 1000  # CPU: the build runs in a worker
    index.set_messages(messages)
    index.filter("", "name")  # the whole list, as People shows before the first keystroke
    words = sorted(
        {w.strip(".,!?").lower() for i in list(store.interactions.values())[:2000]
         for w in i.text.split() if len(w) >= 7}
    )  # fmt: skip
    queries = [words[(k * 7919) % len(words)] for k in range(4)] if words else ["meeting"]
    samples: list[float] = []
    cpu_samples: list[float] = []
    for _ in range(runs):
        for query in queries:
            for end in [*range(1, len(query) + 1), *range(len(query) - 1, -1, -1)]:
                start, cpu = time.perf_counter(), time.process_time()
                index.filter(query[:end], "name")
                samples.append((time.perf_counter() - start) * 1000)
                cpu_samples.append((time.process_time() - cpu) * 1000)
        index.set_messages(messages)  # a fresh start per run (no results kept from the last)
    return samples, build_ms, cpu_samples


def measure_agenda_cold(store: Any) -> float:
    """The first call in a process (RRULE caches empty): what ``outreach due`` pays."""
    from datetime import date

    optional("planner.agenda")
    try:
        from bench.bench_agenda import time_cold_due_items
    except ImportError as exc:
        raise NotAvailable("bench_agenda not landed") from exc
    return time_cold_due_items(store, date.fromisoformat(TODAY), days=7)


def measure_check(store: Any, runs: int) -> tuple[list[float], float]:
    """Checks of ~300-character messages against the whole history, and the index build;
    bench.bench_bulk's timing when it is there."""
    from datetime import date

    bulk = optional("planner.bulk")
    try:
        from bench.bench_bulk import time_check
    except ImportError:
        pass
    else:
        timing = time_check(store, date.fromisoformat(TODAY), runs=max(runs, 10) * 5)
        return [timing.median_ms], timing.build_ms
    start = time.perf_counter()
    index = bulk.BulkIndex.from_store(store)
    build_ms = (time.perf_counter() - start) * 1000
    today = date.fromisoformat(TODAY)
    samples = []
    for text, recipients in _check_messages(store, max(runs, 5) * 4):
        start = time.perf_counter()
        bulk.check_message(text, recipients, store=store, index=index, today=today)
        samples.append((time.perf_counter() - start) * 1000)
    return samples, build_ms


def measure_save(path: Path, runs: int, workdir: Path, kind: str) -> list[float]:
    """One edit made durable: ``journal`` (what the TUI does per edit), ``whole`` (the whole
    file rewritten: CLI commands, quitting the TUI) or ``summary`` (the summary cache refresh
    the TUI runs in the background after saves go quiet)."""
    from datetime import date

    from planner.models import Interaction
    from planner.storage import Store

    copy = workdir / "save.json"
    shutil.copyfile(path, copy)
    store = Store.open(copy)
    store.save(summary=False)  # as outreach last saved it (the journal needs its snapshot)
    cid = next(iter(store.connections))
    samples = []
    for n in range(runs):
        store.put(Interaction(store.new_id("interactions"), cid, date(2026, 11, 26), text=f"{n}"))
        start = time.perf_counter()
        if kind == "summary":
            store.save(summary=False, journal=True)
            start = time.perf_counter()
            store.write_summary()
        else:
            store.save(summary=False, journal=kind == "journal")
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure_import(
    kind: str, paths: dict[str, Path], runs: int, workdir: Path
) -> tuple[float, float]:
    from bench.generate import ME_URL

    base = [*outreach_cmd(), "--today", TODAY]
    samples = []
    for n in range(runs):
        db = workdir / f"import-{kind}-{n}.json"
        db.unlink(missing_ok=True)
        if kind == "messages":  # messages match connections by profile URL: import those first
            run_process([*base, "--db", str(db), "import", "linkedin", str(paths["linkedin"])])
            cmd = [*base, "--db", str(db), "import", "linkedin", str(paths["messages"])]
            cmd += ["--me", ME_URL]
        elif kind == "vcard":
            cmd = [*base, "--db", str(db), "import", "vcard", str(paths["vcard"])]
        else:
            cmd = [*base, "--db", str(db), "import", "linkedin", str(paths["linkedin"])]
        samples.append(run_process(cmd))
    return medians(samples)


# --- the table -----------------------------------------------------------------------------------


#: Only rows whose name contains this text (``--only``); empty: every row.
ONLY = ""


def attempt(row: Row, fn: Callable[[], float | tuple[float, float]]) -> Row:
    """Fill ``row`` from ``fn`` (a figure, or wall and CPU); failures become notes."""
    if ONLY and ONLY.casefold() not in row.what.casefold():
        row.note = "skipped (--only)"
        return row
    try:
        result = fn()
        if isinstance(result, tuple):
            row.value, row.cpu = result
        else:
            row.value = result
    except NotAvailable as exc:
        row.note = f"not available ({exc})" if str(exc) else "not available"
    except Exception as exc:  # a failing feature must not hide the other rows
        row.note = f"error: {type(exc).__name__}: {str(exc)[:90]}"
    return row


def run(size: str, runs: int, data_dir: Path) -> list[Row]:
    from bench.generate import SIZES, Sizes

    n = SIZES[size]
    sizes = Sizes.for_connections(n)
    paths = ensure_data(data_dir / size, n)
    rows: list[Row] = []
    slow_runs = max(1, min(runs, 3)) if size == "full" else runs
    workdir = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
    CHILD_ENV["OUTREACH_CACHE_DIR"] = str(workdir / "cache")  # never the user's cache
    try:
        tui: list[dict[str, Any]] = []

        def tui_runs() -> list[dict[str, Any]]:
            if not tui:
                try:
                    tui.extend(measure_tui(paths["network"], runs, workdir))
                except RuntimeError:  # e.g. a screen module caught mid-edit: one more try
                    tui.extend(measure_tui(paths["network"], runs, workdir))
            return tui

        def per_key(field: str) -> float:
            samples = [s for r in tui_runs() for s in r.get(field, [])]
            if not samples:
                raise NotAvailable("no such control yet")
            return median(samples)

        rows.append(
            attempt(
                Row("TUI cold start to Today painted", 1000),
                lambda: (
                    median([r["cold_start_ms"] for r in tui_runs()]),
                    median([r["cold_start_cpu_ms"] for r in tui_runs()]),
                ),
            )
        )
        rows.append(
            attempt(
                Row("  TUI cold start to first frame (loading...)", None),
                lambda: median([r["first_frame_ms"] for r in tui_runs()]),
            )
        )
        rows.append(
            attempt(
                Row("  TUI cold start without a summary cache (first start)", None),
                lambda: median(
                    [
                        r["cold_start_ms"]
                        for r in measure_tui(paths["network"], slow_runs, workdir, summary=False)
                    ]
                ),
            )
        )
        rows.append(
            attempt(
                Row(f"People filter, per keystroke ({n:,} people)", 50), lambda: per_key("filter")
            )
        )
        rows.append(attempt(Row("Cursor move, Today", 50), lambda: per_key("cursor_today")))
        rows.append(attempt(Row("Cursor move, People", 50), lambda: per_key("cursor_people")))
        rows.append(attempt(Row("Switching sections", 50), lambda: per_key("switch")))
        rows.append(attempt(Row("TUI edit: on screen", 50), lambda: per_key("edit_frame")))
        rows.append(
            attempt(
                Row("TUI edit: durable (coalesced background save)", 300),
                lambda: per_key("edit_saved"),
            )
        )
        rows.append(
            attempt(
                Row("  first open of People (builds its index)", None),
                lambda: median([r["people_first_open"] for r in tui_runs()]),
            )
        )

        def triage_open() -> float:
            samples = [r["triage_open"] for r in tui_runs() if "triage_open" in r]
            if not samples:
                raise NotAvailable("no triage screen yet")
            return median(samples)

        rows.append(
            attempt(Row(f"Triage, open from the palette ({n:,} people)", 1000), triage_open)
        )
        rows.append(attempt(Row("Triage, cursor move", 50), lambda: per_key("triage_cursor")))
        rows.append(attempt(Row("Triage, page scroll", 50), lambda: per_key("triage_page")))

        store_box: list[Any] = []

        def store() -> Any:
            if not store_box:
                store_box.append(_store(paths["network"]))
            return store_box[0]

        check_box: list[Any] = []

        def check() -> tuple[list[float], float]:
            if not check_box:
                check_box.append(measure_check(store(), runs))
            return check_box[0]

        rows.append(
            attempt(
                Row(f"`outreach check`, {sizes.interactions:,} logged messages", 20),
                lambda: median(check()[0]),
            )
        )
        rows.append(attempt(Row("  bulk index build (once per load)", None), lambda: check()[1]))
        search_box: list[Any] = []

        def search() -> tuple[list[float], float, list[float]]:
            if not search_box:
                search_box.append(measure_history_filter(store(), runs))
            return search_box[0]

        rows.append(
            attempt(
                Row(
                    f"People filter incl. message history, worst keystroke ({n:,} people, "
                    f"{sizes.interactions:,} messages)",
                    50,
                ),
                lambda: (max(search()[0]), max(search()[2])),
            )
        )
        rows.append(
            attempt(
                Row("  median keystroke of the filter with history (typing narrows)", None),
                lambda: (median(search()[0]), median(search()[2])),
            )
        )
        rows.append(
            attempt(
                Row("  message history index build, CPU (once, in a worker)", None),
                lambda: search()[1],
            )
        )
        rows.append(
            attempt(
                Row(f"`outreach check` process, {n:,} contacts (check cache)", 300),
                lambda: measure_check_process(paths["network"], runs),
            )
        )
        after_log: list[Any] = []

        def check_after_log() -> tuple[tuple[float, float], tuple[float, float]]:
            if not after_log:
                after_log.append(measure_check_after_log(paths["network"], slow_runs, workdir))
            return after_log[0]

        rows.append(
            attempt(
                Row(
                    "  `outreach check` process, first after `outreach log` (cache refreshed)", 300
                ),
                lambda: check_after_log()[0],
            )
        )
        rows.append(
            attempt(
                Row(
                    "  `outreach log` process (saves; refreshes the summary and check caches)", None
                ),
                lambda: check_after_log()[1],
            )
        )
        rows.append(
            attempt(
                Row("  `outreach check` process without a check cache (reads the file)", None),
                lambda: measure_check_process(paths["network"], slow_runs, cached=False),
            )
        )
        rows.append(
            attempt(
                Row("Agenda for the whole network", 100),
                lambda: median(measure_agenda(store(), max(runs, 5))),
            )
        )
        rows.append(
            attempt(
                Row("  agenda, first call in a process (cold caches)", None),
                lambda: measure_agenda_cold(store()),
            )
        )
        rows.append(
            attempt(
                Row(f"`outreach due` process, {n:,} contacts, no history", 160),
                lambda: measure_due(paths["nohistory"], runs),
            )
        )
        rows.append(
            attempt(
                Row("  `outreach due` process, full network", None),
                lambda: measure_due(paths["network"], slow_runs),
            )
        )
        rows.append(
            attempt(
                Row("Durable save of an edit (journal append + fsync)", 300),
                lambda: median(measure_save(paths["network"], max(runs, 5), workdir, "journal")),
            )
        )
        rows.append(
            attempt(
                Row("  whole-file save (orjson + fsync + replace: CLI, quit)", None),
                lambda: median(measure_save(paths["network"], slow_runs, workdir, "whole")),
            )
        )
        rows.append(
            attempt(
                Row("  summary cache refresh (TUI: in the background)", None),
                lambda: median(measure_save(paths["network"], slow_runs, workdir, "summary")),
            )
        )
        rows.append(
            attempt(
                Row("  store load (fresh process)", None),
                lambda: median(measure_load(paths["network"], slow_runs)),
            )
        )
        rows.append(
            attempt(
                Row("  store load, no history (fresh process)", None),
                lambda: median(measure_load(paths["nohistory"], runs)),
            )
        )
        for kind, what, target in (
            ("linkedin", f"Import {n:,}-row Connections.csv", 5000),
            ("vcard", f"Import {n:,}-card vCard", 10000),
            ("messages", f"Import {sizes.interactions:,}-row messages.csv", 15000),
        ):
            rows.append(
                attempt(
                    Row(what, target / 1000, unit="s"),
                    lambda kind=kind: tuple(
                        v / 1000 for v in measure_import(kind, paths, slow_runs, workdir)
                    ),
                )
            )

        peak_row = Row("Peak memory (TUI or CLI process)", 600, unit="MB")

        def peak() -> float:
            cli = measure_cli_memory(paths["network"])
            tui_mb = max((r["maxrss_mb"] for r in tui), default=0.0)
            peak_row.note = f"TUI {tui_mb:.0f} MB, CLI load+agenda+bulk index {cli:.0f} MB"
            return max(cli, tui_mb)

        rows.append(attempt(peak_row, peak))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return rows


def machine() -> str:
    cpus = os.cpu_count()
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except OSError:
        mem = ""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    py = sys.version.split()[0]
    return (
        f"{cpus} CPUs ({model}), {mem}, Python {py}, load average {load:.2f}, "
        f"speed check {speed_check():.0f} ms"
    )


def speed_check() -> float:
    """Milliseconds for a fixed pure-Python loop (best of 3): the same machine can run at
    different speeds from hour to hour (shared host), so runs are comparable only with this."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def print_table(rows: list[Row], header: str) -> None:
    cells = [("what", "measured", "target", "ok?"), *(r.cells() for r in rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    print(header)
    for k, c in enumerate(cells):
        print("| " + " | ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--size", choices=("small", "medium", "full"), default="small")
    parser.add_argument("--runs", type=int, help="runs per row (default 3 small, 5 otherwise)")
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "outreach-bench-data",
        help="where generated data is cached (default: %(default)s)",
    )
    parser.add_argument("--only", default="", metavar="TEXT", help="only rows naming TEXT")
    args = parser.parse_args(argv)
    global ONLY
    ONLY = args.only
    runs = max(1, args.runs or DEFAULT_RUNS[args.size])
    use_bytecode_cache(args.data / "pycache")
    start = time.perf_counter()
    load_before = machine()
    rows = run(args.size, runs, args.data)
    header = (
        f"outreach bench, size {args.size}, {runs} runs per row (median); {load_before}; "
        f"took {time.perf_counter() - start:.0f} s; child processes use a bytecode cache"
    )
    print_table(rows, header)
    if os.getloadavg()[0] > (os.cpu_count() or 1) * 0.5:
        print("note: the machine was busy while measuring; figures are inflated.")
    missed = [
        r for r in rows if r.target is not None and r.value is not None and r.value >= r.target
    ]
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
