"""The audit log's event types for themes, their reviews, groups and memberships
(``heard.core.events``)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from heard.core.dates import long_date
from heard.core.events import CREATE, UPDATE, describes, event, record_events


@describes(note="First visit done with the school council.")
def _note(metadata: Mapping[str, Any]) -> str:
    return f"Note: {metadata.get('note') or '(none)'}"


@describes(reviewed_on="2026-03-31")
def _review(metadata: Mapping[str, Any]) -> str:
    day = datetime.date.fromisoformat(str(metadata["reviewed_on"]))
    return f"Decided at the review of {long_date(day)}"


THEME_CREATED, THEME_CHANGED = record_events("theme", "theme")
THEME_CLOSED = event(
    "theme.closed", "Closed the theme after a review", action=UPDATE, describe=_review
)
THEME_REVIEWED = event("theme_review.added", "Reviewed the theme", action=CREATE)

GROUP_CREATED, GROUP_CHANGED = record_events("group", "group")
GROUP_STAGE_MOVED = event(
    "group.stage_moved", "Moved the group to another stage", action=UPDATE, describe=_note
)

MEMBERSHIP_ADDED = event("membership.added", "Added a member", action=CREATE)
MEMBERSHIP_ENDED = event("membership.ended", "Ended the membership", action=UPDATE)
