"""Heard's 403, 404, 429 and 500 pages: Heard's layout, GOV.UK's wording, a way back, the right
status, nothing that helps an attacker, and JSON under /api/ (heard.core.error_views)."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import include, path, reverse

from heard.core import error_views
from heard.core.roles import Role

SECRET = "secret-detail-7f3a"


def _refuse(request):
    raise PermissionDenied(f"Only the {SECRET} may do that")


def _missing(request):
    raise Http404(f"No YoungPerson matches {SECRET}")


def _boom(request):
    raise RuntimeError(f"boom {SECRET}")


def _limited(request):
    return error_views.too_many_requests(request, minutes=15)


# A URL conf with Heard's pages and handlers, and views that fail on purpose.
urlpatterns = [
    path("test-errors/refuse/", _refuse),
    path("test-errors/missing/", _missing),
    path("test-errors/boom/", _boom),
    path("test-errors/limited/", _limited),
    path("api/v1/test-errors/boom/", _boom),
    path("api/v1/test-errors/refuse/", _refuse),
    path("", include("heard.config.urls")),
]
handler403 = "heard.core.error_views.permission_denied"
handler404 = "heard.core.error_views.page_not_found"
handler500 = "heard.core.database.server_error"

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def signed_in(make_user):
    client = Client(raise_request_exception=False)
    client.force_login(make_user(Role.PARTICIPATION_OFFICER))
    return client


def _page(response):
    html = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert 'class="heard-header"' in html, "not in Heard's layout"
    assert '<main class="govuk-main-wrapper' in html
    assert html.count("<h1") == 1
    assert SECRET not in html, "the error page shows the exception's detail"
    assert "Traceback" not in html
    return html


@pytest.mark.parametrize("who", ["anonymous", "signed_in"])
def test_an_unknown_address_is_page_not_found(request, who):
    client = request.getfixturevalue(who)

    response = client.get(f"/no-such-page-{SECRET}/")

    assert response.status_code == 404
    html = _page(response)
    assert "<title>Page not found - Heard</title>" in html
    assert "If you typed the web address, check it is correct." in html
    if who == "anonymous":
        assert f'href="{reverse("core:sign-in")}">Sign in to Heard' in html
    else:
        assert f'href="{reverse("home")}">Go to your home page' in html
        assert 'aria-label="Main menu"' in html, "a signed-in person keeps the navigation"


def test_a_missing_record_does_not_say_what_was_looked_for(signed_in):
    response = signed_in.get("/test-errors/missing/")

    assert response.status_code == 404
    assert "Page not found" in _page(response)


@pytest.mark.parametrize("who", ["anonymous", "signed_in"])
def test_a_refusal_is_the_permission_page_without_its_reason(request, who):
    client = request.getfixturevalue(who)

    response = client.get("/test-errors/refuse/")

    assert response.status_code == 403
    html = _page(response)
    assert "You do not have permission to see this page" in html
    link = reverse("home") if who == "signed_in" else reverse("core:sign-in")
    assert f'href="{link}"' in html


def test_a_real_refusal_uses_the_permission_page(client_for, make_user):
    client = client_for(make_user(Role.BOARD_MEMBER))
    client.raise_request_exception = False

    response = client.get(reverse("core:sign-in-events"))

    assert response.status_code == 403
    assert "You do not have permission to see this page" in _page(response)


@pytest.mark.parametrize("who", ["anonymous", "signed_in"])
def test_a_crash_is_there_is_a_problem_with_the_service(request, who):
    client = request.getfixturevalue(who)

    response = client.get("/test-errors/boom/")

    assert response.status_code == 500
    html = _page(response)
    assert "<title>Sorry, there is a problem with the service - Heard</title>" in html
    assert "Try again later." in html
    assert f'href="{reverse("core:root")}"' in html, "no way back"
    # Rendered without the request: no one's name, no navigation from a failing database.
    assert 'aria-label="Main menu"' not in html


def test_too_many_attempts_says_how_long_to_wait(anonymous):
    response = anonymous.get("/test-errors/limited/")

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = _page(response)
    assert "<title>Too many attempts - Heard</title>" in html
    assert "Wait 15 minutes, then try again." in html


@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/api/v1/no-such-endpoint/", 404, error_views.NOT_FOUND),
        ("/api/v1/test-errors/refuse/", 403, error_views.PERMISSION_DENIED),
        ("/api/v1/test-errors/boom/", 500, error_views.SERVER_ERROR),
    ],
)
def test_api_errors_stay_json(anonymous, url, status, detail):
    response = anonymous.get(url)

    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"detail": detail}


def test_the_api_429_is_json():
    request = RequestFactory().post("/api/v1/anything/")

    response = error_views.too_many_requests(request, minutes=1)

    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert json.loads(response.content) == {"detail": error_views.TOO_MANY_REQUESTS}


def test_the_500_page_survives_a_broken_template(monkeypatch):
    def broken(name):
        raise RuntimeError("template engine down")

    monkeypatch.setattr(error_views.loader, "get_template", broken)

    response = error_views.server_error_response(RequestFactory().get("/"))

    assert response.status_code == 500
    assert error_views.SERVER_ERROR in response.content.decode()


def test_a_form_without_its_csrf_token_is_answered_in_heards_layout():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)

    response = client.post(reverse("core:sign-in"), {"username": "a@example.org", "password": "x"})

    assert response.status_code == 403
    html = _page(response)
    assert "<title>The form could not be sent - Heard</title>" in html
    assert "CSRF" not in html, "Django's reason is shown"
