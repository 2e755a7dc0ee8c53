"""The data file: one JSON document in TinyDB's format, held in memory, saved atomically.

Design (see the Performance section of the README):

* The file is a TinyDB database (one table per record kind, ``{"<doc_id>": {...}}``): stock
  ``TinyDB(path)`` opens it and sees the same documents, and :attr:`Store.db` is a TinyDB over
  the in-memory copy for ad-hoc queries. :class:`AtomicJSONStorage` implements TinyDB's storage
  interface over that copy. TinyDB's own JSONStorage re-reads the file on every query and its
  Table rewrites a whole table per insert (~130 ms at 100,000 interactions), so the store reads
  the file once (orjson, collector paused) and edits write into the document exactly as
  ``Table.insert``/``update``/``remove`` would, which a test checks.
* :meth:`Store.save` makes one durable, atomic write: temp file in the same folder, flush,
  fsync, ``os.replace``, fsync of the folder. A crash leaves the old or the new file, never half.
* A long-lived store (the TUI) makes an edit durable by appending it to a write-ahead journal
  beside the file (``<file>.journal``, one fsynced JSON line per save: milliseconds instead of
  rewriting ~55 MB) and folds the journal into the file with a full save when it grows past
  :data:`COMPACT_BYTES` and on quit. Every load replays the journal; a journal left over from
  an older version of the file (a crash between the full save and removing the journal) is
  recognised by the file's ``snapshot`` token and ignored. A torn last line (a crash
  mid-append) was never reported saved and is dropped; any other bad line is an error.
* Two processes never silently overwrite each other: a save takes ``<file>.lock`` and refuses
  when the file changed on disk since it was loaded. Writing CLI commands hold the lock from
  load to save (:meth:`Store.open` with ``lock=True``), so they queue instead of failing; a
  long-lived store (the TUI) journals its unsaved edits and :meth:`Store.merge_from_disk`
  re-applies them over the other process's version.
* The schema version lives in the ``_meta`` table; newer files are refused, older ones are
  migrated after a backup copy is written beside them.

The domain objects (dataclasses from :mod:`planner.models`) are built once at load and kept in
dicts by id, with an index of interactions per connection.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import operator
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from planner.models import Connection, Interaction, Occasion, Plan, ValidationError

if TYPE_CHECKING:  # imported when first needed: reading commands never load them (start-up time)
    from filelock import FileLock
    from tinydb import TinyDB

SCHEMA_VERSION = 1
META = "_meta"
TABLES: dict[str, tuple[str, type]] = {
    # table name: (id prefix, record class)
    "connections": ("c", Connection),
    "interactions": ("i", Interaction),
    "plans": ("p", Plan),
    "occasions": ("o", Occasion),
}
LOCK_TIMEOUT_S = 10.0
JOURNAL_SUFFIX = ".journal"
COMPACT_BYTES = 4 * 1024 * 1024  # a journal this long is folded into the data file


class DataFileError(Exception):
    """The data file cannot be read or written; the message names the file and the problem."""


class ConcurrentChangeError(DataFileError):
    """The file changed on disk since it was loaded; saving would lose the other change."""


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What identifies one version of the file on disk (``os.replace`` changes the inode)."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        try:
            st = path.stat()
        except FileNotFoundError:
            return None
        return cls.from_stat(st)

    @classmethod
    def from_stat(cls, st: os.stat_result) -> Fingerprint:
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


def read_json_with_fingerprint(path: Path) -> tuple[Any, Fingerprint]:
    """Read and parse ``path`` with the collector paused (a 70 MB file loads ~2x faster), with
    the fingerprint of exactly the version read (taken from the open file, so a replace racing
    the read cannot pair one version's bytes with another's)."""
    try:
        with open(path, "rb") as fh:
            fingerprint = Fingerprint.from_stat(os.fstat(fh.fileno()))
            raw = fh.read()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read the data file: {exc.strerror or exc}") from None
    if not raw.strip():
        raise DataFileError(f"{path}: the data file is empty; restore a backup or move it away")
    enabled = gc.isenabled()
    gc.disable()
    try:
        return orjson.loads(raw), fingerprint
    except orjson.JSONDecodeError as exc:
        raise DataFileError(
            f"{path}: not valid JSON ({exc.msg} at byte {exc.pos}); the file may be truncated or "
            "corrupt: restore a backup (see README, Backup and restore)"
        ) from None
    finally:
        gc.freeze()  # loaded objects are long-lived: keep them out of future collections
        if enabled:
            gc.enable()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the garbage collector while building long-lived objects, then freeze them out of
    future collections (the network stays in memory for the whole run)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> Fingerprint:
    """Write ``data`` to ``path`` atomically and durably, or raise DataFileError.

    The old file stays intact on any failure (read-only folder, disk full). Returns the
    fingerprint of the file written (taken before the rename, which keeps it: no race with a
    process replacing the file right after).
    """
    folder = path.parent
    tmp_name = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # here, not at the top: reading commands never write (start-up time)

        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        written = Fingerprint.of(Path(tmp_name))
        os.replace(tmp_name, path)
        tmp_name = None
        _fsync_folder(folder)  # the new name is durable too
        assert written is not None
        return written
    except OSError as exc:
        raise DataFileError(
            f"{path}: could not save: {exc.strerror or exc}; the previous file is unchanged"
        ) from None
    finally:
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


class AtomicJSONStorage:
    """A TinyDB storage over an in-memory document; :meth:`Store.save` writes it atomically.

    (Duck-typed rather than subclassing ``tinydb.storages.Storage`` so that importing this
    module does not import TinyDB: ``outreach due`` never writes.)
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    def read(self) -> dict[str, Any]:
        return self.data

    def write(self, data: dict[str, Any]) -> None:
        self.data = data

    def dump(self) -> bytes:
        return orjson.dumps(self.data)

    def close(self) -> None:
        """Nothing to release: the file is only touched by :meth:`Store.save`."""


# --- migrations ---------------------------------------------------------------------------------


def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (before the schema was versioned) kept one ``name`` field per connection."""
    for doc in data.get("connections", {}).values():
        if "name" in doc and "first_name" not in doc:
            first, _, last = str(doc.pop("name")).strip().partition(" ")
            doc["first_name"], doc["last_name"] = first, last.strip()
    return data


MIGRATIONS = {0: _migrate_0_to_1}


def _schema_of(data: dict[str, Any]) -> int:
    meta = data.get(META) or {}
    doc = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(doc, dict):
        return 0
    version = doc.get("schema", 0)
    return version if isinstance(version, int) else -1


# --- the store ----------------------------------------------------------------------------------


class Store:
    """The user's network, loaded from one data file.

    Mutating methods change memory only; call :meth:`save` to make them durable.
    """

    def __init__(self, path: Path, data: dict[str, Any], fingerprint: Fingerprint | None) -> None:
        self.path = path
        self.storage = AtomicJSONStorage(data)
        self._db: TinyDB | None = None  # built on the first write (see the db property)
        self._fingerprint = fingerprint
        self._lock: FileLock | None = None  # created on the first save (see _file_lock)
        self._changes = 0  # bumped by every mutation; save() compares to what it wrote
        self._saved_changes = 0
        # Saves may run in a worker thread while the UI thread mutates: the mutex makes the
        # in-memory document consistent while it is serialised (the disk write runs outside it).
        self.mutex = threading.RLock()
        # Unsaved changes, kept so they can be re-applied over a file another process changed
        # (see merge_from_disk); each entry is (change number, op, table, payload, original doc).
        self._journal: list[tuple[int, str, str, Any, dict[str, Any] | None]] = []
        self._created: list[tuple[str, str]] = []  # (table, id) reserved since the last save
        # Documents changed since the last save, for the journal: (table, doc key) -> change no.
        self._dirty_docs: dict[tuple[str, str], int] = {}
        self._needs_full_save = False  # set when the whole document was replaced
        self._journal_fp: Fingerprint | None = None  # the journal on disk as we last saw it
        self._journal_live = False  # the journal on disk belongs to this version of the file
        # The snapshot token of the file on disk (what a journal header must name): kept apart
        # from the one in memory, which a failed save or a replayed _meta may have changed.
        self._disk_token: str | None = snapshot_token(data)
        self.connections: dict[str, Connection] = {}
        self.interactions: dict[str, Interaction] = {}
        self.plans: dict[str, Plan] = {}
        self.occasions: dict[str, Occasion] = {}
        self._by_connection: dict[str, list[Interaction]] = {}
        # A store opened from the summary cache (open_summary) holds only each person's latest
        # interaction until load_history(); these answer for the history not loaded.
        self.complete = True
        self.selected: set[str] | None = None  # open_summary(select=...): only these people
        self._last_sent_floor: dict[str, date] = {}
        self._id_floor: dict[str, int] = {}
        self._history_lock = threading.Lock()
        # What changed, for screens that update incrementally (see version/touched_since).
        self.epoch = 0  # bumped when the whole network is replaced (merge, restore)
        self._touched: dict[str, int] = {}  # connection id -> change number of its last change
        self._build()

    # --- opening ---

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], *, lock: bool = False, create: bool = True
    ) -> Store:
        """Load ``path`` (creating an empty network when it does not exist and ``create``).

        With ``lock``, the file lock is held until :meth:`close`, so a writing command cannot
        interleave with another process. Raises DataFileError for any problem with the file.
        """
        path = Path(path).expanduser()
        store: Store | None = None
        lock_obj = _file_lock(path) if lock else None
        if lock_obj is not None:
            _acquire(lock_obj, path)
        try:
            fingerprint = Fingerprint.of(path)
            if fingerprint is None:
                if not create:
                    raise DataFileError(f"{path}: no such data file")
                data: dict[str, Any] = {META: {"1": {"schema": SCHEMA_VERSION}}}
                store = cls(path, data, fingerprint)
            else:
                with collector_paused():  # parsing and building ~170k records: ~15% faster
                    data, fingerprint = read_json_with_fingerprint(path)
                    data = _checked_shape(data, path)
                    token = snapshot_token(data)  # before the journal is replayed over it
                    journal_fp, live = _replay_journal(data, path)
                    data, written = _upgraded(data, path, fingerprint)
                    if written != fingerprint and journal_fp is not None:  # folded in: drop it
                        _remove_journal(path)
                        journal_fp, live = None, False
                    store = cls(path, data, written)
                    store._journal_fp, store._journal_live = journal_fp, live
                    store._disk_token = token if written == fingerprint else None
            if lock:
                store._lock = lock_obj
                store._held = True
            return store
        finally:
            if lock_obj is not None and store is None:
                lock_obj.release()

    @classmethod
    def open_summary(
        cls,
        path: str | os.PathLike[str],
        *,
        repair: bool = True,
        select: Callable[[Store, list[Any]], set[str]] | None = None,
    ) -> Store:
        """Open ``path`` for a quick read: from the summary cache when it matches the file
        (connections, plans, occasions and each person's latest interaction; see
        :mod:`planner.summary`), else fully (and the summary is written for next time).

        The agenda, the lists and the last contacts are exact either way. The history beyond
        each person's latest interaction is loaded by :meth:`load_history`, which
        :meth:`save` calls first. With ``repair`` False a missing or stale summary is not
        written here (the TUI writes it in the background: :meth:`write_summary`).

        ``select`` (for one read, e.g. ``outreach due``) picks the connections to load from
        the summary's agenda anchors (see ``planner.agenda.who_may_be_due``); the others are
        not decoded at all, and ``store.selected`` says the store holds only those. It has
        no effect when the file is read whole. Raises DataFileError.
        """
        from planner import summary

        path = Path(path).expanduser()
        state = disk_state_of(path)
        fingerprint = state[0]
        doc = summary.read(path, state) if fingerprint is not None else None
        if doc is None:
            store = cls.open(path)
            if repair and store.fingerprint is not None:
                summary.write(store)
            return store
        try:
            with collector_paused():
                # The records come built from the summary; the document holds only _meta
                # until the history is loaded (edits meanwhile add their own documents).
                empty: dict[str, Any] = {table: {} for table in TABLES}
                store = cls(path, {META: doc["meta"], **empty}, fingerprint)
                for table in ("interactions", "plans", "occasions"):
                    setattr(store, table, {r.id: r for r in summary.records(doc, table)})
                store._by_connection = {i.connection_id: [i] for i in store.interactions.values()}
                if select is not None:
                    store.selected = select(store, doc["anchors"])
                store.connections = {
                    r.id: r for r in summary.records(doc, "connections", store.selected)
                }
                fromordinal = date.fromordinal
                store._last_sent_floor = {
                    cid: fromordinal(day) for cid, day in doc["last_sent"].items()
                }
                store._id_floor = dict(doc["id_floor"])
        except (KeyError, TypeError, ValueError, AttributeError):
            summary.discard(path)  # unreadable: the data file itself decides
            return cls.open(path)
        store._journal_fp = state[1]
        store._journal_live = bool(doc.get("journal_live"))
        store._disk_token = doc.get("disk_token")
        store.complete = False
        return store

    def load_history(self) -> None:
        """Load the whole history into a store opened from the summary (a no-op otherwise):
        reads the data file and re-applies the changes made meanwhile. Safe to call from a
        worker thread while the UI edits; raises DataFileError."""
        if self.complete:
            return
        with self._history_lock:
            if not self.complete:
                self.merge_from_disk()

    @property
    def fingerprint(self) -> Fingerprint | None:
        """The version of the file on disk this store was loaded from or last saved as."""
        return self._fingerprint

    @property
    def disk_state(self) -> tuple[Fingerprint | None, Fingerprint | None]:
        """The versions of the file and of its journal this store reflects."""
        return self._fingerprint, self._journal_fp

    @property
    def version(self) -> tuple[int, int]:
        """(epoch, change number): compare with :meth:`touched_since` to update incrementally."""
        return self.epoch, self._changes

    def touched_since(self, version: tuple[int, int]) -> set[str] | None:
        """Ids of the connections whose records (or history, plans, occasions) changed since
        ``version``; None when the whole network was replaced meanwhile (re-read it all)."""
        epoch, changes = version
        if epoch != self.epoch:
            return None
        return {cid for cid, n in list(self._touched.items()) if n > changes}

    def _touch(self, record: Any) -> None:
        n = self._changes + 1  # the number of the change being made
        if isinstance(record, Connection):
            self._touched[record.id] = n
        elif isinstance(record, Interaction | Occasion):
            self._touched[record.connection_id] = n
        elif isinstance(record, Plan):
            for cid in record.recipients:
                self._touched[cid] = n

    def close(self) -> None:
        """Release the lock taken by ``open(lock=True)``."""
        if getattr(self, "_held", False) and self._lock is not None:
            self._lock.release()
            self._held = False

    @property
    def db(self) -> TinyDB:
        """The TinyDB view of the in-memory document (writes go through it)."""
        if self._db is None:
            from tinydb import TinyDB

            self._db = TinyDB(storage=lambda: self.storage)  # TinyDB calls the "class"
        return self._db

    @db.setter
    def db(self, value: TinyDB | None) -> None:
        self._db = value

    def _file_lock(self) -> FileLock:
        if self._lock is None:
            self._lock = _file_lock(self.path)
        return self._lock

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _build(self) -> None:
        data = self.storage.data
        for table, (_prefix, cls) in TABLES.items():
            target: dict[str, Any] = getattr(self, table)
            for doc_id, doc in (data.get(table) or {}).items():
                try:
                    record = cls.from_doc(doc)
                except (ValidationError, KeyError, TypeError, AttributeError) as exc:
                    what = exc if isinstance(exc, ValidationError) else f"missing or bad {exc}"
                    raise DataFileError(
                        f"{self.path}: {table} record {doc_id} is invalid: {what}"
                    ) from None
                target[record.id] = record
        for inter in self.interactions.values():
            self._by_connection.setdefault(inter.connection_id, []).append(inter)
        for items in self._by_connection.values():
            items.sort(key=_by_date)

    @property
    def dirty(self) -> bool:
        """True while there are changes in memory that are not on disk yet."""
        return self._changes != self._saved_changes

    def _changed(self) -> None:
        self._changes += 1

    # --- meta ---

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.storage.data.get(META, {}).get("1", {}))

    def set_meta(self, **values: Any) -> None:
        meta = self.storage.data.setdefault(META, {}).setdefault("1", {})
        with self.mutex:
            if not getattr(self, "_held", False):
                self._journal.append((self._changes + 1, "meta", META, dict(values), None))
            meta.update(values)
            self._dirty_docs[(META, "1")] = self._changes + 1
            self._changed()

    # --- reading ---

    def interactions_for(self, connection_id: str) -> list[Interaction]:
        """The connection's interactions, oldest first."""
        return self._by_connection.get(connection_id, [])

    def last_contacted(self, connection_id: str) -> date | None:
        """The date of the latest interaction in either direction, or None."""
        items = self._by_connection.get(connection_id)
        return items[-1].date if items else None

    def last_interaction(self, connection_id: str) -> Interaction | None:
        """The latest interaction with the person (same-day ties: the one logged last)."""
        items = self._by_connection.get(connection_id)
        return latest_interaction(items) if items else None

    def last_sent(self, connection_id: str) -> date | None:
        """The day of the latest message sent to the person, or None."""
        floor = self._last_sent_floor.get(connection_id)
        for inter in reversed(self._by_connection.get(connection_id, ())):
            if floor is not None and inter.date <= floor:
                break
            if inter.direction == "sent":
                return inter.date
        return floor

    def history_by_connection(self) -> dict[str, list[Interaction]]:
        """Each person's interactions, oldest first (do not modify)."""
        return self._by_connection

    def plans_for(self, connection_id: str) -> list[Plan]:
        return [p for p in self.plans.values() if connection_id in p.recipients]

    def occasions_for(self, connection_id: str) -> list[Occasion]:
        return [o for o in self.occasions.values() if o.connection_id == connection_id]

    # --- writing (memory only until save) ---

    def new_id(self, table: str) -> str:
        """Reserve the next id of ``table`` (never reused, even after a delete)."""
        prefix = TABLES[table][0]
        with self.mutex:
            meta = self.storage.data.setdefault(META, {}).setdefault("1", {})
            counters = meta.setdefault("counters", {})
            existing = self.storage.data.get(table) or {}
            n = max(counters.get(table, 0), len(existing), self._id_floor.get(table, 0)) + 1
            while str(n) in existing:
                n += 1
            counters[table] = n
            self._dirty_docs[(META, "1")] = self._changes + 1
            self._created.append((table, f"{prefix}{n}"))
        return f"{prefix}{n}"

    def put(self, record: Connection | Interaction | Plan | Occasion) -> None:
        """Insert or replace ``record`` (its id says where it goes)."""
        self.put_many([record])

    def put_many(self, records: Iterable[Connection | Interaction | Plan | Occasion]) -> None:
        """Insert or replace many records in one pass per table (imports use this)."""
        with self.mutex:
            records = list(records)
            if not getattr(self, "_held", False):  # a locked CLI command cannot conflict
                for r in records:
                    current = getattr(self, _table_of(r)).get(r.id)
                    original = current.to_doc() if current is not None else None
                    self._journal.append((self._changes + 1, "put", _table_of(r), r, original))
            self._put_many(records)

    def _put_many(self, records: Iterable[Connection | Interaction | Plan | Occasion]) -> None:
        grouped: dict[str, list[Any]] = {}
        for record in records:
            grouped.setdefault(_table_of(record), []).append(record)
        for table_name, items in grouped.items():
            target: dict[str, Any] = getattr(self, table_name)
            # Write into TinyDB's document directly, exactly as Table.insert/update would
            # (``{str(doc_id): doc}``; an update merges into the stored doc): TinyDB rebuilds
            # the whole table dict on every write, ~130 ms per edit with 100,000 interactions.
            docs = self.storage.data.setdefault(table_name, {})
            for r in items:
                old = target.get(r.id)
                if old is not None and old is not r:
                    self._touch(old)  # e.g. a plan's former recipients
                self._touch(r)
                key = str(_doc_id(r.id))
                self._dirty_docs[(table_name, key)] = self._changes + 1
                stored = docs.get(key) if r.id in target else None
                if stored is None:
                    docs[key] = r.to_doc()
                else:
                    stored.update(r.to_doc())
            self._db = None  # a TinyDB view built later sees the new docs (no stale cache)
            for record in items:
                old = target.get(record.id)
                target[record.id] = record
                if table_name == "interactions":
                    self._index_interaction(record, old)
        self._changed()

    def delete(self, table: str, record_id: str) -> None:
        """Remove one record; deleting a connection removes its history and occasions too."""
        with self.mutex:
            if not getattr(self, "_held", False):
                self._journal.append((self._changes + 1, "delete", table, record_id, None))
            self._delete(table, record_id)

    def _delete(self, table: str, record_id: str) -> None:
        target: dict[str, Any] = getattr(self, table)
        record = target.pop(record_id, None)
        if record is None:
            return
        self._touch(record)
        key = str(_doc_id(record_id))
        (self.storage.data.get(table) or {}).pop(key, None)
        self._dirty_docs[(table, key)] = self._changes + 1
        self._db = None  # as in _put_many: TinyDB's own remove rewrites the whole table
        if table == "interactions":
            self._index_interaction(None, record)
        if table == "connections":
            self._last_sent_floor.pop(record_id, None)
            for inter in list(self._by_connection.get(record_id, [])):
                self._delete("interactions", inter.id)
            for occ in self.occasions_for(record_id):
                self._delete("occasions", occ.id)
            for plan in self.plans_for(record_id):
                plan.recipients = [r for r in plan.recipients if r != record_id]
                if plan.recipients:
                    self._put_many([plan])
                else:
                    self._delete("plans", plan.id)
        self._changed()

    def _index_interaction(self, new: Interaction | None, old: Interaction | None) -> None:
        if old is not None:
            items = self._by_connection.get(old.connection_id, [])
            for i, item in enumerate(items):
                if item.id == old.id:
                    del items[i]
                    break
        if new is not None:
            items = self._by_connection.setdefault(new.connection_id, [])
            bisect.insort(items, new, key=_by_date)

    # --- saving ---

    def save(self, *, summary: bool = True, journal: bool = False) -> None:
        """Make the changes durable; raise DataFileError (the file stays as it was).

        By default the whole network is written atomically (and any journal folded in). With
        ``journal`` the changes since the last save are appended to the write-ahead journal
        instead (see the module docstring), unless it has grown past COMPACT_BYTES.

        Refuses with ConcurrentChangeError when another process changed the file (or its
        journal) since it was loaded, so neither change is silently lost. Safe to call from a
        worker thread while another thread mutates: what is written is a consistent snapshot,
        and changes made during the write keep the store dirty. A store opened from the summary
        loads its history first. With ``summary``, the summary cache is refreshed after the
        file is durable (the TUI passes False and refreshes it when idle: see write_summary).
        """
        self.load_history()
        held = getattr(self, "_held", False)
        if not held:
            _acquire(self._file_lock(), self.path)
        try:
            jpath = journal_path(self.path)
            if (
                Fingerprint.of(self.path) != self._fingerprint
                or Fingerprint.of(jpath) != self._journal_fp
            ):
                raise ConcurrentChangeError(
                    f"{self.path}: changed on disk since it was opened (another outreach "
                    "running?); not saved, to keep both changes: reload and try again"
                )
            if (
                journal
                and not self._needs_full_save
                and self._fingerprint is not None
                and self._disk_token
                and (self._journal_fp is None or self._journal_live)
                and (self._journal_fp is None or self._journal_fp.size < COMPACT_BYTES)
            ):
                version = self._append_journal(jpath)
            else:
                version = self._write_whole(jpath)
            self._saved_changes = version
            with self.mutex:
                self._journal = [e for e in self._journal if e[0] > version]
                if not self._journal:
                    self._created = []
                self._dirty_docs = {k: n for k, n in self._dirty_docs.items() if n > version}
        finally:
            if not held:
                self._file_lock().release()
        if summary:
            self.write_summary()

    def _write_whole(self, jpath: Path) -> int:
        """Write the whole document (with a new snapshot token) and drop the journal."""
        import secrets

        token = secrets.token_hex(8)
        with self.mutex:
            meta = self.storage.data.setdefault(META, {}).setdefault("1", {})
            meta["snapshot"] = token
            payload = self.storage.dump()
            version = self._changes
            full = self._needs_full_save
            self._needs_full_save = False
        try:
            self._fingerprint = write_atomic(self.path, payload)
        except DataFileError:
            self._needs_full_save = self._needs_full_save or full
            raise
        self._disk_token = token
        if self._journal_fp is not None:
            _remove_journal(self.path)  # folded in (a crash before this: it is ignored)
        self._journal_fp, self._journal_live = None, False
        return version

    def _append_journal(self, jpath: Path) -> int:
        """Append the documents changed since the last save as one fsynced journal line."""
        with self.mutex:
            data = self.storage.data
            ops = [
                [table, key, (data.get(table) or {}).get(key)] for (table, key) in self._dirty_docs
            ]
            line = orjson.dumps({"ops": ops}) + b"\n"
            version = self._changes
            header = b""
            if self._journal_fp is None:
                header = orjson.dumps({"journal": 1, "snapshot": self._disk_token}) + b"\n"
        try:
            with open(jpath, "ab") as fh:
                if header:
                    os.chmod(jpath, 0o600)
                    fh.write(header)
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
                written = Fingerprint.from_stat(os.fstat(fh.fileno()))
            if header:
                _fsync_folder(jpath.parent)  # the new journal's name is durable too
        except OSError as exc:
            raise DataFileError(
                f"{jpath}: could not save: {exc.strerror or exc}; the data file is unchanged"
            ) from None
        self._journal_fp, self._journal_live = written, True
        return version

    @property
    def has_journal(self) -> bool:
        """Whether edits are waiting in the journal to be folded into the data file."""
        return self._journal_fp is not None

    @property
    def disk_token(self) -> str | None:
        """The snapshot token of the data file on disk (see the journal)."""
        return self._disk_token

    @property
    def journal_live(self) -> bool:
        """Whether the next journaled save may append to the journal on disk."""
        return self._journal_fp is not None and self._journal_live

    def write_summary(self) -> bool:
        """Refresh the summary cache from this store when it is complete and saved (best
        effort; see :mod:`planner.summary`). True when written."""
        from planner import summary

        return summary.write(self)

    def merge_from_disk(self) -> int:
        """Reload a file another process changed and re-apply this store's unsaved changes.

        For when :meth:`save` raised ConcurrentChangeError (e.g. the TUI was open while
        ``outreach log`` ran). Records this store created get fresh ids if the other process
        took theirs (references follow); an edited record keeps the other process's values
        for the fields this store did not change. Returns how many changes were re-applied;
        the store stays dirty, so the caller saves next. Raises DataFileError.

        Also how a store opened from the summary gets its history (:meth:`load_history`):
        the file is read while the other thread keeps editing (every edit is journaled), then
        the journal is re-applied and the result adopted with the mutex held.
        """
        fresh = Store.open(self.path)
        with self.mutex:
            id_map: dict[str, str] = {}
            for table, rid in self._created:
                if str(_doc_id(rid)) in (fresh.storage.data.get(table) or {}):
                    id_map[rid] = fresh.new_id(table)
                else:  # keep the id, and make sure the fresh store never hands it out again
                    counters = fresh.storage.data[META]["1"].setdefault("counters", {})
                    counters[table] = max(counters.get(table, 0), _doc_id(rid))
                    fresh._dirty_docs[(META, "1")] = fresh._changes + 1
            fresh._created = [(t, id_map.get(r, r)) for t, r in self._created]
            for _n, op, table, payload, original in self._journal:
                if op == "meta":
                    fresh.set_meta(**payload)
                elif op == "delete":
                    fresh.delete(table, id_map.get(payload, payload))
                else:
                    fresh.put(_rebased(_remapped(payload, id_map), original, fresh))
            applied = len(self._journal)
            adopted = ("storage", "_db", "_fingerprint", "_journal", "_created", "_by_connection")
            on_disk = (
                "_journal_fp",
                "_journal_live",
                "_dirty_docs",
                "_needs_full_save",
                "_disk_token",
            )
            for name in (*adopted, *on_disk, "_changes", "_saved_changes", *TABLES):
                setattr(self, name, getattr(fresh, name))
            self._last_sent_floor, self._id_floor = {}, {}
            self._touched = {}
            self.epoch += 1
            self.complete = True
            self.selected = None
            return applied

    def replace_all(self, data: dict[str, Any]) -> None:
        """Make ``data`` (a whole data-file document, e.g. a restored backup) the network, in
        memory; :meth:`save` writes it as one atomic change. Raises DataFileError, leaving the
        store as it was, when a record is invalid."""
        with self.mutex:
            old = (self.storage, self.db, self.connections, self.interactions, self.plans)
            old_rest = (self.occasions, self._by_connection)
            self.storage = AtomicJSONStorage(data)
            self.db = None  # rebuilt over the new storage on the next write
            self.connections, self.interactions, self.plans = {}, {}, {}
            self.occasions, self._by_connection = {}, {}
            try:
                self._build()
            except DataFileError:
                self.storage, self.db, self.connections, self.interactions, self.plans = old
                self.occasions, self._by_connection = old_rest
                raise
            self._last_sent_floor, self._id_floor, self._touched = {}, {}, {}
            self.epoch += 1
            self.complete = True
            self._needs_full_save = True  # every document changed: write the whole file
            self._changed()


def _remapped(record: Any, id_map: dict[str, str]) -> Any:
    """``record`` with ids (its own and those it refers to) renamed by ``id_map``."""
    if not id_map:
        return record
    changes: dict[str, Any] = {}
    if record.id in id_map:
        changes["id"] = id_map[record.id]
    if isinstance(record, Interaction | Occasion) and record.connection_id in id_map:
        changes["connection_id"] = id_map[record.connection_id]
    if isinstance(record, Plan):
        changes["recipients"] = [id_map.get(r, r) for r in record.recipients]
    return replace(record, **changes) if changes else record


def _rebased(record: Any, original: dict[str, Any] | None, fresh: Store) -> Any:
    """An edit re-applied over the other process's version: only the fields we changed."""
    current = getattr(fresh, _table_of(record)).get(record.id)
    if original is None or current is None:
        return record
    merged = current.to_doc()
    for key, value in record.to_doc().items():
        if original.get(key) != value:
            merged[key] = value
    return type(record).from_doc(merged)


def snapshot_token(data: dict[str, Any]) -> str | None:
    """The ``snapshot`` token of a data-file document (None for a file outreach has not saved
    since it had journals)."""
    meta = data.get(META)
    doc = meta.get("1") if isinstance(meta, dict) else None
    token = doc.get("snapshot") if isinstance(doc, dict) else None
    return token if isinstance(token, str) and token else None


def disk_state_of(path: Path) -> tuple[Fingerprint | None, Fingerprint | None]:
    """The versions of ``path`` and of its journal now on disk (see Store.disk_state)."""
    return Fingerprint.of(path), Fingerprint.of(journal_path(path))


def journal_path(path: Path) -> Path:
    """The write-ahead journal beside the data file ``path``."""
    return path.with_name(path.name + JOURNAL_SUFFIX)


def _replay_journal(data: dict[str, Any], path: Path) -> tuple[Fingerprint | None, bool]:
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


_JOURNAL_TABLES = frozenset((META, *TABLES))


def _remove_journal(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        journal_path(path).unlink()


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem can fsync a folder
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _file_lock(path: Path) -> FileLock:
    from filelock import FileLock

    return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S)


def _acquire(lock: FileLock, path: Path) -> None:
    from filelock import Timeout

    try:
        lock.acquire()
    except Timeout:
        raise DataFileError(
            f"{path}: another outreach process has held the data file for {LOCK_TIMEOUT_S:.0f} s; "
            f"close it and try again (lock file {lock.lock_file})"
        ) from None
    except OSError as exc:
        raise DataFileError(
            f"{path}: cannot lock the data file ({exc.strerror or exc}); is its folder writable?"
        ) from None


def latest_interaction(history: list[Interaction]) -> Interaction:
    """The last of a date-sorted history; same-day ties go to the one logged last."""
    latest = history[-1]
    if len(history) == 1 or history[-2].date != latest.date:
        return latest
    last_day = latest.date
    for inter in reversed(history):
        if inter.date != last_day:
            break
        if _id_number(inter.id) > _id_number(latest.id):
            latest = inter
    return latest


def _id_number(record_id: str) -> int:
    digits = record_id[1:]
    return int(digits) if digits.isdigit() else -1


# The sort key of a connection's history (C-level: sorting 100,000 records at load is ~2x faster).
_by_date = operator.attrgetter("date")


def _doc_id(record_id: str) -> int:
    """TinyDB's document id for a record id such as ``c12`` (prefix letter + number)."""
    if not (record_id[:1].isalpha() and record_id[1:].isdigit()):
        raise ValueError(f"bad record id {record_id!r}: expected a letter and a number, e.g. c12")
    return int(record_id[1:])


def _table_of(record: Any) -> str:
    for table, (_prefix, cls) in TABLES.items():
        if isinstance(record, cls):
            return table
    raise TypeError(f"not a record: {record!r}")


def _checked_shape(data: Any, path: Path) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DataFileError(
            f"{path}: not an outreach data file (the top level is a {type(data).__name__}, "
            "expected an object of tables)"
        )
    for table in (META, *TABLES):
        value = data.get(table)
        if value is None:
            continue
        if not isinstance(value, dict) or not all(isinstance(d, dict) for d in value.values()):
            raise DataFileError(
                f"{path}: not an outreach data file (table {table!r} should map ids to records)"
            )
    return data


def _upgraded(
    data: dict[str, Any], path: Path, fingerprint: Fingerprint
) -> tuple[dict[str, Any], Fingerprint]:
    """``data`` at the current schema, and the fingerprint of the file now on disk."""
    version = _schema_of(data)
    if version == SCHEMA_VERSION:
        return data, fingerprint
    if version > SCHEMA_VERSION or version < 0:
        raise DataFileError(
            f"{path}: written by a newer outreach (schema {version}, this one knows up to "
            f"{SCHEMA_VERSION}); upgrade outreach to open it"
        )
    backup = path.with_name(f"{path.name}.v{version}.bak")
    try:
        import shutil

        shutil.copy2(path, backup)
    except OSError as exc:
        raise DataFileError(
            f"{path}: cannot write the backup {backup} before migrating: {exc.strerror or exc}"
        ) from None
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    data.setdefault(META, {}).setdefault("1", {})["schema"] = SCHEMA_VERSION
    return data, write_atomic(path, orjson.dumps(data))


def __getattr__(name: str) -> Any:
    """TinyDB's Document is re-exported (lazily) for code that inserts with explicit ids."""
    if name == "Document":
        from tinydb.table import Document

        return Document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Store", "DataFileError", "ConcurrentChangeError", "Document", "write_atomic"]  # noqa: F822
