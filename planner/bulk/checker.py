"""The bulk-send check: does a planned message read like a bulk send, and why?

:func:`check_message` takes a text, its recipients and a day, looks at the connections and at
the history of sent messages and pending plans (through a :class:`BulkIndex`), and returns a
:class:`Verdict`: ``personal``, ``review`` or ``bulk``, a score in 0..1, findings in plain words
and a suggestion. It is a pure function of its inputs and never writes.

Findings, and when each is raised (severity in brackets; the README's bulk-check section has
the examples in each language)
---------------------------------------------------------------------------------------------
``placeholder``
    An unfilled merge field (:mod:`planner.bulk.placeholders`) [bulk].
``duplicate-text``
    The same or nearly the same text (at least 80 % alike after dropping every contact's names,
    greetings, sign-offs, links, emoji, punctuation and case) went to other people in the 30 days
    before the day checked, or is planned for them within 30 days either side of it. From 3 other
    people [warning]; from 5 [bulk]. Very short texts (under 4 words) must match exactly and stay
    at [warning]: "Thanks!" is not a campaign. Any language.
``many-recipients``
    One message to 5 or more people [warning]; to 10 or more [bulk].
``alphabetical-block``
    5 or more recipients form a run of the contact list sorted by first or by last name, with at
    least 3 in 4 of the run's contacts included and no gap of more than 3 (and the network is at
    least twice the run): [warning]; 8 or more [bulk]. Also checked together with the recipients
    of a duplicate, which catches a block written to one by one.
``wrong-name``
    The greeting names someone who is not a recipient: [bulk] when it is another contact's first
    name, else [warning]. Nicknames, friendly words and titles are understood.
``collective-address``
    Addressed to a mass ("Dear friends and colleagues", "reaching out to my network") [bulk];
    a group greeting ("Hi all", "Hola a todos") to one person or to 5 or more, or speaking to a
    crowd ("thank you all") to one person [warning]; to two to four people it is not reported.
``announcement``
    The sender's own news told as news, with nothing shared with the recipient [warning]; to a
    crowd [bulk]. The suggestion is a status update.
``pitch``
    Sales or network-marketing wording; each phrase scores 2 or 1; 3 points or more [bulk], else
    [warning]. In a note specific to this person, or an offer of work naming what is known of
    them, the 1-point phrases are ignored.
``contact-harvest``
    Asks for other people's contact details or a contact list [bulk]; asks them to comb their
    network [warning].
``link-only``
    A link with fewer than 12 words of the sender's own: [warning], or [info] when the words (or
    the link) are about the person.
``no-personal-detail``
    Fewer detail points than the text needs (:mod:`planner.bulk.message`; 1 under 20 words, 1.5
    under 40, 2 from 40 words or 5 recipients, one more with stock text, 1 for an offer of work
    tied to them): [warning] from 20 words, for 5 recipients or more, with stock text, or when a
    recipient asked for no bulk messages; else [info].
``no-bulk-preference``
    A recipient asked to be left off bulk messages and another finding is a warning or worse:
    listed first; [bulk] when another finding is bulk or two are warnings, else [warning]. It
    counts in the verdict like any other finding.
``wording-not-judged``
    The text is in a language without wording rules, or another script [info]: only the
    language-free findings above were looked for.
``missing-context``
    A recipient has no how-we-know note yet [info].

Verdict and score
-----------------
``bulk`` when any finding is [bulk] or three different findings are [warning]; ``review`` when
any finding is [warning]; ``personal`` otherwise (info findings allowed). The score is
``1 - prod(1 - w)`` over the findings (w = 0.85 bulk, 0.45 warning, 0.03 info), so
``personal`` scores under 0.2, ``review`` 0.45 to 0.8 and ``bulk`` 0.8 or more.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from planner.bulk.index import BulkIndex
from planner.bulk.message import Message, is_nickname
from planner.bulk.placeholders import placeholders
from planner.bulk.text import plain_lower, urls
from planner.bulk.wordstats import fold, stats, tokens
from planner.models import Connection, ValidationError

if TYPE_CHECKING:
    from planner.storage import Store

__all__ = ["BulkIndex", "Finding", "Verdict", "check_message", "CODES"]

CODES = (
    "no-bulk-preference",
    "placeholder",
    "duplicate-text",
    "many-recipients",
    "alphabetical-block",
    "wrong-name",
    "collective-address",
    "announcement",
    "pitch",
    "contact-harvest",
    "link-only",
    "no-personal-detail",
    "wording-not-judged",
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
LONG_TEXT_WORDS = 40
LINK_OWN_WORDS = 12
PITCH_BULK_POINTS = 3
WEIGHTS = {"bulk": 0.85, "warning": 0.45, "info": 0.03}

SUGGEST_MANY = (
    "This reads as one message for many people: post it as a status update instead, or write "
    "each person a note of their own (how you know them, something you last talked about)."
)
SUGGEST_TEMPLATE = (
    "Fill in or remove the merge fields, and write {who} a note of their own rather than a "
    "template."
)
SUGGEST_NEWS = (
    "This is news for everyone: post it once as a status update. If {who} should hear it from "
    "you, say why it matters to them."
)
SUGGEST_NAME = "Check who this is for: the greeting names someone else."
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
    language: str | None = None  # the language the text was read as (None: not sure or not read)
    judged: bool = True  # whether its wording was judged (False: history and recipients only)

    def to_json(self) -> dict[str, Any]:
        """The ``outreach check --json`` object (its four keys are a contract: the language
        shows in the findings, as ``wording-not-judged`` when it was not read)."""
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
    msg = Message(text, people, store, index, stats())
    findings: list[Finding] = []
    findings += _placeholder(msg)
    dup_others: set[str] = set()
    dup = _duplicates(msg, index, today, window_days, ignore_plan)
    if dup is not None:
        findings.append(dup[0])
        dup_others = dup[1]
    findings += _many_recipients(msg)
    findings += _alphabetical_block(msg, store, index, dup_others)
    findings += _wrong_name(msg, index)
    if msg.judged:
        findings += _collective_address(msg)
        findings += _announcement(msg)
        findings += _pitch(msg)
        findings += _contact_harvest(msg)
    findings += _link_only(msg)
    if msg.judged:
        findings += _no_personal_detail(msg)
    else:
        findings += _not_judged(msg)
    findings += _missing_context(msg)
    return _verdict(msg, findings)


# --- the rules -----------------------------------------------------------------------------------


def _placeholder(msg: Message) -> list[Finding]:
    found = placeholders(msg.text)
    if not found:
        return []
    shown = ", ".join(found[:3])
    fields = "a merge field" if len(found) == 1 else "merge fields"
    message = f"{fields} left unfilled ({shown}): a template written for a list, not a note"
    return [Finding("placeholder", "bulk", message)]


def _duplicates(
    msg: Message, index: BulkIndex, today: date, window_days: int, ignore_plan: str | None
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


def _many_recipients(msg: Message) -> list[Finding]:
    n = len(msg.people)
    if n < MANY_RECIPIENTS:
        return []
    severity = "bulk" if n >= VERY_MANY_RECIPIENTS else "warning"
    return [Finding("many-recipients", severity, f"addressed to {n} people at once")]


def _alphabetical_block(
    msg: Message, store: Store, index: BulkIndex, dup_others: set[str]
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


def _wrong_name(msg: Message, index: BulkIndex) -> list[Finding]:
    if _greets_a_group(msg):
        return []  # "Liebe Freunde", "Hola a todos": names no one
    greeted = _greeted_names(msg)
    if not greeted:
        return []
    known = index.first_names
    recipients = msg.folded_names | {
        fold(w) for c in msg.people for w in tokens(f"{c.company} {c.last_name}")
    }
    for word, is_title in greeted:
        key = fold(word.casefold())
        if key in recipients or is_nickname(key, msg.folded_names) or key in _nicknames_of(msg):
            continue
        if not is_title and key in known:
            message = (
                f"the greeting names {word}, another of your contacts, but this goes to "
                f"{_names(msg.people)}"
            )
            return [Finding("wrong-name", "bulk", message)]
        message = (
            f"the greeting names {word}, who is not among the recipients ({_names(msg.people)})"
        )
        return [Finding("wrong-name", "warning", message)]
    return []


_EN_NICKNAMES = {
    "robert": "bob rob robbie bobby", "william": "bill will billy liam", "richard": "rick dick",
    "elizabeth": "liz beth betty lisa eliza", "katherine": "kate kathy katie kat",
    "catherine": "kate cathy katie", "margaret": "maggie peggy meg", "james": "jim jimmy jamie",
    "michael": "mike mickey", "thomas": "tom tommy", "jonathan": "jon jonny",
    "alexander": "alex sasha xander", "alexandra": "alex sasha sandra", "joseph": "joe joey",
    "christopher": "chris kit", "jennifer": "jen jenny", "rebecca": "becky becca",
    "edward": "ed eddie ted", "charles": "charlie chuck", "anthony": "tony", "daniel": "dan danny",
    "samuel": "sam", "samantha": "sam", "francisco": "paco pancho", "josé": "pepe",
    "giuseppe": "peppe beppe", "johannes": "hannes", "francesca": "franci",
}  # fmt: skip


def _nicknames_of(msg: Message) -> set[str]:
    out: set[str] = set()
    for name in msg.folded_names:
        out.update(_EN_NICKNAMES.get(name, "").split())
    return out


def _greeted_names(msg: Message) -> list[tuple[str, bool]]:
    """Capitalised words a greeting addresses ("Hi Carlos,", "Dear Mr Baker", "Hola Javier"),
    each with whether it followed a title (then it is a last name). A text that opens with a
    name and no greeting word is not read ("Sam, Tom and I are going climbing" names no one)."""
    head = msg.text.strip()[:80]
    rule_sets = msg.rules or _all_rules()
    greet = None
    for r in rule_sets:
        greet = r.greeting_any_case.match(head)
        if greet:
            break
    if greet is None:
        return []
    rest = _REST_RE.match(head[greet.end() :])
    if not rest:
        return []
    vocatives = set().union(*(r.vocatives for r in rule_sets))
    titles = set().union(*(r.titles for r in rule_sets))
    out: list[tuple[str, bool]] = []
    after_title = False
    for word in rest.group(1).split():
        word = word.strip("'’.\"“”")
        low = word.casefold()
        if not word or low in _JOINERS:
            continue
        if low in titles:
            after_title = True
            continue
        if low in vocatives or low in _GROUP_WORDS or not word[0].isupper():
            break
        if msg.commonness(low) >= 5.5 and not after_title:
            break  # "Hi There", "Hello Team": not a name
        out.append((word, after_title))
        after_title = False
    return out


_REST_RE = re.compile(r"\s+([^\n,!.:;—–?¡¿()]{1,40}?)\s*(?:[\n,!.:;—–?]|$)")
_JOINERS = {"and", "&", "y", "e", "und", "et"}
_GROUP_WORDS = {"all", "everyone", "everybody", "team", "there", "tod@s"}


def _all_rules() -> list[Any]:
    from planner.bulk.lang import rules
    from planner.bulk.wordstats import JUDGED

    return [rules(lang) for lang in JUDGED]


def _names(people: list[Connection]) -> str:
    shown = ", ".join(c.name for c in people[:3])
    return shown + (", …" if len(people) > 3 else "")


def _collective_address(msg: Message) -> list[Finding]:
    opening = plain_lower(msg.text[:120])
    n = len(msg.people)
    m = msg.search("mass_salutation", opening)
    if m:
        seen = _quote(m.group())
        message = f"addressed to a crowd ({seen}), not to the person"
        return [Finding("collective-address", "bulk", message)]
    hits = msg.search_all("mass_body")
    if hits:
        message = f'says it goes to many people ("{hits[0].group()}"), not written to the person'
        return [Finding("collective-address", "bulk", message)]
    if n != 1 and n < MANY_RECIPIENTS:
        return []  # two to four people: a natural group message
    to = "one person" if n == 1 else f"{n} people"
    m = msg.search("group_salutation", opening)
    if m:
        seen = _quote(m.group())
        return [
            Finding(
                "collective-address",
                "warning",
                f"greets a group ({seen}) in a message to {to}, not the person by name",
            )
        ]
    crowd = msg.search_all("crowd")
    if crowd and n == 1:
        seen = _quote(crowd[0].group())
        return [
            Finding(
                "collective-address",
                "warning",
                f"speaks to a crowd ({seen}) in a message to one person",
            )
        ]
    return []


def _greets_a_group(msg: Message) -> bool:
    """Whether the opening is a group or mass salutation ("Hi all", "Liebe Freunde")."""
    opening = plain_lower(msg.text[:120])
    return bool(msg.search("group_salutation", opening) or msg.search("mass_salutation", opening))


def _speaks_to_crowd(msg: Message) -> bool:
    return bool(msg.search_all("crowd") or _greets_a_group(msg) or msg.search_all("mass_body"))


def _announcement(msg: Message) -> list[Finding]:
    hits = msg.search_all("announce")
    if not hits:
        return []
    crowd = _speaks_to_crowd(msg)
    if msg.detail.strong and not crowd:
        return []  # news told to this person with something about them
    seen = _quote(hits[0].group())
    if crowd:
        message = f"announces your own news ({seen}) to a crowd: that is a status update"
        return [Finding("announcement", "bulk", message)]
    message = (
        f"announces your own news ({seen}) with nothing in it for {msg.who}: "
        "news for everyone belongs in a status update"
    )
    return [Finding("announcement", "warning", message)]


def _pitch(msg: Message) -> list[Finding]:
    hits: list[tuple[str, int]] = []
    for r in msg.rules:
        taken: list[range] = []
        for pattern, points in r.pitch:
            m = pattern.search(msg.lower)
            if m and not any(m.start() in x or m.end() - 1 in x for x in taken):
                hits.append((m.group(), points))
                taken.append(range(m.start(), m.end()))
    if not hits:
        return []
    offer = msg.search("offer_of_work") is not None
    if msg.detail.strong or (offer and msg.detail.points >= 1):
        hits = [h for h in hits if h[1] >= 2]  # a specific note or offer of work is no pitch
        if not hits:
            return []
    total = sum(points for _, points in hits)
    severity = "bulk" if total >= PITCH_BULK_POINTS else "warning"
    phrases = ", ".join(f'"{p}"' for p, _ in hits[:4])
    kind = "network-marketing or sales" if any(p >= 2 for _, p in hits) else "sales"
    return [Finding("pitch", severity, f"reads like a {kind} pitch: {phrases}")]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_RE.findall(text) if s.strip()]


_SENTENCE_RE = re.compile(r"[^.!?\n]*(?:[.!?\n]+|$)")


def _contact_harvest(msg: Message) -> list[Finding]:
    strong = [m.group() for m in msg.search_all("harvest_ask")]
    if not strong:
        for sentence in _sentences(msg.lower):
            for r in msg.rules:
                data = r.harvest_data.search(sentence)
                if data and r.harvest_others.search(sentence) and r.request.search(sentence):
                    strong.append(data.group())
                    break
            if strong:
                break
    soft = [m.group() for m in msg.search_all("harvest_soft")]
    if not strong and not soft:
        return []
    phrases = ", ".join(f'"{p}"' for p in (strong + soft)[:3])
    if strong:
        message = f"asks them to hand over other people's contact details: {phrases}"
        return [Finding("contact-harvest", "bulk", message)]
    message = f"asks them to go through their network for you: {phrases}"
    return [Finding("contact-harvest", "warning", message)]


def _link_only(msg: Message) -> list[Finding]:
    links = urls(msg.text)
    if not links or msg.word_count >= LINK_OWN_WORDS:
        return []
    link = links[0] if len(links[0]) <= 60 else links[0][:57] + "..."
    own = msg.word_count
    words_ = "no words" if own == 0 else f"only {own} word{'s' if own != 1 else ''}"
    severity = "info" if msg.detail.personal else "warning"
    return [Finding("link-only", severity, f"mostly a link ({link}) with {words_} of your own")]


def _no_personal_detail(msg: Message) -> list[Finding]:
    many = len(msg.people) >= MANY_RECIPIENTS  # two to four: a group note, judged like one
    long_enough = msg.word_count >= GENERIC_TEXT_WORDS
    stock = msg.search("stock")
    need = _needed(msg.word_count, many)
    if msg.detail.tied and msg.search("offer_of_work"):
        need = 1  # work offered to them, naming their company or what you know of them
    if stock:
        need += 1  # a template line: the rest must show it was written for them
    if msg.detail.points >= need:
        return []
    refuser = any(c.no_bulk for c in msg.people)
    severity = "warning" if many or long_enough or stock or refuser else "info"
    seen = ""
    if msg.detail.seen:
        shown = ", ".join(repr(s) for s in msg.detail.seen[:2])
        seen = f" (only {shown}, which could be in anyone's note)"
    if len(msg.people) > 1:
        message = (
            f"nothing in the text is about any of the {len(msg.people)} recipients beyond "
            f"their names{seen}: a generic body with a name swapped in is still generic"
        )
    else:
        name = msg.people[0].name
        kind = "the text" if severity == "warning" else "this short note"
        message = (
            f"nothing in {kind} is about {name} beyond their name{seen}: not how you know each "
            "other, their work, or anything you have shared"
        )
        if stock:
            message += f' ("{stock.group()}" is stock text, written for anyone)'
    return [Finding("no-personal-detail", severity, message)]


def _needed(word_count: int, many: bool) -> float:
    """Detail points a text needs (see :mod:`planner.bulk.message`): 1 for a short note (one
    specific thing is enough), 1.5 from :data:`GENERIC_TEXT_WORDS` words, 2 from
    :data:`LONG_TEXT_WORDS` words or to :data:`MANY_RECIPIENTS` people or more."""
    if many or word_count >= LONG_TEXT_WORDS:
        return 2
    return 1.5 if word_count >= GENERIC_TEXT_WORDS else 1


def _not_judged(msg: Message) -> list[Finding]:
    lang = msg.language
    what = (
        f"written in {lang.name}" if lang.code else "in a language or script outreach cannot read"
    )
    message = (
        f"{what}: the wording was not judged (greeting, pitch, announcement, personal detail); "
        "only the history, the recipients and merge fields were checked"
    )
    return [Finding("wording-not-judged", "info", message)]


def _missing_context(msg: Message) -> list[Finding]:
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


def _verdict(msg: Message, findings: list[Finding]) -> Verdict:
    refusers = [c for c in msg.people if c.no_bulk]
    serious = [f for f in findings if f.severity != "info"]
    if refusers and serious:
        warnings = {f.code for f in serious if f.severity == "warning"}
        top = (
            "bulk"
            if any(f.severity == "bulk" for f in serious) or len(warnings) >= 2
            else "warning"
        )
        names = ", ".join(c.name for c in refusers[:3]) + (", …" if len(refusers) > 3 else "")
        asked = "asked" if len(refusers) == 1 else "each asked"
        findings.append(
            Finding(
                "no-bulk-preference",
                top,
                f"{names} {asked} to be left off bulk messages, and this reads like one",
            )
        )
    warnings = {f.code for f in findings if f.severity == "warning"}
    if any(f.severity == "bulk" for f in findings) or len(warnings) >= 3:
        verdict = "bulk"
    elif warnings:
        verdict = "review"
    else:
        verdict = "personal"
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
        keep *= 1 - WEIGHTS[f.severity]
    score = round(1 - keep, 2)
    return Verdict(
        verdict,
        score,
        findings,
        _suggestion(msg, verdict, findings),
        msg.language.code if msg.language.confident else None,
        msg.judged,
    )


def _suggestion(msg: Message, verdict: str, findings: list[Finding]) -> str | None:
    if verdict == "personal":
        return None
    codes = {f.code for f in findings if f.severity != "info"}
    if "placeholder" in codes:
        return SUGGEST_TEMPLATE.format(who=msg.who)
    if "wrong-name" in codes:
        return SUGGEST_NAME
    if "announcement" in codes:
        return SUGGEST_NEWS.format(who=msg.who)
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
