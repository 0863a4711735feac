"""The engagement calendar's reads: when each group is next due a visit, computed in SQL.

``Group.next_due`` states the rule for one group. The calendar, the overdue list and the home
counts apply it to thousands of groups, so the same rule is the stored generated column
``Group.due_on``: the database computes, filters, orders and counts, and a page loads only the
rows it shows. ``tests/groups/test_calendar_sql.py`` checks the two agree.
"""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.db.models import BooleanField, Case, F, IntegerField, Prefetch, QuerySet, Value, When

from heard.core.permissions import reads_personal_data
from heard.core.sql import DaysBetween
from heard.groups.models import Group
from heard.groups.querysets import GroupQuerySet
from heard.groups.selectors.groups import (
    answered_for,
    groups_plain_visible_to,
    groups_scoped,
    last_contact,
)


def _sessions() -> Any:
    """The session model's manager, reached through the reverse relation (no upward import)."""
    return Group._meta.get_field("sessions").related_model._default_manager


def with_next_due(queryset: QuerySet[Group], *, today: datetime.date) -> QuerySet[Any]:
    """Annotate ``last_contact``, ``next_due``, ``is_overdue`` and ``days_overdue``, in SQL.

    ``Group.next_due``'s rule: in a visited stage with a set cadence, the cadence's days after the
    last session, or else after the start date, or else after the day the stage last changed.
    ``next_due`` then shadows the model method on these rows (a date, as ``with_calendar`` sets).
    """
    rows: QuerySet[Any] = queryset  # annotated rows: ``next_due`` shadows the model method
    if "last_contact" not in rows.query.annotations:
        rows = rows.annotate(last_contact=last_contact())
    # The rule is the stored ``Group.due_on`` (from ``last_session_on``, the last contact).
    rows = rows.annotate(next_due=F("due_on"))
    return rows.annotate(
        is_overdue=Case(
            When(next_due__lt=today, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        days_overdue=Case(
            When(next_due__lt=today, then=DaysBetween(Value(today), "next_due")),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )


def group_calendar(
    *, user: Any, today: datetime.date, groups: QuerySet[Group] | None = None
) -> QuerySet[Group]:
    """Groups that are not closed, each with ``last_contact``, ``next_due``, ``is_overdue`` and
    ``days_overdue``, ordered by when the next visit is due (nothing due last), then by name.

    ``groups`` narrows the list (a filtered queryset of groups); it is always scoped to the user.
    Lazy: filter it further (``is_overdue=True``), page it or stream it.
    """
    if groups is None:
        queryset = groups_plain_visible_to(user)
    else:
        queryset = cast(GroupQuerySet, groups.filter(pk__in=groups_scoped(user).values("pk")))
    return with_next_due(queryset.open(), today=today).order_by(
        F("next_due").asc(nulls_last=True), "name", "pk"
    )


def overdue_groups(*, user: Any, today: datetime.date) -> QuerySet[Group]:
    """Groups the user answers for whose next visit or meeting is overdue, most overdue first.

    Computed, filtered and ordered in the database: count it, or slice the first few.
    """
    queryset = answered_for(user, groups_plain_visible_to(user).visited())
    # On the stored date itself, so the count and the first page are a range of its index.
    return with_next_due(queryset.filter(due_on__lt=today), today=today).order_by(
        "due_on", "name", "pk"
    )


def calendar_feed(
    *, user: Any, today: datetime.date, group: Group | None = None
) -> QuerySet[Group]:
    """Visible groups (or one) for the iCalendar export, with the calendar annotations and
    ``past_sessions`` (sessions up to today; empty for roles that never see sessions).

    Lazy: stream it with ``.iterator(chunk_size=...)``, which prefetches a chunk at a time.
    """
    queryset = groups_plain_visible_to(user)
    if group is not None:
        queryset = queryset.filter(pk=group.pk)
    sessions = _sessions()
    past = (
        sessions.filter(date__lte=today).order_by("date", "id")
        if reads_personal_data(user)
        else sessions.none()
    )
    return (
        with_next_due(queryset, today=today)
        .order_by("name", "pk")
        .prefetch_related(Prefetch("sessions", queryset=past, to_attr="past_sessions"))
    )
