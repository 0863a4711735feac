"""The indicator policy, role by role: the participation lead (and administrator) set
indicators; officers, theme leads and board members read them; nobody else does."""

import pytest

from heard.indicators import policies
from tests.core.policy_matrix import assert_matrix, make_users
from tests.indicators.indicator_helpers import indicator

SETTERS = {"administrator", "lead"}
READERS = {"administrator", "lead", "officer", "theme_lead", "board"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role="participation_lead")


def test_the_lead_sets_indicators_and_the_board_reads_them(users):
    one = indicator()
    assert_matrix(
        policies.INDICATORS,
        users,
        {
            "view": {None: READERS, one: READERS},
            "add": {None: SETTERS},
            "change": {None: SETTERS, one: SETTERS},
            "delete": {None: SETTERS, one: SETTERS},
        },
    )
