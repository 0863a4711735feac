"""The people lists' searches and filters, their CSV files, and the model's own helpers."""

import pytest
from django.urls import reverse

from heard.core.roles import AgeBand, Role
from heard.people.models import Organisation, User
from tests.factories import OrganisationFactory, UserFactory, YoungPersonFactory

pytestmark = pytest.mark.django_db


def listed(response):
    return [str(row) for row in response.context["page_obj"].object_list]


def test_organisations_are_searched_by_name_area_or_contact(client_for, officer):
    OrganisationFactory(name="Fenland Youth Trust", area="Wisbech", is_active=False)
    OrganisationFactory(name="Ely Scouts", contact_name="Pat Fenwick")
    OrganisationFactory(name="March Library")
    client = client_for(officer)
    url = reverse("people:organisation-list")
    assert listed(client.get(url, {"search": " fen "})) == ["Ely Scouts", "Fenland Youth Trust"]
    assert listed(client.get(url, {"search": "wisbech"})) == ["Fenland Youth Trust"]
    assert listed(client.get(url, {"search": "fen", "active": "yes"})) == ["Ely Scouts"]
    assert listed(client.get(url, {"search": "fen", "active": "no"})) == ["Fenland Youth Trust"]
    assert len(listed(client.get(url, {"search": "  "}))) == Organisation.objects.count()


def test_staff_are_searched_by_name_or_email(client_for, admin_user):
    UserFactory(full_name="Pat Worker", email="pat@example.org")
    UserFactory(full_name="Sam Lead", email="sam@fenland.example.org", is_active=False)
    client = client_for(admin_user)
    url = reverse("people:staff-list")
    assert listed(client.get(url, {"search": "fenland"})) == ["Sam Lead"]
    assert listed(client.get(url, {"search": "pat"})) == ["Pat Worker"]
    assert listed(client.get(url, {"search": "", "active": "no"})) == ["Sam Lead"]
    assert len(listed(client.get(url, {"active": "anything"}))) == User.objects.count()


def test_young_people_are_searched_by_reference_or_any_name(client_for, officer, organisation):
    ada = YoungPersonFactory(first_name="Ada", last_name="Lovelace", organisation=organisation)
    bo = YoungPersonFactory(first_name="Bo", preferred_name="Bobby", organisation=organisation)
    client = client_for(officer)
    url = reverse("people:young-person-list")
    assert listed(client.get(url, {"search": ada.reference.lower()})) == [ada.reference]
    # Each matches one word from its start: then by name, Ada before Bo.
    assert listed(client.get(url, {"search": "love bobby"})) == [ada.reference, bo.reference]
    assert len(listed(client.get(url, {"search": " "}))) == 2


def test_the_organisations_csv_counts_young_people_for_roles_that_see_them_all(
    client_for, officer, partner_worker, organisation
):
    YoungPersonFactory(organisation=organisation, age_band=AgeBand.AGE_8_10)
    url = reverse("people:organisation-list")
    officer_csv = b"".join(client_for(officer).get(url, {"format": "csv"}).streaming_content)
    header = officer_csv.decode().splitlines()[0]
    assert header == (
        "Name,Kind,Area,Point of contact,Contact email,Contact phone,Active,Active young people"
    )
    partner_csv = b"".join(client_for(partner_worker).get(url, {"format": "csv"}).streaming_content)
    assert "Active young people" not in partner_csv.decode().splitlines()[0]


def test_the_staff_csv_names_each_column(client_for, admin_user):
    csv = b"".join(
        client_for(admin_user)
        .get(reverse("people:staff-list"), {"format": "csv"})
        .streaming_content
    )
    assert csv.decode().splitlines()[0] == "Name,Email,Job title,Role,Organisation,Active"


def test_staff_accounts_made_from_the_command_line(db):
    with pytest.raises(ValueError, match="email address"):
        User.objects.create_user("", "secret")
    admin = User.objects.create_superuser("Root@Example.ORG", "a long passphrase 42")
    assert admin.email == "root@example.org"
    assert admin.role == Role.ADMINISTRATOR and admin.is_staff and admin.is_superuser
    assert admin.check_password("a long passphrase 42")


def test_display_name_prefers_the_preferred_name(organisation):
    assert (
        YoungPersonFactory.build(first_name="Ada", last_name="", preferred_name="").display_name
        == "Ada"
    )
    assert YoungPersonFactory.build(preferred_name="Bobby").display_name == "Bobby"


def test_filters_made_without_a_request_offer_no_organisations(organisation):
    from heard.people.filters import StaffFilter

    field = StaffFilter(data={}, queryset=User.objects.all(), request=None).form.fields
    assert list(field["organisation"].queryset) == []
