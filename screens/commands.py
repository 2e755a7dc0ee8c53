"""The command palette (ctrl+p): add a connection, jump to a person, import, export, go to."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from planner.text import safe

if TYPE_CHECKING:
    from screens.app import OutreachApp

MAX_PEOPLE = 40  # people hits per query: enough to pick from, cheap at 30,000 connections


def _open_triage(app: OutreachApp) -> None:
    from screens.triage import open_triage

    open_triage(app)


def _open_daily_limit(app: OutreachApp) -> None:
    from screens.settings import DailyLimitScreen

    app.push_screen(DailyLimitScreen())


class OutreachCommands(Provider):
    """Main actions plus one "Jump to NAME" per connection (searched, never listed whole)."""

    @property
    def outreach(self) -> OutreachApp:
        return self.app  # type: ignore[return-value]

    def _actions(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.outreach
        return [
            ("Add connection", "Add a person to your network", app.add_connection),
            (
                "Import a file",
                "LinkedIn Connections.csv / messages.csv, vCard, JSON backup",
                partial(app.open_transfer, "import"),
            ),
            ("Export", "vCard, iCalendar, JSON or CSV", partial(app.open_transfer, "export")),
            (
                "Triage",
                "A keep-in-touch cadence for everyone, from your history",
                partial(_open_triage, app),
            ),
            (
                "Settings: daily limit",
                "How many keep-in-touch and reconnect rows a day shows",
                partial(_open_daily_limit, app),
            ),
            ("Go to Today", "Who is due a note", partial(app.action_section, "today")),
            ("Go to People", "All connections", partial(app.action_section, "people")),
            ("Go to Schedule", "Planned messages by week", partial(app.action_section, "schedule")),
            ("Help: key bindings", "Every key, per screen", app.action_help),
        ]

    async def discover(self) -> Hits:
        for title, help_text, callback in self._actions():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._actions():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
        store = self.outreach.store
        words = query.lower().split()
        if store is None or not words:
            return
        found = 0
        # A plain substring test first keeps this fast at 30,000 people; fuzzy scores the few.
        for conn in store.connections.values():
            name = safe(conn.name)
            lowered = name.lower()
            if not all(w in lowered or w in conn.company.lower() for w in words):
                continue
            title = f"Jump to {name}"
            score = max(matcher.match(title), 0.5)
            where = " at ".join(safe(v) for v in (conn.position, conn.company) if v)
            yield Hit(
                score,
                matcher.highlight(title),
                partial(self.outreach.jump_to_person, conn.id),
                text=title,
                help=where or "Show in People",
            )
            found += 1
            if found >= MAX_PEOPLE:
                break
