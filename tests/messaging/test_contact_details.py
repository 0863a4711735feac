"""A young person's email address for messages: on the form, the record, subject access, and
cleared by anonymisation."""

from django.urls import reverse

from heard.people.models import YoungPerson
from heard.privacy import services as privacy_services
from heard.privacy.selectors.subject_access import subject_access_data
from tests.people.test_views import form_data


def test_added_and_changed_on_the_form_and_shown_on_the_record(client_for, officer, organisation):
    client = client_for(officer)
    answer = client.post(
        reverse("people:young-person-create"),
        form_data(organisation, contact_email="  ada@example.net "),
    )
    assert answer.status_code == 302
    person = YoungPerson.objects.get(first_name="Ada")
    assert person.contact_email == "ada@example.net"
    page = client.get(reverse("people:young-person-detail", args=[person.pk])).content.decode()
    assert "Email address for messages" in page and "ada@example.net" in page
    bad = client.post(
        reverse("people:young-person-edit", args=[person.pk]),
        form_data(organisation, contact_email="not an address"),
    )
    assert bad.status_code == 200 and "contact_email" in bad.context["form"].errors
    client.post(
        reverse("people:young-person-edit", args=[person.pk]),
        form_data(organisation, contact_email=""),
    )
    person.refresh_from_db()
    assert person.contact_email == ""


def test_in_subject_access_and_cleared_by_anonymisation(young_person, officer):
    assert subject_access_data(young_person)["young_person"]["contact_email"] == "sam@example.net"
    privacy_services.young_person_anonymise(actor=officer, young_person=young_person)
    young_person.refresh_from_db()
    assert young_person.contact_email == ""


def test_through_the_api_and_hidden_from_roles_without_names(
    api_for, officer, theme_lead, organisation, monkeypatch
):
    from heard.core.roles import PROGRAMME_ROLES
    from heard.people.policies import YoungPersonPolicy

    created = api_for(officer).post(
        "/api/v1/young-people/",
        {
            "first_name": "Ada",
            "age_band": "11_13",
            "organisation": organisation.pk,
            "contact_email": "ada@example.net",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert YoungPerson.objects.get(pk=pk).contact_email == "ada@example.net"
    assert api_for(officer).get(f"/api/v1/young-people/{pk}/").json()["contact_email"] == (
        "ada@example.net"
    )
    monkeypatch.setitem(YoungPersonPolicy.everywhere, "view_name", PROGRAMME_ROLES)
    shown = api_for(theme_lead).get(f"/api/v1/young-people/{pk}/")
    assert shown.status_code == 200 and shown.json()["contact_email"] is None
