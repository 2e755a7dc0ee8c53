"""Relationship strength: hand-computed cases, properties, the JSON keys and the card words."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from planner import strength
from planner.models import CHANNELS, DIRECTIONS, Interaction
from planner.strength import basis, combine, describe, score

TODAY = date(2026, 11, 26)


def inter(days_ago: int, direction: str = "sent", channel: str = "linkedin", n: int = 1):
    return Interaction(
        id=f"i{n}",
        connection_id="c1",
        date=TODAY - timedelta(days=days_ago),
        direction=direction,
        channel=channel,
    )


def test_hand_computed_cases() -> None:
    # one reply today: R = 1, 100 * (1 - e^(-1/4)) = 22.1
    assert strength.strength([inter(0, "received")], TODAY) == 22
    # one message of yours that got no reply: R = 0.25, 100 * (1 - e^(-1/16)) = 6.06
    assert strength.strength([inter(0)], TODAY) == 6
    # a meeting one half-life ago: R = 3 * 0.5 = 1.5, 100 * (1 - e^(-0.375)) = 31.3
    assert strength.strength([inter(180, channel="meeting")], TODAY) == 31
    # four replies today: R = 4, 100 * (1 - e^(-1)) = 63.2
    assert strength.strength([inter(0, "received", n=k) for k in range(4)], TODAY) == 63
    # a call two half-lives ago and a reply today: R = 2 * 0.25 + 1 = 1.5 -> 31
    assert strength.strength([inter(360, channel="phone"), inter(0, "received", n=2)], TODAY) == 31
    # nothing at all
    assert strength.strength([], TODAY) == 0


def test_words_on_the_card() -> None:
    close = [inter(21 + k * 5, "received" if k % 2 else "sent", n=k) for k in range(14)]
    assert describe(basis(close), TODAY) == "close: 14 exchanges, last 3 weeks ago"
    one_way = [inter(10 * k, n=k) for k in range(3)]
    assert describe(basis(one_way), TODAY) == "one-way: 3 messages, no reply"
    assert describe(None, TODAY) == "no history yet"
    old = [inter(800, "received"), inter(801, n=2)]
    assert describe(basis(old), TODAY) == "faded: 2 exchanges, last 2 years ago"


histories = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3000),
        st.sampled_from(DIRECTIONS),
        st.sampled_from(CHANNELS),
    ),
    min_size=1,
    max_size=12,
)


def build(items: list[tuple[int, str, str]]) -> list[Interaction]:
    return [inter(a, d, c, n) for n, (a, d, c) in enumerate(items)]


@settings(max_examples=300, deadline=None)
@given(histories, st.data())
def test_more_recent_never_scores_lower(items, data) -> None:
    k = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    sooner = data.draw(st.integers(min_value=0, max_value=items[k][0]))
    moved = list(items)
    moved[k] = (sooner, *items[k][1:])
    assert score(basis(build(moved)), TODAY) >= score(basis(build(items)), TODAY)


@settings(max_examples=300, deadline=None)
@given(histories, st.data())
def test_more_reciprocal_never_scores_lower(items, data) -> None:
    before = score(basis(build(items)), TODAY)
    k = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    replied = list(items)
    replied[k] = (items[k][0], "received", items[k][2])
    assert score(basis(build(replied)), TODAY) >= before
    age = data.draw(st.integers(min_value=0, max_value=3000))
    extra = [*items, (age, "received", "linkedin")]
    assert score(basis(build(extra)), TODAY) >= before
    met = list(items)
    met[k] = (items[k][0], items[k][1], "meeting")
    assert score(basis(build(met)), TODAY) >= before


@settings(max_examples=200, deadline=None)
@given(histories, histories, st.integers(min_value=0, max_value=2000))
def test_a_kept_basis_ages_exactly(a, b, later) -> None:
    """The summary keeps one basis per person: aged to a later day, or combined with new
    interactions, it scores the same as the whole history."""
    whole = build(a + b)
    day = TODAY + timedelta(days=later)
    assert score(basis(whole), day) == strength.strength(whole, day)
    merged = combine(
        basis(build(a)), basis([inter(x, d, c, 100 + n) for n, (x, d, c) in enumerate(b)])
    )
    assert abs(score(merged, day) - score(basis(whole), day)) <= 1  # float rounding only
    assert 0 <= score(basis(whole), day) <= 100


def test_strength_in_list_show_and_card(cli) -> None:
    cli("add", "--name", "Priya Nair")
    cli("add", "--name", "Sam Lee")
    for k in range(6):
        on = (TODAY - timedelta(weeks=k)).isoformat()
        assert cli("log", "--to", "Priya Nair", "--text", f"hello {k}", "--on", on).code == 0
        cli("log", "--to", "Priya Nair", "--text", f"hi {k}", "--on", on, "--received")
    listed = json.loads(cli("list", "--json").out)
    by_name = {p["name"]: p for p in listed}
    assert by_name["Sam Lee"]["strength"] == 0
    assert 60 <= by_name["Priya Nair"]["strength"] <= 100
    assert {"id", "name", "cadence", "last_contacted"} <= by_name["Sam Lee"].keys()
    shown = json.loads(cli("show", "Priya Nair", "--json").out)
    assert shown["strength"] == by_name["Priya Nair"]["strength"]
    card = cli("show", "Priya Nair").out
    assert "close: 12 exchanges, last today" in card
    ranked = cli("list", "--sort", "strength").out.splitlines()
    assert "Priya Nair" in ranked[0] and "Sam Lee" in ranked[1]


def test_everyone_from_the_summary_equals_the_whole_history(cli, db_path) -> None:
    from planner.models import Interaction
    from planner.storage import Store

    for name in ("Ann Able", "Bob Baker", "Cy Cole"):
        cli("add", "--name", name)
    for k, who in enumerate(["Ann Able", "Ann Able", "Bob Baker"]):
        cli("log", "--to", who, "--text", f"hi {k}", "--on", f"2026-0{k + 1}-10")
    cli("log", "--to", "Ann Able", "--text", "back", "--on", "2026-05-01", "--received")
    quick = Store.open_summary(db_path)
    assert not quick.complete
    # an interaction logged after the summary was made counts too
    quick.put(
        Interaction(
            id=quick.new_id("interactions"), connection_id="c2", date=TODAY, direction="received"
        )
    )
    whole = Store.open(db_path)
    whole.put(
        Interaction(
            id=whole.new_id("interactions"), connection_id="c2", date=TODAY, direction="received"
        )
    )
    assert strength.everyone(quick, TODAY) == strength.everyone(whole, TODAY)
    assert set(strength.everyone(whole, TODAY)) == {"c1", "c2"}
