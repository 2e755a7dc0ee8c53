"""The status-update path: a broadcast becomes a status-update draft, not messages."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from textual.widgets import TextArea
from tui_support import SIZE, TODAY, copy_network, ready, settle

from planner.models import Plan
from planner.storage import Store
from screens.app import OutreachApp, make_app
from screens.clipboard import copied_words, copy_with_tool, linkedin_share_url
from screens.composer import ComposerScreen
from screens.schedule import ScheduleScreen
from screens.widgets.confirm import ChoiceScreen
from screens.widgets.virtual_list import VirtualList

BROADCAST = (
    "Hi all! Get in on the ground floor of this opportunity. Know anyone who might be "
    "interested? Forward this to everyone you know."
)


@pytest.fixture
def network(tmp_path: Path) -> Path:
    path = copy_network(tmp_path)
    store = Store.open(path)
    store.put(  # a bulk plan to several people
        Plan(id="p9", recipients=["c1", "c2", "c4", "c5", "c6"], due=TODAY, text=BROADCAST)
    )
    store.save()
    return path


@pytest.fixture(autouse=True)
def no_clipboard_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)


def _toasts(app: OutreachApp) -> list[str]:
    return [n.message for n in app._notifications]


async def _bulk_choice(app: OutreachApp, pilot, plan_id: str | None) -> None:  # noqa: ANN001
    await ready(app, pilot)
    if plan_id:
        app.open_composer(list(app.store.plans[plan_id].recipients), plan_id=plan_id)
    else:
        app.open_composer(["c1", "c2", "c4"])
        await pilot.pause()
        app.screen.query_one("#text", TextArea).insert(BROADCAST)
    await pilot.pause()
    assert isinstance(app.screen, ComposerScreen)
    await pilot.press("ctrl+s")
    await settle(app, pilot)
    assert isinstance(app.screen, ChoiceScreen), app.screen  # the bulk-send warning
    await pilot.press("s")  # post it as a status update
    await pilot.pause()


async def test_posting_a_bulk_plan_as_a_status_update_removes_the_plan(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await _bulk_choice(app, pilot, "p9")
        assert isinstance(app.screen, ChoiceScreen)
        assert "p9 is still planned as a message to 5 people" in app.screen.body.plain
        await pilot.press("r")  # remove the plan: it becomes the draft
        await settle(app, pilot)
        assert app.store.plans["p9"].status == "status-update"
        assert not any(i.plan_id == "p9" for i in app.screen.items.values())  # off Today
        toasts = _toasts(app)
        assert any("status-update draft p9" in t for t in toasts), toasts
        assert not any(t.startswith("Copied") for t in toasts), toasts  # no tool: no claim
        assert any("OSC 52" in t for t in toasts), toasts
        assert any("No graphical browser" in t for t in toasts), toasts
        await pilot.press("s")
        await settle(app, pilot)
        schedule = app.screen
        assert isinstance(schedule, ScheduleScreen)
        rows = list(schedule.query_one(VirtualList).rows)
        assert "status:p9" in rows and "plan:p9" not in rows
        schedule.query_one(VirtualList).select_key("status:p9")
        await pilot.press("D")
        await settle(app, pilot)
        assert "p9" not in app.store.plans
        await pilot.press("u")
        await settle(app, pilot)
        assert app.store.plans["p9"].status == "status-update"
    saved = Store.open(network).plans["p9"]
    assert saved.status == "status-update" and saved.text == BROADCAST


async def test_a_new_broadcast_is_kept_as_a_draft_without_asking_about_plans(
    network: Path,
) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        before = {"p1", "p2", "p3", "p9"}  # the fixture's plans
        await _bulk_choice(app, pilot, None)
        await settle(app, pilot)
        new = [p for pid, p in app.store.plans.items() if pid not in before and pid != "p9"]
        assert len(new) == 1 and new[0].status == "status-update"
        assert new[0].recipients == ["c1", "c2", "c4"] and new[0].text == BROADCAST
        assert not any(p.status == "pending" and p.text == BROADCAST and p.id != "p9"
                       for p in app.store.plans.values())  # fmt: skip


def test_a_copy_is_claimed_only_when_a_clipboard_tool_took_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert copy_with_tool("hello") is None  # no display: no tool
    assert not copied_words(None).startswith("Copied")
    fake = tmp_path / "xclip"
    out = tmp_path / "clip.txt"
    fake.write_text(f"#!/bin/sh\ncat > {out}\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("screens.clipboard.sys.platform", "linux")
    assert copy_with_tool("héllo 🌵") == "xclip"
    assert out.read_text(encoding="utf-8") == "héllo 🌵"
    assert copied_words("xclip").startswith("Copied to the clipboard (xclip)")
    fake.write_text("#!/bin/sh\nexit 1\n")  # a tool that fails is not a copy
    assert copy_with_tool("x") is None


def test_the_share_link_carries_the_text() -> None:
    url = linkedin_share_url("Big news: we launched! #outreach & more")
    assert url.startswith("https://www.linkedin.com/feed/?shareActive=true&text=")
    assert "Big%20news%3A%20we%20launched%21%20%23outreach%20%26%20more" in url
