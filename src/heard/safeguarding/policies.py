"""Who may raise and handle safeguarding concerns, and keep staff checks (one policy per model).

Any member of staff may raise a concern; only safeguarding leads may read, list, assign, decide or
close one (not even the person who raised it, once it is saved). Background checks and training
records are kept by programme staff; safeguarding leads may read them. Each answer is the same for
every record of its model, so each scope is all or nothing.
"""

from __future__ import annotations

from typing import Any

from heard.core.policies import OrganisationScoped, Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.safeguarding.models import BackgroundCheck, Concern, TrainingRecord


def is_safeguarding_lead(user: Any) -> bool:
    return role_of(user) == Role.SAFEGUARDING_LEAD


class ConcernPolicy(Policy[Concern]):
    model = Concern

    def may_add(self, user: Any, obj: Any = None) -> bool:
        return role_of(user) is not None

    def may_view(self, user: Any, obj: Any = None) -> bool:
        return is_safeguarding_lead(user)

    def may_change(self, user: Any, obj: Any = None) -> bool:
        return is_safeguarding_lead(user)


class KeptByProgrammeStaff(OrganisationScoped):
    """Staff checks and training: kept by programme staff, read by safeguarding leads too (a
    role table: no record is a partner worker's own)."""

    everywhere = {
        "view": PROGRAMME_ROLES | {Role.SAFEGUARDING_LEAD},
        "add": PROGRAMME_ROLES,
        "change": PROGRAMME_ROLES,
    }


class BackgroundCheckPolicy(KeptByProgrammeStaff):
    model = BackgroundCheck


class TrainingRecordPolicy(KeptByProgrammeStaff):
    model = TrainingRecord


CONCERNS, CHECKS, TRAINING = registered(
    [ConcernPolicy(), BackgroundCheckPolicy(), TrainingRecordPolicy()]
)
