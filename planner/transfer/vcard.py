"""vCard address books (2.1, 3.0 and 4.0 in, 3.0 out), as real apps write them.

Reading works on the file's bytes first, because real files need it: line ends are ``\\r\\n``,
``\\n``, ``\\r`` or iOS's ``\\r\\r\\n`` (each ends one line), folds are joined as bytes before
decoding (a fold may split a UTF-8 sequence), and vCard 2.1's quoted-printable soft breaks
(``=`` at the end of a line) are joined too. Each unfolded content line then goes through
vobject's content-line grammar (``vobject.base.parseLine``: groups, quoted parameters),
with vCard 2.1's bare parameters (``EMAIL;PREF;INTERNET:``) read as types. Building a full
vobject component per card costs about 0.6 ms, too slow for a 30,000-card address book; the
line layer reads one in about 1-2 s. Binary properties (PHOTO, LOGO, SOUND, KEY) are ignored.

Kept: FN as the name shown (N decides where the first name ends), ORG, TITLE, EMAIL, URL
(several values: the preferred one, for URL the LinkedIn profile first, the others written into
the notes), BDAY (with or without a year), NOTE, CATEGORIES, and outreach's own fields as
``X-OUTREACH-*`` properties (how we know, cadence, no-bulk, connected-on), so export followed by
import changes nothing. Cards of organisations or groups (``KIND:org``, Apple's
``X-ABShowAs:COMPANY``) are skipped with the reason.
"""

from __future__ import annotations

import codecs
import io
import quopri
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from vobject.base import ParseError, backslashEscape, parseLine

from planner.models import Birthday, Connection, ValidationError, parse_cadence, split_name
from planner.storage import Store
from planner.transfer import ImportReport, NotRecognised, Progress
from planner.transfer.matching import Upserter, url_key

WHAT = "a vCard file (.vcf)"
KIND = "vCard"
X_HOW = "X-OUTREACH-HOW"
X_CADENCE = "X-OUTREACH-CADENCE"
X_NO_BULK = "X-OUTREACH-NO-BULK"
X_CONNECTED = "X-OUTREACH-CONNECTED"
APPLE_NO_YEAR = 1604  # Apple Contacts' stand-in year for a birthday without one
FOLD_OCTETS = 75  # RFC 6350 3.2: lines SHOULD NOT be longer than 75 octets, CRLF excluded

_LINE_END = re.compile(rb"\r\r\n|\r\n|\n|\r")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPABLE = '\\;,":'
_BDAY = re.compile(r"^(?:(\d{4})-?|--)(\d{2})-?(\d{2})(?:T.*)?$")
_BARE_NAME = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?$")  # "FN" alone on its line
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_ORG_KINDS = frozenset({"ORG", "ORGANIZATION", "GROUP", "LOCATION"})

Params = dict[str, list[str]]


@dataclass(slots=True)
class Card:
    """One card: its first line in the file and its properties by NAME (params, raw value)."""

    line: int
    props: dict[str, list[tuple[Params, str]]] = field(default_factory=dict)
    error: str = ""

    def add(self, name: str, params: Params, value: str) -> None:
        self.props.setdefault(name, []).append((params, value))

    def all(self, name: str) -> list[tuple[Params, str]]:
        return self.props.get(name, [])

    def first(self, name: str) -> tuple[Params, str] | None:
        found = self.props.get(name)
        return found[0] if found else None


@dataclass(slots=True)
class CardFile:
    """The cards of one file and what the reader noticed about it (shown in the summary)."""

    cards: list[Card]
    notes: list[str] = field(default_factory=list)


# --- reading: bytes to content lines -------------------------------------------------------------


def read_cards(path: Path) -> CardFile:
    """Every card in ``path``; raises NotRecognised when it holds none."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise NotRecognised(f"{path}: is a folder, expected {WHAT}") from None
    except OSError as exc:
        raise NotRecognised(f"{path}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise NotRecognised(f"{path}: the file is empty; expected {WHAT}")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise NotRecognised(f"{path}: broken UTF-16 text; expected {WHAT}") from None
    elif b"\x00" in raw[:65536] or raw.startswith(b"PK\x03\x04"):
        raise NotRecognised(f"{path}: a binary file, not {WHAT}")
    parsed = parse_card_bytes(raw, path.name)
    if not parsed.cards:
        raise NotRecognised(f"{path}: not {WHAT}: no BEGIN:VCARD line")
    return parsed


def parse_cards(text: str) -> list[Card]:
    """The cards in ``text`` (see :func:`parse_card_bytes`)."""
    return parse_card_bytes(text.encode("utf-8")).cards


def _physical_lines(raw: bytes) -> list[bytes]:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    return _LINE_END.split(raw)


def _is_quoted_printable(line: bytes) -> bool:
    head = line.split(b":", 1)[0]
    return b"QUOTED-PRINTABLE" in head.upper()


def logical_lines(raw: bytes) -> Iterator[tuple[bytes, int]]:
    """Unfolded content lines as bytes, with the number of the line each starts on.

    A line starting with a space or tab continues the previous one (the fold's whitespace is
    dropped, RFC 6350 3.2); in a quoted-printable value, a line ending with ``=`` continues on
    the next line whatever it starts with (vCard 2.1's soft line break).
    """
    current: list[bytes] = []
    start = 0
    quoted_printable = soft_break = False
    for number, physical in enumerate(_physical_lines(raw), 1):
        if current and soft_break:
            current[-1] = current[-1][:-1]  # drop the "=" of the soft break
            current.append(physical)
        elif current and physical[:1] in (b" ", b"\t"):
            current.append(physical[1:])
        else:
            if current:
                yield b"".join(current), start
            current, start = [physical], number
            quoted_printable = _is_quoted_printable(physical)
        soft_break = quoted_printable and physical.endswith(b"=")
    if current:
        yield b"".join(current), start


def _decode_line(line: bytes, notes: list[str], source: str) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    charset = re.search(rb";CHARSET=([A-Za-z0-9_.:-]+)", line.split(b":", 1)[0], re.IGNORECASE)
    if charset:
        try:
            return line.decode(charset.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    note = f"{source} has lines that are not UTF-8: read them as Windows-1252; check accents"
    if note not in notes:
        notes.append(note)
    return line.decode("cp1252", errors="latin1_fallback")


def _params(raw: list[list[str]]) -> Params:
    """Parameters by upper-case name; a bare one (vCard 2.1's ``PREF``) is a TYPE or ENCODING."""
    params: Params = {}
    for p in raw:
        key = p[0].upper()
        if len(p) == 1:
            params.setdefault("ENCODING" if key in _ENCODINGS else "TYPE", []).append(p[0])
        else:
            params.setdefault(key, []).extend(p[1:])
    return params


def _property(line: str, number: int) -> tuple[str, Params, str]:
    """(NAME, params, raw value) of a content line; lines with parameters go through vobject."""
    head, sep, value = line.partition(":")
    if sep and ";" not in head and '"' not in head:
        return head.rsplit(".", 1)[-1].upper(), {}, value  # NAME:value or group.NAME:value
    name, raw_params, value, _group = parseLine(line, number)
    return name.upper(), _params(raw_params), value


def _binary_name(line: bytes) -> bool:
    name = re.split(rb"[;:]", line, maxsplit=1)[0].rsplit(b".", 1)[-1].upper()
    return name.decode("ascii", "replace") in _BINARY


def parse_card_bytes(raw: bytes, source: str = "the file") -> CardFile:
    """Split a vCard file's bytes into cards; a line that is not a property marks its card bad.

    Lines that belong to a binary value (an unindented base64 photo of vCard 2.1) are ignored.
    """
    notes: list[str] = []
    cards: list[Card] = []
    card: Card | None = None
    in_binary = False
    nested = 0  # depth inside a vCard 2.1 AGENT's embedded card (ignored)
    last = ""  # the name of the card's last property
    for line_bytes, number in logical_lines(raw):
        if not line_bytes.strip():
            in_binary = False  # vCard 2.1 ends a base64 value with a blank line
            continue
        head = line_bytes[:12].upper()
        if nested:
            nested += head.startswith(b"BEGIN:VCARD") - head.startswith(b"END:VCARD")
            continue
        if head.startswith(b"BEGIN:VCARD"):
            if card is not None and last == "AGENT":
                nested = 1
                continue
            last = ""
            if card is not None:
                card.error = card.error or "no END:VCARD before the next card"
                cards.append(card)
            card, in_binary = Card(number), False
            continue
        if card is None:
            continue  # text outside any card
        if head.startswith(b"END:VCARD"):
            cards.append(card)
            card = None
            continue
        if card.error:
            continue
        if _binary_name(line_bytes):
            in_binary = True
            continue
        line = _decode_line(line_bytes, notes, source)
        if _BARE_NAME.match(line.strip()):
            if in_binary:
                continue  # a line of base64 that was not indented
            card.add(line.strip().rsplit(".", 1)[-1].upper(), {}, "")
            continue
        try:
            name, params, value = _property(line, number)
        except ParseError:
            if in_binary:
                continue
            card.error = f"line {number}: not a vCard property line: {line[:60]!r}"
            continue
        in_binary = False
        last = name
        if params:
            encoding = {v.upper() for v in params.get("ENCODING", [])}
            if "QUOTED-PRINTABLE" in encoding:
                value = _unquote_printable(value, (params.get("CHARSET") or ["utf-8"])[0])
            elif encoding & {"B", "BASE64"}:
                in_binary = True
                continue
        card.add(name, params, value)
    if card is not None:
        card.error = "the file ends inside this card (no END:VCARD)"
        cards.append(card)
    return CardFile(cards, notes)


def _unquote_printable(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("latin-1", "replace"))
    try:
        return raw.decode(charset, "replace").replace("\r\n", "\n")
    except LookupError:
        return raw.decode("utf-8", "replace").replace("\r\n", "\n")


# --- reading: values -----------------------------------------------------------------------------


def unescape(value: str) -> str:
    """Undo vCard TEXT escapes: ``\\n`` and ``\\N`` are newlines, ``\\,`` ``\\;`` ``\\:``
    ``\\"`` and ``\\\\`` the character itself; any other backslash is kept as written."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(_unescaped, value)


def _unescaped(m: re.Match[str]) -> str:
    char = m.group(1)
    if char in "nN":
        return "\n"
    return char if char in _ESCAPABLE else m.group(0)


def split_unescaped(value: str, sep: str) -> list[str]:
    """``value`` split on each ``sep`` that is not backslash-escaped (parts still escaped)."""
    if "\\" not in value:
        return value.split(sep)
    parts, start = [], 0
    for m in re.finditer(r"\\.|" + re.escape(sep), value, re.DOTALL):
        if m.group() == sep:
            parts.append(value[start : m.start()])
            start = m.end()
    parts.append(value[start:])
    return parts


def _text(value: str) -> str:
    """A TEXT value with vCard backslash escapes undone."""
    return unescape(value).strip()


def _list(value: str) -> list[str]:
    """A comma-separated TEXT list (CATEGORIES)."""
    return [v for v in (_text(p) for p in split_unescaped(value, ",")) if v]


def _component(value: str) -> str:
    """One component of a structured value (N): its comma-separated list joined by spaces."""
    return " ".join(v for v in (_text(p) for p in split_unescaped(value, ",")) if v)


def _org(value: str) -> str:
    """The organisation's name: ORG's first component (units follow after ``;``)."""
    return _text(split_unescaped(value, ";")[0])


def parse_bday(params: Params, value: str) -> Birthday | None:
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


def _types(params: Params) -> set[str]:
    return {t.strip().upper() for vs in params.get("TYPE", []) for t in vs.split(",")}


def _rank(params: Params) -> int:
    """How preferred a value is: 0 for TYPE=pref (2.1/3.0), else PREF=n (4.0), else 101."""
    if "PREF" in _types(params):
        return 0
    for v in params.get("PREF", []):
        if v.strip().isdigit():
            return int(v)
    return 101


def ordered_values(
    options: list[tuple[Params, str]],
    read: Callable[[str], str] = _text,
    first: Callable[[str], bool] | None = None,
) -> list[str]:
    """The distinct values of one property, best first: those ``first`` accepts, then by
    preference (TYPE=pref, PREF=1..100), then in file order."""
    ranked = []
    for n, (params, raw) in enumerate(options):
        if value := read(raw):
            ranked.append((0 if first and first(value) else 1, _rank(params), n, value))
    seen: set[str] = set()
    values = []
    for *_key, value in sorted(ranked):
        if value.casefold() not in seen:
            seen.add(value.casefold())
            values.append(value)
    return values


def _is_linkedin(url: str) -> bool:
    return url_key(url).startswith("linkedin.com/")


def display_name(card: Card) -> tuple[str, str]:
    """(first, last) such that "first last" is the card's FN, the name its app shows.

    N says where the family name starts inside FN ("Dr. Ann Lee" with N ``Lee;Ann;;Dr.;`` is
    ("Dr. Ann", "Lee")); a card without FN is named from N (given, additional, family).
    """
    family = given = ""
    if n := card.first("N"):
        parts = [*split_unescaped(n[1], ";"), "", "", ""]
        family, given, additional = _component(parts[0]), _component(parts[1]), _component(parts[2])
        given = " ".join(p for p in (given, additional) if p)
    fn = " ".join(_text(f[1]).split()) if (f := card.first("FN")) else ""
    if not fn:
        return given, family
    if fn == f"{given} {family}".strip():
        return given, family
    if not family:
        return split_name(fn)
    folded, key = fn.casefold(), family.casefold()
    if given and folded == f"{key}, {given.casefold()}":  # "Doe, John", as Outlook files it
        return given, family
    at = folded.rfind(key)
    while at > 0 and not fn[at - 1].isspace():  # "Lee" inside "Kleen" does not count
        at = folded.rfind(key, 0, at)
    if at > 0:
        return fn[:at].strip(), fn[at:].strip()
    return split_name(fn)


def organisation_kind(card: Card) -> str:
    """Why the card is an organisation's or a group's rather than a person's, or ""."""
    if kind := card.first("KIND"):
        value = _text(kind[1])
        if value.upper() in _ORG_KINDS:
            return f"KIND:{value}"
    for prop in ("X-ABSHOWAS", "X-ADDRESSBOOKSERVER-KIND"):
        if (v := card.first(prop)) and _text(v[1]).upper() in ("COMPANY", "GROUP"):
            return f"{prop.replace('X-ABSHOWAS', 'X-ABShowAs')}:{_text(v[1])}"
    return ""


def card_fields(card: Card, report: ImportReport) -> tuple[str, str, dict[str, Any]] | str:
    """(first, last, other Connection fields) of a card, or the reason it cannot be taken."""
    orgs = ordered_values(card.all("ORG"), read=_org)
    company = orgs[0] if orgs else ""
    if kind := organisation_kind(card):
        what = company or (_text(f[1]) if (f := card.first("FN")) else "")
        return f"{what + ': ' if what else ''}an organisation or group card ({kind}), not a person"
    first, last = display_name(card)
    emails = ordered_values(card.all("EMAIL"))
    if not first and not last:
        hint = f"; ORG {company}" if company else f"; EMAIL {emails[0]}" if emails else ""
        return f"no name (no FN or N){hint}"
    titles = ordered_values(card.all("TITLE"))
    urls = ordered_values(card.all("URL"), first=_is_linkedin)
    notes = [v for _p, raw in card.all("NOTE") if (v := _text(raw))]
    for label, extra in (
        ("Other emails", emails[1:]),
        ("Other web pages", urls[1:]),
        ("Other organisations", orgs[1:]),
        ("Other titles", titles[1:]),
    ):
        if extra:
            line = f"{label}: {', '.join(extra)}"
            if not any(line in n for n in notes):  # a re-export carries the line already
                notes.append(line)
    fields: dict[str, Any] = {
        "company": company,
        "position": titles[0] if titles else "",
        "email": emails[0] if emails else "",
        "url": urls[0] if urls else "",
        "notes": "\n".join(notes),
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


def import_cards(
    store: Store, cards: list[Card], source: str, notes: Iterable[str] = ()
) -> ImportReport:
    """Add or update a connection per card of file ``source`` (memory only: the caller saves).

    Two cards of the file are the same person when they share a UID, or have no differing UIDs
    and the same name (FN) and company; the same N alone is not enough.
    """
    report = ImportReport(source, KIND)
    report.notes.extend(notes)
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
        uid = _text(u[1]) if (u := card.first("UID")) else ""
        upsert.take(card.line, first, last, fields, key=uid)
    progress.finish()
    upsert.commit()
    return report


# --- writing -------------------------------------------------------------------------------------


def fold(line: str) -> str:
    """``line`` folded into lines of at most 75 octets of UTF-8 (continuations start with a
    space), never inside a character; each line ends with CRLF."""
    if len(line) * 4 <= FOLD_OCTETS or len(line.encode("utf-8")) <= FOLD_OCTETS:
        return line + "\r\n"
    out = io.StringIO()
    limit, used, start = FOLD_OCTETS, 0, 0
    for i, char in enumerate(line):
        size = len(char.encode("utf-8", "surrogatepass"))
        if used + size > limit:
            out.write(line[start:i] + "\r\n ")
            start, used, limit = i, 0, FOLD_OCTETS - 1  # the space counts
        used += size
    out.write(line[start:] + "\r\n")
    return out.getvalue()


def card_text(conn: Connection) -> str:
    """One vCard 3.0 for ``conn``."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:outreach-{conn.id}"]
    add = lines.append
    add(f"FN:{backslashEscape(conn.name)}")
    add(f"N:{backslashEscape(conn.last_name)};{backslashEscape(conn.first_name)};;;")
    if conn.company:
        add(f"ORG:{backslashEscape(conn.company)}")
    if conn.position:
        add(f"TITLE:{backslashEscape(conn.position)}")
    if conn.email:
        add(f"EMAIL;TYPE=INTERNET:{backslashEscape(conn.email)}")
    if conn.url:
        add(f"URL:{backslashEscape(conn.url)}")
    if conn.birthday:
        add(f"BDAY:{conn.birthday.iso()}")
    if conn.notes:
        add(f"NOTE:{backslashEscape(conn.notes)}")
    if conn.tags:
        add(f"CATEGORIES:{','.join(backslashEscape(t) for t in conn.tags)}")
    if conn.how_we_know:
        add(f"{X_HOW}:{backslashEscape(conn.how_we_know)}")
    if conn.cadence:
        add(f"{X_CADENCE}:{conn.cadence}")
    if conn.no_bulk:
        add(f"{X_NO_BULK}:TRUE")
    if conn.connected_on:
        add(f"{X_CONNECTED}:{conn.connected_on.isoformat()}")
    add("END:VCARD")
    return "".join(fold(line) for line in lines)


def export_cards(connections: Iterable[Connection]) -> bytes:
    """A vCard 3.0 file of ``connections`` (UTF-8, CRLF, folded at 75 octets)."""
    return "".join(card_text(c) for c in connections).encode("utf-8")
