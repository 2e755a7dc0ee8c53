"""Imports and exports as whole jobs, for the CLI and the TUI alike.

An import has two phases: :func:`read_import` reads and parses the file (slow, no store
involved, so the TUI runs it in a worker), and the :class:`PreparedImport` it returns is then
applied through :class:`planner.operations.Operations` (one change, one undo step). An export
is :func:`export_data` (the bytes and what they hold) and :func:`check_target` (never over the
data file or its own files; an existing file only when replacing is asked for).
:func:`import_summary` says what an import did, in the lines both front ends show.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from planner.text import safe
from planner.transfer import ImportReport, NotRecognised

if TYPE_CHECKING:
    from planner.storage import Store

T = TypeVar("T")


class Operations(Protocol):
    """What an import needs of :class:`planner.operations.Operations` (named here, not
    imported: the operations import the transfer modules)."""

    def import_records(self, description: str, run: Callable[[Store], T]) -> T: ...

    def restore(self, data: dict[str, Any]) -> Path | None: ...


IMPORT_FORMATS = ("linkedin", "vcard", "json")
EXPORT_FORMATS = ("vcard", "ics", "json", "csv")


@dataclass
class PreparedImport:
    """A parsed file, ready to be applied: ``run(ops)`` returns the reports (a restore: none)."""

    description: str
    run: Callable[[Operations], list[ImportReport]]
    restore_from: Path | None = None  # a JSON backup: the whole network is replaced
    copy: Path | None = None  # after a restore: where the previous data file was copied
    fmt: str = ""
    new_roles: int = 0  # after a LinkedIn import: people whose company or position changed


def read_linkedin(paths: Sequence[Path]) -> list[Any]:
    """The LinkedIn export files in ``paths`` (files, folders, zips), people first; a path that
    is not one is reported as an unreadable file beside the others, and only when nothing at
    all could be read is NotRecognised raised."""
    from planner.transfer.linkedin import ExportFile, read_export, unreadable

    files: list[ExportFile] = []
    refused: list[ExportFile] = []
    for path in paths:
        try:
            files.extend(read_export(path))
        except NotRecognised as exc:
            refused.append(unreadable(path.name, str(exc)))
    if not files:
        raise NotRecognised(refused[0].error)
    return files + refused  # never blocks the files named with it: reported, the others import


def imported(names: Sequence[str]) -> str:
    """The undo description of an import: "imported Connections.csv and messages.csv"."""
    unique = list(dict.fromkeys(names))
    return "imported " + (" and ".join(unique) if len(unique) <= 2 else f"{len(unique)} files")


def read_import(
    fmt: str,
    paths: Sequence[Path],
    *,
    me: str | None = None,
    cadence: str | None = None,
    today: date | None = None,
) -> PreparedImport:
    """Read and parse the files of an import (raises NotRecognised when they are not one).

    A LinkedIn import records each known person's change of company or position in their
    history, dated ``today`` (which makes a ``news`` item, see planner.morning)."""
    if fmt == "linkedin":
        from planner.transfer.linkedin import import_files

        files = read_linkedin(paths)
        day = today or date.today()

        def linkedin(s: Store) -> list[ImportReport]:
            from planner import morning

            before = morning.roles(s)
            reports = import_files(s, files, me=me, cadence=cadence)
            prepared.new_roles = len(morning.record_role_changes(s, before, day, "import"))
            return reports

        prepared = PreparedImport(
            imported([f.name for f in files]),
            lambda ops: ops.import_records(imported([f.name for f in files]), linkedin),
            fmt="linkedin",
        )
        return prepared
    if fmt == "vcard":
        from planner.transfer.vcard import import_cards, read_cards

        (path,) = paths
        parsed = read_cards(path)
        return PreparedImport(
            f"imported {path.name}",
            lambda ops: [
                ops.import_records(
                    f"imported {path.name}",
                    lambda s: import_cards(s, parsed.cards, path.name, parsed.notes),
                )
            ],
        )
    if fmt == "json":
        from planner.transfer.backup import read_backup

        (path,) = paths
        data = read_backup(path)

        def restore(ops: Operations) -> list[ImportReport]:
            prepared.copy = ops.restore(data)
            return []

        prepared = PreparedImport("restored a backup", restore, path)
        return prepared
    raise NotRecognised(f"unknown import format {fmt!r}: use one of {', '.join(IMPORT_FORMATS)}")


def next_steps(prepared: PreparedImport) -> list[str]:
    """What to do after an import (both front ends show it): the news it brought, and for a
    LinkedIn import, triage."""
    if prepared.fmt != "linkedin":
        return []
    lines = []
    n = prepared.new_roles
    if n:
        who = "person has" if n == 1 else "people have"
        lines.append(f"{n} {who} a new role: they are in today's list as news")
    lines.append(
        "Next: outreach triage (a keep-in-touch cadence for each person from your history; "
        "add --yes to apply it), then outreach due"
    )
    return lines


def restore_summary(store: Store, path: Path, copy: Path | None) -> list[str]:
    """What a restore did: the counts now in the network, and where the old file went."""
    counts = ", ".join(
        plural(len(getattr(store, table)), table.removesuffix("s"))
        for table in ("connections", "interactions", "plans", "occasions")
    )
    lines = [f"restored {safe(str(path))}: {counts}"]
    if copy:
        lines.append(f"the previous data file was copied to {safe(str(copy))}")
    return lines


def import_summary(reports: Sequence[ImportReport]) -> list[str]:
    """Each file's counts, updates, skipped rows and notes, one line each (safe to print)."""
    lines: list[str] = []
    for r in reports:
        if r.error:
            lines.append(f"{safe(r.source)} ({r.kind}): not imported: {safe(r.error)}")
            lines.extend(f"  note: {safe(note)}" for note in r.notes)
            continue
        lines.append(
            f"{safe(r.source)} ({r.kind}): {r.added} added, {r.updated} updated, "
            f"{r.unchanged} unchanged, {len(r.skipped)} skipped"
        )
        if r.counts:
            lines.append("  " + ", ".join(f"{n} {what}" for what, n in r.counts.items()))
        for c in r.changes:
            lines.append(
                f"  updated {c.connection_id} {safe(c.name)}: {c.field} "
                f"{safe(repr(c.old))} -> {safe(repr(c.new))}"
            )
        lines.extend(f"  line {s.line}: skipped: {safe(s.reason)}" for s in r.skipped)
        lines.extend(f"  note: {safe(note)}" for note in r.notes)
    return lines


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def export_data(fmt: str, store: Store, today: date, *, bom: bool = False) -> tuple[bytes, str]:
    """The export in ``fmt`` and what it holds ("12 contacts"). Only reads the store."""
    if fmt == "vcard":
        from planner.transfer.vcard import export_cards

        return export_cards(store.connections.values()), plural(len(store.connections), "contact")
    if fmt == "ics":
        from planner.transfer.ics import export_calendar

        data, count = export_calendar(store, today)
        return data, plural(count, "event")
    if fmt == "json":
        from planner.transfer.backup import export_backup

        return export_backup(store), f"a backup of {plural(len(store.connections), 'connection')}"
    if fmt == "csv":
        from planner.transfer.spreadsheet import export_csv

        return export_csv(store, bom=bom), plural(len(store.connections), "row")
    raise NotRecognised(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")


def check_target(db_path: Path, path: Path, *, replace: bool) -> str | None:
    """Why an export may not be written to ``path`` (None: it may): never the data file or
    the files that belong to it, never a folder, an existing file only with ``replace``."""
    guarded = guarded_file(db_path, path)
    if guarded:
        return f"that is {guarded}; choose another path"
    if path.is_dir():
        return f"is a folder; give a file name, e.g. {path / 'out'}"
    if os.path.lexists(path) and not replace:
        return "the file exists"
    return None


def guarded_file(db_path: Path, target: Path) -> str | None:
    """What ``target`` is when it is one of the data file's own files (an export never writes
    over them, even with --force), else None. Compared after resolving symlinks, and by
    inode, so neither a link nor a second name for the file gets past."""
    from planner.storage import summary
    from planner.storage.journal import journal_path

    db = db_path.expanduser().resolve()
    resolved = target.resolve()
    own = {
        db: "the data file itself",
        journal_path(db): "the data file's journal",
        db.with_name(db.name + ".lock"): "the data file's lock",
        summary.summary_path(db): "the data file's summary cache",
    }
    if resolved in own:
        return own[resolved]
    name = resolved.name
    if resolved.parent == db.parent and name.startswith(db.name + ".") and name.endswith(".bak"):
        return "a backup of the data file"
    if target.exists():
        for path, label in own.items():
            if path.exists() and os.path.samefile(target, path):
                return label
    return None
