"""``confirm_page``: a decision confirmed on a page of its own, asked on a GET, made on a POST."""

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from heard.core import confirm


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """The pages rendered: their template and context."""
    pages: list[tuple[str, dict[str, Any]]] = []

    def render(request: Any, template: str, context: dict[str, Any], status: int) -> HttpResponse:
        pages.append((template, context))
        return HttpResponse(status=status)

    monkeypatch.setattr(confirm, "render", render)
    return pages


def _request(method: str) -> Any:
    request = getattr(RequestFactory(), method)("/decide/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _page(request: Any, act: Any, **options: Any) -> HttpResponse:
    return confirm.confirm_page(
        request,
        act,
        success=options.pop("success", "Done."),
        then=options.pop("then", "/done/"),
        template="decide.html",
        context=options.pop("context", {"title": "Decide?"}),
        **options,
    )


def test_a_get_asks_and_does_nothing(shown: list[Any]) -> None:
    acts: list[str] = []
    response = _page(_request("get"), lambda: acts.append("acted"))
    assert response.status_code == 200
    assert acts == []
    assert shown == [("decide.html", {"title": "Decide?", "error": ""})]


def test_a_post_acts_says_so_and_goes_on(shown: list[Any]) -> None:
    acts: list[str] = []
    request = _request("post")
    response = _page(
        request,
        lambda: acts.append("acted"),
        success=lambda: f"Done after {len(acts)} act.",
        then=lambda: f"/after/{len(acts)}/",
    )
    assert acts == ["acted"]
    assert response.status_code == 302
    assert response["Location"] == "/after/1/"
    assert [str(message) for message in get_messages(request)] == ["Done after 1 act."]
    assert shown == []


def test_a_refusal_shows_on_the_page_with_its_status(shown: list[Any]) -> None:
    def refuse() -> None:
        raise ValidationError(["Too late.", "Already decided."])

    request = _request("post")
    response = _page(request, refuse, context=lambda: {"title": "Decide?"}, error_status=200)
    assert response.status_code == 200
    assert shown == [("decide.html", {"title": "Decide?", "error": "Too late. Already decided."})]
    assert list(get_messages(request)) == []
    assert _page(_request("post"), refuse).status_code == 400
