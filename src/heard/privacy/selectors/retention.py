"""Reads for retention: who is due to be anonymised, and who was."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from heard.core.models import Partnership
from heard.groups.models import Membership
from heard.participation.models import Attendance, Session
from heard.people.models import YoungPerson
from heard.privacy.models import Anonymisation
from heard.privacy.selectors.decided import records
from heard.voice.models import View

#: The dates a young person's involvement ends on: ``(annotation, model, person field, date)``.
INVOLVEMENT = (
    ("last_attended", Attendance, "young_person", "session__date"),
    ("last_view", View, "young_people", "recorded_on"),
    ("last_left", Membership, "young_person", "left_on"),
    ("last_individual", Session, "young_person", "date"),
)
#: And where young people decide: ``(annotation, path from a young person to the date)``. Those
#: apps sit above privacy, so they are reached through their relations (``selectors.decided``).
DECIDED_INVOLVEMENT = (
    ("last_ballot", "ballots__cast_at__date"),
    ("last_proposal", "budget_proposals__created_at__date"),
    ("last_survey", "survey_responses__submitted_at__date"),
    ("last_sign_up", "opportunity_sign_ups__signed_up_at__date"),
    ("last_recognition", "recognitions__date"),
    ("last_claim", "expense_claims__created_at__date"),
)
LATEST = [name for name, *_ in INVOLVEMENT] + [name for name, _ in DECIDED_INVOLVEMENT]
#: Expense claims are finance records: kept for six whole financial years after the one they
#: were paid or rejected in (HMRC), whoever they are about, then deleted with their receipts.
FINANCE_RETENTION_YEARS = 6
#: The month and day a financial year starts on (1 April).
FINANCIAL_YEAR_START = (4, 1)


def retention_cutoff(today: datetime.date) -> datetime.date:
    years = Partnership.current().retention_years_after_last_involvement
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _latest(model: type, person: str, date: str) -> Subquery:
    rows = model._default_manager.filter(**{person: OuterRef("pk")})  # type: ignore[attr-defined]
    if model is Attendance:
        rows = rows.filter(status=Attendance.Status.ATTENDED)
    return Subquery(rows.order_by().values(person).annotate(last=Max(date)).values("last"))


def _latest_held(path: str) -> Subquery:
    rows = YoungPerson.objects.filter(pk=OuterRef("pk")).values("pk").annotate(last=Max(path))
    return Subquery(rows.values("last"))


def _candidates(cutoff: datetime.date) -> QuerySet[YoungPerson]:
    """Young people unchanged since the cutoff, not anonymised, in no group now, each with the
    latest date of each kind of involvement."""
    cutoff_start = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    return (
        YoungPerson.objects.filter(updated_at__lt=cutoff_start)
        .exclude(Exists(Anonymisation.objects.filter(young_person=OuterRef("pk"))))
        .exclude(
            Exists(Membership.objects.filter(young_person=OuterRef("pk"), left_on__isnull=True))
        )
        .annotate(
            **{name: _latest(model, person, date) for name, model, person, date in INVOLVEMENT},
            **{name: _latest_held(path) for name, path in DECIDED_INVOLVEMENT},
        )
        .order_by("pk")
    )


def retention_due(*, today: datetime.date) -> list[tuple[YoungPerson, datetime.date | None]]:
    """Young people whose last involvement (latest attended session, view given, membership left,
    ballot cast, idea proposed, survey answered, sign-up, recognition, expense claim, record
    change) is before the retention cutoff, oldest first; never current members or
    records already anonymised."""
    cutoff = retention_cutoff(today)
    due: list[tuple[YoungPerson, datetime.date | None]] = []
    for young_person in _candidates(cutoff):
        dates = [getattr(young_person, name) for name in LATEST]
        dates.append(timezone.localtime(young_person.updated_at).date())
        last = max(d for d in dates if d is not None)
        if last < cutoff:
            due.append((young_person, last))
    due.sort(key=lambda item: (item[1] or datetime.date.min, item[0].pk))
    return due


def anonymisation_of(young_person: YoungPerson) -> Anonymisation | None:
    return Anonymisation.objects.filter(young_person=young_person).first()


def finance_cutoff(today: datetime.date) -> datetime.date:
    """The start of the financial year :data:`FINANCE_RETENTION_YEARS` before this one: a claim
    settled before it has been kept that many whole financial years."""
    month, day = FINANCIAL_YEAR_START
    start = datetime.date(today.year, month, day)
    if today < start:
        start = start.replace(year=today.year - 1)
    return start.replace(year=start.year - FINANCE_RETENTION_YEARS)


def expense_claims_due(*, today: datetime.date) -> QuerySet[Any]:
    """Expense claims paid, or rejected, before :func:`finance_cutoff`, oldest first; never one
    still waiting for a decision or for payment."""
    cutoff = finance_cutoff(today)
    return (
        records("expense_claims")
        .filter(Q(status="paid", paid_on__lt=cutoff) | Q(status="rejected", decided_on__lt=cutoff))
        .order_by("created_at", "pk")
    )
