"""Every read of themes, groups and the engagement calendar, scoped to what the user may see.

By topic: ``groups`` (groups, stage moves, members), ``themes`` (themes, reviews, warnings),
``calendar`` (when each group is next due) and ``members`` (member counts as each reader reads
them); each name is importable from here.
"""

from heard.groups.models import group_ids_led_by
from heard.groups.selectors.calendar import (
    calendar_feed,
    group_calendar,
    overdue_groups,
    with_next_due,
)
from heard.groups.selectors.groups import (
    GROUP_SESSIONS_SHOWN,
    answered_for,
    group_choices,
    group_get,
    group_members,
    group_past_sessions,
    group_transitions,
    groups_plain_visible_to,
    groups_responsible_for,
    groups_visible_to,
    membership_get,
    memberships_visible_to,
)
from heard.groups.selectors.members import (
    ProtectedMemberCounts,
    member_count_display,
    reported_member_cells,
)
from heard.groups.selectors.themes import (
    MIN_ESTABLISHED_GROUPS,
    THEMES_PER_PERIOD,
    ThemeWarning,
    period_for,
    theme_choices,
    theme_get,
    theme_groups,
    theme_periods,
    theme_reviews,
    theme_warnings,
    themes_visible_to,
    with_group_counts,
)

__all__ = [
    "GROUP_SESSIONS_SHOWN",
    "MIN_ESTABLISHED_GROUPS",
    "THEMES_PER_PERIOD",
    "ProtectedMemberCounts",
    "ThemeWarning",
    "answered_for",
    "calendar_feed",
    "group_calendar",
    "group_choices",
    "group_get",
    "group_ids_led_by",
    "group_members",
    "group_past_sessions",
    "group_transitions",
    "groups_plain_visible_to",
    "groups_responsible_for",
    "groups_visible_to",
    "member_count_display",
    "membership_get",
    "memberships_visible_to",
    "overdue_groups",
    "period_for",
    "reported_member_cells",
    "theme_choices",
    "theme_get",
    "theme_groups",
    "theme_periods",
    "theme_reviews",
    "theme_warnings",
    "themes_visible_to",
    "with_group_counts",
    "with_next_due",
]
