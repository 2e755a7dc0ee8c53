"""A header whose title changes repaint one line instead of the whole screen.

Textual's :class:`~textual.widgets.Header` updates its title with ``Static.update``, which
asks for a screen-wide layout pass (then a full repaint). The app's title changes twice per
edit ("outreach · saving…" until the save is durable), so at 30,000 connections every edit
paid a layout of the whole screen for a one-line label whose size never changes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClock, HeaderClockSpace, HeaderIcon, HeaderTitle


class QuietHeaderTitle(HeaderTitle):
    """The title line: fills the header (``width: 100%``), so new text needs no layout."""

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=False)


class QuietHeader(Header):
    """:class:`Header` with a :class:`QuietHeaderTitle`."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield QuietHeaderTitle()
        yield (
            HeaderClock().data_bind(Header.time_format) if self._show_clock else HeaderClockSpace()
        )
