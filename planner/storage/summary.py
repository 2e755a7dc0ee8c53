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

Format: :data:`MAGIC` and the data file's absolute path and a newline; the length and the
CRC-32 of the directory (4 bytes each, big-endian); the directory in :mod:`marshal` (the
versions, ``_meta``, the flagged people, the id floors, and each section's offset, length and
CRC-32); then the sections, so that a reader reads and decodes only those it needs:

* for a whole read (:data:`FULL`: the TUI, ``triage``): each table as one marshal list of
  records, each record the tuple of its fields (see :func:`records`), which loads several
  times faster than the JSON documents;
* for ``outreach due`` (:data:`DUE`): the :class:`DueIndex` (who may be due, for everyone,
  as sorted day numbers and columns), then each person's records (connection, latest
  interaction, last day sent, occasions, the numbers of their pending plans) and each pending
  plan as its own marshal record with its own CRC, so that ``due`` decodes only the people
  and plans that can be on the day's list (see :func:`people`).

Writing a summary removes those of data files that no longer exist (the demo's temporary
copies keep theirs in their own folder).
"""

from __future__ import annotations

import contextlib
import gc
import marshal
import os
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Callable
from datetime import date
from itertools import accumulate
from pathlib import Path
from threading import RLock
from typing import Any, Protocol

from planner.models import Birthday, Connection, Interaction, Occasion, Plan
from planner.storage.document import AtomicJSONStorage, Record
from planner.storage.files import Fingerprint, private_folder, remove_stale_temps
from planner.storage.network import latest_interaction

MAGIC = b"outreach-summary/7 "  # then the data file path and a newline
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


FULL = ("connections", "occasions", "plans", "interactions", "last_sent", "strength")
"""The sections a whole read (the TUI, ``triage``) decodes: see :func:`records`."""
DUE = ("due_index", "due_people", "due_plans")
"""The sections ``outreach due`` reads: see :class:`DueIndex` and :func:`people`."""
RAW = ("due_people", "due_plans")  # one record after another, each with its CRC: people()


def read(
    data_path: Path,
    state: tuple[Fingerprint | None, Fingerprint | None],
    sections: tuple[str, ...] = FULL,
) -> dict[str, Any] | None:
    """The summary of ``data_path`` in ``state`` (its fingerprint and its journal's, see
    ``Store.disk_state``), or None when there is no usable one: its directory (``meta``,
    ``flagged``, ``id_floor``...) and the named ``sections``, each read on its own and
    CRC-checked, then decoded (the :data:`RAW` ones stay bytes: :func:`people` checks each
    record it decodes)."""
    expected = _header(data_path)
    head = len(expected)
    try:
        with open(summary_path(data_path), "rb") as fh:
            start = fh.read(head + 8)
            if start[:head] != expected or len(start) < head + 8:
                return None
            size = int.from_bytes(start[head : head + 4], "big")
            raw = fh.read(size)
            if len(raw) != size or zlib.crc32(raw) != int.from_bytes(start[head + 4 :], "big"):
                return None
            doc = marshal.loads(raw)
            if (
                not isinstance(doc, dict)
                or doc.get("layout") != LAYOUT
                or doc.get("state") != _state_key(state)
            ):
                return None
            base = head + 8 + size
            for name in sections:
                offset, length, crc = doc["sections"][name]
                fh.seek(base + offset)
                blob = fh.read(length)
                if len(blob) != length:
                    return None
                if name in RAW:
                    doc[name] = blob
                elif zlib.crc32(blob) != crc:
                    return None
                else:
                    doc[name] = marshal.loads(blob)
    except OSError:
        return None
    except (EOFError, ValueError, TypeError, KeyError):
        return None
    return doc


def build(store: Summarised) -> dict[str, Any] | None:
    """The summary of a complete, saved ``store`` (None when it has unsaved changes or is
    itself a summary): its directory, with each section as marshal bytes in ``sections``.
    See :func:`write` for edits made meanwhile in another thread."""
    if not store.complete or store.dirty or store.fingerprint is None:
        return None
    from planner.strength import basis

    connections = list(store.connections.values())
    position = {c.id: n for n, c in enumerate(connections)}
    latest: list[tuple[Any, ...]] = []
    last_sent: dict[str, int] = {}
    strength: dict[str, tuple[Any, ...]] = {}
    latest_of: dict[str, tuple[int, tuple[Any, ...]]] = {}
    soonest: dict[str, int] = {}  # the earliest day a plan or a follow-up can be due
    encode, text_at = ENCODERS[Interaction], Interaction.__slots__.index("text")
    for cid, history in store.history_by_connection().items():
        if not history:
            continue
        inter = latest_interaction(history)
        record = encode(inter)
        if len(inter.text) > SNIPPET:  # (a tuple edited: replace() would validate again)
            record = (*record[:text_at], inter.text[:SNIPPET], *record[text_at + 1 :])
        latest_of[cid] = (len(latest), record)
        latest.append(record)
        strength[cid] = tuple(basis(history))  # type: ignore[arg-type]
        sent = store.last_sent(cid)
        if sent is not None:
            last_sent[cid] = sent.toordinal()
        if inter.follow_up_on is not None:
            soonest[cid] = inter.follow_up_on.toordinal()
    pending = [p for p in store.plans.values() if p.status == "pending"]
    plans = list(map(ENCODERS[Plan], pending))
    plans_of: dict[str, list[int]] = {}
    plan_days: list[tuple[int, int]] = []
    for n, plan in enumerate(pending):
        day = (plan.snoozed_until or plan.due).toordinal()
        plan_days.append((day, n))
        for cid in plan.recipients:
            plans_of.setdefault(cid, []).append(n)
            if day < soonest.get(cid, day + 1):
                soonest[cid] = day
    all_occasions = list(store.occasions.values())
    occasions = list(map(ENCODERS[Occasion], all_occasions))
    occasions_of: dict[str, list[tuple[int, tuple[Any, ...]]]] = {}
    for n, (occ, record) in enumerate(zip(all_occasions, occasions, strict=True)):
        occasions_of.setdefault(occ.connection_id, []).append((n, record))
    encode_connection, dumps = ENCODERS[Connection], marshal.dumps

    # Each person's and each plan's record on its own, in marshal's version 2, which shares
    # no objects between records: any run of them after a list header is one marshal list,
    # so ``due`` loads the records it picks in one call (see _some).
    def record_bytes(record: Any) -> bytes:
        return dumps(record, 2)

    # Each section is made as soon as what it is made of is complete, and what only it
    # needed is let go then (at 30,000 people the intermediate lists are tens of MB, and the
    # TUI builds this in the background beside everything it holds).
    sections: dict[str, bytes] = {}
    conn_records = list(map(encode_connection, connections))
    blobs = [
        record_bytes(
            (
                record,
                latest_of.get(c.id),
                last_sent.get(c.id),
                occasions_of.get(c.id, ()),
                plans_of.get(c.id, ()),
            )
        )
        for c, record in zip(connections, conn_records, strict=True)
    ]
    del latest_of, occasions_of, plans_of
    connections_section = dumps(conn_records)
    del conn_records
    flagged = [c.id for c in connections if c.events or c.snoozed_until]
    plan_blobs = list(map(record_bytes, plans))
    index = _due_index(
        store, connections, position, blobs, strength, soonest, all_occasions, flagged
    )
    index["plans"] = _columns(sorted(plan_days))
    index["plan_records"] = _records(plan_blobs)
    # What ``due`` reads first, then what a whole read does (the TUI, ``triage``: lists,
    # several times faster to load than one record at a time).
    sections["due_index"] = dumps(index)
    del index
    sections["due_people"] = b"".join(blobs)
    del blobs
    sections["due_plans"] = b"".join(plan_blobs)
    del plan_blobs
    sections["connections"] = connections_section
    del connections_section
    sections["occasions"] = dumps(occasions)
    sections["plans"] = dumps(plans)
    del occasions, plans
    sections["last_sent"] = dumps(last_sent)
    sections["strength"] = dumps(strength)
    sections["interactions"] = dumps(latest)
    del strength, latest
    data = store.storage.data
    return {
        "layout": LAYOUT,
        "state": _state_key(store.disk_state),
        "journal_live": store.journal_live,
        "disk_token": store.disk_token,
        "meta": data.get("_meta") or {},
        # people with person-level state (snoozes, skips, news): always decoded by ``due``
        "flagged": flagged,
        "id_floor": {
            table: max(map(int, data.get(table) or {}), default=0) for table in RECORD_TABLES
        },
        "sections": sections,
    }


def _due_index(
    store: Summarised,
    connections: list[Connection],
    position: dict[str, int],
    blobs: list[bytes],
    strength: dict[str, tuple[Any, ...]],
    soonest: dict[str, int],
    occasions: list[Occasion],
    flagged: list[str],
) -> dict[str, Any]:
    """The ``due_index`` section (see :class:`DueIndex`)."""
    birthdays: dict[int, list[int]] = {}
    keep: dict[str, list[tuple[int, int]]] = {}
    never: dict[str, list[int]] = {}
    quiet: list[tuple[int, int]] = []
    none = (0, 0.0, 0, 0, False)
    bases = [strength.get(c.id, none) for c in connections]
    last_contacted = store.last_contacted
    for n, conn in enumerate(connections):
        if conn.birthday is not None:
            birthdays.setdefault(conn.birthday.month * 100 + conn.birthday.day, []).append(n)
        if conn.cadence is not None:
            base = last_contacted(conn.id) or conn.connected_on
            if base is None:
                never.setdefault(conn.cadence, []).append(n)
            else:
                keep.setdefault(conn.cadence, []).append((base.toordinal(), n))
        elif bases[n][4]:
            quiet.append((bases[n][0], n))
    s_last = array("i", [b[0] for b in bases])
    s_total = array("d", [b[1] for b in bases])
    s_count = array("i", [b[2] for b in bases])
    s_received = array("i", [b[3] for b in bases])
    s_two = bytes([1 if b[4] else 0 for b in bases])
    occasion_days: dict[int, list[int]] = {}
    rules: list[int] = []
    for occ in occasions:
        n = position.get(occ.connection_id, -1)
        if n < 0:
            continue
        if occ.rrule:
            rules.append(n)
        else:
            occasion_days.setdefault((occ.month or 0) * 100 + (occ.day or 0), []).append(n)
    dated = sorted((day, position[cid]) for cid, day in soonest.items() if cid in position)
    return {
        "ids": [c.id for c in connections],
        "records": _records(blobs),
        "birthdays": {key: _ints(people) for key, people in birthdays.items()},
        "occasion_days": {key: _ints(people) for key, people in occasion_days.items()},
        "occasion_rules": _ints(rules),
        "max_lead": max((o.lead_days for o in occasions), default=0),
        "dated": _columns(dated),
        "keep": {cadence: _columns(sorted(pairs)) for cadence, pairs in keep.items()},
        "never": {cadence: _ints(people) for cadence, people in never.items()},
        "quiet": _columns(sorted(quiet)),
        "strength": (
            s_last.tobytes(),
            s_total.tobytes(),
            s_count.tobytes(),
            s_received.tobytes(),
            s_two,
        ),
        "flagged": _ints([position[cid] for cid in flagged]),
    }


def _records(blobs: list[bytes]) -> tuple[bytes, bytes]:
    """Where each of ``blobs`` starts in their concatenation (one more: the end), and the
    CRC-32 of each, as arrays of 32-bit numbers."""
    offsets = array("I", [0])
    offsets.extend(accumulate(map(len, blobs)))
    return offsets.tobytes(), array("I", map(zlib.crc32, blobs)).tobytes()


def _columns(pairs: list[tuple[int, int]]) -> tuple[bytes, bytes]:
    """(days, people) from (day, person) pairs sorted by day (see :func:`_ints`)."""
    return _ints([day for day, _ in pairs]), _ints([n for _, n in pairs])


def _ints(numbers: list[int]) -> bytes:
    """Numbers as an array of 32-bit integers' bytes: loaded without making an object each
    (the index holds ~100,000 of them; ``due`` reads a few thousand)."""
    return array("i", numbers).tobytes()


class DueIndex:
    """Who may be due, for everyone in a summary, without decoding anyone (``outreach due``;
    see ``planner.agenda.who_may_be_due`` and ``planner.morning.select_for_due``).

    People are numbers (their order in the file); ``ids[n]`` is the id. Days are day
    numbers (``date.toordinal``); each ``(days, people)`` pair is sorted by day:

    * ``birthdays``, ``occasion_days``: ``month * 100 + day`` -> people; ``occasion_rules``:
      people with an occasion given by an RRULE; ``max_lead``: the longest lead time;
    * ``dated``: each person's earliest pending plan (its snooze day, else its due day) or
      follow-up on their latest interaction; ``plans``: the pending plans by that day;
    * ``keep``: per cadence, the people with it by the day their clock runs from (the last
      contact, else connected-on); ``never``: per cadence, those with neither;
    * ``quiet``: the people with no cadence and a two-way history, by their last contact;
    * ``strength``: each person's strength basis as columns (last day, total, interactions,
      received, two-way; 0 interactions: none);
    * ``flagged``: the people with person-level state (snoozes, skips, news);
    * ``offsets``, ``crcs`` (``plan_offsets``, ``plan_crcs``): where each person's record
      (each plan's) is in ``due_people`` (``due_plans``), and its CRC-32.
    """

    __slots__ = (
        "birthdays",
        "crcs",
        "dated",
        "flagged",
        "ids",
        "keep",
        "max_lead",
        "never",
        "occasion_days",
        "occasion_rules",
        "offsets",
        "plan_crcs",
        "plan_offsets",
        "plans",
        "quiet",
        "s_count",
        "s_last",
        "s_received",
        "s_total",
        "s_two",
    )

    def __init__(self, doc: dict[str, Any]) -> None:
        self.ids: list[str] = doc["ids"]
        offsets, crcs = doc["records"]
        self.offsets, self.crcs = _array("I", offsets), _array("I", crcs)
        offsets, crcs = doc["plan_records"]
        self.plan_offsets, self.plan_crcs = _array("I", offsets), _array("I", crcs)
        self.plans = _pair(doc["plans"])
        self.birthdays = {key: _array("i", raw) for key, raw in doc["birthdays"].items()}
        self.occasion_days = {key: _array("i", raw) for key, raw in doc["occasion_days"].items()}
        self.occasion_rules = _array("i", doc["occasion_rules"])
        self.max_lead: int = doc["max_lead"]
        self.dated = _pair(doc["dated"])
        self.keep = {cadence: _pair(pair) for cadence, pair in doc["keep"].items()}
        self.never = {cadence: _array("i", raw) for cadence, raw in doc["never"].items()}
        self.quiet = _pair(doc["quiet"])
        last, total, count, received, two = doc["strength"]
        self.s_last, self.s_total = _array("i", last), _array("d", total)
        self.s_count, self.s_received = _array("i", count), _array("i", received)
        self.s_two: bytes = two
        self.flagged = _array("i", doc["flagged"])
        if not len(self.ids) == len(self.crcs) == len(self.offsets) - 1 == len(self.s_two):
            raise ValueError("summary: the due index does not match its people")
        if not len(self.plans[0]) == len(self.plan_crcs) == len(self.plan_offsets) - 1:
            raise ValueError("summary: the due index does not match its plans")


def _array(code: str, raw: bytes) -> array[Any]:
    out = array(code)
    out.frombytes(raw)
    return out


def _pair(raw: tuple[bytes, bytes]) -> tuple[array[int], array[int]]:
    """(days, people) as written by :func:`_columns`."""
    return _array("i", raw[0]), _array("i", raw[1])


class Damaged(ValueError):
    """A record of the summary does not match its CRC: the summary is not used (as when
    :func:`read` finds it damaged)."""


def people(
    doc: dict[str, Any], index: DueIndex, wanted: set[str], plans_until: date | None = None
) -> dict[str, Any]:
    """The records of the ``wanted`` people (ids) in a summary read with the :data:`DUE`
    sections, in the order of the file: ``connections``, their ``interactions`` (each
    person's latest), ``plans`` (the pending plans of those people; with ``plans_until``,
    only those due or snoozed to that day or earlier), ``occasions``, and by person id
    ``last_sent`` (day numbers) and ``strength`` (basis tuples). Built without validation:
    they were valid when written, and each record's CRC says its bytes are the ones written
    (:class:`Damaged` when not)."""
    ids = index.ids
    numbers = [n for n, cid in enumerate(ids) if cid in wanted]
    rows = _some(doc["due_people"], index.offsets, index.crcs, numbers, "person")
    decode_connection = DECODERS[Connection]
    connections: dict[str, Connection] = {}
    latest: list[tuple[int, tuple[Any, ...], str, Any]] = []  # (position, record, id, basis)
    plans: set[int] = set()
    occasions: list[tuple[int, tuple[Any, ...]]] = []
    last_sent: dict[str, int] = {}
    s_last, s_total, s_count = index.s_last, index.s_total, index.s_count
    s_received, s_two = index.s_received, index.s_two
    for n, (conn, inter, sent, occs, person_plans) in zip(numbers, rows, strict=True):
        cid = ids[n]
        connections[cid] = decode_connection(conn)
        if inter is not None:
            basis = (s_last[n], s_total[n], s_count[n], s_received[n], s_two[n] == 1)
            latest.append((inter[0], inter[1], cid, basis if s_count[n] else None))
        if sent is not None:
            last_sent[cid] = sent
        if occs:
            occasions.extend(occs)
        if person_plans and plans_until is None:
            plans.update(person_plans)
    if plans_until is not None:
        days, positions = index.plans
        plans.update(positions[: bisect_right(days, plans_until.toordinal())])
    plan_rows = _some(doc["due_plans"], index.plan_offsets, index.plan_crcs, sorted(plans), "plan")
    decode_inter, decode_plan = DECODERS[Interaction], DECODERS[Plan]
    decode_occasion = DECODERS[Occasion]
    latest.sort(key=_first)
    occasions.sort(key=_first)
    return {
        "connections": connections,
        "interactions": [decode_inter(record) for _, record, _, _ in latest],
        "plans": list(map(decode_plan, plan_rows)),
        "occasions": [decode_occasion(record) for _, record in occasions],
        "last_sent": last_sent,
        "strength": {cid: basis for _, _, cid, basis in latest if basis is not None},
    }


def _some(
    blob: memoryview, offsets: array[int], crcs: array[int], numbers: list[int], what: str
) -> list[Any]:
    """Records ``numbers`` of a raw section: each record is written on its own in marshal's
    version 2, which shares no objects between records, so any run of them after a list
    header is a marshal list: one ``loads`` for all (several times faster than one each)."""
    parts = []
    crc32 = zlib.crc32
    for n in numbers:
        part = blob[offsets[n] : offsets[n + 1]]
        if crc32(part) != crcs[n]:
            raise Damaged(f"summary: {what} {n} is damaged")
        parts.append(part)
    return _loads_list(parts, len(parts))


def _loads_list(parts: list[Any], count: int) -> list[Any]:
    """The records in ``parts`` (marshal version 2 bytes, one after another) as a list."""
    found = marshal.loads(b"".join([b"[", count.to_bytes(4, "little"), *parts]))
    if not isinstance(found, list) or len(found) != count:
        raise Damaged("summary: a section does not hold what its index says")
    return found


def records(doc: dict[str, Any], table: str) -> list[Any]:
    """The records of ``table`` in a summary read with the :data:`FULL` sections (built
    without validation: they were valid when written, and the CRC says the bytes are the
    ones written)."""
    return list(map(DECODERS[TABLE_CLASSES[table]], doc[table]))


def _first(pair: tuple[Any, ...]) -> int:
    return pair[0]


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
    collecting = gc.isenabled()
    gc.disable()  # ~100,000 short-lived tuples: the collector would walk the network for each
    try:  # thousand (as the agenda and the load do)
        doc = build(store)
        parts = _layout(doc) if doc is not None else None
    except RuntimeError:  # a dict changed size under us: an edit landed
        return False
    finally:
        if collecting:
            gc.enable()
    with store.mutex:
        if parts is None or (store.version, store.disk_state) != before or store.dirty:
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
            fh.writelines(parts)
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


def _layout(doc: dict[str, Any]) -> list[bytes]:
    """What follows the header: the directory's length and CRC-32 (4 bytes each, big-endian),
    the directory (``doc`` with each section's offset, length and CRC-32 instead of its
    bytes), then the sections."""
    blobs: list[bytes] = []
    table: dict[str, tuple[int, int, int | None]] = {}
    offset = 0
    for name, blob in doc["sections"].items():
        table[name] = (offset, len(blob), zlib.crc32(blob))
        blobs.append(blob)
        offset += len(blob)
    directory = marshal.dumps({**doc, "sections": table})
    size = len(directory).to_bytes(4, "big")
    return [size, zlib.crc32(directory).to_bytes(4, "big"), directory, *blobs]


#: Other caches made from a saved store, refreshed right after each summary it writes (by
#: name, so registering twice replaces): see :func:`after_write`.
_COMPANIONS: dict[str, Callable[[Any], object]] = {}


def after_write(name: str, refresh: Callable[[Any], object] | None) -> None:
    """Have ``refresh(store)`` run after each summary written from a store (None: no more).

    For caches derived from the same saved network that the layers above keep (the bulk
    check's, :func:`planner.bulk.snapshot.refresh`): the storage layer does not know them. A
    refresh is best effort like the summary, and what it raises is not the save's problem:
    a cache that failed to refresh is merely stale, and ignored when read."""
    if refresh is None:
        _COMPANIONS.pop(name, None)
    else:
        _COMPANIONS[name] = refresh


def refresh_companions(store: Summarised) -> None:
    """Run the refreshes registered with :func:`after_write` for ``store``."""
    for refresh in list(_COMPANIONS.values()):
        with contextlib.suppress(Exception):
            refresh(store)


def _state_key(state: tuple[Fingerprint | None, Fingerprint | None]) -> tuple[Any, ...]:
    return tuple(
        (fp.inode, fp.size, fp.mtime_ns, fp.ctime_ns) if fp is not None else None for fp in state
    )


def _header(data_path: Path) -> bytes:
    return MAGIC + os.fsencode(str(data_path.resolve())) + b"\n"


def _prune(folder: Path) -> None:
    """Remove the summaries of data files that no longer exist, and those in another format
    (an older outreach's: they are never read again); with the summary of a data file that no
    longer exists go the other caches named after it (``<key>.check*``, the bulk check's)."""
    gone: list[str] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.endswith(".summary"):
                continue
            first = b""
            with contextlib.suppress(OSError), open(entry.path, "rb") as fh:
                first = fh.readline(4096 + len(MAGIC))
            ours = first.startswith(MAGIC) and first.endswith(b"\n")
            if not ours or not os.path.exists(os.fsdecode(first[len(MAGIC) : -1])):
                if ours:
                    gone.append(entry.name.removesuffix(".summary") + ".check")
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    if gone:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if entry.name.startswith(tuple(gone)):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def discard(data_path: Path) -> None:
    """Remove the summary of ``data_path`` (e.g. after the file was replaced by a restore)."""
    with contextlib.suppress(OSError):
        summary_path(data_path).unlink()
