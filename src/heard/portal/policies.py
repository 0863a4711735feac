"""Who may give and take back a young person's portal sign-in codes.

The same staff who may change the young person's record (``people.change_youngperson``):
programme staff, and partner workers for their own organisation's young people. The object is
the young person, or a code (then its young person). Young people themselves never act through
this policy: the portal session holds them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.core.permissions import can
from heard.core.policies import Policy, registered
from heard.people import selectors as people_selectors
from heard.portal.models import SignInCode


def _young_person_of(obj: Any) -> Any:
    return getattr(obj, "young_person", obj)


class SignInCodePolicy(Policy[SignInCode]):
    model = SignInCode

    def _may(self, user: Any, obj: Any = None) -> bool:
        return can(user, "people.change_youngperson", _young_person_of(obj))

    may_view = may_add = may_change = _may

    def _scope(self, user: Any, codes: QuerySet[SignInCode]) -> QuerySet[SignInCode]:
        """Codes of the young people whose record the user may change: those they may see,
        when they may change young people's records at all."""
        if not can(user, "people.change_youngperson"):
            return codes.none()
        return codes.filter(young_person__in=people_selectors.young_people_visible_to(user))

    view_scope = add_scope = change_scope = _scope


(CODES,) = registered([SignInCodePolicy()])
