"""Parsing the dates people type: ISO dates, ``today``, ``+3d``, ``next friday``, ``dec 24``...

Every parser takes the ``base`` day that relative forms count from, so results are pure
functions of their input. The grammar is deliberately small and strict: anything outside it is
a :class:`DateError` listing the accepted forms (no fuzzy guessing that turns a typo into a
date). Month and year steps use ``dateutil.relativedelta``, which clamps to the month end
(31 January + 1 month is 28 or 29 February).

Weekdays: ``friday`` (or ``fri``, ``this friday``) is the first Friday strictly after ``base``
(1 to 7 days ahead); ``next friday`` is the Friday of the following Monday-to-Sunday week.
``dec 24`` without a year is the next 24 December on or after ``base``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

ACCEPTED_FORMS = (
    "YYYY-MM-DD, today, tomorrow, yesterday, +3d, +2w, +1m, +1y (or -3d), in 2 weeks, "
    "friday, next friday, dec 24, 24 Dec 2026"
)

MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: i
    for i, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "year": "y",
    "years": "y",
}

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OFFSET = re.compile(r"^([+-])\s*(\d.*)$")
_IN = re.compile(r"^in\s+(\d{1,4}|an?)\s*([a-z]+)$")
_WEEKDAY = re.compile(r"^(?:(this|next)\s+)?([a-z]+)$")
# "dec 24", "december 24, 2026", "24 dec", "24 dec 2026", "24. Dec 2026"
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$")


# The days outreach handles. The last year of Python's calendar is kept free so that a yearly
# event, a follow-up or a look-ahead from the last day never runs off the end (OverflowError).
FIRST_DAY = date(1, 1, 1)
LAST_DAY = date(9998, 12, 31)
RANGE_TEXT = f"{FIRST_DAY.isoformat()}..{LAST_DAY.isoformat()}"


class DateError(ValueError):
    """A date a person typed could not be understood; the message lists the accepted forms."""


def out_of_range(day: date, what: str = "date") -> str | None:
    """Why ``day`` is outside the days outreach handles (one line), or None."""
    if day > LAST_DAY:
        return f"{what} {day.isoformat()} is after {LAST_DAY.isoformat()}: use {RANGE_TEXT}"
    return None


def _error(text: str, why: str = "") -> DateError:
    reason = f" ({why})" if why else ""
    return DateError(f"cannot read the date {text!r}{reason}: use {ACCEPTED_FORMS}")


# The agenda's windows stop a day short of the calendar's end, so stepping one past them is safe.
_WINDOW_END = date.max - timedelta(days=1)


def days_after(day: date, days: int) -> date:
    """``day`` plus ``days``, stopping just short of the calendar's end instead of overflowing
    (a look-ahead or lead time that long only ever means "as far as there is")."""
    if days >= (_WINDOW_END - day).days:
        return max(day, _WINDOW_END)
    return day + timedelta(days=days)


def days_before(day: date, days: int) -> date:
    """``day`` minus ``days``, stopping at the calendar's first day."""
    if days >= (day - date.min).days:
        return date.min
    return day - timedelta(days=days)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` (may be negative), clamped to the end of a shorter month
    (31 January + 1 month is 28 or 29 February), as ``dateutil.relativedelta`` does (a test
    checks the two agree) but in plain integer arithmetic: relativedelta costs tens of
    microseconds a call, and the agenda makes thousands. ValueError past the calendar."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    if not 1 <= year <= 9999:
        raise ValueError(f"year {year} is out of range")
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(base: date, count: int, unit: str) -> date:
    """``base`` moved by ``count`` units of d/w/m/y (months and years clamp to month end)."""
    if unit == "d":
        return base + timedelta(days=count)
    if unit == "w":
        return base + timedelta(weeks=count)
    if unit == "m":
        return add_months(base, count)
    if unit == "y":
        return add_months(base, 12 * count)
    raise ValueError(f"unknown unit {unit!r}")


_DURATION = re.compile(r"^(\d{1,4})\s*([a-z]+)$")


def parse_duration(text: str, units: str = "dwmy") -> tuple[int, str] | None:
    """``(count, unit)`` of a duration such as ``3d``, ``2w``, ``2 weeks``, ``1m`` or ``1y``
    (up to 4 digits; the unit any word of :data:`UNITS` for one of ``units``), else None.
    The one duration grammar: dates (``+3d``), cadences and day counts all read it."""
    m = _DURATION.match(" ".join(str(text).strip().lower().split()))
    if not m:
        return None
    unit = UNITS.get(m.group(2))
    if unit is None or unit not in units:
        return None
    return int(m.group(1)), unit


def parse_days(text: str) -> int:
    """A number of days from ``7``, ``7d``, ``2w`` (or ``2 weeks``); DateError otherwise."""
    value = text.strip()
    if value.isdigit():
        return int(value)
    parsed = parse_duration(value, "dw")
    if parsed is None:
        raise DateError(f"cannot read {text!r}: use days or weeks, e.g. 3d or 2w")
    count, unit = parsed
    return count * 7 if unit == "w" else count


def parse_date(text: str, base: date) -> date:
    """Parse ``text`` relative to ``base``; raise DateError naming the accepted forms."""
    if not isinstance(text, str):
        raise _error(str(text))
    value = " ".join(text.strip().lower().split())
    if not value:
        raise _error(text, "empty")
    try:
        result = _parse(value, base)
    except (ValueError, OverflowError) as exc:
        if isinstance(exc, DateError):
            raise
        if isinstance(exc, OverflowError) or str(exc).startswith("year "):  # past the calendar
            why = f"outreach handles {RANGE_TEXT}"
            raise DateError(f"cannot use the date {text!r}: {why}") from None
        raise _error(text, "no such day") from None
    if result is None:
        raise _error(text)
    if (problem := out_of_range(result)) is not None:
        raise DateError(f"cannot use the date {text!r}: {problem}")
    return result


def _parse(value: str, base: date) -> date | None:
    if value == "today":
        return base
    if value == "tomorrow":
        return base + timedelta(days=1)
    if value == "yesterday":
        return base - timedelta(days=1)
    if _ISO.match(value):
        return date.fromisoformat(value)
    if m := _OFFSET.match(value):
        sign, rest = m.groups()
        if (step := parse_duration(rest)) is None:
            return None
        count, unit = step
        return shift(base, count * (-1 if sign == "-" else 1), unit)
    if m := _IN.match(value):
        number, word = m.groups()
        if (step := parse_duration(f"{1 if number in ('a', 'an') else number}{word}")) is None:
            return None
        return shift(base, *step)
    if m := _WEEKDAY.match(value):
        which, name = m.groups()
        if name not in WEEKDAYS:
            return None
        return _weekday(base, WEEKDAYS[name], following_week=which == "next")
    m = _MONTH_DAY.match(value)
    if m:
        month_name, day, year = m.groups()
    elif m := _DAY_MONTH.match(value):
        day, month_name, year = m.groups()
    else:
        return None
    if month_name not in MONTHS:
        return None
    return _month_day(base, MONTHS[month_name], int(day), int(year) if year else None)


def _weekday(base: date, weekday: int, *, following_week: bool) -> date:
    if following_week:
        next_monday = base + timedelta(days=7 - base.weekday())
        return next_monday + timedelta(days=weekday)
    ahead = (weekday - base.weekday()) % 7 or 7
    return base + timedelta(days=ahead)


def _month_day(base: date, month: int, day: int, year: int | None) -> date:
    if year is not None:
        return date(year, month, day)
    date(2000, month, day)  # a leap year: rejects 31 April, accepts 29 February
    for y in range(base.year, base.year + 8):  # 29 February comes round within 8 years
        try:
            candidate = date(y, month, day)
        except ValueError:
            continue
        if candidate >= base:
            return candidate
    raise ValueError("no such day")
