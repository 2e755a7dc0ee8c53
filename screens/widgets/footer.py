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
from textual.widgets._footer import FooterKey

FIRST_ACTIONS = ("help",)  # shown first, so a narrow terminal never cuts them off
COMPACT_BELOW = 100  # columns: narrower terminals get the compact footer (more keys fit)


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
            self.app.size.width < COMPACT_BELOW,
        )

    def compose(self) -> ComposeResult:
        """Each shown key once (the first binding of an action wins), ``? Help`` first, then
        the command palette key; compact below 100 columns."""
        if not self._bindings_ready:
            return
        self._shown = self._signature()
        compact = self.compact = self.app.size.width < COMPACT_BELOW
        active = self.screen.active_bindings
        first: dict[str, tuple] = {}
        rest: dict[str, tuple] = {}
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show:
                continue
            bucket = first if binding.action in FIRST_ACTIONS else rest
            bucket.setdefault(binding.action, (binding, enabled, tooltip))
        self.styles.grid_size_columns = len(first) + len(rest)
        for binding, enabled, tooltip in [*first.values(), *rest.values()]:
            yield _key(
                compact,
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, tooltip = palette
                yield _key(
                    True,  # (as in Textual's footer: not bound to the footer's state)
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes="-command-palette",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )

    def on_resize(self) -> None:
        if self._bindings_ready and (self.app.size.width < COMPACT_BELOW) != self.compact:
            self.call_after_refresh(self.recompose)

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


def _key(
    compact: bool,
    key: str,
    key_display: str,
    description: str,
    action: str,
    *,
    disabled: bool = False,
    tooltip: str = "",
    classes: str = "",
) -> FooterKey:
    """A :class:`FooterKey` born in the ``compact`` state: one starts compact and its class
    would flip on mount (and back when bound to a wide footer), restyling it each time, for
    every key of every footer built (the first frame, each section switch)."""
    made = FooterKey(
        key,
        key_display,
        description,
        action,
        disabled=disabled,
        tooltip=tooltip,
        classes=f"{classes} -compact" if compact else classes,
    )
    made.set_reactive(FooterKey.compact, compact)
    return made
