"""Who may read and record consents, equality data, exports, erasure and reach.

Consents follow the young person: whoever may see a young person may see their consents (a
partner worker only their own organisation's), and programme staff, theme leads and a partner
worker for their own organisation's young people record and withdraw them. Equality data is
special category data: only the participation lead, participation officers and administrators
read or change it. Subject access exports, erasure and the retention run are for programme
staff. Reach is aggregate (and protected): programme staff and board members read it; programme
staff set its benchmarks and least-heard targets.

The object of a consent or equality question may be the young person or the record itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.core.permissions import can
from heard.core.policies import OrganisationScoped, Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.privacy.models import (
    Anonymisation,
    BenchmarkShare,
    Consent,
    EqualityRecord,
    LeastHeardTarget,
)

#: The roles that read young people's records, and so their consents.
CONSENT_READERS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD, Role.PARTNER_WORKER}
#: The roles that record consents (a partner worker: for their own organisation's young people).
CONSENT_RECORDERS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.PARTNER_WORKER}
#: Who reads reach, its benchmarks and its targets.
REACH_READERS = PROGRAMME_ROLES | {Role.BOARD_MEMBER}


def _young_person_of(obj: Any) -> Any:
    return getattr(obj, "young_person", obj)


def _own_organisation(user: Any, obj: Any) -> bool:
    org_id = getattr(user, "organisation_id", None)
    return org_id is not None and getattr(_young_person_of(obj), "organisation_id", None) == org_id


class ConsentPolicy(Policy[Consent]):
    model = Consent

    def may_view(self, user: Any, obj: Any = None) -> bool:
        if role_of(user) not in CONSENT_READERS:
            return False
        return obj is None or can(user, "people.view_youngperson", _young_person_of(obj))

    def view_scope(self, user: Any, consents: QuerySet[Consent]) -> QuerySet[Consent]:
        role = role_of(user)
        if role not in CONSENT_READERS:
            return consents.none()
        if role == Role.PARTNER_WORKER:
            # A join on the organisation, not an IN over the visible register: for everyone
            # else that subquery was the whole register (200,000 rows at national scale).
            return consents.filter(young_person__organisation_id=user.organisation_id)
        return consents

    def may_add(self, user: Any, obj: Any = None) -> bool:
        role = role_of(user)
        if role == Role.PARTNER_WORKER:
            return obj is None or _own_organisation(user, obj)
        return role in CONSENT_RECORDERS

    may_change = may_add

    def add_scope(self, user: Any, consents: QuerySet[Consent]) -> QuerySet[Consent]:
        role = role_of(user)
        if role == Role.PARTNER_WORKER:
            return consents.filter(young_person__organisation_id=user.organisation_id)
        return consents if role in CONSENT_RECORDERS else consents.none()

    change_scope = add_scope


# The rest are role tables (``OrganisationScoped`` with no action a partner worker does to their
# own organisation's records alone): each role in ``everywhere[action]`` may do it to every record.


class EqualityRecordPolicy(OrganisationScoped):
    """Special category data: programme staff only, whoever the young person."""

    model = EqualityRecord
    actions = ("view", "change")
    everywhere = {"view": PROGRAMME_ROLES, "change": PROGRAMME_ROLES}


class AnonymisationPolicy(OrganisationScoped):
    """Erasure, subject access exports and the retention run: programme staff."""

    model = Anonymisation
    actions = ("view", "erase", "export", "run_retention")
    everywhere = dict.fromkeys(actions, PROGRAMME_ROLES)
    names = {
        "erase": "privacy.erase_youngperson",
        "export": "privacy.export_subject_access",
        "run_retention": "privacy.run_retention",
    }


class BenchmarkSharePolicy(OrganisationScoped):
    """Reach and its benchmarks: read by programme staff and board members, set by programme
    staff."""

    model = BenchmarkShare
    actions = ("view", "change", "reach")
    everywhere = {"view": REACH_READERS, "reach": REACH_READERS, "change": PROGRAMME_ROLES}
    names = {"reach": "privacy.view_reach"}


class LeastHeardTargetPolicy(OrganisationScoped):
    model = LeastHeardTarget
    actions = ("view", "change")
    everywhere = {"view": REACH_READERS, "change": PROGRAMME_ROLES}


CONSENTS, EQUALITY, ANONYMISATION, BENCHMARKS, TARGETS = registered(
    [
        ConsentPolicy(),
        EqualityRecordPolicy(),
        AnonymisationPolicy(),
        BenchmarkSharePolicy(),
        LeastHeardTargetPolicy(),
    ]
)
