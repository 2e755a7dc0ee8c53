"""Import and export from the TUI, calling planner directly: the file is read and parsed in a
worker (a progress bar runs meanwhile), then applied through the operations layer on the UI
thread as one change (saved like any edit, one undo step); an export is built and written in a
worker. The summary is the same as the CLI's (planner.transfer.jobs)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Select, Static

from screens.background import read_retrying
from screens.widgets.literal import lit_lines
from screens.workers import ReportsWorkerErrors

if TYPE_CHECKING:
    from planner.transfer.jobs import PreparedImport
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


class TransferScreen(ReportsWorkerErrors, ModalScreen[None]):
    """Pick a format and a path, press enter; progress, then the outcome, are shown in place."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding(
            "ctrl+t",
            "triage",
            "Triage",
            id="transfer.triage",
            tooltip="After an import: a keep-in-touch cadence for everyone from their history",
        ),
    ]
    DEFAULT_CSS = """
    TransferScreen { align: center middle; }
    TransferScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2; }
    TransferScreen #transfer-out { height: auto; max-height: 12; }
    TransferScreen #progress { display: none; }
    TransferScreen.working #progress { display: block; }
    """

    def __init__(self, direction: str) -> None:
        super().__init__()
        self.direction = direction
        self.done = False  # True once the last job has finished (its outcome is shown)

    @property
    def outreach(self) -> OutreachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Import" if self.direction == "import" else "Export"
            yield Select(FORMATS[self.direction], allow_blank=False, id="format")
            yield Label("File (then enter):" if self.direction == "import" else "Write to:")
            yield Input(placeholder="~/Downloads/Connections.csv", id="path")
            yield ProgressBar(total=None, show_eta=False, id="progress")
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
        if self.outreach.ops is None:
            self.query_one("#result", Static).update(Text("✗ still loading the data file"))
            return
        fmt = str(self.query_one("#format", Select).value)
        self._working("Reading the file…" if self.direction == "import" else "Exporting…")
        target = Path(path).expanduser()
        if self.direction == "import":
            self._read(fmt, target)
        else:
            self._export(fmt, target)

    def _working(self, what: str) -> None:
        self.done = False
        self.add_class("working")
        self.query_one("#progress", ProgressBar).update(total=None, progress=0)
        self.query_one("#result", Static).update(Text(what))

    # --- import: read in a worker, apply on the UI thread ---

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _read(self, fmt: str, path: Path) -> None:
        from planner.transfer import NotRecognised, paused_gc
        from planner.transfer.jobs import read_import

        try:
            with paused_gc():
                prepared = read_import(fmt, [path], today=self.outreach.today)
        except NotRecognised as exc:
            self.app.call_from_thread(self._show, 2, [str(exc)])
            return
        self.app.call_from_thread(self._apply, prepared)

    def _apply(self, prepared: PreparedImport) -> None:
        """Apply a parsed import as one change (the app saves it and the screens follow)."""
        from planner.transfer import NotRecognised, paused_gc
        from planner.transfer.jobs import import_summary, next_steps, restore_summary

        ops = self.outreach.ops
        assert ops is not None
        self.query_one("#result", Static).update(Text("Importing…"))
        try:
            with paused_gc():
                reports = prepared.run(ops)
        except NotRecognised as exc:
            self._show(2, [str(exc)])
            return
        if prepared.restore_from is not None:
            self._show(0, restore_summary(ops.store, prepared.restore_from, prepared.copy))
            return
        skipped = any(r.skipped or r.error for r in reports)
        self._show(1 if skipped else 0, import_summary(reports) + next_steps(prepared))

    # --- export: built and written in a worker ---

    @work(thread=True, exclusive=True, group="transfer", exit_on_error=False)
    def _export(self, fmt: str, path: Path) -> None:
        from planner.storage import DataFileError, write_atomic
        from planner.transfer.jobs import check_target, export_data

        app = self.outreach
        problem = check_target(app.db_path, path, replace=False)
        if problem:
            self.app.call_from_thread(self._show, 2, [f"{path}: {problem}"])
            return
        store = app.store
        assert store is not None
        built = read_retrying(lambda: export_data(fmt, store, app.today))
        if built is None:  # the network kept changing under the worker: build it here
            built = self.app.call_from_thread(export_data, fmt, store, app.today)
        data, what = built
        try:
            write_atomic(path, data)
        except DataFileError as exc:
            self.app.call_from_thread(self._show, 3, [str(exc)])
            return
        self.app.call_from_thread(self._show, 0, [f"wrote {what} to {path}"])

    def _show(self, code: int, lines: list[str]) -> None:
        self.remove_class("working")
        mark = {0: "✓ done", 1: "⚠ done, with rows skipped"}.get(code, "✗ failed")
        text = Text(f"{mark}\n", style="bold", end="")
        text.append_text(lit_lines("\n".join(lines).strip()[-4000:]))
        self.imported = self.direction == "import" and code in (0, 1)
        if self.imported:
            text.append(
                "\nNext: press ctrl+t to triage (a keep-in-touch cadence for everyone, "
                "from your history), or escape for Today.",
                style="bold",
            )
        self.query_one("#result", Static).update(text)
        self.done = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "triage":
            return True if getattr(self, "imported", False) else None
        return True

    def action_triage(self) -> None:
        from screens.triage import open_triage

        self.dismiss(None)
        open_triage(self.outreach)

    def action_close(self) -> None:
        self.dismiss(None)
