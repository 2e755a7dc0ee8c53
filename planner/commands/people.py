"""People commands: add, edit, list, show, log, delete."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from planner.commands.common import (
    connection_json,
    days,
    parse_days,
    print_json,
    resolve,
    resolve_all,
)
from planner.commands.context import EXIT_OK, EXIT_WARNINGS, Context, UsageError
from planner.lookup import describe, same_name
from planner.models import CHANNELS, Birthday, split_name
from planner.operations import Operations, check_follow_up, follow_up_after
from planner.text import fit, safe

CADENCE_HELP = "keep-in-touch cadence: 2w, 1m, 3m, 6m, 1y (any N d/w/m/y), or none"


def register(sub: argparse._SubParsersAction) -> None:
    add = sub.add_parser("add", help="add a connection; prints its id")
    add.add_argument("--name", required=True, help='full name, e.g. "Priya Nair"')
    add.add_argument(
        "--force",
        action="store_true",
        help="add even when someone of that name is already there (else: warning, exit 1)",
    )
    _connection_options(add)
    add.set_defaults(func=cmd_add)

    edit = sub.add_parser("edit", help="change only the given fields of a connection")
    edit.add_argument("who", metavar="NAME", help="full name (any case) or id")
    edit.add_argument("--name", help="new full name")
    _connection_options(edit)
    edit.add_argument("--bulk-ok", action="store_true", help="clear the no-bulk preference")
    edit.set_defaults(func=cmd_edit)

    lst = sub.add_parser("list", help="list connections")
    lst.add_argument("--tag", action="append", default=[], help="only people with this tag")
    lst.add_argument(
        "--sort",
        choices=("name", "strength"),
        default="name",
        help="order by name (default) or by relationship strength, strongest first",
    )
    lst.add_argument("--json", action="store_true", help="print JSON")
    lst.set_defaults(func=cmd_list)

    show = sub.add_parser("show", help="show one connection with history and plans")
    show.add_argument("who", metavar="NAME", help="full name (any case) or id")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(func=cmd_show)

    log = sub.add_parser("log", help="record an interaction with each recipient")
    log.add_argument("--to", action="append", required=True, metavar="NAME", dest="to")
    log.add_argument("--text", required=True, help="what was said (or a summary)")
    log.add_argument("--on", metavar="DATE", help="date of the interaction (default today)")
    log.add_argument("--received", action="store_true", help="they wrote to you")
    log.add_argument("--channel", default="linkedin", choices=CHANNELS)
    log.add_argument(
        "--follow-up",
        metavar="DAYS",
        help="nudge me after this long (e.g. 7d, 2w) unless they reply first",
    )
    log.set_defaults(func=cmd_log)

    delete = sub.add_parser("delete", help="delete a connection and its history")
    delete.add_argument("who", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help="really delete (required)")
    delete.set_defaults(func=cmd_delete)


def _connection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--how", metavar="TEXT", help="how we know each other")
    p.add_argument("--company")
    p.add_argument("--position")
    p.add_argument("--email")
    p.add_argument("--url", help="profile URL")
    p.add_argument("--birthday", metavar="YYYY-MM-DD|MM-DD")
    p.add_argument("--every", metavar="CADENCE", help=CADENCE_HELP)
    p.add_argument("--tag", action="append", metavar="T", help="tag (repeatable)")
    p.add_argument("--no-bulk", action="store_true", help="asked to be left off bulk messages")
    p.add_argument("--connected", metavar="YYYY-MM-DD", help="date you connected")
    p.add_argument("--notes")


def _fields(ctx: Context) -> dict[str, Any]:
    """The connection fields given on the command line (only those given)."""
    a = ctx.args
    fields: dict[str, Any] = {}
    if a.name is not None:
        first, last = split_name(a.name)
        fields.update(first_name=first, last_name=last)
    for opt, attr in (
        ("how", "how_we_know"),
        ("company", "company"),
        ("position", "position"),
        ("email", "email"),
        ("url", "url"),
        ("notes", "notes"),
    ):
        if getattr(a, opt) is not None:
            fields[attr] = getattr(a, opt)
    if a.birthday is not None:
        fields["birthday"] = Birthday.parse(a.birthday) if a.birthday.strip() else None
    if a.every is not None:
        fields["cadence"] = a.every
    if a.tag:
        fields["tags"] = a.tag
    if a.no_bulk:
        fields["no_bulk"] = True
    if getattr(a, "bulk_ok", False):
        fields["no_bulk"] = False
    if a.connected is not None:
        fields["connected_on"] = ctx.date_arg(a.connected)
    return fields


def cmd_add(ctx: Context) -> int:
    """Add a person; someone of the same name already there is a warning (exit 1, nothing
    added) unless ``--force``."""
    fields = _fields(ctx)
    with ctx.open_store(write=True) as store:
        already = same_name(store.connections, ctx.args.name)
        if already and not ctx.args.force:
            print(
                f"outreach: warning: {safe(ctx.args.name.strip())} is already in your network "
                f"({describe(already)}); nothing added: add --force for a second person of "
                "that name, or change the one there with 'outreach edit ID'",
                file=sys.stderr,
            )
            return EXIT_WARNINGS
        conn = Operations(store).add_person(**fields)
        store.save()
    print(conn.id, file=ctx.out)
    return EXIT_OK


def cmd_edit(ctx: Context) -> int:
    fields = _fields(ctx)
    if not fields:
        raise UsageError("edit: nothing to change: give at least one option, e.g. --how TEXT")
    from planner import morning

    with ctx.open_store(write=True) as store:
        conn = resolve(store, ctx.args.who)
        ops = Operations(store)
        before = {conn.id: (conn.company, conn.position)}
        with ops.batch(f"edited {conn.name}") as tx:
            ops.edit_person(conn.id, **fields)
            morning.record_role_changes(tx, before, ctx.today, "edit")  # type: ignore[arg-type]
        store.save()
    print(conn.id, file=ctx.out)
    return EXIT_OK


def cmd_list(ctx: Context) -> int:
    store = ctx.open_store()
    wanted = {t.casefold() for t in ctx.args.tag}
    people = sorted(store.connections.values(), key=lambda c: (c.name.casefold(), c.id))
    if wanted:
        people = [c for c in people if wanted <= {t.casefold() for t in c.tags}]
    if ctx.args.sort == "strength":
        from planner.strength import everyone

        scores = everyone(store, ctx.today)
        people.sort(key=lambda c: -scores.get(c.id, 0))  # stable: by name within a score
    if ctx.args.json:
        print_json(ctx, [connection_json(store, c, ctx.today) for c in people])
        return EXIT_OK
    for c in people:
        last = store.last_contacted(c.id)
        where = " at ".join(x for x in (c.position, c.company) if x)
        print(
            f"{c.id:>6}  {fit(safe(c.name), 28)} {fit(safe(where), 40)} "
            f"last {last.isoformat() if last else 'never':<10}"
            + ("" if c.how_we_know else "  (no how-we-know note)"),
            file=ctx.out,
        )
    print(f"{len(people)} connection{'s' if len(people) != 1 else ''}", file=ctx.out)
    return EXIT_OK


def cmd_show(ctx: Context) -> int:
    store = ctx.open_store()
    conn = resolve(store, ctx.args.who)
    history = store.interactions_for(conn.id)
    if ctx.args.json:
        doc = connection_json(store, conn, ctx.today)
        doc["interactions"] = [i.to_doc() for i in history]
        doc["plans"] = [p.to_doc() for p in store.plans_for(conn.id)]
        doc["occasions"] = [o.to_doc() for o in store.occasions_for(conn.id)]
        print_json(ctx, doc)
        return EXIT_OK
    out = ctx.out
    print(f"{safe(conn.name)}  ({conn.id})", file=out)
    rows = [
        ("how we know", conn.how_we_know or "(no note yet: add one with --how)"),
        ("work", " at ".join(x for x in (conn.position, conn.company) if x)),
        ("email", conn.email),
        ("profile", conn.url),
        ("connected", conn.connected_on.isoformat() if conn.connected_on else ""),
        ("birthday", conn.birthday.iso() if conn.birthday else ""),
        ("keep in touch", f"every {conn.cadence}" if conn.cadence else ""),
        ("tags", ", ".join(conn.tags)),
        ("preferences", "asked to be left off bulk messages" if conn.no_bulk else ""),
        ("notes", conn.notes),
    ]
    for label, value in rows:
        if value:
            print(f"  {label:<14} {safe(value)}", file=out)
    for occ in store.occasions_for(conn.id):
        when = occ.rrule or f"{occ.month:02d}-{occ.day:02d}"
        print(f"  {'occasion':<14} {safe(occ.label)} ({when})", file=out)
    last = history[-1].date.isoformat() if history else "never"
    print(f"  {'last contact':<14} {last}", file=out)
    from planner import strength

    b = strength.of(store, conn.id)
    words = strength.describe(b, ctx.today)
    print(f"  {'strength':<14} {strength.score(b, ctx.today)}/100, {words}", file=out)
    if conn.snoozed_until and conn.snoozed_until > ctx.today:
        print(f"  {'snoozed until':<14} {conn.snoozed_until.isoformat()}", file=out)
    for event in conn.events[-10:][::-1]:
        print(f"  {'history':<14} {event['on']} {safe(str(event.get('text', '')))}", file=out)
    for inter in history[-5:][::-1]:
        arrow = "->" if inter.direction == "sent" else "<-"
        print(
            f"    {inter.id:>6} {inter.date} {arrow} {inter.channel:<8} {safe(inter.text)[:60]}",
            file=out,
        )
    for plan in store.plans_for(conn.id):
        if plan.status == "pending":
            text = plan.text or f"(to write) {plan.label}"
            print(f"  {'planned':<14} {plan.id} {plan.effective_due} {safe(text)[:50]}", file=out)
    return EXIT_OK


def cmd_log(ctx: Context) -> int:
    a = ctx.args
    if not a.text.strip():
        raise UsageError("log: --text is empty: say what was said, even briefly")
    on = ctx.date_arg(a.on) or ctx.today
    follow = parse_days(a.follow_up, "--follow-up") if a.follow_up else None
    direction = "received" if a.received else "sent"
    if follow is not None:  # checked before the file is opened (even "--follow-up 0")
        check_follow_up(direction, on, on + days(max(follow, 1)))
    with ctx.open_store(write=True) as store:
        people = resolve_all(store, a.to)
        records = Operations(store).log(
            [c.id for c in people],
            text=a.text,
            on=on,
            direction=direction,
            channel=a.channel,
            follow_up_on=follow_up_after(on, follow),
        )
        store.save()
    for rec, conn in zip(records, people, strict=True):
        print(f"{rec.id} logged with {safe(conn.name)}", file=ctx.out)
    return EXIT_OK


def cmd_delete(ctx: Context) -> int:
    with ctx.open_store(write=True) as store:
        conn = resolve(store, ctx.args.who)
        if not ctx.args.yes:
            n = len(store.interactions_for(conn.id))
            raise UsageError(
                f"delete: this removes {conn.name} and {n} logged interactions; add --yes"
            )
        Operations(store).delete_person(conn.id)
        store.save()
    print(f"deleted {conn.id} {safe(conn.name)}", file=ctx.out)
    return EXIT_OK
