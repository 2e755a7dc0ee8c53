"""The base of the top-level sections (Today, People, Schedule): fresh data, only when seen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.screen import Screen

from screens.workers import ReportsWorkerErrors

if TYPE_CHECKING:
    from planner.storage import Store


class SectionScreen(ReportsWorkerErrors, Screen):
    """A section that shows ``app.store``. A change (``DataChanged``) refreshes it at once when
    it is the visible screen, else marks it stale: it refreshes when shown again, so a change
    at 30,000 people never recomputes the screens nobody looks at."""

    def __init__(self) -> None:
        super().__init__()
        self._stale = True
        self._history_pending = False
        self._suspended_under: tuple[object, ...] | None = None

    # --- switching sections without restyling every widget -------------------------------------

    def _style_inputs(self) -> tuple[object, ...]:
        """What the app-wide styles depend on that Textual restyles only the visible screen
        for (the app's focus, theme, colour modes, size)."""
        app = self.app
        return (app.theme, app.app_focus, app.no_color, app.native_ansi_color, app.size)

    def post_message(self, message: Message) -> bool:
        """Switching sections (``switch_mode``) asks the section to restyle every widget it
        has when it is shown again: ~20 ms at each switch, for styles that are the same as
        when it was left (Textual skips the restyle itself when a dialog closes over a
        screen). It still happens when the theme, the app's focus or the size changed
        meanwhile; CSS changes are refreshed by ``switch_mode`` on its own."""
        if (
            isinstance(message, events.ScreenResume)
            and message.refresh_styles
            and self._suspended_under is not None
            and self._suspended_under == self._style_inputs()
        ):
            message = events.ScreenResume(refresh_styles=False)
        return super().post_message(message)

    def on_screen_suspend(self) -> None:
        self._suspended_under = self._style_inputs()

    def on_mount(self) -> None:
        # Mounted with the app's current stylesheet. Textual notes that only for the visible
        # screen's stack, so without this the first return to a section re-parsed and
        # re-applied every stylesheet of the app (~60 ms at the first switch back).
        self._css_update_count = self.app._css_update_count

    @property
    def store(self) -> Store | None:
        return getattr(self.app, "store", None)

    @property
    def today(self) -> date:
        return self.app.today  # type: ignore[attr-defined]

    def refresh_data(self) -> None:
        """Re-read the store (subclasses; clear ``_stale``)."""
        raise NotImplementedError

    def mark_stale(self) -> None:
        """The data behind the screen changed (subclasses may reset more)."""
        self._stale = True

    #: Whether the section's own list changes when the history arrives after a start from the
    #: summary cache (see OutreachApp). Today and People show only what the summary holds
    #: exactly (the agenda, last contacts): they just redraw the person card.
    HISTORY_CHANGES_LIST = True

    def on_data_changed(self, event: object) -> None:
        if getattr(event, "reason", "") == "history" and not self.HISTORY_CHANGES_LIST:
            if self.is_current:
                self.history_loaded()
            else:
                self._history_pending = True  # redraw the card when shown again
            return
        self.mark_stale()
        if self.is_current:
            self.refresh_data()

    def history_loaded(self) -> None:
        """The whole history is in: redraw what shows it (subclasses)."""

    def on_screen_resume(self) -> None:
        pending, self._history_pending = self._history_pending, False
        if self._stale:
            self.refresh_data()
        elif pending:
            self.history_loaded()
