"""Builds the labelled test network of ``tests/data/bulk_cases.json`` into a data file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from planner.models import Connection, Interaction
from planner.storage import Store

CASES_PATH = Path(__file__).parent / "data" / "bulk_cases.json"


def load_cases() -> dict[str, Any]:
    return json.loads(CASES_PATH.read_text(encoding="utf-8"))


@dataclass
class Network:
    store: Store
    ids: dict[str, str]  # alias ("maria") -> connection id
    roberts: list[str]
    fillers: list[str]
    on: date

    def recipients(self, aliases: list[str]) -> list[str]:
        """Connection ids for aliases; ``@roberts`` and ``@fillers:A:B`` name groups."""
        out: list[str] = []
        for alias in aliases:
            if alias == "@roberts":
                out += self.roberts
            elif alias.startswith("@fillers:"):
                a, b = (int(x) for x in alias.split(":")[1:])
                out += self.fillers[a:b]
            else:
                out.append(self.ids[alias])
        return out


def build_network(path: Path) -> Network:
    """Write the labelled network (people, Roberts, fillers, history) to ``path``."""
    data = load_cases()
    net = data["network"]
    store = Store.open(path)
    ids: dict[str, str] = {}
    records: list[Any] = []

    def person(**fields: Any) -> str:
        cid = store.new_id("connections")
        records.append(Connection(id=cid, **fields))
        store.put(records[-1])
        return cid

    for doc in net["people"]:
        fields = {k: v for k, v in doc.items() if k != "id"}
        ids[doc["id"]] = person(**fields)
    roberts = [person(first_name="Robert", last_name=last) for last in net["robert_last_names"]]
    lasts = net["robert_last_names"]
    fillers = [
        person(first_name=first, last_name=lasts[k % len(lasts)], how_we_know="conference")
        for k, first in enumerate(net["filler_first_names"])
    ]
    inters = []
    for entry in data["history"]:
        a, b = entry["to_fillers"]
        for k, cid in enumerate(fillers[a:b]):
            conn = store.connections[cid]

            def pick(key: str, k: int = k, entry: dict[str, Any] = entry) -> str:
                return entry[key][k % len(entry[key])]

            text = entry["template"].format(
                greeting=pick("greetings"),
                first=conn.first_name,
                punct=pick("punct"),
                emoji=pick("emoji"),
                signoff=pick("signoffs"),
            )
            inters.append(
                Interaction(
                    id=store.new_id("interactions"),
                    connection_id=cid,
                    date=date.fromisoformat(pick("dates")),
                    direction="sent",
                    channel="linkedin",
                    text=text,
                )
            )
    store.put_many(inters)
    store.save()
    return Network(store, ids, roberts, fillers, date.fromisoformat(data["on"]))
