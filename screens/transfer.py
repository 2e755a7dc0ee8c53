"""Import and export from the TUI: runs the same ``outreach import/export`` command in a
subprocess (after saving), shows its summary, and reloads the network after an import."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from screens.widgets.literal import lit_lines

if TYPE_CHECKING:
    from screens.app import OutreachApp

FORMATS = {
    "import": [
        ("LinkedIn export (Connections.csv, messages.csv, zip)", "linkedin"),
        ("vCard (.vcf)", "vcard"),
        ("JSON backup (replaces the network)", "json"),
    ],
    "export": [
        ("vCard (.vcf)", "vcard"),
        ("iCalendar (.ics)", "ics"),
        ("JSON backup", "json"),
        ("CSV spreadsheet", "csv"),
    ],
}


class TransferScreen(ModalScreen[None]):
    """Pick a format and a path, press enter; the outcome is shown in place."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]
    DEFAULT_CSS = """
    TransferScreen { align: center middle; }
    TransferScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2; }
    TransferScreen #transfer-out { height: auto; max-height: 12; }
    """

    def __init__(self, direction: str) -> None:
        super().__init__()
        self.direction = direction

    @property
    def outreach(self) -> OutreachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Import" if self.direction == "import" else "Export"
            yield Select(FORMATS[self.direction], allow_blank=False, id="format")
            yield Label("File (then enter):" if self.direction == "import" else "Write to:")
            yield Input(placeholder="~/Downloads/Connections.csv", id="path")
            with VerticalScroll(id="transfer-out"):
                yield Static("", id="result")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def _go(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path:
            self.query_one("#result", Static).update(Text("✗ give a file path"))
            return
        fmt = str(self.query_one("#format", Select).value)
        self.query_one("#result", Static).update(Text("Working…"))
        self._run(fmt, path)

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _run(self, fmt: str, path: str) -> None:
        app = self.outreach
        from planner.storage import DataFileError, Store

        try:
            app._save_blocking()  # the command reads the file: give it our latest changes
        except DataFileError as exc:
            self.app.call_from_thread(self._show, 3, "", str(exc))
            return
        target = [path] if self.direction == "import" else ["-o", path]
        cmd = [
            sys.executable,
            "-m",
            "planner",
            "--db",
            str(app.db_path),
            "--today",
            app.today.isoformat(),
            self.direction,
            fmt,
            *target,
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        store = None
        if self.direction == "import" and done.returncode in (0, 1):
            try:
                store = Store.open(app.db_path)
            except DataFileError as exc:
                self.app.call_from_thread(self._show, 3, done.stdout, str(exc))
                return
        self.app.call_from_thread(self._finish, done.returncode, done.stdout, done.stderr, store)

    def _finish(self, code: int, out: str, err: str, store: object) -> None:
        if store is not None:
            self.outreach.replace_store(store)  # type: ignore[arg-type]
        self._show(code, out, err)

    def _show(self, code: int, out: str, err: str) -> None:
        mark = {0: "✓ done", 1: "⚠ done, with rows skipped"}.get(code, "✗ failed")
        text = Text(f"{mark}\n", style="bold", end="")
        text.append_text(lit_lines((out + err).strip()[-4000:]))
        self.query_one("#result", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
