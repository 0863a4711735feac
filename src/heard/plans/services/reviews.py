"""Dated reviews of actions: the newest review sets the action's progress."""

from __future__ import annotations

import datetime

from django.db import transaction

from heard.core.permissions import require
from heard.core.updates import Change, Creation
from heard.people.models import User
from heard.plans import events
from heard.plans.models import Action, ActionReview

REVIEW_FIELDS = ("action", "date", "progress", "comment")


_REVIEW_ADD = Creation(events.ACTION_REVIEWED, REVIEW_FIELDS, exclude=["reviewed_by"])
_PROGRESS = Change("action_review_add", events.ACTION_CHANGED, ("progress",))


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
    _REVIEW_ADD.save(review, actor=actor)
    later = action.reviews.filter(date__gt=date).exists()
    if not later and action.progress != progress:
        metadata = {"reviewed_on": date}
        updated = _PROGRESS.apply(
            action, actor=actor, fields={"progress": progress}, metadata=metadata
        )
        action.progress = updated.progress
    return review
