"""What the participation log's readers need summarised, kept in step with the log: who took part
in each partnership year (``YearlyParticipation``), each active participant of a year once
(``YearlyParticipant``, derived from the former), who took part actively in each quarter
(``QuarterlyParticipation``, ``participation.quarters``) and each group's latest session
(``Group.last_session_on``).

Every service that changes what a young person attended calls :func:`refresh` for the young people
and dates it touched, in its own transaction; the generator and ``heard summaries --rebuild``
call :func:`rebuild`. Both write through one grouped ``INSERT ... SELECT`` over the attendances,
so the summary is by construction what grouping the attendances gives; ``heard summaries
--check`` (:func:`differences`) proves it on a live database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from heard.core.sql import insert_select
from heard.core.years import partnership_year, year_bounds, year_of
from heard.groups.models import Group
from heard.participation import quarters
from heard.participation.models import (
    ACTIVE_DEGREES,
    Attendance,
    Session,
    YearlyParticipant,
    YearlyParticipation,
)
from heard.people.models import YoungPerson

#: Young people refreshed per statement. Each statement joins the year's sessions once (a hash of
#: 245,000 at national scale), so fewer, larger statements: an import of 10,000 sessions (3,000
#: young people over two years) runs 8 of each kind, not 20. Well under SQLite's 32,766 query
#: parameters.
CHUNK = 2000

COLUMNS = (
    ("year", "s_year"),
    ("young_person_id", "s_young_person"),
    ("group_id", "s_group"),
    ("organisation_id", "s_organisation"),
    ("sessions_attended", "s_attended"),
    ("active_sessions", "s_active"),
    ("first_attended_on", "s_first_attended"),
    ("first_active_on", "s_first_active"),
)


def grouped(attendances: QuerySet[Attendance]) -> QuerySet[Any, Any]:
    """The summary rows that ``attendances`` make: attended ones, per partnership year, young
    person, group (none for individual sessions) and organisation."""
    date = "session__date"
    return (
        attendances.filter(status=Attendance.Status.ATTENDED)
        .annotate(
            s_year=year_of(date),
            s_young_person=F("young_person_id"),
            s_group=F("session__group_id"),
            s_organisation=F("session__organisation_id"),
        )
        .values("s_year", "s_young_person", "s_group", "s_organisation")
        .annotate(
            s_attended=Count("pk"),
            s_active=Count("pk", filter=Q(session__degree__in=ACTIVE_DEGREES)),
            s_first_attended=Min(date),
            s_first_active=Min(date, filter=Q(session__degree__in=ACTIVE_DEGREES)),
        )
        .order_by()
    )


def _insert(attendances: QuerySet[Attendance]) -> None:
    insert_select(YearlyParticipation, COLUMNS, grouped(attendances))


def any_in_a_buddy_group() -> Max:
    """Over grouped summary rows: 1 when any row is in a group that is a Buddy Group now, else 0.

    A hashed subquery of the Buddy Groups, not a join per row (0.12 s against 0.3 s over the
    190,000 rows of a year at national scale)."""
    buddy_groups = Group.objects.filter(kind=Group.Kind.BUDDY_GROUP).values("pk")
    return Max(
        Case(
            When(group_id__in=buddy_groups, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def participants(rows: QuerySet[YearlyParticipation]) -> QuerySet[Any, Any]:
    """The ``YearlyParticipant`` rows that these summary rows make: per year and young person
    with an active session, whether any was in a group that is a Buddy Group now."""
    return (
        rows.filter(active_sessions__gt=0)
        .values("year", "young_person_id")
        .annotate(s_buddy=any_in_a_buddy_group())
        .order_by()
    )


def participant_rows(rows: QuerySet[YearlyParticipation]) -> QuerySet[Any, Any]:
    """``participants`` with each one's first active session of the year (``s_first_active``)
    and first in a group that is a Buddy Group now (``s_first_buddy``): what ``YearlyParticipant``
    keeps."""
    buddy_groups = Group.objects.filter(kind=Group.Kind.BUDDY_GROUP).values("pk")
    return participants(rows).annotate(
        s_first_active=Min("first_active_on"),
        s_first_buddy=Min(
            Case(
                When(group_id__in=buddy_groups, then=F("first_active_on")),
                output_field=DateField(),
            )
        ),
    )


#: ``YearlyParticipant``'s columns and the aliases of ``participant_rows`` that fill them.
PARTICIPANT_COLUMNS = (
    ("year", "year"),
    ("young_person_id", "young_person_id"),
    ("via_buddy_group", "s_buddy"),
    ("first_active_on", "s_first_active"),
    ("first_buddy_active_on", "s_first_buddy"),
)


def _insert_participants(rows: QuerySet[YearlyParticipation]) -> None:
    insert_select(
        YearlyParticipant,
        PARTICIPANT_COLUMNS,
        participant_rows(rows),
        true_when_positive=("s_buddy",),
    )


def lock_young_people(young_people: list[int]) -> None:
    """One transaction at a time per young person: two sessions logged at once for the same
    people would each delete the rows the other had not committed yet and both insert (a
    duplicate row; the benchmark's mixed workload found it). Locked in id order, so two
    refreshes cannot deadlock; NO KEY UPDATE, so attendances being inserted beside (which
    take KEY SHARE on their young person) do not block it. The statements that follow then
    start after the other transaction committed, and see its rows."""
    for index in range(0, len(young_people), CHUNK):
        chunk = young_people[index : index + CHUNK]
        list(
            YoungPerson.objects.select_for_update(no_key=True)
            .filter(pk__in=chunk)
            .order_by("pk")
            .values_list("pk", flat=True)
        )


def refresh_participants(year: int, young_people: list[int]) -> None:
    YearlyParticipant.objects.filter(year=year, young_person_id__in=young_people).delete()
    _insert_participants(
        YearlyParticipation.objects.filter(year=year, young_person_id__in=young_people)
    )


@transaction.atomic
def refresh(
    *,
    young_people: Iterable[int],
    days: Iterable[datetime.date | None],
    groups: Iterable[int | None] = (),
) -> None:
    """Remake the summary of these young people in the partnership years holding these days.

    Call it inside the transaction that changed their attendances, with every young person whose
    attendance changed (before and after), every date the sessions had (before and after) and
    their groups (before and after): the groups are locked first, so a change of a group's kind
    (which locks the group, then rewrites its rows) runs wholly before or after this refresh,
    never between its read of the kind and its commit.
    """
    people = sorted(set(young_people))
    years = sorted({partnership_year(day) for day in days if day is not None})
    if not years:
        return
    lock_groups(groups)
    lock_young_people(people)
    for year in years:
        start, end = year_bounds(year)
        for index in range(0, len(people), CHUNK):
            chunk = people[index : index + CHUNK]
            YearlyParticipation.objects.filter(year=year, young_person_id__in=chunk).delete()
            _insert(
                Attendance.objects.filter(
                    young_person_id__in=chunk, session__date__range=(start, end)
                )
            )
            refresh_participants(year, chunk)
            quarters.refresh(chunk, start, end)


@transaction.atomic
def refresh_group_kind(group_id: int) -> None:
    """Remake the participants of every year for the young people who took part in this group,
    and give its quarterly rows its kind: call it in the transaction that changed the group's
    kind (to or from Buddy Group)."""
    rows = YearlyParticipation.objects.filter(group_id=group_id)
    people = sorted(set(rows.values_list("young_person_id", flat=True)))
    lock_young_people(people)
    quarters.refresh_group_kind(
        group_id, Group.objects.values_list("kind", flat=True).get(pk=group_id)
    )
    for year in sorted(set(rows.values_list("year", flat=True))):
        for index in range(0, len(people), CHUNK):
            refresh_participants(year, people[index : index + CHUNK])


def counted_contact(path: str = "group") -> Q:
    """Sessions that move the next visit due of their group (``path``: ``group``, or
    ``other_groups`` for the other groups of a session with several): of a kind its cadence
    counts (set per group kind, ``Group.contact_kinds``) with staff present (issue 18)."""
    by_kinds: dict[tuple[str, ...], list[str]] = {}
    for group_kind in Group.Kind.values:
        by_kinds.setdefault(Group.contact_kinds(group_kind), []).append(group_kind)
    kinds = Q()
    for session_kinds, group_kinds in by_kinds.items():
        kinds |= Q(kind__in=session_kinds, **{f"{path}__kind__in": group_kinds})
    staffed = Session.staff_present.through.objects.filter(session_id=OuterRef("pk"))
    return kinds & Q(Exists(staffed))


def _latest_session() -> Greatest:
    """The latest counted contact of the outer group: as its group or one of several.

    The later of two aggregates, each over the group's own few sessions (by its index on the
    group, and on the other groups' link). Not one ``ORDER BY date DESC LIMIT 1`` over the two
    sets: PostgreSQL walks the whole log backwards by date for that, testing each session against
    both (93 ms a group at national scale, 66 s for the 1,000 groups of an import; 0.1 ms so).
    Each side falls back on the other, since SQLite's ``MAX(a, b)`` is NULL when either is."""
    own = Session.objects.filter(counted_contact(), group=OuterRef("pk"))
    joint = Session.objects.filter(counted_contact("other_groups"), other_groups=OuterRef("pk"))
    # MAX as a plain function, not Django's aggregate: one row over the matching sessions, no
    # GROUP BY on the outer reference.
    latest = [
        Subquery(
            sessions.order_by()
            .annotate(on=Func(F("date"), function="MAX", output_field=DateField()))
            .values("on")[:1]
        )
        for sessions in (own, joint)
    ]
    return Greatest(Coalesce(*latest), Coalesce(*reversed(latest)), output_field=DateField())


def refresh_last_sessions(group_ids: Iterable[int | None]) -> None:
    """Set these groups' ``last_session_on`` from their sessions: call it in the transaction that
    logged, moved or re-dated a session, with the groups it had before and after."""
    ids = lock_groups(group_ids)
    if ids:
        # Locked first (as in ``refresh``), so the update's subquery starts after a concurrent
        # log of the same group committed, and sees its session.
        Group.objects.filter(pk__in=ids).update(last_session_on=_latest_session())


def lock_groups(group_ids: Iterable[int | None]) -> set[int]:
    """Lock these groups' rows (in order, against deadlocks) for the rest of the transaction."""
    ids = {pk for pk in group_ids if pk is not None}
    if ids:
        list(
            Group.objects.select_for_update(no_key=True)
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    return ids


@transaction.atomic
def rebuild() -> int:
    """Remake the whole summary and every group's latest session from the log; returns the
    number of summary rows."""
    YearlyParticipation.objects.all().delete()
    YearlyParticipant.objects.all().delete()
    _insert(Attendance.objects.all())
    _insert_participants(YearlyParticipation.objects.all())
    quarters.rebuild()
    Group.objects.update(last_session_on=_latest_session())
    return YearlyParticipation.objects.count()


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[alias] for _, alias in COLUMNS)


def differences(limit: int = 20) -> tuple[int, list[str]]:
    """How many summary rows and groups' latest sessions differ from what the log gives, with a
    few of them."""
    expected = {_key(row) for row in grouped(Attendance.objects.all()).iterator(chunk_size=5000)}
    kept = {
        tuple(row)
        for row in YearlyParticipation.objects.values_list(
            *(column for column, _ in COLUMNS)
        ).iterator(chunk_size=5000)
    }
    missing, extra = expected - kept, kept - expected
    shown = [f"missing {row}" for row in sorted(missing)[:limit]]
    shown += [f"not in the log {row}" for row in sorted(extra)[: max(limit - len(shown), 0)]]
    expected_participants = {
        (
            row["year"],
            row["young_person_id"],
            bool(row["s_buddy"]),
            row["s_first_active"],
            row["s_first_buddy"],
        )
        for row in participant_rows(YearlyParticipation.objects.all()).iterator(chunk_size=5000)
    }
    kept_participants = set(
        YearlyParticipant.objects.values_list(
            *(column for column, _ in PARTICIPANT_COLUMNS)
        ).iterator(chunk_size=5000)
    )
    missing_participants = expected_participants - kept_participants
    extra_participants = kept_participants - expected_participants
    shown += [
        f"participant missing {row}"
        for row in sorted(missing_participants)[: max(limit - len(shown), 0)]
    ]
    shown += [
        f"participant not in the summary {row}"
        for row in sorted(extra_participants)[: max(limit - len(shown), 0)]
    ]
    missing_quarters, extra_quarters = quarters.differences()
    shown += [
        f"quarter missing {row}" for row in sorted(missing_quarters)[: max(limit - len(shown), 0)]
    ]
    shown += [
        f"quarter not in the log {row}"
        for row in sorted(extra_quarters)[: max(limit - len(shown), 0)]
    ]
    wrong_groups = list(
        Group.objects.annotate(latest=_latest_session())
        .exclude(last_session_on__isnull=True, latest__isnull=True)
        .exclude(last_session_on=F("latest"))
        .values_list("pk", "last_session_on", "latest")
    )
    shown += [
        f"group {pk}: last session kept as {kept_on}, logged {latest}"
        for pk, kept_on, latest in wrong_groups[: max(limit - len(shown), 0)]
    ]
    wrong = len(missing) + len(extra) + len(missing_participants) + len(extra_participants)
    wrong += len(missing_quarters) + len(extra_quarters)
    return wrong + len(wrong_groups), shown
