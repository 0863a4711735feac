"""The permission policy base: one object answers "may this user?" and "which objects?"."""

from __future__ import annotations

from typing import Any

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from heard.core import policies
from heard.core.models import SignInEvent
from heard.core.permissions import can, require
from heard.core.roles import Role
from tests.core.policy_matrix import assert_agrees, assert_matrix


class EventPolicy(policies.Policy[SignInEvent]):
    """A toy: programme staff see every event; anyone signed in sees their own; only
    administrators "review" (with no scope method: all or nothing)."""

    model = SignInEvent
    actions = ("view", "review")

    def may_view(self, user: Any, obj: SignInEvent | None) -> bool:
        if policies.is_programme(user):
            return True
        if policies.role_of(user) is None:
            return False
        return obj is None or obj.user_id == user.pk

    def view_scope(self, user: Any, queryset: Any) -> Any:
        if policies.is_programme(user):
            return queryset
        if policies.role_of(user) is None:
            return queryset.none()
        return queryset.filter(user=user)

    def may_review(self, user: Any, obj: SignInEvent | None) -> bool:
        return policies.role_of(user) == Role.ADMINISTRATOR


@pytest.fixture
def policy():
    registered = EventPolicy().register()
    yield registered
    policies.REGISTRY.pop("core.signinevent")
    for action in EventPolicy.actions:
        rules.remove_perm(f"core.{action}_signinevent")
    # core.rules published core.view_sign_in_events; the toy used other names.


@pytest.fixture
def users(make_user, organisation):
    return {
        "administrator": make_user(Role.ADMINISTRATOR),
        "officer": make_user(Role.PARTICIPATION_OFFICER),
        "partner": make_user(Role.PARTNER_WORKER, organisation=organisation),
        "board": make_user(Role.BOARD_MEMBER),
        "inactive": make_user(Role.PARTICIPATION_OFFICER, is_active=False),
        "anonymous": AnonymousUser(),
    }


def test_a_policy_answers_both_questions_alike(policy, users):
    mine = SignInEvent.objects.create(event="signed_in", user=users["partner"])
    theirs = SignInEvent.objects.create(event="signed_in", user=users["board"])
    assert_matrix(
        policy,
        users,
        {
            "view": {
                None: {"administrator", "officer", "partner", "board"},
                mine: {"administrator", "officer", "partner"},
                theirs: {"administrator", "officer", "board"},
            },
            "review": {None: {"administrator"}, mine: {"administrator"}},
        },
    )


def test_registered_actions_are_django_rules_permissions(policy, users):
    event = SignInEvent.objects.create(event="signed_in", user=users["board"])
    assert policy.permission("view") == "core.view_signinevent"
    assert can(users["board"], "core.view_signinevent", event)
    assert not can(users["partner"], "core.view_signinevent", event)
    with pytest.raises(Exception, match="permission"):
        require(users["partner"], "core.review_signinevent")
    assert policies.policy_for("core.signinevent") is policy
    assert policies.policy_for(SignInEvent) is policy


def test_heard_itself_may_do_anything(db, policy):
    SignInEvent.objects.create(event="signed_in")
    assert policy.allows(None, "review")
    assert policy.scope(None, "view").count() == 1


def test_a_scope_without_a_method_is_all_or_nothing(policy, users):
    SignInEvent.objects.create(event="signed_in")
    assert policy.scope(users["administrator"], "review").count() == 1
    assert policy.scope(users["officer"], "review").count() == 0
    assert_agrees(policy, users["officer"], "review", [])


def test_unknown_actions_and_missing_methods_fail_loudly(policy, users):
    with pytest.raises(LookupError):
        policy.allows(users["officer"], "delete")

    class Incomplete(policies.Policy[SignInEvent]):
        model = SignInEvent
        actions = ("view",)

    with pytest.raises(NotImplementedError):
        Incomplete().register()


def test_registered_helper_registers_each(policy):
    class Another(EventPolicy):
        pass

    try:
        (done,) = policies.registered([Another()])
        assert policies.policy_for(SignInEvent) is done
    finally:
        policy.register()


def test_every_app_model_with_a_history_link_has_a_view_policy():
    for label in (
        "groups.group",
        "groups.theme",
        "participation.session",
        "people.organisation",
        "people.youngperson",
        "voice.response",
        "voice.view",
    ):
        assert "view" in policies.policy_for(label).actions, label
