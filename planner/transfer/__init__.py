"""Bringing a network in and taking it out: LinkedIn exports, vCard, iCalendar, CSV, backups.

Every importer works on a :class:`~planner.storage.Store` in memory and fills an
:class:`ImportReport`; the command saves once at the end, so an import is one atomic write (or
nothing at all when the file is refused with :class:`NotRecognised`).
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO


class NotRecognised(Exception):
    """The file is not an export this importer reads (nothing is imported; exit 2)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row (or card) that was not taken: where it starts in the file and why."""

    line: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"line": self.line, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Change:
    """One field of an existing connection updated by an import."""

    connection_id: str
    name: str
    field: str
    old: str
    new: str

    def to_json(self) -> dict[str, Any]:
        return {
            "connection_id": self.connection_id,
            "name": self.name,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


@dataclass(slots=True)
class ImportReport:
    """What one file's import did: counts, the changes made and every skipped row."""

    source: str
    kind: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # e.g. "matched by URL": 12
    error: str = ""  # why nothing was imported from this file (the others still were)

    def skip(self, line: int, reason: str) -> None:
        self.skipped.append(Skipped(line, reason))

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "kind": self.kind,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [s.to_json() for s in self.skipped],
            "changes": [c.to_json() for c in self.changes],
            "notes": list(self.notes),
            "counts": dict(self.counts),
            "error": self.error,
        }


class Progress:
    """A one-line row counter on stderr for large files, shown only on a terminal.

    Redirected or captured output (scripts, tests) stays clean.
    """

    MIN_ROWS = 5000
    INTERVAL_S = 0.2

    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        # The counter draws with \r and ESC [K itself, so it writes beneath the CLI's
        # SafeWriter (see planner.text); the label (a file name) is made safe here instead.
        self.stream = stream if stream is not None else getattr(sys.stderr, "raw", sys.stderr)
        from planner.text import safe

        self.label = safe(label)
        self.total = total
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = total >= self.MIN_ROWS and bool(isatty and isatty())
        self._last = 0.0

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= self.INTERVAL_S:
            self._last = now
            pct = 100 * done // max(self.total, 1)
            self.stream.write(f"\r{self.label}: {done:,}/{self.total:,} rows ({pct}%)")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while an import builds many objects.

    Parsing creates hundreds of thousands of long-lived objects and no cycles; with the
    collector running, its repeated full passes made a 30,000-card import ~2.5x slower.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
