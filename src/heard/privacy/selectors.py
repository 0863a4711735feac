"""Reads about consent, retention, subject access and reach, scoped to what the user may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from heard.core import disclosure, years
from heard.core.models import Partnership
from heard.core.permissions import can, is_partner_worker
from heard.core.roles import AgeBand
from heard.core.suppression import Display
from heard.groups.models import Group, Membership
from heard.participation.models import ACTIVE_DEGREES, Attendance, Session, YearlyParticipation
from heard.people.models import YoungPerson
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
from heard.voice import consents as voice_consents
from heard.voice.models import Feedback, Rating, Response, View

#: Whole years each age band covers.
BAND_AGES: dict[str, tuple[int, int]] = {
    AgeBand.UNDER_8: (0, 7),
    AgeBand.AGE_8_10: (8, 10),
    AgeBand.AGE_11_13: (11, 13),
    AgeBand.AGE_14_15: (14, 15),
    AgeBand.AGE_16_17: (16, 17),
    AgeBand.AGE_18_25: (18, 25),
}
NOT_RECORDED = ("not_recorded", "Not recorded")


# Consent ------------------------------------------------------------------------------------------


def consent_current(young_person: YoungPerson, purpose: str) -> Consent | None:
    return Consent.objects.filter(
        young_person=young_person, purpose=purpose, withdrawn_on__isnull=True
    ).first()


def consents_visible_to(user: Any) -> QuerySet[Consent]:
    """Consents of the young people the user may see (a partner worker: their organisation's)."""
    if not can(user, "privacy.view_consent"):
        return Consent.objects.none()
    consents = Consent.objects.select_related("young_person")
    if is_partner_worker(user):
        # A join on the organisation, not an IN over the visible register: for everyone else that
        # subquery was the whole register (200,000 rows at national scale, 1 s an API page).
        return consents.filter(young_person__organisation_id=user.organisation_id)
    return consents


def consents_for(*, user: Any, young_person: YoungPerson) -> QuerySet[Consent]:
    return (
        consents_visible_to(user)
        .filter(young_person=young_person)
        .order_by("purpose", "-given_on", "-id")
    )


def consent_get(user: Any, pk: Any) -> Consent:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = 0
    return get_object_or_404(consents_visible_to(user), pk=pk)


def may_be_under(young_person: YoungPerson, age: int, *, on: datetime.date) -> bool:
    """Whether the young person is (or, by their age band, may be) under ``age`` on a date."""
    born = young_person.date_of_birth
    if born is not None:
        years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return years < age
    youngest, _ = BAND_AGES.get(young_person.age_band, (0, 25))
    return youngest < age


def photos_allowed(young_person: YoungPerson) -> bool:
    """Photographs of the young person may be used only while they have a current consent."""
    return consent_current(young_person, Consent.Purpose.PHOTOGRAPHS) is not None


def photos_withheld_view_ids() -> QuerySet[Any]:
    """Views whose images must be hidden now (values of ``pk``): someone who gave the view has no
    current consent to photographs, never given or withdrawn. The rule, and whose consent counts
    for an anonymous or whole-group view, is ``voice.consents``'s, so pages agree."""
    return voice_consents.views_with_photos_withheld().values("pk")


# Retention ----------------------------------------------------------------------------------------


def retention_cutoff(today: datetime.date) -> datetime.date:
    years = Partnership.current().retention_years_after_last_involvement
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def retention_due(*, today: datetime.date) -> list[tuple[YoungPerson, datetime.date | None]]:
    """Young people whose last involvement (latest attended session, view given, membership left,
    record change) is before the retention cutoff, oldest first; never current members or
    records already anonymised."""
    cutoff = retention_cutoff(today)
    cutoff_start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    attended = (
        Attendance.objects.filter(young_person=OuterRef("pk"), status=Attendance.Status.ATTENDED)
        .order_by()
        .values("young_person")
        .annotate(last=Max("session__date"))
        .values("last")
    )
    viewed = (
        View.objects.filter(young_people=OuterRef("pk"))
        .order_by()
        .values("young_people")
        .annotate(last=Max("recorded_on"))
        .values("last")
    )
    left = (
        Membership.objects.filter(young_person=OuterRef("pk"))
        .order_by()
        .values("young_person")
        .annotate(last=Max("left_on"))
        .values("last")
    )
    individual = (
        Session.objects.filter(young_person=OuterRef("pk"))
        .order_by()
        .values("young_person")
        .annotate(last=Max("date"))
        .values("last")
    )
    candidates = (
        YoungPerson.objects.filter(updated_at__lt=cutoff_start)
        .exclude(Exists(Anonymisation.objects.filter(young_person=OuterRef("pk"))))
        .exclude(
            Exists(Membership.objects.filter(young_person=OuterRef("pk"), left_on__isnull=True))
        )
        .annotate(
            last_attended=Subquery(attended),
            last_view=Subquery(viewed),
            last_left=Subquery(left),
            last_individual=Subquery(individual),
        )
        .order_by("pk")
    )
    due: list[tuple[YoungPerson, datetime.date | None]] = []
    for young_person in candidates:
        dates = [
            young_person.last_attended,  # type: ignore[attr-defined]
            young_person.last_view,  # type: ignore[attr-defined]
            young_person.last_left,  # type: ignore[attr-defined]
            young_person.last_individual,  # type: ignore[attr-defined]
            timezone.localtime(young_person.updated_at).date(),
        ]
        last = max(d for d in dates if d is not None)
        if last < cutoff:
            due.append((young_person, last))
    due.sort(key=lambda item: (item[1] or datetime.date.min, item[0].pk))
    return due


def anonymisation_of(young_person: YoungPerson) -> Anonymisation | None:
    return Anonymisation.objects.filter(young_person=young_person).first()


# Subject access -----------------------------------------------------------------------------------


def subject_access_data(young_person: YoungPerson) -> dict[str, Any]:
    """Everything held about one young person: their record, groups, sessions attended, the views
    they gave with the responses, feedback given to them, their ratings, consents and equality
    data. Never another child's name or reference, never safeguarding concerns, never session
    notes (which are about everyone there)."""
    yp = YoungPerson.objects.select_related("organisation").get(pk=young_person.pk)
    memberships = Membership.objects.filter(young_person=yp).select_related("group")
    attendances = (
        Attendance.objects.filter(young_person=yp)
        .select_related("session", "session__group")
        .order_by("session__date", "session_id")
    )
    individual = Session.objects.filter(young_person=yp).order_by("date", "id")
    views = (
        View.objects.filter(young_people=yp)
        .prefetch_related(
            "themes", Prefetch("responses", queryset=Response.objects.order_by("date"))
        )
        .order_by("recorded_on", "id")
    )
    feedback = (
        Feedback.objects.filter(young_people=yp).select_related("response").order_by("date", "id")
    )
    ratings = Rating.objects.filter(young_person=yp).select_related("response")
    consents = Consent.objects.filter(young_person=yp).order_by("given_on", "id")
    equality = EqualityRecord.objects.filter(young_person=yp).first()

    def iso(value: Any) -> Any:
        return value.isoformat() if value is not None else None

    def response_data(response: Response) -> dict[str, Any]:
        return {
            "date": iso(response.date),
            "decision_maker": response.decision_maker,
            "outcome": response.get_outcome_display(),
            "explanation": response.explanation,
            "plain_language": response.plain_language,
        }

    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "young_person": {
            "reference": yp.reference,
            "first_name": yp.first_name,
            "last_name": yp.last_name,
            "preferred_name": yp.preferred_name,
            "age_band": yp.get_age_band_display(),
            "date_of_birth": iso(yp.date_of_birth),
            "supporting_organisation": yp.organisation.name,
            "area": yp.area,
            "communication_needs": yp.communication_needs,
            "access_needs": yp.access_needs,
            "contact_preference": yp.get_contact_preference_display(),
            "active": yp.is_active,
            "record_created": iso(yp.created_at),
            "record_updated": iso(yp.updated_at),
        },
        "groups": [
            {"group": m.group.name, "joined_on": iso(m.joined_on), "left_on": iso(m.left_on)}
            for m in memberships
        ],
        "sessions": [
            {
                "date": iso(a.session.date),
                "kind": a.session.get_kind_display(),
                "title": a.session.title,
                "group": a.session.group.name if a.session.group else "",
                "degree": a.session.get_degree_display(),
                "type": a.session.get_participation_type_display(),
                "attendance": a.get_status_display(),
            }
            for a in attendances
        ]
        + [
            {
                "date": iso(s.date),
                "kind": s.get_kind_display(),
                "title": s.title,
                "group": "",
                "degree": s.get_degree_display(),
                "type": s.get_participation_type_display(),
                "attendance": "Individual session",
            }
            for s in individual
        ],
        "views": [
            {
                "kind": v.get_kind_display(),
                "text": v.text,
                "recorded_on": iso(v.recorded_on),
                "how_it_may_be_used": v.get_consent_display(),
                "status": v.get_status_display(),
                "themes": [t.title for t in v.themes.all()],
                "responses": [response_data(r) for r in v.responses.all()],
            }
            for v in views
        ],
        "feedback": [
            {
                "date": iso(f.date),
                "channel": f.get_channel_display(),
                "response": response_data(f.response),
            }
            for f in feedback
        ],
        "ratings": [
            {
                "response_date": iso(r.response.date),
                "rating": r.get_value_display(),
                "comment": r.comment,
                "given": iso(r.created_at),
            }
            for r in ratings
        ],
        "consents": [
            {
                "purpose": c.get_purpose_display(),
                "given_by": c.get_given_by_display(),
                "given_on": iso(c.given_on),
                "how": c.get_how_display(),
                "withdrawn_on": iso(c.withdrawn_on),
                "withdrawn_by": c.get_withdrawn_by_display() if c.withdrawn_by else "",
                "notes": c.notes,
            }
            for c in consents
        ],
        "equality_monitoring": (
            {
                name: (
                    getattr(equality, f"get_{name}_display")()
                    if getattr(equality, name) and hasattr(equality, f"get_{name}_display")
                    else getattr(equality, name)
                )
                for name in (
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
            }
            if equality is not None
            else None
        ),
    }


# Reach --------------------------------------------------------------------------------------------

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


def _flagged(rows: QuerySet[Any, Any], active: Q) -> QuerySet[Any, Any]:
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


def _participants(
    start: datetime.date, end: datetime.date, organisation: Any
) -> QuerySet[Any, Any]:
    """The young people who attended a session in the period (with the organisation), each once
    with ``active``: 1 when they attended an active one, else 0 (``_flagged``).

    A partnership year, or a year to date, is read from the yearly participation summary (at
    national scale 200,000 rows instead of the year's 2 million attendances); any other period
    from the log.
    """
    year = years.partnership_year(start)
    year_start, year_end = years.year_bounds(year)
    # The summary holds whole years. A period from a year's start to any day in it holds the
    # same sessions as long as none comes after that day (sessions cannot be logged ahead, so
    # "this year to date", the page's default, is one): one query on the date index tells.
    if (
        start == year_start
        and end <= year_end
        and not Session.objects.filter(
            date__gt=end,
            date__lte=year_end,
            **({"organisation": organisation} if organisation else {}),
        ).exists()
    ):
        summary = YearlyParticipation.objects.filter(year=year)
        if organisation is not None:
            summary = summary.filter(organisation=organisation)
        return _flagged(summary, Q(active_sessions__gt=0))
    sessions = Session.objects.filter(date__range=(start, end))
    if organisation is not None:
        sessions = sessions.filter(organisation=organisation)
    attended = Attendance.objects.filter(
        status=Attendance.Status.ATTENDED, session__in=sessions.values("pk")
    )
    return _flagged(attended, Q(session__degree__in=ACTIVE_DEGREES))


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


def _tally(people: QuerySet[YoungPerson], flags: QuerySet[Any, Any]) -> Tally:
    """Count who took part (``flags``: each once, with ``active``), actively or not, by the value
    of each characteristic."""
    if connections[people.db].vendor == "postgresql":
        return _tally_grouping_sets(people, flags)
    return _tally_combinations(people, flags)


def _tally_combinations(people: QuerySet[YoungPerson], flags: QuerySet[Any, Any]) -> Tally:
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


def _tally_grouping_sets(people: QuerySet[YoungPerson], flags: QuerySet[Any, Any]) -> Tally:
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
    flags = _participants(start, end, organisation)
    people = YoungPerson.objects.all()
    if area:
        people = people.filter(area__iexact=area)
    by_column = _tally(people, flags)
    benchmarks = {
        (b.characteristic, b.value): b.share
        for b in BenchmarkShare.objects.filter(area__iexact=area)
    }
    for column, characteristic in enumerate(Characteristic.values):
        # Added up by the stored value, then by the shown one (blanks are "not recorded").
        raw = by_column[column]
        cells: dict[str, list[disclosure.Cell]] = {}
        for value, (actively, only, active_keys, only_keys) in raw.items():
            pair = cells.setdefault(
                _value_of(characteristic, value), [disclosure.Cell(0), disclosure.Cell(0)]
            )
            pair[0] += disclosure.Cell(actively, active_keys)
            pair[1] += disclosure.Cell(only, only_keys)
        values = _values(characteristic, set(cells))
        empty = [disclosure.Cell(0), disclosure.Cell(0)]
        total_active, total_took_part = disclosure.Cell(0), disclosure.Cell(0)
        reach_rows = []
        shown_rows = []
        for value, label in values:
            active_cell, only_cell = cells.get(value, empty)
            total_active += active_cell
            total_took_part += active_cell + only_cell
            shown_rows.append(
                (
                    value,
                    label,
                    disclosure.shown(active_cell + only_cell, exact=exact),
                    disclosure.shown(active_cell, exact=exact),
                )
            )
        total = disclosure.shown(total_took_part, exact=exact)
        for value, label, took_part, active in shown_rows:
            share = _share(took_part, total)
            benchmark = benchmarks.get((characteristic, value))
            reach_rows.append(
                ReachRow(
                    value=value,
                    label=str(label),
                    took_part=took_part,
                    active=active,
                    share=share,
                    benchmark=benchmark,
                    gap=round(share - float(benchmark), 1)
                    if share is not None and benchmark is not None
                    else None,
                )
            )
        result.tables.append(
            ReachTable(
                characteristic=characteristic,
                label=str(Characteristic(characteristic).label),
                rows=reach_rows,
                total_took_part=total,
                total_active=disclosure.shown(total_active, exact=exact),
                cells={value: cells.get(value, empty) for value, _ in values},
            )
        )
    if result.tables:
        result.took_part = result.tables[0].total_took_part
        result.active = result.tables[0].total_active
    by_key = {t.characteristic: t for t in result.tables}
    targets = LeastHeardTarget.objects.filter(start__lte=end, end__gte=start).order_by(
        "group", "name", "start"
    )
    for target in targets:
        result.least_heard.append(_progress(target, by_key, exact=exact))
    return result


def active_cells(
    *, start: datetime.date, end: datetime.date, organisation: Any = None
) -> dict[str, disclosure.Cell]:
    """The young people who took part actively in a period (``active``: reach's "took part
    actively" total) and those of them who did in a group that is a Buddy Group now
    (``via_buddy_groups``), each as a cell (count and record keys): what the home page shows a
    protected reader, the same young people and so the same figure as reach (ADR 0008)."""
    flags = _participants(start, end, organisation)
    active = YoungPerson.objects.filter(pk__in=flags.filter(active=1).values("young_person"))
    buddy_sessions = Session.objects.filter(
        date__range=(start, end),
        degree__in=ACTIVE_DEGREES,
        group__kind=Group.Kind.BUDDY_GROUP,
        **({"organisation": organisation} if organisation is not None else {}),
    )
    via_buddy = YoungPerson.objects.filter(
        pk__in=Attendance.objects.filter(
            status=Attendance.Status.ATTENDED, session__in=buddy_sessions.values("pk")
        ).values("young_person")
    )
    out = {}
    for name, people in (("active", active), ("via_buddy_groups", via_buddy)):
        row = people.order_by().aggregate(n=Count("pk"), keys=disclosure.key_sum(KEY_KIND))
        out[name] = disclosure.Cell(row["n"] or 0, row["keys"] or 0)
    return out


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
        built_in: dict[str, tuple[str, str]] = {
            LeastHeardGroup.IN_CARE: (Characteristic.CARE_STATUS, CareStatus.IN_CARE.value),
            LeastHeardGroup.SEND: (Characteristic.SEND, YesNo.YES.value),
        }
        characteristic, value = built_in.get(target.group, (target.characteristic, target.value))
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
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = 0
    return get_object_or_404(LeastHeardTarget, pk=pk)
