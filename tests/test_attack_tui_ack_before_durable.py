"""Attack: the TUI acknowledges an edit before it is durable (issue 16, break 12).

Real processes: the TUI runs in a private tmux server, an interaction is logged, and the
process is killed with SIGKILL 0-300 ms after the toast that says "Logged ...". Every
acknowledged edit must be in the data file or its journal afterwards. The suite runs a few
trials; ``OUTREACH_KILL_TRIALS=50`` (or ``python -m bench.tui_driver --trials 50``) runs the
full count.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.tui_driver import kill_trials

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_tui_killed_after_the_toast_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    db = tmp_path / "data.json"
    shutil.copy(ROOT / "tests" / "fixtures" / "tui_network.json", db)
    trials = int(os.environ.get("OUTREACH_KILL_TRIALS", "6"))
    report = kill_trials(db, trials, seed=16)
    assert report.acknowledged == trials
    assert report.lost == [], report.line()
