"""A person's history in the TUI (h): read, edit and delete a logged interaction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_support import SIZE, TODAY, copy_network, ready, settle

from planner.storage import Store
from screens.app import make_app
from screens.history import HistoryScreen
from screens.log_form import LogForm
from screens.people import PeopleScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


async def _history_of(app, pilot, cid: str) -> HistoryScreen:  # noqa: ANN001
    await ready(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    assert isinstance(app.screen, PeopleScreen)
    app.screen.select_person(cid)
    await pilot.pause()
    await pilot.press("h")
    await settle(app, pilot)
    assert isinstance(app.screen, HistoryScreen)
    return app.screen


async def test_edit_an_interaction_and_last_contact_follows(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        history = await _history_of(app, pilot, "c1")  # Robert: two interactions
        rows = list(history.query_one(VirtualList).rows)
        assert len(rows) == len(app.store.interactions_for("c1")) >= 2
        newest = app.store.interactions[rows[0]]
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm) and form.interaction == newest
        assert form.query_one("#lf-date", Input).value == newest.date.isoformat()
        form.query_one("#lf-date", Input).value = "2026-11-25"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is history
        assert app.store.interactions[newest.id].date == date(2026, 11, 25)
        assert app.store.last_contacted("c1") == date(2026, 11, 25)
        await pilot.press("u")  # undo works from the history view too
        await settle(app, pilot)
        assert app.store.interactions[newest.id].date == newest.date
    assert Store.open(network).interactions[newest.id].date == newest.date


async def test_delete_an_interaction_asks_then_removes_it(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        history = await _history_of(app, pilot, "c1")
        first = history.query_one(VirtualList).highlighted_key
        count = len(app.store.interactions_for("c1"))
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert first not in app.store.interactions
        assert len(history.query_one(VirtualList).rows) == count - 1
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PeopleScreen)
    assert first not in Store.open(network).interactions
