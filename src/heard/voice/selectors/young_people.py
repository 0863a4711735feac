"""Views and responses as a young person reads them (the portal, the public page), and a young
person's journey as staff read it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from heard.core.years import partnership_year, year_bounds, year_label, year_of
from heard.groups.models import Membership
from heard.participation.models import Attendance, Session
from heard.participation.policies import SESSION_POLICY
from heard.people.models import YoungPerson
from heard.voice.models import Feedback, Rating, Response, View
from heard.voice.selectors.records import feedback_scoped, responses_scoped, views_scoped

ViewThemes = View.themes.through
ViewPeople = View.young_people.through
ResponseViews = Response.views.through


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _current_group_ids(young_person: YoungPerson) -> QuerySet[Membership, Any]:
    return Membership.objects.current().filter(young_person=young_person).values("group_id")


def views_for_young_person(young_person: YoungPerson) -> QuerySet[View]:
    """Their own views and their current groups' views, never anyone else's, newest first."""
    return (
        View.objects.filter(
            Exists(
                ViewPeople.objects.filter(view_id=OuterRef("pk"), youngperson_id=young_person.pk)
            )
            | Q(group_id__in=_current_group_ids(young_person))
        )
        .select_related("group")
        .prefetch_related("themes")
        .order_by("-recorded_on", "-id")
    )


def responses_for_young_person(young_person: YoungPerson) -> QuerySet[Response]:
    """Responses to their own and their groups' views, newest first.

    Each has ``is_fed_back``; ``their_views`` (only their own and their groups' views: never
    ``response.views.all()``, which may hold other young people's) and ``their_ratings`` (their
    rating, if any).
    """
    theirs = views_for_young_person(young_person)
    return (
        Response.objects.filter(
            Exists(
                ResponseViews.objects.filter(
                    response_id=OuterRef("pk"), view_id__in=theirs.values("pk")
                )
            )
        )
        .annotate(is_fed_back=Exists(Feedback.objects.filter(response_id=OuterRef("pk"))))
        .prefetch_related(
            Prefetch("views", queryset=theirs, to_attr="their_views"),
            Prefetch(
                "ratings",
                queryset=Rating.objects.filter(young_person=young_person),
                to_attr="their_ratings",
            ),
        )
        .order_by("-date", "-id")
    )


def published_views(*, theme: Any = None) -> QuerySet[View]:
    """Views whose consent allows publishing, with their responses (oldest first), newest first.

    Nothing about who gave them is loaded.
    """
    views = View.objects.filter(consent=View.Consent.PUBLISH)
    if theme is not None:
        views = views.filter(
            Exists(ViewThemes.objects.filter(view_id=OuterRef("pk"), theme_id=_pk(theme)))
        )
    return views.prefetch_related(
        "themes", Prefetch("responses", queryset=Response.objects.order_by("date", "id"))
    ).order_by("-recorded_on", "-id")


# --- A young person's journey -----------------------------------------------------------------


@dataclass(frozen=True)
class JourneyItem:
    date: datetime.date
    kind: str  # "session", "view", "response" or "feedback"
    title: str
    detail: str
    obj: Any


@dataclass(frozen=True)
class JourneyYear:
    """A partnership year (1 April to 31 March) of a journey and how many entries it holds."""

    year: int
    entries: int

    @property
    def label(self) -> str:
        return year_label(self.year)


_ORDER = {"session": 0, "view": 1, "response": 2, "feedback": 3}


def _journey_sources(user: Any, young_person: YoungPerson) -> dict[str, tuple[QuerySet[Any], str]]:
    """Each kind of journey entry the user may see, unrestricted in time, with its date column.

    Each starts from the young person (their attendances, the link rows naming them or their
    groups), so the database looks up their few rows by index rather than filtering every view,
    response or feedback of the partnership. Responses are those to any of their views the user
    may see, whatever year the view was given in."""
    group_ids = Membership.objects.filter(young_person=young_person).values("group_id")
    sessions = SESSION_POLICY.scope(user, "view", Session.objects.select_related("group")).filter(
        Exists(
            Attendance.objects.filter(
                session_id=OuterRef("pk"),
                young_person=young_person,
                status=Attendance.Status.ATTENDED,
            )
        )
    )
    their_view_ids = (
        ViewPeople.objects.filter(youngperson_id=young_person.pk)
        .values("view_id")
        .union(View.objects.filter(group_id__in=group_ids).order_by().values("pk"))
    )
    views = views_scoped(user).filter(pk__in=their_view_ids)
    responses = responses_scoped(user).filter(
        pk__in=ResponseViews.objects.filter(view_id__in=views.order_by().values("pk")).values(
            "response_id"
        )
    )
    their_feedback_ids = (
        Feedback.young_people.through.objects.filter(youngperson_id=young_person.pk)
        .values("feedback_id")
        .union(Feedback.groups.through.objects.filter(group_id__in=group_ids).values("feedback_id"))
    )
    feedback = feedback_scoped(user).filter(pk__in=their_feedback_ids)
    return {
        "session": (sessions, "date"),
        "view": (views, "recorded_on"),
        "response": (responses, "date"),
        "feedback": (feedback, "date"),
    }


def young_person_journey(
    *, user: Any, young_person: YoungPerson, year: int | None = None
) -> list[JourneyItem]:
    """Their sessions, views (their own and their groups'), the responses to those views and the
    feedback they received, in time order, limited to what the user may see.

    With ``year``, only the entries dated in that partnership year, filtered in SQL, so the page
    of the busiest young person reads one year. Four queries, whatever the number of entries.
    """
    sources = _journey_sources(user, young_person)
    if year is not None:
        bounds = year_bounds(year)
        sources = {
            kind: (rows.filter(**{f"{field}__range": bounds}), field)
            for kind, (rows, field) in sources.items()
        }
    items = [
        JourneyItem(
            s.date,
            "session",
            s.title or s.get_kind_display(),
            s.group.name if s.group else "Individual session",
            s,
        )
        for s in sources["session"][0]
    ]
    items += [
        JourneyItem(v.recorded_on, "view", v.get_kind_display(), v.text, v)
        for v in sources["view"][0]
    ]
    items += [
        JourneyItem(r.date, "response", r.get_outcome_display(), r.plain_language, r)
        for r in sources["response"][0]
    ]
    items += [
        JourneyItem(f.date, "feedback", f.get_channel_display(), f.notes, f)
        for f in sources["feedback"][0]
    ]
    return sorted(items, key=lambda item: (item.date, _ORDER[item.kind], item.obj.pk))


def young_person_journey_years(*, user: Any, young_person: YoungPerson) -> list[JourneyYear]:
    """The partnership years that hold any of their journey the user may see, oldest first, each
    with its number of entries: one grouped query, whatever the number of entries."""
    counts = [
        rows.select_related(None)
        .order_by()
        .annotate(journey_year=year_of(field))
        .values("journey_year")
        .annotate(entries=Count("pk"))
        .values_list("journey_year", "entries")
        for rows, field in _journey_sources(user, young_person).values()
    ]
    entries: dict[int, int] = {}
    for year, number in counts[0].union(*counts[1:], all=True):
        entries[year] = entries.get(year, 0) + number
    return [JourneyYear(year, entries[year]) for year in sorted(entries)]


def journey_default_year(years: list[JourneyYear], today: datetime.date) -> int:
    """The year the journey page opens on: the latest with entries, else the current one."""
    return years[-1].year if years else partnership_year(today)
