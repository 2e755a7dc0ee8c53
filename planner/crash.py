"""What happens when a command fails in a way nobody foresaw: one line, a crash file, exit 70.

The traceback never reaches the terminal. It is written to a new file in the user cache folder
(``$OUTREACH_CACHE_DIR``, else the platform's, see :func:`planner.storage.summary.cache_dir`),
created with mode 0600 in one step (``O_CREAT | O_EXCL | O_NOFOLLOW``: never an existing file,
never through a symlink, never readable by others even for a moment), and stderr gets one line
naming it. Exit code 70 is ``EX_SOFTWARE`` from sysexits.h: distinct from 1 (warnings), 2
(usage or input) and 3 (data file).
"""

from __future__ import annotations

import os
import platform
import sys
import time
import traceback
from pathlib import Path

EXIT_INTERNAL = 70
_MESSAGE_CHARS = 200  # the exception's own text, cut so the line stays one line


def crash_dir() -> Path:
    """Where crash files go: ``crashes/`` in outreach's user cache folder."""
    from planner.storage.summary import cache_dir

    return cache_dir() / "crashes"


def write_crash_file(exc: BaseException, argv: list[str] | None = None) -> Path:
    """Write ``exc``'s traceback (and the versions and command line) to a new private file."""
    from planner import __version__

    folder = crash_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
    body = "".join(
        [
            f"outreach {__version__}, Python {platform.python_version()}, {platform.platform()}\n",
            f"command: {' '.join(argv if argv is not None else sys.argv)}\n",
            f"time (UTC): {time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime())}\n\n",
            *traceback.format_exception(exc),
        ]
    ).encode("utf-8", "backslashreplace")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for attempt in range(100):
        path = folder / f"crash-{stamp}-{os.getpid()}{f'-{attempt}' if attempt else ''}.txt"
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(body)
        return path
    raise FileExistsError(f"{folder}: no free crash file name")


def report_internal_error(exc: BaseException, argv: list[str] | None = None) -> int:
    """Print the one-line report of an unexpected exception on stderr; returns exit code 70."""
    from planner.text import safe

    text = " ".join(str(exc).split())
    if len(text) > _MESSAGE_CHARS:
        text = text[: _MESSAGE_CHARS - 1] + "…"
    what = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    try:
        where = f"details in {write_crash_file(exc, argv)}"
    except Exception as write_error:  # the report itself must not crash
        where = f"no details saved (cannot write a crash file: {write_error})"
    try:
        print(f"outreach: internal error: {safe(what)}; {safe(where)}", file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError):  # stderr closed or gone: the exit code still says it
        pass
    return EXIT_INTERNAL
