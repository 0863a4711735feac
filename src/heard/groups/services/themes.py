"""Themes and their quarterly reviews: validate, check, save, audit."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from heard.core.permissions import require
from heard.core.updates import Change, Creation, audited_create
from heard.groups import events
from heard.groups.models import Theme, ThemeReview
from heard.groups.signals import theme_lead_changed
from heard.people.models import User

THEME_FIELDS = ("title", "period", "lead", "status", "description")
REVIEW_FIELDS = ("theme", "date", "summary", "decision")


@transaction.atomic
def theme_create(
    *,
    actor: User | None,
    title: str,
    period: str,
    lead: User | None = None,
    status: str = Theme.Status.ACTIVE,
    description: str = "",
) -> Theme:
    require(actor, "groups.add_theme")
    theme = Theme(title=title, period=period, lead=lead, status=status, description=description)
    return audited_create(theme, actor=actor, event=events.THEME_CREATED, fields=THEME_FIELDS)


_THEME_UPDATE = Change("theme_update", events.THEME_CHANGED, THEME_FIELDS)


@transaction.atomic
def theme_update(*, actor: User | None, theme: Theme, **fields: Any) -> Theme:
    require(actor, "groups.change_theme", theme)
    theme, changes = _THEME_UPDATE.write(theme, actor=actor, fields=fields)
    if "lead" in changes:
        theme_lead_changed.send(sender=Theme, theme=theme)
    return theme


_REVIEW_ADD = Creation(events.THEME_REVIEWED, REVIEW_FIELDS, exclude=["reviewed_by"])
_THEME_CLOSE = Change("theme_review_add", events.THEME_CLOSED, ("status",))


@transaction.atomic
def theme_review_add(
    *, actor: User | None, theme: Theme, date: datetime.date, summary: str, decision: str
) -> ThemeReview:
    """Record a quarterly review. A decision to close the theme closes it, in the same change."""
    require(actor, "groups.add_themereview", theme)
    review = ThemeReview(
        theme=theme, date=date, summary=summary, decision=decision, reviewed_by=actor
    )
    _REVIEW_ADD.save(review, actor=actor)
    if decision == ThemeReview.Decision.CLOSE and theme.status != Theme.Status.CLOSED:
        closing = {"status": Theme.Status.CLOSED}
        metadata = {"reviewed_on": date}
        closed = _THEME_CLOSE.apply(theme, actor=actor, fields=closing, metadata=metadata)
        theme.status = closed.status
    return review
