"""The write-ahead journal: edits made durable in milliseconds, folded into the file later.

A long-lived store (the TUI) makes an edit durable by appending it to a journal beside the
file (``<file>.journal``): a header line naming the file's ``snapshot`` token, then one fsynced
JSON line per save, ``{"ops": [[table, doc key, document or null], ...]}`` (milliseconds
instead of rewriting ~55 MB). A full save folds it into the file when it grows past
:data:`COMPACT_BYTES` and on quit. Every load replays it (:func:`replay`); a journal left over
from an older version of the file (a crash between the full save and removing the journal) is
recognised by the token and ignored. A torn last line (a crash mid-append) was never reported
saved and is dropped; any other bad line, a damaged header (its edits could not be matched to
the file, so they are never silently dropped) or a record that is not valid is an error that
names the journal and the line.

The journal is never followed through a symbolic link (``O_NOFOLLOW``): a link planted or left
dangling at its name is refused, never written through. A new one is created 0600 with
``O_EXCL``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import orjson

from planner.storage.document import META, TABLES, snapshot_token
from planner.storage.files import DataFileError, Fingerprint, fsync_folder

JOURNAL_SUFFIX = ".journal"
COMPACT_BYTES = 4 * 1024 * 1024  # a journal this long is folded into the data file
_JOURNAL_TABLES = frozenset((META, *TABLES))


def journal_path(path: Path) -> Path:
    """The write-ahead journal beside the data file ``path``."""
    return path.with_name(path.name + JOURNAL_SUFFIX)


def disk_state_of(path: Path) -> tuple[Fingerprint | None, Fingerprint | None]:
    """The versions of ``path`` and of its journal now on disk (see Store.disk_state)."""
    return Fingerprint.of(path), Fingerprint.of(journal_path(path))


def replay(data: dict[str, Any], path: Path) -> tuple[Fingerprint | None, bool]:
    """Apply the journal of ``path`` to ``data`` (the parsed file) in place.

    Returns the journal's fingerprint (None when there is none) and whether it belongs to this
    version of the file (a stale one is left alone: the next full save removes it).
    """
    jpath = journal_path(path)
    try:
        fd = os.open(jpath, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except FileNotFoundError:
        if os.path.islink(jpath):
            raise _linked(jpath) from None
        return None, False
    except OSError as exc:
        if os.path.islink(jpath):
            raise _linked(jpath) from None
        raise DataFileError(f"{jpath}: cannot read the journal: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        fingerprint = Fingerprint.from_stat(os.fstat(fh.fileno()))
        raw = fh.read()
    lines = raw.split(b"\n")
    # After the last newline: nothing, or a line cut short by a crash. It was never reported
    # saved, so it is dropped; and the journal is not appended to after it (not "live"): the
    # next save writes the whole file.
    torn = lines.pop()
    token = snapshot_token(data)
    if not lines:  # empty, or only a header cut short: nothing was ever reported saved
        return fingerprint, False
    try:
        header = orjson.loads(lines[0])
    except orjson.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("journal") != 1 or "snapshot" not in header:
        raise DataFileError(
            f"{jpath}: the journal's first line is damaged, so its {len(lines) - 1} saved "
            "edit(s) cannot be matched to the data file; move the journal away to open the "
            "file without them (the file itself is intact)"
        )
    if not token or header.get("snapshot") != token:
        return fingerprint, False
    for number, line in enumerate(lines[1:], start=2):
        try:
            ops = orjson.loads(line)["ops"]
            for table, key, doc in ops:
                if table not in _JOURNAL_TABLES or type(key) is not str:
                    raise ValueError(table)
                if doc is None:
                    (data.get(table) or {}).pop(key, None)
                elif isinstance(doc, dict):
                    if table in TABLES:
                        _check_record(table, key, doc, jpath, number)
                    data.setdefault(table, {})[key] = doc
                else:
                    raise TypeError(table)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            raise DataFileError(
                f"{jpath}: line {number} of the journal is damaged; move the journal away to "
                f"open the file without the edits it holds (the file itself is intact)"
            ) from None
    return fingerprint, not torn


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _linked(jpath: Path) -> DataFileError:
    return DataFileError(
        f"{jpath}: the journal is a symbolic link, which outreach never follows; remove it "
        "(or move it away) and try again"
    )


def _check_record(table: str, key: str, doc: dict[str, Any], jpath: Path, number: int) -> None:
    """A journaled record must be valid on its own: a bad one is the journal's problem."""
    from planner.models import ValidationError

    try:
        TABLES[table][1].from_doc(doc)
    except (ValidationError, KeyError, TypeError, AttributeError) as exc:
        what = exc if isinstance(exc, ValidationError) else f"missing or bad {exc}"
        raise DataFileError(
            f"{jpath}: line {number} of the journal holds an invalid {table} record {key} "
            f"({what}); move the journal away to open the file without the edits it holds "
            "(the file itself is intact)"
        ) from None


def encode(ops: list[list[Any]]) -> bytes:
    """One journal line: the documents one save changed (``None`` for a removed one)."""
    return orjson.dumps({"ops": ops}) + b"\n"


def header(token: str | None) -> bytes:
    """The first line of a new journal: the snapshot token of the file it extends."""
    return orjson.dumps({"journal": 1, "snapshot": token}) + b"\n"


def append(jpath: Path, line: bytes, first: bytes = b"") -> Fingerprint:
    """Append ``line`` (after ``first``, the header of a new journal) and fsync it; returns the
    journal's fingerprint after the write. Raises DataFileError."""
    # A new journal is created (O_EXCL, 0600); an existing one is appended to. Never through
    # a symbolic link, dangling or not (O_NOFOLLOW, and O_EXCL refuses any existing name).
    flags = os.O_WRONLY | os.O_APPEND | _NOFOLLOW | _CLOEXEC
    flags |= (os.O_CREAT | os.O_EXCL) if first else 0
    try:
        fd = os.open(jpath, flags, 0o600)
        with os.fdopen(fd, "ab") as fh:
            fh.write(first + line)
            fh.flush()
            os.fsync(fh.fileno())
            written = Fingerprint.from_stat(os.fstat(fh.fileno()))
        if first:
            fsync_folder(jpath.parent)  # the new journal's name is durable too
    except OSError as exc:
        if os.path.islink(jpath):
            raise _linked(jpath) from None
        raise DataFileError(
            f"{jpath}: could not save: {exc.strerror or exc}; the data file is unchanged"
        ) from None
    return written


def remove(path: Path) -> None:
    """Remove the journal of the data file ``path`` (folded in, or stale)."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(path).unlink()
