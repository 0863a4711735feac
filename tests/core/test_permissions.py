import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from heard.core import permissions
from heard.core.roles import AgeBand, Role, age_band_for_age


def test_system_actor_may_do_anything():
    permissions.require(None, "core.view_history")
    assert permissions.can(None, "core.view_history")


def test_anonymous_and_inactive_users_have_no_role(make_user):
    assert not permissions.is_staff_member(AnonymousUser())
    user = make_user(Role.ADMINISTRATOR)
    user.is_active = False
    assert not permissions.is_programme_staff(user)


@pytest.mark.django_db
def test_an_account_without_a_role_is_not_staff(client):
    """``create_user`` without a role leaves it empty: such an account is no member of staff, so
    it may not read the API or its reference (it used to: ``"" is not None``)."""
    from heard.people.models import User

    user = User.objects.create_user("no-role@example.org", "a long enough password")
    assert user.role == ""
    assert not permissions.is_staff_member(user)
    client.force_login(user)
    assert client.get("/api/v1/docs/").status_code == 403
    assert client.get("/api/v1/young-people/").status_code == 403


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMINISTRATOR, True),
        (Role.PARTICIPATION_LEAD, True),
        (Role.PARTICIPATION_OFFICER, True),
        (Role.THEME_LEAD, False),
        (Role.PARTNER_WORKER, False),
        (Role.SAFEGUARDING_LEAD, False),
        (Role.BOARD_MEMBER, False),
    ],
)
def test_history_is_for_programme_staff(make_user, role, allowed):
    user = make_user(role)
    assert permissions.can(user, "core.view_history") is allowed
    if not allowed:
        with pytest.raises(PermissionDenied):
            permissions.require(user, "core.view_history")


def test_own_organisation_predicate(partner_worker, organisation, other_organisation):
    class Record:
        def __init__(self, organisation_id):
            self.organisation_id = organisation_id

    assert permissions.is_own_organisation(partner_worker, Record(organisation.pk))
    assert not permissions.is_own_organisation(partner_worker, Record(other_organisation.pk))
    assert not permissions.is_own_organisation(partner_worker, object())


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (5, AgeBand.UNDER_8),
        (8, AgeBand.AGE_8_10),
        (13, AgeBand.AGE_11_13),
        (15, AgeBand.AGE_14_15),
        (17, AgeBand.AGE_16_17),
        (25, AgeBand.AGE_18_25),
        (26, None),
        (-1, None),
    ],
)
def test_age_bands(age, band):
    assert age_band_for_age(age) == band
