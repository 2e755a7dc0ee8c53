"""LinkedIn messages of every export generation, logged with the connection at the other end.

Generations read (columns found by name):
- 2022 on: ``CONVERSATION ID, ..., FROM, SENDER PROFILE URL, TO, RECIPIENT PROFILE URLS, DATE,
  SUBJECT, CONTENT, FOLDER[, ATTACHMENTS], IS MESSAGE DRAFT, IS CONVERSATION DRAFT``;
- 2020-2021: the same without ``RECIPIENT PROFILE URLS`` (and often without any sender URL,
  members shown as "LinkedIn Member");
- 2018: ``Messages.csv`` with ``From, To, Date, Subject, Content, Direction, Folder``.

Which side is the user: ``--me`` (a profile URL or a name), else the name in ``Profile.csv``,
else the name on the most messages (it must be on more than half of them); the summary says
which rule decided. The 2018 format's Direction column says it outright.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from planner.models import Interaction
from planner.storage import Store
from planner.transfer import ImportReport, Progress
from planner.transfer.counterparts import BY_NAME, BY_URL, HIDDEN_MEMBER, Counterparts, name_key
from planner.transfer.csvtable import CsvTable
from planner.transfer.linkedin_dates import parse_message_date
from planner.transfer.matching import url_key

COUNTS = (
    BY_URL,
    BY_NAME,
    "skipped: not a connection",
    "skipped: draft",
    "skipped: hidden member",
)
_URL_SPLIT = re.compile(r"[;,\s]+")
_DRAFT_FOLDERS = frozenset({"draft", "drafts"})


class CannotTell(Exception):
    """Which side of the messages is the user cannot be decided (the messages are not imported)."""


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    url: str = ""

    @property
    def key(self) -> str:
        """What identifies this party in a message's stable key."""
        return url_key(self.url) or "name:" + name_key(self.name)


@dataclass(slots=True)
class Message:
    """One row of a messages file, whatever its generation."""

    line: int
    conversation: str
    sender: Party
    recipients: list[Party]
    raw_date: str
    text: str
    draft: bool = False
    direction: str = ""  # "sent" / "received" when the file says (2018's Direction column)


@dataclass(slots=True)
class Me:
    """The user as the messages show them: names and profile URLs, and the rule that decided."""

    names: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    rule: str = ""
    shown: str = ""  # the name as the messages write it

    def is_me(self, party: Party) -> bool:
        key = url_key(party.url)
        if key and self.urls:
            return key in self.urls
        return name_key(party.name) in self.names

    def label(self) -> str:
        """The user's profile URLs, else their name."""
        return ", ".join(sorted(self.urls)) or self.shown or ", ".join(sorted(self.names))

    def describe(self) -> str:
        """Name and profile URLs, for the summary's note."""
        return ", ".join(p for p in (self.shown, *sorted(self.urls)) if p) or self.label()


# --- reading rows --------------------------------------------------------------------------------


def _urls(value: str) -> list[str]:
    if not value:
        return []
    if ";" not in value and "," not in value and " " not in value:
        return [value]
    return [u for u in _URL_SPLIT.split(value) if u]


def split_names(cell: str, known: Callable[[str], bool]) -> list[str]:
    """The names in a TO cell. Recipients are separated by commas, but a name may hold commas
    too ("Ann Lee, PhD"): the longest run of pieces that is a known name is taken as one."""
    cell = cell.strip()
    if not cell:
        return []
    if "," not in cell or known(cell):
        return [cell]
    spans, start = [], 0
    for m in re.finditer(",", cell):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(cell)))
    names, i = [], 0
    while i < len(spans):
        j = len(spans)
        while j > i + 1 and not known(cell[spans[i][0] : spans[j - 1][1]].strip()):
            j -= 1
        if name := cell[spans[i][0] : spans[j - 1][1]].strip():
            names.append(name)
        i = j
    return names


def read_messages(table: CsvTable, known: Callable[[str], bool]) -> list[Message]:
    """Every row of a messages table as a :class:`Message`.

    ``known`` tells whether a name is a person's (to split TO cells); the names of the file's
    senders count as known too.
    """
    col = table.columns.get
    keys = (
        "conversation id", "from", "sender profile url", "to", "recipient profile urls",
        "date", "subject", "content", "folder", "is message draft", "direction",
    )  # fmt: skip
    index = [col(k, -1) for k in keys]
    width = max(index) + 1
    at_from = index[1]
    senders = (
        {name_key(row[at_from].strip()) for _line, row in table.rows if len(row) > at_from}
        if at_from >= 0
        else set()
    )

    def is_name(name: str) -> bool:
        return name_key(name) in senders or known(name)

    messages = []
    for line, row in table.rows:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        conversation, sender, sender_url, to, recipient_urls, raw_date, subject, content = (
            row[i].strip() if i >= 0 else "" for i in index[:8]
        )
        folder, draft_flag, direction = (row[i].strip() if i >= 0 else "" for i in index[8:])
        text = f"{subject}\n\n{content}" if subject and content else subject or content
        urls = _urls(recipient_urls)
        names = split_names(to, is_name)
        if urls:
            if len(names) != len(urls):
                names = [names[0] if len(urls) == 1 and names else ""] * len(urls)
            recipients = [Party(n, u) for n, u in zip(names, urls, strict=True)]
        else:
            recipients = [Party(n) for n in names]
        messages.append(
            Message(
                line=line,
                conversation=conversation,
                sender=Party(sender, sender_url),
                recipients=recipients,
                raw_date=raw_date,
                text=text,
                draft=draft_flag.casefold() in ("yes", "true", "1")
                or folder.casefold() in _DRAFT_FOLDERS,
                direction={"OUTGOING": "sent", "INCOMING": "received"}.get(direction.upper(), ""),
            )
        )
    return messages


# --- who is the user -----------------------------------------------------------------------------


def _learn(me: Me, messages: Iterable[Message]) -> Me:
    """Add the URLs (or names) the user's own messages carry to what is known of them."""
    names: Counter[str] = Counter()
    for m in messages:
        for p in (m.sender, *m.recipients):
            if me.is_me(p):
                if key := url_key(p.url):
                    me.urls.add(key)
                if p.name:
                    names[p.name] += 1
    if names:
        shown = names.most_common(1)[0][0]
        me.shown = me.shown or shown
        if not me.names:
            me.names.add(name_key(shown))
    return me


def decide_me(
    messages: list[Message],
    *,
    me_option: str | None,
    profile_name: str,
    counterparts: Counterparts,
) -> Me:
    """Who the user is in these messages, by the first rule that can tell; raises CannotTell."""
    if me_option:
        if "/" in me_option or "linkedin.com" in me_option.casefold():
            me = _learn(Me(urls={url_key(me_option)}, rule=f"--me {me_option}"), messages)
            other = "--me NAME (this file may carry no profile URLs)"
        else:
            me = _learn(Me(names={name_key(me_option)}, rule=f"--me {me_option!r}"), messages)
            other = "the name exactly as the messages show it, or --me URL"
        directed = all(m.direction for m in messages)
        if not directed and not any(
            me.is_me(p) for m in messages for p in (m.sender, *m.recipients)
        ):
            raise CannotTell(f"--me {me_option}: on none of the messages; give {other}")
        return me
    if all(m.direction for m in messages):
        return Me(rule="the file's Direction column")
    names: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for m in messages:
        if len(m.recipients) == 1:  # the usual case: no set needed
            a, b = name_key(m.sender.name), name_key(m.recipients[0].name)
            names[a] += 1
            if b != a:
                names[b] += 1
        else:
            names.update({name_key(p.name) for p in (m.sender, *m.recipients)})
    del names[""]
    for m in messages:
        for p in (m.sender, *m.recipients):
            shown.setdefault(name_key(p.name), p.name)
    urls: Counter[str] = Counter()
    if not names or names.most_common(1)[0][1] <= len(messages) / 2:
        for m in messages:
            urls.update({url_key(p.url) for p in (m.sender, *m.recipients) if p.url})
    profile_note = ""
    if profile_name:
        key = name_key(profile_name)
        if names[key]:
            return _learn(
                Me(names={key}, rule=f"your name in Profile.csv, {profile_name!r}"), messages
            )
        profile_note = f"Profile.csv names you {profile_name!r}, but no message has that name; "
    half = len(messages) / 2
    for counts, kind in ((names, "name"), (urls, "profile")):
        if not counts:
            continue
        top = counts.most_common(3)
        best = top[0][1]
        if best <= half:
            continue
        tied = [k for k, n in top if n == best]
        if len(tied) > 1:  # a file of one conversation: the user is the one not a connection
            tied = [k for k in tied if not _is_connection(k, kind, counterparts)]
        if len(tied) != 1:
            raise CannotTell(
                f"{profile_note}cannot tell which side is you: "
                f"{' and '.join(repr(shown.get(k, k)) for k, _n in top if _n == best)} are "
                f"on the same number of messages; give yours with --me NAME or --me URL"
            )
        key = tied[0]
        where = f"the {kind} on the most messages ({best} of {len(messages)})"
        if kind == "name":
            hidden = " (your own name is hidden in this export)" if key == HIDDEN_MEMBER else ""
            me = Me(names={key}, rule=f"{profile_note}{where}, {shown.get(key, key)!r}{hidden}")
        else:
            me = Me(urls={key}, rule=f"{profile_note}{where}, {key}")
        return _learn(me, messages)
    top_name = names.most_common(1)
    detail = (
        f" (the most common, {shown.get(top_name[0][0])!r}, is on {top_name[0][1]} of "
        f"{len(messages)})"
        if top_name
        else ""
    )
    raise CannotTell(
        f"{profile_note}cannot tell which side is you: no name is on more than half of the "
        f"messages{detail}; give yours with --me NAME or --me URL"
    )


def _is_connection(key: str, kind: str, counterparts: Counterparts) -> bool:
    return key in counterparts.by_url if kind == "profile" else key in counterparts.by_name


# --- importing -----------------------------------------------------------------------------------


def message_ref(conversation: str, stamp: str, sender: str, other: str, text: str) -> str:
    """A stable key of one message to one person, so a re-import recognises it."""
    raw = "\x1f".join((conversation, stamp, sender, other, text)).encode("utf-8", "replace")
    return "li:" + hashlib.blake2b(raw, digest_size=10).hexdigest()


def import_messages(
    store: Store,
    table: CsvTable,
    report: ImportReport,
    *,
    me: str | None = None,
    profile_name: str = "",
) -> None:
    """Log each message as an interaction with each connection at the other end.

    Messages already imported (same conversation, time, sender, person and text) are unchanged.
    When the user's side cannot be told, nothing is imported and ``report.error`` says why.
    """
    counts = report.counts
    for key in COUNTS:
        counts.setdefault(key, 0)
    counterparts = Counterparts(store.connections.values())
    messages = read_messages(table, lambda n: counterparts.knows_name(n))
    if not messages:
        report.notes.append("no messages in this file")
        return
    try:
        who = decide_me(
            messages, me_option=me, profile_name=profile_name, counterparts=counterparts
        )
    except CannotTell as exc:
        report.error = f"{exc}; nothing imported from this file"
        return
    report.notes.append(
        f"sent or received decided by {who.rule} (you: {who.describe()}); if that is wrong, "
        "re-run with --me URL or --me NAME"
        if who.rule != "the file's Direction column"
        else "sent or received taken from the file's Direction column"
    )

    def skip(line: int, reason: str, count: str) -> None:
        report.skip(line, reason)
        counts[count] = counts.get(count, 0) + 1

    known_refs = {i.ref for i in store.interactions.values() if i.ref}
    repeats: Counter[str] = Counter()
    new: list[Interaction] = []
    progress = Progress(f"importing {report.source}", len(messages))
    for n, m in enumerate(messages):
        progress.update(n)
        if m.draft:
            skip(m.line, "a draft (never sent): not logged", "skipped: draft")
            continue
        on = parse_message_date(m.raw_date) if m.raw_date else None
        if on is None:
            skip(
                m.line,
                f"cannot read DATE {m.raw_date!r} (expected e.g. 2023-06-11 15:33:58 UTC)",
                "skipped: unreadable date",
            )
            continue
        if not m.sender.name and not m.sender.url and not m.recipients:
            skip(
                m.line,
                "no sender and no recipient in this row (a deleted account or a system message?)",
                "skipped: no one named",
            )
            continue
        if m.direction:
            direction = m.direction
            others = m.recipients if direction == "sent" else [m.sender]
        elif who.is_me(m.sender):
            direction = "sent"
            others = [r for r in m.recipients if not who.is_me(r)]
        elif any(who.is_me(r) for r in m.recipients) or not any(r.url for r in m.recipients):
            # Every message of your own export is from you or to you; exports before 2022
            # list no recipient URLs and often leave you out of a group's TO.
            direction, others = "received", [m.sender]
        else:
            skip(
                m.line,
                f"you ({who.label()}) are neither the sender nor a recipient",
                "skipped: not you",
            )
            continue
        if not others:
            hidden = name_key(m.sender.name) == HIDDEN_MEMBER
            skip(
                m.line,
                "LinkedIn Member: a member who hides their name; cannot tell who it is"
                if hidden
                else "no recipient named (an account since deleted?)",
                "skipped: hidden member" if hidden else "skipped: no one named",
            )
            continue
        found = [(o, counterparts.find(o.name, o.url)) for o in others]
        targets = [(o, f) for o, f in found if f.connection_id]
        if not targets:
            skip(m.line, found[0][1].reason, found[0][1].count)
            continue
        how = BY_URL if all(f.how == BY_URL for _o, f in targets) else BY_NAME
        counts[how] += 1
        added = 0
        for other, f in targets:
            ref = message_ref(m.conversation, m.raw_date, m.sender.key, other.key, m.text)
            repeats[ref] += 1
            if repeats[ref] > 1:  # the same text twice in the same second: keep both
                ref = f"{ref}#{repeats[ref]}"
            if ref in known_refs:
                continue
            known_refs.add(ref)
            new.append(
                Interaction(
                    id=store.new_id("interactions"),
                    connection_id=f.connection_id,
                    date=on,
                    direction=direction,
                    channel="linkedin",
                    text=m.text,
                    ref=ref,
                )
            )
            added += 1
        if added:
            report.added += 1
        else:
            report.unchanged += 1
    progress.finish()
    store.put_many(new)
