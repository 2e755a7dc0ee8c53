"""The snooze dialog: a typed date (any form planner.dates accepts), +1 day or +1 week.

The date field has the focus, so typing goes straight into it; enter on the empty field is
+1 day. The preset buttons are a tab away (``1`` / ``2`` work once a button has the focus:
in the field those keys are part of a date such as 2026-12-24).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from planner.dates import DateError, parse_date


class SnoozeScreen(ModalScreen[date | None]):
    """Returns the chosen day, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="snooze.cancel"),
        Binding(
            "1",
            "preset(1)",
            "+1 day",
            id="snooze.day",
            tooltip="+1 day (on the buttons; enter on the empty date field does the same)",
        ),
        Binding("2", "preset(7)", "+1 week", id="snooze.week", tooltip="+1 week (on the buttons)"),
    ]
    DEFAULT_CSS = """
    SnoozeScreen { align: center middle; }
    SnoozeScreen > Vertical { width: 60; max-width: 100%; height: auto; border: thick $accent;
        background: $surface; padding: 1 2; }
    SnoozeScreen Horizontal { height: auto; }
    SnoozeScreen Button { margin-right: 1; }
    SnoozeScreen #snooze-error { color: $error; height: auto; }
    """

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        day = self.today + timedelta(days=1)
        week = self.today + timedelta(days=7)
        with Vertical():
            yield Label(Text("Snooze until…", style="bold"))
            yield Label("Type a date (friday, +3d, in 2 weeks, 2026-12-24):")
            yield Input(placeholder="enter alone: +1 day · tab: the buttons", id="snooze-date")
            yield Static("", id="snooze-error")
            with Horizontal():
                yield Button(f"1  +1 day ({day:%a %d %b})", id="snooze-day", variant="primary")
                yield Button(f"2  +1 week ({week:%a %d %b})", id="snooze-week")

    def on_mount(self) -> None:
        self.query_one("#snooze-date", Input).focus()

    def action_preset(self, days: int) -> None:
        self.dismiss(self.today + timedelta(days=days))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#snooze-day")
    def _day(self) -> None:
        self.action_preset(1)

    @on(Button.Pressed, "#snooze-week")
    def _week(self) -> None:
        self.action_preset(7)

    @on(Input.Submitted, "#snooze-date")
    def _typed(self, event: Input.Submitted) -> None:
        error = self.query_one("#snooze-error", Static)
        if not event.value.strip():
            self.action_preset(1)
            return
        try:
            day = parse_date(event.value, self.today)
        except DateError as exc:
            error.update(Text(f"✗ {exc}"))
            return
        if day <= self.today:
            error.update(Text(f"✗ {day.isoformat()} is not after today: pick a later day"))
            return
        self.dismiss(day)
