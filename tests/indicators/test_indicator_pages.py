"""The indicator pages: the list with its CSV, one indicator with its trend chart and table,
set, edit and delete (with confirmation), each for the roles the policy names."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.groups.models import Group
from heard.indicators.models import Indicator
from heard.participation.models import Degree, Method, ParticipationType, Session
from tests import factories
from tests.core.disclosure import small_numbers_in_text
from tests.indicators.indicator_helpers import TODAY, attended, council, indicator

pytestmark = pytest.mark.django_db

LIST = reverse("indicators:indicator-list")
CREATE = reverse("indicators:indicator-create")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _csv(client):
    answer = client.get(LIST, {"format": "csv"})
    return b"".join(answer.streaming_content).decode("utf-8-sig")


def detail(one):
    return reverse("indicators:indicator-detail", args=[one.pk])


def test_the_list_shows_value_target_and_status_with_a_csv(client_for, officer, organisation):
    attended(council(organisation), datetime.date(2026, 5, 1), 3)
    indicator(name="Active", target=3)
    indicator(name="Sessions held", measure="sessions", target=10)
    client = client_for(officer)
    page = client.get(LIST).content.decode()
    assert "Active" in page and "On target" in page and "Below target" in page
    assert "govuk-tag--green" in page and "govuk-tag--red" in page
    assert "protected for you" not in page
    rows = list(csv.reader(io.StringIO(_csv(client))))
    assert rows[0] == ["Indicator", "Measure", "Value", "Target", "Status", "From", "To"]
    assert rows[1][:5] == [
        "Active",
        "Young people actively participating",
        "3",
        "3",
        "On target",
    ]
    assert rows[2][2:5] == ["1", "10", "Below target"]
    searched = client.get(LIST, {"q": "sessions"}).content.decode()
    assert "Sessions held" in searched and ">Active<" not in searched


def test_the_list_runs_its_queries_and_one_per_indicator_shown(
    client_for, officer, django_assert_num_queries
):
    """Each indicator's value is one aggregate of its own measure: a page of 25 at most."""
    client = client_for(officer)
    indicator(name="One", measure="sessions", target=1)
    client.get(LIST)
    with django_assert_num_queries(6):
        client.get(LIST)
    indicator(name="Two", measure="sessions", target=1)
    with django_assert_num_queries(7):
        client.get(LIST)


def test_the_board_reads_protected_figures(client_for, board_member, organisation):
    group = council(organisation)
    attended(group, datetime.date(2026, 5, 1), 3)
    attended(group, DAY_IN_Q3 := datetime.date(2026, 8, 3), 1)
    assert TODAY.date() > DAY_IN_Q3
    one = indicator(name="Active young people", target=300)
    client = client_for(board_member)
    page = client.get(LIST).content.decode()
    assert "protected for you" in page
    values = re.findall(r'data-label="Value">([^<]*)<', page)
    assert values and not small_numbers_in_text(" ".join(values))
    shown = client.get(detail(one)).content.decode()
    assert "1 April 2026 to 30 September 2026" in shown
    rows = list(csv.reader(io.StringIO(_csv(client))))
    assert not small_numbers_in_text(rows[1][2])


@pytest.mark.parametrize("role", ["partner_worker", "safeguarding_lead"])
def test_roles_that_do_not_read_indicators_are_refused(client_for, request, role):
    one = indicator()
    client = client_for(request.getfixturevalue(role))
    for url in (LIST, detail(one), CREATE, reverse("indicators:indicator-delete", args=[one.pk])):
        assert client.get(url).status_code == 403


def test_the_detail_has_a_chart_a_table_and_a_link_to_the_records(
    client_for, theme_lead, organisation
):
    theme = factories.ThemeFactory(title="Health")
    group = council(organisation)
    factories.GroupThemeFactory(group=group, theme=theme)
    attended(group, datetime.date(2026, 8, 1), 6)
    one = indicator(name="Active on health", target=10, theme=theme, amber_within=50)
    page = client_for(theme_lead).get(detail(one)).content.decode()
    assert '<svg class="heard-chart"' in page and 'role="img"' in page
    assert '<title id="chart-title">Active on health: the last four quarters</title>' in page
    assert "Target 10. Jan to Mar 2026: 0; Apr to Jun 2026: 0; Jul to Sep 2026: 6; " in page
    assert page.count('<tr class="govuk-table__row"><th scope="row"') == 4
    assert "Close to target" in page and "Theme: Health" in page
    records = re.search(r'href="([^"]+)">See the records it counts', page).group(1)
    assert records.startswith(reverse("participation:session-list") + "?")
    assert f"theme={theme.pk}" in records and "date_from=2026-04-01" in records
    assert "Edit indicator" not in page and "Delete indicator" not in page


def test_an_indicator_that_is_not_there_is_404(client_for, officer):
    missing = reverse("indicators:indicator-detail", args=[999])
    assert client_for(officer).get(missing).status_code == 404


def test_the_lead_edits_and_deletes_after_confirming(client_for, lead):
    one = indicator(measure="sessions", target=12)
    client = client_for(lead)
    edit = reverse("indicators:indicator-edit", args=[one.pk])
    form = client.get(edit).content.decode()
    assert 'value="12"' in form
    values = {
        "name": "Sessions this year",
        "measure": "sessions",
        "period": "year",
        "target": "20",
        "amber_within": "10",
        "degree": Degree.CYP_INITIATED_DIRECTED,
    }
    assert client.post(edit, values)["Location"] == detail(one)
    one.refresh_from_db()
    assert (one.name, one.target, one.degree) == (
        "Sessions this year",
        20,
        "cyp_initiated_directed",
    )
    wrong = client.post(edit, {**values, "age_band": "8_10"}).content.decode()
    assert "cannot be filtered by age band" in wrong
    delete = reverse("indicators:indicator-delete", args=[one.pk])
    confirm = client.get(delete).content.decode()
    assert "Delete this indicator?" in confirm and "Yes, delete this indicator" in confirm
    assert Indicator.objects.filter(pk=one.pk).exists()
    assert client.post(delete)["Location"] == LIST
    assert not Indicator.objects.filter(pk=one.pk).exists()
    assert AuditEntry.objects.filter(event="indicator.deleted", actor=lead).exists()


def test_a_new_user_creates_an_indicator_and_sees_it_change_when_a_session_is_logged(
    client_for, make_user, organisation
):
    """Issue 18's acceptance: a new participation lead sets "young people actively taking part
    in Buddy Groups" with a target from the library, logs a matching session, and the value
    moves."""
    from heard.core.roles import Role

    newcomer = make_user(Role.PARTICIPATION_LEAD)
    buddy = factories.GroupFactory(host_organisation=organisation, kind=Group.Kind.BUDDY_GROUP)
    members = [factories.MembershipFactory(group=buddy).young_person for _ in range(2)]
    client = client_for(newcomer)
    form = client.get(CREATE).content.decode()
    assert "Young people actively participating through a kind of group" in form
    answer = client.post(
        CREATE,
        {
            "name": "Through Buddy Groups",
            "measure": "active_through_group_kind",
            "period": "year",
            "target": "100",
            "amber_within": "10",
            "group_kind": Group.Kind.BUDDY_GROUP,
        },
    )
    made = Indicator.objects.get()
    assert answer["Location"] == detail(made)

    def value():
        page = client.get(detail(made)).content.decode()
        return re.search(r'Value</dt>\s*<dd class="govuk-summary-list__value">([^<]*)<', page)[1]

    assert value() == "0"
    logged = client.post(
        reverse("participation:session-create") + f"?group={buddy.pk}",
        {
            "date": "2026-10-14",
            "kind": Session.Kind.GROUP_SESSION,
            "title": "Planning the summer",
            "degree": Degree.CYP_INITIATED_SHARED,
            "participation_type": ParticipationType.PUBLIC,
            "standards": ["strategy"],
            "methods": [str(Method.objects.get(name="Discussion").pk)],
            "monitoring_form_complete": "on",
            "attended": [str(person.pk) for person in members],
        },
    )
    assert logged.status_code == 302, logged.content.decode()[:2000]
    assert value() == "2"
    assert "Progress against our indicators" in client.get(reverse("home")).content.decode()
