"""The Store: the user's network in memory, loaded from one data file and saved back.

The facade over the storage parts (see ``planner/storage/__init__.py``): it holds the
:class:`~planner.storage.network.Network` (records and indices) and the document it was built
from, and every edit goes through it, changing both. Design (see the Performance section of
the README):

* The file is read once (orjson, collector paused) and edits write into the document exactly
  as TinyDB's ``Table.insert``/``update``/``remove`` would, which a test checks: TinyDB's own
  JSONStorage re-reads the file on every query and its Table rewrites a whole table per insert
  (~130 ms at 100,000 interactions). :attr:`Store.db` is a TinyDB over the in-memory copy.
* :meth:`Store.save` makes one durable, atomic write of the whole file, or (``journal=True``,
  the TUI) appends the changed documents to the write-ahead journal.
* Two processes never silently overwrite each other: a save takes ``<file>.lock`` and refuses
  when the file changed on disk since it was loaded. Writing CLI commands hold the lock from
  load to save (:meth:`Store.open` with ``lock=True``), so they queue instead of failing; a
  long-lived store (the TUI) keeps its unsaved edits in a change log and
  :meth:`Store.merge_from_disk` re-applies them over the other process's version.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from planner import integrity as checks
from planner.models import Connection, Interaction, Occasion, Plan, ValidationError
from planner.storage import journal as wal
from planner.storage import summary as summary_cache
from planner.storage.changes import (
    Change,
    ChangeLog,
    DeletedElsewhere,
    people_of,
    rebased,
    remapped,
)
from planner.storage.document import (
    META,
    TABLES,
    AtomicJSONStorage,
    Record,
    checked_shape,
    doc_id,
    new_document,
    snapshot_token,
    table_of,
    upgraded,
)
from planner.storage.files import (
    ConcurrentChangeError,
    DataFileError,
    DataFileLock,
    Fingerprint,
    acquire,
    collector_paused,
    file_lock,
    read_json_with_fingerprint,
    remove_stale_temps,
    write_atomic,
)
from planner.storage.network import Network

if TYPE_CHECKING:  # imported when first needed: reading commands never load them (start-up time)
    from tinydb import TinyDB

FILE_VERSIONS_KEPT = 32  # see Store.file_versions


@dataclass(slots=True)
class DiskState:
    """The versions on disk a store reflects."""

    fingerprint: Fingerprint | None  # the data file as loaded or last saved
    journal_fp: Fingerprint | None = None  # the journal as we last saw it
    journal_live: bool = False  # the journal on disk belongs to this version of the file
    # The snapshot token of the file on disk (what a journal header must name): kept apart
    # from the one in memory, which a failed save or a replayed _meta may have changed.
    disk_token: str | None = None


def data_file_path(path: str | os.PathLike[str]) -> Path:
    """The data file that ``path`` names: ``~`` expanded and symbolic links followed, so that
    a data file kept behind a link (e.g. in a synced folder) is read and written where it
    really is, and its journal, lock and backups sit beside the real file (an atomic save
    replaces the real file, never the link)."""
    return Path(os.path.realpath(Path(path).expanduser()))


def _load(
    path: Path, *, create: bool, integrity: bool = True
) -> tuple[dict[str, Any], DiskState, Network]:
    """Read the data file (and replay its journal, migrate it), or an empty network when it
    does not exist and ``create``. Raises DataFileError, also (with ``integrity``) for a file
    whose records break referential integrity (see :mod:`planner.integrity`)."""
    fingerprint = Fingerprint.of(path)
    if fingerprint is None:
        if not create:
            raise DataFileError(f"{path}: no such data file")
        data = new_document()
        return data, DiskState(None, disk_token=snapshot_token(data)), Network({}, {}, {}, {})
    with collector_paused():  # parsing and building ~170k records: ~15% faster
        data, fingerprint = read_json_with_fingerprint(path)
        data = checked_shape(data, path)
        token = snapshot_token(data)  # before the journal is replayed over it
        journal_fp, live = wal.replay(data, path)
        data, written = upgraded(data, path, fingerprint)
        if written != fingerprint and journal_fp is not None:  # folded in: drop it
            wal.remove(path)
            journal_fp, live = None, False
        network = Network.from_document(data, path)
        if integrity and not checks.looks_sound(data, network):
            raise DataFileError(checks.summary_line(path, checks.problems(data)))
    disk = DiskState(written, journal_fp, live, token if written == fingerprint else None)
    return data, disk, network


class Store:
    """The user's network, loaded from one data file.

    Mutating methods change memory only; call :meth:`save` to make them durable.
    """

    def __init__(
        self,
        path: Path,
        data: dict[str, Any],
        fingerprint: Fingerprint | None = None,
        *,
        disk: DiskState | None = None,
        network: Network | None = None,
    ) -> None:
        """The network of the document ``data`` (the file at ``path`` in the version
        ``fingerprint``, or ``disk`` when the journal is known too); ``network`` when its
        records are built already. Raises DataFileError for an invalid record."""
        if disk is None:
            disk = DiskState(fingerprint, disk_token=snapshot_token(data))
        if network is None:
            network = Network.from_document(data, path)
        self.path = path
        # Saves may run in a worker thread while the UI thread mutates: the mutex makes the
        # in-memory document consistent while it is serialised (the disk write runs outside it).
        self.mutex = threading.RLock()
        self._lock: DataFileLock | None = None  # created on the first save (see _file_lock)
        self._held = False  # the lock is held from open(lock=True) to close()
        self._history_lock = threading.Lock()
        self._conflicts: list[DeletedElsewhere] = []  # see merge_from_disk, take_conflicts
        self.epoch = 0  # bumped when the whole network is replaced (merge, restore)
        self._install(data, disk, network)
        self._file_versions: list[tuple[Any, tuple[int, int]]] = [(self.disk_state, self.version)]

    def _install(self, data: dict[str, Any], disk: DiskState, network: Network) -> None:
        """Adopt one version of the network as loaded: the state every load sets (the
        constructor and :meth:`merge_from_disk` both come here)."""
        self.storage = AtomicJSONStorage(data)
        self._db: TinyDB | None = None  # built on the first write (see the db property)
        self._disk = disk
        self._net = network
        self._changes = 0  # bumped by every mutation; save() compares to what it wrote
        self._saved_changes = 0
        # Unsaved changes, kept so they can be re-applied over a file another process changed.
        self._log = ChangeLog()
        # Documents changed since the last save, for the journal: (table, doc key) -> change no.
        self._dirty_docs: dict[tuple[str, str], int] = {}
        self._needs_full_save = False  # set when the whole document was replaced
        # What changed, for screens that update incrementally (see version/touched_since).
        self._touched: dict[str, int] = {}  # connection id -> change number of its last change

    # --- opening ---

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        lock: bool = False,
        create: bool = True,
        integrity: bool = True,
    ) -> Store:
        """Load ``path`` (creating an empty network when it does not exist and ``create``).

        With ``lock``, the file lock is held until :meth:`close`, so a writing command cannot
        interleave with another process. Raises DataFileError for any problem with the file,
        including orphans and duplicate ids (``integrity=False``: ``outreach doctor`` opens
        such a file to repair it).
        """
        path = data_file_path(path)
        lock_obj = file_lock(path) if lock else None
        if lock_obj is not None:
            acquire(lock_obj, path)
        try:
            data, disk, network = _load(path, create=create, integrity=integrity)
            store = cls(path, data, disk=disk, network=network)
        except BaseException:
            if lock_obj is not None:
                lock_obj.release()
            raise
        if lock_obj is not None:
            store._lock = lock_obj
            store._held = True
        return store

    @classmethod
    def open_summary(
        cls,
        path: str | os.PathLike[str],
        *,
        repair: bool = True,
        select: Callable[[Store, summary_cache.DueIndex], set[str]] | None = None,
        plans_until: date | None = None,
    ) -> Store:
        """Open ``path`` for a quick read: from the summary cache when it matches the file
        (connections, plans, occasions and each person's latest interaction; see
        :mod:`planner.storage.summary`), else fully (and the summary is written for next time).

        The agenda, the lists and the last contacts are exact either way. The history beyond
        each person's latest interaction is loaded by :meth:`load_history`, which
        :meth:`save` calls first. With ``repair`` False a missing or stale summary is not
        written here (the TUI writes it in the background: :meth:`write_summary`).

        ``select`` (for one read, e.g. ``outreach due``) picks the connections to load (their
        ids) from the summary's :class:`~planner.storage.summary.DueIndex` (see
        ``planner.agenda.who_may_be_due``); the others, and their plans, occasions and
        interactions, are not decoded at all, and ``store.selected`` says the store holds only
        those; with ``plans_until``, only the pending plans due (or snoozed to) that day or
        earlier are loaded (all a list up to that day needs). It has no effect when the file
        is read whole. Raises DataFileError.
        """
        path = data_file_path(path)
        state = wal.disk_state_of(path)
        fingerprint = state[0]
        sections = summary_cache.FULL if select is None else summary_cache.DUE
        doc = None
        if fingerprint is not None:
            with collector_paused():  # ~150,000 tuples: no collections while they are made
                doc = summary_cache.read(path, state, sections)
        if doc is None:
            return cls._open_whole(path, repair)
        try:
            with collector_paused():
                # The records come built from the summary; the document holds only _meta
                # until the history is loaded (edits meanwhile add their own documents).
                empty: dict[str, Any] = {table: {} for table in TABLES}
                disk = DiskState(
                    fingerprint,
                    journal_fp=state[1],
                    journal_live=bool(doc.get("journal_live")),
                    disk_token=doc.get("disk_token"),
                )
                network = Network({}, {}, {}, {}, by_connection={})
                store = cls(path, {META: doc["meta"], **empty}, disk=disk, network=network)
                network.flagged = set(doc["flagged"])
                network.id_floor = dict(doc["id_floor"])
                if select is None:
                    parts = doc
                    records = summary_cache.records
                    network.connections = {r.id: r for r in records(doc, "connections")}
                    interactions = records(doc, "interactions")
                    plans, occasions = records(doc, "plans"), records(doc, "occasions")
                else:
                    index = summary_cache.DueIndex(doc["due_index"])
                    network.selected = select(store, index)
                    parts = summary_cache.people(doc, index, network.selected, plans_until)
                    network.connections = parts["connections"]
                    interactions, plans = parts["interactions"], parts["plans"]
                    occasions = parts["occasions"]
                network.interactions = {r.id: r for r in interactions}
                network.by_connection = {i.connection_id: [i] for i in interactions}
                network.plans = {r.id: r for r in plans}
                network.occasions = {r.id: r for r in occasions}
                network.strength_floor = parts["strength"]  # raw tuples: see strength.kept
                fromordinal = date.fromordinal
                network.last_sent_floor = {
                    cid: fromordinal(day) for cid, day in parts["last_sent"].items()
                }
        except summary_cache.Damaged:  # as when read() finds it damaged
            return cls._open_whole(path, repair)
        except (KeyError, TypeError, ValueError, AttributeError):
            summary_cache.discard(path)  # unreadable: the data file itself decides
            return cls.open(path)
        network.complete = False
        return store

    @classmethod
    def _open_whole(cls, path: Path, repair: bool) -> Store:
        """:meth:`open_summary` without a usable summary: the file itself (and with
        ``repair`` a summary written for next time)."""
        store = cls.open(path)
        if repair and store.fingerprint is not None:
            summary_cache.write(store)
        return store

    def load_history(self) -> None:
        """Load the whole history into a store opened from the summary (a no-op otherwise):
        reads the data file and re-applies the changes made meanwhile. Safe to call from a
        worker thread while the UI edits; raises DataFileError."""
        if self._net.complete:
            return
        with self._history_lock:
            if not self._net.complete:
                self.merge_from_disk()

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file lock for a while (re-entrant: a save inside takes it again), e.g. to
        merge another process's save and save the result with no writer in between: without
        it, busy writers could change the file again during every merge, and a long-lived
        store (the TUI at 30,000 people) would never get its save in. Raises DataFileError."""
        if self._held:
            yield
            return
        lock = self._file_lock()
        acquire(lock, self.path)
        try:
            yield
        finally:
            lock.release()

    def close(self) -> None:
        """Release the lock taken by ``open(lock=True)``."""
        if self._held and self._lock is not None:
            self._lock.release()
            self._held = False

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the network (see planner.storage.network) ---

    @property
    def connections(self) -> dict[str, Connection]:
        return self._net.connections

    @property
    def interactions(self) -> dict[str, Interaction]:
        return self._net.interactions

    @property
    def plans(self) -> dict[str, Plan]:
        return self._net.plans

    @property
    def occasions(self) -> dict[str, Occasion]:
        return self._net.occasions

    @property
    def complete(self) -> bool:
        """False for a store opened from the summary until its history is loaded."""
        return self._net.complete

    @property
    def selected(self) -> set[str] | None:
        """The people an ``open_summary(select=...)`` store holds (None: everyone)."""
        return self._net.selected

    def interactions_for(self, connection_id: str) -> list[Interaction]:
        """The connection's interactions, oldest first."""
        return self._net.interactions_for(connection_id)

    def last_contacted(self, connection_id: str) -> date | None:
        """The date of the latest interaction in either direction, or None."""
        return self._net.last_contacted(connection_id)

    def last_interaction(self, connection_id: str) -> Interaction | None:
        """The latest interaction with the person (same-day ties: the one logged last)."""
        return self._net.last_interaction(connection_id)

    def last_sent(self, connection_id: str) -> date | None:
        """The day of the latest message sent to the person, or None."""
        return self._net.last_sent(connection_id)

    def history_by_connection(self) -> dict[str, list[Interaction]]:
        """Each person's interactions, oldest first (do not modify)."""
        return self._net.by_connection

    @property
    def strength_floor(self) -> dict[str, Any]:
        """In a store opened from the summary: each person's strength basis when it was made,
        as a plain tuple (read it with planner.strength.kept); empty otherwise."""
        return self._net.strength_floor

    @property
    def flagged(self) -> set[str]:
        """In a store opened from the summary: the people with person-level state."""
        return self._net.flagged

    def id_floor(self, table: str) -> int:
        """In a store opened from the summary: the highest id number of ``table`` when the
        summary was made (records above it were added since); 0 otherwise."""
        return self._net.id_floor.get(table, 0) if not self._net.complete else 0

    def plans_for(self, connection_id: str) -> list[Plan]:
        return self._net.plans_for(connection_id)

    def occasions_for(self, connection_id: str) -> list[Occasion]:
        return self._net.occasions_for(connection_id)

    # --- versions ---

    @property
    def fingerprint(self) -> Fingerprint | None:
        """The version of the file on disk this store was loaded from or last saved as."""
        return self._disk.fingerprint

    @property
    def disk_state(self) -> tuple[Fingerprint | None, Fingerprint | None]:
        """The versions of the file and of its journal this store reflects."""
        return self._disk.fingerprint, self._disk.journal_fp

    @property
    def has_journal(self) -> bool:
        """Whether edits are waiting in the journal to be folded into the data file."""
        return self._disk.journal_fp is not None

    @property
    def disk_token(self) -> str | None:
        """The snapshot token of the data file on disk (see the journal)."""
        return self._disk.disk_token

    @property
    def journal_live(self) -> bool:
        """Whether the next journaled save may append to the journal on disk."""
        return self._disk.journal_fp is not None and self._disk.journal_live

    @property
    def version(self) -> tuple[int, int]:
        """(epoch, change number): compare with :meth:`touched_since` to update incrementally."""
        return self.epoch, self._changes

    def file_versions(self) -> list[tuple[Any, tuple[int, int]]]:
        """The versions of the data file (see :attr:`disk_state`) this store last read and has
        written since, oldest first, each with the store's :attr:`version` then: what it
        changed over one of them is :meth:`touched_since` that version (None from it when a
        restore replaced the network since). For caches made from one of them
        (``planner.bulk.snapshot.refresh``)."""
        with self.mutex:
            return list(self._file_versions)

    def touched_since(self, version: tuple[int, int]) -> set[str] | None:
        """Ids of the connections whose records (or history, plans, occasions) changed since
        ``version``; None when the whole network was replaced meanwhile (re-read it all)."""
        epoch, changes = version
        if epoch != self.epoch:
            return None
        return {cid for cid, n in list(self._touched.items()) if n > changes}

    @property
    def dirty(self) -> bool:
        """True while there are changes in memory that are not on disk yet."""
        return self._changes != self._saved_changes

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

    # --- meta ---

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.storage.data.get(META, {}).get("1", {}))

    def set_meta(self, **values: Any) -> None:
        meta = self.storage.data.setdefault(META, {}).setdefault("1", {})
        with self.mutex:
            if not self._held:
                self._log.changes.append(
                    Change(self._changes + 1, "meta", META, dict(values), None)
                )
            meta.update(values)
            self._dirty_docs[(META, "1")] = self._changes + 1
            self._changed()

    # --- writing (memory only until save) ---

    def new_id(self, table: str) -> str:
        """Reserve the next id of ``table`` (never reused, even after a delete)."""
        prefix = TABLES[table][0]
        with self.mutex:
            meta = self.storage.data.setdefault(META, {}).setdefault("1", {})
            counters = meta.setdefault("counters", {})
            existing = self.storage.data.get(table) or {}
            n = max(counters.get(table, 0), len(existing), self._net.id_floor.get(table, 0)) + 1
            while str(n) in existing:
                n += 1
            counters[table] = n
            self._dirty_docs[(META, "1")] = self._changes + 1
            self._log.created.append((table, f"{prefix}{n}"))
        return f"{prefix}{n}"

    def put(self, record: Record) -> None:
        """Insert or replace ``record`` (its id says where it goes)."""
        self.put_many([record])

    def put_many(self, records: Iterable[Record]) -> None:
        """Insert or replace many records in one pass per table (imports use this).

        Raises ValidationError, changing nothing, for a record that refers to a person who is
        not in the network (no orphan is ever written)."""
        with self.mutex:
            records = list(records)
            self._check_references(records)
            if not self._held:  # a locked CLI command cannot conflict
                for r in records:
                    table = table_of(r)
                    current = self._net.table(table).get(r.id)
                    original = current.to_doc() if current is not None else None
                    self._log.changes.append(Change(self._changes + 1, "put", table, r, original))
            self._put_many(records)

    def _check_references(self, records: list[Record]) -> None:
        if self._net.selected is not None:  # a partial read (outreach due) does not write
            return
        people = self._net.connections
        added = {r.id for r in records if type(r) is Connection}
        for r in records:
            if type(r) is Connection:
                continue
            for cid in people_of(r):
                if cid not in people and cid not in added:
                    raise ValidationError(
                        f"{type(r).__name__.lower()} {r.id} is for connection {cid}, who is "
                        "not in the network (deleted meanwhile?); nothing was saved"
                    )

    def _put_many(self, records: Iterable[Record]) -> None:
        grouped: dict[str, list[Any]] = {}
        for record in records:
            grouped.setdefault(table_of(record), []).append(record)
        for table_name, items in grouped.items():
            target = self._net.table(table_name)
            # Write into TinyDB's document directly, exactly as Table.insert/update would
            # (``{str(doc_id): doc}``; an update merges into the stored doc): TinyDB rebuilds
            # the whole table dict on every write, ~130 ms per edit with 100,000 interactions.
            docs = self.storage.data.setdefault(table_name, {})
            for r in items:
                old = target.get(r.id)
                if old is not None and old is not r:
                    self._touch(old)  # e.g. a plan's former recipients
                self._touch(r)
                key = str(doc_id(r.id))
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
                    self._net.index_interaction(record, old)
        self._changed()

    def delete(self, table: str, record_id: str) -> None:
        """Remove one record; deleting a connection removes its history and occasions too."""
        with self.mutex:
            if not self._held:
                self._log.changes.append(
                    Change(self._changes + 1, "delete", table, record_id, None)
                )
            self._delete(table, record_id)

    def _delete(self, table: str, record_id: str) -> None:
        target = self._net.table(table)
        record = target.pop(record_id, None)
        if record is None:
            return
        self._touch(record)
        key = str(doc_id(record_id))
        (self.storage.data.get(table) or {}).pop(key, None)
        self._dirty_docs[(table, key)] = self._changes + 1
        self._db = None  # as in _put_many: TinyDB's own remove rewrites the whole table
        if table == "interactions":
            self._net.index_interaction(None, record)
        if table == "connections":
            self._net.last_sent_floor.pop(record_id, None)
            for inter in list(self._net.by_connection.get(record_id, [])):
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

    def _touch(self, record: Any) -> None:
        n = self._changes + 1  # the number of the change being made
        if isinstance(record, Connection):
            self._touched[record.id] = n
        elif isinstance(record, Interaction | Occasion):
            self._touched[record.connection_id] = n
        elif isinstance(record, Plan):
            for cid in record.recipients:
                self._touched[cid] = n

    def _changed(self) -> None:
        self._changes += 1

    # --- saving ---

    def save(self, *, summary: bool = True, journal: bool = False) -> None:
        """Make the changes durable; raise DataFileError (the file stays as it was).

        By default the whole network is written atomically (and any journal folded in). With
        ``journal`` the changes since the last save are appended to the write-ahead journal
        instead (see :mod:`planner.storage.journal`), unless it has grown past COMPACT_BYTES.

        Refuses with ConcurrentChangeError when another process changed the file (or its
        journal) since it was loaded, so neither change is silently lost. Safe to call from a
        worker thread while another thread mutates: what is written is a consistent snapshot,
        and changes made during the write keep the store dirty. A store opened from the summary
        loads its history first. With ``summary``, the summary cache is refreshed after the
        file is durable (the TUI passes False and refreshes it when idle: see write_summary).
        """
        self.load_history()
        # (read before the snapshot is taken: a restore meanwhile makes the file version
        # recorded below one of an older epoch, which touched_since never answers for)
        epoch = self.epoch
        held = self._held
        if not held:
            acquire(self._file_lock(), self.path)
        try:
            jpath = wal.journal_path(self.path)
            disk = self._disk
            if Fingerprint.of(self.path) != disk.fingerprint or (
                Fingerprint.of(jpath) != disk.journal_fp
            ):
                raise ConcurrentChangeError(
                    f"{self.path}: changed on disk since it was opened (another outreach "
                    "running?); not saved, to keep both changes: reload and try again"
                )
            if (
                journal
                and not self._needs_full_save
                and disk.fingerprint is not None
                and disk.disk_token
                and (disk.journal_fp is None or disk.journal_live)
                and (disk.journal_fp is None or disk.journal_fp.size < wal.COMPACT_BYTES)
            ):
                version = self._append_journal(jpath)
            else:
                version = self._write_whole()
            self._saved_changes = version
            with self.mutex:
                self._file_versions = [
                    *self._file_versions[-(FILE_VERSIONS_KEPT - 1) :],
                    (self.disk_state, (epoch, version)),
                ]
                self._log.saved(version)
                self._dirty_docs = {k: n for k, n in self._dirty_docs.items() if n > version}
        finally:
            if not held:
                self._file_lock().release()
        if summary:
            self.write_summary()

    def _file_lock(self) -> DataFileLock:
        if self._lock is None:
            self._lock = file_lock(self.path)
        return self._lock

    def _write_whole(self) -> int:
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
        remove_stale_temps(self.path)  # a killed save's leftover (we hold the lock)
        try:
            self._disk.fingerprint = write_atomic(self.path, payload)
        except DataFileError:
            self._needs_full_save = self._needs_full_save or full
            raise
        self._disk.disk_token = token
        if self._disk.journal_fp is not None:
            wal.remove(self.path)  # folded in (a crash before this: it is ignored)
        self._disk.journal_fp, self._disk.journal_live = None, False
        return version

    def _append_journal(self, jpath: Path) -> int:
        """Append the documents changed since the last save as one fsynced journal line."""
        with self.mutex:
            data = self.storage.data
            ops = [
                [table, key, (data.get(table) or {}).get(key)] for (table, key) in self._dirty_docs
            ]
            line = wal.encode(ops)
            version = self._changes
            first = b"" if self._disk.journal_fp is not None else wal.header(self._disk.disk_token)
        written = wal.append(jpath, line, first)
        self._disk.journal_fp, self._disk.journal_live = written, True
        return version

    def write_summary(self) -> bool:
        """Refresh the summary cache from this store when it is complete and saved (best
        effort; see :mod:`planner.storage.summary`), then the caches registered with
        :func:`planner.storage.summary.after_write`. True when the summary was written."""
        if not summary_cache.write(self):
            return False
        summary_cache.refresh_companions(self)
        return True

    # --- replacing the whole network ---

    def merge_from_disk(self) -> int:
        """Reload a file another process changed and re-apply this store's unsaved changes.

        For when :meth:`save` raised ConcurrentChangeError (e.g. the TUI was open while
        ``outreach log`` ran). Records this store created get fresh ids if the other process
        took theirs (references follow); an edited record keeps the other process's values
        for the fields this store did not change. Returns how many changes were re-applied;
        the store stays dirty, so the caller saves next. Raises DataFileError.

        Also how a store opened from the summary gets its history (:meth:`load_history`):
        the file is read while the other thread keeps editing (every edit is logged), then
        the change log is re-applied over it with the mutex held.
        """
        data, disk, network = _load(self.path, create=True)
        with self.mutex:
            log = self._log
            known = self._net.connections  # the people as this store knew them
            self._install(data, disk, network)
            self.epoch += 1
            self._file_versions = [(self.disk_state, self.version)]
            id_map: dict[str, str] = {}
            for table, rid in log.created:
                if str(doc_id(rid)) in (data.get(table) or {}):
                    id_map[rid] = self.new_id(table)
                else:  # keep the id, and make sure this version never hands it out again
                    counters = data[META]["1"].setdefault("counters", {})
                    counters[table] = max(counters.get(table, 0), doc_id(rid))
                    self._dirty_docs[(META, "1")] = self._changes + 1
            self._log.created = [(t, id_map.get(r, r)) for t, r in log.created]
            conflicts: dict[str, DeletedElsewhere] = {}
            for change in log.changes:
                if change.op == "replace":  # a restore: the network becomes the backup's
                    self.replace_all(orjson.loads(orjson.dumps(change.payload)))
                    conflicts.clear()
                elif change.op == "meta":
                    self.set_meta(**change.payload)
                elif change.op == "delete":
                    self.delete(change.table, id_map.get(change.payload, change.payload))
                else:
                    record = remapped(change.payload, id_map)
                    current = self._net.table(change.table).get(record.id)
                    kept = self._still_there(record, change.original, current, known, conflicts)
                    if kept is not None:
                        self.put(rebased(kept, change.original, current))
            self._conflicts.extend(conflicts.values())
            # (what the re-applied changes touched stays: touched_since(file_versions) is what
            # this store changed over the file it just read; screens see the new epoch)
            return len(log.changes)

    def _still_there(
        self,
        record: Record,
        original: dict[str, Any] | None,
        current: Record | None,
        known: dict[str, Connection],
        conflicts: dict[str, DeletedElsewhere],
    ) -> Record | None:
        """The edit to re-apply over the other process's version, or None: not when it edits
        a record deleted there (it would come back), nor when it refers to a person deleted
        there (it would point at nobody). Edits for a deleted person are collected in
        ``conflicts``, one per person, for the user to decide (see DeletedElsewhere); a plan
        shared with people who are still there goes on to them."""
        people = self._net.connections
        if isinstance(record, Connection):
            if original is None or current is not None:
                return record
            conflict = conflicts.setdefault(record.id, DeletedElsewhere(record))
            conflict.person, conflict.edited = record, True
            return None
        missing = [cid for cid in people_of(record) if cid not in people]
        if not missing:
            # an edit of a record deleted there on its own (its people are all there): the
            # deletion stands
            return record if original is None or current is not None else None
        if isinstance(record, Plan) and len(missing) < len(record.recipients):
            return replace(record, recipients=[r for r in record.recipients if r in people])
        for cid in missing:
            if (person := known.get(cid)) is not None:
                conflicts.setdefault(cid, DeletedElsewhere(person)).records.append(record)
                break
        return None

    def take_conflicts(self) -> list[DeletedElsewhere]:
        """The edits to people deleted elsewhere found by merges since the last call (each
        once): the caller asks the user to keep or drop them."""
        with self.mutex:
            found, self._conflicts = self._conflicts, []
        return found

    def replace_all(self, data: dict[str, Any]) -> None:
        """Make ``data`` (a whole data-file document, e.g. a restored backup) the network, in
        memory; :meth:`save` writes it as one atomic change. Raises DataFileError, leaving the
        store as it was, when a record is invalid or the records break referential integrity
        (a backup with orphans or duplicate ids would make the file unreadable next time)."""
        network = Network.from_document(data, self.path)
        if not checks.looks_sound(data, network):
            found = checks.problems(data)
            shown = "; ".join(p.message for p in found[:3])
            more = f"; and {len(found) - 3} more" if len(found) > 3 else ""
            raise DataFileError(
                f"{self.path}: not replaced: the new network has {len(found)} record(s) that "
                f"break referential integrity: {shown}{more}"
            )
        with self.mutex:
            if not self._held:  # re-applied whole by merge_from_disk (a restore wins)
                self._log.changes.append(
                    Change(self._changes + 1, "replace", "", orjson.loads(orjson.dumps(data)), None)
                )
            self.storage = AtomicJSONStorage(data)
            self._db = None  # rebuilt over the new storage on the next write
            self._net = network
            self._touched = {}
            self.epoch += 1
            self._needs_full_save = True  # every document changed: write the whole file
            self._changed()
