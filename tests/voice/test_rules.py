"""The voice permission matrix: role x object."""

import pytest

from heard.core.permissions import can
from heard.voice import services
from tests import factories


@pytest.fixture
def own_view(session, group, theme):
    return services.view_record(
        actor=None, text="ours", session=session, group=group, themes=[theme]
    )


@pytest.fixture
def other_view(other_session, other_theme):
    return services.view_record(
        actor=None, text="theirs", session=other_session, is_anonymous=True, themes=[other_theme]
    )


ROLES = [
    "admin_user",
    "lead",
    "officer",
    "theme_lead",
    "partner_worker",
    "safeguarding_lead",
    "board_member",
]

# perm: roles allowed on (no object, own organisation's / theme lead's view, another's view)
MATRIX = {
    "voice.view_view": {
        "admin_user": (1, 1, 1),
        "lead": (1, 1, 1),
        "officer": (1, 1, 1),
        "theme_lead": (1, 1, 1),
        "partner_worker": (1, 1, 0),
        "safeguarding_lead": (1, 1, 1),
        "board_member": (0, 0, 0),
    },
    "voice.change_view": {
        "admin_user": (1, 1, 1),
        "lead": (1, 1, 1),
        "officer": (1, 1, 1),
        "theme_lead": (1, 1, 0),
        "partner_worker": (1, 1, 0),
        "safeguarding_lead": (0, 0, 0),
        "board_member": (0, 0, 0),
    },
    "voice.add_response": {
        "admin_user": (1, 1, 1),
        "lead": (1, 1, 1),
        "officer": (1, 1, 1),
        "theme_lead": (1, 1, 0),
        "partner_worker": (0, 0, 0),
        "safeguarding_lead": (0, 0, 0),
        "board_member": (0, 0, 0),
    },
    "voice.add_feedback": {
        "admin_user": (1, 1, 1),
        "lead": (1, 1, 1),
        "officer": (1, 1, 1),
        "theme_lead": (1, 1, 0),
        "partner_worker": (1, 1, 0),
        "safeguarding_lead": (0, 0, 0),
        "board_member": (0, 0, 0),
    },
    "voice.view_loop_figures": dict.fromkeys(ROLES, (1, 1, 1)),
}


@pytest.mark.parametrize("perm", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_matrix(request, perm, role, own_view, other_view):
    user = request.getfixturevalue(role)
    if perm == "voice.add_feedback":
        own = services.response_record(
            actor=None,
            views=[own_view],
            decision_maker="x",
            outcome="changed",
            explanation="Done.",
            plain_language="Done.",
            date=own_view.recorded_on,
        )
        other = services.response_record(
            actor=None,
            views=[other_view],
            decision_maker="x",
            outcome="changed",
            explanation="Done.",
            plain_language="Done.",
            date=other_view.recorded_on,
        )
    else:
        own, other = own_view, other_view
    expected = tuple(bool(x) for x in MATRIX[perm][role])
    assert (can(user, perm), can(user, perm, own), can(user, perm, other)) == expected


def test_theme_lead_records_views_only_for_sessions_they_may_change(
    theme_lead, session, other_session
):
    assert can(theme_lead, "voice.add_view", session)
    assert not can(theme_lead, "voice.add_view", other_session)


def test_partner_worker_add_view_by_organisation(partner_worker, session, other_session):
    assert can(partner_worker, "voice.add_view", session)
    assert not can(partner_worker, "voice.add_view", other_session)
    assert not can(factories.UserFactory(role="board_member"), "voice.add_view")
