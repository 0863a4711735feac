"""Who may read and keep opportunities and sign-ups (one policy per model).

Opportunities: programme staff (participation leads and officers) keep every one; a partner
worker keeps their own organisation's; theme leads, safeguarding leads and board members read
them all (an opportunity names nobody). Sign-ups name young people: programme staff read and keep
every one, a partner worker those of their own organisation's opportunities, a safeguarding lead
reads them; nobody else sees who signed up. A young person signs up in the portal (the services
check them, not these policies).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.core.policies import (
    Policy,
    is_partner,
    is_programme,
    registered,
    role_of,
)
from heard.core.policy_bases import ReadByRolesAndOwnOrganisation
from heard.core.roles import Role
from heard.opportunities.models import Opportunity, SignUp

#: Roles that read every opportunity without keeping them.
OPPORTUNITY_READERS = frozenset({Role.THEME_LEAD, Role.SAFEGUARDING_LEAD, Role.BOARD_MEMBER})


def _organisation_id(obj: Any) -> int | None:
    if isinstance(obj, SignUp):
        return obj.opportunity.organisation_id
    return getattr(obj, "organisation_id", None)


def _own(user: Any, obj: Any) -> bool:
    return obj is None or _organisation_id(obj) == getattr(user, "organisation_id", None)


class OpportunityPolicy(ReadByRolesAndOwnOrganisation):
    model = Opportunity
    readers = OPPORTUNITY_READERS


class SignUpPolicy(Policy[SignUp]):
    """``add`` also takes the opportunity a sign-up is for."""

    model = SignUp
    actions = ("view", "add", "change")

    def may_view(self, user: Any, obj: Any) -> bool:
        if is_programme(user) or role_of(user) == Role.SAFEGUARDING_LEAD:
            return True
        return is_partner(user) and _own(user, obj)

    def view_scope(self, user: Any, rows: QuerySet[SignUp]) -> Any:
        if is_partner(user):
            return rows.filter(opportunity__organisation_id=user.organisation_id)
        return rows if self.may_view(user, None) else rows.none()

    def may_add(self, user: Any, obj: Any) -> bool:
        return is_programme(user) or is_partner(user) and _own(user, obj)

    def add_scope(self, user: Any, rows: QuerySet[SignUp]) -> Any:
        if is_partner(user):
            return rows.filter(opportunity__organisation_id=user.organisation_id)
        return rows if is_programme(user) else rows.none()

    may_change = may_add
    change_scope = add_scope


OPPORTUNITIES, SIGN_UPS = registered([OpportunityPolicy(), SignUpPolicy()])
