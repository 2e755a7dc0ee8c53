"""Search what was said: each person's message history as one casefolded text, kept up to date
by the operations layer's change events, and the snippet that shows why someone matched.

People's filter matches a word in a person's profile or in anything logged with them (what
they wrote and what you wrote); :func:`snippet` finds the message to show beside them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.models import Interaction
    from planner.operations import Change
    from planner.storage import Store


class MessageIndex:
    """Per person, the casefolded text of every logged interaction (newline separated)."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self._texts: dict[str, str] = texts or {}

    @classmethod
    def from_store(cls, store: Store) -> MessageIndex:
        """Index every interaction in ``store`` (read only: safe in a worker thread)."""
        parts: dict[str, list[str]] = {}
        for inter in list(store.interactions.values()):
            if inter.text:
                parts.setdefault(inter.connection_id, []).append(inter.text)
        return cls({cid: "\n".join(texts).casefold() for cid, texts in parts.items()})

    def text(self, connection_id: str) -> str:
        return self._texts.get(connection_id, "")

    def __len__(self) -> int:
        return len(self._texts)

    def refresh(self, store: Store, connection_ids: Iterable[str]) -> None:
        """Re-read the history of ``connection_ids`` (after they changed)."""
        for cid in connection_ids:
            texts = [i.text for i in store.interactions_for(cid) if i.text]
            if texts:
                self._texts[cid] = "\n".join(texts).casefold()
            else:
                self._texts.pop(cid, None)

    def follow(self, store: Store, change: Change) -> bool:
        """Bring the index up to date with ``change``; False when the whole network was
        replaced (rebuild with :meth:`from_store`)."""
        if change.whole:
            return False
        touched = {
            record.connection_id
            for rc in change.records
            if rc.table in ("interactions", "connections")
            for record in (rc.before, rc.after)
            if record is not None and hasattr(record, "connection_id")
        }
        touched |= {rc.id for rc in change.records if rc.table == "connections"}
        self.refresh(store, touched)
        return True


def snippet(
    history: list[Interaction], terms: list[str], width: int = 60
) -> tuple[Interaction, str] | None:
    """The latest message in ``history`` holding every term it can (casefolded), with a
    one-line excerpt of about ``width`` characters around the first term; None when no
    message holds any of them."""
    best: tuple[int, Interaction] | None = None
    for inter in reversed(history):
        folded = inter.text.casefold()
        hits = sum(1 for t in terms if t in folded)
        if hits and (best is None or hits > best[0]):
            best = (hits, inter)
            if hits == len(terms):
                break
    if best is None:
        return None
    inter = best[1]
    flat = " ".join(inter.text.split())
    folded = flat.casefold()
    at = min((folded.find(t) for t in terms if t in folded), default=0)
    start = max(at - min(width // 3, 12), 0)
    excerpt = flat[start : start + width]
    if start > 0:
        excerpt = "…" + excerpt[1:]
    if start + width < len(flat):
        excerpt = excerpt[:-1] + "…"
    return inter, excerpt
