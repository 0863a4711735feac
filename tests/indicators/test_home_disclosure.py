"""Home counts of children (page and API) under ADR 0008: exact for readers who may open every
record behind them, protected for the others, never showing or giving away a count from 1 to 4.

Crafted: young people active this year, some through a Buddy Group and some only elsewhere. The
reader sees the shown total and Buddy Group part and tries every split that fits
(tests/core/disclosure.py).
"""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from heard.core.roles import Role
from heard.core.suppression import SMALL
from heard.groups.models import Group
from tests import factories
from tests.core.disclosure import (
    cross_request_pins,
    derivable_small,
    small_numbers_in_text,
    split_shown,
)

HOME = reverse("home")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def craft(organisation, *, via_buddy_groups: int, elsewhere: int, sessions: int = 3):
    buddy = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
    council = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.YOUTH_COUNCIL)
    for group, attendees in ((buddy, via_buddy_groups), (council, elsewhere)):
        session = factories.SessionFactory(group=group, date=datetime.date(2026, 9, 1))
        for _ in range(attendees):
            factories.AttendanceFactory(
                session=session,
                young_person=factories.YoungPersonFactory(organisation=organisation),
            )
    # Sessions are staff work, not people: a small number of them stays a number.
    for day in range(1, sessions + 1):
        factories.SessionFactory(group=council, date=datetime.date(2026, 10, day))


def shown_counts(page: str) -> dict[str, str]:
    counts = page.split('class="heard-counts"')[1].split("</ul>")[0]
    items = re.findall(
        r'heard-count__number">([^<]*)</span>\s*'
        r'<span class="heard-count__label">(.*?)</span>\s*</li>',
        counts,
        re.S,
    )
    return {re.sub(r"<[^>]+>", "", label).strip(): number for number, label in items}


def as_count(text: str):
    return int(text.replace(",", "")) if text.replace(",", "").isdigit() else text


def read(total, via):
    """What the reader can work out about [through Buddy Groups, elsewhere]."""
    return derivable_small(2, counts=split_shown([via], total)[:1] + [((0, 1), total)])


CASES = [
    # (through Buddy Groups, elsewhere)
    (6, 1),
    (5, 1),
    (0, 3),
    (2, 2),
    (7, 0),
    (5, 9),
]


def _home_page_counts(client):
    counts = shown_counts(client.get(HOME).content.decode())
    active = next(v for k, v in counts.items() if "actively participating" in k)
    through = next(v for k, v in counts.items() if "through Buddy Groups" in k)
    return counts, as_count(active), as_count(through)


@pytest.mark.parametrize(("via", "elsewhere"), CASES)
@pytest.mark.parametrize("role", [Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER])
def test_home_page_is_exact_for_programme_staff(
    client_for, make_user, organisation, role, via, elsewhere
):
    """ADR 0008: they may open every record behind the counts."""
    craft(organisation, via_buddy_groups=via, elsewhere=elsewhere)
    counts, active, through = _home_page_counts(client_for(make_user(role)))
    assert (active, through) == (via + elsewhere, via)
    # Staff work stays a number, even a small one.
    assert any(v == "3" for k, v in counts.items() if "session" in k)


@pytest.mark.parametrize(("via", "elsewhere"), CASES)
def test_home_page_and_api_are_protected_for_a_board_member(
    client_for, api_for, board_member, organisation, via, elsewhere
):
    craft(organisation, via_buddy_groups=via, elsewhere=elsewhere)
    counts, active, through = _home_page_counts(client_for(board_member))
    api = api_for(board_member).get("/api/v1/home-counts/").json()
    assert (api["active_young_people"], api["active_via_buddy_groups"]) == (active, through)
    assert (api["active_from"], api["active_to"]) == ("2026-04-01", "2026-09-30")
    for value in (active, through):
        assert value in (0, SMALL) or (isinstance(value, int) and value % 5 == 0)
    assert not small_numbers_in_text(f"{active} {through}")
    assert read_protected(active, through) == []
    assert api["sessions_this_quarter"] == 3


def read_protected(total, via):
    """What a reader who knows ADR 0008's policy works out about [through Buddy Groups,
    elsewhere] from the two home counts."""
    return cross_request_pins(2, [((0, 1), total), ((0,), via)])


def test_unprotected_the_reader_would_find_the_one():
    """The checker is not toothless: showing 7 and 6 gives the 1 elsewhere away."""
    assert read(7, 6) == [((1,), 1)]
    assert read_protected(7, 6) == [((1,), 1)]
