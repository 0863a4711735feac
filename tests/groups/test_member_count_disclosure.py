"""A board member cannot open young people's records, so the member counts they read on the
group list, the group page and its CSV are aggregates leaving those records: counts from 1 to 4
are "fewer than 5". Roles that can open the members see the exact count. Each row is a count on
its own (the list shows no member total), so there is nothing to derive a hidden one from."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.roles import Role
from heard.core.suppression import SMALL
from tests import factories
from tests.core.disclosure import small_numbers_in_text

SIZES = [0, 1, 4, 5, 9]


@pytest.fixture
def groups(organisation):
    made = []
    for size in SIZES:
        group = factories.GroupFactory(host_organisation=organisation, name=f"Group of {size}")
        for _ in range(size):
            factories.MembershipFactory(group=group)
        made.append(group)
    return made


def member_cells(page: str) -> list[str]:
    rows = page.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    return [
        row.split('data-label="Members">')[1].split("</td>")[0]
        for row in rows.split('<tr class="govuk-table__row">')[1:]
    ]


def csv_members(client) -> dict[str, str]:
    response = client.get(reverse("groups:group-list"), {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    return {row["Name"]: row["Current members"] for row in rows}


def _protected(shown: str) -> bool:
    return shown in ("0", SMALL) or (shown.isdigit() and int(shown) % 5 == 0)


def test_board_member_list_page_and_csv(client_for, board_member, groups):
    """ADR 0008: protected counts (members at the end of the last complete quarter, rounded to
    a multiple of 5 by the cell key of those young people; 1-4 "fewer than 5")."""
    client = client_for(board_member)
    page = client.get(reverse("groups:group-list")).content.decode()
    cells = member_cells(page)
    assert all(_protected(c) for c in cells), cells
    assert not [c for c in cells if small_numbers_in_text(c)]
    members = csv_members(client)
    assert members["Group of 0"] == "0"
    assert members["Group of 1"] in (SMALL, "5")
    assert members["Group of 9"] in ("5", "10")
    assert all(_protected(c) for c in members.values())
    for group, size in zip(groups, SIZES, strict=True):
        detail = client.get(reverse("groups:group-detail", args=[group.pk])).content.decode()
        shown = detail.split("Current members</dt>")[1].split("</dd>")[0]
        value = shown.split(">", 1)[1].split("<")[0].strip()
        assert not small_numbers_in_text(value)
        assert _protected(value) and value == members[group.name], (size, value)


def test_a_member_joining_today_does_not_move_a_board_members_figure(
    client_for, board_member, groups
):
    """Issue 15 (differencing): a board member who reads a group's count today and again after
    one young person joins must not learn that one joined. Protected counts are members at the
    end of the last complete quarter, so today's joiner does not show until that quarter ends."""
    client = client_for(board_member)
    before = csv_members(client)
    group = next(g for g in groups if g.name == "Group of 4")
    factories.MembershipFactory(group=group, joined_on=timezone.localdate())
    assert csv_members(client) == before


@pytest.mark.parametrize("role", [Role.PARTICIPATION_OFFICER, Role.SAFEGUARDING_LEAD])
def test_roles_that_open_the_members_see_the_exact_count(client_for, make_user, role, groups):
    client = client_for(make_user(role))
    cells = member_cells(client.get(reverse("groups:group-list")).content.decode())
    assert sorted(cells) == sorted(str(size) for size in SIZES)
    assert set(csv_members(client).values()) == {str(size) for size in SIZES}


def test_partner_worker_sees_exact_counts_of_their_own_groups(client_for, partner_worker, groups):
    members = csv_members(client_for(partner_worker))
    assert members["Group of 1"] == "1" and members["Group of 4"] == "4"


def test_board_member_organisation_list_shows_no_young_people_count(
    client_for, board_member, organisation
):
    for _ in range(3):
        factories.YoungPersonFactory(organisation=organisation)
    client = client_for(board_member)
    page = client.get(reverse("people:organisation-list")).content.decode()
    assert "Active young people" not in page
    response = client.get(reverse("people:organisation-list"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "Active young people" not in text.splitlines()[0]


def test_protected_member_counts_add_no_query_a_group_to_the_csv(
    client_for, board_member, officer, organisation, count_queries
):
    """Not one query a group: the first miss reads its group, the next every group's. (The CSV
    grows by the same queries a group for a board member as for an officer.)"""

    def add_groups(first, last):
        for index in range(first, last):
            group = factories.GroupFactory(host_organisation=organisation, name=f"G{index}")
            factories.MembershipFactory(group=group)

    add_groups(0, 3)
    before = {}
    for user in (board_member, officer):
        client = client_for(user)  # one test client, signed in as each in turn
        before[user.pk] = count_queries(lambda client=client: csv_members(client))[0]
    add_groups(3, 9)
    growth = {}
    for user in (board_member, officer):
        client = client_for(user)
        after, members = count_queries(lambda client=client: csv_members(client))
        assert len(members) == 9
        growth[user.pk] = after - before[user.pk]
    assert growth[board_member.pk] == growth[officer.pk]
