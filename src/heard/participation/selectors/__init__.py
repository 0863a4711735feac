"""Reads of the participation log, scoped to what the user may see, with their joins."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from heard.core import years
from heard.core.disclosure import quarter_of
from heard.core.permissions import can, is_partner_worker, is_staff_member, is_theme_lead
from heard.groups import selectors as group_selectors
from heard.groups.models import Group, Theme
from heard.participation import summaries
from heard.participation.headcounts import Headcount
from heard.participation.models import (
    Attendance,
    Method,
    Session,
    SessionQuerySet,
    YearlyParticipant,
    YearlyParticipation,
)
from heard.participation.policies import SESSION_POLICY
from heard.participation.selectors.headcounts import (
    Represented,
    TookPart,
    headcount_get,
    headcounts_visible_to,
    organisations_for_headcounts,
    organisations_for_logging,
    schools_represented,
    session_took_part,
    took_part,
)
from heard.people import selectors as people_selectors
from heard.people.models import Organisation, YoungPerson
from heard.people.policies import ORGANISATION
from heard.safeguarding import selectors as safeguarding_selectors

__all__ = [
    "Represented",
    "TookPart",
    "headcount_get",
    "headcounts_visible_to",
    "organisations_for_headcounts",
    "organisations_for_logging",
    "schools_represented",
    "session_took_part",
    "took_part",
]

_M = TypeVar("_M", Session, YearlyParticipation)


def _scoped(user: Any, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """Rows of the summary: a partner worker's own organisation's only."""
    if is_partner_worker(user):
        return queryset.filter(organisation_id=user.organisation_id)
    return queryset


def sessions_visible_to(user: Any) -> SessionQuerySet:
    """Every session the user may read, with what a list page or export shows of each."""
    attended = (
        Attendance.objects.filter(session=OuterRef("pk"), status=Attendance.Status.ATTENDED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Session.objects.visible_to(user)
        .select_related("group", "young_person", "organisation", "logged_by")
        .prefetch_related("themes", "methods", "standards", "staff_present")
        .annotate(
            attendee_count=Coalesce(Subquery(attended, output_field=IntegerField()), Value(0))
        )
        .order_by("-date", "-id")
    )


def session_details_visible_to(user: Any) -> SessionQuerySet:
    """The sessions the user may read, each with what its page or the API's detail shows: its
    attendances too, with their young people, by reference, and its headcounts."""
    attendances = Attendance.objects.select_related("young_person").order_by(
        "young_person__reference"
    )
    return sessions_visible_to(user).prefetch_related(
        Prefetch("attendances", queryset=attendances),
        Prefetch("headcounts", queryset=Headcount.objects.select_related("organisation")),
        "other_groups",
    )


def session_get(user: Any, pk: Any) -> Session:
    """One session with its attendances; 404 when it does not exist or is not the user's."""
    session = session_details_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if session is None:
        raise Http404("No such session.")
    return session


def session_ids_changeable_by(user: Any, ids: list[int]) -> set[int]:
    """Of these visible sessions, the ones the user may change, in one query at most."""
    if not ids:
        return set()
    changeable = SESSION_POLICY.scope(user, "change", Session.objects.filter(pk__in=ids))
    return set(changeable.values_list("pk", flat=True))


def sessions_missing_monitoring(user: Any, *, brief: bool = False) -> QuerySet[Session]:
    """Sessions whose monitoring form is still to be completed, oldest first, for follow-up.

    ``brief``: only the session, its group and young person (the home page's short list), not
    what the follow-up list shows of each (themes, methods, standards, staff, attendees): four
    queries and their rows fewer on every staff home page.
    """
    if brief:
        sessions = Session.objects.visible_to(user).select_related("group", "young_person")
    else:
        sessions = sessions_visible_to(user)
    return sessions.monitoring_incomplete().order_by("date", "id")


def groups_for_logging(user: Any) -> QuerySet[Group]:
    """Groups the user may log a session for: a theme lead's own, a partner's hosted ones."""
    if not can(user, "participation.add_session"):
        return Group.objects.none()
    groups = group_selectors.groups_plain_visible_to(user)
    if is_theme_lead(user):
        groups = groups.filter(pk__in=Group.objects.led_by(user).values("pk"))
    return groups.order_by("name")


def current_members(group: Group) -> list[YoungPerson]:
    """The group's current members, by reference, for the attendance checklist."""
    return [
        membership.young_person
        for membership in group.memberships.current()
        .select_related("young_person")
        .order_by("young_person__reference")
    ]


#: How many of a group's latest sessions say who usually comes and what it usually is.
RECENT_SESSIONS = 6
#: What a new session of a group (or young person) is, like their latest one.
REMEMBERED_FIELDS = ("kind", "degree", "participation_type")


def logging_defaults(
    *, group: Group | None = None, young_person: YoungPerson | None = None
) -> dict[str, Any]:
    """What a new session of this group (or young person's individual session) starts as: the
    kind, degree and type of their latest session, and, for a group, the young people who
    attended more than half of its latest ``RECENT_SESSIONS`` sessions (``usual_attendees``, a
    set of ids), and the staff at any of them (``usual_staff``). Empty when there is no earlier
    session. Three queries at most, read from the (group, -date) index and the session keys of
    the attendances and staff present."""
    if group is not None:
        sessions = Session.objects.filter(group=group)
    elif young_person is not None:
        sessions = Session.objects.filter(young_person=young_person, group__isnull=True)
    else:
        return {}
    recent = list(
        sessions.order_by("-date", "-id").values("pk", *REMEMBERED_FIELDS)[:RECENT_SESSIONS]
    )
    if not recent:
        return {}
    defaults: dict[str, Any] = {name: recent[0][name] for name in REMEMBERED_FIELDS}
    if group is not None:
        counts = (
            Attendance.objects.filter(
                session_id__in=[row["pk"] for row in recent], status=Attendance.Status.ATTENDED
            )
            .order_by()
            .values("young_person_id")
            .annotate(n=Count("pk"))
        )
        defaults["usual_attendees"] = {
            row["young_person_id"] for row in counts if row["n"] * 2 > len(recent)
        }
    present = Session.staff_present.through.objects.filter(  # type: ignore[attr-defined]
        session_id__in=[row["pk"] for row in recent]
    )
    defaults["usual_staff"] = set(present.values_list("user_id", flat=True))
    return defaults


def staff_present_by_default(user: Any, today: datetime.date) -> list[int]:
    """The worker logging a session, ticked as there unless the service would refuse them (no
    DBS check current today): a default that always fails would cost every log a correction."""
    if safeguarding_selectors.staff_check_problems(staff=[user], on=today):
        return []
    return [user.pk]


def young_people_by_reference(user: Any, references: list[str]) -> dict[str, YoungPerson]:
    if not references:
        return {}
    people = people_selectors.young_people_visible_to(user).filter(reference__in=references)
    return {person.reference: person for person in people}


def young_person_by_reference(user: Any, reference: str) -> YoungPerson | None:
    return young_people_by_reference(user, [reference]).get(reference)


#: The most young people a search for one shows: more, and the worker is asked to type more.
MOST_FOUND = 20


@dataclasses.dataclass(frozen=True)
class Found:
    """A search for one young person: the one whose reference was typed (``exact``), else the
    best ``MOST_FOUND`` matches at most (``people``) and how many matched (``total``)."""

    exact: YoungPerson | None = None
    people: list[YoungPerson] = dataclasses.field(default_factory=list)
    total: int = 0


def young_person_found(user: Any, text: str, *, most: int = MOST_FOUND) -> Found:
    """The young people the user may see who match ``text``: a reference typed whole is that
    young person; otherwise any part of a first, last or preferred name (for roles that see
    names) or of a reference, best first (``people.selectors.young_people_matching``). Three
    queries at most, however many match: the reference, the best ``most`` and one more, and
    the count when there are more than ``most``."""
    text = text.strip()
    if not text:
        return Found()
    exact = young_person_by_reference(user, text.upper())
    if exact is not None:
        return Found(exact=exact, people=[exact], total=1)
    matching = people_selectors.young_people_matching(
        user, people_selectors.young_people_listed(user), text
    )
    people = list(matching[: most + 1])
    if len(people) > most:
        return Found(people=people[:most], total=matching.count())
    return Found(people=people, total=len(people))


def sees_names(user: Any) -> bool:
    """Whether the user sees young people's names (else only their references)."""
    return people_selectors.sees_names(user)


def active_staff() -> QuerySet[Any]:
    """Staff who can be recorded as present at a session."""
    return get_user_model().objects.filter(is_active=True).exclude(role="").order_by("full_name")


def staff_choosable(user: Any, *, keep: Any = ()) -> QuerySet[Any]:
    """The active staff ``user`` may record as present at a session: the staff an organisation's
    page shows them (``people.policies.OrganisationPolicy``'s ``view_staff``: programme staff
    every organisation's, and so everyone; a partner worker their own organisation's), the staff
    of the host organisations of the groups they may log sessions for (``groups_for_logging``: a
    theme lead records the youth workers who ran their groups' sessions; a partner worker's stay
    their own organisation), always themselves, and ``keep`` (ids already recorded on the
    session being edited). One query, whatever the number of groups or staff: the organisations
    are subqueries. The one definition the form's choices and the service's check use."""
    staff = active_staff()
    if ORGANISATION.allows(user, "view_staff"):
        return staff
    organisations = ORGANISATION.scope(user, "view_staff", Organisation.objects.all())
    allowed = Q(organisation__in=organisations.values("pk")) | Q(pk=user.pk) | Q(pk__in=list(keep))
    if not is_partner_worker(user):
        allowed |= Q(organisation__in=groups_for_logging(user).values("host_organisation"))
    return staff.filter(allowed)


def staff_not_choosable(user: Any, staff: list[Any], *, keep: Any = ()) -> list[Any]:
    """Of ``staff`` (active members of staff), those ``user`` may not record as present: no
    query for those who may record anyone."""
    if not staff or ORGANISATION.allows(user, "view_staff"):
        return []
    allowed = set(
        staff_choosable(user, keep=keep)
        .filter(pk__in=[member.pk for member in staff])
        .values_list("pk", flat=True)
    )
    return [member for member in staff if member.pk not in allowed]


def themes_for_sessions(user: Any, *, session: Session | None = None) -> QuerySet[Theme]:
    """Themes a session can be tagged with: those not closed, and any it already has."""
    themes = group_selectors.themes_visible_to(user)
    keep = Q(status__in=[Theme.Status.ACTIVE, Theme.Status.PROPOSED])
    if session is not None and session.pk:
        keep |= Q(sessions=session)
    return themes.filter(keep).distinct().order_by("-period", "title")


def methods_all() -> QuerySet[Method]:
    return Method.objects.all()


def partnership_year_start(today: datetime.date) -> datetime.date:
    """The partnership year runs from 1 April."""
    return years.year_start(today)


#: The calendar quarter holding a day (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec), inclusive: the
#: home page's "sessions this quarter".
quarter_bounds = quarter_of


def _counted(user: Any, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """What the home counts are taken over: aggregates, so board members count them too."""
    if not is_staff_member(user):
        return queryset.none()
    return _scoped(user, queryset)


def _active_young_people(user: Any, year: int) -> dict[str, int | None]:
    """Young people who attended an active session in the partnership year, each once, and how
    many of them did in a Buddy Group.

    Read from ``YearlyParticipant`` (one row per young person and year): grouping the summary's
    190,000 rows of the year per young person took 80-130 ms at national scale, the 825,000
    attendances behind them 0.9-1.1 s. A partner worker counts their organisation's sessions
    only, so their few rows of the yearly summary are grouped instead.
    """
    if is_partner_worker(user):
        rows = _counted(user, YearlyParticipation.objects.filter(year=year))
        return summaries.participants(rows).aggregate(
            total=Count("young_person_id"), via_buddy_groups=Sum("s_buddy")
        )
    participants = YearlyParticipant.objects.filter(year=year)
    if not is_staff_member(user):
        participants = participants.none()
    # Columns of the index on (year, via_buddy_group) only, so the count reads that index alone
    # (national scale: 121,000 rows, 33 -> 14 ms).
    return participants.aggregate(
        total=Count("*"),
        via_buddy_groups=Count("via_buddy_group", filter=Q(via_buddy_group=True)),
    )


def home_counts(
    *, user: Any, today: datetime.date, overdue_count: int | None = None
) -> dict[str, int]:
    """The home page figures, in a fixed number of aggregate queries.

    ``overdue_count`` lets a caller that already counted ``overdue_groups`` for the user pass it.
    """
    sessions = _counted(user, Session.objects.all())
    active = _active_young_people(user, years.partnership_year(today))
    quarter_start, quarter_end = quarter_bounds(today)
    # Two counts, each read from its own index (date; monitoring form, date): one aggregate with
    # two FILTERs read every session instead (a million at national scale, ten times slower).
    this_quarter = sessions.filter(date__range=(quarter_start, quarter_end)).count()
    incomplete = sessions.filter(monitoring_form_complete=False).count()
    if overdue_count is None:
        overdue_count = (
            group_selectors.overdue_groups(user=user, today=today).count()
            if is_staff_member(user)
            else 0
        )
    return {
        "active_young_people": active["total"] or 0,
        "active_via_buddy_groups": active["via_buddy_groups"] or 0,
        "sessions_this_quarter": this_quarter,
        "overdue_visits": overdue_count,
        "incomplete_monitoring_forms": incomplete,
    }
