"""The loop: what is owed a response or feedback, who answers for it, and how well it closes.

``loop_figures`` aggregates in SQL, so a theme with 100,000 views costs the same few queries as
one with two.
"""

from __future__ import annotations

import datetime
from typing import Any, TypedDict, Unpack

from django.db import connection
from django.db.models import Count, DateField, Exists, F, OuterRef, Prefetch, Q, QuerySet, Value

from heard.core import disclosure
from heard.core.models import Partnership
from heard.core.policies import role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.core.sql import DaysBetween, Median
from heard.voice.models import Rating, Response, View
from heard.voice.policies import VIEW_POLICY, may_see_loop_figures, views_answered_by
from heard.voice.selectors.records import responses_visible_to, views_scoped, views_visible_to

ViewThemes = View.themes.through
ResponseViews = Response.views.through
LOOP_DONE = (View.Status.FED_BACK, View.Status.RATED)
LOOP_RESPONDED = (View.Status.RESPONDED, *LOOP_DONE)


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _days_since(today: datetime.date, column: str) -> DaysBetween:
    return DaysBetween(Value(today, output_field=DateField()), F(column))


# --- What is owed ------------------------------------------------------------------------------


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


def _answers_for_all(user: Any) -> bool:
    """Heard itself and programme staff answer for every view."""
    return user is None or role_of(user) in PROGRAMME_ROLES


def _responsible_views(
    user: Any, status: str, recorded_before: datetime.date | None = None
) -> QuerySet[View]:
    """The views in ``status`` (recorded before a day) that a user answers for: all for
    programme staff, a theme lead's those the voice policy says they answer for, a partner
    worker's their organisation's (which they may change); none for those who only read."""
    if role_of(user) == Role.THEME_LEAD:
        # The same views as ``answered_scope``, read from the responsibility rows' index.
        return views_answered_by(user, status=status, recorded_before=recorded_before)
    views = View.objects.filter(status=status)
    if recorded_before is not None:
        views = views.filter(recorded_on__lt=recorded_before)
    return answered_scope(user, views)


def answered_scope(user: Any, views: QuerySet[View]) -> QuerySet[View]:
    """Of ``views``, those the user answers for: the ones they may respond to (a partner
    worker, who responds to none: their organisation's, which they may change and chase). The
    home page's overdue lists and the views list's "views I answer for" filter."""
    action = "change" if role_of(user) == Role.PARTNER_WORKER else "respond"
    return VIEW_POLICY.scope(user, action, views)  # type: ignore[no-any-return]


def _owed_feedback(user: Any, responses: QuerySet[Response]) -> QuerySet[Response]:
    """Of these responses, those still owed feedback on a view the user answers for."""
    waiting = None if _answers_for_all(user) else _responsible_views(user, View.Status.RESPONDED)
    return _awaiting_feedback(responses, waiting)


def feedback_owed(*, user: Any, today: datetime.date) -> QuerySet[Response]:
    """Responses not yet told to everyone who gave their views, oldest first: all of them for
    those who answer for every view or only read, a theme lead's and a partner worker's those
    of the views they answer for.

    Each has ``days_waiting`` (since the response) and ``owed_views``: its views still waiting,
    with the young people and groups who gave them.
    """
    waiting = views_visible_to(user).filter(status=View.Status.RESPONDED)
    responses = responses_visible_to(user)
    if role_of(user) in (Role.THEME_LEAD, Role.PARTNER_WORKER):
        responses = _owed_feedback(user, responses)
    else:
        responses = _awaiting_feedback(responses, None)
    return (
        responses.prefetch_related(
            Prefetch("views", queryset=waiting.order_by("id"), to_attr="owed_views")
        )
        .annotate(days_waiting=_days_since(today, "date"))
        .order_by("date", "id")
    )


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
        if role_of(user) == Role.THEME_LEAD
        else ("recorded_on", "id")
    )
    views = (
        _responsible_views(user, View.Status.OPEN, respond_by)
        .select_related("organisation", "group", "session")
        .annotate(days_waiting=_days_since(today, "recorded_on"))
        .order_by(*by_date)
    )
    responses = (
        _owed_feedback(user, Response.objects.all())
        .filter(date__lt=feed_back_by)
        .annotate(days_waiting=_days_since(today, "date"))
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


class FigureFilters(TypedDict, total=False):
    """The loop figures' filters: views recorded from ``start`` to ``end`` (each included), on
    ``theme``, in ``group``, by ``organisation``; each None or left out: any."""

    start: datetime.date | None
    end: datetime.date | None
    theme: Any
    group: Any
    organisation: Any


def _figure_views(
    user: Any,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    theme: Any = None,
    group: Any = None,
    organisation: Any = None,
) -> QuerySet[View]:
    if user is not None and not may_see_loop_figures(user):
        return View.objects.none()
    # Board members see the figures without reading views: their scope is every view.
    views = View.objects.all() if role_of(user) == Role.BOARD_MEMBER else views_scoped(user)
    views = views.order_by()
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


#: The views' counts along the loop and the sums of their record keys (ADR 0008).
def _view_counts() -> dict[str, Any]:
    return {
        "recorded": Count("pk"),
        "responded": Count("pk", filter=Q(status__in=LOOP_RESPONDED)),
        "fed_back": Count("pk", filter=Q(status__in=LOOP_DONE)),
        "recorded_keys": disclosure.key_sum("view"),
        "responded_keys": disclosure.key_sum("view", filter=Q(status__in=LOOP_RESPONDED)),
        "fed_back_keys": disclosure.key_sum("view", filter=Q(status__in=LOOP_DONE)),
    }


def _view_figures(views: QuerySet[View]) -> dict[str, Any]:
    """Counts of the views along the loop (with their keys) and the median days to feedback:
    one query, and on SQLite one more for the median (the middle one or two values)."""
    days = DaysBetween(F("fed_back_on"), F("recorded_on"))
    aggregates: dict[str, Any] = {
        **_view_counts(),
        "with_feedback_date": Count("fed_back_on"),
    }
    if connection.vendor == "postgresql":  # pragma: no cover - run by the PostgreSQL job
        aggregates["median"] = Median(days)
        return views.aggregate(**aggregates)
    figures = views.aggregate(**aggregates)
    count = figures["with_feedback_date"] or 0
    middle = list(
        views.filter(fed_back_on__isnull=False)
        .annotate(days=days)
        .order_by("days")
        .values_list("days", flat=True)[max(count - 1, 0) // 2 : count // 2 + 1]
    )
    figures["median"] = sum(middle) / len(middle) if middle else None
    return figures


def _response_links(views: QuerySet[View]) -> QuerySet[Any]:
    """The links of the responses to those views, through the links alone when the views are
    every view (the whole partnership, unfiltered): joining each link to its view only to find
    it there cost 0.4-0.5 s in each of the two queries below at national scale (400,000
    links)."""
    if views.query.where:
        return ResponseViews.objects.filter(view__in=views)
    return ResponseViews.objects.all()


def _response_figures(links: QuerySet[Any]) -> dict[str, Any]:
    responses = Response.objects.filter(Exists(links.filter(response_id=OuterRef("pk")))).order_by()
    not_possible = Q(outcome=Response.Outcome.NOT_POSSIBLE)
    with_reason = not_possible & ~Q(explanation="")
    return responses.aggregate(
        total=Count("pk"),
        not_possible=Count("pk", filter=not_possible),
        with_reason=Count("pk", filter=with_reason),
        total_keys=disclosure.key_sum("response"),
        not_possible_keys=disclosure.key_sum("response", filter=not_possible),
        with_reason_keys=disclosure.key_sum("response", filter=with_reason),
    )


def _rating_figures(links: QuerySet[Any]) -> dict[str, Any]:
    values = Rating.Value.values
    return (
        Rating.objects.filter(response_id__in=links.values("response_id"))
        .order_by()
        .aggregate(
            **{value: Count("pk", filter=Q(value=value)) for value in values},
            **{
                f"{value}_keys": disclosure.key_sum("rating", filter=Q(value=value))
                for value in values
            },
        )
    )


def _cell(row: dict[str, Any], name: str) -> disclosure.Cell:
    return disclosure.Cell(row.get(name) or 0, row.get(f"{name}_keys") or 0)


def _cells(views: dict[str, Any], responses: dict[str, Any], ratings: dict[str, Any]) -> dict:
    """Each count with its records' keys, for protected figures (``voice.disclosure``)."""
    return {
        "views_recorded": _cell(views, "recorded"),
        "views_responded": _cell(views, "responded"),
        "views_fed_back": _cell(views, "fed_back"),
        "responses": _cell(responses, "total"),
        "not_possible_responses": _cell(responses, "not_possible"),
        "not_possible_with_reason": _cell(responses, "with_reason"),
        **{f"rating_{value}": _cell(ratings, value) for value in Rating.Value.values},
    }


def loop_figures(
    *, user: Any, cells: bool = False, views_only: bool = False, **filters: Unpack[FigureFilters]
) -> dict[str, Any]:
    """How well the loop closes for views recorded in a period (and theme, group, organisation).

    ``cells``: also return each count with the sum of its records' keys (``"cells"``), from which
    ``voice.disclosure`` makes protected figures (ADR 0008). ``views_only``: the views' figures
    alone (counts, shares, median), not the responses' and ratings' (a report's loop table,
    which shows only those: one query of three).

    Shares are fractions from 0 to 1 (None when there is nothing to divide by). Aggregated in SQL:
    three queries on PostgreSQL (the median by ``percentile_cont``), four elsewhere (the median
    by one ordered OFFSET query), whatever the number of views. Board members see these figures
    (aggregates only); a partner worker's cover their own organisation.
    """
    views = _figure_views(user, **filters)
    figures = _view_figures(views)
    recorded = figures["recorded"] or 0
    responded, fed_back = figures["responded"] or 0, figures["fed_back"] or 0
    median = figures["median"]
    out: dict[str, Any] = {
        "views_recorded": recorded,
        "views_responded": responded,
        "views_fed_back": fed_back,
        "share_responded": _share(responded, recorded),
        "share_fed_back": _share(fed_back, recorded),
        "median_days_view_to_feedback": float(median) if median is not None else None,
    }
    if views_only:
        if cells:
            out["cells"] = {name: _cell(figures, part) for name, part in VIEW_CELLS}
        return out
    links = _response_links(views)
    response_figures = (
        _response_figures(links) if recorded else {"total": 0, "not_possible": 0, "with_reason": 0}
    )
    ratings = _rating_figures(links) if recorded else dict.fromkeys(Rating.Value.values, 0)
    out.update(
        {
            "responses": response_figures["total"],
            "not_possible_responses": response_figures["not_possible"],
            "not_possible_with_reason": response_figures["with_reason"],
            "not_possible_with_reason_share": _share(
                response_figures["with_reason"], response_figures["not_possible"]
            ),
            "ratings": {value: ratings[value] or 0 for value in Rating.Value.values},
        }
    )
    if cells:
        out["cells"] = _cells(figures, response_figures, ratings)
    return out


def loop_view_cells(
    *,
    user: Any,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    theme: Any = None,
    organisation: Any = None,
) -> dict[str, disclosure.Cell]:
    """Only the views' cells of :func:`loop_figures` (recorded, responded, fed back, each with
    its keys): one query, for the indicators, which need no responses, ratings or median (a
    national quarter's loop figures take three queries, of which this is a quarter of the time)."""
    views = _figure_views(
        user, start=start, end=end, theme=theme, group=None, organisation=organisation
    )
    row = views.aggregate(**_view_counts())
    return {name: _cell(row, part) for name, part in VIEW_CELLS}


#: The cells :func:`loop_view_cells` gives, named as in :func:`loop_figures`' ``"cells"``.
VIEW_CELLS = (
    ("views_recorded", "recorded"),
    ("views_responded", "responded"),
    ("views_fed_back", "fed_back"),
)
