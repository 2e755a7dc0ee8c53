"""The People section: every connection, filtered as you type, sorted three ways.

At 30,000 connections every keystroke must give a new frame in well under 50 ms, so the screen
keeps a lowercase search key per person (built once, reused while the record is unchanged),
filters with a plain substring loop (narrowing the previous result while the query only grows)
and shows the result in a :class:`VirtualList`, which renders only the rows on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from planner.models import Connection
from planner.search import MIN_TERM, MessageIndex, snippet
from planner.text import safe
from screens.background import read_retrying
from screens.section import SectionScreen
from screens.widgets.footer import QuietFooter
from screens.widgets.header import QuietHeader
from screens.widgets.literal import lit
from screens.widgets.person_card import PersonCard
from screens.widgets.virtual_list import VirtualList
from screens.workers import Latest

if TYPE_CHECKING:
    from planner.operations import Change
    from planner.storage import Store

NUDGE = "?"  # shown before people with no how-we-know note
OVERDUE = "⚠"
CARD_DELAY_S = 0.06  # the card follows the cursor once it rests this long
RESULTS_KEPT = 64  # recent filter results kept (typing then deleting a query reuses them)
INCREMENTAL_LIMIT = 500  # after an edit touching more people, the index is rebuilt whole


@dataclass(frozen=True, slots=True)
class Sort:
    name: str
    words: str


SORTS = (
    Sort("name", "name A-Z"),
    Sort("last", "last contact, longest ago first"),
    Sort("overdue", "most overdue first"),
    Sort("strength", "strongest relationship first"),
)


def search_key(conn: Connection) -> str:
    """Everything the filter matches, lowercased once: name, company, position, tags, notes."""
    return "\n".join(
        (
            conn.name,
            conn.company,
            conn.position,
            " ".join(conn.tags),
            conn.how_we_know,
            conn.notes,
            conn.email,
        )
    ).casefold()


@dataclass(frozen=True)
class IndexUpdate:
    """What :meth:`PeopleIndex.compute` found: search keys, days overdue, the changes it
    took in, and (for an incremental update that renamed nobody) who changed."""

    keys: dict[str, tuple[Connection, str]]
    overdue: dict[str, int]
    seen: frozenset[str] | None
    version: tuple[int, int]
    touched: set[str] | None = None
    by_name: list[str] | None = None  # the name order, sorted in the worker (None: unchanged)


def name_order(keys: dict[str, tuple[Connection, str]]) -> list[str]:
    """Ids by name (casefolded, then id): People's default order and every other order's tie
    break. ~0.1 s at 30,000 people: computed in the index's worker, not on the UI thread."""
    return sorted(keys, key=lambda cid: (keys[cid][0].name.casefold(), cid))


class PeopleIndex:
    """Per-person search keys and sort orders for one store; cheap to refresh after an edit."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[Connection, str]] = {}
        self.overdue: dict[str, int] = {}
        self._orders: dict[str, list[str]] = {}
        self._store: Store | None = None
        # The people changed since the last install, from the operations' change events
        # (see note); None: something changed that no event described, re-read everyone.
        self._pending: set[str] | None = None
        self._version: tuple[int, int] | None = None  # store.version the index reflects
        self._noted: tuple[int, int] | None = None  # store.version when last noted
        self._last_query: tuple[str, str, list[str]] | None = None
        self._today = date.today()  # the day strengths are computed for (set by compute)
        # Recent results by (query, sort): deleting what was typed costs nothing.
        self._results: dict[tuple[str, str], list[str]] = {}
        self.messages: MessageIndex | None = None  # message history, once it is loaded

    @property
    def ready(self) -> bool:
        return self._store is not None

    def note(self, change: Change | None, store: Store | None) -> None:
        """An operation changed the network (``change``; None: it changed in some other way,
        e.g. a merge or reload): the next :meth:`compute` re-reads the people it touched."""
        if change is None or change.whole or self._pending is None:
            self._pending = None
        else:
            self._pending |= change.connection_ids
        self._noted = store.version if store is not None else None

    def compute(self, store: Store, today: date, seen: frozenset[str] | None = None) -> IndexUpdate:
        """Search keys and days overdue for ``store``.

        After an edit only the people it touched (``seen``, a copy of what :meth:`note`
        gathered, see :meth:`changed`) are recomputed: at 30,000 people the whole agenda costs
        ~0.1 s of CPU, which would compete with the edit's background save. Only reads: safe
        to run in a worker thread (a RuntimeError means the UI changed a dict meanwhile: run
        it again).
        """
        version = store.version  # before reading: a later edit shows up in the next compute
        self._today = today
        touched = set(seen) if seen is not None and store is self._store else None
        if touched is not None and len(touched) <= INCREMENTAL_LIMIT:
            keys = dict(self._keys)
            overdue = dict(self.overdue)
            renamed = False  # a name changed, or someone came or went: the name order changes
            for cid in touched:
                conn = store.connections.get(cid)
                old = keys.get(cid)
                if conn is None:
                    renamed = renamed or old is not None
                    keys.pop(cid, None)
                else:
                    renamed = renamed or old is None or old[0].name != conn.name
                    keys[cid] = (conn, search_key(conn))
                overdue.pop(cid, None)
            overdue.update(_overdue_days(store, today, only=touched))
            if renamed:
                return IndexUpdate(keys, overdue, seen, version, None, name_order(keys))
            return IndexUpdate(keys, overdue, seen, version, touched)
        previous = self._keys if store is self._store else {}
        fresh: dict[str, tuple[Connection, str]] = {}
        for cid, conn in list(store.connections.items()):
            cached = previous.get(cid)
            fresh[cid] = (
                cached if cached is not None and cached[0] is conn else (conn, search_key(conn))
            )
        return IndexUpdate(
            fresh, _overdue_days(store, today), None, version, by_name=name_order(fresh)
        )

    def changed(self, store: Store) -> frozenset[str] | None:
        """The people noted since the last install, for :meth:`compute`; None (re-read
        everyone) when the store also changed in a way no change event described (a write
        that did not go through planner.operations)."""
        if self._pending is None or store is not self._store:
            return None
        if store.version not in (self._version, self._noted):
            return None
        return frozenset(self._pending)

    def install(self, store: Store, update: IndexUpdate) -> None:
        """Use what :meth:`compute` returned."""
        self._keys = update.keys
        if store is not self._store or update.seen is None:
            self._pending = set()  # everyone was read (changes noted meanwhile follow)
        elif self._pending is not None:
            self._pending -= update.seen
        self._store = store
        self._version = update.version
        self.overdue = update.overdue
        if update.by_name is not None:
            self._orders = {"name": update.by_name}
        elif update.touched is None:
            self._orders = {}
        else:  # sorting 30,000 names costs ~0.1 s: keep the name order when no name changed
            self._orders = {k: v for k, v in self._orders.items() if k == "name"}
        self._last_query = None
        self._results.clear()

    def rebuild(self, store: Store, today: date) -> None:
        """Re-read ``store`` now (``compute`` then ``install``)."""
        self.install(store, self.compute(store, today, self.changed(store)))

    def __len__(self) -> int:
        return len(self._keys)

    def order(self, sort: str) -> list[str]:
        """All ids in ``sort`` order (computed once per rebuild)."""
        cached = self._orders.get(sort)
        if cached is not None:
            return cached
        by_name = self._orders.get("name")
        if by_name is None:
            by_name = self._orders["name"] = name_order(self._keys)
        if sort == "name":
            result = by_name
        elif sort == "last":
            store = self._store
            assert store is not None
            last = store.last_contacted
            never = date.min
            result = sorted(by_name, key=lambda cid: last(cid) or never)
        elif sort == "strength":
            from planner.strength import everyone

            assert self._store is not None
            scores = everyone(self._store, self._today)
            result = sorted(by_name, key=lambda cid: -scores.get(cid, 0))
        else:
            overdue = self.overdue
            result = sorted(by_name, key=lambda cid: -overdue.get(cid, -1))
        self._orders[sort] = result
        return result

    def set_messages(self, messages: MessageIndex | None) -> None:
        """Search message history too (``planner.search.MessageIndex``), or stop (None)."""
        self.messages = messages
        self._last_query = None
        self._results.clear()

    def profile_matches(self, cid: str, terms: list[str]) -> bool:
        """Whether every term is in the person's own fields (not only in their messages)."""
        entry = self._keys.get(cid)
        return entry is not None and all(t in entry[1] for t in terms)

    def filter(self, query: str, sort: str) -> list[str]:
        """Ids with every term of ``query`` in their search key, or starting a word of their
        message history (see planner.search), in ``sort`` order."""
        query = query.casefold().strip()
        if not query:
            return self.order(sort)
        cached = self._results.get((query, sort))
        if cached is not None:
            self._last_query = (query, sort, cached)
            return cached
        candidates = self.order(sort)
        last = self._last_query
        if (
            last is not None
            and last[1] == sort
            and query.startswith(last[0])
            # a term too short to search the history matched fewer: start over when it grows
            and (self.messages is None or all(len(t) >= MIN_TERM for t in last[0].split()))
        ):
            candidates = last[2]  # typing on narrows the previous result
        keys = self._keys
        messages = self.messages
        result = candidates
        for term in query.split():
            said = messages.people_with(term) if messages is not None else frozenset()
            if said:
                result = [cid for cid in result if cid in said or term in keys[cid][1]]
            else:
                result = [cid for cid in result if term in keys[cid][1]]
        self._last_query = (query, sort, result)
        self._results[(query, sort)] = result
        if len(self._results) > RESULTS_KEPT:
            del self._results[next(iter(self._results))]
        return result


class FilterInput(Input):
    """The filter box. Textual's Input asks for a screen-wide layout pass on every keystroke
    (its virtual width changes); a one-line box in a fixed-size slot needs only a repaint, and
    skipping the layout pass roughly halves the time from keystroke to frame at 30,000 people."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    # Bindings of the focused widget come before the app's (escape would leave People).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_or_leave", "Clear filter", show=False),
        Binding("down", "leave", "To the list", show=False),
    ]

    class Leave(Message):
        """Done filtering: move to the list."""

    def on_mount(self) -> None:
        # The box takes the focus only when asked (/ or a click): when Textual hands out the
        # focus on its own (a screen shown for the first time while the app is busy), the
        # next letter must reach the list's keys, not the filter.
        self.can_focus = False

    def open(self) -> None:
        """Give the box the focus (``/`` or a click)."""
        self.can_focus = True
        self.focus()

    def on_mouse_down(self) -> None:
        if not self.can_focus:
            self.open()

    def on_blur(self) -> None:
        self.can_focus = False

    def action_clear_or_leave(self) -> None:
        """escape: clear the filter and give the keys back to the list (a letter typed next
        is a command again, not more filter text)."""
        self.value = ""
        self.post_message(self.Leave())

    def action_leave(self) -> None:
        self.post_message(self.Leave())


def _overdue_days(store: Store, today: date, only: Collection[str] | None = None) -> dict[str, int]:
    """Days overdue (0 = due today) per person with something due, from the agenda."""
    from planner.agenda import due_items

    worst: dict[str, int] = {}
    for item in due_items(store, today, days=0, only=only):
        if item.days_overdue >= 0 and item.days_overdue > worst.get(item.connection_id, -1):
            worst[item.connection_id] = item.days_overdue
    return worst


def describe_due(days: int | None) -> str:
    """``⚠ 12d`` overdue, ``● today``, or empty."""
    if days is None:
        return ""
    return "● today" if days == 0 else f"{OVERDUE} {days}d"


class PeopleScreen(SectionScreen):
    """All connections: filter, sort, add, edit, delete, log an interaction, write a note."""

    CSS_PATH = "people.tcss"
    AUTO_FOCUS = "#people-list"  # when the screen resumes with nothing focused: the list
    HISTORY_CHANGES_LIST = False
    HELP = "People: everyone in your network. Type / to filter, S to sort, then act on a person."
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            key_display="/",
            id="people.filter",
            tooltip="Filter by name, company, tag, note or what was said (enter: back to the list)",
        ),
        Binding(
            "S",
            "cycle_sort",
            "Sort",
            id="people.sort",
            tooltip="Sort by name, last contact or overdue-ness",
        ),
        Binding("a", "add", "Add", id="people.add", tooltip="Add a person"),
        Binding("e", "edit", "Edit", id="people.edit", tooltip="Edit the person (or enter)"),
        Binding("D", "delete", "Delete", id="people.delete", tooltip="Delete the person"),
        Binding("l", "log", "Log", id="people.log", tooltip="Log an interaction"),
        Binding(
            "h",
            "history",
            "History",
            id="people.history",
            tooltip="Every logged message: read, edit or delete",
        ),
        Binding("w", "write", "Write", id="people.write", tooltip="Write a personal note"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = PeopleIndex()
        self.sort = SORTS[0]
        self._pending_select: str | None = None
        self._anchor: str | None = None  # the person the user last chose: kept across filters
        self._card_timer: Timer | None = None
        self._card_shown: str | None = None
        self._card_dirty = True
        self._indexing: Latest[IndexUpdate] = Latest(self, "people-index")
        self._messages_of: Store | None = None  # the store the message index was built from
        # People whose history changed while that index was being built (it may have read
        # their messages before the change): re-read when it lands.
        self._messages_missed: set[str] = set()

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield QuietHeader()
        with Horizontal(id="people-body"):
            with Vertical(id="people-left"):
                yield FilterInput(
                    placeholder="/ filter by name, company, tag, note or message",
                    id="people-filter",
                )
                yield Label(Text("Loading..."), id="people-status")
                yield VirtualList(
                    self._render_row,
                    empty_text="No one matches.",
                    id="people-list",
                )
                yield Static("", id="people-match")
            yield self._make_card()
        yield QuietFooter()

    def _make_card(self) -> PersonCard:
        return PersonCard(id="people-card")

    def on_mount(self) -> None:
        self.sub_title = "People"
        self.query_one(
            "#people-filter", Input
        ).border_subtitle = f"{NUDGE} no how-we-know · {OVERDUE} days overdue · ● today"
        self.query_one(VirtualList).focus()
        self.refresh_data()

    # --- data ----------------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Re-read the store and show the current filter again (the cursor stays put).

        The index (search keys, days overdue) is built in a worker thread: at 30,000 people
        that takes most of a second, and the list shows by name straight away meanwhile.
        """
        store = self.store
        if store is None:
            self._set_status(Text("Loading the data file..."))
            return
        self._stale = False
        if not self.index.ready:
            by_name = sorted(store.connections, key=lambda c: store.connections[c].name.casefold())
            self.query_one(VirtualList).set_rows(by_name, keep=self._pending_select)
            self._set_status(Text(f"{len(by_name):,} people · indexing for the filter..."))
        today, seen = self.today, self.index.changed(store)
        self._indexing.start(
            lambda: self.index.compute(store, today, seen),
            lambda result: self._index_ready(store, result),
        )
        self._want_messages(store)

    def on_data_changed(self, event: object) -> None:
        """Every change reaches the index and the message index (even while People is not on
        screen); Textual then runs SectionScreen's handler, which refreshes or marks the
        screen stale."""
        change = getattr(event, "change", None)
        reason = getattr(event, "reason", "")
        if reason != "history":
            self.index.note(change, self.store)
        messages = self.index.messages
        store = self.store
        if messages is not None and store is not None and reason != "history":
            if change is not None and messages.follow(store, change):
                self.index.set_messages(messages)  # results kept from before are stale
            elif reason != "edit":
                self.index.set_messages(None)  # reloaded or merged: built again below
                self._messages_of = None
        elif messages is None and store is not None and self._messages_of is store:
            # being built: what this change touched is re-read when the index lands
            if change is None or change.whole:
                self._messages_of = None  # built again below
            else:
                self._messages_missed |= MessageIndex.touched_by(change)
        if store is not None:
            self._want_messages(store)

    def _want_messages(self, store: Store) -> None:
        """Build the message index once the whole history of ``store`` is in (once)."""
        if store.complete and self._messages_of is not store:
            self._messages_of = store
            self._messages_missed = set()
            self._build_messages(store)

    @work(thread=True, exclusive=True, group="people-messages", exit_on_error=False)
    def _build_messages(self, store: Store) -> None:
        """Index what was said (every logged message) for the filter, in the background:
        seconds of CPU at 100,000 messages, so it steps aside while the user is at the keys
        (``yield_to_ui``) instead of slowing every keystroke and section switch meanwhile."""
        pause = getattr(self.app, "yield_to_ui", None)
        messages = read_retrying(lambda: MessageIndex.from_store(store, pause))
        if messages is not None:
            self.app.call_from_thread(self._messages_ready, store, messages)

    def _messages_ready(self, store: Store, messages: MessageIndex) -> None:
        if store is not self.store or self._messages_of is not store:
            return
        missed, self._messages_missed = self._messages_missed, set()
        if missed:
            messages.refresh(store, missed)
        self.index.set_messages(messages)
        if self.query_one("#people-filter", Input).value.strip():
            self.apply_filter()

    def _index_ready(self, store: Store, result: IndexUpdate) -> None:
        if store is not self.store:
            return  # a newer build is on its way
        self.index.install(store, result)
        self._card_dirty = True
        pending, self._pending_select = self._pending_select, None
        self.apply_filter(keep=pending)
        if pending in store.connections and self.query_one(VirtualList).highlighted_key != pending:
            self.select_person(pending)  # just added or jumped to, but the filter hides them

    def apply_filter(self, keep: str | None = None) -> None:
        """Show the people matching the filter box, in the current sort order.

        The cursor stays on ``keep``, else on the person last chosen, when they are shown.
        """
        if keep is not None:
            self._anchor = keep
        if not self.index.ready:
            return  # the index is on its way; it applies the filter when it lands
        query = self.query_one("#people-filter", Input).value
        rows = self.index.filter(query, self.sort.name)
        view = self.query_one(VirtualList)
        view.set_rows(rows, keep=self._anchor)
        self._update_status(query, len(rows))
        self._show_card(view.highlighted_key)

    def _update_status(self, query: str, shown: int) -> None:
        total = len(self.index)
        count = f"{shown:,} of {total:,}" if query.strip() else f"{total:,}"
        noun = "person" if total == 1 else "people"
        self._set_status(
            Text.assemble(
                (f"{count} {noun}", "bold"),
                f" · sorted by {self.sort.words} (S)",
            )
        )

    def _set_status(self, text: Text) -> None:
        # one fixed-size line: no layout pass (a layout repaints the whole screen per keystroke)
        self.query_one("#people-status", Label).update(text, layout=False)

    # --- rows and card -------------------------------------------------------------------------

    def _render_row(self, cid: str, width: int) -> Text:
        store = self.store
        conn = store.connections.get(cid) if store else None
        if conn is None:
            return Text("")
        last = store.last_contacted(cid)  # type: ignore[union-attr]
        last_text = last.isoformat() if last else "never"
        due = describe_due(self.index.overdue.get(cid))
        mark = "  " if conn.how_we_know else f"{NUDGE} "
        fixed = 2 + 1 + 10 + 1 + 7
        rest = max(width - fixed, 8)
        if rest >= 30:
            name_w = max(rest * 3 // 5, 12)
            company_w = rest - name_w - 1
        else:
            name_w, company_w = rest, 0
        row = Text(no_wrap=True, end="")
        row.append(mark, style="bold")
        short_name = min(name_w, max(len(conn.name) + 1, 12))
        found = self._history_match(cid, rest - short_name - 4) if company_w else None
        if found is not None:  # matched in what was said: show that instead of the company
            inter, excerpt = found
            arrow = "→" if getattr(inter, "direction", "") == "sent" else "←"
            name_w = short_name
            company_w = rest - name_w - 1
            row.append(_cell(conn.name, name_w))
            row.append(" ")
            row.append(_cell(f"{arrow} “{excerpt}”", company_w), style="italic")
        else:
            row.append(_cell(conn.name, name_w))
        if company_w and found is None:
            row.append(" ")
            row.append(_cell(conn.company, company_w), style="dim")
        row.append(" ")
        row.append(f"{last_text:>10}", style="" if last else "dim")
        row.append(" ")
        row.append(f"{due:>7}", style="bold" if due else "")
        return row

    def history_loaded(self) -> None:
        self._card_dirty = True
        self._show_card(self.query_one(VirtualList).highlighted_key)

    def _history_match(self, cid: str, width: int = 70) -> tuple[object, str] | None:
        """The message that made ``cid`` match the filter, when their own fields do not."""
        store = self.store
        terms = self.query_one("#people-filter", Input).value.casefold().split()
        if not terms or store is None or self.index.messages is None:
            return None
        if self.index.profile_matches(cid, terms):
            return None
        return snippet(store.interactions_for(cid), terms, width)

    def _show_card(self, cid: str | None) -> None:
        """Show ``cid``'s card once the cursor rests (holding j or typing stays instant)."""
        if self._card_timer is not None:
            self._card_timer.stop()
        self._card_timer = self.set_timer(CARD_DELAY_S, lambda: self._paint_card(cid))

    def _paint_card(self, cid: str | None) -> None:
        self._card_timer = None
        if cid != self._card_shown or self._card_dirty:
            self._card_shown = cid
            self._card_dirty = False
            self.query_one(PersonCard).show(self.store, cid, self.today)
        self._show_match(cid)

    def _show_match(self, cid: str | None) -> None:
        """Under the list: the message that made the selected person match, in full words."""
        box = self.query_one("#people-match", Static)
        found = self._history_match(cid) if cid else None
        if found is None:
            if box.display:
                box.display = False
            return
        inter, excerpt = found
        who = "you wrote" if getattr(inter, "direction", "") == "sent" else "they wrote"
        box.update(
            Text.assemble(
                (f"{getattr(inter, 'date', '')} {who}: ", "bold"),
                lit(excerpt),
                (f"  ({getattr(inter, 'id', '')}; h: history)", "dim"),
            )
        )
        box.display = True

    @on(VirtualList.Highlighted, "#people-list")
    def _highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.by_user:
            self._anchor = event.key
        self._show_card(event.key)

    @on(VirtualList.Selected, "#people-list")
    def _selected(self, event: VirtualList.Selected) -> None:
        self.action_edit()

    # --- filter box ----------------------------------------------------------------------------

    @on(Input.Changed, "#people-filter")
    def _filter_changed(self, _event: Input.Changed) -> None:
        self.apply_filter()

    @on(Input.Submitted, "#people-filter")
    def _filter_submitted(self, _event: Input.Submitted) -> None:
        self.set_focus(self.query_one(VirtualList))

    @on(FilterInput.Leave)
    def _leave_filter(self) -> None:
        self.set_focus(self.query_one(VirtualList))

    def action_focus_filter(self) -> None:
        self.query_one("#people-filter", FilterInput).open()

    def action_cycle_sort(self) -> None:
        i = SORTS.index(self.sort)
        self.sort = SORTS[(i + 1) % len(SORTS)]
        self.apply_filter()

    # --- jumping here --------------------------------------------------------------------------

    def select_person(self, connection_id: str) -> None:
        """Highlight ``connection_id`` (clearing a filter that hides them)."""
        if self._stale or self.store is None or not self.index.ready:
            self._pending_select = connection_id
            if self._stale and self.store is not None and self.is_mounted:
                self.refresh_data()
            return
        box = self.query_one("#people-filter", Input)
        if connection_id not in self.index.filter(box.value, self.sort.name):
            with box.prevent(Input.Changed):
                box.value = ""
        self.apply_filter(keep=connection_id)
        view = self.query_one(VirtualList)
        view.select_key(connection_id)  # centred when it was off screen
        view.focus()

    select_connection = select_person

    # --- actions -------------------------------------------------------------------------------

    def _current(self) -> Connection | None:
        store = self.store
        cid = self.query_one(VirtualList).highlighted_key
        return store.connections.get(cid) if store and cid else None

    def action_add(self) -> None:
        if self.store is None:
            return
        from screens.person_form import PersonForm

        self.app.push_screen(PersonForm(), self._after_form)

    def action_edit(self) -> None:
        conn = self._current()
        if conn is None:
            return
        from screens.person_form import PersonForm

        self.app.push_screen(PersonForm(conn), self._after_form)

    def _after_form(self, conn: Connection | None) -> None:
        if conn is not None:
            self._pending_select = conn.id  # the DataChanged refresh lands on them

    def action_delete(self) -> None:
        conn = self._current()
        if conn is None:
            return
        from screens.widgets.confirm import ConfirmScreen

        store = self.store
        assert store is not None
        history = len(store.interactions_for(conn.id))
        count = f"{history} interaction{'s' if history != 1 else ''}"
        if not store.complete:  # only the latest is loaded yet
            count = "all their logged interactions" if history else "none logged"
        question = Text.assemble(
            "Delete ",
            (safe(conn.name), "bold"),
            f" and their history ({count})? (u undoes it)",
        )

        def done(yes: bool | None) -> None:
            ops = getattr(self.app, "ops", None)
            if yes and ops is not None and conn.id in ops.store.connections:
                ops.delete_person(conn.id)  # the bulk index and this list follow the change
                self.notify(f"Deleted {safe(conn.name)} · u undoes it", markup=False)

        self.app.push_screen(ConfirmScreen(question, yes="Delete", no="Keep"), done)

    def action_log(self) -> None:
        conn = self._current()
        if conn is None:
            return
        from screens.log_form import LogForm

        self.app.push_screen(LogForm(conn), self._after_form_log(conn.id))

    def _after_form_log(self, cid: str) -> Callable[[object], None]:
        def done(result: object) -> None:
            if result is not None:
                self._pending_select = cid

        return done

    def action_write(self) -> None:
        conn = self._current()
        if conn is not None:
            self.app.open_composer([conn.id])  # type: ignore[attr-defined]

    def action_history(self) -> None:
        """All logged interactions with the selected person (edit or delete one)."""
        conn = self._current()
        if conn is not None:
            found = self._history_match(conn.id)  # on the message the filter matched
            select = getattr(found[0], "id", None) if found else None
            self.app.open_history(conn.id, select=select)  # type: ignore[attr-defined]


def _cell(value: str, width: int) -> str:
    """User text on one line, cut or padded to exactly ``width`` cells."""
    text = Text(safe(value), no_wrap=True, end="")
    text.truncate(width, overflow="ellipsis", pad=True)
    return text.plain
