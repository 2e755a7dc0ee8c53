"""The bundled demo network (data.json) and ``--demo``: content, rebasing, and safety."""

from __future__ import annotations

import calendar
import importlib.util
import os
import stat
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from planner.cli import main
from planner.demo import CHECKOUT_FILE, bundled_bytes, demo_copy, rebase
from planner.models import cadence_parts
from planner.storage import Store

REFERENCE_DAY = date(2026, 11, 26)
TODAYS = [REFERENCE_DAY, date(2026, 1, 1), date(2026, 2, 28), date(2027, 7, 15), date(2028, 2, 29)]
REASONS = ("birthday", "occasion", "keep-in-touch", "follow-up", "planned")
WINDOW = 7  # the agenda's default look-ahead
LOOK_BACK = 30  # how far back a missed birthday or occasion still counts as overdue here


@pytest.fixture(scope="module")
def shipped() -> Store:
    """The shipped file as the store reads it (opened read-only in place)."""
    return Store.open(CHECKOUT_FILE, create=False)


def open_demo(today: date) -> Store:
    return Store.open(demo_copy(today), create=False)


# --- plain date logic: what falls due, independent of planner.agenda -----------------------------


def _yearly(month: int, day: int, year: int) -> date:
    if (month, day) == (2, 29) and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def _near(month: int, day: int, today: date) -> Iterator[date]:
    for year in (today.year - 1, today.year, today.year + 1):
        yield _yearly(month, day, year)


def _add_cadence(day: date, cadence: str) -> date:
    n, unit = cadence_parts(cadence)
    step = {"d": relativedelta(days=n), "w": relativedelta(weeks=n)}.get(unit)
    return day + (step or relativedelta(months=n if unit == "m" else 12 * n))


def due_dates(store: Store, today: date) -> list[tuple[str, str, date]]:
    """(reason, connection id, date) for everything recently due or due within WINDOW days."""
    items: list[tuple[str, str, date]] = []
    for c in store.connections.values():
        if c.birthday:
            items += [("birthday", c.id, d) for d in _near(c.birthday.month, c.birthday.day, today)]
        if c.cadence:
            last = store.last_contacted(c.id) or c.connected_on
            items.append(("keep-in-touch", c.id, _add_cadence(last, c.cadence) if last else today))
        history = store.interactions_for(c.id)
        for inter in history:
            if inter.direction == "sent" and inter.follow_up_on:
                answered = any(
                    i.direction == "received" and inter.date <= i.date <= inter.follow_up_on
                    for i in history
                )
                if not answered:
                    items.append(("follow-up", c.id, inter.follow_up_on))
    for o in store.occasions.values():
        if o.rrule:
            start = date(today.year - 1, 1, 1)
            rule = rrulestr(o.rrule, dtstart=_midnight(start))
            items += [
                ("occasion", o.connection_id, dt.date())
                for dt in rule.between(
                    _midnight(today - timedelta(LOOK_BACK)), _midnight(today + timedelta(WINDOW))
                )
            ]
        else:
            items += [("occasion", o.connection_id, d) for d in _near(o.month, o.day, today)]
    for p in store.plans.values():
        if p.status == "pending":
            items += [("planned", cid, p.effective_due) for cid in p.recipients]
    keep = []
    for reason, cid, day in items:
        age = (today - day).days
        recent = age <= LOOK_BACK or reason in ("keep-in-touch", "follow-up", "planned")
        if age >= -WINDOW and recent:
            keep.append((reason, cid, day))
    return keep


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def kinds(items: list[tuple[str, str, date]], today: date) -> dict[str, set[str]]:
    """For each reason: which of overdue / today / upcoming it has."""
    seen: dict[str, set[str]] = {r: set() for r in REASONS}
    for reason, _cid, day in items:
        seen[reason].add("overdue" if day < today else "today" if day == today else "upcoming")
    return seen


# --- the content ---------------------------------------------------------------------------------


def test_shipped_file_loads_with_a_varied_network(shipped: Store) -> None:
    people = list(shipped.connections.values())
    assert len(people) >= 40
    assert shipped.meta["reference_day"] == REFERENCE_DAY.isoformat()
    assert len(shipped.interactions) >= 100
    missing = [c for c in people if not c.how_we_know]
    assert 4 <= len(missing) <= 6, "a few people without a how-we-know note, so nudges show"
    assert sum(1 for c in missing if shipped.interactions_for(c.id)) >= 3, "active, yet no note"
    assert len({c.how_we_know for c in people if c.how_we_know}) == len(people) - len(missing)
    cadences = {c.cadence for c in people}
    assert {"2w", "1m", "3m", "6m", "1y", None} <= cadences
    tags = {t for c in people for t in c.tags}
    assert {"client", "former-colleague", "investor", "mentor", "friend", "recruiter"} <= tags
    months = {c.birthday.month for c in people if c.birthday}
    assert len(months) >= 10, "birthdays spread across the year"
    assert any(c.birthday and c.birthday.year for c in people)
    assert any(c.birthday and not c.birthday.year for c in people)
    assert all(c.email and c.url.startswith("https://") for c in people)
    assert {i.channel for i in shipped.interactions.values()} >= {
        "linkedin",
        "email",
        "phone",
        "meeting",
    }
    assert {i.direction for i in shipped.interactions.values()} == {"sent", "received"}


def test_one_birthday_on_29_february(shipped: Store) -> None:
    leap = [
        c for c in shipped.connections.values() if c.birthday and c.birthday.iso()[-5:] == "02-29"
    ]
    assert len(leap) == 1


def test_someone_asked_to_be_left_off_bulk_messages_and_says_why(shipped: Store) -> None:
    no_bulk = [c for c in shipped.connections.values() if c.no_bulk]
    assert no_bulk
    assert all(c.notes for c in no_bulk)


def test_user_text_with_markup_and_emoji_is_present(shipped: Store) -> None:
    texts = [f"{c.name} {c.company} {c.notes}" for c in shipped.connections.values()]
    assert any("[/]" in t for t in texts)
    assert any("[" in c.name for c in shipped.connections.values())
    assert any(any(ord(ch) > 0x2500 for ch in c.name) for c in shipped.connections.values())


def test_greeting_round_recurring_greeting_and_occasions(shipped: Store) -> None:
    plans = list(shipped.plans.values())
    rounds = [p for p in plans if p.label == "Year-end note"]
    assert len(rounds) >= 4 and all(len(p.recipients) == 1 for p in rounds)
    assert any(not p.text for p in rounds), "some round items are still 'to write'"
    assert any(p.recurrence == "FREQ=YEARLY" and p.status == "pending" for p in plans)
    occasions = list(shipped.occasions.values())
    assert any(o.rrule and "BYDAY" in o.rrule for o in occasions)
    assert any(o.lead_days > 0 for o in occasions)
    labels = " ".join(o.label for o in occasions)
    assert "started at" in labels and "wedding anniversary" in labels


def test_the_ecard_goes_to_an_alphabetical_run_of_r_names(shipped: Store) -> None:
    ecards = [p for p in shipped.plans.values() if "ecards.example.com" in p.text]
    assert len(ecards) == 1
    plan = ecards[0]
    assert plan.status == "pending"
    words = [w for w in plan.text.split() if not w.startswith("http")]
    assert len(words) <= 3, "link-only: hardly any words of the sender's own"
    assert 6 <= len(plan.recipients) <= 8
    people = sorted(shipped.connections.values(), key=lambda c: (c.first_name.casefold(), c.id))
    order = [c.id for c in people]
    positions = sorted(order.index(cid) for cid in plan.recipients)
    assert positions == list(range(positions[0], positions[0] + len(positions))), "contiguous"
    assert all(shipped.connections[cid].first_name.startswith("R") for cid in plan.recipients)
    assert any(shipped.connections[cid].no_bulk for cid in plan.recipients)


# --- rebasing ------------------------------------------------------------------------------------


def test_on_the_reference_day_every_reason_is_overdue_due_and_upcoming(shipped: Store) -> None:
    seen = kinds(due_dates(shipped, REFERENCE_DAY), REFERENCE_DAY)
    for reason in REASONS:
        assert seen[reason] == {"overdue", "today", "upcoming"}, reason


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_the_demo_looks_alive_on_any_day(today: date) -> None:
    store = open_demo(today)
    seen = kinds(due_dates(store, today), today)
    assert {k for v in seen.values() for k in v} == {"overdue", "today", "upcoming"}
    for reason in ("birthday", "keep-in-touch", "follow-up", "planned"):
        assert seen[reason] == {"overdue", "today", "upcoming"}, reason


@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_rebasing_moves_history_with_today_but_keeps_29_february(
    shipped: Store, today: date
) -> None:
    store = open_demo(today)
    delta = today - REFERENCE_DAY
    for iid, inter in shipped.interactions.items():
        assert store.interactions[iid].date == inter.date + delta
    for pid, plan in shipped.plans.items():
        assert store.plans[pid].due == plan.due + delta
    for cid, conn in shipped.connections.items():
        moved = store.connections[cid]
        if conn.connected_on:
            assert moved.connected_on == conn.connected_on + delta
        if conn.birthday and (conn.birthday.month, conn.birthday.day) == (2, 29):
            assert moved.birthday == conn.birthday
    # the birthday on the reference day is on "today" whatever today is, with the same age
    (carmen,) = [
        c for c in shipped.connections.values() if c.birthday and c.birthday.iso()[5:] == "11-26"
    ]
    bday = store.connections[carmen.id].birthday
    assert (bday.month, bday.day) in {(today.month, today.day), (2, 28)}
    assert today.year - bday.year == REFERENCE_DAY.year - carmen.birthday.year
    assert store.meta["reference_day"] == today.isoformat()


def test_rebase_is_the_identity_on_the_reference_day() -> None:
    data = orjson.loads(bundled_bytes())
    assert rebase(orjson.loads(bundled_bytes()), REFERENCE_DAY) == data


# --- --demo --------------------------------------------------------------------------------------


def test_demo_copy_is_private_fresh_and_leaves_the_shipped_file_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = CHECKOUT_FILE.read_bytes()
    stamp = CHECKOUT_FILE.stat().st_mtime_ns
    first, second = demo_copy(REFERENCE_DAY), demo_copy(REFERENCE_DAY)
    assert first != second and first.parent != second.parent
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o600
    assert first.resolve() != CHECKOUT_FILE.resolve()
    code = main(["--demo", "--today", "2027-07-15", "add", "--name", "Test Person"])
    assert code == 0
    code = main(["--demo", "--today", "2027-07-15", "log", "--to", "Aisha Bello", "--text", "hi"])
    assert code == 0
    assert CHECKOUT_FILE.read_bytes() == before
    assert CHECKOUT_FILE.stat().st_mtime_ns == stamp
    capsys.readouterr()


def test_demo_cli_lists_and_shows_people(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "--today", "2026-11-26", "list"]) == 0
    out = capsys.readouterr().out
    assert "Rebecca Stein" in out and "Dana Whitfield [she/her]" in out
    assert "(no how-we-know note)" in out
    assert main(["--demo", "--today", "2027-07-15", "show", "Aisha Bello"]) == 0
    out = capsys.readouterr().out
    assert "Lisbon Web Summit 2023" in out
    assert "2027-" in out, "history rebased to the pretend today"


def test_demo_and_db_cannot_be_combined(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--demo", "--db", str(tmp_path / "x.json"), "list"]) == 2
    assert "--demo" in capsys.readouterr().err


@pytest.mark.skipif(
    importlib.util.find_spec("planner.agenda") is None, reason="planner.agenda not built yet"
)
@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_the_agenda_on_the_demo_has_overdue_today_and_upcoming(today: date) -> None:
    from planner.agenda import due_items

    store = open_demo(today)
    items = due_items(store, today)
    assert any(i.days_overdue > 0 for i in items)
    assert any(i.days_overdue == 0 for i in items)
    assert any(i.days_overdue < 0 for i in items)
    if today == REFERENCE_DAY:
        for reason in REASONS:
            assert {i.days_overdue > 0 for i in items if i.reason == reason} == {True, False}
            assert any(i.days_overdue == 0 for i in items if i.reason == reason), reason
            assert any(i.days_overdue < 0 for i in items if i.reason == reason), reason


def test_the_packaged_resource_is_preferred_over_the_checkout_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import planner.demo as demo

    monkeypatch.setattr(demo.resources, "files", lambda _package: tmp_path)
    assert bundled_bytes() == CHECKOUT_FILE.read_bytes(), "no resource: the checkout's data.json"
    (tmp_path / demo.RESOURCE_NAME).write_bytes(b'{"packaged": true}')
    assert bundled_bytes() == b'{"packaged": true}'


def test_the_wheel_packages_data_json_under_the_name_demo_looks_for() -> None:
    import tomllib

    import planner.demo as demo

    pyproject = tomllib.loads((CHECKOUT_FILE.parent / "pyproject.toml").read_text())
    include = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["data.json"] == f"planner/{demo.RESOURCE_NAME}"


@pytest.mark.skipif(
    importlib.util.find_spec("planner.bulk") is None, reason="planner.bulk not built yet"
)
def test_the_bulk_check_flags_the_ecard_and_spares_the_personal_notes() -> None:
    from planner.bulk import BulkIndex, check_message

    store = open_demo(REFERENCE_DAY)
    index = BulkIndex.from_store(store)
    (ecard,) = [p for p in store.plans.values() if "ecards.example.com" in p.text]
    verdict = check_message(
        ecard.text,
        ecard.recipients,
        store=store,
        index=index,
        today=REFERENCE_DAY,
        ignore_plan=ecard.id,
    )
    codes = [f.code for f in verdict.findings]
    assert verdict.verdict == "bulk"
    assert codes[0] == "no-bulk-preference", "Rebecca asked to be left off: said first"
    assert {"alphabetical-block", "link-only"} <= set(codes)
    personal = [
        p
        for p in store.plans.values()
        if p.text and p.status == "pending" and len(p.recipients) == 1
    ]
    assert len(personal) >= 5
    for plan in personal:
        verdict = check_message(
            plan.text,
            plan.recipients,
            store=store,
            index=index,
            today=REFERENCE_DAY,
            ignore_plan=plan.id,
        )
        assert verdict.verdict != "bulk", (plan.text, verdict.findings)
