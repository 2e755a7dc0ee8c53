"""Dates as LinkedIn exports of every generation write them.

- ``15 Mar 2024`` (Connected On since about 2020), ``15-Mar-24`` (2023, or a spreadsheet's
  re-save), ``1/8/18, 6:14 PM`` (2018 exports and every Invitations.csv: month first, a time
  of day without a zone), ISO ``2023-06-11 15:33:58 UTC`` (messages), with or without ` UTC`.
- Message times in ISO form are UTC (LinkedIn's own, also when a re-save dropped the suffix)
  and are counted on the user's local calendar day; the 2018 form has no zone and is taken as
  written.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

_DAY_FORMATS = (
    "%d %b %Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d %B %Y",
    "%d %b %y",
    "%b %d, %Y",
    "%B %d, %Y",
)
# 2018: "1/8/18, 6:14 PM"; also without the time, with a four-digit year, or day first.
_SLASHED = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$"
)


def _slashed(value: str) -> datetime | None:
    m = _SLASHED.match(value)
    if not m:
        return None
    first, second, year_text, hour, minute, second_s, ampm = m.groups()
    year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    h = int(hour or 0)
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.upper() == "PM" else 0)
    # LinkedIn writes month first; a first number above 12 can only be a day (a re-save).
    month, day = (int(first), int(second)) if int(first) <= 12 else (int(second), int(first))
    try:
        return datetime(year, month, day, h, int(minute or 0), int(second_s or 0))
    except ValueError:
        return None


def parse_connected_on(value: str, _cache: dict[str, date | None] = {}) -> date | None:  # noqa: B006
    """A day in any form LinkedIn (or a spreadsheet re-saving its file) writes; None if none."""
    if value in _cache:
        return _cache[value]
    v = " ".join(value.split())
    result = None
    try:
        result = date.fromisoformat(v[:10]) if len(v) >= 10 and v[4] == "-" else None
    except ValueError:
        result = None
    if result is None and (stamp := _slashed(v)) is not None:
        result = stamp.date()
    if result is None:
        for fmt in _DAY_FORMATS:
            try:
                result = datetime.strptime(v, fmt).date()
                break
            except ValueError:
                continue
    _cache[value] = result
    return result


def parse_message_date(value: str, _offsets: dict[str, timedelta] = {}) -> date | None:  # noqa: B006
    """A message's day: ISO times (UTC) on the local calendar, the 2018 form as written."""
    v = value.strip()
    if v.upper().endswith(" UTC"):
        v = v[:-4].rstrip()
    elif v.upper().endswith("Z") and "T" in v.upper():
        v = v[:-1]
    try:
        stamp = datetime.fromisoformat(v)
    except ValueError:
        written = _slashed(v)
        if written is not None:
            return written.date()
        day = parse_connected_on(v)
        if day is not None:
            return day
        from dateutil import parser

        try:
            stamp = parser.parse(value)
        except (ValueError, OverflowError):
            return None
    plain = stamp.tzinfo is None and len(v) >= 13 and v[10] in " T"
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    # The local UTC offset, looked up once per hour of the export (zones change on the hour).
    hour = v[:13] if plain else stamp.strftime("%Y-%m-%d %H")
    offset = _offsets.get(hour)
    if offset is None:
        try:
            offset = stamp.replace(tzinfo=UTC).astimezone().utcoffset() or timedelta(0)
        except (OverflowError, ValueError, OSError):
            offset = timedelta(0)
        _offsets[hour] = offset
    try:
        return (stamp + offset).date()
    except OverflowError:
        return stamp.date()
