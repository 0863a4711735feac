"""Privacy's tables are drawn from their columns (heard.core.tables): lists and consents stack
on a phone, each cell under its column's label; reach's figures, compared along a row, scroll
side by side instead. Dates read "1 September 2026"; CSV exports keep their headers."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from heard.core.roles import AgeBand
from heard.privacy import services
from tests import factories

pytestmark = pytest.mark.django_db

STACKED = "govuk-table heard-table--stacked"
SCROLLS = '<div class="heard-table-scroll" role="region" aria-label="{}" tabindex="0">'


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC)):
        yield


def cells(html, label):
    """The contents of every cell labelled ``label``, in order."""
    return re.findall(rf'data-label="{re.escape(label)}">(.*?)</t[dh]>', html, re.S)


def csv_header(client, url):
    response = client.get(url, {"format": "csv"})
    return b"".join(response.streaming_content).decode().splitlines()[0]


def test_consents_stack_with_the_withdraw_link_for_those_who_may(
    client_for, officer, board_member, organisation
):
    person = factories.YoungPersonFactory(organisation=organisation)
    for purpose in ("photographs", "quotes"):
        services.consent_record(
            actor=officer,
            young_person=person,
            purpose=purpose,
            given_by="parent_or_carer",
            given_on=datetime.date(2026, 9, 1),
            how="written",
        )
    consent = person.consents.get(purpose="quotes")
    services.consent_withdraw(
        actor=officer,
        consent=consent,
        withdrawn_on=datetime.date(2026, 10, 2),
        withdrawn_by="young_person",
        withdrawn_how="verbal",
    )
    html = client_for(officer).get(reverse("privacy:consents", args=[person.pk])).content.decode()
    assert STACKED in html
    assert cells(html, "Given") == ["1 September 2026", "1 September 2026"]
    status = " ".join(cells(html, "Status"))
    assert "Withdrawn 2 October 2026" in status and "Current" in status
    assert reverse("privacy:consent-withdraw", args=[consent.pk]) not in status
    assert status.count(">Withdraw<") == 1


def test_benchmark_list_keeps_its_import_format(client_for, officer, theme_lead):
    services.benchmark_share_save(actor=officer, characteristic="send", value="yes", share=14.5)
    client = client_for(officer)
    url = reverse("privacy:benchmarks")
    html = client.get(url).content.decode()
    assert STACKED in html
    assert cells(html, "Share") == ["14.50%"]
    assert cells(html, "Area") == ["Whole partnership"]
    assert 'govuk-table__header govuk-table__header--numeric">Share' in html
    assert csv_header(client, url) == "characteristic,value,area,share,source"


def test_target_list_links_for_those_who_may_change(client_for, officer, board_member):
    target = services.least_heard_target_save(
        actor=officer, group="send", target=25, start="2026-04-01", end="2027-03-31"
    )
    url = reverse("privacy:targets")
    html = client_for(officer).get(url).content.decode()
    assert STACKED in html
    assert cells(html, "Period") == ["1 April 2026 to 31 March 2027"]
    edit = reverse("privacy:target-edit", args=[target.pk])
    assert edit in cells(html, "Group")[0]
    assert csv_header(client_for(officer), url) == "Group,Target,From,To"
    board_view = client_for(board_member).get(url).content.decode()
    assert edit not in board_view and cells(board_view, "Group") == [target.label]


def test_reach_figures_scroll_side_by_side_with_a_total(client_for, officer, organisation):
    session = factories.SessionFactory(
        group=factories.GroupFactory(host_organisation=organisation),
        date=datetime.date(2026, 10, 1),
    )
    for _ in range(3):
        person = factories.YoungPersonFactory(organisation=organisation, age_band=AgeBand.UNDER_8)
        factories.AttendanceFactory(session=session, young_person=person)
    services.benchmark_share_save(
        actor=officer, characteristic="age_band", value="under_8", share=20
    )
    services.least_heard_target_save(
        actor=officer, group="under_11", target=30, start="2026-04-01", end="2027-03-31"
    )
    url = reverse("privacy:reach") + "?start=2026-04-01&end=2026-11-20"
    html = client_for(officer).get(url).content.decode()
    assert SCROLLS.format("Reach by age band") in html
    assert SCROLLS.format("Least-heard groups against their targets") in html
    assert STACKED not in html
    assert cells(html, "Target period") == ["1 April 2026 to 31 March 2027"]
    assert cells(html, "Progress") == ["10.0%"]
    age = html[html.index(SCROLLS.format("Reach by age band")) :]
    age = age[: age.index("</table>")]
    values = cells(age, "Age band")
    assert values[0] == "Under 8" and values[-1] == "Total"
    # Each row's value is its header, for a screen reader comparing the figures along it.
    assert '<th scope="row" class="govuk-table__header" data-label="Age band">Under 8</th>' in age
    assert cells(age, "Took part")[0] == "3" and cells(age, "Took part")[-1] == "3"
    assert cells(age, "Benchmark")[0] == "20.00%"
    assert cells(age, "Benchmark")[1] == "-"  # no benchmark for the next band
    assert cells(age, "Share")[-1] == "" and cells(age, "Gap")[-1] == ""  # the total's
