"""Helpers for the TUI tests: a copy of the fixture network and waiting for the app's workers."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from screens.app import OutreachApp
from screens.today import CARD_DELAY_S, TodayScreen
from screens.widgets.virtual_list import VirtualList

FIXTURE = Path(__file__).parent / "fixtures" / "tui_network.json"
TODAY = date(2026, 11, 26)
SIZE = (100, 30)


def copy_network(tmp_path: Path) -> Path:
    path = tmp_path / "network.json"
    shutil.copy(FIXTURE, path)
    return path


#: How long a wait may take before the test fails (generous: the machine may be busy, but a
#: wait that times out never carries on as if the app were ready).
WAIT_S = 30.0


async def _until(pilot: Pilot, done: Callable[[], bool], what: str) -> None:
    """Pause until ``done()``; fail the test naming ``what`` after WAIT_S seconds."""
    deadline = time.monotonic() + WAIT_S
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {WAIT_S:.0f} s waiting for {what}")
        await pilot.pause(0.01)


async def loaded(app: OutreachApp, pilot: Pilot) -> None:
    """Wait until the loading worker has handed the store to the app."""
    await _until(pilot, lambda: app.store is not None or app.load_error is not None, "the load")
    assert app.store is not None, f"the data file did not load: {app.load_error}"


async def ready(app: OutreachApp, pilot: Pilot) -> None:
    """Wait until the store is loaded, Today shows its agenda and the bulk index is built."""
    await loaded(app, pilot)

    def is_ready() -> bool:  # the index starts once Today is on screen
        return app.bulk_index is not None and getattr(app.screen, "agenda_ready", True)

    await _until(pilot, is_ready, "the agenda and the bulk index")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def settle(app: OutreachApp, pilot: Pilot) -> None:
    """Let background saves, checks and recomputed lists finish and the screen update."""
    await pilot.pause(0.2)

    def settled() -> bool:
        screen = app.screen
        saved = app.store is None or not app.store.dirty or app._save_failed
        shown = all(getattr(screen, flag, True) for flag in ("agenda_ready", "schedule_ready"))
        return saved and shown and not any(w.is_running for w in app.workers)

    deadline = time.monotonic() + WAIT_S
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if settled():
            break
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out after {WAIT_S:.0f} s waiting for saves and screens to settle"
            )
        await pilot.pause(0.01)
    await pilot.pause()


async def select_today_row(app: OutreachApp, pilot: Pilot, name: str, reason: str) -> None:
    """Move Today's cursor with j (as a user would) to the row of ``name`` with ``reason``,
    then let it rest so the card beside the list follows it."""
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    for _ in range(len(screen.query_one("#agenda", VirtualList).rows)):
        item = screen.current
        if item and item.name == name and reason in item.reason:
            await pilot.pause(CARD_DELAY_S + 0.1)
            return
        await pilot.press("j")
    raise AssertionError(f"no agenda row for {name} ({reason})")
