"""The people API shows young people's names only to roles allowed to see them
(``people.view_youngperson_name``), the rule the pages follow (issue 17)."""

import pytest
from django.urls import reverse

from heard.core.roles import PROGRAMME_ROLES
from heard.people.policies import YoungPersonPolicy
from tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db

YOUNG_PEOPLE = "/api/v1/young-people/"
NAMES = ("first_name", "last_name", "preferred_name", "display_name")


@pytest.fixture
def names_for_programme_staff_only(monkeypatch):
    """A role matrix where a theme lead reads young people's records but not their names."""
    monkeypatch.setitem(YoungPersonPolicy.everywhere, "view_name", PROGRAMME_ROLES)


@pytest.fixture
def zoe(organisation):
    return YoungPersonFactory(
        first_name="Zoë", last_name="Brontë", preferred_name="Zo", organisation=organisation
    )


def test_a_role_without_names_gets_none_in_the_list_or_the_record(
    names_for_programme_staff_only, api_for, theme_lead, zoe
):
    api = api_for(theme_lead)
    listed = api.get(YOUNG_PEOPLE)
    record = api.get(f"{YOUNG_PEOPLE}{zoe.pk}/")
    for response in (listed, record):
        assert response.status_code == 200
        text = response.content.decode()
        for name in ("Zo", "Bront"):
            assert name not in text, name
    [row] = listed.json()["results"]
    assert row["reference"] == zoe.reference
    assert {name: row[name] for name in NAMES} == dict.fromkeys(NAMES)
    assert {name: record.json()[name] for name in NAMES} == dict.fromkeys(NAMES)


def test_a_role_without_names_cannot_search_by_name(
    names_for_programme_staff_only, api_for, theme_lead, zoe
):
    api = api_for(theme_lead)
    assert api.get(YOUNG_PEOPLE, {"search": "zoe"}).json()["count"] == 0
    found = api.get(YOUNG_PEOPLE, {"search": zoe.reference.lower()}).json()
    assert [row["reference"] for row in found["results"]] == [zoe.reference]


def test_a_role_with_names_gets_them_and_finds_them_without_accents(
    names_for_programme_staff_only, api_for, officer, zoe
):
    found = api_for(officer).get(YOUNG_PEOPLE, {"search": "zoe bronte"}).json()
    [row] = found["results"]
    assert (row["first_name"], row["last_name"], row["preferred_name"]) == ("Zoë", "Brontë", "Zo")
    assert row["display_name"] == "Zo"


def test_the_document_says_names_may_be_null(api_for, admin_user):
    schema = api_for(admin_user).get(reverse("openapi")).json()
    properties = schema["components"]["schemas"]["YoungPerson"]["properties"]
    for name in NAMES:
        assert properties[name].get("nullable") is True, name
