"""The measures Heard computes today, each one function and one registry entry.

Read from the records of the participation log, the groups and the loop (the voice app's loop
figures selector), never from a figure kept on the side. Each takes a period (both days
included) and an indicator's filters.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet

from heard.core import disclosure
from heard.core.disclosure import Cell
from heard.groups.models import Group, GroupTheme, StageTransition
from heard.indicators.measures import Figure, Filters, Measure, Period, Unit, register
from heard.indicators.measures.sharing import (
    by_day,
    horizon_over,
    one_of_many,
    shared,
)
from heard.participation import quarters
from heard.participation.models import ACTIVE_DEGREES, Attendance, Session
from heard.people.models import YoungPerson
from heard.voice import selectors as voice_selectors

#: The record keys of young people: the same as reach's and the home counts', so the same young
#: people show the same protected figure wherever they are counted (ADR 0008).
YOUNG_PERSON_KEYS = "young_person"


def sessions_matching(period: Period, filters: Filters) -> QuerySet[Session]:
    """The sessions in the period that the filters select (theme: a session tagged with it or
    held by a group working on it)."""
    sessions = Session.objects.filter(date__range=(period.start, period.end))
    if filters.theme is not None:
        by_group = GroupTheme.objects.filter(group_id=OuterRef("group_id"), theme_id=filters.theme)
        tagged = Session.themes.through.objects.filter(  # type: ignore[attr-defined]
            session_id=OuterRef("pk"), theme_id=filters.theme
        )
        sessions = sessions.filter(Exists(tagged) | Exists(by_group))
    if filters.group_kind:
        sessions = sessions.filter(group__kind=filters.group_kind)
    if filters.organisation is not None:
        sessions = sessions.filter(organisation_id=filters.organisation)
    if filters.session_kind:
        sessions = sessions.filter(kind=filters.session_kind)
    if filters.degree:
        sessions = sessions.filter(degree=filters.degree)
    if filters.participation_type:
        sessions = sessions.filter(participation_type=filters.participation_type)
    if filters.session_title:
        sessions = sessions.filter(title__icontains=filters.session_title)
    return sessions.order_by()


def _young_people_cell(people: QuerySet[YoungPerson]) -> Cell:
    row = people.order_by().aggregate(n=Count("pk"), keys=disclosure.key_sum(YOUNG_PERSON_KEYS))
    return Cell(row["n"] or 0, row["keys"] or 0)


#: The filters the quarterly summary answers (``participation.quarters``); any other is read
#: from the sessions' attendances.
SUMMARISED_FILTERS = frozenset({"group_kind", "organisation", "age_band"})


def active_young_people(period: Period, filters: Filters) -> Figure:
    """Young people who attended a session at an "involve" degree in the period, each once:
    from the quarterly summary for whole quarters (or a quarter to today) and the filters it
    holds, else from the attendances (the same young people: tests/indicators)."""
    if filters.given() <= SUMMARISED_FILTERS and _covered(period):
        grouped = _summary_cell(period, filters)
        if grouped is not None:
            return Figure(grouped)
        rows = quarters.active_in(
            period.start,
            period.end,
            group_kind=filters.group_kind,
            organisation=filters.organisation,
        )
        people = YoungPerson.objects.filter(pk__in=rows.values("young_person_id"))
    else:
        sessions = sessions_matching(period, filters).filter(degree__in=ACTIVE_DEGREES)
        attended = Attendance.objects.filter(
            status=Attendance.Status.ATTENDED, session__in=sessions.values("pk")
        )
        people = YoungPerson.objects.filter(pk__in=attended.values("young_person"))
    if filters.age_band:
        people = people.filter(age_band=filters.age_band)
    return Figure(_young_people_cell(people))


def _covered(period: Period) -> bool:
    return bool(shared(("covers", period), lambda: quarters.covers(period.start, period.end)))


def _summary_cell(period: Period, filters: Filters) -> Cell | None:
    """In a report (a :func:`sharing_loop_figures` block with a horizon), a one-quarter
    period's cell from one read of the summary over the horizon, by quarter: one query for the
    four quarters, not one each. Not for one organisation: its own rows are few, and read
    through their index (measured: a grouped read of every organisation was three times
    slower than twelve organisations' reads)."""
    horizon = horizon_over(period)
    if horizon is None or filters.organisation is not None:
        return None
    if disclosure.quarter_of(period.end)[0] != period.start or not _covered(horizon):
        return None
    table = shared(
        ("active by quarter", horizon, filters), lambda: _active_by_quarter(horizon, filters)
    )
    return table.get((period.start,), Cell(0))


def _active_by_quarter(horizon: Period, filters: Filters) -> dict[tuple[Any, ...], Cell]:
    rows = quarters.active_in(horizon.start, horizon.end, group_kind=filters.group_kind)
    if filters.age_band:
        rows = rows.filter(young_person__age_band=filters.age_band)
    cells = disclosure.cells_by(rows, ("quarter",), "young_person_id", YOUNG_PERSON_KEYS)
    # SQLite gives dates back as text.
    return {(_day(key[0]),): cell for key, cell in cells.items()}


def _day(value: Any) -> datetime.date:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def sessions_held(period: Period, filters: Filters) -> Figure:
    """Sessions held in the period (by degree, type, kind and the rest)."""
    return by_day(period, filters, _sessions_by_day) or Figure(
        Cell(sessions_matching(period, filters).count())
    )


def _sessions_by_day(horizon: Period, filters: Filters) -> dict[datetime.date, Figure]:
    rows = sessions_matching(horizon, filters).values("date").annotate(n=Count("pk"))
    return {row["date"]: Figure(Cell(row["n"])) for row in rows}


def _groups_running(period: Period, filters: Filters) -> QuerySet[Group]:
    """Groups that existed at some time in the period: set up by its end and not closed before
    its start (by theme, lead, kind and host organisation)."""
    closed_before = StageTransition.objects.filter(
        group_id=OuterRef("pk"), to_stage=Group.Stage.CLOSED, date__lt=period.start
    )
    groups = Group.objects.filter(created_at__date__lte=period.end).exclude(Exists(closed_before))
    if filters.theme is not None:
        groups = groups.filter(
            Exists(GroupTheme.objects.filter(group_id=OuterRef("pk"), theme_id=filters.theme))
        )
    if filters.lead is not None:
        groups = groups.filter(
            Exists(
                Group.leads.through.objects.filter(  # type: ignore[attr-defined]
                    group_id=OuterRef("pk"), user_id=filters.lead
                )
            )
        )
    if filters.group_kind:
        groups = groups.filter(kind=filters.group_kind)
    if filters.organisation is not None:
        groups = groups.filter(host_organisation_id=filters.organisation)
    return groups.order_by()


def groups_running(period: Period, filters: Filters) -> Figure:
    """Groups running in the period (:func:`_groups_running`)."""
    grouped = one_of_many("theme", period, filters, _groups_by_theme)
    if grouped is not None:
        return Figure(grouped)
    return Figure(Cell(_groups_running(period, filters).count()))


def _groups_by_theme(period: Period, filters: Filters) -> dict[Any, Cell]:
    running = _groups_running(period, filters).values("pk")
    rows = (
        GroupTheme.objects.filter(group__in=running)
        .values("theme_id")
        .annotate(n=Count("group_id", distinct=True))
        .order_by()
    )
    return {row["theme_id"]: Cell(row["n"]) for row in rows}


def _loop(period: Period, filters: Filters, part: str) -> Figure:
    cells = shared(
        ("loop", period, filters.theme, filters.organisation),
        lambda: voice_selectors.loop_view_cells(
            user=None,
            start=period.start,
            end=period.end,
            theme=filters.theme,
            organisation=filters.organisation,
        ),
    )
    return Figure(cells[part], whole=cells["views_recorded"])


def views_responded(period: Period, filters: Filters) -> Figure:
    """Of the views recorded in the period, the share responded to ("we did")."""
    return _loop(period, filters, "views_responded")


def views_fed_back(period: Period, filters: Filters) -> Figure:
    """Of the views recorded in the period, the share whose response was fed back (the loop
    closed)."""
    return _loop(period, filters, "views_fed_back")


def _sessions_list(period: Period, filters: Filters) -> tuple[str, dict[str, Any]]:
    """The sessions list, filtered the same way where its filters can say it."""
    query: dict[str, Any] = {
        "date_from": period.start.isoformat(),
        "date_to": period.end.isoformat(),
    }
    for name in ("theme", "organisation", "degree", "participation_type"):
        value = getattr(filters, name)
        if value not in (None, ""):
            query[name] = value
    if filters.session_kind:
        query["kind"] = filters.session_kind
    return "participation:session-list", query


def _groups_list(period: Period, filters: Filters) -> tuple[str, dict[str, Any]]:
    query: dict[str, Any] = {}
    if filters.theme is not None:
        query["theme"] = filters.theme
    if filters.group_kind:
        query["kind"] = filters.group_kind
    if filters.organisation is not None:
        query["host_organisation"] = filters.organisation
    return "groups:group-list", query


def _views_list(period: Period, filters: Filters) -> tuple[str, dict[str, Any]]:
    query: dict[str, Any] = {
        "date_from": period.start.isoformat(),
        "date_to": period.end.isoformat(),
    }
    for name in ("theme", "organisation"):
        value = getattr(filters, name)
        if value is not None:
            query[name] = value
    return "voice:view-list", query


SESSION_FILTERS = frozenset(
    {"theme", "group_kind", "organisation", "session_kind", "degree", "participation_type"}
)
PEOPLE_FILTERS = frozenset(
    {"theme", "group_kind", "organisation", "session_kind", "participation_type", "age_band"}
)
LOOP_FILTERS = frozenset({"theme", "organisation"})

register(
    Measure(
        "active_young_people",
        "Young people actively participating",
        "Young people who attended a session at one of the \u201cinvolve\u201d degrees of the "
        "Wheel of Participation (more than being consulted or informed), each counted once.",
        Unit.YOUNG_PEOPLE,
        active_young_people,
        filters=PEOPLE_FILTERS,
        records=_sessions_list,
    )
)
register(
    Measure(
        "active_through_group_kind",
        "Young people actively participating through a kind of group",
        "Young people who took part actively in sessions of groups of one kind (Buddy Groups, "
        "say), each counted once.",
        Unit.YOUNG_PEOPLE,
        active_young_people,
        filters=PEOPLE_FILTERS,
        required=frozenset({"group_kind"}),
        records=_sessions_list,
    )
)
register(
    Measure(
        "sessions",
        "Sessions (by degree and type of participation)",
        "Sessions held: filter by degree, type of participation, kind, theme, kind of group or "
        "organisation.",
        Unit.WORK,
        sessions_held,
        filters=SESSION_FILTERS,
        records=_sessions_list,
    )
)
register(
    Measure(
        "groups",
        "Groups (per theme and lead)",
        "Groups running in the period: filter by theme, group lead, kind or host organisation.",
        Unit.WORK,
        groups_running,
        filters=frozenset({"theme", "lead", "group_kind", "organisation"}),
        records=_groups_list,
    )
)
register(
    Measure(
        "views_responded",
        "Views responded to (per cent)",
        "Of the views recorded in the period, the share with a response (the loop figures).",
        Unit.SHARE,
        views_responded,
        filters=LOOP_FILTERS,
        records=_views_list,
    )
)
register(
    Measure(
        "views_fed_back",
        "Views fed back (per cent)",
        "Of the views recorded in the period, the share whose response was fed back to those "
        "who gave them: the loop closed (the loop figures).",
        Unit.SHARE,
        views_fed_back,
        filters=LOOP_FILTERS,
        records=_views_list,
    )
)
