"""Who may set and read indicators (one policy, ``indicators.<action>_indicator``).

The participation lead sets them (and the administrator, who may change every record); the
officers, theme leads and board members read them, with their values as the disclosure policy
shows each reader (``heard.indicators.progress``). Partner workers and safeguarding leads do
not: an indicator covers the partnership, not their own organisation's work. Each answer is the
same for every indicator, so the scope is all or nothing (``Policy.scope``'s default).
"""

from __future__ import annotations

from typing import Any

from heard.core.policies import Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.indicators.models import Indicator

#: The roles that set the partnership's indicators.
SETTERS = frozenset({Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD})
#: The roles that read them.
READERS = frozenset({*PROGRAMME_ROLES, Role.THEME_LEAD, Role.BOARD_MEMBER})


class IndicatorPolicy(Policy[Indicator]):
    model = Indicator
    actions = ("view", "add", "change", "delete")

    def may_view(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) in READERS

    def may_add(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) in SETTERS

    def may_change(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) in SETTERS

    def may_delete(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) in SETTERS


(INDICATORS,) = registered([IndicatorPolicy()])
