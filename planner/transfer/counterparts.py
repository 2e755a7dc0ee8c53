"""Who is at the other end of a LinkedIn message or invitation: one of the user's connections.

Matched by profile URL, else by the exact full name (any case and spacing) when it names exactly
one connection. A name shared by several connections is never guessed; a connection whose
recorded profile URL differs from the message's is not the same person whatever the name.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from planner.models import Connection
from planner.transfer.matching import url_key

HIDDEN_MEMBER = "linkedin member"  # how an export shows members who hide their name
BY_URL, BY_NAME = "matched by URL", "matched by name"


@functools.lru_cache(maxsize=1 << 16)  # a messages file repeats the same few thousand names
def name_key(name: str) -> str:
    """A full name as compared: any case, spacing collapsed."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class Match:
    """A counterpart found (``connection_id`` and how), or why not (``reason``, ``count``)."""

    connection_id: str = ""
    how: str = ""
    reason: str = ""
    count: str = ""  # the summary's count this outcome falls under


class Counterparts:
    """The user's connections indexed by profile URL and by full name."""

    def __init__(self, connections: Iterable[Connection]) -> None:
        self.by_url: dict[str, str] = {}
        self.by_name: dict[str, list[Connection]] = {}
        for conn in connections:
            if key := url_key(conn.url):
                self.by_url.setdefault(key, conn.id)
            self.by_name.setdefault(name_key(conn.name), []).append(conn)

    def knows_name(self, name: str) -> bool:
        return name_key(name) in self.by_name

    def find(self, name: str, url: str = "") -> Match:
        """The connection that ``name`` / ``url`` (either may be empty) is, or why none is."""
        key = url_key(url)
        if key and key in self.by_url:
            return Match(self.by_url[key], BY_URL)
        nkey = name_key(name)
        shown = name or "the other person"
        if nkey == HIDDEN_MEMBER and not key:
            return Match(
                reason="LinkedIn Member: a member who hides their name; cannot tell who it is",
                count="skipped: hidden member",
            )
        candidates = [c for c in self.by_name.get(nkey, ()) if not (key and url_key(c.url))]
        if len(candidates) == 1:
            return Match(candidates[0].id, BY_NAME)
        if len(candidates) > 1:
            listed = ", ".join(
                f"{c.id} {c.name}{f' ({c.company})' if c.company else ''}" for c in candidates[:5]
            )
            more = f" and {len(candidates) - 5} more" if len(candidates) > 5 else ""
            return Match(
                reason=f"{shown}: {len(candidates)} connections have this name ({listed}{more}); "
                "not guessed",
                count="skipped: ambiguous name",
            )
        where = url or "no profile URL"
        same_name = self.by_name.get(nkey, ())
        if same_name:
            return Match(
                reason=f"{shown} ({where}) is not one of your connections: "
                f"{same_name[0].id} {same_name[0].name} has another profile URL",
                count="skipped: not a connection",
            )
        return Match(
            reason=f"{shown} ({where}) is not one of your connections "
            "(no connection has that profile URL or that exact name)",
            count="skipped: not a connection",
        )
