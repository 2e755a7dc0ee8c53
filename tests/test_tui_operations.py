"""The TUI's writes go through the operations layer: the regressions it fixed, and undo."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea
from tui_support import SIZE, TODAY, copy_network, ready, settle

from planner.bulk import BulkIndex, check_message
from planner.operations import Operations
from planner.storage import Store
from screens.app import OutreachApp, make_app
from screens.composer import ComposerScreen
from screens.people import PeopleScreen
from screens.schedule import RescheduleScreen, ScheduleScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.virtual_list import VirtualList

SAME = (
    "Hi {n}, how did the Lisbon half-marathon go? You trained so hard for it, "
    "I hope the knee held up."
)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


def _another_process_saves(network: Path) -> None:
    """What `outreach add` in another terminal does while the TUI has the file open."""
    with Store.open(network, lock=True) as other:
        Operations(other).add_person(first_name="Zed", last_name="Other")
        other.save()


def _merged(app: OutreachApp) -> bool:
    return any("re-applied" in n.message for n in app._notifications)


def _holiday_plan(store: Store) -> str:
    return next(p.id for p in store.plans.values() if p.text.startswith("Happy holidays"))


async def test_a_plan_edited_in_the_composer_survives_a_merge(network: Path) -> None:
    """Regression: the composer changed the stored plan in place, so the merge that followed
    another process's save kept the old text and day."""
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        plan_id = _holiday_plan(app.store)
        _another_process_saves(network)
        app.open_composer(app.store.plans[plan_id].recipients, plan_id=plan_id)
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        app.screen.query_one("#text", TextArea).load_text("Alex, how did the garden do?")
        app.screen.query_one("#due", Input).value = "2026-12-02"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert _merged(app)
    final = Store.open(network)
    plan = final.plans[plan_id]
    assert (plan.text, plan.due) == ("Alex, how did the garden do?", date(2026, 12, 2))
    assert any(c.name == "Zed Other" for c in final.connections.values())


async def test_a_one_off_plan_moved_in_schedule_survives_a_merge(network: Path) -> None:
    """Regression: Schedule moved a one-off plan by changing the stored object in place."""
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        plan_id = _holiday_plan(app.store)
        await pilot.press("s")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ScheduleScreen)
        screen.query_one(VirtualList).select_key(f"plan:{plan_id}")
        await pilot.pause()
        _another_process_saves(network)
        await pilot.press("r")
        assert isinstance(app.screen, RescheduleScreen)
        app.screen.query_one("#rs-date", Input).value = "2026-12-09"
        await pilot.press("enter")
        await settle(app, pilot)
        assert _merged(app)
    final = Store.open(network)
    assert final.plans[plan_id].due == date(2026, 12, 9)
    assert any(c.name == "Zed Other" for c in final.connections.values())


async def test_deleting_people_keeps_the_composer_check_equal_to_the_cli(network: Path) -> None:
    """Regression: after deleting people in People the composer's bulk index still had their
    messages: it said `review` (duplicate-text) where the CLI said `personal`."""
    store = Store.open(network)
    Operations(store).log(
        ["c3", "c4", "c6"], text=SAME.format(n="Alex"), on=TODAY - timedelta(days=2)
    )
    store.save()
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        people = app.screen
        assert isinstance(people, PeopleScreen)
        people.select_person("c6")
        await pilot.pause()
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert "c6" not in app.store.connections
        app.open_composer(["c1"])
        await pilot.pause()
        composer = app.screen
        assert isinstance(composer, ComposerScreen)
        text = SAME.format(n="Robert")
        composer.query_one("#text", TextArea).insert(text)
        await settle(app, pilot)
        assert composer.verdict is not None
        got = composer.verdict.to_json()
    saved = Store.open(network)
    fresh = check_message(text, ["c1"], store=saved, index=BulkIndex.from_store(saved), today=TODAY)
    assert got == fresh.to_json()
    assert got["verdict"] == "personal"


async def test_undo_and_redo_a_delete_in_the_tui(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        history = len(app.store.interactions_for("c5"))
        assert app.ops is not None
        app.ops.delete_person("c5")
        await settle(app, pilot)
        assert "c5" not in Store.open(network).connections
        app.action_undo()
        await settle(app, pilot)
        assert any("Undid: deleted Priya Nair" in n.message for n in app._notifications)
        restored = Store.open(network)
        assert restored.connections["c5"].name == "Priya Nair"
        assert len(restored.interactions_for("c5")) == history
        app.action_redo()
        await settle(app, pilot)
        assert "c5" not in Store.open(network).connections
        app.action_redo()
        await pilot.pause()
        assert [n.message for n in app._notifications][-1:] == ["Nothing to redo."], [
            n.message for n in app._notifications
        ]


def test_peoples_index_follows_the_change_events(network: Path) -> None:
    from dataclasses import replace

    from screens.people import PeopleIndex

    store = Store.open(network)
    ops = Operations(store)
    index = PeopleIndex()
    index.rebuild(store, TODAY)
    index.order("name")
    ops.subscribe(lambda change: index.note(change, store))
    ops.log(["c3"], text="caught up", on=TODAY)
    ops.plan(["c4"], due=TODAY, text="Happy launch day!")
    ops.edit_person("c1", notes="met again in Lisbon")
    ops.edit_person("c2", first_name="Aaron", last_name="Aardvark")
    ops.delete_person("c6")
    seen = index.changed(store)
    assert seen == {"c1", "c2", "c3", "c4", "c6"}  # only these are re-read
    index.install(store, index.compute(store, TODAY, seen))
    fresh = PeopleIndex()
    fresh.rebuild(store, TODAY)
    assert index.overdue == fresh.overdue
    assert index.order("name") == fresh.order("name") and len(index) == len(fresh)
    assert index.filter("lisbon", "name") == fresh.filter("lisbon", "name") == ["c1"]
    assert index.changed(store) == frozenset()
    # a write that bypassed the operations: no event, so everyone is re-read
    store.put(replace(store.connections["c5"], notes="Zanzibar"))
    assert index.changed(store) is None
    index.rebuild(store, TODAY)
    assert index.filter("zanzibar", "name") == ["c5"]


async def test_a_failing_worker_shows_a_dialog_and_the_app_keeps_running(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.schedule
    from screens.widgets.confirm import ChoiceScreen

    def broken(*_args: object) -> None:
        raise ValueError("forced fault in the schedule")

    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        monkeypatch.setattr(screens.schedule, "build_schedule", broken)
        await pilot.press("s")
        for _ in range(200):
            if isinstance(app.screen, ChoiceScreen):
                break
            await pilot.pause(0.02)
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen), "no error dialog"
        assert "forced fault in the schedule" in str(dialog.body)
        assert "ValueError" in str(dialog.body)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleScreen)
        monkeypatch.undo()
        await pilot.press("t")  # the app still works: sections, edits
        await settle(app, pilot)
        assert app.is_running and app.current_mode == "today"
        assert app.ops is not None
        app.ops.edit_person("c5", notes="still saving")
        await settle(app, pilot)
    assert Store.open(network).connections["c5"].notes == "still saving"


async def _transfer(app: OutreachApp, pilot, direction: str, fmt: str, path: Path) -> str:  # noqa: ANN001
    from textual.widgets import Select, Static

    from screens.transfer import TransferScreen

    app.open_transfer(direction)
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, TransferScreen)
    dialog.query_one("#format", Select).value = fmt
    dialog.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await settle(app, pilot)
    assert dialog.done, "the transfer never finished"
    return str(dialog.query_one("#result", Static).render())


async def test_the_transfer_dialog_imports_in_process_as_one_undo_step(
    network: Path, tmp_path: Path
) -> None:
    cards = tmp_path / "cards.vcf"
    cards.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Nora Field\r\nN:Field;Nora;;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Omar Haddad\r\nN:Haddad;Omar;;;\r\nEND:VCARD\r\n"
    )
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        before = set(app.store.connections)
        shown = await _transfer(app, pilot, "import", "vcard", cards)
        assert "✓ done" in shown and "2 added" in shown
        names = {c.name for c in Store.open(network).connections.values()}
        assert {"Nora Field", "Omar Haddad"} <= names  # saved, no subprocess
        assert app.bulk_index is not None and "nora" in app.bulk_index.names
        await pilot.press("escape")
        app.action_undo()
        await settle(app, pilot)
        assert set(Store.open(network).connections) == before
        assert any("Undid: imported cards.vcf" in n.message for n in app._notifications)


async def test_the_transfer_dialog_exports_and_never_overwrites(
    network: Path, tmp_path: Path
) -> None:
    out = tmp_path / "people.vcf"
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        shown = await _transfer(app, pilot, "export", "vcard", out)
        assert "✓ done" in shown and "6 contacts" in shown
        assert out.read_text().count("BEGIN:VCARD") == 6
        await pilot.press("escape")
        shown = await _transfer(app, pilot, "export", "vcard", out)
        assert "✗ failed" in shown and "the file exists" in shown
        await pilot.press("escape")
        shown = await _transfer(app, pilot, "export", "json", network)
        assert "the data file itself" in shown


async def test_a_bad_import_file_changes_nothing(network: Path, tmp_path: Path) -> None:
    bad = tmp_path / "backup.json"
    bad.write_text("{not json")
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        before = network.read_bytes()
        shown = await _transfer(app, pilot, "import", "json", bad)
        assert "✗ failed" in shown and "not JSON" in shown
        assert network.read_bytes() == before and not app.ops.can_undo
