"""Who took part in a period, counted by every characteristic at once: the tallies behind
reach and the home page's protected figures (``selectors.reach``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connections
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When

from heard.core import disclosure, years
from heard.participation.models import ACTIVE_DEGREES, Attendance, Session, YearlyParticipation
from heard.people.models import YoungPerson
from heard.privacy.models import Characteristic


def flagged(rows: QuerySet[Any, Any], active: Q) -> QuerySet[Any, Any]:
    """Each young person of these rows once, with ``active`` 1 when any row matches ``active``,
    else 0: one grouped scan (PostgreSQL reads the summary's index in person order)."""
    return (
        rows.values("young_person")
        .annotate(
            active=Max(
                Case(When(active, then=Value(1)), default=Value(0)), output_field=IntegerField()
            )
        )
        .order_by()
    )


def participants(start: datetime.date, end: datetime.date, organisation: Any) -> QuerySet[Any, Any]:
    """The young people who attended a session in the period (with the organisation), each once
    with ``active``: 1 when they attended an active one, else 0 (``flagged``).

    A period from a partnership year's start to any day in it (the whole year, the year to
    date, a protected reader's "1 April to the end of the last complete quarter") is read from
    the yearly participation summary, as the rows whose first attended session is on or before
    the period's last day (at national scale 200,000 rows instead of the year's 2 million
    attendances); any other period from the log.
    """
    year = years.partnership_year(start)
    year_start, year_end = years.year_bounds(year)
    if start == year_start and end <= year_end:
        summary = YearlyParticipation.objects.filter(year=year)
        if end < year_end:
            summary = summary.filter(first_attended_on__lte=end)
        if organisation is not None:
            summary = summary.filter(organisation=organisation)
        return flagged(summary, Q(first_active_on__lte=end))
    sessions = Session.objects.filter(date__range=(start, end))
    if organisation is not None:
        sessions = sessions.filter(organisation=organisation)
    attended = Attendance.objects.filter(
        status=Attendance.Status.ATTENDED, session__in=sessions.values("pk")
    )
    return flagged(attended, Q(session__degree__in=ACTIVE_DEGREES))


#: Each characteristic's column on a young person, in the order of ``Characteristic.values``.
REACH_COLUMNS = [
    c if c in (Characteristic.AGE_BAND, Characteristic.AREA) else f"equality_record__{c}"
    for c in Characteristic.values
]

#: Per characteristic (in the order of ``Characteristic.values``), per stored value:
#: [took part actively, took part but not actively, the sums of their record keys (ADR 0008)].
Tally = list[dict[Any, list[int]]]
#: The young people's record keys (``core.disclosure``), for the cell keys of protected counts.
KEY_KIND = "young_person"


def tally(people: QuerySet[YoungPerson], flags: QuerySet[Any, Any]) -> Tally:
    """Count who took part (``flags``: each once, with ``active``), actively or not, by the value
    of each characteristic."""
    if connections[people.db].vendor == "postgresql":  # pragma: no cover - PostgreSQL only
        return tally_grouping_sets(people, flags)
    return tally_combinations(people, flags)


def tally_combinations(people: QuerySet[YoungPerson], flags: QuerySet[Any, Any]) -> Tally:
    """Two GROUP BYs by every characteristic at once, over everyone who took part and over those
    who took part actively (each a semi-join the planner can hash; a CASE over "IN (...)" per
    young person could not be, and ran for minutes): each distinct combination once with its
    number of young people (25,000 at national scale), added up per characteristic here."""
    tally: Tally = [{} for _ in REACH_COLUMNS]
    participants = flags.values("young_person")
    active = flags.filter(active=1).values("young_person")
    for took_part_actively, ids in ((False, participants), (True, active)):
        rows = (
            people.filter(pk__in=ids)
            .values_list(*REACH_COLUMNS)
            .annotate(number=Count("pk"), keys=disclosure.key_sum(KEY_KIND))
            .order_by()
        )
        for row in rows:
            number, keys = row[-2], row[-1] or 0
            for column, counts in enumerate(tally):
                cell = counts.setdefault(row[column], [0, 0, 0, 0])
                if took_part_actively:
                    cell[0] += number
                    cell[1] -= number
                    cell[2] += keys
                    cell[3] -= keys
                else:
                    cell[1] += number
                    cell[3] += keys
    return tally


def tally_grouping_sets(  # pragma: no cover - PostgreSQL only (test_reach.py compares the two)
    people: QuerySet[YoungPerson], flags: QuerySet[Any, Any]
) -> Tally:
    """PostgreSQL: everyone who took part, with whether actively (``flags``: one grouped scan,
    so the planner knows how many and hash-joins them), counted by each characteristic and that
    flag with GROUPING SETS (about 200 rows come back). National scale, on one machine: 0.6-0.8 s,
    where the flags as a GROUP BY of two summary scans (a UNION ALL the planner guessed at 200
    rows, then joined person by person) took 1.2-1.4 s, and two GROUP BYs of combinations 1.8 s.
    """
    names = [f"c{index}" for index in range(len(REACH_COLUMNS))]
    people_sql, people_params = (
        people.values_list("pk", *REACH_COLUMNS).order_by().query.sql_with_params()
    )
    flags_sql, flags_params = flags.query.sql_with_params()
    sets = ", ".join(f"({name}, active)" for name in names)
    # Every part is Django's own SQL with its parameters passed apart; names are ours.
    statement = (
        f"WITH flags(person, active) AS ({flags_sql}) "  # noqa: S608
        f"SELECT {', '.join(names)}, flags.active, GROUPING({', '.join(names)}), COUNT(*), "
        f"SUM({disclosure.record_key_sql_text(KEY_KIND, 'people.pk')}) "
        f"FROM ({people_sql}) AS people(pk, {', '.join(names)}) "
        "JOIN flags ON flags.person = people.pk "
        f"GROUP BY GROUPING SETS ({sets})"
    )
    tally: Tally = [{} for _ in REACH_COLUMNS]
    last = len(names) - 1
    with connections[people.db].cursor() as cursor:
        cursor.execute(statement, [*flags_params, *people_params])
        for row in cursor.fetchall():
            *values, took_part_actively, grouping, number, keys = row
            # GROUPING's bits are 1 for the columns not in the row's set: the 0 bit names it.
            column = next(i for i in range(len(names)) if not grouping >> (last - i) & 1)
            cell = tally[column].setdefault(values[column], [0, 0, 0, 0])
            cell[0 if took_part_actively else 1] += number
            cell[2 if took_part_actively else 3] += int(keys or 0)
    return tally
