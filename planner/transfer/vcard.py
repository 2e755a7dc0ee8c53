"""vCard address books (3.0 and 4.0 in, 3.0 out), with vobject doing the format work.

Reading uses vobject's line layer (unfolding, the content-line grammar, parameter parsing,
backslash unescaping of text and structured values) and maps the properties outreach keeps;
building a full vobject component per card costs about 0.6 ms, too slow for a 30,000-card
address book, while the line layer reads one in about 1-2 s. Writing escapes and folds with
vobject's helpers; the tests read our output back with ``vobject.readOne``.

Kept both ways: FN/N, ORG, TITLE, EMAIL, URL, BDAY (with or without a year), NOTE, CATEGORIES,
and outreach's own fields as ``X-OUTREACH-*`` properties (how we know, cadence, no-bulk,
connected-on), so export followed by import loses nothing.
"""

from __future__ import annotations

import io
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vobject.base import ParseError, backslashEscape, foldOneLine, getLogicalLines, parseLine
from vobject.icalendar import stringToTextValues
from vobject.vcard import splitFields

from planner.models import Birthday, Connection, ValidationError, parse_cadence, split_name
from planner.store import Store
from planner.transfer import ImportReport, NotRecognised, Progress
from planner.transfer.matching import Upserter, url_key
from planner.transfer.textfile import read_text

WHAT = "a vCard file (.vcf)"
KIND = "vCard"
X_HOW = "X-OUTREACH-HOW"
X_CADENCE = "X-OUTREACH-CADENCE"
X_NO_BULK = "X-OUTREACH-NO-BULK"
X_CONNECTED = "X-OUTREACH-CONNECTED"
APPLE_NO_YEAR = 1604  # Apple Contacts' stand-in year for a birthday without one

_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPABLE = '\\;,"'
_BDAY = re.compile(r"^(?:(\d{4})-?|--)(\d{2})-?(\d{2})(?:T.*)?$")


@dataclass(slots=True)
class Card:
    """One card: its first line in the file and its properties by NAME (params, raw value)."""

    line: int
    props: dict[str, list[tuple[dict[str, list[str]], str]]] = field(default_factory=dict)
    error: str = ""

    def add(self, name: str, params: dict[str, list[str]], value: str) -> None:
        self.props.setdefault(name, []).append((params, value))

    def all(self, name: str) -> list[tuple[dict[str, list[str]], str]]:
        return self.props.get(name, [])

    def first(self, name: str) -> tuple[dict[str, list[str]], str] | None:
        found = self.props.get(name)
        return found[0] if found else None


# --- reading -------------------------------------------------------------------------------------


def read_cards(path: Path) -> list[Card]:
    """Every card in ``path``; raises NotRecognised when it holds none."""
    text = read_text(path, WHAT).text
    cards = parse_cards(text)
    if not cards:
        raise NotRecognised(f"{path}: not {WHAT}: no BEGIN:VCARD line")
    return cards


def _logical_lines(text: str) -> Iterator[tuple[str, int]]:
    """Unfolded lines with the number of the physical line each starts on (RFC 6350 3.2:
    a line starting with a space or tab continues the previous one)."""
    current: list[str] = []
    start = 0
    for number, physical in enumerate(text.splitlines(), 1):
        if physical[:1] in (" ", "\t") and current:
            current.append(physical[1:])
            continue
        if current:
            yield "".join(current), start
        current, start = [physical], number
    if current:
        yield "".join(current), start


def _property(line: str, number: int) -> tuple[str, dict[str, list[str]], str]:
    """(NAME, params, value) of a content line; lines with parameters go through vobject."""
    head, sep, value = line.partition(":")
    if sep and ";" not in head and '"' not in head:
        return head.rsplit(".", 1)[-1].upper(), {}, value  # NAME:value or group.NAME:value
    name, raw_params, value, _group = parseLine(line, number)
    return name.upper(), {p[0].upper(): p[1:] for p in raw_params}, value


def parse_cards(text: str) -> list[Card]:
    """Split ``text`` into cards; a line that is not a property marks its card bad.

    vCard 2.1 files with quoted-printable values are unfolded by vobject (soft line breaks).
    """
    if "quoted-printable" in text.casefold():
        lines: Iterable[tuple[str, int]] = (
            (line, max(n, 1)) for line, n in getLogicalLines(io.StringIO(text))
        )
    else:
        lines = _logical_lines(text)
    cards: list[Card] = []
    card: Card | None = None
    for line, number in lines:
        if not line.strip():
            continue
        head = line[:12].upper()
        if head.startswith("BEGIN:VCARD"):
            if card is not None:
                card.error = card.error or "no END:VCARD before the next card"
                cards.append(card)
            card = Card(number)
            continue
        if card is None:
            continue  # text outside any card
        if head.startswith("END:VCARD"):
            cards.append(card)
            card = None
            continue
        if card.error:
            continue
        try:
            name, params, value = _property(line, number)
        except ParseError:
            card.error = f"line {number}: not a vCard property line: {line[:60]!r}"
            continue
        if params and "QUOTED-PRINTABLE" in {
            v.upper() for v in params.get("ENCODING", []) + list(params)
        }:
            value = _unquote_printable(value, (params.get("CHARSET") or ["utf-8"])[0])
        card.add(name, params, value)
    if card is not None:
        card.error = "the file ends inside this card (no END:VCARD)"
        cards.append(card)
    return cards


def _unquote_printable(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("latin-1", "replace"))
    try:
        return raw.decode(charset, "replace").replace("\r\n", "\n")
    except LookupError:
        return raw.decode("utf-8", "replace").replace("\r\n", "\n")


def unescape(value: str) -> str:
    """Undo vCard TEXT escapes (``\\n``, ``\\,``, ``\\;``, ``\\\\``) exactly as vobject's
    ``stringToTextValues`` does, without its per-character state machine (30x faster)."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_unescaped, value)


def _unescaped(m: re.Match[str]) -> str:
    char = m.group(1)
    if char in "nN":
        return "\n"
    return char if char in _ESCAPABLE else m.group(0)


def _text(value: str) -> str:
    """A TEXT value with vCard backslash escapes undone."""
    return unescape(value).strip()


def _list(value: str) -> list[str]:
    """A comma-separated TEXT list (CATEGORIES)."""
    items = value.split(",") if "\\" not in value else stringToTextValues(value, listSeparator=",")
    return [v.strip() for v in items if v.strip()]


def _fields(value: str) -> list[Any]:
    """A structured value (N, ORG) split on ``;`` (and ``,`` within a component)."""
    if "\\" not in value:
        return [p.split(",") if "," in p else p for p in value.split(";")]
    return splitFields(value)


def _component(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(v for v in value if v).strip()
    return str(value).strip()


def parse_bday(params: dict[str, list[str]], value: str) -> Birthday | None:
    """BDAY in any form seen in the wild: ``1988-02-29``, ``19880229``, ``--0229``,
    ``--02-29``, a date-time, and Apple's year 1604 for "no year". None when unreadable."""
    if "TEXT" in {v.upper() for v in params.get("VALUE", [])}:
        return None
    m = _BDAY.match(value.strip())
    if not m:
        return None
    year_text, month, day = m.groups()
    year = int(year_text) if year_text else None
    omit = params.get("X-APPLE-OMIT-YEAR")
    if year is not None and (year in (0, APPLE_NO_YEAR) or (omit and str(year) == omit[0])):
        year = None
    try:
        return Birthday(int(month), int(day), year)
    except ValidationError:
        return None


def _preferred(options: list[tuple[dict[str, list[str]], str]], prefer: Any = None) -> str:
    """The value marked preferred (TYPE=pref in 3.0, PREF=1 in 4.0), else ``prefer``'s, else
    the first."""
    values = [(p, _text(v)) for p, v in options if _text(v)]
    if not values:
        return ""
    for params, value in values:
        types = {t.upper() for vs in params.get("TYPE", []) for t in vs.split(",")}
        if "PREF" in types or params.get("PREF", ["9"])[0] == "1":
            return value
    if prefer is not None:
        for _params, value in values:
            if prefer(value):
                return value
    return values[0][1]


def card_fields(card: Card, report: ImportReport) -> tuple[str, str, dict[str, Any]] | str:
    """(first, last, other Connection fields) of a card, or the reason it cannot be taken."""
    first = last = ""
    if n := card.first("N"):
        parts = _fields(n[1]) + ["", ""]
        last, first = _component(parts[0]), _component(parts[1])
    if not first and not last and (fn := card.first("FN")):
        first, last = split_name(_text(fn[1]))
    company = ""
    if org := card.first("ORG"):
        company = _component(_fields(org[1])[0])
    if not first and not last:
        return f"no name (no FN or N){f'; ORG {company}' if company else ''}"
    fields: dict[str, Any] = {
        "company": company,
        "position": _text(t[1]) if (t := card.first("TITLE")) else "",
        "email": _preferred(card.all("EMAIL")),
        "url": _preferred(card.all("URL"), prefer=lambda u: "linkedin.com" in url_key(u)),
        "notes": "\n".join(_text(v) for _p, v in card.all("NOTE") if _text(v)),
        "tags": [t for _p, v in card.all("CATEGORIES") for t in _list(v)],
        "how_we_know": _text(h[1]) if (h := card.first(X_HOW)) else "",
    }
    if bday := card.first("BDAY"):
        fields["birthday"] = parse_bday(*bday)
        if fields["birthday"] is None and bday[1].strip():
            report.notes.append(
                f"line {card.line}: cannot read BDAY {bday[1]!r}; imported without a birthday"
            )
    if cad := card.first(X_CADENCE):
        try:
            fields["cadence"] = parse_cadence(_text(cad[1]))
        except ValidationError as exc:
            report.notes.append(f"line {card.line}: {exc}; imported without a cadence")
    if nb := card.first(X_NO_BULK):
        fields["no_bulk"] = _text(nb[1]).upper() in ("TRUE", "YES", "1")
    if conn_on := card.first(X_CONNECTED):
        try:
            fields["connected_on"] = date.fromisoformat(_text(conn_on[1]))
        except ValueError:
            report.notes.append(f"line {card.line}: bad {X_CONNECTED} {conn_on[1]!r}; ignored")
    return first, last, fields


def import_cards(store: Store, cards: list[Card], source: str) -> ImportReport:
    """Add or update a connection per card of file ``source`` (memory only: the caller saves)."""
    report = ImportReport(source, KIND)
    upsert = Upserter(store, report)
    progress = Progress("importing vCards", len(cards))
    for n, card in enumerate(cards):
        progress.update(n)
        if card.error:
            report.skip(card.line, card.error)
            continue
        got = card_fields(card, report)
        if isinstance(got, str):
            report.skip(card.line, got)
            continue
        first, last, fields = got
        upsert.take(card.line, first, last, fields)
    progress.finish()
    upsert.commit()
    return report


# --- writing -------------------------------------------------------------------------------------


def _line(out: io.StringIO, name: str, value: str) -> None:
    foldOneLine(out, f"{name}:{value}")


def card_text(conn: Connection) -> str:
    """One vCard 3.0 for ``conn``."""
    out = io.StringIO()
    out.write("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    _line(out, "UID", f"outreach-{conn.id}")
    _line(out, "FN", backslashEscape(conn.name))
    _line(out, "N", f"{backslashEscape(conn.last_name)};{backslashEscape(conn.first_name)};;;")
    if conn.company:
        _line(out, "ORG", backslashEscape(conn.company))
    if conn.position:
        _line(out, "TITLE", backslashEscape(conn.position))
    if conn.email:
        _line(out, "EMAIL;TYPE=INTERNET", backslashEscape(conn.email))
    if conn.url:
        _line(out, "URL", backslashEscape(conn.url))
    if conn.birthday:
        _line(out, "BDAY", conn.birthday.iso())
    if conn.notes:
        _line(out, "NOTE", backslashEscape(conn.notes))
    if conn.tags:
        _line(out, "CATEGORIES", ",".join(backslashEscape(t) for t in conn.tags))
    if conn.how_we_know:
        _line(out, X_HOW, backslashEscape(conn.how_we_know))
    if conn.cadence:
        _line(out, X_CADENCE, conn.cadence)
    if conn.no_bulk:
        _line(out, X_NO_BULK, "TRUE")
    if conn.connected_on:
        _line(out, X_CONNECTED, conn.connected_on.isoformat())
    out.write("END:VCARD\r\n")
    return out.getvalue()


def export_cards(connections: Iterable[Connection]) -> bytes:
    """A vCard 3.0 file of ``connections`` (UTF-8, CRLF, folded at 75 octets)."""
    return "".join(card_text(c) for c in connections).encode("utf-8")
