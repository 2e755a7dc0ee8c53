"""Placeholder: this command group is being built."""

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add this group's subcommands (none yet)."""
