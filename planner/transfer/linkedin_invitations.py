"""LinkedIn's ``Invitations.csv``: how a connection started, for people who have no note yet.

Columns ``From, To, Sent At, Message, Direction`` (2018 on), with ``inviterProfileUrl,
inviteeProfileUrl`` since 2024. The person is the invitee of an OUTGOING invitation and the
inviter of an INCOMING one, matched like a message's counterpart (profile URL, else an exact
name naming one connection). An invitation's personal message becomes the how-we-know note when
the person has none (marked as taken from the invitation); its date fills a missing
connected-on. Nothing the user wrote is overwritten (see ``matching.merge_incoming``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.storage import Store
from planner.transfer import ImportReport
from planner.transfer.counterparts import Counterparts, name_key
from planner.transfer.csvtable import CsvTable
from planner.transfer.linkedin_dates import parse_connected_on
from planner.transfer.matching import merge_incoming


@dataclass(slots=True)
class _Best:
    """What the invitations say about one connection: the latest date and latest message."""

    line: int
    on: date | None = None
    message: str = ""
    message_on: date | None = None
    outgoing: bool = True


def how_we_know_note(message: str, on: date | None, outgoing: bool) -> str:
    """The invitation's message as a how-we-know note that says where it came from."""
    who = "your" if outgoing else "their"
    when = f" of {on.isoformat()}" if on else ""
    return f"{message} (from {who} LinkedIn invitation{when})"


def import_invitations(
    store: Store, table: CsvTable, report: ImportReport, *, my_name: str = ""
) -> None:
    """Fill how-we-know and connected-on of connections from their invitations.

    Without a Direction column, ``my_name`` (from Profile.csv) tells which side is the user.
    """
    counterparts = Counterparts(store.connections.values())
    get_col = table.columns.get
    best: dict[str, _Best] = {}
    for line, row in table.rows:

        def at(key: str, row: list[str] = row) -> str:
            i = get_col(key)
            return row[i].strip() if i is not None and i < len(row) else ""

        direction = at("direction").upper()
        if not direction and my_name:
            mine = name_key(my_name)
            direction = (
                "OUTGOING"
                if name_key(at("from")) == mine
                else "INCOMING"
                if name_key(at("to")) == mine
                else ""
            )
        if direction not in ("OUTGOING", "INCOMING"):
            report.skip(
                line,
                f"Direction {at('direction')!r} is neither OUTGOING nor INCOMING"
                if at("direction")
                else "cannot tell who invited whom (no Direction; your name is in Profile.csv)",
            )
            continue
        outgoing = direction == "OUTGOING"
        name = at("to") if outgoing else at("from")
        url = at("inviteeprofileurl") if outgoing else at("inviterprofileurl")
        found = counterparts.find(name, url)
        if not found.connection_id:
            report.skip(line, f"{found.reason} (an invitation not accepted?)")
            report.counts[found.count] = report.counts.get(found.count, 0) + 1
            continue
        raw_on = at("sent at")
        on = parse_connected_on(raw_on) if raw_on else None
        if raw_on and on is None:
            report.notes.append(f"line {line}: cannot read Sent At {raw_on!r}; date not used")
        seen = best.setdefault(found.connection_id, _Best(line, outgoing=outgoing))
        if on and (seen.on is None or on > seen.on):
            seen.on = on
        message = " ".join(at("message").split())
        if message and (seen.message_on is None or (on and on >= seen.message_on)):
            seen.message, seen.message_on, seen.outgoing = message, on, outgoing
    changed = []
    for cid, seen in best.items():
        incoming: dict[str, object] = {"connected_on": seen.on}
        if seen.message:
            incoming["how_we_know"] = how_we_know_note(seen.message, seen.message_on, seen.outgoing)
        conn, changes = merge_incoming(store.connections[cid], incoming)
        if changes:
            report.updated += 1
            report.changes.extend(changes)
            changed.append(conn)
        else:
            report.unchanged += 1
    store.put_many(changed)
