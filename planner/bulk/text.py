"""Text handling for the bulk-send check: framing, normalisation, specific details.

Two texts that differ only in the name, the greeting, punctuation, case, emoji or the sign-off
normalise to the same string (:func:`normalise`), so a name swapped into a template cannot hide
a duplicate. :func:`detail_stems` is what a message and a person's profile are compared on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from planner.bulk.words import GREETING_WORDS, SIGNOFF_WORDS
from planner.bulk.wordstats import fold, tokens

URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|io|ly|co|me|app|dev|gl|example)/[^\s<>\"')]*",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_]+")
_NON_WORD_RE = re.compile(r"[\W_]+")
# A word as written, keeping inner apostrophes and hyphens ("Season's", "Jean-Luc").
_CASED_WORD_RE = re.compile(r"[^\W\d_](?:[\w]|['’\-](?=\w))*")
_GREETING_RE = re.compile(
    rf"^[\W_]*(?:{GREETING_WORDS})\b(?:\s+there\b)?(?P<rest>[^\n,!.:;—–?]{{0,40}}?)"
    r"(?:[\n,!.:;—–?]+|\s+-+\s)",
    re.IGNORECASE,
)
_GREETING_WORD_RE = re.compile(rf"^[\W_]*(?:{GREETING_WORDS})\b(?:\s+there\b)?", re.IGNORECASE)
_SIGNOFF_RE = re.compile(
    rf"^[\W_]*(?:{SIGNOFF_WORDS})\b[\W_]*(?:[\w'’.\-]+[\W_]*){{0,3}}$", re.IGNORECASE
)
_SIGNATURE_RE = re.compile(r"^\s*[-–—~]*\s*(?:[A-Z][\w'’.\-]*\s*){1,3}$")
# Segments end at a newline or sentence punctuation; the separator is kept with the segment.
_SEGMENT_RE = re.compile(r"[^\n.!?]*(?:[\n.!?]+|$)")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _may_have_url(text: str) -> bool:
    """Cheap test first: the URL pattern is the slowest step of normalising a long text."""
    return "/" in text or "www." in text or "WWW." in text


def sub_urls(text: str, repl: str) -> str:
    """``text`` with every link replaced by ``repl``."""
    return URL_RE.sub(repl, text) if _may_have_url(text) else text


def strip_urls(text: str) -> str:
    return sub_urls(text, " ")


def urls(text: str) -> list[str]:
    return URL_RE.findall(text) if _may_have_url(text) else []


# Emoji, pictographs, dingbats, arrows, their joiners and variation selectors.
_SYMBOLS_RE = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff"
    "\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d\u3297\u3299\ufe0e\ufe0f\u200d"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f]+"
)


def _symbols_to_breaks(text: str) -> str:
    """Emoji and other symbols end a segment, as punctuation does ("... season 🎉 Best, Sam")."""
    return text if text.isascii() else _SYMBOLS_RE.sub("\n", text)


def strip_frame(text: str) -> str:
    """``text`` without its opening greeting ("Hi Priya,") and closing sign-off ("Best, Sam")."""
    return strip_signoff(strip_greeting(text))


def strip_greeting(text: str) -> str:
    """``text`` without an opening greeting of a few words ("Hi Priya,", "Hey there!")."""
    body = text.strip()
    m = _GREETING_RE.match(body)
    if m and len(m.group("rest").split()) <= 4 and m.end() < len(body):
        return body[m.end() :].lstrip()
    m = _GREETING_WORD_RE.match(body)  # "Hi Priya wishing you...": drop at least the "Hi"
    if m and m.end() < len(body):
        return body[m.end() :].lstrip()
    return body


def strip_signoff(text: str) -> str:
    """``text`` without closing sign-off, signature and emoji lines ("Best, Sam 🎉")."""
    segments = [s for s in _SEGMENT_RE.findall(_symbols_to_breaks(text).strip()) if s]
    for _ in range(4):  # a sign-off, a name, an emoji line: at most a few trailing segments
        if len(segments) <= 1:
            break
        last = segments[-1].strip()
        plain = _NON_WORD_RE.sub("", last)
        prev_sep = segments[-2][-1:]
        if (
            not plain
            or _SIGNOFF_RE.match(last)
            or (_SIGNATURE_RE.match(last) and (len(last.split()) == 1 or prev_sep == "\n"))
        ):
            segments.pop()
        else:
            break
    return "".join(segments).strip()


def words(text: str) -> list[str]:
    """Casefolded words (letters and digits; emoji and punctuation dropped)."""
    return _WORD_RE.findall(text.casefold())


def name_tokens(*names: str) -> set[str]:
    """The casefolded words of the given names ("Mary-Jane O'Neil" -> mary, jane, o, neil)."""
    out: set[str] = set()
    for name in names:
        out.update(w for w in words(name) if w)
    return out


def normalise(text: str, names: Iterable[str] | set[str] = ()) -> str:
    """The comparable core of a message: no greeting, sign-off, names, URLs, emoji, case.

    ``names`` are casefolded name words to drop anywhere (every contact's names, so that the
    name swapped into a template never makes two copies look different). Falls back to the
    plain words when the core would be empty ("Thanks!").
    """
    plain = nfkc(text).replace("&", " and ")
    body = strip_frame(sub_urls(plain, " link\n"))
    names = names if isinstance(names, set | frozenset) else set(names)
    core = [w for w in words(body) if w not in names]
    if not core:
        core = words(plain)
    return " ".join(core)


def detail_stems(text: str) -> set[str]:
    """Stems of the words of four letters or more in ``text`` (accents folded, cut to five
    letters so "climbing" meets "climb" and "Sundays" meets "Sunday"): what a message and a
    person's profile are compared on."""
    return {fold(w)[:5] for w in {w for w in tokens(text) if len(w) >= 4}}


def stem5(word: str) -> str:
    """A crude stem that works in any of the judged languages: folded, at most five letters."""
    return fold(word)[:5]


def plain_lower(text: str) -> str:
    """Casefolded with straight apostrophes and single spaces, for the phrase patterns."""
    return " ".join(text.casefold().replace("’", "'").replace("‘", "'").split())


def body_of(text: str) -> str:
    """The sender's own words: no links, greeting or sign-off (case kept)."""
    return strip_frame(sub_urls(nfkc(text), "\n"))


def without_signoff(text: str) -> str:
    """The text with links and sign-off removed but the greeting kept (for :func:`specifics`)."""
    return strip_signoff(sub_urls(nfkc(text), "\n"))
