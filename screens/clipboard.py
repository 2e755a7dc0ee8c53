"""Copying text for the user, honestly: the system clipboard when a tool for it is there,
OSC 52 (the terminal's clipboard) always, and words that say which one happened.

OSC 52 cannot be confirmed: tmux drops it unless ``set -g set-clipboard on``, and some
terminals ignore it. So only a copy through ``wl-copy``, ``xclip``, ``xsel`` or ``pbcopy``
that exited 0 is called "Copied"; otherwise the message says the text was sent to the
terminal and where it is kept.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from urllib.parse import quote

#: (command, environment it needs: a display variable, or "" for none)
TOOLS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("pbcopy",), "darwin"),
    (("wl-copy",), "WAYLAND_DISPLAY"),
    (("xclip", "-selection", "clipboard"), "DISPLAY"),
    (("xsel", "--clipboard", "--input"), "DISPLAY"),
)
LINKEDIN_SHARE = "https://www.linkedin.com/feed/?shareActive=true&text="


def clipboard_tool() -> tuple[str, ...] | None:
    """The system clipboard command that can work here, or None."""
    for command, needs in TOOLS:
        usable = sys.platform == "darwin" if needs == "darwin" else bool(os.environ.get(needs))
        if usable and shutil.which(command[0]):
            return command
    return None


def copy_with_tool(text: str) -> str | None:
    """Put ``text`` on the system clipboard; the tool's name when it worked, else None.
    Blocks for up to 3 s: call it from a worker thread."""
    command = clipboard_tool()
    if command is None:
        return None
    try:
        done = subprocess.run(
            command, input=text.encode("utf-8"), timeout=3, check=False, capture_output=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return command[0] if done.returncode == 0 else None


def copied_words(tool: str | None, kept: str = "") -> str:
    """What to tell the user after a copy (``tool`` from :func:`copy_with_tool`)."""
    if tool is not None:
        return f"Copied to the clipboard ({tool})."
    where = f" The text is kept {kept}." if kept else ""
    return (
        "Sent to the terminal's clipboard (OSC 52): paste to check. If nothing pastes, this "
        "terminal does not accept it (in tmux: set -g set-clipboard on)." + where
    )


def browser_available() -> bool:
    """Whether a graphical browser can open here (never a text browser taking the terminal)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def linkedin_share_url(text: str) -> str:
    """LinkedIn's share box with ``text`` filled in."""
    return LINKEDIN_SHARE + quote(text, safe="")
