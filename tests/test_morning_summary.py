"""The day's list from the summary cache equals the straightforward one.

:func:`planner.morning.day_list` ranks and filters from the summary's strength tuples where
it can (:func:`planner.strength.lookup`); people with interactions logged after the summary
was made must use their live history. Compared here with a plain implementation that asks
:func:`planner.strength.of` for every person, on a network edited after its summary.
"""

from __future__ import annotations

import contextlib
import math
import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from planner import morning, strength
from planner.agenda import DueItem, due_items
from planner.models import Connection, Interaction, ValidationError
from planner.operations import Operations
from planner.storage import Store

TODAY = date(2026, 11, 26)
CHANNELS = ("linkedin", "linkedin", "email", "meeting", "phone")


def reference_day_list(
    store: Store, today: date, days: int, limit: int | None, only=None
) -> morning.DayList:
    """The morning list written the plain way: a basis per person from strength.of, every
    reconnect row with its detail, a stable sort for the budget."""
    items = due_items(store, today, days, only)
    horizon = today + timedelta(days=max(0, days))
    extra = morning.news_items(store, today, horizon, only)
    quiet = timedelta(days=morning.RECONNECT_QUIET_DAYS)
    for conn in store.connections.values():
        if conn.cadence is not None or (only is not None and conn.id not in only):
            continue
        last = store.last_contacted(conn.id)
        b = strength.of(store, conn.id)
        if last is None or last > horizon - quiet or b is None or not b.two_way:
            continue
        if b.interactions < morning.RECONNECT_MIN_INTERACTIONS:
            continue
        base = max(last, morning.skipped_on(conn) or last)
        when = base + quiet
        if conn.snoozed_until is not None and conn.snoozed_until > when:
            when = conn.snoozed_until
        if when > horizon:
            continue
        detail = f"quiet since {last.isoformat()}; {strength.describe(b, today)}"
        extra.append(DueItem(when, conn.id, conn.name, "reconnect", (today - when).days, detail))
    items.extend(extra)
    items.sort(key=lambda i: (i.date, morning.ORDER.index(i.reason), i.name))
    open_rows = [i for i in items if i.reason in morning.OPEN_ENDED]
    if limit is None or len(open_rows) <= limit:
        return morning.DayList(items, 0, limit)
    value = {
        i.connection_id: strength.score(strength.of(store, i.connection_id), today)
        for i in open_rows
    }
    ranked = sorted(open_rows, key=lambda i: -morning.priority(i, value[i.connection_id]))
    kept = {id(i) for i in ranked[:limit]}
    shown = [i for i in items if i.reason not in morning.OPEN_ENDED or id(i) in kept]
    return morning.DayList(shown, len(open_rows) - limit, limit)


def network(path: Path, n: int = 400, seed: int = 11) -> Store:
    """``n`` people: cadences or none, histories one-way and two-way, quiet and recent, a few
    with a skip, a snooze or a role change; saved, so the summary cache is written."""
    rng = random.Random(seed)
    store = Store.open(path)
    people = []
    for k in range(n):
        cadence = rng.choice([None, None, None, "1m", "3m", "6m"])
        people.append(
            Connection(
                id=store.new_id("connections"),
                first_name=f"P{k % 23:02d}",  # shared names: ties broken by file order
                last_name=f"Person{k % 7}",
                cadence=cadence,
                connected_on=date(2020, 1, 1) + timedelta(days=50 * rng.randrange(40)),
            )
        )
    store.put_many(people)
    history = []
    for conn in people:
        for _ in range(rng.choice([0, 0, 1, 2, 3, 5, 8])):
            history.append(
                Interaction(
                    id=store.new_id("interactions"),
                    connection_id=conn.id,
                    date=TODAY - timedelta(days=rng.randrange(20, 900)),
                    direction=rng.choice(["sent", "sent", "received"]),
                    channel=rng.choice(CHANNELS),
                )
            )
    store.put_many(history)
    ops = Operations(store)
    for conn in rng.sample(people, 12):
        conn = store.connections[conn.id]
        if conn.cadence or strength.of(store, conn.id):
            with contextlib.suppress(ValidationError):  # nothing to skip: fine
                morning.skip_person(ops, conn, TODAY - timedelta(days=rng.randrange(1, 200)))
    for conn in rng.sample(people, 12):
        morning.snooze_person(
            ops, store.connections[conn.id], TODAY + timedelta(days=rng.randrange(1, 9)), TODAY
        )
    before = morning.roles(store)
    moved = [replace(store.connections[c.id], company="Lattice") for c in rng.sample(people, 6)]
    store.put_many(moved)
    before.update({c.id: ("Stripe", "Engineer") for c in moved})
    morning.record_role_changes(store, before, TODAY - timedelta(days=3), "import")
    store.save()
    return store


def edit_after_the_summary(store: Store, seed: int = 5) -> None:
    """Interactions logged after the summary was made: a reply to someone who only got
    messages (now two-way), a note to a quiet two-way person (no longer quiet), an old call
    logged late, and a new person with a history."""
    rng = random.Random(seed)
    ids = sorted(store.connections)
    new = []
    for cid in rng.sample(ids, 40):
        new.append(
            Interaction(
                id=store.new_id("interactions"),
                connection_id=cid,
                date=TODAY - timedelta(days=rng.choice([0, 3, 150, 400])),
                direction=rng.choice(["sent", "received"]),
                channel=rng.choice(CHANNELS),
            )
        )
    late = Connection(id=store.new_id("connections"), first_name="Lena", last_name="Late")
    store.put(late)
    for days_ago, direction in ((300, "sent"), (290, "received")):
        new.append(
            Interaction(
                id=store.new_id("interactions"),
                connection_id=late.id,
                date=TODAY - timedelta(days=days_ago),
                direction=direction,
            )
        )
    store.put_many(new)


@pytest.mark.parametrize("limit", [None, 1, 10, 60, 10_000])
def test_day_list_from_the_summary_equals_the_straightforward_one(
    tmp_path: Path, limit: int | None
) -> None:
    path = tmp_path / "d.json"
    network(path)
    quick = Store.open_summary(path)
    assert not quick.complete and quick.strength_floor
    assert morning.day_list(quick, TODAY, 7, limit) == reference_day_list(quick, TODAY, 7, limit)
    edit_after_the_summary(quick)
    whole = Store.open(path)
    edit_after_the_summary(whole)
    for day in (TODAY, TODAY + timedelta(days=30), TODAY + timedelta(days=400)):
        fast = morning.day_list(quick, day, 7, limit)
        assert fast == reference_day_list(quick, day, 7, limit)
        assert (
            fast
            == morning.day_list(whole, day, 7, limit)
            == reference_day_list(whole, day, 7, limit)
        )
    reasons = {i.reason for i in morning.day_list(quick, TODAY, 7, None).items}
    assert {"reconnect", "keep-in-touch", "news"} <= reasons  # every kind is exercised


def test_only_and_the_reconnect_items_alone_match(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    network(path)
    quick = Store.open_summary(path)
    edit_after_the_summary(quick)
    only = set(sorted(quick.connections)[::3])
    assert morning.day_list(quick, TODAY, 7, 10, only) == reference_day_list(
        quick, TODAY, 7, 10, only
    )
    horizon = TODAY + timedelta(days=7)
    rows = [i for i in reference_day_list(quick, TODAY, 7, None).items if i.reason == "reconnect"]
    assert sorted(morning.reconnect_items(quick, TODAY, horizon), key=_key) == sorted(
        rows, key=_key
    )
    assert rows and all(i.detail.startswith("quiet since") for i in rows)


def test_a_new_reply_makes_a_one_way_person_a_reconnect_suggestion(tmp_path: Path) -> None:
    """Logged after the summary: the live history decides, not the summary's tuple."""
    path = tmp_path / "d.json"
    store = Store.open(path)
    olga = Connection(id=store.new_id("connections"), first_name="Olga", last_name="Oneway")
    store.put(olga)
    for days_ago in (400, 390, 380):
        store.put(
            Interaction(
                id=store.new_id("interactions"),
                connection_id=olga.id,
                date=TODAY - timedelta(days=days_ago),
                direction="sent",
            )
        )
    store.save()
    quick = Store.open_summary(path)
    assert not morning.day_list(quick, TODAY, 7, 10).items
    quick.put(
        Interaction(
            id=quick.new_id("interactions"),
            connection_id=olga.id,
            date=TODAY - timedelta(days=370),
            direction="received",
        )
    )
    (item,) = morning.day_list(quick, TODAY, 7, 10).items
    assert (item.name, item.reason) == ("Olga Oneway", "reconnect")
    assert item.detail.startswith("quiet since 2025-11-21; ") and "4 exchanges" in item.detail
    assert math.isclose(strength.lookup(quick)(olga.id)[1], strength.of(quick, olga.id).total)


def _key(item: DueItem) -> tuple[str, str]:
    return item.connection_id, item.reason


def test_equal_priorities_at_the_cut_keep_the_list_order(tmp_path: Path) -> None:
    """A budget that falls inside a run of equal priorities keeps the earliest in the list,
    as a stable sort of the whole sorted list would."""
    path = tmp_path / "d.json"
    network(path)
    quick = Store.open_summary(path)
    edit_after_the_summary(quick)
    rows = [
        i for i in reference_day_list(quick, TODAY, 7, None).items if i.reason in morning.OPEN_ENDED
    ]
    ranked = sorted(
        morning.priority(i, strength.score(strength.of(quick, i.connection_id), TODAY))
        for i in rows
    )[::-1]
    cuts = [k for k in range(1, len(ranked)) if ranked[k - 1] == ranked[k]]
    assert cuts  # the network has ties to break
    for limit in cuts:
        assert morning.day_list(quick, TODAY, 7, limit) == reference_day_list(
            quick, TODAY, 7, limit
        )
        whole = morning.day_list(quick, TODAY, 7, None).items
        assert morning.budget(quick, whole, TODAY, limit) == reference_day_list(
            quick, TODAY, 7, limit
        )


def test_bases_remembered_for_a_complete_store_follow_its_edits(tmp_path: Path) -> None:
    """A long-lived complete store (the TUI's once the history is in) keeps the bases it
    computed: after logging, correcting and deleting interactions, and deleting a person,
    every basis is still the one its history gives."""
    path = tmp_path / "d.json"
    network(path)
    store = Store.open(path)
    ids = sorted(store.connections)
    first = strength.lookup(store)
    assert all(first(cid) == strength.of(store, cid) for cid in ids)
    edit_after_the_summary(store)
    history = [i for i in store.interactions.values() if i.connection_id in ids[:60]]
    store.put(replace(history[0], direction="received", channel="meeting"))
    store.put(replace(history[1], date=TODAY - timedelta(days=1)))
    store.delete("interactions", history[2].id)
    store.delete("connections", ids[7])
    again = strength.lookup(store)
    assert all(again(cid) == strength.of(store, cid) for cid in store.connections)
    assert again(ids[7]) is None
    assert morning.day_list(store, TODAY, 7, 10) == reference_day_list(store, TODAY, 7, 10)
