"""People's filter searches what was said too, with the matching message shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from tui_support import SIZE, TODAY, WAIT_S, copy_network, ready, settle

from planner.search import MessageIndex, snippet
from planner.storage import Store
from screens.app import make_app
from screens.history import HistoryScreen
from screens.people import PeopleScreen
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


async def _people_with_messages(app, pilot) -> PeopleScreen:  # noqa: ANN001
    await ready(app, pilot)
    await pilot.press("p")
    for _ in range(300):  # the message index is built in the background
        await settle(app, pilot)
        if app.screen.index.messages is not None:
            break
    assert isinstance(app.screen, PeopleScreen) and app.screen.index.messages is not None
    return app.screen


def _names(screen: PeopleScreen) -> list[str]:
    return [screen.store.connections[c].name for c in screen.query_one(VirtualList).rows]


async def test_the_filter_finds_words_from_messages_and_shows_the_message(
    network: Path,
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _people_with_messages(app, pilot)
        await pilot.press("slash", *"migration")
        await pilot.pause(0.2)
        assert _names(screen) == ["[/] Robert [bold"]  # only in a message to Robert
        row = screen.query_one(VirtualList).render_line(0).text
        assert "“" in row and "migration" in row, row
        match = str(screen.query_one("#people-match", Static).render())
        assert "you wrote" in match and "migration" in match and "i1" in match, match
        box = screen.query_one("#people-filter", Input)
        box.value = "oaxaca planned"  # two words of one message (María: also her company)
        await pilot.pause(0.2)
        assert _names(screen) == ["María Ortega 🌵"]
        await pilot.press("enter", "h")  # the history opens on the matching message
        await settle(app, pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.query_one(VirtualList).highlighted_key == "i3"


async def test_a_new_message_is_searchable_at_once(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _people_with_messages(app, pilot)
        app.ops.log(["c6"], text="Sent the sourdough starter", on=TODAY)
        await settle(app, pilot)
        screen.query_one("#people-filter", Input).value = "sourdough"
        await pilot.pause(0.2)
        assert _names(screen) == ["Alex Brown"]
        app.ops.undo()
        await settle(app, pilot)
        screen.query_one("#people-filter", Input).value = "sourdoug"
        await pilot.pause(0.2)
        assert _names(screen) == []


async def test_a_message_logged_while_the_index_is_built_is_found(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build reads the history, then the user logs a message before it lands (the build
    steps aside while the user is at the keys, so this window is real): the filter finds it."""
    built, release = threading.Event(), threading.Event()
    build = MessageIndex.from_store

    def slow_build(store: Store, pause=None) -> MessageIndex:  # noqa: ANN001
        index = build(store, pause)  # read before the message below was logged
        built.set()
        release.wait(WAIT_S)
        return index

    monkeypatch.setattr(MessageIndex, "from_store", slow_build)
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await pilot.press("p")
        for _ in range(3000):
            if built.is_set():
                break
            await pilot.pause(0.01)
        assert built.is_set(), "the message index build did not start"
        screen = app.screen
        assert isinstance(screen, PeopleScreen) and screen.index.messages is None
        app.ops.log(["c6"], text="Sent the sourdough starter", on=TODAY)
        await pilot.pause()
        release.set()
        for _ in range(300):
            await settle(app, pilot)
            if screen.index.messages is not None:
                break
        assert screen.index.messages is not None
        screen.query_one("#people-filter", Input).value = "sourdough"
        await pilot.pause(0.2)
        assert _names(screen) == ["Alex Brown"]


def test_the_index_build_pauses_for_the_ui_and_builds_the_same_index() -> None:
    store = Store.open(Path(__file__).parent / "fixtures" / "tui_network.json")
    calls: list[int] = []
    paused = MessageIndex.from_store(store, pause=lambda: calls.append(1))
    plain = MessageIndex.from_store(store)
    assert calls, "the build never offered the UI a turn"
    assert paused._people_of == plain._people_of and paused._vocabulary == plain._vocabulary


def test_snippet_picks_the_latest_message_with_most_terms() -> None:
    store = Store.open(Path(__file__).parent / "fixtures" / "tui_network.json")
    history = store.interactions_for("c1")
    inter, text = snippet(history, ["let's"], 40)
    assert inter.id == "i2" and "let's" in text.casefold()
    inter, text = snippet(history, ["let's", "migration"], 40)
    assert inter.id == "i1"
    assert snippet(history, ["nowhere"]) is None
    index = MessageIndex.from_store(store)
    assert index.people_with("migr") == {"c1"} and index.people_with("zzz") == set()
    assert index.people_with("mi") == set()  # two letters: the profile only
