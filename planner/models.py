"""The domain model: connections, interactions, planned messages and occasions.

Plain dataclasses with validation. Each has ``to_doc()`` (the JSON-ready dict stored in the
data file) and ``from_doc()``. Dates are ``datetime.date``; in documents they are ISO strings.
Invalid values raise :class:`ValidationError` with a message a person can act on.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

from planner.dates import LAST_DAY, out_of_range, parse_duration

CHANNELS = ("linkedin", "email", "phone", "meeting", "other")
DIRECTIONS = ("sent", "received")
PLAN_STATUSES = ("pending", "done", "skipped", "status-update")  # the last: a draft
#: to post as a status update (kept out of the agenda, listed in Schedule)

MAX_CADENCE = 999  # units in a cadence, at most
_BIRTHDAY_RE = re.compile(r"^(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})$")


class ValidationError(ValueError):
    """A value a person typed (or a file held) is not acceptable; the message says why."""


# --- small value types --------------------------------------------------------------------------


def parse_iso_date(value: str, what: str = "date") -> date:
    """Parse ``YYYY-MM-DD`` strictly; raise ValidationError naming ``what`` otherwise."""
    try:
        day = date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError(f"bad {what} {value!r}: use YYYY-MM-DD, e.g. 2026-03-15") from None
    _check_range(day, what)
    return day


def _check_range(day: date | None, what: str) -> None:
    """Raise ValidationError when ``day`` is past the last day outreach handles."""
    if isinstance(day, date) and day > LAST_DAY:
        raise ValidationError(out_of_range(day, what))


def _opt_date(value: Any, what: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return parse_iso_date(str(value), what)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _no_such_day(month: object, day: object, year: object) -> str:
    """Why month/day (in year) is not a day, in words: "February has no 30th"."""
    if not isinstance(month, int) or not isinstance(day, int):
        return "use YYYY-MM-DD or MM-DD, e.g. 1988-02-29 or 02-29"
    if not 1 <= month <= 12:
        return f"there is no month {month} (months go from 01 to 12)"
    name = MONTH_NAMES[month - 1]
    if month == 2 and day == 29 and isinstance(year, int):
        return f"{year} is not a leap year: February {year} has no 29th"
    days = 29 if month == 2 else calendar.monthrange(2000, month)[1]
    if day < 1:
        return f"day {day} is not a day of the month (use 01 to {days})"
    most = " at most" if month == 2 else ""
    return f"{name} has no {_ordinal(day)} (it has {days} days{most})"


@dataclass(frozen=True, slots=True)
class Birthday:
    """A birthday: month and day, the year when known."""

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        leap_year = 2000  # validate month/day against a leap year so 29 Feb is allowed
        try:
            date(self.year or leap_year, self.month, self.day)
        except (ValueError, TypeError):
            raise ValidationError(
                f"bad birthday {self.month:02d}-{self.day:02d}"
                + (f" in {self.year}" if self.year else "")
                + f": {_no_such_day(self.month, self.day, self.year)}"
            ) from None

    @classmethod
    def parse(cls, value: str) -> Birthday:
        """Accept ``YYYY-MM-DD``, ``MM-DD`` or ``--MM-DD`` (the vCard/ISO form without a year)."""
        m = _BIRTHDAY_RE.match(value.strip()) if isinstance(value, str) else None
        if not m:
            raise ValidationError(
                f"bad birthday {value!r}: use YYYY-MM-DD or MM-DD, e.g. 1988-02-29 or 02-29"
            )
        year, month, day = m.groups()
        return cls(int(month), int(day), int(year) if year else None)

    def iso(self) -> str:
        """``YYYY-MM-DD`` with a year, ``--MM-DD`` without."""
        md = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{md}" if self.year else f"--{md}"


def parse_cadence(value: str | None) -> str | None:
    """Normalise a keep-in-touch cadence (``2w``, ``1m``, ``3m``, ``6m``, ``1y``, ``10d``...).

    ``none``, empty and None mean no cadence. Anything else raises ValidationError.
    """
    if value is None or str(value).strip().lower() in ("", "none", "never", "off"):
        return None
    parsed = parse_duration(str(value))
    if parsed is None or not 0 < parsed[0] <= MAX_CADENCE:
        raise ValidationError(
            f"unknown cadence {value!r}: use a number and a unit, e.g. 2w, 1m, 3m, 6m, 1y, or none"
        )
    return f"{parsed[0]}{parsed[1]}"


def cadence_parts(cadence: str) -> tuple[int, str]:
    """Split a normalised cadence into (count, unit) with unit in d/w/m/y."""
    return int(cadence[:-1]), cadence[-1]


def split_name(full: str) -> tuple[str, str]:
    """Split "First Last" into (first, last); a single word is a first name."""
    parts = full.strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def _clean(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _tags(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    seen: dict[str, None] = {}
    for tag in value:
        tag = _clean(tag)
        if tag:
            seen.setdefault(tag, None)
    return list(seen)


EVENT_KINDS = ("skip", "role", "dismiss")


def _events(value: Any) -> list[dict[str, Any]]:
    """A connection's history entries: dicts with an ISO ``on`` day and a known ``kind``."""
    if not value:
        return []
    if not isinstance(value, list):
        raise ValidationError("a connection's events must be a list")
    out = []
    for event in value:
        if not isinstance(event, dict) or event.get("kind") not in EVENT_KINDS:
            raise ValidationError(
                f"bad connection event {event!r}: each needs a kind ({', '.join(EVENT_KINDS)})"
            )
        parse_iso_date(str(event.get("on", "")), "event date")
        out.append({str(k): v for k, v in event.items()})
    return out


# --- records -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Connection:
    """A person in the user's network."""

    id: str
    first_name: str
    last_name: str = ""
    company: str = ""
    position: str = ""
    email: str = ""
    url: str = ""
    how_we_know: str = ""
    connected_on: date | None = None
    tags: list[str] = field(default_factory=list)
    birthday: Birthday | None = None
    cadence: str | None = None
    no_bulk: bool = False
    notes: str = ""
    # Person-level state for the morning list (see planner.morning): open-ended items wait
    # until this day; and the person's history entries (skips, role changes, dismissals).
    snoozed_until: date | None = None
    events: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.first_name = _clean(self.first_name)
        self.last_name = _clean(self.last_name)
        if not self.first_name and not self.last_name:
            raise ValidationError("a connection needs a name: give at least a first or last name")
        if not self.first_name:  # "Madonna" style single names live in first_name
            self.first_name, self.last_name = self.last_name, ""
        for attr in ("company", "position", "email", "url", "how_we_know", "notes"):
            setattr(self, attr, _clean(getattr(self, attr)))
        self.tags = _tags(self.tags)
        self.cadence = parse_cadence(self.cadence)
        self.no_bulk = bool(self.no_bulk)
        _check_range(self.connected_on, "connected-on date")
        _check_range(self.snoozed_until, "snooze date")
        self.events = _events(self.events)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "company": self.company,
            "position": self.position,
            "email": self.email,
            "url": self.url,
            "how_we_know": self.how_we_know,
            "connected_on": _iso(self.connected_on),
            "tags": list(self.tags),
            "birthday": self.birthday.iso() if self.birthday else None,
            "cadence": self.cadence,
            "no_bulk": self.no_bulk,
            "notes": self.notes,
            **({"snoozed_until": self.snoozed_until.isoformat()} if self.snoozed_until else {}),
            **({"events": [dict(e) for e in self.events]} if self.events else {}),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Connection:
        fast = _connection_fast(cls, doc)
        if fast is not None:
            return fast
        bday = doc.get("birthday")
        return cls(
            id=str(doc["id"]),
            first_name=doc.get("first_name", ""),
            last_name=doc.get("last_name", ""),
            company=doc.get("company", ""),
            position=doc.get("position", ""),
            email=doc.get("email", ""),
            url=doc.get("url", ""),
            how_we_know=doc.get("how_we_know", ""),
            connected_on=_opt_date(doc.get("connected_on"), "connected-on date"),
            tags=doc.get("tags") or [],
            birthday=Birthday.parse(bday) if bday else None,
            cadence=doc.get("cadence"),
            no_bulk=doc.get("no_bulk", False),
            notes=doc.get("notes", ""),
            snoozed_until=_opt_date(doc.get("snoozed_until"), "snooze date"),
            events=doc.get("events") or [],
        )

    def updated(self, **changes: Any) -> Connection:
        """A validated copy with ``changes`` applied."""
        return replace(self, **changes)


Day = date  # for annotations inside Interaction, whose field ``date`` hides the type


@dataclass(slots=True)
class Interaction:
    """One message or meeting with one connection, sent or received."""

    id: str
    connection_id: str
    date: date
    direction: str = "sent"
    channel: str = "other"
    text: str = ""
    follow_up_on: Day | None = None  # ask for one nudge on this date unless they reply first
    ref: str = ""  # stable key of an imported message (e.g. a LinkedIn export row): no duplicates

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValidationError(f"unknown direction {self.direction!r}: use sent or received")
        self.channel = _clean(self.channel).lower() or "other"
        if self.channel not in CHANNELS:
            raise ValidationError(
                f"unknown channel {self.channel!r}: use one of {', '.join(CHANNELS)}"
            )
        if not isinstance(self.date, date):
            raise ValidationError(f"bad interaction date {self.date!r}")
        _check_range(self.date, "interaction date")
        _check_range(self.follow_up_on, "follow-up date")

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "connection_id": self.connection_id,
            "date": self.date.isoformat(),
            "direction": self.direction,
            "channel": self.channel,
            "text": self.text,
            "follow_up_on": _iso(self.follow_up_on),
            **({"ref": self.ref} if self.ref else {}),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Interaction:
        fast = _interaction_fast(cls, doc)
        if fast is not None:
            return fast
        return cls(
            id=str(doc["id"]),
            connection_id=str(doc["connection_id"]),
            date=parse_iso_date(doc["date"], "interaction date"),
            direction=doc.get("direction", "sent"),
            channel=doc.get("channel", "other"),
            text=doc.get("text", ""),
            follow_up_on=_opt_date(doc.get("follow_up_on"), "follow-up date"),
            ref=str(doc.get("ref") or ""),
        )


@dataclass(slots=True)
class Plan:
    """A planned personal message: one text, due on a date, optionally recurring.

    ``text`` may be empty for a greeting-round item that is still "to write"; such a plan
    cannot be marked done. ``recurrence`` is an RFC 5545 RRULE (``FREQ=YEARLY`` for yearly).
    """

    id: str
    recipients: list[str]
    due: date
    text: str = ""
    recurrence: str | None = None
    status: str = "pending"
    label: str = ""
    snoozed_until: date | None = None
    created_on: date | None = None

    def __post_init__(self) -> None:
        if not self.recipients:
            raise ValidationError("a planned message needs at least one recipient")
        if self.status not in PLAN_STATUSES:
            raise ValidationError(f"unknown plan status {self.status!r}")
        self.recurrence = self.recurrence or None
        _check_range(self.due, "due date")
        _check_range(self.snoozed_until, "snooze date")

    @property
    def effective_due(self) -> date:
        """The day it shows up in the agenda: the snooze date when snoozed."""
        return self.snoozed_until or self.due

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "recipients": list(self.recipients),
            "due": self.due.isoformat(),
            "text": self.text,
            "recurrence": self.recurrence,
            "status": self.status,
            "label": self.label,
            "snoozed_until": _iso(self.snoozed_until),
            "created_on": _iso(self.created_on),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Plan:
        fast = _plan_fast(cls, doc)
        if fast is not None:
            return fast
        return cls(
            id=str(doc["id"]),
            recipients=[str(r) for r in doc.get("recipients", [])],
            due=parse_iso_date(doc["due"], "plan due date"),
            text=doc.get("text", ""),
            recurrence=doc.get("recurrence"),
            status=doc.get("status", "pending"),
            label=doc.get("label", ""),
            snoozed_until=_opt_date(doc.get("snoozed_until"), "snooze date"),
            created_on=_opt_date(doc.get("created_on"), "created date"),
        )


@dataclass(slots=True)
class Occasion:
    """A yearly date (``month``/``day``, optional ``year``) or an RRULE, for one connection."""

    id: str
    connection_id: str
    label: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    rrule: str | None = None
    lead_days: int = 0

    def __post_init__(self) -> None:
        self.label = _clean(self.label)
        if not self.label:
            raise ValidationError("an occasion needs a label, e.g. --label 'started at Acme'")
        if self.rrule is None:
            if self.month is None or self.day is None:
                raise ValidationError("an occasion needs a date (MM-DD or YYYY-MM-DD) or an RRULE")
            Birthday(self.month, self.day, self.year)  # same validation as a birthday
        if self.lead_days < 0:
            raise ValidationError("a lead time cannot be negative")

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "connection_id": self.connection_id,
            "label": self.label,
            "month": self.month,
            "day": self.day,
            "year": self.year,
            "rrule": self.rrule,
            "lead_days": self.lead_days,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Occasion:
        return cls(
            id=str(doc["id"]),
            connection_id=str(doc["connection_id"]),
            label=doc.get("label", ""),
            month=doc.get("month"),
            day=doc.get("day"),
            year=doc.get("year"),
            rrule=doc.get("rrule"),
            lead_days=int(doc.get("lead_days") or 0),
        )


# --- fast loading ---------------------------------------------------------------------------------
# A 30,000-person network has ~170,000 records; building each through its validating __init__
# dominated the load time. A document written by ``to_doc`` is already in canonical form, so
# these paths check that cheaply (exact types, known values, ISO dates) and fill the slots
# directly. Anything else returns None and goes through the validating constructor, so the
# result and every error message are exactly those of the slow path.

_fromiso = date.fromisoformat
_DIRECTION_SET = frozenset(DIRECTIONS)
_CHANNEL_SET = frozenset(CHANNELS)
_STATUS_SET = frozenset(PLAN_STATUSES)
_birthday_cache: dict[str, Birthday] = {}  # Birthday is frozen: instances can be shared
_cadence_cache: dict[str, str | None] = {}


def _fast_date(value: Any) -> date | None | Literal[False]:
    """None for no date, a date for a canonical ISO string, False for anything else."""
    if value is None or value == "":
        return None
    if type(value) is not str:
        return False
    try:
        day = _fromiso(value)
    except ValueError:
        return False
    return day if day <= LAST_DAY else False


def _connection_fast(cls: type[Connection], doc: dict[str, Any]) -> Connection | None:
    get = doc.get
    cid = get("id")
    first = get("first_name", "")
    last = get("last_name", "")
    company = get("company", "")
    position = get("position", "")
    email = get("email", "")
    url = get("url", "")
    how = get("how_we_know", "")
    notes = get("notes", "")
    if not (
        type(cid) is str
        and type(first) is str
        and type(last) is str
        and type(company) is str
        and type(position) is str
        and type(email) is str
        and type(url) is str
        and type(how) is str
        and type(notes) is str
    ):
        return None
    first = first.strip()
    if not first:  # empty names and single last names: let the constructor decide
        return None
    connected = _fast_date(get("connected_on"))
    if connected is False:
        return None
    bday = get("birthday")
    birthday = None
    if bday:
        if type(bday) is not str:
            return None
        birthday = _birthday_cache.get(bday)
        if birthday is None:
            try:
                birthday = _birthday_cache.setdefault(bday, Birthday.parse(bday))
            except ValidationError:
                return None
    given = get("cadence")
    cadence = None
    if given is not None:
        if type(given) is not str:
            return None
        try:
            cadence = _cadence_cache[given]
        except KeyError:
            try:
                cadence = _cadence_cache.setdefault(given, parse_cadence(given))
            except ValidationError:
                return None
    tags = get("tags")
    if tags:
        try:
            tags = _tags(tags)
        except (TypeError, AttributeError):
            return None
    else:
        tags = []
    obj = object.__new__(cls)
    obj.id = cid
    obj.first_name = first
    obj.last_name = last.strip()
    obj.company = company.strip()
    obj.position = position.strip()
    obj.email = email.strip()
    obj.url = url.strip()
    obj.how_we_know = how.strip()
    obj.notes = notes.strip()
    obj.connected_on = connected
    obj.tags = tags
    obj.birthday = birthday
    obj.cadence = cadence
    obj.no_bulk = bool(get("no_bulk", False))
    snoozed = get("snoozed_until")
    if snoozed is not None:
        snoozed = _fast_date(snoozed)
        if snoozed is False:
            return None
    obj.snoozed_until = snoozed
    events = get("events")
    if events:
        try:
            events = _events(events)
        except ValidationError:
            return None
    obj.events = events or []
    return obj


def _interaction_fast(cls: type[Interaction], doc: dict[str, Any]) -> Interaction | None:
    get = doc.get
    iid = get("id")
    cid = get("connection_id")
    direction = get("direction", "sent")
    channel = get("channel", "other")
    ref = get("ref") or ""
    when = get("date")
    if (
        type(iid) is not str
        or type(cid) is not str
        or type(when) is not str
        or type(direction) is not str
        or type(channel) is not str
        or type(ref) is not str
        or direction not in _DIRECTION_SET
        or channel not in _CHANNEL_SET
    ):
        return None
    try:
        when = _fromiso(when)
    except ValueError:
        return None
    if when > LAST_DAY:
        return None  # the slow path says why
    follow_on = get("follow_up_on")
    follow = None if follow_on is None else _fast_date(follow_on)
    if follow is False:
        return None
    obj = object.__new__(cls)
    obj.id = iid
    obj.connection_id = cid
    obj.date = when
    obj.direction = direction
    obj.channel = channel
    obj.text = get("text", "")
    obj.follow_up_on = follow
    obj.ref = ref
    return obj


def _plan_fast(cls: type[Plan], doc: dict[str, Any]) -> Plan | None:
    get = doc.get
    pid = get("id")
    recipients = get("recipients", [])
    status = get("status", "pending")
    due = get("due")
    if (
        type(pid) is not str
        or type(recipients) is not list
        or not recipients
        or type(due) is not str
        or type(status) is not str
        or status not in _STATUS_SET
    ):
        return None
    try:
        due = _fromiso(due)
    except ValueError:
        return None
    if due > LAST_DAY:
        return None  # the slow path says why
    snoozed = _fast_date(get("snoozed_until"))
    created = _fast_date(get("created_on"))
    if snoozed is False or created is False:
        return None
    obj = object.__new__(cls)
    obj.id = pid
    obj.recipients = list(map(str, recipients))
    obj.due = due
    obj.text = get("text", "")
    obj.recurrence = get("recurrence") or None
    obj.status = status
    obj.label = get("label", "")
    obj.snoozed_until = snoozed
    obj.created_on = created
    return obj
