"""Dated reviews of actions: the newest review sets the action's progress."""

from __future__ import annotations

import datetime

from django.db import transaction

from heard.core.permissions import require
from heard.core.updates import audited_create, audited_update
from heard.people.models import User
from heard.plans import events
from heard.plans.models import Action, ActionReview

REVIEW_FIELDS = ("action", "date", "progress", "comment")


@transaction.atomic
def action_review_add(
    *,
    actor: User | None,
    action: Action,
    date: datetime.date,
    progress: str,
    comment: str = "",
) -> ActionReview:
    """Record a review of ``action``. Unless a later review is already recorded, the action's
    progress becomes the review's, in the same change."""
    require(actor, "plans.change_action", action)
    review = ActionReview(
        action=action, date=date, progress=progress, comment=comment, reviewed_by=actor
    )
    audited_create(
        review,
        actor=actor,
        event=events.ACTION_REVIEWED,
        fields=REVIEW_FIELDS,
        exclude=["reviewed_by"],
    )
    later = action.reviews.filter(date__gt=date).exists()
    if not later and action.progress != progress:
        updated, _ = audited_update(
            action,
            actor=actor,
            event=events.ACTION_CHANGED,
            service="action_review_add",
            fields={"progress": progress},
            allowed=("progress",),
            metadata={"reviewed_on": date},
        )
        action.progress = updated.progress
    return review
