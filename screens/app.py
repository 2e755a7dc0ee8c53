"""The Textual app (placeholder until the TUI issue lands): lists connections."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from planner.store import Store


class OutreachApp(App[int]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def __init__(self, db_path: Path, today: date) -> None:
        super().__init__()
        self.db_path = db_path
        self.today = today

    def compose(self) -> ComposeResult:
        yield Header()
        store = Store.open(self.db_path)
        names = sorted(c.name for c in store.connections.values())
        yield Static(Text("\n".join(names) or "No connections yet."))
        yield Footer()


def make_app(db_path: Path | str, today: date | None = None) -> OutreachApp:
    """Build the app on ``db_path``; ``today`` fixes the date for tests and demos."""
    return OutreachApp(Path(db_path), today or date.today())
