"""The check cache: what one ``outreach check`` needs, readable without the data file.

A check needs far less than the network: the recipients, every contact's place in the
alphabetical contact list and name words, the sent messages of its 30-day window and the
pending plans (their texts already normalised), and what ties a text to each person (how you
know them, their occasions and recent messages). After a check that had to read the whole
data file, :func:`write` saves exactly that to the cache folder (``<key>.check`` beside the
summary cache, :func:`planner.storage.summary.cache_dir`), and the next checks read it
instead (:func:`load`): one :mod:`marshal` file, each contact marshalled on its own and
decoded only when it is a recipient or named in a finding.

It is a cache, never the record: it holds the fingerprints of the data file and journal it
was made from and is ignored when they differ (any write makes the next check read the file
and refresh it), when it is damaged (Adler-32 checksum), of another format, or when the day
checked needs messages older than it keeps (:data:`KEEP_DAYS` before the day it was
written). Deleting it is always safe.
"""

from __future__ import annotations

import bisect
import contextlib
import marshal
import os
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.bulk.index import (
    BulkIndex,
    _Dated,
    _order_keys,
    _plan_day,
    _sent_day,
    profile_stems,
)
from planner.models import Connection
from planner.storage.files import collector_paused

if TYPE_CHECKING:
    from planner.storage import Store

MAGIC = b"outreach-check/2\n"
KEEP_DAYS = 60  # sent messages kept before the day the cache was written
WINDOW_DAYS = 30
_HISTORY = 30  # recent messages per person read for their profile (as BulkIndex does)


@dataclass(frozen=True, slots=True)
class _Sent:
    """A sent message as the index needs it."""

    id: str
    date: date
    connection_id: str
    text: str
    direction: str = "sent"


@dataclass(frozen=True, slots=True)
class _Planned:
    """A pending plan as the index needs it."""

    id: str
    effective_due: date
    recipients: tuple[str, ...]
    text: str
    status: str = "pending"


class _Connections(Mapping[str, Connection]):
    """Connections decoded from their marshalled documents on first access. The ids are one
    sorted list searched by bisection (a dict of 30,000 would cost more to load than a check)."""

    def __init__(self, ids: list[str], blobs: list[bytes]) -> None:
        self._ids = ids
        self._blobs = blobs
        self._built: dict[str, Connection] = {}

    def _blob(self, cid: str) -> bytes:
        i = bisect.bisect_left(self._ids, cid)
        if i == len(self._ids) or self._ids[i] != cid:
            raise KeyError(cid)
        return self._blobs[i]

    def __getitem__(self, cid: str) -> Connection:
        conn = self._built.get(cid)
        if conn is None:
            doc, _shared = marshal.loads(self._blob(cid))
            conn = self._built[cid] = Connection.from_doc(doc)
        return conn

    def profile(self, cid: str) -> tuple[frozenset[str], frozenset[str]]:
        """The stems that tie a text to ``cid`` (see :meth:`BulkIndex.profile_words`)."""
        _doc, shared = marshal.loads(self._blob(cid))
        return profile_stems(self[cid], shared)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, cid: object) -> bool:
        if not isinstance(cid, str):
            return False
        i = bisect.bisect_left(self._ids, cid)
        return i < len(self._ids) and self._ids[i] == cid


class CheckView:
    """The part of a store :func:`planner.bulk.check_message` reads, from the check cache."""

    def __init__(self, connections: _Connections) -> None:
        self.connections = connections

    def occasions_for(self, connection_id: str) -> list[Any]:
        return []  # already in the cached profiles

    def interactions_for(self, connection_id: str) -> list[Any]:
        return []


@dataclass
class Snapshot:
    """A loaded check cache: a store view, a ready index, and name lookup."""

    view: CheckView
    index: BulkIndex
    names: list[str]  # casefolded full names, sorted
    name_ids: list[str]  # the ids of each, space-separated

    def resolve(self, wanted: list[str]) -> list[Connection] | None:
        """The recipients named (full name any case, or id), or None when a name is not
        exactly one person (the caller then reads the file, for the full error message)."""
        out: dict[str, Connection] = {}
        for text in wanted:
            if text in self.view.connections:
                conn = self.view.connections[text]
            else:
                key = " ".join(text.casefold().split())
                i = bisect.bisect_left(self.names, key)
                found = i < len(self.names) and self.names[i] == key
                ids = self.name_ids[i].split() if found else []
                if len(ids) != 1:
                    return None
                conn = self.view.connections[ids[0]]
            out.setdefault(conn.id, conn)
        return list(out.values())


def path_for(data_path: Path) -> Path:
    from planner.storage.summary import summary_path

    return summary_path(data_path).with_suffix(".check")


def _state(data_path: Path) -> tuple[Any, ...]:
    from planner.storage.journal import disk_state_of
    from planner.storage.summary import _state_key

    return _state_key(disk_state_of(data_path))


def load(data_path: Path, on: date) -> Snapshot | None:
    """The check cache of ``data_path`` as it is now on disk, or None when there is no usable
    one for a check on ``on``."""
    path = path_for(data_path)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = MAGIC + os.fsencode(str(data_path.resolve())) + b"\n"
    if raw[: len(head)] != head or len(raw) < len(head) + 4:
        return None
    payload = memoryview(raw)[len(head) + 4 :]
    if zlib.adler32(payload) != int.from_bytes(raw[len(head) : len(head) + 4], "big"):
        return None
    try:
        with collector_paused():
            doc = marshal.loads(payload)
        if doc["state"] != _state(data_path):
            return None
        if (on - timedelta(days=WINDOW_DAYS)).toordinal() < doc["lo"]:
            return None  # the window reaches back before what was kept
        with collector_paused():
            return _snapshot(doc)
    except (EOFError, ValueError, TypeError, KeyError):
        return None


class _CachedIndex(BulkIndex):
    """A :class:`BulkIndex` over the check cache: its window texts are stored normalised."""

    def _window_text(self, text: str) -> str:
        return text


def _snapshot(doc: dict[str, Any]) -> Snapshot:
    view = CheckView(_Connections(doc["conn_ids"], doc["conn_blobs"]))
    index = _CachedIndex()
    fromordinal = date.fromordinal
    sent = [_Sent(i, fromordinal(d), c, t) for i, d, c, t in zip(*doc["sent"], strict=True)]
    plans = [
        _Planned(i, fromordinal(d), tuple(r.split("\0")), t)
        for i, d, r, t in zip(*doc["plans"], strict=True)
    ]
    index._sent = _Dated(sent, _sent_day)
    index._plans = _Dated(plans, _plan_day)
    index._order = {"first": doc["order_first"], "last": doc["order_last"]}
    index._name_count = doc["name_count"]
    index._names = frozenset(index._name_count)
    index._first_names = frozenset(doc["first_names"])
    index._keys = _LazyKeys(view.connections)
    index._profile_source = view.connections.profile
    return Snapshot(view, index, doc["names"], doc["name_ids"])


class _LazyKeys(dict[str, tuple[str, str]]):
    """Sort keys of a connection, computed from its record when first needed."""

    def __init__(self, connections: _Connections) -> None:
        super().__init__()
        self._connections = connections

    def __missing__(self, cid: str) -> tuple[str, str]:
        keys = self[cid] = _order_keys(self._connections[cid])
        return keys

    def __contains__(self, cid: object) -> bool:
        return cid in self._connections

    def __len__(self) -> int:
        return len(self._connections)


def write(store: Store, index: BulkIndex, day: date) -> bool:
    """Save the check cache of a complete, saved ``store`` (its ``index`` built from it) for
    checks from ``day`` on. Best effort: False when it was not written."""
    if not store.complete or store.dirty or store.fingerprint is None:
        return False
    from planner.storage.summary import _state_key

    lo = (day - timedelta(days=KEEP_DAYS)).toordinal()
    sent = [
        (i.id, i.date.toordinal(), i.connection_id, i.text)
        for i in store.interactions.values()
        if i.direction == "sent" and i.text.strip() and i.date.toordinal() >= lo
    ]
    plans = [
        (p.id, p.effective_due.toordinal(), "\0".join(p.recipients), p.text)
        for p in store.plans.values()
        if p.status == "pending" and p.text.strip() and p.effective_due.toordinal() >= lo
    ]
    # stored ready to compare
    sent = [(i, d, c, index.normalised(t)) for i, d, c, t in sent]
    plans = [(i, d, r, index.normalised(t)) for i, d, r, t in plans]
    names: dict[str, list[str]] = defaultdict(list)
    for conn in store.connections.values():
        names[" ".join(conn.name.casefold().split())].append(conn.id)
    blobs = _connections(store)
    conn_ids = sorted(blobs)
    name_keys = sorted(names)
    doc = {
        "state": _state_key(store.disk_state),
        "lo": lo,
        "conn_ids": conn_ids,
        "conn_blobs": [blobs[cid] for cid in conn_ids],
        "names": name_keys,
        "name_ids": [" ".join(names[k]) for k in name_keys],
        "order_first": index._order["first"],
        "order_last": index._order["last"],
        "name_count": dict(index._name_count),
        "first_names": sorted(index.first_names),
        "sent": [list(column) for column in zip(*sent, strict=True)] or [[], [], [], []],
        "plans": [list(column) for column in zip(*plans, strict=True)] or [[], [], [], []],
    }
    try:
        _write_file(path_for(store.path), MAGIC + os.fsencode(str(store.path.resolve())) + b"\n",
                    marshal.dumps(doc))  # fmt: skip
    except OSError:
        return False
    return True


def _connections(store: Store) -> dict[str, bytes]:
    """Per connection its document and what :meth:`BulkIndex.profile_words` reads beyond it
    (its occasions' labels and recent messages, joined), marshalled: only the recipients of a
    check are ever decoded, and only theirs turned into word stems."""
    occasions: dict[str, list[str]] = defaultdict(list)
    for occ in store.occasions.values():
        occasions[occ.connection_id].append(occ.label)
    out: dict[str, bytes] = {}
    dumps = marshal.dumps
    for conn in store.connections.values():
        shared = occasions.get(conn.id, [])
        shared += [i.text for i in store.interactions_for(conn.id)[-_HISTORY:]]
        doc = {k: v for k, v in conn.to_doc().items() if v not in ("", [], None, False)}
        out[conn.id] = dumps((doc, "\n".join(shared)))
    return out


def _write_file(path: Path, header: bytes, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header + zlib.adler32(payload).to_bytes(4, "big") + payload)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
