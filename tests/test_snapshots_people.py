"""Snapshots of People, the person and log forms, and Schedule: 100x30, today 2026-11-26."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input
from tui_support import SIZE, TODAY, copy_network, ready, settle

from screens.app import OutreachApp, make_app


def _app(tmp_path: Path) -> OutreachApp:
    return make_app(copy_network(tmp_path), today=TODAY)


def _still(app: OutreachApp) -> None:
    """No blinking cursors, so the picture never depends on timing."""
    for box in app.screen.query(Input):
        box.cursor_blink = False


def test_people(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("p", "j", "j")  # onto Eve: an escape code and the nudge marker
        _still(app)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_people_filtered_and_sorted(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("p", "S", "S", "slash", *"o")
        _still(app)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_people_small_terminal(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("p")
        _still(app)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_person_form_with_errors(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("p", "a")
        form = app.screen
        form.query_one("#pf-name", Input).value = "[/] Zoë [bold"
        form.query_one("#pf-birthday", Input).value = "1990-02-30"
        form.query_one("#pf-cadence", Input).value = "fortnightly"
        await pilot.press("ctrl+s")
        _still(app)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_log_form(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("p", "l", *"Coffee chat")
        app.screen.query_one("#lf-text").cursor_blink = False
        _still(app)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_schedule(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("s")
        await settle(app, pilot)  # the schedule is computed in a worker
        await pilot.press("j", "j")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_reschedule_dialog(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("s", "r")
        _still(app)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
