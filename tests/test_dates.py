"""The DATE forms people type, relative to a fixed base day (Thursday 26 November 2026)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.dates import DateError, add_months, parse_date, parse_days, parse_duration, shift
from planner.models import parse_cadence

BASE = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("today", BASE),
        ("Today", BASE),
        ("tomorrow", date(2026, 11, 27)),
        ("yesterday", date(2026, 11, 25)),
        ("+3d", date(2026, 11, 29)),
        ("+2w", date(2026, 12, 10)),
        ("+1m", date(2026, 12, 26)),
        ("+1y", date(2027, 11, 26)),
        ("-3d", date(2026, 11, 23)),
        ("+ 10 days", date(2026, 12, 6)),
        ("in 2 weeks", date(2026, 12, 10)),
        ("in 3 days", date(2026, 11, 29)),
        ("in 1 month", date(2026, 12, 26)),
        ("in a year", date(2027, 11, 26)),
        ("friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        ("next friday", date(2026, 12, 4)),
        ("thursday", date(2026, 12, 3)),  # a weekday name never means today
        ("monday", date(2026, 11, 30)),
        ("next monday", date(2026, 11, 30)),
        ("dec 24", date(2026, 12, 24)),
        ("December 24", date(2026, 12, 24)),
        ("24 dec", date(2026, 12, 24)),
        ("nov 26", BASE),  # today counts: the next one on or after the base day
        ("nov 25", date(2027, 11, 25)),
        ("jan 5", date(2027, 1, 5)),
        ("24 Dec 2026", date(2026, 12, 24)),
        ("Dec 24, 2027", date(2027, 12, 24)),
        ("feb 29", date(2028, 2, 29)),
        ("  in   2   weeks  ", date(2026, 12, 10)),
    ],
)
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_date(text, BASE) == expected


def test_months_clamp_to_month_end() -> None:
    assert parse_date("+1m", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_date("+1m", date(2028, 1, 31)) == date(2028, 2, 29)
    assert parse_date("+1y", date(2028, 2, 29)) == date(2029, 2, 28)
    assert parse_date("in 3 months", date(2026, 11, 30)) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "garbage",
        "soon",
        "next",
        "next week",
        "2026-13-01",
        "2026-02-30",
        "26/11/2026",
        "12/24",
        "feb 30",
        "31 apr",
        "+3x",
        "+d",
        "in two weeks",
        "in 2 fortnights",
        "friday 13th",
        "dec 24 at noon",
        "funday",
        "the 24th of december",
        "20261224",
    ],
)
def test_anything_else_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text, BASE)
    message = str(info.value)
    assert repr(text) in message
    for form in ("YYYY-MM-DD", "today", "+3d", "in 2 weeks", "next friday", "dec 24"):
        assert form in message


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(
    base=st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)),
    weekday=st.sampled_from(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    ),
)
def test_weekday_names_land_on_that_weekday_within_two_weeks(base: date, weekday: str) -> None:
    plain = parse_date(weekday, base)
    following = parse_date(f"next {weekday}", base)
    assert plain.strftime("%A").lower() == weekday
    assert following.strftime("%A").lower() == weekday
    assert 1 <= (plain - base).days <= 7
    assert 1 <= (following - base).days <= 13
    # "next friday" is in the week after this one (weeks start on Monday)
    assert following.isocalendar()[:2] == (base + timedelta(weeks=1)).isocalendar()[:2]


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(base=st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)))
def test_month_steps_never_overshoot_the_target_month(base: date) -> None:
    later = parse_date("+1m", base)
    assert (later.year * 12 + later.month) - (base.year * 12 + base.month) == 1
    assert later.day == base.day or later.day < base.day  # clamped only when shorter


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(
    base=st.dates(min_value=date(1970, 1, 1), max_value=date(2200, 12, 31)),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2000, 12, 31)),
)
def test_month_day_is_the_next_one_on_or_after_base(base: date, day: date) -> None:
    text = day.strftime("%b %d")
    found = parse_date(text, base)
    assert (found.month, found.day) == (day.month, day.day)
    assert found >= base
    assert (found - base).days < 366 * 8


# --- the one duration grammar and the one month arithmetic --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("7", 7), ("0", 0), ("3d", 3), ("2w", 14), (" 2 W ", 14), ("3 days", 3), ("1 week", 7)],
)
def test_day_counts_read_days_and_weeks(text: str, expected: int) -> None:
    assert parse_days(text) == expected


@pytest.mark.parametrize("text", ["", "1m", "1y", "two weeks", "-3d", "3x", "12345d"])
def test_day_counts_refuse_anything_else_in_plain_words(text: str) -> None:
    with pytest.raises(DateError, match="use days or weeks, e.g. 3d or 2w"):
        parse_days(text)


def test_dates_cadences_and_day_counts_share_the_duration_grammar() -> None:
    for text in ("3d", "2 weeks", "1 mo", "1y"):
        count, unit = parse_duration(text) or (0, "")
        assert parse_date(f"+{text}", BASE) == shift(BASE, count, unit)
        assert parse_cadence(text) == f"{count}{unit}"
    assert parse_duration("1m", "dw") is None and parse_days("2 weeks") == 14


@settings(max_examples=300, deadline=None)
@given(day=st.dates(date(1, 1, 1), date(9990, 12, 31)), months=st.integers(-1200, 1200))
def test_add_months_agrees_with_relativedelta(day: date, months: int) -> None:
    from dateutil.relativedelta import relativedelta

    try:
        expected = day + relativedelta(months=months)
    except ValueError:  # past the calendar: both refuse
        with pytest.raises(ValueError):
            add_months(day, months)
        return
    assert add_months(day, months) == expected
