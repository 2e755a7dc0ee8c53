"""The app shell: loading in a worker, sections, help, command palette, saving and failures."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from textual.widgets import Static
from textual.widgets._header import HeaderTitle
from tui_support import SIZE, TODAY, WAIT_S, copy_network, ready, settle

from planner.storage import DataFileError, Store
from screens.app import INPUT_QUIET_S, YIELD_MAX_S, make_app
from screens.help import HelpScreen
from screens.today import TodayScreen
from screens.widgets.header import QuietHeader


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


async def test_opens_on_today_and_switches_sections(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        assert app.current_mode == "today" and isinstance(app.screen, TodayScreen)
        await pilot.press("p")
        assert app.current_mode == "people"
        await pilot.press("s")
        assert app.current_mode == "schedule"
        await pilot.press("escape")  # backs out to Today
        assert app.current_mode == "today"


async def test_missing_data_folder_file_is_created_empty(tmp_path: Path) -> None:
    app = make_app(tmp_path / "new" / "data.json", today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "ctrl+p to import" in summary or "import your contacts" in summary


async def test_corrupt_file_is_reported_not_crashed(tmp_path: Path) -> None:
    bad = tmp_path / "data.json"
    bad.write_text("{not json")
    app = make_app(bad, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.store is None
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "not valid JSON" in summary
    assert bad.read_text() == "{not json"


async def test_help_lists_the_bindings_of_every_screen(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-body", Static).render())
        for section in ("Everywhere", "Today", "People", "Composer", "Snooze dialog"):
            assert f"{section}\n" in text
        assert "Mark the planned message sent" in text and "ctrl+p" in text
        assert "j / down" in text or "down / j" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_palette_jumps_to_a_person(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"priya")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.current_mode == "people"
        card = app.screen.query_one("#card-body", Static)
        assert "Priya Nair" in str(card.render())


async def test_failed_save_keeps_the_change_and_retries(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_save = Store.save

    def failing(self: Store, **_options: object) -> None:
        raise DataFileError(f"{self.path}: could not save: [/] No space left on device")

    monkeypatch.setattr(Store, "save", failing)
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = app.screen
        for _ in range(20):
            if screen.current and screen.current.name == "Alex Brown" and screen.current.plan_id:
                break
            await pilot.press("j")
        await pilot.press("x")
        await settle(app, pilot)
        assert app.store.dirty
        assert any("No space left" in n.message for n in app._notifications)
        assert app.check_action("save_now", ()) is True  # ctrl+s retry shows in the footer
        monkeypatch.setattr(Store, "save", real_save)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not app.store.dirty
    plan = next(p for p in Store.open(network).plans.values() if "Alex" in p.text)
    assert plan.status == "skipped"


async def test_quit_writes_a_pending_save(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        plan = next(p for p in app.store.plans.values() if "Alex" in p.text)
        plan.status = "skipped"
        app.store.put(plan)
        await pilot.press("ctrl+q")
    assert Store.open(network).plans[plan.id].status == "skipped"


async def test_a_cli_change_made_while_the_tui_is_open_is_merged_not_lost(network: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        # another terminal adds someone while the TUI is open
        subprocess.run(
            [sys.executable, "-m", "planner", "--db", str(network), "add", "--name", "Zed Other"],
            cwd=root,
            check=True,
            capture_output=True,
        )
        screen = app.screen
        for _ in range(20):
            if screen.current and screen.current.name == "Alex Brown" and screen.current.plan_id:
                break
            await pilot.press("j")
        await pilot.press("x")  # an edit in the TUI: skip Alex's plan
        await settle(app, pilot)
        assert not app.store.dirty
        assert any("re-applied" in n.message for n in app._notifications)
        assert any(c.name == "Zed Other" for c in app.store.connections.values())
    final = Store.open(network)
    assert any(c.name == "Zed Other" for c in final.connections.values())
    plan = next(p for p in final.plans.values() if "Alex" in p.text)
    assert plan.status == "skipped"


async def test_edits_are_journaled_at_once_and_folded_into_the_file_on_quit(
    network: Path,
) -> None:
    from dataclasses import replace

    from planner.storage.journal import journal_path

    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        plan = next(p for p in app.store.plans.values() if "Alex" in p.text)
        app.store.put(replace(plan, label="first"))
        app.persist()  # a file outreach has not written yet is saved whole once
        await settle(app, pilot)
        before = network.read_bytes()
        app.store.put(replace(plan, status="skipped"))
        app.persist()
        await settle(app, pilot)
        assert not app.store.dirty
        # durable already: in the journal, the data file itself not rewritten
        assert network.read_bytes() == before and journal_path(network).exists()
        assert Store.open(network).plans[plan.id].status == "skipped"
        await pilot.press("ctrl+q")
    assert not journal_path(network).exists()
    from tinydb import TinyDB

    with TinyDB(network) as db:  # folded into the file: stock TinyDB sees it
        assert [d["status"] for d in db.table("plans").all() if d["id"] == plan.id] == ["skipped"]


async def test_the_first_screen_comes_from_the_summary_and_the_history_follows(
    network: Path,
) -> None:
    whole = Store.open(network)
    assert whole.write_summary()
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await settle(app, pilot)
        assert app.store.complete  # the history was loaded after the first screen
        assert len(app.store.interactions) == len(whole.interactions)
        assert app.bulk_index is not None
        await pilot.pause(0.2)
        card = str(app.screen.query_one("#card-body", Static).render())
        assert "Last interactions" in card and "loading the rest" not in card  # redrawn


async def test_background_builds_wait_while_the_user_is_at_the_keys(network: Path) -> None:
    """yield_to_ui (what long builds call between chunks) waits after a key until the user
    pauses, at most YIELD_MAX_S, and not at all when the user is idle."""
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app._last_input = 0.0
        start = time.monotonic()
        app.yield_to_ui()
        idle = time.monotonic() - start
        before = time.monotonic()
        await pilot.press("down")
        assert app._last_input >= before  # a key is the user at the keys
        app._last_input = time.monotonic()
        start = time.monotonic()
        app.yield_to_ui()
        busy = time.monotonic() - start
        assert busy >= INPUT_QUIET_S * 0.9 and idle < INPUT_QUIET_S / 2, (busy, idle)
        app._last_input = time.monotonic() + 60  # typing without a pause
        start = time.monotonic()
        app.yield_to_ui()
        assert time.monotonic() - start >= YIELD_MAX_S * 0.9  # and then the build goes on
        app._last_input = 0.0


async def test_the_header_says_saving_until_the_edit_is_durable(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        release = threading.Event()
        save = app._save_blocking

        def held_save(**kwargs: bool) -> None:
            release.wait(WAIT_S)
            save(**kwargs)

        monkeypatch.setattr(app, "_save_blocking", held_save)
        await pilot.press("p")  # People shows the app's title (Today has its own)
        await settle(app, pilot)
        title = app.screen.query_one(HeaderTitle)
        assert "saving" not in str(title.render())
        app.ops.log(["c6"], text="Sent the sourdough starter", on=TODAY)
        await pilot.pause()
        assert "outreach · saving…" in str(title.render())
        release.set()
        await settle(app, pilot)
        assert "saving" not in str(title.render())


async def test_a_theme_chosen_in_another_section_shows_when_switching_back(
    network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sections are not restyled when shown again unless something they are styled by changed
    (see SectionScreen.post_message): a theme chosen meanwhile is such a thing."""
    monkeypatch.setenv("OUTREACH_CONFIG", str(tmp_path / "config.toml"))
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("p", "t", "p")  # both sections shown and left once
        await settle(app, pilot)
        before = app.screen.query_one(QuietHeader).styles.background
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await settle(app, pilot)
        after = app.screen.query_one(QuietHeader).styles.background  # People: restyled
        assert after != before
        await pilot.press("t")
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.query_one(QuietHeader).styles.background == after
