"""Who may read and keep recognitions, session hours, expense claims and partner invoices.

Recognitions follow their young person: whoever may see the young person reads them (programme
staff, theme leads, safeguarding leads, a partner worker their own organisation's); programme
staff and a partner worker (for their own organisation's young people) give, change and delete
them. Board members read only the totals, protected (``selectors.totals_by_organisation``).

Session hours follow their session for reading; only programme staff set them, so a
session's length (and so everyone's hours) is not inflated by whoever ran it. The default hours
per kind of session are read by all staff and changed by a participation lead.

Expense claims and partner invoices: programme staff and a partner worker (their own
organisation's) submit them and change or delete them while they wait for a decision; board
members read them. **Approving** (and rejecting) is a participation lead's (or an
administrator's), never on a claim they submitted or claim for themselves, nor an invoice they
recorded: a second pair of eyes on money. **Paying** (recording the payment the finance system
made) is for programme staff: participation officers pay what a lead has approved. The services
refuse transitions out of order (paying before approval, approving twice) with their own
messages; the policy answers only who.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from heard.core.policies import Policy, ReadByStaff, is_partner, is_programme, registered, role_of
from heard.core.policy_bases import FollowsParent, ReadByRolesAndOwnOrganisation
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.participation.models import Session
from heard.participation.policies import SESSION_POLICY
from heard.people.models import YoungPerson
from heard.people.policies import YOUNG_PERSON
from heard.rewards.models import (
    ExpenseClaim,
    HoursDefault,
    PartnerInvoice,
    Recognition,
    SessionHours,
)

#: Roles that approve or reject claims and invoices (never their own).
APPROVERS = frozenset({Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD})
#: Roles that record payments of approved claims and invoices.
PAYERS = PROGRAMME_ROLES
#: Roles that change the default hours of a kind of session.
DEFAULT_SETTERS = APPROVERS


def _own(user: Any, organisation_id: Any) -> bool:
    own = getattr(user, "organisation_id", None)
    return own is not None and organisation_id == own


# Recognitions -----------------------------------------------------------------------------------


class RecognitionPolicy(FollowsParent[Recognition]):
    """``add`` also takes the young person a recognition is for."""

    model = Recognition
    actions = ("view", "add", "change", "delete")
    parent = "young_person"
    parent_model = YoungPerson
    parent_policy = YOUNG_PERSON

    def may_add(self, user: Any, obj: Any) -> bool:
        if is_programme(user):
            return True
        person = self.parent_of(obj)
        return is_partner(user) and (person is None or _own(user, person.organisation_id))

    def add_scope(self, user: Any, rows: QuerySet[Recognition]) -> Any:
        if is_programme(user):
            return rows
        if is_partner(user):
            return rows.filter(young_person__organisation_id=user.organisation_id)
        return rows.none()

    may_change = may_delete = may_add
    change_scope = delete_scope = add_scope


# Session hours and their defaults -------------------------------------------------------------


class SessionHoursPolicy(FollowsParent[SessionHours]):
    """``change`` (set a session's hours) also takes the session."""

    model = SessionHours
    actions = ("view", "change")
    parent = "session"
    parent_model = Session
    parent_policy = SESSION_POLICY

    def may_change(self, user: Any, obj: Any) -> bool:
        return is_programme(user)


class HoursDefaultPolicy(ReadByStaff, Policy[HoursDefault]):
    model = HoursDefault
    actions = ("view", "change")

    def may_change(self, user: Any, obj: Any) -> bool:
        return role_of(user) in DEFAULT_SETTERS


# Expense claims and partner invoices ----------------------------------------------------------


class _Money(ReadByRolesAndOwnOrganisation):
    """Claims and invoices alike: see the module's docstring."""

    actions = ("view", "add", "change", "delete", "approve", "pay")
    readers = frozenset({Role.BOARD_MEMBER})

    def _mine(self, user: Any, obj: Any) -> bool:  # pragma: no cover - each model says
        raise NotImplementedError

    def _not_mine(self, user: Any) -> Q:  # pragma: no cover - each model says
        raise NotImplementedError

    def may_approve(self, user: Any, obj: Any) -> bool:
        return role_of(user) in APPROVERS and (obj is None or not self._mine(user, obj))

    def approve_scope(self, user: Any, rows: QuerySet[Any]) -> Any:
        if role_of(user) not in APPROVERS:
            return rows.none()
        return rows.filter(self._not_mine(user))

    def may_pay(self, user: Any, obj: Any) -> bool:
        return role_of(user) in PAYERS


class ExpenseClaimPolicy(_Money):
    model = ExpenseClaim

    def _mine(self, user: Any, obj: Any) -> bool:
        return user.pk in (obj.submitted_by_id, obj.claimant_id)

    def _not_mine(self, user: Any) -> Q:
        return ~Q(submitted_by=user) & ~Q(claimant=user)


class PartnerInvoicePolicy(_Money):
    model = PartnerInvoice

    def _mine(self, user: Any, obj: Any) -> bool:
        return bool(user.pk == obj.recorded_by_id)

    def _not_mine(self, user: Any) -> Q:
        return ~Q(recorded_by=user)


RECOGNITIONS, SESSION_HOURS, HOURS_DEFAULTS, CLAIMS, INVOICES = registered(
    [
        RecognitionPolicy(),
        SessionHoursPolicy(),
        HoursDefaultPolicy(),
        ExpenseClaimPolicy(),
        PartnerInvoicePolicy(),
    ]
)
