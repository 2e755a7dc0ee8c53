"""Recognising a person who is already in the network, and updating them without losing edits.

Matching order (the import contract): profile URL, then email, then exact name plus company.
A match by email or by name is refused when the two records carry different profile URLs or
different emails: a missed match shows up in ``outreach dupes``; a wrong merge cannot be undone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any
from urllib.parse import unquote

from planner.links import link_problem
from planner.models import Connection, ValidationError
from planner.storage import Store
from planner.text import safe
from planner.transfer import Change, ImportReport

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")

# Fields a source such as LinkedIn owns: a newer export updates them.
SOURCE_FIELDS = ("company", "position")
# Fields only ever filled when empty: what the user wrote is never overwritten.
FILL_FIELDS = (
    "email",
    "url",
    "connected_on",
    "how_we_know",
    "tags",
    "birthday",
    "cadence",
    "notes",
    "no_bulk",
)


@functools.lru_cache(maxsize=1 << 16)  # a messages.csv repeats the same few thousand URLs
def url_key(url: str) -> str:
    """A profile URL reduced to what identifies it: no scheme, ``www.``, query or trailing
    slash, any case, percent-escapes decoded, LinkedIn's country hosts folded together."""
    u = url.strip()
    if not u:
        return ""
    if "%" in u:
        u = unquote(u)
    u = u.casefold()
    if "://" in u:
        u = _SCHEME.sub("", u)
    if "?" in u or "#" in u:
        u = u.split("#", 1)[0].split("?", 1)[0]
    host, _, path = u.partition("/")
    if host.startswith("www."):
        host = host[4:]
    if host.endswith(".linkedin.com"):
        host = "linkedin.com"
    path = path.rstrip("/")
    return f"{host}/{path}" if path else host


def email_key(email: str) -> str:
    return email.strip().casefold()


def name_key(name: str, company: str) -> str:
    return " ".join(name.casefold().split()) + "\x1f" + " ".join(company.casefold().split())


def conflicting(a: Connection, b_url: str, b_email: str) -> bool:
    """True when the records name different profiles or different emails."""
    ua, ub = url_key(a.url), url_key(b_url)
    ea, eb = email_key(a.email), email_key(b_email)
    return bool((ua and ub and ua != ub) or (ea and eb and ea != eb))


class Matcher:
    """Indexes of a set of connections by URL, email and name+company (ids, first one wins)."""

    def __init__(self, connections: Iterable[Connection]) -> None:
        self.current: dict[str, Connection] = {}
        self.by_url: dict[str, str] = {}
        self.by_email: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        for conn in connections:
            self.add(conn)

    def add(self, conn: Connection) -> None:
        """Index ``conn`` (or its updated version: the id stays, the keys are added)."""
        self.current[conn.id] = conn
        if key := url_key(conn.url):
            self.by_url.setdefault(key, conn.id)
        if key := email_key(conn.email):
            self.by_email.setdefault(key, conn.id)
        ids = self.by_name.setdefault(name_key(conn.name, conn.company), [])
        if conn.id not in ids:
            ids.append(conn.id)

    def find(self, *, url: str, email: str, name: str, company: str) -> Connection | None:
        """The connection these details describe, or None."""
        if (key := url_key(url)) and key in self.by_url:
            return self.current[self.by_url[key]]
        if (key := email_key(email)) and key in self.by_email:
            conn = self.current[self.by_email[key]]
            if not conflicting(conn, url, email):
                return conn
        for cid in self.by_name.get(name_key(name, company), ()):
            conn = self.current[cid]
            if not conflicting(conn, url, email):
                return conn
        return None


def _blank(value: Any) -> bool:
    return value in (None, "", [], False)


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(value)
    if hasattr(value, "iso"):
        return value.iso()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def merge_incoming(
    existing: Connection, incoming: dict[str, Any]
) -> tuple[Connection, list[Change]]:
    """``existing`` updated with an imported record's fields, and what changed.

    Company and position follow the file when it has a value; every other field is only filled
    when empty, so notes, tags, cadence, birthday, no-bulk and how-we-know stay as the user left
    them. Names are never changed.
    """
    updates: dict[str, Any] = {}
    for attr in SOURCE_FIELDS:
        new = incoming.get(attr)
        if not _blank(new) and new != getattr(existing, attr):
            updates[attr] = new
    for attr in FILL_FIELDS:
        new = incoming.get(attr)
        if not _blank(new) and _blank(getattr(existing, attr)):
            updates[attr] = new
    if not updates:
        return existing, []
    changes = [
        Change(existing.id, existing.name, attr, _show(getattr(existing, attr)), _show(new))
        for attr, new in updates.items()
    ]
    return replace(existing, **updates), changes


class Upserter:
    """Adds or updates connections from an import, one record at a time, and counts in a report.

    Records are collected in memory and handed to the store in one ``put_many`` by
    :meth:`commit`; a record matching one added earlier from the same file is skipped as a repeat.
    """

    def __init__(self, store: Store, report: ImportReport) -> None:
        self.store = store
        self.report = report
        self.matcher = Matcher(store.connections.values())
        self.pending: dict[str, Connection] = {}
        self.added_on_line: dict[str, int] = {}
        self.key_of: dict[str, str] = {}  # connection id -> the file's own key (vCard UID)
        self.line_of_key: dict[str, int] = {}

    def take(
        self, line: int, first: str, last: str, fields: dict[str, Any], *, key: str = ""
    ) -> None:
        """Import one person read at ``line``; ``fields`` are Connection fields besides names.

        ``key`` is the record's own identifier in the file when it has one (a vCard UID): two
        records with the same key are the same person, two with different keys are not, even
        when their names match.
        """
        report = self.report
        if key and key in self.line_of_key:
            report.skip(line, f"same person as line {self.line_of_key[key]} (same UID)")
            return
        name = f"{first} {last}".strip()
        existing = self.matcher.find(
            url=fields.get("url") or "",
            email=fields.get("email") or "",
            name=name,
            company=fields.get("company") or "",
        )
        if existing is not None and existing.id in self.added_on_line:
            other_key = self.key_of.get(existing.id, "")
            if not (key and other_key and key != other_key):
                report.skip(line, f"same person as line {self.added_on_line[existing.id]}")
                return
            existing = None  # the same name, but the file says another person
        if existing is None:
            try:
                conn = Connection(
                    id=self.store.new_id("connections"), first_name=first, last_name=last, **fields
                )
            except ValidationError as exc:
                report.skip(line, str(exc))
                return
            self.added_on_line[conn.id] = line
            if key:
                self.key_of[conn.id] = key
                self.line_of_key[key] = line
            report.added += 1
        else:
            try:
                conn, changes = merge_incoming(existing, fields)
            except ValidationError as exc:
                report.skip(line, str(exc))
                return
            if not changes:
                report.unchanged += 1
                return
            report.updated += 1
            report.changes.extend(changes)
        self.pending[conn.id] = conn
        self.matcher.add(conn)
        if conn.url and (problem := link_problem(conn.url)) is not None:
            report.notes.append(
                f"line {line}: {safe(conn.name)}: profile URL kept, but 'o' will not open it: "
                f"{problem}"
            )

    def commit(self) -> None:
        self.store.put_many(self.pending.values())
