"""Background work in the TUI: one way to report a failed worker, one way to compute in a worker
and install the result only if it is still wanted.

Every worker runs with ``exit_on_error=False``; when one raises, Textual posts
``Worker.StateChanged`` (ERROR) to the node that started it. The app and every screen
(:class:`ReportsWorkerErrors`) hand that to :func:`show_worker_error`: an error dialog, the
traceback in a private crash file, and the app keeps running. A worker therefore catches only
what it expects (a data file it cannot read, say) and lets anything else reach the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from rich.text import Text
from textual.app import App
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from screens.background import read_retrying
from screens.widgets.literal import lit

T = TypeVar("T")
_UNREAD = object()


def show_worker_error(app: App[Any], worker: Worker[Any]) -> None:
    """Tell the user a background task failed (a dialog; the traceback goes to a crash file)."""
    from planner.storage import DataFileError

    error = worker.error
    if error is None:
        return
    what = worker.name or worker.group or "a background task"
    body = Text(end="")
    body.append_text(lit(f"{type(error).__name__}: {error}"))
    if not isinstance(error, DataFileError):
        try:
            from planner.crash import write_crash_file

            where = f"details in {write_crash_file(error, ['outreach', '(TUI)', what])}"
        except Exception as exc:  # the report itself must not fail
            where = f"no details saved ({exc})"
        body.append("\n\n")
        body.append_text(lit(where, "dim"))
    body.append(
        "\n\noutreach is still running and your saved changes are safe; what this task was "
        "showing may be out of date (switch sections to refresh it)."
    )
    from screens.widgets.confirm import ChoiceScreen

    app.push_screen(ChoiceScreen(f"Something went wrong: {what}", body, [("ok", "o  OK")]))


class ReportsWorkerErrors:
    """Mixin for screens: a worker started on the screen that fails shows the error dialog
    (``Worker.StateChanged`` does not bubble to the app)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            node: Any = self
            show_worker_error(node.app, event.worker)


class Latest(Generic[T]):
    """Compute in a worker thread, install on the UI thread, and only the latest result: a
    result whose :meth:`start` was overtaken by a newer one is dropped.

    ``compute`` only reads the store; a RuntimeError (the UI thread changed a dict under it)
    retries it, and when it keeps changing it runs on the UI thread instead.
    """

    def __init__(self, node: DOMNode, group: str) -> None:
        self.node = node
        self.group = group
        self.generation = 0

    def start(self, compute: Callable[[], T], install: Callable[[T], None]) -> None:
        """Run ``compute`` in a worker, then ``install(result)`` if nothing newer started."""
        self.generation += 1
        generation = self.generation

        def run() -> None:
            result: Any = read_retrying(compute)
            if result is None:
                result = _UNREAD
            self.node.app.call_from_thread(self._land, generation, result, compute, install)

        self.node.run_worker(
            run,
            name=self.group,
            group=self.group,
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _land(
        self, generation: int, result: Any, compute: Callable[[], T], install: Callable[[T], None]
    ) -> None:
        if generation != self.generation:
            return  # a newer computation is on its way
        install(compute() if result is _UNREAD else result)

    def drop(self) -> None:
        """Forget what is running (its result will not be installed)."""
        self.generation += 1
