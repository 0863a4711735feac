"""Children's Code standards that no other test proves (docs/privacy/childrens-code.md cites these):
the portal and the public pages ask a child for nothing but a code, a rating and an optional
comment (data minimisation), load nothing from another site (no tracker, no profiling, no
sharing), and nothing in Heard asks a device for its location (geolocation)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
#: Every field a page of the portal may ask a young person to fill in (the CSRF token and the
#: hidden view id are the page's own, not the child's).
PORTAL_FIELDS = {"csrfmiddlewaretoken", "code", "view", "value", "comment"}
URL_ATTRIBUTES = {"src", "href", "action", "srcset", "data", "poster", "formaction"}
#: The language switch's fields (Welsh and English, issue 20): the language chosen and the page to
#: come back to, the page's own, nothing about the child.
LANGUAGE_SWITCH_FIELDS = {"language", "next"}
PORTAL_FIELDS |= LANGUAGE_SWITCH_FIELDS


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"input", "textarea", "select", "button"} and values.get("name"):
            self.fields.add(str(values["name"]))
        self.urls.extend(str(value) for name, value in attrs if name in URL_ATTRIBUTES and value)


def _read(client: Client, url: str) -> tuple[_Page, object]:
    answer = client.get(url)
    assert answer.status_code == 200, url
    page = _Page()
    page.feed(answer.content.decode())
    return page, answer


def _pages(world) -> list[str]:
    return [
        reverse("portal:sign-in"),
        reverse("portal:home"),
        reverse("portal:sessions"),
        reverse("portal:public"),
        reverse("portal:public-theme", args=[world.theme.pk]),
    ]


def test_a_child_is_asked_only_for_a_code_a_rating_and_an_optional_comment(world, portal_client):
    signed_out = Client()
    page, _ = _read(signed_out, reverse("portal:sign-in"))
    assert page.fields - LANGUAGE_SWITCH_FIELDS == {"csrfmiddlewaretoken", "code"}
    client = portal_client(world.amara)
    asked: set[str] = set()
    for url in _pages(world)[1:]:
        page, _ = _read(client, url)
        asked |= page.fields
    assert "comment" in asked and "value" in asked  # the home page shows a told answer to rate
    assert asked <= PORTAL_FIELDS


def test_portal_and_public_pages_load_nothing_from_other_sites(world, portal_client):
    """No analytics, tracker, font or image from elsewhere: the policy allows the site itself only,
    and no page links a resource, a form or a script to another host."""
    signed_in = portal_client(world.amara)
    for url in _pages(world):
        # The sign-in page sends a signed-in child home: read it signed out.
        page, answer = _read(Client() if url == reverse("portal:sign-in") else signed_in, url)
        directives = {
            part.split()[0]: part.split()[1:]
            for part in answer["Content-Security-Policy"].split(";")  # type: ignore[index]
            if part.strip()
        }
        for name in ("default-src", "script-src", "connect-src", "img-src", "font-src"):
            assert set(directives[name]) <= {"'self'", "data:"}, (url, name)
        assert directives["form-action"] == ["'self'"], url
        other_hosts = [
            link
            for link in page.urls
            if re.match(r"^(https?:)?//", link) and "testserver" not in link
        ]
        assert other_hosts == [], url


def test_nothing_asks_a_device_for_its_location():
    """Geolocation is off because nothing in Heard asks for it: no script or template calls the
    browser's location interface, and no form has a location field."""
    sources = [
        *ROOT.joinpath("frontend").glob("*.js"),
        *ROOT.joinpath("frontend").glob("*.mjs"),
        *ROOT.joinpath("src", "heard").rglob("*.html"),
        *ROOT.joinpath("src", "heard").rglob("*.js"),
    ]
    assert any(path.name == "heard.js" for path in sources)
    asking = [
        str(path.relative_to(ROOT))
        for path in sources
        if re.search(
            r"geolocation|getCurrentPosition|watchPosition",
            path.read_text(encoding="utf-8", errors="replace"),
            re.IGNORECASE,
        )
    ]
    assert asking == []
