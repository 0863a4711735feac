"""Who took part, counting the young people not on the register too (issue 18): the figures the
indicators and reports read. Headcounts count here and never in anyone's journey (the yearly
participation summaries and a young person's sessions read attendances only)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from heard.core.permissions import can, is_partner_worker, is_theme_lead
from heard.participation.headcounts import Headcount
from heard.participation.models import Attendance, Session
from heard.people.models import Organisation


@dataclass(frozen=True)
class TookPart:
    """Young people on the register who attended (each once) and those counted by headcount."""

    registered: int
    headcount: int

    @property
    def total(self) -> int:
        return self.registered + self.headcount


@dataclass(frozen=True)
class Represented:
    """Schools (or organisations) represented: each one's attendance at each session, and how
    many different ones."""

    attendances: int
    unique: int


def headcount_get(user: Any, pk: Any) -> Headcount:
    """One headcount row of a session the user may read; 404 otherwise."""
    visible = Session.objects.visible_to(user).values("pk")
    found = (
        Headcount.objects.filter(session__in=visible, pk=pk)
        .select_related("session", "organisation")
        .first()
        if str(pk).isdigit()
        else None
    )
    if found is None:
        raise Http404("No such headcount.")
    return found


def headcounts_visible_to(user: Any) -> QuerySet[Headcount]:
    """The headcount rows of the sessions the user may read, newest session first."""
    visible = Session.objects.visible_to(user).values("pk")
    return (
        Headcount.objects.filter(session__in=visible)
        .select_related("organisation")
        .order_by("-session__date", "-session_id", "id")
    )


def organisations_for_headcounts() -> QuerySet[Organisation]:
    """The organisations a headcount may name: every active one on the register (a headcount
    says where young people came from, whoever's they are)."""
    return Organisation.objects.filter(is_active=True).order_by("name")


def organisations_for_logging(user: Any) -> QuerySet[Organisation]:
    """Organisations the user may log a session with no group for: a partner worker their own;
    programme staff any active one; a theme lead none (they log for their groups)."""
    if not can(user, "participation.add_session") or is_theme_lead(user):
        return Organisation.objects.none()
    organisations = Organisation.objects.filter(is_active=True)
    if is_partner_worker(user):
        organisations = organisations.filter(pk=user.organisation_id)
    return organisations.order_by("name")


def _in_period(
    sessions: QuerySet[Session] | None, start: datetime.date, end: datetime.date
) -> QuerySet[Session]:
    chosen = Session.objects.all() if sessions is None else sessions
    return chosen.filter(date__range=(start, end))


def took_part(
    *, start: datetime.date, end: datetime.date, sessions: QuerySet[Session] | None = None
) -> TookPart:
    """How many took part in ``sessions`` (every session if none) between ``start`` and ``end``:
    the young people on the register who attended, each once, and the headcounts' sum."""
    chosen = _in_period(sessions, start, end).values("pk")
    registered = (
        Attendance.objects.filter(session__in=chosen, status=Attendance.Status.ATTENDED)
        .values("young_person_id")
        .distinct()
        .count()
    )
    counted = Headcount.objects.filter(session__in=chosen).aggregate(total=Sum("count"))
    return TookPart(registered=registered, headcount=counted["total"] or 0)


def session_took_part(session: Session) -> TookPart:
    """Who took part in one session, from what ``session_details_visible_to`` prefetched."""
    attended = {
        attendance.young_person_id
        for attendance in session.attendances.all()
        if attendance.status == Attendance.Status.ATTENDED
    }
    counted = sum(headcount.count for headcount in session.headcounts.all())
    return TookPart(registered=len(attended), headcount=counted)


def _key(organisation_id: int | None, name: str, names: dict[str, int]) -> str | None:
    """One school however it was recorded: an organisation on the register, or a typed name
    (the register's organisation of that name, if there is one)."""
    if organisation_id is not None:
        return f"organisation:{organisation_id}"
    folded = " ".join(name.split()).casefold()
    if not folded:
        return None
    known = names.get(folded)
    return f"organisation:{known}" if known is not None else f"name:{folded}"


#: One school's (or organisation's) attendance at one session: (session, its date, the school).
Visit = tuple[int, datetime.date, str]


def school_visits(
    *,
    start: datetime.date,
    end: datetime.date,
    sessions: QuerySet[Session] | None = None,
    organisation_kind: str | None = None,
) -> set[Visit]:
    """Each school's (or organisation's) attendance at each of ``sessions`` between ``start``
    and ``end``, from attendees' organisations and the headcounts' schools: a school's pupils at
    one session are one attendance. ``organisation_kind`` (``Organisation.Kind.SCHOOL``, say)
    keeps the register's organisations of that kind and typed names only."""
    in_period = _in_period(sessions, start, end)
    chosen = in_period.values("pk")
    organisations = Organisation.objects.all()
    if organisation_kind is not None:
        organisations = organisations.filter(kind=organisation_kind)
    names = {
        " ".join(name.split()).casefold(): pk
        for pk, name in organisations.values_list("pk", "name")
    }
    # From the sessions to their attendances in one join (not the attendances of a subquery's
    # sessions, which read each session twice: measured on the national data, 1.56 s -> 0.83 s
    # for a year of Primary Parliament sittings, 110,000 attendances), each school once a
    # session in SQL: a national quarter's sessions have hundreds of thousands of attendances
    # but a few thousand schools' attendances. One filter() call: one attendance a row.
    attendee = {
        "attendances__status": Attendance.Status.ATTENDED,
        "attendances__young_person__organisation__isnull": False,
    }
    if organisation_kind is not None:
        attendee["attendances__young_person__organisation__kind"] = organisation_kind
    attended = (
        in_period.filter(**attendee)
        .values_list("pk", "date", "attendances__young_person__organisation_id")
        .order_by()
        .distinct()
    )
    counted = (
        Headcount.objects.filter(session__in=chosen, count__gt=0)
        .filter(Q(organisation__isnull=True) | Q(organisation__in=organisations.values("pk")))
        .values_list("session_id", "session__date", "organisation_id", "school")
    )
    visits = {
        (session, day, f"organisation:{organisation}") for session, day, organisation in attended
    }
    for session, day, organisation, school in counted:
        key = _key(organisation, school, names)
        if key is not None:
            visits.add((session, day, key))
    return visits


def represented(
    visits: set[Visit], start: datetime.date | None = None, end: datetime.date | None = None
) -> Represented:
    """The schools represented in ``visits`` (those from ``start`` to ``end`` if given)."""
    kept = [key for _, day, key in visits if start is None or end is None or start <= day <= end]
    return Represented(attendances=len(kept), unique=len(set(kept)))


def schools_represented(
    *,
    start: datetime.date,
    end: datetime.date,
    sessions: QuerySet[Session] | None = None,
    organisation_kind: str | None = None,
) -> Represented:
    """Schools (or organisations) represented in ``sessions`` between ``start`` and ``end``
    (:func:`school_visits`): each one's attendances and how many different ones."""
    return represented(
        school_visits(start=start, end=end, sessions=sessions, organisation_kind=organisation_kind)
    )
