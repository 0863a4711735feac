"""Who may read and keep involvement activities and evaluations (one policy per model).

Involvement activities: programme staff keep every one; a partner worker reads and keeps their
own organisation's; board members read them all (the young people named in one stay those the
reader may see: none for a board member). Evaluations follow their session: whoever may read
the session reads its evaluations, comments included (they are personal data); whoever may read
it and records sessions (programme staff, theme leads, a partner worker for their own
organisation) enters, changes and deletes them. Board members read only the shares.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.core.policies import (
    registered,
    role_of,
)
from heard.core.policy_bases import FollowsParent, ReadByRolesAndOwnOrganisation
from heard.core.roles import Role
from heard.involvement.models import Evaluation, InvolvementActivity
from heard.participation.models import Session
from heard.participation.policies import SESSION_POLICY

#: Roles that enter evaluations of the sessions they may read.
EVALUATION_WRITERS = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.PARTICIPATION_LEAD,
        Role.PARTICIPATION_OFFICER,
        Role.THEME_LEAD,
        Role.PARTNER_WORKER,
    }
)


class InvolvementActivityPolicy(ReadByRolesAndOwnOrganisation):
    model = InvolvementActivity
    readers = frozenset({Role.BOARD_MEMBER})


class EvaluationPolicy(FollowsParent[Evaluation]):
    """``add`` also takes the session an evaluation is for."""

    model = Evaluation
    actions = ("view", "add", "change", "delete")
    parent = "session"
    parent_model = Session
    parent_policy = SESSION_POLICY

    def may_view(self, user: Any, obj: Any) -> bool:
        return role_of(user) != Role.BOARD_MEMBER and super().may_view(user, obj)

    def view_scope(self, user: Any, rows: QuerySet[Evaluation]) -> Any:
        if role_of(user) == Role.BOARD_MEMBER:
            return rows.none()
        return super().view_scope(user, rows)

    def may_add(self, user: Any, obj: Any) -> bool:
        return role_of(user) in EVALUATION_WRITERS and self.may_view(user, obj)

    def add_scope(self, user: Any, rows: QuerySet[Evaluation]) -> Any:
        if role_of(user) not in EVALUATION_WRITERS:
            return rows.none()
        return self.view_scope(user, rows)

    may_change = may_delete = may_add
    change_scope = delete_scope = add_scope


ACTIVITIES, EVALUATIONS = registered([InvolvementActivityPolicy(), EvaluationPolicy()])
