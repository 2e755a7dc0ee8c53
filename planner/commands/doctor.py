"""``outreach doctor``: list the records that break the data file's integrity, and repair them.

Exit codes: 0 the file is sound (or was repaired), 1 problems listed (add ``--repair``), 3 the
file cannot be read at all. ``--repair`` first writes the whole network as it is, journal
included, to ``<data file>.before-doctor.bak`` (a valid data file), then fixes each problem
(see :mod:`planner.integrity`) in one atomic save, written as one change through
:meth:`planner.operations.Operations.repair` like every other write.
"""

from __future__ import annotations

import argparse
import copy
import os
from pathlib import Path

from planner.commands.common import print_json
from planner.commands.context import EXIT_OK, EXIT_WARNINGS, Context, UsageError
from planner.text import safe


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "doctor",
        help="check the data file's integrity (orphans, duplicate ids) and repair it",
        description="List records that break the data file's integrity: history or plans of "
        "people who do not exist, and ids used twice. With --repair, a backup of the whole "
        "network is written first (<data file>.before-doctor.bak), then every problem is "
        "fixed: duplicates get fresh ids, missing people come back as placeholders so no "
        "history is lost. Exit 0 sound or repaired, 1 problems found, 3 unreadable file.",
    )
    p.add_argument("--repair", action="store_true", help="back up, then fix every problem")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(ctx: Context) -> int:
    import orjson

    from planner import integrity
    from planner.operations import Operations
    from planner.storage import Store

    with Store.open(ctx.db_path, lock=True, integrity=False) as store:
        store.load_history()
        data = store.storage.data
        found = integrity.problems(data)
        repaired: list[str] = []
        backup = None
        if ctx.args.repair and found:
            backup = _backup(ctx, orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")
            fixed = copy.deepcopy(data)
            repaired = integrity.repair(fixed)
            Operations(store).repair(fixed)  # validated whole, one change, like every write
            store.save()
    if ctx.args.json:
        print_json(
            ctx,
            {
                "problems": [p.to_json() for p in found],
                "repaired": repaired,
                "backup": str(backup) if backup else None,
            },
        )
    else:
        out = ctx.out
        for p in found:
            print(f"{p.kind:<13} {safe(p.message)}", file=out)
        if backup is not None:
            print(f"backup of the data file as it was: {safe(str(backup))}", file=out)
            for line in repaired:
                print(f"repaired: {safe(line)}", file=out)
        if not found:
            print("the data file is sound: no orphans, no duplicate ids", file=out)
        elif backup is None:
            n = len(found)
            print(
                f"{n} problem{'s' if n != 1 else ''}: run 'outreach doctor --repair' to fix "
                "them (a backup is written first)",
                file=out,
            )
    return EXIT_WARNINGS if found and backup is None else EXIT_OK


def _backup(ctx: Context, data: bytes) -> Path:
    """Write ``data`` to a new ``<data file>.before-doctor[-N].bak`` (never over an older one)."""
    from planner.storage.files import write_new

    for n in range(1, 1000):
        suffix = ".before-doctor.bak" if n == 1 else f".before-doctor-{n}.bak"
        path = ctx.db_path.with_name(ctx.db_path.name + suffix)
        if not os.path.lexists(path):
            write_new(path, data)
            return path
    raise UsageError(f"{ctx.db_path}: too many doctor backups beside it; move some away")
