"""Who may read and keep resources, and record which a session used.

Resources: every member of staff reads the published library; programme staff read and keep
every resource (drafts too); a partner worker keeps their own organisation's (and reads its
drafts). A session's resources follow the session: whoever may read the session reads them,
whoever may change it adds and removes them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from heard.core.policies import (
    OwnOrganisationWrites,
    is_partner,
    is_programme,
    registered,
    role_of,
)
from heard.core.policy_bases import FollowsParent
from heard.participation.models import Session
from heard.participation.policies import SESSION_POLICY
from heard.resources.models import Resource, SessionResource


class ResourcePolicy(OwnOrganisationWrites):
    model = Resource

    def may_view(self, user: Any, obj: Any) -> bool:
        if role_of(user) is None:
            return False
        if obj is None or obj.published or is_programme(user):
            return True
        return self.may_add(user, obj)  # a draft: whoever may keep it (their organisation's)

    def view_scope(self, user: Any, rows: QuerySet[Resource]) -> Any:
        if role_of(user) is None:
            return rows.none()
        if is_programme(user):
            return rows
        if is_partner(user):
            return rows.filter(Q(published=True) | Q(organisation_id=user.organisation_id))
        return rows.filter(published=True)


class SessionResourcePolicy(FollowsParent[SessionResource]):
    """``add`` also takes the session; whoever may change the session adds and removes."""

    model = SessionResource
    actions = ("view", "add", "delete")
    parent = "session"
    parent_model = Session
    parent_policy = SESSION_POLICY

    def may_add(self, user: Any, obj: Any) -> bool:
        return self.parent_allows(user, "change", obj)

    def add_scope(self, user: Any, rows: QuerySet[SessionResource]) -> Any:
        return self.of_parents(user, rows, "change")

    may_delete = may_add
    delete_scope = add_scope


RESOURCES, SESSION_RESOURCES = registered([ResourcePolicy(), SessionResourcePolicy()])
