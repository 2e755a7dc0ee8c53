"""Referential integrity of a data-file document: every record where its id says, no id twice,
no history pointing at a person who is not there.

Checked on every full load (a broken file is a data-file error, exit 3, naming the records)
and listed and repaired by ``outreach doctor``. Works on the raw document (``{table: {doc
key: record doc}}``) so it can describe a file the store refuses to open.

Problems:

* **duplicate id**: two documents carry the same record id (one would hide the other, and the
  next edit would overwrite one with the other's fields);
* **misfiled**: a document's key is not the number of its id (``"7": {"id": "c1"}``), or its id
  has another table's prefix;
* **orphan**: an interaction or occasion whose person does not exist, or a plan addressed to
  someone who does not exist.

Repairs (after ``outreach doctor --repair`` has written a backup): a duplicate or misfiled
record gets a fresh id of its table; an orphan's missing person is re-created as a placeholder
("Missing person c9", tagged ``doctor``) so no history is lost, and can then be merged or
deleted knowingly.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from typing import Any

PREFIXES = {"connections": "c", "interactions": "i", "plans": "p", "occasions": "o"}
LABEL = {"connections": "connection", "interactions": "interaction", "plans": "plan",
         "occasions": "occasion"}  # fmt: skip
PLACEHOLDER_TAG = "doctor"


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken record: ``kind`` is duplicate-id, misfiled or orphan."""

    kind: str
    table: str
    key: str
    record_id: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "table": self.table,
            "key": self.key,
            "id": self.record_id,
            "message": self.message,
        }


def _number(record_id: Any, prefix: str) -> int | None:
    if type(record_id) is not str or record_id[:1] != prefix or not record_id[1:].isdigit():
        return None
    return int(record_id[1:])


def looks_sound(data: dict[str, Any], network: Any) -> bool:
    """A fast check (C-level list, set and dict-view operations: a few ms at 170,000
    records) that ``data`` and the records built from it (a
    :class:`planner.storage.network.Network`, built in document order) have no integrity
    problem; when False, :func:`problems` says which."""
    for table, prefix in PREFIXES.items():
        docs = data.get(table) or {}
        records = getattr(network, table)
        # one record per document (two with one id: one hid the other), each filed under
        # the number of its id (built in document order, so the lists line up)
        if len(records) != len(docs) or list(records) != list(map(prefix.__add__, docs)):
            return False
    people = network.connections.keys()
    if not network.by_connection.keys() <= people:
        return False
    if not set(map(_connection_id, network.occasions.values())) <= people:
        return False
    return set(chain.from_iterable(map(_recipients, network.plans.values()))) <= people


_connection_id = attrgetter("connection_id")
_recipients = attrgetter("recipients")


def problems(data: dict[str, Any]) -> list[Problem]:
    """Every integrity problem in ``data``, in file order (empty for a sound file)."""
    found: list[Problem] = []
    for table, prefix in PREFIXES.items():
        seen: dict[str, str] = {}
        for key, doc in (data.get(table) or {}).items():
            rid = doc.get("id") if isinstance(doc, dict) else None
            if type(rid) is str and rid in seen:
                found.append(Problem(
                    "duplicate-id", table, key, rid,
                    f"{table} records {seen[rid]} and {key} both have the id {rid}",
                ))  # fmt: skip
                continue
            if type(rid) is str:
                seen[rid] = key
            number = _number(rid, prefix)
            if number is None or str(number) != key:
                found.append(Problem(
                    "misfiled", table, key, str(rid),
                    f"{table} record {key} has the id {rid!r}, expected {prefix}{key}",
                ))  # fmt: skip
    people = {d.get("id") for d in (data.get("connections") or {}).values() if isinstance(d, dict)}
    for table in ("interactions", "occasions"):
        for key, doc in (data.get(table) or {}).items():
            cid = doc.get("connection_id") if isinstance(doc, dict) else None
            if cid not in people:
                found.append(Problem(
                    "orphan", table, key, str(doc.get("id")),
                    f"{LABEL[table]} {doc.get('id')} belongs to connection {cid}, which does not "
                    "exist",
                ))  # fmt: skip
    for key, doc in (data.get("plans") or {}).items():
        recipients = doc.get("recipients") if isinstance(doc, dict) else None
        missing = [r for r in recipients or [] if r not in people]
        if missing:
            found.append(Problem(
                "orphan", "plans", key, str(doc.get("id")),
                f"plan {doc.get('id')} is addressed to {', '.join(map(str, missing))}, who "
                f"{'does' if len(missing) == 1 else 'do'} not exist",
            ))  # fmt: skip
    return found


def summary_line(path: Any, found: list[Problem], limit: int = 3) -> str:
    """The one-line data-file error for a file with integrity problems."""
    shown = "; ".join(p.message for p in found[:limit])
    more = f"; and {len(found) - limit} more" if len(found) > limit else ""
    return (
        f"{path}: {len(found)} record{'s' if len(found) != 1 else ''} break the file's "
        f"integrity: {shown}{more}; run 'outreach doctor' to list them and "
        "'outreach doctor --repair' to fix them (a backup is written first)"
    )


def repair(data: dict[str, Any]) -> list[str]:
    """Repair ``data`` in place (see the module docstring); one line per change made."""
    done: list[str] = []
    meta = data.setdefault("_meta", {}).setdefault("1", {})
    counters = meta.setdefault("counters", {})

    def fresh_id(table: str) -> tuple[str, str]:
        docs = data.setdefault(table, {})
        n = max([counters.get(table, 0), *(int(k) for k in docs if k.isdigit())]) + 1
        counters[table] = n
        return str(n), f"{PREFIXES[table]}{n}"

    for problem in problems(data):
        if problem.kind in ("duplicate-id", "misfiled"):
            docs = data[problem.table]
            doc = docs.pop(problem.key)
            key, rid = fresh_id(problem.table)
            docs[key] = {**doc, "id": rid}
            done.append(f"{problem.message}: record {problem.key} is now {rid}")
    people = data.setdefault("connections", {})
    known = {d.get("id") for d in people.values()}
    renamed: dict[Any, str] = {}  # a reference that is no valid id -> its placeholder's id
    for problem in problems(data):
        if problem.kind != "orphan":
            continue
        doc = data[problem.table][problem.key]
        refs = [doc.get("connection_id")] if problem.table != "plans" else doc["recipients"]
        for cid in refs:
            if cid in renamed:
                _point(doc, problem.table, cid, renamed[cid])
                continue
            if cid in known:
                continue
            number = _number(cid, "c")
            if number is not None and str(number) not in people:
                key, new_id = str(number), cid
                counters["connections"] = max(counters.get("connections", 0), number)
            else:
                key, new_id = fresh_id("connections")
                renamed[cid] = new_id
                _point(doc, problem.table, cid, new_id)
            people[key] = {
                "id": new_id,
                "first_name": "Missing person",
                "last_name": str(cid),
                "tags": [PLACEHOLDER_TAG],
                "notes": f"re-created by 'outreach doctor': {problem.message}",
            }
            known.add(new_id)
            done.append(f"{problem.message}: re-created as placeholder {new_id}")
    return done


def _point(doc: dict[str, Any], table: str, old: Any, new: str) -> None:
    """Make ``doc`` refer to connection ``new`` where it referred to ``old``."""
    if table == "plans":
        doc["recipients"] = [new if r == old else r for r in doc["recipients"]]
    else:
        doc["connection_id"] = new
