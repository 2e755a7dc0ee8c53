"""People section: filter, sort, add/edit with in-place validation, delete, log, jump."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Label, Select
from tui_support import TODAY, copy_network, loaded

from planner.models import Connection
from planner.storage import Store
from screens.app import OutreachApp, make_app
from screens.log_form import LogForm
from screens.people import PeopleIndex, PeopleScreen
from screens.person_form import PersonForm
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


async def _ready(app: OutreachApp, pilot: Pilot) -> None:
    await loaded(app, pilot)
    await pilot.pause()


async def _people(app: OutreachApp, pilot: Pilot) -> PeopleScreen:
    await _ready(app, pilot)
    await pilot.press("p")
    await pilot.pause()
    await app.workers.wait_for_complete()  # the People index is built in a worker
    await pilot.pause()
    assert isinstance(app.screen, PeopleScreen)
    return app.screen


def _names(screen: PeopleScreen) -> list[str]:
    store = screen.store
    assert store is not None
    return [store.connections[cid].name for cid in screen.query_one(VirtualList).rows]


def _current_name(screen: PeopleScreen) -> str | None:
    cid = screen.query_one(VirtualList).highlighted_key
    return screen.store.connections[cid].name if cid else None  # type: ignore[union-attr]


def _row_text(screen: PeopleScreen, index: int) -> str:
    view = screen.query_one(VirtualList)
    return view.render_line(index - round(view.scroll_y)).text


async def _saved(app: OutreachApp, pilot: Pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _type(pilot: Pilot, text: str) -> None:
    await pilot.press(*list(text))


async def test_lists_everyone_literally_with_nudge_and_overdue_markers(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        names = _names(screen)
        assert len(names) == 6
        assert "[/] Robert [bold" in names
        rows = [_row_text(screen, i) for i in range(len(names))]
        robert = next(r for r in rows if "Robert" in r)
        assert "[/] Robert [bold" in robert  # markup in a name is shown, not parsed
        eve = next(r for r in rows if "Eve" in r)
        assert "\\x1b[2J" in eve  # an escape code is shown as text, never sent
        assert eve.lstrip("▶ ").startswith("?")  # no how-we-know note: nudge marker
        assert not robert.lstrip("▶ ").startswith("?")
        assert "⚠" in robert and "d" in robert  # overdue, in a symbol and words
        status = str(screen.query_one("#people-status", Label).render())
        assert "6 people" in status and "sorted by name" in status


async def test_filter_matches_name_company_tag_and_notes_and_keeps_cursor(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        await pilot.press("j")  # move off the first row
        before = _current_name(screen)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await _type(pilot, "globex")  # Priya's company and María's how-we-know note
        assert sorted(_names(screen)) == ["María Ortega 🌵", "Priya Nair"]
        status = str(screen.query_one("#people-status", Label).render())
        assert "2 of 6 people" in status
        box = screen.query_one("#people-filter", Input)
        box.value = "python"  # a tag
        await pilot.pause()
        assert _names(screen) == ["[/] Robert [bold"]
        box.value = "hallway track"  # two words from the how-we-know note
        await pilot.pause()
        assert _names(screen) == ["[/] Robert [bold"]
        box.value = "no such person"
        await pilot.pause()
        assert _names(screen) == []
        assert "No one matches" in screen.query_one(VirtualList).render_line(0).text
        await pilot.press("escape")  # escape in the box clears it and goes back to the list
        assert box.value == ""
        assert app.current_mode == "people" and app.screen is screen
        assert isinstance(app.focused, VirtualList)
        assert len(_names(screen)) == 6
        assert _current_name(screen) == before  # cursor back on the same person
        await pilot.press("slash", "x", "enter")  # enter: back to the list, filter kept
        assert isinstance(app.focused, VirtualList)
        assert box.value == "x"
        await pilot.press("slash", "escape")
        assert isinstance(app.focused, VirtualList)
        assert app.screen is screen


async def test_cursor_stays_on_person_when_filter_keeps_them(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        names = _names(screen)
        target = names.index("Priya Nair")
        for _ in range(target):
            await pilot.press("j")
        assert _current_name(screen) == "Priya Nair"
        await pilot.press("slash")
        await _type(pilot, "glo")
        assert _current_name(screen) == "Priya Nair"  # still there, still selected


async def test_sort_cycles_through_last_contact_overdue_and_strength(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        store = app.store
        assert store is not None
        by_name = _names(screen)
        assert by_name == sorted(by_name, key=str.casefold)
        await pilot.press("S")
        status = str(screen.query_one("#people-status", Label).render())
        assert "last contact" in status
        ids = list(screen.query_one(VirtualList).rows)
        lasts = [store.last_contacted(cid) or date.min for cid in ids]
        assert lasts == sorted(lasts)  # never contacted first, then longest ago
        await pilot.press("S")
        status = str(screen.query_one("#people-status", Label).render())
        assert "most overdue" in status
        ids = list(screen.query_one(VirtualList).rows)
        overdue = [screen.index.overdue.get(cid, -1) for cid in ids]
        assert overdue == sorted(overdue, reverse=True)
        assert overdue[0] > 0
        await pilot.press("S")
        status = str(screen.query_one("#people-status", Label).render())
        assert "strongest relationship" in status
        ids = list(screen.query_one(VirtualList).rows)
        from planner import strength

        scores = [strength.score(strength.of(store, cid), TODAY) for cid in ids]
        assert scores == sorted(scores, reverse=True) and scores[0] > 0
        await pilot.press("S")
        assert _names(screen) == by_name


async def test_add_person_shows_errors_in_place_then_saves(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        await pilot.press("slash", *"priya", "enter")  # a filter the new person won't match
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, PersonForm)
        form.query_one("#pf-name", Input).value = "Zoë [b]Quinn"
        form.query_one("#pf-birthday", Input).value = "1990-02-30"
        form.query_one("#pf-cadence", Input).value = "fortnightly"
        form.query_one("#pf-tags", Input).value = "climbing, berlin"
        form.query_one("#pf-how", Input).value = "Climbing gym, Tuesdays"
        await pilot.press("ctrl+s")
        assert app.screen is form  # not saved
        birthday_error = form.query_one("#field-birthday").error.message
        cadence_error = form.query_one("#field-cadence").error.message
        assert "bad birthday" in birthday_error and "February has no 30th" in birthday_error
        assert "unknown cadence 'fortnightly'" in cadence_error
        assert form.query_one("#field-name").error.message == ""
        form.query_one("#pf-birthday", Input).value = "02-29"
        form.query_one("#pf-cadence", Input).value = "2w"
        await pilot.pause()
        assert form.query_one("#field-birthday").error.message == ""  # cleared as it is fixed
        await pilot.press("ctrl+s")
        await _saved(app, pilot)
        assert app.screen is screen
        assert _current_name(screen) == "Zoë [b]Quinn"  # the new person is selected
        assert screen.query_one("#people-filter", Input).value == ""  # the filter gave way
        on_disk = Store.open(network)
        added = next(c for c in on_disk.connections.values() if c.first_name == "Zoë")
        assert added.last_name == "[b]Quinn"
        assert added.tags == ["climbing", "berlin"]
        assert added.cadence == "2w"
        assert added.birthday is not None and (added.birthday.month, added.birthday.day) == (2, 29)


async def test_add_requires_a_name(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await _people(app, pilot)
        await pilot.press("a")
        form = app.screen
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "needs a name" in form.query_one("#field-name").error.message
        await pilot.press("escape")
        assert isinstance(app.screen, PeopleScreen)
        assert len(app.store.connections) == 6  # type: ignore[union-attr]


async def test_edit_keeps_other_fields_and_saves(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        await pilot.press("slash")
        await _type(pilot, "priya")
        await pilot.press("enter", "e")
        form = app.screen
        assert isinstance(form, PersonForm)
        assert form.query_one("#pf-name", Input).value == "Priya Nair"
        company = form.query_one("#pf-company", Input)
        assert company.value == "Globex"
        company.value = "Initech"
        await pilot.press("ctrl+s")
        await _saved(app, pilot)
        assert isinstance(app.screen, PeopleScreen)
        priya = next(c for c in Store.open(network).connections.values() if c.first_name == "Priya")
        assert priya.company == "Initech"
        assert priya.how_we_know.startswith("Hackathon teammate")
        assert priya.cadence == "6m"
        # the filter still says "priya" and the row shows the new company
        assert "Initech" in _row_text(screen, 0)


async def test_delete_asks_first(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        victim = _current_name(screen)
        await pilot.press("D")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert victim in _names(screen)
        await pilot.press("D")
        await pilot.press("y")
        await _saved(app, pilot)
        assert victim not in _names(screen)
        assert len(_names(screen)) == 5
        assert victim not in {c.name for c in Store.open(network).connections.values()}


async def test_log_interaction_validates_and_saves(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        await pilot.press("slash")
        await _type(pilot, "alex")
        await pilot.press("enter")
        cid = screen.query_one(VirtualList).highlighted_key
        assert cid is not None
        before = len(app.store.interactions_for(cid))  # type: ignore[union-attr]
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogForm)
        await pilot.press("ctrl+s")  # no text yet
        assert app.screen is form
        assert "write what was said" in form.query_one("#field-text").error.message
        await _type(pilot, "Coffee [/] chat")
        form.query_one("#lf-date", Input).value = "someday"
        await pilot.press("ctrl+s")
        assert "cannot read the date 'someday'" in form.query_one("#field-date").error.message
        form.query_one("#lf-date", Input).value = "yesterday"
        form.query_one("#lf-follow", Input).value = "2w"
        await pilot.press("ctrl+s")
        await _saved(app, pilot)
        assert isinstance(app.screen, PeopleScreen)
        history = Store.open(network).interactions_for(cid)
        assert len(history) == before + 1
        logged = history[-1]
        assert logged.text == "Coffee [/] chat"
        assert logged.date == date(2026, 11, 25)
        assert logged.direction == "sent" and logged.channel == "linkedin"
        assert logged.follow_up_on == date(2026, 12, 9)


async def test_log_received_refuses_a_follow_up(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await _people(app, pilot)
        await pilot.press("l")
        form = app.screen
        assert isinstance(form, LogForm)
        await _type(pilot, "They wrote back")
        form.query_one("#lf-direction", Select).value = "received"
        form.query_one("#lf-follow", Input).value = "7d"
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert "only applies to messages you sent" in form.query_one("#field-follow").error.message
        form.query_one("#lf-follow", Input).value = ""
        await pilot.press("ctrl+s")
        await _saved(app, pilot)
        assert isinstance(app.screen, PeopleScreen)


async def test_write_opens_the_composer_for_the_person(
    network: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(network, today=TODAY)
    calls: list[tuple[list[str], str | None]] = []
    monkeypatch.setattr(
        app, "open_composer", lambda ids, plan_id=None: calls.append((ids, plan_id))
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        cid = screen.query_one(VirtualList).highlighted_key
        await pilot.press("w")
        assert calls == [([cid], None)]


async def test_jump_to_person_clears_a_filter_that_hides_them(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _people(app, pilot)
        store = app.store
        assert store is not None
        lin = next(c.id for c in store.connections.values() if c.first_name == "Lin")
        await pilot.press("slash")
        await _type(pilot, "globex")
        await pilot.press("t")  # not a section switch: typed into the filter
        assert screen.query_one("#people-filter", Input).value == "globext"
        await pilot.press("escape", "t")  # clear and back to the list, go to Today
        await pilot.pause()
        screen.query_one("#people-filter", Input).value = "globex"
        app.jump_to_person(lin)
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(VirtualList).highlighted_key == lin
        assert screen.query_one("#people-filter", Input).value == ""


async def test_names_with_markup_survive_every_dialog(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _people(app, pilot)
        for _ in range(len(_names(screen))):
            await pilot.press("e")
            assert isinstance(app.screen, PersonForm)
            await pilot.press("escape")
            await pilot.press("l")
            assert isinstance(app.screen, LogForm)
            await pilot.press("escape")
            await pilot.press("D")
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.press("j")
        assert len(_names(screen)) == 6


def _big_store(tmp_path: Path, n: int) -> Store:
    store = Store.open(tmp_path / "big.json")
    store.put_many(
        Connection(
            id=f"c{i}",
            first_name=f"Person{i:05d}",
            last_name="Smith" if i % 2 else "Jones",
            company=f"Org{chr(65 + i % 26)}x",
            how_we_know="met at a conference" if i % 3 == 0 else "",
            tags=["vip"] if i % 1000 == 0 else [],
        )
        for i in range(1, n + 1)
    )
    return store


def test_index_filters_30000_people_by_every_word(tmp_path: Path) -> None:
    store = _big_store(tmp_path, 30_000)
    index = PeopleIndex()
    index.rebuild(store, TODAY)
    assert len(index.filter("", "name")) == 30_000
    assert len(index.filter("vip", "name")) == 30
    narrowing = [index.filter(q, "name") for q in ("p", "pe", "person0001", "person00012")]
    assert [len(r) for r in narrowing] == [30_000, 30_000, 10, 1]
    assert index.filter("person00012 jones", "name") == ["c12"]
    assert index.filter("person00012 smith", "name") == []
    # deleting back to a shorter query widens the result again
    assert len(index.filter("person0001", "name")) == 10
    both = index.filter("orgbx conference", "name")  # words may match different fields
    assert len(both) == len([i for i in range(1, 30_001) if i % 26 == 1 and i % 3 == 0])
    assert both == sorted(both, key=lambda cid: store.connections[cid].name.casefold())


def test_index_rebuild_reuses_keys_and_sees_edits(tmp_path: Path) -> None:
    store = _big_store(tmp_path, 50)
    index = PeopleIndex()
    index.rebuild(store, TODAY)
    assert index.filter("zanzibar", "name") == []
    store.put(store.connections["c7"].updated(notes="Moved to Zanzibar"))
    index.rebuild(store, TODAY)
    assert index.filter("zanzibar", "name") == ["c7"]


class ListApp(App[None]):
    """A bare app around one VirtualList (30,000 rows, a heading every 1,000)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple[str, str | None, bool]] = []

    def compose(self) -> ComposeResult:
        yield VirtualList(
            lambda key, width: Text(f"row {key} [/] [bold"),
            is_heading=lambda key: int(key) % 1000 == 0,
            empty_text="Nothing here.",
        )

    def on_mount(self) -> None:
        view = self.query_one(VirtualList)
        view.set_rows([str(i) for i in range(30_000)])
        view.focus()

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        self.events.append(("highlighted", event.key, event.by_user))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        self.events.append(("selected", event.key, True))


async def test_virtual_list_moves_renders_visible_rows_and_reports() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 12)) as pilot:
        view = app.query_one(VirtualList)
        assert view.highlighted_key == "1"  # "0" is a heading: the cursor skips it
        assert app.events[-1] == ("highlighted", "1", False)
        await pilot.press("j", "j", "k")
        assert view.highlighted_key == "2"
        assert app.events[-1] == ("highlighted", "2", True)
        await pilot.press("end")
        assert view.highlighted_key == "29999"
        assert view.render_line(view.scrollable_content_region.height - 1).text.startswith(
            "▶ row 29999 [/] [bold"
        )
        await pilot.press("home", "pagedown")
        assert int(view.highlighted_key or 0) > 5  # a page, not a row
        for _ in range(40):
            await pilot.press("pagedown")
        assert view.highlighted_key not in {"1000", "2000"}  # never on a heading
        await pilot.press("G", "g")
        assert view.highlighted_key == "1"
        await pilot.press("enter")
        assert app.events[-1] == ("selected", "1", True)
        view.set_rows(["5", "7"], keep="7")  # a refill keeps the cursor on its key
        await pilot.pause()
        assert view.highlighted_key == "7" and view.cursor == 1
        view.set_rows([])
        await pilot.pause()
        assert view.highlighted_key is None
        assert "Nothing here." in view.render_line(0).text
        assert app.events[-1] == ("highlighted", None, False)


def test_the_index_after_edits_equals_a_fresh_one(network: Path) -> None:
    from dataclasses import replace

    from planner.models import Interaction, Plan

    store = Store.open(network)
    index = PeopleIndex()
    index.rebuild(store, TODAY)
    index.order("name")
    overdue = next(iter(index.overdue))
    ids = sorted(store.connections)
    # one interaction with someone overdue, a plan due today for someone else, a new note
    store.put(Interaction(store.new_id("interactions"), overdue, TODAY, text="caught up"))
    other = next(cid for cid in ids if cid != overdue)
    store.put(Plan(store.new_id("plans"), [other], TODAY, text="Happy launch day!"))
    store.put(replace(store.connections[ids[0]], notes="met again in Lisbon"))
    index.rebuild(store, TODAY)  # incremental: three people touched
    fresh = PeopleIndex()  # built from scratch
    fresh.rebuild(store, TODAY)
    assert index.overdue == fresh.overdue
    assert index.order("name") == fresh.order("name")
    assert index.filter("lisbon", "name") == fresh.filter("lisbon", "name")
    assert other in index.overdue  # the plan due today marks them
    # a rename and a delete change the name order
    store.put(replace(store.connections[ids[1]], first_name="Aaron", last_name="Aardvark"))
    store.delete("connections", ids[2])
    index.rebuild(store, TODAY)
    fresh = PeopleIndex()  # built from scratch
    fresh.rebuild(store, TODAY)
    assert index.order("name") == fresh.order("name") and len(index) == len(fresh)
    assert index.overdue == fresh.overdue
