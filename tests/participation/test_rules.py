"""The role x object matrix of the participation rules, asked directly."""

import pytest
import rules

from heard.core.roles import Role
from tests import factories

PROGRAMME = [Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER]


@pytest.fixture
def sessions(group, other_group, theme_group):
    return {
        "own": factories.SessionFactory(group=group),
        "other": factories.SessionFactory(group=other_group),
        "theme": factories.SessionFactory(group=theme_group),
    }


def allowed(user, perm, sessions):
    return {name for name, session in sessions.items() if rules.has_perm(perm, user, session)}


@pytest.mark.parametrize("role", PROGRAMME)
def test_programme_staff_may_do_everything(make_user, role, sessions):
    user = make_user(role)
    for perm in ("view", "add", "change"):
        assert rules.has_perm(f"participation.{perm}_session", user)
        assert allowed(user, f"participation.{perm}_session", sessions) == set(sessions)


def test_partner_worker_only_their_organisation(partner_worker, sessions):
    assert rules.has_perm("participation.view_session", partner_worker)
    assert rules.has_perm("participation.add_session", partner_worker)
    for perm in ("view", "add", "change"):
        assert allowed(partner_worker, f"participation.{perm}_session", sessions) == {"own"}


def test_theme_lead_reads_all_and_changes_their_themes(theme_lead, sessions, group, theme):
    assert allowed(theme_lead, "participation.view_session", sessions) == set(sessions)
    assert allowed(theme_lead, "participation.change_session", sessions) == {"theme"}
    assert allowed(theme_lead, "participation.add_session", sessions) == {"theme"}
    sessions["own"].themes.add(theme)
    assert allowed(theme_lead, "participation.change_session", sessions) == {"theme", "own"}
    assert not rules.has_perm("participation.add_session", theme_lead, group)


def test_safeguarding_lead_reads_only(safeguarding_lead, sessions):
    assert allowed(safeguarding_lead, "participation.view_session", sessions) == set(sessions)
    assert not rules.has_perm("participation.add_session", safeguarding_lead)
    assert allowed(safeguarding_lead, "participation.change_session", sessions) == set()


def test_board_member_nothing(board_member, sessions):
    for perm in ("view", "add", "change", "import"):
        assert not rules.has_perm(f"participation.{perm}_session", board_member)
    assert allowed(board_member, "participation.view_session", sessions) == set()


def test_inactive_staff_nothing(make_user, sessions):
    user = make_user(Role.PARTICIPATION_OFFICER, is_active=False)
    assert allowed(user, "participation.view_session", sessions) == set()
