"""The OpenAPI document and the API reference are made once per process and language
(``heard.api.served``), never across what they are made from: a language, a setting, a patch of
drf-spectacular's settings, or the reader."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.signals import setting_changed
from django.test import Client, override_settings
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import patched_settings

from heard.api import served
from heard.core.roles import Role
from tests import factories


@pytest.fixture(autouse=True)
def _nothing_kept():
    served.forget(setting="SPECTACULAR_SETTINGS")
    yield
    served.forget(setting="SPECTACULAR_SETTINGS")


@pytest.fixture
def generated(monkeypatch):
    """How many times drf-spectacular generated the document."""
    calls = []
    original = SchemaGenerator.get_schema

    def counted(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", counted)
    return calls


def test_the_document_is_generated_once_for_every_reader(api_for, make_user, generated):
    first = api_for(make_user(Role.BOARD_MEMBER)).get(reverse("openapi"))
    second = api_for(make_user(Role.PARTNER_WORKER, organisation=factories.OrganisationFactory()))
    again = second.get(reverse("openapi"))
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert len(generated) == 1


def test_each_language_has_its_own_document(api_for, make_user, generated):
    api = api_for(make_user(Role.BOARD_MEMBER))
    english = api.get(reverse("openapi")).json()
    welsh = api.get(reverse("openapi"), {"lang": "cy"}).json()
    assert api.get(reverse("openapi"), {"lang": "cy"}).json() == welsh
    assert api.get(reverse("openapi")).json() == english
    assert len(generated) == 2
    assert welsh != english


def test_a_patched_description_is_shown_and_never_kept(client_for, make_user, generated):
    client = client_for(make_user(Role.BOARD_MEMBER))
    before = client.get(reverse("api-docs")).content.decode()
    with patched_settings({"DESCRIPTION": "Zanzibar <i>for a moment</i>"}):
        patched = client.get(reverse("api-docs")).content.decode()
    after = client.get(reverse("api-docs")).content.decode()
    assert "Zanzibar &lt;i&gt;for a moment&lt;/i&gt;" in patched
    assert "Zanzibar" not in before and "Zanzibar" not in after
    assert after[after.index("<main") :] == before[before.index("<main") :]
    assert len(generated) == 2  # the first, and the patched one; the third was kept


def test_a_change_of_a_setting_it_is_made_from_makes_it_again(api_for, make_user, generated):
    api = api_for(make_user(Role.BOARD_MEMBER))
    document = api.get(reverse("openapi")).content
    with override_settings(REST_FRAMEWORK=settings.REST_FRAMEWORK):
        assert api.get(reverse("openapi")).content == document
        assert len(generated) == 2
    api.get(reverse("openapi"))
    assert len(generated) == 3


@pytest.mark.parametrize("name", sorted(served.MADE_FROM))
def test_each_setting_they_are_made_from_forgets_them(name):
    served.document(None, lambda: {"openapi": "3.0.3"})
    served.reference(None, lambda: "<h1>Kept</h1>")
    setting_changed.send(sender=None, setting=name, value=None, enter=True)
    assert served.document(None, lambda: {"made": "again"}) == {"made": "again"}
    assert served.reference(None, lambda: "again") == "again"


def test_another_setting_keeps_them(api_for, make_user, generated):
    api = api_for(make_user(Role.BOARD_MEMBER))
    api.get(reverse("openapi"))
    with override_settings(HEARD_IDLE_TIMEOUT=60, DEFAULT_FROM_EMAIL="heard@example.org"):
        api.get(reverse("openapi"))
    assert len(generated) == 1
    assert served.reference(None, lambda: "kept") == "kept"
    assert served.reference(None, lambda: "not made") == "kept"


def test_the_kept_reference_is_each_readers_own_page(client_for, make_user):
    """The content is kept; the page around it (the reader's name, the sign-out form's token)
    is each reader's own."""
    officer = make_user(Role.PARTICIPATION_OFFICER, full_name="Officer Ada")
    lead = make_user(Role.THEME_LEAD, full_name="Lead Bea")
    first = client_for(officer).get(reverse("api-docs")).content.decode()
    other = Client()
    other.force_login(lead)
    second = other.get(reverse("api-docs")).content.decode()
    assert "Officer Ada" in first and "Lead Bea" not in first
    assert "Lead Bea" in second and "Officer Ada" not in second
    body = first[first.index("<main") :]
    assert body.count("Officer Ada") == 0  # no reader's data in the kept content


def test_every_staff_role_is_given_the_same_document(api_for, make_user):
    """What makes keeping one document right: generated afresh for each reader, it is the same
    for every role (another organisation's partner worker included)."""
    documents = set()
    for role in Role:
        served.forget(setting="REST_FRAMEWORK")
        organisation = factories.OrganisationFactory() if role == Role.PARTNER_WORKER else None
        answer = api_for(make_user(role, organisation=organisation)).get(reverse("openapi"))
        assert answer.status_code == 200
        documents.add(answer.content)
    assert len(documents) == 1


def test_what_a_reader_puts_in_the_address_keeps_nothing_more(api_for, make_user, settings):
    """``?lang=`` and ``?version=`` are the reader's to write: an unknown language or version is
    answered, never kept, so no one can fill a server's memory a document at a time."""
    api = api_for(make_user(Role.BOARD_MEMBER))
    for number in range(3):
        assert api.get(reverse("openapi"), {"lang": f"x{number}"}).status_code == 200
        assert api.get(reverse("openapi"), {"version": f"v{number}"}).status_code == 200
    api.get(reverse("openapi"), {"lang": "cy"})
    api.get(reverse("openapi"))
    languages = {code for code, _ in settings.LANGUAGES}
    assert {language for language, _ in served._documents} <= languages
    assert {version for _, version in served._documents} == {None}
    assert len(served._documents) == 2
