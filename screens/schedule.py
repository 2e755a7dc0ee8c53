"""The Schedule section: planned messages, birthdays and occasions, week by week.

Everything comes from :func:`planner.agenda.due_items` over the coming :data:`WEEKS` weeks, so
the Schedule shows exactly what Today will show when the day comes. Planned messages can be
rescheduled, edited in the composer, or skipped (a recurring one moves to its next occurrence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Button, Input, Label

from planner.dates import parse_date
from planner.models import ValidationError
from planner.text import safe
from screens.section import SectionScreen
from screens.widgets.footer import QuietFooter
from screens.widgets.form_field import Field, ModelValidator, show_input_error
from screens.widgets.header import QuietHeader
from screens.widgets.person_card import PersonCard
from screens.widgets.virtual_list import VirtualList
from screens.workers import Latest

if TYPE_CHECKING:
    from planner.agenda import DueItem
    from planner.storage import Store

WEEKS = 8
CARD_DELAY_S = 0.06  # the card follows the cursor once it rests this long
SCHEDULED = ("planned", "birthday", "occasion")
KIND = {
    "planned": "✉ planned",
    "birthday": "★ birthday",
    "occasion": "◆ occasion",
    "status-update": "✎ status",
}
STATUS = "status-update"  # rows of status-update drafts (not in the agenda: no date to keep)


@dataclass(frozen=True, slots=True)
class Entry:
    """One row: a plan (all its recipients together) or one person's birthday/occasion."""

    key: str
    date: date
    reason: str
    names: tuple[str, ...]
    connection_ids: tuple[str, ...]
    detail: str
    days_overdue: int
    plan_id: str | None = None
    recurring: bool = False
    snoozed: bool = False


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_title(start: date, today: date) -> str:
    """``This week · 23-29 Nov``, ``Next week · 30 Nov-6 Dec``, ``Week of 7 Dec``."""
    end = start + timedelta(days=6)
    span = (
        f"{start.day}-{end.day} {end:%b}"
        if start.month == end.month
        else f"{start.day} {start:%b}-{end.day} {end:%b}"
    )
    this = week_start(today)
    if start == this:
        return f"This week · {span}"
    if start == this + timedelta(days=7):
        return f"Next week · {span}"
    return f"Week of {span}"


def schedule_entries(store: Store, today: date, weeks: int = WEEKS) -> list[Entry]:
    """Planned messages, birthdays and occasions from the agenda: overdue ones, then the
    coming ``weeks`` weeks (this one included), by date. A plan's recipients share one entry."""
    from planner.agenda import due_items

    horizon = week_start(today) + timedelta(days=7 * weeks - 1)
    by_key: dict[str, list[DueItem]] = {}
    for item in due_items(store, today, days=(horizon - today).days):
        if item.reason not in SCHEDULED:
            continue
        if item.plan_id:
            key = f"plan:{item.plan_id}"
        else:
            key = f"{item.reason}:{item.connection_id}:{item.date.isoformat()}:{item.detail}"
        by_key.setdefault(key, []).append(item)
    entries = []
    for key, items in by_key.items():
        first = items[0]
        plan = store.plans.get(first.plan_id) if first.plan_id else None
        entries.append(
            Entry(
                key=key,
                date=first.date,
                reason=first.reason,
                names=tuple(i.name for i in items),
                connection_ids=tuple(i.connection_id for i in items),
                detail=first.detail,
                days_overdue=first.days_overdue,
                plan_id=first.plan_id,
                recurring=bool(plan and plan.recurrence),
                snoozed=bool(plan and plan.snoozed_until),
            )
        )
    entries.sort(key=lambda e: (e.date, SCHEDULED.index(e.reason), e.names[0].casefold(), e.key))
    return entries


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """What the Schedule shows for one store state (built off the UI thread)."""

    entries: dict[str, Entry]
    rows: list[str]
    titles: dict[str, str]
    status: Text


def build_schedule(store: Store, today: date) -> ScheduleView:
    """Entries grouped under Overdue and one heading per week (only reads the store)."""
    entries = schedule_entries(store, today)
    rows: list[str] = []
    titles: dict[str, str] = {}

    def heading(key: str, title: str) -> None:
        titles[key] = title
        rows.append(key)

    this_week = week_start(today)
    overdue = [e for e in entries if e.days_overdue > 0]
    if overdue:
        heading("#overdue", f"⚠ Overdue · {len(overdue)}")
        rows.extend(e.key for e in overdue)
    upcoming = [e for e in entries if e.days_overdue <= 0]
    i = 0
    for n in range(WEEKS):
        start = this_week + timedelta(days=7 * n)
        end = start + timedelta(days=7)
        week = []
        while i < len(upcoming) and upcoming[i].date < end:
            week.append(upcoming[i].key)
            i += 1
        title = week_title(start, today)
        count = f"{len(week)} item{'s' if len(week) != 1 else ''}" if week else "nothing"
        heading(f"#week:{start.isoformat()}", f"{title} · {count}")
        rows.extend(week)
    plans = sum(1 for e in entries if e.plan_id)
    drafts = status_entries(store)
    if drafts:
        heading("#status", f"✎ Status updates to post · {len(drafts)} (e: post · D: delete)")
        rows.extend(e.key for e in drafts)
    status = Text.assemble(
        (f"{plans} planned", "bold"),
        f" · {len(entries) - plans} birthdays/occasions · next {WEEKS} weeks",
        f" · {len(drafts)} status update{'s' if len(drafts) != 1 else ''}" if drafts else "",
    )
    return ScheduleView({e.key: e for e in [*entries, *drafts]}, rows, titles, status)


def status_entries(store: Store) -> list[Entry]:
    """The status-update drafts (texts kept to post as a status update), newest first."""
    drafts = [p for p in list(store.plans.values()) if p.status == STATUS]
    drafts.sort(key=lambda p: (p.created_on or p.due, p.id), reverse=True)
    out = []
    for plan in drafts:
        people = [store.connections[c] for c in plan.recipients if c in store.connections]
        out.append(
            Entry(
                key=f"status:{plan.id}",
                date=plan.created_on or plan.due,
                reason=STATUS,
                names=tuple(c.name for c in people) or ("(nobody now)",),
                connection_ids=tuple(c.id for c in people),
                detail=plan.text,
                days_overdue=0,
                plan_id=plan.id,
            )
        )
    return out


class RescheduleScreen(ModalScreen[date | None]):
    """Ask for a new day (any form planner.dates reads); returns it, None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="reschedule.cancel"),
    ]
    DEFAULT_CSS = """
    RescheduleScreen { align: center middle; }
    RescheduleScreen > Vertical { width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 1 1; }
    RescheduleScreen #rs-title { text-style: bold; padding: 0 0 1 0; }
    RescheduleScreen Horizontal#rs-buttons { height: auto; align-horizontal: right;
        padding: 1 0 0 0; }
    RescheduleScreen Button { margin: 0 0 0 2; }
    """

    def __init__(self, title: str, current: date, today: date) -> None:
        super().__init__()
        self.dialog_title = title
        self.current = current
        self.today = today

    def _parse(self, value: str) -> date:
        day = parse_date(value, self.today)
        if day < self.today:
            raise ValidationError(
                f"{day:%a %d %b %Y} is in the past: pick today or later (e.g. +1w, friday)"
            )
        return day

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.dialog_title), id="rs-title")
            yield Field(
                "New date",
                Input(
                    value=self.current.isoformat(),
                    id="rs-date",
                    compact=True,
                    validate_on=["submitted"],
                    validators=[ModelValidator(self._parse, allow_blank=False)],
                ),
                hint="e.g. friday, +1w, in 2 weeks, dec 24, 2026-12-24",
                name="date",
            )
            with Horizontal(id="rs-buttons"):
                yield Button("Move (enter)", variant="primary", id="rs-ok", compact=True)
                yield Button("Cancel (esc)", id="rs-cancel", compact=True)

    def on_mount(self) -> None:
        box = self.query_one("#rs-date", Input)
        box.focus()
        box.select_all()

    @on(Input.Changed, "#rs-date")
    def _changed(self, event: Input.Changed) -> None:
        field = self.query_one("#field-date", Field)
        if field.error.has_class("-shown"):
            show_input_error(event.input)

    @on(Input.Submitted, "#rs-date")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._ok()

    @on(Button.Pressed, "#rs-ok")
    def _ok(self) -> None:
        box = self.query_one("#rs-date", Input)
        if show_input_error(box):
            self.dismiss(self._parse(box.value))

    @on(Button.Pressed, "#rs-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ScheduleScreen(SectionScreen):
    """Planned messages and occasions by week; reschedule, edit or skip a planned message."""

    CSS_PATH = "schedule.tcss"
    AUTO_FOCUS = "#schedule-list"  # when the screen resumes with nothing focused: the list
    HELP = "Schedule: planned messages, birthdays and occasions for the coming weeks."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "reschedule",
            "Reschedule",
            id="schedule.reschedule",
            tooltip="Move a planned message to another day",
        ),
        Binding(
            "e",
            "edit",
            "Edit",
            id="schedule.edit",
            tooltip="Edit the planned message (or write a note for the occasion); also enter",
        ),
        Binding(
            "x",
            "skip",
            "Skip",
            id="schedule.skip",
            tooltip="Skip a planned message (a recurring one moves to its next time)",
        ),
        Binding(
            "D",
            "delete_status",
            "Delete draft",
            show=False,
            id="schedule.delete",
            tooltip="Delete a status-update draft (posted, or not wanted)",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[str, Entry] = {}
        self._headings: set[str] = set()
        self._titles: dict[str, str] = {}
        self._schedule: Latest[ScheduleView] = Latest(self, "schedule")
        self.schedule_ready = False  # True once the schedule for the current data is shown
        self._card_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield QuietHeader()
        with Horizontal(id="schedule-body"):
            with Vertical(id="schedule-left"):
                yield Label(Text("Loading..."), id="schedule-status")
                yield VirtualList(
                    self._render_row,
                    is_heading=self._headings.__contains__,
                    empty_text="Nothing planned in the coming weeks.",
                    id="schedule-list",
                )
            yield PersonCard(id="schedule-card")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.sub_title = "Schedule"
        self.query_one(VirtualList).focus()
        self.refresh_data()

    # --- data ----------------------------------------------------------------------------------

    def mark_stale(self) -> None:
        super().mark_stale()
        self.schedule_ready = False

    def refresh_data(self) -> None:
        """Re-read the agenda in a worker (8 weeks at 30,000 people take a few hundred ms);
        the cursor stays on the same entry when it is still there."""
        store = self.store
        status = self.query_one("#schedule-status", Label)
        if store is None:
            status.update(Text("Loading the data file..."), layout=False)
            return
        self._stale = False
        if not self.entries:
            status.update(Text("Loading the schedule…"), layout=False)
        today = self.today
        self._schedule.start(
            lambda: build_schedule(store, today), lambda view: self._computed(store, view)
        )

    def _computed(self, store: Store, view: ScheduleView) -> None:
        if store is not self.store:
            return  # a newer computation is on its way
        self.entries = view.entries
        self._headings.clear()
        self._headings.update(view.titles)
        self._titles.clear()
        self._titles.update(view.titles)
        self.query_one("#schedule-status", Label).update(view.status, layout=False)
        list_view = self.query_one(VirtualList)
        list_view.set_rows(view.rows, follow=True)  # an entry dealt with: the next one
        self.schedule_ready = True
        self._show_card(list_view.highlighted_key)

    # --- rows ----------------------------------------------------------------------------------

    def _render_row(self, key: str, width: int) -> Text:
        title = self._titles.get(key)
        if title is not None:
            return Text(title)
        entry = self.entries.get(key)
        if entry is None:
            return Text("")
        row = Text(no_wrap=True, end="")
        row.append(f"{entry.date:%a %d %b}  ")
        row.append(f"{KIND[entry.reason]:<11}", style="bold")
        name_w = max(min(20, width // 4), 8)
        more = f" +{len(entry.names) - 1}" if len(entry.names) > 1 else ""  # always visible
        cell = Text(safe(entry.names[0]), no_wrap=True, end="")
        cell.truncate(name_w - len(more), overflow="ellipsis", pad=not more)
        row.append_text(cell)
        row.append(more)
        row.append(" " * (name_w - cell.cell_len - len(more)))
        row.append(" ")
        marks = []
        if entry.days_overdue > 0:
            marks.append(f"⚠ {entry.days_overdue}d late")
        if entry.recurring:
            marks.append("↻")
        if entry.snoozed:
            marks.append("(snoozed)")
        if marks:
            row.append(" ".join(marks) + " ", style="bold")
        row.append(safe(entry.detail), style="dim" if entry.detail.startswith("to write") else "")
        return row

    def _show_card(self, key: str | None) -> None:
        """Show the entry's person once the cursor rests (holding j stays instant)."""
        entry = self.entries.get(key) if key else None
        cid = entry.connection_ids[0] if entry else None
        if self._card_timer is not None:
            self._card_timer.stop()
        self._card_timer = self.set_timer(
            CARD_DELAY_S, lambda: self.query_one(PersonCard).show(self.store, cid, self.today)
        )

    @on(VirtualList.Highlighted, "#schedule-list")
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        self._show_card(event.key)

    @on(VirtualList.Selected, "#schedule-list")
    def _selected(self) -> None:
        self.action_edit()

    # --- actions -------------------------------------------------------------------------------

    def _current(self) -> Entry | None:
        key = self.query_one(VirtualList).highlighted_key
        return self.entries.get(key) if key else None

    def _current_plan(self, verb: str) -> Entry | None:
        entry = self._current()
        if entry is None:
            return None
        if entry.reason == STATUS:
            self.notify(
                f"A status-update draft is not a message: nothing to {verb}. Press e to post "
                "it (copy and LinkedIn's share box) or D to delete it.",
                markup=False,
            )
            return None
        if entry.plan_id is None:
            self.notify(
                f"A {entry.reason} is a date in their life, not a planned message: nothing to "
                f"{verb}. Press e to plan a note for it.",
                markup=False,
            )
            return None
        return entry

    def action_reschedule(self) -> None:
        entry = self._current_plan("reschedule")
        store = self.store
        if entry is None or store is None or entry.plan_id is None:
            return
        plan_id = entry.plan_id
        who = ", ".join(safe(n) for n in entry.names)
        title = f"Move the message to {who} ({entry.date:%a %d %b %Y}) to..."
        if entry.recurring:
            title += "\n↻ recurring: only this time moves; the next ones stay on schedule"

        def done(day: date | None) -> None:
            if day is None or self.store is None:
                return
            self._reschedule(plan_id, day)

        start = max(entry.date, self.today)
        self.app.push_screen(RescheduleScreen(title, start, self.today), done)

    def _reschedule(self, plan_id: str, day: date) -> None:
        ops = self.app.ops  # type: ignore[attr-defined]
        try:
            ops.reschedule(plan_id, day, today=self.today)
        except ValidationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(f"Moved to {day:%a %d %b %Y} · u undoes it", markup=False, timeout=3)

    def action_edit(self) -> None:
        entry = self._current()
        if entry is None:
            return
        if entry.reason == STATUS:  # post it: copy, and LinkedIn's share box
            self.app.copy_text(entry.detail, kept="here")  # type: ignore[attr-defined]
            self.app.share_on_linkedin(entry.detail)  # type: ignore[attr-defined]
            return
        if entry.plan_id is not None:
            self.app.open_composer(list(entry.connection_ids), entry.plan_id)  # type: ignore[attr-defined]
        else:
            self.app.open_composer(  # type: ignore[attr-defined]
                list(entry.connection_ids), reason=entry.reason
            )

    def action_skip(self) -> None:
        entry = self._current_plan("skip")
        store = self.store
        if entry is None or store is None or entry.plan_id is None:
            return
        try:
            plan = self.app.ops.skip(entry.plan_id, today=self.today)  # type: ignore[attr-defined]
        except ValidationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        if plan.status == "pending":
            self.notify(
                f"Skipped; next time: {plan.effective_due:%a %d %b %Y} · u undoes it", markup=False
            )
        else:
            self.notify("Skipped · u undoes it", markup=False, timeout=4)

    def action_delete_status(self) -> None:
        """Delete the status-update draft under the cursor (u undoes it)."""
        entry = self._current()
        ops = getattr(self.app, "ops", None)
        if entry is None or ops is None or entry.reason != STATUS or entry.plan_id is None:
            self.notify("D deletes a status-update draft: select one first.", markup=False)
            return
        from planner.models import ValidationError

        try:
            ops.delete_status_update(entry.plan_id)
        except ValidationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(f"Deleted the status-update draft {entry.plan_id} · u undoes it")
