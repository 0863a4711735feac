"""The groups API: themes and their reviews, groups and their lifecycle, memberships (M3, M4, M5).

Querysets come from the selectors, so another organisation's groups are 404 to a partner worker;
every write calls a service, which checks the permission and records the audit entry. By
resource: ``themes``, ``groups`` and ``memberships``; each name is importable from here.
"""

from __future__ import annotations

from heard.api.common import REQUIRED, TEXT_MAX_LENGTH
from heard.api.groups.groups import (
    GroupDetailSerializer,
    GroupInputSerializer,
    GroupSerializer,
    GroupThemeInputSerializer,
    GroupThemeSerializer,
    GroupViewSet,
    MoveStageInputSerializer,
    StageField,
    StageTransitionSerializer,
)
from heard.api.groups.memberships import (
    MembershipEndInputSerializer,
    MembershipInputSerializer,
    MembershipSerializer,
    MembershipViewSet,
)
from heard.api.groups.themes import (
    PERIOD_PATTERN,
    ThemeInputSerializer,
    ThemeReviewInputSerializer,
    ThemeReviewSerializer,
    ThemeSerializer,
    ThemeViewSet,
)

__all__ = [
    "PERIOD_PATTERN",
    "REQUIRED",
    "TEXT_MAX_LENGTH",
    "GroupDetailSerializer",
    "GroupInputSerializer",
    "GroupSerializer",
    "GroupThemeInputSerializer",
    "GroupThemeSerializer",
    "GroupViewSet",
    "MembershipEndInputSerializer",
    "MembershipInputSerializer",
    "MembershipSerializer",
    "MembershipViewSet",
    "MoveStageInputSerializer",
    "StageField",
    "StageTransitionSerializer",
    "ThemeInputSerializer",
    "ThemeReviewInputSerializer",
    "ThemeReviewSerializer",
    "ThemeSerializer",
    "ThemeViewSet",
]
