"""Loading takes a fast path for canonical documents; it must build exactly what the validating
constructors build, and leave anything unusual to them (same records, same errors)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from bench.generate import network
from planner.models import Connection, Interaction, Plan, ValidationError

CLASSES = {"connections": Connection, "interactions": Interaction, "plans": Plan}


def _validated(record: Any) -> Any:
    """The same record rebuilt through ``__init__`` (and so ``__post_init__``)."""
    return dataclasses.replace(record)


@pytest.mark.parametrize("table", CLASSES)
def test_fast_path_equals_the_validating_constructor(table: str) -> None:
    cls = CLASSES[table]
    for doc in network(120)[table].values():
        record = cls.from_doc(doc)
        for f in dataclasses.fields(cls):  # a field added to the class but not to the fast path
            assert hasattr(record, f.name), f"{cls.__name__}.{f.name} not set by from_doc"
        assert record == _validated(record)
        assert record.to_doc() == doc


BASE = {
    "connections": {"id": "c1", "first_name": "Ana", "last_name": "Silva"},
    "interactions": {"id": "i1", "connection_id": "c1", "date": "2026-01-31"},
    "plans": {"id": "p1", "recipients": ["c1"], "due": "2026-02-01"},
}
ODD = [  # values the fast path must hand over to the constructor
    ("connections", {"first_name": "  Ana ", "company": " Acme "}),
    ("connections", {"first_name": "", "last_name": "Madonna"}),
    ("connections", {"cadence": " 3M ", "tags": "a, b,a"}),
    ("connections", {"connected_on": " 2024-03-15 ", "birthday": "--02-29"}),
    ("connections", {"company": None, "no_bulk": 1}),
    ("interactions", {"channel": " Email ", "direction": "received"}),
    ("interactions", {"date": " 2026-01-31", "follow_up_on": ""}),
    ("interactions", {"id": 7, "connection_id": 3, "ref": None}),
    ("plans", {"recipients": [1, 2], "recurrence": "", "snoozed_until": None}),
]


@pytest.mark.parametrize(("table", "changes"), ODD)
def test_unusual_documents_load_like_before(table: str, changes: dict[str, Any]) -> None:
    record = CLASSES[table].from_doc({**BASE[table], **changes})
    assert record == _validated(record)


def test_normalisation_still_happens() -> None:
    conn = Connection.from_doc({**BASE["connections"], "first_name": "", "last_name": "Madonna"})
    assert (conn.first_name, conn.last_name) == ("Madonna", "")
    inter = Interaction.from_doc({**BASE["interactions"], "channel": " Email "})
    assert inter.channel == "email" and inter.date == date(2026, 1, 31)


BAD = [
    ("connections", {"first_name": "", "last_name": ""}, "needs a name"),
    ("connections", {"cadence": "fortnightly"}, "unknown cadence"),
    ("connections", {"birthday": "02-30"}, "bad birthday"),
    ("connections", {"connected_on": "2024-13-01"}, "bad connected-on date"),
    ("interactions", {"direction": "sideways"}, "unknown direction"),
    ("interactions", {"channel": "fax"}, "unknown channel"),
    ("interactions", {"date": "31/01/2026"}, "bad interaction date"),
    ("plans", {"recipients": []}, "at least one recipient"),
    ("plans", {"status": "maybe"}, "unknown plan status"),
    ("plans", {"due": "soon"}, "bad plan due date"),
]


@pytest.mark.parametrize(("table", "changes", "message"), BAD)
def test_bad_documents_raise_the_same_errors(table: str, changes: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        CLASSES[table].from_doc({**BASE[table], **changes})
