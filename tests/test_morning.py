"""The morning list: the daily budget, reconnect suggestions, news on re-import, person-level
snooze and skip."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from pathlib import Path

from planner import morning, strength
from planner.agenda import due_items
from planner.models import Birthday, Connection, Interaction, Plan
from planner.morning import day_list
from planner.operations import Operations
from planner.storage import Store

TODAY = date(2026, 11, 26)


def person(store: Store, name: str, **fields) -> Connection:
    first, _, last = name.partition(" ")
    conn = Connection(id=store.new_id("connections"), first_name=first, last_name=last, **fields)
    store.put(conn)
    return conn


def talk(store: Store, conn: Connection, days_ago: int, direction: str = "sent", **kw):
    inter = Interaction(
        id=store.new_id("interactions"),
        connection_id=conn.id,
        date=TODAY - timedelta(days=days_ago),
        direction=direction,
        **kw,
    )
    store.put(inter)
    return inter


def backlog(path: Path, n: int = 6000) -> Store:
    """``n`` imported people every 6m never contacted (connected long ago), 30 of whom the user
    actually writes to, plus one of each dated kind."""
    store = Store.open(path)
    people = [
        Connection(
            id=store.new_id("connections"),
            first_name=f"P{k:05d}",
            last_name="Imported",
            cadence="6m",
            connected_on=date(2012, 1, 1) + timedelta(days=k % 3000),
        )
        for k in range(n)
    ]
    store.put_many(people)
    history = []
    for k in range(30):  # the ones you write to: two-way, and 200 days since (overdue on 6m)
        conn = people[k * 7]
        for m in range(k % 5 + 1):
            for direction in ("sent", "received"):
                history.append(
                    Interaction(
                        id=store.new_id("interactions"),
                        connection_id=conn.id,
                        date=TODAY - timedelta(days=200 + m),
                        direction=direction,
                    )
                )
    store.put_many(history)
    bday = person(store, "Bea Birthday", birthday=Birthday(11, 26))
    plan = Plan(id=store.new_id("plans"), recipients=[bday.id], due=TODAY, text="Hi")
    store.put(plan)
    chased = person(store, "Fay Followup")
    talk(store, chased, 10, follow_up_on=TODAY - timedelta(days=2))
    return store


def open_rows(items):
    return [i for i in items if i.reason in morning.OPEN_ENDED]


def test_a_6000_person_backlog_gives_exactly_the_limit(tmp_path: Path) -> None:
    store = backlog(tmp_path / "d.json")
    everything = day_list(store, TODAY, 7, None)
    day = day_list(store, TODAY, 7, 10)
    assert len(open_rows(everything.items)) >= 6000
    assert len(open_rows(day.items)) == 10
    assert day.waiting == len(open_rows(everything.items)) - 10
    dated = [i for i in everything.items if i.reason not in morning.OPEN_ENDED]
    assert [i for i in day.items if i.reason not in morning.OPEN_ENDED] == dated
    assert {i.reason for i in dated} == {"birthday", "planned", "follow-up"}
    # the rows kept are the best by priority: here the people you actually write to
    values = strength.everyone(store, TODAY)
    best = sorted(
        open_rows(everything.items),
        key=lambda i: -(1 + values.get(i.connection_id, 0)) * math.log2(2 + max(0, i.days_overdue)),
    )[:10]
    assert {i.connection_id for i in open_rows(day.items)} == {i.connection_id for i in best}
    assert all(values.get(i.connection_id, 0) > 0 for i in open_rows(day.items))
    # shown in the agenda's order (by date, then reason, then name)
    assert day.items == [i for i in everything.items if i in day.items]


def test_the_next_day_draws_the_next_best(tmp_path: Path) -> None:
    store = backlog(tmp_path / "d.json")
    first = open_rows(day_list(store, TODAY, 0, 10).items)
    ranked = open_rows(day_list(store, TODAY, 0, 20).items)
    for item in first:  # handled today: a note to each
        talk(store, store.connections[item.connection_id], 0, text="note")
    tomorrow = TODAY + timedelta(days=1)
    second = open_rows(day_list(store, tomorrow, 0, 10).items)
    assert len(second) == 10
    assert not {i.connection_id for i in first} & {i.connection_id for i in second}
    expected = {i.connection_id for i in ranked} - {i.connection_id for i in first}
    assert {i.connection_id for i in second} == expected


def test_priority_weights_overdue_by_strength() -> None:
    from planner.agenda import DueItem

    old = DueItem(TODAY, "c1", "A", "keep-in-touch", 5000, "")
    fresh = DueItem(TODAY, "c2", "B", "keep-in-touch", 10, "")
    assert morning.priority(fresh, 50) > morning.priority(old, 0)
    assert morning.priority(old, 0) > morning.priority(fresh, 0)  # same strength: most overdue


def test_cli_due_limit_all_and_setting(cli) -> None:
    for k in range(15):
        cli("add", "--name", f"Person {k:02d}", "--every", "1m", "--connected", "2026-01-01")
    text = cli("due").out
    assert text.rstrip().endswith("5 more waiting: outreach due --all")
    assert len(json.loads(cli("due", "--json").out)) == 10
    assert len(json.loads(cli("due", "--all", "--json").out)) == 15
    assert "more waiting" not in cli("due", "--all").out
    assert len(json.loads(cli("due", "--limit", "3", "--json").out)) == 3
    cli("config", "set", "daily-limit", "4")
    assert "11 more waiting" in cli("due").out
    assert cli("due", "--limit", "0").code == 2
    assert cli("due", "--limit", "3", "--all").code == 2


# --- reconnect ------------------------------------------------------------------------------


def test_reconnect_suggests_quiet_two_way_people_only(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d.json")
    quiet = person(store, "Quinn Quiet")
    talk(store, quiet, 300)
    talk(store, quiet, 299, "received")
    recent = person(store, "Rae Recent")
    talk(store, recent, 30)
    talk(store, recent, 29, "received")
    one_way = person(store, "Olga Oneway")
    for k in range(5):
        talk(store, one_way, 300 + k)
    single = person(store, "Sid Single")
    talk(store, single, 400, "received")
    kept = person(store, "Cad Cadence", cadence="1y")
    talk(store, kept, 300)
    talk(store, kept, 299, "received")
    items = [i for i in day_list(store, TODAY, 7).items if i.reason == "reconnect"]
    assert [i.name for i in items] == ["Quinn Quiet"]
    item = items[0]
    assert item.date == TODAY - timedelta(days=299) + timedelta(days=120)
    assert item.days_overdue == 179
    assert "quiet since 2026-01-31" in item.detail and "2 exchanges" in item.detail


def test_reconnect_with_no_setup_after_an_import_with_messages(cli, tmp_path: Path) -> None:
    """A fresh import with messages gives a useful list with no cadence at all."""
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical,Engineer,01 Jan 2020\n"
        "Bob,Quiet,https://www.linkedin.com/in/bob,,,,01 Jan 2020\n"
    )
    rows = [
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER"
    ]
    for k, (who, url, day) in enumerate(
        [
            ("Me", "https://www.linkedin.com/in/me", "2026-02-01"),
            ("Ada Lovelace", "https://www.linkedin.com/in/ada", "2026-02-02"),
            ("Me", "https://www.linkedin.com/in/me", "2026-02-03"),
        ]
    ):
        other = "https://www.linkedin.com/in/ada"
        to = other if who == "Me" else "https://www.linkedin.com/in/me"
        rows.append(f"c1,,{who},{url},x,{to},{day} 10:00:00 UTC,,message {k},INBOX")
    (folder / "messages.csv").write_text("\n".join(rows) + "\n")
    result = cli("import", "linkedin", str(folder), "--me", "https://www.linkedin.com/in/me")
    assert result.code in (0, 1), result.err
    assert "Next: outreach triage" in result.out
    due = json.loads(cli("due", "--json").out)
    assert [(i["name"], i["reason"]) for i in due] == [("Ada Lovelace", "reconnect")]
    assert due[0]["strength"] > 0


# --- news -----------------------------------------------------------------------------------


def _export(folder: Path, company: str, position: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Maya,Brown,https://www.linkedin.com/in/maya,,{company},{position},01 Jan 2020\n"
    )
    return folder / "Connections.csv"


def test_news_on_re_import(cli, tmp_path: Path) -> None:
    cli("import", "linkedin", str(_export(tmp_path / "a", "Stripe", "Staff Engineer")))
    assert json.loads(cli("due", "--json").out) == []
    csv = _export(tmp_path / "b", "Lattice", "Head of Platform")
    result = cli("import", "linkedin", str(csv), today="2026-11-20")
    assert "1 person has a new role" in result.out
    due = json.loads(cli("due", "--json", "--on", "2026-11-20").out)
    assert due == [
        {
            "date": "2026-11-20",
            "name": "Maya Brown",
            "connection_id": "c1",
            "reason": "news",
            "days_overdue": 0,
            "detail": "new role: Head of Platform at Lattice, was Staff Engineer at Stripe",
            "plan_id": None,
            "strength": 0,
        }
    ]
    # still there six days later, gone after 14 days
    assert [i["reason"] for i in json.loads(cli("due", "--json").out)] == ["news"]
    assert json.loads(cli("due", "--json", "--on", "2026-12-05").out) == []
    # the card keeps the change history
    card = cli("show", "Maya Brown").out
    assert "2026-11-20 new role: Head of Platform at Lattice, was Staff Engineer at Stripe" in card
    # anything sent ends it
    cli("log", "--to", "Maya Brown", "--text", "Congratulations!")
    assert json.loads(cli("due", "--json").out) == []


def test_news_is_never_hidden_by_the_budget(tmp_path: Path) -> None:
    store = backlog(tmp_path / "d.json", n=300)
    conn = store.connections["c3"].updated(company="Stripe")
    store.put(conn)
    before = morning.roles(store)
    store.put(conn.updated(company="Lattice", position="CTO"))
    morning.record_role_changes(store, before, TODAY, "import")
    items = day_list(store, TODAY, 7, 1).items
    assert [i.connection_id for i in items if i.reason == "news"] == ["c3"]
    # an edit is recorded in the history, but is no news to the person who made it
    before = morning.roles(store)
    store.put(store.connections["c4"].updated(company="Elsewhere"))
    morning.record_role_changes(store, before, TODAY, "edit")
    assert store.connections["c4"].events == []  # c4 had no company or position before
    before = morning.roles(store)
    store.put(store.connections["c4"].updated(company="Again"))
    morning.record_role_changes(store, before, TODAY, "edit")
    assert store.connections["c4"].events[-1]["source"] == "edit"
    assert "c4" not in {
        i.connection_id for i in day_list(store, TODAY, 7, None).items if i.reason == "news"
    }


def test_dismissed_news_is_gone_but_kept_in_history(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d.json")
    conn = person(store, "Maya Brown", company="Stripe")
    before = morning.roles(store)
    store.put(conn.updated(company="Lattice"))
    morning.record_role_changes(store, before, TODAY, "import")
    assert [i.reason for i in day_list(store, TODAY).items] == ["news"]
    morning.dismiss_news(Operations(store), store.connections[conn.id], TODAY)
    assert day_list(store, TODAY).items == []
    assert store.connections[conn.id].events[0]["text"].startswith("new role: Lattice")


# --- person snooze and skip -----------------------------------------------------------------


def test_person_snooze_moves_open_ended_items_only(cli) -> None:
    cli(
        "add",
        "--name",
        "Priya Nair",
        "--every",
        "1m",
        "--connected",
        "2026-01-01",
        "--birthday",
        "11-27",
    )
    assert {i["reason"] for i in json.loads(cli("due", "--json").out)} == {
        "keep-in-touch",
        "birthday",
    }
    result = cli("snooze", "Priya Nair", "--until", "2026-12-10")
    assert result.code == 0 and "snoozed until 2026-12-10" in result.out
    assert [i["reason"] for i in json.loads(cli("due", "--json").out)] == ["birthday"]
    late = json.loads(cli("due", "--json", "--on", "2026-12-10").out)
    assert [(i["reason"], i["date"]) for i in late] == [
        ("birthday", "2026-11-27"),  # a missed birthday stays 14 days
        ("keep-in-touch", "2026-12-10"),
    ]
    assert cli("snooze", "c1", "--until", "yesterday").code == 2
    assert cli("snooze", "Nobody Here", "--until", "+1d").code == 2


def test_person_skip_moves_the_clock_on_with_a_history_entry(cli) -> None:
    cli("add", "--name", "Priya Nair", "--every", "1m")
    cli("log", "--to", "Priya Nair", "--text", "hi", "--on", "2026-09-01")
    (item,) = json.loads(cli("due", "--json").out)
    assert item["reason"] == "keep-in-touch" and item["date"] == "2026-10-01"
    result = cli("skip", "priya nair")
    assert result.code == 0 and "counts as done" in result.out
    assert json.loads(cli("due", "--json").out) == []
    (item,) = json.loads(cli("due", "--json", "--on", "2026-12-26").out)
    assert item["date"] == "2026-12-26"
    assert item["detail"] == "every 1m, skipped 2026-11-26 (last contact 2026-09-01)"
    card = cli("show", "Priya Nair").out
    assert "2026-11-26 skipped this keep-in-touch round (every 1m): counts as done" in card
    shown = json.loads(cli("show", "c1", "--json").out)
    assert shown["last_contacted"] == "2026-09-01"  # no message was logged
    cli("add", "--name", "No Cadence")
    assert cli("skip", "No Cadence").code == 2


def test_plan_and_follow_up_forms_still_work(cli) -> None:
    cli("add", "--name", "Priya Nair")
    plan = cli("plan", "--to", "Priya Nair", "--text", "Hello there", "--on", "today").out.strip()
    assert cli("snooze", plan, "--until", "+2d").out.strip() == f"{plan} snoozed until 2026-11-28"
    assert cli("skip", plan[1:]).out.strip() == f"{plan} skipped"
    logged = cli("log", "--to", "Priya Nair", "--text", "x", "--follow-up", "1d").out.split()[0]
    assert cli("skip", logged).out.strip() == f"{logged} follow-up dropped"


def test_due_items_keep_their_documented_order(tmp_path: Path) -> None:
    """The budgeted list adds to the agenda; without news or reconnect items it is the same."""
    store = backlog(tmp_path / "d.json", n=300)
    assert day_list(store, TODAY, 7, None).items == due_items(store, TODAY, 7)


def test_due_from_the_summary_ranks_like_the_whole_network(cli, db_path: Path) -> None:
    """``due`` decodes only the candidates that can make the day (ranked from the summary);
    its rows and its waiting count are those of the whole network."""
    store = backlog(db_path, n=1500)
    ops = Operations(store)
    people = list(store.connections.values())
    morning.snooze_person(ops, people[14], TODAY + timedelta(days=2), TODAY)
    morning.skip_person(ops, store.connections[people[21].id], TODAY)
    quiet = person(store, "Quinn Quiet")  # a reconnect suggestion with a strong history
    for k in range(6):
        talk(store, quiet, 200 + k)
        talk(store, quiet, 200 + k, "received")
    store.save()
    for limit in ("3", "10", "40"):
        whole = day_list(Store.open(db_path), TODAY, 7, int(limit))
        shown = json.loads(cli("due", "--json", "--limit", limit).out)
        assert [(i["connection_id"], i["reason"], i["date"]) for i in shown] == [
            (i.connection_id, i.reason, i.date.isoformat()) for i in whole.items
        ]
        text = cli("due", "--limit", limit).out
        assert text.rstrip().endswith(f"{whole.waiting} more waiting: outreach due --all")
    assert "Quinn Quiet" in {i["name"] for i in json.loads(cli("due", "--json").out)}
