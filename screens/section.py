"""The base of the top-level sections (Today, People, Schedule): fresh data, only when seen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

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
