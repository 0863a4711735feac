"""Reads of involvement activities and evaluations, scoped to what the user may see, and the two
shares the seed 002 indicators count: recruitment and procurement with young people involved
(target 70%), and positive evaluations (85%; Takeover Day feedback 90%)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from heard.core import disclosure
from heard.core.disclosure import Display
from heard.core.permissions import is_partner_worker, is_staff_member, is_system
from heard.core.selectors import one_or_404 as _get
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.involvement.policies import ACTIVITIES, EVALUATIONS
from heard.participation.models import Attendance, Session
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson

#: Who an activity names: its many-to-many table with young people.
NAMED = InvolvementActivity.young_people.through

#: The kinds the indicator counts: every decision but "other".
DECISION_KINDS = (
    InvolvementActivity.Kind.RECRUITMENT,
    InvolvementActivity.Kind.COMMISSIONING,
    InvolvementActivity.Kind.PROCUREMENT,
)
#: Recent sessions a young person is asked about in the portal.
PORTAL_SESSIONS = 10
#: Recent sessions the evaluations page offers staff to enter paper forms for.
RECENT_SESSIONS = 10


@dataclass(frozen=True)
class Share:
    """``numerator`` of ``denominator``, and the share in percent (None of nothing)."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        if not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator, 1)


# Involvement activities -----------------------------------------------------------------------


#: The kind of record whose keys protect counts of young people (heard.core.disclosure).
YOUNG_PERSON_KEYS = "young_person"


def activities_visible_to(user: Any) -> QuerySet[InvolvementActivity]:
    """Activities the user may read, with their organisation, how many young people are named
    (``young_people_count``, exact: see :func:`shown_young_people_count`) and their keys."""
    named = NAMED.objects.filter(involvementactivity=OuterRef("pk")).order_by()
    keys = named.values("involvementactivity").annotate(
        n=disclosure.key_sum(YOUNG_PERSON_KEYS, "youngperson_id")
    )
    return (
        ACTIVITIES.scope(user, "view")
        .select_related("organisation", "recorded_by")
        .annotate(
            young_people_count=Count("young_people", distinct=True),
            young_people_keys=Coalesce(Subquery(keys.values("n")[:1]), 0),  # type: ignore[misc]
        )
        .order_by("-date", "-id")
    )


def shown_young_people_count(user: Any, activity: InvolvementActivity) -> Display:
    """How many young people an activity names, as ``user`` may see it: exact for a reader who
    may open every young person, protected otherwise (they may come from any organisation).
    No query for an activity from :func:`activities_visible_to`."""
    cell = disclosure.Cell(
        activity.young_people_count,  # type: ignore[attr-defined]
        activity.young_people_keys,  # type: ignore[attr-defined]
    )
    return disclosure.shown(cell, exact=disclosure.reads_every_record(user))


def hidden_young_people(
    activities: list[InvolvementActivity], seen: dict[int, set[int]]
) -> dict[int, Display]:
    """For each activity, how many of the young people it names the reader cannot see
    (``seen``: the ids they can, by activity), always protected: the reader may not open them.
    One query."""
    named: dict[int, list[int]] = {activity.pk: [] for activity in activities}
    rows = NAMED.objects.filter(involvementactivity__in=list(named)).values_list(
        "involvementactivity_id", "youngperson_id"
    )
    for activity_id, person_id in rows:
        if person_id not in seen.get(activity_id, set()):
            named[activity_id].append(person_id)
    return {
        pk: disclosure.protect_cell(
            disclosure.Cell(len(hidden), disclosure.cell_key_of(YOUNG_PERSON_KEYS, hidden))
        )
        for pk, hidden in named.items()
    }


def activity_get(user: Any, pk: Any) -> InvolvementActivity:
    return _get(activities_visible_to(user), pk, "activity")  # type: ignore[no-any-return]


def activity_young_people(user: Any, activity: InvolvementActivity) -> QuerySet[YoungPerson]:
    """The young people named in the activity whom the user may see, by reference."""
    return (
        people_selectors.young_people_visible_to(user)
        .filter(involvement_activities=activity)
        .order_by("reference")
    )


def organisations_for_activities(user: Any) -> QuerySet[Organisation]:
    """Organisations a user may record an activity for: a partner worker's own only."""
    return people_selectors.organisation_choices_for(user)


def _counted(user: Any, rows: QuerySet[Any], organisation_path: str) -> QuerySet[Any]:
    """What a share counts: everything for Heard itself and staff, a partner worker's own
    organisation's only, nothing for anyone else. Counts name nobody."""
    if is_system(user):
        return rows
    if is_partner_worker(user):
        return rows.filter(**{organisation_path: user.organisation_id})
    return rows if is_staff_member(user) else rows.none()


def involvement_share(
    user: Any,
    *,
    start: datetime.date,
    end: datetime.date,
    organisation: Organisation | int | None = None,
    kinds: tuple[str, ...] = DECISION_KINDS,
) -> Share:
    """Of the recruitment, commissioning and procurement activities between ``start`` and
    ``end`` (both included), of ``organisation`` if given: how many involved young people."""
    rows = InvolvementActivity.objects.filter(date__gte=start, date__lte=end, kind__in=kinds)
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    counts = _counted(user, rows, "organisation_id").aggregate(
        total=Count("pk"), involved=Count("pk", filter=Q(young_people_involved=True))
    )
    return Share(counts["involved"], counts["total"])


def decisions_share(rows: QuerySet[InvolvementActivity]) -> Share:
    """Of the recruitment, commissioning and procurement activities among ``rows`` (a filtered
    list), how many involved young people: one query."""
    counted = InvolvementActivity.objects.filter(
        pk__in=rows.order_by().values("pk"), kind__in=DECISION_KINDS
    )
    counts = counted.aggregate(
        total=Count("pk"), involved=Count("pk", filter=Q(young_people_involved=True))
    )
    return Share(counts["involved"], counts["total"])


# Evaluations ----------------------------------------------------------------------------------


def evaluations_visible_to(user: Any) -> QuerySet[Evaluation]:
    """Evaluations of the sessions the user may read (comments included), newest session first."""
    return (
        EVALUATIONS.scope(user, "view")
        .select_related(
            "session", "session__group", "session__organisation", "young_person", "recorded_by"
        )
        .order_by("-session__date", "-session_id", "-id")
    )


def evaluation_get(user: Any, pk: Any) -> Evaluation:
    return _get(evaluations_visible_to(user), pk, "evaluation")  # type: ignore[no-any-return]


def session_attendees(user: Any, session: Session) -> QuerySet[YoungPerson]:
    """Attendees of ``session`` the user may see, who have not evaluated it yet, by reference."""
    evaluated = Evaluation.objects.filter(session=session, young_person__isnull=False)
    return (
        people_selectors.young_people_visible_to(user)
        .filter(attendances__session=session, attendances__status=Attendance.Status.ATTENDED)
        .exclude(pk__in=evaluated.values("young_person_id"))
        .order_by("reference")
    )


def evaluations_share(rows: QuerySet[Evaluation]) -> Share:
    counts = rows.order_by().aggregate(
        total=Count("pk"), positive=Count("pk", filter=Q(rating=Evaluation.Rating.POSITIVE))
    )
    return Share(counts["positive"], counts["total"])


def positive_share(
    user: Any,
    *,
    start: datetime.date,
    end: datetime.date,
    session_kind: str | None = None,
    title: str | None = None,
    organisation: Organisation | int | None = None,
) -> Share:
    """Of the evaluations of sessions between ``start`` and ``end``, how many were positive;
    of sessions of one kind (``event``) or whose title contains ``title`` ("Takeover Day") if
    given."""
    rows = Evaluation.objects.filter(session__date__gte=start, session__date__lte=end)
    if session_kind:
        rows = rows.filter(session__kind=session_kind)
    if title:
        rows = rows.filter(session__title__icontains=title)
    if organisation is not None:
        rows = rows.filter(session__organisation=organisation)
    return evaluations_share(_counted(user, rows, "session__organisation_id"))


# The portal -----------------------------------------------------------------------------------


def portal_sessions_to_evaluate(young_person: YoungPerson) -> list[Session]:
    """The young person's latest sessions they attended, each with ``my_evaluation`` (theirs,
    or None): what "Tell us how it went" lists. Two queries."""
    theirs = Evaluation.objects.filter(young_person=young_person)
    sessions: list[Session] = list(
        Session.objects.filter(
            attendances__young_person=young_person,
            attendances__status=Attendance.Status.ATTENDED,
        )
        .select_related("group")
        .prefetch_related(Prefetch("evaluations", queryset=theirs, to_attr="mine"))
        .order_by("-date", "-id")[:PORTAL_SESSIONS]
    )
    for session in sessions:
        mine = session.mine  # type: ignore[attr-defined]
        session.my_evaluation = mine[0] if mine else None  # type: ignore[attr-defined]
    return sessions


def portal_session_get(young_person: YoungPerson, pk: Any) -> Session:
    """A session the young person attended; 404 for any other."""
    rows = Session.objects.filter(
        attendances__young_person=young_person, attendances__status=Attendance.Status.ATTENDED
    )
    return _get(rows, pk, "session")  # type: ignore[no-any-return]


def recent_sessions(user: Any, *, most: int = RECENT_SESSIONS) -> list[Session]:
    """The latest sessions the user may enter evaluations of, each with its
    ``evaluation_count``: where staff start entering paper forms. One query."""
    if not EVALUATIONS.allows(user, "add"):
        return []
    return list(
        Session.objects.visible_to(user)
        .select_related("group")
        .annotate(evaluation_count=Count("evaluations"))
        .order_by("-date", "-id")[:most]
    )


def activities_with_young_people(user: Any) -> QuerySet[InvolvementActivity]:
    """The activities the user may read, each with ``seen_young_people``: the young people
    named in it whom the user may see (none for a board member), in one query for a page."""
    seen = people_selectors.young_people_visible_to(user).order_by("reference")
    return activities_visible_to(user).prefetch_related(
        Prefetch("young_people", queryset=seen, to_attr="seen_young_people")
    )
