"""Synthetic partnerships at tiny, county or national scale, loaded in bulk (issue 6).

Why a bulk loader and not the services: the services validate, permission-check and audit one
row at a time, which is right for people and for the demo (``loader.py``) but would take days
for six million attendances. The generator writes rows that already satisfy the same invariants
(database constraints, ``full_clean`` and the services' own rules: a session's organisation is
its group's host, nobody attends twice, members join on or after the group started, a Buddy
Group runs for at most a year, no date is in the future, stages follow ``Group.TRANSITIONS``),
and ``tests/demo/test_generator.py`` checks that they do. No audit entries are written for
generated rows: nobody changed anything, the rows are synthetic.

The later apps follow their services the same way. Voice: a view is answered by at most one
response (only open views can be), no earlier than it was given; feedback goes only to those who
gave the views (``voice.services.givers_of``) on or after the response; a rating comes from a
young person whose own or current group's view it answers, once fed back; and each view's status,
``responded_on`` and ``fed_back_on`` are what ``response_record``, ``feedback_record`` and
``rating_give`` would have left. Safeguarding: every member of staff recorded at a session has an
enhanced DBS check current on its date (``participation.services.session_log`` refuses otherwise).
Privacy: under the partnership's parent-consent age only taking part is agreed by the young person
alone; a view naming young people is quoted or published only with their consent to it, current
when it was recorded (``voice.services.view_record``); a withdrawn quotes or publishing consent
left every view they gave internal, and a withdrawn equality consent left no equality record
(``privacy.services.consent_withdraw``); an erased young person keeps their record under
"Anonymised" with no consents and takes no part (``young_person_anonymise``).
Evidence files are not generated: a row needs a real file in storage.

Loading: on PostgreSQL every table is spooled to a temporary file in COPY text format and
loaded with psycopg's ``cursor.copy``; elsewhere (SQLite) rows go in with batched
``bulk_create``, keeping the generated timestamps. Both run in one transaction, so a failed load
leaves nothing behind.

Determinism: every choice comes from ``random.Random(seed)`` and every date counts back from
``today``, so the same seed and day give the same rows, ids and values.

Extending it (reports, budgets ...): write a function ``def my_step(ctx: Context) -> None``
that adds rows with ``ctx.writer.table(Model, columns).add(row)`` (columns must name every
concrete field, so a new model field is never silently left empty; create a step's tables
parents first, as they are loaded in that order), give the scale sizes in ``Scale.extra`` and
append ``Step("name", my_step, (Model, ...))`` to ``STEPS``. ``ctx`` holds what earlier steps
made: staff ids by role, organisations, young people (with age band, date of birth, when they were
registered, consents), themes, groups with their members, and every session's group, date,
logger and attendees. Keep the per-row work lean (tuples, ``array``): the national scale must
load in under 10 minutes on two cores. Raise ``VERSION`` when the generated data changes, so the
benchmark regenerates a database made by an older generator.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import functools
import hashlib
import json
import random
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import connection, models, transaction

from heard.core.models import Partnership
from heard.core.roles import AgeBand, HearByRightStandard, Role
from heard.core.years import partnership_year, year_bounds
from heard.groups.models import Group, GroupTheme, Membership, StageTransition, Theme, ThemeReview
from heard.participation import summaries
from heard.participation.models import (
    Attendance,
    Degree,
    Method,
    ParticipationType,
    Session,
    Standard,
    YearlyParticipant,
    YearlyParticipation,
)
from heard.people.models import Organisation, User, YoungPerson
from heard.privacy.models import (
    Anonymisation,
    BenchmarkShare,
    CareStatus,
    Characteristic,
    Consent,
    EqualityRecord,
    Ethnicity,
    Gender,
    LeastHeardGroup,
    LeastHeardTarget,
    Religion,
    SexualOrientation,
    YesNo,
)
from heard.privacy.selectors import BAND_AGES
from heard.privacy.services import PERSONAL_FIELDS
from heard.safeguarding.models import REFERENCE_ALPHABET as CONCERN_ALPHABET
from heard.safeguarding.models import REFERENCE_LENGTH as CONCERN_REFERENCE_LENGTH
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord
from heard.voice import responsibility
from heard.voice.models import Evidence, Feedback, Rating, Response, View, ViewResponsibility

#: Generated staff cannot sign in with a password (an unusable hash): set one with
#: ``heard changepassword`` to explore, or sign in as the benchmark does, with a session.
UNUSABLE_PASSWORD = "!generated-by-heard-generate"  # noqa: S105 - "!" marks it unusable
EMAIL_DOMAIN = "generated.heard.example"
MARKER_PREFIX = "heard generate:"
#: Written into the database's marker: raise it when the generated data changes.
VERSION = 5


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
    #: Sizes for the later apps' steps: views, safeguarding concerns, erased young people.
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
        extra={"views": 400, "concerns": 12, "erased": 2},
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
        extra={"views": 60_000, "concerns": 40, "erased": 20},
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
        extra={"views": 600_000, "concerns": 300, "erased": 200},
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


def _weighted(rng: random.Random, options: Sequence[tuple[Any, float]]) -> Any:
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


@functools.lru_cache(maxsize=8192)
def _day(ordinal: int) -> datetime.date:
    return datetime.date.fromordinal(ordinal)


@functools.lru_cache(maxsize=32768)
def _at_ordinal(ordinal: int, hour: int = 17) -> datetime.datetime:
    return _at(_day(ordinal), hour)


def _year_start(ordinal: int) -> int:
    """The partnership year (April to March) a day falls in, by the year it starts."""
    return partnership_year(_day(ordinal))


# Writers ---------------------------------------------------------------------------------------


def _columns_check(model: type[models.Model], columns: Sequence[str]) -> None:
    """Every concrete column but an automatic id and a generated column (the database computes
    it) must be named: a new field cannot be forgotten."""
    names = {
        f.attname for f in model._meta.concrete_fields if not isinstance(f, models.GeneratedField)
    }
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
    if isinstance(value, dict | list):
        return json.dumps(value).translate(_COPY_ESCAPES)
    return str(value)


#: The same, by exact type for the common values: one lookup instead of a chain of checks, and
#: dates and times (a few thousand distinct ones) formatted once each.
_COPY_FORMATS: dict[type, Callable[[Any], str]] = {
    int: str,
    str: lambda value: value.translate(_COPY_ESCAPES),
    type(None): lambda value: "\\N",
    bool: lambda value: "t" if value else "f",
    datetime.date: functools.lru_cache(maxsize=16384)(str),
    datetime.datetime: functools.lru_cache(maxsize=65536)(str),
}


def _copy_text(value: Any) -> str:
    format_value = _COPY_FORMATS.get(type(value))
    if format_value is not None:
        return format_value(value)
    if isinstance(value, str):  # a choices member (``View.Status.OPEN``): learn its type
        _COPY_FORMATS[type(value)] = _COPY_FORMATS[str]
    return _copy_value(value)


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
        self.buffer.append("\t".join(map(_copy_text, row)))
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


@contextlib.contextmanager
def _explicit_timestamps(model: type[models.Model]) -> Iterator[None]:
    """Keep the generated ``created_at``/``updated_at`` (``auto_now`` fields would set the time
    of the load), as COPY does."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and (f.auto_now or f.auto_now_add)
    ]
    saved = [(f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, (auto_now, auto_now_add) in zip(fields, saved, strict=True):
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


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
            with _explicit_timestamps(self.model):
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
    #: Young people: ids (``first_young_person_id + i``), their organisation's id, and which
    #: are active; by index, their age band (index into ``AGE_BANDS``), date of birth and the
    #: day they were registered (ordinals, 0 for none).
    young_people: array[int] = field(default_factory=lambda: array("q"))
    young_person_organisation: array[int] = field(default_factory=lambda: array("q"))
    young_people_by_organisation: dict[int, list[int]] = field(default_factory=dict)
    inactive: set[int] = field(default_factory=set)
    first_young_person_id: int = 0
    young_person_band: bytearray = field(default_factory=bytearray)
    young_person_born: array[int] = field(default_factory=lambda: array("l"))
    young_person_registered: array[int] = field(default_factory=lambda: array("l"))
    #: Young people erased on request: id -> the day their record was anonymised (ordinal).
    erased: dict[int, int] = field(default_factory=dict)
    #: Themes: (id, period start year, lead id), and each one's title.
    themes: list[tuple[int, int, int]] = field(default_factory=list)
    theme_titles: dict[int, str] = field(default_factory=dict)
    groups: list[GroupPlan] = field(default_factory=list)
    methods: list[int] = field(default_factory=list)
    standards: list[int] = field(default_factory=list)
    #: Every session: ids are ``first_session_id + i``; group id (0 for individual), date, who
    #: logged it (present), and the young people who attended it:
    #: ``attended[attended_start[i]:attended_start[i + 1]]``.
    first_session_id: int = 0
    session_group: array[int] = field(default_factory=lambda: array("q"))
    session_date: array[int] = field(default_factory=lambda: array("l"))
    session_logged_by: array[int] = field(default_factory=lambda: array("q"))
    attended: array[int] = field(default_factory=lambda: array("q"))
    attended_start: array[int] = field(default_factory=lambda: array("q"))
    #: Consents by young person index: the day a current quotes or publishing consent was given
    #: (ordinal, 0 for none), and who withdrew one of them (their views cannot be quoted).
    quotes_given: array[int] = field(default_factory=lambda: array("l"))
    publishing_given: array[int] = field(default_factory=lambda: array("l"))
    stopped_quoting: set[int] = field(default_factory=set)
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
        return year_bounds(self.current_year_start - self.scale.years + 1)[0]

    @property
    def current_year_start(self) -> int:
        return partnership_year(self.today)


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
#: What an erased young person's record holds (``privacy.services.PERSONAL_FIELDS``).
ANONYMISED_FIELDS: dict[str, Any] = dict(PERSONAL_FIELDS)


def young_people(ctx: Context) -> None:
    rng, today = ctx.rng, ctx.today
    sink = ctx.writer.table(YoungPerson, YOUNG_PERSON_COLUMNS)
    bands = [(band, low, high) for band, low, high, _ in AGE_BANDS]
    band_weights = [weight for *_, weight in AGE_BANDS]
    band_index = {band: index for index, (band, *_rest) in enumerate(AGE_BANDS)}
    span = (today - ctx.first_day).days
    ids = ctx.ids(YoungPerson, ctx.scale.young_people)
    ctx.first_young_person_id = ids.start
    organisations = rng.choices(ctx.organisations, ctx.organisation_weights, k=len(ids))
    # Erased on request (``privacy.services.young_person_anonymise``): the record stays, under
    # "Anonymised", with nothing that identifies them; they take no part after it.
    erased = set(rng.sample(range(len(ids)), min(len(ids), ctx.scale.extra.get("erased", 0))))
    today_ordinal = today.toordinal()
    for index, pk in enumerate(ids):
        organisation = organisations[index]
        band, low, high = rng.choices(bands, band_weights)[0]
        date_of_birth = None
        if rng.random() < 0.3:
            age = rng.randint(low, high)
            date_of_birth = today - datetime.timedelta(
                days=int((age + rng.uniform(0.1, 0.9)) * 365.25)
            )
        registered = ctx.ago(rng.randint(0, span))
        created = _at(registered, 10)
        active = rng.random() > 0.05
        row = [
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
        ]
        if index in erased:
            erased_on = rng.randint(registered.toordinal(), today_ordinal)
            ctx.erased[pk] = erased_on
            row[2] = _at_ordinal(erased_on, 15)
            for name, value in ANONYMISED_FIELDS.items():
                row[YOUNG_PERSON_COLUMNS.index(name)] = value
            date_of_birth = None
        sink.add(row)
        ctx.young_people.append(pk)
        ctx.young_person_organisation.append(organisation)
        ctx.young_person_band.append(band_index[band])
        ctx.young_person_born.append(date_of_birth.toordinal() if date_of_birth else 0)
        ctx.young_person_registered.append(registered.toordinal())
        if active and pk not in ctx.erased:
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
            ctx.theme_titles[pk] = title
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
    "last_session_on",  # written as NULL here, then set from the sessions by summaries.rebuild
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
                None,
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

    attended, attended_start = ctx.attended, ctx.attended_start
    attended_status = Attendance.Status.ATTENDED

    def common(pk: int, day: datetime.date, group_themes: list[int], staff: list[int]) -> None:
        ctx.session_logged_by.append(staff[0])
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
            attended_start.append(len(attended))
            for person in rng.sample(present, wanted):
                status = rng.choices(status_values, status_weights)[0]
                attendance.add((pk, person, status))
                if status == attended_status:
                    attended.append(person)
            common(pk, day, plan.themes, staff)
            ctx.session_group.append(plan.id)

    span_first, span_last = ctx.first_day.toordinal(), today.toordinal()
    for _ in range(individual):
        pk = next(ids)
        index = rng.randrange(len(ctx.young_people))
        person = ctx.young_people[index]
        while person in ctx.erased:
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
        attended_start.append(len(attended))
        attended.append(person)
        common(pk, day, [], staff)
        ctx.session_group.append(0)
    attended_start.append(len(attended))


# Safeguarding: staff checks, training and concerns ------------------------------------------------

CHECK_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "staff_id",
    "kind",
    "certificate_number",
    "issued_on",
    "renewal_due",
)
TRAINING_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "staff_id",
    "course",
    "completed_on",
    "expires_on",
)
CONCERN_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "young_person_id",
    "session_id",
    "raised_by_id",
    "what_happened",
    "happened_at",
    "who_was_present",
    "immediate_action",
    "child_told",
    "status",
    "assigned_to_id",
    "assigned_at",
    "decision",
    "decision_notes",
    "decided_at",
    "referral_date",
    "referral_reference",
    "closed_at",
    "reference",
)
#: Enhanced DBS checks are renewed every three years here, a little before they run out.
CHECK_DAYS = 3 * 365
#: The roles recorded as present at sessions (group leads and participation officers) and the
#: others who work with young people; board members have no check.
CHECKED_ROLES = (
    Role.ADMINISTRATOR,
    Role.PARTICIPATION_LEAD,
    Role.PARTICIPATION_OFFICER,
    Role.THEME_LEAD,
    Role.SAFEGUARDING_LEAD,
    Role.PARTNER_WORKER,
)
#: (course, valid for days or 0 when it does not expire, share of staff who did it)
COURSES = (
    ("Safeguarding children level 2", 3 * 365, 0.9),
    ("Child protection training", 3 * 365, 0.5),
    ("Hear by Right: participation standards", 0, 0.4),
    ("Lundy model of child participation", 0, 0.3),
    ("Prevent awareness", 2 * 365, 0.3),
    ("Youth mental health first aid", 3 * 365, 0.2),
    ("Data protection for children's data", 365, 0.6),
)
CONCERN_TEXTS = (
    "A young person said they were scared to go home because of shouting and fighting there.",
    "A young person had bruises on their arm and gave an explanation that did not fit them.",
    "A young person said an adult they met online had asked them to meet up on their own.",
    "A young person said there had been no food at home since the day before.",
    "A young person told a worker that a friend was being bullied and had talked about self-harm.",
    "A young person said an older boy was giving them money to carry packages.",
)
CONCERN_PRESENT = (
    "The group's youth worker and a participation officer.",
    "Two members of staff; the rest of the group was in the next room.",
    "The participation officer only, at the end of the session.",
)
CONCERN_ACTION = (
    "Listened without asking leading questions, wrote down their words and called the "
    "designated safeguarding lead the same day."
)
CONCERN_TOLD = (
    "That what they said would be shared with someone whose job is to keep them safe, and that "
    "they would be told what happens next."
)
CONCERN_DECISIONS = (
    (
        Concern.Decision.NO_FURTHER_ACTION,
        25,
        "The family's support worker already knows; no further action from us.",
    ),
    (
        Concern.Decision.ADVICE_GIVEN,
        35,
        "Advice given to the worker; the school's safeguarding lead told.",
    ),
    (
        Concern.Decision.LOCAL_AUTHORITY_REFERRAL,
        30,
        "Referred to the children's services front door.",
    ),
    (Concern.Decision.POLICE, 10, "Reported to the police because an adult was involved."),
)
#: How far a concern has got: (status, weight for one raised in the last fortnight, for older).
#: Older ones are nearly all closed; a few still wait for a decision (flagged after 24 hours).
CONCERN_STAGES = (
    (Concern.Status.OPEN, 30, 0.5),
    (Concern.Status.ASSIGNED, 30, 1.5),
    (Concern.Status.DECIDED, 30, 18),
    (Concern.Status.CLOSED, 10, 80),
)
RECENT_CONCERN_DAYS = 14


def background_checks_and_training(ctx: Context) -> None:
    """A chain of checks for everyone who works with young people, each renewed before the last
    ran out, so every session's staff had a check current on its date; some due within 30 days,
    a few partner workers (never at generated sessions) with none or an expired one."""
    rng, today = ctx.rng, ctx.today.toordinal()
    checks = ctx.writer.table(BackgroundCheck, CHECK_COLUMNS)
    training = ctx.writer.table(TrainingRecord, TRAINING_COLUMNS)
    earliest = ctx.first_day.toordinal()
    kinds = (BackgroundCheck.Kind.ENHANCED_DBS_BARRED, BackgroundCheck.Kind.ENHANCED_DBS)
    for role in CHECKED_ROLES:
        for staff in ctx.staff.get(role, ()):
            draw = rng.random()
            kind = kinds[draw < 0.3]
            if role == Role.PARTNER_WORKER and draw > 0.85:
                if draw > 0.93:
                    continue  # no check recorded yet
                renewal = today - rng.randint(1, 200)
                chain = [(renewal - CHECK_DAYS, renewal)]
            else:
                due_soon = rng.random() < 0.1
                renewal = today + (
                    rng.randint(0, 30) if due_soon else rng.randint(31, CHECK_DAYS - 1)
                )
                chain = [(renewal - CHECK_DAYS, renewal)]
                while chain[-1][0] > earliest:
                    renewal = chain[-1][0] + rng.randint(0, 45)
                    chain.append((renewal - CHECK_DAYS, renewal))
                chain.reverse()
            for issued, renewal in chain:
                pk = ctx.ids(BackgroundCheck, 1).start
                recorded = _at_ordinal(min(issued + rng.randint(0, 14), today), 9)
                number = f"{(pk * 7_919_371 + ctx.seed * 104_729) % 10**12:012d}"
                checks.add(
                    (pk, recorded, recorded, staff, kind, number, _day(issued), _day(renewal))
                )
        for staff in ctx.staff.get(role, ()):
            for course, valid_days, share in COURSES:
                if rng.random() >= share:
                    continue
                completed = today - rng.randint(1, 4 * 365)
                expires = _day(completed + valid_days) if valid_days else None
                recorded = _at_ordinal(completed, 16)
                pk = ctx.ids(TrainingRecord, 1).start
                training.add((pk, recorded, recorded, staff, course, _day(completed), expires))
    for champion in ctx.staff.get(Role.BOARD_MEMBER, ()):
        if rng.random() < 0.5:
            completed = today - rng.randint(1, 3 * 365)
            recorded = _at_ordinal(completed, 16)
            pk = ctx.ids(TrainingRecord, 1).start
            training.add(
                (
                    pk,
                    recorded,
                    recorded,
                    champion,
                    "Participation Champion induction",
                    _day(completed),
                    None,
                )
            )


def concerns(ctx: Context) -> None:
    """Concerns raised at sessions by the staff who were there (and a few outside one), handled
    as ``concern_assign``, ``concern_decide`` and ``concern_close`` would: a decided or closed
    concern has a decision and a safeguarding lead; a local authority referral has its date and
    reference. Every time is before today, and most older concerns are closed."""
    rng = ctx.rng
    sink = ctx.writer.table(Concern, CONCERN_COLUMNS)
    leads = ctx.staff[Role.SAFEGUARDING_LEAD]
    officers = ctx.staff[Role.PARTICIPATION_OFFICER]
    cutoff = _at(ctx.today, 0)
    sessions = len(ctx.session_date)
    decisions = [(decision, notes) for decision, _, notes in CONCERN_DECISIONS]
    decision_weights = [weight for _, weight, _ in CONCERN_DECISIONS]
    stages = [stage for stage, _, _ in CONCERN_STAGES]
    recent_weights = [weight for _, weight, _ in CONCERN_STAGES]
    older_weights = [weight for _, _, weight in CONCERN_STAGES]
    yesterday = ctx.today.toordinal() - 1
    taken = set(Concern.objects.values_list("reference", flat=True))
    for number in range(ctx.scale.extra.get("concerns", 0)):
        pk = ctx.ids(Concern, 1).start
        session: int | None = None
        young_person: int | None = None
        index = rng.randrange(sessions) if sessions else 0
        if sessions and ctx.session_date[index] <= yesterday and rng.random() < 0.9:
            session = ctx.first_session_id + index
            day = ctx.session_date[index]
            raised_by = ctx.session_logged_by[index]
            there = ctx.attended[ctx.attended_start[index] : ctx.attended_start[index + 1]]
            if there and (ctx.session_group[index] == 0 or rng.random() < 0.9):
                young_person = rng.choice(there)
        else:
            day = rng.randint(ctx.first_day.toordinal(), yesterday)
            raised_by = rng.choice(officers)
            person = ctx.young_people[rng.randrange(len(ctx.young_people))]
            young_person = None if person in ctx.erased else person
        happened = _at_ordinal(day, rng.randint(9, 17))
        created = happened + datetime.timedelta(hours=rng.randint(1, 5))
        assigned_at = created + datetime.timedelta(hours=rng.randint(1, 20))
        decided_at = assigned_at + datetime.timedelta(hours=rng.randint(4, 72))
        closed_at = decided_at + datetime.timedelta(days=rng.randint(1, 30))
        recent = yesterday - day < RECENT_CONCERN_DAYS
        stage = rng.choices(stages, recent_weights if recent else older_weights)[0]
        reached = stages.index(stage)
        # Nothing can have happened yet that would be after the start of today.
        for step, moment in enumerate((assigned_at, decided_at, closed_at), start=1):
            if moment >= cutoff:
                reached = min(reached, step - 1)
        decision, notes = rng.choices(decisions, decision_weights)[0]
        lead = rng.choice(leads)
        decided = reached >= 2
        referral = decided and decision in (
            Concern.Decision.LOCAL_AUTHORITY_REFERRAL,
            Concern.Decision.POLICE,
        )
        prefix = "CS" if decision == Concern.Decision.LOCAL_AUTHORITY_REFERRAL else "POL"
        updated = (created, assigned_at, decided_at, closed_at)[reached]
        sink.add(
            (
                pk,
                created,
                updated,
                young_person,
                session,
                raised_by,
                CONCERN_TEXTS[number % len(CONCERN_TEXTS)],
                happened,
                rng.choice(CONCERN_PRESENT),
                CONCERN_ACTION,
                CONCERN_TOLD,
                stages[reached],
                lead if reached >= 1 else None,
                assigned_at if reached >= 1 else None,
                decision if decided else "",
                notes if decided else "",
                decided_at if decided else None,
                decided_at.date() if referral else None,
                f"{prefix}-{decided_at.year}-{pk:05d}" if referral else "",
                closed_at if reached >= 3 else None,
                concern_reference_for(pk, ctx.seed, taken),
            )
        )


def concern_reference_for(pk: int, seed: int, taken: set[str]) -> str:
    """A concern's reference: fixed for its id and the seed, yet in no order and counting nothing
    (a hash, as ``new_concern_reference`` is random); hashed again past one already ``taken``."""
    attempt = 0
    while True:
        digest = hashlib.blake2b(f"{seed}:{pk}:{attempt}".encode(), digest_size=8).digest()
        number, chars = int.from_bytes(digest, "big"), []
        for _ in range(CONCERN_REFERENCE_LENGTH):
            number, digit = divmod(number, len(CONCERN_ALPHABET))
            chars.append(CONCERN_ALPHABET[digit])
        reference = "SC-" + "".join(chars)
        if reference not in taken:
            taken.add(reference)
            return reference
        attempt += 1


# Privacy: consents, equality records, anonymisations, benchmarks and targets -------------------

CONSENT_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "young_person_id",
    "purpose",
    "given_by",
    "given_on",
    "how",
    "withdrawn_on",
    "withdrawn_by",
    "withdrawn_how",
    "notes",
    "recorded_by_id",
)
#: Besides taking part (everyone): (purpose, share who agreed, share of those who later withdrew).
CONSENT_SHARES = (
    (Consent.Purpose.PHOTOGRAPHS, 0.55, 0.05),
    (Consent.Purpose.QUOTES, 0.5, 0.04),
    (Consent.Purpose.PUBLISHING, 0.35, 0.04),
    (Consent.Purpose.SHARING, 0.4, 0.03),
    (Consent.Purpose.EQUALITY_DATA, 0.3, 0.05),
)
CONSENT_HOWS = ((Consent.How.WRITTEN, 6), (Consent.How.VERBAL, 2), (Consent.How.ONLINE, 3))
EQUALITY_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "young_person_id",
    "gender",
    "gender_description",
    "ethnicity",
    "disability",
    "send",
    "care_status",
    "young_carer",
    "religion",
    "sexual_orientation",
    "area",
)
PREFER = "prefer_not_to_say"
#: Answers as young people who take part give them; "" is a question left unanswered.
GENDERS = (
    (Gender.GIRL_OR_WOMAN, 47),
    (Gender.BOY_OR_MAN, 44),
    (Gender.NON_BINARY, 2),
    (Gender.ANOTHER_WAY, 1),
    (PREFER, 3),
    ("", 3),
)
ETHNICITIES = (
    (Ethnicity.WHITE_BRITISH, 64),
    (Ethnicity.WHITE_IRISH, 0.5),
    (Ethnicity.WHITE_GYPSY_TRAVELLER, 0.4),
    (Ethnicity.WHITE_ROMA, 0.4),
    (Ethnicity.WHITE_OTHER, 5),
    (Ethnicity.MIXED_WHITE_ASIAN, 1.5),
    (Ethnicity.MIXED_WHITE_BLACK_AFRICAN, 1),
    (Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN, 1.5),
    (Ethnicity.MIXED_OTHER, 1.5),
    (Ethnicity.ASIAN_BANGLADESHI, 1.5),
    (Ethnicity.ASIAN_CHINESE, 0.7),
    (Ethnicity.ASIAN_INDIAN, 3),
    (Ethnicity.ASIAN_PAKISTANI, 4),
    (Ethnicity.ASIAN_OTHER, 1.5),
    (Ethnicity.BLACK_AFRICAN, 3.5),
    (Ethnicity.BLACK_CARIBBEAN, 1),
    (Ethnicity.BLACK_OTHER, 0.7),
    (Ethnicity.OTHER_ARAB, 0.7),
    (Ethnicity.OTHER_ANY, 1.2),
    (PREFER, 2),
    ("", 4),
)
YES_NO = {
    "disability": ((YesNo.YES, 10), (YesNo.NO, 78), (PREFER, 5), ("", 7)),
    "send": ((YesNo.YES, 20), (YesNo.NO, 70), (PREFER, 4), ("", 6)),
    "young_carer": ((YesNo.YES, 7), (YesNo.NO, 83), (PREFER, 4), ("", 6)),
}
CARE_STATUSES = (
    (CareStatus.NOT_IN_CARE, 82),
    (CareStatus.IN_CARE, 7),
    (CareStatus.CARE_LEAVER, 4),
    (PREFER, 3),
    ("", 4),
)
RELIGIONS = (
    (Religion.NONE, 44),
    (Religion.CHRISTIAN, 32),
    (Religion.MUSLIM, 11),
    (Religion.HINDU, 2),
    (Religion.SIKH, 1.5),
    (Religion.BUDDHIST, 0.6),
    (Religion.JEWISH, 0.6),
    (Religion.OTHER, 1),
    (PREFER, 4),
    ("", 3.3),
)
#: Asked only of young people aged 16 and over.
SEXUAL_ORIENTATIONS = (
    (SexualOrientation.STRAIGHT, 72),
    (SexualOrientation.GAY_OR_LESBIAN, 4),
    (SexualOrientation.BISEXUAL, 8),
    (SexualOrientation.OTHER, 3),
    (PREFER, 9),
    ("", 4),
)
ANOTHER_WAY_WORDS = ("Gender fluid", "Questioning", "Agender", "In my own way")
#: Population shares (%) of children and young people (5 to 25) for the benchmarks, by
#: characteristic, and where they come from.
BENCHMARKS: tuple[tuple[str, tuple[tuple[str, float], ...], str], ...] = (
    (
        Characteristic.AGE_BAND,
        (
            (AgeBand.UNDER_8, 13),
            (AgeBand.AGE_8_10, 15),
            (AgeBand.AGE_11_13, 15),
            (AgeBand.AGE_14_15, 10),
            (AgeBand.AGE_16_17, 9.5),
            (AgeBand.AGE_18_25, 37.5),
        ),
        "ONS mid-year population estimates",
    ),
    (
        Characteristic.GENDER,
        (
            (Gender.GIRL_OR_WOMAN, 48.7),
            (Gender.BOY_OR_MAN, 50.5),
            (Gender.NON_BINARY, 0.6),
            (Gender.ANOTHER_WAY, 0.2),
        ),
        "Census 2021",
    ),
    (
        Characteristic.ETHNICITY,
        tuple((value, float(weight)) for value, weight in ETHNICITIES if value not in (PREFER, "")),
        "Census 2021, ages 0 to 24",
    ),
    (Characteristic.DISABILITY, ((YesNo.YES, 9), (YesNo.NO, 91)), "Census 2021"),
    (Characteristic.SEND, ((YesNo.YES, 18.4), (YesNo.NO, 81.6)), "DfE Special educational needs"),
    (
        Characteristic.CARE_STATUS,
        ((CareStatus.NOT_IN_CARE, 98.7), (CareStatus.IN_CARE, 0.7), (CareStatus.CARE_LEAVER, 0.6)),
        "DfE Children looked after",
    ),
    (Characteristic.YOUNG_CARER, ((YesNo.YES, 5), (YesNo.NO, 95)), "Census 2021"),
    (
        Characteristic.RELIGION,
        tuple((value, float(weight)) for value, weight in RELIGIONS if value not in (PREFER, "")),
        "Census 2021",
    ),
)
BENCHMARK_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "characteristic",
    "value",
    "area",
    "share",
    "source",
)
TARGET_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "group",
    "name",
    "characteristic",
    "value",
    "target",
    "start",
    "end",
)
#: Least-heard groups with targets each year: (group, name, characteristic, value, per 1,000
#: young people on the register).
LEAST_HEARD = (
    (LeastHeardGroup.UNDER_11, "", "", "", 60),
    (LeastHeardGroup.IN_CARE, "", "", "", 15),
    (LeastHeardGroup.SEND, "", "", "", 40),
    (LeastHeardGroup.NAMED, "Young carers", Characteristic.YOUNG_CARER, YesNo.YES, 10),
    (
        LeastHeardGroup.NAMED,
        "Gypsy, Roma and Traveller young people",
        Characteristic.ETHNICITY,
        Ethnicity.WHITE_GYPSY_TRAVELLER,
        2,
    ),
)


def _parent_consent_age() -> int:
    """The partnership's setting, read without creating the row (``Partnership.current()``)."""
    age = Partnership.objects.filter(pk=1).values_list("parent_consent_under_age", flat=True)
    default = Partnership._meta.get_field("parent_consent_under_age").default
    return age.first() or int(default)  # type: ignore[arg-type]


def _may_be_under(ctx: Context, index: int, age: int, on: int) -> bool:
    """``privacy.selectors.may_be_under`` for a generated young person, on a day (ordinal)."""
    born = ctx.young_person_born[index]
    if born:
        birth, day = datetime.date.fromordinal(born), _day(on)
        years = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
        return years < age
    return BAND_AGES[AGE_BANDS[ctx.young_person_band[index]][0]][0] < age


def consents(ctx: Context) -> None:
    """Consent to taking part for everyone on the register, others for a share, some withdrawn,
    and equality records for most of those with a current equality consent."""
    rng, today = ctx.rng, ctx.today.toordinal()
    sink = ctx.writer.table(Consent, CONSENT_COLUMNS)
    equality = ctx.writer.table(EqualityRecord, EQUALITY_COLUMNS)
    under = _parent_consent_age()
    recorders = ctx.staff[Role.PARTICIPATION_OFFICER]
    hows = [how for how, _ in CONSENT_HOWS]
    how_weights = [weight for _, weight in CONSENT_HOWS]
    young, parent = Consent.GivenBy.YOUNG_PERSON, Consent.GivenBy.PARENT_OR_CARER
    quoting = (Consent.Purpose.QUOTES, Consent.Purpose.PUBLISHING)
    count = len(ctx.young_people)
    ctx.quotes_given = array("l", bytes(count * array("l").itemsize))
    ctx.publishing_given = array("l", bytes(count * array("l").itemsize))
    first_id = ctx.ids(Consent, 0).start
    next_id = first_id
    for index, pk in enumerate(ctx.young_people):
        if pk in ctx.erased:
            continue
        registered = ctx.young_person_registered[index]
        recorder = rng.choice(recorders)
        taking_part_by = parent if _may_be_under(ctx, index, under, registered) else young
        if taking_part_by == parent and rng.random() < 0.2:
            taking_part_by = young  # taking part can always be agreed by the young person
        at = _at_ordinal(registered, 11)
        how = rng.choices(hows, how_weights)[0]
        sink.add(
            (
                next_id,
                at,
                at,
                pk,
                Consent.Purpose.TAKING_PART,
                taking_part_by,
                _day(registered),
                how,
                None,
                "",
                "",
                "",
                recorder,
            )
        )
        next_id += 1
        for purpose, share, withdraw_share in CONSENT_SHARES:
            if rng.random() >= share:
                continue
            given = min(registered + rng.randint(0, 60), today)
            given_by = (
                parent if _may_be_under(ctx, index, under, given) or rng.random() < 0.15 else young
            )
            at = _at_ordinal(given, 11)
            withdrawn: int | None = None
            row: tuple[Any, ...]
            if rng.random() < withdraw_share:
                withdrawn = rng.randint(given, today)
            how = rng.choices(hows, how_weights)[0]
            if withdrawn is None:
                row = (
                    next_id,
                    at,
                    at,
                    pk,
                    purpose,
                    given_by,
                    _day(given),
                    how,
                    None,
                    "",
                    "",
                    "",
                    recorder,
                )
            else:
                withdrawn_by = parent if _may_be_under(ctx, index, under, withdrawn) else young
                later = _at_ordinal(withdrawn, 14)
                row = (
                    next_id,
                    at,
                    later,
                    pk,
                    purpose,
                    given_by,
                    _day(given),
                    how,
                    _day(withdrawn),
                    withdrawn_by,
                    rng.choices(hows, how_weights)[0],
                    "Withdrawn when asked.",
                    recorder,
                )
            sink.add(row)
            next_id += 1
            if purpose in quoting:
                if withdrawn is not None:
                    ctx.stopped_quoting.add(pk)
                elif purpose == Consent.Purpose.QUOTES:
                    ctx.quotes_given[index] = given
                else:
                    ctx.publishing_given[index] = given
            elif (
                purpose == Consent.Purpose.EQUALITY_DATA
                and withdrawn is None
                and rng.random() < 0.9
            ):
                _equality_record(ctx, equality, pk, index, given)
    ctx.ids(Consent, next_id - first_id)


def _equality_record(ctx: Context, sink: TableSink, pk: int, index: int, given: int) -> None:
    rng = ctx.rng
    gender = _weighted(rng, GENDERS)
    older = AGE_BANDS[ctx.young_person_band[index]][0] in (AgeBand.AGE_16_17, AgeBand.AGE_18_25)
    at = _at_ordinal(min(given + rng.randint(0, 14), ctx.today.toordinal()), 12)
    sink.add(
        (
            ctx.ids(EqualityRecord, 1).start,
            at,
            at,
            pk,
            gender,
            rng.choice(ANOTHER_WAY_WORDS) if gender == Gender.ANOTHER_WAY else "",
            _weighted(rng, ETHNICITIES),
            _weighted(rng, YES_NO["disability"]),
            _weighted(rng, YES_NO["send"]),
            _weighted(rng, CARE_STATUSES),
            _weighted(rng, YES_NO["young_carer"]),
            _weighted(rng, RELIGIONS),
            _weighted(rng, SEXUAL_ORIENTATIONS) if older else "",
            PLACES[pk % len(PLACES)] if rng.random() < 0.9 else "",
        )
    )


def anonymisations(ctx: Context) -> None:
    """The record ``young_person_anonymise`` leaves for each young person erased on request."""
    rng = ctx.rng
    sink = ctx.writer.table(
        Anonymisation,
        (
            "id",
            "young_person_id",
            "reason",
            "anonymised_at",
            "last_involvement",
            "consent_counts",
            "by_id",
        ),
    )
    leads = ctx.staff[Role.PARTICIPATION_LEAD]
    for pk, erased_on in sorted(ctx.erased.items()):
        counts = {Consent.Purpose.TAKING_PART.value: {"given": 1, "withdrawn": 0}}
        for purpose, share, _ in CONSENT_SHARES:
            if rng.random() < share:
                counts[purpose.value] = {"given": 1, "withdrawn": int(rng.random() < 0.3)}
        sink.add(
            (
                ctx.ids(Anonymisation, 1).start,
                pk,
                Anonymisation.Reason.ERASURE,
                _at_ordinal(erased_on, 15),
                None,
                counts,
                rng.choice(leads),
            )
        )


def benchmarks_and_targets(ctx: Context) -> None:
    """Benchmark shares for the whole partnership and each area (varying around the national
    figures), each area's share of the partnership, and least-heard targets each year."""
    rng = ctx.rng
    sink = ctx.writer.table(BenchmarkShare, BENCHMARK_COLUMNS)
    at = _at(ctx.first_day, 9)
    cent = decimal.Decimal("0.01")

    def add(characteristic: str, value: str, area: str, share: float, source: str) -> None:
        pk = ctx.ids(BenchmarkShare, 1).start
        amount = decimal.Decimal(share).quantize(cent)
        sink.add((pk, at, at, characteristic, value, area, amount, source))

    for area in ("", *PLACES):
        for characteristic, shares, source in BENCHMARKS:
            spread = [share * (rng.uniform(0.7, 1.3) if area else 1.0) for _, share in shares]
            total = sum(spread)
            for (value, _), share in zip(shares, spread, strict=True):
                add(characteristic, str(value), area, 100 * share / total, source)
    weights = [rng.uniform(0.5, 1.5) for _ in PLACES]
    for place, weight in zip(PLACES, weights, strict=True):
        add(Characteristic.AREA, place, "", 100 * weight / sum(weights), "ONS mid-year estimates")
    targets = ctx.writer.table(LeastHeardTarget, TARGET_COLUMNS)
    per_thousand = ctx.scale.young_people / 1000
    for offset in range(ctx.scale.years):
        year = ctx.current_year_start - offset
        start, end = year_bounds(year)
        created = _at(datetime.date(year, 3, 15), 10)
        for group, name, characteristic, value, rate in LEAST_HEARD:
            target = max(5, round(rate * per_thousand * rng.uniform(0.9, 1.1)))
            pk = ctx.ids(LeastHeardTarget, 1).start
            targets.add(
                (pk, created, created, group, name, characteristic, str(value), target, start, end)
            )


# Voice: views, responses, feedback and ratings ----------------------------------------------------

VIEW_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "kind",
    "text",
    "session_id",
    "organisation_id",
    "recorded_on",
    "group_id",
    "is_anonymous",
    "consent",
    "status",
    "responded_on",
    "fed_back_on",
    "recorded_by_id",
)
RESPONSE_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "decision_maker",
    "outcome",
    "explanation",
    "plain_language",
    "date",
    "evidence_link",
    "written_by_id",
    "awaiting_feedback",
)
FEEDBACK_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "response_id",
    "date",
    "channel",
    "given_by_id",
    "notes",
)
RATING_COLUMNS = ("response_id", "young_person_id", "value", "comment", "created_at", "updated_at")
_K = View.Kind
#: What young people say, by theme topic (and for views with no theme): (kind, text).
VIEW_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Mental health": (
        (
            _K.EXPERIENCE,
            "I waited months to see someone about my mental health and nobody checked on me.",
        ),
        (
            _K.IDEA,
            "Have a drop-in at school where you can talk to a counsellor without a referral.",
        ),
        (_K.RECOMMENDATION, "Teachers should be trained to notice when someone is struggling."),
        (
            _K.WISH_AND_FEELING,
            "I wish there was someone to talk to in the evenings, not only in the day.",
        ),
    ),
    "Staying safe": (
        (
            _K.VIEW,
            "The park by the shops does not feel safe after dark because the lights are broken.",
        ),
        (_K.RECOMMENDATION, "Put more street lights on the walk home from the youth club."),
        (_K.EXPERIENCE, "Older kids hang around the bus station and younger ones get picked on."),
        (_K.COMPLAINT, "We reported the broken lights months ago and nothing has happened."),
    ),
    "A fair life": (
        (_K.VIEW, "Bus fares take most of my money and I cannot get to college."),
        (_K.RECOMMENDATION, "Make the bus free for young people in care."),
        (_K.EXPERIENCE, "School trips cost too much so I stay behind."),
        (_K.WISH_AND_FEELING, "I wish I had the same chances as my friends."),
    ),
    "Enjoying education and leisure": (
        (_K.IDEA, "Open the sports hall at weekends so we have somewhere to go."),
        (_K.VIEW, "There is nothing to do round here for people our age."),
        (_K.RECOMMENDATION, "Let young people help choose what the youth centre spends money on."),
        (_K.COMPLAINT, "The library shuts early on Saturdays and that is when we can go."),
    ),
    "Youth justice and anti-social behaviour": (
        (_K.EXPERIENCE, "When the police stop us they never say why, and it feels unfair."),
        (_K.RECOMMENDATION, "Officers should give a card saying why you were stopped."),
        (_K.IDEA, "Have a youth worker at the station when young people are brought in."),
        (_K.VIEW, "Dispersal orders just move us on to somewhere less safe."),
    ),
    "Asylum and trafficking": (
        (_K.WISH_AND_FEELING, "I want someone who speaks my language when I first arrive."),
        (_K.EXPERIENCE, "The age assessment felt like they did not believe anything I said."),
        (_K.RECOMMENDATION, "Give new arrivals a phone with credit for the first month."),
        (_K.IDEA, "A welcome pack written by young people who came here before."),
    ),
    "Transport and getting around": (
        (_K.COMPLAINT, "The last bus leaves at seven so I cannot stay for after-school clubs."),
        (_K.IDEA, "A young person's bus pass that works on every company's buses."),
        (_K.EXPERIENCE, "Drivers sometimes do not stop for us when we are in school uniform."),
        (_K.RECOMMENDATION, "Put a bus shelter at the stop outside the college."),
    ),
    "Leaving care": (
        (_K.WISH_AND_FEELING, "I want to keep the same worker after I turn 18."),
        (_K.EXPERIENCE, "When I moved into my flat I did not know how to pay the bills."),
        (_K.RECOMMENDATION, "Teach cooking and budgeting before young people leave care."),
        (_K.VIEW, "Care leavers should not pay council tax until they are 25."),
    ),
    "Young carers": (
        (_K.EXPERIENCE, "I look after my mum and I am often late for school because of it."),
        (_K.RECOMMENDATION, "Teachers should know who the young carers are so they understand."),
        (_K.WISH_AND_FEELING, "I wish I could have a break sometimes and do things for me."),
        (_K.IDEA, "A young carers card to show at school and at the chemist."),
    ),
    "Online safety": (
        (_K.VIEW, "Adults only warn us about strangers, but it is often people we know."),
        (
            _K.EXPERIENCE,
            "Someone shared a photo of my friend and the school did not know what to do.",
        ),
        (_K.RECOMMENDATION, "Make reporting things online quick, with someone who replies."),
        (_K.IDEA, "Older pupils could teach younger ones about staying safe online."),
    ),
    "Climate and green spaces": (
        (_K.IDEA, "Plant trees on the school field and let pupils look after them."),
        (_K.COMPLAINT, "The playground by the flats is full of litter and broken glass."),
        (_K.RECOMMENDATION, "Put more recycling bins in the town centre."),
        (_K.VIEW, "Young people care about the climate and want a say in the council's plans."),
    ),
    "Cost of living": (
        (_K.EXPERIENCE, "Some days there is no food at home before school."),
        (_K.RECOMMENDATION, "A free breakfast club for every pupil who wants it."),
        (_K.WISH_AND_FEELING, "I worry about money a lot and it stops me sleeping."),
        (_K.IDEA, "A swap shop for school uniform and sports kit."),
    ),
    "Health services": (
        (_K.COMPLAINT, "The doctor talked to my dad and not to me."),
        (_K.RECOMMENDATION, "Let young people book appointments by text message."),
        (_K.EXPERIENCE, "I did not know I could see the school nurse on my own."),
        (_K.IDEA, "A health clinic for young people in the youth centre once a week."),
    ),
    "Jobs and training": (
        (_K.WISH_AND_FEELING, "I want a job but nobody will give me a chance without experience."),
        (_K.IDEA, "Work experience with the council for young people in care."),
        (_K.RECOMMENDATION, "Careers advice should start earlier, not just in year 11."),
        (_K.VIEW, "Apprenticeships are hard to find and the pay is too low to live on."),
    ),
    "": (
        (_K.VIEW, "I like coming to the group because people listen to what I say."),
        (_K.EXPERIENCE, "My review was better because I could say what I wanted first."),
        (_K.WISH_AND_FEELING, "I want to see my brother more often."),
        (_K.RECOMMENDATION, "Meetings about me should be when I am not at school."),
        (_K.COMPLAINT, "Nobody told me my social worker had changed."),
        (_K.IDEA, "Let young people write part of their own plan."),
    ),
}
_O = Response.Outcome
#: (outcome, weight, ((explanation, plain language), ...)); explanations name the decision-maker.
RESPONSE_TEXTS: tuple[tuple[str, int, tuple[tuple[str, str], ...]], ...] = (
    (
        _O.CHANGED,
        35,
        (
            (
                "The {maker} agreed the change and it is now in place; the service plan was "
                "updated to say so.",
                "You told us what needed to change. We changed it. Thank you for telling us.",
            ),
            (
                "The {maker} took this to the next planning meeting, which agreed it; it starts "
                "this term.",
                "We listened to you. The change starts this term.",
            ),
        ),
    ),
    (
        _O.PARTLY_CHANGED,
        25,
        (
            (
                "The {maker} agreed part of this; the rest needs money that is not in this "
                "year's budget and will be asked for next year.",
                "We did some of what you asked. We will ask for money to do the rest next year.",
            ),
            (
                "A smaller version is being tried in two areas first, agreed by the {maker}; if "
                "it works it will be used everywhere.",
                "We are trying your idea in two places first. If it works, we will do it "
                "everywhere.",
            ),
        ),
    ),
    (
        _O.NOT_POSSIBLE,
        20,
        (
            (
                "Not possible: the rules the {maker} must follow do not allow it, and changing "
                "them is for the government, which has been told what you said.",
                "We cannot do this. The rules do not let us. We told the people who make the "
                "rules what you said.",
            ),
            (
                "Not possible this year: there is no money for it in the budget. The {maker} "
                "has noted it so it is looked at again when next year's budget is set.",
                "We cannot do this now because there is no money for it. We will look at it "
                "again next year.",
            ),
            (
                "Not possible: the building belongs to another organisation, which said no. The "
                "{maker} asked them why and has passed on their reasons.",
                "We cannot do this. The building is not ours and the owners said no. We asked "
                "them why and will tell you.",
            ),
        ),
    ),
    (
        _O.STILL_CONSIDERING,
        20,
        (
            (
                "The {maker} is looking at the cost and will decide at the next meeting.",
                "We are still thinking about this. We will tell you what we decide.",
            ),
            (
                "This has gone to the {maker}, who meets next month to decide.",
                "The people in charge will decide next month. We will come back and tell you.",
            ),
        ),
    ),
)
DECISION_MAKERS = (
    "Head of Participation",
    "Director of Children's Services",
    "Cabinet Member for Children and Young People",
    "Youth Services Manager",
    "Headteachers' forum",
    "Transport board",
    "Head of Leaving Care",
    "Community Safety Partnership",
    "Children's health commissioner",
    "Parks and green spaces manager",
)
VIEW_KINDS_FOR_GROUPS = (
    # who gave a view at a group session: named attendees, the whole group, or anonymous
    ("named", 50),
    ("group", 30),
    ("anonymous", 20),
)
#: How a view may be used: for a whole group's or an anonymous view, and the weights of each
#: consent for named young people (allowed only by their own current consents).
GROUP_CONSENTS = (
    (View.Consent.INTERNAL, 35),
    (View.Consent.QUOTE_ANONYMOUSLY, 35),
    (View.Consent.PUBLISH, 30),
)
FEEDBACK_CHANNELS = (
    (Feedback.Channel.IN_PERSON, 45),
    (Feedback.Channel.VIA_PARTNER, 25),
    (Feedback.Channel.PORTAL, 20),
    (Feedback.Channel.LETTER, 10),
)
FEEDBACK_NOTES = {
    Feedback.Channel.IN_PERSON: "Told at the group's next session.",
    Feedback.Channel.VIA_PARTNER: "Their youth worker passed it on.",
    Feedback.Channel.PORTAL: "",
    Feedback.Channel.LETTER: "Sent with the newsletter.",
}
RATING_VALUES = (
    (Rating.Value.HELPFUL, 60),
    (Rating.Value.NOT_SURE, 25),
    (Rating.Value.NOT_HELPFUL, 15),
)
RATING_COMMENTS = (
    "Thank you for telling us.",
    "Good that something happened.",
    "I still think it should change.",
    "I did not understand the answer.",
)
#: Views older than this (the partnership's default target) are mostly answered (about 70%).
OLDER_VIEW_DAYS = 60
SESSION_LESS_VIEW_SHARE = 0.03


class _ViewPlan:
    """One view while its loop is worked out, before its row is written."""

    __slots__ = (
        "pk",
        "kind",
        "text",
        "named",
        "group",
        "anonymous",
        "consent",
        "themes",
        "status",
        "responded_on",
        "fed_back_on",
        "updated",
    )

    def __init__(
        self,
        pk: int,
        kind: str,
        text: str,
        named: tuple[int, ...],
        group: int | None,
        anonymous: bool,
        consent: str,
        themes: list[int],
        day: int,
    ) -> None:
        self.pk, self.kind, self.text, self.named = pk, kind, text, named
        self.group, self.anonymous, self.consent, self.themes = group, anonymous, consent, themes
        self.status: str = View.Status.OPEN
        self.responded_on = 0
        self.fed_back_on = 0
        self.updated = day


class _Voice:
    """Views from sessions and what was done about them, as the voice services would leave them."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.today = ctx.today.toordinal()
        writer = ctx.writer
        # Parents first: tables are loaded in the order they are first asked for.
        self.views = writer.table(View, VIEW_COLUMNS)
        self.view_themes = writer.table(View.themes.through, ("view_id", "theme_id"))
        self.view_people = writer.table(View.young_people.through, ("view_id", "youngperson_id"))
        self.responses = writer.table(Response, RESPONSE_COLUMNS)
        self.response_views = writer.table(Response.views.through, ("response_id", "view_id"))
        self.feedback = writer.table(Feedback, FEEDBACK_COLUMNS)
        self.feedback_people = writer.table(
            Feedback.young_people.through, ("feedback_id", "youngperson_id")
        )
        self.feedback_groups = writer.table(Feedback.groups.through, ("feedback_id", "group_id"))
        self.ratings = writer.table(Rating, RATING_COLUMNS)
        self.plans = {plan.id: plan for plan in ctx.groups}
        self.themes_by_year: dict[int, list[int]] = {}
        self.theme_lead: dict[int, int] = {}
        for theme, year, lead in ctx.themes:
            self.themes_by_year.setdefault(year, []).append(theme)
            self.theme_lead[theme] = lead
        self.officers = ctx.staff[Role.PARTICIPATION_OFFICER]
        partner_workers = ctx.staff[Role.PARTNER_WORKER]
        self.partner_worker = {
            organisation: partner_workers[index]
            for index, organisation in enumerate(ctx.organisations)
            if index < len(partner_workers)
        }
        self.members: dict[int, dict[int, tuple[int, int | None]]] = {}
        self.next_response = ctx.ids(Response, 0).start
        self.next_feedback = ctx.ids(Feedback, 0).start
        self.first_response, self.first_feedback = self.next_response, self.next_feedback
        self.outcomes = [(outcome, texts) for outcome, _, texts in RESPONSE_TEXTS]
        self.outcome_weights = [weight for _, weight, _ in RESPONSE_TEXTS]
        self.channels = [channel for channel, _ in FEEDBACK_CHANNELS]
        self.channel_weights = [weight for _, weight in FEEDBACK_CHANNELS]
        self.rating_values = [value for value, _ in RATING_VALUES]
        self.rating_weights = [weight for _, weight in RATING_VALUES]
        self.group_consents = [consent for consent, _ in GROUP_CONSENTS]
        self.group_consent_weights = [weight for _, weight in GROUP_CONSENTS]

    def run(self) -> None:
        ctx, rng = self.ctx, self.rng
        total = ctx.scale.extra.get("views", 0)
        sessions = len(ctx.session_date)
        if not total or not sessions:
            return
        session_less = round(total * SESSION_LESS_VIEW_SHARE)
        from_sessions = total - session_less
        # About one session in four hears views, two or three each on average.
        chosen = sorted(
            rng.sample(range(sessions), min(sessions, max(1, round(from_sessions / 2.5))))
        )
        per_session = [1] * len(chosen)
        for _ in range(from_sessions - len(chosen)):
            per_session[rng.randrange(len(chosen))] += 1
        view_ids = iter(ctx.ids(View, total))
        start, attended = ctx.attended_start, ctx.attended
        for index, count in zip(chosen, per_session, strict=True):
            group = ctx.session_group[index]
            there = attended[start[index] : start[index + 1]]
            if group:
                plan = self.plans[group]
                organisation, pool = plan.host, plan.themes
            else:
                person = there[0]
                organisation = ctx.young_person_organisation[person - ctx.first_young_person_id]
                pool = []
            self.session(
                view_ids,
                session=ctx.first_session_id + index,
                day=ctx.session_date[index],
                group=group,
                organisation=organisation,
                there=list(there),
                count=count,
                recorded_by=ctx.session_logged_by[index],
                pool=pool,
            )
        # A few views come from outside any session (a survey, a letter): one young person each.
        first, last = ctx.first_day.toordinal(), self.today
        for _ in range(session_less):
            index = rng.randrange(len(ctx.young_people))
            person = ctx.young_people[index]
            while person in ctx.inactive:
                index = rng.randrange(len(ctx.young_people))
                person = ctx.young_people[index]
            self.session(
                view_ids,
                session=None,
                day=rng.randint(first, last),
                group=0,
                organisation=ctx.young_person_organisation[index],
                there=[person],
                count=1,
                recorded_by=rng.choice(self.officers),
                pool=[],
            )
        ctx.ids(Response, self.next_response - self.first_response)
        ctx.ids(Feedback, self.next_feedback - self.first_feedback)

    def session(
        self,
        view_ids: Iterator[int],
        *,
        session: int | None,
        day: int,
        group: int,
        organisation: int,
        there: list[int],
        count: int,
        recorded_by: int,
        pool: list[int],
    ) -> None:
        """The views given at one session (or outside any), their responses and their rows."""
        rng, ctx = self.rng, self.ctx
        year_themes = self.themes_by_year.get(_year_start(day), []) if not group else []
        views = []
        for _ in range(count):
            if group:
                themes = [theme for theme in pool if rng.random() < 0.6]
            else:
                themes = [rng.choice(year_themes)] if year_themes and rng.random() < 0.5 else []
            kind, text = rng.choice(
                VIEW_TEXTS.get(ctx.theme_titles[themes[0]] if themes else "") or VIEW_TEXTS[""]
            )
            named: tuple[int, ...] = ()
            giver_group: int | None = None
            anonymous = False
            if not group:
                named = (there[0],)
            else:
                draw = rng.random()
                if draw < 0.5 and there:
                    wanted = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
                    named = tuple(sorted(rng.sample(there, min(wanted, len(there)))))
                elif draw < 0.8:
                    giver_group = group
                else:
                    anonymous = True
                    giver_group = group if rng.random() < 0.5 else None
            consent = (
                self.consent(named, day)
                if named
                else rng.choices(self.group_consents, self.group_consent_weights)[0]
            )
            views.append(
                _ViewPlan(
                    next(view_ids), kind, text, named, giver_group, anonymous, consent, themes, day
                )
            )
        age = self.today - day
        share = 0.7 if age > OLDER_VIEW_DAYS else (0.3 if age > 14 else 0.05)
        waiting = [view for view in views if rng.random() < share]
        while waiting:
            draw = rng.random()
            size = 1 if draw < 0.6 else (2 if draw < 0.9 else 3)
            self.respond(waiting[:size], day, group, organisation)
            waiting = waiting[size:]
        created = _at_ordinal(day, 18)
        recorded_on = _day(day)
        for view in views:
            self.views.add(
                (
                    view.pk,
                    created,
                    created if view.status == View.Status.OPEN else _at_ordinal(view.updated, 22),
                    view.kind,
                    view.text,
                    session,
                    organisation,
                    recorded_on,
                    view.group,
                    view.anonymous,
                    view.consent,
                    view.status,
                    _day(view.responded_on) if view.responded_on else None,
                    _day(view.fed_back_on) if view.fed_back_on else None,
                    recorded_by,
                )
            )
            for theme in view.themes:
                self.view_themes.add((view.pk, theme))
            for person in view.named:
                self.view_people.add((view.pk, person))

    def consent(self, named: tuple[int, ...], day: int) -> str:
        """How a named view may be used: only as its givers' current consents allow on the day,
        and never quoted once any of them withdrew quotes or publishing (``_stop_quoting``)."""
        ctx = self.ctx
        if any(person in ctx.stopped_quoting for person in named):
            return View.Consent.INTERNAL
        first = ctx.first_young_person_id
        draw = self.rng.random()
        if draw < 0.25 and all(0 < ctx.publishing_given[p - first] <= day for p in named):
            return View.Consent.PUBLISH
        if draw < 0.6 and all(0 < ctx.quotes_given[p - first] <= day for p in named):
            return View.Consent.QUOTE_ANONYMOUSLY if draw < 0.45 else View.Consent.QUOTE_FIRST_NAME
        return View.Consent.INTERNAL

    def respond(self, views: list[_ViewPlan], day: int, group: int, organisation: int) -> None:
        """``response_record``: open views, answered on or after the day they were given."""
        rng = self.rng
        pk = self.next_response
        self.next_response += 1
        date = rng.randint(min(day + 3, self.today), min(day + 120, self.today))
        outcome, texts = rng.choices(self.outcomes, self.outcome_weights)[0]
        explanation, plain = rng.choice(texts)
        maker = rng.choice(DECISION_MAKERS)
        themes = views[0].themes
        written_by = (
            self.theme_lead[themes[0]]
            if themes and rng.random() < 0.6
            else rng.choice(self.officers)
        )
        link = f"https://{EMAIL_DOMAIN}/evidence/{pk}" if rng.random() < 0.2 else ""
        at = _at_ordinal(date, 19)
        fed_back = rng.random() < (0.85 if self.today - date > 14 else 0.35)
        self.responses.add(
            (
                pk,
                at,
                at,
                maker,
                outcome,
                explanation.format(maker=maker),
                plain,
                _day(date),
                link,
                written_by,
                not fed_back,  # awaiting_feedback: its views stay responded
            )
        )
        for view in views:
            self.response_views.add((pk, view.pk))
            view.status = View.Status.RESPONDED
            view.responded_on = view.updated = date
        if fed_back:
            self.feed_back(pk, date, views, group, organisation, written_by)

    def feed_back(
        self,
        response: int,
        date: int,
        views: list[_ViewPlan],
        group: int,
        organisation: int,
        written_by: int,
    ) -> None:
        """``feedback_record``: to those who gave the views (named young people, the group the
        views came from), on or after the response; its views move to fed back."""
        rng = self.rng
        named = sorted({person for view in views for person in view.named})
        groups = sorted(
            {view.group for view in views if view.group} | ({group} if group else set())
        )
        to_groups = groups if groups and (not named or rng.random() < 0.7) else []
        to_people = named if named and (not to_groups or rng.random() < 0.6) else []
        day = date + rng.randint(0, min(45, self.today - date))
        self.deliver(response, day, to_people, to_groups, organisation, written_by)
        for view in views:
            view.status = View.Status.FED_BACK
            view.fed_back_on = view.updated = day
        if rng.random() < 0.08:
            again = day + rng.randint(0, min(30, self.today - day))
            self.deliver(response, again, to_people, to_groups, organisation, written_by)
        if rng.random() < 0.35:
            self.rate(response, day, views)

    def deliver(
        self,
        response: int,
        day: int,
        people: list[int],
        groups: list[int],
        organisation: int,
        written_by: int,
    ) -> None:
        rng = self.rng
        pk = self.next_feedback
        self.next_feedback += 1
        channel = rng.choices(self.channels, self.channel_weights)[0]
        given_by = (
            self.partner_worker.get(organisation, written_by)
            if channel == Feedback.Channel.VIA_PARTNER
            else written_by
        )
        at = _at_ordinal(day, 20)
        self.feedback.add(
            (pk, at, at, response, _day(day), channel, given_by, FEEDBACK_NOTES[channel])
        )
        for person in people:
            self.feedback_people.add((pk, person))
        for group in groups:
            self.feedback_groups.add((pk, group))

    def memberships(self, group: int) -> dict[int, tuple[int, int | None]]:
        found = self.members.get(group)
        if found is None:
            found = self.members[group] = {
                person: (joined, left) for person, joined, left in self.plans[group].members
            }
        return found

    def rate(self, response: int, fed_back: int, views: list[_ViewPlan]) -> None:
        """``rating_give`` by young people whose views these are: named in one, or a current
        member of a group that gave one. Their views move from fed back to rated."""
        rng = self.rng
        day = fed_back + rng.randint(0, min(30, self.today - fed_back))
        groups = {view.group: self.memberships(view.group) for view in views if view.group}
        candidates = {person for view in views for person in view.named}
        for members in groups.values():
            candidates.update(
                person
                for person, (joined, left) in members.items()
                if left is None and joined <= day
            )

        def settled(person: int) -> bool:
            """A member of the views' groups (if at all) on the day and still: what counted
            then is what counts now."""
            for members in groups.values():
                membership = members.get(person)
                if membership is not None and (membership[1] is not None or membership[0] > day):
                    return False
            return True

        raters = sorted(person for person in candidates if settled(person))
        if not raters:
            return
        at = _at_ordinal(day, 21)
        for person in rng.sample(raters, min(len(raters), rng.randint(1, 3))):
            value = rng.choices(self.rating_values, self.rating_weights)[0]
            comment = rng.choice(RATING_COMMENTS) if rng.random() < 0.2 else ""
            self.ratings.add((response, person, value, comment, at, at))
            for view in views:
                theirs = person in view.named or (
                    view.group is not None and person in groups[view.group]
                )
                if theirs and view.status == View.Status.FED_BACK:
                    view.status = View.Status.RATED
                    view.updated = day


def voice(ctx: Context) -> None:
    _Voice(ctx).run()


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
    Step(
        "background checks and training",
        background_checks_and_training,
        (BackgroundCheck, TrainingRecord),
    ),
    Step("safeguarding concerns", concerns, (Concern,)),
    Step("consents and equality records", consents, (Consent, EqualityRecord)),
    Step("anonymisations", anonymisations, (Anonymisation,)),
    Step("benchmarks and targets", benchmarks_and_targets, (BenchmarkShare, LeastHeardTarget)),
    Step(
        "views, responses, feedback and ratings",
        voice,
        (
            View,
            View.themes.through,
            View.young_people.through,
            Response,
            Response.views.through,
            Feedback,
            Feedback.young_people.through,
            Feedback.groups.through,
            Rating,
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
    """Empty every table the generator writes, with the audit log, API tokens and sign-ins, and
    what hangs off generated rows: two-factor devices, portal sign-in codes, possible-duplicate
    links and evidence records.

    Methods and standards are kept: they are reference rows seeded by a migration.
    """
    from django.contrib.sessions.models import Session as SignIn
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rest_framework.authtoken.models import Token

    from heard.core.models import AuditEntry, SignInEvent
    from heard.portal.models import SignInCode
    from heard.safeguarding.models import ConcernChange

    dependants: list[type[models.Model]] = [
        AuditEntry,
        ConcernChange,
        Token,
        SignIn,
        SignInEvent,
        TOTPDevice,
        StaticToken,
        StaticDevice,
        SignInCode,
        YoungPerson.possible_duplicate_of.through,
        Evidence,
        YearlyParticipation,
        YearlyParticipant,
        ViewResponsibility,
    ]
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
    #: What ``replace`` emptied first: rows by model label (only the non-empty tables).
    deleted: dict[str, int] = field(default_factory=dict)


def generate(
    *,
    scale: str | Scale,
    seed: int = 1,
    today: datetime.date,
    progress: Callable[[str], None] = lambda message: None,
    replace: bool = False,
) -> Result:
    """Generate and load a whole partnership into empty tables, in one transaction.

    ``replace`` empties the tables first (``wipe``) in that same transaction: a load that fails
    or is killed leaves the database as it was, never emptied and half loaded."""
    chosen = scale if isinstance(scale, Scale) else SCALES[scale]
    use_copy = connection.vendor == "postgresql"
    writer = Writer(use_copy=use_copy)
    ctx = Context(scale=chosen, seed=seed, today=today, writer=writer, rng=random.Random(seed))
    seconds: dict[str, float] = {}
    deleted: dict[str, int] = {}
    with transaction.atomic():
        if replace:
            started = time.perf_counter()
            deleted = wipe()
            seconds["wipe"] = round(time.perf_counter() - started, 2)
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
        started = time.perf_counter()
        rows = summaries.rebuild()
        seconds["summaries"] = round(time.perf_counter() - started, 2)
        progress(
            f"summarised {rows:,} yearly participation rows and each group's latest session "
            f"in {seconds['summaries']:.1f} s"
        )
        started = time.perf_counter()
        rows = responsibility.rebuild()
        seconds["responsibilities"] = round(time.perf_counter() - started, 2)
        progress(
            f"derived {rows:,} rows of who answers for which view "
            f"in {seconds['responsibilities']:.1f} s"
        )
        if use_copy:
            _after_copy(ctx, chosen, seed, today)
        started = time.perf_counter()
    seconds["commit"] = round(time.perf_counter() - started, 2)
    progress(f"committed in {seconds['commit']:.1f} s")
    if use_copy:
        started = time.perf_counter()
        # VACUUM as well where it can run (not inside a caller's transaction): it sets the
        # visibility map, without which counts over an index read the heap too (at national
        # scale a count of this quarter's sessions took 70 ms before and 5 ms after).
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        analysed: list[type[models.Model]] = [
            *generated_models(),
            YearlyParticipation,
            YearlyParticipant,
            ViewResponsibility,
        ]
        with connection.cursor() as cursor:
            for model in analysed:
                cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")
        seconds["analyze"] = round(time.perf_counter() - started, 2)
        progress(f"analyzed in {seconds['analyze']:.1f} s")
    return Result(
        scale=chosen.name,
        seed=seed,
        today=today,
        counts=writer.counts(),
        seconds=seconds,
        deleted=deleted,
    )


def _after_copy(ctx: Context, scale: Scale, seed: int, today: datetime.date) -> None:
    """Move the id sequences past the ids COPY wrote, and mark the database as generated."""
    from django.core.management.color import no_style
    from psycopg import sql

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), generated_models()):
            cursor.execute(statement)
        text = (
            f"{MARKER_PREFIX} scale={scale.name} seed={seed} today={today.isoformat()} "
            f"version={VERSION}"
        )
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
