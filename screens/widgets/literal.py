"""User text as literal rich Text: never parsed as markup, escape codes shown, not run."""

from __future__ import annotations

from rich.text import Text

from planner.text import safe


def lit(value: str, style: str = "") -> Text:
    """One line of user text, literally (newlines become spaces, control codes visible)."""
    return Text(safe(value), style=style, end="")


def lit_lines(value: str, style: str = "") -> Text:
    """Multi-line user text, literally, keeping its line breaks."""
    lines = value.replace("\r\n", "\n").split("\n")
    return Text("\n", end="").join(lit(line, style) for line in lines)


def one_line(value: str, width: int) -> str:
    """``value`` on one line, cut to ``width`` cells with an ellipsis."""
    flat = safe(value)
    return flat if len(flat) <= width else flat[: max(0, width - 1)] + "…"
