"""Synthetic partnerships at tiny, county or national scale, loaded in bulk (issue 6).

Why a bulk loader and not the services: the services validate, permission-check and audit one
row at a time, which is right for people and for the demo (``loader.py``) but would take days
for six million attendances. The generator writes rows that already satisfy the same invariants
(database constraints, ``full_clean`` and the services' own rules: a session's organisation is
its group's host, nobody attends twice, members join on or after the group started, a Buddy
Group runs for at most a year, no date is in the future, stages follow ``Group.TRANSITIONS``),
and ``tests/demo/test_generator.py`` checks that they do. No audit entries are written for
generated rows: nobody changed anything, the rows are synthetic.

Loading: on PostgreSQL every table is spooled to a temporary file in COPY text format and
loaded with psycopg's ``cursor.copy``; elsewhere (SQLite) rows go in with batched
``bulk_create``. Both run in one transaction, so a failed load leaves nothing behind.

Determinism: every choice comes from ``random.Random(seed)`` and every date counts back from
``today``, so the same seed and day give the same rows, ids and values.

Extending it (the voice app, reports ...): write a function ``def my_step(ctx: Context) -> None``
that adds rows with ``ctx.writer.table(Model, columns).add(row)`` (columns must name every
concrete field, so a new model field is never silently left empty), give the scale sizes in
``Scale.extra`` (``"views"`` is already there) and append ``Step("voice", my_step, (Model, ...))``
to ``STEPS``. ``ctx`` holds what earlier steps made: staff ids by role, organisations, young
people, themes, groups with their members, and every session's group and date.
"""

from __future__ import annotations

import contextlib
import datetime
import random
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connection, models, transaction

from heard.core.roles import AgeBand, HearByRightStandard, Role
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview
from heard.participation.models import (
    Attendance,
    Degree,
    Method,
    ParticipationType,
    Session,
    Standard,
)
from heard.people.models import Organisation, User, YoungPerson

#: Generated staff cannot sign in with a password (an unusable hash): set one with
#: ``heard changepassword`` to explore, or sign in as the benchmark does, with a session.
UNUSABLE_PASSWORD = "!generated-by-heard-generate"  # noqa: S105 - "!" marks it unusable
EMAIL_DOMAIN = "generated.heard.example"
MARKER_PREFIX = "heard generate:"


@dataclass(frozen=True)
class Scale:
    name: str
    organisations: int
    young_people: int
    groups: int
    sessions: int
    attendances: int
    years: int
    themes_per_year: int
    staff: dict[str, int]
    #: Sizes for apps that do not exist yet, read by their steps when they land.
    extra: dict[str, int] = field(default_factory=dict)


def _staff(scale: int, organisations: int) -> dict[str, int]:
    return {
        Role.ADMINISTRATOR: 2,
        Role.PARTICIPATION_LEAD: 2 + scale,
        Role.PARTICIPATION_OFFICER: 6 * scale,
        Role.THEME_LEAD: 8 * scale,
        Role.PARTNER_WORKER: 2 * organisations,
        Role.SAFEGUARDING_LEAD: 2 * scale,
        Role.BOARD_MEMBER: 6 * scale,
    }


SCALES: dict[str, Scale] = {
    "tiny": Scale(
        name="tiny",
        organisations=6,
        young_people=200,
        groups=15,
        sessions=400,
        attendances=2400,
        years=2,
        themes_per_year=6,
        staff=_staff(1, 6),
        extra={"views": 120},
    ),
    "county": Scale(
        name="county",
        organisations=60,
        young_people=20_000,
        groups=1_500,
        sessions=100_000,
        attendances=600_000,
        years=4,
        themes_per_year=8,
        staff=_staff(2, 60),
        extra={"views": 60_000},
    ),
    "national": Scale(
        name="national",
        organisations=600,
        young_people=200_000,
        groups=15_000,
        sessions=1_000_000,
        attendances=6_000_000,
        years=5,
        themes_per_year=10,
        staff=_staff(20, 600),
        extra={"views": 600_000},
    ),
}

FIRST_NAMES = (  # noqa: SIM905 - a readable word list
    "Aaliyah Aarav Abdi Ada Adam Aiden Aisha Alex Alfie Amara Amelia Amir Ana Archie Arlo Aryan "
    "Ava Ayesha Bea Ben Bilal Bo Callum Cara Charlie Chidi Chloe Connor Daisy Dan Dara Deja Dev "
    "Eden Eli Ella Elsie Emeka Emily Eren Esme Ethan Eva Evie Ezra Fatima Finley Freya Gabriel "
    "George Grace Hamza Hana Harper Harry Hassan Ibrahim Imani Isaac Isla Ivy Jack Jade Jamal "
    "Jaya Jayden Jude Kai Kayla Kofi Layla Leo Lexi Liam Lily Logan Luca Lucy Maisie Malik Maya "
    "Mia Milo Mohammed Nadia Naomi Nia Noah Nour Ola Oliver Omar Oscar Priya Rafael Reuben Riley "
    "Rosa Ruby Sam Sana Sofia Tariq Theo Tobi Yusuf Zara Zain Zoe"
).split()
LAST_NAMES = (  # noqa: SIM905 - a readable word list
    "Adams Ahmed Ali Allen Bailey Baker Begum Bell Brown Campbell Chen Clarke Cooper Davies "
    "Edwards Evans Green Hall Harris Hill Hughes Hussain Jackson James Johnson Jones Kaur Khan "
    "King Lee Lewis Martin Mensah Miah Mitchell Moore Morris Murphy Nowak Okafor Owen Patel "
    "Phillips Roberts Robinson Scott Shah Singh Smith Taylor Thomas Thompson Turner Walker Ward "
    "Watson White Williams Wilson Wood Wright Young"
).split()
PLACES = (  # noqa: SIM905 - a readable word list
    "Ashford Barnwell Bramley Carlton Chesterton Clifton Denton Eastbrook Fairfield Greenhill "
    "Hartley Highbury Kingsway Lakeside Marston Meadowbank Milton Newbold Northgate Oakwood "
    "Parkside Queensbury Riverside Rosehill Southfields Stanton Thornbury Upton Westcliff "
    "Woodside"
).split()
ORGANISATION_NOUNS = {
    Organisation.Kind.LOCAL_AUTHORITY: "Children's Services",
    Organisation.Kind.VOLUNTARY: "Youth Project",
    Organisation.Kind.SCHOOL: "Academy",
    Organisation.Kind.HEALTH: "Child and Family Health",
    Organisation.Kind.YOUTH_SERVICE: "Youth Service",
    Organisation.Kind.OTHER: "Community Trust",
}
THEME_TOPICS = (
    "Mental health",
    "Staying safe",
    "A fair life",
    "Enjoying education and leisure",
    "Youth justice and anti-social behaviour",
    "Asylum and trafficking",
    "Transport and getting around",
    "Leaving care",
    "Young carers",
    "Online safety",
    "Climate and green spaces",
    "Cost of living",
    "Health services",
    "Jobs and training",
)
AGE_BANDS: tuple[tuple[str, int, int, int], ...] = (
    # band, youngest, oldest, weight
    (AgeBand.UNDER_8, 5, 7, 6),
    (AgeBand.AGE_8_10, 8, 10, 14),
    (AgeBand.AGE_11_13, 11, 13, 24),
    (AgeBand.AGE_14_15, 14, 15, 22),
    (AgeBand.AGE_16_17, 16, 17, 20),
    (AgeBand.AGE_18_25, 18, 25, 14),
)
GROUP_KINDS = (
    (Group.Kind.BUDDY_GROUP, 30),
    (Group.Kind.ADVISORY_GROUP, 10),
    (Group.Kind.YOUTH_COUNCIL, 10),
    (Group.Kind.YOUTH_CABINET, 4),
    (Group.Kind.PRIMARY_PARLIAMENT, 6),
    (Group.Kind.CHILDREN_IN_CARE_COUNCIL, 8),
    (Group.Kind.SEND_GROUP, 8),
    (Group.Kind.YOUNG_CARERS_FORUM, 8),
    (Group.Kind.YOUTH_ASSEMBLY, 4),
    (Group.Kind.AUDIT_TEAM, 6),
    (Group.Kind.YOUNG_COMMISSIONERS, 6),
)
#: Final stages and their shares; every group walks the lifecycle up to its stage.
GROUP_STAGES = (
    (Group.Stage.PROPOSED, 5),
    (Group.Stage.FIRST_VISIT, 4),
    (Group.Stage.PLANNING, 6),
    (Group.Stage.ESTABLISHED, 20),
    (Group.Stage.ACTIVE, 40),
    (Group.Stage.CLOSED, 25),
)
LIFECYCLE = (
    Group.Stage.PROPOSED,
    Group.Stage.FIRST_VISIT,
    Group.Stage.PLANNING,
    Group.Stage.ESTABLISHED,
    Group.Stage.ACTIVE,
)
GROUP_SESSION_KINDS = (
    (Session.Kind.VISIT, 35),
    (Session.Kind.GROUP_SESSION, 35),
    (Session.Kind.MEETING, 12),
    (Session.Kind.EVENT, 8),
    (Session.Kind.CONSULTATION, 6),
    (Session.Kind.PANEL, 4),
)
DEGREES = (
    (Degree.CONSULTED_INFORMED, 30),
    (Degree.ASSIGNED_INFORMED, 10),
    (Degree.ADULT_INITIATED_SHARED, 35),
    (Degree.CYP_INITIATED_SHARED, 18),
    (Degree.CYP_INITIATED_DIRECTED, 7),
)
ATTENDANCE_STATUSES = (
    (Attendance.Status.ATTENDED, 85),
    (Attendance.Status.APOLOGIES, 10),
    (Attendance.Status.ABSENT, 5),
)
#: The share of sessions that are individual (a young person's own review), not a group's.
INDIVIDUAL_SHARE = 0.15
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_REFERENCE_SPACE = len(REFERENCE_ALPHABET) ** 6


def _weighted(rng: random.Random, options: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([value for value, _ in options], [weight for _, weight in options])[0]


def reference_for(index: int, seed: int) -> str:
    """A distinct young person's reference for each index: a bijection on the 6-character space."""
    number = (index * 387_420_489 + seed * 7_919 + 104_729) % _REFERENCE_SPACE
    chars = []
    for _ in range(6):
        number, digit = divmod(number, len(REFERENCE_ALPHABET))
        chars.append(REFERENCE_ALPHABET[digit])
    return "YP-" + "".join(chars)


def period_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def _at(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)


# Writers ---------------------------------------------------------------------------------------


def _columns_check(model: type[models.Model], columns: Sequence[str]) -> None:
    """Every concrete column but an automatic id must be named: a new field cannot be forgotten."""
    names = {f.attname for f in model._meta.concrete_fields}
    pk = model._meta.pk
    optional = {pk.attname} if pk is not None and isinstance(pk, models.AutoField) else set()
    missing = names - set(columns) - optional
    unknown = set(columns) - names
    if missing or unknown:
        raise ValueError(
            f"Generator columns for {model._meta.label} do not match the model: "
            f"missing {sorted(missing)}, unknown {sorted(unknown)}."
        )


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


class TableSink:
    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        _columns_check(model, columns)
        self.model = model
        self.columns = tuple(columns)
        self.rows = 0

    def add(self, row: Sequence[Any]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Called once all rows are added."""


class CopySink(TableSink):
    """Spools rows in COPY text format to a temporary file; ``finish`` streams it to PostgreSQL."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        super().__init__(model, columns)
        self.file: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.buffer: list[str] = []

    def add(self, row: Sequence[Any]) -> None:
        self.buffer.append("\t".join(map(_copy_value, row)))
        self.rows += 1
        if len(self.buffer) >= 20_000:
            self._spool()

    def _spool(self) -> None:
        if self.buffer:
            self.file.write("\n".join(self.buffer) + "\n")
            self.buffer = []

    def finish(self) -> None:
        self._spool()
        self.file.seek(0)
        if self.rows >= BIG_TABLE_ROWS:
            with _without_secondary_indexes_and_foreign_keys(self.model._meta.db_table):
                self._copy()
        else:
            self._copy()
        self.file.close()

    def _copy(self) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = {f.attname: str(f.column) for f in self.model._meta.concrete_fields}
        names = ", ".join(connection.ops.quote_name(columns[name]) for name in self.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:  # noqa: S608
                while chunk := self.file.read(1 << 20):
                    copy.write(chunk)


#: Tables this big are loaded without their plain indexes and foreign keys, which are rebuilt
#: (and the keys validated, in one join each) afterwards: much faster than row by row.
BIG_TABLE_ROWS = 200_000


@contextlib.contextmanager
def _without_secondary_indexes_and_foreign_keys(table: str) -> Iterator[None]:
    """Drop a table's non-unique indexes and foreign keys, then put them back, in the transaction.

    Unique indexes and the primary key stay, so uniqueness is still checked row by row.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary",
            [table],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        keys = cursor.fetchall()
        quoted = connection.ops.quote_name(table)
        for name, _ in keys:
            cursor.execute(
                f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}"
            )
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        for name, definition in keys:
            constraint = connection.ops.quote_name(name)
            cursor.execute(f"ALTER TABLE {quoted} ADD CONSTRAINT {constraint} {definition}")


class BulkCreateSink(TableSink):
    """Batched ``bulk_create`` for databases without COPY (SQLite in tests and local runs)."""

    batch_size = 2_000

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        super().__init__(model, columns)
        self.buffer: list[models.Model] = []

    def add(self, row: Sequence[Any]) -> None:
        self.buffer.append(self.model(**dict(zip(self.columns, row, strict=True))))
        self.rows += 1
        if len(self.buffer) >= self.batch_size:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.model._default_manager.bulk_create(self.buffer)
            self.buffer = []

    def finish(self) -> None:
        self._flush()


class Writer:
    """One sink per table, in the order first used; ``finish`` loads them all."""

    def __init__(self, *, use_copy: bool) -> None:
        self.use_copy = use_copy
        self.sinks: dict[type[models.Model], TableSink] = {}

    def table(self, model: type[models.Model], columns: Sequence[str]) -> TableSink:
        sink = self.sinks.get(model)
        if sink is None:
            sink_class = CopySink if self.use_copy else BulkCreateSink
            sink = self.sinks[model] = sink_class(model, columns)
        elif sink.columns != tuple(columns):
            raise ValueError(f"{model._meta.label} is written with two different column lists.")
        return sink

    def finish(self, progress: Callable[[str], None]) -> None:
        for model, sink in self.sinks.items():
            started = time.perf_counter()
            sink.finish()
            took = time.perf_counter() - started
            progress(f"  loaded {sink.rows:>10,} {model._meta.label} in {took:.1f} s")

    def counts(self) -> dict[str, int]:
        return {model._meta.label: sink.rows for model, sink in self.sinks.items()}


# What earlier steps made, for later ones -------------------------------------------------------


@dataclass
class GroupPlan:
    id: int
    kind: str
    host: int
    stage: str
    start: datetime.date
    #: First day a session can happen (the first visit) and the last (closed or today).
    visits_from: datetime.date | None
    visits_until: datetime.date
    leads: list[int]
    themes: list[int]
    #: (young person id, joined on ordinal, left on ordinal or None)
    members: list[tuple[int, int, int | None]] = field(default_factory=list)


@dataclass
class Context:
    scale: Scale
    seed: int
    today: datetime.date
    writer: Writer
    rng: random.Random
    staff: dict[str, list[int]] = field(default_factory=dict)
    organisations: list[int] = field(default_factory=list)
    organisation_weights: list[float] = field(default_factory=list)
    #: Young people: ids, their organisation's id, and which are active.
    young_people: array[int] = field(default_factory=lambda: array("q"))
    young_person_organisation: array[int] = field(default_factory=lambda: array("q"))
    young_people_by_organisation: dict[int, list[int]] = field(default_factory=dict)
    inactive: set[int] = field(default_factory=set)
    #: Themes: (id, period start year, lead id)
    themes: list[tuple[int, int, int]] = field(default_factory=list)
    groups: list[GroupPlan] = field(default_factory=list)
    methods: list[int] = field(default_factory=list)
    standards: list[int] = field(default_factory=list)
    #: Every session: ids are ``first_session_id + i``; group id (0 for individual) and date.
    first_session_id: int = 0
    session_group: array[int] = field(default_factory=lambda: array("q"))
    session_date: array[int] = field(default_factory=lambda: array("l"))
    _next_ids: dict[type[models.Model], int] = field(default_factory=dict)

    def ids(self, model: type[models.Model], count: int) -> range:
        """``count`` fresh primary keys for ``model``, above any already in the table."""
        if model not in self._next_ids:
            top = model._default_manager.aggregate(top=models.Max("pk"))["top"] or 0
            self._next_ids[model] = top + 1
        start = self._next_ids[model]
        self._next_ids[model] = start + count
        return range(start, start + count)

    def ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    @property
    def first_day(self) -> datetime.date:
        """The start of the oldest partnership year generated."""
        return datetime.date(self.current_year_start - self.scale.years + 1, 4, 1)

    @property
    def current_year_start(self) -> int:
        return (
            self.today.year
            if self.today >= datetime.date(self.today.year, 4, 1)
            else (self.today.year - 1)
        )


# Steps ------------------------------------------------------------------------------------------

ORGANISATION_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "name",
    "kind",
    "area",
    "contact_name",
    "contact_email",
    "contact_phone",
    "is_active",
    "notes",
)
USER_COLUMNS = (
    "id",
    "password",
    "last_login",
    "is_superuser",
    "email",
    "full_name",
    "role",
    "organisation_id",
    "job_title",
    "is_active",
    "is_staff",
    "date_joined",
)


def organisations_and_staff(ctx: Context) -> None:
    rng, scale = ctx.rng, ctx.scale
    created = _at(ctx.first_day, 9)
    kinds = list(ORGANISATION_NOUNS)
    organisations = ctx.writer.table(Organisation, ORGANISATION_COLUMNS)
    for number, pk in enumerate(ctx.ids(Organisation, scale.organisations), start=1):
        kind = Organisation.Kind.LOCAL_AUTHORITY if number == 1 else rng.choice(kinds)
        place = PLACES[number % len(PLACES)]
        contact = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        organisations.add(
            (
                pk,
                created,
                created,
                f"{place} {ORGANISATION_NOUNS[kind]} {number}",
                kind,
                place,
                contact,
                f"contact{number}@{EMAIL_DOMAIN}",
                f"01632 {960000 + number % 1000:06d}",
                number % 40 != 0,
                "",
            )
        )
        ctx.organisations.append(pk)
        ctx.organisation_weights.append(rng.uniform(0.3, 1.7))
    users = ctx.writer.table(User, USER_COLUMNS)
    for role, count in scale.staff.items():
        ids = ctx.ids(User, count)
        ctx.staff[role] = list(ids)
        for number, pk in enumerate(ids, start=1):
            organisation = (
                ctx.organisations[(number - 1) % len(ctx.organisations)]
                if role == Role.PARTNER_WORKER
                else None
            )
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            users.add(
                (
                    pk,
                    UNUSABLE_PASSWORD,
                    None,
                    role == Role.ADMINISTRATOR,
                    f"{role.replace('_', '-')}-{number}@{EMAIL_DOMAIN}",
                    name,
                    role,
                    organisation,
                    Role(role).label,
                    True,
                    role == Role.ADMINISTRATOR,
                    created,
                )
            )
    champions = ctx.writer.table(Organisation.champions.through, ("organisation_id", "user_id"))
    for index, organisation in enumerate(ctx.organisations):
        champions.add((organisation, ctx.staff[Role.PARTNER_WORKER][index]))
        if index % 3 == 0:
            champions.add((organisation, rng.choice(ctx.staff[Role.BOARD_MEMBER])))


YOUNG_PERSON_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "reference",
    "first_name",
    "last_name",
    "preferred_name",
    "age_band",
    "date_of_birth",
    "organisation_id",
    "area",
    "communication_needs",
    "access_needs",
    "contact_preference",
    "is_active",
)
COMMUNICATION_NEEDS = ("", "", "", "", "", "", "Uses Makaton", "Prefers easy read", "BSL")
ACCESS_NEEDS = ("", "", "", "", "", "", "", "Wheelchair user", "Quiet room for breaks")
CONTACT_PREFERENCES = YoungPerson.ContactPreference.values


def young_people(ctx: Context) -> None:
    rng, today = ctx.rng, ctx.today
    sink = ctx.writer.table(YoungPerson, YOUNG_PERSON_COLUMNS)
    bands = [(band, low, high) for band, low, high, _ in AGE_BANDS]
    band_weights = [weight for *_, weight in AGE_BANDS]
    span = (today - ctx.first_day).days
    ids = ctx.ids(YoungPerson, ctx.scale.young_people)
    organisations = rng.choices(ctx.organisations, ctx.organisation_weights, k=len(ids))
    for index, pk in enumerate(ids):
        organisation = organisations[index]
        band, low, high = rng.choices(bands, band_weights)[0]
        date_of_birth = None
        if rng.random() < 0.3:
            age = rng.randint(low, high)
            date_of_birth = today - datetime.timedelta(
                days=int((age + rng.uniform(0.1, 0.9)) * 365.25)
            )
        created = _at(ctx.ago(rng.randint(0, span)), 10)
        active = rng.random() > 0.05
        sink.add(
            (
                pk,
                created,
                created,
                reference_for(index, ctx.seed),
                rng.choice(FIRST_NAMES),
                rng.choice(LAST_NAMES),
                "",
                band,
                date_of_birth,
                organisation,
                PLACES[pk % len(PLACES)],
                rng.choice(COMMUNICATION_NEEDS),
                rng.choice(ACCESS_NEEDS),
                rng.choice(CONTACT_PREFERENCES),
                active,
            )
        )
        ctx.young_people.append(pk)
        ctx.young_person_organisation.append(organisation)
        if active:
            ctx.young_people_by_organisation.setdefault(organisation, []).append(pk)
        else:
            ctx.inactive.add(pk)


THEME_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "title",
    "period",
    "lead_id",
    "status",
    "description",
)
REVIEW_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "theme_id",
    "date",
    "summary",
    "decision",
    "reviewed_by_id",
)


def themes(ctx: Context) -> None:
    rng = ctx.rng
    sink = ctx.writer.table(Theme, THEME_COLUMNS)
    reviews = ctx.writer.table(ThemeReview, REVIEW_COLUMNS)
    leads = ctx.staff[Role.THEME_LEAD]
    reviewers = ctx.staff[Role.PARTICIPATION_LEAD]
    for offset in range(ctx.scale.years):
        year = ctx.current_year_start - offset
        titles = rng.sample(THEME_TOPICS, ctx.scale.themes_per_year)
        for number, (pk, title) in enumerate(zip(ctx.ids(Theme, len(titles)), titles, strict=True)):
            lead = leads[(offset * len(titles) + number) % len(leads)]
            current = offset == 0
            status = (
                (Theme.Status.PROPOSED if number == len(titles) - 1 else Theme.Status.ACTIVE)
                if current
                else Theme.Status.CLOSED
            )
            created = _at(datetime.date(year, 3, 1), 9)
            sink.add(
                (
                    pk,
                    created,
                    created,
                    title,
                    period_label(year),
                    lead,
                    status,
                    f"{title}: what children and young people told us matters most.",
                )
            )
            ctx.themes.append((pk, year, lead))
            if status == Theme.Status.PROPOSED:
                continue
            for quarter in range(4):
                day = (
                    datetime.date(year, 6 + 3 * quarter, 28)
                    if quarter < 3
                    else (datetime.date(year + 1, 3, 28))
                )
                if day > ctx.today:
                    break
                decision = (
                    ThemeReview.Decision.CLOSE
                    if quarter == 3
                    else _weighted(
                        rng, ((ThemeReview.Decision.CONTINUE, 8), (ThemeReview.Decision.CHANGE, 2))
                    )
                )
                reviews.add(
                    (
                        ctx.ids(ThemeReview, 1).start,
                        _at(day),
                        _at(day),
                        pk,
                        day,
                        f"Quarter {quarter + 1}: progress reviewed with the young people.",
                        decision,
                        rng.choice(reviewers),
                    )
                )


GROUP_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "name",
    "kind",
    "host_organisation_id",
    "stage",
    "stage_changed_on",
    "start_date",
    "planned_end_date",
    "cadence",
    "description",
)
TRANSITION_COLUMNS = ("group_id", "from_stage", "to_stage", "date", "note", "by_id", "created_at")
MEMBERSHIP_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "group_id",
    "young_person_id",
    "joined_on",
    "left_on",
)
CADENCES = (
    (Group.Cadence.MONTHLY, 60),
    (Group.Cadence.TWICE_TERMLY, 20),
    (Group.Cadence.TERMLY, 15),
    (Group.Cadence.NONE, 5),
)


def groups(ctx: Context) -> None:
    rng, today = ctx.rng, ctx.today
    sink = ctx.writer.table(Group, GROUP_COLUMNS)
    leads_sink = ctx.writer.table(Group.leads.through, ("group_id", "user_id"))
    links = ctx.writer.table(GroupTheme, ("group_id", "theme_id", "relationship"))
    transitions = ctx.writer.table(StageTransition, TRANSITION_COLUMNS)
    memberships = ctx.writer.table(Membership, MEMBERSHIP_COLUMNS)
    lead_pool = ctx.staff[Role.PARTICIPATION_OFFICER] + ctx.staff[Role.THEME_LEAD]
    span = (today - ctx.first_day).days
    kind_labels = dict(Group.Kind.choices)
    numbers: Counter[str] = Counter()
    for pk in ctx.ids(Group, ctx.scale.groups):
        kind = _weighted(rng, GROUP_KINDS)
        host = rng.choices(ctx.organisations, ctx.organisation_weights)[0]
        stage = _weighted(rng, GROUP_STAGES)
        proposed_on = ctx.ago(rng.randint(30, span))
        # Walk the lifecycle from "proposed" up to the final stage, a few weeks per step.
        path = (
            list(LIFECYCLE[: LIFECYCLE.index(stage) + 1])
            if stage in LIFECYCLE
            else (list(LIFECYCLE[: rng.randint(1, len(LIFECYCLE))]) + [Group.Stage.CLOSED])
        )
        days = [proposed_on]
        for _ in path[1:]:
            days.append(min(days[-1] + datetime.timedelta(days=rng.randint(7, 60)), today))
        if path[-1] == Group.Stage.CLOSED:
            days[-1] = min(
                max(days[-1], days[-2] + datetime.timedelta(days=rng.randint(120, 700))), today
            )
        # The group starts with its first visit; a group never visited has no start date yet.
        visited = Group.Stage.FIRST_VISIT in path
        start = days[path.index(Group.Stage.FIRST_VISIT)] if visited else None
        planned_end = None
        if start is not None and kind == Group.Kind.BUDDY_GROUP:
            planned_end = start + datetime.timedelta(
                days=rng.randint(180, Group.BUDDY_GROUP_MAX_DAYS)
            )
        elif start is not None and rng.random() < 0.2:
            planned_end = start + datetime.timedelta(days=rng.randint(365, 1100))
        numbers[kind] += 1
        place = PLACES[rng.randrange(len(PLACES))]
        created = _at(proposed_on, 11)
        sink.add(
            (
                pk,
                created,
                _at(days[-1], 11),
                f"{place} {kind_labels[kind]} {numbers[kind]}",
                kind,
                host,
                path[-1],
                days[-1],
                start,
                planned_end,
                _weighted(rng, CADENCES),
                f"A {kind_labels[kind].lower()} hosted in {place}.",
            )
        )
        by = rng.choice(ctx.staff[Role.PARTICIPATION_OFFICER])
        transitions.add(
            (pk, "", Group.Stage.PROPOSED, proposed_on, "Proposed.", by, _at(proposed_on, 11))
        )
        for before, after, day in zip(path, path[1:], days[1:], strict=False):
            transitions.add((pk, before, after, day, "", by, _at(day, 12)))
        group_leads = rng.sample(lead_pool, rng.randint(1, 2))
        for lead in group_leads:
            leads_sink.add((pk, lead))
        year = (start or proposed_on).year
        candidates = [theme for theme in ctx.themes if abs(theme[1] - year) <= 1]
        group_themes = rng.sample(candidates, min(len(candidates), rng.randint(1, 2)))
        for theme, _year, _lead in group_themes:
            relationship = _weighted(
                rng,
                ((GroupTheme.Relationship.WORKING_ON, 3), (GroupTheme.Relationship.AFFECTED_BY, 1)),
            )
            links.add((pk, theme, relationship))
        closed = path[-1] == Group.Stage.CLOSED
        plan = GroupPlan(
            id=pk,
            kind=kind,
            host=host,
            stage=path[-1],
            start=start or proposed_on,
            visits_from=start,
            visits_until=days[-1] if closed else today,
            leads=group_leads,
            themes=[theme for theme, _year, _lead in group_themes],
        )
        if start is not None:
            _members(ctx, plan, memberships, closed=closed)
        ctx.groups.append(plan)


def _members(ctx: Context, plan: GroupPlan, sink: TableSink, *, closed: bool) -> None:
    """Members join on or after the group started; a closed group's members left when it closed."""
    rng = ctx.rng
    own = ctx.young_people_by_organisation.get(plan.host) or []
    wanted = rng.randint(8, 26)
    chosen: set[int] = set()
    for _ in range(wanted * 2):
        if len(chosen) >= wanted:
            break
        if own and rng.random() < 0.85:
            chosen.add(rng.choice(own))
        else:
            person = ctx.young_people[rng.randrange(len(ctx.young_people))]
            if person not in ctx.inactive:
                chosen.add(person)
    until = plan.visits_until
    window = max((until - plan.start).days, 0)
    for person in sorted(chosen):
        joined = plan.start + datetime.timedelta(days=rng.randint(0, window // 3))
        left: datetime.date | None = None
        if closed:
            left = until
        elif rng.random() < 0.1:
            left = joined + datetime.timedelta(days=rng.randint(0, max((until - joined).days, 0)))
        if left is not None and left < joined:
            left = joined
        pk = ctx.ids(Membership, 1).start
        sink.add((pk, _at(joined, 12), _at(left or joined, 12), plan.id, person, joined, left))
        plan.members.append(
            (person, joined.toordinal(), left.toordinal() if left is not None else None)
        )


SESSION_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "date",
    "kind",
    "title",
    "group_id",
    "young_person_id",
    "organisation_id",
    "partner_staff_present",
    "degree",
    "participation_type",
    "notes",
    "monitoring_form_complete",
    "logged_by_id",
)


def sessions(ctx: Context) -> None:
    rng, scale, today = ctx.rng, ctx.scale, ctx.today
    ctx.methods = list(Method.objects.order_by("pk").values_list("pk", flat=True))
    ctx.standards = list(
        Standard.objects.filter(code__in=HearByRightStandard.values)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    writer = ctx.writer
    sink = writer.table(Session, SESSION_COLUMNS)
    attendance = writer.table(Attendance, ("session_id", "young_person_id", "status"))
    staff_present = writer.table(Session.staff_present.through, ("session_id", "user_id"))
    methods = writer.table(Session.methods.through, ("session_id", "method_id"))
    standards = writer.table(Session.standards.through, ("session_id", "standard_id"))
    themes_sink = writer.table(Session.themes.through, ("session_id", "theme_id"))

    individual = round(scale.sessions * INDIVIDUAL_SHARE)
    visited = [plan for plan in ctx.groups if plan.visits_from is not None]
    weights = [max((plan.visits_until - plan.visits_from).days, 1) for plan in visited]  # type: ignore[operator]
    total_weight = sum(weights)
    group_total = scale.sessions - individual if visited else 0
    individual = scale.sessions - group_total
    per_group = [group_total * weight // total_weight for weight in weights]
    for index in rng.sample(range(len(visited)), group_total - sum(per_group)) if visited else ():
        per_group[index] += 1
    group_attendances = max(scale.attendances - individual, 0)
    # Some sessions have fewer members present than the average asks for: aim a little higher.
    average = 1.1 * group_attendances / max(group_total, 1)
    recent = (today - datetime.timedelta(days=60)).toordinal()
    ids = iter(ctx.ids(Session, scale.sessions))
    ctx.first_session_id = ctx._next_ids[Session] - scale.sessions
    officers = ctx.staff[Role.PARTICIPATION_OFFICER]
    status_values = [status for status, _ in ATTENDANCE_STATUSES]
    status_weights = [weight for _, weight in ATTENDANCE_STATUSES]
    kind_values = [kind for kind, _ in GROUP_SESSION_KINDS]
    kind_weights = [weight for _, weight in GROUP_SESSION_KINDS]
    degree_values = [degree for degree, _ in DEGREES]
    degree_weights = [weight for _, weight in DEGREES]
    kind_labels = dict(Session.Kind.choices)

    def common(pk: int, day: datetime.date, group_themes: list[int], staff: list[int]) -> None:
        for user in staff:
            staff_present.add((pk, user))
        for method in rng.sample(ctx.methods, rng.randint(1, 3)):
            methods.add((pk, method))
        for standard in rng.sample(ctx.standards, rng.randint(0, 2)):
            standards.add((pk, standard))
        for theme in group_themes:
            if rng.random() < 0.6:
                themes_sink.add((pk, theme))
        ctx.session_date.append(day.toordinal())

    for plan, count in zip(visited, per_group, strict=True):
        first = plan.visits_from.toordinal()  # type: ignore[union-attr]
        last = plan.visits_until.toordinal()
        days = sorted(rng.randint(first, last) for _ in range(count))
        for ordinal in days:
            pk = next(ids)
            day = datetime.date.fromordinal(ordinal)
            kind = rng.choices(kind_values, kind_weights)[0]
            complete = rng.random() < (0.6 if ordinal >= recent else 0.93)
            staff = rng.sample(plan.leads, 1) + (
                [rng.choice(officers)] if rng.random() < 0.3 else []
            )
            staff = list(dict.fromkeys(staff))
            created = _at(day)
            sink.add(
                (
                    pk,
                    created,
                    created,
                    day,
                    kind,
                    kind_labels[kind],
                    plan.id,
                    None,
                    plan.host,
                    "",
                    rng.choices(degree_values, degree_weights)[0],
                    ParticipationType.PUBLIC if rng.random() < 0.7 else ParticipationType.SOCIAL,
                    "",
                    complete,
                    staff[0],
                )
            )
            present = [
                person
                for person, joined, left in plan.members
                if joined <= ordinal and (left is None or left >= ordinal)
            ]
            wanted = min(len(present), max(1, round(rng.uniform(average - 3, average + 3))))
            for person in rng.sample(present, wanted):
                attendance.add((pk, person, rng.choices(status_values, status_weights)[0]))
            common(pk, day, plan.themes, staff)
            ctx.session_group.append(plan.id)

    span_first, span_last = ctx.first_day.toordinal(), today.toordinal()
    for _ in range(individual):
        pk = next(ids)
        index = rng.randrange(len(ctx.young_people))
        person = ctx.young_people[index]
        ordinal = rng.randint(span_first, span_last)
        day = datetime.date.fromordinal(ordinal)
        staff = [rng.choice(officers)]
        created = _at(day)
        sink.add(
            (
                pk,
                created,
                created,
                day,
                Session.Kind.ONE_TO_ONE_REVIEW,
                "Review",
                None,
                person,
                ctx.young_person_organisation[index],
                "",
                rng.choices(degree_values, degree_weights)[0],
                ParticipationType.INDIVIDUAL,
                "",
                rng.random() < (0.6 if ordinal >= recent else 0.93),
                staff[0],
            )
        )
        attendance.add((pk, person, Attendance.Status.ATTENDED))
        common(pk, day, [], staff)
        ctx.session_group.append(0)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Context], None]
    #: The models the step writes: checked empty before a load, emptied by ``--force``.
    models: tuple[type[models.Model], ...]


STEPS: list[Step] = [
    Step(
        "organisations and staff",
        organisations_and_staff,
        (Organisation, User, Organisation.champions.through),
    ),
    Step("young people", young_people, (YoungPerson,)),
    Step("themes", themes, (Theme, ThemeReview)),
    Step(
        "groups",
        groups,
        (Group, Group.leads.through, GroupTheme, StageTransition, Membership),
    ),
    Step(
        "sessions",
        sessions,
        (
            Session,
            Attendance,
            Session.staff_present.through,
            Session.methods.through,
            Session.standards.through,
            Session.themes.through,
        ),
    ),
]


# Running it ---------------------------------------------------------------------------------------


def generated_models() -> list[type[models.Model]]:
    return [model for step in STEPS for model in step.models]


def existing_rows() -> dict[str, int]:
    """Rows already in the tables the generator writes (only the non-empty ones)."""
    counts = {model._meta.label: model._default_manager.count() for model in generated_models()}
    return {label: count for label, count in counts.items() if count}


def wipe() -> dict[str, int]:
    """Empty every table the generator writes, with the audit log, API tokens and sign-ins.

    Methods and standards are kept: they are reference rows seeded by a migration.
    """
    from django.contrib.sessions.models import Session as SignIn
    from rest_framework.authtoken.models import Token

    from heard.core.models import AuditEntry

    dependants: list[type[models.Model]] = [AuditEntry, Token, SignIn]
    targets = [*dependants, *generated_models()]
    counts = {model._meta.label: model._default_manager.count() for model in targets}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in targets)
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {tables} CASCADE")  # noqa: S608
        else:
            for model in reversed(targets):
                model._default_manager.all()._raw_delete(using=connection.alias)  # type: ignore[attr-defined]
    return {label: count for label, count in counts.items() if count}


@dataclass
class Result:
    scale: str
    seed: int
    today: datetime.date
    counts: dict[str, int]
    seconds: dict[str, float]


def generate(
    *,
    scale: str | Scale,
    seed: int = 1,
    today: datetime.date,
    progress: Callable[[str], None] = lambda message: None,
) -> Result:
    """Generate and load a whole partnership into empty tables, in one transaction."""
    chosen = scale if isinstance(scale, Scale) else SCALES[scale]
    use_copy = connection.vendor == "postgresql"
    writer = Writer(use_copy=use_copy)
    ctx = Context(scale=chosen, seed=seed, today=today, writer=writer, rng=random.Random(seed))
    seconds: dict[str, float] = {}
    with transaction.atomic():
        if use_copy:
            # Parents are loaded before children, so check each foreign key as rows arrive
            # rather than queueing millions of deferred checks for the commit.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for step in STEPS:
            started = time.perf_counter()
            step.run(ctx)
            seconds[step.name] = round(time.perf_counter() - started, 2)
            progress(f"generated {step.name} in {seconds[step.name]:.1f} s")
        started = time.perf_counter()
        writer.finish(progress)
        seconds["load"] = round(time.perf_counter() - started, 2)
        if use_copy:
            _after_copy(ctx, chosen, seed, today)
        started = time.perf_counter()
    seconds["commit"] = round(time.perf_counter() - started, 2)
    progress(f"committed in {seconds['commit']:.1f} s")
    if use_copy:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for model in generated_models():
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        seconds["analyze"] = round(time.perf_counter() - started, 2)
        progress(f"analyzed in {seconds['analyze']:.1f} s")
    return Result(
        scale=chosen.name, seed=seed, today=today, counts=writer.counts(), seconds=seconds
    )


def _after_copy(ctx: Context, scale: Scale, seed: int, today: datetime.date) -> None:
    """Move the id sequences past the ids COPY wrote, and mark the database as generated."""
    from django.core.management.color import no_style
    from psycopg import sql

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), generated_models()):
            cursor.execute(statement)
        text = f"{MARKER_PREFIX} scale={scale.name} seed={seed} today={today.isoformat()}"
        statement = sql.SQL("COMMENT ON DATABASE {} IS {}").format(
            sql.Identifier(connection.settings_dict["NAME"]), sql.Literal(text)
        )
        cursor.execute(statement.as_string(cursor.cursor))


def marker() -> str | None:
    """What ``generate`` left in a PostgreSQL database's comment, if anything."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
            "WHERE datname = current_database()"
        )
        row = cursor.fetchone()
    comment = row[0] if row else None
    return comment if comment and comment.startswith(MARKER_PREFIX) else None
