"""The staff page that gives and takes back a young person's portal sign-in codes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from heard.core.roles import Role
from heard.portal import services
from heard.portal.models import SignInCode
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def young_person(organisation):
    return factories.YoungPersonFactory(organisation=organisation)


def _codes_url(young_person):
    return reverse("portal:codes", args=[young_person.pk])


def test_issuing_shows_the_code_once_with_its_link(client_for, officer, young_person):
    client = client_for(officer)
    assert client.get(_codes_url(young_person)).status_code == 200
    answer = client.post(_codes_url(young_person), {"valid_days": "7"})
    assert answer.status_code == 200
    page = answer.content.decode()
    plain = re.search(r'id="new-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', page).group(1)
    code = SignInCode.objects.get()
    assert code.code_hash == services.hash_code(plain)
    assert f"/portal/sign-in/?code={plain}" in page
    assert "no-store" in answer["Cache-Control"]
    again = client.get(_codes_url(young_person)).content.decode()
    assert plain not in again
    assert "Not used yet" in again
    assert "This code works once" in page and "Each code works once" in again
    assert reverse("portal:code-revoke", args=[young_person.pk, code.pk]) in again


def test_bad_days_show_an_error_and_issue_nothing(client_for, officer, young_person):
    answer = client_for(officer).post(_codes_url(young_person), {"valid_days": "365"})
    assert answer.status_code == 200
    assert "There is a problem" in answer.content.decode()
    assert not SignInCode.objects.exists()


def test_revoking_needs_a_confirmation(client_for, officer, young_person):
    code, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    client = client_for(officer)
    url = reverse("portal:code-revoke", args=[young_person.pk, code.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Yes, revoke this code" in confirm.content.decode()
    code.refresh_from_db()
    assert code.revoked_at is None
    answer = client.post(url, follow=True)
    assert "The code is revoked" in answer.content.decode()
    code.refresh_from_db()
    assert code.revoked_at is not None
    assert "No current codes." in answer.content.decode()


def test_revoking_a_code_of_another_young_person_through_this_page_is_not_found(
    client_for, officer, young_person, organisation
):
    other = factories.YoungPersonFactory(organisation=organisation)
    code, _ = services.sign_in_code_issue(actor=officer, young_person=other)
    url = reverse("portal:code-revoke", args=[young_person.pk, code.pk])
    assert client_for(officer).post(url).status_code == 404
    code.refresh_from_db()
    assert code.revoked_at is None


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200),
        (Role.PARTICIPATION_LEAD, 200),
        (Role.PARTICIPATION_OFFICER, 200),
        (Role.THEME_LEAD, 403),
        (Role.SAFEGUARDING_LEAD, 403),
        (Role.BOARD_MEMBER, 404),  # never sees young people at all
    ],
)
def test_role_matrix(client_for, role, status, young_person, officer):
    user = factories.UserFactory(role=role)
    code, _ = services.sign_in_code_issue(actor=officer, young_person=young_person)
    client = client_for(user)
    assert client.get(_codes_url(young_person)).status_code == status
    assert client.post(_codes_url(young_person), {"valid_days": "7"}).status_code == status
    revoke = reverse("portal:code-revoke", args=[young_person.pk, code.pk])
    assert client.post(revoke).status_code == (302 if status == 200 else status)
    assert SignInCode.objects.count() == (2 if status == 200 else 1)


def test_partner_worker_own_organisation_only(
    client_for, partner_worker, young_person, other_organisation, officer
):
    client = client_for(partner_worker)
    assert client.post(_codes_url(young_person), {"valid_days": "7"}).status_code == 200
    stranger = factories.YoungPersonFactory(organisation=other_organisation)
    code, _ = services.sign_in_code_issue(actor=officer, young_person=stranger)
    assert client.get(_codes_url(stranger)).status_code == 404
    assert client.post(_codes_url(stranger), {"valid_days": "7"}).status_code == 404
    revoke = reverse("portal:code-revoke", args=[stranger.pk, code.pk])
    assert client.post(revoke).status_code == 404
    assert SignInCode.objects.filter(young_person=stranger).count() == 1


def test_signed_out_staff_are_sent_to_sign_in(client, young_person):
    answer = client.get(_codes_url(young_person))
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("core:sign-in"))


def test_young_person_page_links_to_codes_for_those_who_may_give_them(
    client_for, officer, theme_lead, young_person
):
    detail = reverse("people:young-person-detail", args=[young_person.pk])
    assert _codes_url(young_person) in client_for(officer).get(detail).content.decode()
    assert _codes_url(young_person) not in client_for(theme_lead).get(detail).content.decode()


def test_a_spent_code_shows_as_spent_and_staff_can_give_a_new_one(
    client_for, officer, young_person
):
    _code, plain = services.sign_in_code_issue(actor=officer, young_person=young_person)
    services.sign_in_code_use(code=plain)
    client = client_for(officer)
    page = client.get(_codes_url(young_person)).content.decode()
    assert "Spent: signed in" in page
    answer = client.post(_codes_url(young_person), {"valid_days": "1"})
    new = re.search(r'id="new-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', answer.content.decode()).group(1)
    assert services.sign_in_code_use(code=new).young_person == young_person
