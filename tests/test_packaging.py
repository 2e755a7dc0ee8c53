"""The built wheel carries both packages and the demo network, so `outreach --demo` works
from an installed wheel, not only from a checkout."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("uv") is None, reason="needs uv to build the wheel")
def test_wheel_contains_planner_screens_demo_data_and_the_console_script(tmp_path: Path) -> None:
    subprocess.run(
        ["uv", "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("outreach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "planner/cli.py" in names and "planner/storage/store.py" in names
    assert "screens/app.py" in names and "outreach/__init__.py" in names
    assert "planner/demo_data.json" in names
    assert any(n.endswith(".tcss") for n in names) or not list((ROOT / "screens").rglob("*.tcss"))
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "outreach = outreach:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    shipped = zipfile.ZipFile(wheel).read("planner/demo_data.json")
    assert shipped == (ROOT / "data.json").read_bytes()
