"""Reads of views, evidence, responses and feedback, scoped by the voice policies.

Each list is shaped for its reader: :func:`views_scoped` is the policy's scope alone (for
subqueries and counts), :func:`views_visible_to` adds what a list page shows of each view.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from heard.voice.consents import evidence_with_photo_consent
from heard.voice.models import Evidence, Feedback, Response, View
from heard.voice.policies import FEEDBACK_POLICY, RESPONSE_POLICY, VIEW_POLICY


def _one(rows: QuerySet[Any], pk: Any, missing: str) -> Any:
    """The row ``pk`` of ``rows``, or 404 (also for an id that is not a number)."""
    found = rows.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise Http404(missing)
    return found


# --- Views -----------------------------------------------------------------------------------


def views_scoped(user: Any) -> QuerySet[View]:
    """The views the user may read, and nothing loaded with them."""
    return VIEW_POLICY.scope(user, "view", View.objects.all())  # type: ignore[no-any-return]


def views_visible_to(user: Any) -> QuerySet[View]:
    """Every view the user may read (none for board members), with what a list shows of each."""
    return (
        views_scoped(user)
        .select_related("session", "session__group", "organisation", "group", "recorded_by")
        .prefetch_related("themes", "young_people")
        .order_by("-recorded_on", "-id")
    )


def evidence_of_views() -> QuerySet[Evidence]:
    """Evidence as pages and the API list it: each with ``photo_withheld`` (``voice.consents``),
    read in the same query, so a withdrawn consent hides a photo on the next request."""
    return evidence_with_photo_consent(Evidence.objects.select_related("uploaded_by"))


def _responses_with_feedback() -> QuerySet[Response]:
    return Response.objects.select_related("written_by").prefetch_related(
        Prefetch("feedback", queryset=_feedback_shown())
    )


def view_get(user: Any, pk: Any) -> View:
    """One view with its responses (and their feedback) and evidence; 404 when not the user's.

    Each evidence file has ``photo_withheld`` (``voice.consents``): why an image must not be
    shown, or "".
    """
    views = views_visible_to(user).prefetch_related(
        Prefetch("responses", queryset=_responses_with_feedback().order_by("date", "id")),
        Prefetch("evidence", queryset=evidence_of_views()),
    )
    return _one(views, pk, "No such view.")  # type: ignore[no-any-return]


def evidence_get(user: Any, pk: Any) -> Evidence:
    """One evidence file whose view the user may read; 404 otherwise. It has ``photo_withheld``
    (``voice.consents``): an image that must not be sent says why."""
    evidence = evidence_with_photo_consent(Evidence.objects.select_related("view")).filter(
        view__in=views_scoped(user).values("pk")
    )
    return _one(evidence, pk, "No such file.")  # type: ignore[no-any-return]


def views_open_for_response(user: Any, pks: list[Any]) -> list[View]:
    """Of these view ids, the open ones the user may respond to (for the respond page)."""
    ids = [int(pk) for pk in pks if str(pk).isdigit()]
    views = VIEW_POLICY.scope(user, "respond", views_visible_to(user))
    return list(views.filter(pk__in=ids, status=View.Status.OPEN))


# --- Responses and feedback --------------------------------------------------------------------


def responses_scoped(user: Any) -> QuerySet[Response]:
    """The responses the user may read (a partner worker: those answering their own views), and
    nothing loaded with them."""
    return RESPONSE_POLICY.scope(user, "view", Response.objects.all())  # type: ignore[no-any-return]


def _feedback_shown() -> QuerySet[Feedback]:
    return Feedback.objects.select_related("given_by").prefetch_related("young_people", "groups")


def responses_visible_to(user: Any) -> QuerySet[Response]:
    """Responses the user may read, each with the views of it they may read and its feedback."""
    return (
        responses_scoped(user)
        .select_related("written_by")
        .prefetch_related(
            Prefetch("views", queryset=views_visible_to(user).order_by("id")),
            Prefetch("feedback", queryset=_feedback_shown().order_by("date", "id")),
        )
        .order_by("-date", "-id")
    )


def _linked(model: Any, name: str, **parents: Any) -> dict[int, list[Any]]:
    """Per id of the ``model`` rows matching ``parents`` (lookups on them), the rows their
    many-to-many ``name`` links them to, in the target's own order: one query, also when there
    are no such rows (where ``prefetch_related`` would skip it)."""
    field = model._meta.get_field(name)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = [
        f"-{target}__{key[1:]}" if key.startswith("-") else f"{target}__{key}"
        for key in field.related_model._meta.ordering or ["pk"]
    ]
    links = (
        field.remote_field.through.objects.filter(
            **{f"{source}__{lookup}": value for lookup, value in parents.items()}
        )
        .select_related(target)
        .order_by(*ordering, "pk")
    )
    out: dict[int, list[Any]] = {}
    for link in links:
        out.setdefault(getattr(link, f"{source}_id"), []).append(getattr(link, target))
    return out


def _as_prefetched(instance: Any, name: str, rows: list[Any]) -> None:
    """Give ``instance.<name>.all()`` these rows with no query, as ``prefetch_related`` does."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    vars(instance).setdefault("_prefetched_objects_cache", {})[name] = queryset


def response_get(user: Any, pk: Any) -> Response:
    """One response the user may read, with the views of it they may read (and who gave them)
    and its feedback (and who was told): six queries whatever rows it has. Django skips a
    nested prefetch when its parents are none (a response not fed back yet), so each set of
    links is read from its own table by the response instead (the benchmark's twins: 8 and 10
    queries before)."""
    response: Response = _one(
        responses_scoped(user).select_related("written_by"), pk, "No such response."
    )
    views = list(
        views_visible_to(user).prefetch_related(None).filter(responses=response).order_by("id")
    )
    givers = _linked(View, "young_people", responses=response)
    for view in views:
        _as_prefetched(view, "young_people", givers.get(view.pk, []))
    _as_prefetched(response, "views", views)
    feedback = list(
        Feedback.objects.filter(response=response).select_related("given_by").order_by("date", "id")
    )
    told = _linked(Feedback, "young_people", response=response)
    told_groups = _linked(Feedback, "groups", response=response)
    for item in feedback:
        _as_prefetched(item, "young_people", told.get(item.pk, []))
        _as_prefetched(item, "groups", told_groups.get(item.pk, []))
    _as_prefetched(response, "feedback", feedback)
    return response


def feedback_scoped(user: Any) -> QuerySet[Feedback]:
    """Feedback on the responses the user may read, and nothing loaded with it.

    Only a partner worker reads fewer responses than all: restricting everyone else to "every
    response" cost a semi-join of 330,000 rows (national scale, 0.2 s a page)."""
    return FEEDBACK_POLICY.scope(user, "view", Feedback.objects.all())  # type: ignore[no-any-return]


def feedback_visible_to(user: Any) -> QuerySet[Feedback]:
    """Feedback on the responses the user may read, with who gave it and to whom."""
    return (
        feedback_scoped(user)
        .select_related("response", "given_by")
        .prefetch_related("young_people", "groups")
        .order_by("-date", "-id")
    )
