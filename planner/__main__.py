"""``python -m planner``: the same as the ``outreach`` command (the CLI, or with no command
the TUI), so it hands over to the launcher, :mod:`outreach`.

This entry script is the one module under ``planner/`` that reaches the launcher: nothing
imports it (the import contracts in pyproject.toml ignore exactly this one import).
"""

import sys

from outreach import main

sys.exit(main())
