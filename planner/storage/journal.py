"""The write-ahead journal: edits made durable in milliseconds, folded into the file later.

A long-lived store (the TUI) makes an edit durable by appending it to a journal beside the
file (``<file>.journal``): a header line naming the file's ``snapshot`` token, then one fsynced
JSON line per save, ``{"ops": [[table, doc key, document or null], ...]}`` (milliseconds
instead of rewriting ~55 MB). A full save folds it into the file when it grows past
:data:`COMPACT_BYTES` and on quit. Every load replays it (:func:`replay`); a journal left over
from an older version of the file (a crash between the full save and removing the journal) is
recognised by the token and ignored. A torn last line (a crash mid-append) was never reported
saved and is dropped; any other bad line is an error.
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
        with open(jpath, "rb") as fh:
            fingerprint = Fingerprint.from_stat(os.fstat(fh.fileno()))
            raw = fh.read()
    except FileNotFoundError:
        return None, False
    except OSError as exc:
        raise DataFileError(f"{jpath}: cannot read the journal: {exc.strerror or exc}") from None
    lines = raw.split(b"\n")
    # After the last newline: nothing, or a line cut short by a crash. It was never reported
    # saved, so it is dropped; and the journal is not appended to after it (not "live"): the
    # next save writes the whole file.
    torn = lines.pop()
    token = snapshot_token(data)
    try:
        header = orjson.loads(lines[0]) if lines else {}
    except orjson.JSONDecodeError:
        header = {}
    if not token or not isinstance(header, dict) or header.get("snapshot") != token:
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
                    data.setdefault(table, {})[key] = doc
                else:
                    raise TypeError(table)
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            raise DataFileError(
                f"{jpath}: line {number} of the journal is damaged; move the journal away to "
                f"open the file without the edits it holds (the file itself is intact)"
            ) from None
    return fingerprint, not torn


def encode(ops: list[list[Any]]) -> bytes:
    """One journal line: the documents one save changed (``None`` for a removed one)."""
    return orjson.dumps({"ops": ops}) + b"\n"


def header(token: str | None) -> bytes:
    """The first line of a new journal: the snapshot token of the file it extends."""
    return orjson.dumps({"journal": 1, "snapshot": token}) + b"\n"


def append(jpath: Path, line: bytes, first: bytes = b"") -> Fingerprint:
    """Append ``line`` (after ``first``, the header of a new journal) and fsync it; returns the
    journal's fingerprint after the write. Raises DataFileError."""
    try:
        with open(jpath, "ab") as fh:
            if first:
                os.chmod(jpath, 0o600)
                fh.write(first)
            fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
            written = Fingerprint.from_stat(os.fstat(fh.fileno()))
        if first:
            fsync_folder(jpath.parent)  # the new journal's name is durable too
    except OSError as exc:
        raise DataFileError(
            f"{jpath}: could not save: {exc.strerror or exc}; the data file is unchanged"
        ) from None
    return written


def remove(path: Path) -> None:
    """Remove the journal of the data file ``path`` (folded in, or stale)."""
    with contextlib.suppress(FileNotFoundError):
        journal_path(path).unlink()
