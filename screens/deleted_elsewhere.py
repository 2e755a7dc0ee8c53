"""The dialog for edits to a person deleted in another window (see
``planner.storage.changes.DeletedElsewhere``): keep them as a new person, or drop them."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from planner.storage.changes import DeletedElsewhere
from planner.text import safe


class DeletedElsewhereScreen(ModalScreen[bool]):
    """Returns True to keep the edits as a new person, False to drop them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "keep", "Keep as new person", id="deleted.keep"),
        Binding("d", "drop", "Drop my edit", id="deleted.drop"),
        Binding("escape", "drop", "Drop my edit", show=False, id="deleted.escape"),
    ]
    DEFAULT_CSS = """
    DeletedElsewhereScreen { align: center middle; }
    DeletedElsewhereScreen > Vertical { width: 70; max-width: 100%; height: auto;
        border: thick $warning; background: $surface; padding: 1 2; }
    DeletedElsewhereScreen Horizontal { height: auto; margin-top: 1; }
    DeletedElsewhereScreen Button { margin-right: 1; }
    """

    def __init__(self, conflict: DeletedElsewhere) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        c = self.conflict
        with Vertical():
            yield Label(Text(safe(c.message), style="bold"), id="deleted-message")
            yield Label(Text(f"Your unsaved change: {c.what()}. It was not saved over the "
                             "deletion."), id="deleted-what")  # fmt: skip
            with Horizontal():
                yield Button("k  Keep as a new person", id="deleted-keep", variant="primary")
                yield Button("d  Drop my edit", id="deleted-drop")

    def action_keep(self) -> None:
        self.dismiss(True)

    def action_drop(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#deleted-keep")
    def _keep(self) -> None:
        self.action_keep()

    @on(Button.Pressed, "#deleted-drop")
    def _drop(self) -> None:
        self.action_drop()
