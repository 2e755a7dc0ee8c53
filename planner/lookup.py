"""Finding connections by what a person types: a full name (any case) or an id."""

from __future__ import annotations

from collections.abc import Iterable

from planner.models import Connection
from planner.text import safe


class LookupError_(LookupError):
    """No connection, or more than one, matches; ``candidates`` lists near matches."""

    def __init__(self, message: str, candidates: list[Connection]) -> None:
        super().__init__(message)
        self.candidates = candidates


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def find_connection(connections: dict[str, Connection], text: str) -> Connection:
    """Resolve ``text`` to exactly one connection: an id, else a case-insensitive full name.

    Raises LookupError_ listing candidates when nothing or several people match.
    """
    if text in connections:
        return connections[text]
    key = _key(text)
    if not key:
        raise LookupError_("empty name: give a full name or an id", [])
    exact = [c for c in connections.values() if _key(c.name) == key]
    if len(exact) == 1:
        return exact[0]
    if exact:
        raise LookupError_(
            f"{len(exact)} connections are called {text!r}: use an id instead", exact
        )
    near = [c for c in connections.values() if key in _key(c.name)]
    raise LookupError_(f"no connection called {text!r}", near[:10])


def same_name(connections: dict[str, Connection], name: str) -> list[Connection]:
    """The people already called ``name`` (any case and spacing): before adding someone, so a
    second "Priya Nair" is a choice, not an accident."""
    key = _key(name)
    return [c for c in connections.values() if key and _key(c.name) == key]


def describe(candidates: Iterable[Connection]) -> str:
    """One line naming candidates with their ids, for error messages."""
    parts = [
        f"{c.id} {safe(c.name)}" + (f" ({safe(c.company)})" if c.company else "")
        for c in candidates
    ]
    return "; ".join(parts)
