"""Scheduling and agenda commands: plan, write, done, snooze, skip, occasion add, greet, due.

Heavy modules (the agenda itself, dateutil) are imported inside the handlers so that every
other command starts fast.
"""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from planner.commands.common import parse_days, print_json, resolve, resolve_all
from planner.commands.context import EXIT_OK, EXIT_WARNINGS, Context, UsageError
from planner.dates import LAST_DAY
from planner.models import CHANNELS, Birthday, Connection, Plan
from planner.storage import Store
from planner.text import safe

if TYPE_CHECKING:
    from planner.agenda import DueItem

# planner.operations is imported by the handlers that write: ``outreach due`` never needs it.

DATE_HELP = "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, +1y, in 2 weeks, friday, dec 24..."


def register(sub: argparse._SubParsersAction) -> None:
    """Add the scheduling and agenda subcommands."""
    plan = sub.add_parser("plan", help="plan a personal message for a date; prints its id")
    plan.add_argument("--to", action="append", required=True, metavar="NAME", help="repeatable")
    plan.add_argument("--text", required=True, help="the message itself")
    plan.add_argument("--on", required=True, metavar="DATE", help=DATE_HELP)
    plan.add_argument("--label", default="", help="a short label, e.g. 'Christmas greeting'")
    again = plan.add_mutually_exclusive_group()
    again.add_argument("--yearly", action="store_true", help="repeat every year on that day")
    again.add_argument("--rrule", metavar="RRULE", help="repeat by an RFC 5545 RRULE")
    plan.add_argument("--yes", action="store_true", help="save even if it reads like a bulk send")
    plan.set_defaults(func=cmd_plan)

    write = sub.add_parser("write", help="write the text of a planned message (e.g. 'to write')")
    write.add_argument("plan_id", metavar="PLAN_ID")
    write.add_argument("--text", required=True, help="the personal note for this person")
    write.add_argument("--yes", action="store_true", help="save even if it reads like a bulk send")
    write.set_defaults(func=cmd_write)

    done = sub.add_parser("done", help="log a planned message as sent; a recurring one moves on")
    done.add_argument("plan_id", metavar="PLAN_ID")
    done.add_argument("--on", metavar="DATE", help="when it was sent (default today)")
    done.add_argument("--channel", default="linkedin", choices=CHANNELS)
    done.set_defaults(func=cmd_done)

    snooze = sub.add_parser(
        "snooze",
        help="show a planned message again later; with a person (NAME or id), their "
        "keep-in-touch, reconnect and news items wait until then",
    )
    snooze.add_argument("plan_id", metavar="PLAN_ID|NAME|ID")
    snooze.add_argument("--until", required=True, metavar="DATE", help=DATE_HELP)
    snooze.set_defaults(func=cmd_snooze)

    skip = sub.add_parser(
        "skip",
        help="skip a planned message (a recurring one moves to its next occurrence); "
        "with an interaction id (i12), drop its follow-up nudge; with a person (NAME or id), "
        "count this keep-in-touch round as done without a message",
    )
    skip.add_argument("plan_id", metavar="PLAN_ID|i12|NAME|ID")
    skip.set_defaults(func=cmd_skip)

    occasion = sub.add_parser("occasion", help="yearly occasions: anniversaries, observances")
    occ_sub = occasion.add_subparsers(dest="occasion_command", metavar="ACTION", required=True)
    add = occ_sub.add_parser("add", help="add a yearly occasion for a connection; prints its id")
    add.add_argument("who", metavar="NAME", help="full name (any case) or id")
    add.add_argument("--label", required=True, help="e.g. 'started at Acme'")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--date", metavar="MM-DD|YYYY-MM-DD", help="the day each year")
    when.add_argument("--rrule", metavar="RRULE", help="e.g. FREQ=YEARLY;BYMONTH=11;BYDAY=4TH")
    add.add_argument("--lead", metavar="DAYS", help="remind this long before, e.g. 3d or 1w")
    add.set_defaults(func=cmd_occasion_add)

    greet = sub.add_parser(
        "greet", help="a greeting round: one separate 'to write' plan per person"
    )
    who = greet.add_mutually_exclusive_group(required=True)
    who.add_argument("--tag", action="append", metavar="T", help="everyone with this tag")
    who.add_argument("--to", action="append", metavar="NAME", help="this person (repeatable)")
    greet.add_argument("--on", required=True, metavar="DATE", help=DATE_HELP)
    greet.add_argument("--label", required=True, help="e.g. 'Season's greetings 2026'")
    greet.set_defaults(func=cmd_greet)

    due = sub.add_parser("due", help="who is due a personal note, and why")
    due.add_argument("--on", metavar="DATE", help="the day to look from (default today)")
    due.add_argument("--days", default="7", metavar="N", help="look ahead N days (default 7)")
    budget = due.add_mutually_exclusive_group()
    budget.add_argument(
        "--limit",
        metavar="N",
        help="show at most N keep-in-touch and reconnect rows (default: the daily-limit "
        "setting, 10); dated items are never hidden",
    )
    budget.add_argument(
        "--all", action="store_true", help="no daily limit: every keep-in-touch and reconnect row"
    )
    due.add_argument("--json", action="store_true", help="print JSON")
    due.set_defaults(func=cmd_due)


# --- plans ----------------------------------------------------------------------------------


def _date(ctx: Context, text: str | None, option: str) -> date | None:
    """A DATE option, with the option named in the error."""
    try:
        return ctx.date_arg(text)
    except UsageError as exc:
        raise UsageError(f"{option}: {exc}") from None


def cmd_plan(ctx: Context) -> int:
    from planner import agenda
    from planner.commands.check import warn_before_saving
    from planner.operations import Operations

    a = ctx.args
    if not a.text.strip():
        raise UsageError("plan: --text is empty: write the personal message itself")
    on = _date(ctx, a.on, "--on")
    assert on is not None
    rule = None
    if a.yearly:
        rule = "FREQ=YEARLY"
    elif a.rrule is not None:
        rule = agenda.normalise_rule(a.rrule)
    if rule:
        rule = agenda.anchored_rule(rule, on)
    with ctx.open_store(write=True) as store:
        people = resolve_all(store, a.to)
        ids = [c.id for c in people]
        if not warn_before_saving(ctx, store, a.text, ids, on):
            return _not_saved(ctx, "plan")
        plan = Operations(store).plan(
            ids, due=on, text=a.text, recurrence=rule, label=a.label, created_on=ctx.today
        )
        store.save()
    print(plan.id, file=ctx.out)
    return EXIT_OK


def _not_saved(ctx: Context, what: str) -> int:
    """The bulk-send check refused (its findings are on stderr): say so, exit 1."""
    import sys

    print(
        f"outreach: {what}: not saved: this reads like a bulk send; make it personal, "
        "or add --yes to save it anyway",
        file=sys.stderr,
    )
    return EXIT_WARNINGS


def cmd_write(ctx: Context) -> int:
    from planner.commands.check import warn_before_saving
    from planner.operations import Operations

    a = ctx.args
    with ctx.open_store(write=True) as store:
        ops = Operations(store)
        plan = ops.get_plan(a.plan_id)
        if not a.text.strip():
            raise UsageError("write: --text is empty: write the personal note itself")
        if not warn_before_saving(
            ctx, store, a.text, plan.recipients, plan.effective_due, ignore_plan=plan.id
        ):
            return _not_saved(ctx, "write")
        ops.write(plan.id, a.text)
        store.save()
    print(plan.id, file=ctx.out)
    return EXIT_OK


def cmd_done(ctx: Context) -> int:
    from planner.operations import Operations

    on = _date(ctx, ctx.args.on, "--on") or ctx.today
    with ctx.open_store(write=True) as store:
        ops = Operations(store)
        plan = ops.get_plan(ctx.args.plan_id)
        logged = ops.done(plan.id, on, channel=ctx.args.channel)
        store.save()
        names = {i.id: store.connections[i.connection_id].name for i in logged}
        plan = store.plans[plan.id]
    for inter in logged:
        print(f"{inter.id} logged with {safe(names[inter.id])} on {on.isoformat()}", file=ctx.out)
    print(_plan_state(plan), file=ctx.out)
    return EXIT_OK


def _plan_state(plan: Plan) -> str:
    if plan.status == "pending":
        return f"{plan.id} next due {plan.due.isoformat()}"
    return f"{plan.id} {plan.status}"


def _is_plan_id(target: str) -> bool:
    """``p3``, ``P3`` or ``3``: a plan (as before people could be snoozed and skipped)."""
    text = target.strip().lower()
    return text.isdigit() or (text[:1] == "p" and text[1:].isdigit())


def cmd_snooze(ctx: Context) -> int:
    from planner import morning
    from planner.operations import Operations

    until = _date(ctx, ctx.args.until, "--until")
    assert until is not None
    target = ctx.args.plan_id
    with ctx.open_store(write=True) as store:
        if not _is_plan_id(target):
            ops = Operations(store)
            conn = morning.snooze_person(ops, resolve(store, target), until, ctx.today)
            store.save()
            print(
                f"{safe(conn.name)} snoozed until {until.isoformat()}: their keep-in-touch, "
                "reconnect and news items wait until then",
                file=ctx.out,
            )
            return EXIT_OK
        plan = Operations(store).snooze(target, until, today=ctx.today)
        store.save()
    print(f"{plan.id} snoozed until {until.isoformat()}", file=ctx.out)
    return EXIT_OK


def cmd_skip(ctx: Context) -> int:
    from planner import morning
    from planner.operations import Operations

    target = ctx.args.plan_id.strip()
    with ctx.open_store(write=True) as store:
        ops = Operations(store)
        if target[:1].lower() == "i" and target[1:].isdigit():
            inter = ops.dismiss_follow_up(target)
            store.save()
            print(f"{inter.id} follow-up dropped", file=ctx.out)
            return EXIT_OK
        if not _is_plan_id(target):
            conn = morning.skip_person(ops, resolve(store, target), ctx.today)
            store.save()
            print(f"{safe(conn.name)}: {safe(conn.events[-1]['text'])}", file=ctx.out)
            return EXIT_OK
        plan = ops.skip(target, today=ctx.today)
        store.save()
    state = "skipped" if plan.status == "skipped" else _plan_state(plan)
    print(f"{plan.id} skipped" if state == "skipped" else state, file=ctx.out)
    return EXIT_OK


# --- occasions and greeting rounds ----------------------------------------------------------


def cmd_occasion_add(ctx: Context) -> int:
    from planner import agenda
    from planner.operations import Operations

    a = ctx.args
    lead = parse_days(a.lead, "--lead") if a.lead else 0
    month = day = year = None
    rule = None
    if a.date is not None:
        try:
            when = Birthday.parse(a.date)
        except ValueError:
            raise UsageError(
                f"--date: cannot read {a.date!r}: use MM-DD or YYYY-MM-DD, e.g. 03-15 or 2019-03-15"
            ) from None
        month, day, year = when.month, when.day, when.year
    else:
        rule = agenda.check_occasion_rule(a.rrule)
    with ctx.open_store(write=True) as store:
        conn = resolve(store, a.who)
        occ = Operations(store).add_occasion(
            conn.id, label=a.label, month=month, day=day, year=year, rrule=rule, lead_days=lead
        )
        store.save()
    print(occ.id, file=ctx.out)
    return EXIT_OK


def cmd_greet(ctx: Context) -> int:
    from planner.operations import Operations

    a = ctx.args
    label = a.label.strip()
    if not label:
        raise UsageError("greet: --label is empty: say what the round is, e.g. 'New year 2027'")
    on = _date(ctx, a.on, "--on")
    assert on is not None
    with ctx.open_store(write=True) as store:
        people = resolve_all(store, a.to) if a.to else _tagged(store, a.tag)
        made, left_out = Operations(store).greet(
            [c.id for c in people], on=on, label=label, today=ctx.today
        )
        if made:
            store.save()
        names = {c.id: c for c in people}
        plans: list[tuple[Plan, Connection]] = [(p, names[p.recipients[0]]) for p in made]
        already = [names[cid] for cid in left_out]
    for plan, conn in plans:
        print(f"{plan.id}  {safe(conn.name)}", file=ctx.out)
    for conn in already:
        print(f"(already planned)  {safe(conn.name)}", file=ctx.out)
    print(
        f"{len(plans)} personal note{'s' if len(plans) != 1 else ''} to write for "
        f"{on.isoformat()} ({safe(label)}); write each: outreach write PLAN_ID --text ...",
        file=ctx.out,
    )
    return EXIT_OK


def _tagged(store: Store, tags: list[str]) -> list[Connection]:
    wanted = {t.strip().casefold() for t in tags if t.strip()}
    people = [c for c in store.connections.values() if wanted & {t.casefold() for t in c.tags}]
    if not people:
        raise UsageError(
            f"greet: nobody is tagged {', '.join(sorted(wanted))}: see 'outreach list --tag T'"
        )
    return sorted(people, key=lambda c: (c.name.casefold(), c.id))


# --- the agenda -----------------------------------------------------------------------------


def _limit(ctx: Context) -> int | None:
    """The day's budget of open-ended rows: --all (none), --limit N, else the setting."""
    a = ctx.args
    if a.all:
        return None
    if a.limit is None:
        return int(ctx.settings().daily_limit)
    text = a.limit.strip()
    if not text.isdigit() or int(text) < 1:
        raise UsageError(f"--limit: cannot read {a.limit!r}: give a whole number of rows, e.g. 10")
    return int(text)


def cmd_due(ctx: Context) -> int:
    from planner import strength
    from planner.morning import DueSelection, day_list, day_list_for_due, select_for_due

    a = ctx.args
    on = _date(ctx, a.on, "--on") or ctx.today
    days = parse_days(a.days, "--days")
    days = min(days, (LAST_DAY - on).days)  # no look-ahead past the last day outreach handles
    limit = _limit(ctx)
    chosen: list[DueSelection] = []

    def select(_store: Store, index: Any) -> set[str]:
        chosen.append(select_for_due(index, on, days, limit))
        return chosen[0].ids

    store = ctx.open_summary(select=select, plans_until=on + timedelta(days=max(0, days)))
    if store.selected is None:  # read whole: every candidate is there
        day = day_list(store, on, days, limit)
    else:
        day = day_list_for_due(store, on, days, limit, chosen[0])
    items = day.items
    if a.json:
        scores: dict[str, int] = {}
        for item in items:
            cid = item.connection_id
            if cid not in scores:
                scores[cid] = strength.score(strength.of(store, cid), on)
        print_json(
            ctx, [{**item.to_json(), "strength": scores[item.connection_id]} for item in items]
        )
        return EXIT_OK
    print(render_due(store, items, on, days), file=ctx.out, end="")
    if day.waiting:
        print(f"{day.waiting} more waiting: outreach due --all", file=ctx.out)
    return EXIT_OK


GROUPS = ("Overdue", "Today", "Upcoming")
NAME_WIDTH = 28
DETAIL_WIDTH = 100  # the full text is in --json and 'outreach show'
INDENT = " " * 28  # the context line starts under the name column


def _when(days_overdue: int) -> str:
    if days_overdue == 0:
        return "today"
    n = abs(days_overdue)
    unit = "day" if n == 1 else "days"
    return f"{n} {unit} late" if days_overdue > 0 else f"in {n} {unit}"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_due(store: Store, items: list[DueItem], on: date, days: int) -> str:
    """The plain ``outreach due`` table: grouped overdue / today / upcoming, each item followed
    by the person's how-we-know note and last contact (all user text made safe to print)."""
    horizon = on + timedelta(days=days)
    lines = [
        f"Due on {on:%a %d %b %Y}, looking {days} day{'s' if days != 1 else ''} ahead "
        f"(to {horizon.isoformat()})"
    ]
    if not items:
        lines.append(
            "Nothing is due: no birthdays, occasions, plans, follow-ups or "
            "keep-in-touch reminders in that time."
        )
        return "\n".join(lines) + "\n"
    groups: dict[str, list[DueItem]] = {title: [] for title in GROUPS}
    for item in items:
        d = item.days_overdue
        groups["Overdue" if d > 0 else "Today" if d == 0 else "Upcoming"].append(item)
    people: dict[str, tuple[str, str]] = {}  # id -> (safe name, context), once per person
    for item in items:
        if item.connection_id not in people:
            people[item.connection_id] = (safe(item.name), _context(store, item.connection_id))
    width = min(NAME_WIDTH, max(len(name) for name, _ in people.values()))
    names = {cid: f"{_cut(name, width):<{width}}" for cid, (name, _) in people.items()}
    when: dict[int, str] = {}  # days overdue -> the column, e.g. "3 days late   "
    append = lines.append
    for title, group in groups.items():
        if not group:
            continue
        append("")
        append(f"{title} ({len(group)})")
        for item in group:
            cid, late = item.connection_id, item.days_overdue
            column = when.get(late)
            if column is None:
                column = when[late] = f"{_when(late):<13}"
            why = f"planned {item.plan_id}" if item.plan_id else item.reason
            append(
                f"  {item.date.isoformat()}  {column} "
                f"{names[cid]}  {why:<14} {_cut(safe(item.detail), DETAIL_WIDTH)}"
            )
            shared = _shared(store, item) if item.plan_id else ""
            append(INDENT + people[cid][1] + shared)
    counts = ", ".join(f"{len(group)} {title.lower()}" for title, group in groups.items())
    lines.append("")
    lines.append(f"{counts}. Sent it? outreach done PLAN_ID, or outreach log --to NAME --text ...")
    return "\n".join(lines) + "\n"


def _context(store: Store, connection_id: str) -> str:
    """How we know the person and when we last spoke."""
    conn = store.connections.get(connection_id)
    how = safe(conn.how_we_know) if conn and conn.how_we_know else "(no how-we-know note yet)"
    last = store.last_interaction(connection_id)
    if last is not None:
        return f"{how} · last contact {last.date.isoformat()} ({last.direction}, {last.channel})"
    return f"{how} · never contacted"


def _shared(store: Store, item: DueItem) -> str:
    """For a plan with several recipients: how many others it goes to."""
    if not item.plan_id:
        return ""
    plan = store.plans.get(item.plan_id)
    others = len(plan.recipients) - 1 if plan else 0
    if others <= 0:
        return ""
    return f" · {item.plan_id} also goes to {others} other{'s' if others != 1 else ''}"
