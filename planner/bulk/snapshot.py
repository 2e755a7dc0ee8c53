"""The check cache: what one ``outreach check`` needs, readable without the data file.

A check needs far less than the network: the recipients, every contact's place in the two
alphabetical contact lists and their name words, the sent messages of its 30-day window and
the pending plans from then on (their texts already normalised), and what ties a text to each
person (how you know them, their occasions and recent messages). That is saved in the cache
folder (``<key>.check`` beside the summary cache, :func:`planner.storage.summary.cache_dir`):

* by :func:`write`, after a check that had to read the whole data file;
* by :func:`refresh`, right after a save wrote the summary cache (the CLI's writing commands,
  the TUI's background summary refresh; see :func:`planner.storage.summary.after_write`): the
  cache of the version the store was loaded from is brought up to date with the people the
  store changed since, so the first check after ``outreach log`` reads a fresh cache too.

Layout: ``<key>.check`` holds a header line (:data:`MAGIC`, the byte order and the data
file's path), the length and Adler-32 of the *head*, and the head (:mod:`marshal`: names, the
two orders as arrays of ranks, the window's texts, and where each contact's document is).
The documents (a contact's record and the texts their profile is made of, marshalled, each
with its own Adler-32) sit in *segment* files, ``<key>.check-*.seg``, written once and never
changed: a refresh writes the changed people's documents to a new segment and a new head
(past :data:`MAX_SEGMENTS`, every document to one segment again), and removes the segments no
head names. :func:`load` reads the head only; a contact's document is read (``pread``) and
checked when it is a recipient or named in a finding.

It is a cache, never the record: it holds the fingerprints of the data file and journal it
was made from and is ignored when they differ, when it is damaged (a checksum fails:
:class:`Damaged`, the check then reads the file), of another format, or when the days checked
need messages older than it keeps (:data:`KEEP_DAYS` before the day it was written).
Deleting it is always safe.
"""

from __future__ import annotations

import bisect
import contextlib
import marshal
import os
import sys
import tempfile
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.bulk.index import BulkIndex, Sent, profile_stems
from planner.models import Connection
from planner.storage.files import collector_paused

if TYPE_CHECKING:
    from planner.storage import Store

MAGIC = b"outreach-check/3 "  # then the byte order, the data file path and a newline
KEEP_DAYS = 60  # sent messages (and pending plans) kept from this long before its day
WINDOW_DAYS = 30
_HISTORY = 30  # recent messages per person read for their profile (as BulkIndex does)
_ORDERS = ("first", "last")


class Damaged(Exception):
    """A part of the check cache failed its checksum (the check reads the data file)."""


class _Connections(Mapping[str, Connection]):
    """Connections decoded from their marshalled documents on first access, read from the
    file one by one. The ids are one sorted list searched by bisection (a dict of 30,000 would
    cost more to load than a check)."""

    def __init__(self, ids: list[str], read: Callable[[int], bytes]) -> None:
        self.ids = ids
        self._read = read
        self._built: dict[str, Connection] = {}

    def where(self, cid: str) -> int | None:
        """The place of ``cid`` in the sorted ids, or None."""
        i = bisect.bisect_left(self.ids, cid)
        return i if i < len(self.ids) and self.ids[i] == cid else None

    def _blob(self, cid: str) -> bytes:
        i = self.where(cid)
        if i is None:
            raise KeyError(cid)
        return self._read(i)

    def __getitem__(self, cid: str) -> Connection:
        conn = self._built.get(cid)
        if conn is None:
            doc, _shared = marshal.loads(self._blob(cid))
            if doc.get("id") != cid:
                raise Damaged(f"check cache: the document of {cid} is another's")
            conn = self._built[cid] = Connection.from_doc(doc)
        return conn

    def profile(self, cid: str) -> tuple[frozenset[str], frozenset[str]]:
        """The stems that tie a text to ``cid`` (see :meth:`BulkIndex.profile_words`)."""
        _doc, shared = marshal.loads(self._blob(cid))
        return profile_stems(self[cid], shared)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, cid: object) -> bool:
        return isinstance(cid, str) and self.where(cid) is not None


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

    def close(self) -> None:
        """Close the cache's files (contacts not read yet can no longer be)."""
        segments = getattr(self.index, "_segments", None)
        if segments is not None:
            segments.close()


def path_for(data_path: Path) -> Path:
    from planner.storage.summary import summary_path

    return summary_path(data_path).with_suffix(".check")


def _state(data_path: Path) -> tuple[Any, ...]:
    from planner.storage.journal import disk_state_of
    from planner.storage.summary import _state_key

    return _state_key(disk_state_of(data_path))


def _header(data_path: Path) -> bytes:
    """The first line: the format (the arrays are in this machine's byte order) and the data
    file it is the cache of."""
    return MAGIC + sys.byteorder.encode() + b" " + os.fsencode(str(data_path.resolve())) + b"\n"


# --- reading -------------------------------------------------------------------------------------


def _read_head(data_path: Path) -> dict[str, Any] | None:
    """The head of the check cache of ``data_path``, or None (none, damaged, another format)."""
    header = _header(data_path)
    try:
        with path_for(data_path).open("rb") as f:
            first = f.read(len(header) + 8)
            if first[: len(header)] != header or len(first) < len(header) + 8:
                return None
            size = int.from_bytes(first[len(header) : len(header) + 4], "big")
            payload = f.read(size)
    except OSError:
        return None
    if len(payload) != size or zlib.adler32(payload) != int.from_bytes(first[-4:], "big"):
        return None
    try:
        with collector_paused():
            doc = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    return doc if isinstance(doc, dict) else None


def _arrays(doc: dict[str, Any], key: str, code: str = "i") -> array:
    out = array(code)
    out.frombytes(doc[key])
    return out


class _Segments:
    """The files holding the contacts' documents of one head, opened when first read."""

    def __init__(self, folder: Path, doc: dict[str, Any]) -> None:
        self.folder = folder
        self.names: list[str] = doc["segments"]
        self.seg = _arrays(doc, "seg", "B")
        self.offsets = _arrays(doc, "offsets", "q")
        self.sizes = _arrays(doc, "sizes", "I")
        self.sums = _arrays(doc, "sums", "I")
        self._fds: dict[int, int] = {}

    def read(self, i: int) -> bytes:
        """Contact ``i``'s document; Damaged when it is missing or fails its checksum."""
        n, size = self.seg[i], self.sizes[i]
        try:
            fd = self._fds.get(n)
            if fd is None:
                fd = self._fds[n] = os.open(self.folder / self.names[n], os.O_RDONLY)
            blob = os.pread(fd, size, self.offsets[i])
        except (OSError, IndexError) as exc:
            raise Damaged(f"check cache: contact {i}: {exc}") from None
        if len(blob) != size or zlib.adler32(blob) != self.sums[i]:
            raise Damaged(f"check cache: contact {i} failed its checksum")
        return blob

    def close(self) -> None:
        for fd in self._fds.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._fds.clear()


def load(data_path: Path, on: date) -> Snapshot | None:
    """The check cache of ``data_path`` as it is now on disk, or None when there is no usable
    one for a check on ``on``."""
    doc = _read_head(data_path)
    if doc is None:
        return None
    try:
        ok = (
            doc["state"] == _state(data_path)
            and doc["lo"] <= (on - timedelta(days=WINDOW_DAYS)).toordinal()
        )
        if not ok:
            return None
        with collector_paused():
            return _snapshot(doc, path_for(data_path).parent)
    except (EOFError, ValueError, TypeError, KeyError, OSError):
        return None


def _snapshot(doc: dict[str, Any], folder: Path) -> Snapshot:
    segments = _Segments(folder, doc)
    connections = _Connections(doc["ids"], segments.read)
    view = CheckView(connections)
    index = _CachedIndex(doc, connections)
    index._segments = segments  # closed with the snapshot
    return Snapshot(view, index, doc["names"], doc["name_ids"])


class _CachedIndex(BulkIndex):
    """A :class:`BulkIndex` over the check cache: the orders are arrays of ranks, the window's
    texts are stored normalised and in date order."""

    def __init__(self, doc: dict[str, Any], connections: _Connections) -> None:
        super().__init__()
        self._connections = connections
        self._rank = {o: _arrays(doc, f"rank_{o}") for o in _ORDERS}
        self._at = {o: _arrays(doc, f"at_{o}") for o in _ORDERS}
        self._name_count = doc["name_count"]
        self._names = frozenset(self._name_count)
        self._first_names = frozenset(doc["first_names"])
        self._sent_cols = doc["sent"]
        self._plan_cols = doc["plans"]
        self._profile_source = connections.profile
        self._segments: _Segments | None = None

    @property
    def connection_count(self) -> int:
        return len(self._connections)

    def positions(self, connection_ids: Iterable[str], order: str) -> list[int]:
        rank = self._rank[order]
        where = self._connections.where
        return sorted(rank[i] for i in map(where, connection_ids) if i is not None)

    def connection_at(self, order: str, position: int) -> str:
        return self._connections.ids[self._at[order][position]]

    def _window_groups(self, lo: int, hi: int, plan_hi: int) -> dict[str, list[Sent]]:
        """As :meth:`BulkIndex._window_groups`, from the stored columns."""
        by_text: dict[str, list[Sent]] = {}
        fromordinal = date.fromordinal
        ids, days, cids, texts = self._sent_cols
        for k in range(bisect.bisect_left(days, lo), bisect.bisect_right(days, hi)):
            sent = Sent(ids[k], fromordinal(days[k]), (cids[k],), False)
            by_text.setdefault(texts[k], []).append(sent)
        ids, days, recipients, texts = self._plan_cols
        for k in range(bisect.bisect_left(days, lo), bisect.bisect_right(days, plan_hi)):
            sent = Sent(ids[k], fromordinal(days[k]), tuple(recipients[k].split("\0")), True)
            by_text.setdefault(texts[k], []).append(sent)
        return by_text


# --- writing -------------------------------------------------------------------------------------


def write(store: Store, index: BulkIndex, day: date) -> bool:
    """Save the check cache of a complete, saved ``store`` (its ``index`` built from it) for
    checks around ``day``. Best effort: False when it was not written."""
    if not store.complete or store.dirty or store.fingerprint is None:
        return False
    before = store.version, store.disk_state
    ids = sorted(store.connections)
    blobs = dict(_connections(store, ids))
    head = _people_part(store, index, ids)
    head.update(_window_part(store, day, lambda _people, _id, text: index.normalised(text)))
    folder = path_for(store.path).parent
    try:
        name = _write_segment(folder, store.path, [blobs[cid] for cid in ids])
    except OSError:
        return False
    sizes = array("I", [len(blobs[cid]) for cid in ids])
    head.update(
        segments=[name],
        seg=bytes(len(ids)),
        offsets=array("q", accumulate(sizes, initial=0))[:-1].tobytes(),
        sizes=sizes.tobytes(),
        sums=array("I", [zlib.adler32(blobs[cid]) for cid in ids]).tobytes(),
    )
    return _save(store, before, ids, head)


MAX_SEGMENTS = 12  # then a refresh writes every contact's document into one segment again


def refresh(store: Store, day: date) -> bool:
    """Bring the check cache up to date with a complete, saved ``store`` from what changed
    since the version of the file it was made for, when that is a version the store read or
    wrote (:meth:`Store.file_versions`: its last load, its saves since): the documents of the
    people it changed go to a new segment file, the others stay where they are. Best effort
    and never a rebuild from scratch: False (nothing written) when there is no cache of such a
    version, it is this version's already, or the store changed meanwhile."""
    if not store.complete or store.dirty or store.fingerprint is None:
        return False
    from planner.storage.summary import _state_key

    before = store.version, store.disk_state
    old = _read_head(store.path)
    if old is None or old.get("state") == _state_key(before[1]):
        return False
    versions = {_state_key(state): version for state, version in store.file_versions()}
    version = versions.get(old["state"]) if "state" in old else None
    touched = store.touched_since(version) if version is not None else None
    if touched is None:
        return False
    folder = path_for(store.path).parent
    segments = None
    try:
        segments = _Segments(folder, old)
        ids, head = _updated(store, day, old, segments, touched)
    except (RuntimeError, KeyError, ValueError, EOFError, TypeError, Damaged, OSError):
        return False  # an edit landed meanwhile (a dict changed size), or a damaged cache
    finally:
        if segments is not None:
            segments.close()
    return _save(store, before, ids, head)


def _updated(
    store: Store, day: date, old: dict[str, Any], segments: _Segments, touched: set[str]
) -> tuple[list[str], dict[str, Any]]:
    """The ids and head of the cache ``old`` (its documents in ``segments``) updated for
    ``store``, whose connections ``touched`` changed since ``old`` was written; the changed
    people's documents are written to a new segment file."""
    old_ids: list[str] = old["ids"]
    ids = sorted(store.connections)
    renamed = ids != old_ids
    where = {cid: i for i, cid in enumerate(old_ids)} if renamed else None

    def old_place(cid: str) -> int | None:
        if where is not None:
            return where.get(cid)
        i = bisect.bisect_left(old_ids, cid)
        return i if i < len(old_ids) and old_ids[i] == cid else None

    if where is None:  # the same people (ids sorted, as the documents are stored)
        changed_ids = sorted(touched.intersection(store.connections))
    else:
        changed_ids = [cid for cid in ids if cid in touched or cid not in where]
    fresh = dict(_connections(store, changed_ids))
    for cid in touched:
        i = old_place(cid)
        if renamed:
            break
        if i is not None and cid in store.connections:  # (ids unchanged: all still there)
            before = marshal.loads(segments.read(i))[0]
            conn = store.connections[cid]
            renamed = _name_of(before) != (conn.first_name, conn.last_name)
    # where each document is: the old ones stay in their segments, the fresh ones go to a new
    # one (or, past MAX_SEGMENTS, every document to one new segment)
    compact = len(segments.names) + 1 > MAX_SEGMENTS
    names = [] if compact else list(segments.names)
    folder = segments.folder
    seg: bytearray
    if compact:
        parts = [
            fresh[cid] if cid in fresh else segments.read(_known(old_place(cid))) for cid in ids
        ]
        names.append(_write_segment(folder, store.path, parts))
        seg = bytearray(len(ids))
        sizes = array("I", map(len, parts))
        offsets = array("q", accumulate(sizes, initial=0))[:-1]
        sums = array("I", map(zlib.adler32, parts))
    else:
        new_parts = [fresh[cid] for cid in changed_ids]
        if new_parts:
            names.append(_write_segment(folder, store.path, new_parts))
        at = dict(zip(changed_ids, accumulate(map(len, new_parts), initial=0), strict=False))
        n = len(names) - 1
        if where is None:  # the same people: patch the arrays
            seg = bytearray(segments.seg.tobytes())
            offsets, sizes, sums = segments.offsets, segments.sizes, segments.sums
            for cid in changed_ids:
                i = _known(old_place(cid))
                seg[i], offsets[i], sizes[i] = n, at[cid], len(fresh[cid])
                sums[i] = zlib.adler32(fresh[cid])
        else:
            seg, offsets, sizes, sums = bytearray(), array("q"), array("I"), array("I")
            for cid in ids:
                blob = fresh.get(cid)
                if blob is None:
                    i = where[cid]
                    seg.append(segments.seg[i])
                    offsets.append(segments.offsets[i])
                    sizes.append(segments.sizes[i])
                    sums.append(segments.sums[i])
                else:
                    seg.append(n)
                    offsets.append(at[cid])
                    sizes.append(len(blob))
                    sums.append(zlib.adler32(blob))
    head: dict[str, Any] = {
        "segments": names,
        "seg": bytes(seg),
        "offsets": offsets.tobytes(),
        "sizes": sizes.tobytes(),
        "sums": sums.tobytes(),
    }
    if renamed:
        index = BulkIndex.of_connections(list(store.connections.values()))
        head.update(_people_part(store, index, ids))
        words = index.names
        changed = words.symmetric_difference(old["name_count"])
    else:
        keep = ["names", "name_ids", "name_count", "first_names"]
        keep += [f"{part}_{order}" for part in ("rank", "at") for order in _ORDERS]
        head.update({k: old[k] for k in keep})
        words = frozenset(old["name_count"])
        changed = frozenset()
    reuse = {
        rid: norm
        for column in ("sent", "plans")
        for rid, norm in zip(old[column][0], old[column][3], strict=True)
    }

    def normalised(people: tuple[str, ...], rid: str, text: str) -> str:
        kept = reuse.get(rid)
        if (
            kept is not None
            and touched.isdisjoint(people)
            and not (changed and _mentions(text, changed))
        ):
            return kept  # the same record, and no name word it holds came or went
        from planner.bulk.text import normalise

        return normalise(text, words)

    head.update(_window_part(store, day, normalised))
    return ids, head


def _known(place: int | None) -> int:
    if place is None:
        raise KeyError("a contact the check cache does not hold")
    return place


def _name_of(doc: dict[str, Any]) -> tuple[str, str]:
    return doc.get("first_name", ""), doc.get("last_name", "")


def _mentions(text: str, words: frozenset[str]) -> bool:
    """Whether normalising ``text`` might drop one of ``words`` (a name word that came or
    went): every word normalising keeps is part of the text's NFKC casefolded form, except
    the ones it inserts ("link" for a URL, "and" for "&")."""
    if "link" in words or "and" in words:
        return True
    from planner.bulk.text import nfkc

    low = nfkc(text).casefold()
    return any(w in low for w in words)


def _people_part(store: Store, index: BulkIndex, ids: list[str]) -> dict[str, Any]:
    """Name lookup, both alphabetical orders (as ranks) and the name words, from ``index``."""
    names: dict[str, list[str]] = defaultdict(list)
    for conn in store.connections.values():
        names[" ".join(conn.name.casefold().split())].append(conn.id)
    name_keys = sorted(names)
    place = {cid: i for i, cid in enumerate(ids)}
    head: dict[str, Any] = {
        "names": name_keys,
        "name_ids": [" ".join(names[k]) for k in name_keys],
        "name_count": dict(index._name_count),
        "first_names": sorted(index.first_names),
    }
    for order in _ORDERS:
        at = array("i", (place[key.rsplit("\0", 1)[1]] for key in index._order[order]))
        rank = array("i", bytes(4 * len(ids)))
        for position, i in enumerate(at):
            rank[i] = position
        head[f"at_{order}"], head[f"rank_{order}"] = at.tobytes(), rank.tobytes()
    return head


def _window_part(
    store: Store, day: date, norm: Callable[[tuple[str, ...], str, str], str]
) -> dict[str, Any]:
    """The sent messages and pending plans from :data:`KEEP_DAYS` before ``day`` on, in date
    order (the store's order within a day, as the index sorts them), their texts normalised by
    ``norm(recipients, record id, text)``."""
    first = day - timedelta(days=KEEP_DAYS)
    lo = first.toordinal()
    sent = [
        (i.date.toordinal(), i.id, i.connection_id, i.text)
        for i in store.interactions.values()
        if i.date >= first and i.direction == "sent" and i.text.strip()
    ]
    plans = [
        (p.effective_due.toordinal(), p.id, tuple(p.recipients), p.text)
        for p in store.plans.values()
        if p.status == "pending" and p.effective_due >= first and p.text.strip()
    ]
    sent.sort(key=lambda r: r[0])  # stable: the store's order within a day
    plans.sort(key=lambda r: r[0])
    return {
        "lo": lo,
        "sent": [
            [r[1] for r in sent],
            [r[0] for r in sent],
            [r[2] for r in sent],
            [norm((r[2],), r[1], r[3]) for r in sent],
        ],
        "plans": [
            [r[1] for r in plans],
            [r[0] for r in plans],
            ["\0".join(r[2]) for r in plans],
            [norm(r[2], r[1], r[3]) for r in plans],
        ],
    }


def _connections(store: Store, ids: list[str]) -> Iterator[tuple[str, bytes]]:
    """Per connection of ``ids`` its document and what :meth:`BulkIndex.profile_words` reads
    beyond it (its occasions' labels and recent messages, joined), marshalled: only the
    recipients of a check are ever decoded, and only theirs turned into word stems."""
    occasions: dict[str, list[str]] = defaultdict(list)
    for occ in store.occasions.values():
        occasions[occ.connection_id].append(occ.label)
    dumps = marshal.dumps
    for cid in ids:
        conn = store.connections[cid]
        shared = occasions.get(cid, [])
        shared += [i.text for i in store.interactions_for(cid)[-_HISTORY:]]
        doc = {k: v for k, v in conn.to_doc().items() if v not in ("", [], None, False)}
        yield cid, dumps((doc, "\n".join(shared)))


def _write_segment(folder: Path, data_path: Path, parts: list[bytes]) -> str:
    """A new segment file holding ``parts`` one after another (private); its name."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    prefix = path_for(data_path).name + "-"
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".seg", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.writelines(parts)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return os.path.basename(tmp)


def _save(
    store: Store, before: tuple[tuple[int, int], Any], ids: list[str], head: dict[str, Any]
) -> bool:
    """Write the head of the cache for ``store`` as it was at ``before`` (its version and
    disk state), then remove the segment files no head names any more. False when the store
    changed meanwhile or the folder cannot be written."""
    from planner.storage.summary import _state_key

    head.update(state=_state_key(before[1]), ids=ids)
    payload = marshal.dumps(head)
    path = path_for(store.path)
    with store.mutex:
        if (store.version, store.disk_state) != before or store.dirty:
            _remove_segments(path, keep=_segment_names(path))
            return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".check-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_header(store.path))
                f.write(len(payload).to_bytes(4, "big") + zlib.adler32(payload).to_bytes(4, "big"))
                f.write(payload)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except OSError:
        return False
    _remove_segments(path, keep=set(head["segments"]))
    return True


def _segment_names(path: Path) -> set[str]:
    """The segments the head at ``path`` names (none when it cannot be read)."""
    try:
        with path.open("rb") as f:
            f.readline()
            size = int.from_bytes(f.read(4), "big")
            f.read(4)
            return set(marshal.loads(f.read(size)).get("segments", ()))
    except (OSError, EOFError, ValueError, TypeError, AttributeError):
        return set()


def _remove_segments(path: Path, keep: set[str]) -> None:
    """Remove the segment files of the cache at ``path`` that are not in ``keep`` (left by an
    older head, or by a refresh that was dropped). A check reading an older head meanwhile
    finds its segment gone and reads the data file instead."""
    prefix = path.name + "-"
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            name = entry.name
            if name.startswith(prefix) and name.endswith(".seg") and name not in keep:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
