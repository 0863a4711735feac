"""Home counts of children never show or give away a count from 1 to 4 (page and API).

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
from heard.core.suppression import SMALL, WITHHELD
from heard.groups.models import Group
from tests import factories
from tests.core.disclosure import derivable_small, small_numbers_in_text, split_shown

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
    # (through Buddy Groups, elsewhere, expected total shown, expected part shown)
    (6, 1, 7, WITHHELD),  # 7 active, 6 via Buddy Groups: the 1 elsewhere is hidden
    (5, 1, WITHHELD, WITHHELD),  # 6 active, 5 via: the total would give the 1 away
    (0, 3, SMALL, 0),
    (2, 2, SMALL, SMALL),
    (7, 0, 7, 7),
    (5, 9, 14, 5),
]


@pytest.mark.parametrize(("via", "elsewhere", "total", "part"), CASES)
@pytest.mark.parametrize("role", [Role.PARTICIPATION_OFFICER, Role.BOARD_MEMBER])
def test_home_page(client_for, make_user, organisation, role, via, elsewhere, total, part):
    craft(organisation, via_buddy_groups=via, elsewhere=elsewhere)
    page = client_for(make_user(role)).get(HOME).content.decode()
    counts = shown_counts(page)
    active = next(v for k, v in counts.items() if "actively participating" in k)
    through = next(v for k, v in counts.items() if "through Buddy Groups" in k)
    assert (as_count(active), as_count(through)) == (total, part)
    assert not small_numbers_in_text(active + " " + through)
    assert read(as_count(active), as_count(through)) == []
    # Staff work stays a number, even a small one.
    assert any(v == "3" for k, v in counts.items() if "session" in k)


@pytest.mark.parametrize(("via", "elsewhere", "total", "part"), CASES)
def test_home_counts_api(api_for, board_member, organisation, via, elsewhere, total, part):
    craft(organisation, via_buddy_groups=via, elsewhere=elsewhere)
    counts = api_for(board_member).get("/api/v1/home-counts/").json()
    shown = (counts["active_young_people"], counts["active_via_buddy_groups"])
    assert shown == (total, part)
    assert not [v for v in shown if isinstance(v, int) and 0 < v < 5]
    assert read(*shown) == []
    assert counts["sessions_this_quarter"] == 3


def test_unsuppressed_the_reader_would_find_the_one(organisation):
    """The checker is not toothless: showing 7 and 6 gives the 1 elsewhere away."""
    assert read(7, 6) == [((1,), 1)]
