"""Making user text safe to print: no terminal escape codes from names or notes."""

from __future__ import annotations

import re

# C0/C1 control characters except tab; newlines become spaces in one-line output.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` with control characters (ESC and friends) shown as visible ``\\xNN`` escapes."""
    text = text.replace("\n", " ").replace("\r", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
