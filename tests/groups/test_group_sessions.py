"""A group's page lists its past sessions, latest first, capped, with a link to all of them on the
sessions list filtered by the group (issue 17); each reader sees only the sessions they may read."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.groups.selectors import GROUP_SESSIONS_SHOWN
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(
        datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def _page(client, group) -> str:
    response = client.get(reverse("groups:group-detail", args=[group.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _see_all(group) -> str:
    return f"{reverse('participation:session-list')}?group={group.pk}"


def test_latest_first_and_no_later_than_today(client_for, officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    factories.SessionFactory(group=group, date=datetime.date(2026, 9, 1), title="September talk")
    factories.SessionFactory(group=group, date=datetime.date(2026, 11, 2), title="November talk")
    factories.SessionFactory(group=group, date=datetime.date(2026, 12, 1), title="Planned one")
    factories.SessionFactory(date=datetime.date(2026, 11, 3), title="Another group's")
    page = _page(client_for(officer), group)
    assert page.index("November talk") < page.index("September talk")
    assert "2 November 2026" in page
    assert "Planned one" not in page and "Another group's" not in page
    assert _see_all(group) not in page  # every past session is shown


def test_capped_with_a_link_to_all_of_them(client_for, officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    for day in range(1, GROUP_SESSIONS_SHOWN + 2):
        factories.SessionFactory(group=group, date=datetime.date(2026, 10, day), title=f"Day {day}")
    page = _page(client_for(officer), group)
    assert f"Day {GROUP_SESSIONS_SHOWN + 1}<" in page and "Day 1<" not in page
    assert _see_all(group) in page
    listed = client_for(officer).get(_see_all(group)).content.decode()
    assert "Day 1<" in listed


def test_each_reader_sees_only_the_sessions_they_may_read(
    client_for, partner_worker, board_member, organisation, other_organisation
):
    group = factories.GroupFactory(host_organisation=organisation)
    factories.SessionFactory(group=group, title="Ours")
    factories.SessionFactory(group=group, organisation=other_organisation, title="Theirs")
    page = _page(client_for(partner_worker), group)
    assert "Ours" in page and "Theirs" not in page
    page = _page(client_for(board_member), group)
    assert "Ours" not in page and "Theirs" not in page
    assert "No sessions have been logged" not in page  # no Sessions section at all
