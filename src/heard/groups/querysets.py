"""Groups and memberships in the domain's words: ``Group.objects.led_by(user)``,
``Membership.objects.current()``. Selectors and policies chain these instead of repeating the
filters."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models


class GroupQuerySet(models.QuerySet[Any]):
    def led_by(self, user: Any) -> GroupQuerySet:
        """The groups ``user`` answers for as a lead: those they lead, and those linked to a
        theme they lead. The one definition of "a theme lead is responsible for a group"
        (``heard.groups.policies.responsible_for_group`` answers it for one group)."""
        return self.filter(pk__in=self.ids_led_by(user))

    def ids_led_by(self, user: Any) -> models.QuerySet[Any]:
        """Ids of the groups ``user`` leads or whose themes they lead, for ``__in`` lookups.

        Two index lookups (the user's lead links, their themes' group links), not a join of
        every group to its leads and themes: that join read all 15,000 groups at national scale,
        50 ms in each theme lead's query that asked it. A UNION, not "IN (...) OR IN (...)": for
        an OR the planner guessed three groups in four and chose to scan every session for each
        view it tested.
        """
        links = self.model._meta.get_field("theme_links").related_model._default_manager
        user_id: Any = getattr(user, "pk", None)
        if user_id is None:  # a signed-out visitor leads nothing (not the themes without a lead)
            return links.none().values("group_id")
        leads = self.model.leads.through.objects.filter(user_id=user_id).values("group_id")
        return leads.union(links.filter(theme__lead_id=user_id).values("group_id"))

    def open(self) -> GroupQuerySet:
        """Not closed."""
        return self.exclude(stage=self.model.Stage.CLOSED)

    def visited(self) -> GroupQuerySet:
        """In a stage that expects visits on the group's cadence."""
        return self.filter(stage__in=self.model.VISITED_STAGES)

    def established(self) -> GroupQuerySet:
        """Established or active: what the two-groups-per-theme rule counts."""
        return self.filter(stage__in=self.model.ESTABLISHED_STAGES)


class MembershipQuerySet(models.QuerySet[Any]):
    def current(self) -> MembershipQuerySet:
        """Members who have not left."""
        return self.filter(left_on__isnull=True)

    def on(self, day: datetime.date) -> MembershipQuerySet:
        """Members on ``day``: joined by then and not left by then."""
        return self.filter(joined_on__lte=day).filter(
            models.Q(left_on__isnull=True) | models.Q(left_on__gt=day)
        )
