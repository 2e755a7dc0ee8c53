"""Making user text safe to print: no terminal escape codes from names or notes."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 control characters except tab; newlines become spaces in one-line output.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` with control characters (ESC and friends) shown as visible ``\\xNN`` escapes."""
    if text.isprintable():  # the usual case, and a C-level check (``due`` prints thousands)
        return text
    text = text.replace("\n", " ").replace("\r", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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
