"""Small yes/no and multiple-choice dialogs that return their answer with ``dismiss``."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{ width: 70; max-width: 100%; height: auto; max-height: 100%;
    border: thick $warning; background: $surface; padding: 1 2; }}
{name} .dialog-body {{ height: auto; margin-bottom: 1; }}
{name} Horizontal {{ height: auto; }}
{name} Button {{ margin-right: 1; }}
"""


class ChoiceScreen(ModalScreen[str | None]):
    """A question with buttons; returns the chosen button's value, None on escape.

    ``choices`` are (value, label) pairs; the first is focused. A label's first character is
    its key (write it as a hint: ``"e  Edit it"``).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceScreen")

    def __init__(self, title: str, body: Text | str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.dialog_title = title
        self.body = body if isinstance(body, Text) else Text(body)
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.dialog_title
            yield Static(self.body, classes="dialog-body")
            with Horizontal():
                for i, (value, label) in enumerate(self.choices):
                    yield Button(
                        label, id=f"choice-{value}", variant="primary" if i == 0 else "default"
                    )

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_key(self, event) -> None:  # noqa: ANN001 - textual event
        for value, label in self.choices:
            if event.key == label[:1]:
                event.stop()
                self.dismiss(value)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Yes/no: ``y``/enter on Yes returns True; ``n``/escape returns False."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")

    def __init__(self, question: Text | str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question if isinstance(question, Text) else Text(question)
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="dialog-body")
            with Horizontal():
                yield Button(f"y  {self.yes}", id="yes", variant="warning")
                yield Button(f"n  {self.no}", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
