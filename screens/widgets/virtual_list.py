"""A list that renders only the rows on screen, so 30,000 rows paint and refill in milliseconds.

The one list widget of the TUI: Today's agenda, People and Schedule.

Rows are identified by string keys; the owner supplies ``render_row(key, width) -> Text`` and the
list calls it only for the visible rows (Textual's Line API). Replacing the rows
(:meth:`VirtualList.set_rows`) costs one list assignment, whatever the size. Some rows can be
headings (``is_heading``): they are drawn but the cursor skips them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowRenderer = Callable[[str, int], Text]
CURSOR_MARK = "▶ "
GUTTER = len(CURSOR_MARK)


class VirtualList(ScrollView, can_focus=True):
    """A keyboard-driven list of keyed rows with a cursor; only visible rows are rendered."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False, tooltip="Open / act on the selected row"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-list--cursor",
        "virtual-list--heading",
        "virtual-list--empty",
    }

    DEFAULT_CSS = """
    VirtualList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        height: 1fr;
        & > .virtual-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        & > .virtual-list--heading { text-style: bold; color: $accent; }
        & > .virtual-list--empty { color: $text-muted; text-style: italic; }
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-list--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    class Highlighted(Message):
        """The row under the cursor changed (``key`` is None when the list is empty).

        ``by_user`` is True when a key press or click moved the cursor, False when the rows
        were replaced (a filter, a refresh).
        """

        def __init__(
            self, virtual_list: VirtualList, key: str | None, index: int, by_user: bool = True
        ) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.key = key
            self.index = index
            self.by_user = by_user

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    class Selected(Message):
        """A row was chosen with enter or a click."""

        def __init__(self, virtual_list: VirtualList, key: str, index: int) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.key = key
            self.index = index

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    def __init__(
        self,
        render_row: RowRenderer,
        *,
        is_heading: Callable[[str], bool] | None = None,
        empty_text: str = "Nothing to show.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._render_row = render_row
        self._is_heading = is_heading or (lambda _key: False)
        self.empty_text = empty_text
        self._rows: Sequence[str] = ()
        self._cursor = -1
        self._last_reported: str | None = None

    # --- reading ---

    @property
    def rows(self) -> Sequence[str]:
        return self._rows

    @property
    def cursor(self) -> int:
        """Index of the highlighted row, -1 when there is none."""
        return self._cursor

    @property
    def highlighted_key(self) -> str | None:
        return self._rows[self._cursor] if 0 <= self._cursor < len(self._rows) else None

    # --- changing the rows ---

    def set_rows(
        self, rows: Sequence[str], keep: str | None = None, *, follow: bool = False
    ) -> None:
        """Show ``rows``; the cursor stays on ``keep`` (default: the current key) when present.

        When it is gone, the cursor goes to the first row, or with ``follow`` to the row that
        came after it (else before it) and is still there: where a list the user works down
        should leave them after their row was dealt with.
        ``rows`` is kept as is (not copied): pass a fresh list rather than mutating it.
        """
        keep = keep if keep is not None else self.highlighted_key
        old_rows, old_cursor = self._rows, self._cursor
        self._rows = rows
        self._set_virtual_height(len(rows))
        index = -1
        if keep is not None:
            try:
                index = rows.index(keep)  # C loop: a few ms even at 30,000 rows
            except ValueError:
                index = -1
        if index < 0 and follow and 0 <= old_cursor < len(old_rows):
            index = self._survivor(old_rows, old_cursor)
        if index < 0:
            index = self._nearest_selectable(0, 1)
        self._move(index, force_scroll=True, by_user=False)
        self.refresh()

    def _survivor(self, old_rows: Sequence[str], old_cursor: int) -> int:
        """The index in the new rows of the nearest old row after (else before) the old
        cursor that is still listed and selectable; -1 when none is."""
        where = {key: i for i, key in enumerate(self._rows)}
        after = old_rows[old_cursor + 1 :]
        before = reversed(old_rows[:old_cursor])
        for candidates in (after, before):
            for key in candidates:
                index = where.get(key, -1)
                if index >= 0 and self._selectable(index):
                    return index
        return -1

    def _set_virtual_height(self, height: int) -> None:
        """Resize the scroll area; skip the screen-wide layout pass when the scrollbar stays
        as it is (a layout repaints every widget: too slow for each keystroke of a filter)."""
        size = Size(0, height)
        if size == self.virtual_size:
            return
        region = self.scrollable_content_region
        bar_needed = height > (region.height or self.size.height)
        if not self.is_mounted or bar_needed != self.show_vertical_scrollbar:
            self.virtual_size = size
            return
        self.set_reactive(VirtualList.virtual_size, size)
        self._scroll_update(size)

    def select_key(self, key: str) -> bool:
        """Move the cursor to ``key``; False when it is not in the list."""
        try:
            index = self._rows.index(key)
        except ValueError:
            return False
        self._move(index, center=True)
        return True

    def refresh_rows(self) -> None:
        """Redraw the visible rows (call after the data behind them changed)."""
        self.refresh()

    # --- rendering ---

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        base = self.rich_style
        if not self._rows:
            lines = self.empty_text.split("\n")  # the empty text may take several lines
            if y < len(lines) and width > GUTTER:
                style = self.get_component_rich_style("virtual-list--empty")
                text = Text(" " * GUTTER + lines[y], style=style)
                return self._strip(text, width, base)
            return Strip.blank(width, base)
        if index >= len(self._rows) or width <= 0:
            return Strip.blank(width, base)
        key = self._rows[index]
        body = self._render_row(key, max(width - GUTTER, 1))
        if "\n" in body.plain:  # a row is one line, whatever the renderer returned
            body = body.split("\n")[0]
        if self._is_heading(key):
            style = base + self.get_component_rich_style("virtual-list--heading")
            return self._strip(Text("  ") + body, width, style)
        if index == self._cursor:
            style = base + self.get_component_rich_style("virtual-list--cursor")
            return self._strip(Text(CURSOR_MARK) + body, width, style)
        return self._strip(Text(" " * GUTTER) + body, width, base)

    def _strip(self, text: Text, width: int, style) -> Strip:  # noqa: ANN001 - rich Style
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = list(text.render(self.app.console))
        return Strip(segments, width).apply_style(style)

    # --- moving ---

    def _selectable(self, index: int) -> bool:
        return 0 <= index < len(self._rows) and not self._is_heading(self._rows[index])

    def _nearest_selectable(self, index: int, step: int) -> int:
        """The first selectable index from ``index`` going ``step``, else the other way; -1."""
        if not self._rows:
            return -1
        index = min(max(index, 0), len(self._rows) - 1)
        for direction in (step, -step):
            probe = index
            while 0 <= probe < len(self._rows):
                if self._selectable(probe):
                    return probe
                probe += direction
        return -1

    def _move(
        self, index: int, *, force_scroll: bool = False, center: bool = False, by_user: bool = True
    ) -> None:
        old = self._cursor
        self._cursor = index
        if index >= 0:
            self._scroll_to_cursor(center=center, force=force_scroll)
        if old != index:
            if 0 <= old < len(self._rows):
                self.refresh_line(old)
            if index >= 0:
                self.refresh_line(index)
        key = self.highlighted_key
        if key != self._last_reported:
            self._last_reported = key
            self.post_message(self.Highlighted(self, key, index, by_user))

    def _scroll_to_cursor(self, *, center: bool = False, force: bool = False) -> None:
        height = self.scrollable_content_region.height or self.size.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        cursor = self._cursor
        # keep a heading just above the cursor visible too
        if cursor > 0 and self._is_heading(self._rows[cursor - 1]):
            cursor_top = cursor - 1
        else:
            cursor_top = cursor
        if center:
            target = max(cursor - height // 2, 0)
        elif cursor_top < top:
            target = cursor_top
        elif cursor >= top + height:
            target = cursor - height + 1
        elif force and top > max(len(self._rows) - height, 0):
            target = max(len(self._rows) - height, 0)
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def _step(self, delta: int) -> None:
        if not self._rows:
            return
        start = self._cursor if self._cursor >= 0 else 0
        target = min(max(start + delta, 0), len(self._rows) - 1)
        step = 1 if delta >= 0 else -1
        index = self._nearest_selectable(target, step)
        if index >= 0:
            self._move(index)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_page_down(self) -> None:
        self._step(max(self.scrollable_content_region.height - 1, 1))

    def action_page_up(self) -> None:
        self._step(-max(self.scrollable_content_region.height - 1, 1))

    def action_first(self) -> None:
        self._move(self._nearest_selectable(0, 1))

    def action_last(self) -> None:
        self._move(self._nearest_selectable(len(self._rows) - 1, -1))

    def action_select(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.post_message(self.Selected(self, key, self._cursor))

    # --- mouse and size ---

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if self._selectable(index):
            already = index == self._cursor
            self._move(index)
            if already or event.chain > 1:
                self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        if self._cursor >= 0:
            self._scroll_to_cursor()
