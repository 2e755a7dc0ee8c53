"""The bulk-send check: does a planned message read like a bulk send, and why?

:func:`check_message` takes a text, its recipients and a day, looks at the connections and at
the history of sent messages and pending plans (through a :class:`BulkIndex`), and returns a
:class:`Verdict`: ``personal``, ``review`` or ``bulk``, a score in 0..1, findings in plain words
and a suggestion. It is a pure function of its inputs and never writes.

Findings, and when each is raised (severity in brackets)
---------------------------------------------------------
``duplicate-text``
    The same or nearly the same text (at least 80 % alike after dropping every contact's names,
    greetings, sign-offs, links, emoji, punctuation and case) went to other people in the 30 days
    before the day checked, or is planned for them within 30 days either side of it. From 3 other
    people [warning]; from 5 [bulk]. Very short texts (under 4 words) must match exactly and stay
    at [warning]: "Thanks!" is not a campaign.
``many-recipients``
    One message to 5 or more people [warning]; to 10 or more [bulk].
``alphabetical-block``
    5 or more recipients form a run of the contact list sorted by first or by last name, with at
    least 3 in 4 of the run's contacts included and no gap of more than 3 (and the network is at
    least twice the run): [warning]; 8 or more [bulk]. Also checked together with the recipients
    of a duplicate, which catches a block written to one by one.
``no-personal-detail``
    Nothing specific in the text (a proper noun, a date or time, a reference to shared history
    such as "we met", "your talk", "last week") and no word shared with anything known about any
    recipient (how we know them, company, position, tags, notes, past messages). [warning] for
    texts of 20 words or more or for several recipients; [info] for a short note to one person.
``link-only``
    A link with fewer than 12 words of the sender's own: [warning], or [info] when the few words
    are specific to the person.
``collective-address``
    Addressed to a mass ("Dear friends and colleagues", "reaching out to my network") [bulk];
    a group greeting ("Hi all", "Hey everyone") to one person or to 5 or more [warning] (to two
    to four people it is a natural group message and not reported).
``pitch``
    Sales or network-marketing wording; each phrase scores 2 (ground floor, residual commissions,
    passive income, "would you want to know how"...) or 1 (book a call, exciting opportunity,
    "know anyone who might be interested"...). 3 points or more [bulk], else [warning]. In a
    specific offer of work or collaboration (hiring, a role, a project, plus a specific detail)
    the 1-point phrases are ignored.
``contact-harvest``
    Asks for names, contact details or lists of the recipient's contacts [bulk]; asks for
    introductions to "people in your network who..." [warning].
``no-bulk-preference``
    A recipient asked to be left off bulk messages and there is any other finding above info:
    listed first, [bulk] when the verdict is bulk, else [warning].
``missing-context``
    A recipient has no how-we-know note yet [info].

Verdict and score
-----------------
``bulk`` when any finding is [bulk] or three different findings are [warning]; ``review`` when
any finding is [warning]; ``personal`` otherwise (info findings allowed). The score is
``1 - prod(1 - w)`` over the findings (w = 0.85 bulk, 0.45 warning, 0.03 info; the no-bulk
finding mirrors others and adds nothing), so ``personal`` scores under 0.2, ``review`` 0.45 to
0.8 and ``bulk`` 0.8 or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from planner.bulk.index import BulkIndex
from planner.bulk.signals import (
    GROUP_SALUTATION,
    HARVEST_ANY,
    HARVEST_RE,
    MASS_BODY_RE,
    MASS_SALUTATION,
    OFFER_OF_WORK,
    PITCH_ANY,
    PITCH_RE,
    STOCK_TEXT,
    plain_lower,
)
from planner.bulk.text import (
    body_of,
    content_words,
    name_tokens,
    nfkc,
    specifics,
    urls,
    without_signoff,
    words,
)
from planner.models import Connection, ValidationError

if TYPE_CHECKING:
    from planner.storage import Store

__all__ = ["BulkIndex", "Finding", "Verdict", "check_message", "CODES"]

CODES = (
    "no-bulk-preference",
    "duplicate-text",
    "many-recipients",
    "alphabetical-block",
    "collective-address",
    "pitch",
    "contact-harvest",
    "link-only",
    "no-personal-detail",
    "missing-context",
)
SEVERITIES = ("info", "warning", "bulk")

WINDOW_DAYS = 30
DUPLICATE_CUTOFF = 80.0
DUPLICATE_FEW, DUPLICATE_MANY = 3, 5
SHORT_TEXT_WORDS = 4
MANY_RECIPIENTS, VERY_MANY_RECIPIENTS = 5, 10
BLOCK_MIN, BLOCK_BULK, BLOCK_DENSITY, BLOCK_MAX_GAP = 5, 8, 0.75, 3
GENERIC_TEXT_WORDS = 20
LINK_OWN_WORDS = 12
PITCH_BULK_POINTS = 3
WEIGHTS = {"bulk": 0.85, "warning": 0.45, "info": 0.03}

SUGGEST_MANY = (
    "This reads as one message for many people: post it as a status update instead, or write "
    "each person a note of their own (how you know them, something you last talked about)."
)
SUGGEST_PITCH = (
    "If this offer is for many people, post it as a status update; if it is for {who}, say why "
    "you thought of them and leave out the sales wording."
)
SUGGEST_HARVEST = (
    "Ask {who} for one specific introduction and say why, instead of asking for their contacts; "
    "or post the request as a status update."
)
SUGGEST_DETAIL = (
    "Add something only {who} would recognise: how you know each other, their work, or what you "
    "last talked about."
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One sign of a bulk send: a stable code, a severity and what was seen, in plain words."""

    code: str
    severity: str  # "info" | "warning" | "bulk"
    message: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "message": self.message}


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a check (see the module docstring for the rules)."""

    verdict: str  # "personal" | "review" | "bulk"
    score: float
    findings: list[Finding] = field(default_factory=list)
    suggestion: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``outreach check --json`` object."""
        return {
            "verdict": self.verdict,
            "score": self.score,
            "findings": [f.to_json() for f in self.findings],
            "suggestion": self.suggestion,
        }


def check_message(
    text: str,
    recipient_ids: Sequence[str],
    *,
    store: Store,
    index: BulkIndex,
    today: date,
    ignore_plan: str | None = None,
    window_days: int = WINDOW_DAYS,
) -> Verdict:
    """Check ``text`` planned for ``recipient_ids`` on ``today`` against ``store``'s history.

    ``ignore_plan`` leaves one plan out of the history (the plan being edited). An empty text
    gives a ``personal`` verdict with no findings (nothing written yet); an unknown recipient id
    raises ValidationError.
    """
    people: list[Connection] = []
    for cid in dict.fromkeys(recipient_ids):
        conn = store.connections.get(cid)
        if conn is None:
            raise ValidationError(f"unknown recipient id {cid!r}")
        people.append(conn)
    if not text.strip() or not people:
        return Verdict("personal", 0.0, [], None)
    msg = _Message(text, people)
    findings: list[Finding] = []
    dup_others: set[str] = set()
    dup = _duplicates(msg, index, today, window_days, ignore_plan)
    if dup is not None:
        findings.append(dup[0])
        dup_others = dup[1]
    findings += _many_recipients(msg)
    findings += _alphabetical_block(msg, store, index, dup_others)
    findings += _collective_address(msg)
    findings += _pitch(msg)
    findings += _contact_harvest(msg)
    findings += _link_only(msg)
    findings += _no_personal_detail(msg, store, index)
    findings += _missing_context(msg)
    return _verdict(msg, findings)


# --- the message being checked -------------------------------------------------------------------


class _Message:
    """The text in the forms the rules need, computed once."""

    def __init__(self, text: str, people: list[Connection]) -> None:
        self.text = nfkc(text)
        self.people = people
        self.ids = {c.id for c in people}
        self.body = body_of(self.text)
        self.lower = plain_lower(self.text)
        self.recipient_names = name_tokens(*(c.name for c in people))
        self.specifics = specifics(without_signoff(self.text), self.recipient_names)
        self.word_count = len(words(self.body))

    @property
    def who(self) -> str:
        return self.people[0].name if len(self.people) == 1 else "each of them"


# --- the rules -----------------------------------------------------------------------------------


def _duplicates(
    msg: _Message, index: BulkIndex, today: date, window_days: int, ignore_plan: str | None
) -> tuple[Finding, set[str]] | None:
    norm = index.normalised(msg.text)
    short = len(norm.split()) < SHORT_TEXT_WORDS
    matches = index.similar(
        norm,
        start=today - timedelta(days=window_days),
        end=today,
        plans_until=today + timedelta(days=window_days),
        cutoff=100.0 if short else DUPLICATE_CUTOFF,
        ignore_plan=ignore_plan,
    )
    sent: dict[str, date] = {}
    planned: dict[str, date] = {}
    scores: list[float] = []
    for m in matches:
        others = [r for r in m.sent.recipients if r not in msg.ids]
        if not others:
            continue
        scores.append(m.similarity)
        target = planned if m.sent.planned else sent
        for r in others:
            target.setdefault(r, m.sent.day)
    for r in sent:
        planned.pop(r, None)
    total = len(sent) + len(planned)
    if total < DUPLICATE_FEW:
        return None
    severity = "bulk" if total >= DUPLICATE_MANY and not short else "warning"
    low, high = round(min(scores)), round(max(scores))
    alike = f"{high}%" if low == high else f"{low}–{high}%"
    parts = []
    if sent:
        parts.append(f"sent to {_people(len(sent))} {_span(sent.values(), today)}")
    if planned:
        more = " more" if sent else ""
        parts.append(
            f"planned for {_people(len(planned), more)} (due {_span(planned.values(), today)})"
        )
    text = "the text" if low == high else "texts"
    message = f"{alike} the same as {text} " + ", and ".join(parts)
    return Finding("duplicate-text", severity, message), set(sent) | set(planned)


def _many_recipients(msg: _Message) -> list[Finding]:
    n = len(msg.people)
    if n < MANY_RECIPIENTS:
        return []
    severity = "bulk" if n >= VERY_MANY_RECIPIENTS else "warning"
    return [Finding("many-recipients", severity, f"addressed to {n} people at once")]


def _alphabetical_block(
    msg: _Message, store: Store, index: BulkIndex, dup_others: set[str]
) -> list[Finding]:
    run = _best_run(index, msg.ids)
    together = False
    if run is None and dup_others:
        run = _best_run(index, msg.ids | dup_others, must_include=msg.ids)
        together = run is not None
    if run is None:
        return []
    order, count, span, first_id, last_id = run
    names = [store.connections[cid].name for cid in (first_id, last_id)]
    severity = "bulk" if count >= BLOCK_BULK else "warning"
    lead = (
        f"with the {len(dup_others)} others who got nearly the same text, the recipients are"
        if together
        else "the recipients are"
    )
    of = f"all {span}" if count == span else f"{count} of {span}"
    message = (
        f"{lead} {of} contacts in a row of your contact list in alphabetical order by "
        f"{order} name ({names[0]} … {names[1]}): a block of the list rather than people chosen "
        "one by one"
    )
    return [Finding("alphabetical-block", severity, message)]


def _best_run(
    index: BulkIndex, ids: set[str], must_include: set[str] | None = None
) -> tuple[str, int, int, str, str] | None:
    """The largest near-contiguous run of ``ids`` in either alphabetical order, if any."""
    best = None
    for order in ("first", "last"):
        positions = index.positions(ids, order)
        mine = set(index.positions(must_include, order)) if must_include else None
        runs: list[list[int]] = []
        for pos in positions:
            if runs and pos - runs[-1][-1] - 1 <= BLOCK_MAX_GAP:
                runs[-1].append(pos)
            else:
                runs.append([pos])
        for run in runs:
            count, span = len(run), run[-1] - run[0] + 1
            if count < BLOCK_MIN or count / span < BLOCK_DENSITY:
                continue
            if index.connection_count < 2 * count:
                continue  # most of a small network: being "in a row" means nothing
            if mine is not None and not mine.intersection(run):
                continue
            if best is None or count > best[1]:
                first_id = index.connection_at(order, run[0])
                last_id = index.connection_at(order, run[-1])
                best = (order, count, span, first_id, last_id)
    return best


def _collective_address(msg: _Message) -> list[Finding]:
    opening = plain_lower(msg.text[:120])
    n = len(msg.people)
    m = MASS_SALUTATION.match(opening)
    if m:
        seen = _quote(m.group())
        message = f"addressed to a crowd ({seen}), not to the person"
        return [Finding("collective-address", "bulk", message)]
    for pattern in MASS_BODY_RE:
        hit = pattern.search(msg.lower)
        if hit:
            return [
                Finding(
                    "collective-address",
                    "bulk",
                    f'says it goes to many people ("{hit.group()}"), not written to the person',
                )
            ]
    m = GROUP_SALUTATION.match(opening)
    if m and (n == 1 or n >= MANY_RECIPIENTS):
        seen = _quote(m.group())
        to = "one person" if n == 1 else f"{n} people"
        return [
            Finding(
                "collective-address",
                "warning",
                f"greets a group ({seen}) in a message to {to}, not the person by name",
            )
        ]
    return []


def _pitch(msg: _Message) -> list[Finding]:
    if not PITCH_ANY.search(msg.lower):
        return []
    hits: list[tuple[str, int]] = []
    taken: list[range] = []
    for pattern, points in PITCH_RE:
        m = pattern.search(msg.lower)
        if m and not any(m.start() in r or m.end() - 1 in r for r in taken):
            hits.append((m.group(), points))
            taken.append(range(m.start(), m.end()))
    if not hits:
        return []
    if msg.specifics and OFFER_OF_WORK.search(msg.lower):
        hits = [h for h in hits if h[1] >= 2]  # a specific offer of work is not a sales pitch
        if not hits:
            return []
    total = sum(points for _, points in hits)
    severity = "bulk" if total >= PITCH_BULK_POINTS else "warning"
    phrases = ", ".join(f'"{p}"' for p, _ in hits[:4])
    kind = "network-marketing or sales" if any(p >= 2 for _, p in hits) else "sales"
    return [Finding("pitch", severity, f"reads like a {kind} pitch: {phrases}")]


def _contact_harvest(msg: _Message) -> list[Finding]:
    if not HARVEST_ANY.search(msg.lower):
        return []
    strong: list[str] = []
    soft: list[str] = []
    for pattern, is_strong in HARVEST_RE:
        m = pattern.search(msg.lower)
        if m:
            (strong if is_strong else soft).append(m.group())
    if not strong and not soft:
        return []
    phrases = ", ".join(f'"{p}"' for p in (strong + soft)[:3])
    if strong:
        message = f"asks them to hand over their contacts: {phrases}"
        return [Finding("contact-harvest", "bulk", message)]
    message = f"asks them to go through their network for you: {phrases}"
    return [Finding("contact-harvest", "warning", message)]


def _link_only(msg: _Message) -> list[Finding]:
    links = urls(msg.text)
    if not links or msg.word_count >= LINK_OWN_WORDS:
        return []
    link = links[0] if len(links[0]) <= 60 else links[0][:57] + "..."
    own = msg.word_count
    words_ = "no words" if own == 0 else f"only {own} word{'s' if own != 1 else ''}"
    severity = "info" if msg.specifics else "warning"
    return [Finding("link-only", severity, f"mostly a link ({link}) with {words_} of your own")]


def _no_personal_detail(msg: _Message, store: Store, index: BulkIndex) -> list[Finding]:
    if msg.specifics:
        return []
    body_words = content_words(msg.body, rare_only=True)
    for conn in msg.people:
        if body_words & index.profile_words(store, conn):
            return []
    many = len(msg.people) > 1
    stock = STOCK_TEXT.search(msg.lower)
    long_enough = msg.word_count >= GENERIC_TEXT_WORDS
    severity = "warning" if many or long_enough or stock else "info"
    if many:
        message = (
            f"nothing in the text is about any of the {len(msg.people)} recipients beyond "
            "their names: a generic body with a name swapped in is still generic"
        )
    else:
        name = msg.people[0].name
        kind = "the text" if severity == "warning" else "this short note"
        message = (
            f"nothing in {kind} is about {name} beyond their name: not how you know each other, "
            "their work, or anything you have shared"
        )
        if stock:
            message += f' ("{stock.group()}" is stock text, written for anyone)'

    return [Finding("no-personal-detail", severity, message)]


def _missing_context(msg: _Message) -> list[Finding]:
    lacking = [c for c in msg.people if not c.how_we_know]
    if not lacking:
        return []
    if len(msg.people) == 1:
        name = lacking[0].name
        message = (
            f'no how-we-know note for {name} yet: add one with outreach edit "{name}" --how TEXT'
        )
    else:
        shown = ", ".join(c.name for c in lacking[:3]) + (", …" if len(lacking) > 3 else "")
        message = (
            f"{len(lacking)} of the {len(msg.people)} recipients "
            f"{'has' if len(lacking) == 1 else 'have'} no how-we-know note yet "
            f"({shown}): add one with outreach edit NAME --how TEXT"
        )
    return [Finding("missing-context", "info", message)]


# --- verdict -------------------------------------------------------------------------------------


def _verdict(msg: _Message, findings: list[Finding]) -> Verdict:
    warnings = {f.code for f in findings if f.severity == "warning"}
    if any(f.severity == "bulk" for f in findings) or len(warnings) >= 3:
        verdict = "bulk"
    elif warnings:
        verdict = "review"
    else:
        verdict = "personal"
    if verdict != "personal":
        refusers = [c for c in msg.people if c.no_bulk]
        if refusers:
            top = "bulk" if verdict == "bulk" else "warning"
            names = ", ".join(c.name for c in refusers[:3]) + (", …" if len(refusers) > 3 else "")
            asked = "asked" if len(refusers) == 1 else "each asked"
            findings.append(
                Finding(
                    "no-bulk-preference",
                    top,
                    f"{names} {asked} to be left off bulk messages, and this reads like one",
                )
            )
    rank = {code: i for i, code in enumerate(CODES)}
    findings.sort(
        key=lambda f: (
            f.code != "no-bulk-preference",
            -SEVERITIES.index(f.severity),
            rank[f.code],
        )
    )
    keep = 1.0
    for f in findings:
        if f.code != "no-bulk-preference":
            keep *= 1 - WEIGHTS[f.severity]
    score = round(1 - keep, 2)
    return Verdict(verdict, score, findings, _suggestion(msg, verdict, findings))


def _suggestion(msg: _Message, verdict: str, findings: list[Finding]) -> str | None:
    if verdict == "personal":
        return None
    codes = {f.code for f in findings if f.severity != "info"}
    if codes & {
        "duplicate-text",
        "many-recipients",
        "alphabetical-block",
        "collective-address",
        "link-only",
    }:
        return SUGGEST_MANY
    if "contact-harvest" in codes:
        return SUGGEST_HARVEST.format(who=msg.who)
    if "pitch" in codes:
        return SUGGEST_PITCH.format(who=msg.who)
    return SUGGEST_DETAIL.format(who=msg.who)


# --- wording helpers -----------------------------------------------------------------------------


def _people(n: int, more: str = "") -> str:
    return f"{n}{more} {'person' if n == 1 else 'people'}"


def _day(d: date, today: date, *, month: bool = True) -> str:
    text = f"{d.day} {d:%b}" if month else str(d.day)
    return text if d.year == today.year else f"{text} {d.year}"


def _span(days: Any, today: date) -> str:
    """ "on 8 Dec", "between 8 and 13 Dec", "between 28 Nov and 3 Dec"."""
    ds = sorted(days)
    lo, hi = ds[0], ds[-1]
    if lo == hi:
        return f"on {_day(lo, today)}"
    same_month = (lo.year, lo.month) == (hi.year, hi.month)
    return f"between {_day(lo, today, month=not same_month)} and {_day(hi, today)}"


def _quote(phrase: str) -> str:
    return '"' + phrase.strip(" ,.!:;-") + '"'
