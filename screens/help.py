"""Help (``?``): every key binding, per screen, read from the screens' own BINDINGS."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from screens.widgets.footer import QuietFooter
from screens.widgets.header import QuietHeader

#: (title, module, class) of every place with keys of its own, in the order shown.
PLACES: list[tuple[str, str, str]] = [
    ("Everywhere", "screens.app", "OutreachApp"),
    ("Lists (Today, People, Schedule)", "screens.widgets.virtual_list", "VirtualList"),
    ("Today", "screens.today", "TodayScreen"),
    ("People", "screens.people", "PeopleScreen"),
    ("Schedule", "screens.schedule", "ScheduleScreen"),
    ("Composer", "screens.composer", "ComposerScreen"),
    ("Snooze dialog", "screens.snooze", "SnoozeScreen"),
    ("Person form", "screens.person_form", "PersonForm"),
    ("Log form", "screens.log_form", "LogForm"),
]
EXTRA = {
    "Everywhere": [
        ("ctrl+p", "Command palette: add, jump to a person, import, export, go to"),
        ("tab / shift+tab", "Next / previous field or button"),
    ],
}
KEY_W = 16  # the key column; longer keys push the description to the next line


def _bindings(cls: type) -> Iterable[Binding]:
    """The bindings outreach declares on ``cls`` and its own bases: Textual's built-in ones
    (scrolling, focus, copy) are the same everywhere and listed once, under Everywhere."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("screens"):
            continue
        for raw in klass.__dict__.get("BINDINGS", []):
            binding = raw if isinstance(raw, Binding) else Binding(*raw)
            keys = [k.strip() for k in binding.key.split(",")]
            if not binding.description or all(k in seen for k in keys):
                continue
            seen.update(keys)
            yield binding


def _keys(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return " / ".join(k.strip().replace("question_mark", "?") for k in binding.key.split(","))


def help_text() -> Text:
    """All key bindings, grouped by place; places whose module is missing are left out.

    No key is listed twice in a place, and a key never runs into its description.
    """
    out = Text(end="")
    for title, module_name, class_name in PLACES:
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ModuleNotFoundError, AttributeError):
            continue
        rows = [(_keys(b), b.tooltip or b.description) for b in _bindings(cls)]
        rows += EXTRA.get(title, [])
        if not rows:
            continue
        out.append(f"{title}\n", style="bold underline")
        for keys, what in rows:
            if len(keys) >= KEY_W:
                out.append(f"  {keys}\n", style="bold")
                out.append(" " * (KEY_W + 2))
            else:
                out.append(f"  {keys:<{KEY_W}}", style="bold")
            out.append(f"{what}\n")
        out.append("\n")
    return out


class HelpScreen(Screen):
    """Every key binding per screen; escape or ? goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "app.pop_screen", "Back", key_display="esc"),
    ]
    DEFAULT_CSS = """
    HelpScreen #help-body { padding: 0 2; }
    """

    def compose(self) -> ComposeResult:
        yield QuietHeader()
        with VerticalScroll(id="help-scroll"):
            yield Static(help_text(), id="help-body")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.title = "outreach · Help"
        self.query_one("#help-scroll").focus()
