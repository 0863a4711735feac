"""Who may read and issue reports (one policy, ``indicators.<action>_issuedreport``).

Participation leads and officers (and the administrator) make and issue them; board members
read them, with protected figures. Partner workers, theme leads and safeguarding leads do not:
a report accounts for the partnership's work to its board.
"""

from __future__ import annotations

from heard.core.policies import OrganisationScoped, registered
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.indicators.models import IssuedReport

READERS = frozenset({*PROGRAMME_ROLES, Role.BOARD_MEMBER})


class IssuedReportPolicy(OrganisationScoped):
    """Read by programme staff and board members, issued by programme staff (a role table:
    no record is a partner worker's own)."""

    model = IssuedReport
    actions = ("view", "add")
    everywhere = {"view": READERS, "add": PROGRAMME_ROLES}


(REPORTS,) = registered([IssuedReportPolicy()])
