"""iCalendar export: birthdays, occasions and planned messages as recurring all-day events.

Each event's UID is derived from the record it comes from (``birthday-c12@outreach``,
``occasion-o7@outreach``, ``plan-p3@outreach``), so importing a newer export into a calendar
updates the events instead of adding copies. A 29 February date recurs as "the last day of
February" (``BYMONTH=2;BYMONTHDAY=-1``): the 29th in leap years, the 28th in common years.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from planner.models import Connection
from planner.storage import Store
from planner.text import safe

UID_DOMAIN = "outreach"
LEAP_YEAR = 2000  # the first occurrence of a birthday without a year
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def yearly_rule(month: int, day: int) -> dict[str, object]:
    """RRULE parts for a date every year (29 February falls back to the 28th)."""
    if (month, day) == (2, 29):
        return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
    return {"freq": "yearly"}


def _key(record_id: str) -> tuple[str, int]:
    return record_id[:1], int(record_id[1:]) if record_id[1:].isdigit() else 0


def _event(
    uid: str, start: date, summary: str, stamp: datetime, rule: object | None, description: str = ""
) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("summary", safe(summary))
    if description:
        event.add("description", _CONTROL.sub("", description))
    if rule:
        event.add("rrule", rule)
    event.add("transp", "TRANSPARENT")
    return event


def _alarm(event: Event, days_before: int, summary: str) -> None:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", safe(summary))
    alarm.add("trigger", timedelta(days=-days_before))
    event.add_component(alarm)


def _first_after(rule: str, start: date) -> date | None:
    from dateutil.rrule import rrulestr

    try:
        occurrence = rrulestr(rule, dtstart=datetime.combine(start, time())).after(
            datetime.combine(start, time()), inc=True
        )
    except (ValueError, TypeError):
        return None
    return occurrence.date() if occurrence else None


def _clean_rule(rule: str) -> str:
    return rule.strip().removeprefix("RRULE:").strip()


def export_calendar(store: Store, today: date) -> tuple[bytes, int]:
    """The calendar as bytes and the number of events in it.

    ``today`` stamps the events (DTSTAMP) and anchors occasions given only as an RRULE, so the
    same data and day give the same bytes.
    """
    cal = Calendar()
    cal.add("prodid", "-//outreach//outreach planner//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "outreach")
    stamp = datetime.combine(today, time(), tzinfo=UTC)
    count = 0

    for conn in sorted(store.connections.values(), key=lambda c: _key(c.id)):
        bday = conn.birthday
        if bday is None:
            continue
        year = bday.year if bday.year else LEAP_YEAR
        if (bday.month, bday.day) == (2, 29) and not _is_leap(year):
            year = LEAP_YEAR
        summary = f"Birthday: {conn.name}" + (f" (born {bday.year})" if bday.year else "")
        cal.add_component(
            _event(
                f"birthday-{conn.id}",
                date(year, bday.month, bday.day),
                summary,
                stamp,
                yearly_rule(bday.month, bday.day),
                _context(conn),
            )
        )
        count += 1

    for occ in sorted(store.occasions.values(), key=lambda o: _key(o.id)):
        person = store.connections.get(occ.connection_id)
        if person is None:
            continue
        summary = f"{person.name}: {occ.label}"
        if occ.rrule:
            rule_text = _clean_rule(occ.rrule)
            start = _first_after(rule_text, date(today.year, 1, 1))
            if start is None:
                continue
            try:
                rule: object = vRecur.from_ical(rule_text)
            except ValueError:
                continue
        else:
            assert occ.month is not None and occ.day is not None
            year = occ.year or LEAP_YEAR
            if (occ.month, occ.day) == (2, 29) and not _is_leap(year):
                year = LEAP_YEAR
            start = date(year, occ.month, occ.day)
            rule = yearly_rule(occ.month, occ.day)
            if occ.year:
                summary += f" (since {occ.year})"
        event = _event(f"occasion-{occ.id}", start, summary, stamp, rule, _context(person))
        if occ.lead_days:
            _alarm(event, occ.lead_days, summary)
        cal.add_component(event)
        count += 1

    for plan in sorted(store.plans.values(), key=lambda p: _key(p.id)):
        if plan.status != "pending":
            continue
        people = [store.connections[r] for r in plan.recipients if r in store.connections]
        if not people:
            continue
        names = ", ".join(p.name for p in people)
        first_line = plan.text.strip().splitlines()[0] if plan.text.strip() else ""
        what = plan.label or first_line or "message"
        summary = (
            f"Write to {names}: {what}" if plan.text else f"Write to {names} (to write): {what}"
        )
        start = plan.effective_due
        rule = None
        if plan.recurrence:
            rule_text = _clean_rule(plan.recurrence)
            parts = {k.upper() for k in re.findall(r"([A-Za-z]+)=", rule_text)}
            if (start.month, start.day) == (2, 29) and parts <= {"FREQ", "INTERVAL"}:
                rule = yearly_rule(2, 29) if "YEARLY" in rule_text.upper() else None
            if rule is None:
                try:
                    rule = vRecur.from_ical(rule_text)
                except ValueError:
                    rule = None
        cal.add_component(_event(f"plan-{plan.id}", start, summary, stamp, rule, plan.text))
        count += 1
    return cal.to_ical(), count


def _context(conn: Connection) -> str:
    bits = [conn.how_we_know, " at ".join(x for x in (conn.position, conn.company) if x)]
    return "\n".join(b for b in bits if b)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
