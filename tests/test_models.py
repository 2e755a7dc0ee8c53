"""The data model rejects invalid values with messages a person can act on."""

from __future__ import annotations

from datetime import date

import pytest

from planner.models import (
    Birthday,
    Connection,
    Interaction,
    Occasion,
    Plan,
    ValidationError,
    parse_cadence,
    split_name,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("1990-02-28", "1990-02-28"),
        ("02-29", "--02-29"),
        ("--12-01", "--12-01"),
        ("3-7", "--03-07"),
    ],
)
def test_birthday_accepts_with_and_without_year(text: str, iso: str) -> None:
    assert Birthday.parse(text).iso() == iso


@pytest.mark.parametrize("text", ["1990-02-29", "13-01", "02-30", "tomorrow", "", "1990/02/01"])
def test_birthday_rejects_impossible_dates(text: str) -> None:
    with pytest.raises(ValidationError, match="birthday"):
        Birthday.parse(text)


@pytest.mark.parametrize(
    ("text", "norm"),
    [("2w", "2w"), ("1M", "1m"), (" 3m ", "3m"), ("6m", "6m"), ("1y", "1y"), ("10d", "10d")],
)
def test_cadence_is_normalised(text: str, norm: str) -> None:
    assert parse_cadence(text) == norm


@pytest.mark.parametrize("text", [None, "", "none", "None"])
def test_cadence_none_means_no_cadence(text: str | None) -> None:
    assert parse_cadence(text) is None


@pytest.mark.parametrize("text", ["5q", "0m", "monthly", "-1w", "1.5m"])
def test_unknown_cadence_is_rejected(text: str) -> None:
    with pytest.raises(ValidationError, match="unknown cadence"):
        parse_cadence(text)


def test_connection_needs_a_name() -> None:
    with pytest.raises(ValidationError, match="needs a name"):
        Connection(id="c1", first_name="  ", last_name="")


def test_single_name_is_a_first_name_and_tags_are_deduplicated() -> None:
    conn = Connection(id="c1", first_name="", last_name="Madonna", tags=["a", " a", "b", ""])
    assert (conn.first_name, conn.last_name, conn.name) == ("Madonna", "", "Madonna")
    assert conn.tags == ["a", "b"]


def test_connection_round_trips_through_its_document() -> None:
    conn = Connection(
        id="c7",
        first_name="Priya",
        last_name="Nair",
        company="Acme",
        how_we_know="PyCon 2024 sprint",
        connected_on=date(2024, 5, 1),
        tags=["client"],
        birthday=Birthday(2, 29),
        cadence="3m",
        no_bulk=True,
        notes="[/] literal",
    )
    assert Connection.from_doc(conn.to_doc()) == conn
    assert conn.to_doc()["birthday"] == "--02-29"


def test_interaction_validates_direction_and_channel() -> None:
    with pytest.raises(ValidationError, match="direction"):
        Interaction(id="i1", connection_id="c1", date=date(2026, 1, 1), direction="up")
    with pytest.raises(ValidationError, match="channel"):
        Interaction(id="i1", connection_id="c1", date=date(2026, 1, 1), channel="pigeon")


def test_plan_needs_recipients_and_occasion_needs_label_and_date() -> None:
    with pytest.raises(ValidationError, match="recipient"):
        Plan(id="p1", recipients=[], due=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="label"):
        Occasion(id="o1", connection_id="c1", label=" ", month=1, day=1)
    with pytest.raises(ValidationError, match="date"):
        Occasion(id="o1", connection_id="c1", label="x")
    with pytest.raises(ValidationError, match="birthday|02-30"):
        Occasion(id="o1", connection_id="c1", label="x", month=2, day=30)


def test_split_name() -> None:
    assert split_name("  Ana  de la Cruz ") == ("Ana", "de la Cruz")
    assert split_name("Cher") == ("Cher", "")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("02-30", "February has no 30th"),
        ("04-31", "April has no 31st"),
        ("1987-02-29", "1987 is not a leap year"),
        ("13-01", "there is no month 13"),
    ],
)
def test_an_impossible_birthday_says_why_in_words(text: str, says: str) -> None:
    with pytest.raises(ValidationError, match=says):
        Birthday.parse(text)
