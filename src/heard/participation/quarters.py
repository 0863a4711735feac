"""Who took part actively in each quarter (``QuarterlyParticipation``): a summary of the active
sessions' attendances, kept by ``participation.summaries`` beside the yearly one (ADR 0005), in
the same transaction and for the same young people and partnership years, so that an
indicator's quarter reads a few thousand summary rows instead of its sessions' attendances.

Written, as the yearly summary is, by one grouped ``INSERT ... SELECT`` over the attendances,
so it is by construction what grouping them gives; :func:`differences` proves it on a live
database (``heard summaries --check``).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, DateField, F, QuerySet, Value
from django.db.models.functions import Coalesce, TruncQuarter

from heard.core.disclosure import quarter_of
from heard.core.sql import insert_select
from heard.participation.models import (
    ACTIVE_DEGREES,
    Attendance,
    QuarterlyParticipation,
    Session,
)

COLUMNS = (
    ("quarter", "s_quarter"),
    ("young_person_id", "s_young_person"),
    ("group_id", "s_group"),
    ("organisation_id", "s_organisation"),
    ("group_kind", "s_group_kind"),
    ("active_sessions", "s_active"),
)


def grouped(attendances: QuerySet[Attendance]) -> QuerySet[Any, Any]:
    """The summary rows ``attendances`` make: attended ones at an active degree, per quarter,
    young person, group (none for individual sessions, with a blank kind) and organisation."""
    return (
        attendances.filter(status=Attendance.Status.ATTENDED, session__degree__in=ACTIVE_DEGREES)
        .annotate(
            s_quarter=TruncQuarter("session__date", output_field=DateField()),
            s_young_person=F("young_person_id"),
            s_group=F("session__group_id"),
            s_organisation=F("session__organisation_id"),
            s_group_kind=Coalesce("session__group__kind", Value("")),
        )
        .values("s_quarter", "s_young_person", "s_group", "s_organisation", "s_group_kind")
        .annotate(s_active=Count("pk"))
        .order_by()
    )


def insert(attendances: QuerySet[Attendance]) -> None:
    insert_select(QuarterlyParticipation, COLUMNS, grouped(attendances))


def refresh(young_people: list[int], start: datetime.date, end: datetime.date) -> None:
    """Remake these young people's rows of the quarters from ``start`` to ``end`` (a partnership
    year, which holds whole quarters). Called by ``summaries.refresh`` with the same young
    people and years, their rows already locked."""
    QuarterlyParticipation.objects.filter(
        quarter__range=(start, end), young_person_id__in=young_people
    ).delete()
    insert(
        Attendance.objects.filter(
            young_person_id__in=young_people, session__date__range=(start, end)
        )
    )


def refresh_group_kind(group_id: int, kind: str) -> None:
    """The group's rows carry its new kind: call it in the transaction that changed it."""
    QuarterlyParticipation.objects.filter(group_id=group_id).update(group_kind=kind)


def rebuild() -> None:
    QuarterlyParticipation.objects.all().delete()
    insert(Attendance.objects.all())


def differences() -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """The rows the attendances give that are not kept, and those kept that they do not give."""
    expected = {
        tuple(row[alias] for _, alias in COLUMNS)
        for row in grouped(Attendance.objects.all()).iterator(chunk_size=5000)
    }
    kept = set(
        QuarterlyParticipation.objects.values_list(*(column for column, _ in COLUMNS)).iterator(
            chunk_size=5000
        )
    )
    return expected - kept, kept - expected


def covers(start: datetime.date, end: datetime.date) -> bool:
    """Whether the summary answers for the period: it starts on a quarter's first day and ends
    on a quarter's last, or no session is logged after its end in that quarter (sessions are
    not dated ahead: "this quarter to today")."""
    if quarter_of(start)[0] != start or end < start:
        return False
    last = quarter_of(end)[1]
    return end == last or not Session.objects.filter(date__gt=end, date__lte=last).exists()


def active_in(
    start: datetime.date,
    end: datetime.date,
    *,
    group_kind: str = "",
    organisation: int | None = None,
) -> QuerySet[QuarterlyParticipation]:
    """The summary rows of the quarters from ``start`` to ``end`` (see :func:`covers`), of
    groups of one kind and sessions of one organisation if given."""
    rows = QuarterlyParticipation.objects.filter(quarter__range=(start, end))
    if group_kind:
        rows = rows.filter(group_kind=group_kind)
    if organisation is not None:
        rows = rows.filter(organisation_id=organisation)
    return rows
