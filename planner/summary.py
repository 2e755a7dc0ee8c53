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
* the highest interaction and plan ids, so new ids never collide with the history not loaded.

It is a cache, never the record: it names the data file and the fingerprint (inode, size,
mtime) of the exact version it was made from, and is ignored when those differ, when it is
corrupt (CRC-checked) or of another format. :meth:`planner.store.Store.open_summary` reads it;
such a store loads the full history when it is first needed (:meth:`Store.load_history`),
before any save. Where it lives: ``$OUTREACH_CACHE_DIR``, else the platform's cache folder
(``~/.cache/outreach`` on Linux); deleting it is always safe.

Format: :data:`MAGIC` and the data file's absolute path and a newline, a CRC-32 of the payload
(4 bytes, big-endian), then the payload in :mod:`marshal` (it loads ~2x faster than JSON;
dates stay ISO strings as in the file). Writing a summary removes those of data files that no
longer exist (the demo's temporary copies keep theirs in their own folder).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.store import Fingerprint, Store

MAGIC = b"outreach-summary/1 "  # then the data file path and a newline
SNIPPET = 200  # characters of the latest interaction's text kept (follow-up details use ~50)
SUMMARY_TABLES = ("_meta", "connections", "occasions")


def cache_dir() -> Path:
    """``$OUTREACH_CACHE_DIR``, else the platform's per-user cache folder for outreach."""
    override = os.environ.get("OUTREACH_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("outreach", appauthor=False))


def summary_path(data_path: Path) -> Path:
    """Where the summary of ``data_path`` lives (one file per data file)."""
    key = hashlib.sha256(str(data_path.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"{key}.summary"


def read(data_path: Path, fingerprint: Fingerprint) -> dict[str, Any] | None:
    """The summary of ``data_path`` at ``fingerprint``, or None when there is no usable one."""
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
    if not isinstance(doc, dict) or doc.get("fingerprint") != (
        fingerprint.inode,
        fingerprint.size,
        fingerprint.mtime_ns,
    ):
        return None
    return doc


def build(store: Store) -> dict[str, Any] | None:
    """The summary of a complete, saved ``store`` (None when it has unsaved changes or is
    itself a summary). Call with ``store.mutex`` held when another thread may edit it."""
    fingerprint = store.fingerprint
    if not store.complete or store.dirty or fingerprint is None:
        return None
    from planner.store import latest_interaction

    data = store.storage.data
    docs = data.get("interactions") or {}
    latest: dict[str, Any] = {}
    last_sent: dict[str, str] = {}
    for cid, history in store.history_by_connection().items():
        if not history:
            continue
        inter = latest_interaction(history)
        key = str(int(inter.id[1:]))
        doc = docs.get(key)
        if doc is None:  # not in the document (cannot happen for a loaded store): skip
            continue
        if len(doc.get("text") or "") > SNIPPET:
            doc = {**doc, "text": doc["text"][:SNIPPET]}
        latest[key] = doc
        for item in reversed(history):
            if item.direction == "sent":
                last_sent[cid] = item.date.isoformat()
                break
    tables = {name: data[name] for name in SUMMARY_TABLES if name in data}
    plans = data.get("plans") or {}
    tables["plans"] = {
        k: doc for k, doc in plans.items() if doc.get("status", "pending") == "pending"
    }
    tables["interactions"] = latest
    return {
        "fingerprint": (fingerprint.inode, fingerprint.size, fingerprint.mtime_ns),
        "tables": tables,
        "last_sent": last_sent,
        "id_floor": {
            "interactions": max(map(int, docs), default=0),
            "plans": max(map(int, plans), default=0),
        },
    }


def write(store: Store) -> bool:
    """Write the summary of ``store`` (best effort: a read-only or full disk only costs speed
    next time). True when written."""
    with store.mutex:
        doc = build(store)
        if doc is None:
            return False
        payload = marshal.dumps(doc)
    target = summary_path(store.path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(_header(store.path))
            fh.write(zlib.crc32(payload).to_bytes(4, "big"))
            fh.write(payload)
        os.chmod(tmp, 0o600)  # it holds the same personal data as the data file
        os.replace(tmp, target)  # readers see the old summary or the new, never half of one
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    _prune(target.parent)
    return True


def _header(data_path: Path) -> bytes:
    return MAGIC + os.fsencode(str(data_path.resolve())) + b"\n"


def _prune(folder: Path) -> None:
    """Remove the summaries of data files that no longer exist."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.endswith(".summary"):
                continue
            with contextlib.suppress(OSError), open(entry.path, "rb") as fh:
                first = fh.readline(4096 + len(MAGIC))
            if first.startswith(MAGIC) and first.endswith(b"\n"):
                owner = os.fsdecode(first[len(MAGIC) : -1])
                if not os.path.exists(owner):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def discard(data_path: Path) -> None:
    """Remove the summary of ``data_path`` (e.g. after the file was replaced by a restore)."""
    with contextlib.suppress(OSError):
        summary_path(data_path).unlink()
