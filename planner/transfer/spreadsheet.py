"""CSV export of the network for spreadsheets, safe to open in Excel, LibreOffice or Sheets.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces), or with a tab
or carriage return, would be run as a formula by a spreadsheet (CSV injection); such cells get a
leading apostrophe, which spreadsheets show as text and do not evaluate.
"""

from __future__ import annotations

import csv
import io

from planner.storage import Store

COLUMNS = (
    "id",
    "first_name",
    "last_name",
    "company",
    "position",
    "email",
    "url",
    "how_we_know",
    "connected_on",
    "birthday",
    "cadence",
    "tags",
    "no_bulk",
    "last_contacted",
    "notes",
)
_FORMULA_START = ("=", "+", "-", "@")


def neutralise(cell: str) -> str:
    """``cell`` made inert for spreadsheets (see the module docstring)."""
    if cell[:1] in ("\t", "\r") or cell.lstrip(" ").startswith(_FORMULA_START):
        return "'" + cell
    return cell


def export_csv(store: Store, *, bom: bool = False) -> bytes:
    """One row per connection, sorted by name; UTF-8 (with a BOM for Excel when ``bom``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    people = sorted(store.connections.values(), key=lambda c: (c.name.casefold(), c.id))
    for c in people:
        last = store.last_contacted(c.id)
        bday = ""
        if c.birthday:  # a year-less birthday as MM-DD: "--MM-DD" would read as a formula
            bday = (
                c.birthday.iso()
                if c.birthday.year
                else f"{c.birthday.month:02d}-{c.birthday.day:02d}"
            )
        row = [
            c.id,
            c.first_name,
            c.last_name,
            c.company,
            c.position,
            c.email,
            c.url,
            c.how_we_know,
            c.connected_on.isoformat() if c.connected_on else "",
            bday,
            c.cadence or "",
            ", ".join(c.tags),
            "yes" if c.no_bulk else "",
            last.isoformat() if last else "",
            c.notes,
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")
