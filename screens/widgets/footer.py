"""A footer that rebuilds its keys only when what it would show changed.

Textual's :class:`~textual.widgets.Footer` recomposes (removes and mounts a widget per key,
restyling each) whenever a screen asks for a bindings refresh: on every focus change, screen
switch and ``refresh_bindings()``. At 30,000 connections that made each cursor move and
section switch cost tens of milliseconds for a footer that looked the same before and after.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    """A :class:`Footer` that skips the rebuild when the keys, labels and states are unchanged."""

    _shown: Hashable | None = None

    def _signature(self) -> Hashable:
        """What the footer shows: each visible binding's key, label, state and tooltip."""
        return (
            tuple(
                (binding.key, binding.action, binding.description, enabled, tooltip)
                for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
                if binding.show
            ),
            self.show_command_palette,
            self.compact,
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._signature()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if not self.is_attached or self._signature() == self._shown:
            return
        await self.recompose()
