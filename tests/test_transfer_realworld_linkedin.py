"""The six anonymised real LinkedIn exports in ``../shared/realworld/linkedin``, imported whole.

Each folder is imported as a new user would (``outreach import linkedin FOLDER``). The figures
are what the files hold (checked by hand against them, see the issue's report); the invariants
below them hold for any export. Without the folder these tests are skipped.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest

from planner.storage import Store

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "realworld" / "linkedin"
pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"real-world files not present at {REAL} (see shared/SOURCES.md)"
)

# export: {kind: (added, updated, unchanged, skipped)} and the message counts
EXPECTED = {
    "export-2018": {
        "LinkedIn connections": (41, 0, 0, 0),
        "LinkedIn invitations": (0, 0, 6, 5),
        "LinkedIn messages": (10, 0, 0, 15),
    },
    "export-2021-a": {
        "LinkedIn connections": (198, 0, 0, 6),
        "LinkedIn invitations": (0, 0, 0, 236),
        "LinkedIn messages": (0, 0, 0, 244),
    },
    "export-2021-b": {
        "LinkedIn connections": (5298, 0, 0, 53),
        "LinkedIn messages": (3273, 0, 0, 320),
    },
    "export-2023": {
        "LinkedIn connections": (1819, 0, 0, 41),
        "LinkedIn messages": (599, 0, 0, 161),
    },
    "export-2024-a": {
        "LinkedIn connections": (3716, 0, 0, 45),
        "LinkedIn invitations": (0, 11, 1031, 554),
        "LinkedIn messages": (1434, 0, 0, 709),
    },
    "export-2024-b": {"LinkedIn connections": (1581, 0, 0, 47)},
}
MESSAGE_COUNTS = {
    "export-2018": {"matched by name": 10, "skipped: not a connection": 15},
    "export-2021-a": {"skipped: hidden member": 196, "skipped: not a connection": 48},
    "export-2021-b": {"matched by name": 3273, "skipped: hidden member": 148},
    "export-2023": {"matched by name": 599, "skipped: hidden member": 19},
    "export-2024-a": {"matched by URL": 1434, "skipped: draft": 12, "skipped: hidden member": 173},
}
RULE = {
    "export-2018": "taken from the file's Direction column",
    "export-2021-a": "your own name is hidden in this export",
    "export-2021-b": "decided by the name on the most messages (3519 of 3593)",
    "export-2023": "decided by the name on the most messages (743 of 760)",
    "export-2024-a": "decided by your name in Profile.csv",
}


def _rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(("First Name", "CONV")))
    return list(csv.DictReader(io.StringIO("".join(lines[start:]), newline="")))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_linkedin_export(cli, db_path, name: str) -> None:
    folder = REAL / name
    r = cli("import", "linkedin", str(folder), "--json")
    assert r.err == "" and r.code == 1
    reports = {rep["kind"]: rep for rep in json.loads(r.out)}
    for kind, figures in EXPECTED[name].items():
        rep = reports[kind]
        assert rep["error"] == ""
        assert (rep["added"], rep["updated"], rep["unchanged"], len(rep["skipped"])) == figures
    # every connection with a name is imported (a hidden member's row has none)
    named = [
        row for row in _rows(folder / "Connections.csv") if row["First Name"] or row["Last Name"]
    ]
    assert reports["LinkedIn connections"]["added"] == len(named)
    store = Store.open(db_path)
    assert len(store.connections) == len(named)
    if "LinkedIn messages" not in reports:
        return
    messages = reports["LinkedIn messages"]
    counts = messages["counts"]
    for key, value in MESSAGE_COUNTS[name].items():
        assert counts[key] == value, key
    # each row is counted once: matched ones are added or unchanged, the rest skipped
    matched = counts["matched by URL"] + counts["matched by name"]
    assert matched == messages["added"] + messages["unchanged"]
    assert sum(v for k, v in counts.items() if k.startswith("skipped")) == len(messages["skipped"])
    assert not any("import Connections.csv first" in s["reason"] for s in messages["skipped"])
    assert any(RULE[name] in note for note in messages["notes"])
    assert all(i.channel == "linkedin" for i in store.interactions.values())


def test_real_drafts_are_never_logged(cli, db_path) -> None:
    folder = REAL / "export-2024-a"
    cli("import", "linkedin", str(folder))
    drafts = {
        row["CONTENT"].strip()
        for row in _rows(folder / "messages.csv")
        if row["IS MESSAGE DRAFT"] == "Yes" and row["CONTENT"].strip()
    }
    assert drafts
    logged = {i.text for i in Store.open(db_path).interactions.values()}
    assert not drafts & logged


def test_real_2018_dates_are_all_read(cli, db_path) -> None:
    r = cli("import", "linkedin", str(REAL / "export-2018"))
    assert "cannot read" not in r.out
    store = Store.open(db_path)
    assert all(c.connected_on is not None for c in store.connections.values())
    written = {
        datetime.strptime(row["Date"], "%m/%d/%y, %I:%M %p").date()
        for row in csv.DictReader(io.StringIO((REAL / "export-2018" / "Messages.csv").read_text()))
    }
    logged = [i.date for i in store.interactions.values()]
    assert len(logged) == 10 and set(logged) <= written


def test_real_reimport_adds_nothing(cli, db_path) -> None:
    folder = REAL / "export-2023"
    cli("import", "linkedin", str(folder))
    before = len(Store.open(db_path).interactions)
    r = cli("import", "linkedin", str(folder), "--json")
    reports = {rep["kind"]: rep for rep in json.loads(r.out)}
    assert reports["LinkedIn connections"]["added"] == 0
    assert reports["LinkedIn messages"]["added"] == 0
    assert reports["LinkedIn messages"]["unchanged"] == 599
    assert len(Store.open(db_path).interactions) == before
