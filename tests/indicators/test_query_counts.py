"""Each role's home page runs an exact number of queries, pinned (Zulip's
``assert_database_query_count``): a change that adds one is seen and justified here.

The count is the same for one row and for many (``test_home.py`` checks that); a client that is
already signed in reads its session and user first (2), and two-factor roles read their device."""

from __future__ import annotations

import pytest
from django.urls import reverse

from heard.core.roles import Role
from tests.indicators.test_home import _today, data  # noqa: F401 - fixtures

HOME = reverse("home")

#: Queries for each role's home page, with the demo-like data of ``test_home.data``. Readers
#: of indicators read the list of them (1; none is set here: each set adds its measure's own).
#: Roles that may lead an action plan's action read the actions they lead past due (1, M10).
EXPECTED = {
    Role.ADMINISTRATOR: 16,
    Role.PARTICIPATION_LEAD: 16,
    Role.PARTICIPATION_OFFICER: 16,
    # Their groups' ids read once, then used as a list by their figures and short list.
    Role.THEME_LEAD: 17,
    Role.PARTNER_WORKER: 16,  # their organisation, named above their counts (issue 17)
    Role.SAFEGUARDING_LEAD: 11,  # open concerns and checks due, counted (issue 17)
    Role.BOARD_MEMBER: 9,  # the protected period reads the summary: no look for later sessions
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_home_query_count_is_pinned(
    request, client_for, make_user, organisation, role, django_assert_num_queries
):
    user = make_user(role, organisation=organisation if role == Role.PARTNER_WORKER else None)
    rows = request.getfixturevalue("data")
    if role == Role.THEME_LEAD:
        rows["ours"].leads.add(user)  # its session is missing a form: every list has rows
    client = client_for(user)
    client.get(HOME)  # warm the per-process caches (content types, the partnership row)
    with django_assert_num_queries(EXPECTED[role]):
        assert client.get(HOME).status_code == 200


@pytest.mark.usefixtures("data")
def test_a_theme_lead_of_no_group_reads_no_figures_of_groups(
    client_for, make_user, django_assert_num_queries
):
    """Leading no group, their figures of groups are known to be none without asking: the four
    queries over their groups' sessions, participants and missing forms are not run."""
    client = client_for(make_user(Role.THEME_LEAD))
    client.get(HOME)
    with django_assert_num_queries(EXPECTED[Role.THEME_LEAD] - 4):
        assert client.get(HOME).status_code == 200
