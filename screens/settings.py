"""Settings from the TUI: the daily limit (planner.config's ``daily-limit``)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from planner import config


class DailyLimitScreen(ModalScreen[int | None]):
    """Type a new daily limit; it is validated and saved to the settings file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]
    DEFAULT_CSS = """
    DailyLimitScreen { align: center middle; }
    DailyLimitScreen > Vertical { width: 64; max-width: 100%; height: auto;
        border: thick $accent; background: $surface; padding: 1 2; }
    DailyLimitScreen #limit-error { color: $error; height: auto; }
    """

    def compose(self) -> ComposeResult:
        settings, problem = config.load_or_defaults()
        with Vertical() as box:
            box.border_title = "Daily limit"
            yield Label(
                Text(
                    "Keep-in-touch and reconnect rows Today shows each day (birthdays, "
                    "occasions, plans, follow-ups and news are always shown):"
                )
            )
            yield Input(str(settings.daily_limit), id="limit", type="integer")
            yield Static(Text(f"⚠ {problem}") if problem else "", id="limit-error")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#limit")
    def _save(self, event: Input.Submitted) -> None:
        from planner.storage import DataFileError

        try:
            settings = config.set_value("daily-limit", event.value)
        except (config.ConfigError, DataFileError) as exc:
            self.query_one("#limit-error", Static).update(Text(f"✗ {exc}"))
            return
        self.app.notify(f"Daily limit: {settings.daily_limit} a day.", markup=False, timeout=3)
        changed = getattr(self.app, "changed", None)
        if callable(changed):
            changed("settings")  # Today redraws with the new budget
        self.dismiss(settings.daily_limit)

    def action_cancel(self) -> None:
        self.dismiss(None)
