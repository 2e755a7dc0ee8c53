"""The ``outreach`` command line: global options, dispatch, exit codes.

Exit codes (every command): 0 ok, 1 warnings, 2 usage or input error, 3 data file error,
70 internal error (a bug: the traceback goes to a crash file, see :mod:`planner.crash`).
Errors go to stderr as one line. Each group of subcommands lives in ``planner/commands/`` and
registers itself with :func:`register` hooks; heavy imports happen inside the handlers so that
``outreach due`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from planner import __version__
from planner.dates import DateError, parse_date
from planner.models import ValidationError
from planner.storage import DataFileError, Store

EXIT_OK, EXIT_WARNINGS, EXIT_USAGE, EXIT_DATA = 0, 1, 2, 3


class UsageError(Exception):
    """Bad input from the user: exit 2 with this one-line message."""


@dataclass
class Context:
    """What every command handler gets: resolved data path, today, and the parsed args."""

    args: argparse.Namespace
    db_path: Path
    today: date
    demo: bool = False
    out: Any = field(default_factory=lambda: sys.stdout)
    config_path: Path | None = None  # --config PATH; None: $OUTREACH_CONFIG or the default

    def settings(self) -> Any:
        """The user's settings (planner.config.Settings); ConfigError (exit 2) when broken."""
        from planner import config

        return config.load(self.config_path)

    def open_store(self, *, write: bool = False) -> Store:
        """Load the data file; a writing command holds its lock until the store is closed."""
        return Store.open(self.db_path, lock=write)

    def open_summary(self, select: Callable[[Store, list[Any]], set[str]] | None = None) -> Store:
        """The store for a quick read (the summary cache when fresh; see Store.open_summary)."""
        return Store.open_summary(self.db_path, select=select)

    def date_arg(self, text: str | None, *, base: date | None = None) -> date | None:
        """Parse a DATE option (relative forms count from ``base``, else today)."""
        if text is None:
            return None
        try:
            return parse_date(text, base or self.today)
        except DateError as exc:
            raise UsageError(str(exc)) from None


Handler = Callable[[Context], int]


class ArgumentParser(argparse.ArgumentParser):
    """argparse with one-line errors (what was wrong, and where to read more)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")

    def _parse_optional(self, arg_string: str) -> Any:
        """A value that starts with one ``-`` and is no option of ours is a value: the
        documented ``--on -3d`` and ``--how "-2+3"`` work without ``=``. (``--typo`` is still
        an unknown option.)"""
        parsed = super()._parse_optional(arg_string)
        if (
            isinstance(parsed, tuple)
            and parsed[0] is None
            and not arg_string.startswith("--")
            and "=" not in arg_string
        ):
            return None
        return parsed


def default_db_path() -> Path:
    """``OUTREACH_DB`` if set, else the platform's user data folder."""
    env = os.environ.get("OUTREACH_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("outreach", appauthor=False) / "data.json"


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="outreach",
        description="A keyboard-driven planner for personal (never bulk) relationship outreach. "
        "With no command, opens the TUI.",
        epilog="Exit codes: 0 ok, 1 warnings, 2 usage or input error, 3 data file error, "
        "70 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"outreach {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="data file (default: $OUTREACH_DB, else the user data dir)"
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="settings file (default: $OUTREACH_CONFIG, else the user config dir)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="work on a fresh temporary copy of the bundled demo network",
    )
    parser.add_argument(
        "--today", metavar="DATE", help="pretend today is DATE (for reproducible runs)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    from planner.commands import REGISTRARS

    for register in REGISTRARS:
        register(sub)
    return parser


def _context(args: argparse.Namespace) -> Context:
    real_today = date.today()
    today = real_today
    if args.today:
        try:
            today = parse_date(args.today, real_today)
        except DateError as exc:
            raise UsageError(f"--today: {exc}") from None
    config = Path(args.config).expanduser() if args.config else None
    if args.demo:
        if args.db:
            raise UsageError("--demo and --db cannot be combined: the demo uses its own copy")
        from planner.demo import demo_copy

        return Context(args, demo_copy(today), today, demo=True, config_path=config)
    db = Path(args.db).expanduser() if args.db else default_db_path()
    return Context(args, db, today, config_path=config)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it).

    While a command runs, stdout and stderr go through :class:`planner.text.SafeWriter`:
    whatever a message or a listing contains (a name with an escape sequence, argparse
    quoting a bad value), the terminal only ever sees visible text.
    """
    from planner.text import SafeWriter

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeWriter(sys.stdout), SafeWriter(sys.stderr)
    try:
        return _main(argv, streams)
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None, streams: tuple[Any, Any]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        ctx = _context(args)
        if args.command is None:
            sys.stdout, sys.stderr = streams  # the TUI draws the terminal itself
            return _run_tui(ctx)
        handler: Handler = args.func
        return handler(ctx)
    except UsageError as exc:
        return _fail(EXIT_USAGE, str(exc))
    except (ValidationError, DateError) as exc:
        from planner.commands.hints import cli_message

        return _fail(EXIT_USAGE, cli_message(exc))
    except DataFileError as exc:
        return _fail(EXIT_DATA, str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `outreach list | head`
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # a bug: one line, the traceback in a crash file, exit 70
        from planner.crash import report_internal_error

        return report_internal_error(exc)


def _fail(code: int, message: str) -> int:
    print(f"outreach: {message}", file=sys.stderr)
    return code


def _run_tui(ctx: Context) -> int:
    from screens.app import make_app

    app = make_app(ctx.db_path, today=ctx.today)
    app.run()
    return app.return_code or 0
