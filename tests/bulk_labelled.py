"""Builds the labelled set of ``tests/data/bulk_labelled.json`` (and its held-out split) into a
data file and measures the bulk-send check on it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planner.models import Connection, Interaction
from planner.storage import Store

DATA = Path(__file__).parent / "data"
LABELLED = DATA / "bulk_labelled.json"
HELDOUT = DATA / "bulk_heldout.json"


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class LabelledNetwork:
    store: Store
    ids: dict[str, str]  # alias ("lucia") -> connection id
    on: date

    def recipients(self, aliases: list[str]) -> list[str]:
        return [self.ids[a] for a in aliases]


def build(path: Path) -> LabelledNetwork:
    """Write the labelled set's people and history to a data file at ``path``."""
    doc = load(LABELLED)
    store = Store.open(path)
    ids: dict[str, str] = {}
    for person in doc["people"]:
        cid = store.new_id("connections")
        fields = {k: v for k, v in person.items() if k != "id"}
        store.put(Connection(id=cid, **fields))
        ids[person["id"]] = cid
    inters = [
        Interaction(
            id=store.new_id("interactions"),
            connection_id=ids[h["to"]],
            date=date.fromisoformat(h["on"]),
            direction=h["direction"],
            channel="email",
            text=h["text"],
        )
        for h in doc["history"]
    ]
    store.put_many(inters)
    store.save()
    return LabelledNetwork(store, ids, date.fromisoformat(doc["on"]))


@dataclass
class Score:
    """Precision and recall of "flagged" (review or bulk) against the labels."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, case: dict[str, Any], verdict: str) -> None:
        flagged = verdict != "personal"
        if case["expect"] == "flagged":
            if flagged:
                self.tp += 1
            else:
                self.fn += 1
                self.misses.append(f"{case['id']}: {case['text'][:70]}")
        elif flagged:
            self.fp += 1
            self.false_positives.append(f"{case['id']} ({verdict}): {case['text'][:70]}")
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def report(self, name: str) -> str:
        lines = [
            f"{name}: precision {self.precision:.3f} recall {self.recall:.3f} "
            f"({self.tp} caught, {self.fn} missed, {self.fp} false alarms, {self.tn} personal)"
        ]
        lines += [f"  false alarm {x}" for x in self.false_positives]
        lines += [f"  missed {x}" for x in self.misses]
        return "\n".join(lines)
