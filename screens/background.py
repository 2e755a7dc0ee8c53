"""Reading the in-memory store from a worker thread while the UI may change it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def read_retrying(read: Callable[[], T], attempts: int = 5) -> T | None:
    """``read()`` (a read-only pass over the store), again when the UI thread changed a dict
    under it (RuntimeError); None when it kept changing: the caller then reads on the UI
    thread."""
    for _attempt in range(attempts):
        try:
            return read()
        except RuntimeError:
            continue
    return None
