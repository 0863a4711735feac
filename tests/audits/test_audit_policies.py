"""The audits policy, role by role: programme staff keep audits, board members and the audited
organisation's partner worker read them; nobody else does."""

import pytest

from heard.audits import policies, selectors
from heard.audits.models import Audit
from tests.core.policy_matrix import assert_matrix, make_users

PROGRAMME = {"administrator", "lead", "officer"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role="participation_lead")


def test_the_audit_matrix(users, organisation, other_organisation, make_audit):
    own = make_audit(organisation)
    other = make_audit(other_organisation)
    assert_matrix(
        policies.AUDITS,
        users,
        {
            "view": {
                None: PROGRAMME | {"board", "partner", "other_partner"},
                own: PROGRAMME | {"board", "partner"},
                other: PROGRAMME | {"board", "other_partner"},
            },
            "add": {None: PROGRAMME},
            "change": {None: PROGRAMME, own: PROGRAMME},
            "delete": {None: PROGRAMME, own: PROGRAMME},
            "view_young_people": {None: PROGRAMME, own: PROGRAMME},
        },
    )


def test_the_selectors_ask_the_policy(users, organisation, other_organisation, make_audit):
    own = make_audit(organisation)
    other = make_audit(other_organisation)
    assert set(selectors.audits_visible_to(users["partner"])) == {own}
    assert set(selectors.audits_visible_to(users["board"])) == {own, other}
    assert not selectors.audits_visible_to(users["theme_lead"]).exists()
    assert set(selectors.audits_visible_to(None)) == {own, other}
    assert Audit.objects.count() == 2
