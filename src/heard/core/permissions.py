"""Permission predicates shared by every app (django-rules), and the one check services call.

Each app declares its own rules in ``<app>/rules.py`` by composing these predicates, so that the
service layer, the selectors, the pages and the API all ask the same question with the acting
user.
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from heard.core.roles import PROGRAMME_ROLES, Role


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return getattr(user, "role", None)


def has_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_role({','.join(sorted(wanted))})")
    def predicate(user: Any) -> bool:
        return _role(user) in wanted

    return predicate


#: A member of staff has one of the staff roles: an account whose role is empty (``create_user``
#: without one) is none, and so reads nothing.
is_staff_member = has_role(*Role.values)
is_programme_staff = has_role(*PROGRAMME_ROLES)
is_administrator = has_role(Role.ADMINISTRATOR)
is_participation_lead = has_role(Role.PARTICIPATION_LEAD)
is_theme_lead = has_role(Role.THEME_LEAD)
is_partner_worker = has_role(Role.PARTNER_WORKER)
is_safeguarding_lead = has_role(Role.SAFEGUARDING_LEAD)
is_board_member = has_role(Role.BOARD_MEMBER)
#: Staff who may read personal records of young people (not board members: they read aggregates).
reads_personal_data = has_role(
    *PROGRAMME_ROLES, Role.THEME_LEAD, Role.PARTNER_WORKER, Role.SAFEGUARDING_LEAD
)


def organisation_id_of(obj: Any) -> int | None:
    """The partner organisation a record belongs to, for partner-worker scoping."""
    if obj is None:
        return None
    for attr in ("organisation_id", "host_organisation_id"):
        if hasattr(obj, attr):
            return getattr(obj, attr)
    return None


@rules.predicate
def is_own_organisation(user: Any, obj: Any) -> bool:
    org_id = organisation_id_of(obj)
    return org_id is not None and org_id == getattr(user, "organisation_id", None)


def is_system(user: Any) -> bool:
    """``None`` as the actor is Heard itself: a management command or the demo loader."""
    return user is None


def require(user: Any, perm: str, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` has ``perm`` (on ``obj``).

    Views and API endpoints always pass the request's user (anonymous when signed out), never
    ``None``.
    """
    if is_system(user):
        return
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You do not have permission to do that."))


def can(user: Any, perm: str, obj: Any = None) -> bool:
    return is_system(user) or rules.has_perm(perm, user, obj)
