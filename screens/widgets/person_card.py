"""The selected person's card: how we know each other, work, last interactions, occasions,
preferences. Shared by Today and People; everything user-written is shown literally."""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from screens.widgets.literal import lit, lit_lines, one_line

if TYPE_CHECKING:
    from planner.models import Connection, Interaction, Occasion
    from planner.storage import Store

RECENT = 5  # interactions shown on the card


def _ago(day: date, today: date) -> str:
    days = (today - day).days
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days > 0:
        return f"{days} days ago"
    return f"in {-days} days"


def _month_day(month: int, day: int, year: int | None = None) -> str:
    text = f"{day} {calendar.month_abbr[month]}"
    return f"{text} {year}" if year else text


def _occasion_when(occ: Occasion) -> str:
    if occ.rrule:
        return f"rule {occ.rrule}"
    assert occ.month is not None and occ.day is not None
    text = _month_day(occ.month, occ.day, occ.year)
    return text + (f", remind {occ.lead_days} d before" if occ.lead_days else "")


def interaction_line(inter: Interaction, width: int = 60) -> Text:
    """``→ 2026-10-01 linkedin  text...`` (arrow says sent or received, not colour)."""
    arrow = "→ sent" if inter.direction == "sent" else "← got "
    line = Text(f"{arrow} {inter.date.isoformat()} {inter.channel:<8} ", style="dim", end="")
    line.append(one_line(inter.text, width) if inter.text else "(no text)")
    return line


def card_text(store: Store, conn: Connection, today: date) -> Text:
    """The card's content for ``conn``."""
    out = Text(end="")
    out.append_text(lit(conn.name, "bold"))
    out.append("\n")
    work = " at ".join(v for v in (conn.position, conn.company) if v)
    if work:
        out.append_text(lit(work))
        out.append("\n")
    out.append("\nHow we know: ", style="bold")
    if conn.how_we_know:
        out.append_text(lit_lines(conn.how_we_know))
    else:
        out.append("! no note yet", style="bold")
        out.append(" (add one in People: it makes every note personal)", style="dim")
    out.append("\n")

    last = store.last_contacted(conn.id)
    out.append("Last contact: ", style="bold")
    out.append(f"{last.isoformat()} ({_ago(last, today)})" if last else "never")
    out.append("\n")
    if conn.cadence:
        out.append("Keep in touch: ", style="bold")
        out.append(f"every {conn.cadence}\n")
    from planner import strength

    basis = strength.of(store, conn.id)
    out.append("Strength: ", style="bold")
    out.append(f"{strength.score(basis, today)}/100, {strength.describe(basis, today)}\n")
    if conn.snoozed_until and conn.snoozed_until > today:
        out.append("Snoozed until: ", style="bold")
        out.append(f"{conn.snoozed_until.isoformat()}\n")

    prefs: list[str] = []
    if conn.no_bulk:
        prefs.append("✋ asked to be left off bulk messages")
    if conn.email:
        prefs.append(f"email {safe_inline(conn.email)}")
    if conn.url:
        prefs.append(f"profile {safe_inline(conn.url)}")
    if conn.tags:
        prefs.append("tags " + ", ".join(safe_inline(t) for t in conn.tags))
    for pref in prefs:
        out.append_text(lit(pref))
        out.append("\n")

    occasions: list[tuple[str, str]] = []
    if conn.birthday:
        b = conn.birthday
        occasions.append(("birthday", _month_day(b.month, b.day, b.year)))
    for occ in store.occasions_for(conn.id):
        occasions.append((occ.label, _occasion_when(occ)))
    if occasions:
        out.append("\nOccasions\n", style="bold")
        for label, when in occasions:
            out.append("  ")
            out.append_text(lit(label))
            out.append(f": {when}\n")

    pending = [p for p in store.plans_for(conn.id) if p.status == "pending"]
    if pending:
        out.append("\nPlanned\n", style="bold")
        for plan in sorted(pending, key=lambda p: p.effective_due)[:3]:
            out.append(f"  {plan.effective_due.isoformat()} ")
            what = plan.text or (f"to write: {plan.label}" if plan.label else "to write")
            out.append_text(lit(one_line(what, 60)))
            out.append("\n")

    if conn.events:
        out.append("\nHistory\n", style="bold")
        for event in reversed(conn.events[-5:]):
            out.append(f"  {event['on']} ")
            out.append_text(lit(one_line(str(event.get("text", "")), 70)))
            out.append("\n")

    history = store.interactions_for(conn.id)
    out.append("\nLast interactions", style="bold")
    if not store.complete:  # opened from the summary: only the latest is loaded yet
        out.append(" (loading the rest…)", style="dim")
    out.append("\n")
    if not history:
        out.append("  none logged yet\n", style="dim")
    for inter in reversed(history[-RECENT:]):
        out.append("  ")
        out.append_text(interaction_line(inter))
        out.append("\n")

    if conn.notes:
        out.append("\nNotes\n", style="bold")
        out.append_text(lit_lines(conn.notes))
        out.append("\n")
    return out


def safe_inline(value: str) -> str:
    return one_line(value, 200)


class PersonCard(VerticalScroll, can_focus=False):
    """Shows one connection's card; call :meth:`show` whenever the selection or data change."""

    DEFAULT_CSS = """
    PersonCard { border: round $primary 50%; border-title-color: $text-accent; padding: 0 1; }
    PersonCard > #card-body { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("Nobody selected.", style="dim"), id="card-body")

    def on_mount(self) -> None:
        self.border_title = "Person"

    def show(self, store: Store | None, connection_id: str | None, today: date) -> None:
        """Display ``connection_id`` from ``store`` (a placeholder when None or unknown)."""
        body = self.query_one("#card-body", Static)
        conn = store.connections.get(connection_id) if store and connection_id else None
        if store is None or conn is None:
            body.update(Text("Nobody selected.", style="dim"))
            return
        body.update(card_text(store, conn, today))
        self.scroll_home(animate=False)
