"""The morning list: the agenda plus news and reconnect suggestions, within a daily budget.

:func:`day_list` is what ``outreach due`` and the TUI's Today show. On top of
:func:`planner.agenda.due_items` it adds two kinds of item:

* ``news``: a role change a LinkedIn import found (company or position), on the import day:
  "new role: Head of Platform at Lattice, was Staff Engineer at Stripe". It stays until
  anything is sent to the person on or after that day, until it is dismissed, or for
  :data:`NEWS_DAYS` (14) days.
* ``reconnect``: someone with no keep-in-touch cadence but a real two-way history (at least
  :data:`RECONNECT_MIN_INTERACTIONS` (2) interactions, and they replied or you met or called)
  who has gone quiet: due :data:`RECONNECT_QUIET_DAYS` (120) days after the last contact.

**The daily budget.** The open-ended kinds (keep-in-touch and reconnect) are limited to
``limit`` rows (the ``daily-limit`` setting, default 10); dated kinds (birthday, occasion,
planned, follow-up, news) are never hidden. The rows kept are those with the highest
:func:`priority`, ``(1 + strength) * log2(2 + days overdue)``: the most overdue, weighted by
relationship strength, so the people you actually write to come before a years-old import.
The others wait (:attr:`DayList.waiting`); as the day's rows are handled (a message logged,
skipped or snoozed), the next best take their place on the following day.

Person-level state (on the connection; see :func:`snooze_person`, :func:`skip_person`; each
writes through :class:`planner.operations.Operations`, so it is one undoable change):
a snooze moves their open-ended items and news to that day; a skip counts this round of
keep-in-touch (or a reconnect suggestion) as done without a message, restarting the clock from
the day of the skip, with a history entry saying so.
"""

from __future__ import annotations

import gc
import heapq
import itertools
import math
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, NamedTuple, Protocol

from planner import strength
from planner.agenda import RECONNECT_QUIET_DAYS, DueItem, _skipped_on, due_items
from planner.models import Connection, Interaction, ValidationError
from planner.storage import Store
from planner.storage.summary import DueIndex


class Operations(Protocol):
    """What the person-level changes need of :class:`planner.operations.Operations` (named
    here, not imported: the operations import the transfer modules, which import this)."""

    store: Store

    def change(self, description: str, *, put: Iterable[Any] = ...) -> Any: ...


NEWS_DAYS = 14
RECONNECT_MIN_INTERACTIONS = 2
OPEN_ENDED = frozenset(("keep-in-touch", "reconnect"))
#: Tie order within a day (the agenda's five reasons keep their documented order).
ORDER = ("birthday", "occasion", "planned", "follow-up", "news", "keep-in-touch", "reconnect")
_RANK = {reason: n for n, reason in enumerate(ORDER)}


@dataclass(frozen=True, slots=True)
class DayList:
    """One day's list: the rows to show and how many open-ended rows wait beyond the budget."""

    items: list[DueItem]
    waiting: int = 0
    limit: int | None = None


def priority(item: DueItem, value: int) -> float:
    """How much an open-ended row deserves a place today: ``(1 + strength) * log2(2 + days
    overdue)`` (an upcoming row counts as 0 days overdue)."""
    return (1 + value) * math.log2(2 + max(0, item.days_overdue))


def day_list(
    store: Store,
    today: date,
    days: int = 7,
    limit: int | None = None,
    only: Collection[str] | None = None,
) -> DayList:
    """The agenda plus news and reconnect items, sorted like the agenda (by date; ties by
    :data:`ORDER`, then name, then file order), with at most ``limit`` open-ended rows
    (None: all of them)."""
    collecting = gc.isenabled()
    gc.disable()  # thousands of short-lived rows: as in the agenda, no collections meanwhile
    try:
        return _day_list(store, today, days, limit, only)
    finally:
        if collecting:
            gc.enable()


def _in_order(item: DueItem) -> tuple[date, int, str]:
    """The list's order: by date; ties by :data:`ORDER`, then name (then file order)."""
    return item.date, _RANK[item.reason], item.name


def _day_list(
    store: Store, today: date, days: int, limit: int | None, only: Collection[str] | None
) -> DayList:
    """:func:`day_list`, done as :func:`budget` would on the sorted list, without sorting
    (or writing the detail of) the thousands of open-ended rows the budget leaves out."""
    items = due_items(store, today, days, only)  # sorted by _in_order, ties in file order
    horizon = today + timedelta(days=max(0, days))
    bases = strength.lookup(store)  # one pass: everyone's basis from the summary where it can
    pending: dict[str, tuple[date, Sequence[Any]]] = {}  # reconnect details not written yet
    extra = news_items(store, today, horizon, only) + _reconnect_rows(
        store, today, horizon, only, bases, pending
    )
    rows = items + extra  # the sort below is stable: ties keep this order
    open_rows = [i for i in rows if i.reason in OPEN_ENDED]
    if limit is None or len(open_rows) <= limit:
        rows.sort(key=_in_order)
        shown = rows
    else:
        # The budget's ranking on the sorted list, from the unsorted one: equal priorities go
        # by the row's place in the sorted list, i.e. (date, reason, name, place before it).
        places = {id(i): n for n, i in enumerate(rows)}
        ranked = zip(
            _priorities(open_rows, today, bases),
            [i.date for i in open_rows],
            [_RANK[i.reason] for i in open_rows],
            [i.name for i in open_rows],
            [places[id(i)] for i in open_rows],
            open_rows,
            strict=True,
        )
        kept = {id(best[-1]) for best in heapq.nsmallest(limit, ranked)}
        extra = sorted(
            (i for i in extra if i.reason not in OPEN_ENDED or id(i) in kept), key=_in_order
        )
        shown = [i for i in items if i.reason not in OPEN_ENDED or id(i) in kept]
        if extra:  # due_items' rows come first on equal keys, as in the stable sort
            shown = list(heapq.merge(shown, extra, key=_in_order))
    if pending:  # only the rows shown get their detail ("quiet since ...; regular: ...")
        shown = [
            _reconnect_detail(i, *pending[i.connection_id], today) if i.reason == "reconnect" else i
            for i in shown
        ]
    waiting = 0 if limit is None else max(0, len(open_rows) - limit)
    return DayList(shown, waiting, limit)


def _priorities(
    rows: list[DueItem], today: date, bases: Callable[[str], Sequence[Any] | None]
) -> list[float]:
    """``-priority(row, strength)`` of each open-ended row (:func:`priority`, written out for
    the thousands of rows of a backlog: the same float)."""
    score_of = strength.score_of
    day = today.toordinal()
    log2 = math.log2
    values: dict[str, int] = {}
    out = []
    for i in rows:
        cid = i.connection_id
        value = values.get(cid)
        if value is None:
            b = bases(cid)
            value = values[cid] = 0 if b is None else score_of(b[0], b[1], b[4], day)
        out.append(-((1 + value) * log2(2 + max(0, i.days_overdue))))
    return out


def budget(
    store: Store,
    items: list[DueItem],
    today: date,
    limit: int | None,
    *,
    bases: Callable[[str], Sequence[Any] | None] | None = None,
) -> DayList:
    """Keep every dated row and the ``limit`` best open-ended ones (see :func:`priority`;
    equal priorities keep the list's order). ``bases`` is a :func:`planner.strength.lookup`
    of ``store`` when the caller has one."""
    open_rows = [i for i in items if i.reason in OPEN_ENDED]
    if limit is None or len(open_rows) <= limit:
        return DayList(items, 0, limit)
    get = bases if bases is not None else strength.lookup(store)
    ranked = zip(_priorities(open_rows, today, get), itertools.count(), open_rows)
    kept = {id(i) for _p, _n, i in heapq.nsmallest(limit, ranked)}  # = a stable sort's first
    shown = [i for i in items if i.reason not in OPEN_ENDED or id(i) in kept]
    return DayList(shown, len(open_rows) - limit, limit)


class DueSelection(NamedTuple):
    """What :func:`select_for_due` picked."""

    ids: set[str]  # the people to decode
    counted: int | None  # open-ended candidates in all, not counting flagged people (None:
    # every candidate is decoded, and day_list counts them)
    contenders: set[str] | None  # the people whose open-ended rows can make the day (the
    # best candidates, ties included, and the flagged people); None: anyone decoded


def select_for_due(index: DueIndex, today: date, days: int, limit: int | None) -> DueSelection:
    """Who ``outreach due`` must decode from the summary cache (see :class:`DueIndex`), and
    how many open-ended rows the people not decoded for person-level state have in all.

    Everyone who may have a dated item or person-level state (snooze, skip, news) is decoded.
    The open-ended candidates (keep-in-touch by the day their clock runs from, reconnect by
    the strength basis) are ranked by :func:`priority` from the index alone, exactly as
    :func:`budget` would rank their rows, and only those that can make the day's ``limit``
    (ties included) are decoded, with everyone who may have a dated item: see
    :class:`DueSelection`.
    """
    from planner.agenda import _latest_start, add_cadence, days_after, may_be_due

    ids = index.ids
    if limit is None:
        return DueSelection({ids[n] for n in may_be_due(index, today, days)}, None, None)
    horizon = days_after(today, max(0, days))
    found = may_be_due(index, today, days, open_ended=False)
    flagged = set(index.flagged)
    fromordinal = date.fromordinal
    candidates: list[tuple[int, int]] = []  # (the day their row is due, person)
    add = candidates.append
    for cadence, (bases, people) in index.keep.items():
        k = bisect_right(bases, _latest_start(cadence, horizon).toordinal())
        due_on: dict[int, int] = {}  # base day -> due day (many people share a base)
        for base, n in zip(bases[:k], people[:k], strict=True):
            if n not in flagged:
                when = due_on.get(base)
                if when is None:
                    when = due_on[base] = add_cadence(fromordinal(base), cadence).toordinal()
                add((when, n))
    day = today.toordinal()
    for people in index.never.values():  # never contacted: due today
        candidates.extend((day, n) for n in people if n not in flagged)
    lasts, people = index.quiet
    k = bisect_right(lasts, horizon.toordinal() - RECONNECT_QUIET_DAYS)
    count = index.s_count
    for last, n in zip(lasts[:k], people[:k], strict=True):
        if n not in flagged and count[n] >= RECONNECT_MIN_INTERACTIONS:
            add((last + RECONNECT_QUIET_DAYS, n))
    ranked = _ranked(index, candidates, day)
    if len(ranked) <= limit:
        found.update(n for _, n in ranked)
        return DueSelection({ids[n] for n in found}, None, None)
    cut = heapq.nlargest(limit, [p for p, _ in ranked])[-1]
    best = {ids[n] for p, n in ranked if p >= cut}
    contenders = best | {ids[n] for n in flagged}
    return DueSelection({ids[n] for n in found} | best, len(ranked), contenders)


def _ranked(
    index: DueIndex, candidates: list[tuple[int, int]], day: int
) -> list[tuple[float, int]]:
    """Each candidate ``(due day, person)`` with the :func:`priority` of their row on
    ``day``; the strength is :func:`planner.strength.score_of` from the index's columns (0
    with no history), written out here: this loop runs for every open-ended candidate."""
    s_last, s_total, s_count, s_two = index.s_last, index.s_total, index.s_count, index.s_two
    half, scale, one_way = strength.HALF_LIFE_DAYS, strength.SCALE, strength.ONE_WAY
    exp, log2 = math.exp, math.log2
    ranked: list[tuple[float, int]] = []
    add = ranked.append
    for when, n in candidates:
        if s_count[n]:
            last = s_last[n]
            age = day - last if day > last else 0
            raw = s_total[n] * 2.0 ** (-age / half) * (1.0 if s_two[n] else one_way)
            value = round(100 * (1 - exp(-raw / scale)))
        else:
            value = 0
        add(((1 + value) * log2(2 + (day - when if day > when else 0)), n))
    return ranked


def day_list_for_due(
    store: Store, today: date, days: int, limit: int | None, selection: DueSelection
) -> DayList:
    """:func:`day_list` on a store decoded by :func:`select_for_due`: the same rows, and the
    waiting count of the whole network (the candidates counted there plus the open-ended
    rows of the people with person-level state). Reconnect rows are made only for the
    contenders: anyone else's would rank below the day's budget."""
    counted, contenders = selection.counted, selection.contenders
    if counted is None or limit is None or contenders is None:
        return day_list(store, today, days, limit)
    items = due_items(store, today, days)
    horizon = today + timedelta(days=max(0, days))
    extra = news_items(store, today, horizon) + reconnect_items(store, today, horizon, contenders)
    if extra:
        items.extend(extra)
        items.sort(key=_in_order)
    day = budget(store, items, today, limit)
    flagged = store.flagged
    extra_open = sum(1 for i in items if i.reason in OPEN_ENDED and i.connection_id in flagged)
    return DayList(day.items, max(0, counted + extra_open - limit), limit)


# --- person state ---------------------------------------------------------------------------


def skipped_on(conn: Connection) -> date | None:
    """The day of the person's latest skip (their keep-in-touch clock runs from it)."""
    return _skipped_on(conn)


def latest_role_change(conn: Connection) -> dict[str, Any] | None:
    """The person's latest recorded role change, or None."""
    roles = [e for e in conn.events if e["kind"] == "role"]
    return roles[-1] if roles else None


def role_text(company: str, position: str) -> str:
    """``Staff Engineer at Stripe`` (either part may be missing)."""
    return " at ".join(x for x in (position, company) if x) or "no role given"


def roles(store: Store) -> dict[str, tuple[str, str]]:
    """Everyone's (company, position), to compare with after an import or an edit."""
    return {cid: (c.company, c.position) for cid, c in store.connections.items()}


def record_role_changes(
    store: Store, before: dict[str, tuple[str, str]], on: date, source: str
) -> list[Connection]:
    """Give each person whose company or position changed since ``before`` (and who had one)
    a history entry "new role: X at Y, was A at B" dated ``on``. ``source`` is ``import``
    (which makes a ``news`` item) or ``edit``. Returns the people changed."""
    changed = []
    connections = store.connections
    for cid, old in before.items():
        conn = connections.get(cid)
        if conn is None:
            continue
        now = (conn.company, conn.position)
        if old == now or not any(old):
            continue
        event = {
            "on": on.isoformat(),
            "kind": "role",
            "source": source,
            "company": conn.company,
            "position": conn.position,
            "was_company": old[0],
            "was_position": old[1],
            "text": f"new role: {role_text(*now)}, was {role_text(*old)}",
        }
        changed.append(replace(conn, events=[*conn.events, event]))
    if changed:
        store.put_many(changed)
    return changed


def snooze_person(ops: Operations, conn: Connection, until: date, today: date) -> Connection:
    """Their keep-in-touch, reconnect and news items wait until ``until``."""
    if until <= today:
        raise ValidationError(
            f"cannot snooze {conn.name} until {until.isoformat()}: give a later day, "
            "e.g. --until +1w"
        )
    updated = replace(conn, snoozed_until=until)
    ops.change(f"snoozed {conn.name} until {until.isoformat()}", put=[updated])
    return updated


def skip_person(ops: Operations, conn: Connection, today: date) -> Connection:
    """Count this round of keep-in-touch (or a reconnect suggestion) as done without a
    message: the clock restarts today, and the history says so."""
    if conn.cadence:
        text = f"skipped this keep-in-touch round (every {conn.cadence}): counts as done"
    elif _reconnect_basis(ops.store, conn) is not None:
        text = "dismissed the reconnect suggestion"
    else:
        raise ValidationError(
            f"{conn.name} has no keep-in-touch cadence and no reconnect suggestion: nothing "
            "to skip (give a cadence with: outreach edit NAME --every 3m)"
        )
    event = {"on": today.isoformat(), "kind": "skip", "text": text}
    snoozed = conn.snoozed_until if conn.snoozed_until and conn.snoozed_until > today else None
    updated = replace(conn, events=[*conn.events, event], snoozed_until=snoozed)
    ops.change(f"skipped keeping in touch with {conn.name}", put=[updated])
    return updated


def dismiss_news(ops: Operations, conn: Connection, today: date) -> Connection:
    """Drop the person's ``news`` item (the role change stays in their history)."""
    role = latest_role_change(conn)
    if role is None or role.get("dismissed"):
        raise ValidationError(f"{conn.name} has no news to dismiss")
    events = [dict(e, dismissed=today.isoformat()) if e is role else e for e in conn.events]
    updated = replace(conn, events=events)
    ops.change(f"dismissed the news about {conn.name}", put=[updated])
    return updated


def snooze_follow_up(ops: Operations, inter: Interaction, until: date, today: date) -> Interaction:
    """Ask for the nudge on a sent message again on ``until``."""
    if inter.follow_up_on is None:
        raise ValidationError(f"{inter.id} has no follow-up to snooze")
    if until <= today:
        raise ValidationError(f"cannot snooze {inter.id} until {until.isoformat()}: too early")
    updated = replace(inter, follow_up_on=until)
    conn = ops.store.connections.get(inter.connection_id)
    who = conn.name if conn else inter.connection_id
    ops.change(f"snoozed the follow-up with {who}", put=[updated])
    return updated


# --- news and reconnect items ---------------------------------------------------------------


def _snoozed(conn: Connection, when: date) -> date:
    until = conn.snoozed_until
    return until if until is not None and until > when else when


def news_items(
    store: Store, today: date, horizon: date, only: Collection[str] | None = None
) -> list[DueItem]:
    """A ``news`` item for each imported role change of the last :data:`NEWS_DAYS` days
    that nothing was sent after and that was not dismissed."""
    items = []
    oldest = date.fromordinal(max(1, today.toordinal() - NEWS_DAYS))  # (never before year 1)
    for conn in store.connections.values():
        if not conn.events or (only is not None and conn.id not in only):
            continue
        role = latest_role_change(conn)
        if role is None or role.get("source") != "import" or role.get("dismissed"):
            continue
        on = date.fromisoformat(role["on"])
        if on < oldest or on > horizon:
            continue
        sent = store.last_sent(conn.id)
        if sent is not None and sent >= on:
            continue
        when = _snoozed(conn, on)
        if when > horizon or (when - on).days > NEWS_DAYS:
            continue
        items.append(
            DueItem(when, conn.id, conn.name, "news", (today - when).days, str(role["text"]))
        )
    return items


def _reconnect_basis(store: Store, conn: Connection) -> strength.Basis | None:
    b = strength.of(store, conn.id)
    if b is None or not b.two_way or b.interactions < RECONNECT_MIN_INTERACTIONS:
        return None
    return b


def reconnect_items(
    store: Store, today: date, horizon: date, only: Collection[str] | None = None
) -> list[DueItem]:
    """A ``reconnect`` item for each person with no cadence, a real two-way history, and no
    contact (or skip) for :data:`RECONNECT_QUIET_DAYS` days."""
    pending: dict[str, tuple[date, Sequence[Any]]] = {}
    rows = _reconnect_rows(store, today, horizon, only, strength.lookup(store), pending)
    return [_reconnect_detail(i, *pending[i.connection_id], today) for i in rows]


def _reconnect_rows(
    store: Store,
    today: date,
    horizon: date,
    only: Collection[str] | None,
    bases: Callable[[str], Sequence[Any] | None],
    pending: dict[str, tuple[date, Sequence[Any]]],
) -> list[DueItem]:
    """:func:`reconnect_items` without their detail (an empty string): ``pending`` gets each
    one's last contact and basis, for :func:`_reconnect_detail` (the budget shows only a few
    of thousands)."""
    items = []
    quiet = timedelta(days=RECONNECT_QUIET_DAYS)
    if horizon.toordinal() <= RECONNECT_QUIET_DAYS:
        return []  # nobody can have been quiet that long before year 1
    quiet_by = horizon - quiet  # a last contact on or before it is quiet enough
    latest_base = quiet_by.toordinal()
    least = RECONNECT_MIN_INTERACTIONS
    connections = store.connections
    history = store.history_by_connection()  # oldest first: [-1] is the last contact
    fromordinal = date.fromordinal
    kept = store.strength_floor
    if store.complete or not kept:
        live: Collection[str] = connections  # everyone from their history
        ids: Iterable[str] = connections
    else:
        # From the summary: its tuples pick who can be a suggestion (two-way, enough
        # interactions, quiet since the basis's last day, which is their latest interaction's),
        # in file order; the people changed since it was made are decided from their history.
        live = strength.changed_since_summary(store)
        wanted = {cid for cid, b in kept.items() if b[4] and b[2] >= least and b[0] <= latest_base}
        ids = filter((wanted | live).__contains__, connections)
    for cid in ids:
        conn = connections[cid]
        if conn.cadence is not None or (only is not None and cid not in only):
            continue
        if cid in live:
            items_of = history.get(cid)
            if not items_of:
                continue
            last = items_of[-1].date
            if last > quiet_by:
                continue
            b = bases(cid)  # (last, total, interactions, received, two_way)
            if b is None or not b[4] or b[2] < least:
                continue
        else:
            b = kept[cid]
            last = fromordinal(b[0])
        base = last
        if conn.events:
            skipped = skipped_on(conn)
            if skipped is not None and skipped > base:
                base = skipped
        when = _snoozed(conn, base + quiet)
        if when > horizon:
            continue
        pending[cid] = (last, b)
        items.append(DueItem(when, cid, conn.name, "reconnect", (today - when).days, ""))
    return items


def _reconnect_detail(item: DueItem, last: date, b: Sequence[Any], today: date) -> DueItem:
    """``item`` with its detail: ``quiet since 2026-03-02; regular: 5 exchanges, last ...``."""
    basis = b if isinstance(b, strength.Basis) else strength.Basis._make(b)
    detail = f"quiet since {last.isoformat()}; {strength.describe(basis, today)}"
    return replace(item, detail=detail)
