"""``outreach interaction edit|delete``: correct or remove a logged interaction."""

from __future__ import annotations

import argparse

from planner.commands.common import print_json
from planner.commands.context import EXIT_OK, Context, UsageError
from planner.models import CHANNELS
from planner.operations import Operations
from planner.text import safe


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``interaction`` subcommand (``edit``, ``delete``)."""
    inter = sub.add_parser(
        "interaction", help="correct or delete a logged interaction (ids: 'show NAME --json')"
    )
    isub = inter.add_subparsers(dest="interaction_command", metavar="ACTION", required=True)
    edit = isub.add_parser(
        "edit", help="change only the given fields; last contact and follow-ups follow"
    )
    edit.add_argument("id", metavar="ID", help="the interaction's id, e.g. i12")
    edit.add_argument("--text", help="what was said")
    edit.add_argument("--on", metavar="DATE", help="the day it happened")
    edit.add_argument("--channel", choices=CHANNELS)
    way = edit.add_mutually_exclusive_group()
    way.add_argument(
        "--received", dest="direction", action="store_const", const="received", help="they wrote"
    )
    way.add_argument("--sent", dest="direction", action="store_const", const="sent", help="you did")
    edit.add_argument("--json", action="store_true", help="print the edited interaction as JSON")
    edit.set_defaults(func=cmd_interaction_edit, direction=None)

    delete = isub.add_parser("delete", help="delete a logged interaction")
    delete.add_argument("id", metavar="ID", help="the interaction's id, e.g. i12")
    delete.add_argument("--yes", action="store_true", help="really delete (required)")
    delete.set_defaults(func=cmd_interaction_delete)


def cmd_interaction_edit(ctx: Context) -> int:
    a = ctx.args
    if a.text is None and a.on is None and a.channel is None and a.direction is None:
        raise UsageError(
            "interaction edit: nothing to change: give --text, --on, --channel, "
            "--received or --sent"
        )
    on = ctx.date_arg(a.on) if a.on is not None else None
    with ctx.open_store(write=True) as store:
        ops = Operations(store)
        ops.get_interaction(a.id)  # an unknown id fails before anything else
        updated = ops.edit_interaction(
            a.id, text=a.text, on=on, channel=a.channel, direction=a.direction
        )
        store.save()
        name = store.connections[updated.connection_id].name
    if a.json:
        print_json(ctx, updated.to_doc())
        return EXIT_OK
    arrow = "->" if updated.direction == "sent" else "<-"
    print(
        f"{updated.id} edited: {updated.date} {arrow} {updated.channel} {safe(name)}: "
        f"{safe(updated.text)[:60]}",
        file=ctx.out,
    )
    return EXIT_OK


def cmd_interaction_delete(ctx: Context) -> int:
    with ctx.open_store(write=True) as store:
        ops = Operations(store)
        inter = ops.get_interaction(ctx.args.id)
        name = store.connections[inter.connection_id].name
        if not ctx.args.yes:
            raise UsageError(
                f"interaction delete: this removes the {inter.date} message with "
                f"{safe(name)} ({inter.id}); add --yes"
            )
        ops.delete_interaction(inter.id)
        store.save()
    print(f"deleted {inter.id} ({inter.date} with {safe(name)})", file=ctx.out)
    return EXIT_OK
