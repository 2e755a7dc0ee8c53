"""A deterministic synthetic network at LinkedIn scale, in the store's file format.

``python -m bench.generate OUT [--size small|medium|full | --connections N]`` writes to OUT:

* ``network.json``: the data file (connections, interactions over ~3 years with realistic text
  lengths and a share of near-duplicate bulk sends, plans, occasions);
* ``network-nohistory.json``: the same connections with no interactions, plans or occasions
  (the ``outreach due`` start-up target);
* ``Connections.csv``, ``contacts.vcf`` and ``messages.csv``: the import sources, as LinkedIn and
  an address book ship them.

Sizes scale from the connection count: full = 30,000 connections, 100,000 interactions,
30,000 plans and 6,000 occasions (medium 3,000 and small 300 connections, same ratios). The
seed is fixed, so every run writes byte-identical files; dates count back from
:data:`REFERENCE_DAY`, the ``--today`` the bench runs with.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson

from planner.models import Birthday, Connection, Interaction, Occasion, Plan
from planner.storage import write_atomic
from planner.storage.document import META, SCHEMA_VERSION

SEED = 20261126
REFERENCE_DAY = date(2026, 11, 26)
HISTORY_DAYS = 3 * 365
SIZES = {"small": 300, "medium": 3_000, "full": 30_000}
ME_NAME = "Sam Rivera"
ME_URL = "https://www.linkedin.com/in/sam-rivera-0a1b2c"

FIRST = [
    "Aarav",
    "Abebe",
    "Ada",
    "Adaeze",
    "Ahmed",
    "Aiko",
    "Alejandro",
    "Alex",
    "Alice",
    "Amara",
    "Ana",
    "Andrea",
    "Anja",
    "Ari",
    "Arjun",
    "Astrid",
    "Ayesha",
    "Beatriz",
    "Ben",
    "Bilal",
    "Bjorn",
    "Camille",
    "Carlos",
    "Carmen",
    "Chen",
    "Chiara",
    "Chloe",
    "Chris",
    "Daniel",
    "Daria",
    "Dev",
    "Diego",
    "Dmitri",
    "Elena",
    "Elif",
    "Emeka",
    "Emma",
    "Farah",
    "Fatima",
    "Felix",
    "Fiona",
    "Francesca",
    "Gabriel",
    "Grace",
    "Hana",
    "Hannah",
    "Hiro",
    "Ibrahim",
    "Ines",
    "Ingrid",
    "Isaac",
    "Ivan",
    "Jamal",
    "James",
    "Jana",
    "Javier",
    "Jia",
    "Joao",
    "Jonas",
    "Jose",
    "Julia",
    "Kai",
    "Kamala",
    "Karim",
    "Kenji",
    "Kofi",
    "Lars",
    "Laura",
    "Layla",
    "Leila",
    "Leo",
    "Lina",
    "Liam",
    "Luca",
    "Lucia",
    "Mai",
    "Malik",
    "Marco",
    "Maria",
    "Marta",
    "Mateo",
    "Maya",
    "Mei",
    "Mohammed",
    "Nadia",
    "Naomi",
    "Nikhil",
    "Nina",
    "Noah",
    "Nour",
    "Olga",
    "Omar",
    "Oscar",
    "Paula",
    "Pedro",
    "Priya",
    "Rafael",
    "Rahul",
    "Rania",
    "Raphael",
    "Ravi",
    "Rebecca",
    "Reza",
    "Ricardo",
    "Rita",
    "Robert",
    "Roberta",
    "Robin",
    "Rohan",
    "Rosa",
    "Ruth",
    "Ryan",
    "Sakura",
    "Samir",
    "Sara",
    "Sebastian",
    "Sergei",
    "Shira",
    "Sofia",
    "Sophie",
    "Sven",
    "Tariq",
    "Thomas",
    "Tomas",
    "Uma",
    "Valentina",
    "Victor",
    "Wei",
    "Yara",
    "Yusuf",
    "Zainab",
    "Zoe",
]
LAST = [
    "Abara",
    "Adeyemi",
    "Alvarez",
    "Andersen",
    "Bauer",
    "Becker",
    "Bianchi",
    "Brown",
    "Castillo",
    "Chen",
    "Cohen",
    "Costa",
    "Da",
    "Silva",
    "Dubois",
    "Eriksen",
    "Fernandez",
    "Fischer",
    "Garcia",
    "Gonzalez",
    "Gupta",
    "Haddad",
    "Hansen",
    "Hoffmann",
    "Hughes",
    "Ibrahim",
    "Ito",
    "Jansen",
    "Johansson",
    "Kaur",
    "Khan",
    "Kim",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Le",
    "Lee",
    "Lopez",
    "Martin",
    "Martinez",
    "Meyer",
    "Moreau",
    "Muller",
    "Murphy",
    "Nair",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Park",
    "Patel",
    "Perez",
    "Petrov",
    "Popescu",
    "Ramirez",
    "Reyes",
    "Rossi",
    "Sanchez",
    "Sato",
    "Schmidt",
    "Schneider",
    "Silva",
    "Singh",
    "Smith",
    "Sousa",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Thompson",
    "Van",
    "Dijk",
    "Wagner",
    "Walker",
    "Wang",
    "Weber",
    "Williams",
    "Wilson",
    "Wong",
    "Yamamoto",
    "Yilmaz",
    "Zhang",
]
HOSTILE_NAMES = (("[/] Robert", "[bold"), ("Ada", "[link=x]Lovelace"), ("Eve", "\x1b[31mRed"))
COMPANIES = [
    "Acme, Inc.",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli",
    "Pied Piper",
    "Vandelay Industries",
    "Soylent Foods",
    "Tyrell Corp",
    "Cyberdyne",
    "Oscorp",
    "Wonka Confections",
    "Gringotts",
    "Aperture Science",
    "Black Mesa",
    "Massive Dynamic",
    "Monarch Solutions",
    "Northwind Traders",
    "Contoso",
    "Fabrikam",
    "Adventure Works",
    "Litware",
    "Proseware",
    "Tailspin Toys",
    "Blue Yonder Airlines",
    "Lucerne Publishing",
    "Wide World Importers",
    "Coho Winery",
    "Fourth Coffee",
    "Margie's Travel",
    "Alpine Ski House",
    "City Hospital",
    "State University",
    "Freelance",
    "Open Source Collective",
    "Public Library",
    "Green Energy Co",
]
POSITIONS = [
    "Software Engineer",
    "Senior Software Engineer",
    "Engineering Manager",
    "Product Manager",
    "Designer",
    "Data Scientist",
    "Recruiter",
    "Talent Partner",
    "CTO",
    "CEO",
    "Founder",
    "Sales Director",
    "Account Executive",
    "Marketing Lead",
    "Nurse",
    "Professor",
    "PhD Student",
    "Consultant",
    "Analyst",
    "Operations Manager",
    "Teacher",
    "Architect",
    "DevOps Engineer",
    "Researcher",
    "Writer",
    "Editor",
    "Photographer",
    "Lawyer",
    "Accountant",
    "Student",
]
HOW = (
    "Met at PyCon {year} after the packaging talk; we argued about lock files.",
    "Worked together at {company} on the billing migration.",
    "Introduced by {other} over coffee in {city}.",
    "Studied together at State University, shared a flat in second year.",
    "Was my mentor during the {company} internship.",
    "Neighbour in {city}; our kids go to the same school.",
    "Hired them in {year}; they now lead the data team.",
    "Met on the train to {city}, talked about marathon training.",
    "Co-organised the {city} meetup for two years.",
)
CITIES = [
    "Lisbon",
    "Berlin",
    "Oaxaca",
    "Lagos",
    "Pune",
    "Osaka",
    "Toronto",
    "Nairobi",
    "Austin",
    "Kraków",
    "Seoul",
    "Dublin",
]
TAGS = [
    "client",
    "friend",
    "family",
    "ex-colleague",
    "mentor",
    "recruiter",
    "investor",
    "alumni",
    "python",
    "meetup",
]
CADENCES = ("2w", "1m", "3m", "6m", "1y")
FRAGMENTS = (
    "Great to see you at the meetup last week.",
    "How did the move to {city} go?",
    "Thanks again for the intro to {other}, we had a really good call.",
    "I read your post about the migration and it made me rethink ours.",
    "Congratulations on the new role at {company}!",
    "Are you still running on Sundays? I finally signed up for the half marathon.",
    "Happy birthday! Hope the year ahead is a kind one.",
    "Could we find 20 minutes next week? I would love your take on the hiring plan.",
    "The photos from {city} look amazing.",
    "Sorry for the slow reply, the last month has been a blur.",
    "Let me know if I can help with anything on your side.",
    "I owe you a coffee for the advice on the offer, it worked out.",
    "We shipped the thing we talked about, and your idea about retries saved us.",
    "How is the little one doing?",
    "Saw that {company} is opening an office near you, any chance you are involved?",
    "Thanks!",
    "Sounds good, talk soon.",
)
CAMPAIGNS = (
    "{hi} {first}, wishing you and your family a wonderful holiday season and a happy new year! "
    "{sign}",
    "{hi} {first}, I'm excited to share that I've started a new position at Globex. Would love "
    "to stay in touch{p} {sign}",
    "{hi} {first}! Happy work anniversary{p} Here's to many more years of success. {sign}",
    "{hi} {first}, I hope you're well. I'm reaching out to a few people in my network about a "
    "ground floor opportunity with residual income. Know anyone who might be interested? {sign}",
    "{hi} {first}, I'd like to add you to my professional network on LinkedIn{p} {sign}",
    "{hi} {first}, sending you a little eCard for the season: https://ecards.example/s/{k} {sign}",
)
GREETINGS = ("Hi", "Hello", "Hey", "Dear", "Hi there")
SIGNOFFS = ("Best, Sam", "Cheers, Sam", "Warm regards, Sam", "Sam", "All the best! 🎉", "")


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind a network of ``connections`` people has."""

    connections: int
    interactions: int
    plans: int
    occasions: int

    @classmethod
    def for_connections(cls, n: int) -> Sizes:
        return cls(n, n * 10 // 3, n, n // 5)


def _day(rng: random.Random, days_back: int, days_forward: int = 0) -> date:
    return REFERENCE_DAY + timedelta(days=rng.randint(-days_back, days_forward))


def _fill(rng: random.Random, template: str, people: list[Connection]) -> str:
    other = rng.choice(people)
    return template.format(
        city=rng.choice(CITIES),
        company=rng.choice(COMPANIES),
        other=other.name,
        year=rng.randint(2012, 2026),
    )


def _message(rng: random.Random, people: list[Connection]) -> str:
    """A personal message with a realistic length (median ~150 chars, long tail to ~3,000)."""
    target = min(3000, max(6, int(rng.lognormvariate(5.0, 0.8))))
    parts: list[str] = []
    size = 0
    while size < target:
        part = _fill(rng, rng.choice(FRAGMENTS), people)
        parts.append(part)
        size += len(part) + 1
    return " ".join(parts)[: max(target, len(parts[0]))]


def build_connections(rng: random.Random, n: int) -> list[Connection]:
    people: list[Connection] = []
    for k in range(1, n + 1):
        if k <= len(HOSTILE_NAMES) and n >= 100:
            first, last = HOSTILE_NAMES[k - 1]
        else:
            first, last = rng.choice(FIRST), rng.choice(LAST)
        company = rng.choice(COMPANIES)
        slug = f"{first}-{last}".lower().replace(" ", "-")
        how = ""
        if rng.random() < 0.45:
            how = rng.choice(HOW).format(
                year=rng.randint(2012, 2026),
                company=company,
                other=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                city=rng.choice(CITIES),
            )
        birthday = None
        if rng.random() < 0.3:
            bday = date(2000, 1, 1) + timedelta(days=rng.randrange(366))
            year = rng.randint(1960, 2002) if rng.random() < 0.6 else None
            if year and bday.month == 2 and bday.day == 29 and year % 4:
                year = 1988
            birthday = Birthday(bday.month, bday.day, year)
        people.append(
            Connection(
                id=f"c{k}",
                first_name=first,
                last_name=last,
                company=company if rng.random() < 0.9 else "",
                position=rng.choice(POSITIONS) if rng.random() < 0.85 else "",
                email=f"{slug}.{k}@example.com" if rng.random() < 0.25 else "",
                url=f"https://www.linkedin.com/in/{slug}-{k:05x}",
                how_we_know=how,
                connected_on=_day(rng, 12 * 365) if rng.random() < 0.97 else None,
                tags=rng.sample(TAGS, rng.choice((0, 0, 0, 1, 1, 2, 3))),
                birthday=birthday,
                cadence=rng.choice(CADENCES) if rng.random() < 0.2 else None,
                no_bulk=rng.random() < 0.01,
                notes="Prefers email over LinkedIn." if rng.random() < 0.05 else "",
            )
        )
    return people


def build_interactions(rng: random.Random, people: list[Connection], n: int) -> list[Interaction]:
    """``n`` interactions over ~3 years; about 15% are near-duplicate campaign sends."""
    out: list[Interaction] = []
    weights = [rng.paretovariate(1.2) for _ in people]  # a few people get most messages
    bulk_target = n * 15 // 100
    ordered = sorted(people, key=lambda c: (c.first_name, c.last_name))
    while len(out) < bulk_target:
        template = rng.choice(CAMPAIGNS)
        start = _day(rng, HISTORY_DAYS - 7)
        size = min(rng.randint(20, 300), bulk_target - len(out))
        if rng.random() < 0.5:  # an alphabetical block of the contact list
            first = rng.randrange(max(1, len(ordered) - size))
            recipients = ordered[first : first + size]
        else:
            recipients = rng.sample(people, min(size, len(people)))
        for person in recipients:
            text = template.format(
                hi=rng.choice(GREETINGS),
                first=person.first_name,
                sign=rng.choice(SIGNOFFS),
                p=rng.choice(("!", ".", "!!", "")),
                k=len(out),
            )
            out.append(
                Interaction(
                    id="",
                    connection_id=person.id,
                    date=start + timedelta(days=rng.randint(0, 6)),
                    direction="sent",
                    channel="linkedin",
                    text=text,
                )
            )
    chosen = rng.choices(people, weights=weights, k=n - len(out))
    for person in chosen:
        when = _day(rng, HISTORY_DAYS)
        sent = rng.random() < 0.6
        follow = when + timedelta(days=7) if sent and rng.random() < 0.05 else None
        out.append(
            Interaction(
                id="",
                connection_id=person.id,
                date=when,
                direction="sent" if sent else "received",
                channel=rng.choices(CHANNEL_MIX, weights=(70, 15, 5, 7, 3))[0],
                text=_message(rng, people),
                follow_up_on=follow,
            )
        )
    out.sort(key=lambda i: i.date)  # ids follow logging order, as in real use
    for k, inter in enumerate(out, 1):
        inter.id = f"i{k}"
    return out


CHANNEL_MIX = ("linkedin", "email", "phone", "meeting", "other")


def build_plans(rng: random.Random, people: list[Connection], n: int) -> list[Plan]:
    """Mostly done/skipped history, ~20% pending; greeting rounds with no text yet; a few
    recurring yearly greetings and multi-recipient drafts."""
    plans: list[Plan] = []
    for k in range(1, n + 1):
        roll = rng.random()
        due = _day(rng, HISTORY_DAYS, 365)
        status = "pending" if due >= REFERENCE_DAY - timedelta(days=30) else "done"
        if status == "done" and rng.random() < 0.12:
            status = "skipped"
        recipients = [rng.choice(people).id]
        text, label, recurrence = _message(rng, people), "", None
        if roll < 0.15:
            text, label = "", rng.choice(("Season's greetings", "New year", "Eid Mubarak"))
        elif roll < 0.25:
            recurrence = "FREQ=YEARLY"
        elif roll < 0.27:
            recipients = [p.id for p in rng.sample(people, min(len(people), rng.randint(2, 40)))]
        snoozed = due + timedelta(days=rng.randint(1, 14)) if rng.random() < 0.03 else None
        plans.append(
            Plan(
                id=f"p{k}",
                recipients=recipients,
                due=due,
                text=text,
                recurrence=recurrence,
                status=status,
                label=label,
                snoozed_until=snoozed if status == "pending" else None,
                created_on=due - timedelta(days=rng.randint(0, 60)),
            )
        )
    return plans


def build_occasions(rng: random.Random, people: list[Connection], n: int) -> list[Occasion]:
    occasions: list[Occasion] = []
    for k in range(1, n + 1):
        person = rng.choice(people)
        if rng.random() < 0.2:
            occasions.append(
                Occasion(
                    id=f"o{k}",
                    connection_id=person.id,
                    label="Thanksgiving",
                    rrule="FREQ=YEARLY;BYMONTH=11;BYDAY=4TH",
                    lead_days=rng.choice((0, 1, 3)),
                )
            )
            continue
        when = date(2000, 1, 1) + timedelta(days=rng.randrange(366))
        year = rng.randint(2010, 2025) if rng.random() < 0.5 else None
        if year and (when.month, when.day) == (2, 29):
            year = 2016
        occasions.append(
            Occasion(
                id=f"o{k}",
                connection_id=person.id,
                label=rng.choice(("started at " + person.company, "wedding anniversary", "moved")),
                month=when.month,
                day=when.day,
                year=year,
                lead_days=rng.choice((0, 0, 1, 3, 7)),
            )
        )
    return occasions


def network(n_connections: int, *, history: bool = True, seed: int = SEED) -> dict[str, Any]:
    """The data-file document of a network with ``n_connections`` people (deterministic)."""
    sizes = Sizes.for_connections(n_connections)
    rng = random.Random(seed)
    people = build_connections(rng, sizes.connections)
    tables: dict[str, list[Any]] = {"connections": people}
    if history:
        tables["interactions"] = build_interactions(rng, people, sizes.interactions)
        tables["plans"] = build_plans(rng, people, sizes.plans)
        tables["occasions"] = build_occasions(rng, people, sizes.occasions)
    counters = {name: len(records) for name, records in tables.items()}
    doc: dict[str, Any] = {META: {"1": {"schema": SCHEMA_VERSION, "counters": counters}}}
    for name, records in tables.items():
        doc[name] = {r.id[1:]: r.to_doc() for r in records}
    return doc


# --- import sources ------------------------------------------------------------------------------

LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about this here: "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]
MESSAGES_HEADER = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
]


def connections_csv(people: list[Connection], rng: random.Random) -> str:
    """LinkedIn's ``Connections.csv``: preamble, quoted fields, blank emails, a few blank names."""
    buf = io.StringIO()
    buf.write(LINKEDIN_PREAMBLE)
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*LINKEDIN_HEADER, "Connected On"])
    for person in people:
        hidden = rng.random() < 0.002  # members who restrict their data show up blank
        connected = person.connected_on or REFERENCE_DAY
        writer.writerow(
            [
                "" if hidden else person.first_name,
                "" if hidden else person.last_name,
                "" if hidden else person.url,
                person.email,
                person.company,
                person.position,
                connected.strftime("%d %b %Y"),
            ]
        )
    return buf.getvalue()


def _vcard_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def vcard(people: list[Connection]) -> str:
    """An address book export: mostly vCard 3.0, every fifth card 4.0 (year-less birthdays)."""
    lines: list[str] = []
    for k, person in enumerate(people):
        v4 = k % 5 == 0
        e = _vcard_escape
        lines += ["BEGIN:VCARD", "VERSION:4.0" if v4 else "VERSION:3.0"]
        lines.append(f"FN:{e(person.name)}")
        lines.append(f"N:{e(person.last_name)};{e(person.first_name)};;;")
        if person.company:
            lines.append(f"ORG:{e(person.company)}")
        if person.position:
            lines.append(f"TITLE:{e(person.position)}")
        if person.email:
            lines.append(f"EMAIL;TYPE=INTERNET:{person.email}")
        lines.append(f"URL:{person.url}")
        if person.birthday:
            b = person.birthday
            if b.year:
                lines.append(f"BDAY:{b.year:04d}-{b.month:02d}-{b.day:02d}")
            elif v4:
                lines.append(f"BDAY:--{b.month:02d}{b.day:02d}")
        if person.how_we_know:
            lines.append(f"NOTE:{e(person.how_we_know)}")
        if person.tags:
            lines.append("CATEGORIES:" + ",".join(e(t) for t in person.tags))
        lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def messages_csv(people: list[Connection], n: int, rng: random.Random) -> str:
    """LinkedIn's ``messages.csv``: ``n`` rows between the user (:data:`ME_URL`) and people."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(MESSAGES_HEADER)
    inters = build_interactions(rng, people, n)
    by_id = {p.id: p for p in people}
    for inter in inters:
        person = by_id[inter.connection_id]
        stamp = f"{inter.date.isoformat()} {rng.randrange(24):02d}:{rng.randrange(60):02d}:" + (
            f"{rng.randrange(60):02d} UTC"
        )
        if inter.direction == "sent":
            sender, sender_url, to, to_url = ME_NAME, ME_URL, person.name, person.url
        else:
            sender, sender_url, to, to_url = person.name, person.url, ME_NAME, ME_URL
        writer.writerow(
            [
                f"2-{inter.connection_id}",
                "",
                sender,
                sender_url,
                to,
                to_url,
                stamp,
                "",
                inter.text,
                "INBOX",
            ]
        )
    return buf.getvalue()


# --- writing -------------------------------------------------------------------------------------


def write_network(path: Path, n_connections: int, *, history: bool = True) -> Path:
    write_atomic(path, orjson.dumps(network(n_connections, history=history)))
    return path


def generate(folder: Path, n_connections: int) -> dict[str, Path]:
    """Write every bench file for a network of ``n_connections`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = Sizes.for_connections(n_connections)
    paths = {
        "network": write_network(folder / "network.json", n_connections),
        "nohistory": write_network(folder / "network-nohistory.json", n_connections, history=False),
    }
    rng = random.Random(SEED + 1)
    people = build_connections(rng, n_connections)
    sources = {
        "linkedin": ("Connections.csv", connections_csv(people, rng)),
        "vcard": ("contacts.vcf", vcard(people)),
        "messages": ("messages.csv", messages_csv(people, sizes.interactions, rng)),
    }
    for key, (name, text) in sources.items():
        paths[key] = folder / name
        paths[key].write_text(text, encoding="utf-8", newline="")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("out", type=Path, help="folder to write the files to")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--size", choices=SIZES, default="full")
    group.add_argument("--connections", type=int, metavar="N", help="any number of connections")
    args = parser.parse_args(argv)
    n = args.connections or SIZES[args.size]
    paths = generate(args.out, n)
    for key, path in paths.items():
        print(f"{key:10} {path}  {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
