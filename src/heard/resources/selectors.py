"""Reads of the resources library and of the resources sessions used, scoped to the user, each
in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from heard.core.selectors import one_or_404 as _get
from heard.participation.models import Session
from heard.people import selectors as people_selectors
from heard.people.models import Organisation
from heard.resources.models import Resource, SessionResource
from heard.resources.policies import RESOURCES, SESSION_RESOURCES


def resources_visible_to(user: Any) -> QuerySet[Resource]:
    """Resources the user may read, by title, with their tags and how many sessions used them."""
    return (
        RESOURCES.scope(user, "view")
        .select_related("organisation", "created_by")
        .prefetch_related("themes", "methods")
        .annotate(use_count=Count("uses", distinct=True))
        .order_by("title", "id")
    )


def resource_get(user: Any, pk: Any) -> Resource:
    return _get(resources_visible_to(user), pk, "resource")  # type: ignore[no-any-return]


def resource_sessions(user: Any, resource: Resource) -> list[Session]:
    """The sessions that used the resource which the user may read, newest first."""
    uses = SESSION_RESOURCES.scope(user, "view").filter(resource=resource)
    return list(
        Session.objects.filter(pk__in=uses.values("session_id"))
        .select_related("group")
        .order_by("-date", "-id")
    )


def organisations_for_resources(user: Any) -> QuerySet[Organisation]:
    return people_selectors.organisation_choices_for(user)


def session_uses(user: Any, session: Session) -> QuerySet[SessionResource]:
    """The resources the session used (those the user may read), by title."""
    readable = RESOURCES.scope(user, "view").values("pk")
    return (
        SESSION_RESOURCES.scope(user, "view")
        .filter(session=session, resource__in=readable)
        .select_related("resource", "added_by")
        .order_by("resource__title", "id")
    )


def session_use_get(user: Any, pk: Any) -> SessionResource:
    rows = SESSION_RESOURCES.scope(user, "view").select_related("resource", "session")
    return _get(rows, pk, "resource used in a session")  # type: ignore[no-any-return]


def resources_to_use(user: Any, session: Session) -> QuerySet[Resource]:
    """Resources the user may read that the session has not recorded yet, by title."""
    used = SessionResource.objects.filter(session=session).values("resource_id")
    return RESOURCES.scope(user, "view").exclude(pk__in=used).order_by("title", "id")


def with_sessions(user: Any, rows: QuerySet[Resource]) -> QuerySet[Resource]:
    """``rows`` each with ``seen_uses``: the uses in sessions the user may read."""
    return rows.prefetch_related(
        Prefetch(
            "uses",
            queryset=SESSION_RESOURCES.scope(user, "view").order_by("id"),
            to_attr="seen_uses",
        )
    )
