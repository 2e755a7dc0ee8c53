"""Today: who is due a personal note (overdue, today, the next 7 days) beside their card."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Static

from planner.links import link_problem, open_in_browser
from planner.text import safe
from screens.section import SectionScreen
from screens.widgets.footer import QuietFooter
from screens.widgets.header import QuietHeader
from screens.widgets.literal import lit
from screens.widgets.person_card import PersonCard
from screens.widgets.virtual_list import VirtualList
from screens.workers import Latest

if TYPE_CHECKING:
    from planner.agenda import DueItem
    from planner.operations import Operations
    from planner.storage import Store
    from screens.app import OutreachApp

DAYS_AHEAD = 7
CARD_DELAY_S = 0.06  # the card follows the cursor once it rests this long
LOADING = Text("Loading your network…")
# Rows z (snooze) and x (skip) work on; birthdays and occasions are handled by a message.
DEFERRABLE = frozenset(("planned", "keep-in-touch", "reconnect", "follow-up", "news"))
REASON_WORDS = {
    "birthday": "birthday",
    "occasion": "occasion",
    "keep-in-touch": "keep in touch",
    "follow-up": "follow-up",
    "planned": "planned",
    "news": "news",
    "reconnect": "reconnect",
}


def when_words(days_overdue: int) -> str:
    """How late or early, in words and a symbol (never colour alone)."""
    if days_overdue > 0:
        return f"! {days_overdue} day{'s' if days_overdue != 1 else ''} overdue"
    if days_overdue == 0:
        return "• today"
    ahead = -days_overdue
    return "  tomorrow" if ahead == 1 else f"  in {ahead} days"


def item_key(item: DueItem) -> str:
    return f"{item.reason}|{item.connection_id}|{item.plan_id or ''}|{item.date.isoformat()}"


def short_when(days_overdue: int) -> str:
    """:func:`when_words` for narrow lists, where the group heading (Overdue, Today, Next 7
    days) already says which way: ``! 23d``, ``• today``, ``in 2d``."""
    if days_overdue > 0:
        return f"! {days_overdue}d"
    if days_overdue == 0:
        return "• today"
    return "tomorrow" if days_overdue == -1 else f"in {-days_overdue}d"


WIDE = 90  # from this many cells a row spells out "23 days overdue"
REASON_W = 14
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_SHORTER = (("last contact", "last"), ("never contacted", "never"), ("every ", ""))


def short_detail(detail: str, today: date) -> str:
    """``detail`` abbreviated without losing what it says: ISO dates as ``3 Oct`` (``Oct
    2025`` in another year), "last contact" as "last", "every 1m" as "1m"."""

    def day(m: re.Match[str]) -> str:
        try:
            when = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return m[0]
        return f"{when.day} {when:%b}" if when.year == today.year else f"{when:%b %Y}"

    out = _ISO_DATE.sub(day, detail)
    for long, short in _SHORTER:
        out = out.replace(long, short)
    return out


def item_text(item: DueItem, width: int = 80, today: date | None = None) -> Text:
    """One agenda line: when, who, why (and the plan's label/text or the detail).

    Names keep at least 17 cells; below 90 cells the "when" words get shorter (the group
    heading says overdue or ahead) and a detail that does not fit is abbreviated
    (:func:`short_detail`) before it is cut.
    """
    reason = REASON_WORDS.get(item.reason, item.reason)
    if item.reason == "planned" and item.detail.startswith("to write"):
        reason = "to write"
    wide = width >= WIDE
    when = when_words(item.days_overdue) if wide else short_when(item.days_overdue)
    when_w = 19 if wide else 9
    name_w = min(max(width - when_w - REASON_W - 16, 17), 24)
    text = Text(end="", no_wrap=True)
    style = "bold" if item.days_overdue > 0 else ""
    text.append_text(_cell(Text(when, style=style), when_w))
    text.append_text(_cell(lit(item.name, "bold"), name_w))
    text.append(f"{reason:<{REASON_W}}")
    detail = item.detail
    if reason == "to write":  # "to write: season's greetings" under "to write"
        detail = detail.removeprefix("to write").removeprefix(":").strip()
    room = width - when_w - name_w - REASON_W
    if len(detail) > room:
        detail = short_detail(detail, today or item.date)
    text.append_text(lit(detail, "dim"))
    return text


def _cell(text: Text, width: int) -> Text:
    """``text`` cut or padded to ``width`` terminal cells (emoji are two cells wide)."""
    text.truncate(width - 1, overflow="ellipsis", pad=True)
    text.append(" ")
    return text


@dataclass(frozen=True, slots=True)
class AgendaView:
    """Everything Today shows for one store state, built off the UI thread in plain Python.

    ``rows`` are list keys in display order: item keys, and heading keys (``#...``) whose
    titles are in ``titles``. Row text is rendered only for the rows on screen.
    """

    items: dict[str, DueItem]
    rows: list[str]
    titles: dict[str, str]
    summary: Text
    waiting: int = 0  # open-ended rows beyond the daily budget
    short_summary: Text | None = None  # for a pane too narrow for ``summary`` on one line
    empty_network: bool = False


EMPTY_NETWORK = "\n".join(  # lines of at most 44 cells: the list is 46 wide at 80 columns
    (
        "Your network is empty. Bring it in:",
        "",
        "ctrl+p, then Import a file:",
        "  a LinkedIn export (the zip, its folder,",
        "  Connections.csv or messages.csv)",
        "  a vCard file (.vcf) from a phone or mail",
        "or: outreach import linkedin PATH",
        "    outreach import vcard PATH",
        "",
        "ctrl+p also: Add connection, Export, Go to",
        "  People / Schedule, Help: key bindings",
        "p then a: add one person · ?: every key",
    )
)


def daily_limit() -> int:
    """The ``daily-limit`` setting (the defaults when the settings file is broken)."""
    from planner.config import load_or_defaults

    return load_or_defaults()[0].daily_limit


def build_view(store: Store, today: date, limit: int | None = -1) -> AgendaView:
    """The day's list for ``store`` on ``today`` (planner.morning.day_list: at most ``limit``
    keep-in-touch and reconnect rows, the daily-limit setting by default, None for all),
    grouped under Overdue / Today / Next N days.

    Only reads the store: safe in a worker thread (a RuntimeError means the UI changed a dict
    meanwhile: call again).
    """
    from planner.morning import day_list

    day = day_list(store, today, DAYS_AHEAD, daily_limit() if limit == -1 else limit)
    items = day.items
    by_key: dict[str, DueItem] = {}
    groups: tuple[list[str], list[str], list[str]] = ([], [], [])
    for item in items:
        key = item_key(item)
        by_key[key] = item
        late = item.days_overdue
        groups[0 if late > 0 else 1 if late == 0 else 2].append(key)
    titles = {
        "#overdue": "Overdue",
        "#today": f"Today, {today:%a %d %b}",
        "#ahead": f"Next {DAYS_AHEAD} days",
    }
    rows: list[str] = []
    for heading, group in zip(titles, groups, strict=True):
        titles[heading] = f"{titles[heading]} ({len(group)})"
        if group:
            rows.append(heading)
            rows.extend(group)
    overdue, on_day, ahead = (len(g) for g in groups)
    summary = Text(f"{today:%a %d %b %Y}  ", style="bold", end="")
    short = Text(f"{today:%a %d %b}  ", style="bold", end="")
    empty = not store.connections
    if items:
        summary.append(f"! {overdue:,} overdue · {on_day:,} today · {ahead:,} in {DAYS_AHEAD} days")
        short.append(f"! {overdue:,} overdue · {on_day:,} today · {ahead:,} soon")
    elif empty:
        summary.append("No one in your network yet: import your contacts (ctrl+p).")
        short.append("Network empty: ctrl+p to import")
    else:
        summary.append("✓ Nobody is due: a good day to write to someone you miss (p).")
        short.append("✓ Nobody is due today")
    if day.waiting:
        more = f"\n{day.waiting:,} more waiting beyond today's {day.limit}"
        summary.append(more, style="dim")
        short.append(more, style="dim")
    return AgendaView(
        by_key,
        rows,
        titles,
        summary,
        waiting=day.waiting,
        short_summary=short,
        empty_network=empty,
    )


class TodayScreen(SectionScreen):
    """The morning review: the agenda on the left, the selected person's card on the right.

    The agenda is recomputed in a worker thread (at 30,000 connections it takes ~100 ms), and
    only while Today is the visible section: a change made elsewhere marks it stale, and it is
    recomputed when Today is shown again. The cursor stays on the same row across refreshes.
    """

    CSS_PATH = "today.tcss"
    AUTO_FOCUS = "#agenda"  # when the screen resumes with nothing focused: the list
    HISTORY_CHANGES_LIST = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write", "Write", id="today.write", tooltip="Write a note (or open the plan)"),
        Binding("d", "done", "Done", id="today.done", tooltip="Mark the planned message sent"),
        Binding(
            "z",
            "snooze",
            "Snooze",
            id="today.snooze",
            tooltip="Not today: +1 day, +1 week or a date (a plan, a person, a follow-up, news)",
        ),
        Binding(
            "x",
            "skip",
            "Skip",
            id="today.skip",
            tooltip="Skip: a plan, this keep-in-touch round, a follow-up or a news item",
        ),
        Binding("l", "log", "Log", id="today.log", tooltip="Log an interaction"),
        Binding(
            "h",
            "history",
            "History",
            id="today.history",
            tooltip="Every logged message: read, edit or delete",
        ),
        Binding("o", "open_url", "Open", id="today.open", tooltip="Open the profile URL"),
        Binding("c", "copy", "Copy", id="today.copy", tooltip="Copy the planned text"),
    ]
    HELP = "Today: overdue, today and the next 7 days. Select a row, then act on it."

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, DueItem] = {}
        self._titles: dict[str, str] = {}
        self._generation = 0
        self._agenda: Latest[AgendaView] = Latest(self, "today-agenda")
        self.agenda_ready = False  # True once the agenda for the current data is on screen
        self._card_timer: Timer | None = None
        self._card_shown: tuple[str | None, int] | None = None
        self._actions_shown: tuple[bool, bool, bool] | None = None

    @property
    def outreach(self) -> OutreachApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield QuietHeader()
        with Horizontal(id="today-body"):
            with Vertical(id="agenda-pane"):
                yield Static(Text("Loading your network…"), id="summary")
                yield VirtualList(
                    self._render_row,
                    is_heading=self._titles.__contains__,
                    empty_text="",
                    id="agenda",
                )
            with Vertical(id="card-pane"):
                yield Static("", id="why")
                yield PersonCard(id="card")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "outreach · Today"
        self.query_one(VirtualList).focus()
        self.refresh_data()

    def mark_stale(self) -> None:
        super().mark_stale()
        self.agenda_ready = False

    # --- data ----------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Recompute the agenda from the in-memory store in a worker; the cursor stays put."""
        app = self.outreach
        store = app.store
        if store is None:
            self._set_summary(lit(app.load_error) if app.load_error else LOADING)
            return
        self._stale = False
        self._generation += 1
        first = app.take_first_agenda(store)  # computed by the loading worker
        if first is not None:
            self._agenda.drop()
            self._install(first)
            return
        today = app.today

        def install(view: AgendaView) -> None:
            if store is self.outreach.store:
                self._install(view)

        self._agenda.start(lambda: build_view(store, today), install)

    def _install(self, view: AgendaView) -> None:
        """Show ``view``: one list assignment (rows render when they scroll into view)."""
        self.items = view.items
        self._titles.clear()
        self._titles.update(view.titles)
        agenda = self.query_one(VirtualList)
        agenda.set_rows(view.rows, follow=True)  # a row dealt with: on to the next one
        self._summaries = (view.summary, view.short_summary or view.summary)
        self._set_summary(view.summary)
        agenda.empty_text = EMPTY_NETWORK if view.empty_network else ""
        self.agenda_ready = True
        self._show_card(now=True)
        self.outreach.first_view_shown()  # now the history may load in the background

    def _set_summary(self, text: Text) -> None:
        """Show ``text``, or its short form when it would wrap (the header stays one line)."""
        summaries = getattr(self, "_summaries", None)
        box = self.query_one("#summary", Static)
        room = box.content_region.width or max(self.size.width * 3 // 5 - 2, 1)
        widest = max((line.cell_len for line in text.split("\n")), default=0)
        if summaries is not None and text is summaries[0] and widest > room:
            text = summaries[1]
        box.update(text)

    def on_resize(self) -> None:
        summaries = getattr(self, "_summaries", None)
        if summaries is not None:
            self._set_summary(summaries[0])

    def drop_rows(self, plan_id: str) -> None:
        """Take a plan's rows off the list at once (the recomputed agenda follows)."""
        agenda = self.query_one(VirtualList)
        items = self.items
        keep = [k for k in agenda.rows if k in self._titles or items[k].plan_id != plan_id]
        if len(keep) != len(agenda.rows):
            agenda.set_rows(keep, keep=self._nearest_kept(agenda, keep))
            self._show_card()

    @staticmethod
    def _nearest_kept(agenda: VirtualList, keep: list[str]) -> str | None:
        """The row the cursor lands on when its row goes: the next one still there."""
        rows = agenda.rows
        kept = set(keep)
        for key in rows[max(agenda.cursor, 0) :]:
            if key in kept:
                return key
        return None

    def _render_row(self, key: str, width: int) -> Text:
        title = self._titles.get(key)
        if title is not None:
            return Text(title)
        item = self.items.get(key)
        return item_text(item, width, self.outreach.today) if item is not None else Text("")

    @property
    def current(self) -> DueItem | None:
        key = self.query_one(VirtualList).highlighted_key
        return self.items.get(key) if key else None

    # --- the card beside the list --------------------------------------------------------------

    def history_loaded(self) -> None:
        self._show_card(now=True)

    def _show_card(self, now: bool = False) -> None:
        """Show the selected row's reason and person once the cursor rests (holding j stays
        instant); ``now`` after a refresh."""
        if self._card_timer is not None:
            self._card_timer.stop()
            self._card_timer = None
        if now:
            self._paint_card(force=True)
        else:
            self._card_timer = self.set_timer(CARD_DELAY_S, self._paint_card)

    def _paint_card(self, force: bool = False) -> None:
        self._card_timer = None
        item = self.current
        key = self.query_one(VirtualList).highlighted_key
        shown = (key, self._generation)
        if shown != self._card_shown or force:
            self._card_shown = shown
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
        self._refresh_actions(item)

    def _refresh_actions(self, item: DueItem | None) -> None:
        """Refresh the footer only when the set of usable keys changed (it is costly)."""
        actions = (
            item is not None,
            item is not None and item.plan_id is not None,
            item is not None and item.reason in DEFERRABLE,
        )
        if actions != self._actions_shown:
            self._actions_shown = actions
            self.refresh_bindings()

    @on(VirtualList.Highlighted, "#agenda")
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.by_user:
            self._show_card()

    @on(VirtualList.Selected, "#agenda")
    def _selected(self) -> None:
        self.action_write()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out actions that do not apply to the selected row (footer shows what works)."""
        if action in ("write", "log", "open_url", "done", "snooze", "skip", "copy"):
            item = self.current
            if item is None:
                return None
            if action in ("done", "copy") and item.plan_id is None:
                return None
            if action in ("snooze", "skip") and item.reason not in DEFERRABLE:
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
            self.outreach.open_composer([item.connection_id], reason=item.reason)

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
        from planner.models import ValidationError

        ops = self.outreach.ops
        assert ops is not None and item.plan_id is not None
        try:
            ops.done(item.plan_id, self.outreach.today)
        except ValidationError as exc:
            message = str(exc)
            if getattr(exc, "code", "") == "no-text":
                message = f"{item.plan_id} has no text yet (to write): press w to write it first."
            self.notify(message, severity="warning", markup=False)
            return
        self.drop_rows(item.plan_id)
        self.notify(
            f"✓ Done: logged as sent to {safe(item.name)} · u undoes it", markup=False, timeout=5
        )

    def action_snooze(self) -> None:
        """Not today: a plan, a person's keep-in-touch/reconnect/news rows, or a follow-up
        wait until the day picked."""
        item = self.current
        if item is None:
            return
        if item.reason not in DEFERRABLE:
            self.notify(
                "A birthday or an occasion goes with a note: press w to write it.", markup=False
            )
            return
        from screens.snooze import SnoozeScreen

        def snoozed(until: date | None) -> None:
            ops = self.outreach.ops
            if until is None or ops is None:
                return
            from planner.models import ValidationError

            try:
                self._defer(ops, item, until)
            except ValidationError as exc:
                self.notify(str(exc), severity="warning", markup=False)
                return
            self.notify(f"Snoozed until {until:%a %d %b %Y} · u undoes it", markup=False, timeout=3)

        self.app.push_screen(SnoozeScreen(self.outreach.today), snoozed)

    def _defer(self, ops: Operations, item: DueItem, until: date) -> None:
        from planner import morning

        today = self.outreach.today
        store = ops.store
        if item.plan_id:
            ops.snooze(item.plan_id, until)
            self.drop_rows(item.plan_id)
            return
        if item.reason == "follow-up":
            morning.snooze_follow_up(ops, self._asked(store, item), until, today)
        else:
            morning.snooze_person(ops, store.connections[item.connection_id], until, today)
        self._drop_person_rows(item)

    def _asked(self, store: Store, item: DueItem):  # noqa: ANN202 - an Interaction
        """The sent message a follow-up row nudges about."""
        from planner.models import ValidationError

        inter = store.last_interaction(item.connection_id)
        if inter is None or inter.follow_up_on is None:
            raise ValidationError("this follow-up is no longer open")
        return inter

    def _drop_person_rows(self, item: DueItem) -> None:
        """Take the row off at once; the recomputed list follows (it may draw the next best)."""
        agenda = self.query_one(VirtualList)
        gone = item_key(item)
        keep = [k for k in agenda.rows if k != gone]
        agenda.set_rows(keep, keep=self._nearest_kept(agenda, keep))
        self._show_card()

    def action_skip(self) -> None:
        """Skip: a plan (a recurring one moves on), this keep-in-touch round or reconnect
        suggestion (the clock restarts today), a follow-up nudge, or a news item."""
        item = self.current
        store = self.outreach.store
        if item is None or store is None:
            return
        if item.reason not in DEFERRABLE:
            self.notify(
                "A birthday or an occasion goes with a note: press w to write it.", markup=False
            )
            return
        from planner import morning
        from planner.models import ValidationError

        ops = self.outreach.ops
        assert ops is not None
        today = self.outreach.today
        try:
            if item.plan_id:
                ops.skip(item.plan_id)
            elif item.reason == "follow-up":
                ops.dismiss_follow_up(self._asked(store, item).id)
            elif item.reason == "news":
                morning.dismiss_news(ops, store.connections[item.connection_id], today)
            else:
                morning.skip_person(ops, store.connections[item.connection_id], today)
        except ValidationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        if item.plan_id:
            self.drop_rows(item.plan_id)
            plan = store.plans.get(item.plan_id)
            if plan is not None and plan.status == "pending":
                self.notify(
                    f"Skipped; next time: {plan.effective_due:%a %d %b %Y} · u undoes it",
                    markup=False,
                )
            else:
                self.notify("Skipped · u undoes it", markup=False, timeout=4)
        else:
            self._drop_person_rows(item)
            words = {
                "follow-up": "Follow-up dropped · u undoes it",
                "news": "News dismissed (it stays in their history) · u undoes it",
            }
            self.notify(
                words.get(
                    item.reason,
                    "Skipped: this round counts as done, the clock restarts · u undoes it",
                ),
                markup=False,
                timeout=3,
            )

    def action_copy(self) -> None:
        item = self._plan_action("copy")
        store = self.outreach.store
        if item is None or store is None:
            return
        plan = store.plans.get(item.plan_id or "")
        if plan is None or not plan.text.strip():
            self.notify("This plan has no text yet: press w to write it.", markup=False)
            return
        self.outreach.copy_text(plan.text)

    def action_open_url(self) -> None:
        item = self.current
        store = self.outreach.store
        if item is None or store is None:
            return
        conn = store.connections.get(item.connection_id)
        if conn is None or not conn.url:
            self.notify("No profile URL for this person (add one in People).", markup=False)
            return
        problem = link_problem(conn.url)
        if problem is not None:
            self.notify(f"Not opened: {problem}.", severity="warning", markup=False, timeout=6)
            return
        self._open_browser(conn.url)

    @work(thread=True, group="browser", exit_on_error=False)
    def _open_browser(self, url: str) -> None:
        opened = open_in_browser(url)
        shown = safe(url)
        self.app.call_from_thread(
            self.notify,
            f"Opened {shown}" if opened else f"Could not start a browser; the URL is {shown}",
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

    def action_history(self) -> None:
        """All logged interactions with the selected person (edit or delete one)."""
        item = self.current
        if item is not None:
            self.outreach.open_history(item.connection_id)
