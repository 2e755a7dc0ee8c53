"""The bundled demo network, rebased so it looks alive on whatever day it is opened.

``data.json`` (packaged in the wheel as ``planner/demo_data.json``) is written relative to the
reference day in its ``_meta`` record. :func:`demo_copy` shifts every date by
``today - reference_day`` and writes the result to a fresh temporary file, so ``outreach --demo``
always has overdue, due-today and upcoming items, and nothing done in the demo is kept. The
shipped file is only ever read.

What moves: interaction dates and follow-up dates, plan due/snooze/created dates, connected-on
dates, birthdays and yearly occasions (their year moves with them, so ages stay right). What
stays: a 29 February birthday or occasion (moving it would lose what makes it special) and
RRULE occasions (they follow the real calendar, e.g. the 4th Thursday of November).
"""

from __future__ import annotations

import atexit
import calendar
import os
import shutil
import tempfile
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from planner.storage import write_atomic

RESOURCE_NAME = "demo_data.json"  # inside the installed ``planner`` package (see pyproject)
CHECKOUT_FILE = Path(__file__).resolve().parent.parent / "data.json"


def bundled_bytes() -> bytes:
    """The shipped demo file: the packaged resource when installed, else the checkout's file."""
    try:
        resource = resources.files("planner") / RESOURCE_NAME
        if resource.is_file():
            return resource.read_bytes()
    except (OSError, ModuleNotFoundError):
        pass
    return CHECKOUT_FILE.read_bytes()


def demo_copy(today: date) -> Path:
    """Write the demo network, rebased to ``today``, to a fresh temporary file; return its path.

    The folder is private (0700), the file 0600, and both are removed when the process exits.
    """
    data = rebase(orjson.loads(bundled_bytes()), today)
    folder = Path(tempfile.mkdtemp(prefix="outreach-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "data.json"
    write_atomic(path, orjson.dumps(data))
    # Its summary cache (planner.storage.summary) lives and goes with the copy, not in the
    # user's cache.
    os.environ["OUTREACH_CACHE_DIR"] = str(folder / "cache")
    return path


def reference_day(data: dict[str, Any]) -> date:
    """The day the demo file was written for (``_meta.1.reference_day``)."""
    return date.fromisoformat(data["_meta"]["1"]["reference_day"])


def rebase(data: dict[str, Any], today: date) -> dict[str, Any]:
    """Shift the demo document (in place) so that its reference day becomes ``today``."""
    ref = reference_day(data)
    delta = timedelta(days=(today - ref).days)
    data["_meta"]["1"]["reference_day"] = today.isoformat()
    if not delta:
        return data
    for doc in (data.get("connections") or {}).values():
        doc["connected_on"] = _shift_iso(doc.get("connected_on"), delta)
        if doc.get("birthday"):
            doc["birthday"] = _shift_birthday(doc["birthday"], ref, delta)
    for doc in (data.get("interactions") or {}).values():
        doc["date"] = _shift_iso(doc["date"], delta)
        doc["follow_up_on"] = _shift_iso(doc.get("follow_up_on"), delta)
    for doc in (data.get("plans") or {}).values():
        for key in ("due", "snoozed_until", "created_on"):
            doc[key] = _shift_iso(doc.get(key), delta)
    for doc in (data.get("occasions") or {}).values():
        if doc.get("rrule") or doc.get("month") is None or doc.get("day") is None:
            continue
        month, day, year = _shift_yearly(doc["month"], doc["day"], doc.get("year"), ref, delta)
        doc.update(month=month, day=day, year=year)
    return data


def _shift_iso(value: str | None, delta: timedelta) -> str | None:
    if not value:
        return value
    return (date.fromisoformat(value) + delta).isoformat()


def _shift_birthday(value: str, ref: date, delta: timedelta) -> str:
    """Shift ``YYYY-MM-DD`` or ``--MM-DD``; the year (when known) moves by whole years."""
    year_part, month, day = value.rsplit("-", 2)
    year = int(year_part) if year_part.strip("-") else None
    new_month, new_day, new_year = _shift_yearly(int(month), int(day), year, ref, delta)
    md = f"{new_month:02d}-{new_day:02d}"
    return f"{new_year:04d}-{md}" if new_year else f"--{md}"


def _shift_yearly(
    month: int, day: int, year: int | None, ref: date, delta: timedelta
) -> tuple[int, int, int | None]:
    """Move a yearly date as its occurrence in the reference year moves by ``delta``.

    29 February stays put. A known year moves by as many years as that occurrence did, so
    "turns 50 today" stays true; landing on 29 February of a common year becomes the 28th.
    """
    if (month, day) == (2, 29):
        return month, day, year
    moved = date(ref.year, month, day) + delta
    month, day = moved.month, moved.day
    if year is not None:
        year += moved.year - ref.year
        if (month, day) == (2, 29) and not calendar.isleap(year):
            day = 28
    return month, day, year
