"""Reads for safeguarding: concerns (safeguarding leads only), background checks and training.

Reading a concern is audited: pages and the API open one through
``services.concern_read`` / ``services.concerns_list_read``, which call these selectors.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from heard.core.permissions import can
from heard.core.roles import Role
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord

#: A concern still waiting for a decision after this long is flagged to every safeguarding lead.
CONCERN_FLAG_AFTER = datetime.timedelta(hours=24)
#: Checks due for renewal within this many days are listed.
CHECK_DUE_WITHIN_DAYS = 30


def concerns_visible_to(user: Any) -> QuerySet[Concern]:
    if not can(user, "safeguarding.view_concern"):
        return Concern.objects.none()
    return Concern.objects.select_related(
        "young_person", "young_person__organisation", "session", "raised_by", "assigned_to"
    )


def concern_get(user: Any, pk: Any) -> Concern:
    concern = concerns_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if concern is None:
        raise Http404("No such concern.")
    return concern


def concerns_waiting(*, user: Any, now: datetime.datetime) -> list[Concern]:
    """Concerns raised more than 24 hours ago with no decision yet, oldest first."""
    return list(
        concerns_visible_to(user)
        .filter(
            status__in=(Concern.Status.OPEN, Concern.Status.ASSIGNED),
            created_at__lt=now - CONCERN_FLAG_AFTER,
        )
        .order_by("created_at", "id")
    )


def safeguarding_leads() -> QuerySet[Any]:
    return (
        get_user_model()
        .objects.filter(role=Role.SAFEGUARDING_LEAD, is_active=True)
        .order_by("full_name")
    )


# Background checks and training ------------------------------------------------------------------


def _current_on(day: datetime.date) -> QuerySet[BackgroundCheck]:
    return BackgroundCheck.objects.filter(issued_on__lte=day, renewal_due__gte=day)


def background_checks_visible_to(user: Any) -> QuerySet[BackgroundCheck]:
    if not can(user, "safeguarding.view_backgroundcheck"):
        return BackgroundCheck.objects.none()
    return BackgroundCheck.objects.select_related("staff", "staff__organisation")


def background_check_get(user: Any, pk: Any) -> BackgroundCheck:
    check = background_checks_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if check is None:
        raise Http404("No such background check.")
    return check


def checks_due(*, user: Any, today: datetime.date) -> list[BackgroundCheck]:
    """Each active staff member's latest check when it is due for renewal within 30 days (or
    already past), soonest first."""
    latest = BackgroundCheck.objects.filter(staff=OuterRef("staff")).order_by("-renewal_due", "-id")
    return list(
        background_checks_visible_to(user)
        .filter(
            staff__is_active=True,
            pk__in=latest.values("pk")[:1],
            renewal_due__lte=today + datetime.timedelta(days=CHECK_DUE_WITHIN_DAYS),
        )
        .order_by("renewal_due", "id")
    )


def staff_without_current_check(*, user: Any, today: datetime.date) -> QuerySet[Any]:
    """Active staff who work with young people (not board members) with no check current today."""
    if not can(user, "safeguarding.view_backgroundcheck"):
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(role__in=("", Role.BOARD_MEMBER))
        .exclude(Exists(_current_on(today).filter(staff=OuterRef("pk"))))
        .select_related("organisation")
        .order_by("full_name")
    )


def staff_check_problems(*, staff: Iterable[Any], on: datetime.date) -> list[str]:
    """Why each of ``staff`` may not be recorded as present with young people on ``on``: one
    message per person with no enhanced DBS check current on that day (empty when all have one)."""
    chosen = [user for user in staff if getattr(user, "pk", None) is not None]
    if not chosen:
        return []
    covered = set(
        _current_on(on)
        .filter(staff__in=[user.pk for user in chosen])
        .values_list("staff_id", flat=True)
    )
    return [
        f"{user.full_name or user.email} has no current enhanced DBS check recorded for "
        f"{on:%-d %B %Y}, so cannot be recorded as present at a session with young people. "
        "Ask a participation lead to record their check under Staff checks."
        for user in chosen
        if user.pk not in covered
    ]


def training_records_visible_to(user: Any) -> QuerySet[TrainingRecord]:
    if not can(user, "safeguarding.view_trainingrecord"):
        return TrainingRecord.objects.none()
    return TrainingRecord.objects.select_related("staff", "staff__organisation")


def training_record_get(user: Any, pk: Any) -> TrainingRecord:
    record = training_records_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if record is None:
        raise Http404("No such training record.")
    return record


def staff_choices() -> QuerySet[Any]:
    """Staff a check or training record can be for: every active staff account."""
    return get_user_model().objects.filter(is_active=True).exclude(role="").order_by("full_name")
