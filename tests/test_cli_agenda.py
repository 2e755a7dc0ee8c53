"""The scheduling and agenda CLI contract (issue 3), run in-process with today = 2026-11-26."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.storage import Store
from tests.conftest import Result

Cli = Callable[..., Result]
ACCEPTED = ("YYYY-MM-DD", "today", "+3d", "in 2 weeks", "next friday", "dec 24", "24 Dec 2026")


def ok(result: Result) -> str:
    assert result.code == 0, result.err
    return result.out.strip()


def add(cli: Cli, name: str, *opts: str) -> str:
    return ok(cli("add", "--name", name, *opts))


def due_json(cli: Cli, *opts: str) -> list[dict[str, Any]]:
    return json.loads(ok(cli("due", "--json", *opts)))


def store(db_path: Path) -> Store:
    return Store.open(db_path)


@pytest.fixture
def people(cli: Cli) -> dict[str, str]:
    return {
        "priya": add(cli, "Priya Nair", "--how", "met at PyCon 2024", "--tag", "client"),
        "bo": add(cli, "Bo Chen", "--tag", "client", "--tag", "friend"),
        "ana": add(cli, "Ana Lima", "--tag", "friend"),
    }


# --- plan -------------------------------------------------------------------------------------


def test_plan_prints_its_id_and_shows_up_in_due(cli: Cli, people: dict[str, str]) -> None:
    plan_id = ok(cli("plan", "--to", "Priya Nair", "--text", "How was Lisbon?", "--on", "+3d"))
    assert plan_id.startswith("p") and plan_id[1:].isdigit()
    assert due_json(cli) == [
        {
            "date": "2026-11-29",
            "name": "Priya Nair",
            "connection_id": people["priya"],
            "reason": "planned",
            "days_overdue": -3,
            "detail": "How was Lisbon?",
            "plan_id": plan_id,
            "strength": 0,  # no history yet
        }
    ]


def test_plan_with_several_recipients_gives_one_item_each(cli: Cli, people: dict[str, str]) -> None:
    plan_id = ok(
        cli("plan", "--to", "Bo Chen", "--to", "ana lima", "--text", "Dinner?", "--on", "friday")
    )
    items = due_json(cli)
    assert [(i["name"], i["plan_id"], i["date"]) for i in items] == [
        ("Ana Lima", plan_id, "2026-11-27"),
        ("Bo Chen", plan_id, "2026-11-27"),
    ]


@pytest.mark.parametrize(
    ("opts", "rule"),
    [
        (("--yearly",), "FREQ=YEARLY"),
        (("--rrule", "rrule:freq=monthly;byday=1mo"), "FREQ=MONTHLY;BYDAY=1MO"),
    ],
)
def test_plan_recurrence_is_stored(
    cli: Cli, people: dict[str, str], db_path: Path, opts: tuple[str, ...], rule: str
) -> None:
    plan_id = ok(cli("plan", "--to", "Bo Chen", "--text", "Hi Bo", "--on", "dec 24", *opts))
    plan = store(db_path).plans[plan_id]
    assert plan.recurrence == rule
    assert plan.due.isoformat() == "2026-12-24"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--to", "Bo Chen", "--text", "Hi", "--on", "someday"), "cannot read the date"),
        (("--to", "Nobody Here", "--text", "Hi", "--on", "today"), "Nobody Here"),
        (("--to", "Bo Chen", "--text", "  ", "--on", "today"), "empty"),
        (("--to", "Bo Chen", "--text", "Hi", "--on", "today", "--rrule", "nonsense"), "RRULE"),
        (
            (
                "--to",
                "Bo Chen",
                "--text",
                "Hi",
                "--on",
                "today",
                "--yearly",
                "--rrule",
                "FREQ=YEARLY",
            ),
            "not allowed",
        ),
        (("--to", "Bo Chen", "--text", "Hi"), "--on"),
    ],
)
def test_plan_bad_input_exits_2_with_one_line(
    cli: Cli, people: dict[str, str], db_path: Path, args: tuple[str, ...], fragment: str
) -> None:
    result = cli("plan", *args)
    assert result.code == 2
    assert fragment in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert store(db_path).plans == {}


def test_bad_date_lists_the_accepted_forms(cli: Cli, people: dict[str, str]) -> None:
    result = cli("plan", "--to", "Bo Chen", "--text", "Hi", "--on", "31/12/2026")
    assert result.code == 2
    for form in ACCEPTED:
        assert form in result.err


def test_plan_saves_only_when_the_bulk_check_allows(
    cli: Cli, people: dict[str, str], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planner.commands import check

    seen: list[tuple[str, list[str], str]] = []

    def refuse(ctx: Any, st: Store, text: str, ids: Any, on: Any, **kw: Any) -> bool:
        seen.append((text, list(ids), on.isoformat()))
        return bool(ctx.args.yes)

    monkeypatch.setattr(check, "warn_before_saving", refuse)
    result = cli("plan", "--to", "Bo Chen", "--text", "Buy now!", "--on", "tomorrow")
    assert result.code == 1
    assert result.out == ""
    assert "not saved" in result.err and "--yes" in result.err
    assert store(db_path).plans == {}
    assert seen == [("Buy now!", [people["bo"]], "2026-11-27")]
    plan_id = ok(cli("plan", "--to", "Bo Chen", "--text", "Buy now!", "--on", "tomorrow", "--yes"))
    assert plan_id in store(db_path).plans


# --- done / snooze / skip ---------------------------------------------------------------------


def test_done_logs_each_recipient_and_closes_the_plan(
    cli: Cli, people: dict[str, str], db_path: Path
) -> None:
    plan_id = ok(
        cli("plan", "--to", "Bo Chen", "--to", "Ana Lima", "--text", "Hi!", "--on", "today")
    )
    out = ok(cli("done", plan_id, "--on", "yesterday"))
    assert "Bo Chen" in out and "Ana Lima" in out
    s = store(db_path)
    assert s.plans[plan_id].status == "done"
    for who in ("bo", "ana"):
        [inter] = s.interactions_for(people[who])
        assert (inter.date.isoformat(), inter.direction, inter.text) == (
            "2026-11-25",
            "sent",
            "Hi!",
        )
    assert due_json(cli) == []
    again = cli("done", plan_id)
    assert again.code == 2 and "already done" in again.err


def test_done_advances_a_yearly_plan(cli: Cli, people: dict[str, str], db_path: Path) -> None:
    plan_id = ok(
        cli("plan", "--to", "Bo Chen", "--text", "Merry Christmas", "--on", "dec 24", "--yearly")
    )
    out = ok(cli("done", plan_id, "--on", "2026-12-24"))
    assert "2027-12-24" in out
    plan = store(db_path).plans[plan_id]
    assert (plan.status, plan.due.isoformat()) == ("pending", "2027-12-24")


def test_yearly_plan_on_29_february_falls_on_the_28th_in_common_years(
    cli: Cli, people: dict[str, str], db_path: Path
) -> None:
    plan_id = ok(cli("plan", "--to", "Bo Chen", "--text", "Hi", "--on", "2028-02-29", "--yearly"))
    ok(cli("done", plan_id, "--on", "2028-02-29"))
    assert store(db_path).plans[plan_id].due.isoformat() == "2029-02-28"
    ok(cli("done", plan_id, "--on", "2029-02-28"))
    assert store(db_path).plans[plan_id].due.isoformat() == "2030-02-28"


def test_snooze_moves_the_item_in_due(cli: Cli, people: dict[str, str], db_path: Path) -> None:
    plan_id = ok(cli("plan", "--to", "Bo Chen", "--text", "Hi", "--on", "2026-11-20"))
    assert [i["days_overdue"] for i in due_json(cli)] == [6]
    assert "2026-12-01" in ok(cli("snooze", plan_id, "--until", "+5d"))
    assert due_json(cli, "--days", "4") == []
    assert [(i["date"], i["days_overdue"]) for i in due_json(cli)] == [("2026-12-01", -5)]
    past = cli("snooze", plan_id, "--until", "2026-11-01")
    assert past.code == 2 and "past" in past.err
    bad = cli("snooze", plan_id, "--until", "later")
    assert bad.code == 2 and "--until" in bad.err


def test_skip_one_off_and_recurring(cli: Cli, people: dict[str, str], db_path: Path) -> None:
    once = ok(cli("plan", "--to", "Bo Chen", "--text", "Hi", "--on", "today"))
    yearly = ok(cli("plan", "--to", "Bo Chen", "--text", "Hi", "--on", "today", "--yearly"))
    ok(cli("skip", once))
    assert "2027-11-26" in ok(cli("skip", yearly))
    s = store(db_path)
    assert s.plans[once].status == "skipped"
    assert (s.plans[yearly].status, s.plans[yearly].due.isoformat()) == ("pending", "2027-11-26")
    assert s.interactions == {}


def test_unknown_plan_id_exits_2(cli: Cli, people: dict[str, str]) -> None:
    for args in (("done", "p42"), ("snooze", "p42", "--until", "friday"), ("skip", "p42")):
        result = cli(*args)
        assert result.code == 2, args
        assert "p42" in result.err


# --- greeting rounds --------------------------------------------------------------------------


def test_greet_creates_one_to_write_plan_per_person(
    cli: Cli, people: dict[str, str], db_path: Path
) -> None:
    out = ok(cli("greet", "--tag", "client", "--on", "+3d", "--label", "Season's greetings"))
    plans = list(store(db_path).plans.values())
    assert sorted(p.recipients[0] for p in plans) == sorted([people["priya"], people["bo"]])
    assert all(p.text == "" and len(p.recipients) == 1 for p in plans)
    assert all(p.id in out for p in plans)
    items = due_json(cli)
    assert {(i["name"], i["reason"], i["detail"]) for i in items} == {
        ("Priya Nair", "planned", "to write: Season's greetings"),
        ("Bo Chen", "planned", "to write: Season's greetings"),
    }
    assert len({i["plan_id"] for i in items}) == 2
    # a plan with no text cannot be marked done
    result = cli("done", plans[0].id)
    assert result.code == 2 and "no text" in result.err
    assert store(db_path).interactions == {}
    # writing Priya's, then done (the greeting must name the plan's recipient)
    priya_plan = next(p for p in plans if p.recipients[0] == people["priya"])
    ok(cli("write", priya_plan.id, "--text", "Priya, thank you for the PyCon intro"))
    ok(cli("done", priya_plan.id))
    assert store(db_path).plans[priya_plan.id].status == "done"


def test_greet_again_does_not_duplicate(cli: Cli, people: dict[str, str], db_path: Path) -> None:
    ok(cli("greet", "--tag", "friend", "--on", "dec 20", "--label", "New year"))
    ok(cli("greet", "--tag", "friend", "--tag", "client", "--on", "dec 20", "--label", "New year"))
    assert len(store(db_path).plans) == 3


def test_greet_by_name_and_errors(cli: Cli, people: dict[str, str], db_path: Path) -> None:
    ok(cli("greet", "--to", "Ana Lima", "--on", "tomorrow", "--label", "Eid Mubarak"))
    assert len(store(db_path).plans) == 1
    nobody = cli("greet", "--tag", "nosuchtag", "--on", "tomorrow", "--label", "x")
    assert nobody.code == 2 and "nosuchtag" in nobody.err
    both = cli("greet", "--tag", "client", "--to", "Bo Chen", "--on", "tomorrow", "--label", "x")
    assert both.code == 2
    neither = cli("greet", "--on", "tomorrow", "--label", "x")
    assert neither.code == 2
    assert len(store(db_path).plans) == 1


# --- occasions --------------------------------------------------------------------------------


def test_occasion_add_forms(cli: Cli, people: dict[str, str], db_path: Path) -> None:
    a = ok(
        cli(
            "occasion",
            "add",
            "Bo Chen",
            "--label",
            "started at Acme",
            "--date",
            "2019-12-01",
            "--lead",
            "1w",
        )
    )
    b = ok(cli("occasion", "add", "Ana Lima", "--label", "name day", "--date", "11-28"))
    c = ok(
        cli(
            "occasion",
            "add",
            "Priya Nair",
            "--label",
            "Thanksgiving",
            "--rrule",
            "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
        )
    )
    s = store(db_path)
    assert (s.occasions[a].month, s.occasions[a].day, s.occasions[a].year) == (12, 1, 2019)
    assert s.occasions[a].lead_days == 7
    assert (s.occasions[b].month, s.occasions[b].day, s.occasions[b].year) == (11, 28, None)
    assert s.occasions[c].rrule == "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"
    items = due_json(cli, "--days", "0")
    assert [(i["name"], i["reason"], i["date"], i["detail"]) for i in items] == [
        ("Priya Nair", "occasion", "2026-11-26", "Thanksgiving"),
        ("Bo Chen", "occasion", "2026-12-01", "started at Acme (7 years)"),
    ]


@pytest.mark.parametrize(
    "opts",
    [
        ("--date", "13-01"),
        ("--date", "tomorrow"),
        ("--rrule", "FREQ=YEARLY"),
        ("--date", "12-01", "--lead", "soon"),
        ("--date", "12-01", "--rrule", "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1"),
        (),
    ],
)
def test_occasion_add_bad_input(
    cli: Cli, people: dict[str, str], db_path: Path, opts: tuple[str, ...]
) -> None:
    result = cli("occasion", "add", "Bo Chen", "--label", "x", *opts)
    assert result.code == 2
    assert "Traceback" not in result.err
    assert store(db_path).occasions == {}


# --- due --------------------------------------------------------------------------------------


def test_due_json_order_and_reasons(cli: Cli, db_path: Path) -> None:
    add(cli, "Ana Lima", "--birthday", "1986-11-28")
    priya = add(cli, "Priya Nair", "--every", "1m")
    add(cli, "Cy Park", "--every", "2w", "--connected", "2026-10-01")
    ok(
        cli(
            "log",
            "--to",
            "Priya Nair",
            "--text",
            "Great talk",
            "--on",
            "2026-10-20",
            "--follow-up",
            "7d",
        )
    )
    plan = ok(cli("plan", "--to", "Cy Park", "--text", "Coffee?", "--on", "today"))
    items = due_json(cli)
    assert [(i["name"], i["reason"], i["days_overdue"]) for i in items] == [
        ("Cy Park", "keep-in-touch", 42),
        ("Priya Nair", "follow-up", 30),
        ("Priya Nair", "keep-in-touch", 6),
        ("Cy Park", "planned", 0),
        ("Ana Lima", "birthday", -2),
    ]
    assert items[1]["connection_id"] == priya and items[3]["plan_id"] == plan
    assert all(i["plan_id"] is None for i in items if i["reason"] != "planned")
    assert items[4]["detail"] == "turns 40"
    # a reply clears the follow-up and resets the cadence
    ok(cli("log", "--to", "Priya Nair", "--text", "Thanks!", "--on", "2026-11-25", "--received"))
    assert [i["reason"] for i in due_json(cli) if i["name"] == "Priya Nair"] == []


def test_due_on_and_days(cli: Cli) -> None:
    add(cli, "Ana Lima", "--birthday", "12-10")
    assert due_json(cli) == []
    assert [i["days_overdue"] for i in due_json(cli, "--days", "14")] == [-14]
    assert [i["days_overdue"] for i in due_json(cli, "--on", "in 2 weeks", "--days", "0")] == [0]
    assert [i["days_overdue"] for i in due_json(cli, "--on", "dec 12")] == [2]
    bad = cli("due", "--on", "the day after")
    assert bad.code == 2 and "--on" in bad.err and "next friday" in bad.err
    assert cli("due", "--days", "many").code == 2


def test_due_plain_output_groups_with_context(cli: Cli) -> None:
    add(cli, "Priya Nair", "--how", "met at PyCon 2024", "--every", "1m")
    add(cli, "Ana Lima", "--birthday", "11-26")
    add(cli, "Bo Chen")
    ok(cli("log", "--to", "Priya Nair", "--text", "Hi", "--on", "2026-10-20"))
    ok(
        cli(
            "plan",
            "--to",
            "Bo Chen",
            "--to",
            "Ana Lima",
            "--text",
            "Lunch on Friday?",
            "--on",
            "+2d",
        )
    )
    out = ok(cli("due"))
    overdue, today, upcoming = out.index("Overdue"), out.index("Today"), out.index("Upcoming")
    assert overdue < today < upcoming
    assert out.index("Priya Nair") < today < out.index("Ana Lima") < upcoming
    assert "met at PyCon 2024" in out
    assert "last contact 2026-10-20" in out
    assert "no how-we-know note" in out
    assert out.count("Lunch on Friday?") == 2
    assert "also goes to 1 other" in out


def test_due_plain_output_on_an_empty_day(cli: Cli) -> None:
    out = ok(cli("due"))
    assert "Nothing is due" in out


def test_user_text_prints_literally(cli: Cli) -> None:
    add(cli, "[/] Robert [bold", "--how", "evil \x1b[2J note", "--birthday", "11-27")
    out = ok(cli("due"))
    assert "[/] Robert [bold" in out
    assert "\x1b" not in out
    assert "evil \\x1b[2J note" in out
    [item] = due_json(cli)
    assert item["name"] == "[/] Robert [bold"


def test_plan_runs_the_real_bulk_check(cli: Cli, db_path: Path) -> None:
    names = [f"Person{k} Sample" for k in range(1, 13)]
    for name in names:
        add(cli, name)
    to = [arg for name in names for arg in ("--to", name)]
    pitch = "Dear friend, exciting ground floor opportunity! Join now: https://example.com/x"
    refused = cli("plan", *to, "--text", pitch, "--on", "tomorrow")
    assert refused.code == 1
    assert "not saved" in refused.err
    assert store(db_path).plans == {}
    assert ok(cli("plan", *to, "--text", pitch, "--on", "tomorrow", "--yes")).startswith("p")
