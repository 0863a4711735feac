"""Reach: who took part in a period by each characteristic, against the benchmark shares, with
the least-heard targets; exact for a reader who may open every record, protected otherwise."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from heard.core import disclosure, years
from heard.core.permissions import can
from heard.core.roles import AgeBand
from heard.core.suppression import Display
from heard.groups.models import Group
from heard.participation.models import (
    ACTIVE_DEGREES,
    Attendance,
    Session,
    YearlyParticipant,
    YearlyParticipation,
)
from heard.people.models import YoungPerson
from heard.privacy.models import (
    BenchmarkShare,
    CareStatus,
    Characteristic,
    Ethnicity,
    Gender,
    LeastHeardGroup,
    LeastHeardTarget,
    Religion,
    SexualOrientation,
    YesNo,
)
from heard.privacy.selectors.consents import as_pk
from heard.privacy.selectors.tally import KEY_KIND, participants, tally

NOT_RECORDED = ("not_recorded", "Not recorded")

_CHOICES: dict[str, Any] = {
    Characteristic.AGE_BAND: AgeBand,
    Characteristic.GENDER: Gender,
    Characteristic.ETHNICITY: Ethnicity,
    Characteristic.DISABILITY: YesNo,
    Characteristic.SEND: YesNo,
    Characteristic.CARE_STATUS: CareStatus,
    Characteristic.YOUNG_CARER: YesNo,
    Characteristic.RELIGION: Religion,
    Characteristic.SEXUAL_ORIENTATION: SexualOrientation,
}
#: The built-in least-heard groups counted by one characteristic value.
_BUILT_IN: dict[str, tuple[str, str]] = {
    LeastHeardGroup.IN_CARE: (Characteristic.CARE_STATUS, CareStatus.IN_CARE.value),
    LeastHeardGroup.SEND: (Characteristic.SEND, YesNo.YES.value),
}


def is_known_value(characteristic: str, value: str) -> bool:
    """Whether ``value`` is one of a characteristic's values (any area name is)."""
    if characteristic == Characteristic.AREA:
        return bool(value)
    choices = _CHOICES.get(characteristic)
    return choices is not None and value in choices.values


@dataclass
class ReachRow:
    value: str
    label: str
    took_part: Display
    active: Display
    share: float | None  # of everyone who took part, in %; None when withheld
    benchmark: Decimal | None
    gap: float | None  # share minus benchmark, percentage points


@dataclass
class ReachTable:
    characteristic: str
    label: str
    rows: list[ReachRow]
    total_took_part: Display
    total_active: Display
    #: Per value: the true [took part actively, took part but not actively] cells (never shown).
    cells: dict[str, list[disclosure.Cell]] = field(default_factory=dict, repr=False)


@dataclass
class TargetProgress:
    target: LeastHeardTarget
    took_part: Display
    share_of_target: float | None


@dataclass
class Reach:
    start: datetime.date
    end: datetime.date
    area: str
    tables: list[ReachTable] = field(default_factory=list)
    least_heard: list[TargetProgress] = field(default_factory=list)
    took_part: Display = 0
    active: Display = 0
    #: True counts (a reader who may open every record) or protected ones (ADR 0008).
    exact: bool = False


def _value_of(characteristic: str, raw: str | None) -> str:
    if characteristic == Characteristic.AREA:
        return (raw or "").strip() or NOT_RECORDED[0]
    return raw or NOT_RECORDED[0]


def _values(characteristic: str, seen: set[str]) -> list[tuple[str, str]]:
    if characteristic == Characteristic.AREA:
        named = sorted(v for v in seen if v != NOT_RECORDED[0])
        return [(v, v) for v in named] + [NOT_RECORDED]
    return [*_CHOICES[characteristic].choices, NOT_RECORDED]


def _share(part: Display, whole: Display) -> float | None:
    if isinstance(part, int) and isinstance(whole, int) and whole:
        return round(100 * part / whole, 1)
    return None


def _cells(characteristic: str, raw: dict[Any, list[int]]) -> dict[str, list[disclosure.Cell]]:
    """A characteristic's tally added up by the shown value (blanks are "not recorded"): per
    value, the [took part actively, took part but not actively] cells."""
    cells: dict[str, list[disclosure.Cell]] = {}
    for value, (actively, only, active_keys, only_keys) in raw.items():
        pair = cells.setdefault(
            _value_of(characteristic, value), [disclosure.Cell(0), disclosure.Cell(0)]
        )
        pair[0] += disclosure.Cell(actively, active_keys)
        pair[1] += disclosure.Cell(only, only_keys)
    return cells


def _table(
    characteristic: str,
    raw: dict[Any, list[int]],
    benchmarks: dict[tuple[str, str], Decimal],
    *,
    exact: bool,
) -> ReachTable:
    cells = _cells(characteristic, raw)
    values = _values(characteristic, set(cells))
    empty = [disclosure.Cell(0), disclosure.Cell(0)]
    total_active, total_took_part = disclosure.Cell(0), disclosure.Cell(0)
    for value, _ in values:
        active_cell, only_cell = cells.get(value, empty)
        total_active += active_cell
        total_took_part += active_cell + only_cell
    total = disclosure.shown(total_took_part, exact=exact)
    rows = []
    for value, label in values:
        active_cell, only_cell = cells.get(value, empty)
        took_part = disclosure.shown(active_cell + only_cell, exact=exact)
        share = _share(took_part, total)
        benchmark = benchmarks.get((characteristic, value))
        gap = (
            round(share - float(benchmark), 1)
            if share is not None and benchmark is not None
            else None
        )
        rows.append(
            ReachRow(
                value=value,
                label=str(label),
                took_part=took_part,
                active=disclosure.shown(active_cell, exact=exact),
                share=share,
                benchmark=benchmark,
                gap=gap,
            )
        )
    return ReachTable(
        characteristic=characteristic,
        label=str(Characteristic(characteristic).label),
        rows=rows,
        total_took_part=total,
        total_active=disclosure.shown(total_active, exact=exact),
        cells={value: cells.get(value, empty) for value, _ in values},
    )


def reach(
    *,
    user: Any,
    start: datetime.date,
    end: datetime.date,
    area: str = "",
    organisation: Any = None,
    exact: bool | None = None,
) -> Reach:
    """Who took part (attended a session) in a period, and who took part actively, by each
    characteristic, against the benchmark shares, with least-heard targets. At most five queries
    whatever the number of young people.

    ``exact``: whether the reader sees true counts (``core.disclosure.audience``, decided from
    ``user`` when not given). Otherwise every count is protected (ADR 0008): 0, "fewer than 5" or
    a multiple of 5 chosen by the cell key of the young people counted, so the same young people
    show the same figure here, on the home page and in every report. The caller checks that a
    protected reader's period is a fixed reporting period (``disclosure.period_error``)."""
    result = Reach(start=start, end=end, area=area)
    if not can(user, "privacy.view_reach"):
        return result
    if exact is None:
        exact = disclosure.is_exact(user, organisation_id=getattr(organisation, "pk", None))
    result.exact = exact
    people = YoungPerson.objects.all()
    if area:
        people = people.filter(area__iexact=area)
    by_column = tally(people, participants(start, end, organisation))
    benchmarks = {
        (b.characteristic, b.value): b.share
        for b in BenchmarkShare.objects.filter(area__iexact=area)
    }
    result.tables = [
        _table(characteristic, by_column[column], benchmarks, exact=exact)
        for column, characteristic in enumerate(Characteristic.values)
    ]
    result.took_part = result.tables[0].total_took_part
    result.active = result.tables[0].total_active
    by_key = {t.characteristic: t for t in result.tables}
    targets = LeastHeardTarget.objects.filter(start__lte=end, end__gte=start).order_by(
        "group", "name", "start"
    )
    result.least_heard = [_progress(target, by_key, exact=exact) for target in targets]
    return result


def active_cells(
    *, start: datetime.date, end: datetime.date, organisation: Any = None
) -> dict[str, disclosure.Cell]:
    """The young people who took part actively in a period (``active``: reach's "took part
    actively" total) and those of them who did in a group that is a Buddy Group now
    (``via_buddy_groups``), each as a cell (count and record keys): what the home page shows a
    protected reader, the same young people and so the same figure as reach (ADR 0008).

    For the whole partnership and a period from a year's start (a protected reader's default),
    each is one range of an index of ``YearlyParticipant`` (those first active, or first active
    in a Buddy Group, on or before the period's end), counted and their keys summed from the
    index alone; otherwise from the young people ``participants`` gives."""
    year_start, year_end = years.year_bounds(years.partnership_year(start))
    from_year_start = start == year_start and end <= year_end
    if from_year_start and organisation is None:
        year = YearlyParticipant.objects.filter(year=years.partnership_year(start))
        active: QuerySet[Any] = year.filter(first_active_on__lte=end)
        via_buddy: QuerySet[Any] = year.filter(first_buddy_active_on__lte=end)
        key_field = "young_person_id"
    else:
        flags = participants(start, end, organisation)
        active = YoungPerson.objects.filter(pk__in=flags.filter(active=1).values("young_person"))
        via_buddy = YoungPerson.objects.filter(pk__in=_buddy_people(start, end, organisation))
        key_field = "pk"
    out = {}
    for name, rows in (("active", active), ("via_buddy_groups", via_buddy)):
        row = rows.order_by().aggregate(n=Count("*"), keys=disclosure.key_sum(KEY_KIND, key_field))
        out[name] = disclosure.Cell(row["n"] or 0, row["keys"] or 0)
    return out


def _buddy_people(start: datetime.date, end: datetime.date, organisation: Any) -> QuerySet[Any]:
    """The ids of the young people who took part actively in the period in a group that is a
    Buddy Group now (with the organisation)."""
    year_start, year_end = years.year_bounds(years.partnership_year(start))
    by_organisation = {"organisation": organisation} if organisation is not None else {}
    if start == year_start and end <= year_end:
        # The summary's rows in a group that is a Buddy Group now, active by the period's end.
        return YearlyParticipation.objects.filter(
            year=years.partnership_year(start),
            first_active_on__lte=end,
            group__kind=Group.Kind.BUDDY_GROUP,
            **by_organisation,
        ).values("young_person")
    buddy_sessions = Session.objects.filter(
        date__range=(start, end),
        degree__in=ACTIVE_DEGREES,
        group__kind=Group.Kind.BUDDY_GROUP,
        **by_organisation,
    )
    return Attendance.objects.filter(
        status=Attendance.Status.ATTENDED, session__in=buddy_sessions.values("pk")
    ).values("young_person")


def _progress(
    target: LeastHeardTarget, tables: dict[str, ReachTable], *, exact: bool
) -> TargetProgress:
    """A least-heard group's count: a cell of its own (under 11: both age bands' young people),
    exact or protected like the tables."""
    if target.group == LeastHeardGroup.UNDER_11:
        cells = tables[Characteristic.AGE_BAND].cells
        under_11 = disclosure.Cell(0)
        for band in (AgeBand.UNDER_8, AgeBand.AGE_8_10):
            active_cell, only_cell = cells[band]
            under_11 += active_cell + only_cell
        count: Display = disclosure.shown(under_11, exact=exact)
    else:
        characteristic, value = _BUILT_IN.get(target.group, (target.characteristic, target.value))
        table = tables.get(characteristic)
        row = next((r for r in table.rows if r.value == value), None) if table else None
        count = row.took_part if row is not None else 0
    share = _share(count, target.target) if target.target else None
    return TargetProgress(target=target, took_part=count, share_of_target=share)


def benchmarks_list() -> QuerySet[BenchmarkShare]:
    return BenchmarkShare.objects.order_by("characteristic", "area", "value")


def targets_list() -> QuerySet[LeastHeardTarget]:
    return LeastHeardTarget.objects.order_by("-start", "group", "name")


def target_get(pk: Any) -> LeastHeardTarget:
    return get_object_or_404(LeastHeardTarget, pk=as_pk(pk))
