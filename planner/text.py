"""Making user text safe to print: the one sanitiser for every terminal path.

A name, a note or an imported URL is data, never terminal control. Everything a terminal
would act on or hide is shown as a visible escape instead: C0 controls (ESC, BEL, CR...),
DEL, C1 controls (U+0080-U+009F, e.g. CSI U+009B), bidirectional overrides and isolates
(U+202A-U+202E, U+2066-U+2069), and the other invisible format characters (zero-width space,
word joiner, BOM, soft hyphen, Unicode tags; Unicode category Cf), plus the line and paragraph
separators. Zero-width joiner and non-joiner (U+200D, U+200C) are kept: emoji sequences and
Persian or Indic words need them and they reorder nothing.

:func:`safe` is for one-line fields; :func:`safe_block` keeps line breaks (``\\n``, and
``\\r\\n`` pairs) for whole outputs; :func:`json_safe` turns the same characters into JSON
``\\u`` escapes. The CLI routes stdout and stderr through :class:`SafeWriter`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO

# Everything a terminal acts on or hides (see the module docstring); tab is kept. Ranges are
# Unicode's Cc, Cf, Zl and Zp (a test checks the list against unicodedata), minus ZWJ/ZWNJ.
_HIDDEN = (
    "\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\ud800-\udfff"
)
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0a-\\x1f{_HIDDEN}]")
_UNSAFE_BLOCK = re.compile(f"[\\x00-\\x08\\x0b-\\x0c\\x0e-\\x1f{_HIDDEN}]|\\r(?!\\n)")


def _visible(match: re.Match[str]) -> str:
    cp = ord(match.group())
    return f"\\x{cp:02x}" if cp <= 0xFF else f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


def safe(text: str) -> str:
    """``text`` on one line with every control or invisible format character shown as a
    visible escape (``\\x1b``, ``\\x9b``, ``\\u202e``); newlines become spaces."""
    if text.isprintable():  # the usual case, and a C-level check (``due`` prints thousands)
        return text
    text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _UNSAFE.sub(_visible, text)


def safe_block(text: str) -> str:
    """Like :func:`safe` for several lines: ``\\n`` and ``\\r\\n`` are kept, a lone ``\\r``
    (which would let a line overwrite another) is shown as ``\\x0d``."""
    # The usual case, C-level: every line printable (tabs aside) means nothing to escape
    # (everything escaped is Cc, Cf, Cs, Zl or Zp, which ``isprintable`` rejects); ``due``
    # prints ~800 kB at 30,000 people, where the search alone took ~30 ms.
    if all(map(str.isprintable, text.replace("\t", " ").split("\n"))):
        return text
    if _UNSAFE_BLOCK.search(text) is None:
        return text
    return _UNSAFE_BLOCK.sub(_visible, text)


def _json_escape(match: re.Match[str]) -> str:
    cp = ord(match.group())
    if cp <= 0xFFFF:
        return f"\\u{cp:04x}"
    cp -= 0x10000  # JSON spells characters beyond the BMP as a surrogate pair
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"


_JSON_UNSAFE = re.compile(f"[{_HIDDEN}]")


def json_safe(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which already escapes C0) with
    C1, DEL, bidi and invisible format characters escaped as ``\\uXXXX``: the same data,
    nothing a terminal acts on."""
    if _JSON_UNSAFE.search(encoded) is None:
        return encoded
    return _JSON_UNSAFE.sub(_json_escape, encoded)


class SafeWriter:
    """A text stream that shows terminal controls in what is written (see :func:`safe_block`);
    ``raw`` is the stream underneath, for data that must go out verbatim (an export piped to a
    file)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(safe_block(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, encoding, fileno...
        return getattr(self.raw, name)


def cell_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK, emoji) characters count two, marks zero."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` padded to exactly ``width`` terminal columns, or cut with an ellipsis."""
    if cell_width(text) <= width:
        return text + " " * (width - cell_width(text))
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…" + " " * (width - 1 - used)
