"""``python -m planner`` runs the CLI (the TUI opens with ``outreach``: see :mod:`outreach`)."""

import sys

from planner.cli import main

sys.exit(main())
