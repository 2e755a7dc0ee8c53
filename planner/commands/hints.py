"""The CLI's wording of domain errors: the operations say what is wrong in plain words, the
command line adds how to fix it with its own syntax (the TUI adds its keys instead)."""

from __future__ import annotations

#: error code (see planner.operations.OperationError) -> the CLI's message, formatted with the
#: error's details and ``message`` (the plain one).
HINTS: dict[str, str] = {
    "no-text": "{id} has no text yet (to write): write it first with "
    "'outreach write {id} --text TEXT', then mark it done",
    "no-plan": "{message} (see 'outreach due')",
    "no-follow-up": "no follow-up on {id!r}: give the id shown in 'outreach due', e.g. i12",
    "snooze-past": "{message}, e.g. --until +3d",
    "follow-up-received": "--follow-up only applies to messages you sent",
}


def cli_message(exc: Exception) -> str:
    """What the CLI prints for ``exc``: its hint when it has one, else the message itself."""
    message = str(exc)
    template = HINTS.get(getattr(exc, "code", ""))
    if template is None:
        return message
    return template.format(message=message, **getattr(exc, "details", {}))
