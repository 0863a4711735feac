"""The session policy, role by role and session by session: each answer for one session agrees
with the policy's scope (``Session.objects.visible_to`` is the view scope), and the permission
strings the pages and the API ask are answered by it."""

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.participation.models import Session
from heard.participation.policies import SESSION_POLICY, group_of
from tests import factories
from tests.core.policy_matrix import assert_agrees, assert_matrix, make_users

pytestmark = pytest.mark.django_db

PROGRAMME = {"administrator", "lead", "officer"}
READ_ALL = PROGRAMME | {"theme_lead", "safeguarding"}


@pytest.fixture
def world(organisation, other_organisation):
    users = make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)
    theme = factories.ThemeFactory(lead=users["theme_lead"])
    on_theme = factories.GroupFactory(host_organisation=organisation)
    factories.GroupThemeFactory(group=on_theme, theme=theme)
    led = factories.GroupFactory(host_organisation=other_organisation)
    led.leads.add(users["theme_lead"])
    elsewhere = factories.GroupFactory(host_organisation=organisation)
    tagged = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    tagged.themes.add(theme)
    person = factories.YoungPersonFactory(organisation=organisation)
    sessions = {
        "on_theme": factories.SessionFactory(group=on_theme),
        "led": factories.SessionFactory(group=led),
        "elsewhere": factories.SessionFactory(group=elsewhere),
        "tagged": tagged,
        "individual": factories.SessionFactory(
            group=None, young_person=person, organisation=organisation
        ),
    }
    return {"users": users, "sessions": sessions, "groups": [on_theme, led, elsewhere]}


def test_every_role_reads_and_changes_what_the_table_says(world):
    users, s = world["users"], world["sessions"]
    own = {"partner"}  # every session but "led" is the partner's organisation's
    assert_matrix(
        SESSION_POLICY,
        users,
        {
            "view": {
                None: READ_ALL | {"partner", "other_partner"},
                s["on_theme"]: READ_ALL | own,
                s["led"]: READ_ALL | {"other_partner"},
                s["elsewhere"]: READ_ALL | own,
                s["tagged"]: READ_ALL | own,
                s["individual"]: READ_ALL | own,
            },
            "add": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                s["on_theme"]: PROGRAMME | {"theme_lead"} | own,
                s["led"]: PROGRAMME | {"theme_lead", "other_partner"},
                s["elsewhere"]: PROGRAMME | own,
                s["tagged"]: PROGRAMME | own,
                s["individual"]: PROGRAMME | own,
            },
            "change": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                s["on_theme"]: PROGRAMME | {"theme_lead"} | own,
                s["led"]: PROGRAMME | {"theme_lead", "other_partner"},
                s["elsewhere"]: PROGRAMME | own,
                s["tagged"]: PROGRAMME | {"theme_lead"} | own,
                s["individual"]: PROGRAMME | own,
            },
            "import": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                s["led"]: PROGRAMME | {"theme_lead", "other_partner"},
                s["elsewhere"]: PROGRAMME | own,
            },
        },
    )


def test_a_new_session_is_asked_of_its_group_or_young_person(world):
    users = world["users"]
    on_theme, led, elsewhere = world["groups"]
    person = world["sessions"]["individual"].young_person
    theme_lead, partner = users["theme_lead"], users["partner"]
    assert [can(theme_lead, "participation.add_session", g) for g in world["groups"]] == [
        True,
        True,
        False,
    ]
    assert not can(theme_lead, "participation.add_session", person)
    assert [can(partner, "participation.add_session", g) for g in world["groups"]] == [
        True,
        False,
        True,
    ]
    assert can(partner, "participation.add_session", person)
    assert not can(users["other_partner"], "participation.add_session", person)
    assert group_of(on_theme) is on_theme
    assert group_of(person) is None


def test_visible_to_is_the_view_scope_and_chains(world):
    users, sessions = world["users"], world["sessions"]
    for user in users.values():
        assert set(Session.objects.visible_to(user)) == {
            session for session in sessions.values() if SESSION_POLICY.allows(user, "view", session)
        }
    partner = users["partner"]
    assert set(Session.objects.filter(group__isnull=True).visible_to(partner)) == {
        sessions["individual"]
    }
    assert set(Session.objects.visible_to(None)) == set(sessions.values())


def test_heard_itself_may_do_everything(world):
    for action in SESSION_POLICY.actions:
        assert SESSION_POLICY.allows(None, action, world["sessions"]["led"])
        assert_agrees(SESSION_POLICY, None, action, world["sessions"].values())


def test_the_history_page_finds_the_session_policy():
    assert policy_for("participation.session") is SESSION_POLICY
    assert policy_for(Session) is SESSION_POLICY


def test_history_of_a_session_is_read_by_those_who_read_it(world, client_for):
    session = world["sessions"]["led"]
    url = f"/history/participation.session/{session.pk}/"
    assert client_for(world["users"]["officer"]).get(url).status_code == 200
    assert client_for(world["users"]["partner"]).get(url).status_code in (403, 404)
