"""Bulk-send check commands (placeholder until the bulk-send issue lands)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date

from planner.cli import Context
from planner.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``check`` (not yet)."""


def warn_before_saving(
    ctx: Context,
    store: Store,
    text: str,
    recipient_ids: Sequence[str],
    on: date,
    *,
    ignore_plan: str | None = None,
) -> bool:
    """Run the bulk-send check on a message about to be planned; print findings to stderr.

    Returns True when saving may go ahead (verdict not ``bulk``, or ``--yes`` given).
    """
    return True
