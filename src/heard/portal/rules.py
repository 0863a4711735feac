"""Who may give and take back a young person's portal sign-in codes.

The same staff who may change the young person's record: programme staff, and partner workers for
their own organisation's young people. The object is the young person, or a code (then its young
person). Young people themselves never act through these rules: the portal session holds them.
"""

from __future__ import annotations

from typing import Any

import rules


def _young_person_of(obj: Any) -> Any:
    return getattr(obj, "young_person", obj)


@rules.predicate
def may_change_young_person(user: Any, obj: Any) -> bool:
    return rules.has_perm("people.change_youngperson", user, _young_person_of(obj))


rules.add_perm("portal.view_signincode", may_change_young_person)
rules.add_perm("portal.add_signincode", may_change_young_person)
rules.add_perm("portal.change_signincode", may_change_young_person)
