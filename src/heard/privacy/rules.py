"""Who may read and record consents, equality data, exports, erasure and reach.

Consents follow the young person: whoever may see a young person may see their consents (a partner
worker only their own organisation's), and programme staff, theme leads and a partner worker for
their own organisation's young people record and withdraw them. Equality data is special category
data: only the participation lead, participation officers and administrators read or change it.
Subject access exports and erasure are for programme staff. Reach is aggregate (and suppressed):
programme staff and board members.
"""

from __future__ import annotations

from typing import Any

import rules

from heard.core.permissions import (
    can,
    is_board_member,
    is_partner_worker,
    is_programme_staff,
    is_safeguarding_lead,
    is_theme_lead,
)


def _young_person_of(obj: Any) -> Any:
    return getattr(obj, "young_person", obj)


@rules.predicate
def no_object(user: Any, obj: Any) -> bool:
    return obj is None


@rules.predicate
def sees_young_person(user: Any, obj: Any) -> bool:
    return can(user, "people.view_youngperson", _young_person_of(obj))


@rules.predicate
def of_own_organisation(user: Any, obj: Any) -> bool:
    young_person = _young_person_of(obj)
    org_id = getattr(user, "organisation_id", None)
    return org_id is not None and getattr(young_person, "organisation_id", None) == org_id


view_consents = (is_programme_staff | is_theme_lead | is_safeguarding_lead | is_partner_worker) & (
    no_object | sees_young_person
)
record_consents = (
    is_programme_staff | is_theme_lead | (is_partner_worker & (no_object | of_own_organisation))
)

rules.add_perm("privacy.view_consent", view_consents)
rules.add_perm("privacy.add_consent", record_consents)
rules.add_perm("privacy.change_consent", record_consents)
rules.add_perm("privacy.view_equalityrecord", is_programme_staff)
rules.add_perm("privacy.change_equalityrecord", is_programme_staff)
rules.add_perm("privacy.export_subject_access", is_programme_staff)
rules.add_perm("privacy.erase_youngperson", is_programme_staff)
rules.add_perm("privacy.view_reach", is_programme_staff | is_board_member)
rules.add_perm("privacy.change_benchmarkshare", is_programme_staff)
rules.add_perm("privacy.change_leastheardtarget", is_programme_staff)
rules.add_perm("privacy.run_retention", is_programme_staff)
