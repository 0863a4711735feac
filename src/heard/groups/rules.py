"""Who may see and change themes, groups and memberships (the role matrix in one place).

List-level checks pass no object: a rule is then True for every role that may see the list at all,
and the selectors narrow the rows (a partner worker's list holds only their organisation's groups).
Membership rules take the group (or a membership, whose group is used).
"""

from __future__ import annotations

from typing import Any

import rules

from heard.core.permissions import (
    is_board_member,
    is_own_organisation,
    is_partner_worker,
    is_programme_staff,
    is_safeguarding_lead,
    is_staff_member,
    is_theme_lead,
)


def _group_of(obj: Any) -> Any:
    """The group a rule is about: the object itself, or a membership's or transition's group."""
    if obj is None:
        return None
    if hasattr(obj, "host_organisation_id"):
        return obj
    return getattr(obj, "group", None)


def _prefetched(obj: Any, name: str) -> bool:
    return name in getattr(obj, "_prefetched_objects_cache", {})


def is_responsible_for_group(user: Any, group: Any) -> bool:
    """A lead of the group, or the lead of one of its themes. Uses prefetched rows when present."""
    if group is None or group.pk is None or user is None or user.pk is None:
        return False
    if _prefetched(group, "leads"):
        if any(lead.pk == user.pk for lead in group.leads.all()):
            return True
    elif group.leads.filter(pk=user.pk).exists():
        return True
    if _prefetched(group, "theme_links"):
        return any(link.theme.lead_id == user.pk for link in group.theme_links.all())
    return group.theme_links.filter(theme__lead=user).exists()


@rules.predicate
def no_object(user: Any, obj: Any) -> bool:
    return obj is None


@rules.predicate
def leads_theme(user: Any, theme: Any) -> bool:
    return theme is not None and user is not None and theme.lead_id == user.pk


@rules.predicate
def leads_review_theme(user: Any, review: Any) -> bool:
    return review is not None and review.theme.lead_id == getattr(user, "pk", None)


@rules.predicate
def responsible_for_group(user: Any, obj: Any) -> bool:
    return is_responsible_for_group(user, _group_of(obj))


@rules.predicate
def hosts_group(user: Any, obj: Any) -> bool:
    group = _group_of(obj)
    return group is not None and is_own_organisation(user, group)


#: Roles that read every group (a partner worker reads only their organisation's).
reads_all_groups = is_programme_staff | is_theme_lead | is_safeguarding_lead | is_board_member
#: Who may change a group: programme staff, a responsible theme lead, the host's partner worker.
changes_group = (
    is_programme_staff
    | (is_theme_lead & (no_object | responsible_for_group))
    | (is_partner_worker & (no_object | hosts_group))
)

# Themes: all staff read them; the programme sets them; the theme's lead may review it too.
rules.add_perm("groups.view_theme", is_staff_member)
rules.add_perm("groups.add_theme", is_programme_staff)
rules.add_perm("groups.change_theme", is_programme_staff)
rules.add_perm("groups.view_themereview", is_staff_member)
rules.add_perm(
    "groups.add_themereview", is_programme_staff | (is_theme_lead & (no_object | leads_theme))
)
rules.add_perm(
    "groups.change_themereview", is_programme_staff | (is_theme_lead & leads_review_theme)
)

# Groups.
rules.add_perm(
    "groups.view_group", reads_all_groups | (is_partner_worker & (no_object | hosts_group))
)
rules.add_perm("groups.add_group", is_programme_staff | is_theme_lead | is_partner_worker)
rules.add_perm("groups.change_group", changes_group)
rules.add_perm(
    "groups.view_stagetransition",
    reads_all_groups | (is_partner_worker & (no_object | hosts_group)),
)

# Memberships name young people: board members never see them.
rules.add_perm(
    "groups.view_membership",
    (is_programme_staff | is_theme_lead | is_safeguarding_lead)
    | (is_partner_worker & (no_object | hosts_group)),
)
rules.add_perm("groups.add_membership", changes_group)
rules.add_perm("groups.change_membership", changes_group)
