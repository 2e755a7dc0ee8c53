"""The triage screen: tiers with counts, accept a tier, change or skip a person, a summary
before saving; offered after an import."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static
from tui_support import SIZE, TODAY, copy_network, ready, settle

from planner.models import Connection, Interaction
from planner.storage import Store
from screens.app import make_app
from screens.triage import ConfirmTriage, TriageScreen
from screens.widgets.virtual_list import VirtualList


@pytest.fixture
def network(tmp_path: Path) -> Path:
    """The fixture network plus people with no cadence: two close ones, one wider, one quiet."""
    path = copy_network(tmp_path)
    store = Store.open(path)
    records: list = []

    def person(name: str, exchanges: int, days_ago: int) -> None:
        first, last = name.split()
        conn = Connection(id=store.new_id("connections"), first_name=first, last_name=last)
        records.append(conn)
        for k in range(exchanges):
            for direction in ("sent", "received"):
                records.append(
                    Interaction(
                        id=store.new_id("interactions"),
                        connection_id=conn.id,
                        date=TODAY - timedelta(days=days_ago + k),
                        direction=direction,
                    )
                )

    person("Cleo Close", 5, 3)
    person("Cora Close", 4, 5)
    person("Wyn Wider", 1, 300)
    person("Quinn Quiet", 0, 0)
    store.put_many(records)
    store.save()
    return path


async def _open(app, pilot) -> TriageScreen:  # noqa: ANN001
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Triage")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, TriageScreen)
    return app.screen


async def test_accept_a_tier_change_and_skip_then_save(network: Path) -> None:
    before = {c.id: c.cadence for c in Store.open(network).connections.values()}
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        screen = await _open(app, pilot)
        proposal = screen.proposal
        assert proposal is not None
        listed = set(screen.people)
        assert listed == {cid for cid, cadence in before.items() if cadence is None}
        titles = [
            screen.titles[k] for k in screen.query_one(VirtualList).rows if k in screen.titles
        ]
        assert titles and all("·" in t for t in titles)
        # accept the tier of the first row, then change the second person, skip the third
        first = screen.query_one(VirtualList).highlighted_key
        tier = screen.tier_of[first]
        await pilot.press("a")
        await pilot.pause()
        accepted = {cid for cid, t in screen.tier_of.items() if t == tier}
        cadence = next(t.cadence for t in proposal.tiers if t.name == tier)
        if cadence is None:  # a tier with nothing to accept says so and accepts nobody
            assert all(screen.state[c] == "pending" for c in accepted)
            accepted = set()
        else:
            assert all(screen.state[c] == "accepted" for c in accepted)
        people = [k for k in screen.query_one(VirtualList).rows if k in screen.people]
        assert len(people) >= 2
        screen.query_one(VirtualList).select_key(people[-1])
        await pilot.press("c")
        await pilot.pause()
        changed = people[-1]
        assert screen.state[changed] == "accepted" and screen.chosen[changed] in (
            "1m",
            "3m",
            "6m",
            "1y",
        )
        await pilot.press("c")
        await pilot.pause()
        second = screen.chosen[changed]
        screen.query_one(VirtualList).select_key(people[0])
        await pilot.press("s")
        await pilot.pause()
        assert screen.state[people[0]] == "skipped"
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmTriage)
        assert "keep-in-touch cadence" in app.screen.summary
        await pilot.press("n")  # back, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        assert {c.id: c.cadence for c in app.store.connections.values()} == before
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        assert not isinstance(app.screen, TriageScreen)
    after = {c.id: c.cadence for c in Store.open(network).connections.values()}
    for cid, old in before.items():
        if old is not None:
            assert after[cid] == old  # a cadence the user set is never changed
    assert after[changed] == second
    assert after[people[0]] is None
    for cid in accepted - {people[0], changed}:
        assert after[cid] == cadence


async def test_nothing_accepted_saves_nothing(network: Path) -> None:
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        await _open(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, TriageScreen)
        assert any("Nothing accepted" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "overdue" in summary or "Nobody" in summary


async def test_the_import_dialog_offers_triage(network: Path, tmp_path: Path) -> None:
    from textual.widgets import Input

    from screens.transfer import TransferScreen

    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Nia,Newcomer,https://www.linkedin.com/in/nia,,Acme,CTO,01 Jan 2024\n"
    )
    app = make_app(network, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await ready(app, pilot)
        app.open_transfer("import")
        await pilot.pause()
        assert isinstance(app.screen, TransferScreen)
        assert app.screen.check_action("triage", ()) is None  # nothing imported yet
        app.screen.query_one("#path", Input).value = str(csv)
        await pilot.press("enter")
        for _ in range(300):
            await settle(app, pilot)
            if getattr(app.screen, "imported", False):
                break
        result = str(app.screen.query_one("#result", Static).render())
        assert "Next: outreach triage" in result and "ctrl+t to triage" in result
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert isinstance(app.screen, TriageScreen)
        assert any(c.name == "Nia Newcomer" for c in app.screen.people.values())
