"""Helpers for the TUI tests: a copy of the fixture network and waiting for the app's workers."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from screens.app import OutreachApp

FIXTURE = Path(__file__).parent / "fixtures" / "tui_network.json"
TODAY = date(2026, 11, 26)
SIZE = (100, 30)


def copy_network(tmp_path: Path) -> Path:
    path = tmp_path / "network.json"
    shutil.copy(FIXTURE, path)
    return path


async def loaded(app: OutreachApp, pilot: Pilot) -> None:
    """Wait until the loading worker has handed the store to the app."""
    for _ in range(300):
        if app.store is not None:
            break
        await pilot.pause(0.01)
    assert app.store is not None, "the data file did not load"


async def ready(app: OutreachApp, pilot: Pilot) -> None:
    """Wait until the store is loaded, Today shows its agenda and the bulk index is built."""
    await loaded(app, pilot)
    for _ in range(300):  # the index starts once Today is on screen
        await app.workers.wait_for_complete()
        if app.bulk_index is not None and getattr(app.screen, "agenda_ready", True):
            break
        await pilot.pause(0.01)
    await pilot.pause()


async def settle(app: OutreachApp, pilot: Pilot) -> None:
    """Let background saves, checks and recomputed lists finish and the screen update."""
    await pilot.pause(0.2)
    for _ in range(300):
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        saved = app.store is None or not app.store.dirty or app._save_failed
        shown = all(getattr(screen, flag, True) for flag in ("agenda_ready", "schedule_ready"))
        if saved and shown and not any(w.is_running for w in app.workers):
            break
        await pilot.pause(0.01)
    await pilot.pause()
