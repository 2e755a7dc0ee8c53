"""The ``outreach`` command line: global options, dispatch, exit codes.

Exit codes (every command): 0 ok, 1 warnings, 2 usage or input error, 3 data file error,
70 internal error (a bug: the traceback goes to a crash file, see :mod:`planner.crash`).
Errors go to stderr as one line. Each group of subcommands lives in ``planner/commands/`` and
registers itself with ``register`` hooks (what they share, Context and UsageError, is
:mod:`planner.commands.context`); heavy imports happen inside the handlers so that
``outreach due`` starts fast. A run of one command imports and builds only the parsers of that
command's module (:func:`command_of` finds it the way argparse would; anything it cannot tell
for sure, ``--help`` before the command included, builds them all).

With no command :func:`main` runs the ``tui`` it is given: the ``outreach`` launcher
(:mod:`outreach`, also behind ``python -m planner``) passes the Textual app, so the domain
never imports the UI.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from planner import __version__
from planner.commands import COMMANDS, MODULES, registrar
from planner.commands.context import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    ArgumentParser,
    Context,
    Handler,
    UsageError,
)
from planner.commands.hints import cli_message
from planner.dates import DateError, parse_date
from planner.models import ValidationError
from planner.storage import DataFileError
from planner.storage.summary import after_write

#: What opens the TUI for a run with no command: given the context, returns the exit code.
TuiRunner = Callable[[Context], int]


def default_db_path() -> Path:
    """``OUTREACH_DB`` if set, else the platform's user data folder."""
    env = os.environ.get("OUTREACH_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("outreach", appauthor=False) / "data.json"


def build_parser(command: str | None = None) -> ArgumentParser:
    """The ``outreach`` parser. With the name of a ``command``, only its module's subcommands
    are added (what parsing that command needs: the same options, help, errors and exit
    codes); otherwise every command's."""
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
    if command == "":
        modules: tuple[str, ...] = ()  # no command given: the TUI (see command_of)
    else:
        modules = (COMMANDS[command],) if command in COMMANDS else MODULES
    for module in modules:
        registrar(module)(sub)
    return parser


#: Global options that take a value, and those that do not (see :func:`command_of`).
_VALUE_OPTIONS = ("--db", "--config", "--today")
_FLAGS = ("--demo",)


def command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when it is plain: only the global options spelled out in full
    (``--db PATH`` or ``--db=PATH``...) before it; ``""`` when it is only such options (no
    command: the TUI). None for anything else (an abbreviated or unknown option, ``--help``,
    ``--version``, ``--``, an option missing its value): the caller then builds every command's
    parser, so the answer only ever decides how much is built, never what a command line
    means."""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _VALUE_OPTIONS:
            if i + 1 >= len(argv):
                return None
            i += 2
        elif arg in _FLAGS or arg.startswith(tuple(f"{o}=" for o in _VALUE_OPTIONS)):
            i += 1
        else:
            return arg if arg in COMMANDS else None
    return ""


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


def main(argv: Sequence[str] | None = None, *, tui: TuiRunner | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it). With no
    command, ``tui`` opens the TUI (without one, a no-command run is a usage error naming the
    ``outreach`` launcher).

    While a command runs, stdout and stderr go through :class:`planner.text.SafeWriter`:
    whatever a message or a listing contains (a name with an escape sequence, argparse
    quoting a bad value), the terminal only ever sees visible text.
    """
    from planner.text import SafeWriter

    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeWriter(sys.stdout), SafeWriter(sys.stderr)
    try:
        return _main(argv, streams, tui)
    finally:
        sys.stdout, sys.stderr = streams


def _main(argv: Sequence[str] | None, streams: tuple[Any, Any], tui: TuiRunner | None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(command_of(argv))
    args = parser.parse_args(argv)
    try:
        if args.command is None and tui is None:
            raise UsageError(
                "no command given: the TUI opens with 'outreach' (or 'python -m outreach'); "
                "see --help for the commands"
            )
        ctx = _context(args)
        # a save that writes the summary brings the bulk check's cache up to date too
        after_write("check", partial(_refresh_check_cache, ctx.today))
        if tui is not None and args.command is None:
            sys.stdout, sys.stderr = streams  # the TUI draws the terminal itself
            return tui(ctx)
        handler: Handler = args.func
        return handler(ctx)
    except UsageError as exc:
        return _fail(EXIT_USAGE, str(exc))
    except (ValidationError, DateError) as exc:
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


def _refresh_check_cache(today: date, store: Any) -> None:
    """After a save: the check cache follows the change (see planner.bulk.snapshot.refresh);
    nothing to do (and nothing imported) when there is none."""
    from planner.storage.summary import summary_path

    if summary_path(store.path).with_suffix(".check").exists():
        from planner.bulk import snapshot

        snapshot.refresh(store, today)


def _fail(code: int, message: str) -> int:
    print(f"outreach: {message}", file=sys.stderr)
    return code
