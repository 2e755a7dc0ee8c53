"""The agenda as a pure function of (store, today): each kind of item and each edge case."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner import agenda
from planner.agenda import DueItem, due_items, next_occurrence
from planner.models import Birthday, Connection, Interaction, Occasion, Plan, ValidationError
from planner.operations import Operations
from planner.storage import Store

TODAY = date(2026, 11, 26)  # a Thursday; Thanksgiving 2026


class Net:
    """A small in-memory network with helpers to add records."""

    def __init__(self, path: Path) -> None:
        self.store = Store.open(path)

    def person(self, name: str = "Priya Nair", **fields: Any) -> Connection:
        first, _, last = name.partition(" ")
        conn = Connection(
            id=self.store.new_id("connections"), first_name=first, last_name=last, **fields
        )
        self.store.put(conn)
        return conn

    def log(
        self,
        conn: Connection,
        on: date,
        direction: str = "sent",
        follow_up: date | None = None,
        text: str = "hello",
    ) -> Interaction:
        inter = Interaction(
            id=self.store.new_id("interactions"),
            connection_id=conn.id,
            date=on,
            direction=direction,
            text=text,
            follow_up_on=follow_up,
        )
        self.store.put(inter)
        return inter

    def plan(self, people: list[Connection], due: date, text: str = "A note", **kw: Any) -> Plan:
        plan = Plan(
            id=self.store.new_id("plans"),
            recipients=[c.id for c in people],
            due=due,
            text=text,
            **kw,
        )
        self.store.put(plan)
        return plan

    def occasion(self, conn: Connection, label: str, **kw: Any) -> Occasion:
        occ = Occasion(id=self.store.new_id("occasions"), connection_id=conn.id, label=label, **kw)
        self.store.put(occ)
        return occ

    def due(self, today: date = TODAY, days: int = 7) -> list[DueItem]:
        return due_items(self.store, today, days)

    def reasons(self, today: date = TODAY, days: int = 7) -> list[tuple[str, str, date]]:
        return [(i.reason, i.name, i.date) for i in self.due(today, days)]


@pytest.fixture
def net(tmp_path: Path) -> Net:
    return Net(tmp_path / "data.json")


# --- birthdays --------------------------------------------------------------------------------


def test_birthday_upcoming_today_and_outside_window(net: Net) -> None:
    net.person("Ana Lima", birthday=Birthday(11, 28, 1986))
    net.person("Bo Chen", birthday=Birthday(11, 26))
    net.person("Cy Park", birthday=Birthday(12, 20, 1990))
    items = net.due()
    assert [(i.name, i.reason, i.days_overdue, i.detail) for i in items] == [
        ("Bo Chen", "birthday", 0, "birthday"),
        ("Ana Lima", "birthday", -2, "turns 40"),
    ]


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2027, date(2027, 2, 28)), (2028, date(2028, 2, 29)), (2100, date(2100, 2, 28))],
)
def test_29_february_birthday_is_greeted_on_the_28th_in_common_years(
    net: Net, year: int, expected: date
) -> None:
    net.person("Leap Day", birthday=Birthday(2, 29, 1988))
    items = net.due(today=date(year, 2, 27), days=3)
    assert [(i.reason, i.date) for i in items] == [("birthday", expected)]
    assert items[0].detail == f"turns {year - 1988}"


def test_birthday_is_cleared_by_a_greeting_and_stays_overdue_for_a_while(net: Net) -> None:
    ana = net.person("Ana Lima", birthday=Birthday(11, 20))
    assert net.reasons() == [("birthday", "Ana Lima", date(2026, 11, 20))]
    assert net.due()[0].days_overdue == 6
    # missed for longer than the grace period: no longer listed
    assert net.reasons(today=date(2026, 11, 20) + timedelta(days=15)) == []
    net.log(ana, date(2026, 11, 19))  # the day before does not count as the greeting
    assert len(net.due()) == 1
    net.log(ana, date(2026, 11, 21))
    assert net.due() == []


def test_birthday_of_someone_not_born_yet_is_not_listed(net: Net) -> None:
    net.person("Baby Future", birthday=Birthday(11, 27, 2027))
    assert net.due() == []


# --- occasions --------------------------------------------------------------------------------


def test_yearly_occasion_with_years_and_lead_time(net: Net) -> None:
    bo = net.person("Bo Chen")
    net.occasion(bo, "started at Acme", month=12, day=20, year=2019, lead_days=30)
    net.occasion(bo, "wedding anniversary", month=12, day=10, lead_days=0)
    items = net.due()
    assert [(i.reason, i.detail, i.date, i.days_overdue) for i in items] == [
        ("occasion", "started at Acme (7 years)", date(2026, 12, 20), -24)
    ]
    # without the lead time it appears only inside the window
    assert [i.detail for i in net.due(today=date(2026, 12, 5))] == [
        "wedding anniversary",
        "started at Acme (7 years)",
    ]


def test_lead_time_greeting_sent_early_clears_the_occasion(net: Net) -> None:
    bo = net.person("Bo Chen")
    net.occasion(bo, "started at Acme", month=11, day=30, lead_days=7)
    assert len(net.due()) == 1
    net.log(bo, date(2026, 11, 24))  # within the lead time: that was the greeting
    assert net.due() == []


def test_rrule_occasion_fourth_thursday_of_november(net: Net) -> None:
    cy = net.person("Cy Park")
    net.occasion(cy, "Thanksgiving", rrule="FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", lead_days=3)
    assert [(i.date, i.days_overdue) for i in net.due(today=date(2026, 11, 23), days=0)] == [
        (date(2026, 11, 26), -3)
    ]
    assert [i.date for i in net.due(today=date(2027, 11, 20))] == [date(2027, 11, 25)]
    assert net.due(today=date(2027, 6, 1)) == []


def test_occasion_on_29_february_in_a_common_year(net: Net) -> None:
    cy = net.person("Cy Park")
    net.occasion(cy, "leap wedding", month=2, day=29, year=2020)
    assert [i.date for i in net.due(today=date(2027, 2, 25))] == [date(2027, 2, 28)]


def test_occasion_rule_must_fix_its_own_dates() -> None:
    assert agenda.check_occasion_rule("rrule:freq=yearly;bymonth=11;byday=4th") == (
        "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"
    )
    for bad in ("FREQ=YEARLY", "nonsense", "FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYMONTHDAY=1"):
        with pytest.raises(ValidationError):
            agenda.check_occasion_rule(bad)
    with pytest.raises(ValidationError, match="COUNT"):
        agenda.check_occasion_rule("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1;COUNT=3")


# --- keep in touch ----------------------------------------------------------------------------


def test_cadence_from_last_contact_in_either_direction(net: Net) -> None:
    priya = net.person("Priya Nair", cadence="1m", how_we_know="PyCon")
    net.log(priya, date(2026, 10, 20))
    [item] = net.due()
    assert (item.reason, item.date, item.days_overdue) == ("keep-in-touch", date(2026, 11, 20), 6)
    assert item.detail == "every 1m, last contact 2026-10-20"
    net.log(priya, date(2026, 11, 1), direction="received")  # a reply resets it
    [item] = net.due(days=10)
    assert item.date == date(2026, 12, 1)
    assert net.due(days=4) == []


@pytest.mark.parametrize(
    ("last", "cadence", "due"),
    [
        (date(2026, 1, 31), "1m", date(2026, 2, 28)),
        (date(2028, 1, 31), "1m", date(2028, 2, 29)),
        (date(2026, 8, 31), "3m", date(2026, 11, 30)),
        (date(2024, 2, 29), "1y", date(2025, 2, 28)),
        (date(2026, 11, 12), "2w", date(2026, 11, 26)),
        (date(2026, 11, 16), "10d", date(2026, 11, 26)),
    ],
)
def test_cadence_month_arithmetic_clamps_to_month_end(
    net: Net, last: date, cadence: str, due: date
) -> None:
    p = net.person("Priya Nair", cadence=cadence)
    net.log(p, last)
    items = net.due(today=due, days=0)
    assert [(i.reason, i.date, i.days_overdue) for i in items] == [("keep-in-touch", due, 0)]
    assert net.due(today=due - timedelta(days=1), days=0) == []


def test_never_contacted_cadence_counts_from_connected_on_else_today(net: Net) -> None:
    net.person("Bo Chen", cadence="2w", connected_on=date(2026, 10, 1))
    net.person("Cy Park", cadence="6m")
    net.person("Dee Ross", cadence="1y", connected_on=date(2026, 6, 1))
    items = net.due()
    assert [(i.name, i.date, i.days_overdue, i.detail) for i in items] == [
        ("Bo Chen", date(2026, 10, 15), 42, "every 2w, never contacted (connected 2026-10-01)"),
        ("Cy Park", TODAY, 0, "every 6m, never contacted"),
    ]


def test_no_cadence_means_no_keep_in_touch(net: Net) -> None:
    p = net.person("Priya Nair")
    net.log(p, date(2020, 1, 1))
    assert net.due() == []


# --- follow-ups -------------------------------------------------------------------------------


def test_follow_up_is_due_unless_they_reply(net: Net) -> None:
    p = net.person("Priya Nair")
    sent = net.log(p, date(2026, 11, 12), follow_up=date(2026, 11, 19), text="Shall we meet?")
    [item] = net.due()
    assert (item.reason, item.date, item.days_overdue) == ("follow-up", date(2026, 11, 19), 7)
    assert sent.id in item.detail and "Shall we meet?" in item.detail
    net.log(p, date(2026, 11, 25), direction="received")  # a late reply still cancels it
    assert net.due() == []


def test_follow_up_reply_before_the_nudge_date_cancels_it(net: Net) -> None:
    p = net.person("Priya Nair")
    net.log(p, date(2026, 11, 24), follow_up=date(2026, 12, 1))
    assert [i.reason for i in net.due()] == ["follow-up"]
    net.log(p, date(2026, 11, 25), direction="received")
    assert net.due() == []


def test_later_sent_message_replaces_the_follow_up(net: Net) -> None:
    p = net.person("Priya Nair")
    net.log(p, date(2026, 11, 1), follow_up=date(2026, 11, 8))
    net.log(p, date(2026, 11, 10), text="just checking in")  # the nudge itself
    assert net.due() == []  # no second nudge: do not chase
    net.log(p, date(2026, 11, 20), follow_up=date(2026, 11, 27))
    assert [(i.reason, i.date) for i in net.due()] == [("follow-up", date(2026, 11, 27))]


def test_same_day_reply_logged_after_the_message_cancels_the_follow_up(net: Net) -> None:
    p = net.person("Priya Nair")
    net.log(p, date(2026, 11, 20), direction="received")
    net.log(p, date(2026, 11, 20), follow_up=date(2026, 11, 25))  # my answer to them
    assert [i.reason for i in net.due()] == ["follow-up"]
    net.log(p, date(2026, 11, 20), direction="received")
    assert net.due() == []


def test_follow_up_can_be_dismissed(net: Net) -> None:
    p = net.person("Priya Nair")
    sent = net.log(p, date(2026, 11, 12), follow_up=date(2026, 11, 19))
    Operations(net.store).dismiss_follow_up(sent.id)
    assert net.due() == []
    with pytest.raises(ValidationError):
        Operations(net.store).dismiss_follow_up(sent.id)


# --- plans ------------------------------------------------------------------------------------


def test_plan_gives_one_item_per_recipient_with_its_id(net: Net) -> None:
    a, b = net.person("Ana Lima"), net.person("Bo Chen")
    plan = net.plan([b, a], date(2026, 11, 30), text="See you in Lisbon")
    items = net.due()
    assert [(i.name, i.reason, i.plan_id, i.detail, i.days_overdue) for i in items] == [
        ("Ana Lima", "planned", plan.id, "See you in Lisbon", -4),
        ("Bo Chen", "planned", plan.id, "See you in Lisbon", -4),
    ]


def test_plans_done_skipped_or_beyond_the_window_are_not_listed(net: Net) -> None:
    a = net.person("Ana Lima")
    net.plan([a], date(2026, 11, 20), status="done")
    net.plan([a], date(2026, 11, 20), status="skipped")
    net.plan([a], date(2026, 12, 4))
    assert net.due() == []
    assert len(net.due(days=8)) == 1


def test_greeting_round_item_is_to_write_and_cannot_be_done(net: Net) -> None:
    a = net.person("Ana Lima", how_we_know="school friend")
    plan = net.plan([a], date(2026, 11, 27), text="", label="Season's greetings")
    [item] = net.due()
    assert item.detail == "to write: Season's greetings"
    with pytest.raises(ValidationError, match="no text"):
        Operations(net.store).done(plan.id, TODAY)
    Operations(net.store).write(plan.id, "Ana, thank you for the recipes")
    Operations(net.store).done(plan.id, TODAY)
    assert net.store.plans[plan.id].status == "done"


def test_done_logs_each_recipient_and_closes_a_one_off_plan(net: Net) -> None:
    a, b = net.person("Ana Lima"), net.person("Bo Chen")
    plan = net.plan([a, b], date(2026, 11, 20), text="Congrats on the launch")
    logged = Operations(net.store).done(plan.id, date(2026, 11, 25))
    assert [(i.connection_id, i.date, i.direction, i.text) for i in logged] == [
        (a.id, date(2026, 11, 25), "sent", "Congrats on the launch"),
        (b.id, date(2026, 11, 25), "sent", "Congrats on the launch"),
    ]
    assert net.store.last_contacted(a.id) == date(2026, 11, 25)
    assert net.store.plans[plan.id].status == "done"
    assert net.due() == []
    with pytest.raises(ValidationError, match="already done"):
        Operations(net.store).done(plan.id, TODAY)


def test_done_on_a_snoozed_yearly_plan_moves_to_next_year_and_clears_the_snooze(
    net: Net,
) -> None:
    a = net.person("Ana Lima")
    plan = net.plan([a], date(2026, 12, 24), text="Merry Christmas", recurrence="FREQ=YEARLY")
    Operations(net.store).snooze(plan.id, date(2026, 12, 27))
    assert [i.date for i in net.due(today=date(2026, 12, 26))] == [date(2026, 12, 27)]
    Operations(net.store).done(plan.id, date(2026, 12, 27))
    plan = net.store.plans[plan.id]
    assert (plan.status, plan.due, plan.snoozed_until) == ("pending", date(2027, 12, 24), None)


def test_done_early_on_a_yearly_plan_still_moves_a_full_year(net: Net) -> None:
    a = net.person("Ana Lima")
    plan = net.plan([a], date(2026, 12, 24), recurrence="FREQ=YEARLY")
    Operations(net.store).done(plan.id, date(2026, 12, 20))
    assert net.store.plans[plan.id].due == date(2027, 12, 24)


def test_snooze_moves_the_item_and_refuses_the_past(net: Net) -> None:
    a = net.person("Ana Lima")
    plan = net.plan([a], date(2026, 11, 20))
    Operations(net.store).snooze(plan.id, date(2026, 12, 10), today=TODAY)
    assert net.due() == []
    assert [i.date for i in net.due(days=14)] == [date(2026, 12, 10)]
    with pytest.raises(ValidationError, match="past"):
        Operations(net.store).snooze(plan.id, date(2026, 11, 1), today=TODAY)


def test_skip_one_off_and_recurring(net: Net) -> None:
    a = net.person("Ana Lima")
    once = net.plan([a], date(2026, 11, 26))
    yearly = net.plan([a], date(2024, 12, 24), recurrence="FREQ=YEARLY")
    Operations(net.store).skip(once.id, today=TODAY)
    assert net.store.plans[once.id].status == "skipped"
    Operations(net.store).skip(yearly.id, today=TODAY)  # long missed: to the next one ahead
    assert net.store.plans[yearly.id].due == date(2026, 12, 24)
    Operations(net.store).skip(yearly.id)
    assert net.store.plans[yearly.id].due == date(2027, 12, 24)


def test_unknown_plan_ids_are_refused(net: Net) -> None:
    with pytest.raises(ValidationError, match="p99"):
        Operations(net.store).skip("p99")
    a = net.person("Ana Lima")
    plan = net.plan([a], TODAY)
    assert Operations(net.store).get_plan(plan.id.upper()) is net.store.plans[plan.id]
    assert Operations(net.store).get_plan(plan.id[1:]) is net.store.plans[plan.id]


def test_recurring_plan_ends_with_its_until(net: Net) -> None:
    a = net.person("Ana Lima")
    plan = net.plan([a], date(2026, 12, 24), recurrence="FREQ=YEARLY;UNTIL=20271231")
    Operations(net.store).done(plan.id, date(2026, 12, 24))
    assert net.store.plans[plan.id].due == date(2027, 12, 24)
    Operations(net.store).done(plan.id, date(2027, 12, 24))
    assert net.store.plans[plan.id].status == "done"


# --- ordering and JSON ------------------------------------------------------------------------


def test_order_is_most_overdue_first_then_today_then_upcoming(net: Net) -> None:
    a = net.person("Ana Lima", cadence="1m")
    b = net.person("Bo Chen", birthday=Birthday(11, 26))
    c = net.person("Cy Park")
    net.log(a, date(2026, 10, 1))
    net.plan([c], date(2026, 11, 29))
    net.plan([c], date(2026, 11, 24))
    net.plan([b], TODAY)
    items = net.due()
    assert [i.days_overdue for i in items] == [25, 2, 0, 0, -3]
    assert [i.reason for i in items[2:4]] == ["birthday", "planned"]
    assert items == net.due()  # deterministic


def test_to_json_shape() -> None:
    item = DueItem(date(2026, 11, 20), "c1", "Ana Lima", "planned", 6, "Hi", "p2")
    doc = item.to_json()
    assert list(doc) == [
        "date",
        "name",
        "connection_id",
        "reason",
        "days_overdue",
        "detail",
        "plan_id",
    ]
    assert doc["date"] == "2026-11-20" and doc["days_overdue"] == 6 and doc["plan_id"] == "p2"
    assert DueItem(TODAY, "c1", "A", "birthday", 0, "birthday").to_json()["plan_id"] is None


# --- rules ------------------------------------------------------------------------------------


def test_anchored_rules_clamp_month_ends() -> None:
    yearly = agenda.anchored_rule("FREQ=YEARLY", date(2024, 2, 29))
    assert next_occurrence(yearly, date(2024, 2, 29)) == date(2025, 2, 28)
    assert next_occurrence(yearly, date(2027, 2, 28)) == date(2028, 2, 29)
    monthly = agenda.anchored_rule("FREQ=MONTHLY", date(2026, 1, 31))
    assert next_occurrence(monthly, date(2026, 1, 31)) == date(2026, 2, 28)
    assert next_occurrence(monthly, date(2026, 2, 28)) == date(2026, 3, 31)
    thirtieth = agenda.anchored_rule("FREQ=MONTHLY", date(2026, 1, 30))
    assert next_occurrence(thirtieth, date(2026, 2, 28), start=date(2026, 1, 30)) == date(
        2026, 3, 30
    )
    assert agenda.anchored_rule("FREQ=YEARLY", date(2026, 12, 24)) == "FREQ=YEARLY"


def test_rule_normalisation_and_refusals() -> None:
    assert agenda.normalise_rule(" rrule:freq=yearly;until=20271231T235959Z ") == (
        "FREQ=YEARLY;UNTIL=20271231"
    )
    for bad, why in (
        ("FREQ=HOURLY", "FREQ must be"),
        ("FREQ=YEARLY;COUNT=2", "COUNT"),
        ("BYMONTH=2", "FREQ"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY"),
        ("", "FREQ"),
    ):
        with pytest.raises(ValidationError, match=why):
            agenda.normalise_rule(bad)


DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
RULES = st.sampled_from(
    [
        "FREQ=YEARLY",
        "FREQ=MONTHLY",
        "FREQ=WEEKLY",
        "FREQ=DAILY;INTERVAL=10",
        "FREQ=MONTHLY;INTERVAL=3",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        "FREQ=MONTHLY;BYDAY=1MO",
        "FREQ=YEARLY;INTERVAL=2",
        "FREQ=DAILY;BYHOUR=10",
    ]
)


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(rule=RULES, due=DATES, after=DATES)
def test_recurring_plan_always_advances_strictly_forward(rule: str, due: date, after: date) -> None:
    anchored = agenda.anchored_rule(rule, due)
    nxt = next_occurrence(anchored, max(due, after), start=due)
    assert nxt is not None
    assert nxt > max(due, after)


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(rule=st.sampled_from(["FREQ=YEARLY", "FREQ=MONTHLY"]), due=DATES)
def test_anchored_rules_keep_the_day_or_the_month_end(rule: str, due: date) -> None:
    anchored = agenda.anchored_rule(rule, due)
    nxt = next_occurrence(anchored, due, start=due)
    assert nxt is not None
    months = 12 if rule == "FREQ=YEARLY" else 1
    assert (nxt.year * 12 + nxt.month) - (due.year * 12 + due.month) == months
    assert nxt.day == min(due.day, calendar.monthrange(nxt.year, nxt.month)[1])


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(last=DATES, cadence=st.sampled_from(["1m", "2m", "3m", "6m", "1y", "2y", "18m"]))
def test_cadence_months_clamp(last: date, cadence: str) -> None:
    from dateutil.relativedelta import relativedelta

    due = agenda.add_cadence(last, cadence)
    count = int(cadence[:-1])
    assert due == last + relativedelta(**{"years" if cadence[-1] == "y" else "months": count})
    months = int(cadence[:-1]) * (12 if cadence.endswith("y") else 1)
    assert (due.year * 12 + due.month) - (last.year * 12 + last.month) == months
    assert due.day == min(last.day, calendar.monthrange(due.year, due.month)[1])


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(birthday=st.dates(min_value=date(1950, 1, 1), max_value=date(2010, 12, 31)), today=DATES)
def test_birthday_falls_on_its_day_or_28_february(birthday: date, today: date) -> None:
    when = agenda.yearly_date(today.year, birthday.month, birthday.day)
    if (birthday.month, birthday.day) == (2, 29) and not calendar.isleap(today.year):
        assert when == date(today.year, 2, 28)
    else:
        assert (when.month, when.day) == (birthday.month, birthday.day)


@st.composite
def networks(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(1, 6))
    people = []
    for k in range(1, n + 1):
        bday = draw(st.none() | st.dates(date(1950, 1, 1), date(2030, 12, 31)))
        people.append(
            {
                "id": f"c{k}",
                "first_name": f"P{k}",
                "cadence": draw(st.none() | st.sampled_from(["2w", "1m", "3m", "1y", "5d"])),
                "connected_on": draw(DATES).isoformat() if draw(st.booleans()) else None,
                "birthday": bday.isoformat() if bday else None,
            }
        )
    inters = []
    for k in range(1, draw(st.integers(0, 10)) + 1):
        on = draw(DATES)
        inters.append(
            {
                "id": f"i{k}",
                "connection_id": f"c{draw(st.integers(1, n))}",
                "date": on.isoformat(),
                "direction": draw(st.sampled_from(["sent", "received"])),
                "follow_up_on": (on + timedelta(days=draw(st.integers(1, 30)))).isoformat()
                if draw(st.booleans())
                else None,
            }
        )
    plans = []
    for k in range(1, draw(st.integers(0, 4)) + 1):
        plans.append(
            {
                "id": f"p{k}",
                "recipients": [f"c{draw(st.integers(1, n))}"],
                "due": draw(DATES).isoformat(),
                "text": draw(st.sampled_from(["", "hi"])),
                "recurrence": draw(st.none() | RULES),
                "snoozed_until": draw(DATES).isoformat() if draw(st.booleans()) else None,
            }
        )
    occs = []
    for k in range(1, draw(st.integers(0, 3)) + 1):
        when = draw(st.dates(date(2000, 1, 1), date(2000, 12, 31)))
        rule = draw(st.none() | st.just("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"))
        occs.append(
            {
                "id": f"o{k}",
                "connection_id": f"c{draw(st.integers(1, n))}",
                "label": "x",
                "month": None if rule else when.month,
                "day": None if rule else when.day,
                "rrule": rule,
                "lead_days": draw(st.integers(0, 60)),
            }
        )

    def table(rows: list[dict[str, Any]]) -> dict[str, Any]:
        return {r["id"][1:]: r for r in rows}

    return {
        "_meta": {"1": {"schema": 1}},
        "connections": table(people),
        "interactions": table(inters),
        "plans": table(plans),
        "occasions": table(occs),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=networks(), today=DATES, days=st.integers(0, 60))
def test_agenda_never_raises_and_respects_its_window(
    data: dict[str, Any], today: date, days: int
) -> None:
    store = Store(Path("/nonexistent/prop.json"), data, None)
    items = due_items(store, today, days)
    horizon = today + timedelta(days=days)
    assert [i.date for i in items] == sorted(i.date for i in items)
    max_lead = max((o.lead_days for o in store.occasions.values()), default=0)
    for item in items:
        assert item.days_overdue == (today - item.date).days
        assert item.reason in agenda.REASONS
        assert item.connection_id in store.connections
        limit = today + timedelta(days=max_lead) if item.reason == "occasion" else horizon
        assert item.date <= max(horizon, limit)
        assert set(item.to_json()) == {
            "date",
            "name",
            "connection_id",
            "reason",
            "days_overdue",
            "detail",
            "plan_id",
        }
    assert items == due_items(store, today, days)


@settings(deadline=None)  # no timing in tests: the machine may be busy
@given(limit=DATES, cadence=st.sampled_from(["3d", "2w", "1m", "3m", "1y", "2y"]))
def test_cadence_threshold_is_the_latest_start_due_by_the_limit(limit: date, cadence: str) -> None:
    start = agenda._latest_start(cadence, limit)
    assert agenda.add_cadence(start, cadence) <= limit
    assert agenda.add_cadence(start + timedelta(days=1), cadence) > limit


@settings(
    deadline=None, max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rule=RULES, due=DATES, on=DATES, snoozed=st.none() | DATES)
def test_done_and_skip_move_a_recurring_plan_strictly_forward(
    tmp_path: Path, rule: str, due: date, on: date, snoozed: date | None
) -> None:
    net = Net(tmp_path / f"{due}{on}{snoozed}.json")
    person = net.person("Ana Lima")
    anchored = agenda.anchored_rule(rule, due)
    done = net.plan([person], due, recurrence=anchored, snoozed_until=snoozed)
    skipped = net.plan([person], due, recurrence=anchored, snoozed_until=snoozed)
    Operations(net.store).done(done.id, on)
    Operations(net.store).skip(skipped.id, today=on)
    for plan in (net.store.plans[done.id], net.store.plans[skipped.id]):
        assert plan.status == "pending" and plan.snoozed_until is None
        assert plan.due > max(due, on)
    assert net.store.last_contacted(person.id) == on


def test_an_occasion_gives_one_item_even_for_a_frequent_rule(net: Net) -> None:
    cy = net.person("Cy Park")
    net.occasion(cy, "team lunch", rrule=agenda.check_occasion_rule("FREQ=WEEKLY;BYDAY=TH"))
    assert [(i.date, i.days_overdue) for i in net.due()] == [(TODAY, 0)]
    assert [i.date for i in net.due(today=date(2026, 11, 27))] == [TODAY]  # missed yesterday
    net.log(cy, TODAY)
    assert [i.date for i in net.due(today=date(2026, 11, 27))] == [date(2026, 12, 3)]


def test_a_broken_rule_in_the_file_does_not_break_the_agenda(net: Net) -> None:
    cy = net.person("Cy Park", birthday=Birthday(11, 27))
    net.occasion(cy, "broken", rrule="FREQ=YEARLY;BYDAY=XX")
    assert [i.reason for i in net.due()] == ["birthday"]


@settings(deadline=None)
@given(
    month=st.integers(1, 12),
    nth=st.integers(-5, 5).filter(bool),
    weekday=st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
    monthday=st.integers(-31, 31).filter(bool),
    by_weekday=st.booleans(),
    start=st.dates(date(1990, 1, 1), date(2080, 1, 1)),
)
def test_observance_rules_computed_directly_agree_with_dateutil(
    month: int, nth: int, weekday: str, monthday: int, by_weekday: bool, start: date
) -> None:
    from datetime import datetime

    from dateutil.rrule import rrulestr

    part = f"BYDAY={nth:+d}{weekday}" if by_weekday else f"BYMONTHDAY={monthday}"
    rule = f"FREQ=YEARLY;BYMONTH={month};{part}"
    assert agenda._simple_yearly(rule) is not None
    lo, hi = start, start + timedelta(days=3 * 366)
    expected = rrulestr(rule, dtstart=datetime(lo.year - 1, 1, 1)).between(
        datetime(lo.year, lo.month, lo.day), datetime(hi.year, hi.month, hi.day), inc=True
    )
    assert agenda._rule_dates(rule, lo, hi) == tuple(d.date() for d in expected)
