"""Who may set and read indicators (one policy, ``indicators.<action>_indicator``).

The participation lead sets them (and the administrator, who may change every record); the
officers, theme leads and board members read them, with their values as the disclosure policy
shows each reader (``heard.indicators.progress``). Partner workers and safeguarding leads do
not: an indicator covers the partnership, not their own organisation's work. Each answer is the
same for every indicator, so the scope is all or nothing.
"""

from __future__ import annotations

from heard.core.policies import OrganisationScoped, registered
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.indicators.models import Indicator

#: The roles that set the partnership's indicators.
SETTERS = frozenset({Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD})
#: The roles that read them.
READERS = frozenset({*PROGRAMME_ROLES, Role.THEME_LEAD, Role.BOARD_MEMBER})


class IndicatorPolicy(OrganisationScoped):
    """A role table (no indicator is a partner worker's own)."""

    model = Indicator
    actions = ("view", "add", "change", "delete")
    everywhere = {"view": READERS, "add": SETTERS, "change": SETTERS, "delete": SETTERS}


(INDICATORS,) = registered([IndicatorPolicy()])
