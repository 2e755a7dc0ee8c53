"""Import and export commands: LinkedIn export, vCard, iCalendar, JSON backup, CSV; dupes, merge.

Every import parses the whole file before the data file is touched and saves once at the end,
so a refused file (exit 2) changes nothing and an accepted one is one atomic write.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from planner.commands.common import print_json, resolve
from planner.commands.context import EXIT_OK, EXIT_WARNINGS, ArgumentParser, Context, UsageError
from planner.operations import Operations
from planner.text import safe

if TYPE_CHECKING:
    from planner.transfer import ImportReport


def register(sub: argparse._SubParsersAction) -> None:
    imp = sub.add_parser(
        "import",
        help="bring people in: LinkedIn export, vCard, or a JSON backup",
        description="Import people and history. Exit 0 every row taken, 1 some rows skipped "
        "(each listed with its line) or one file of several not imported, 2 not a recognised "
        "file (nothing imported).",
    )
    isub = imp.add_subparsers(
        dest="format", metavar="FORMAT", required=True, parser_class=ArgumentParser
    )
    li = isub.add_parser(
        "linkedin",
        help="LinkedIn data export: Connections.csv, messages.csv, Invitations.csv, "
        "Profile.csv, the export zip or its folder",
    )
    li.add_argument(
        "paths", nargs="+", metavar="PATH", help="Connections.csv, messages.csv, the zip, ..."
    )
    li.add_argument(
        "--me",
        metavar="URL|NAME",
        help="your own profile URL or name as the messages show it (else taken from "
        "Profile.csv, else the name on the most messages)",
    )
    li.add_argument(
        "--every",
        metavar="CADENCE",
        help="keep-in-touch cadence for people this import adds (e.g. 6m); others keep theirs",
    )
    _import_options(li)
    li.set_defaults(func=cmd_import_linkedin)

    vc = isub.add_parser(
        "vcard", help="vCard 2.1 / 3.0 / 4.0 file (.vcf), e.g. a phone address book"
    )
    vc.add_argument("path", metavar="PATH")
    _import_options(vc)
    vc.set_defaults(func=cmd_import_vcard)

    js = isub.add_parser(
        "json",
        help="restore a backup made by 'export json' (replaces the whole network)",
        description="Restore a backup made by 'outreach export json': the network becomes "
        "exactly the backup's. The current data file is first copied beside it "
        "(<data file>.before-restore.bak).",
    )
    js.add_argument("path", metavar="PATH")
    js.set_defaults(func=cmd_import_json)

    exp = sub.add_parser("export", help="write the network out: vCard, iCalendar, JSON, CSV")
    esub = exp.add_subparsers(
        dest="format", metavar="FORMAT", required=True, parser_class=ArgumentParser
    )
    for name, func, helptext in (
        ("vcard", cmd_export_vcard, "vCard 3.0 address book of every connection"),
        ("ics", cmd_export_ics, "iCalendar: birthdays, occasions and planned messages"),
        ("json", cmd_export_json, "full backup (restore with 'outreach import json')"),
        ("csv", cmd_export_csv, "spreadsheet of connections (formula-safe cells)"),
    ):
        p = esub.add_parser(name, help=helptext)
        p.add_argument(
            "-o", "--output", metavar="PATH", default="-", help="file to write ('-' = stdout)"
        )
        p.add_argument("--force", action="store_true", help="replace the output file if it exists")
        if name == "csv":
            p.add_argument("--bom", action="store_true", help="start with a UTF-8 BOM (for Excel)")
        p.set_defaults(func=func)

    dupes = sub.add_parser("dupes", help="list likely duplicate people (same URL, email, name)")
    dupes.add_argument("--json", action="store_true", help="print JSON")
    dupes.set_defaults(func=cmd_dupes)

    merge = sub.add_parser(
        "merge", help="merge OTHER into KEEP, keeping every note, tag, occasion and interaction"
    )
    merge.add_argument("keep", metavar="KEEP", help="name or id of the record to keep")
    merge.add_argument("other", metavar="OTHER", help="name or id of the record merged away")
    merge.set_defaults(func=cmd_merge)


def _import_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dry-run", action="store_true", help="report what would happen; save nothing")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")


# --- imports -------------------------------------------------------------------------------------


def _paused_gc():  # noqa: ANN202 - a context manager
    from planner.transfer import paused_gc

    return paused_gc()


def cmd_import_linkedin(ctx: Context) -> int:
    with _paused_gc():
        return _import_linkedin(ctx)


def _import_linkedin(ctx: Context) -> int:
    from planner.models import parse_cadence
    from planner.transfer import NotRecognised
    from planner.transfer.jobs import read_import

    a = ctx.args
    cadence = parse_cadence(a.every) if a.every else None
    try:
        paths = [Path(path).expanduser() for path in a.paths]
        prepared = read_import("linkedin", paths, me=a.me, cadence=cadence, today=ctx.today)
        with ctx.open_store(write=True) as store:
            reports = prepared.run(Operations(store))
            if not a.dry_run:
                store.save()
    except NotRecognised as exc:
        raise UsageError(str(exc)) from None
    code = _finish_import(ctx, reports)
    if not a.json and not a.dry_run:
        from planner.transfer.jobs import next_steps

        for line in next_steps(prepared):
            print(line, file=ctx.out)
    return code


def cmd_import_vcard(ctx: Context) -> int:
    with _paused_gc():
        return _import_vcard(ctx)


def _import_vcard(ctx: Context) -> int:
    from planner.transfer import NotRecognised
    from planner.transfer.jobs import read_import

    try:
        prepared = read_import("vcard", [Path(ctx.args.path).expanduser()])
        with ctx.open_store(write=True) as store:
            reports = prepared.run(Operations(store))
            if not ctx.args.dry_run:
                store.save()
    except NotRecognised as exc:
        raise UsageError(str(exc)) from None
    return _finish_import(ctx, reports)


def _finish_import(ctx: Context, reports: list[ImportReport]) -> int:
    skipped = any(r.skipped or r.error for r in reports)
    if ctx.args.json:
        print_json(ctx, [r.to_json() for r in reports])
        return EXIT_WARNINGS if skipped else EXIT_OK
    from planner.transfer.jobs import import_summary

    out = ctx.out
    for line in import_summary(reports):
        print(line, file=out)
    if ctx.args.dry_run:
        print("dry run: nothing was saved", file=out)
    return EXIT_WARNINGS if skipped else EXIT_OK


def cmd_import_json(ctx: Context) -> int:
    with _paused_gc():
        return _import_json(ctx)


def _import_json(ctx: Context) -> int:
    from planner.transfer import NotRecognised
    from planner.transfer.jobs import read_import, restore_summary

    path = Path(ctx.args.path).expanduser()
    try:
        prepared = read_import("json", [path])
        with ctx.open_store(write=True) as store:
            prepared.run(Operations(store))
            store.save()
    except NotRecognised as exc:
        raise UsageError(str(exc)) from None
    for line in restore_summary(store, path, prepared.copy):
        print(line, file=ctx.out)
    return EXIT_OK


# --- exports -------------------------------------------------------------------------------------


def _write(ctx: Context, data: bytes, what: str, *, json_text: bool = False) -> int:
    """Write an export to ``-o`` atomically, or to stdout for ``-``.

    On a terminal, stdout gets the export with terminal controls shown visibly (JSON with
    ``\\u`` escapes); piped or redirected, and in files, the data is verbatim. An existing file
    is only replaced with ``--force``; the data file and the files that belong to it (journal,
    lock, backups, summary cache) are always refused.
    """
    target = ctx.args.output
    if target == "-":
        text = data.decode("utf-8")
        out = ctx.out
        if out.isatty():
            from planner.text import json_safe

            out.write(json_safe(text) if json_text else text)  # SafeWriter shows controls
        else:
            getattr(out, "raw", out).write(text)
        out.flush()
        return EXIT_OK
    from planner.storage import DataFileError, write_atomic

    path = Path(target).expanduser()
    from planner.transfer.jobs import guarded_file

    guarded = guarded_file(ctx.db_path, path)
    if guarded:
        raise UsageError(f"-o {target}: that is {guarded}; choose another path")
    if path.is_dir():
        raise UsageError(f"-o {target}: is a folder; give a file name, e.g. {path / 'out'}")
    if os.path.lexists(path) and not ctx.args.force:
        raise UsageError(f"-o {target}: the file exists; add --force to replace it")
    try:
        write_atomic(path, data)
    except DataFileError as exc:
        raise UsageError(str(exc)) from None
    print(f"wrote {what} to {safe(str(path))}", file=ctx.out)
    return EXIT_OK


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cmd_export_vcard(ctx: Context) -> int:
    from planner.transfer.vcard import export_cards

    store = ctx.open_store()
    data = export_cards(store.connections.values())
    return _write(ctx, data, _plural(len(store.connections), "contact"))


def cmd_export_ics(ctx: Context) -> int:
    from planner.transfer.ics import export_calendar

    store = ctx.open_store()
    data, count = export_calendar(store, ctx.today)
    return _write(ctx, data, _plural(count, "event"))


def cmd_export_json(ctx: Context) -> int:
    from planner.transfer.backup import export_backup

    store = ctx.open_store()
    what = f"a backup of {_plural(len(store.connections), 'connection')}"
    return _write(ctx, export_backup(store), what, json_text=True)


def cmd_export_csv(ctx: Context) -> int:
    from planner.transfer.spreadsheet import export_csv

    store = ctx.open_store()
    data = export_csv(store, bom=ctx.args.bom)
    return _write(ctx, data, _plural(len(store.connections), "row"))


# --- duplicates ----------------------------------------------------------------------------------


def cmd_dupes(ctx: Context) -> int:
    from planner.transfer.dupes import find_duplicates

    store = ctx.open_store()
    pairs = find_duplicates(store)
    if ctx.args.json:
        print_json(ctx, [p.to_json() for p in pairs])
        return EXIT_OK
    for p in pairs:
        keep, other = store.connections[p.keep], store.connections[p.other]
        print(
            f"{keep.id:>6} {safe(_label(keep))}  ~  {other.id} {safe(_label(other))}: "
            f"{safe('; '.join(p.reasons))}",
            file=ctx.out,
        )
        print(f"       merge: outreach merge {keep.id} {other.id}", file=ctx.out)
    print(f"{_plural(len(pairs), 'likely duplicate')}", file=ctx.out)
    return EXIT_OK


def _label(conn) -> str:  # noqa: ANN001 - a Connection
    return conn.name + (f" ({conn.company})" if conn.company else "")


def cmd_merge(ctx: Context) -> int:
    with ctx.open_store(write=True) as store:
        keep = resolve(store, ctx.args.keep)
        other = resolve(store, ctx.args.other)
        if keep.id == other.id:
            raise UsageError(f"merge: {ctx.args.keep!r} and {ctx.args.other!r} are the same record")
        result = Operations(store).merge_people(keep.id, other.id)
        store.save()
    print(
        f"merged {other.id} {safe(other.name)} into {keep.id} {safe(keep.name)}: "
        f"{_plural(result.interactions, 'interaction')}, {_plural(result.occasions, 'occasion')}, "
        f"{_plural(result.plans, 'plan')} moved",
        file=ctx.out,
    )
    return EXIT_OK
