"""Who may read and keep budget rounds, proposals and ballots (one policy per model).

Budget rounds: every member of staff reads the partnership's rounds (no organisation) and a
partner worker also their own organisation's, not another's; programme staff create, change
and delete them; the participation lead (and the administrator) decides a closed round and
verifies its count. Proposals follow their round: readers of the round read them; programme
staff keep them, and a partner worker keeps those of their own organisation's rounds.
Ballots (who voted, never the choices): programme staff read and enter paper ballots of every
round, a partner worker of their own organisation's rounds (reading who voted only among their
organisation's young people); board members read results only.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from heard.core.policies import Policy, is_programme, record_of, registered, role_of
from heard.core.roles import Role
from heard.decisions.models import Ballot, BudgetRound, Proposal

STAFF_ROLES = frozenset(Role.values)
#: Roles that decide a round and verify its count.
DECIDERS = frozenset({Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD})


def _round_of(obj: Any) -> BudgetRound | None:
    return record_of(obj, BudgetRound, (Proposal, Ballot), "round")


def _partner_may(user: Any, round_: BudgetRound | None) -> bool:
    """A partner worker: any round at list level; a round of their organisation or of the
    whole partnership."""
    return round_ is None or round_.organisation_id in (None, user.organisation_id)


class _OfARound:
    """``add`` for the records of a round (proposals, ballots): programme staff, and a partner
    worker for a round of their own organisation."""

    def may_add(self, user: Any, obj: Any) -> bool:
        if is_programme(user):
            return True
        round_ = _round_of(obj)
        return role_of(user) == Role.PARTNER_WORKER and (
            round_ is None or round_.organisation_id == user.organisation_id
        )

    def add_scope(self, user: Any, rows: QuerySet[Any]) -> Any:
        if role_of(user) == Role.PARTNER_WORKER:
            return rows.filter(round__organisation_id=user.organisation_id)
        return rows if is_programme(user) else rows.none()


class BudgetRoundPolicy(Policy[BudgetRound]):
    model = BudgetRound
    actions = ("view", "add", "change", "delete", "decide", "verify")

    def may_view(self, user: Any, obj: Any) -> bool:
        role = role_of(user)
        if role == Role.PARTNER_WORKER:
            return _partner_may(user, _round_of(obj))
        return role in STAFF_ROLES

    def view_scope(self, user: Any, rows: QuerySet[BudgetRound]) -> Any:
        role = role_of(user)
        if role == Role.PARTNER_WORKER:
            return rows.filter(Q(organisation=None) | Q(organisation_id=user.organisation_id))
        return rows if role in STAFF_ROLES else rows.none()

    def may_add(self, user: Any, obj: Any) -> bool:
        return is_programme(user)

    may_change = may_delete = may_add

    def may_decide(self, user: Any, obj: Any) -> bool:
        return role_of(user) in DECIDERS

    may_verify = may_decide


class ProposalPolicy(_OfARound, Policy[Proposal]):
    """``add`` also takes the round a proposal is for."""

    model = Proposal
    actions = ("view", "add", "change")

    def may_view(self, user: Any, obj: Any) -> bool:
        return BUDGET_ROUNDS.allows(user, "view", _round_of(obj))

    def view_scope(self, user: Any, rows: QuerySet[Proposal]) -> Any:
        return rows.filter(round__in=BUDGET_ROUNDS.scope(user, "view").values("pk"))

    may_change = _OfARound.may_add
    change_scope = _OfARound.add_scope


class BallotPolicy(_OfARound, Policy[Ballot]):
    """``add`` (enter a paper ballot) also takes the round."""

    model = Ballot
    actions = ("view", "add")

    def may_view(self, user: Any, obj: Any) -> bool:
        """As ``add``; and a partner worker reads who voted only among their own organisation's
        young people (a round of theirs may let others vote, whom they may not open)."""
        if not isinstance(obj, Ballot) or is_programme(user) or not self.may_add(user, obj):
            return self.may_add(user, obj)
        return obj.young_person.organisation_id == user.organisation_id

    def view_scope(self, user: Any, rows: QuerySet[Ballot]) -> Any:
        if role_of(user) == Role.PARTNER_WORKER:
            rows = rows.filter(young_person__organisation_id=user.organisation_id)
        return self.add_scope(user, rows)


BUDGET_ROUNDS, PROPOSALS, BALLOTS = registered(
    [BudgetRoundPolicy(), ProposalPolicy(), BallotPolicy()]
)
