"""Today: who is due a personal note (overdue, today, the next 7 days) beside their card."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from screens.app import DataChanged
from screens.widgets.literal import lit
from screens.widgets.person_card import PersonCard
from screens.widgets.row_list import Row, RowList

if TYPE_CHECKING:
    from planner.agenda import DueItem
    from screens.app import OutreachApp

DAYS_AHEAD = 7
REASON_WORDS = {
    "birthday": "birthday",
    "occasion": "occasion",
    "keep-in-touch": "keep in touch",
    "follow-up": "follow-up",
    "planned": "planned",
}


def when_words(days_overdue: int) -> str:
    """How late or early, in words and a symbol (never colour alone)."""
    if days_overdue > 0:
        return f"! {days_overdue} day{'s' if days_overdue != 1 else ''} overdue"
    if days_overdue == 0:
        return "• today"
    ahead = -days_overdue
    return "  tomorrow" if ahead == 1 else f"  in {ahead} days"


def _cell(text: Text, width: int) -> Text:
    """``text`` cut or padded to ``width`` terminal cells (emoji are two cells wide)."""
    text.truncate(width - 1, overflow="ellipsis", pad=True)
    text.append(" ")
    return text


def item_key(item: DueItem) -> str:
    return f"{item.reason}|{item.connection_id}|{item.plan_id or ''}|{item.date.isoformat()}"


def item_row(item: DueItem) -> Row:
    """One agenda line: when, who, why (and the plan's label/text or the detail)."""
    reason = REASON_WORDS.get(item.reason, item.reason)
    if item.reason == "planned" and item.detail.startswith("to write"):
        reason = "to write"
    text = Text(end="")
    style = "bold" if item.days_overdue > 0 else ""
    text.append_text(_cell(Text(when_words(item.days_overdue), style=style), 19))
    text.append_text(_cell(lit(item.name, "bold"), 23))
    text.append(f"{reason:<14}")
    text.append_text(lit(item.detail, "dim"))
    return Row(item_key(item), text)


def agenda_rows(items: list[DueItem], today: date) -> list[Row]:
    """Rows grouped under Overdue / Today / Next N days headers, with counts."""
    groups: list[tuple[str, list[DueItem]]] = [
        ("Overdue", [i for i in items if i.days_overdue > 0]),
        (f"Today, {today:%a %d %b}", [i for i in items if i.days_overdue == 0]),
        (f"Next {DAYS_AHEAD} days", [i for i in items if i.days_overdue < 0]),
    ]
    rows: list[Row] = []
    for title, group in groups:
        if not group:
            continue
        rows.append(Row(None, Text(f"{title} ({len(group)})")))
        rows.extend(item_row(i) for i in group)
    return rows


class TodayScreen(Screen):
    """The morning review: the agenda on the left, the selected person's card on the right."""

    CSS_PATH = "today.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write", "Write", id="today.write", tooltip="Write a note (or open the plan)"),
        Binding("d", "done", "Done", id="today.done", tooltip="Mark the planned message sent"),
        Binding("z", "snooze", "Snooze", id="today.snooze", tooltip="+1 day, +1 week or a date"),
        Binding("x", "skip", "Skip", id="today.skip", tooltip="Skip this planned message"),
        Binding("l", "log", "Log", id="today.log", tooltip="Log an interaction"),
        Binding("o", "open_url", "Open", id="today.open", tooltip="Open the profile URL"),
        Binding("c", "copy", "Copy", id="today.copy", tooltip="Copy the planned text"),
    ]
    HELP = "Today: overdue, today and the next 7 days. Select a row, then act on it."

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, DueItem] = {}
        self._agenda_error: str | None = None

    @property
    def outreach(self) -> OutreachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="today-body"):
            with Vertical(id="agenda-pane"):
                yield Static(Text("Loading your network…"), id="summary")
                yield RowList(id="agenda", empty="")
            with Vertical(id="card-pane"):
                yield Static("", id="why")
                yield PersonCard(id="card")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "outreach · Today"
        self.refresh_agenda()

    @on(DataChanged)
    def _data_changed(self) -> None:
        self.refresh_agenda()

    # --- data ----------------------------------------------------------------------------------

    def refresh_agenda(self) -> None:
        """Recompute the agenda from the in-memory store and redraw (keeps the cursor)."""
        app = self.outreach
        summary = self.query_one("#summary", Static)
        agenda = self.query_one("#agenda", RowList)
        store = app.store
        if store is None:
            summary.update(lit(app.load_error) if app.load_error else Text("Loading your network…"))
            return
        try:
            from planner.agenda import due_items
        except ImportError:
            summary.update(Text("The agenda is not available in this build."))
            return
        items = due_items(store, app.today, DAYS_AHEAD)
        self.items = {item_key(i): i for i in items}
        agenda.set_rows(agenda_rows(items, app.today))
        overdue = sum(1 for i in items if i.days_overdue > 0)
        on_day = sum(1 for i in items if i.days_overdue == 0)
        ahead = len(items) - overdue - on_day
        line = Text(f"{app.today:%a %d %b %Y}  ", style="bold", end="")
        if items:
            line.append(f"! {overdue} overdue · {on_day} today · {ahead} in {DAYS_AHEAD} days")
        else:
            line.append("✓ Nobody is due: a good day to write to someone you miss (p).")
        summary.update(line)
        self._show_card()
        self.refresh_bindings()

    @property
    def current(self) -> DueItem | None:
        key = self.query_one("#agenda", RowList).current_key
        return self.items.get(key) if key else None

    def _show_card(self) -> None:
        item = self.current
        why = Text(end="")
        if item is not None:
            why.append(f"{when_words(item.days_overdue).strip()} · ", style="bold")
            why.append(f"{REASON_WORDS.get(item.reason, item.reason)}\n", style="bold")
            why.append_text(lit(item.detail))
            if item.plan_id:
                why.append(f"  ({item.plan_id})", style="dim")
        self.query_one("#why", Static).update(why)
        self.query_one(PersonCard).show(
            self.outreach.store, item.connection_id if item else None, self.outreach.today
        )

    @on(RowList.Highlighted, "#agenda")
    def _highlighted(self) -> None:
        self._show_card()
        self.refresh_bindings()

    @on(RowList.Selected, "#agenda")
    def _selected(self) -> None:
        self.action_write()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out actions that do not apply to the selected row (footer shows what works)."""
        if action in ("write", "log", "open_url", "done", "snooze", "skip", "copy"):
            item = self.current
            if item is None:
                return None
            if action in ("done", "snooze", "skip", "copy") and item.plan_id is None:
                return None
        return True

    # --- actions -------------------------------------------------------------------------------

    def action_write(self) -> None:
        """Write a note to the selected person; on a planned item, open that plan."""
        item = self.current
        if item is None:
            return
        store = self.outreach.store
        if item.plan_id and store is not None and item.plan_id in store.plans:
            plan = store.plans[item.plan_id]
            self.outreach.open_composer(list(plan.recipients), plan_id=plan.id)
        else:
            self.outreach.open_composer([item.connection_id])

    def _plan_action(self, verb: str) -> DueItem | None:
        item = self.current
        if item is None:
            return None
        if item.plan_id is None:
            self.notify(
                f"Nothing planned to {verb} here: press w to write a note, or l to log a contact.",
                markup=False,
            )
            return None
        return item

    def action_done(self) -> None:
        """Mark the planned message sent today (logs it for each recipient)."""
        item = self._plan_action("mark done")
        store = self.outreach.store
        if item is None or store is None:
            return
        from planner import agenda
        from planner.models import ValidationError

        try:
            logged = agenda.mark_done(store, item.plan_id, self.outreach.today)
        except ValidationError as exc:
            self.notify(f"{exc}. Press w to write it first.", severity="warning", markup=False)
            return
        self._reindex_plan(item.plan_id, logged)
        self.notify(f"✓ Done: logged as sent to {item.name}.", markup=False, timeout=3)
        self.outreach.persist()

    def _reindex_plan(self, plan_id: str | None, logged: list | None = None) -> None:
        index = self.outreach.bulk_index
        store = self.outreach.store
        if index is None or store is None or plan_id is None:
            return
        index.remove_plan(plan_id)
        plan = store.plans.get(plan_id)
        if plan is not None and plan.status == "pending":
            index.add_plan(plan)
        for inter in logged or []:
            index.add_interaction(inter)

    def action_snooze(self) -> None:
        item = self._plan_action("snooze")
        if item is None:
            return
        from screens.snooze import SnoozeScreen

        def snoozed(until: date | None) -> None:
            store = self.outreach.store
            if until is None or store is None:
                return
            from planner import agenda
            from planner.models import ValidationError

            try:
                agenda.snooze(store, item.plan_id, until)
            except ValidationError as exc:
                self.notify(str(exc), severity="warning", markup=False)
                return
            self._reindex_plan(item.plan_id)
            self.notify(f"Snoozed until {until:%a %d %b %Y}.", markup=False, timeout=3)
            self.outreach.persist()

        self.app.push_screen(SnoozeScreen(self.outreach.today), snoozed)

    def action_skip(self) -> None:
        item = self._plan_action("skip")
        store = self.outreach.store
        if item is None or store is None:
            return
        from planner import agenda
        from planner.models import ValidationError

        try:
            agenda.skip(store, item.plan_id)
        except ValidationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self._reindex_plan(item.plan_id)
        plan = store.plans.get(item.plan_id or "")
        if plan is not None and plan.status == "pending":
            self.notify(f"Skipped; next time: {plan.effective_due:%a %d %b %Y}.", markup=False)
        else:
            self.notify("Skipped.", markup=False, timeout=3)
        self.outreach.persist()

    def action_copy(self) -> None:
        item = self._plan_action("copy")
        store = self.outreach.store
        if item is None or store is None:
            return
        plan = store.plans.get(item.plan_id or "")
        if plan is None or not plan.text.strip():
            self.notify("This plan has no text yet: press w to write it.", markup=False)
            return
        self.app.copy_to_clipboard(plan.text)
        self.notify("Copied the planned message to the clipboard.", markup=False, timeout=3)

    def action_open_url(self) -> None:
        item = self.current
        store = self.outreach.store
        if item is None or store is None:
            return
        conn = store.connections.get(item.connection_id)
        if conn is None or not conn.url:
            self.notify("No profile URL for this person (add one in People).", markup=False)
            return
        self._open_browser(conn.url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_browser(self, url: str) -> None:
        import webbrowser

        opened = webbrowser.open(url)
        self.app.call_from_thread(
            self.notify,
            f"Opened {url}" if opened else f"Could not start a browser; the URL is {url}",
            markup=False,
            timeout=4,
        )

    def action_log(self) -> None:
        item = self.current
        if item is None:
            return
        open_log = getattr(self.outreach, "log_interaction", None)
        if callable(open_log):
            open_log(item.connection_id)
