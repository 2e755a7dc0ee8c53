"""Helpers shared by the subcommand groups: name resolution, JSON output, option parsing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

from planner import dates
from planner.commands.context import Context, UsageError
from planner.dates import DateError
from planner.lookup import LookupError_, describe, find_connection
from planner.models import Connection
from planner.storage import Store
from planner.text import json_safe


def resolve(store: Store, name: str) -> Connection:
    """The one connection ``name`` means, or UsageError (exit 2) listing candidates."""
    try:
        return find_connection(store.connections, name)
    except LookupError_ as exc:
        hint = f"; did you mean: {describe(exc.candidates)}" if exc.candidates else ""
        raise UsageError(f"{exc}{hint}") from None


def resolve_all(store: Store, names: list[str]) -> list[Connection]:
    """Resolve several names, dropping repeats but keeping order."""
    seen: dict[str, Connection] = {}
    for name in names:
        conn = resolve(store, name)
        seen.setdefault(conn.id, conn)
    return list(seen.values())


def parse_days(text: str, option: str) -> int:
    """A duration in days from ``7``, ``7d`` or ``2w`` (see :func:`planner.dates.parse_days`);
    UsageError naming ``option`` otherwise."""
    try:
        return dates.parse_days(text)
    except DateError as exc:
        raise UsageError(f"{option}: {exc}") from None


def days(n: int) -> timedelta:
    return timedelta(days=n)


def connection_json(store: Store, conn: Connection, today: date) -> dict[str, Any]:
    """The ``--json`` shape of a connection (a contract: extend, never rename)."""
    from planner import strength

    doc = conn.to_doc()
    last = store.last_contacted(conn.id)
    doc["name"] = conn.name
    doc["last_contacted"] = last.isoformat() if last else None
    doc["strength"] = strength.score(strength.of(store, conn.id), today)
    return doc


def print_json(ctx: Context, value: Any) -> None:
    """Print ``value`` as JSON; characters a terminal would act on or hide are ``\\u``
    escapes (the data is unchanged for a JSON reader)."""
    print(json_safe(json.dumps(value, ensure_ascii=False, indent=2)), file=ctx.out)
