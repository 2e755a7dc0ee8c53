"""Form fields that say what is wrong in place, using the domain's own validation.

A :class:`ModelValidator` wraps a parser from ``planner`` (``Birthday.parse``,
``parse_cadence``, ``parse_date``...): whatever message that parser raises is the message shown
under the field, so the TUI and the CLI explain a bad value with the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Static

from planner.dates import DateError
from planner.models import ValidationError

Parser = Callable[[str], Any]
CHECK_ERRORS: tuple[type[Exception], ...] = (ValidationError, DateError)


class ModelValidator(Validator):
    """Valid when ``parse(value)`` does not raise; the failure is the parser's own message."""

    def __init__(self, parse: Parser, *, allow_blank: bool = True) -> None:
        super().__init__()
        self.parse = parse
        self.allow_blank = allow_blank

    def validate(self, value: str) -> ValidationResult:
        if self.allow_blank and not value.strip():
            return self.success()
        try:
            self.parse(value)
        except CHECK_ERRORS as exc:
            return self.failure(str(exc))
        return self.success()


class FieldError(Static):
    """The line under a field saying what is wrong with it (hidden when nothing is)."""

    DEFAULT_CSS = """
    FieldError { color: $text-error; height: auto; display: none; padding: 0 0 0 1; }
    FieldError.-shown { display: block; }
    """

    def show_error(self, message: str | None) -> None:
        if message:
            self.update(Text("✗ " + message))  # a symbol and words, never colour alone
            self.add_class("-shown")
        else:
            self.update(Text(""))
            self.remove_class("-shown")

    @property
    def message(self) -> str:
        return str(self.render()).removeprefix("✗ ") if self.has_class("-shown") else ""


class Field(Vertical):
    """A labelled row: ``label`` then the input widget, and its :class:`FieldError` below."""

    DEFAULT_CSS = """
    Field { height: auto; }
    Field > Horizontal { height: auto; }
    Field > Horizontal > Label { width: 18; padding: 0 1 0 0; text-align: right; }
    Field > Horizontal > .field-input { width: 1fr; }
    Field .field-hint { color: $text-muted; padding: 0 0 0 19; height: auto; }
    Field > FieldError { padding: 0 0 0 19; }
    """

    def __init__(self, label: str, widget: Widget, *, hint: str = "", name: str = "") -> None:
        super().__init__(id=f"field-{name}" if name else None)
        self.label = label
        self.widget = widget
        self.hint = hint
        widget.add_class("field-input")

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(Text(self.label))
            yield self.widget
        if self.hint:
            yield Label(Text(self.hint), classes="field-hint")
        yield FieldError()

    @property
    def error(self) -> FieldError:
        return self.query_one(FieldError)


def check_input(field: Input) -> str | None:
    """Validate ``field`` now; return the first failure message (None when valid)."""
    result = field.validate(field.value)
    if result is None or result.is_valid:
        return None
    return result.failure_descriptions[0] if result.failure_descriptions else "not valid"


def show_input_error(field: Input) -> bool:
    """Validate ``field`` and show the outcome under it; True when valid."""
    message = check_input(field)
    container = field.parent.parent if field.parent is not None else None
    if isinstance(container, Field):
        container.error.show_error(message)
    return message is None


class TickBox(Checkbox):
    """A checkbox whose state shows as a tick or a blank, not only as a colour."""

    def on_mount(self) -> None:
        self.watch(self, "value", self._show_tick, init=True)

    def _show_tick(self, value: bool) -> None:
        self.BUTTON_INNER = "✓" if value else " "  # Textual's inside of the button
        self.refresh()


FormResult = TypeVar("FormResult")


class FormScreen(ModalScreen[FormResult]):
    """A modal form whose fields explain their errors in place: a field's error shows when it
    loses focus, then follows each keystroke until it is fixed; enter in a field saves."""

    def action_save(self) -> None:  # pragma: no cover - every form defines it
        raise NotImplementedError

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        show_input_error(event.input)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = event.input.parent.parent if event.input.parent else None
        if isinstance(field, Field) and field.error.has_class("-shown"):
            show_input_error(event.input)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
