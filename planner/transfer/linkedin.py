"""LinkedIn's data export of every generation: people, history, invitations, your profile.

Files are recognised by their header row, wherever it is (LinkedIn writes a few lines of notes
before the header of Connections.csv), and columns are read by name:

- ``Connections.csv``: ``First Name, Last Name[, URL], Email Address, Company, Position,
  Connected On`` (no URL column before 2024; dates as ``15 Mar 2024``, ``23-Apr-23`` or
  ``1/8/18, 6:14 PM``);
- ``messages.csv`` / 2018's ``Messages.csv`` (see :mod:`planner.transfer.linkedin_messages`);
- ``Invitations.csv`` (see :mod:`planner.transfer.linkedin_invitations`);
- ``Profile.csv``: only your own name, to tell which side of the messages is you.

The export zip or its unpacked folder can be given as well: the files are then read profile
first, then people, invitations and messages. A file of the folder that cannot be read is
reported and the others still import.
"""

from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass
from pathlib import Path

from planner.storage import Store
from planner.transfer import ImportReport, NotRecognised, Progress
from planner.transfer.csvtable import CsvTable, find_table
from planner.transfer.linkedin_dates import parse_connected_on, parse_message_date
from planner.transfer.linkedin_invitations import import_invitations
from planner.transfer.linkedin_messages import import_messages
from planner.transfer.matching import Upserter
from planner.transfer.textfile import decode, read_text

__all__ = [
    "ExportFile",
    "import_files",
    "parse_connected_on",
    "parse_message_date",
    "read_export",
    "unreadable",
]

PROFILE = "LinkedIn profile"
CONNECTIONS = "LinkedIn connections"
INVITATIONS = "LinkedIn invitations"
MESSAGES = "LinkedIn messages"
ORDER = (PROFILE, CONNECTIONS, INVITATIONS, MESSAGES)  # profile names you; people before history
WHAT = "a LinkedIn export (Connections.csv, messages.csv, Invitations.csv or Profile.csv)"
EXPORT_FILES = {
    "connections.csv": CONNECTIONS,
    "messages.csv": MESSAGES,
    "invitations.csv": INVITATIONS,
    "profile.csv": PROFILE,
}
_PROFILE_KEYS = {"headline", "maiden name", "summary", "industry", "birth date", "geo location"}


def _kind(keys: set[str]) -> str | None:
    if {"conversation id", "date"} <= keys and keys & {"from", "sender profile url"}:
        return MESSAGES
    if {"from", "to", "date", "content"} <= keys:  # 2018: From,To,Date,Subject,Content,...
        return MESSAGES
    if {"from", "to", "sent at"} <= keys:
        return INVITATIONS
    if {"first name", "last name"} <= keys and keys & {"url", "connected on", "company"}:
        return CONNECTIONS
    if {"first name", "last name"} <= keys and keys & _PROFILE_KEYS:
        return PROFILE
    return None


@dataclass(slots=True)
class ExportFile:
    """One recognised file, parsed and ready to import."""

    name: str
    kind: str
    table: CsvTable
    note: str = ""
    error: str = ""  # the file could not be read (reported; the export's other files import)


def read_export(path: Path) -> list[ExportFile]:
    """Parse ``path`` (a CSV file, the export zip, or its folder) without importing anything.

    Raises NotRecognised (one line) when nothing in it is a LinkedIn export.
    """
    if path.is_dir():
        found = sorted(
            (p for p in path.rglob("*.csv") if p.name.casefold() in EXPORT_FILES),
            key=lambda p: (len(p.parts), p.name.casefold()),
        )
        if not found:
            raise NotRecognised(
                f"{path}: no Connections.csv, messages.csv or Invitations.csv in this folder"
            )
        files = []
        for p in found:
            try:
                text = read_text(p, WHAT)
                files.append(_parse(p.name, text.text, text.note, where=str(p)))
            except NotRecognised as exc:
                files.append(unreadable(p.name, str(exc)))
        return _in_order(_first_of_each(files), where=path)
    if zipfile.is_zipfile(path):
        return _in_order(_from_zip(path), where=path)
    text = read_text(path, WHAT)
    return [_parse(path.name, text.text, text.note, where=str(path))]


def _from_zip(path: Path) -> list[ExportFile]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.rsplit("/", 1)[-1].casefold() in EXPORT_FILES]
            if not names:
                raise NotRecognised(
                    f"{path}: this zip has no Connections.csv, messages.csv or Invitations.csv"
                )
            files = []
            for name in sorted(names, key=lambda n: (n.count("/"), n.casefold())):
                member = Path(path.name) / name
                try:
                    text = decode(zf.read(name), member, WHAT)
                    files.append(_parse(name, text.text, text.note, where=str(member)))
                except NotRecognised as exc:
                    files.append(unreadable(name.rsplit("/", 1)[-1], str(exc)))
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotRecognised(f"{path}: cannot read the zip: {exc}") from None
    return _first_of_each(files)


def unreadable(name: str, error: str) -> ExportFile:
    """A file of the export that could not be read, to be reported with the others' results."""
    kind = EXPORT_FILES.get(name.casefold(), MESSAGES)
    return ExportFile(name, kind, CsvTable(0, {}, []), error=error)


def _first_of_each(files: list[ExportFile]) -> list[ExportFile]:
    kept: dict[str, ExportFile] = {}
    for f in files:
        if f.kind not in kept or (kept[f.kind].error and not f.error):
            kept[f.kind] = f
    return list(kept.values())


def in_order(files: list[ExportFile]) -> list[ExportFile]:
    """Profile first (it names you), then people, then invitations and messages about them."""
    return sorted(files, key=lambda f: ORDER.index(f.kind))


def _in_order(files: list[ExportFile], where: Path) -> list[ExportFile]:
    if all(f.error for f in files):
        raise NotRecognised(files[0].error if len(files) == 1 else f"{where}: {files[0].error}")
    return in_order(files)


def _parse(name: str, text: str, note: str, where: str | None = None) -> ExportFile:
    where = where or name
    try:
        found = find_table(text, _kind)
    except csv.Error as exc:
        raise NotRecognised(f"{where}: malformed CSV ({exc}); is it {WHAT}?") from None
    if found is None:
        raise NotRecognised(
            f"{where}: not {WHAT}: no header row like 'First Name,Last Name,URL,...', "
            "'CONVERSATION ID,...,SENDER PROFILE URL,...' or 'From,To,Sent At,...' in its "
            "first lines"
        )
    kind, table = found
    return ExportFile(name, kind, table, note)


def profile_name(table: CsvTable) -> str:
    """Your own name from Profile.csv ("" when it has none)."""
    for _line, row in table.rows:
        get = table.getter(row)
        if name := " ".join(f"{get('first name')} {get('last name')}".split()):
            return name
    return ""


def import_files(
    store: Store,
    files: list[ExportFile],
    *,
    me: str | None = None,
    cadence: str | None = None,
) -> list[ImportReport]:
    """Import parsed files into ``store`` (memory only: the caller saves once)."""
    reports = []
    mine = ""
    for f in in_order(files):
        report = ImportReport(f.name, f.kind)
        if f.note:
            report.notes.append(f.note)
        if f.error:
            report.error = f"{f.error}; nothing imported from this file"
        elif f.kind == PROFILE:
            mine = profile_name(f.table)
            report.notes.append(
                f"your name: {mine!r} (tells which side of the messages is you)"
                if mine
                else "no name in this file"
            )
        elif f.kind == CONNECTIONS:
            import_connections(store, f.table, report, cadence=cadence)
        elif f.kind == INVITATIONS:
            import_invitations(store, f.table, report, my_name=mine)
        else:
            import_messages(store, f.table, report, me=me, profile_name=mine)
        reports.append(report)
    return reports


# --- Connections.csv -----------------------------------------------------------------------------


def import_connections(
    store: Store, table: CsvTable, report: ImportReport, *, cadence: str | None = None
) -> None:
    """Add new people, update company and position of known ones (matched by URL, email, name)."""
    upsert = Upserter(store, report)
    progress = Progress(f"importing {report.source}", len(table.rows))
    for n, (line, row) in enumerate(table.rows):
        progress.update(n)
        get = table.getter(row)
        first, last, url = get("first name"), get("last name"), get("url")
        if not first and not last:
            hint = f" (profile {url})" if url else ""
            report.skip(line, f"no name: First Name and Last Name are empty{hint}")
            continue
        raw_date = get("connected on")
        connected = parse_connected_on(raw_date) if raw_date else None
        if raw_date and connected is None:
            report.notes.append(
                f"line {line}: cannot read Connected On {raw_date!r} (expected e.g. 15 Mar 2024); "
                "imported without it"
            )
        fields = {
            "company": get("company"),
            "position": get("position"),
            "email": get("email address"),
            "url": url,
            "connected_on": connected,
        }
        upsert.take(line, first, last, {**fields, "cadence": cadence} if cadence else fields)
    progress.finish()
    upsert.commit()
