"""Pages for themes, groups, members and the engagement calendar: selectors read, services write.

By topic: ``themes``, ``groups`` (with their stages and members) and ``calendar``; each page is
importable from here (``heard.groups.urls``).
"""

from heard.groups.views.calendar import ICS_CHUNK, CalendarView, calendar_ics, group_calendar_ics
from heard.groups.views.calendar_feeds import (
    calendar_feed,
    calendar_subscription,
    calendar_subscription_new,
    calendar_subscription_off,
)
from heard.groups.views.groups import (
    GroupListView,
    group_create,
    group_detail,
    group_edit,
    group_move_stage,
    membership_add,
    membership_end,
)
from heard.groups.views.themes import (
    THEME_GROUPS_PER_PAGE,
    ThemeListView,
    theme_create,
    theme_detail,
    theme_edit,
    theme_review_add,
)

__all__ = [
    "ICS_CHUNK",
    "THEME_GROUPS_PER_PAGE",
    "CalendarView",
    "GroupListView",
    "ThemeListView",
    "calendar_feed",
    "calendar_ics",
    "calendar_subscription",
    "calendar_subscription_new",
    "calendar_subscription_off",
    "group_calendar_ics",
    "group_create",
    "group_detail",
    "group_edit",
    "group_move_stage",
    "membership_add",
    "membership_end",
    "theme_create",
    "theme_detail",
    "theme_edit",
    "theme_review_add",
]
