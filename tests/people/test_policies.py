"""The people policies, role by role and record by record: each policy's answer for one record
agrees with its scope, and every permission string the pages ask keeps its meaning."""

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.people.models import Organisation, YoungPerson
from heard.people.policies import ORGANISATION, STAFF, YOUNG_PERSON
from tests import factories
from tests.core.policy_matrix import ROLES, assert_matrix, make_users

pytestmark = pytest.mark.django_db

PROGRAMME = {"administrator", "lead", "officer"}
EVERY_ROLE = set(ROLES)
READERS = PROGRAMME | {"theme_lead", "safeguarding"}
ADDERS = PROGRAMME | {"theme_lead"}


@pytest.fixture
def users(organisation, other_organisation):
    users = make_users(organisation, other_organisation, inactive_role=Role.ADMINISTRATOR)
    return users


def test_young_people_policy(users, organisation, other_organisation):
    ours = factories.YoungPersonFactory(organisation=organisation)
    theirs = factories.YoungPersonFactory(organisation=other_organisation)
    new_ours = YoungPerson(organisation=organisation)
    assert_matrix(
        YOUNG_PERSON,
        users,
        {
            "view": {
                None: READERS | {"partner", "other_partner"},
                ours: READERS | {"partner"},
                theirs: READERS | {"other_partner"},
            },
            "view_name": {
                None: READERS | {"partner", "other_partner"},
                ours: READERS | {"partner"},
                theirs: READERS | {"other_partner"},
            },
            "add": {
                None: ADDERS | {"partner", "other_partner"},
                ours: ADDERS | {"partner"},
                theirs: ADDERS | {"other_partner"},
            },
            "import": {
                None: ADDERS | {"partner", "other_partner"},
                ours: ADDERS | {"partner", "other_partner"},
            },
            "change": {
                None: PROGRAMME | {"partner", "other_partner"},
                ours: PROGRAMME | {"partner"},
                theirs: PROGRAMME | {"other_partner"},
            },
        },
    )
    # A record not yet saved (the one a service is about to add) is answered the same way.
    assert YOUNG_PERSON.allows(users["partner"], "add", new_ours)
    assert not YOUNG_PERSON.allows(users["other_partner"], "add", new_ours)


def test_organisations_policy(users, organisation, other_organisation):
    assert_matrix(
        ORGANISATION,
        users,
        {
            "view": {None: EVERY_ROLE, organisation: EVERY_ROLE},
            "add": {None: PROGRAMME},
            "change": {None: PROGRAMME, organisation: PROGRAMME},
            "view_young_people": {
                None: READERS | {"partner", "other_partner"},
                organisation: READERS | {"partner"},
                other_organisation: READERS | {"other_partner"},
            },
            # A partner worker sees the staff of their own organisation, never a list of all.
            "view_staff": {
                None: PROGRAMME,
                organisation: PROGRAMME | {"partner"},
                other_organisation: PROGRAMME | {"other_partner"},
            },
        },
    )


def test_staff_accounts_policy(users):
    member = users["officer"]
    assert_matrix(
        STAFF,
        users,
        {action: {None: {"administrator"}, member: {"administrator"}} for action in STAFF.actions},
    )


def test_the_permission_strings_ask_the_policies(users, organisation, other_organisation):
    partner = users["partner"]
    ours = factories.YoungPersonFactory(organisation=organisation)
    theirs = factories.YoungPersonFactory(organisation=other_organisation)
    assert can(partner, "people.view_youngperson", ours)
    assert not can(partner, "people.view_youngperson", theirs)
    assert not can(users["board"], "people.view_youngperson_name")
    assert can(partner, "people.import_youngperson")
    assert can(partner, "people.view_organisation_young_people", organisation)
    assert not can(partner, "people.view_organisation_young_people", other_organisation)
    assert can(partner, "people.view_organisation_staff", organisation)
    assert not can(partner, "people.view_organisation_staff")
    assert can(users["administrator"], "people.change_user", users["officer"])
    assert not can(users["lead"], "people.add_user")


def test_every_people_record_with_a_history_has_a_policy():
    assert policy_for(YoungPerson) is YOUNG_PERSON
    assert policy_for("people.organisation") is ORGANISATION
    assert policy_for(Organisation) is ORGANISATION
    assert policy_for("people.user") is STAFF


def test_heard_itself_may_do_anything(organisation):
    assert YOUNG_PERSON.allows(None, "change", factories.YoungPersonFactory())
    assert set(ORGANISATION.scope(None, "view_staff")) == set(Organisation.objects.all())
