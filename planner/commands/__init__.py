"""Subcommand groups. Each module has ``register(sub)`` adding its parsers to the CLI."""

from planner.commands import agenda, check, doctor, history, people, settings, transfer, triage

REGISTRARS = (
    people.register,
    history.register,
    agenda.register,
    check.register,
    transfer.register,
    settings.register,
    doctor.register,
    triage.register,
)
