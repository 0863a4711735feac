"""The audits' pages: list with search, filters and CSV; a record; add, edit, delete with a
confirmation; the kite mark register. Lists run a fixed number of queries."""

import pytest
from django.urls import reverse

from heard.audits.models import Audit
from heard.core.standards import Standard
from tests import factories
from tests.audits.conftest import days

pytestmark = pytest.mark.django_db

SIGNED_IN = 3


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_the_list_searches_filters_and_exports(client_for, officer, organisation, make_audit):
    make_audit(organisation, service="Youth club")
    other = factories.OrganisationFactory(name="Harbour Project")
    make_audit(other, decision="not_yet", needed="A plan.")
    client = client_for(officer)
    url = reverse("audits:audit-list")
    page = client.get(url)
    assert page.status_code == 200
    assert "Youth club" in page.text and "Harbour Project" in page.text
    found = client.get(url, {"search": "harbour"})
    assert "Harbour Project" in found.text and "Youth club" not in found.text
    decided = client.get(url, {"decision": "not_yet"})
    assert "Harbour Project" in decided.text and "Youth club" not in decided.text
    csv = client.get(url, {"format": "csv"})
    text = b"".join(csv.streaming_content).decode()
    assert "What is needed" in text.splitlines()[0]
    assert "A plan." in text


def test_an_empty_list_says_so(client_for, officer):
    page = client_for(officer).get(reverse("audits:audit-list"))
    assert "No audits have been recorded yet." in page.text


@pytest.mark.parametrize("count", [1, 4])
def test_the_lists_run_a_fixed_number_of_queries(
    client_for, officer, organisation, kite_mark, count, django_assert_num_queries
):
    for number in range(count):
        kite_mark(organisation, 30 + number, service=f"Service {number}")
    client = client_for(officer)
    # the organisations filter's choices, the count and the page of rows
    with django_assert_num_queries(SIGNED_IN + 3):
        assert client.get(reverse("audits:audit-list")).status_code == 200
    with django_assert_num_queries(SIGNED_IN + 3):
        assert client.get(reverse("audits:kite-mark-list")).status_code == 200


def test_the_detail_page_runs_a_fixed_number_of_queries(
    client_for, officer, organisation, make_audit, django_assert_num_queries
):
    audit = make_audit(
        organisation,
        auditors=[factories.UserFactory()],
        young_auditors=[factories.YoungPersonFactory()],
    )
    client = client_for(officer)
    # the audit, its levels, auditors and young auditors, which of them are trained
    with django_assert_num_queries(SIGNED_IN + 5):
        page = client.get(reverse("audits:audit-detail", args=[audit.pk]))
    assert "A written strategy." in page.text
    assert "Not assessed" in page.text


def test_a_board_member_reads_without_names(client_for, board_member, organisation, make_audit):
    young = factories.YoungPersonFactory()
    audit = make_audit(organisation, young_auditors=[young])
    page = client_for(board_member).get(reverse("audits:audit-detail", args=[audit.pk]))
    assert page.status_code == 200
    assert young.reference not in page.text
    assert "Edit" not in page.text


def test_another_organisations_partner_gets_404(
    client_for, partner_worker, organisation, other_organisation, make_audit
):
    own = make_audit(organisation)
    other = make_audit(other_organisation)
    client = client_for(partner_worker)
    assert client.get(reverse("audits:audit-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("audits:audit-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("audits:audit-edit", args=[own.pk])).status_code == 403
    listed = client.get(reverse("audits:audit-list"))
    assert str(other.organisation) not in listed.text


def test_a_theme_lead_may_not_see_audits(client_for, theme_lead):
    assert client_for(theme_lead).get(reverse("audits:audit-list")).status_code == 403


def test_record_an_audit_through_the_form(client_for, officer, organisation):
    client = client_for(officer)
    url = reverse("audits:audit-create")
    assert client.get(url).status_code == 200
    data = {
        "organisation": organisation.pk,
        "service": "Youth club",
        **_date("date", days(-2)),
        "level_strategy": "advanced",
        "evidence_strategy": "Strategy signed by young people.",
        "decision": "awarded",
        **_date("expires_on", days(300)),
    }
    response = client.post(url, data)
    audit = Audit.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("audits:audit-detail", args=[audit.pk])
    assert audit.levels.get().standard == Standard.STRATEGY


def test_the_form_shows_the_services_errors(client_for, officer, organisation):
    client = client_for(officer)
    data = {"organisation": organisation.pk, **_date("date", days(-2)), "decision": "awarded"}
    page = client.post(reverse("audits:audit-create"), data)
    assert page.status_code == 200
    assert "Enter the date the kite mark expires." in page.text
    evidence_only = {**data, "decision": "", "evidence_staff": "Some"}
    page = client.post(reverse("audits:audit-create"), evidence_only)
    assert "Choose the level for staff" in page.text


def test_edit_an_audit(client_for, lead, organisation, make_audit):
    audit = make_audit(organisation)
    client = client_for(lead)
    url = reverse("audits:audit-edit", args=[audit.pk])
    form = client.get(url)
    assert "A written strategy." in form.text
    data = {
        "organisation": organisation.pk,
        **_date("date", audit.date),
        "level_strategy": "emerging",
        "decision": "not_yet",
        "needed": "A youth forum.",
    }
    assert client.post(url, data).status_code == 302
    audit.refresh_from_db()
    assert audit.needed == "A youth forum."
    assert audit.levels.get().level == "emerging"


def test_delete_asks_first(client_for, officer, organisation, make_audit):
    audit = make_audit(organisation)
    client = client_for(officer)
    url = reverse("audits:audit-delete", args=[audit.pk])
    page = client.get(url)
    assert "This cannot be undone." in page.text
    assert Audit.objects.exists()
    response = client.post(url)
    assert response.url == reverse("audits:audit-list")
    assert not Audit.objects.exists()


def test_the_register_filters_renewals_due_and_exports(
    client_for, officer, organisation, other_organisation, kite_mark
):
    kite_mark(organisation, 30, service="Due soon")
    kite_mark(organisation, 400, service="Far off")
    kite_mark(other_organisation, -2, service="Lapsed")
    client = client_for(officer)
    url = reverse("audits:kite-mark-list")
    page = client.get(url)
    assert "Renewal due" in page.text and "Expired" in page.text
    due = client.get(url, {"state": "due"})
    assert "Due soon" in due.text and "Lapsed" in due.text and "Far off" not in due.text
    expired = client.get(url, {"state": "expired"})
    assert "Lapsed" in expired.text and "Due soon" not in expired.text
    current = client.get(url, {"state": "current"})
    assert "Far off" in current.text and "Lapsed" not in current.text
    csv = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    assert csv.splitlines()[0].startswith("Organisation or service,Organisation,Service,Awarded")
    assert "Renewal due" in csv and "Expired" in csv and "Current" in csv
