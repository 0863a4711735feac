"""Each role's home page says what this role should do next (issue 17): a "Log a session" start
button for those who may log one, the role's own counts with a caption saying whose they are,
and the safeguarding lead's open concerns and checks due, each linked to the list it counts."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from heard.core.roles import Role
from heard.groups.models import Group
from heard.indicators.selectors import LED_CAPTION, PARTNERSHIP_CAPTION
from heard.safeguarding.models import Concern
from tests import factories

HOME = reverse("home")
START_BUTTON = 'class="govuk-button govuk-button--start"'
SAFEGUARDING = 'id="safeguarding-to-do"'


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


def _attended(group, attendees):
    session = factories.SessionFactory(group=group, date=datetime.date(2026, 9, 1))
    for _ in range(attendees):
        factories.AttendanceFactory(
            session=session,
            young_person=factories.YoungPersonFactory(organisation=group.host_organisation),
        )


@pytest.fixture
def data(organisation, other_organisation, theme_lead):
    """A group the theme lead leads (ours: 2 active young people, one session this quarter with
    its monitoring form missing), a Buddy Group of a theme they lead (theirs: 1 active), and
    a group they do not lead (ours: 4 active, two sessions this quarter, one form missing)."""
    led = factories.GroupFactory(
        host_organisation=organisation, name="Led Council", kind=Group.Kind.YOUTH_COUNCIL
    )
    led.leads.add(theme_lead)
    theme = factories.ThemeFactory(lead=theme_lead)
    of_theme = factories.GroupFactory(
        host_organisation=other_organisation, name="Theme Buddies", kind=Group.Kind.BUDDY_GROUP
    )
    factories.GroupThemeFactory(group=of_theme, theme=theme)
    not_led = factories.GroupFactory(
        host_organisation=organisation, name="Not Led Forum", kind=Group.Kind.YOUTH_COUNCIL
    )
    _attended(led, 2)
    _attended(of_theme, 1)
    _attended(not_led, 4)
    factories.SessionFactory(
        group=led,
        date=datetime.date(2026, 10, 2),
        title="Led October visit",
        monitoring_form_complete=False,
    )
    factories.SessionFactory(
        group=not_led,
        date=datetime.date(2026, 10, 3),
        title="Not theirs October",
        monitoring_form_complete=False,
    )
    factories.SessionFactory(group=not_led, date=datetime.date(2026, 10, 4))
    return {"led": led, "of_theme": of_theme, "not_led": not_led}


def figures(page: str) -> dict[str, int]:
    """The home counts, in the page's order, by what they count."""
    counts = page.split('class="heard-counts"')[1].split("</ul>")[0]
    numbers = [int(n) for n in re.findall(r'heard-count__number">(\d+)</span>', counts)]
    names = ("active", "via_buddy_groups", "sessions_this_quarter", "overdue", "incomplete")
    return dict(zip(names, numbers, strict=True))


def caption(page: str) -> str:
    return page.split('<p class="govuk-body" id="counts-scope">')[1].split("</p>")[0]


@pytest.mark.parametrize(
    "role", [Role.ADMINISTRATOR, Role.PARTICIPATION_LEAD, Role.PARTICIPATION_OFFICER]
)
def test_programme_roles_see_the_partnerships_figures_labelled_and_a_start_button(
    client_for, make_user, role, data
):
    page = client_for(make_user(role)).get(HOME).content.decode()
    start = page.index(START_BUTTON)
    assert start < page.index('class="heard-counts"')  # at the top, before the figures
    assert reverse("participation:session-create") in page[start - 200 : start + 200]
    assert caption(page) == PARTNERSHIP_CAPTION
    assert 'aria-describedby="counts-scope"' in page
    shown = figures(page)
    assert (shown["active"], shown["via_buddy_groups"]) == (7, 1)
    assert (shown["sessions_this_quarter"], shown["incomplete"]) == (3, 2)
    assert "Not theirs October" in page and "Led October visit" in page
    assert SAFEGUARDING not in page


def test_a_theme_leads_figures_are_of_their_groups_only(client_for, theme_lead, data):
    page = client_for(theme_lead).get(HOME).content.decode()
    assert START_BUTTON in page
    assert caption(page) == LED_CAPTION
    assert "Your groups: this year so far" in page
    shown = figures(page)
    # 2 in the group they lead and 1 in the Buddy Group of their theme; not the 4 elsewhere.
    assert (shown["active"], shown["via_buddy_groups"]) == (3, 1)
    assert (shown["sessions_this_quarter"], shown["incomplete"]) == (1, 1)
    missing = page.split('id="missing-monitoring"')[1]
    assert "Led October visit" in missing
    assert "Not theirs October" not in page
    # The full follow-up list covers the partnership, and says so.
    assert "across the partnership" in missing
    assert PARTNERSHIP_CAPTION not in page
    assert SAFEGUARDING not in page


def test_a_theme_lead_who_leads_nothing_sees_zeros_not_the_partnerships(
    client_for, make_user, data
):
    page = client_for(make_user(Role.THEME_LEAD)).get(HOME).content.decode()
    assert caption(page) == LED_CAPTION
    assert set(figures(page).values()) == {0}
    assert "Every session of your groups has its monitoring form complete." in page


def test_a_partner_worker_sees_their_organisations_figures_named(
    client_for, partner_worker, organisation, data
):
    page = client_for(partner_worker).get(HOME).content.decode()
    assert START_BUTTON in page
    assert organisation.name in caption(page)
    shown = figures(page)
    assert (shown["active"], shown["via_buddy_groups"]) == (6, 0)  # Led Council and Not Led Forum
    assert (shown["sessions_this_quarter"], shown["incomplete"]) == (3, 2)
    assert data["of_theme"].name not in page
    assert SAFEGUARDING not in page


def test_another_organisations_partner_worker_sees_only_theirs(
    client_for, make_user, organisation, other_organisation, data
):
    worker = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
    page = client_for(worker).get(HOME).content.decode()
    assert other_organisation.name in caption(page)
    assert organisation.name not in page
    shown = figures(page)
    assert (shown["active"], shown["via_buddy_groups"]) == (1, 1)  # Theme Buddies only
    assert (shown["sessions_this_quarter"], shown["incomplete"]) == (0, 0)
    for name in (data["led"].name, data["not_led"].name, "Led October visit"):
        assert name not in page


def test_a_board_member_keeps_the_protected_counts_labelled_and_no_button(
    client_for, board_member, data
):
    page = client_for(board_member).get(HOME).content.decode()
    assert START_BUTTON not in page
    assert reverse("participation:session-create") not in page
    assert caption(page) == PARTNERSHIP_CAPTION
    assert "the latest reporting period" in page
    assert SAFEGUARDING not in page


@pytest.fixture
def safeguarding_work(make_user):
    raised = make_user(Role.PARTICIPATION_OFFICER)
    for status in (Concern.Status.OPEN, Concern.Status.OPEN, Concern.Status.CLOSED):
        factories.ConcernFactory(raised_by=raised, status=status)
    factories.BackgroundCheckFactory(
        staff=raised, issued_on=datetime.date(2023, 11, 1), renewal_due=datetime.date(2026, 11, 1)
    )
    factories.BackgroundCheckFactory(staff=make_user(Role.PARTICIPATION_OFFICER))  # due 2029


def to_do(page: str) -> dict[str, int]:
    block = page.split(SAFEGUARDING)[1].split("</ul>")[0]
    items = re.findall(
        r'heard-count__number">(\d+)</span>\s*<span class="heard-count__label">'
        r'<a class="govuk-link" href="([^"]+)">',
        block,
    )
    return {href.replace("&amp;", "&"): int(number) for number, href in items}


def test_the_safeguarding_lead_sees_open_concerns_and_checks_due_linked(
    client_for, safeguarding_lead, data, safeguarding_work
):
    client = client_for(safeguarding_lead)
    page = client.get(HOME).content.decode()
    assert START_BUTTON not in page  # a safeguarding lead does not log sessions
    assert page.index(SAFEGUARDING) < page.index('class="heard-counts"')
    concerns = f"{reverse('safeguarding:concern-list')}?status=open"
    checks = reverse("safeguarding:checks-due")
    assert to_do(page) == {concerns: 2, checks: 1}
    # Each count is what its link lists.
    assert len(client.get(concerns).context["object_list"]) == 2
    assert len(client.get(checks).context["checks"]) == 1
    assert caption(page) == PARTNERSHIP_CAPTION


def test_the_safeguarding_counts_follow_the_work(client_for, safeguarding_lead, safeguarding_work):
    client = client_for(safeguarding_lead)
    Concern.objects.filter(status=Concern.Status.OPEN).update(status=Concern.Status.CLOSED)
    page = client.get(HOME).content.decode()
    assert set(to_do(page).values()) == {0, 1}
    assert "0</span>" in page.split(SAFEGUARDING)[1].split("</li>")[0]


def test_the_api_gives_a_theme_lead_the_same_figures_as_their_page(api_for, theme_lead, data):
    """One rule for whose figures they are: /api/v1/home-counts/ read the partnership's for a
    theme lead while the page read their groups' (it failed first: 7 active, not 3)."""
    counts = api_for(theme_lead).get("/api/v1/home-counts/").json()
    assert (counts["active_young_people"], counts["active_via_buddy_groups"]) == (3, 1)
    assert (counts["sessions_this_quarter"], counts["incomplete_monitoring_forms"]) == (1, 1)
