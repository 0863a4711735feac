"""What the staff home page shows: read through the other apps' selectors, one call each."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from heard.core import years
from heard.core.permissions import (
    can,
    is_board_member,
    is_partner_worker,
    is_programme_staff,
    is_theme_lead,
)
from heard.groups import selectors as group_selectors
from heard.groups.models import Group
from heard.indicators.measures import measure_for
from heard.indicators.models import Indicator
from heard.indicators.policies import INDICATORS
from heard.indicators.progress import Progress, progress
from heard.participation import selectors as participation_selectors
from heard.participation import summaries
from heard.participation.models import Session, YearlyParticipation
from heard.safeguarding import selectors as safeguarding_selectors
from heard.safeguarding.models import Concern
from heard.voice import selectors as voice_selectors

#: How many sessions missing a monitoring form the home page lists before linking to the full list.
MISSING_MONITORING_SHOWN = 10
#: How many overdue groups the home page lists before linking to the calendar's overdue list.
OVERDUE_GROUPS_SHOWN = 10
#: How many overdue views and responses the home page lists before linking to the full lists.
LOOP_OVERDUE_SHOWN = 10


#: Whose figures the home counts are, said above them (issue 17: never an unlabelled
#: partnership figure to someone it is not about).
LED_CAPTION = "Your groups: the groups you lead and the groups of the themes you lead."
PARTNERSHIP_CAPTION = "The whole partnership: every organisation and group."


def leads_their_own(user: Any) -> bool:
    """A theme lead's home counts are of the groups they answer for (``Group.objects.led_by``),
    not of the partnership; programme staff who also lead a theme keep the partnership's."""
    return bool(is_theme_lead(user)) and not is_programme_staff(user)


def led_group_ids(user: Any) -> list[int]:
    """The ids of the groups ``user`` leads or whose themes they lead (``ids_led_by``), read once.

    The figures and the short list of a theme lead's home filter by these as a list of
    numbers, which PostgreSQL tests with a hash: as a subquery, the oldest sessions missing a
    form were joined to every led group in a nested loop (national scale, 486 groups: 80 ms, and
    25 ms to count the year's participants; 14 ms and 11 ms as a list). A lead of no group has
    none of these figures to read, so their queries are not run."""
    return sorted({row["group_id"] for row in Group.objects.ids_led_by(user)})


def led_counts(
    *, user: Any, today: datetime.date, overdue_count: int, led: list[int] | None = None
) -> dict[str, int]:
    """``participation.selectors.home_counts`` over the groups ``user`` leads or whose themes
    they lead (``led``: ``led_group_ids``, read here when not given).

    Young people are counted from the year's summary rows of those groups, each once, as a
    partner worker's are of their organisation's."""
    if led is None:
        led = led_group_ids(user)
    sessions = Session.objects.filter(group_id__in=led)
    quarter_start, quarter_end = participation_selectors.quarter_bounds(today)
    rows = YearlyParticipation.objects.filter(year=years.partnership_year(today), group_id__in=led)
    active = summaries.participants(rows).aggregate(
        total=Count("young_person_id"), via_buddy_groups=Sum("s_buddy")
    )
    return {
        "active_young_people": active["total"] or 0,
        "active_via_buddy_groups": active["via_buddy_groups"] or 0,
        "sessions_this_quarter": sessions.filter(date__range=(quarter_start, quarter_end)).count(),
        "overdue_visits": overdue_count,
        "incomplete_monitoring_forms": sessions.monitoring_incomplete().count(),
    }


def home_counts(
    *,
    user: Any,
    today: datetime.date,
    overdue_count: int | None = None,
    led: list[int] | None = None,
) -> dict[str, int]:
    """The home figures this user reads, on the page and through the API alike: a theme lead's
    of the groups they answer for (``led_counts``), everyone else's as
    ``participation.selectors.home_counts`` scopes them."""
    if leads_their_own(user):
        if overdue_count is None:
            overdue_count = group_selectors.overdue_groups(user=user, today=today).count()
        return led_counts(user=user, today=today, overdue_count=overdue_count, led=led)
    return participation_selectors.home_counts(user=user, today=today, overdue_count=overdue_count)


def counts_caption(user: Any) -> str:
    """Whose figures the home counts are, in the reader's words."""
    if leads_their_own(user):
        return LED_CAPTION
    if is_partner_worker(user):
        organisation = getattr(user, "organisation", None)
        name = getattr(organisation, "name", "") or "your organisation"
        return f"Your organisation: {name}, its groups and its sessions."
    return PARTNERSHIP_CAPTION


def safeguarding_to_do(*, user: Any, today: datetime.date) -> dict[str, Any]:
    """A safeguarding lead's next things to do: open concerns and staff checks due within 30
    days, each counted as the page it links to lists them (one query each)."""
    if not can(user, "safeguarding.view_concern"):
        return {"shows_safeguarding": False}
    shows_checks = bool(can(user, "safeguarding.view_backgroundcheck"))
    return {
        "shows_safeguarding": True,
        "open_concerns": safeguarding_selectors.concerns_visible_to(user)
        .filter(status=Concern.Status.OPEN)
        .count(),
        "shows_checks_due": shows_checks,
        "checks_due": safeguarding_selectors.checks_due_count(user=user, today=today)
        if shows_checks
        else 0,
        "check_due_within_days": safeguarding_selectors.CHECK_DUE_WITHIN_DAYS,
    }


def home_page(*, user: Any, today: datetime.date) -> dict[str, Any]:
    """The counts for everyone; for those responsible, the overdue groups and forms to chase."""
    overdue = group_selectors.overdue_groups(user=user, today=today)
    own = leads_their_own(user)
    led = led_group_ids(user) if own else None
    counts = home_counts(user=user, today=today, overdue_count=overdue.count(), led=led)
    responsible = is_programme_staff(user) or is_theme_lead(user) or is_partner_worker(user)
    missing: list[Any] = []
    if not is_board_member(user):
        missing_rows = participation_selectors.sessions_missing_monitoring(user, brief=True)
        if led is not None:
            missing_rows = missing_rows.filter(group_id__in=led)
        missing = list(missing_rows[:MISSING_MONITORING_SHOWN])
    quarter_start, quarter_end = participation_selectors.quarter_bounds(today)
    loop = voice_selectors.loop_overdue(user=user, today=today) if responsible else None
    return {
        "counts": counts,
        "counts_caption": counts_caption(user),
        "counts_are_led": own,
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
        **safeguarding_to_do(user=user, today=today),
        **home_indicators(user=user, today=today),
    }


# --- Indicators (M12) -----------------------------------------------------------------------------

#: How many indicators the home page shows progress against, before linking to the full list.
HOME_INDICATORS_SHOWN = 8


def indicators_visible_to(user: Any) -> QuerySet[Indicator]:
    """The indicators ``user`` may read (the policy's scope), with what their pages name."""
    return INDICATORS.scope(user, "view").select_related("theme", "organisation", "lead")


def indicator_get(user: Any, pk: Any) -> Indicator:
    """One indicator the user may read; 404 otherwise (403 comes first for those who may read
    none: the views ask the permission before looking)."""
    indicator = indicators_visible_to(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


def indicators_progress(
    indicators: Iterable[Indicator], *, user: Any, today: datetime.date, trend: bool = False
) -> list[Progress]:
    """Each indicator's value, target and status as ``user`` may see them: one aggregate query
    per indicator (a share of views: the loop figures' three), and four more each with
    ``trend``. Indicators whose measure has left the library are skipped."""
    out = []
    for indicator in indicators:
        if measure_for(indicator.measure) is None:
            continue
        out.append(progress(indicator, user=user, today=today, trend=trend))
    return out


def home_indicators(*, user: Any, today: datetime.date) -> dict[str, Any]:
    """Progress against the partnership's indicators, for readers of them."""
    if not INDICATORS.allows(user, "view"):
        return {"shows_indicators": False}
    rows = list(indicators_visible_to(user)[: HOME_INDICATORS_SHOWN + 1])
    return {
        "shows_indicators": True,
        "indicators_progress": indicators_progress(
            rows[:HOME_INDICATORS_SHOWN], user=user, today=today
        ),
        "indicators_more": len(rows) > HOME_INDICATORS_SHOWN,
    }
