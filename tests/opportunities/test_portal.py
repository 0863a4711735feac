"""The portal's "Get involved": a young person sees what suits them and is open, signs up (a
confirmation page, then a POST), sees "My sign-ups" and withdraws; nothing else is theirs."""

import datetime

from django.urls import reverse

from heard.opportunities.models import SignUp
from tests import factories
from tests.opportunities.factories import OpportunityFactory, SignUpFactory

LIST = reverse("opportunities:portal-list")
MINE = reverse("opportunities:portal-mine")


def test_a_young_person_signs_up_to_an_opportunity_in_the_portal(portal_client, organisation):
    young_person = factories.YoungPersonFactory(age_band="14_15", area="Ely")
    suits = OpportunityFactory(
        title="Focus group at short notice", age_bands=["14_15"], areas=["ely"], places=2
    )
    OpportunityFactory(title="For older people", age_bands=["18_25"])
    OpportunityFactory(title="Still a draft", status="draft")
    OpportunityFactory(title="Closed already", closes_on=datetime.date(2026, 10, 1))
    client = portal_client(young_person)
    listed = client.get(LIST).content.decode()
    assert "Focus group at short notice" in listed and "Get involved" in listed
    for hidden in ("For older people", "Still a draft", "Closed already"):
        assert hidden not in listed
    detail = reverse("opportunities:portal-detail", args=[suits.pk])
    page = client.get(detail).content.decode()
    assert "Step-free access" in page and "0 of 2 taken" in page
    sign_up = reverse("opportunities:portal-sign-up", args=[suits.pk])
    assert "Yes, sign me up" in client.get(sign_up).content.decode()
    assert not SignUp.objects.exists()
    response = client.post(sign_up)
    assert response["Location"] == MINE
    made = SignUp.objects.get()
    assert (made.young_person, made.how) == (young_person, "portal")
    mine = client.get(MINE).content.decode()
    assert "Focus group at short notice" in mine and "I can no longer come" in mine
    assert "You have signed up" in client.get(LIST).content.decode()
    assert client.get(sign_up)["Location"] == MINE
    withdraw = reverse("opportunities:portal-withdraw", args=[made.pk])
    assert "Yes, stop my sign-up" in client.get(withdraw).content.decode()
    assert client.post(withdraw)["Location"] == MINE
    made.refresh_from_db()
    assert made.status == "withdrawn"
    assert client.get(withdraw)["Location"] == MINE
    assert "You stopped" in client.get(MINE).content.decode()


def test_a_full_opportunity_says_why_and_others_are_not_found(portal_client):
    young_person = factories.YoungPersonFactory()
    full = OpportunityFactory(places=1)
    SignUpFactory(opportunity=full)
    client = portal_client(young_person)
    assert "Full" in client.get(LIST).content.decode()
    refused = client.post(reverse("opportunities:portal-sign-up", args=[full.pk]))
    assert "full: all 1 places are taken" in refused.content.decode()
    unsuited = OpportunityFactory(age_bands=["18_25"])
    assert client.get(reverse("opportunities:portal-detail", args=[unsuited.pk])).status_code == 404
    theirs = SignUpFactory(opportunity=OpportunityFactory())
    withdraw = reverse("opportunities:portal-withdraw", args=[theirs.pk])
    assert client.get(withdraw).status_code == 404


def test_a_young_person_still_sees_what_they_signed_up_for_once_closed(portal_client):
    young_person = factories.YoungPersonFactory()
    closed = OpportunityFactory(closes_on=datetime.date(2026, 10, 1), title="Over now")
    SignUpFactory(opportunity=closed, young_person=young_person, status="attended")
    client = portal_client(young_person)
    page = client.get(reverse("opportunities:portal-detail", args=[closed.pk])).content.decode()
    assert "You took part" in page
    assert "Nothing to sign up for" in client.get(LIST).content.decode()


def test_the_portal_pages_need_a_signed_in_young_person(client, opportunity):
    for url in (LIST, MINE, reverse("opportunities:portal-detail", args=[opportunity.pk])):
        assert client.get(url)["Location"] == reverse("portal:sign-in")
