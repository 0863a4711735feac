"""Every control of every form is a GOV.UK component (issue 17): each page of Heard (every URL
pattern outside the API and Django's admin, the crawl of ``test_form_markup``) is opened as each
role, and each form again after an empty POST; every ``<input>``, ``<select>`` and
``<textarea>`` carries its GOV.UK class, so none is a bare browser control 19-21 px tall (the
GOV.UK classes give 40 px, over WCAG 2.2's 24 px target size)."""

from __future__ import annotations

import time
from html.parser import HTMLParser
from typing import Any

from django.urls import reverse

from heard.portal.views import PORTAL_SESSION_KEY
from tests.core.test_form_markup import NOT_HTML, _prepare, _urls, page_names, world

__all__ = ["world"]  # the fixture, shared with the stored-markup crawl

#: The GOV.UK class each kind of control needs.
CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "radio": "govuk-radios__input",
    "file": "govuk-file-upload",
    "submit": "govuk-button",
}
NOT_CONTROLS = {"hidden"}


class _Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bare: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("input", "select", "textarea"):
            return
        attributes = dict(attrs)
        kind = tag if tag != "input" else (attributes.get("type") or "text")
        if kind in NOT_CONTROLS:
            return
        needed = CLASSES.get(kind, "govuk-input")
        if needed not in (attributes.get("class") or "").split():
            self.bare.append(f"<{tag} name={attributes.get('name')!r} needs {needed}>")


def bare_controls(html: str) -> list[str]:
    parser = _Controls()
    parser.feed(html)
    parser.close()
    return parser.bare


def test_the_checker_finds_bare_controls() -> None:
    assert bare_controls(
        '<select name="a"></select><input name="b" class="govuk-input"><input type="hidden">'
        '<input type="checkbox" name="c" class="govuk-input"><textarea name="d"></textarea>'
    ) == [
        "<select name='a' needs govuk-select>",
        "<input name='c' needs govuk-checkboxes__input>",
        "<textarea name='d' needs govuk-textarea>",
    ]


def _check(response: Any, url: str, who: str, found: dict[str, list[str]]) -> None:
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        bare = bare_controls(response.content.decode())
        if bare:
            found[f"{url} as {who}"] = bare


def test_every_control_of_every_form_and_filter_is_a_govuk_component(world, client) -> None:
    found: dict[str, list[str]] = {}
    names = [name for name in page_names() if name not in NOT_HTML]
    for who, user in world["users"].items():
        client.force_login(user)
        for name in names:
            for url in _urls(world, name):
                _prepare(client, name)
                response = client.get(url)
                _check(response, url, who, found)
                if (
                    response.status_code == 200
                    and b'method="post"' in response.content
                    and who in ("lead", "partner_worker")
                    and not name.startswith(("core:sign-in", "core:two-factor", "portal:code"))
                ):
                    _check(client.post(url, {}), url, f"{who} (POST)", found)
                    client.force_login(user)
        client.logout()
    for name in names:
        for url in _urls(world, name):
            _check(client.get(url), url, "anonymous", found)
    # A young person signed in to the portal: its rating form.
    session = client.session
    session[PORTAL_SESSION_KEY] = {
        "young_person": world["young_person"].pk,
        "code": world["code"].pk,
        "at": time.time(),
    }
    session.save()
    for name in ("portal:home", "portal:sessions"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        _check(response, reverse(name), "young person", found)
    assert not found, "\n".join(f"{page}: {bare}" for page, bare in found.items())


def test_a_drop_down_with_an_error_is_highlighted_as_govuk_says() -> None:
    """Django's select (``select.html``) and the filters' ``QuickSelect`` alike."""
    from django import forms

    from heard.core.widgets import QuickSelect

    choices = [("", "Any"), ("a", "A")]

    class Plain(forms.Form):
        pick = forms.ChoiceField(
            choices=choices, widget=forms.Select(attrs={"class": "govuk-select"})
        )

    class Quick(forms.Form):
        pick = forms.ChoiceField(choices=choices, widget=QuickSelect())

    for form_class in (Plain, Quick):
        wrong, right = form_class({"pick": "z"}), form_class({"pick": "a"})
        assert not wrong.is_valid() and right.is_valid()
        assert 'class="govuk-select govuk-select--error"' in str(wrong["pick"]), form_class
        assert 'class="govuk-select"' in str(right["pick"]), form_class
    assert str(Plain({"pick": "z"})["pick"]) == str(Quick({"pick": "z"})["pick"])
