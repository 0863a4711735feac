import datetime

import pytest
import time_machine
from django.urls import reverse

from heard.core.roles import Role
from heard.groups.models import Group
from heard.participation.models import Attendance, Degree
from tests import factories

HOME = reverse("home")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2026, 10, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def data(organisation, other_organisation):
    """Our Buddy Group visited in July (overdue) with five active attendees (not a small
    count); another organisation's group overdue too; one session missing its monitoring form."""
    ours = factories.GroupFactory(host_organisation=organisation, name="Riverside Buddy Group")
    theirs = factories.GroupFactory(
        host_organisation=other_organisation, name="Hillside Council", kind=Group.Kind.YOUTH_COUNCIL
    )
    session = factories.SessionFactory(
        group=ours,
        date=datetime.date(2026, 7, 1),
        title="July visit",
        monitoring_form_complete=False,
    )
    for _ in range(5):
        factories.AttendanceFactory(
            session=session, young_person=factories.YoungPersonFactory(organisation=organisation)
        )
    consulted = factories.SessionFactory(
        group=theirs, date=datetime.date(2026, 6, 1), degree=Degree.CONSULTED_INFORMED
    )
    factories.AttendanceFactory(session=consulted, status=Attendance.Status.ATTENDED)
    return {"ours": ours, "theirs": theirs, "session": session}


def counts_in(page):
    return page.split('class="heard-counts"')[1].split("</ul>")[0]


@pytest.mark.parametrize(
    ("role", "heading"),
    [
        (Role.ADMINISTRATOR, "Home: administrator"),
        (Role.PARTICIPATION_LEAD, "Home: participation lead"),
        (Role.PARTICIPATION_OFFICER, "Home: participation officer"),
        (Role.THEME_LEAD, "Home: theme lead"),
        (Role.SAFEGUARDING_LEAD, "Home: safeguarding lead"),
        (Role.BOARD_MEMBER, "Home: board member"),
    ],
)
def test_every_role_has_a_home(client_for, make_user, role, heading, data):
    response = client_for(make_user(role)).get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in page
    assert "young people actively participating" in page


def test_partner_worker_home(client_for, partner_worker, data):
    page = client_for(partner_worker).get(HOME).content.decode()
    assert "Home: partner worker" in page
    assert reverse("groups:group-detail", args=[data["ours"].pk]) in page
    assert data["theirs"].name not in page
    assert "July visit" in page
    assert reverse("participation:session-create") in page


def test_programme_home_shows_counts_overdue_and_missing_forms(client_for, officer, data):
    page = client_for(officer).get(HOME).content.decode()
    counts = counts_in(page)
    assert '<span class="heard-count__number">5</span>' in counts  # five active young people
    assert reverse("groups:group-detail", args=[data["ours"].pk]) in page
    assert reverse("groups:group-detail", args=[data["theirs"].pk]) in page
    assert reverse("participation:session-detail", args=[data["session"].pk]) in page
    assert "Log a session" in page and "Add a young person" in page


def test_board_member_sees_only_the_counts(client_for, board_member, data):
    page = client_for(board_member).get(HOME).content.decode()
    assert '<span class="heard-count__number">5</span>' in counts_in(page)
    assert "Overdue visits" not in page
    assert data["ours"].name not in page
    assert "July visit" not in page
    assert "Quick links" not in page
    assert reverse("participation:monitoring-followup") not in page


def test_safeguarding_lead_sees_missing_forms_but_no_overdue_list(
    client_for, safeguarding_lead, data
):
    page = client_for(safeguarding_lead).get(HOME).content.decode()
    assert "July visit" in page
    assert "Overdue visits" not in page
    assert "Log a session" not in page


def test_theme_lead_sees_only_their_overdue_groups(client_for, theme_lead, data):
    data["theirs"].leads.add(theme_lead)
    page = client_for(theme_lead).get(HOME).content.decode()
    assert reverse("groups:group-detail", args=[data["theirs"].pk]) in page
    assert reverse("groups:group-detail", args=[data["ours"].pk]) not in page


def test_home_counts_change_when_a_session_is_logged(client_for, officer, data):
    client = client_for(officer)
    before = counts_in(client.get(HOME).content.decode())
    ours = data["ours"]
    members = [factories.MembershipFactory(group=ours).young_person for _ in range(2)]
    client.post(
        f"{reverse('participation:session-create')}?group={ours.pk}",
        {
            "date": "2026-10-14",
            "kind": "visit",
            "degree": Degree.CYP_INITIATED_DIRECTED,
            "participation_type": "public",
            "attended": [str(m.pk) for m in members],
            "monitoring_form_complete": "on",
        },
    )
    after = counts_in(client.get(HOME).content.decode())
    assert before != after
    assert '<span class="heard-count__number">7</span>' in after  # 5 before + 2 new


def test_signed_out(client):
    assert client.get(HOME).status_code == 302


def test_home_runs_a_fixed_number_of_queries(
    client_for, officer, data, count_queries, organisation
):
    client = client_for(officer)
    few, _ = count_queries(lambda: client.get(HOME))
    for n in range(6):
        group = factories.GroupFactory(host_organisation=organisation, name=f"Extra {n}")
        session = factories.SessionFactory(
            group=group, date=datetime.date(2026, 7, 2), monitoring_form_complete=False
        )
        factories.AttendanceFactory(session=session)
    many, _ = count_queries(lambda: client.get(HOME))
    assert few == many


def test_home_lists_the_ten_most_overdue_and_links_to_the_rest(
    client_for, officer, organisation, count_queries
):
    client = client_for(officer)
    few, _ = count_queries(lambda: client.get(HOME))
    for n in range(12):
        group = factories.GroupFactory(host_organisation=organisation, name=f"Late {n:02d}")
        factories.SessionFactory(
            group=group, date=datetime.date(2026, 8, 1) + datetime.timedelta(n)
        )
    many, response = count_queries(lambda: client.get(HOME))
    assert few == many
    page = response.content.decode()
    overdue = page.split('id="overdue"')[1].split("</table>")[0]
    listed = [f"Late {n:02d}" for n in range(12) if f"Late {n:02d}" in overdue]
    assert listed == [f"Late {n:02d}" for n in range(10)]  # the oldest due first
    assert '<span class="heard-count__number">12</span>' in counts_in(page)
    link = f"{reverse('groups:calendar')}?overdue=yes&amp;mine=yes"
    assert (
        f'<a class="govuk-link" href="{link}">See all 12 groups with an overdue visit</a>' in page
    )
    full = client.get(reverse("groups:calendar"), {"overdue": "yes", "mine": "yes"})
    assert len(full.context["object_list"]) == 12


def test_a_theme_leads_overdue_count_matches_the_linked_list(client_for, theme_lead, data):
    data["theirs"].leads.add(theme_lead)
    client = client_for(theme_lead)
    page = client.get(HOME).content.decode()
    assert "No visits are overdue" not in page
    full = client.get(reverse("groups:calendar"), {"overdue": "yes", "mine": "yes"})
    assert [g.name for g in full.context["object_list"]] == ["Hillside Council"]
    assert '<a href="#overdue">visit overdue</a>' in counts_in(page)  # one, as listed
