"""The traps a new user fell into (issue 15), each reproduced as the user met it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey
from tui_support import SIZE, TODAY, copy_network, loaded, ready, select_today_row, settle

from screens.app import OutreachApp, make_app
from screens.people import PeopleScreen
from screens.person_form import PersonForm
from screens.snooze import SnoozeScreen
from screens.today import TodayScreen
from screens.widgets.confirm import ConfirmScreen
from screens.widgets.form_field import FieldError
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    return copy_network(tmp_path)


async def _people(app: OutreachApp, pilot: Pilot) -> PeopleScreen:
    await loaded(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    assert isinstance(app.screen, PeopleScreen)
    return app.screen


# --- the snooze dialog ---------------------------------------------------------------------------


async def test_snooze_dialog_takes_a_typed_date_straight_away(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await select_today_row(app, pilot, "Alex Brown", "planned")
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, SnoozeScreen)
        assert isinstance(app.focused, Input)  # typing goes into the date field
        await pilot.press(*"+3d", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        plan = app.store.plans["p1"]
        assert plan.snoozed_until == TODAY + timedelta(days=3)


async def test_snooze_presets_still_work_from_the_empty_field(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await select_today_row(app, pilot, "Alex Brown", "planned")
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("tab", "2")  # tab to the buttons, then 2: +1 week
        await settle(app, pilot)
        assert app.store.plans["p1"].snoozed_until == TODAY + timedelta(days=7)
        await select_today_row(app, pilot, "María Ortega 🌵", "planned")
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("enter")  # enter on the empty field: the highlighted preset (+1 day)
        await settle(app, pilot)
        assert app.store.plans["p3"].snoozed_until == TODAY + timedelta(days=1)


# --- People: focus -------------------------------------------------------------------------------


async def test_escape_in_the_filter_gives_the_keys_back_to_the_list(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _people(app, pilot)
        await pilot.press("slash", *"pri")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        box = screen.query_one("#people-filter", Input)
        assert box.value == ""
        assert isinstance(app.focused, VirtualList)
        await pilot.press("a")  # the add form, not an "a" in the filter
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert box.value == ""


@pytest.mark.parametrize("wait", [0.0, 0.05, 0.25])
async def test_a_key_soon_after_p_goes_to_the_list_not_the_filter(
    network: Path, wait: float
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")  # while the network is still loading
        await pilot.pause(wait)
        await pilot.press("j")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        assert screen.query_one("#people-filter", Input).value == ""
        assert isinstance(app.focused, VirtualList)


async def test_when_nothing_has_focus_people_gives_it_to_the_list(network: Path) -> None:
    """Textual focuses a screen's first focusable widget when it resumes with nothing focused
    (in a real terminal this raced People's own focus call at start-up, and the filter won)."""
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _people(app, pilot)
        screen.set_focus(None)
        await pilot.press("t")
        await pilot.press("p")
        await pilot.pause()
        assert app.screen is screen
        assert isinstance(app.focused, VirtualList)
        await pilot.press("j")
        assert screen.query_one("#people-filter", Input).value == ""


# --- forms ---------------------------------------------------------------------------------------


async def _open_add_form(app: OutreachApp, pilot: Pilot) -> PersonForm:
    await _people(app, pilot)
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(app.screen, PersonForm)
    return app.screen


async def test_save_with_errors_keeps_focus_and_says_what_is_wrong(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_add_form(app, pilot)
        await pilot.press(*"Nia Okafor")
        form.query_one("#pf-birthday", Input).value = "13-45"
        form.query_one("#pf-cadence", Input).value = "sometimes"
        notes = form.query_one("#pf-notes")
        notes.focus()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is notes  # where the user was
        summary = form.query_one("#pf-error", FieldError).message
        assert "Birthday" in summary and "Keep in touch" in summary, summary
        assert "2 fields to fix" in summary
        form.query_one("#pf-cadence", Input).value = "3m"
        await pilot.pause()
        summary = form.query_one("#pf-error", FieldError).message
        assert "1 field to fix" in summary and "Keep in touch" not in summary, summary
        form.query_one("#pf-birthday", Input).value = "12-24"
        await pilot.pause()
        assert form.query_one("#pf-error", FieldError).message == ""


async def test_birthday_february_30th_says_february_has_no_30th(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_add_form(app, pilot)
        await pilot.press(*"Nia Okafor")
        form.query_one("#pf-birthday", Input).value = "02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = form.query_one("#field-birthday")
        message = field.query_one(FieldError).message
        assert "February has no 30th" in message, message
        assert "MM-DD" not in message


async def test_escape_on_a_changed_form_asks_before_discarding(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _open_add_form(app, pilot)
        await pilot.press(*"Nia Okafor")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        assert app.screen.query_one("#pf-name", Input).value == "Nia Okafor"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        assert not any(c.name == "Nia Okafor" for c in app.store.connections.values())


async def test_escape_on_an_unchanged_form_closes_it_at_once(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _open_add_form(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)


async def test_the_person_form_footer_shows_its_own_keys(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _open_add_form(app, pilot)
        await pilot.pause()
        footers = [f for f in app.screen.query(Footer) if f.region.height]
        assert footers, "the form has no footer of its own: People's shows through"
        shown = {key.description for key in footers[0].query(FooterKey)}
        assert {"Save", "Cancel"} <= shown, shown
        assert not shown & {"Filter", "Sort", "Add", "Delete", "Write"}, shown


# --- cursor and viewport -------------------------------------------------------------------------


def _row_after(screen: TodayScreen) -> str:
    """The key of the item row after the cursor's (where the cursor goes when its row goes)."""
    view = screen.query_one(VirtualList)
    rows = list(view.rows)
    return next(k for k in rows[view.cursor + 1 :] if k in screen.items)


async def test_today_cursor_moves_to_the_next_row_when_a_log_clears_its_row(
    network: Path,
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await select_today_row(app, pilot, "[/] Robert [bold", "keep-in-touch")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        following = _row_after(screen)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press(*"Talked about the trip")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)
        assert not any(  # the row went
            "Robert" in i.name and i.reason == "keep-in-touch" for i in screen.items.values()
        )
        assert screen.query_one(VirtualList).highlighted_key == following


async def test_today_cursor_moves_to_the_next_row_after_ctrl_l_in_the_composer(
    network: Path,
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await select_today_row(app, pilot, "[/] Robert [bold", "keep-in-touch")
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        following = _row_after(screen)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"Robert, how did the talk go? Loved your slides on typing.")
        await pilot.press("ctrl+l")
        await settle(app, pilot)
        assert app.screen is screen
        assert not any(
            "Robert" in i.name and i.reason == "keep-in-touch" for i in screen.items.values()
        )
        assert screen.query_one(VirtualList).highlighted_key == following


async def test_sort_in_people_keeps_the_selected_row_on_screen(tmp_path: Path) -> None:
    from planner.models import Connection, Interaction
    from planner.storage import Store

    path = tmp_path / "many.json"
    store = Store.open(path)
    for i in range(200):  # name order, contact order and overdue order all differ
        cid = f"c{i + 1}"
        store.put(Connection(id=cid, first_name=f"Person{i:03d}", last_name="Zed", cadence="1m"))
        when = TODAY - timedelta(days=(i * 37) % 190 + 1)
        store.put(Interaction(id=f"i{i + 1}", connection_id=cid, date=when, text="hi"))
    store.save()
    app = make_app(path, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _people(app, pilot)
        view = screen.query_one(VirtualList)
        for _ in range(120):
            await pilot.press("j")
        chosen = view.highlighted_key
        for _ in range(3):
            await pilot.press("S")
            await pilot.pause()
            assert view.highlighted_key == chosen
            top = round(view.scroll_y)
            assert top <= view.cursor < top + view.scrollable_content_region.height


# --- layout -------------------------------------------------------------------------------------


def _screen_lines(app: OutreachApp, widget: str) -> list[str]:
    view = app.screen.query_one(widget, VirtualList)
    return [view.render_line(y).text for y in range(view.size.height)]


async def test_today_header_is_one_line_and_reasons_read_in_full_at_100_columns(
    network: Path,
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert app.screen.query_one("#summary").region.height == 1
        lines = _screen_lines(app, "#agenda")
        robert = next(line for line in lines if "[/] Robert [bold" in line and "keep" in line)
        # "every 1m, last contact 2026-10-03", abbreviated without losing what it says
        assert "keep in touch 1m, last 3 Oct" in robert, robert
        assert not robert.rstrip().endswith("…"), robert


async def test_at_80x24_names_stay_readable_and_help_stays_in_the_footer(
    network: Path,
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        store = app.store
        lines = _screen_lines(app, "#agenda")
        for name in ("Priya Nair", "María Ortega 🌵", "Alex Brown", "[/] Robert [bold"):
            assert any(name in line for line in lines), (name, lines)
        for section in ("t", "p", "s"):
            await pilot.press(section)
            await settle(app, pilot)
            footer = app.screen.query_one(Footer)
            keys = [k for k in footer.query(FooterKey) if k.region.width]
            assert keys and keys[0].description == "Help", [k.description for k in keys]
            assert keys[0].region.right <= 80
        assert store is not None


def test_help_lists_each_key_once_and_never_runs_a_key_into_its_description() -> None:
    from screens.help import help_text

    places = [p for p in help_text().plain.split("\n\n") if p.strip()]
    assert len(places) > 5
    for place in places:
        title, *rows = place.splitlines()
        keys: list[str] = []
        for row in rows:
            if row.startswith(" " * 18):
                continue  # a description under a long key
            assert len(row) <= 18 or row[17] == " ", f"{title}: {row!r}"
            keys.extend(k.strip() for k in row[:18].split(" / ") if k.strip())
        assert len(keys) == len(set(keys)), (title, keys)
        assert "Scroll Up" not in place and "Focus Next" not in place, title


async def test_adding_a_name_that_is_there_asks_first(network: Path) -> None:
    from screens.widgets.confirm import ChoiceScreen

    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _open_add_form(app, pilot)
        count = len(app.store.connections)
        await pilot.press(*"priya nair", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert "already in your network" in app.screen.body.plain
        await pilot.press("e")  # keep editing: nothing added, the form is still there
        await pilot.pause()
        assert isinstance(app.screen, PersonForm) and len(app.store.connections) == count
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")  # open the one there
        await settle(app, pilot)
        assert isinstance(app.screen, PeopleScreen) and len(app.store.connections) == count
        current = app.screen.query_one(VirtualList).highlighted_key
        assert app.store.connections[current].name == "Priya Nair"
        await pilot.press("a", *"Priya Nair", "ctrl+s")
        await pilot.pause()
        await pilot.press("a")  # add anyway
        await settle(app, pilot)
        assert len(app.store.connections) == count + 1


# --- composer -----------------------------------------------------------------------------------


async def _compose_from(app: OutreachApp, pilot: Pilot, name: str, reason: str):  # noqa: ANN202
    from screens.composer import ComposerScreen

    await ready(app, pilot)
    await select_today_row(app, pilot, name, reason)
    await pilot.press("w")
    await pilot.pause()
    assert isinstance(app.screen, ComposerScreen)
    return app.screen


@pytest.mark.parametrize(
    ("name", "reason", "template"),
    [
        ("María Ortega 🌵", "birthday", "Happy birthday, María!"),
        ("Priya Nair", "occasion", "Hi Priya, happy …!"),
        ("Lin [link=https://evil]Kim[/link]", "follow-up", "coming back to"),
        ("[/] Robert [bold", "keep-in-touch", "I was thinking of you"),
    ],
)
async def test_the_first_template_fits_the_rows_reason(
    network: Path, name: str, reason: str, template: str
) -> None:
    from textual.widgets import TextArea

    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _compose_from(app, pilot, name, reason)
        await pilot.press("ctrl+t")
        await pilot.pause()
        area = composer.query_one("#text", TextArea)
        assert template in area.text, area.text
        # the cursor is on the first gap ("…"), selected: typing replaces it
        assert area.selected_text == "…", (area.selection, area.text)
        await pilot.press(*"the trip to Oaxaca")
        assert "the trip to Oaxaca" in area.text and area.text.count("…") == (
            composer._template_text.count("…") - 1
        )


async def test_the_verdict_label_never_contradicts_a_warning(network: Path) -> None:
    from textual.widgets import Static

    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        composer = await _compose_from(app, pilot, "María Ortega 🌵", "birthday")
        await pilot.press("ctrl+t")  # an unedited template: a warning
        for _ in range(100):
            await settle(app, pilot)
            if composer.verdict is not None:
                break
        shown = str(composer.query_one("#findings", Static).render())
        assert "unedited-template" in shown
        assert "✓ personal" not in shown, shown
        assert shown.lstrip().startswith("⚠ review"), shown


async def test_the_filter_takes_the_focus_only_when_asked(network: Path) -> None:
    """In a real terminal, a People screen shown while the app was busy got its focus from
    Textual (the first focusable widget: the filter), and the next key was typed into it."""
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _people(app, pilot)
        box = screen.query_one("#people-filter", Input)
        for _ in range(3):  # whatever Textual focuses next on its own, never the filter
            screen.focus_next()
            await pilot.pause()
            assert app.focused is not box
        screen.set_focus(None)
        screen.focus_next()
        await pilot.press("p")
        await pilot.pause()
        assert box.value == ""
        await pilot.press("slash", "x")  # asked: it takes the keys
        assert app.focused is box and box.value == "x"
        await pilot.press("enter")
        assert isinstance(app.focused, VirtualList)
        await pilot.click("#people-filter")  # a click asks too
        await pilot.press("y")
        assert app.focused is box and "y" in box.value
