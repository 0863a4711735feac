"""Single sign-on's pages and service without a provider: the administrator's settings (the
trust in the provider's multi-factor check, audited), the refusal page's words, the button."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from heard.core import sso, sso_services
from heard.core.models import AuditEntry, Partnership
from heard.core.roles import Role
from heard.core.templatetags.heard_sso import sso_provider, sso_settings_allowed
from tests.sso.conftest import apply_sso_settings

pytestmark = pytest.mark.django_db
ENV = {
    "OIDC_RP_CLIENT_ID": "heard",
    "OIDC_RP_CLIENT_SECRET": "s3cret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.example/keys",
    "OIDC_PROVIDER_NAME": "Contoso Council",
}


@pytest.fixture
def sso_settings(settings):
    apply_sso_settings(settings, ENV)
    return settings


def test_without_sso_there_are_no_sso_pages(client):
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")
    assert client.get("/oidc/refused/").status_code == 404
    assert b"Sign in with" not in client.get(reverse("core:sign-in")).content


def test_the_service_changes_and_audits_the_trust(admin_user):
    partnership = sso_services.sso_settings_change(actor=admin_user, trust_provider_mfa=True)
    assert partnership.trust_provider_mfa is True
    assert Partnership.current().trust_provider_mfa is True
    entry = AuditEntry.objects.get()
    assert entry.event == "partnership.sso_settings_changed"
    assert entry.changes == {"trust_provider_mfa": [False, True]}
    assert entry.actor == admin_user


def test_saving_the_same_value_writes_nothing(admin_user):
    sso_services.sso_settings_change(actor=admin_user, trust_provider_mfa=False)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_only_the_administrator_may_change_it(make_user, role):
    with pytest.raises(PermissionDenied):
        sso_services.sso_settings_change(actor=make_user(role), trust_provider_mfa=True)
    assert Partnership.current().trust_provider_mfa is False


def test_the_settings_page(client, sso_settings, admin_user):
    client.force_login(admin_user)
    Partnership.objects.update_or_create(pk=1, defaults={"trust_provider_mfa": True})
    account = client.get(reverse("core:two-factor-account"))
    assert b'href="/oidc/settings/"' in account.content
    page = client.get(reverse("sso-settings"))
    assert page.status_code == 200
    assert b"Contoso Council" in page.content
    assert b"checked" in page.content
    # An unticked box posts nothing: that is "do not trust".
    response = client.post(reverse("sso-settings"), {})
    assert response["Location"] == reverse("sso-settings")
    assert Partnership.current().trust_provider_mfa is False
    assert b"checked" not in client.get(reverse("sso-settings")).content
    client.post(reverse("sso-settings"), {"trust_provider_mfa": "on"})
    assert Partnership.current().trust_provider_mfa is True
    assert AuditEntry.objects.filter(event="partnership.sso_settings_changed").count() == 2


def test_the_settings_page_is_the_administrators(client, sso_settings, make_user):
    board = make_user(Role.BOARD_MEMBER)
    client.force_login(board)
    assert client.get(reverse("sso-settings")).status_code == 403
    assert client.post(reverse("sso-settings"), {"trust_provider_mfa": "on"}).status_code == 403
    assert b"/oidc/settings/" not in client.get(reverse("core:two-factor-account")).content
    assert Partnership.current().trust_provider_mfa is False


@pytest.mark.parametrize(
    ("reason", "email", "words"),
    [
        (
            sso.Reason.UNKNOWN,
            "a@council.test",
            "Your council account (a@council.test) is not set up",
        ),
        (sso.Reason.UNVERIFIED, "a@council.test", "(a@council.test) does not have a verified"),
        (sso.Reason.NO_EMAIL, "", "Contoso Council did not give Heard your email address"),
        (sso.Reason.CANCELLED, "", "You did not finish signing in with Contoso Council."),
        (sso.Reason.TOKEN, "", "Heard could not check your sign-in with Contoso Council."),
        (sso.Reason.PROVIDER, "", "Heard could not check your sign-in with Contoso Council."),
        ("", "", "Heard could not check your sign-in with Contoso Council."),
    ],
)
def test_the_refusal_page_says_why(client, sso_settings, reason, email, words):
    session = client.session
    session[sso.REFUSAL_SESSION_KEY] = {"reason": reason, "email": email}
    session.save()
    page = client.get(reverse("sso-refused"))
    assert page.status_code == 403
    assert words in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]


def test_the_button_tag(settings, sso_settings, admin_user, make_user):
    assert sso_provider() == "Contoso Council"
    assert sso_settings_allowed(admin_user) is True
    assert sso_settings_allowed(make_user(Role.PARTICIPATION_LEAD)) is False
    settings.HEARD_SSO_ENABLED = False
    assert sso_provider() == ""
    assert sso_settings_allowed(admin_user) is False


@pytest.mark.parametrize(
    ("amr", "multi"),
    [
        (["pwd", "mfa"], True),
        (["PWD", "OTP"], True),
        ("hwk", True),
        (["pwd"], False),
        ([], False),
        (None, False),
        ({"mfa": 1}, False),
    ],
)
def test_which_amr_counts_as_multi_factor(sso_settings, amr, multi):
    assert sso.is_multi_factor(amr) is multi


def test_no_session_means_no_provider_mfa_and_no_provider_sign_out(sso_settings):
    request = RequestFactory().get("/")
    assert sso.provider_mfa_trusted(request) is False
    assert sso.provider_sign_out_url(request) is None
    assert sso.sign_out_url(request) == reverse("core:sign-in")


def test_the_end_session_address_keeps_the_providers_own_query(rf, sso_settings):
    sso_settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.example/logout?tenant=contoso"
    request = rf.get("/")
    request.session = {sso.SSO_SESSION_KEY: True, "oidc_id_token": "the.id.token"}
    url = sso.sign_out_url(request)
    assert url.startswith("https://login.example/logout?tenant=contoso&client_id=heard&")
    assert "id_token_hint=the.id.token" in url


def test_the_backend_leaves_password_sign_ins_alone(rf, sso_settings, make_user):
    backend = sso.HeardOIDCBackend()
    request = rf.post("/sign-in/?code=x&state=y")
    assert backend.authenticate(request, username="a@b.c", password="x") is None
    assert backend.authenticate(None, nonce="n") is None
    assert not hasattr(request, "heard_sso")


def test_the_backend_forgets_a_deactivated_member_of_staff(sso_settings, make_user):
    backend = sso.HeardOIDCBackend()
    member = make_user(Role.BOARD_MEMBER)
    assert backend.get_user(member.pk) == member
    member.is_active = False
    member.save()
    assert backend.get_user(member.pk) is None
    assert backend.get_user(10**9) is None


@pytest.mark.parametrize(
    ("claims", "verified"),
    [
        ({"email_verified": True}, True),
        ({"email_verified": "true"}, True),  # some providers send it as a string
        ({"email_verified": " TRUE "}, True),
        ({"email_verified": "false"}, False),
        ({"email_verified": 1}, False),
        ({}, False),
    ],
)
def test_what_counts_as_a_verified_email(sso_settings, claims, verified):
    assert sso._verified(claims) is verified


def test_another_verified_claim_can_be_named(sso_settings):
    sso_settings.HEARD_SSO_EMAIL_VERIFIED_CLAIM = "xms_edov"
    assert sso._verified({"xms_edov": True, "email_verified": False}) is True


def test_the_end_session_address_without_an_id_token(rf, sso_settings):
    sso_settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.example/logout"
    request = rf.get("/")
    request.session = {sso.SSO_SESSION_KEY: True}
    assert "id_token_hint" not in sso.sign_out_url(request)
    assert sso.sign_out_url(request).startswith("https://login.example/logout?client_id=heard&")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("oidc_authentication_init", "/oidc/authenticate/"),
        ("oidc_authentication_callback", "/oidc/callback/"),
        ("oidc_logout", "/oidc/logout/"),
        ("sso-refused", "/oidc/refused/"),
        ("sso-settings", "/oidc/settings/"),
    ],
)
def test_the_sso_routes_are_pinned_when_it_is_on(sso_settings, name, path):
    """Only routed with single sign-on on (heard.config.urls), so pinned here, not in
    tests/core/test_routes_pinned.py, which pins the default run."""
    assert reverse(name) == path


def test_the_callback_is_heards(sso_settings):
    from django.urls import resolve

    from heard.core.sso_views import HeardOIDCCallbackView

    assert resolve("/oidc/callback/").func.view_class is HeardOIDCCallbackView
