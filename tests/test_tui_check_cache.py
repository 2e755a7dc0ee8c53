"""A change made in the TUI carries the bulk check's cache forward too: after deleting a
person and quitting, ``outreach check`` reads a fresh cache with the file's verdicts."""

from __future__ import annotations

import json
from pathlib import Path

from tui_support import SIZE, TODAY, copy_network, ready, settle

from planner.bulk import BulkIndex, check_message, snapshot
from planner.cli import main
from planner.storage import Store
from planner.storage import summary as summary_cache
from screens.app import make_app
from screens.people import PeopleScreen
from screens.widgets.confirm import ConfirmScreen

TEXT = "Hi Robert, wishing you and your family a wonderful holiday season!"


def _check(network: Path, capsys) -> dict:  # noqa: ANN001
    argv = ["--db", str(network), "--today", TODAY.isoformat(), "check", "--to", "c1"]
    assert main([*argv, "--text", TEXT, "--json"]) in (0, 1)
    return json.loads(capsys.readouterr().out)


async def test_a_delete_in_the_tui_leaves_a_fresh_check_cache(
    tmp_path: Path,
    capsys,
    monkeypatch,  # noqa: ANN001
) -> None:
    network = copy_network(tmp_path)
    _check(network, capsys)  # reads the file, writes the check cache
    assert snapshot.load(network, TODAY) is not None
    monkeypatch.setattr(summary_cache, "_COMPANIONS", {})  # only what the app registers
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert isinstance(app.screen, PeopleScreen)
        app.screen.select_person("c6")
        await pilot.pause()
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert app.store is not None and "c6" not in app.store.connections
        await pilot.press("ctrl+q")  # saves, writes the summary: the check cache follows
        await pilot.pause()
    assert snapshot.load(network, TODAY) is not None  # fresh for the file as it is now
    saved = Store.open(network)
    assert "c6" not in saved.connections
    fresh = check_message(TEXT, ["c1"], store=saved, index=BulkIndex.from_store(saved), today=TODAY)
    assert _check(network, capsys) == fresh.to_json()
