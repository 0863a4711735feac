"""The issued report policy, role by role: participation leads and officers (and the
administrator) issue reports; they and board members read them; nobody else does."""

import pytest
import time_machine

from heard.indicators.reports import policies, services
from tests.core.policy_matrix import assert_matrix, make_users
from tests.indicators.reports.helpers import QUARTER, TODAY

ISSUERS = {"administrator", "lead", "officer"}
READERS = {*ISSUERS, "board"}


@pytest.fixture
def users(db, organisation, other_organisation):
    return make_users(organisation, other_organisation, inactive_role="participation_lead")


def test_leads_and_officers_issue_reports_and_the_board_reads_them(users):
    with time_machine.travel(TODAY, tick=False):
        one = services.report_issue(actor=None, period=QUARTER)
    assert_matrix(
        policies.REPORTS,
        users,
        {"view": {None: READERS, one: READERS}, "add": {None: ISSUERS}},
    )
