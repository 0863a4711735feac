"""Reads of views, responses and feedback, scoped to what the user may see, and the loop figures.

Every list runs a fixed number of queries whatever its rows; ``loop_figures`` aggregates in SQL, so
a theme with 100,000 views costs the same few queries as one with two.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.http import Http404

from heard.core import disclosure
from heard.core.models import Partnership
from heard.core.permissions import can, is_partner_worker, is_programme_staff, is_theme_lead
from heard.core.sql import DaysBetween, Median
from heard.core.years import partnership_year, year_bounds, year_label, year_of
from heard.groups.models import Membership
from heard.participation import selectors as participation_selectors
from heard.participation.models import Attendance, Session
from heard.people.models import YoungPerson
from heard.voice.consents import evidence_with_photo_consent
from heard.voice.models import Evidence, Feedback, Rating, Response, View

ViewThemes = View.themes.through
ViewPeople = View.young_people.through
ResponseViews = Response.views.through
LOOP_DONE = (View.Status.FED_BACK, View.Status.RATED)
LOOP_RESPONDED = (View.Status.RESPONDED, *LOOP_DONE)


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _scoped(user: Any, queryset: QuerySet[View]) -> QuerySet[View]:
    if user is not None and is_partner_worker(user):
        return queryset.filter(organisation_id=user.organisation_id)
    return queryset


# --- Views -----------------------------------------------------------------------------------


def views_visible_to(user: Any) -> QuerySet[View]:
    """Every view the user may read (none for board members), with what a list shows of each."""
    if not can(user, "voice.view_view"):
        return View.objects.none()
    return (
        _scoped(user, View.objects.all())
        .select_related("session", "session__group", "organisation", "group", "recorded_by")
        .prefetch_related("themes", "young_people")
        .order_by("-recorded_on", "-id")
    )


def evidence_of_views() -> QuerySet[Evidence]:
    """Evidence as pages and the API list it: each with ``photo_withheld`` (``voice.consents``),
    read in the same query, so a withdrawn consent hides a photo on the next request."""
    return evidence_with_photo_consent(Evidence.objects.select_related("uploaded_by"))


def view_get(user: Any, pk: Any) -> View:
    """One view with its responses (and their feedback) and evidence; 404 when not the user's.

    Each evidence file has ``photo_withheld`` (``voice.consents``): why an image must not be
    shown, or "".
    """
    if not str(pk).isdigit():
        raise Http404("No such view.")
    responses = Response.objects.select_related("written_by").prefetch_related(
        Prefetch(
            "feedback",
            queryset=Feedback.objects.select_related("given_by").prefetch_related(
                "young_people", "groups"
            ),
        )
    )
    view = (
        views_visible_to(user)
        .prefetch_related(
            Prefetch("responses", queryset=responses.order_by("date", "id")),
            Prefetch("evidence", queryset=evidence_of_views()),
        )
        .filter(pk=pk)
        .first()
    )
    if view is None:
        raise Http404("No such view.")
    return view


def evidence_get(user: Any, pk: Any) -> Evidence:
    """One evidence file whose view the user may read; 404 otherwise. It has ``photo_withheld``
    (``voice.consents``): an image that must not be sent says why."""
    if not str(pk).isdigit():
        raise Http404("No such file.")
    evidence = (
        evidence_with_photo_consent(Evidence.objects.select_related("view"))
        .filter(pk=pk, view__in=views_visible_to(user).values("pk"))
        .first()
    )
    if evidence is None:
        raise Http404("No such file.")
    return evidence


def views_open_for_response(user: Any, pks: list[Any]) -> list[View]:
    """Of these view ids, the open ones the user may see (for the respond page)."""
    ids = [int(pk) for pk in pks if str(pk).isdigit()]
    return list(views_visible_to(user).filter(pk__in=ids, status=View.Status.OPEN))


def session_views(user: Any, session: Session) -> QuerySet[View]:
    """The views recorded from one session, oldest first."""
    return views_visible_to(user).filter(session=session).order_by("id")


# --- Responses and feedback --------------------------------------------------------------------


def responses_visible_to(user: Any) -> QuerySet[Response]:
    """Responses the user may read: a partner worker's are those answering their own views (and
    they see only their own views of each)."""
    if not can(user, "voice.view_response"):
        return Response.objects.none()
    queryset = Response.objects.all()
    if user is not None and is_partner_worker(user):
        queryset = queryset.filter(
            Exists(
                ResponseViews.objects.filter(
                    response_id=OuterRef("pk"), view__organisation_id=user.organisation_id
                )
            )
        )
    return (
        queryset.select_related("written_by")
        .prefetch_related(
            Prefetch("views", queryset=views_visible_to(user).order_by("id")),
            Prefetch(
                "feedback",
                queryset=Feedback.objects.select_related("given_by")
                .prefetch_related("young_people", "groups")
                .order_by("date", "id"),
            ),
        )
        .order_by("-date", "-id")
    )


def response_get(user: Any, pk: Any) -> Response:
    if not str(pk).isdigit():
        raise Http404("No such response.")
    response = responses_visible_to(user).filter(pk=pk).first()
    if response is None:
        raise Http404("No such response.")
    return response


def feedback_visible_to(user: Any) -> QuerySet[Feedback]:
    """Feedback on the responses the user may read."""
    if not can(user, "voice.view_feedback"):
        return Feedback.objects.none()
    feedback = Feedback.objects.all()
    if is_partner_worker(user):
        # Only a partner worker reads fewer responses than all: restricting everyone else to
        # "every response" cost a semi-join of 330,000 rows (national scale, 0.2 s a page).
        feedback = feedback.filter(response__in=responses_visible_to(user).values("pk"))
    return (
        feedback.select_related("response", "given_by")
        .prefetch_related("young_people", "groups")
        .order_by("-date", "-id")
    )


def _awaiting_feedback(
    responses: QuerySet[Response], waiting: QuerySet[View] | None
) -> QuerySet[Response]:
    """Of these responses, those with a view still responded: any such view (``waiting`` None),
    or one of ``waiting`` (the views still responded in a user's scope).

    ``awaiting_feedback`` is kept by the loop services: read alone it is the whole test; with a
    scope it narrows the semi-join to the responses that have any such view (national scale:
    54,000 of 330,000).
    """
    responses = responses.filter(awaiting_feedback=True)
    if waiting is None:
        return responses
    return responses.filter(Exists(waiting.filter(responses=OuterRef("pk"))))


def feedback_owed(*, user: Any, today: datetime.date) -> QuerySet[Response]:
    """Responses not yet told to everyone who gave their views, oldest first.

    Each has ``days_waiting`` (since the response) and ``owed_views``: its views still waiting,
    with the young people and groups who gave them.
    """
    waiting = views_visible_to(user).filter(status=View.Status.RESPONDED)
    # Only a partner worker reads fewer views than all (and a role reading no views, none).
    in_scope = waiting if is_partner_worker(user) or not can(user, "voice.view_view") else None
    return (
        _awaiting_feedback(responses_visible_to(user), in_scope)
        .prefetch_related(Prefetch("views", queryset=waiting.order_by("id"), to_attr="owed_views"))
        .annotate(days_waiting=DaysBetween(Value(today, output_field=DateField()), F("date")))
        .order_by("date", "id")
    )


def _responsible_views(
    user: Any, status: str, recorded_before: datetime.date | None = None
) -> QuerySet[View]:
    """The views in ``status`` (recorded before a day) that a user answers for: all for
    programme staff, a theme lead's through their themes and groups, a partner worker's
    organisation's; none for those who only read."""
    views = View.objects.filter(status=status)
    if recorded_before is not None:
        views = views.filter(recorded_on__lt=recorded_before)
    if user is None or is_programme_staff(user):
        return views
    if is_theme_lead(user):
        # Read from ``ViewResponsibility`` (``voice.responsibility``), status and date included,
        # in one filter so they are one index range: testing "of their themes, their groups'
        # sessions or their themes' groups" against each of the partnership's 168,000 open
        # views cost 80-180 ms a query at national scale.
        lookups: dict[str, Any] = {
            "responsibilities__user": user,
            "responsibilities__status": status,
        }
        if recorded_before is not None:
            lookups["responsibilities__recorded_on__lt"] = recorded_before
        return View.objects.filter(**lookups)
    if is_partner_worker(user):
        return views.filter(organisation_id=user.organisation_id)
    return views.none()


def partnership_settings() -> Partnership:
    """The partnership's targets, read in one query without creating the row (defaults if
    it is not there yet), so a page's query count does not depend on an earlier visit."""
    return Partnership.objects.filter(pk=1).first() or Partnership(pk=1)


def loop_overdue(*, user: Any, today: datetime.date) -> dict[str, Any]:
    """What the user is responsible for that is past the partnership's targets.

    ``views_awaiting_response``: open views recorded more than N days ago, oldest first, each with
    ``days_waiting``; ``responses_awaiting_feedback``: responses more than M days old whose views
    are not yet fed back, oldest first, each with ``days_waiting``; and the two targets.
    """
    partnership = partnership_settings()
    respond_by = today - datetime.timedelta(days=partnership.respond_within_days)
    feed_back_by = today - datetime.timedelta(days=partnership.feed_back_within_days)
    # A theme lead's rows are ordered by their responsibility rows' copy of the date, which the
    # index gives in order: by the view's own date the planner walked every view by date.
    by_date = (
        ("responsibilities__recorded_on", "responsibilities__view_id")
        if user is not None and not is_programme_staff(user) and is_theme_lead(user)
        else ("recorded_on", "id")
    )
    views = (
        _responsible_views(user, View.Status.OPEN, respond_by)
        .select_related("organisation", "group", "session")
        .annotate(
            days_waiting=DaysBetween(Value(today, output_field=DateField()), F("recorded_on"))
        )
        .order_by(*by_date)
    )
    waiting = _responsible_views(user, View.Status.RESPONDED)
    responses = (
        _awaiting_feedback(
            Response.objects.all(), None if user is None or is_programme_staff(user) else waiting
        )
        .filter(date__lt=feed_back_by)
        .annotate(days_waiting=DaysBetween(Value(today, output_field=DateField()), F("date")))
        .order_by("date", "id")
    )
    return {
        "views_awaiting_response": views,
        "responses_awaiting_feedback": responses,
        "respond_within_days": partnership.respond_within_days,
        "feed_back_within_days": partnership.feed_back_within_days,
    }


# --- Loop figures ------------------------------------------------------------------------------


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _figure_views(
    user: Any,
    *,
    start: datetime.date | None,
    end: datetime.date | None,
    theme: Any,
    group: Any,
    organisation: Any,
) -> QuerySet[View]:
    if not can(user, "voice.view_loop_figures"):
        return View.objects.none()
    views = _scoped(user, View.objects.all()).order_by()
    if start is not None:
        views = views.filter(recorded_on__gte=start)
    if end is not None:
        views = views.filter(recorded_on__lte=end)
    if theme is not None:
        views = views.filter(
            Exists(ViewThemes.objects.filter(view_id=OuterRef("pk"), theme_id=_pk(theme)))
        )
    if group is not None:
        views = views.filter(Q(group_id=_pk(group)) | Q(session__group_id=_pk(group)))
    if organisation is not None:
        views = views.filter(organisation_id=_pk(organisation))
    return views


def loop_figures(
    *,
    user: Any,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    theme: Any = None,
    group: Any = None,
    organisation: Any = None,
    cells: bool = False,
) -> dict[str, Any]:
    """How well the loop closes for views recorded in a period (and theme, group, organisation).

    ``cells``: also return each count with the sum of its records' keys (``"cells"``), from which
    ``voice.disclosure`` makes protected figures (ADR 0008).

    Shares are fractions from 0 to 1 (None when there is nothing to divide by). Aggregated in SQL:
    three queries on PostgreSQL (the median by ``percentile_cont``), four elsewhere (the median
    by one ordered OFFSET query), whatever the number of views. Board members see these figures
    (aggregates only); a partner worker's cover their own organisation.
    """
    views = _figure_views(
        user, start=start, end=end, theme=theme, group=group, organisation=organisation
    )
    days = DaysBetween(F("fed_back_on"), F("recorded_on"))
    aggregates: dict[str, Any] = {
        "recorded": Count("pk"),
        "responded": Count("pk", filter=Q(status__in=LOOP_RESPONDED)),
        "fed_back": Count("pk", filter=Q(status__in=LOOP_DONE)),
        "with_feedback_date": Count("fed_back_on"),
        # The sums of the record keys (ADR 0008), for protected figures' cell keys.
        "recorded_keys": disclosure.key_sum("view"),
        "responded_keys": disclosure.key_sum("view", filter=Q(status__in=LOOP_RESPONDED)),
        "fed_back_keys": disclosure.key_sum("view", filter=Q(status__in=LOOP_DONE)),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        aggregates["median"] = Median(days)
    figures = views.aggregate(**aggregates)
    recorded = figures["recorded"] or 0
    median: float | None = None
    count = figures["with_feedback_date"] or 0
    if postgres:
        median = figures["median"]
    else:
        # Always one query (empty when nothing was fed back): the middle one or two values.
        middle = list(
            views.filter(fed_back_on__isnull=False)
            .annotate(days=days)
            .order_by("days")
            .values_list("days", flat=True)[max(count - 1, 0) // 2 : count // 2 + 1]
        )
        median = sum(middle) / len(middle) if middle else None

    # The responses to those views, through the links alone when the views are every view (the
    # whole partnership, unfiltered): joining each link to its view only to find it there cost
    # 0.4-0.5 s in each of the two queries below at national scale (400,000 links).
    links = (
        ResponseViews.objects.filter(view__in=views)
        if views.query.where
        else ResponseViews.objects.all()
    )
    responses = Response.objects.filter(Exists(links.filter(response_id=OuterRef("pk")))).order_by()
    not_possible = Q(outcome=Response.Outcome.NOT_POSSIBLE)
    with_reason = not_possible & ~Q(explanation="")
    response_figures = (
        responses.aggregate(
            total=Count("pk"),
            not_possible=Count("pk", filter=not_possible),
            with_reason=Count("pk", filter=with_reason),
            total_keys=disclosure.key_sum("response"),
            not_possible_keys=disclosure.key_sum("response", filter=not_possible),
            with_reason_keys=disclosure.key_sum("response", filter=with_reason),
        )
        if recorded
        else {"total": 0, "not_possible": 0, "with_reason": 0}
    )
    rating_counts = (
        Rating.objects.filter(response_id__in=links.values("response_id"))
        .order_by()
        .aggregate(
            **{value: Count("pk", filter=Q(value=value)) for value in Rating.Value.values},
            **{
                f"{value}_keys": disclosure.key_sum("rating", filter=Q(value=value))
                for value in Rating.Value.values
            },
        )
        if recorded
        else dict.fromkeys(Rating.Value.values, 0)
    )

    def cell(row: dict[str, Any], name: str) -> disclosure.Cell:
        return disclosure.Cell(row.get(name) or 0, row.get(f"{name}_keys") or 0)

    out = {
        "views_recorded": recorded,
        "views_responded": figures["responded"] or 0,
        "views_fed_back": figures["fed_back"] or 0,
        "share_responded": _share(figures["responded"] or 0, recorded),
        "share_fed_back": _share(figures["fed_back"] or 0, recorded),
        "median_days_view_to_feedback": float(median) if median is not None else None,
        "responses": response_figures["total"],
        "not_possible_responses": response_figures["not_possible"],
        "not_possible_with_reason": response_figures["with_reason"],
        "not_possible_with_reason_share": _share(
            response_figures["with_reason"], response_figures["not_possible"]
        ),
        "ratings": {value: rating_counts[value] or 0 for value in Rating.Value.values},
    }
    if cells:
        # Each count with its records' keys, for protected figures (voice.disclosure).
        out["cells"] = {
            "views_recorded": cell(figures, "recorded"),
            "views_responded": cell(figures, "responded"),
            "views_fed_back": cell(figures, "fed_back"),
            "responses": cell(response_figures, "total"),
            "not_possible_responses": cell(response_figures, "not_possible"),
            "not_possible_with_reason": cell(response_figures, "with_reason"),
            **{f"rating_{value}": cell(rating_counts, value) for value in Rating.Value.values},
        }
    return out


# --- For the young person's portal and the public page -------------------------------------------


def _current_group_ids(young_person: YoungPerson) -> QuerySet[Membership, Any]:
    return Membership.objects.filter(young_person=young_person, left_on__isnull=True).values(
        "group_id"
    )


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
    sessions = (
        participation_selectors.sessions_visible_to(user)
        .prefetch_related(None)
        .filter(
            Exists(
                Attendance.objects.filter(
                    session_id=OuterRef("pk"),
                    young_person=young_person,
                    status=Attendance.Status.ATTENDED,
                )
            )
        )
    )
    their_view_ids = (
        ViewPeople.objects.filter(youngperson_id=young_person.pk)
        .values("view_id")
        .union(View.objects.filter(group_id__in=group_ids).order_by().values("pk"))
    )
    views = views_visible_to(user).prefetch_related(None).filter(pk__in=their_view_ids)
    responses = (
        responses_visible_to(user)
        .prefetch_related(None)
        .filter(
            pk__in=ResponseViews.objects.filter(view_id__in=views.order_by().values("pk")).values(
                "response_id"
            )
        )
    )
    their_feedback_ids = (
        Feedback.young_people.through.objects.filter(youngperson_id=young_person.pk)
        .values("feedback_id")
        .union(Feedback.groups.through.objects.filter(group_id__in=group_ids).values("feedback_id"))
    )
    feedback = feedback_visible_to(user).prefetch_related(None).filter(pk__in=their_feedback_ids)
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
        rows.prefetch_related(None)
        .select_related(None)
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
