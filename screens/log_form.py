"""Log an interaction with one person: when, which way, by what channel, what was said.

Dates take every form ``planner.dates`` understands (``today``, ``yesterday``, ``-3d``,
``fri``, ``2026-11-20``...). An optional follow-up (``7d``, ``2w`` after the interaction, or a
date) asks the agenda for one nudge unless they reply first, exactly like ``outreach log
--follow-up``. The form saves into ``app.store`` itself and returns the new interaction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, TextArea

from planner.dates import DateError, parse_date, parse_days
from planner.models import CHANNELS, Connection, Interaction, ValidationError
from planner.operations import check_follow_up
from planner.text import safe
from screens.widgets.footer import QuietFooter
from screens.widgets.form_field import (
    Field,
    FieldError,
    FormScreen,
    ModelValidator,
    show_input_error,
)

if TYPE_CHECKING:
    from planner.operations import Operations


def follow_up_date(text: str, on: date) -> date:
    """``7d``/``2w``/``10`` after ``on``, or a date form counted from ``on``."""
    value = text.strip()
    if value[:1].isdigit() and not value[:4].isdigit():
        return on + timedelta(days=parse_days(value))
    try:
        when = parse_date(value, on)
    except DateError:
        raise DateError(
            f"cannot read the follow-up {text!r}: use days or weeks after it, e.g. 7d or 2w, "
            "or a date such as 2026-12-15 or next friday"
        ) from None
    check_follow_up("sent", on, when)
    return when


class LogForm(FormScreen[Interaction | None]):
    """Record one interaction with ``connection``; dismisses with it (None when cancelled)."""

    CSS_PATH = "person_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, connection: Connection, interaction: Interaction | None = None) -> None:
        """Log a new interaction with ``connection``, or correct ``interaction``."""
        super().__init__()
        self.connection = connection
        self.interaction = interaction

    def _today(self) -> date:
        return getattr(self.app, "today", None) or date.today()

    def _on_date(self) -> date:
        value = self.query_one("#lf-date", Input).value.strip()
        try:
            return parse_date(value, self._today()) if value else self._today()
        except DateError:
            return self._today()

    def compose(self) -> ComposeResult:
        old = self.interaction
        title = f"Log an interaction with {safe(self.connection.name)}"
        if old is not None:
            title = f"Edit {old.id}: the {old.date} message with {safe(self.connection.name)}"
        with Vertical(id="pf-dialog"):
            yield Label(Text(title), id="pf-title")
            yield Field(
                "Date",
                Input(
                    value=old.date.isoformat() if old else "today",
                    id="lf-date",
                    compact=True,
                    validate_on=["blur", "submitted"],
                    validators=[
                        ModelValidator(lambda v: parse_date(v, self._today()), allow_blank=False)
                    ],
                ),
                hint="today, yesterday, -3d, fri, 2026-11-20...",
                name="date",
            )
            yield Field(
                "Direction",
                Select(
                    [("sent: I wrote to them", "sent"), ("received: they wrote to me", "received")],
                    value=old.direction if old else "sent",
                    allow_blank=False,
                    id="lf-direction",
                    compact=True,
                ),
                name="direction",
            )
            yield Field(
                "Channel",
                Select(
                    [(c, c) for c in CHANNELS],
                    value=old.channel if old else "linkedin",
                    allow_blank=False,
                    id="lf-channel",
                    compact=True,
                ),
                name="channel",
            )
            yield Field(
                "What was said",
                TextArea(old.text if old else "", id="lf-text", compact=True),
                name="text",
            )
            yield Field(
                "Follow up",
                Input(
                    value=old.follow_up_on.isoformat() if old and old.follow_up_on else "",
                    placeholder="optional: 7d, 2w or a date",
                    id="lf-follow",
                    compact=True,
                    validate_on=["blur", "submitted"],
                    validators=[ModelValidator(self._check_follow_up)],
                ),
                hint="a nudge unless they reply by then (messages you sent)",
                name="follow",
            )
            yield FieldError(id="pf-error")
            with Horizontal(id="pf-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="lf-save", compact=True)
                yield Button("Cancel (esc)", id="lf-cancel", compact=True)
        yield QuietFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#lf-text", TextArea).focus()

    @on(TextArea.Changed, "#lf-text")
    def _text_changed(self, event: TextArea.Changed) -> None:
        error = self.query_one("#field-text", Field).error
        if error.has_class("-shown") and event.text_area.text.strip():
            error.show_error(None)
            self.show_summary()

    # --- validation ----------------------------------------------------------------------------

    def _check_follow_up(self, value: str) -> date:
        on = self._on_date()
        when = follow_up_date(value, on)
        check_follow_up(self._direction(), on, when)  # the rule lives in the operations
        return when

    @on(Select.Changed, "#lf-direction")
    def _direction_changed(self) -> None:
        follow = self.query_one("#lf-follow", Input)
        if follow.value.strip():
            show_input_error(follow)

    def _direction(self) -> str:
        return str(self.query_one("#lf-direction", Select).value)

    def _build(self, ops: Operations) -> Interaction | None:
        """Log the interaction from the form; None after showing every problem in place."""
        ok = all([show_input_error(inp) for inp in self.query(Input)])
        text = self.query_one("#lf-text", TextArea).text
        text_error = self.query_one("#field-text", Field).error
        text_error.show_error(None if text.strip() else "write what was said, or a short summary")
        follow = self.query_one("#lf-follow", Input).value.strip()
        summary = self.query_one("#pf-error", FieldError)
        if not self.show_summary(force=True) or not ok:
            return None
        summary.show_error(None)
        on_day = parse_date(self.query_one("#lf-date", Input).value, self._today())
        try:
            if self.interaction is not None:
                return ops.edit_interaction(
                    self.interaction.id,
                    on=on_day,
                    direction=self._direction(),
                    channel=str(self.query_one("#lf-channel", Select).value),
                    text=text.strip(),
                    follow_up_on=follow_up_date(follow, on_day) if follow else None,
                )
            [inter] = ops.log(
                [self.connection.id],
                on=on_day,
                direction=self._direction(),
                channel=str(self.query_one("#lf-channel", Select).value),
                text=text.strip(),
                follow_up_on=follow_up_date(follow, on_day) if follow else None,
            )
            return inter
        except (ValidationError, DateError) as exc:
            summary.show_error(str(exc))
            return None

    # --- actions -------------------------------------------------------------------------------

    def action_save(self) -> None:
        ops: Operations | None = getattr(self.app, "ops", None)
        if ops is None:
            self.query_one("#pf-error", FieldError).show_error("still loading the data file")
            return
        inter = self._build(ops)
        if inter is None:
            return
        arrow = "to" if inter.direction == "sent" else "from"
        verb = "Logged" if self.interaction is None else f"Saved {inter.id}:"
        self.app.notify(
            f"{verb} {inter.channel} {arrow} {safe(self.connection.name)} on {inter.date}"
            " · u undoes it",
            markup=False,
            timeout=3,
        )
        self.dismiss(inter)

    @on(Button.Pressed, "#lf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#lf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
