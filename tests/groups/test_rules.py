"""The role x object permission matrix for themes, groups and memberships."""

import pytest

from heard.core.permissions import can
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "admin_user",
    "lead",
    "officer",
    "theme_lead",
    "partner_worker",
    "safeguarding_lead",
    "board_member",
]

# role: (view own-org group, view other group, change other group, view members, add theme)
MATRIX = {
    "admin_user": (True, True, True, True, True),
    "lead": (True, True, True, True, True),
    "officer": (True, True, True, True, True),
    "theme_lead": (True, True, False, True, False),
    "partner_worker": (True, False, False, True, False),
    "safeguarding_lead": (True, True, False, True, False),
    "board_member": (True, True, False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_group_matrix(request, role, organisation, other_organisation):
    user = request.getfixturevalue(role)
    own = factories.GroupFactory(host_organisation=organisation)
    other = factories.GroupFactory(host_organisation=other_organisation)
    view_own, view_other, change_other, view_members, add_theme = MATRIX[role]
    assert can(user, "groups.view_group") is True
    assert can(user, "groups.view_theme") is True
    assert can(user, "groups.view_group", own) is view_own
    assert can(user, "groups.view_group", other) is view_other
    assert can(user, "groups.change_group", other) is change_other
    assert can(user, "groups.change_membership", other) is change_other
    assert can(user, "groups.view_membership", own) is view_members
    assert can(user, "groups.add_theme") is add_theme
    assert can(user, "groups.change_theme", factories.ThemeFactory()) is add_theme


def test_partner_worker_changes_their_organisations_groups(partner_worker, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    assert can(partner_worker, "groups.change_group", group)
    assert can(partner_worker, "groups.add_membership", group)
    membership = factories.MembershipFactory(group=group)
    assert can(partner_worker, "groups.view_membership", membership)


def test_theme_lead_changes_groups_they_lead_or_of_their_themes(theme_lead):
    led = factories.GroupFactory()
    led.leads.add(theme_lead)
    on_theme = factories.GroupThemeFactory(theme__lead=theme_lead).group
    other = factories.GroupThemeFactory().group
    assert can(theme_lead, "groups.change_group", led)
    assert can(theme_lead, "groups.change_group", on_theme)
    assert not can(theme_lead, "groups.change_group", other)


def test_theme_reviews_by_programme_and_the_themes_lead(theme_lead, officer, partner_worker):
    theirs = factories.ThemeFactory(lead=theme_lead)
    other = factories.ThemeFactory()
    assert can(theme_lead, "groups.add_themereview", theirs)
    assert not can(theme_lead, "groups.add_themereview", other)
    assert can(officer, "groups.add_themereview", other)
    assert not can(partner_worker, "groups.add_themereview", theirs)


def test_inactive_and_anonymous_users_have_nothing(make_user):
    from django.contrib.auth.models import AnonymousUser

    inactive = make_user("administrator", is_active=False)
    group = factories.GroupFactory()
    for user in (inactive, AnonymousUser()):
        assert not can(user, "groups.view_group")
        assert not can(user, "groups.view_group", group)
        assert not can(user, "groups.view_theme")
