"""A virtualised one-line-per-row list with group headers: renders only the rows on screen.

Used for the Today agenda (which can hold thousands of overdue people at LinkedIn scale).
Rows are ``rich.text.Text`` built by the caller from escaped/literal user text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True, slots=True)
class Row:
    """One line: ``key`` None makes it a header that the cursor skips."""

    key: str | None
    text: Text


class RowList(ScrollView, can_focus=True):
    """Cursor list over :class:`Row` s; posts :class:`Highlighted` and :class:`Selected`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--header"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "edge(0)", "First", show=False),
        Binding("end,G,shift+g", "edge(1)", "Last", show=False),
    ]
    DEFAULT_CSS = """
    RowList { height: 1fr; }
    RowList > .row-list--header { text-style: bold; color: $text-accent; }
    RowList > .row-list--cursor { background: $block-cursor-background;
        color: $block-cursor-foreground; text-style: $block-cursor-text-style; }
    RowList:blur > .row-list--cursor { background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style; }
    """

    cursor: reactive[int] = reactive(-1, always_update=True)

    class Highlighted(Message):
        def __init__(self, row_list: RowList, key: str | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Selected(Message):
        def __init__(self, row_list: RowList, key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, empty: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.empty = empty

    # --- data ----------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace the rows, keeping the cursor on the same key when it is still there."""
        old_key = self.current_key
        old_index = self.cursor
        self.rows = list(rows)
        self.virtual_size = Size(self.size.width, len(self.rows))
        index = None
        if old_key is not None:
            index = next((i for i, r in enumerate(self.rows) if r.key == old_key), None)
        if index is None:  # the row went away (done, snoozed): stay at the same place
            index = self._selectable_near(max(old_index, 0))
        self.cursor = index
        self.refresh()

    @property
    def current_key(self) -> str | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor].key
        return None

    def select_key(self, key: str) -> bool:
        for i, row in enumerate(self.rows):
            if row.key == key:
                self.cursor = i
                return True
        return False

    def _selectable_near(self, index: int) -> int:
        if not self.rows:
            return -1
        index = min(index, len(self.rows) - 1)
        for i in range(index, len(self.rows)):
            if self.rows[i].key is not None:
                return i
        for i in range(index, -1, -1):
            if self.rows[i].key is not None:
                return i
        return -1

    # --- cursor --------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if 0 <= new < len(self.rows):
            # Show the header above the first row of a group too.
            top = new - 1 if new > 0 and self.rows[new - 1].key is None else new
            self.scroll_to_region(Region(0, top, 1, new - top + 1), animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_key))

    def _step(self, start: int, delta: int) -> int:
        i = start + delta
        while 0 <= i < len(self.rows):
            if self.rows[i].key is not None:
                return i
            i += 1 if delta > 0 else -1
        return self.cursor

    def action_cursor(self, delta: int) -> None:
        self.cursor = self._step(self.cursor, delta)

    def action_page(self, direction: int) -> None:
        target = self.cursor + direction * max(1, self.scrollable_content_region.height - 1)
        self.cursor = self._selectable_near(max(0, min(target, len(self.rows) - 1)))

    def action_edge(self, end: int) -> None:
        self.cursor = self._selectable_near(len(self.rows) - 1 if end else 0)
        if end:
            self.cursor = self._step(len(self.rows), -1)

    def key_enter(self) -> None:
        key = self.current_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event) -> None:  # noqa: ANN001 - textual event
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows) and self.rows[index].key is not None:
            self.cursor = index

    # --- rendering -----------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = self.scroll_offset.y + y
        if not self.rows:
            if y == 0 and self.empty:
                return Strip([Segment(self.empty, base)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style: Style = base
        if row.key is None:
            style = base + self.get_component_rich_style("row-list--header")
        elif index == self.cursor:
            style = base + self.get_component_rich_style("row-list--cursor")
        text = row.text.copy()
        text.no_wrap = True
        text.end = ""
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(0, width, style)
