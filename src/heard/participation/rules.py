"""Who may read, log and change sessions of the participation log (the role matrix in one place).

A list-level check (no object) answers "may this user see the list / log a session at all?".
With an object (a ``Session``, or the ``Group`` or ``YoungPerson`` a new session is for) it
answers for that one.
"""

from __future__ import annotations

from typing import Any

import rules

from heard.core.permissions import (
    is_own_organisation,
    is_partner_worker,
    is_programme_staff,
    is_safeguarding_lead,
    is_theme_lead,
)
from heard.groups.models import Group
from heard.participation.models import Session


def _group_of(obj: Any) -> Group | None:
    if isinstance(obj, Group):
        return obj
    if isinstance(obj, Session):
        return obj.group if obj.group_id else None
    return None


def theme_lead_responsible_for_group(user: Any, group: Group | None) -> bool:
    """The group is one the theme lead leads, or one linked to a theme they lead."""
    if group is None or group.pk is None:
        return False
    return group.leads.filter(pk=user.pk).exists() or group.themes.filter(lead_id=user.pk).exists()


@rules.predicate
def leads_group_of(user: Any, obj: Any) -> bool:
    """For a new session: the group is theirs (they lead it or one of its themes)."""
    if obj is None:
        return True
    return theme_lead_responsible_for_group(user, _group_of(obj))


@rules.predicate
def leads_session(user: Any, obj: Any) -> bool:
    """For an existing session: its group is theirs, or it is tagged with a theme they lead."""
    if obj is None:
        return True
    if theme_lead_responsible_for_group(user, _group_of(obj)):
        return True
    return bool(isinstance(obj, Session) and obj.pk and obj.themes.filter(lead_id=user.pk).exists())


@rules.predicate
def own_organisation_or_list(user: Any, obj: Any) -> bool:
    return obj is None or is_own_organisation(user, obj)


can_view = (
    is_programme_staff
    | is_theme_lead
    | is_safeguarding_lead
    | (is_partner_worker & own_organisation_or_list)
)
can_add = (
    is_programme_staff
    | (is_theme_lead & leads_group_of)
    | (is_partner_worker & own_organisation_or_list)
)
can_change = (
    is_programme_staff
    | (is_theme_lead & leads_session)
    | (is_partner_worker & own_organisation_or_list)
)

rules.add_perm("participation.view_session", can_view)
rules.add_perm("participation.add_session", can_add)
rules.add_perm("participation.change_session", can_change)
rules.add_perm("participation.import_session", can_add)
