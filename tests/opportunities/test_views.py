"""The opportunity pages: a worker adds, edits and deletes an opportunity, signs young people up
and turns the sign-ups into attendance; others' records answer 404, readers cannot write; lists
run a fixed number of queries and export the same rows as CSV and XLSX."""

import io

import openpyxl
import pytest
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.opportunities.models import Opportunity, SignUp
from heard.participation.models import Attendance
from tests import factories
from tests.opportunities.factories import OpportunityFactory, SignUpFactory

OPPORTUNITIES = reverse("opportunities:opportunity-list")
SIGNED_IN = 3


def opportunity_form(organisation, **extra):
    data = {
        "title": "Panel for the <b>new manager</b>",
        "kind": "panel",
        "description": "Ask the candidates your questions.",
        "organisation": organisation.pk,
        "starts_on_day": "20",
        "starts_on_month": "11",
        "starts_on_year": "2026",
        "starts_time": "16:00",
        "ends_time": "18:30",
        "place": "Shire Hall",
        "accessibility": "Step-free; BSL on request",
        "closes_on_day": "13",
        "closes_on_month": "11",
        "closes_on_year": "2026",
        "places": "6",
        "age_bands": ["14_15", "16_17"],
        "areas": "Cambridge, Ely",
        "status": "published",
    }
    return data | extra


def test_a_partner_worker_adds_edits_and_deletes_their_opportunity(
    client_for, partner_worker, organisation
):
    client = client_for(partner_worker)
    form = client.get(reverse("opportunities:opportunity-create")).content.decode()
    assert f'<option value="{organisation.pk}" selected>' in form
    response = client.post(
        reverse("opportunities:opportunity-create"), opportunity_form(organisation)
    )
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "opportunities:opportunity-detail", args=[opportunity.pk]
    )
    assert opportunity.areas == ["Cambridge", "Ely"]
    assert opportunity.ends_at.hour - opportunity.starts_at.hour == 2
    page = client.get(response["Location"]).content.decode()
    assert "Panel for the &lt;b&gt;new manager&lt;/b&gt;" in page
    assert "14 to 15, 16 to 17" in page and "Step-free" in page
    edit = reverse("opportunities:opportunity-edit", args=[opportunity.pk])
    assert "Cambridge, Ely" in client.get(edit).content.decode()
    bad = client.post(edit, opportunity_form(organisation, ends_time="15:00", place=""))
    assert bad.status_code == 200
    content = bad.content.decode()
    assert "The time it ends must be after the time it starts" in content
    assert client.post(edit, opportunity_form(organisation, title="Panel")).status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Panel"
    refused = client.post(edit, opportunity_form(organisation, place="", closes_on_day="25"))
    assert "Say where it is" in refused.content.decode()
    assert "The closing date must be on or before" in refused.content.decode()
    delete = reverse("opportunities:opportunity-delete", args=[opportunity.pk])
    assert "Delete the opportunity" in client.get(delete).content.decode()
    assert client.post(delete)["Location"] == OPPORTUNITIES
    assert not Opportunity.objects.exists()
    assert AuditEntry.objects.filter(event="opportunity.deleted").exists()


def test_another_organisations_opportunity_is_not_found_by_a_partner(
    client_for, partner_worker, other_organisation
):
    other = OpportunityFactory(organisation=other_organisation)
    client = client_for(partner_worker)
    for name in ("detail", "edit", "delete", "sign-ups", "attendance"):
        url = reverse(f"opportunities:opportunity-{name}", args=[other.pk])
        assert client.get(url).status_code == 404, name
    sign_up = SignUpFactory(opportunity=other)
    withdraw = reverse("opportunities:sign-up-withdraw", args=[sign_up.pk])
    assert client.get(withdraw).status_code == 404


@pytest.mark.parametrize("role", ["board_member", "theme_lead"])
def test_readers_read_opportunities_but_not_sign_ups(request, client_for, role, opportunity):
    client = client_for(request.getfixturevalue(role))
    page = client.get(reverse("opportunities:opportunity-detail", args=[opportunity.pk]))
    content = page.content.decode()
    assert opportunity.title in content
    assert "Edit opportunity" not in content and "Sign-ups (" not in content
    assert client.get(reverse("opportunities:opportunity-create")).status_code == 403
    edit = reverse("opportunities:opportunity-edit", args=[opportunity.pk])
    assert client.get(edit).status_code == 403
    sign_ups = reverse("opportunities:opportunity-sign-ups", args=[opportunity.pk])
    assert client.get(sign_ups).status_code == 403


def test_the_list_filters_and_exports_with_a_fixed_number_of_queries(
    client_for, officer, organisation, django_assert_num_queries
):
    client = client_for(officer)
    for count in (1, 3):
        for _ in range(count):
            SignUpFactory(opportunity=OpportunityFactory(organisation=organisation))
        # count, page of rows, the organisation filter's choices
        with django_assert_num_queries(SIGNED_IN + 3):
            assert client.get(OPPORTUNITIES).status_code == 200
    OpportunityFactory(title="Radio show", kind="media_work", description="Talk on air")
    page = client.get(OPPORTUNITIES, {"q": "air", "kind": "media_work"}).content.decode()
    assert "Radio show" in page and "Youth panel" not in page
    assert "No opportunities match" in client.get(OPPORTUNITIES, {"q": "zzz"}).content.decode()
    csv = b"".join(client.get(OPPORTUNITIES, {"format": "csv"}).streaming_content).decode()
    assert csv.count("Youth panel") == 4 and "Radio show" in csv and "Step-free access" in csv
    xlsx = client.get(OPPORTUNITIES, {"format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert book.active.max_row == 6


def test_a_worker_signs_up_a_young_person_and_turns_sign_ups_into_attendance(
    client_for, partner_worker, opportunity, young_person, organisation
):
    client = client_for(partner_worker)
    sign_ups = reverse("opportunities:opportunity-sign-ups", args=[opportunity.pk])
    add = reverse("opportunities:sign-up-create", args=[opportunity.pk])
    assert "Nobody has signed up yet" in client.get(sign_ups).content.decode()
    assert young_person.reference in client.get(add).content.decode()
    assert client.post(add, {"young_person": ""}).status_code == 200
    assert client.post(add, {"young_person": young_person.pk})["Location"] == sign_ups
    other = factories.YoungPersonFactory(organisation=organisation)
    SignUpFactory(opportunity=opportunity, young_person=other)
    listed = client.get(sign_ups).content.decode()
    assert young_person.reference in listed and "Record who came" in listed
    csv = b"".join(client.get(sign_ups, {"format": "csv"}).streaming_content).decode()
    assert young_person.reference in csv and "By a worker" in csv
    attendance = reverse("opportunities:opportunity-attendance", args=[opportunity.pk])
    assert young_person.reference in client.get(attendance).content.decode()
    sign_up = SignUp.objects.get(young_person=young_person)
    missing = client.post(attendance, {"sign_ups": [sign_up.pk]})
    assert "Enter the date of the new session" in missing.content.decode()
    future = client.post(
        attendance,
        {
            "sign_ups": [sign_up.pk],
            "date": "2026-12-30",
            "kind": "panel",
            "degree": "adult_initiated_shared",
            "participation_type": "public",
        },
    )
    assert "cannot be in the future" in future.content.decode()
    done = client.post(
        attendance,
        {
            "sign_ups": [sign_up.pk],
            "date": "2026-10-30",
            "kind": "panel",
            "degree": "adult_initiated_shared",
            "participation_type": "public",
        },
    )
    assert done["Location"] == sign_ups
    sign_up.refresh_from_db()
    assert sign_up.status == "attended"
    assert Attendance.objects.get(young_person=young_person).session == sign_up.session
    withdraw = reverse(
        "opportunities:sign-up-withdraw", args=[SignUp.objects.get(young_person=other).pk]
    )
    assert "Withdraw the sign-up" in client.get(withdraw).content.decode()
    assert client.post(withdraw)["Location"] == sign_ups
    again = client.post(withdraw)
    assert "Only a sign-up" in again.content.decode()


def test_sign_ups_are_added_to_an_existing_session(client_for, officer, opportunity, organisation):
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    sign_up = SignUpFactory(opportunity=opportunity)
    client = client_for(officer)
    attendance = reverse("opportunities:opportunity-attendance", args=[opportunity.pk])
    response = client.post(attendance, {"sign_ups": [sign_up.pk], "session": session.pk})
    assert response.status_code == 302
    assert session.attendances.filter(young_person=sign_up.young_person).exists()


def test_an_opportunitys_history_reads_its_changes(client_for, officer, opportunity):
    from heard.opportunities import services

    services.opportunity_update(actor=officer, opportunity=opportunity, title="Interview panel")
    url = reverse("core:history", args=["opportunities.opportunity", opportunity.pk])
    detail = reverse("opportunities:opportunity-detail", args=[opportunity.pk])
    assert url in client_for(officer).get(detail).content.decode()
    page = client_for(officer).get(url).content.decode()
    assert "Changed the opportunity" in page and "Interview panel" in page


def test_a_start_before_1900_is_refused_at_its_date(client_for, partner_worker, organisation):
    client = client_for(partner_worker)
    data = opportunity_form(organisation, starts_on_year="1802", closes_on_year="1802")
    response = client.post(reverse("opportunities:opportunity-create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["starts_on"] == ["Enter a date and time from 1 January 1900 onwards."]
    assert not Opportunity.objects.exists()
