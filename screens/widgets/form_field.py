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
from textual.widgets import Checkbox, Input, Label, Static, TextArea

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
    loses focus, then follows each keystroke until it is fixed; enter in a field saves.

    The summary line (``#pf-error``) names the fields still to fix and follows the fixes; a
    failed save leaves the focus where the user is. Escape on a changed form asks before the
    changes are thrown away. Subclasses compose a :class:`QuietFooter` so the form's own keys
    show, not those of the screen below.
    """

    SUMMARY = "#pf-error"

    def action_save(self) -> None:  # pragma: no cover - every form defines it
        raise NotImplementedError

    def on_mount(self) -> None:
        self._initial = self.form_values()

    def form_values(self) -> tuple[object, ...]:
        """What the user can change, in order (to tell whether anything was)."""
        values: list[object] = []
        for widget in self.query("Input, TextArea, Select, Checkbox"):
            if isinstance(widget, TextArea):
                values.append(widget.text)
            else:
                values.append(getattr(widget, "value", None))
        return tuple(values)

    @property
    def changed_since_open(self) -> bool:
        return self.form_values() != getattr(self, "_initial", self.form_values())

    def show_summary(self, *, force: bool = False) -> bool:
        """Name the fields still marked ✗ in the summary line (``force``: show it now, else
        only follow a summary already shown); True when no field is marked."""
        summary = self.query_one(self.SUMMARY, FieldError)
        bad = [f.label for f in self.query(Field) if f.error.has_class("-shown")]
        if bad:
            if force or summary.has_class("-shown"):
                n = len(bad)
                summary.show_error(
                    f"{n} field{'s' if n > 1 else ''} to fix: {', '.join(bad)} (see the ✗ notes)"
                )
        elif summary.has_class("-shown") and summary.message.split(" ", 1)[0].isdigit():
            summary.show_error(None)  # the fields are fixed (a model error stays until saving)
        return not bad

    def action_cancel(self) -> None:
        """escape: close; a changed form asks first."""
        if not self.changed_since_open:
            self.dismiss(None)
            return
        from screens.widgets.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard what you typed in this form?", yes="Discard", no="Keep editing"),
            answered,
        )

    @on(Input.Blurred)
    def _blurred(self, event: Input.Blurred) -> None:
        show_input_error(event.input)
        self.show_summary()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = event.input.parent.parent if event.input.parent else None
        if isinstance(field, Field) and field.error.has_class("-shown"):
            show_input_error(event.input)
            self.show_summary()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
