"""`outreach due` must start fast (issue 7: < 160 ms at 30,000 contacts): a reading command
never imports the libraries only writing, the TUI, the bulk check or the formats need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("textual", "rapidfuzz", "vobject", "icalendar", "tinydb", "filelock")

CODE = """
import sys
from planner.cli import main
code = main(["--db", sys.argv[1], "--today", "2026-11-26", "due"])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))
print(code, ",".join(heavy) or "-", "dateutil.rrule" in sys.modules)
"""


def _run_due(db: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", CODE, str(db), ",".join(HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split()[-3:]


def test_due_on_a_network_without_rules_imports_nothing_heavy(cli, db_path: Path) -> None:
    assert cli("add", "--name", "Priya Nair", "--every", "1m", "--birthday", "02-29").code == 0
    assert db_path.exists()
    code, heavy, rrule = _run_due(db_path)
    assert code in ("0", "1")
    assert heavy == "-", f"`outreach due` imported {heavy}"
    assert rrule == "False"  # dateutil.rrule only when some occasion or plan has an RRULE


def test_due_without_a_data_file_still_works(tmp_path: Path) -> None:
    code, heavy, _ = _run_due(tmp_path / "none.json")
    assert code == "0" and heavy == "-"
    assert not (tmp_path / "none.json").exists()  # reading never creates the file
