"""The portal and the public pages in Welsh: chosen with the switch (a POST to Django's
set_language, no JavaScript) or asked for by the browser (Accept-Language), English by default,
<html lang> following the language; staff pages stay English whatever is chosen."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from heard.portal import services


def _lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', html)
    assert found, html[:200]
    return found.group(1)


def _switch(client: Client, language: str, next_url: str) -> None:
    answer = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert answer.status_code == 302
    assert answer.url == next_url
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


@pytest.fixture(autouse=True)
def _english_after():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.django_db
def test_english_by_default_with_a_switch_to_welsh():
    html = Client().get(reverse("portal:sign-in")).content.decode()
    assert _lang(html) == "en-GB"
    assert "Hello! Sign in" in html
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="cy" lang="cy"' in html and ">Cymraeg</button>" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_sign_in_page_in_welsh_through_the_switch(db):
    client = Client(enforce_csrf_checks=True)
    page = client.get(reverse("portal:sign-in"))
    token = page.cookies[settings.CSRF_COOKIE_NAME].value
    answer = client.post(
        reverse("set_language"),
        {"language": "cy", "next": reverse("portal:sign-in"), "csrfmiddlewaretoken": token},
    )
    assert answer.status_code == 302 and answer.url == reverse("portal:sign-in")
    answer = client.get(reverse("portal:sign-in"))
    html = answer.content.decode()
    assert _lang(html) == "cy"
    assert answer["Content-Language"] == "cy"
    assert "Helo! Mewngofnodi" in html
    assert "Dy god" in html  # the form's label
    assert "Neidio i’r prif gynnwys" in html  # the skip link
    assert 'name="language" value="en-gb" lang="en-GB"' in html and ">English</button>" in html
    assert "Hello! Sign in" not in html


def test_the_switch_refuses_a_post_without_its_csrf_token(db):
    answer = Client(enforce_csrf_checks=True).post(
        reverse("set_language"), {"language": "cy", "next": reverse("portal:sign-in")}
    )
    assert answer.status_code == 403


def test_a_wrong_code_is_refused_in_welsh(db):
    client = Client()
    _switch(client, "cy", reverse("portal:sign-in"))
    html = client.post(reverse("portal:sign-in"), {"code": "ABCD-2345"}).content.decode()
    assert "Wnaeth y cod yna ddim gweithio" in html
    assert "Gwall:" in html
    assert "Mae problem wedi codi" in html  # the error summary's title
    assert services.CODE_REFUSED not in html


def test_home_in_welsh_with_welsh_dates(world, portal_client):
    client = Client()
    _switch(client, "cy", reverse("portal:sign-in"))
    portal_client(world.amara, client)
    html = client.get(reverse("portal:home")).content.decode()
    assert _lang(html) == "cy"
    assert "Helo Ami" in html
    assert "Beth ddigwyddodd i’r hyn a ddywedais i" in html  # the menu and the heading
    assert "Oedd yr ateb hwn yn ddefnyddiol?" in html
    assert ">Defnyddiol</button>" in html
    assert "Fe ddywedaist ti ar" in html or "Fe ddywedodd dy grŵp" in html
    assert "Allgofnodi" in html
    assert "What happened to what I said" not in html
    sessions = client.get(reverse("portal:sessions")).content.decode()
    assert "Adegau y cymerais i ran" in sessions and "Dyddiad" in sessions


def test_signing_out_says_goodbye_in_welsh(world, portal_client):
    client = Client()
    _switch(client, "cy", reverse("portal:sign-in"))
    portal_client(world.amara, client)
    answer = client.post(reverse("portal:sign-out"), follow=True)
    assert "Rwyt ti wedi allgofnodi. Welwn ni di cyn bo hir!" in answer.content.decode()
    assert ">Llwyddiant</h2>" in answer.content.decode()  # the banner's title


def test_the_public_page_in_welsh_and_back_to_english(world):
    client = Client()
    _switch(client, "cy", reverse("portal:public"))
    html = client.get(reverse("portal:public")).content.decode()
    assert _lang(html) == "cy"
    assert "Fe ddywedoch chi, fe wnaethon ni" in html
    assert "Argraffu hwn fel poster (PDF)" in html
    assert "Fe wnaethon ni: " in html  # an outcome, in Welsh
    theme = client.get(reverse("portal:public-theme", args=[world.theme.pk])).content.decode()
    assert "Fe ddywedoch chi, fe wnaethon ni: Getting around - Heard" in theme
    _switch(client, "en-gb", reverse("portal:public"))
    html = client.get(reverse("portal:public")).content.decode()
    assert _lang(html) == "en-GB"
    assert "You said, we did" in html


def test_the_browsers_accept_language_is_honoured(db):
    answer = Client(headers={"accept-language": "cy"}).get(reverse("portal:public"))
    assert _lang(answer.content.decode()) == "cy"
    assert "Fe ddywedoch chi, fe wnaethon ni" in answer.content.decode()
    assert "Accept-Language" in answer["Vary"]
    answer = Client(headers={"accept-language": "fr"}).get(reverse("portal:public"))
    assert _lang(answer.content.decode()) == "en-GB"


def test_staff_pages_stay_english_whatever_is_chosen(client_for, officer, world):
    client = client_for(officer)
    _switch(client, "cy", reverse("portal:public"))
    for url in (
        reverse("home"),
        reverse("people:young-person-list"),
        reverse("portal:codes", args=[world.amara.pk]),
    ):
        answer = client.get(url, headers={"accept-language": "cy"})
        assert answer.status_code == 200, url
        html = answer.content.decode()
        assert _lang(html) == "en-GB", url
        assert "Skip to main content" in html, url
        assert "Neidio" not in html, url
        assert "Content-Language" not in answer, url
    signed_out = Client(headers={"accept-language": "cy"})
    html = signed_out.get(reverse("core:sign-in")).content.decode()
    assert _lang(html) == "en-GB" and "Skip to main content" in html
