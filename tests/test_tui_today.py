"""Today: the morning review from the keyboard (agenda, card, done, snooze, skip, copy, write)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from tui_support import SIZE, TODAY, copy_network, ready, settle

from planner.models import Interaction
from planner.storage import Store
from screens.app import make_app
from screens.composer import ComposerScreen
from screens.snooze import SnoozeScreen
from screens.today import CARD_DELAY_S, TodayScreen
from screens.widgets.person_card import PersonCard
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


def _agenda(app) -> VirtualList:  # noqa: ANN001
    return app.screen.query_one("#agenda", VirtualList)


def _lines(app, headings: bool = False) -> list[str]:  # noqa: ANN001
    """Every agenda row as the list draws it (item rows, or the headings)."""
    screen = app.screen
    return [
        screen._render_row(key, 90).plain
        for key in _agenda(app).rows
        if (key in screen._titles) == headings
    ]


async def _rest(pilot) -> None:  # noqa: ANN001
    """Let the cursor rest so the card beside the list follows it."""
    await pilot.pause(CARD_DELAY_S + 0.1)


async def _select(app, pilot, name: str, reason: str) -> None:  # noqa: ANN001
    """Move the cursor with j (as a user would) to the row of ``name`` with ``reason``."""
    screen = app.screen
    for _ in range(len(_agenda(app).rows)):
        item = screen.current
        if item and item.name == name and reason in item.reason:
            await _rest(pilot)
            return
        await pilot.press("j")
    raise AssertionError(f"no agenda row for {name} ({reason}): {_lines(app)}")


async def test_today_groups_items_with_words_and_literal_names(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        lines = _lines(app)
        headers = _lines(app, headings=True)
        titles = [h.split(" (")[0] for h in headers]
        assert titles == ["Overdue", "Today, Thu 26 Nov", "Next 7 days"]
        robert = next(line for line in lines if "[/] Robert [bold" in line)
        assert robert.startswith("! 23 days overdue") and "keep in touch" in robert
        assert any(line.startswith("• today") and "María Ortega 🌵" in line for line in lines)
        assert any(line.strip().startswith("tomorrow") and "Alex Brown" in line for line in lines)
        # The escape code in Eve's name is shown, not sent to the terminal.
        assert any("Eve\\x1b[2J Escape" in line for line in lines)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "6 overdue · 2 today · 4 in 7 days" in summary


async def test_card_follows_the_cursor(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "[/] Robert [bold", "keep-in-touch")
        why = str(app.screen.query_one("#why", Static).render())
        assert "! 23 days overdue · keep in touch" in why
        assert "every 1m, last contact 2026-10-03" in why
        card = str(app.screen.query_one(PersonCard).query_one("#card-body", Static).render())
        assert "How we know: Met at PyCon 2024 [/] in the hallway track" in card
        assert "CTO at Acme [link=x]Corp" in card
        assert "Last contact: 2026-10-03 (54 days ago)" in card
        assert "birthday: 28 Nov 1980" in card
        await pilot.press("k")
        await _rest(pilot)
        card = str(app.screen.query_one(PersonCard).query_one("#card-body", Static).render())
        assert "Priya Nair" in card and "Hackathon teammate" in card


async def test_done_logs_the_planned_message_and_saves(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Alex Brown", "planned")
        await pilot.press("d")
        await settle(app, pilot)
        assert not any("Alex Brown" in line and "planned" in line for line in _lines(app))
    saved = Store.open(network)
    plan = next(p for p in saved.plans.values() if "Alex" in p.text)
    assert plan.status == "done"
    sent = saved.interactions_for(plan.recipients[0])[-1]
    assert (sent.date, sent.direction, sent.text) == (TODAY, "sent", plan.text)


async def test_done_on_a_to_write_plan_says_write_it_first(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Priya Nair", "planned")
        await pilot.press("d")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert any("no text yet" in m for m in messages), messages
        assert any("to write" in line and "Priya" in line for line in _lines(app))
    assert Store.open(network).interactions_for("c5")[-1].date != TODAY


async def test_snooze_one_week_and_typed_date(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Priya Nair", "planned")
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("tab", "2")  # from the date field to the buttons
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        plan = next(p for p in app.store.plans.values() if p.label == "season's greetings")
        assert plan.snoozed_until == date(2026, 12, 3)
        row = next(line for line in _lines(app) if "to write" in line)
        assert row.strip().startswith("in 7 days") and "Priya Nair" in row

        await _select(app, pilot, "Alex Brown", "planned")
        await pilot.press("z")
        await pilot.pause()
        box = app.screen.query_one("#snooze-date", Input)
        box.focus()
        await pilot.press(*"someday", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#snooze-error", Static).render())
        assert "cannot read the date 'someday'" in error  # said in place; still open
        box.value = ""
        await pilot.press(*"dec 24", "enter")
        await settle(app, pilot)
    alex_plan = next(p for p in Store.open(network).plans.values() if "Alex" in p.text)
    assert alex_plan.snoozed_until == date(2026, 12, 24)


async def test_skip_and_copy(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Alex Brown", "planned")
        await pilot.press("c")
        assert app.clipboard == "Happy holidays Alex! How is the new garden? 🌻"
        await pilot.press("x")
        await settle(app, pilot)
    plan = next(p for p in Store.open(network).plans.values() if "Alex" in p.text)
    assert plan.status == "skipped"


async def test_keep_in_touch_rows_have_no_plan_only_actions(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Priya Nair", "keep-in-touch")
        for action in ("done", "copy"):
            assert app.screen.check_action(action, ()) is None  # greyed out in the footer
        for action in ("write", "snooze", "skip"):
            assert app.screen.check_action(action, ()) is True
        before = {p.id: (p.status, p.snoozed_until) for p in app.store.plans.values()}
        await pilot.press("d")
        await pilot.pause()
        assert {p.id: (p.status, p.snoozed_until) for p in app.store.plans.values()} == before
        await pilot.press("o")  # Priya has no profile URL
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("No profile URL" in m for m in messages), messages


async def test_snooze_a_keep_in_touch_row_defers_the_person(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Priya Nair", "keep-in-touch")
        plans = {p.id: (p.status, p.snoozed_until) for p in app.store.plans.values()}
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        await pilot.press("tab", "2")  # +1 week (tab: from the date field to the buttons)
        await settle(app, pilot)
        assert not any(
            i.name == "Priya Nair" and i.reason == "keep-in-touch" and i.days_overdue >= 0
            for i in app.screen.items.values()
        )
        assert {p.id: (p.status, p.snoozed_until) for p in app.store.plans.values()} == plans
    conn = next(c for c in Store.open(network).connections.values() if c.name == "Priya Nair")
    assert conn.snoozed_until == date(2026, 12, 3)


async def test_skip_a_keep_in_touch_row_moves_the_clock_on(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Priya Nair", "keep-in-touch")
        await pilot.press("x")
        await settle(app, pilot)
        assert not any(
            i.name == "Priya Nair" and i.reason == "keep-in-touch"
            for i in app.screen.items.values()
            for i in app.screen.items.values()
        )
        messages = [n.message for n in app._notifications]
        assert any("counts as done" in m for m in messages), messages
    conn = next(c for c in Store.open(network).connections.values() if c.name == "Priya Nair")
    assert [e["kind"] for e in conn.events] == ["skip"] and conn.events[0]["on"] == "2026-11-26"


async def test_write_opens_the_composer_on_the_plan(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "María Ortega 🌵", "planned")
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        assert app.screen.plan_id is not None
        assert app.screen.query_one("#text").text == "Dear María, [bold]feliz[/] aniversario!"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


def _footer_keys(app) -> dict[str, bool]:  # noqa: ANN001
    """Footer key -> enabled, as drawn."""
    from textual.widgets._footer import FooterKey

    return {key.key: not key.has_class("-disabled") for key in app.screen.query(FooterKey)}


async def test_footer_greys_plan_keys_only_where_they_do_not_apply(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Priya Nair", "keep-in-touch")
        assert _footer_keys(app)["d"] is False and _footer_keys(app)["w"] is True
        await _select(app, pilot, "Priya Nair", "planned")
        assert _footer_keys(app)["d"] is True and _footer_keys(app)["z"] is True


async def test_done_takes_the_row_off_at_once_and_the_cursor_moves_on(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Alex Brown", "planned")
        rows = list(_agenda(app).rows)
        following = rows[rows.index(_agenda(app).highlighted_key) + 1]
        await pilot.press("d")
        assert not any("Alex Brown" in line and "planned" in line for line in _lines(app))
        assert _agenda(app).highlighted_key == following  # the next row, not the top
        await settle(app, pilot)
        assert _agenda(app).highlighted_key == following


async def test_cursor_stays_on_the_same_row_when_other_rows_change(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _select(app, pilot, "Priya Nair", "planned")
        key = _agenda(app).highlighted_key
        # Someone above in the list is contacted (their keep-in-touch row goes away).
        store = app.store
        eve = next(c for c in store.connections.values() if c.name.startswith("Eve"))
        store.put(Interaction(store.new_id("interactions"), eve.id, TODAY, text="hi"))
        app.persist()
        await settle(app, pilot)
        assert not any(line.startswith("! 311") for line in _lines(app))
        assert _agenda(app).highlighted_key == key
        assert app.screen.current.name == "Priya Nair"


async def test_today_recomputes_after_a_change_made_in_people(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        today = app.screen
        assert any("[/] Robert [bold" in line and "keep in touch" in line for line in _lines(app))
        await pilot.press("p")
        await settle(app, pilot)
        store = app.store
        robert = next(c for c in store.connections.values() if "Robert" in c.name)
        store.put(Interaction(store.new_id("interactions"), robert.id, TODAY, text="coffee?"))
        app.persist()
        await settle(app, pilot)
        assert not today.agenda_ready  # hidden: stale, not recomputed in the background
        await pilot.press("t")
        await settle(app, pilot)
        assert app.screen is today and today.agenda_ready
        lines = _lines(app)
        assert not any("Robert" in line and "keep in touch" in line for line in lines)
        assert "5 overdue" in str(today.query_one("#summary", Static).render())
