"""Who may read and issue reports (one policy, ``indicators.<action>_issuedreport``).

Participation leads and officers (and the administrator) make and issue them; board members
read them, with protected figures. Partner workers, theme leads and safeguarding leads do not:
a report accounts for the partnership's work to its board.
"""

from __future__ import annotations

from typing import Any

from heard.core.policies import Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.indicators.models import IssuedReport

READERS = frozenset({*PROGRAMME_ROLES, Role.BOARD_MEMBER})


class IssuedReportPolicy(Policy[IssuedReport]):
    model = IssuedReport
    actions = ("view", "add")

    def may_view(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) in READERS

    def may_add(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) in PROGRAMME_ROLES


(REPORTS,) = registered([IssuedReportPolicy()])
