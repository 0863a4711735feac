"""The page shell: GOV.UK's service navigation (a "Menu" button on phones, a plain list without
JavaScript), none on the two-factor steps, the back link inside <main>, and the sign-in page's
links to password help and to the young people's portal."""

import re

import pytest
from django.urls import reverse

from heard.core.roles import Role

pytestmark = pytest.mark.django_db

NAV = 'aria-label="Main menu"'


def _html(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_navigation_is_govuk_service_navigation_that_works_without_javascript(
    client_for, make_user
):
    html = _html(client_for(make_user(Role.PARTICIPATION_OFFICER)).get(reverse("home")))

    assert 'data-module="govuk-service-navigation"' in html
    # The Menu button stays hidden until GOV.UK Frontend's script shows it on a narrow screen:
    # without JavaScript the list is what shows.
    toggle = r"<button[^>]*govuk-service-navigation__toggle[^>]*>\s*Menu\s*</button>"
    button = re.search(toggle, html)
    assert button is not None
    assert " hidden" in button.group(0) and 'aria-controls="navigation"' in button.group(0)
    assert '<ul class="govuk-service-navigation__list" id="navigation">' in html
    assert re.search(r'aria-current="page"><strong[^>]*>Home</strong>', html)


def test_the_two_factor_step_has_no_navigation(unverified_login, make_user):
    client = unverified_login(make_user(Role.ADMINISTRATOR))

    html = _html(client.get(reverse("core:two-factor")))

    assert "Set up two-factor sign-in" in html
    assert NAV not in html


def test_the_two_factor_code_step_has_no_navigation(unverified_login, make_user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user(Role.ADMINISTRATOR)
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    client = unverified_login(user)

    for url in (reverse("core:two-factor"), reverse("core:two-factor-backup-code")):
        html = _html(client.get(url))
        assert NAV not in html, url


def test_the_two_factor_account_page_keeps_the_navigation(client_for, make_user):
    html = _html(client_for(make_user(Role.ADMINISTRATOR)).get(reverse("core:two-factor-account")))

    assert NAV in html


def test_the_back_link_is_inside_main(client_for, make_user):
    html = _html(client_for(make_user(Role.ADMINISTRATOR)).get(reverse("groups:group-create")))

    main = html[html.index("<main") : html.index("</main>")]
    assert 'class="govuk-back-link"' in main
    assert 'class="govuk-back-link"' not in html.replace(main, "")


def test_the_sign_in_page_links_to_password_help_and_the_portal(client):
    html = _html(client.get(reverse("core:sign-in")))

    assert f'href="{reverse("core:password-reset")}">reset your password</a>' in html
    assert f'href="{reverse("portal:sign-in")}"' in html
    assert NAV not in html
