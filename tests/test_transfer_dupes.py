"""Likely duplicates and merging them without losing anything."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from planner.models import Birthday, Connection, Interaction, Occasion, Plan
from planner.storage import Store

FIX = Path(__file__).parent / "fixtures" / "transfer"


def test_import_from_two_sources_then_dupes_and_merge(cli, db_path):
    cli("import", "vcard", str(FIX / "contacts_v3.vcf"))  # Priya with email, birthday, notes
    cli("add", "--name", "Priya  NAIR", "--company", "acme robotics", "--how", "PyCon 2019",
        "--force")  # fmt: skip
    r = cli("dupes", "--json")
    assert r.code == 0
    (pair,) = json.loads(r.out)
    assert pair == {"keep": "c1", "other": "c3", "reasons": ["same name"]}
    assert "outreach merge c1 c3" in cli("dupes").out


def make(db_path: Path) -> None:
    store = Store.open(db_path, lock=True)
    keep = Connection(
        "c1", "Priya", "Nair", company="Acme", email="priya@acme.example",
        url="https://www.linkedin.com/in/priya-nair", tags=["client"], notes="likes tea",
        how_we_know="PyCon", connected_on=date(2021, 5, 1),
    )  # fmt: skip
    other = Connection(
        "c2", "P.", "Nair", company="ACME", email="priya@home.example",
        url="http://linkedin.com/in/priya-nair/", tags=["berlin", "client"],
        notes="two kids", how_we_know="climbing gym", birthday=Birthday(2, 29),
        cadence="3m", no_bulk=True, connected_on=date(2019, 1, 1),
    )  # fmt: skip
    stranger = Connection("c3", "Priya", "Nair", url="https://linkedin.com/in/another-priya")
    store.put_many([keep, other, stranger])
    store.put_many(
        [
            Interaction("i1", "c1", date(2026, 1, 1), "sent", "linkedin", "hello"),
            Interaction("i2", "c2", date(2026, 2, 1), "received", "email", "hi back"),
            Interaction("i3", "c2", date(2025, 3, 1), "sent", "email", "older"),
            Occasion("o1", "c2", "started at Acme", month=6, day=1),
            Plan("p1", ["c2", "c3"], date(2026, 12, 24), "Merry Christmas"),
            Plan("p2", ["c1", "c2"], date(2026, 12, 31), "Happy new year"),
        ]
    )
    store.save()
    store.close()


def test_dupes_reasons_and_different_profiles_are_not_dupes(cli, db_path):
    make(db_path)
    pairs = json.loads(cli("dupes", "--json").out)
    assert pairs == [
        {
            "keep": "c2",
            "other": "c1",
            "reasons": ["same profile URL", "similar name at the same company"],
        }
    ]  # c3 has its own LinkedIn profile: another person with the same name


def test_merge_keeps_everything(cli, db_path):
    make(db_path)
    r = cli("merge", "c1", "c2")
    assert r.code == 0
    assert "2 interactions, 1 occasion, 2 plans moved" in r.out
    store = Store.open(db_path)
    assert "c2" not in store.connections
    priya = store.connections["c1"]
    assert priya.tags == ["client", "berlin"]
    assert "likes tea" in priya.notes and "two kids" in priya.notes
    assert "priya@home.example" in priya.notes  # a conflicting email is kept, in the notes
    assert priya.email == "priya@acme.example"
    assert priya.how_we_know == "PyCon; climbing gym"
    assert priya.birthday == Birthday(2, 29) and priya.cadence == "3m" and priya.no_bulk
    assert priya.connected_on == date(2019, 1, 1)
    assert [i.id for i in store.interactions_for("c1")] == ["i3", "i1", "i2"]
    assert store.occasions["o1"].connection_id == "c1"
    assert store.plans["p1"].recipients == ["c1", "c3"]
    assert store.plans["p2"].recipients == ["c1"]
    assert store.last_contacted("c1") == date(2026, 2, 1)
    assert cli("dupes", "--json").out.strip() == "[]"


def test_merge_by_name_and_errors(cli, db_path):
    make(db_path)
    r = cli("merge", "c1", "c1")
    assert r.code == 2 and "same record" in r.err
    r = cli("merge", "Priya Nair", "c2")  # two people are called Priya Nair
    assert r.code == 2 and "use an id" in r.err
    r = cli("merge", "c1", "Nobody")
    assert r.code == 2
    assert len(Store.open(db_path).connections) == 3


def test_merge_is_one_save(cli, db_path, monkeypatch):
    make(db_path)
    saves = []
    original = Store.save

    def counting(self):
        saves.append(1)
        original(self)

    monkeypatch.setattr(Store, "save", counting)
    cli("merge", "c1", "c2")
    assert saves == [1]
