"""Subcommand groups. Each module has ``register(sub)`` adding its parsers to the CLI.

:data:`MODULES` lists them in the order ``outreach --help`` shows their commands, and
:data:`COMMANDS` names the module of each top-level command, so that a run of one command
imports and builds only its own module's parsers (see :func:`planner.cli.build_parser`; a test
checks the table against what the modules register). Importing this package imports none of
them.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

MODULES = ("people", "history", "agenda", "check", "transfer", "settings", "doctor", "triage")

COMMANDS = {
    **dict.fromkeys(("add", "edit", "list", "show", "log", "delete"), "people"),
    "interaction": "history",
    **dict.fromkeys(
        ("plan", "write", "done", "snooze", "skip", "occasion", "greet", "due"), "agenda"
    ),
    "check": "check",
    **dict.fromkeys(("import", "export", "dupes", "merge"), "transfer"),
    "config": "settings",
    "doctor": "doctor",
    "triage": "triage",
}

Registrar = Callable[[argparse._SubParsersAction], None]


def registrar(module: str) -> Registrar:
    """The ``register`` hook of ``planner.commands.<module>`` (imported now)."""
    register: Registrar = importlib.import_module(f"planner.commands.{module}").register
    return register
