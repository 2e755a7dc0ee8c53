"""Undo and redo in the TUI (ctrl+z / ctrl+y, also u): every change, with a toast saying what."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import SIZE, TODAY, copy_network, ready, select_today_row, settle

from planner.storage import Store
from screens.app import OutreachApp, make_app
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


def _toasts(app: OutreachApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_done_says_how_to_undo_and_u_takes_it_back_durably(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        before = len(app.store.interactions_for("c6"))
        await select_today_row(app, pilot, "Alex Brown", "planned")
        await pilot.press("d")
        await settle(app, pilot)
        assert app.store.plans["p1"].status == "done"
        assert any("Done" in t and "u undoes" in t for t in _toasts(app)), _toasts(app)
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.plans["p1"].status == "pending"
        assert len(app.store.interactions_for("c6")) == before
        assert any(t.startswith("Undid:") and "ctrl+y" in t for t in _toasts(app)), _toasts(app)
        rows = [i for i in app.screen.items.values() if i.plan_id == "p1"]
        assert rows, "the plan's row is back on Today"
    saved = Store.open(network)  # the undo is saved like any edit
    assert saved.plans["p1"].status == "pending"
    assert len(saved.interactions_for("c6")) == before


async def test_ctrl_z_and_ctrl_y_undo_and_redo_a_snooze_and_a_skip(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await select_today_row(app, pilot, "Alex Brown", "planned")
        await pilot.press("x")  # skip
        await settle(app, pilot)
        assert app.store.plans["p1"].status == "skipped"
        await select_today_row(app, pilot, "María Ortega 🌵", "planned")
        await pilot.press("z", *"+3d", "enter")
        await settle(app, pilot)
        assert app.store.plans["p3"].snoozed_until is not None
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.store.plans["p3"].snoozed_until is None
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.store.plans["p1"].status == "pending"
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        assert app.store.plans["p1"].status == "skipped"
        assert any(t.startswith("Redid:") for t in _toasts(app)), _toasts(app)


async def test_undo_a_delete_in_people_brings_the_person_and_history_back(
    network: Path,
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        cid = app.screen.query_one(VirtualList).highlighted_key
        history = len(app.store.interactions_for(cid))
        await pilot.press("D", "y")
        await settle(app, pilot)
        assert cid not in app.store.connections
        await pilot.press("u")
        await settle(app, pilot)
        assert cid in app.store.connections
        assert len(app.store.interactions_for(cid)) == history
        assert cid in app.screen.query_one(VirtualList).rows


async def test_u_in_a_text_field_is_a_letter_not_an_undo(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await select_today_row(app, pilot, "Alex Brown", "planned")
        await pilot.press("x")
        await settle(app, pilot)
        await pilot.press("p", "slash", "u")
        await settle(app, pilot)
        assert app.store.plans["p1"].status == "skipped"  # nothing undone
        assert app.screen.query_one("#people-filter").value == "u"


async def test_nothing_to_undo_says_so(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("u")
        await pilot.pause()
        assert any("Nothing to undo" in t for t in _toasts(app)), _toasts(app)


async def test_the_theme_chosen_is_there_on_the_next_start(network: Path, tmp_path: Path) -> None:
    from planner import config

    settings_file = tmp_path / "settings.toml"
    app = make_app(network, today=TODAY, config_path=settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.theme == "textual-dark"
        app.theme = "nord"  # what the palette's "Change theme" does
        await settle(app, pilot)
    assert config.load(settings_file).theme == "nord"
    again = make_app(network, today=TODAY, config_path=settings_file)
    async with again.run_test(size=SIZE) as pilot:
        await ready(again, pilot)
        assert again.theme == "nord"


async def test_an_import_is_one_undo_step(network: Path) -> None:
    from textual.widgets import Input

    connections = Path(__file__).parent / "fixtures" / "transfer" / "Connections.csv"
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        before = set(app.store.connections)
        app.open_transfer("import")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(connections)
        await pilot.press("enter")
        for _ in range(300):
            await settle(app, pilot)
            if len(app.store.connections) > len(before):
                break
        assert len(app.store.connections) > len(before)
        await pilot.press("escape")  # close the import dialog
        await settle(app, pilot)
        await pilot.press("u")
        await settle(app, pilot)
        assert set(app.store.connections) == before
        assert any(t.startswith("Undid: ") for t in _toasts(app)), _toasts(app)
    assert set(Store.open(network).connections) == before
