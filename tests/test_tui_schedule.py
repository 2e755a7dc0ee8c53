"""Schedule section: planned messages and occasions by week; reschedule, edit, skip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import TODAY, copy_network, loaded, settle

from planner.storage import Store
from screens.app import OutreachApp, make_app
from screens.schedule import RescheduleScreen, ScheduleScreen, schedule_entries, week_title
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


async def _schedule(app: OutreachApp, pilot: Pilot) -> ScheduleScreen:
    await loaded(app, pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, ScheduleScreen)
    await _shown(app.screen, pilot)
    return app.screen


async def _shown(screen: ScheduleScreen, pilot: Pilot) -> None:
    """Wait for the schedule (computed in a worker) to be on screen."""
    for _ in range(300):
        if screen.schedule_ready:
            return
        await pilot.pause(0.01)
    raise AssertionError("the schedule never showed")


async def _saved(app: OutreachApp, pilot: Pilot) -> None:
    await settle(app, pilot)


def _lines(screen: ScheduleScreen) -> list[str]:
    view = screen.query_one(VirtualList)
    return [screen._render_row(key, 80).plain for key in view.rows]


async def _select(pilot: Pilot, screen: ScheduleScreen, contains: str) -> None:
    view = screen.query_one(VirtualList)
    await pilot.press("home")
    for _ in range(len(view.rows)):
        key = view.highlighted_key
        if key and contains in screen._render_row(key, 80).plain:
            return
        await pilot.press("j")
    raise AssertionError(f"no row with {contains!r}")


def _plan_id(store: Store, text_start: str) -> str:
    return next(p.id for p in store.plans.values() if (p.text or p.label).startswith(text_start))


def test_week_titles_name_this_and_next_week() -> None:
    assert week_title(date(2026, 11, 23), TODAY) == "This week · 23-29 Nov"
    assert week_title(date(2026, 11, 30), TODAY) == "Next week · 30 Nov-6 Dec"
    assert week_title(date(2026, 12, 28), TODAY) == "Week of 28 Dec-3 Jan"


def test_entries_hold_plans_and_occasions_but_not_keep_in_touch(network: Path) -> None:
    store = Store.open(network)
    entries = schedule_entries(store, TODAY)
    reasons = {e.reason for e in entries}
    assert reasons <= {"planned", "birthday", "occasion"}
    assert {"planned", "birthday", "occasion"} <= reasons
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    plan_entries = [e for e in entries if e.plan_id]
    assert len(plan_entries) == len({e.plan_id for e in plan_entries})  # one row per plan
    assert all(e.date <= date(2027, 1, 17) for e in entries)  # eight weeks from this Monday


def test_a_plan_for_several_people_is_one_entry(network: Path) -> None:
    store = Store.open(network)
    plan = store.plans[_plan_id(store, "Happy holidays")]
    plan.recipients = [*plan.recipients, "c5"]
    store.put(plan)
    entries = [e for e in schedule_entries(store, TODAY) if e.plan_id == plan.id]
    assert len(entries) == 1
    assert set(entries[0].connection_ids) == set(plan.recipients)


async def test_shows_weeks_with_overdue_first_and_literal_text(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _schedule(app, pilot)
        lines = _lines(screen)
        assert lines[0].startswith("⚠ Overdue")
        assert any(line.startswith("This week · 23-29 Nov") for line in lines)
        assert any(line.startswith("Next week · 30 Nov-6 Dec") for line in lines)
        assert sum(line.startswith(("This week", "Next week", "Week of")) for line in lines) == 8
        assert any("[/] Robert [bold" in line and "birthday" in line for line in lines)
        assert any("[bold]feliz[/]" in line and "↻" in line for line in lines)
        late = next(line for line in lines if "late" in line)
        assert "⚠ 2d late" in late and "to write" in late
        # the cursor never rests on a week heading
        view = screen.query_one(VirtualList)
        for _ in range(len(view.rows) + 2):
            assert not view.highlighted_key.startswith("#")  # type: ignore[union-attr]
            await pilot.press("j")


async def test_reschedule_a_one_off_plan(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _schedule(app, pilot)
        await _select(pilot, screen, "Happy holidays")
        await pilot.press("r")
        dialog = app.screen
        assert isinstance(dialog, RescheduleScreen)
        box = dialog.query_one("#rs-date", Input)
        box.value = "yesterday"
        await pilot.press("enter")
        assert app.screen is dialog
        assert "in the past" in dialog.query_one("#field-date").error.message
        box.value = "next friday"
        await pilot.press("enter")
        await _saved(app, pilot)
        assert app.screen is screen
        store = Store.open(network)
        plan = store.plans[_plan_id(store, "Happy holidays")]
        assert plan.due == date(2026, 12, 4)
        assert plan.snoozed_until is None
        key = screen.query_one(VirtualList).highlighted_key
        assert key == f"plan:{plan.id}"  # the cursor followed it to its new week
        assert "Fri 04 Dec" in screen._render_row(key, 80).plain


async def test_reschedule_a_recurring_plan_moves_only_this_time(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _schedule(app, pilot)
        await _select(pilot, screen, "feliz")
        await pilot.press("r")
        app.screen.query_one("#rs-date", Input).value = "2026-12-03"
        await pilot.press("enter")
        await _saved(app, pilot)
        store = Store.open(network)
        plan = store.plans[_plan_id(store, "Dear María")]
        assert plan.due == date(2026, 12, 1)  # the series keeps its day
        assert plan.snoozed_until == date(2026, 12, 3)


async def test_skip_and_occasions_cannot_be_skipped(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _schedule(app, pilot)
        await _select(pilot, screen, "turns")  # Robert's birthday
        await pilot.press("x")
        assert len(app.store.plans) == 3  # type: ignore[union-attr]
        await _select(pilot, screen, "Happy holidays")
        await pilot.press("x")
        await _saved(app, pilot)
        assert not any("Happy holidays" in line for line in _lines(screen))
        store = Store.open(network)
        assert store.plans[_plan_id(store, "Happy holidays")].status == "skipped"
        await _select(pilot, screen, "feliz")
        await pilot.press("x")
        await _saved(app, pilot)
        store = Store.open(network)
        plan = store.plans[_plan_id(store, "Dear María")]
        assert plan.status == "pending" and plan.due == date(2027, 12, 1)


async def test_edit_opens_the_composer_on_the_plan(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(network, today=TODAY)
    calls: list[tuple[list[str], str | None]] = []
    monkeypatch.setattr(
        app, "open_composer", lambda ids, plan_id=None, reason=None: calls.append((ids, plan_id))
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _schedule(app, pilot)
        store = app.store
        assert store is not None
        await _select(pilot, screen, "Happy holidays")
        await pilot.press("e")
        plan = store.plans[_plan_id(store, "Happy holidays")]
        assert calls[-1] == (plan.recipients, plan.id)
        await _select(pilot, screen, "turns")
        await pilot.press("enter")
        robert = next(c.id for c in store.connections.values() if c.last_name == "[bold")
        assert calls[-1] == ([robert], None)
