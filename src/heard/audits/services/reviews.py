"""Provision reviews by young people (M11): record the visit and its recommendations, the
provider's response to each, and at the revisit whether each was acted on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.audits import events
from heard.audits.models import ProvisionReview, Recommendation
from heard.audits.services._common import (
    Update,
    full_clean,
    record_change,
    snapshot_of,
    strip,
)
from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import Removal, lock, record_created
from heard.people.models import Organisation, User, YoungPerson

REVIEW_FIELDS = (
    "provider",
    "service",
    "visit_date",
    "reviewers",
    "findings",
    "revisit_date",
    "notes",
)
_TEXT = ("service", "findings", "notes")
_snapshot = snapshot_of(REVIEW_FIELDS)
_UPDATE = Update("review_update", REVIEW_FIELDS, _TEXT, _snapshot, events.REVIEW_CHANGED)


def _recommendation(review: ProvisionReview, text: str, actor: Any) -> Recommendation:
    recommendation = Recommendation(review=review, text=(text or "").strip())
    full_clean(recommendation)
    recommendation.save()
    record_created(
        recommendation, actor=actor, event=events.RECOMMENDATION_CREATED, fields=["text"]
    )
    return recommendation


@transaction.atomic
def review_record(
    *,
    actor: User | None,
    provider: Organisation,
    visit_date: Any,
    findings: str,
    service: str = "",
    reviewers: Iterable[YoungPerson] = (),
    revisit_date: Any = None,
    notes: str = "",
    recommendations: Iterable[str] = (),
) -> ProvisionReview:
    """Record a visit and its recommendations (each its own record, blank ones skipped)."""
    require(actor, "audits.add_provisionreview")
    values: dict[str, Any] = {
        "provider": provider,
        "service": service,
        "visit_date": visit_date,
        "findings": findings,
        "revisit_date": revisit_date,
        "notes": notes,
    }
    strip(values, _TEXT)
    review = ProvisionReview(**values)
    full_clean(review)
    review.save()
    review.reviewers.set(list(reviewers))
    before = dict.fromkeys(REVIEW_FIELDS)
    record_change(
        review, actor=actor, event=events.REVIEW_CREATED, before=before, after=_snapshot(review)
    )
    for text in recommendations:
        if text.strip():
            _recommendation(review, text, actor)
    return review


@transaction.atomic
def review_update(*, actor: User | None, review: ProvisionReview, **fields: Any) -> ProvisionReview:
    require(actor, "audits.change_provisionreview", review)
    return _UPDATE.apply(review, fields, actor=actor, check=full_clean)


_REVIEW_DELETE = Removal(
    "audits.delete_provisionreview", events.REVIEW_DELETED, REVIEW_FIELDS, locked=True
)


def review_delete(*, actor: User | None, review: ProvisionReview) -> None:
    _REVIEW_DELETE.apply(review, actor=actor)


@transaction.atomic
def recommendation_add(*, actor: User | None, review: ProvisionReview, text: str) -> Recommendation:
    require(actor, "audits.change_provisionreview", review)
    if not (text or "").strip():
        raise ValidationError({"text": _("Enter the recommendation.")})
    return _recommendation(review, text, actor)


def _change(
    recommendation: Recommendation, actor: Any, event: Any, values: dict[str, Any]
) -> Recommendation:
    recommendation = lock(recommendation)
    before = audit.snapshot(recommendation, values)
    for name, value in values.items():
        setattr(recommendation, name, value)
    full_clean(recommendation)
    recommendation.save()
    record_change(
        recommendation,
        actor=actor,
        event=event,
        before=before,
        after=audit.snapshot(recommendation, values),
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *, actor: User | None, recommendation: Recommendation, text: str
) -> Recommendation:
    require(actor, "audits.change_recommendation", recommendation)
    if not (text or "").strip():
        raise ValidationError({"text": _("Enter the recommendation.")})
    return _change(recommendation, actor, events.RECOMMENDATION_CHANGED, {"text": text.strip()})


@transaction.atomic
def recommendation_respond(
    *, actor: User | None, recommendation: Recommendation, response: str
) -> Recommendation:
    """The provider's response, entered by its own staff."""
    require(actor, "audits.respond_recommendation", recommendation)
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": _("Enter the response.")})
    values = {"response": response, "responded_at": timezone.now(), "responded_by": actor}
    return _change(recommendation, actor, events.RECOMMENDATION_RESPONDED, values)


@transaction.atomic
def recommendation_check(
    *, actor: User | None, recommendation: Recommendation, outcome: str, outcome_note: str = ""
) -> Recommendation:
    """At the revisit: was the recommendation acted on, with a note."""
    require(actor, "audits.change_recommendation", recommendation)
    if outcome not in Recommendation.Outcome.values:
        raise ValidationError({"outcome": _("Choose whether it was acted on.")})
    values = {"outcome": outcome, "outcome_note": (outcome_note or "").strip()}
    return _change(recommendation, actor, events.RECOMMENDATION_CHECKED, values)
