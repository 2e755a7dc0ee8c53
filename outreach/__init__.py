"""The ``outreach`` launcher: the command line, or with no command the TUI.

The only place the two halves meet: :mod:`planner` (the domain and the CLI) never imports
:mod:`screens` (the Textual UI), so the launcher hands :func:`planner.cli.main` the function
that opens the TUI. ``outreach`` (the console script), ``python -m outreach`` and
``python -m planner`` all run :func:`main`.
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.cli import main as cli_main
from planner.commands.context import Context


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``outreach``: a command, or with none the TUI. Returns the exit code."""
    return cli_main(argv, tui=run_tui)


def run_tui(ctx: Context) -> int:
    """Open the TUI on the context's data file (imported here: commands never load Textual)."""
    if ctx.config_path is not None:  # the TUI's parts read the settings file from here
        import os

        os.environ["OUTREACH_CONFIG"] = str(ctx.config_path)
    from screens.app import make_app

    app = make_app(ctx.db_path, today=ctx.today, config_path=ctx.config_path)
    app.run()
    return app.return_code or 0
