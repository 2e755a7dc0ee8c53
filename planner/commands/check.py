"""``outreach check``: does a message read like a bulk send? Also the check ``plan`` runs.

Exit codes: 0 personal, 1 review or bulk, 2 usage error (unknown recipient, empty or unreadable
text). ``check`` never writes the data file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from planner.commands.common import print_json, resolve_all
from planner.commands.context import EXIT_OK, EXIT_WARNINGS, Context, UsageError
from planner.storage import Store
from planner.text import safe

if TYPE_CHECKING:
    from planner.bulk import Verdict


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``check``."""
    p = sub.add_parser(
        "check",
        help="say whether a message reads like a bulk send, and why (never writes)",
        description="Check a message before sending it: exit 0 when it reads as personal, "
        "1 when it needs a review or reads like a bulk send, 2 for usage errors.",
    )
    p.add_argument(
        "--to",
        action="append",
        required=True,
        metavar="NAME",
        dest="to",
        help="recipient: full name (any case) or id; repeat for several",
    )
    text = p.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", help="the message")
    text.add_argument(
        "--text-file", metavar="PATH", help="read the message from PATH ('-' for stdin)"
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        help="the day it would be sent: history is compared from 30 days before (default today)",
    )
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.set_defaults(func=cmd_check)


def _read_text(ctx: Context) -> str:
    a = ctx.args
    if a.text is not None:
        text = a.text
    elif a.text_file == "-":
        text = sys.stdin.read()
    else:
        path = Path(a.text_file).expanduser()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise UsageError(f"--text-file: {path}: no such file") from None
        except IsADirectoryError:
            raise UsageError(f"--text-file: {path}: is a folder, give a text file") from None
        except UnicodeDecodeError:
            raise UsageError(f"--text-file: {path}: not UTF-8 text; save it as UTF-8") from None
        except OSError as exc:
            raise UsageError(f"--text-file: {path}: {exc.strerror or exc}") from None
    if not text.strip():
        where = "--text" if a.text is not None else f"--text-file {a.text_file}"
        raise UsageError(f"check: {where}: the message is empty; give the text to check")
    return text


def cmd_check(ctx: Context) -> int:
    from planner.bulk import BulkIndex, check_message, snapshot

    text = _read_text(ctx)
    on = ctx.date_arg(ctx.args.on) or ctx.today
    # the check cache when it matches the file (see planner.bulk.snapshot), else the file
    verdict = None
    snap = snapshot.load(ctx.db_path, on)
    if snap is not None:
        try:
            people = snap.resolve(ctx.args.to)
            if people is not None:
                ids = [c.id for c in people]
                view: Any = snap.view
                verdict = check_message(text, ids, store=view, index=snap.index, today=on)
        except snapshot.Damaged:
            verdict = None  # a contact's part failed its checksum: the file decides
        finally:
            snap.close()
    if verdict is None:
        store = ctx.open_store()
        people = resolve_all(store, ctx.args.to)
        index = BulkIndex.from_store(store)
        verdict = check_message(text, [c.id for c in people], store=store, index=index, today=on)
        snapshot.write(store, index, ctx.today)
    if ctx.args.json:
        print_json(ctx, verdict.to_json())
    else:
        print_verdict(verdict, ctx.out)
    return EXIT_OK if verdict.verdict == "personal" else EXIT_WARNINGS


def print_verdict(verdict: Verdict, out: TextIO, *, findings_only: bool = False) -> None:
    """The human-readable verdict: one line, the findings, the suggestion."""
    if not findings_only:
        print(f"{verdict.verdict} (score {verdict.score:.2f})", file=out)
    for f in verdict.findings:
        print(f"  {f.severity:<8} {f.code:<19} {safe(f.message)}", file=out)
    if verdict.suggestion:
        print(f"  suggestion: {safe(verdict.suggestion)}", file=out)
    if not findings_only and not verdict.findings:
        print("  nothing here reads like a bulk send", file=out)


def warn_before_saving(
    ctx: Context,
    store: Store,
    text: str,
    recipient_ids: Sequence[str],
    on: date,
    *,
    ignore_plan: str | None = None,
) -> bool:
    """Run the bulk-send check on a message about to be planned; print findings to stderr.

    Returns True when saving may go ahead (verdict not ``bulk``, or ``--yes`` given); the
    caller reports that nothing was saved. Findings are printed either way.
    """
    if not text.strip():
        return True  # a plan still "to write" has nothing to check yet
    from planner.bulk import BulkIndex, check_message

    index = BulkIndex.from_store(store)
    verdict = check_message(
        text, recipient_ids, store=store, index=index, today=on, ignore_plan=ignore_plan
    )
    if not verdict.findings:
        return True
    err = sys.stderr
    label = {"personal": "note", "review": "review", "bulk": "bulk"}[verdict.verdict]
    print(
        f"outreach: bulk-send check: {label} (score {verdict.score:.2f})",
        file=err,
    )
    print_verdict(verdict, err, findings_only=True)
    # the caller says "not saved" (it knows which command refused)
    return verdict.verdict != "bulk" or bool(getattr(ctx.args, "yes", False))
