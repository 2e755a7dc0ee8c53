"""Edits write straight into the in-memory document (TinyDB's layout) instead of through
TinyDB's table rewrite: the document, the TinyDB view and the saved file must all agree."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planner.models import Connection, Interaction
from planner.storage import Store


def _store(path: Path) -> Store:
    store = Store.open(path)
    store.put(Connection("c1", "Ana", "Silva", company="Acme"))
    store.put(Connection("c2", "Ben", "Okafor"))
    store.put(Interaction("i1", "c1", date(2026, 1, 5), text="hello", ref="li:1"))
    store.save()
    return Store.open(path)


def test_insert_update_delete_reach_tinydb_and_the_file(db_path: Path) -> None:
    store = _store(db_path)
    store.put(Interaction(store.new_id("interactions"), "c2", date(2026, 2, 1), text="hi"))
    store.put(store.connections["c1"].updated(company="Globex"))
    store.delete("connections", "c2")  # takes its interaction with it

    interactions = store.db.table("interactions")
    assert [d["id"] for d in interactions.all()] == ["i1"]
    assert store.db.table("connections").get(doc_id=1)["company"] == "Globex"
    assert store.db.table("connections").get(doc_id=2) is None

    store.save()
    again = Store.open(db_path)
    assert set(again.connections) == {"c1"} and set(again.interactions) == {"i1"}
    assert again.connections["c1"].company == "Globex"
    assert again.interactions_for("c1")[0].ref == "li:1"


def test_tinydb_view_built_before_an_edit_is_not_stale(db_path: Path) -> None:
    from tinydb import Query

    store = _store(db_path)
    of_ana = Query().connection_id == "c1"
    assert len(store.db.table("interactions").search(of_ana)) == 1  # TinyDB caches queries
    store.put(Interaction(store.new_id("interactions"), "c1", date(2026, 3, 1), text="again"))
    assert len(store.db.table("interactions").search(of_ana)) == 2


def test_an_update_keeps_fields_this_version_does_not_know(db_path: Path) -> None:
    store = _store(db_path)
    store.storage.data["connections"]["1"]["linkedin_member_id"] = "x7"  # from a newer version
    store.put(store.connections["c1"].updated(notes="met at PyCon"))
    doc = store.storage.data["connections"]["1"]
    assert doc["linkedin_member_id"] == "x7" and doc["notes"] == "met at PyCon"
