"""``outreach triage``: propose a keep-in-touch cadence per person from their history."""

from __future__ import annotations

import argparse

from planner.commands.common import print_json
from planner.commands.context import EXIT_OK, Context
from planner.text import fit, safe


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``triage`` subcommand."""
    tri = sub.add_parser(
        "triage",
        help="propose keep-in-touch cadences from each person's relationship strength "
        "(close 1m, regular 3m, wider 6m); applies them only with --yes",
    )
    tri.add_argument("--yes", action="store_true", help="apply the proposal")
    tri.add_argument(
        "--include-quiet",
        action="store_true",
        help="also give people with no history a yearly cadence",
    )
    tri.add_argument("--json", action="store_true", help="print JSON")
    tri.set_defaults(func=cmd_triage)


def cmd_triage(ctx: Context) -> int:
    from planner import triage

    a = ctx.args
    if a.yes:
        with ctx.open_store(write=True) as store:
            proposal = triage.propose(store, ctx.today, include_quiet=a.include_quiet)
            from planner.operations import Operations

            applied = triage.apply(Operations(store), proposal.changes)
            if applied:
                store.save()
    else:
        store = ctx.open_summary()
        proposal = triage.propose(store, ctx.today, include_quiet=a.include_quiet)
        applied = 0
    if a.json:
        print_json(ctx, proposal.to_json(applied=bool(a.yes)))
        return EXIT_OK
    out = ctx.out
    print(
        f"Keep-in-touch cadences from your history on {ctx.today.isoformat()} "
        "(strength 0-100: exchanges both ways, recent ones count more):",
        file=out,
    )
    for tier in proposal.tiers:
        people = _people(len(tier.people))
        print("", file=out)
        if tier.cadence is None:
            why = (
                "no history yet: no cadence (add --include-quiet for once a year)"
                if tier.floor is None
                else f"strength below {triage.TIERS[-2][1]}: no cadence"
            )
            print(f"{tier.name}: {people}, {why}", file=out)
            continue
        floor = f"strength {tier.floor}+" if tier.floor is not None else "no history yet"
        print(f"{tier.name} ({floor}): every {tier.cadence}, {people}", file=out)
        for c in tier.people:
            print(
                f"  {c.connection_id:>7}  {fit(safe(c.name), 28)} {c.strength:>3}  "
                f"{safe(c.evidence)}",
                file=out,
            )
    print("", file=out)
    if proposal.kept:
        print(
            f"{proposal.kept} already have a cadence: kept as they are.",
            file=out,
        )
    total = len(proposal.changes)
    if a.yes:
        print(f"Applied: {_people(applied)} given a keep-in-touch cadence.", file=out)
        print("Next: outreach due", file=out)
    elif total:
        print(
            f"Nothing saved yet: outreach triage --yes gives {_people(total)} their cadence.",
            file=out,
        )
    else:
        print("Nothing to propose: everyone with a history has a cadence already.", file=out)
    return EXIT_OK


def _people(n: int) -> str:
    return f"{n:,} {'person' if n == 1 else 'people'}"
