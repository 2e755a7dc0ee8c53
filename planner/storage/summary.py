"""The summary cache: what the first screen needs, readable without the message history.

The data file holds everything, and reading it costs ~1 s at 30,000 connections and 100,000
messages (parsing 55 MB of JSON, building 166,000 records). The agenda and the lists need far
less of the history: each person's latest interaction and the day of the last message sent to
them. So after a save (and after a full load found no fresh summary) outreach writes a
*summary* of the network to the user's cache folder:

* the connections, occasions and ``_meta`` tables and the pending plans, exactly as in the
  file (plans already done or skipped are history);
* per person the latest interaction (its text cut to :data:`SNIPPET` characters) and the day
  of the last message sent;
* per person the basis of their relationship strength (see :mod:`planner.strength`);
* the highest interaction and plan ids, so new ids never collide with the history not loaded.

It is a cache, never the record: it names the data file and the fingerprints (inode, size,
mtime and the kernel-set change time, which no edit can set back) of the exact versions of
the file and its journal it was made from, and is ignored
when those differ, when it is corrupt (CRC-checked) or of another format.
``Store.open_summary`` (:mod:`planner.storage.store`) reads it; such a store loads the full
history when it is first needed (``Store.load_history``), before any save. Where it lives:
``$OUTREACH_CACHE_DIR``, else the platform's cache folder (``~/.cache/outreach`` on Linux);
deleting it is always safe.

Format: :data:`MAGIC` and the data file's absolute path and a newline, a CRC-32 of the payload
(4 bytes, big-endian), then the payload in :mod:`marshal`: each record as the tuple of its
fields (see :func:`records`), which loads several times faster than the JSON documents.
Writing a summary removes those of data files that no longer exist (the demo's temporary
copies keep theirs in their own folder).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from threading import RLock
from typing import Any, Protocol

from planner.models import Birthday, Connection, Interaction, Occasion, Plan
from planner.storage.document import AtomicJSONStorage, Record
from planner.storage.files import Fingerprint, private_folder, remove_stale_temps
from planner.storage.network import latest_interaction

MAGIC = b"outreach-summary/4 "  # then the data file path and a newline
SNIPPET = 100  # characters of the latest interaction's text kept (follow-up details use 50)


class Summarised(Protocol):
    """What the summary is made from: a store (``planner.storage.store.Store``), named by what
    this module reads so that it does not import the store (which imports this module)."""

    path: Path
    mutex: RLock
    storage: AtomicJSONStorage

    @property
    def connections(self) -> dict[str, Connection]: ...
    @property
    def plans(self) -> dict[str, Plan]: ...
    @property
    def occasions(self) -> dict[str, Occasion]: ...
    @property
    def complete(self) -> bool: ...
    @property
    def dirty(self) -> bool: ...
    @property
    def fingerprint(self) -> Fingerprint | None: ...
    @property
    def disk_state(self) -> tuple[Fingerprint | None, Fingerprint | None]: ...
    @property
    def journal_live(self) -> bool: ...
    @property
    def disk_token(self) -> str | None: ...
    @property
    def version(self) -> tuple[int, int]: ...
    def history_by_connection(self) -> dict[str, list[Interaction]]: ...
    def last_sent(self, connection_id: str) -> date | None: ...
    def last_contacted(self, connection_id: str) -> date | None: ...


def cache_dir() -> Path:
    """``$OUTREACH_CACHE_DIR``, else the platform's per-user cache folder for outreach."""
    override = os.environ.get("OUTREACH_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("outreach", appauthor=False))


def summary_path(data_path: Path) -> Path:
    """Where the summary of ``data_path`` lives (one file per data file)."""
    name = os.fsencode(str(data_path.resolve()))  # (the header names the file exactly)
    key = f"{zlib.crc32(name):08x}{zlib.adler32(name):08x}"
    return cache_dir() / f"{key}.summary"


def read(
    data_path: Path, state: tuple[Fingerprint | None, Fingerprint | None]
) -> dict[str, Any] | None:
    """The summary of ``data_path`` in ``state`` (its fingerprint and its journal's, see
    ``Store.disk_state``), or None when there is no usable one."""
    try:
        raw = summary_path(data_path).read_bytes()
    except OSError:
        return None
    expected = _header(data_path)
    head = len(expected)
    if raw[:head] != expected or len(raw) < head + 4:
        return None
    payload = memoryview(raw)[head + 4 :]
    if zlib.crc32(payload) != int.from_bytes(raw[head : head + 4], "big"):
        return None
    try:
        doc = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if (
        not isinstance(doc, dict)
        or doc.get("layout") != LAYOUT
        or doc.get("state") != _state_key(state)
    ):
        return None
    return doc


def build(store: Summarised) -> dict[str, Any] | None:
    """The summary of a complete, saved ``store`` (None when it has unsaved changes or is
    itself a summary). See :func:`write` for edits made meanwhile in another thread."""
    if not store.complete or store.dirty or store.fingerprint is None:
        return None
    from planner.strength import basis

    latest: list[tuple[Any, ...]] = []
    last_sent: dict[str, int] = {}
    strength: dict[str, tuple[Any, ...]] = {}
    encode = ENCODERS[Interaction]
    for cid, history in store.history_by_connection().items():
        if not history:
            continue
        inter = latest_interaction(history)
        if len(inter.text) > SNIPPET:
            inter = replace(inter, text=inter.text[:SNIPPET])
        latest.append(encode(inter))
        strength[cid] = tuple(basis(history))  # type: ignore[arg-type]
        sent = store.last_sent(cid)
        if sent is not None:
            last_sent[cid] = sent.toordinal()
    data = store.storage.data
    pending = [p for p in store.plans.values() if p.status == "pending"]
    connections = list(store.connections.values())
    encode_connection, dumps = ENCODERS[Connection], marshal.dumps
    return {
        "layout": LAYOUT,
        "state": _state_key(store.disk_state),
        "journal_live": store.journal_live,
        "disk_token": store.disk_token,
        "meta": data.get("_meta") or {},
        # Each connection on its own (``due`` decodes only the people who may be due), with
        # the anchors that tell who they are (see planner.agenda.who_may_be_due).
        "connections": [dumps(encode_connection(c)) for c in connections],
        "anchors": [_anchor(store, c) for c in connections],
        "occasions": list(map(ENCODERS[Occasion], store.occasions.values())),
        "plans": list(map(ENCODERS[Plan], pending)),
        "interactions": latest,
        "last_sent": last_sent,
        "strength": strength,
        # people with person-level state (snoozes, skips, news): always decoded by ``due``
        "flagged": [c.id for c in connections if c.events or c.snoozed_until],
        "id_floor": {
            table: max(map(int, data.get(table) or {}), default=0) for table in RECORD_TABLES
        },
    }


def records(doc: dict[str, Any], table: str, only: set[str] | None = None) -> list[Any]:
    """The records of ``table`` in a summary read by :func:`read` (built without validation:
    they were valid when written, and the CRC says the bytes are the ones written). For
    connections, ``only`` limits them to those ids."""
    decode = DECODERS[TABLE_CLASSES[table]]
    if table != "connections":
        return list(map(decode, doc[table]))
    loads = marshal.loads
    blobs = doc[table]
    if only is None:
        return [decode(loads(blob)) for blob in blobs]
    return [
        decode(loads(blob))
        for blob, anchor in zip(blobs, doc["anchors"], strict=True)
        if anchor[0] in only
    ]


def _anchor(store: Summarised, conn: Connection) -> tuple[str, str | None, int | None, int]:
    """What tells whether ``conn`` may be due (see planner.agenda.who_may_be_due)."""
    base = store.last_contacted(conn.id) or conn.connected_on
    bday = conn.birthday
    return (
        conn.id,
        conn.cadence,
        base.toordinal() if base is not None else None,
        bday.month * 100 + bday.day if bday is not None else 0,
    )


# --- records as tuples ----------------------------------------------------------------------
# A record is stored as the tuple of its slots, dates as day numbers and a birthday as
# (month, day, year): marshal reads tuples of plain values much faster than dicts, and a
# generated function fills the slots in one statement (~0.5 µs per record instead of ~6 µs
# through from_doc).

DATE_FIELDS: dict[type, tuple[str, ...]] = {
    Connection: ("connected_on", "snoozed_until"),
    Interaction: ("date", "follow_up_on"),
    Plan: ("due", "snoozed_until", "created_on"),
    Occasion: (),
}
TABLE_CLASSES: dict[str, type[Record]] = {
    "connections": Connection,
    "interactions": Interaction,
    "plans": Plan,
    "occasions": Occasion,
}
RECORD_TABLES = tuple(TABLE_CLASSES)
#: The record layouts the summary was written with; a summary of other layouts is not used.
LAYOUT = tuple(cls.__slots__ for cls in TABLE_CLASSES.values())


def _birthday(month: int, day: int, year: int | None) -> Birthday:
    b = object.__new__(Birthday)
    object.__setattr__(b, "month", month)
    object.__setattr__(b, "day", day)
    object.__setattr__(b, "year", year)
    return b


def _codecs(cls: type) -> tuple[Callable[[Any], tuple[Any, ...]], Callable[[Any], Any]]:
    names: tuple[str, ...] = cls.__slots__  # type: ignore[attr-defined]
    dates = DATE_FIELDS[cls]

    def out(name: str) -> str:
        if name in dates:
            return f"(None if o.{name} is None else o.{name}.toordinal())"
        if name == "birthday":
            b = "o.birthday"
            return f"(None if {b} is None else ({b}.month, {b}.day, {b}.year))"
        return f"o.{name}"

    lines = [
        f"def encode(o):\n    return ({', '.join(map(out, names))},)",
        "def decode(t):",
        "    o = new(cls)",
        f"    {', '.join(f'o.{n}' for n in names)}, = t",
    ]
    lines += [f"    if o.{n} is not None: o.{n} = fromordinal(o.{n})" for n in dates]
    if "birthday" in names:
        lines.append("    if o.birthday is not None: o.birthday = birthday(*o.birthday)")
    lines.append("    return o")
    scope: dict[str, Any] = {
        "new": object.__new__,
        "cls": cls,
        "fromordinal": date.fromordinal,
        "birthday": _birthday,
    }
    exec("\n".join(lines), scope)  # noqa: S102 - generated from the slot names above only
    return scope["encode"], scope["decode"]


ENCODERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
DECODERS: dict[type, Callable[[Any], Any]] = {}
for _cls in TABLE_CLASSES.values():
    ENCODERS[_cls], DECODERS[_cls] = _codecs(_cls)


def write(store: Summarised) -> bool:
    """Write the summary of ``store`` (best effort: a read-only or full disk only costs speed
    next time). True when written.

    Built without holding the store's mutex (encoding 90,000 records takes a moment and the UI
    thread must not wait for it to make an edit): when an edit lands meanwhile, the summary
    would not match the file, so it is dropped (and made again later).
    """
    before = store.version, store.disk_state
    try:
        doc = build(store)
        payload = marshal.dumps(doc) if doc is not None else None
    except RuntimeError:  # a dict changed size under us: an edit landed
        return False
    with store.mutex:
        if payload is None or (store.version, store.disk_state) != before or store.dirty:
            return False
    import tempfile  # here: reading commands never write a summary (start-up time)

    target = summary_path(store.path)
    tmp = None
    try:
        # Private by construction: a random name in the cache folder (0700), created 0600
        # with O_EXCL|O_NOFOLLOW (it holds the same personal data as the data file).
        private_folder(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(_header(store.path))
            fh.write(zlib.crc32(payload).to_bytes(4, "big"))
            fh.write(payload)
        os.replace(tmp, target)  # readers see the old summary or the new, never half of one
        tmp = None
    except OSError:
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    remove_stale_temps(target)  # left by a run killed while writing its summary
    _prune(target.parent)
    return True


def _state_key(state: tuple[Fingerprint | None, Fingerprint | None]) -> tuple[Any, ...]:
    return tuple(
        (fp.inode, fp.size, fp.mtime_ns, fp.ctime_ns) if fp is not None else None for fp in state
    )


def _header(data_path: Path) -> bytes:
    return MAGIC + os.fsencode(str(data_path.resolve())) + b"\n"


def _prune(folder: Path) -> None:
    """Remove the summaries of data files that no longer exist, and those in another format
    (an older outreach's: they are never read again)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.endswith(".summary"):
                continue
            first = b""
            with contextlib.suppress(OSError), open(entry.path, "rb") as fh:
                first = fh.readline(4096 + len(MAGIC))
            ours = first.startswith(MAGIC) and first.endswith(b"\n")
            if not ours or not os.path.exists(os.fsdecode(first[len(MAGIC) : -1])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def discard(data_path: Path) -> None:
    """Remove the summary of ``data_path`` (e.g. after the file was replaced by a restore)."""
    with contextlib.suppress(OSError):
        summary_path(data_path).unlink()
