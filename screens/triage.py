"""Triage: a keep-in-touch cadence for everyone, from their history (see planner.triage).

The proposal is grouped by tier (close, regular, wider, faded, quiet) with counts. ``a``
accepts the tier of the selected row, ``c`` changes the selected person's cadence, ``s``
skips them, ``S`` shows a summary and saves. Nothing is saved before that summary is
confirmed; a cadence the user set is never touched (those people are not listed). The list
is a :class:`VirtualList`, so 30,000 people open and scroll at once; the proposal is computed
in a worker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from screens.background import read_retrying
from screens.widgets.footer import QuietFooter
from screens.widgets.header import QuietHeader
from screens.widgets.literal import lit
from screens.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from planner.storage import Store
    from planner.triage import Candidate, Proposal
    from screens.app import OutreachApp

CHOICES = ("1m", "3m", "6m", "1y")  # what ``c`` cycles through
PENDING, ACCEPTED, SKIPPED = "pending", "accepted", "skipped"
MARKS = {PENDING: "·", ACCEPTED: "✓", SKIPPED: "✗"}


def open_triage(app: OutreachApp) -> None:
    """Open the triage screen (the palette's "Triage", and offered after an import)."""
    if app.store is None:
        app.notify("The network is still loading: try again in a moment.", markup=False)
        return
    app.push_screen(TriageScreen())


class ConfirmTriage(ModalScreen[bool]):
    """The summary before saving: what will change; y saves, n or escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Save", id="triage.confirm"),
        Binding("n,escape", "answer(False)", "Back", id="triage.back"),
    ]
    DEFAULT_CSS = """
    ConfirmTriage { align: center middle; }
    ConfirmTriage > Vertical { width: 70; max-width: 100%; height: auto; border: thick $accent;
        background: $surface; padding: 1 2; }
    """

    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Save the triage?"
            yield Label(Text(self.summary))
            yield Label(Text("y: save   n: back to the list", style="dim"))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class TriageScreen(Screen):
    """The proposal, tier by tier; every change is a decision kept here until saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept_tier", "Accept tier", id="triage.accept", tooltip="Accept the tier"),
        Binding("c", "change", "Change", id="triage.change", tooltip="Cycle 1m, 3m, 6m, 1y"),
        Binding("s", "skip", "Skip", id="triage.skip", tooltip="No cadence for this person"),
        Binding("S", "save", "Save…", id="triage.save", tooltip="Review and save"),
        Binding("escape", "close", "Close", id="triage.close", tooltip="Close without saving"),
    ]
    DEFAULT_CSS = """
    TriageScreen #triage-summary { height: auto; padding: 0 1; }
    TriageScreen VirtualList { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.proposal: Proposal | None = None
        self.people: dict[str, Candidate] = {}
        self.tier_of: dict[str, str] = {}  # connection id -> tier name
        self.state: dict[str, str] = {}  # connection id -> PENDING / ACCEPTED / SKIPPED
        self.chosen: dict[str, str | None] = {}  # connection id -> cadence if accepted
        self.titles: dict[str, str] = {}

    @property
    def outreach(self) -> OutreachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield QuietHeader()
        yield Static(Text("Working out everyone's strength…"), id="triage-summary")
        yield VirtualList(self._render_row, is_heading=self.titles.__contains__, id="triage-list")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "outreach · Triage"
        self.query_one(VirtualList).focus()
        store = self.outreach.store
        if store is not None:
            self._propose(store)

    @work(thread=True, exclusive=True, group="triage", exit_on_error=False)
    def _propose(self, store: Store) -> None:
        from planner.triage import propose

        today = self.outreach.today
        proposal = read_retrying(lambda: propose(store, today))
        layout = _Layout.of(proposal) if proposal is not None else None  # (30,000 rows: here)
        self.app.call_from_thread(self._install, proposal, layout)

    def _install(self, proposal: Proposal | None, layout: _Layout | None) -> None:
        if proposal is None or layout is None:
            self.query_one("#triage-summary", Static).update(Text("✗ could not read the network"))
            return
        self.proposal = proposal
        self.people, self.tier_of = layout.people, layout.tier_of
        self.state, self.chosen = layout.state, layout.chosen
        self.titles.update(layout.titles)
        self._update_titles()
        self.query_one(VirtualList).set_rows(layout.rows)
        self._show_summary()

    # --- rendering --------------------------------------------------------------------------

    def _tier_counts(self) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = {}
        for cid, tier in self.tier_of.items():
            counts.setdefault(tier, Counter())[self.state[cid]] += 1
        return counts

    def _update_titles(self) -> None:
        if self.proposal is None:
            return
        counts = self._tier_counts()
        for tier in self.proposal.tiers:
            n = len(tier.people)
            c = counts.get(tier.name, Counter())
            what = f"every {tier.cadence}" if tier.cadence else "no cadence proposed"
            floor = f"strength {tier.floor}+" if tier.floor is not None else "no history yet"
            self.titles[f"#{tier.name}"] = (
                f"{tier.name} ({floor}): {what} · {n:,} "
                f"{'person' if n == 1 else 'people'} · ✓ {c[ACCEPTED]:,} ✗ {c[SKIPPED]:,}"
            )

    def _show_summary(self) -> None:
        proposal = self.proposal
        if proposal is None:
            return
        text = Text(end="")
        text.append(f"{len(self.people):,} people without a cadence", style="bold")
        if proposal.kept:
            text.append(f" ({proposal.kept:,} keep the cadence they have)")
        text.append("\n")
        for tier in proposal.tiers:
            what = f"every {tier.cadence}" if tier.cadence else "none"
            text.append(f"{tier.name} {what}: {len(tier.people):,}   ")
        changes = self._changes()
        text.append(f"\nto save: {len(changes):,}", style="bold")
        text.append("   a accept tier · c change · s skip · S save · escape close", style="dim")
        self.query_one("#triage-summary", Static).update(text)

    def _render_row(self, key: str, width: int) -> Text:
        title = self.titles.get(key)
        if title is not None:
            return Text(title)
        c = self.people.get(key)
        if c is None:
            return Text("")
        state = self.state[key]
        cadence = self.chosen[key] if state == ACCEPTED else None
        shown = cadence or ("skip" if state == SKIPPED else f"({self.chosen[key] or '-'})")
        row = Text(end="", no_wrap=True)
        row.append(f"{MARKS[state]} ", style="bold")
        row.append_text(_cell(lit(c.name, "bold"), 26))
        row.append(f"{c.strength:>3}  {shown:<6} ")
        row.append_text(lit(c.evidence, "dim"))
        return row

    def _redraw(self) -> None:
        self._update_titles()
        self.query_one(VirtualList).refresh_rows()
        self._show_summary()

    # --- decisions --------------------------------------------------------------------------

    @property
    def _current(self) -> str | None:
        key = self.query_one(VirtualList).highlighted_key
        return key if key in self.people else None

    def action_accept_tier(self) -> None:
        """Accept the proposal for everyone in the selected row's tier not decided one by one."""
        cid = self._current
        if cid is None or self.proposal is None:
            return
        name = self.tier_of[cid]
        tier = next(t for t in self.proposal.tiers if t.name == name)
        if tier.cadence is None:
            self.notify(
                f"The {name} tier has no cadence to accept: press c on a person to give one.",
                markup=False,
            )
            return
        n = 0
        for c in tier.people:
            if self.state[c.connection_id] == PENDING:
                self.state[c.connection_id] = ACCEPTED
                n += 1
        self.notify(f"Accepted {n:,} in {name}: every {tier.cadence}.", markup=False, timeout=3)
        self._redraw()

    def action_change(self) -> None:
        """Give the selected person the next cadence of 1m, 3m, 6m, 1y (accepted)."""
        cid = self._current
        if cid is None:
            return
        current = self.chosen[cid] if self.state[cid] == ACCEPTED else None
        nxt = CHOICES[(CHOICES.index(current) + 1) % len(CHOICES)] if current in CHOICES else None
        self.chosen[cid] = nxt or self.people[cid].cadence or CHOICES[0]
        self.state[cid] = ACCEPTED
        self._redraw()

    def action_skip(self) -> None:
        """No cadence for the selected person; the cursor moves on."""
        cid = self._current
        if cid is None:
            return
        self.state[cid] = SKIPPED
        self._redraw()
        self.query_one(VirtualList).action_cursor_down()

    def _changes(self) -> list[Candidate]:
        return [
            replace(self.people[cid], cadence=self.chosen[cid])
            for cid, state in self.state.items()
            if state == ACCEPTED and self.chosen[cid]
        ]

    def action_save(self) -> None:
        changes = self._changes()
        if not changes:
            self.notify("Nothing accepted yet: a accepts a tier, c sets one person.", markup=False)
            return
        by_cadence = Counter(c.cadence for c in changes)
        parts = ", ".join(f"{n:,} every {k}" for k, n in sorted(by_cadence.items()))
        skipped = sum(1 for s in self.state.values() if s == SKIPPED)
        n = len(changes)
        who = f"{n:,} {'person' if n == 1 else 'people'}"
        summary = f"Give {who} a keep-in-touch cadence: {parts}."
        if skipped:
            summary += f"\n{skipped:,} skipped (no cadence)."
        summary += "\nCadences you set before are not changed."

        def answered(save: bool | None) -> None:
            if save:
                self._apply(changes)

        self.app.push_screen(ConfirmTriage(summary), answered)

    def _apply(self, changes: list[Candidate]) -> None:
        from planner.triage import apply

        ops = self.outreach.ops
        if ops is None:
            return
        n = apply(ops, changes)
        self.notify(
            f"✓ Saved: {n:,} {'person now has' if n == 1 else 'people now have'} a "
            "keep-in-touch cadence. Today shows the best ones each day.",
            markup=False,
        )
        self.dismiss()

    def action_close(self) -> None:
        self.dismiss()


@dataclass(frozen=True, slots=True)
class _Layout:
    """The list of a proposal: its rows (tier headings, then people) and each person's
    starting state, built in the worker."""

    rows: list[str]
    people: dict[str, Candidate]
    tier_of: dict[str, str]
    state: dict[str, str]
    chosen: dict[str, str | None]
    titles: dict[str, str]

    @classmethod
    def of(cls, proposal: Proposal) -> _Layout:
        rows: list[str] = []
        people: dict[str, Candidate] = {}
        tier_of: dict[str, str] = {}
        chosen: dict[str, str | None] = {}
        titles: dict[str, str] = {}
        for tier in proposal.tiers:
            heading = f"#{tier.name}"
            titles[heading] = tier.name
            if not tier.people:
                continue
            rows.append(heading)
            for c in tier.people:
                cid = c.connection_id
                people[cid] = c
                tier_of[cid] = tier.name
                chosen[cid] = tier.cadence
                rows.append(cid)
        return cls(rows, people, tier_of, dict.fromkeys(tier_of, PENDING), chosen, titles)


def _cell(text: Text, width: int) -> Text:
    text.truncate(width - 1, overflow="ellipsis", pad=True)
    text.append(" ")
    return text


__all__ = ["ConfirmTriage", "TriageScreen", "open_triage"]
