"""Every write to themes, groups, their lifecycle and membership: validate, check, save, audit.

By topic: ``themes`` (themes and their reviews), ``groups`` (groups, their links and stages),
``memberships``; each name is importable from here.
"""

from heard.groups.services.groups import (
    GROUP_FIELDS,
    GROUP_UPDATABLE,
    group_create,
    group_move_stage,
    group_update,
)
from heard.groups.services.memberships import membership_add, membership_end
from heard.groups.services.themes import (
    THEME_FIELDS,
    theme_create,
    theme_review_add,
    theme_update,
)

__all__ = [
    "GROUP_FIELDS",
    "GROUP_UPDATABLE",
    "THEME_FIELDS",
    "group_create",
    "group_move_stage",
    "group_update",
    "membership_add",
    "membership_end",
    "theme_create",
    "theme_review_add",
    "theme_update",
]
