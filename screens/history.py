"""One person's whole history, newest first: read a message in full, correct it or delete it.

Opened with ``h`` from Today and People (the person card's "Last interactions" shows five).
Edits go through ``app.ops`` like every change (``edit_interaction``/``delete_interaction``),
so last contact, follow-ups and undo follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from planner.text import safe
from screens.section import SectionScreen
from screens.widgets.footer import QuietFooter
from screens.widgets.header import QuietHeader
from screens.widgets.literal import lit, lit_lines, one_line
from screens.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from planner.models import Interaction


class HistoryScreen(SectionScreen):
    """Every logged interaction with ``connection_id``; ``select`` puts the cursor on one."""

    AUTO_FOCUS = "#history-list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="history.edit", tooltip="Correct the interaction"),
        Binding("D", "delete", "Delete", id="history.delete", tooltip="Delete the interaction"),
        Binding("l", "log", "Log", id="history.log", tooltip="Log a new interaction"),
        Binding("escape", "close", "Back", id="history.back"),
    ]
    DEFAULT_CSS = """
    HistoryScreen #history-body { height: 1fr; }
    HistoryScreen #history-list { width: 3fr; }
    HistoryScreen #history-detail { width: 2fr; border: round $primary 50%; padding: 0 1; }
    HistoryScreen #history-status { height: 1; padding: 0 1; background: $boost; }
    """

    def __init__(self, connection_id: str, select: str | None = None) -> None:
        super().__init__()
        self.connection_id = connection_id
        self._select = select
        self._rows: dict[str, Interaction] = {}

    def compose(self) -> ComposeResult:
        yield QuietHeader()
        yield Static("", id="history-status")
        with Horizontal(id="history-body"):
            yield VirtualList(
                self._render_row, empty_text="Nothing logged yet: l logs one.", id="history-list"
            )
            with VerticalScroll(id="history-detail"):
                yield Static("", id="history-text")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        self._stale = False
        store = self.store
        conn = store.connections.get(self.connection_id) if store else None
        if store is None or conn is None:
            self.app.pop_screen()  # the person is gone (deleted meanwhile)
            return
        self.title = f"outreach · History of {safe(conn.name)}"
        history = list(reversed(store.interactions_for(conn.id)))
        self._rows = {i.id: i for i in history}
        view = self.query_one(VirtualList)
        keep, self._select = self._select, None
        view.set_rows([i.id for i in history], keep=keep, follow=True)
        loading = "" if store.complete else " (the rest is loading…)"
        n = len(history)
        self.query_one("#history-status", Static).update(
            Text.assemble(
                (f"{n} interaction{'s' if n != 1 else ''}", "bold"),
                f" with {safe(conn.name)}, newest first{loading}",
            )
        )
        self._show(view.highlighted_key)

    def history_loaded(self) -> None:
        self.refresh_data()

    def _render_row(self, key: str, width: int) -> Text:
        inter = self._rows.get(key)
        if inter is None:
            return Text("")
        arrow = "→ sent" if inter.direction == "sent" else "← got "
        row = Text(f"{inter.id:>6} {inter.date} {arrow} {inter.channel:<8} ", end="")
        row.append(one_line(inter.text, max(width - row.cell_len, 4)) or "(no text)")
        if inter.follow_up_on:
            row.append(f"  follow up {inter.follow_up_on}", style="dim")
        return row

    def _show(self, key: str | None) -> None:
        inter = self._rows.get(key) if key else None
        out = Text(end="")
        if inter is not None:
            way = "you wrote" if inter.direction == "sent" else "they wrote"
            out.append(f"{inter.id} · {inter.date:%a %d %b %Y} · {inter.channel} · {way}\n")
            if inter.follow_up_on:
                out.append(f"follow up on {inter.follow_up_on} unless they reply\n", style="dim")
            out.append("\n")
            out.append_text(lit_lines(inter.text) if inter.text else lit("(no text)", "dim"))
        self.query_one("#history-text", Static).update(out)

    @on(VirtualList.Highlighted, "#history-list")
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        self._show(event.key)

    @on(VirtualList.Selected, "#history-list")
    def _selected(self) -> None:
        self.action_edit()

    def _current(self) -> Interaction | None:
        key = self.query_one(VirtualList).highlighted_key
        return self._rows.get(key) if key else None

    def action_edit(self) -> None:
        inter = self._current()
        store = self.store
        conn = store.connections.get(self.connection_id) if store else None
        if inter is None or conn is None:
            return
        from screens.log_form import LogForm

        self.app.push_screen(LogForm(conn, interaction=inter))

    def action_log(self) -> None:
        store = self.store
        conn = store.connections.get(self.connection_id) if store else None
        if conn is not None:
            from screens.log_form import LogForm

            self.app.push_screen(LogForm(conn))

    def action_delete(self) -> None:
        inter = self._current()
        ops = getattr(self.app, "ops", None)
        if inter is None or ops is None:
            return
        from screens.widgets.confirm import ConfirmScreen

        question = Text.assemble(
            f"Delete {inter.id}, the {inter.date} message (",
            lit(one_line(inter.text, 40) or "no text"),
            ")? u undoes it.",
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            from planner.models import ValidationError

            try:
                ops.delete_interaction(inter.id)
            except ValidationError as exc:
                self.notify(str(exc), severity="warning")
                return
            self.notify(f"Deleted {inter.id} · u undoes it", timeout=4)

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), answered)

    def action_close(self) -> None:
        self.app.pop_screen()
