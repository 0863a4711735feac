"""Running the steps: ``generate`` loads a whole partnership in one transaction; ``wipe``
empties what it writes; ``marker`` reads what it left in a PostgreSQL database."""

from __future__ import annotations

import contextlib
import datetime
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.db.models import Max

from heard.demo.generator import (
    audits,
    benchmarks,
    groups,
    involvement,
    participation,
    people,
    plans,
    privacy,
    safeguarding,
    voice,
)
from heard.demo.generator.context import MARKER_PREFIX, SCALES, VERSION, Context, Scale, Step
from heard.demo.generator.sinks import Writer
from heard.groups.models import Group
from heard.participation import quarters, summaries
from heard.participation.models import (
    Attendance,
    QuarterlyParticipation,
    Session,
    YearlyParticipant,
    YearlyParticipation,
)
from heard.people.models import YoungPerson
from heard.voice import responsibility
from heard.voice.models import Evidence, ViewResponsibility

#: What ``generate`` runs, in order: each app's tables after those they refer to.
STEPS: list[Step] = [
    *people.STEPS,
    *groups.STEPS,
    *participation.STEPS,
    *safeguarding.STEPS,
    *privacy.STEPS,
    *benchmarks.STEPS,
    *voice.STEPS,
    *plans.STEPS,
    *audits.STEPS,
    *involvement.STEPS,
]


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
        QuarterlyParticipation,
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


class _Clock:
    """How long each part of a load took, in seconds (to the hundredth)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.started: dict[str, float] = {}

    def start(self, name: str) -> None:
        self.started[name] = time.perf_counter()

    def stop(self, name: str) -> float:
        self.seconds[name] = round(time.perf_counter() - self.started.pop(name), 2)
        return self.seconds[name]

    @contextlib.contextmanager
    def timing(self, name: str) -> Iterator[None]:
        self.start(name)
        yield
        self.stop(name)


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
    writer = Writer(use_copy=connection.vendor == "postgresql")
    ctx = Context(scale=chosen, seed=seed, today=today, writer=writer, rng=random.Random(seed))
    clock = _Clock()
    deleted: dict[str, int] = {}
    with transaction.atomic():
        if replace:
            with clock.timing("wipe"):
                deleted = wipe()
        _load(ctx, clock, progress)
        clock.start("commit")
    progress(f"committed in {clock.stop('commit'):.1f} s")
    if writer.use_copy:
        with clock.timing("analyze"):
            _analyze()
        progress(f"analyzed in {clock.seconds['analyze']:.1f} s")
    return Result(
        scale=chosen.name,
        seed=seed,
        today=today,
        counts=writer.counts(),
        seconds=clock.seconds,
        deleted=deleted,
    )


def _load(ctx: Context, clock: _Clock, progress: Callable[[str], None]) -> None:
    """Run every step, load the rows and derive the read models from them."""
    if ctx.writer.use_copy:
        # Parents are loaded before children, so check each foreign key as rows arrive
        # rather than queueing millions of deferred checks for the commit.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for step in STEPS:
        with clock.timing(step.name):
            step.run(ctx)
        progress(f"generated {step.name} in {clock.seconds[step.name]:.1f} s")
    with clock.timing("load"):
        ctx.writer.finish(progress)
    with clock.timing("summaries"):
        rows = _summaries()
    progress(
        f"summarised {rows:,} yearly participation rows and each group's latest session "
        f"in {clock.seconds['summaries']:.1f} s"
    )
    with clock.timing("responsibilities"):
        rows = responsibility.rebuild()
    progress(
        f"derived {rows:,} rows of who answers for which view "
        f"in {clock.seconds['responsibilities']:.1f} s"
    )
    if ctx.writer.use_copy:
        _after_copy(ctx, ctx.scale, ctx.seed, ctx.today)


def _summaries() -> int:
    """What ``summaries.rebuild`` makes from the loaded log (the tables are empty): the yearly
    participation summary and its participants by its own inserts, and each group's latest
    counted session (``summaries.counted_contact``) from two grouped queries over the sessions.
    ``rebuild`` sets the latter with one correlated subquery per group, which walks the
    sessions' date index back to the group's latest: at national scale (15,000 groups, a
    million sessions) that ran for over 15 minutes. ``summaries.differences`` checks the result
    (tests/demo/test_generator.py)."""
    summaries._insert(Attendance.objects.all())
    summaries._insert_participants(YearlyParticipation.objects.all())
    quarters.insert(Attendance.objects.all())
    latest: dict[int, datetime.date] = {}
    for path in ("group", "other_groups"):
        sessions = Session.objects.filter(
            summaries.counted_contact(path), **{f"{path}__isnull": False}
        )
        for group, day in sessions.values_list(path).annotate(last=Max("date")).order_by():
            if group not in latest or day > latest[group]:
                latest[group] = day
    groups = [Group(pk=pk, last_session_on=day) for pk, day in latest.items()]
    Group.objects.bulk_update(groups, ["last_session_on"], batch_size=2000)
    return YearlyParticipation.objects.count()


def _analyze() -> None:
    """Fresh planner statistics for every table written.

    VACUUM as well where it can run (not inside a caller's transaction): it sets the visibility
    map, without which counts over an index read the heap too (at national scale a count of this
    quarter's sessions took 70 ms before and 5 ms after)."""
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    analysed: list[type[models.Model]] = [
        *generated_models(),
        YearlyParticipation,
        YearlyParticipant,
        QuarterlyParticipation,
        ViewResponsibility,
    ]
    with connection.cursor() as cursor:
        for model in analysed:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


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
