"""Child process of ``bench.run``: time the TUI on one data file, print one JSON line.

``python -m bench.probe_tui DB TODAY`` starts the app headless (``App.run_test``), waits until
Today shows the agenda, then drives it with Pilot: cursor moves, section switches, the People
filter keystroke by keystroke, a few edits saved in the background (DB is written to: give
it a copy), then Triage opened from the command palette and moved through (cursor, page). A
"frame" is the screen's own update (``_on_timer_update``, what Textual's refresh timer runs)
after every message the key caused was processed. Wall-clock stamps (``time.time``) let the
parent measure cold start from the moment it spawned us.
"""

from __future__ import annotations

import time

SPAWNED_IMPORTS_AT = time.time()

import asyncio  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from datetime import date  # noqa: E402
from typing import Any  # noqa: E402

FILTER_QUERIES = ("mar", "chen", "acme")
CURSOR_MOVES = 20
SCROLLS = 10
SWITCHES = 6
EDITS = 3
TIMEOUT_S = 120.0


def peak_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM, not ``ru_maxrss``: on Linux a child's ``ru_maxrss`` starts from its parent's peak
    (it survives fork and exec), so a big bench parent would inflate every child's figure.
    """
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _frame(pilot: Any) -> None:
    """Let the app handle everything queued (and what that queued), then paint one frame."""
    app = pilot.app
    for _ in range(20):
        await pilot._wait_for_screen()
        nodes = [app, *app.screen.walk_children(with_self=True)]
        if all(node.message_queue_size == 0 for node in nodes):
            break
    app.screen._on_timer_update()


def _key_event(key: str) -> Any:
    """The Key event Pilot would send, without Pilot's idle waits (20 ms sleeps and more)."""
    import unicodedata

    from textual import events
    from textual.app import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def _timed_key(pilot: Any, key: str) -> float:
    """Milliseconds from the key reaching the app to the frame that shows its effect."""
    event = _key_event(key)
    start = time.perf_counter()
    pilot.app.post_message(event)
    await _frame(pilot)
    return (time.perf_counter() - start) * 1000


async def _until(pilot: Any, ready: Any, what: str) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.002)
    await _frame(pilot)


def _screen_name(app: Any) -> str:
    return type(app.screen).__name__


async def _edit(pilot: Any, today: date, result: dict[str, Any]) -> None:
    """An edit as the screens make one (an operation: ``app.ops.log``, which the app's
    listener saves): the frame after it, and when the coalesced background save has made it
    durable."""
    app = pilot.app
    ops = getattr(app, "ops", None)
    if ops is None:
        return
    store = app.store
    frames, saves = [], []
    for n in range(EDITS):
        cid = sorted(store.connections)[n]
        start = time.perf_counter()
        ops.log([cid], text=f"bench edit {n}", on=today)
        await _frame(pilot)
        frames.append((time.perf_counter() - start) * 1000)
        deadline = start + TIMEOUT_S
        while store.dirty and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
        saves.append((time.perf_counter() - start) * 1000)
        while any(w.is_running for w in app.workers) and time.perf_counter() < deadline:
            await asyncio.sleep(0.005)
    result["edit_frame"], result["edit_saved"] = frames, saves


def _palette_offers(app: Any, command: str) -> bool:
    """Whether the command palette is open with ``command`` highlighted."""
    from textual.command import CommandList, CommandPalette

    screen = app.screen
    if not isinstance(screen, CommandPalette):
        return False
    found = screen.query(CommandList)
    if not found or found.first().highlighted is None:
        return False
    options = found.first()
    option = options.get_option_at_index(options.highlighted)
    return command in str(option.prompt)


async def _triage(pilot: Any, result: dict[str, Any]) -> None:
    """Triage from the palette (ctrl+p, "Triage", enter): milliseconds from the enter to the
    frame showing the proposal's list, then cursor moves and page scrolls in it."""
    app = pilot.app
    try:
        import screens.triage  # noqa: F401
    except ImportError:
        return
    # Steady state, as for the other keys: the summary refresh the edits' saves scheduled
    # (SUMMARY_DELAY_S after the last one) has run, and no worker holds the GIL.
    await _until(
        pilot,
        lambda: (
            getattr(app, "_summary_timer", None) is None
            and not any(w.is_running for w in app.workers)
        ),
        "the background work after the edits",
    )
    app.post_message(_key_event("ctrl+p"))
    await _until(pilot, lambda: _screen_name(app) == "CommandPalette", "the command palette")
    for ch in "Triage":
        app.post_message(_key_event(ch))
        await _frame(pilot)
    await _until(pilot, lambda: _palette_offers(app, "Triage"), "Triage in the palette")
    start = time.perf_counter()
    app.post_message(_key_event("enter"))

    def shown() -> bool:
        screen = app.screen
        return _screen_name(app) == "TriageScreen" and getattr(screen, "proposal", None) is not None

    await _until(pilot, shown, "the triage proposal")  # (ends with the frame that shows it)
    result["triage_open"] = (time.perf_counter() - start) * 1000
    result["triage_people"] = len(app.screen.people)
    result["triage_cursor"] = [await _timed_key(pilot, "down") for _ in range(CURSOR_MOVES)]
    result["triage_page"] = [await _timed_key(pilot, "pagedown") for _ in range(SCROLLS)]
    await _timed_key(pilot, "escape")


async def probe(db: str, today: date) -> dict[str, Any]:
    from screens.app import make_app

    result: dict[str, Any] = {}
    app = make_app(db, today=today)
    async with app.run_test(size=(120, 36)) as pilot:
        await _frame(pilot)
        result["first_frame"] = time.time()
        await _until(pilot, lambda: getattr(app, "store", None) is not None, "the data file")
        await _frame(pilot)  # DataChanged -> Today shows the agenda and repaints
        # A Today that computes its agenda in a worker says when the rows are in.
        await _until(pilot, lambda: getattr(app.screen, "agenda_ready", True), "the agenda")
        # The app notes when the frame showing the agenda was painted (after that it starts
        # loading the history, which would delay this coroutine's own clock reading).
        result["today_painted"] = getattr(app, "first_view_at", None) or time.time()
        # CPU time of all threads since the process started, at the same moment
        result["today_painted_cpu"] = getattr(app, "first_view_cpu", None) or time.process_time()
        result["today_screen"] = _screen_name(app)

        # Steady state: let background workers (the bulk index) finish so they do not steal
        # the GIL from the keystrokes being timed.
        deadline = time.perf_counter() + TIMEOUT_S
        while any(w.is_running for w in app.workers) and time.perf_counter() < deadline:
            await asyncio.sleep(0.01)
        await _frame(pilot)

        result["cursor_today"] = [await _timed_key(pilot, "down") for _ in range(CURSOR_MOVES)]

        result["people_first_open"] = await _timed_key(pilot, "p")
        result["people_screen"] = _screen_name(app)

        switches = []
        for key in ("t", "p") * (SWITCHES // 2):
            switches.append(await _timed_key(pilot, key))
        result["switch"] = switches

        screen = app.screen
        from textual.widgets import Input

        inputs = list(screen.query(Input))
        result["filter"] = []
        result["cursor_people"] = []
        if inputs:
            box = inputs[0]
            for query in FILTER_QUERIES:
                # As a user does: the box takes the focus when asked (People's filter opens
                # on "/"; a plain focus() is refused), else every letter would be a command
                # on the list ("a" opens the add form) and nothing would be filtered.
                opener = getattr(box, "open", None)
                opener() if callable(opener) else box.focus()
                await _frame(pilot)
                if app.focused is not box:
                    raise RuntimeError("the filter box did not take the focus")
                for ch in query:
                    result["filter"].append(await _timed_key(pilot, ch))
                for _ch in query:
                    result["filter"].append(await _timed_key(pilot, "backspace"))
        lists = [w for w in screen.query("*") if w.can_focus and not isinstance(w, Input)]
        if lists:
            lists[0].focus()
            await _frame(pilot)
            if app.focused is lists[0]:
                result["cursor_people"] = [
                    await _timed_key(pilot, "down") for _ in range(CURSOR_MOVES)
                ]
        if app.screen is not screen:
            raise RuntimeError(f"{_screen_name(app)} opened over People while probing it")
        await _edit(pilot, today, result)
        await _triage(pilot, result)
        result["maxrss_mb"] = peak_mb()
        result["connections"] = len(app.store.connections)
        await pilot.press("ctrl+q")
    return result


def main() -> int:
    db, today = sys.argv[1], date.fromisoformat(sys.argv[2])
    result = asyncio.run(probe(db, today))
    result["imports_done"] = SPAWNED_IMPORTS_AT
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
