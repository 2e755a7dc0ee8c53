"""The Textual app: sections as modes, the store loaded and saved in workers.

Contract the screens build on:

* ``app.store`` is None until the data file is loaded (in a thread worker, so the first frame
  never waits for I/O). It comes from the summary cache when that is fresh
  (``Store.open_summary``): everything but the history beyond each person's latest message,
  which a second worker loads once Today is on screen (``store.complete`` turns True and
  screens get :class:`DataChanged` with reason ``"history"``). ``app.bulk_index`` is built
  after that, also in a worker.
* Every change goes through ``app.ops`` (:class:`planner.operations.Operations`): a screen
  calls an operation and renders. The app listens to its changes: it keeps the bulk index in
  step, posts :class:`DataChanged` (with the change) to every screen and makes the change
  durable with :meth:`OutreachApp.persist` (a coalesced save in a worker). A failed save keeps
  ``store.dirty`` and is retried on the next persist, on ``ctrl+s`` and on quit.
  :meth:`OutreachApp.action_undo` and :meth:`OutreachApp.action_redo` take changes back.
* :meth:`OutreachApp.open_composer` and :meth:`OutreachApp.jump_to_person` are the ways between
  sections. A People screen that wants the jump implements ``select_person(connection_id)``.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from planner.text import safe, safe_block
from screens.widgets.footer import QuietFooter
from screens.widgets.header import QuietHeader

if TYPE_CHECKING:
    from textual.timer import Timer

    from planner.bulk import BulkIndex
    from planner.operations import Change, Operations
    from planner.storage import Store

#: mode name -> (module, class); modules are imported on first use so start-up stays fast.
SECTIONS: dict[str, tuple[str, str, str]] = {
    "today": ("screens.today", "TodayScreen", "Today"),
    "people": ("screens.people", "PeopleScreen", "People"),
    "schedule": ("screens.schedule", "ScheduleScreen", "Schedule"),
}


SUMMARY_DELAY_S = 2.0  # quiet time after a save before the summary cache is refreshed
INPUT_QUIET_S = 0.25  # long background builds wait until the user paused this long...
YIELD_MAX_S = 0.5  # ...but at most this long per call (so they always progress)
#: what counts as the user at the keys for yield_to_ui (not mouse moves: hovering is not work)
USER_INPUT = (
    events.Key,
    events.MouseDown,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.Paste,
)
HISTORY_DELAY_S = 1.0  # the history loads after the first screen is shown, or after this


class DataChanged(Message):
    """The network changed (loaded, edited, saved elsewhere): screens re-read ``app.store``.

    ``change`` is what an operation changed (None when the whole network was re-read)."""

    def __init__(self, reason: str = "", change: Change | None = None) -> None:
        super().__init__()
        self.reason = reason
        self.change = change


class StoreLoaded(Message):
    """Posted to the app by the loading worker."""

    def __init__(self, store: Store, agenda: Any = None) -> None:
        super().__init__()
        self.store = store
        self.agenda = agenda  # Today's first agenda, computed in the loading thread


class PendingScreen(Screen):
    """Stands in for a section whose module is not installed yet."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.section_title = title

    def compose(self) -> ComposeResult:
        yield QuietHeader()
        with Vertical(id="pending"):
            yield Static(Text(f"{self.section_title}: not available in this build."))
        yield QuietFooter()


def _section_factory(mode: str) -> Callable[[], Screen]:
    module_name, class_name, title = SECTIONS[mode]

    def build() -> Screen:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:  # a real bug inside the module: let it surface
                raise
            return PendingScreen(title)
        return getattr(module, class_name)()

    return build


def _commands_provider() -> type:
    from screens.commands import OutreachCommands

    return OutreachCommands


class OutreachApp(App[int]):
    """outreach's TUI: Today (default), People and Schedule sections, composer, help, palette."""

    TITLE = "outreach"
    #: The header shows it (its own watcher repaints that line): without ``repaint=False``
    #: every change ("saving…", twice per edit) repainted the whole screen.
    title: Reactive[str] = Reactive("", compute=False, repaint=False)
    SUB_TITLE = "t Today · p People · s Schedule · ? Help"
    CSS_PATH = "app.tcss"
    DataChanged = DataChanged
    COMMANDS = App.COMMANDS | {_commands_provider}
    MODES: ClassVar[dict[str, Any]] = {mode: _section_factory(mode) for mode in SECTIONS}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "section('today')", "Today", show=False, id="section.today"),
        Binding("p", "section('people')", "People", show=False, id="section.people"),
        Binding("s", "section('schedule')", "Schedule", show=False, id="section.schedule"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("escape", "back", "Back", show=False, id="back"),
        Binding(
            "ctrl+z,u", "undo", "Undo", show=False, id="undo", tooltip="Undo the latest change"
        ),
        Binding("ctrl+y", "redo", "Redo", show=False, id="redo", tooltip="Redo what was undone"),
        Binding("ctrl+s", "save_now", "Retry save", id="save"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="quit"),
    ]

    def notify(self, message: str, *args: Any, markup: bool = False, **kwargs: Any) -> None:
        """Every toast: user text inside it (a name, a path, an error quoting input) is shown
        literally, never as markup, and with terminal controls made visible.

        Durable before acknowledged: while an edit is not yet in the journal, a toast (e.g.
        "Logged ... with Aisha Bello") waits and is shown once the save is durable; if the save
        fails it is dropped (the error says the change is only in memory). Warnings and errors
        are shown at once."""
        title = safe(kwargs.pop("title", ""))
        toast = (safe_block(str(message)), args, {"title": title, "markup": False, **kwargs})
        if kwargs.get("severity", "information") == "information" and self._saving():
            self._held_toasts.append(toast)
            return
        super().notify(toast[0], *toast[1], **toast[2])

    def _refresh_check_cache(self, store: Store) -> None:
        """After a summary: ``outreach check`` reads a fresh cache (planner.bulk.snapshot)."""
        from planner.bulk import snapshot

        if snapshot.path_for(store.path).exists():
            snapshot.refresh(store, self.today)

    def _saving(self) -> bool:
        """Whether an edit made in memory is not durable yet (a save is wanted or running)."""
        store = getattr(self, "store", None)
        if getattr(self, "_save_failed", False) or store is None:
            return False
        return self._save_running or self._save_wanted.is_set() or store.dirty

    def _show_saving(self) -> None:
        """The header says "saving…" while an edit on screen is not durable yet."""
        self.title = f"{self.TITLE} · saving…" if self._saving() else self.TITLE

    def __init__(self, db_path: Path, today: date, config_path: Path | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.today = today
        self.config_path = config_path  # None: $OUTREACH_CONFIG or the user config dir
        # each summary written (in the background, at quit) brings the check cache up to date
        from planner.storage.summary import after_write

        after_write("check", self._refresh_check_cache)
        self._settings_problem: str | None = None
        self._saved_theme = self._load_theme()
        self.store: Store | None = None
        self.ops: Operations | None = None  # the one way to change the store (see above)
        self.bulk_index: BulkIndex | None = None
        self.load_error: str | None = None
        self._save_lock = threading.Lock()
        self._save_wanted = threading.Event()
        self._save_running = False
        self._save_failed = False
        self._held_toasts: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._generation = 0  # bumped on every change; a stale bulk index is rebuilt
        self._summary_stale = False  # saved since the summary cache was last written
        self._summary_timer: Timer | None = None
        self._history_timer: Timer | None = None
        self._history_started = False
        self.first_view_at: float | None = None  # time.time() when the first view was painted
        self.first_view_cpu: float | None = None  # and the process's CPU time then
        self._first_view: tuple[Store, Any, int] | None = None
        self._last_input = 0.0  # time.monotonic() of the latest key, click or edit

    # --- the UI first ----------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, USER_INPUT):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def yield_to_ui(self) -> None:
        """For long background builds (a worker thread), between chunks of a few ms: wait
        while the user is at the keys (input in the last ``INPUT_QUIET_S``), at most
        ``YIELD_MAX_S``. Python runs one thread at a time, so a build running beside a
        keystroke roughly doubles the time to its frame."""
        deadline = time.monotonic() + YIELD_MAX_S
        while self.is_running:
            now = time.monotonic()
            quiet_for = now - self._last_input
            if quiet_for >= INPUT_QUIET_S or now >= deadline:
                return
            time.sleep(min(INPUT_QUIET_S - quiet_for, deadline - now))

    # --- settings ------------------------------------------------------------------------------

    def _load_theme(self) -> str:
        """Start in the theme saved in the settings file (a few hundred bytes: read before the
        first frame so the screen never flashes another theme)."""
        from planner import config

        settings, problem = config.load_or_defaults(self.config_path)
        self._settings_problem = problem
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        return self.theme

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is kept for the next start (saved in a worker)."""
        if theme != getattr(self, "_saved_theme", theme) and self.is_running:
            self._saved_theme = theme
            self._save_theme(theme)

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def _save_theme(self, theme: str) -> None:
        from planner import config
        from planner.storage import DataFileError

        try:
            settings = config.load(self.config_path).with_value("theme", theme)
            where = config.save(settings, self.config_path)
        except (config.ConfigError, DataFileError) as exc:
            self.call_from_thread(
                self.notify, f"Theme not saved: {exc}", severity="warning", timeout=6
            )
            return
        self.call_from_thread(self.notify, f"Theme {theme} saved in {where}.", timeout=3)

    # --- start-up ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self._settings_problem:
            self.notify(self._settings_problem, title="Settings", severity="warning", timeout=8)
        self.switch_mode("today")
        # Load once the first frame ("Loading your network…") is painted: the loading thread
        # holds the GIL for most of a second at full size and would delay that frame.
        self.call_after_refresh(self._load_store)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_store(self) -> None:
        from planner.storage import DataFileError, Store

        try:
            store = Store.open_summary(self.db_path, repair=False)
        except DataFileError as exc:
            self.call_from_thread(self._load_failed, str(exc))
            return
        self.post_message(StoreLoaded(store, self._first_agenda(store)))

    def _first_agenda(self, store: Store) -> Any:
        """Today's agenda, computed here in the loading thread so Today shows it at once."""
        try:
            from screens.today import build_view
        except ImportError:
            return None
        try:
            return build_view(store, self.today)
        except ImportError:  # the agenda is not installed in this build
            return None

    def take_first_agenda(self, store: Store) -> Any:
        """The agenda the loading worker computed for ``store`` (once; None afterwards)."""
        first, self._first_view = self._first_view, None
        if first is None or first[0] is not store or self._generation != first[2]:
            return None
        return first[1]

    def _load_failed(self, message: str) -> None:
        self.load_error = message
        self.notify(message, title="Cannot open the data file", severity="error", markup=False)
        self.changed("load-failed")

    def _use_store(self, store: Store) -> None:
        """Make ``store`` the network; the undo history carries over (undo checks every
        record it restores against the records as they are now)."""
        from planner.operations import Operations

        self.store = store
        if self.ops is None:
            self.ops = Operations(store)
            self.ops.subscribe(self._operation_done)
        else:
            self.ops.store = store

    def _operation_done(self, change: Change) -> None:
        """Every change an operation made: the bulk index follows it, every screen hears of
        it, and it is saved."""
        from planner.operations import follow_in_bulk_index

        self._last_input = time.monotonic()  # the user just changed something
        index = self.bulk_index
        if index is not None and not follow_in_bulk_index(index, change):
            self.bulk_index = None
            self._build_index()
        self.persist(change)

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Any worker of the app that fails: an error dialog, and the app keeps running (the
        screens report theirs the same way: screens.workers.ReportsWorkerErrors)."""
        if event.state == WorkerState.ERROR:
            from screens.workers import show_worker_error

            show_worker_error(self, event.worker)

    @on(StoreLoaded)
    def _store_loaded(self, event: StoreLoaded) -> None:
        self._use_store(event.store)
        self.changed("loaded")
        if event.agenda is not None:  # valid until the next change
            self._first_view = (event.store, event.agenda, self._generation)
        # The history, then the bulk index (and the composer's imports), once Today is on
        # screen (Today calls first_view_shown); at the latest after HISTORY_DELAY_S.
        self._history_timer = self.set_timer(HISTORY_DELAY_S, self._start_history)

    def first_view_shown(self) -> None:
        """A section has put the network on screen: once that frame is painted, note the time
        (``first_view_at``, what the bench reports as cold start) and load the rest."""
        if self.first_view_at is None:
            self.call_after_refresh(self._first_view_painted)

    def _first_view_painted(self) -> None:
        if self.first_view_at is None:
            self.first_view_at = time.time()
            self.first_view_cpu = time.process_time()
        self._start_history()

    def _start_history(self) -> None:
        """Load the history in the background (once)."""
        if self._history_timer is not None:
            self._history_timer.stop()
            self._history_timer = None
        store = self.store
        if store is not None and not self._history_started:
            self._history_started = True
            self._load_history(store)

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _load_history(self, store: Store) -> None:
        from planner.storage import DataFileError

        from_summary = not store.complete
        if from_summary:
            try:
                store.load_history()
            except DataFileError as exc:
                self.call_from_thread(self._load_failed, str(exc))
                return
            self.call_from_thread(self._history_loaded, store)
        self._make_index()  # in this thread: one background task after another
        if not from_summary and store.write_summary():  # none was fresh: one for next time
            self._summary_stale = False

    def _history_loaded(self, store: Store) -> None:
        if store is self.store:
            self.changed("history")
            self._ask_about_deleted()

    def _ask_about_deleted(self) -> None:
        """Edits to people deleted in another window were not re-applied by the merge: ask,
        for each person, whether to keep them as a new person or drop them."""
        store, ops = self.store, self.ops
        if store is None or ops is None:
            return
        from screens.deleted_elsewhere import DeletedElsewhereScreen

        for conflict in store.take_conflicts():

            def decided(keep: bool | None, conflict: Any = conflict) -> None:
                if keep and self.ops is not None:
                    person = self.ops.keep_as_new_person(conflict)  # saved like any edit
                    self.notify(f"Kept {safe(person.name)} as a new person ({person.id}).")
                else:
                    self.notify(f"Dropped your edit of {safe(conflict.person.name)}.")

            self.push_screen(DeletedElsewhereScreen(conflict), decided)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self) -> None:
        self._make_index()

    def _make_index(self) -> None:
        """Build the bulk index for the current store (in a worker thread)."""
        import screens.composer  # noqa: F401 - warm the import so the first "w" opens at once

        try:
            from planner.bulk import BulkIndex
        except ImportError:  # the bulk check is not installed in this build
            return
        store = self.store
        if store is None:
            return
        while True:
            generation = self._generation
            try:
                index = BulkIndex.from_store(store)
            except RuntimeError:  # the UI changed a dict while we iterated: start over
                continue
            if generation == self._generation:
                break
        index.prepare_for_updates()  # the id maps an edit needs: not on the first edit's frame
        from planner.bulk.wordstats import stats

        stats()  # word statistics (built once into the cache folder): the first check is quick
        self.call_from_thread(self._install_index, store, index, generation)

    def _install_index(self, store: Store, index: BulkIndex, generation: int) -> None:
        """Use a bulk index built in a worker, unless a change landed after it was built
        (that change found no index to follow, so build again)."""
        if store is not self.store:
            return
        if generation != self._generation:
            self._build_index()
            return
        self.bulk_index = index

    def replace_store(self, store: Store) -> None:
        """Swap in a freshly loaded network (after a merge) and rebuild what depends on it."""
        self._use_store(store)
        self.bulk_index = None
        self.changed("reloaded")
        self._build_index()

    # --- changes and saving --------------------------------------------------------------------

    def changed(self, reason: str = "", change: Change | None = None) -> None:
        """Tell every open screen that the network changed."""
        self._generation += 1
        for screen in self._open_screens():
            screen.post_message(DataChanged(reason, change))

    def _open_screens(self) -> Iterable[Screen]:
        seen: set[int] = set()
        for stack in self._screen_stacks.values():
            for screen in stack:
                if id(screen) not in seen:
                    seen.add(id(screen))
                    yield screen

    def persist(self, change: Change | None = None) -> None:
        """After an in-memory edit: post :class:`DataChanged` to every screen, then save the
        store durably in a background worker (calls made meanwhile coalesce into one save).
        Operations call it through the app's listener; screens never need to."""
        if self.store is None:
            return
        self.changed("edit", change)
        self._save_wanted.set()
        self._show_saving()
        if not self._save_running:
            self._save_running = True
            # After the next frame: the save's JSON dump holds the GIL for ~100 ms at full
            # size, and the edit must be on screen first.
            self.call_after_refresh(self._save_worker)

    @work(thread=True, group="save", exit_on_error=False)
    def _save_worker(self) -> None:
        from planner.storage import DataFileError

        error: str | None = None
        try:
            while self._save_wanted.is_set():
                self._save_wanted.clear()
                try:
                    self._save_blocking()
                except DataFileError as exc:
                    error = str(exc)
                    break
                except Exception as exc:  # unforeseen: not saved, and the error dialog says why
                    error = f"{type(exc).__name__}: {exc}"
                    raise
        finally:
            # RuntimeError: the app already exited (quit saved synchronously).
            with contextlib.suppress(RuntimeError):
                self.call_from_thread(self._save_finished, error)

    def _save_blocking(self, *, whole: bool = False) -> None:
        """Save now: edits go to the write-ahead journal (a few ms), or with ``whole`` (on
        quit) the whole file is written and the journal folded in."""
        store = self.store
        if store is None or not (store.dirty or (whole and store.has_journal)):
            return
        from planner.storage import ConcurrentChangeError

        with self._save_lock:  # one save at a time (a quit may save while a worker does)
            self._summary_stale = True
            # The summary cache is refreshed when saving goes quiet (_save_finished).
            try:
                # on failure the store stays dirty: nothing is lost
                store.save(summary=False, journal=not whole)
            except ConcurrentChangeError:
                # Another process (e.g. `outreach log`) saved meanwhile: take its version and
                # re-apply our unsaved edits on top, then save, so both changes are kept. The
                # lock is held from the merge to the save, so no writer can slip in between.
                with store.locked():
                    applied = store.merge_from_disk()
                    store.save(summary=False, journal=not whole)
                with contextlib.suppress(RuntimeError):
                    self.call_from_thread(self._merged_from_disk, store, applied)

    def _merged_from_disk(self, store: Store, applied: int) -> None:
        self.replace_store(store)  # screens and the bulk index follow the merged records
        self._ask_about_deleted()
        self.notify(
            f"The data file was changed by another program; its changes were loaded and your "
            f"{applied} unsaved change{'s' if applied != 1 else ''} re-applied on top.",
            title="Merged",
            timeout=6,
            markup=False,
        )

    def _save_finished(self, error: str | None) -> None:
        self._save_running = False
        was_failed = self._save_failed
        self._save_failed = error is not None
        held, self._held_toasts = self._held_toasts, []
        if error is None and not self._saving():  # durable: now the toasts may say so
            for message, args, kwargs in held:
                super().notify(message, *args, **kwargs)
        elif error is None:
            self._held_toasts = held  # more edits came in meanwhile: after their save
        self._show_saving()
        if error is not None:
            self.notify(
                f"{error}\nYour change is kept in memory: press ctrl+s to retry.",
                title="Not saved",
                severity="error",
                timeout=10,
                markup=False,
            )
        elif was_failed:
            self.notify("Saved.", timeout=3)
        if was_failed != self._save_failed:
            self.refresh_bindings()
        if error is None and self._save_wanted.is_set():
            self.persist()
        elif error is None:
            # Refresh the summary cache once edits pause (it costs ~0.1 s of CPU at 30,000
            # people: not after every keystroke-sized save).
            if self._summary_timer is not None:
                self._summary_timer.stop()
            self._summary_timer = self.set_timer(SUMMARY_DELAY_S, self._refresh_summary)

    def _refresh_summary(self) -> None:
        self._summary_timer = None
        if self._summary_stale and not self._save_running:
            self._write_summary()

    @work(thread=True, exclusive=True, group="summary", exit_on_error=False)
    def _write_summary(self) -> None:
        store = self.store
        if store is not None and store.write_summary():
            self._summary_stale = False

    def action_undo(self) -> None:
        """Take back the latest change (it is saved like any edit)."""
        self._undo_or_redo("undo")

    def action_redo(self) -> None:
        """Make the latest undone change again."""
        self._undo_or_redo("redo")

    def _undo_or_redo(self, which: str) -> None:
        from planner.models import ValidationError

        ops = self.ops
        if ops is None:
            return
        try:
            said = ops.undo() if which == "undo" else ops.redo()
        except ValidationError as exc:
            self.notify(str(exc), title=f"Cannot {which}", severity="warning", markup=False)
            return
        if said is None:
            self.notify(f"Nothing to {which}.", markup=False, timeout=3)
            return
        again = "ctrl+y redoes it" if which == "undo" else "u undoes it"
        self.notify(f"{said} · {again}", markup=False, timeout=5)

    def action_save_now(self) -> None:
        """Retry a failed save."""
        self.persist()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_now":
            return self._save_failed
        if action in ("undo", "redo"):  # from a section, not from under a dialog or form
            from screens.section import SectionScreen

            return isinstance(self.screen, SectionScreen)
        return True

    async def action_quit(self) -> None:
        """Quit; a pending or failed save is written first (and a failure keeps us open)."""
        store = self.store
        if store is not None and (store.dirty or self._save_wanted.is_set() or store.has_journal):
            from planner.storage import DataFileError

            try:
                self._save_blocking(whole=True)  # and fold the journal into the file
            except DataFileError as exc:
                self._save_failed = True
                self.refresh_bindings()
                self.notify(
                    f"{exc}\nNot quitting so the change is not lost: fix the problem and press "
                    "ctrl+s, or press ctrl+q again within 5 s to quit without saving.",
                    title="Not saved",
                    severity="error",
                    timeout=10,
                    markup=False,
                )
                if getattr(self, "_quit_armed", False):
                    self.exit(3)
                self._quit_armed = True
                self.set_timer(5, lambda: setattr(self, "_quit_armed", False))
                return
        if store is not None and self._summary_stale:
            store.write_summary()  # so the next start is quick
        self.exit(0)

    # --- navigation ----------------------------------------------------------------------------

    def action_section(self, mode: str) -> None:
        """Switch to a top-level section, closing any dialog or composer on top first."""
        if self.current_mode == mode and len(self.screen_stack) == 1:
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.switch_mode(mode)

    async def action_back(self) -> None:
        """escape: close what is on top, else go back to Today (async, as Textual's own)."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        elif self.current_mode != "today":
            self.switch_mode("today")

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_composer(
        self, recipient_ids: list[str], plan_id: str | None = None, reason: str | None = None
    ) -> None:
        """Open the composer for ``recipient_ids`` (or on the existing plan ``plan_id``);
        ``reason`` (the agenda row's, e.g. birthday) picks the first template."""
        if self.store is None:
            self.notify("Still loading the data file...", timeout=3)
            return
        from screens.composer import ComposerScreen

        self.push_screen(ComposerScreen(list(recipient_ids), plan_id=plan_id, reason=reason))

    def jump_to_person(self, connection_id: str) -> None:
        """Switch to People with ``connection_id`` selected."""
        self.action_section("people")
        screen = self.screen
        select = getattr(screen, "select_person", None)
        if callable(select):
            select(connection_id)

    def add_connection(self) -> None:
        """Open the add-person form (People's form) when available."""
        try:
            from screens.person_form import PersonForm
        except ModuleNotFoundError:
            self.notify("Adding people is not available in this build.", markup=False)
            return
        if self.store is None:
            return
        self.push_screen(PersonForm())

    def log_interaction(self, connection_id: str) -> None:
        """Open the log-an-interaction form for ``connection_id`` when available."""
        try:
            from screens.log_form import LogForm
        except ModuleNotFoundError:
            self.notify("Logging is not available in this build.", markup=False)
            return
        conn = self.store.connections.get(connection_id) if self.store else None
        if conn is not None:
            self.push_screen(LogForm(conn))

    def copy_text(self, text: str, kept: str = "") -> None:
        """Copy ``text`` for the user: OSC 52 now, the system clipboard tool in a worker, and
        a toast that claims a copy only when one surely happened (see screens.clipboard)."""
        self.copy_to_clipboard(text)
        self._copy_with_tool(text, kept)

    @work(thread=True, group="clipboard", exit_on_error=False)
    def _copy_with_tool(self, text: str, kept: str) -> None:
        from screens.clipboard import copied_words, copy_with_tool

        words = copied_words(copy_with_tool(text), kept)
        self.call_from_thread(self.notify, words, timeout=6)

    def share_on_linkedin(self, text: str) -> None:
        """Open LinkedIn's share box with ``text`` filled in, when a browser can open here."""
        from screens.clipboard import browser_available, linkedin_share_url

        if not browser_available():
            self.notify(
                "No graphical browser here: open linkedin.com, start a post and paste the "
                "text there.",
                timeout=8,
            )
            return
        self._open_share(linkedin_share_url(text))

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_share(self, url: str) -> None:
        from planner.links import open_in_browser

        try:
            opened = open_in_browser(url)
        except ValueError:
            opened = False
        words = (
            "Opened LinkedIn's share box with the text filled in: check it, then post."
            if opened
            else "Could not start a browser: open linkedin.com, start a post and paste the text."
        )
        self.call_from_thread(self.notify, words, timeout=6)

    def open_history(self, connection_id: str, select: str | None = None) -> None:
        """Show everything logged with ``connection_id`` (``select``: an interaction id)."""
        if self.store is None or connection_id not in self.store.connections:
            return
        from screens.history import HistoryScreen

        self.push_screen(HistoryScreen(connection_id, select=select))

    def open_transfer(self, direction: str) -> None:
        """Open the import (``direction='import'``) or export dialog."""
        if self.store is None:
            return
        from screens.transfer import TransferScreen

        self.push_screen(TransferScreen(direction))


def make_app(
    db_path: Path | str, today: date | None = None, config_path: Path | None = None
) -> OutreachApp:
    """Build the app on ``db_path``; ``today`` fixes the date for tests and demos;
    ``config_path`` is the settings file (``--config``; default $OUTREACH_CONFIG or the user
    config dir)."""
    return OutreachApp(Path(db_path), today or date.today(), config_path)
