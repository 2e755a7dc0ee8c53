"""``outreach due`` from the summary cache: it decodes only the people who can be on the day's
list, and lists exactly what the whole network lists (rows, order, waiting count, text)."""

from __future__ import annotations

import marshal
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench import generate
from planner import morning, strength
from planner.agenda import DueItem
from planner.commands.agenda import render_due
from planner.models import Connection, Interaction
from planner.morning import DueSelection, day_list, day_list_for_due, select_for_due
from planner.operations import Operations
from planner.storage import Store, summary

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated 300-person network with the cases a summary must carry for ``due``:
    plans to several people, follow-ups, yearly and RRULE occasions, snoozed, skipped and
    newsworthy people, a never-contacted cadence, and a two-way history gone quiet."""
    folder = tmp_path_factory.mktemp("due-selection")
    path = generate.write_network(folder / "network.json", 300)
    store = Store.open(path)
    ops = Operations(store)
    people = list(store.connections.values())
    ids = [c.id for c in people]
    ops.plan(ids[10:14], due=TODAY + timedelta(days=2), text="Dinner on Friday?")
    ops.plan(ids[20:23], due=TODAY - timedelta(days=40), text="Long overdue, shared")
    ops.plan([ids[30], ids[31]], due=TODAY + timedelta(days=60), text="Later, shared")
    ops.log([ids[40]], text="Any news?", on=TODAY - timedelta(days=3), follow_up_on=TODAY)
    nine_days_ago, yesterday = TODAY - timedelta(days=9), TODAY - timedelta(days=1)
    ops.log([ids[41]], text="Checking in", on=nine_days_ago, follow_up_on=yesterday)
    ops.add_occasion(ids[50], label="Thanksgiving", rrule="FREQ=YEARLY;BYMONTH=11;BYDAY=4TH")
    ops.add_occasion(ids[51], label="Started at Acme", month=11, day=28, year=2019, lead_days=3)
    ops.add_occasion(ids[52], label="Far off", month=12, day=20, lead_days=30)
    store.put(Connection(store.new_id("connections"), "Never", "Met", cadence="1m"))
    morning.snooze_person(ops, store.connections[ids[70]], TODAY + timedelta(days=3), TODAY)
    morning.snooze_person(ops, store.connections[ids[71]], TODAY + timedelta(days=40), TODAY)
    with_cadence = next(c for c in store.connections.values() if c.cadence and c.id not in ids[:80])
    morning.skip_person(ops, with_cadence, TODAY - timedelta(days=5))
    before = morning.roles(store)
    moved = store.connections[ids[80]]
    store.put(replace(moved, company="Lattice", position="CTO"))
    morning.record_role_changes(store, before, TODAY - timedelta(days=2), "import")
    quiet = store.connections[ids[90]]
    store.put(replace(quiet, cadence=None))
    for k in range(4):
        for direction in ("sent", "received"):
            store.put(
                Interaction(
                    store.new_id("interactions"),
                    quiet.id,
                    TODAY - timedelta(days=300 + k),
                    direction=direction,
                )
            )
    store.save()
    return path


@pytest.fixture
def network(tmp_path: Path, generated: Path) -> Path:
    path = tmp_path / "data.json"
    shutil.copyfile(generated, path)
    assert Store.open(path).write_summary()
    return path


def _due_quick(path: Path, today: date, days: int, limit: int | None):
    """What ``outreach due`` does: select from the index, then the day's list."""
    chosen: list[DueSelection] = []

    def select(_store: Store, index: summary.DueIndex) -> set[str]:
        chosen.append(select_for_due(index, today, days, limit))
        return chosen[0].ids

    horizon = today + timedelta(days=days)
    quick = Store.open_summary(path, select=select, plans_until=horizon)
    assert quick.selected is not None and not quick.complete, "the summary was not used"
    return quick, day_list_for_due(quick, today, days, limit, chosen[0])


@pytest.mark.parametrize(
    "today",
    [TODAY, TODAY - timedelta(days=200), TODAY + timedelta(days=35), date(2028, 2, 28)],
)
def test_due_from_the_selected_summary_lists_exactly_the_whole_network(
    network: Path, today: date
) -> None:
    full = Store.open(network)
    for days in (0, 7, 30):
        for limit in (1, 3, 10, 1000, None):
            quick, day = _due_quick(network, today, days, limit)
            whole = day_list(full, today, days, limit)
            assert day.items == whole.items, (days, limit)
            assert day.waiting == whole.waiting, (days, limit)
            assert render_due(quick, day.items, today, days) == render_due(
                full, whole.items, today, days
            )


def test_the_cases_are_there_and_most_people_are_not_decoded(network: Path) -> None:
    full = Store.open(network)
    quick, day = _due_quick(network, TODAY, 7, 10)
    reasons = {i.reason for i in day.items}
    assert {"planned", "follow-up", "occasion", "news", "keep-in-touch"} <= reasons
    shared = [i for i in day.items if i.plan_id and len(full.plans[i.plan_id].recipients) > 1]
    assert len({i.connection_id for i in shared}) >= 7  # both shared plans, every recipient
    text = render_due(quick, day.items, TODAY, 7)
    assert "also goes to 3 others" in text and "also goes to 2 others" in text
    assert len(quick.connections) < len(full.connections) / 2
    for cid in quick.connections:  # what --json shows beside each row, and the ranking uses
        assert strength.of(quick, cid) == strength.of(full, cid)
        assert quick.last_interaction(cid) == _cut(full.last_interaction(cid))
        assert quick.last_sent(cid) == full.last_sent(cid)
    pending = [p for p in full.plans.values() if p.status == "pending"]
    assert len(quick.plans) < len(pending) and len(quick.interactions) < len(full.connections)


def _cut(inter: Interaction | None) -> Interaction | None:
    """An interaction as the summary keeps it (its text cut to summary.SNIPPET)."""
    return inter and replace(inter, text=inter.text[: summary.SNIPPET])


def test_damaged_people_in_the_summary_fall_back_to_the_file(network: Path) -> None:
    whole = day_list(Store.open(network), TODAY, 7, 10)
    cache = summary.summary_path(network)
    raw = bytearray(cache.read_bytes())
    head = len(summary.MAGIC) + len(str(network.resolve()).encode()) + 1
    size = int.from_bytes(raw[head : head + 4], "big")
    directory = marshal.loads(bytes(raw[head + 8 : head + 8 + size]))
    offset, length, _crc = directory["sections"]["due_people"]
    start = head + 8 + size + offset
    for at in range(start, start + length, 997):  # a byte in most people's records
        raw[at] ^= 0x5A
    cache.write_bytes(bytes(raw))

    def select(_store: Store, index: summary.DueIndex) -> set[str]:
        return select_for_due(index, TODAY, 7, 10).ids

    store = Store.open_summary(network, select=select)
    assert store.complete  # read from the file instead
    assert day_list(store, TODAY, 7, 10) == whole


def test_a_summary_of_the_previous_format_is_ignored_and_rewritten(network: Path) -> None:
    cache = summary.summary_path(network)
    old = b"outreach-summary/4 " + str(network.resolve()).encode() + b"\n" + b"\0" * 64
    cache.write_bytes(old)
    assert Store.open_summary(network).complete  # not used
    assert cache.read_bytes().startswith(summary.MAGIC)  # and written again
    assert not Store.open_summary(network).complete


def test_the_ranking_from_the_index_is_the_budgets_priority(network: Path) -> None:
    """``select_for_due`` writes the strength formula out for speed: it must give exactly
    :func:`morning.priority` of :func:`strength.score_of` (ties decide who is decoded)."""
    index = summary.DueIndex(
        summary.read(network, Store.open(network).disk_state, summary.DUE)["due_index"]
    )
    day = TODAY.toordinal()
    people = range(len(index.ids))
    candidates = [(day - 400 + (n * 37) % 900, n) for n in people]
    ranked = morning._ranked(index, candidates, day)
    for (when, n), (value, m) in zip(candidates, ranked, strict=True):
        assert m == n
        score = (
            strength.score_of(index.s_last[n], index.s_total[n], index.s_two[n], day)
            if index.s_count[n]
            else 0
        )
        row = DueItem(date.fromordinal(when), index.ids[n], "x", "keep-in-touch", day - when, "")
        assert value == morning.priority(row, score)
    assert any(index.s_count[n] for n in people) and any(not index.s_count[n] for n in people)
