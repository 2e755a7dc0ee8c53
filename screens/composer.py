"""The composer: write one personal note with the person's context and live bulk-send findings.

The bulk check (``planner.bulk.check_message``) runs in a thread worker ~150 ms after the last
keystroke, so typing never waits for it; only the latest result is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Selection
from textual.worker import get_current_worker

from planner.bulk.wordstats import NAMES as LANGUAGE_NAMES
from planner.dates import DateError, parse_date
from planner.models import Plan, ValidationError
from screens.widgets.confirm import ChoiceScreen, ConfirmScreen
from screens.widgets.footer import QuietFooter
from screens.widgets.header import QuietHeader
from screens.widgets.literal import lit, lit_lines
from screens.widgets.person_card import interaction_line
from screens.workers import ReportsWorkerErrors

if TYPE_CHECKING:
    from planner.models import Connection
    from planner.storage import Store
    from screens.app import OutreachApp

CHECK_DELAY_S = 0.15
SEVERITY_MARK = {"info": "ℹ info", "warning": "⚠ warning", "bulk": "✗ bulk"}
VERDICT_MARK = {
    "personal": "✓ personal",
    "review": "⚠ review: reads a bit like a bulk send",
    "bulk": "✗ bulk: reads like a bulk send",
}
#: Starter drafts; {first} is the recipient's first name; "…" marks where the personal part
#: goes (the cursor lands on the first one). Kept as they are, they are flagged.
TEMPLATES: list[tuple[str, str]] = [
    ("catch up", "Hi {first},\n\nI was thinking of you when … How have things been since …?\n"),
    ("birthday", "Happy birthday, {first}! I hope … Still remembering …\n"),
    ("occasion", "Hi {first}, happy …! I remember when you … and I hope …\n"),
    ("follow-up", "Hi {first}, coming back to … Did you get a chance to …?\n"),
    ("congratulations", "Congratulations on …, {first}! I remember when you …\n"),
    ("reconnect", "Hi {first}, it has been a while since … I was reminded of you when …\n"),
    ("thank you", "Hi {first}, thank you again for … It made a real difference because …\n"),
]
#: The template that fits an agenda row's reason comes first (the rest follow in order).
TEMPLATE_FOR_REASON = {
    "birthday": "birthday",
    "occasion": "occasion",
    "follow-up": "follow-up",
    "news": "congratulations",
    "reconnect": "reconnect",
    "keep-in-touch": "catch up",
}
SEVERITY_LEVEL = {"info": 0, "warning": 1, "bulk": 2}
VERDICT_LEVELS = ("personal", "review", "bulk")


def templates_for(reason: str | None) -> list[tuple[str, str]]:
    """:data:`TEMPLATES` with the one that fits ``reason`` (an agenda reason) first."""
    first = TEMPLATE_FOR_REASON.get(reason or "")
    return sorted(TEMPLATES, key=lambda t: t[0] != first)


def shown_verdict(verdict: str, findings: list[Any]) -> str:
    """The verdict label to show over ``findings``: never milder than the worst of them (a
    warning under "✓ personal" would contradict itself)."""
    level = VERDICT_LEVELS.index(verdict) if verdict in VERDICT_LEVELS else 0
    worst = max((SEVERITY_LEVEL.get(f.severity, 0) for f in findings), default=0)
    return VERDICT_LEVELS[max(level, worst)]


REPEATS = [("does not repeat", "none"), ("every year", "yearly"), ("custom RRULE…", "rrule")]


@dataclass(frozen=True, slots=True)
class TemplateFinding:
    """Finding-shaped warning for an unedited template (shown with the bulk findings)."""

    code: str = "unedited-template"
    severity: str = "warning"
    message: str = "this is still the starter template: make it about this person"


class ComposerScreen(ReportsWorkerErrors, Screen):
    """Write (or edit) one planned message for ``recipient_ids``."""

    CSS_PATH = "composer.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save plan", id="composer.save", priority=True),
        Binding("ctrl+l", "log_sent", "Log as sent now", id="composer.log", priority=True),
        Binding("ctrl+t", "template", "Template", id="composer.template", priority=True),
        Binding("escape", "cancel", "Cancel", id="composer.cancel"),
    ]

    def __init__(
        self, recipient_ids: list[str], plan_id: str | None = None, reason: str | None = None
    ) -> None:
        """``reason``: why the note is written (an agenda reason: birthday, follow-up...),
        which picks the first template."""
        super().__init__()
        self.recipient_ids = recipient_ids
        self.plan_id = plan_id
        self.reason = reason
        self.templates = templates_for(reason)
        self._timer: Timer | None = None
        self._template_index = -1
        self._template_text: str | None = None
        self._initial_text = ""
        self.verdict: Any = None  # the latest planner.bulk.Verdict for the current text
        self._checked_text: str | None = None

    @property
    def outreach(self) -> OutreachApp:
        return self.app  # type: ignore[return-value]

    @property
    def store(self) -> Store:
        store = self.outreach.store
        assert store is not None  # the app opens the composer only once loaded
        return store

    @property
    def plan(self) -> Plan | None:
        return self.store.plans.get(self.plan_id) if self.plan_id else None

    @property
    def people(self) -> list[Connection]:
        return [c for rid in self.recipient_ids if (c := self.store.connections.get(rid))]

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        plan = self.plan
        due = plan.due.isoformat() if plan else "today"
        repeat, rule = "none", ""
        if plan and plan.recurrence:
            repeat, rule = ("yearly", "") if plan.recurrence == "FREQ=YEARLY" else ("rrule", "")
            rule = plan.recurrence if repeat == "rrule" else ""
        self._initial_text = plan.text if plan else ""
        yield QuietHeader()
        with Horizontal(id="composer-body"):
            with Vertical(id="compose-pane"):
                yield Static(self._recipients_text(), id="recipients")
                with Horizontal(id="when"):
                    yield Label("On ", classes="field-label")
                    yield Input(due, id="due", placeholder="today, friday, +3d, dec 24")
                    yield Select(REPEATS, value=repeat, allow_blank=False, id="repeat")
                yield Input(rule, id="rrule", placeholder="FREQ=YEARLY;BYMONTH=11;BYDAY=4TH")
                yield Static("", id="field-error")
                yield TextArea(
                    self._initial_text, id="text", soft_wrap=True, show_line_numbers=False
                )
            with Vertical(id="side-pane"):
                with VerticalScroll(id="context-scroll"):
                    yield Static(self._context_text(), id="context")
                with VerticalScroll(id="findings-scroll"):
                    yield Static(Text("Checking…", style="dim"), id="findings")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = f"outreach · {'Edit plan' if self.plan else 'Write'}"
        self.sub_title = ""
        self.query_one("#rrule", Input).display = self.query_one("#repeat", Select).value == "rrule"
        self.query_one("#context-scroll").border_title = "Context"
        self.query_one("#findings-scroll").border_title = "Bulk-send check"
        area = self.query_one("#text", TextArea)
        area.border_title = "Message"
        area.focus()
        area.move_cursor(area.document.end)
        self._schedule_check()

    def _recipients_text(self) -> Text:
        people = self.people
        out = Text("To: ", style="bold", end="")
        for i, conn in enumerate(people[:4]):
            if i:
                out.append(", ")
            out.append_text(lit(conn.name))
        if len(people) > 4:
            out.append(f" and {len(people) - 4} more")
        if self.plan and self.plan.label:
            out.append("   ")
            out.append_text(lit(f"({self.plan.label})", "dim"))
        return out

    def _context_text(self) -> Text:
        out = Text(end="")
        for conn in self.people[:3]:
            out.append_text(lit(conn.name, "bold"))
            out.append("\n")
            work_at = " at ".join(v for v in (conn.position, conn.company) if v)
            if work_at:
                out.append_text(lit(work_at, "dim"))
                out.append("\n")
            if conn.how_we_know:
                out.append("How we know: ", style="bold")
                out.append_text(lit_lines(conn.how_we_know))
            else:
                out.append("! no how-we-know note yet", style="bold")
            out.append("\n")
            if conn.no_bulk:
                out.append("✋ asked to be left off bulk messages\n")
            history = self.store.interactions_for(conn.id)
            for inter in reversed(history[-3:]):
                out.append_text(interaction_line(inter, 40))
                out.append("\n")
            if not history:
                out.append("no messages logged yet\n", style="dim")
            out.append("\n")
        if len(self.people) > 3:
            out.append(f"… and {len(self.people) - 3} more recipients\n", style="dim")
        return out

    # --- live check ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#text")
    def _text_changed(self) -> None:
        self._schedule_check()

    def _schedule_check(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(CHECK_DELAY_S, self._start_check)

    def _start_check(self) -> None:
        text = self.query_one("#text", TextArea).text
        self._run_check(text)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _run_check(self, text: str) -> None:
        verdict = self._check(text)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_findings, text, verdict)

    def _check(self, text: str) -> Any:
        """The bulk verdict for ``text`` (None when empty, or the check is unavailable)."""
        index = self.outreach.bulk_index
        if not text.strip() or index is None:
            return None
        from planner.bulk import check_message

        return check_message(
            text,
            self.recipient_ids,
            store=self.store,
            index=index,
            today=self.outreach.today,
            ignore_plan=self.plan_id,
        )

    def is_unedited_template(self, text: str | None = None) -> bool:
        if text is None:
            text = self.query_one("#text", TextArea).text
        return self._template_text is not None and text.strip() == self._template_text.strip()

    def _show_findings(self, text: str, verdict: Any) -> None:
        self.verdict = verdict
        self._checked_text = text
        findings: list[Any] = []
        if self.is_unedited_template(text):
            findings.append(TemplateFinding())
        out = Text(end="")
        if not text.strip():
            out.append("Write your note: the check runs as you type.", style="dim")
        elif verdict is None:
            out.append(
                "Bulk check starting…" if self.outreach.bulk_index is None else "", style="dim"
            )
        else:
            findings.extend(verdict.findings)
            label = shown_verdict(verdict.verdict, findings)
            out.append(VERDICT_MARK.get(label, label), style="bold")
            if verdict.judged and verdict.language:
                out.append(f"  read as {LANGUAGE_NAMES.get(verdict.language, verdict.language)}",
                           style="dim")  # fmt: skip
            out.append("\n")
        for finding in findings:
            out.append(f"\n{SEVERITY_MARK.get(finding.severity, finding.severity)}", style="bold")
            out.append(f" {finding.code}\n", style="dim")
            out.append_text(lit(finding.message))
            out.append("\n")
        if verdict is not None and verdict.suggestion:
            out.append("\n→ ", style="bold")
            out.append_text(lit(verdict.suggestion))
        self.query_one("#findings", Static).update(out)
        self.query_one("#findings-scroll").set_class(
            verdict is not None and verdict.verdict == "bulk", "bulk"
        )

    # --- fields --------------------------------------------------------------------------------

    @on(Select.Changed, "#repeat")
    def _repeat_changed(self, event: Select.Changed) -> None:
        rule = self.query_one("#rrule", Input)
        rule.display = event.value == "rrule"
        if rule.display:
            rule.focus()

    def _error(self, message: str) -> None:
        self.query_one("#field-error", Static).update(Text(f"✗ {message}") if message else "")

    def _fields(self) -> tuple[str, date, str | None] | None:
        """(text, due, recurrence) when valid; otherwise show what is wrong and return None."""
        from planner import agenda

        text = self.query_one("#text", TextArea).text
        if not text.strip():
            self._error("the message is empty: write the personal note itself")
            self.query_one("#text").focus()
            return None
        due_input = self.query_one("#due", Input)
        try:
            due = parse_date(due_input.value or "today", self.outreach.today)
        except DateError as exc:
            self._error(f"date: {exc}")
            due_input.focus()
            return None
        repeat = self.query_one("#repeat", Select).value
        rule: str | None = None
        try:
            if repeat == "yearly":
                rule = "FREQ=YEARLY"
            elif repeat == "rrule":
                rule = agenda.normalise_rule(self.query_one("#rrule", Input).value)
            if rule:
                rule = agenda.anchored_rule(rule, due)
        except ValidationError as exc:
            self._error(f"repeat: {exc}")
            self.query_one("#rrule").focus()
            return None
        self._error("")
        return text, due, rule

    # --- saving --------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the plan (asking first when it is an unedited template or reads as bulk)."""
        self._guarded_save(log_now=False)

    def action_log_sent(self) -> None:
        """Save and mark sent today in one go: logs the message for each recipient."""
        self._guarded_save(log_now=True)

    def _guarded_save(self, *, log_now: bool) -> None:
        fields = self._fields()
        if fields is None:
            return
        text = fields[0]

        def after_template(go_on: bool | None) -> None:
            if not go_on:
                return
            verdict = self._check(text)  # fresh and synchronous: < 20 ms by design
            if verdict is not None and verdict.verdict == "bulk":
                self._ask_bulk(verdict, fields, log_now)
            else:
                self._commit(fields, log_now)

        if self.is_unedited_template(text):
            self.app.push_screen(
                ConfirmScreen(
                    "This is still the starter template, with nothing about this person in it. "
                    "Save it as it is?",
                    yes="Save as is",
                    no="Keep editing",
                ),
                after_template,
            )
        else:
            after_template(True)

    def _ask_bulk(self, verdict: Any, fields: tuple[str, date, str | None], log_now: bool) -> None:
        body = Text("This message reads like a bulk send:\n\n", end="")
        for finding in verdict.findings[:4]:
            body.append(f"{SEVERITY_MARK.get(finding.severity, finding.severity)} ", style="bold")
            body.append_text(lit(finding.message))
            body.append("\n")
        body.append(
            "\nA note meant for many people reads better as a status update; "
            "a personal note says something only this person would understand."
        )

        def chosen(choice: str | None) -> None:
            if choice == "status":
                self.post_as_status_update(fields[0])
            elif choice == "save":
                self._commit(fields, log_now)
            else:
                self.query_one("#text", TextArea).focus()

        self.app.push_screen(
            ChoiceScreen(
                "Bulk-send warning",
                body,
                [
                    ("edit", "e  Edit it"),
                    ("status", "s  Post it as a status update"),
                    ("save", "a  Save anyway" if not log_now else "a  Log anyway"),
                ],
            ),
            chosen,
        )

    # --- the status-update path ---------------------------------------------------------------

    def round_of(self, plan: Plan) -> list[Plan]:
        """``plan`` and the other pending plans of its greeting round (same label and text
        or none yet, made the same day): one broadcast split into per-person plans."""
        if not plan.label:
            return [plan]
        same = [
            p
            for p in self.store.plans.values()
            if p.status == "pending"
            and p.id != plan.id
            and p.label == plan.label
            and p.created_on == plan.created_on
            and p.text in ("", plan.text)
        ]
        return [plan, *sorted(same, key=lambda p: p.id)]

    def post_as_status_update(self, text: str) -> None:
        """Keep ``text`` as a status-update draft instead of messages, offering to remove the
        plan (or its whole round) first; then copy it and open LinkedIn's share box."""
        plan = self.plan
        if plan is None or plan.status != "pending":
            self._keep_status(text, [])
            return
        round_ = self.round_of(plan)
        people = len({cid for p in round_ for cid in p.recipients})
        body = Text(end="")
        body.append("The text is kept as a status-update draft (Schedule, Status updates), ")
        body.append("copied, and LinkedIn's share box opens with it.\n\n")
        body.append(f"{plan.id} is still planned as a message to {len(plan.recipients)} ")
        body.append(f"{'person' if len(plan.recipients) == 1 else 'people'}.")
        choices = [("plan", f"r  Remove {plan.id} (it becomes the draft)")]
        if len(round_) > 1:
            body.append(
                f" It is one of {len(round_)} plans of the round {plan.label!r} ({people} people)."
            )
            choices.insert(0, ("round", f"a  Remove all {len(round_)} plans of the round"))
        choices.append(("keep", "k  Keep the plan too"))

        def chosen(choice: str | None) -> None:
            if choice == "round":
                self._keep_status(text, [p.id for p in round_])
            elif choice == "plan":
                self._keep_status(text, [plan.id])
            elif choice == "keep":
                self._keep_status(text, [])
            else:
                self.query_one("#text", TextArea).focus()

        self.app.push_screen(ChoiceScreen("Post it as a status update", body, choices), chosen)

    def _keep_status(self, text: str, plan_ids: list[str]) -> None:
        from planner.models import ValidationError as Invalid

        ops = self.outreach.ops
        assert ops is not None
        try:
            draft = ops.keep_as_status_update(
                text, self.recipient_ids, today=self.outreach.today, plan_ids=plan_ids
            )
        except Invalid as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        removed = f"; {', '.join(plan_ids)} no longer planned" if plan_ids else ""
        self.notify(
            f"Kept as status-update draft {draft.id} (Schedule){removed} · u undoes it",
            timeout=6,
        )
        self.outreach.copy_text(text, kept="in Schedule, under Status updates")
        self.outreach.share_on_linkedin(text)
        self.dismiss_composer()

    def _commit(self, fields: tuple[str, date, str | None], log_now: bool) -> None:
        text, due, rule = fields
        ops = self.outreach.ops
        assert ops is not None  # the app opens the composer only once loaded
        try:
            plan, _logged = ops.compose(
                self.recipient_ids,
                text=text,
                due=due,
                recurrence=rule,
                today=self.outreach.today,
                plan_id=self.plan_id,
                log_now=log_now,
            )
        except ValidationError as exc:
            self._error(str(exc))
            self.notify(f"Not saved: {exc}", severity="warning", markup=False)
            return
        if plan is None or (log_now and plan.status != "pending"):
            self._finish(f"Logged as sent today to {self._names()}.")
        elif log_now:
            self._finish(f"Logged as sent today to {self._names()}; next time {plan.due:%d %b %Y}.")
        else:
            self._finish(f"Saved {plan.id} for {due:%a %d %b %Y}: {self._names()}.")

    def _names(self) -> str:
        people = self.people
        names = ", ".join(c.name for c in people[:3])
        return names + (f" and {len(people) - 3} more" if len(people) > 3 else "")

    def _finish(self, message: str) -> None:
        self.notify(message, markup=False, timeout=4)
        self.dismiss_composer()

    def dismiss_composer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.workers.cancel_group(self, "check")
        self.app.pop_screen()

    # --- templates and leaving ----------------------------------------------------------------

    def action_template(self) -> None:
        """Start from the next starter template (only on an empty or unedited draft)."""
        area = self.query_one("#text", TextArea)
        if area.text.strip() and not self.is_unedited_template():
            self.notify(
                "Templates replace the draft: clear your text first (ctrl+a, delete).",
                markup=False,
                timeout=4,
            )
            return
        templates = self.templates
        self._template_index = (self._template_index + 1) % len(templates)
        name, body = templates[self._template_index]
        first = self.people[0].first_name if len(self.people) == 1 else "there"
        self._template_text = body.format(first=first)
        area.load_text(self._template_text)
        area.focus()
        gap = self._template_text.find("…")  # where the personal part goes: selected, so
        if gap >= 0:  # typing replaces it
            row = self._template_text.count("\n", 0, gap)
            col = gap - (self._template_text.rfind("\n", 0, gap) + 1)
            area.selection = Selection((row, col), (row, col + 1))
        self.notify(
            f"Template {self._template_index + 1}/{len(templates)}: {name}. "
            "Type over the … parts to make it personal.",
            markup=False,
            timeout=3,
        )

    def action_cancel(self) -> None:
        text = self.query_one("#text", TextArea).text
        if text.strip() == self._initial_text.strip() or self.is_unedited_template(text):
            self.dismiss_composer()
            return

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss_composer()

        self.app.push_screen(
            ConfirmScreen("Discard this draft?", yes="Discard", no="Keep writing"), answer
        )
