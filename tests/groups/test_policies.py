"""The groups policies, role by role and record by record: each policy's answer for one record
agrees with its scope, and "a theme lead answers for a group" is one definition."""

import datetime

import pytest

from heard.core.permissions import can
from heard.core.policies import policy_for
from heard.core.roles import Role
from heard.groups.models import Group, Membership, StageTransition
from heard.groups.policies import (
    GROUP_POLICY,
    MEMBERSHIP_POLICY,
    STAGE_TRANSITION_POLICY,
    THEME_POLICY,
    THEME_REVIEW_POLICY,
    responsible_for_group,
)
from tests import factories
from tests.core.policy_matrix import ROLES, assert_agrees, assert_matrix, make_users

pytestmark = pytest.mark.django_db

PROGRAMME = {"administrator", "lead", "officer"}
STAFF = set(ROLES)
READ_ALL = PROGRAMME | {"theme_lead", "safeguarding", "board"}


@pytest.fixture
def world(organisation, other_organisation):
    users = make_users(organisation, other_organisation, inactive_role=Role.PARTICIPATION_LEAD)
    theme = factories.ThemeFactory(lead=users["theme_lead"])
    other_theme = factories.ThemeFactory()
    on_theme = factories.GroupFactory(host_organisation=organisation)
    factories.GroupThemeFactory(group=on_theme, theme=theme)
    led = factories.GroupFactory(host_organisation=other_organisation)
    led.leads.add(users["theme_lead"])
    elsewhere = factories.GroupFactory(host_organisation=other_organisation)
    factories.GroupThemeFactory(group=elsewhere, theme=other_theme)
    groups = {"on_theme": on_theme, "led": led, "elsewhere": elsewhere}
    return {
        "users": users,
        "theme": theme,
        "other_theme": other_theme,
        "groups": groups,
        "members": {key: factories.MembershipFactory(group=group) for key, group in groups.items()},
        "moves": {
            key: StageTransition.objects.create(
                group=group, to_stage=group.stage, date=datetime.date(2026, 4, 1)
            )
            for key, group in groups.items()
        },
        "reviews": {
            "theme": factories.ThemeReviewFactory(theme=theme),
            "other": factories.ThemeReviewFactory(theme=other_theme),
        },
    }


def test_theme_matrix(world):
    theme, other = world["theme"], world["other_theme"]
    assert_matrix(
        THEME_POLICY,
        world["users"],
        {
            "view": {None: STAFF, theme: STAFF, other: STAFF},
            "add": {None: PROGRAMME},
            "change": {None: PROGRAMME, theme: PROGRAMME, other: PROGRAMME},
        },
    )


def test_theme_review_matrix(world):
    mine, other = world["reviews"]["theme"], world["reviews"]["other"]
    assert_matrix(
        THEME_REVIEW_POLICY,
        world["users"],
        {
            "view": {None: STAFF, mine: STAFF, other: STAFF},
            "change": {None: PROGRAMME, mine: PROGRAMME | {"theme_lead"}, other: PROGRAMME},
        },
    )
    # A review is added to a theme: its own lead may review it, no other theme lead.
    lead = world["users"]["theme_lead"]
    assert THEME_REVIEW_POLICY.allows(lead, "add")
    assert THEME_REVIEW_POLICY.allows(lead, "add", world["theme"])
    assert not THEME_REVIEW_POLICY.allows(lead, "add", world["other_theme"])
    assert not THEME_REVIEW_POLICY.allows(world["users"]["board"], "add")
    assert THEME_REVIEW_POLICY.allows(world["users"]["officer"], "add", world["other_theme"])


def test_group_matrix(world):
    groups = world["groups"]
    assert_matrix(
        GROUP_POLICY,
        world["users"],
        {
            "view": {
                None: READ_ALL | {"partner", "other_partner"},
                groups["on_theme"]: READ_ALL | {"partner"},
                groups["led"]: READ_ALL | {"other_partner"},
                groups["elsewhere"]: READ_ALL | {"other_partner"},
            },
            "add": {None: PROGRAMME | {"theme_lead", "partner", "other_partner"}},
            "change": {
                None: PROGRAMME | {"theme_lead", "partner", "other_partner"},
                groups["on_theme"]: PROGRAMME | {"theme_lead", "partner"},
                groups["led"]: PROGRAMME | {"theme_lead", "other_partner"},
                groups["elsewhere"]: PROGRAMME | {"other_partner"},
            },
        },
    )


def test_membership_matrix(world):
    members = world["members"]
    readers = READ_ALL - {"board"}
    assert_matrix(
        MEMBERSHIP_POLICY,
        world["users"],
        {
            "view": {
                None: readers | {"partner", "other_partner"},
                members["on_theme"]: readers | {"partner"},
                members["elsewhere"]: readers | {"other_partner"},
            },
            "add": {None: PROGRAMME | {"theme_lead", "partner", "other_partner"}},
            "change": {
                members["on_theme"]: PROGRAMME | {"theme_lead", "partner"},
                members["led"]: PROGRAMME | {"theme_lead", "other_partner"},
                members["elsewhere"]: PROGRAMME | {"other_partner"},
            },
        },
    )
    # A new membership is asked of its group.
    lead = world["users"]["theme_lead"]
    assert MEMBERSHIP_POLICY.allows(lead, "add", world["groups"]["led"])
    assert not MEMBERSHIP_POLICY.allows(lead, "add", world["groups"]["elsewhere"])


def test_stage_transition_matrix(world):
    moves = world["moves"]
    assert_matrix(
        STAGE_TRANSITION_POLICY,
        world["users"],
        {
            "view": {
                None: READ_ALL | {"partner", "other_partner"},
                moves["on_theme"]: READ_ALL | {"partner"},
                moves["elsewhere"]: READ_ALL | {"other_partner"},
            }
        },
    )


def test_permission_strings_ask_the_policies(world):
    users, groups = world["users"], world["groups"]
    assert can(users["theme_lead"], "groups.change_group", groups["led"])
    assert not can(users["theme_lead"], "groups.change_group", groups["elsewhere"])
    assert can(users["partner"], "groups.view_membership", groups["on_theme"])
    assert not can(users["board"], "groups.view_membership", groups["on_theme"])
    assert can(users["partner"], "groups.add_membership", groups["on_theme"])
    assert can(users["theme_lead"], "groups.add_themereview", world["theme"])
    assert can(None, "groups.change_theme", world["theme"])
    for label in ("groups.group", "groups.theme", "groups.membership", "groups.themereview"):
        assert policy_for(label).allows(users["safeguarding"], "view", None)


def test_led_by_and_responsible_for_group_are_one_definition(world):
    """The queryset (many groups) and the check (one group) answer alike, with and without the
    rows a page prefetches."""
    users, groups = world["users"], world["groups"]
    for name, user in users.items():
        led = set(Group.objects.led_by(user).values_list("pk", flat=True))
        for group in groups.values():
            assert responsible_for_group(user, group) == (group.pk in led), (name, group)
        prefetched = Group.objects.prefetch_related("leads", "theme_links__theme")
        for group in prefetched:
            assert responsible_for_group(user, group) == (group.pk in led), (name, group)
    assert led == set()  # the last user is the anonymous visitor... or inactive: neither leads
    lead = users["theme_lead"]
    assert set(Group.objects.led_by(lead)) == {groups["on_theme"], groups["led"]}
    assert not responsible_for_group(lead, None)
    assert not responsible_for_group(lead, Group())


def test_a_theme_lead_answers_for_groups_of_any_theme_they_lead(world):
    lead = world["users"]["theme_lead"]
    elsewhere = world["groups"]["elsewhere"]
    assert not responsible_for_group(lead, elsewhere)
    world["other_theme"].lead = lead
    world["other_theme"].save()
    assert responsible_for_group(lead, elsewhere)
    assert_agrees(GROUP_POLICY, lead, "change", list(world["groups"].values()))


def test_current_memberships(world):
    member = world["members"]["led"]
    Membership.objects.filter(pk=member.pk).update(left_on=datetime.date(2026, 5, 1))
    current = set(Membership.objects.current())
    assert member not in current and world["members"]["on_theme"] in current
    on_day = set(Membership.objects.on(datetime.date(2026, 4, 30)))
    assert member in on_day
    assert member not in set(Membership.objects.on(datetime.date(2026, 5, 1)))
