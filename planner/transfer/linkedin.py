"""LinkedIn's data export: ``Connections.csv`` (people) and ``messages.csv`` (history).

Both files are recognised by their header row, wherever it is (LinkedIn writes a few lines of
notes before the header of Connections.csv), and columns are read by name. The export zip or
its unpacked folder can be given as well: both files are then read, people first.
"""

from __future__ import annotations

import csv
import hashlib
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from planner.models import Interaction
from planner.storage import Store
from planner.transfer import ImportReport, NotRecognised, Progress
from planner.transfer.csvtable import CsvTable, find_table
from planner.transfer.matching import Upserter, url_key
from planner.transfer.textfile import decode, read_text

CONNECTIONS = "LinkedIn connections"
MESSAGES = "LinkedIn messages"
WHAT = "a LinkedIn export (Connections.csv or messages.csv)"
EXPORT_FILES = ("connections.csv", "messages.csv")

_CONNECTED_FORMATS = ("%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d %B %Y", "%d %b %y", "%b %d, %Y")
_URL_SPLIT = re.compile(r"[;,\s]+")


def _kind(keys: set[str]) -> str | None:
    if {"conversation id", "sender profile url", "date"} <= keys:
        return MESSAGES
    if {"first name", "last name"} <= keys and keys & {"url", "connected on", "company"}:
        return CONNECTIONS
    return None


@dataclass(slots=True)
class ExportFile:
    """One recognised file, parsed and ready to import."""

    name: str
    kind: str
    table: CsvTable
    note: str = ""


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
            raise NotRecognised(f"{path}: no Connections.csv or messages.csv in this folder")
        files = []
        for p in found:
            text = read_text(p, WHAT)
            files.append(_parse(p.name, text.text, text.note, where=str(p)))
        return _people_first(_first_of_each(files))
    if zipfile.is_zipfile(path):
        return _people_first(_from_zip(path))
    text = read_text(path, WHAT)
    return [_parse(path.name, text.text, text.note, where=str(path))]


def _from_zip(path: Path) -> list[ExportFile]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if n.rsplit("/", 1)[-1].casefold() in EXPORT_FILES]
            if not names:
                raise NotRecognised(f"{path}: this zip has no Connections.csv or messages.csv")
            files = []
            for name in sorted(names, key=lambda n: (n.count("/"), n.casefold())):
                member = Path(path.name) / name
                text = decode(zf.read(name), member, WHAT)
                files.append(_parse(name, text.text, text.note, where=str(member)))
    except (zipfile.BadZipFile, OSError) as exc:
        raise NotRecognised(f"{path}: cannot read the zip: {exc}") from None
    return _first_of_each(files)


def _first_of_each(files: list[ExportFile]) -> list[ExportFile]:
    kept: dict[str, ExportFile] = {}
    for f in files:
        kept.setdefault(f.kind, f)
    return list(kept.values())


def _people_first(files: list[ExportFile]) -> list[ExportFile]:
    return sorted(files, key=lambda f: f.kind != CONNECTIONS)


def _parse(name: str, text: str, note: str, where: str | None = None) -> ExportFile:
    where = where or name
    try:
        found = find_table(text, _kind)
    except csv.Error as exc:
        raise NotRecognised(f"{where}: malformed CSV ({exc}); is it {WHAT}?") from None
    if found is None:
        raise NotRecognised(
            f"{where}: not {WHAT}: no header row like 'First Name,Last Name,URL,...' or "
            "'CONVERSATION ID,...,SENDER PROFILE URL,...' in its first lines"
        )
    kind, table = found
    return ExportFile(name, kind, table, note)


def import_files(
    store: Store,
    files: list[ExportFile],
    *,
    me: str | None = None,
    cadence: str | None = None,
) -> list[ImportReport]:
    """Import parsed files into ``store`` (memory only: the caller saves once)."""
    reports = []
    for f in files:
        report = ImportReport(f.name, f.kind)
        if f.note:
            report.notes.append(f.note)
        if f.kind == CONNECTIONS:
            import_connections(store, f.table, report, cadence=cadence)
        else:
            import_messages(store, f.table, report, me=me)
        reports.append(report)
    return reports


# --- Connections.csv -----------------------------------------------------------------------------


def parse_connected_on(value: str, _cache: dict[str, date | None] = {}) -> date | None:  # noqa: B006
    """``15 Mar 2024`` as LinkedIn writes it, ``15-Mar-24`` as a spreadsheet re-saves it, or ISO."""
    if value in _cache:
        return _cache[value]
    result = None
    try:
        result = date.fromisoformat(value)
    except ValueError:
        for fmt in _CONNECTED_FORMATS:
            try:
                result = datetime.strptime(value, fmt).date()
                break
            except ValueError:
                continue
    _cache[value] = result
    return result


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


# --- messages.csv --------------------------------------------------------------------------------


def parse_message_date(value: str, _offsets: dict[str, timedelta] = {}) -> date | None:  # noqa: B006
    """``2023-06-11 15:33:58 UTC`` (LinkedIn's form) as a day in the local time zone."""
    v = value.strip()
    if v.upper().endswith(" UTC"):
        v = v[:-4]
    try:
        stamp = datetime.fromisoformat(v)
    except ValueError:
        from dateutil import parser

        try:
            stamp = parser.parse(value)
        except (ValueError, OverflowError):
            return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    # The local UTC offset, looked up once per hour of the export (zones change on the hour).
    hour = stamp.strftime("%Y-%m-%d %H") if len(v) < 13 else v[:13]
    offset = _offsets.get(hour)
    if offset is None:
        try:
            offset = stamp.replace(tzinfo=UTC).astimezone().utcoffset() or timedelta(0)
        except (OverflowError, ValueError, OSError):
            offset = timedelta(0)
        _offsets[hour] = offset
    try:
        return (stamp + offset).date()
    except OverflowError:
        return stamp.date()


def _urls(value: str) -> list[str]:
    if not value:
        return []
    if ";" not in value and "," not in value and " " not in value:
        return [value]
    return [u for u in _URL_SPLIT.split(value) if u]


def _col(table: CsvTable, key: str) -> int:
    return table.columns.get(key, -1)


def _cell(row: list[str], i: int) -> str:
    return row[i].strip() if 0 <= i < len(row) else ""


def infer_me(table: CsvTable, store: Store) -> tuple[str, int]:
    """The profile in the most messages (the export's owner) and in how many it appears.

    On a tie, the profile that is not one of the user's connections wins. Raises NotRecognised
    when no profile URLs are present or the tie cannot be broken.
    """
    counts: Counter[str] = Counter()
    sender_col, recipients_col = (
        _col(table, "sender profile url"),
        _col(table, "recipient profile urls"),
    )
    for _line, row in table.rows:
        parties = {url_key(u) for u in _urls(_cell(row, recipients_col))}
        parties.add(url_key(_cell(row, sender_col)))
        parties.discard("")
        counts.update(parties)
    if not counts:
        raise NotRecognised("messages.csv has no profile URLs: give your own with --me URL")
    top = max(counts.values())
    candidates = [k for k, v in counts.items() if v == top]
    if len(candidates) > 1:
        known = {url_key(c.url) for c in store.connections.values()}
        candidates = [k for k in candidates if k not in known]
    if len(candidates) != 1:
        raise NotRecognised(
            "messages.csv: cannot tell which profile is yours (several appear equally often): "
            "give it with --me URL"
        )
    return candidates[0], top


def message_ref(conversation: str, stamp: str, sender: str, other: str, text: str) -> str:
    """A stable key of one message to one person, so a re-import recognises it."""
    raw = "\x1f".join((conversation, stamp, sender, other, text)).encode("utf-8", "replace")
    return "li:" + hashlib.blake2b(raw, digest_size=10).hexdigest()


def import_messages(
    store: Store, table: CsvTable, report: ImportReport, *, me: str | None = None
) -> None:
    """Log each message as an interaction with the connection at the other end (by profile URL).

    Sent or received is relative to ``me`` (the user's profile URL), inferred when not given.
    Messages already imported (same conversation, time, sender, person and text) are unchanged.
    """
    if me:
        me_key = url_key(me)
    else:
        me_key, seen_in = infer_me(table, store)
        report.notes.append(
            f"took linkedin profile {me_key} (in {seen_in} of {len(table.rows)} messages) as "
            "yours; if that is wrong, re-run with --me URL"
        )
    by_url: dict[str, str] = {}
    for conn in store.connections.values():
        if key := url_key(conn.url):
            by_url.setdefault(key, conn.id)
    known_refs = {i.ref for i in store.interactions.values() if i.ref}
    repeats: Counter[str] = Counter()
    new: list[Interaction] = []
    progress = Progress(f"importing {report.source}", len(table.rows))
    c_sender, c_date = _col(table, "sender profile url"), _col(table, "date")
    c_recipients, c_to, c_from = (
        _col(table, "recipient profile urls"),
        _col(table, "to"),
        _col(table, "from"),
    )
    c_subject, c_content = _col(table, "subject"), _col(table, "content")
    c_conversation = _col(table, "conversation id")
    for n, (line, row) in enumerate(table.rows):
        progress.update(n)
        sender_url = _cell(row, c_sender)
        sender = url_key(sender_url)
        if not sender:
            report.skip(line, "no SENDER PROFILE URL (a sponsored or system message?)")
            continue
        raw_date = _cell(row, c_date)
        on = parse_message_date(raw_date) if raw_date else None
        if on is None:
            report.skip(
                line, f"cannot read DATE {raw_date!r} (expected e.g. 2023-06-11 15:33:58 UTC)"
            )
            continue
        recipient_urls = _urls(_cell(row, c_recipients))
        if sender == me_key:
            direction = "sent"
            others = [(url_key(u), u) for u in recipient_urls if url_key(u) != me_key]
        elif any(url_key(u) == me_key for u in recipient_urls):
            direction = "received"
            others = [(sender, sender_url)]
        else:
            report.skip(line, f"you ({me_key}) are neither the sender nor a recipient")
            continue
        targets = [(key, by_url[key]) for key, _u in others if key in by_url]
        if not targets:
            who = _cell(row, c_to if direction == "sent" else c_from)
            where = ", ".join(u for _k, u in others) or "no profile URL"
            report.skip(
                line,
                f"{who or 'the other person'} ({where}) is not one of your "
                "connections (import Connections.csv first?)",
            )
            continue
        subject, content = _cell(row, c_subject), _cell(row, c_content)
        text = f"{subject}\n\n{content}" if subject and content else subject or content
        conversation = _cell(row, c_conversation)
        added = 0
        for key, cid in targets:
            ref = message_ref(conversation, raw_date, sender, key, text)
            repeats[ref] += 1
            if repeats[ref] > 1:  # the same text twice in the same second: keep both
                ref = f"{ref}#{repeats[ref]}"
            if ref in known_refs:
                continue
            known_refs.add(ref)
            new.append(
                Interaction(
                    id=store.new_id("interactions"),
                    connection_id=cid,
                    date=on,
                    direction=direction,
                    channel="linkedin",
                    text=text,
                    ref=ref,
                )
            )
            added += 1
        if added:
            report.added += 1
        else:
            report.unchanged += 1
    progress.finish()
    store.put_many(new)
