"""The shapes of policy several apps share, beside ``heard.core.policies`` (see its docstring
for the two questions a policy answers):

- ``FollowsParent``: records read by whoever may read a parent record (a session's evaluations,
  hours and resources; a young person's recognitions);
- ``ReadByRolesAndOwnOrganisation``: records programme staff and some other roles read and
  keep everywhere, a partner worker their own organisation's (involvement activities,
  opportunities).

The policies of the apps above say the rest (who writes, which roles read)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from django.db import models

from heard.core.policies import (
    M,
    OwnOrganisationWrites,
    Policy,
    is_partner,
    is_programme,
    of_own_organisation,
    role_of,
)


class FollowsParent(Policy[M]):
    """Records read by whoever may read their ``parent`` (the field naming it, a record of
    ``parent_model`` that ``parent_policy`` answers for). ``add`` also takes the parent itself:
    "may this user add a record to this parent?"."""

    parent: ClassVar[str]
    parent_model: ClassVar[type[models.Model]]
    parent_policy: ClassVar[Policy[Any]]

    def parent_of(self, obj: Any) -> Any:
        """``obj``'s parent (``obj`` itself when it is one; None for anything else)."""
        if isinstance(obj, self.parent_model):
            return obj
        if isinstance(obj, self.model):
            return getattr(obj, self.parent)
        return None

    def parent_allows(self, user: Any, action: str, obj: Any) -> bool:
        """May ``user`` do ``action`` to ``obj``'s parent?"""
        return self.parent_policy.allows(user, action, self.parent_of(obj))

    def of_parents(self, user: Any, rows: models.QuerySet[M], action: str) -> Any:
        """The ``rows`` whose parent ``user`` may do ``action`` to."""
        parents = self.parent_policy.scope(user, action).values("pk")
        return rows.filter(**{f"{self.parent}__in": parents})

    def may_view(self, user: Any, obj: Any) -> bool:
        return self.parent_allows(user, "view", obj)

    def view_scope(self, user: Any, rows: models.QuerySet[M]) -> Any:
        return self.of_parents(user, rows, "view")


class ReadByRolesAndOwnOrganisation(OwnOrganisationWrites):
    """Records programme staff read and keep everywhere, the ``readers`` roles read everywhere,
    and a partner worker reads and keeps their own organisation's (``organisation_id``)."""

    readers: ClassVar[Collection[str]] = frozenset()

    def may_view(self, user: Any, obj: Any) -> bool:
        if is_programme(user) or role_of(user) in self.readers:
            return True
        return is_partner(user) and of_own_organisation(user, obj)

    def view_scope(self, user: Any, rows: models.QuerySet[Any]) -> Any:
        if is_partner(user):
            return self.own_rows(user, rows)
        return rows if self.may_view(user, None) else rows.none()
