"""The daily agenda: who is due a personal note, and why. Pure functions of (store, today).

What falls due (each a :class:`DueItem`):

* ``birthday``: yearly on the connection's birthday; 29 February is greeted on 28 February in
  common years.
* ``occasion``: a yearly month/day with a label, or an RFC 5545 RRULE (e.g. the 4th Thursday of
  November), each with a lead time: it shows up ``lead_days`` before the day even when that is
  beyond the look-ahead window.
  A birthday or occasion is handled once you send the person anything on or after the day the
  reminder started; a missed one stays overdue for :data:`OCCASION_GRACE_DAYS` days. An
  occasion gives one item at a time (its latest day up to today, else its next one).
* ``keep-in-touch``: last interaction (either direction) plus the cadence, months clamped to
  the month end; never contacted: connected-on plus cadence, else today. A skip
  (planner.morning.skip_person) later than the last contact restarts the clock from its day;
  a person's snooze moves the item to the snooze day.
* ``follow-up``: a sent interaction's ``follow_up_on`` date. Any later interaction with that
  person cancels it: a reply, and also a later message of yours (that message is the follow-up;
  ask for a new nudge on it if you want one). So each person has at most one follow-up, and each
  sent message at most one nudge.
* ``planned``: each pending plan on its ``due`` day (or its snooze day), one item per recipient.

Marking a plan done, snoozing, skipping and writing it are in :mod:`planner.operations` (the
one write path); this module only reads.
"""

from __future__ import annotations

import calendar
import functools
import gc
import re
from bisect import bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import Any

from planner.dates import LAST_DAY, add_months, days_after, days_before
from planner.models import Connection, Interaction, Occasion, Plan, ValidationError
from planner.storage import Store
from planner.storage.summary import DueIndex

REASONS = ("birthday", "occasion", "planned", "follow-up", "keep-in-touch")
OCCASION_GRACE_DAYS = 14  # a missed birthday or occasion stays on the list this long
RECONNECT_QUIET_DAYS = 120  # planner.morning: a two-way history this quiet is a suggestion
FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
_UNTIL_TIME = re.compile(r"UNTIL=(\d{8})T\d{6}Z?")
RRULE_EXAMPLE = "e.g. FREQ=YEARLY;BYMONTH=11;BYDAY=4TH (the 4th Thursday of November)"


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing to do for one person on one day."""

    date: date
    connection_id: str
    name: str
    reason: str
    days_overdue: int
    detail: str
    plan_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``outreach due --json`` object (a contract: keys and types are fixed)."""
        return {
            "date": self.date.isoformat(),
            "name": self.name,
            "connection_id": self.connection_id,
            "reason": self.reason,
            "days_overdue": self.days_overdue,
            "detail": self.detail,
            "plan_id": self.plan_id,
        }


# --- dates ----------------------------------------------------------------------------------


def yearly_date(year: int, month: int, day: int) -> date:
    """``month``/``day`` in ``year``; 29 February falls on 28 February in common years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


@functools.lru_cache(maxsize=65536)
def add_cadence(day: date, cadence: str) -> date:
    """``day`` plus a cadence such as ``2w`` or ``3m`` (months clamp to the month end).

    Month steps are :func:`planner.dates.add_months` (integer arithmetic, cached here: a
    network with no history needs thousands of distinct ones).
    """
    count, unit = int(cadence[:-1]), cadence[-1]
    try:
        if unit == "d":
            return day + timedelta(days=count)
        if unit == "w":
            return day + timedelta(weeks=count)
        return add_months(day, count * (12 if unit == "y" else 1))
    except (OverflowError, ValueError):  # past the calendar's end: "not before it ends"
        return date.max


@functools.lru_cache(maxsize=4096)
def _latest_start(cadence: str, limit: date) -> date:
    """The latest day ``x`` with ``add_cadence(x, cadence) <= limit`` (monotone in ``x``)."""
    count, unit = int(cadence[:-1]), cadence[-1]
    try:
        if unit in "dw":
            return limit - timedelta(days=count * (7 if unit == "w" else 1))
        x = add_months(limit, -count * (12 if unit == "y" else 1))
    except (OverflowError, ValueError):  # before the calendar's start: only its first day
        return date.min
    while add_cadence(x, cadence) > limit:  # pragma: no cover - clamping only moves earlier
        x -= timedelta(days=1)
    while add_cadence(x + timedelta(days=1), cadence) <= limit:
        x += timedelta(days=1)
    return x


# --- RRULEs ---------------------------------------------------------------------------------


def normalise_rule(rule: str) -> str:
    """Upper-case an RRULE and drop an ``RRULE:`` prefix; ValidationError when unreadable."""
    text = " ".join(str(rule).split()).upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:") :]
    text = text.replace(" ", "").strip(";")
    if not text.startswith("FREQ=") and ";FREQ=" not in f";{text}":
        raise ValidationError(f"bad RRULE {rule!r}: it needs FREQ=..., {RRULE_EXAMPLE}")
    if "DTSTART" in text or "\n" in text:
        raise ValidationError(f"bad RRULE {rule!r}: give only the RRULE part, {RRULE_EXAMPLE}")
    # calendar apps write UNTIL as a UTC time; a day is all a plan needs
    text = _UNTIL_TIME.sub(r"UNTIL=\1", text)
    parts = dict(p.partition("=")[::2] for p in text.split(";"))
    if parts.get("FREQ") not in FREQS:
        raise ValidationError(
            f"bad RRULE {rule!r}: FREQ must be one of {', '.join(FREQS)}, {RRULE_EXAMPLE}"
        )
    if "COUNT" in parts:
        raise ValidationError(
            f"bad RRULE {rule!r}: COUNT is not supported here; use UNTIL=YYYYMMDD to end it"
        )
    _rule(text, date(2000, 1, 1))  # raises ValidationError when dateutil cannot read it
    return text


@functools.lru_cache(maxsize=1024)
def _rule(rule: str, start: date) -> Any:
    """A parsed rrule from ``start`` (cached per distinct rule text and start)."""
    from dateutil.rrule import rrulestr

    try:
        return rrulestr(rule, dtstart=datetime(start.year, start.month, start.day), cache=True)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(f"bad RRULE {rule!r}: {exc}; {RRULE_EXAMPLE}") from None


def next_occurrence(rule: str, after: date, *, start: date | None = None) -> date | None:
    """The first day of ``rule`` strictly after ``after``; None when the rule has ended.

    ``start`` is the rule's anchor (DTSTART: for a plain ``FREQ=YEARLY`` it fixes the month and
    day); it defaults to ``after``.
    """
    anchor = start or after
    end_of_day = datetime(after.year, after.month, after.day, 23, 59, 59)
    found = _rule(rule, anchor).after(end_of_day, inc=False)
    if found is None or found.date() > LAST_DAY:  # past the last day outreach handles: ended
        return None
    return found.date()


def anchored_rule(rule: str, due: date) -> str:
    """A plan's rule made to clamp like a person would on short months.

    A plain ``FREQ=MONTHLY`` or ``FREQ=YEARLY`` (no BY... parts) anchored on the 29th-31st
    would, by RFC 5545, skip months (or years) without that day. We spell out the clamp instead:
    31 January monthly is the last day of each month, 29 February yearly is 28 February in
    common years. Other rules are returned unchanged.
    """
    parts = dict(p.partition("=")[::2] for p in rule.split(";"))
    if any(k.startswith("BY") for k in parts) or due.day < 29:
        return rule
    freq = parts.get("FREQ")
    if freq == "YEARLY" and due.month == 2:
        return f"{rule};BYMONTH=2;BYMONTHDAY=-1"
    if freq == "YEARLY" and due.day == calendar.monthrange(2001, due.month)[1]:
        return rule  # 30 April, 31 December...: every year has it
    if freq == "MONTHLY":
        if due.day == 31:
            return f"{rule};BYMONTHDAY=-1"
        days = ",".join(str(d) for d in range(28, due.day + 1))
        return f"{rule};BYMONTHDAY={days};BYSETPOS=-1"
    return rule


def check_occasion_rule(rule: str) -> str:
    """Normalise an occasion's RRULE; it must fix the dates on its own (no DTSTART needed)."""
    text = normalise_rule(rule)
    lo, hi = datetime(2002, 1, 1), datetime(2006, 12, 31)
    a = _rule(text, date(2000, 1, 1)).between(lo, hi, inc=True)
    b = _rule(text, date(2001, 7, 13)).between(lo, hi, inc=True)  # another year and day
    if a != b or not a:
        raise ValidationError(
            f"bad occasion RRULE {rule!r}: it must name the month and day by itself, "
            f"{RRULE_EXAMPLE}"
        )
    return text


@functools.lru_cache(maxsize=1024)
def _rule_dates(rule: str, lo: date, hi: date) -> tuple[date, ...]:
    """The days of an occasion rule between ``lo`` and ``hi`` inclusive.

    A rule dateutil cannot read (only possible in a hand-edited file: ``occasion add`` checks
    it) gives no days rather than breaking the whole agenda.
    """
    spec = _simple_yearly(rule)
    if spec is not None:
        found_days = (_simple_day(spec, year) for year in range(lo.year, hi.year + 1))
        return tuple(d for d in found_days if d is not None and lo <= d <= hi)
    try:
        r = _rule(rule, date(lo.year - 1, 1, 1))
    except ValidationError:
        return ()
    found = r.between(
        datetime(lo.year, lo.month, lo.day), datetime(hi.year, hi.month, hi.day), True
    )
    return tuple(d.date() for d in found)


_RRULE_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_NTH_WEEKDAY = re.compile(r"^([+-]?[1-5])(MO|TU|WE|TH|FR|SA|SU)$")


@functools.lru_cache(maxsize=1024)
def _simple_yearly(rule: str) -> tuple[int, int, int] | None:
    """``(month, n, weekday)`` or ``(month, day, -1)`` for the common observance rules.

    ``FREQ=YEARLY;BYMONTH=11;BYDAY=4TH`` (the nth weekday of a month, counted from the end when
    negative) and ``FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1`` are computed directly, without
    importing dateutil's rrule (tens of milliseconds at start-up); a test checks both ways
    agree. Anything else returns None and goes to dateutil.
    """
    parts = dict(p.partition("=")[::2] for p in rule.split(";"))
    if parts.get("FREQ") != "YEARLY" or not parts.keys() <= {
        "FREQ",
        "BYMONTH",
        "BYDAY",
        "BYMONTHDAY",
    }:
        return None
    month = parts.get("BYMONTH", "")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return None
    if "BYDAY" in parts and "BYMONTHDAY" not in parts:
        m = _NTH_WEEKDAY.match(parts["BYDAY"])
        if m and int(m.group(1)) != 0:
            return int(month), int(m.group(1)), _RRULE_WEEKDAYS[m.group(2)]
    elif "BYMONTHDAY" in parts and "BYDAY" not in parts:
        day = parts["BYMONTHDAY"].lstrip("+")
        if day.lstrip("-").isdigit() and 1 <= abs(int(day)) <= 31:
            return int(month), int(day), -1
    return None


def _simple_day(spec: tuple[int, int, int], year: int) -> date | None:
    """The day of a :func:`_simple_yearly` rule in ``year`` (None when that year has none)."""
    month, n, weekday = spec
    last = calendar.monthrange(year, month)[1]
    if weekday < 0:  # BYMONTHDAY: n is the day, from the end when negative
        day = n if n > 0 else last + 1 + n
    elif n > 0:
        first = date(year, month, 1).weekday()
        day = 1 + (weekday - first) % 7 + (n - 1) * 7
    else:
        final = date(year, month, last).weekday()
        day = last - (final - weekday) % 7 - (-n - 1) * 7
    return date(year, month, day) if 1 <= day <= last else None


# --- the agenda -------------------------------------------------------------------------------


def due_items(
    store: Store, today: date, days: int = 7, only: Collection[str] | None = None
) -> list[DueItem]:
    """Everything overdue up to ``today``, due on it, and upcoming within ``days`` after it.

    Sorted by date (so the most overdue first, then today, then upcoming by date); ties by
    reason (birthday, occasion, planned, follow-up, keep-in-touch), then name, then the order
    of the records in the data file. With ``only`` (connection ids), just those people's items,
    exactly as they are in the whole agenda (for updating a view after an edit).
    """
    days = max(0, days)
    horizon = days_after(today, days)
    window = _occasion_window(store, today, horizon)
    birthdays: list[DueItem] = []
    occasions: list[DueItem] = []
    planned: list[DueItem] = []
    follow_ups: list[DueItem] = []
    keep: list[DueItem] = []
    # Tens of thousands of short-lived objects: pause the collector while they are made
    # (it would otherwise walk the whole network several times), as the store does on load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _people_items(store, today, horizon, window, birthdays, keep, only)
        _occasion_items(store, today, horizon, window, occasions, only)
        _plan_items(store, today, horizon, planned, only)
        _follow_up_items(store, today, horizon, follow_ups, only)
        # Stable sorts with C-level keys (a Python key function costs more than the agenda
        # itself at 30,000 people): by name within each reason, reasons in their order, then
        # by date.
        items: list[DueItem] = []
        for part in (birthdays, occasions, planned, follow_ups, keep):  # the order of REASONS
            part.sort(key=_BY_NAME)
            items.extend(part)
        items.sort(key=_BY_DATE)
    finally:
        if collecting:
            gc.enable()
    return items


def who_may_be_due(
    index: DueIndex, today: date, days: int = 7, *, open_ended: bool = True
) -> set[str]:
    """The connections (ids) that can have an item in ``due_items(store, today, days)`` or
    in ``planner.morning.day_list``, from a summary's :class:`DueIndex` (no record decoded).
    A superset, by the agenda's own tests: ``due`` decodes only these people (see
    ``Store.open_summary``); :func:`due_items` then decides exactly. With ``open_ended``
    False, only those who may have a dated item, or person-level state (keep-in-touch and
    reconnect candidates are ranked by planner.morning.select_for_due)."""
    ids = index.ids
    return {ids[n] for n in may_be_due(index, today, days, open_ended=open_ended)}


def may_be_due(index: DueIndex, today: date, days: int = 7, *, open_ended: bool = True) -> set[int]:
    """:func:`who_may_be_due` as the index's person numbers."""
    days = max(0, days)
    horizon = days_after(today, days)
    lo = days_before(today, OCCASION_GRACE_DAYS)
    hi = max(horizon, days_after(today, index.max_lead))
    found: set[int] = set()
    for key in _yearly_index(lo, horizon):  # birthdays have no lead time
        found.update(index.birthdays.get(key, ()))
    for key in _yearly_index(lo, hi):
        found.update(index.occasion_days.get(key, ()))
    found.update(index.occasion_rules)
    on, people = index.dated  # pending plans and follow-ups, by their earliest day
    found.update(people[: bisect_right(on, horizon.toordinal())])
    # planner.morning: news and snoozes (person-level state)
    found.update(index.flagged)
    if not open_ended:
        return found
    for cadence, (bases, people) in index.keep.items():
        found.update(people[: bisect_right(bases, _latest_start(cadence, horizon).toordinal())])
    for people in index.never.values():
        found.update(people)
    lasts, people = index.quiet  # reconnect suggestions
    found.update(people[: bisect_right(lasts, horizon.toordinal() - RECONNECT_QUIET_DAYS)])
    return found


_BY_NAME = attrgetter("name")
_BY_DATE = attrgetter("date")


def plan_detail(plan: Plan) -> str:
    """A plan in plain words: its text (after its label), or "to write" when it has none."""
    if not plan.text.strip():
        return f"to write: {plan.label}" if plan.label else "to write"
    return f"{plan.label}: {plan.text}" if plan.label else plan.text


def _greeted(store: Store, cid: str, since: date) -> bool:
    """Whether anything was sent to ``cid`` on or after ``since``."""
    sent = store.last_sent(cid)
    return sent is not None and sent >= since


def _yearly_index(lo: date, hi: date) -> dict[int, list[date]]:
    """``month * 100 + day`` -> the days in [lo, hi] a yearly date falls on (29 Feb -> 28 Feb)."""
    index: dict[int, list[date]] = {}
    day = lo
    one = timedelta(days=1)
    while day <= hi:
        index.setdefault(day.month * 100 + day.day, []).append(day)
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            index.setdefault(229, []).append(day)
        day += one
    return index


def _occasion_window(store: Store, today: date, horizon: date) -> tuple[date, date]:
    """The days a birthday or occasion can fall on and still be listed: from the end of the
    grace period for missed ones to the horizon or the longest lead time."""
    lo = days_before(today, OCCASION_GRACE_DAYS)
    max_lead = max((o.lead_days for o in store.occasions.values()), default=0)
    return lo, max(horizon, days_after(today, max_lead))


def _people_items(
    store: Store,
    today: date,
    horizon: date,
    window: tuple[date, date],
    birthdays: list[DueItem],
    keep: list[DueItem],
    only: Collection[str] | None,
) -> None:
    """Birthdays and keep-in-touch reminders: one pass over the connections."""
    yearly = _yearly_index(window[0], horizon)  # birthdays have no lead time
    get = yearly.get
    last_contacted = store.last_contacted
    append = keep.append
    thresholds: dict[str, date] = {}  # cadence -> latest last contact that is due by horizon
    for conn in store.connections.values():
        bday = conn.birthday
        cadence = conn.cadence
        if bday is None and cadence is None:
            continue
        if only is not None and conn.id not in only:
            continue
        cid = conn.id
        if bday is not None:
            for when in get(bday.month * 100 + bday.day, ()):
                if (bday.year is None or when.year > bday.year) and not _greeted(store, cid, when):
                    detail = _birthday_detail(conn, when)
                    birthdays.append(
                        DueItem(when, cid, conn.name, "birthday", (today - when).days, detail)
                    )
        if cadence is None:
            continue
        last = last_contacted(cid)
        base = last or conn.connected_on
        skipped = _skipped_on(conn) if conn.events else None
        if skipped is not None and (base is None or skipped > base):
            base = skipped
        else:
            skipped = None
        snoozed = conn.snoozed_until
        if base is None:
            detail = f"every {cadence}, never contacted"
            when = snoozed if snoozed is not None and snoozed > today else today
            if when <= horizon:
                append(DueItem(when, cid, conn.name, "keep-in-touch", (today - when).days, detail))
            continue
        latest_start = thresholds.get(cadence)
        if latest_start is None:
            latest_start = thresholds[cadence] = _latest_start(cadence, horizon)
        if base > latest_start:
            continue
        when = add_cadence(base, cadence)
        if snoozed is not None and snoozed > when:
            if snoozed > horizon:
                continue
            when = snoozed
        if skipped is not None:
            contact = f"last contact {last.isoformat()}" if last else "never contacted"
            detail = f"every {cadence}, skipped {skipped.isoformat()} ({contact})"
        elif last is not None:
            detail = f"every {cadence}, last contact {last.isoformat()}"
        else:
            detail = f"every {cadence}, never contacted (connected {base.isoformat()})"
        append(DueItem(when, cid, conn.name, "keep-in-touch", (today - when).days, detail))


def _occasion_items(
    store: Store,
    today: date,
    horizon: date,
    window: tuple[date, date],
    items: list[DueItem],
    only: Collection[str] | None,
) -> None:
    connections = store.connections
    lo, hi = window
    yearly = _yearly_index(lo, hi)
    get = yearly.get
    for occ in store.occasions.values():
        if only is not None and occ.connection_id not in only:
            continue
        if occ.rrule:
            dates: Iterable[date] = _rule_dates(occ.rrule, lo, hi)
        else:
            dates = get(occ.month * 100 + occ.day, ())  # type: ignore[operator]
        if not dates:
            continue
        conn = connections.get(occ.connection_id)
        if conn is None:
            continue
        limit = max(horizon, days_after(today, occ.lead_days))
        chosen = None
        for when in dates:  # ascending
            if when > limit or (occ.year and not occ.rrule and when.year < occ.year):
                continue
            if _greeted(store, conn.id, days_before(when, occ.lead_days)):
                continue
            # one item per occasion: the latest one up to today, else the next one
            if when <= today or chosen is None:
                chosen = when
            if when > today:
                break
        if chosen is not None:
            detail = _occasion_detail(occ, chosen)
            late = (today - chosen).days
            items.append(DueItem(chosen, conn.id, conn.name, "occasion", late, detail))


def _birthday_detail(conn: Connection, when: date) -> str:
    bday = conn.birthday
    assert bday is not None
    return f"turns {when.year - bday.year}" if bday.year else "birthday"


def _occasion_detail(occ: Occasion, when: date) -> str:
    if occ.year and not occ.rrule and when.year > occ.year:
        n = when.year - occ.year
        return f"{occ.label} ({n} year{'s' if n != 1 else ''})"
    return occ.label


def _follow_up_items(
    store: Store, today: date, horizon: date, items: list[DueItem], only: Collection[str] | None
) -> None:
    """A sent message's nudge, unless anything with that person was logged after it."""
    connections = store.connections
    last_interaction = store.last_interaction
    asked = [
        i
        for i in store.interactions.values()
        if i.follow_up_on is not None and i.follow_up_on <= horizon
    ]
    for inter in asked:
        if inter.direction != "sent":
            continue
        if only is not None and inter.connection_id not in only:
            continue
        if last_interaction(inter.connection_id) is not inter:
            continue
        conn = connections.get(inter.connection_id)
        if conn is None:
            continue
        when = inter.follow_up_on
        assert when is not None
        detail = _follow_up_detail(inter)
        items.append(DueItem(when, conn.id, conn.name, "follow-up", (today - when).days, detail))


def _plan_items(
    store: Store, today: date, horizon: date, items: list[DueItem], only: Collection[str] | None
) -> None:
    """Each pending plan on its due (or snooze) day, one item per recipient."""
    connections = store.connections
    for plan in store.plans.values():
        if plan.status != "pending":
            continue
        when = plan.snoozed_until or plan.due
        if when > horizon:
            continue
        detail = plan_detail(plan)
        late = (today - when).days
        for cid in plan.recipients:
            conn = connections.get(cid)
            if conn is not None and (only is None or cid in only):
                items.append(DueItem(when, cid, conn.name, "planned", late, detail, plan.id))


def _skipped_on(conn: Connection) -> date | None:
    """The day of the person's latest skip (see planner.morning.skip_person)."""
    days = [e["on"] for e in conn.events if e["kind"] == "skip"]
    return date.fromisoformat(max(days)) if days else None


def _follow_up_detail(inter: Interaction) -> str:
    snippet = " ".join(inter.text.split())
    if len(snippet) > 50:
        snippet = snippet[:49] + "…"
    said = f': "{snippet}"' if snippet else ""
    return f"no reply yet to your message of {inter.date.isoformat()} ({inter.id}){said}"
