"""The base of the top-level sections (Today, People, Schedule): fresh data, only when seen."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from planner.store import Store


class SectionScreen(Screen):
    """A section that shows ``app.store``. A change (``DataChanged``) refreshes it at once when
    it is the visible screen, else marks it stale: it refreshes when shown again, so a change
    at 30,000 people never recomputes the screens nobody looks at."""

    def __init__(self) -> None:
        super().__init__()
        self._stale = True

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

    def on_data_changed(self, _event: object) -> None:
        self.mark_stale()
        if self.is_current:
            self.refresh_data()

    def on_screen_resume(self) -> None:
        if self._stale:
            self.refresh_data()
