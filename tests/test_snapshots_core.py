"""Snapshots of the core screens at 100x30 on the fixture network, today fixed at 2026-11-26."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea
from tui_support import SIZE, TODAY, copy_network, ready, settle

from screens.app import OutreachApp, make_app


def _app(tmp_path: Path) -> OutreachApp:
    return make_app(copy_network(tmp_path), today=TODAY)


def test_today(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("j", "j")  # onto [/] Robert [bold: markup-like text, literally
        await pilot.pause(0.2)  # the card follows once the cursor rests

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_help(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("question_mark")

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_composer_with_bulk_findings(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        app.open_composer(["c1"])
        await pilot.pause()
        area = app.screen.query_one("#text", TextArea)
        area.cursor_blink = False
        area.insert(
            "Hi all! Get in on the ground floor of this opportunity. "
            "Know anyone who might be interested?"
        )
        for _ in range(100):  # the live check is debounced: wait for its result
            await settle(app, pilot)
            if app.screen.verdict is not None:
                break

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_snooze_dialog(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        for _ in range(12):
            if app.screen.current and app.screen.current.plan_id:
                break
            await pilot.press("j")
        await pilot.press("z")

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_today_small_terminal(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("j", "j")
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_empty_network_says_how_to_import(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = make_app(tmp_path / "empty.json", today=TODAY)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_history_view(snap_compare, tmp_path: Path) -> None:  # noqa: ANN001
    app = _app(tmp_path)

    async def before(pilot: Pilot) -> None:
        await ready(app, pilot)
        await pilot.press("j", "j")  # [/] Robert [bold: two interactions
        await pilot.pause(0.2)
        await pilot.press("h")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
