"""Helpers for the role x object matrix tests every app writes for its policies.

A policy answers two questions (``heard.core.policies``); these check that for each user and
object the answers agree, and that the answers are the ones an app's table expects.

    from tests.core.policy_matrix import ROLES, assert_agrees, assert_matrix

    assert_matrix(POLICY, users, {"view": {obj: {"officer", ...}}})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from heard.core.policies import Policy
from heard.core.roles import Role

#: Every staff role, by a short name the tables use; "other_partner" is a partner worker of
#: another organisation, "anonymous" a signed-out visitor.
ROLES: dict[str, str] = {
    "administrator": Role.ADMINISTRATOR,
    "lead": Role.PARTICIPATION_LEAD,
    "officer": Role.PARTICIPATION_OFFICER,
    "theme_lead": Role.THEME_LEAD,
    "partner": Role.PARTNER_WORKER,
    "other_partner": Role.PARTNER_WORKER,
    "safeguarding": Role.SAFEGUARDING_LEAD,
    "board": Role.BOARD_MEMBER,
}


def assert_agrees(policy: Policy[Any], user: Any, action: str, objects: Iterable[Any]) -> None:
    """For each object: in ``policy.scope(user, action)`` exactly when ``policy.allows`` it."""
    objects = list(objects)
    if not objects:
        return
    model = type(objects[0])
    ids = [obj.pk for obj in objects]
    scoped = set(
        policy.scope(user, action, model._default_manager.filter(pk__in=ids)).values_list(
            "pk", flat=True
        )
    )
    for obj in objects:
        allowed = policy.allows(user, action, obj)
        assert allowed == (obj.pk in scoped), (
            f"{type(policy).__name__}: {action} of {obj!r} by {getattr(user, 'role', user)}: "
            f"allows says {allowed}, scope says {obj.pk in scoped}"
        )


def assert_matrix(
    policy: Policy[Any],
    users: Mapping[str, Any],
    expected: Mapping[str, Mapping[Any, Iterable[str]]],
) -> None:
    """``expected[action][obj]`` is the set of user names (keys of ``users``) that may do
    ``action`` to ``obj`` (``None``: at all); every other user may not. Scopes must agree."""
    for action, table in expected.items():
        for obj, names in table.items():
            wanted = set(names)
            unknown = wanted - set(users)
            assert not unknown, f"unknown users {unknown}"
            for name, user in users.items():
                got = policy.allows(user, action, obj)
                assert got == (name in wanted), (
                    f"{type(policy).__name__}.{action} {obj!r}: {name} "
                    f"{'may' if got else 'may not'}, expected the opposite"
                )
        objects = [obj for obj in table if obj is not None]
        for user in users.values():
            assert_agrees(policy, user, action, objects)


def make_users(organisation: Any, other_organisation: Any, *, inactive_role: str) -> dict[str, Any]:
    """One active user of every role in ``ROLES`` (the partner worker of ``organisation``, the
    other partner of ``other_organisation``), a signed-out visitor and an inactive account."""
    from django.contrib.auth.models import AnonymousUser

    from tests import factories

    homes = {"partner": organisation, "other_partner": other_organisation}
    users: dict[str, Any] = {
        name: factories.UserFactory(role=role, organisation=homes.get(name))
        for name, role in ROLES.items()
    }
    users["anonymous"] = AnonymousUser()
    users["inactive"] = factories.UserFactory(role=inactive_role, is_active=False)
    return users
