"""Likely duplicate people (two imports of the same person) and merging them without loss.

Likely duplicates: the same profile URL, the same email, or similar names at the same company
(also the same name anywhere), unless the two records name different profile URLs, which
LinkedIn guarantees belong to different people.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from planner.models import Connection
from planner.storage import Store
from planner.transfer.matching import email_key, url_key

SIMILAR_NAME_SCORE = 85  # rapidfuzz ratio of the names' sorted words, 0-100
_PUNCT = re.compile(r"[^\w\s]")


@dataclass(slots=True)
class Duplicate:
    """Two records that are probably one person; ``keep`` is the suggested survivor."""

    keep: str
    other: str
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"keep": self.keep, "other": self.other, "reasons": list(self.reasons)}


def name_norm(name: str) -> str:
    """Lower case, no accents or punctuation, single spaces: "Zoë  Müller" -> "zoe muller"."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_PUNCT.sub(" ", folded).split())


def _company_norm(company: str) -> str:
    return name_norm(company)


def _weight(store: Store, c: Connection) -> tuple[int, int, int]:
    filled = sum(bool(v) for v in (c.how_we_know, c.email, c.url, c.company, c.notes, c.tags))
    number = int(c.id[1:]) if c.id[1:].isdigit() else 0
    return (len(store.interactions_for(c.id)), filled, -number)


def _first_names_match(a: str, b: str) -> bool:
    """ "Chris"/"Christopher", "P"/"Priya": one first name is a prefix of the other."""
    a, b = a.rstrip("."), b.rstrip(".")
    return bool(a and b) and (a.startswith(b) or b.startswith(a))


def find_duplicates(store: Store) -> list[Duplicate]:
    """Pairs of likely duplicates, each pair once, ordered by the suggested record to keep."""
    from rapidfuzz import fuzz, process

    people = list(store.connections.values())
    found: dict[tuple[str, str], list[str]] = defaultdict(list)

    def note(a: Connection, b: Connection, reason: str) -> None:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if reason not in found[key]:
            found[key].append(reason)

    def urls_differ(a: Connection, b: Connection) -> bool:
        ua, ub = url_key(a.url), url_key(b.url)
        return bool(ua and ub and ua != ub)

    groups: dict[str, dict[str, list[Connection]]] = {
        "same profile URL": defaultdict(list),
        "same email": defaultdict(list),
        "same name": defaultdict(list),
    }
    by_company: dict[str, list[Connection]] = defaultdict(list)
    norms: dict[str, str] = {}
    for c in people:
        norms[c.id] = name_norm(c.name)
        if key := url_key(c.url):
            groups["same profile URL"][key].append(c)
        if key := email_key(c.email):
            groups["same email"][key].append(c)
        if norms[c.id]:
            groups["same name"][norms[c.id]].append(c)
        if company := _company_norm(c.company):
            by_company[company].append(c)
    for reason, index in groups.items():
        for members in index.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    if reason == "same name" and urls_differ(a, b):
                        continue
                    note(a, b, reason)
    for members in by_company.values():
        if len(members) < 2:
            continue
        names = [norms[c.id] for c in members]
        candidates: set[tuple[int, int]] = set()
        # Compare within blocks of names sharing a word's initial (a typo rarely hits both
        # words' first letters): ~6x fewer comparisons at 3,000 people per company.
        sorted_names = [" ".join(sorted(n.split())) for n in names]
        blocks: dict[str, list[int]] = defaultdict(list)
        for i, name in enumerate(names):
            for initial in {word[0] for word in name.split()}:
                blocks[initial].append(i)
        for block in blocks.values():
            choices = [sorted_names[i] for i in block]
            for i in block:
                hits = process.extract(
                    sorted_names[i],
                    choices,
                    scorer=fuzz.ratio,
                    processor=None,
                    score_cutoff=SIMILAR_NAME_SCORE,
                    limit=None,
                )
                candidates.update((i, block[k]) for _c, _s, k in hits if block[k] > i)
        by_last: dict[str, list[int]] = defaultdict(list)  # "Chris Wu" / "Christopher Wu"
        for i, c in enumerate(members):
            if c.last_name:
                by_last[c.last_name.casefold()].append(i)
        for same_last in by_last.values():
            for x, i in enumerate(same_last):
                for j in same_last[x + 1 :]:
                    if _first_names_match(names[i].split(" ")[0], names[j].split(" ")[0]):
                        candidates.add((i, j))
        for i, j in sorted(candidates):
            a, b = members[i], members[j]
            if names[i] != names[j] and not urls_differ(a, b):
                note(a, b, "similar name at the same company")
    result = []
    for (first, second), reasons in found.items():
        a, b = store.connections[first], store.connections[second]
        keep, other = (a, b) if _weight(store, a) >= _weight(store, b) else (b, a)
        result.append(Duplicate(keep.id, other.id, reasons))
    result.sort(key=lambda d: (_num(d.keep), _num(d.other)))
    return result


def _num(record_id: str) -> int:
    return int(record_id[1:]) if record_id[1:].isdigit() else 0


@dataclass(frozen=True, slots=True)
class MergeResult:
    interactions: int
    occasions: int
    plans: int


def _join(*texts: str) -> str:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return "\n\n".join(seen)


def merged_connection(keep: Connection, other: Connection) -> Connection:
    """``keep`` with everything ``other`` knows added: empty fields filled, notes and
    how-we-know joined, tags united; a value that conflicts with keep's goes into the notes."""
    fields: dict[str, Any] = {}
    kept_aside: list[str] = []
    for attr, same in (
        ("company", lambda a, b: a.casefold() == b.casefold()),
        ("position", lambda a, b: a.casefold() == b.casefold()),
        ("email", lambda a, b: email_key(a) == email_key(b)),
        ("url", lambda a, b: url_key(a) == url_key(b)),
        ("cadence", lambda a, b: a == b),
        ("birthday", lambda a, b: a == b),
    ):
        mine, theirs = getattr(keep, attr), getattr(other, attr)
        if not theirs:
            continue
        if not mine:
            fields[attr] = theirs
        elif not same(mine, theirs):
            shown = theirs.iso() if attr == "birthday" else theirs
            kept_aside.append(f"{attr} {shown}")
    if other.connected_on and (not keep.connected_on or other.connected_on < keep.connected_on):
        fields["connected_on"] = other.connected_on
    if other.no_bulk:
        fields["no_bulk"] = True
    fields["how_we_know"] = _join(keep.how_we_know, other.how_we_know).replace("\n\n", "; ")
    fields["tags"] = keep.tags + [t for t in other.tags if t not in keep.tags]
    aside = ""
    if kept_aside or name_norm(other.name) != name_norm(keep.name):
        aside = f"Merged from {other.id} {other.name}" + (
            f": {'; '.join(kept_aside)}" if kept_aside else ""
        )
    fields["notes"] = _join(keep.notes, other.notes, aside)
    return replace(keep, **fields)


def merge(store: Store, keep_id: str, other_id: str) -> MergeResult:
    """Merge ``other_id`` into ``keep_id`` in memory (the caller saves once): fields as in
    :func:`merged_connection`; every interaction and occasion moves over; plans addressed to
    the other record are addressed to the kept one."""
    keep, other = store.connections[keep_id], store.connections[other_id]
    moved_interactions = [
        replace(i, connection_id=keep_id) for i in store.interactions_for(other_id)
    ]
    moved_occasions = [replace(o, connection_id=keep_id) for o in store.occasions_for(other_id)]
    moved_plans = []
    for plan in store.plans_for(other_id):
        recipients: list[str] = []
        for rid in plan.recipients:
            rid = keep_id if rid == other_id else rid
            if rid not in recipients:
                recipients.append(rid)
        moved_plans.append(replace(plan, recipients=recipients))
    store.put_many(
        [merged_connection(keep, other), *moved_interactions, *moved_occasions, *moved_plans]
    )
    store.delete("connections", other_id)
    return MergeResult(len(moved_interactions), len(moved_occasions), len(moved_plans))
