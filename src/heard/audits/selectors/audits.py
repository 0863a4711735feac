"""Reads of audits and the kite mark register, scoped by the audits policy.

``kite_marks_held`` and ``kite_marks_due`` are the figures an indicator or a report reads:
the kite marks current on a day, and those to renew (expiring within 90 days, or expired).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from heard.audits.models import Audit, AuditLevel
from heard.audits.policies import AUDITS
from heard.core.selectors import get_or_404
from heard.core.standards import Standard

#: A kite mark is due for renewal this many days before it expires.
RENEWAL_WINDOW = 90


def audits_visible_to(user: Any) -> QuerySet[Audit]:
    """The audits ``user`` may read, with their organisation (a list's rows)."""
    return AUDITS.scope(user, "view", Audit.objects.select_related("organisation"))


def audit_get(user: Any, pk: Any) -> Audit:
    """One audit the user may read, with its levels and auditors; 404 otherwise."""
    rows = audits_visible_to(user).prefetch_related(
        Prefetch("levels", queryset=AuditLevel.objects.order_by("id")),
        "auditors",
        "young_auditors",
    )
    return get_or_404(rows, pk)


def levels_in_order(audit: Audit) -> list[tuple[str, AuditLevel | None]]:
    """Each of the seven standards with the level the audit found (None: not assessed)."""
    found = {row.standard: row for row in audit.levels.all()}
    return [(str(label), found.get(value)) for value, label in Standard.choices]


def _renewed() -> Exists:
    """A later kite mark awarded to the same holder (organisation and service)."""
    later = Audit.objects.filter(
        organisation=OuterRef("organisation"),
        service=OuterRef("service"),
        decision=Audit.Decision.AWARDED,
    ).filter(Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk")))
    return Exists(later)


def kite_marks(user: Any) -> QuerySet[Audit]:
    """The kite mark register: each holder's latest kite mark awarded (an older one renewed by a
    later audit is not listed), soonest expiry first."""
    return (
        audits_visible_to(user)
        .filter(decision=Audit.Decision.AWARDED)
        .exclude(_renewed())
        .order_by("expires_on", "organisation__name", "service", "pk")
    )


def kite_mark_state_filter(state: str, today: datetime.date) -> Q:
    """Kite marks ``current`` (not expired), ``due`` (expiring within the renewal window, or
    expired: both want a renewal), ``expiring`` (within the window only) or ``expired``."""
    soon = today + datetime.timedelta(days=RENEWAL_WINDOW)
    return {
        "current": Q(expires_on__gte=today),
        "due": Q(expires_on__lte=soon),
        "expiring": Q(expires_on__gte=today, expires_on__lte=soon),
        "expired": Q(expires_on__lt=today),
    }[state]


def kite_marks_held(on: datetime.date, *, user: Any = None) -> QuerySet[Audit]:
    """The kite marks current on ``on``: awarded on or before it, not yet expired, and not
    renewed by a later kite mark awarded by then. ``user`` None reads every organisation's."""
    later = Audit.objects.filter(
        organisation=OuterRef("organisation"),
        service=OuterRef("service"),
        decision=Audit.Decision.AWARDED,
        date__lte=on,
    ).filter(Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk")))
    return (
        audits_visible_to(user)
        .filter(decision=Audit.Decision.AWARDED, date__lte=on, expires_on__gte=on)
        .exclude(Exists(later))
    )


def kite_marks_due(on: datetime.date, *, user: Any = None) -> QuerySet[Audit]:
    """The kite marks of the register to renew on ``on``: expiring within 90 days, or expired."""
    return kite_marks(user).filter(kite_mark_state_filter("due", on))
