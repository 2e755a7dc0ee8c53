"""Which profile URLs outreach will hand to a web browser: only ``http`` and ``https`` links.

An imported vCard can carry any ``URL:`` (``file:///etc/passwd``, ``javascript:``, or
``--renderer-cmd-prefix=...``, which a browser would read as an option). Such URLs are kept
(they are the user's data) but never opened; the import notes them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from planner.text import safe

WEB_SCHEMES = ("http", "https")


def link_problem(url: str) -> str | None:
    """Why ``url`` will not be opened in a browser (one line, safe to print), or None."""
    text = url.strip()
    if not text:
        return "there is no URL"
    if safe(text) != text or any(ch.isspace() for ch in text):
        return f"{safe(text)!r} contains spaces or control characters"
    try:
        parts = urlsplit(text)
    except ValueError:
        return f"{safe(text)!r} is not a URL"
    if parts.scheme.lower() not in WEB_SCHEMES:
        return f"{safe(text)!r} is not a web link (only http:// and https:// links are opened)"
    if not parts.hostname:
        return f"{safe(text)!r} names no web site"
    return None


def open_in_browser(url: str) -> bool:
    """Open a web link (checked by :func:`link_problem`) in the user's browser.

    Raises ValueError for anything else. The URL starts with ``http``, so no browser can take
    it for a command-line option. Returns whether a browser was started.
    """
    problem = link_problem(url)
    if problem is not None:
        raise ValueError(f"not opened: {problem}")
    import webbrowser

    return webbrowser.open(url.strip())
