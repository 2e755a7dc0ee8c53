"""What every command handler shares: the Context it gets, UsageError and the exit codes.

Exit codes (every command): 0 ok, 1 warnings, 2 usage or input error, 3 data file error,
70 internal error (see :mod:`planner.crash`). A handler raises :class:`UsageError` for bad
input; :func:`planner.cli.main` turns it into one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from planner.dates import DateError, parse_date
from planner.storage import Store

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

    def open_summary(
        self,
        select: Callable[[Store, Any], set[str]] | None = None,
        plans_until: date | None = None,
    ) -> Store:
        """The store for a quick read (the summary cache when fresh; see Store.open_summary)."""
        return Store.open_summary(self.db_path, select=select, plans_until=plans_until)

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
