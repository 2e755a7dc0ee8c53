"""Composer: write and save a note, live bulk findings, templates, log as sent, bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea
from tui_support import SIZE, TODAY, copy_network, ready, settle

from planner.storage import Store
from screens.app import OutreachApp, make_app
from screens.composer import ComposerScreen
from screens.today import TodayScreen
from screens.widgets.confirm import ChoiceScreen, ConfirmScreen

ROBERT = "c1"
PITCH = (
    "Hi all! Get in on the ground floor of this opportunity: residual commissions. "
    "Know anyone who might be interested?"
)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


async def _composer(app: OutreachApp, pilot, ids: list[str] | None = None) -> ComposerScreen:  # noqa: ANN001
    await ready(app, pilot)
    app.open_composer(ids or [ROBERT])
    await pilot.pause()
    assert isinstance(app.screen, ComposerScreen)
    return app.screen


def _findings(app: OutreachApp) -> str:
    return str(app.screen.query_one("#findings", Static).render())


async def _type(app: OutreachApp, pilot, text: str) -> None:  # noqa: ANN001
    app.screen.query_one("#text", TextArea).insert(text)
    await settle(app, pilot)


async def test_write_and_save_a_note_for_a_typed_date(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _composer(app, pilot)
        context = str(screen.query_one("#context", Static).render())
        assert "How we know: Met at PyCon 2024 [/] in the hallway track" in context
        await pilot.press(*"Hi Robert, coffee after the migration talk?")
        due = screen.query_one("#due", Input)
        due.value = "friday"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)
    plans = [p for p in Store.open(network).plans.values() if "coffee" in p.text]
    assert len(plans) == 1
    assert plans[0].recipients == [ROBERT]
    assert plans[0].due == date(2026, 11, 27)  # the Friday after Thursday 26 Nov
    assert plans[0].recurrence is None and plans[0].created_on == TODAY


async def test_bad_date_and_empty_text_are_said_in_place(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _composer(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(screen.query_one("#field-error", Static).render())
        assert "the message is empty" in error
        await _type(app, pilot, "Hi Robert!")
        screen.query_one("#due", Input).value = "the 31st of never"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        error = str(screen.query_one("#field-error", Static).render())
        assert "date: cannot read the date 'the 31st of never'" in error
    assert len(Store.open(network).plans) == 3  # nothing saved


async def test_live_bulk_warning_while_typing_and_confirmation(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _composer(app, pilot)
        await _type(app, pilot, "Hi Robert, loved your PyCon talk on the migration.")
        assert "✓ personal" in _findings(app)
        area = app.screen.query_one("#text", TextArea)
        area.load_text(PITCH)
        await settle(app, pilot)
        findings = _findings(app)
        assert "✗ bulk" in findings and "pitch" in findings
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # asks, and offers the alternatives
        await pilot.press("s")  # treat it as a status update
        await settle(app, pilot)
        assert app.clipboard == PITCH
        assert isinstance(app.screen, TodayScreen)
    kept = [p for p in Store.open(network).plans.values() if p.text == PITCH]
    assert [p.status for p in kept] == ["status-update"]  # a draft to post, not a message


async def test_bulk_save_anyway_and_edit(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _composer(app, pilot)
        await _type(app, pilot, PITCH)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e")  # back to editing, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")  # save anyway
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)
    assert any(p.text == PITCH for p in Store.open(network).plans.values())


async def test_unedited_template_is_flagged_and_asked_about(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _composer(app, pilot)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        text = screen.query_one("#text", TextArea).text
        assert text.startswith("Hi [/] Robert,")
        assert "⚠ warning unedited-template" in _findings(app)
        await pilot.press("ctrl+t")  # cycles while unedited
        await settle(app, pilot)
        assert screen.query_one("#text", TextArea).text.startswith("Happy birthday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, ComposerScreen)
        await _type(app, pilot, "Still thinking of the PyCon hallway. ")
        assert "unedited-template" not in _findings(app)
    assert len(Store.open(network).plans) == 3


async def test_log_as_sent_now(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _composer(app, pilot)
        await _type(app, pilot, "Robert, the migration notes you asked for are in the repo.")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        # Logging resets his keep-in-touch: he is no longer overdue.
        assert not any(
            i.name == "[/] Robert [bold" and i.reason == "keep-in-touch"
            for i in app.screen.items.values()
        )
    store = Store.open(network)
    last = store.interactions_for(ROBERT)[-1]
    assert (last.date, last.direction) == (TODAY, "sent")
    assert last.text.startswith("Robert, the migration notes")
    assert len(store.plans) == 3  # a one-off note sent now is history, not a plan


async def test_escape_with_a_draft_asks_before_discarding(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _composer(app, pilot)
        await _type(app, pilot, "Half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#text", TextArea).text == "Half a thought"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_yearly_plan_edit_keeps_id(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        plan = next(p for p in app.store.plans.values() if p.recurrence)
        app.open_composer(plan.recipients, plan_id=plan.id)
        await pilot.pause()
        assert app.screen.query_one("#repeat").value == "yearly"
        area = app.screen.query_one("#text", TextArea)
        area.load_text("Dear María, feliz aniversario! How was the trip to Oaxaca?")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    saved = Store.open(network).plans[plan.id]
    assert saved.text.endswith("How was the trip to Oaxaca?")
    assert saved.recurrence == "FREQ=YEARLY" and saved.due == plan.due
