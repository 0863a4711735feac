"""Single sign-on against a real OpenID Connect provider on loopback (tests/sso/conftest.py):
sign-in, refusals, sign-out, tampered tokens and the provider's multi-factor rule."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from heard.core import sso
from heard.core.models import Partnership, SignInEvent
from heard.core.roles import Role
from heard.people.models import User
from tests.sso.conftest import sign_in_at_provider

pytestmark = [pytest.mark.sso, pytest.mark.django_db]
Event = SignInEvent.Event


@pytest.fixture
def known(make_user):
    """The provider's "known" person, as an administrator created them in Heard (lower case)."""
    return make_user(Role.BOARD_MEMBER, email="known.person@council.test")


def signed_in_as(client):
    return client.session.get(SESSION_KEY)


def test_a_known_member_of_staff_signs_in_and_keeps_their_role(client, sso_on, known):
    response = sign_in_at_provider(client, sso_on, "known")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_as(client) == str(known.pk)
    known.refresh_from_db()
    assert known.role == Role.BOARD_MEMBER
    assert client.get(reverse("home")).status_code == 200
    event = SignInEvent.objects.get(event=Event.SIGNED_IN)
    assert (event.user, event.detail) == (known, "single sign-on")
    assert event.email == "known.person@council.test"


def test_the_sign_in_page_offers_the_provider_only_when_it_is_on(client, settings, sso_on):
    page = client.get(reverse("core:sign-in") + "?next=/groups/")
    assert b"Sign in with Test Council" in page.content
    assert b"/oidc/authenticate/?next=/groups/" in page.content
    settings.HEARD_SSO_ENABLED = False
    assert b"Sign in with" not in client.get(reverse("core:sign-in")).content


def test_next_is_followed_after_signing_in(client, sso_on, known):
    response = sign_in_at_provider(client, sso_on, "known", next_url="/groups/")
    assert response["Location"] == "/groups/"


def test_an_unknown_person_is_refused_and_no_account_is_made(client, sso_on, known):
    before = User.objects.count()
    response = sign_in_at_provider(client, sso_on, "stranger")
    assert response["Location"] == reverse("sso-refused")
    assert signed_in_as(client) is None
    assert User.objects.count() == before
    page = client.get(reverse("sso-refused"))
    assert page.status_code == 403
    assert (
        "Your council account (stranger@council.test) is not set up in Heard. "
        "Ask your Heard administrator to add you."
    ) in page.content.decode()
    event = SignInEvent.objects.get()
    assert (event.event, event.email, event.user) == (
        Event.SSO_REFUSED,
        "stranger@council.test",
        None,
    )
    assert event.detail == "single sign-on: not set up in Heard"
    # Shown once: the page does not keep the address.
    assert "stranger@" not in client.get(reverse("sso-refused")).content.decode()


def test_an_unverified_email_is_refused_even_for_a_member_of_staff(client, sso_on, make_user):
    make_user(Role.BOARD_MEMBER, email="unverified@council.test")
    response = sign_in_at_provider(client, sso_on, "unverified")
    assert response["Location"] == reverse("sso-refused")
    assert signed_in_as(client) is None
    assert (
        "does not have a verified email address"
        in client.get(response["Location"]).content.decode()
    )
    assert SignInEvent.objects.get().detail == "single sign-on: email address not verified"


def test_a_deactivated_member_of_staff_is_refused(client, sso_on, make_user):
    make_user(Role.BOARD_MEMBER, email="gone@council.test", is_active=False)
    response = sign_in_at_provider(client, sso_on, "gone")
    assert response["Location"] == reverse("sso-refused")
    assert signed_in_as(client) is None


@pytest.mark.parametrize("misbehave", ["claim", "key"])
def test_a_tampered_id_token_is_refused(client, sso_on, known, make_user, misbehave):
    make_user(Role.BOARD_MEMBER, email="someone.else@council.test")
    sso_on.say(misbehave=misbehave)
    response = sign_in_at_provider(client, sso_on, "known")
    assert response["Location"] == reverse("sso-refused")
    assert signed_in_as(client) is None
    assert "could not check your sign-in" in client.get(response["Location"]).content.decode()
    event = SignInEvent.objects.get()
    assert (event.event, event.detail) == (Event.SSO_REFUSED, "single sign-on: token refused")


def test_sign_out_ends_the_heard_session(client, sso_on, known):
    sign_in_at_provider(client, sso_on, "known")
    response = client.post(reverse("core:sign-out"))
    assert response["Location"] == reverse("core:sign-in")
    assert signed_in_as(client) is None
    assert SignInEvent.objects.filter(event=Event.SIGNED_OUT, user=known).count() == 1


def test_sign_out_goes_on_to_the_provider_when_it_has_an_end_session_endpoint(
    client, settings, sso_on, known
):
    settings.OIDC_OP_LOGOUT_ENDPOINT = sso_on.endpoint("logout/")
    settings.OIDC_STORE_ID_TOKEN = True
    sign_in_at_provider(client, sso_on, "known")
    response = client.post(reverse("core:sign-out"))
    assert signed_in_as(client) is None
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == sso_on.endpoint("logout/")
    query = parse_qs(location.query)
    assert query["client_id"] == ["heard-test-client"]
    assert query["post_logout_redirect_uri"] == ["http://testserver/sign-in/"]
    # The provider itself accepts it: its session ends and it sends the browser back to Heard.
    import requests

    answer = requests.get(response["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    assert answer.headers["Location"] == "http://testserver/sign-in/"


def test_a_password_sign_in_does_not_go_to_the_provider_on_sign_out(
    client, settings, sso_on, known
):
    settings.OIDC_OP_LOGOUT_ENDPOINT = sso_on.endpoint("logout/")
    client.force_login(known)
    assert client.post(reverse("core:sign-out"))["Location"] == reverse("core:sign-in")


# The provider's multi-factor check (amr) and Heard's two-factor step ---------------------------


@pytest.fixture
def officer(make_user):
    """A role that must use two-factor sign-in."""
    return make_user(Role.PARTICIPATION_OFFICER, email="known.person@council.test")


def test_mfa_at_the_provider_counts_when_the_partnership_trusts_it(client, sso_on, officer):
    Partnership.objects.update_or_create(pk=1, defaults={"trust_provider_mfa": True})
    sso_on.say(known={"amr": ["pwd", "mfa"]})
    response = sign_in_at_provider(client, sso_on, "known")
    assert response["Location"] == reverse("home")
    assert client.session[sso.PROVIDER_MFA_SESSION_KEY] is True
    assert client.get(reverse("home")).status_code == 200


def test_mfa_at_the_provider_does_not_count_unless_trusted(client, sso_on, officer):
    sso_on.say(known={"amr": ["pwd", "mfa"]})
    response = sign_in_at_provider(client, sso_on, "known")
    assert response["Location"].startswith(reverse("core:two-factor"))
    assert client.get(reverse("home"))["Location"].startswith(reverse("core:two-factor"))


def test_a_password_only_sign_in_at_the_provider_still_needs_heards_code(client, sso_on, officer):
    Partnership.objects.update_or_create(pk=1, defaults={"trust_provider_mfa": True})
    response = sign_in_at_provider(client, sso_on, "known")  # amr: ["pwd"]
    assert response["Location"].startswith(reverse("core:two-factor"))
    assert sso.PROVIDER_MFA_SESSION_KEY not in client.session
    assert client.get(reverse("home"))["Location"].startswith(reverse("core:two-factor"))


def test_turning_the_trust_off_asks_for_heards_code_again(client, sso_on, officer):
    Partnership.objects.update_or_create(pk=1, defaults={"trust_provider_mfa": True})
    sso_on.say(known={"amr": ["mfa"]})
    sign_in_at_provider(client, sso_on, "known")
    assert client.get(reverse("home")).status_code == 200
    Partnership.objects.filter(pk=1).update(trust_provider_mfa=False)
    assert client.get(reverse("home"))["Location"].startswith(reverse("core:two-factor"))


# More refusals, and password sign-in beside single sign-on ----------------------------------------


def test_no_email_from_the_provider_is_refused(client, sso_on, known):
    sso_on.say(known={"email": ""})
    response = sign_in_at_provider(client, sso_on, "known")
    assert response["Location"] == reverse("sso-refused")
    assert signed_in_as(client) is None
    assert (
        "did not give Heard your email address" in client.get(response["Location"]).content.decode()
    )
    assert SignInEvent.objects.get().detail == "single sign-on: no email address"


def test_a_provider_that_cannot_be_reached_is_a_refusal_not_an_error(
    client, settings, sso_on, known
):
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/o/token/"  # nothing listens there
    settings.OIDC_TIMEOUT = 2
    response = sign_in_at_provider(client, sso_on, "known")
    assert response["Location"] == reverse("sso-refused")
    assert signed_in_as(client) is None
    assert SignInEvent.objects.get().detail == "single sign-on: provider error"


def test_cancelling_at_the_provider_is_recorded(client, sso_on):
    client.get(reverse("oidc_authentication_init"))
    state = next(iter(client.session["oidc_states"]))
    response = client.get(
        reverse("oidc_authentication_callback"), {"error": "access_denied", "state": state}
    )
    assert response["Location"] == reverse("sso-refused")
    assert "You did not finish signing in" in client.get(response["Location"]).content.decode()
    event = SignInEvent.objects.get()
    assert (event.event, event.detail) == (
        Event.SSO_REFUSED,
        "single sign-on: cancelled at the provider",
    )


def test_the_providers_answer_cannot_be_replayed(client, sso_on, known):
    """Heard forgets each state when it is used: the same answer again is refused."""
    response = sign_in_at_provider(client, sso_on, "known")
    callback = f"{response.request['PATH_INFO']}?{response.request['QUERY_STRING']}"
    assert client.get(callback).status_code == 400  # this browser: an unknown state
    other = type(client)()
    assert other.get(callback)["Location"] == reverse("sso-refused")  # another: no state at all
    assert other.session.get(SESSION_KEY) is None


def test_password_sign_in_still_works_beside_it(client, sso_on, make_user):
    member = make_user(Role.BOARD_MEMBER, email="board@council.test")
    response = client.post(
        reverse("core:sign-in"),
        {"username": "board@council.test", "password": "correct horse battery"},
    )
    assert response.status_code == 302
    assert signed_in_as(client) == str(member.pk)
    assert SignInEvent.objects.get(event=Event.SIGNED_IN).detail == ""


def test_a_locked_address_is_refused_before_the_provider_is_asked(client, sso_on, known):
    SignInEvent.objects.create(event=Event.ADDRESS_LOCKED, address="127.0.0.1")
    response = sign_in_at_provider(client, sso_on, "known")
    assert response.status_code == 429
    assert signed_in_as(client) is None
    assert SignInEvent.objects.filter(event=Event.REFUSED).count() == 1
    assert not SignInEvent.objects.filter(event=Event.SSO_REFUSED).exists()
