"""Who may see and change themes, reviews, groups, stage moves and memberships: one policy each.

Each policy answers both questions (``heard.core.policies``): "may this user do X to this
record?" and "which records may they do X to?". The permission strings stay those of the old
rules (``groups.view_group``, ``groups.change_membership``, ...), so ``require``, ``can`` and
``{% has_perm %}`` ask these policies.

A theme lead answers for a group they lead, or one linked to a theme they lead: that is
``Group.objects.led_by(user)`` for many groups and :func:`responsible_for_group` for one, the
definition participation and voice build on too. With no object, an action is answered for the
list ("may this user see the list, open the add form?"); the scopes narrow the rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.core.policies import Policy, ReadByStaff, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.groups.models import Group, Membership, StageTransition, Theme, ThemeReview

#: Roles that read every group (a partner worker reads only their organisation's).
READS_ALL_GROUPS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD, Role.BOARD_MEMBER}
#: Roles that read the members of groups (never board members: memberships name young people).
READS_MEMBERS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD, Role.PARTNER_WORKER}
#: Roles that may add a group (theme leads and partner workers: one they answer for).
ADDS_GROUPS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.PARTNER_WORKER}


def _prefetched(obj: Any, name: str) -> bool:
    return name in getattr(obj, "_prefetched_objects_cache", {})


def responsible_for_group(user: Any, group: Group | None) -> bool:
    """Whether ``user`` leads ``group`` or leads a theme linked to it (whatever their role):
    ``Group.objects.led_by(user)`` for one group. Uses the group's prefetched ``leads`` and
    ``theme_links`` (with their themes) when a page has read them."""
    user_id = getattr(user, "pk", None)
    if group is None or group.pk is None or user_id is None:
        return False
    if _prefetched(group, "leads"):
        if any(lead.pk == user_id for lead in group.leads.all()):
            return True
    elif group.leads.filter(pk=user_id).exists():
        return True
    if _prefetched(group, "theme_links"):
        return any(link.theme.lead_id == user_id for link in group.theme_links.all())
    return group.theme_links.filter(theme__lead_id=user_id).exists()


def group_of(obj: Any) -> Group | None:
    """The group a check is about: a group, or a membership's or a stage move's group."""
    if obj is None or isinstance(obj, Group):
        return obj
    return obj.group


def _hosts(user: Any, group: Group | None) -> bool:
    return group is not None and group.host_organisation_id == user.organisation_id


def _organisation_id(user: Any) -> int | None:
    return getattr(user, "organisation_id", None)


class ThemePolicy(ReadByStaff, Policy[Theme]):
    """Every member of staff reads the themes; the programme sets them."""

    model = Theme

    def may_add(self, user: Any, theme: Theme | None) -> bool:
        return role_of(user) in PROGRAMME_ROLES

    def may_change(self, user: Any, theme: Theme | None) -> bool:
        return role_of(user) in PROGRAMME_ROLES


class ThemeReviewPolicy(ReadByStaff, Policy[ThemeReview]):
    """Every member of staff reads the reviews; the programme and the theme's own lead add them.
    ``add`` takes the theme reviewed (there is no review yet)."""

    model = ThemeReview

    def may_add(self, user: Any, theme: Theme | None) -> bool:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return True
        return role == Role.THEME_LEAD and (theme is None or theme.lead_id == user.pk)

    def may_change(self, user: Any, review: ThemeReview | None) -> bool:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return True
        return role == Role.THEME_LEAD and review is not None and review.theme.lead_id == user.pk

    def change_scope(self, user: Any, reviews: QuerySet[ThemeReview]) -> QuerySet[ThemeReview]:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return reviews
        if role == Role.THEME_LEAD:
            return reviews.filter(theme__lead_id=user.pk)
        return reviews.none()


class GroupPolicy(Policy[Group]):
    """Programme staff, theme leads, safeguarding leads and board members read every group; a
    partner worker their organisation's. Programme staff change any group; a theme lead those
    they answer for (``responsible_for_group``); a partner worker those their organisation
    hosts. The membership and stage-move policies ask the same questions of the record's
    group."""

    model = Group

    def may_view(self, user: Any, obj: Any) -> bool:
        role = role_of(user)
        if role in READS_ALL_GROUPS:
            return True
        return role == Role.PARTNER_WORKER and (obj is None or _hosts(user, group_of(obj)))

    def view_scope(self, user: Any, groups: QuerySet[Any]) -> QuerySet[Any]:
        return self._scope(user, groups, "view", "")

    def may_add(self, user: Any, obj: Any) -> bool:
        return role_of(user) in ADDS_GROUPS

    def may_change(self, user: Any, obj: Any) -> bool:
        role = role_of(user)
        if role in PROGRAMME_ROLES:
            return True
        if role == Role.THEME_LEAD:
            return obj is None or responsible_for_group(user, group_of(obj))
        return role == Role.PARTNER_WORKER and (obj is None or _hosts(user, group_of(obj)))

    def change_scope(self, user: Any, groups: QuerySet[Any]) -> QuerySet[Any]:
        return self._scope(user, groups, "change", "")

    def _scope(self, user: Any, rows: QuerySet[Any], action: str, path: str) -> QuerySet[Any]:
        """``rows`` (groups, or records with a group at ``path``) whose group the user may
        ``action``: the one scope of this policy and the two below."""
        role = role_of(user)
        if role == Role.PARTNER_WORKER:
            return rows.filter(**{f"{path}host_organisation_id": _organisation_id(user)})
        if action == "change" and role == Role.THEME_LEAD:
            return rows.filter(**{f"{path}pk__in": Group.objects.led_by(user).values("pk")})
        return rows if self.allows(user, action) else rows.none()


#: The one group policy: membership and stage-move policies ask it about their group.
GROUP_POLICY = GroupPolicy()


class StageTransitionPolicy(Policy[StageTransition]):
    """Who may read a group reads its stage moves (a move itself is made by changing the
    group: ``groups.change_group``)."""

    model = StageTransition
    actions = ("view",)

    def may_view(self, user: Any, transition: StageTransition | None) -> bool:
        return GROUP_POLICY.may_view(user, group_of(transition))

    def view_scope(self, user: Any, rows: QuerySet[StageTransition]) -> QuerySet[StageTransition]:
        return GROUP_POLICY._scope(user, rows, "view", "group__")


class MembershipPolicy(Policy[Membership]):
    """Memberships name young people: every reader of groups but board members reads them (a
    partner worker, their organisation's). Who may change a group adds and ends its members.
    Each action takes a membership or, for a new one, its group."""

    model = Membership

    def may_view(self, user: Any, obj: Any) -> bool:
        return role_of(user) in READS_MEMBERS and GROUP_POLICY.may_view(user, obj)

    def view_scope(self, user: Any, rows: QuerySet[Membership]) -> QuerySet[Membership]:
        if role_of(user) not in READS_MEMBERS:
            return rows.none()
        return GROUP_POLICY._scope(user, rows, "view", "group__")

    def may_add(self, user: Any, obj: Any) -> bool:
        return GROUP_POLICY.may_change(user, obj)

    def may_change(self, user: Any, obj: Any) -> bool:
        return GROUP_POLICY.may_change(user, obj)

    def change_scope(self, user: Any, rows: QuerySet[Membership]) -> QuerySet[Membership]:
        return GROUP_POLICY._scope(user, rows, "change", "group__")


THEME_POLICY = ThemePolicy()
THEME_REVIEW_POLICY = ThemeReviewPolicy()
STAGE_TRANSITION_POLICY = StageTransitionPolicy()
MEMBERSHIP_POLICY = MembershipPolicy()

registered(
    [THEME_POLICY, THEME_REVIEW_POLICY, GROUP_POLICY, STAGE_TRANSITION_POLICY, MEMBERSHIP_POLICY]
)
