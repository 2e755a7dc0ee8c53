"""The summary cache: a quick open that gives the same agenda, and never loses or hides data."""

from __future__ import annotations

import os
import shutil
from datetime import date, timedelta
from pathlib import Path

import orjson
import pytest

from bench import generate
from planner.agenda import due_items, who_may_be_due
from planner.commands.agenda import render_due
from planner.demo import bundled_bytes
from planner.models import Connection, Interaction
from planner.operations import Operations
from planner.storage import Store, summary

DAYS = (date(2026, 1, 1), date(2026, 2, 28), date(2026, 11, 26), date(2027, 7, 15))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated network of 300 people with history, plans, occasions and follow-ups."""
    folder = tmp_path_factory.mktemp("generated")
    return generate.write_network(folder / "network.json", 300)


@pytest.fixture
def network(tmp_path: Path, generated: Path) -> Path:
    path = tmp_path / "data.json"
    shutil.copyfile(generated, path)
    return path


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_bytes(bundled_bytes())
    return path


def _quick(path: Path) -> Store:
    """Open ``path`` from its summary, writing the summary first."""
    assert Store.open(path).write_summary()
    store = Store.open_summary(path)
    assert not store.complete, "the summary was not used"
    return store


@pytest.mark.parametrize("which", ["demo", "network"])
def test_the_agenda_from_the_summary_is_the_agenda_of_the_whole_file(
    which: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(which)
    full, quick = Store.open(path), _quick(path)
    assert quick.connections == full.connections and quick.occasions == full.occasions
    pending = {pid: p for pid, p in full.plans.items() if p.status == "pending"}
    assert quick.plans == pending and len(pending) < len(full.plans)
    assert len(quick.interactions) < len(full.interactions)
    for today in DAYS:
        for days in (0, 7, 30):
            expected = due_items(full, today, days)
            assert due_items(quick, today, days) == expected
            assert render_due(quick, expected, today, days) == render_due(
                full, expected, today, days
            )
    for cid in full.connections:
        assert quick.last_contacted(cid) == full.last_contacted(cid)
        assert quick.last_sent(cid) == full.last_sent(cid)


def test_a_summary_of_another_version_of_the_file_is_not_used(network: Path) -> None:
    assert Store.open(network).write_summary()
    data = orjson.loads(network.read_bytes())
    data["connections"]["99999"] = {"id": "c99999", "first_name": "Zed", "last_name": "Late"}
    network.write_bytes(orjson.dumps(data))  # changed by another program (same folder entry)
    store = Store.open_summary(network)
    assert store.complete
    assert store.connections["c99999"].name == "Zed Late"
    assert not Store.open_summary(network).complete  # and the summary was repaired


def test_a_corrupt_summary_is_ignored(network: Path) -> None:
    assert Store.open(network).write_summary()
    cache = summary.summary_path(network)
    raw = bytearray(cache.read_bytes())
    raw[-100] ^= 0xFF
    cache.write_bytes(bytes(raw))
    store = Store.open_summary(network, repair=False)
    assert store.complete and len(store.interactions) == len(Store.open(network).interactions)
    cache.write_bytes(cache.read_bytes()[:1000])  # truncated
    assert Store.open_summary(network, repair=False).complete


def test_edits_before_the_history_is_loaded_are_saved_with_the_whole_history(
    network: Path,
) -> None:
    before = Store.open(network)
    asked = next(
        i
        for i in before.interactions.values()
        if i.follow_up_on and before.last_interaction(i.connection_id) is i and len(i.text) > 30
    )
    store = _quick(network)
    # The latest interaction is there (text possibly shortened); dismissing its follow-up
    # must not cut the stored text.
    Operations(store).dismiss_follow_up(asked.id)
    new = Interaction(
        store.new_id("interactions"), asked.connection_id, date(2026, 11, 26), text="hello"
    )
    assert new.id not in before.interactions  # no id of the unloaded history is reused
    store.put(new)
    plan_id = store.new_id("plans")
    assert plan_id not in before.plans  # nor of the plans already done
    person = Connection(store.new_id("connections"), "Nia", "New")
    store.put(person)
    store.save()
    assert store.complete
    after = Store.open(network)
    assert len(after.interactions) == len(before.interactions) + 1
    assert after.interactions[asked.id].text == asked.text
    assert after.interactions[asked.id].follow_up_on is None
    assert after.interactions[new.id].text == "hello"
    assert after.connections[person.id].name == "Nia New"
    for cid, history in before.history_by_connection().items():
        if cid != asked.connection_id:
            assert after.interactions_for(cid) == history


def test_load_history_keeps_changes_made_by_another_process_meanwhile(network: Path) -> None:
    store = _quick(network)
    other = Store.open(network, lock=True)
    cid = next(iter(other.connections))
    other.put(Interaction(other.new_id("interactions"), cid, date(2026, 11, 20), text="theirs"))
    other.save()
    other.close()
    mine = Interaction(store.new_id("interactions"), cid, date(2026, 11, 21), text="mine")
    store.put(mine)
    store.save()
    texts = [i.text for i in Store.open(network).interactions_for(cid)]
    assert "theirs" in texts and "mine" in texts


def test_every_save_refreshes_the_summary(network: Path) -> None:
    store = Store.open(network)
    cid = next(iter(store.connections))
    when = date(2026, 11, 26) + timedelta(days=400)
    store.put(Interaction(store.new_id("interactions"), cid, when, direction="sent"))
    store.save()
    quick = Store.open_summary(network)
    assert not quick.complete
    assert quick.last_contacted(cid) == when and quick.last_sent(cid) == when


def test_summaries_of_deleted_data_files_are_pruned(tmp_path: Path, network: Path) -> None:
    gone = tmp_path / "gone.json"
    shutil.copyfile(network, gone)
    assert Store.open(gone).write_summary()
    assert summary.summary_path(gone).exists()
    gone.unlink()
    assert Store.open(network).write_summary()
    assert not summary.summary_path(gone).exists()
    assert summary.summary_path(network).exists()


def test_the_summary_is_private(network: Path) -> None:
    assert Store.open(network).write_summary()
    assert summary.summary_path(network).stat().st_mode & 0o777 == 0o600
    assert Path(os.environ["OUTREACH_CACHE_DIR"]) in summary.summary_path(network).parents


def test_only_gives_exactly_those_peoples_items(network: Path) -> None:
    store = Store.open(network)
    today = date(2026, 11, 26)
    everything = due_items(store, today, 30)
    some = {item.connection_id for item in everything[::3]} | {"c1", "c2"}
    assert due_items(store, today, 30, only=some) == [
        item for item in everything if item.connection_id in some
    ]


def test_touched_since_names_the_people_an_edit_affects(network: Path) -> None:
    store = Store.open(network)
    version = store.version
    plan = next(p for p in store.plans.values() if p.recipients)
    cid = next(iter(store.connections))
    store.put(Interaction(store.new_id("interactions"), cid, date(2026, 11, 26)))
    old = list(plan.recipients)
    from dataclasses import replace

    store.put(replace(plan, recipients=[cid]))
    assert store.touched_since(version) == {cid, *old}
    store.replace_all(orjson.loads(network.read_bytes()))
    assert store.touched_since(version) is None  # everything may have changed


@pytest.mark.parametrize("which", ["demo", "network"])
def test_due_decodes_only_the_people_who_may_be_due_and_lists_the_same(
    which: str, request: pytest.FixtureRequest
) -> None:
    path = request.getfixturevalue(which)
    full = Store.open(path)
    assert full.write_summary()
    days_seen = [*DAYS, date(2027, 2, 28), date(2028, 2, 28), date(2028, 2, 29), date(2026, 3, 1)]
    skipped_someone = False
    for today in days_seen:
        for days in (0, 3, 7, 30, 400):
            quick = Store.open_summary(
                path, select=lambda s, index, t=today, d=days: who_may_be_due(index, t, d)
            )
            assert quick.selected is not None
            expected = due_items(full, today, days)
            assert due_items(quick, today, days) == expected
            assert render_due(quick, expected, today, days) == render_due(
                full, expected, today, days
            )
            skipped_someone = skipped_someone or len(quick.connections) < len(full.connections)
    assert skipped_someone  # the point: most people are never decoded


def test_due_twice_prints_the_same_from_the_file_and_from_the_summary(
    tmp_path: Path, generated: Path
) -> None:
    import subprocess
    import sys

    path = tmp_path / "cli.json"
    shutil.copyfile(generated, path)
    args = [sys.executable, "-m", "planner", "--db", str(path), "--today", "2026-11-26", "due"]
    root = Path(__file__).resolve().parents[1]
    first = subprocess.run(args, capture_output=True, text=True, cwd=root)
    assert summary.summary_path(path).exists()  # written by the first run for the next
    second = subprocess.run(args, capture_output=True, text=True, cwd=root)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout and "overdue" in first.stdout
    json_args = [*args, "--json"]
    assert (
        subprocess.run(json_args, capture_output=True, text=True, cwd=root).stdout
        == subprocess.run(json_args, capture_output=True, text=True, cwd=root).stdout
    )
