"""What the staff home page shows: read through the other apps' selectors, one call each."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.permissions import (
    is_board_member,
    is_partner_worker,
    is_programme_staff,
    is_theme_lead,
)
from heard.groups import selectors as group_selectors
from heard.participation import selectors as participation_selectors
from heard.voice import selectors as voice_selectors

#: How many sessions missing a monitoring form the home page lists before linking to the full list.
MISSING_MONITORING_SHOWN = 10
#: How many overdue groups the home page lists before linking to the calendar's overdue list.
OVERDUE_GROUPS_SHOWN = 10
#: How many overdue views and responses the home page lists before linking to the full lists.
LOOP_OVERDUE_SHOWN = 10


def home_page(*, user: Any, today: datetime.date) -> dict[str, Any]:
    """The counts for everyone; for those responsible, the overdue groups and forms to chase."""
    overdue = group_selectors.overdue_groups(user=user, today=today)
    counts = participation_selectors.home_counts(
        user=user, today=today, overdue_count=overdue.count()
    )
    responsible = is_programme_staff(user) or is_theme_lead(user) or is_partner_worker(user)
    missing: list[Any] = []
    if not is_board_member(user):
        missing = list(
            participation_selectors.sessions_missing_monitoring(user, brief=True)[
                :MISSING_MONITORING_SHOWN
            ]
        )
    quarter_start, quarter_end = participation_selectors.quarter_bounds(today)
    loop = voice_selectors.loop_overdue(user=user, today=today) if responsible else None
    return {
        "counts": counts,
        "year_start": participation_selectors.partnership_year_start(today),
        "quarter_start": quarter_start,
        "quarter_end": quarter_end,
        "overdue_groups": list(overdue[:OVERDUE_GROUPS_SHOWN]) if responsible else [],
        "shows_overdue_list": responsible,
        "shows_missing_monitoring": not is_board_member(user),
        "missing_monitoring": missing,
        "shows_loop_overdue": loop is not None,
        "views_awaiting_response": list(loop["views_awaiting_response"][:LOOP_OVERDUE_SHOWN])
        if loop
        else [],
        "views_awaiting_response_count": loop["views_awaiting_response"].count() if loop else 0,
        "responses_awaiting_feedback": list(
            loop["responses_awaiting_feedback"][:LOOP_OVERDUE_SHOWN]
        )
        if loop
        else [],
        "responses_awaiting_feedback_count": loop["responses_awaiting_feedback"].count()
        if loop
        else 0,
        "respond_within_days": loop["respond_within_days"] if loop else None,
        "feed_back_within_days": loop["feed_back_within_days"] if loop else None,
    }
