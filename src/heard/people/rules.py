"""Who may see and change young people, organisations and staff (the role matrix in one place).

A list-level check asks without an object: it is True when the user may see (or add to) the list
at all; the selectors then narrow the rows (a partner worker sees only their own organisation's).
"""

from __future__ import annotations

from typing import Any

import rules

from heard.core.permissions import (
    is_administrator,
    is_partner_worker,
    is_programme_staff,
    is_safeguarding_lead,
    is_staff_member,
    is_theme_lead,
    organisation_id_of,
)
from heard.people.models import Organisation


@rules.predicate
def no_object(user: Any, obj: Any) -> bool:
    return obj is None


@rules.predicate
def is_own_organisation_record(user: Any, obj: Any) -> bool:
    """The record (or the organisation itself) belongs to the user's organisation."""
    org_id = obj.pk if isinstance(obj, Organisation) else organisation_id_of(obj)
    return org_id is not None and org_id == getattr(user, "organisation_id", None)


#: A partner worker, for the list (no object) or for a record of their own organisation.
partner_for_own_organisation = is_partner_worker & (no_object | is_own_organisation_record)

view_young_people = (
    is_programme_staff | is_theme_lead | is_safeguarding_lead | partner_for_own_organisation
)

rules.add_perm("people.view_youngperson", view_young_people)
# Board members never see young people at all, not even their names in a group's page.
rules.add_perm("people.view_youngperson_name", view_young_people)
rules.add_perm(
    "people.add_youngperson", is_programme_staff | is_theme_lead | partner_for_own_organisation
)
rules.add_perm("people.import_youngperson", is_programme_staff | is_theme_lead | is_partner_worker)
rules.add_perm("people.change_youngperson", is_programme_staff | partner_for_own_organisation)

rules.add_perm("people.view_organisation", is_staff_member)
rules.add_perm("people.add_organisation", is_programme_staff)
rules.add_perm("people.change_organisation", is_programme_staff)
#: Counts of an organisation's young people: roles that read young people (partners: their own).
rules.add_perm("people.view_organisation_young_people", view_young_people)
#: The staff accounts of an organisation: programme staff, and partner workers for their own.
rules.add_perm(
    "people.view_organisation_staff",
    is_programme_staff | (is_partner_worker & is_own_organisation_record),
)

# Staff accounts: administrators only; staff are deactivated, never deleted.
rules.add_perm("people.view_user", is_administrator)
rules.add_perm("people.add_user", is_administrator)
rules.add_perm("people.change_user", is_administrator)
