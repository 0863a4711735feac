"""A database that cannot be reached is a 503 with Retry-After from every layer (pages, the
handler500, the API), and the log names the error's class, never its message."""

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.test import RequestFactory
from rest_framework import exceptions

from heard.api.errors import exception_handler
from heard.core import database

SECRET_SQL = 'SELECT name FROM people_youngperson WHERE name = "Ada"'


def _middleware():
    return database.DatabaseUnavailableMiddleware(lambda request: None)


def test_a_page_that_loses_the_database_is_the_503_page(caplog):
    request = RequestFactory().get("/people/young-people/?q=Ada")
    with caplog.at_level(logging.WARNING, logger="heard.core.database"):
        response = _middleware().process_exception(request, OperationalError(SECRET_SQL))
    assert response.status_code == 503
    assert response["Retry-After"] == str(database.RETRY_AFTER)
    assert response["Cache-Control"] == "no-store"
    assert "Sorry, Heard is not available at the moment" in response.content.decode()
    assert caplog.messages == [
        "Database unavailable (OperationalError) during GET /people/young-people/"
    ]
    assert "Ada" not in caplog.text


def test_an_api_request_that_loses_the_database_is_a_json_503():
    request = RequestFactory().post("/api/v1/sessions/")
    response = _middleware().process_exception(request, InterfaceError("gone"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert json.loads(response.content) == {"detail": database.MESSAGE}


def test_the_middleware_leaves_other_errors_to_django():
    request = RequestFactory().get("/")
    assert _middleware().process_exception(request, ValueError("boom")) is None
    # The middleware passes requests through untouched.
    marker = object()
    assert database.DatabaseUnavailableMiddleware(lambda r: marker)(request) is marker


def test_the_500_handler_answers_503_for_a_lost_database_and_500_otherwise():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = database.server_error(request)
    assert response.status_code == 503 and response["Retry-After"] == "5"
    try:
        raise KeyError("not the database")
    except KeyError:
        response = database.server_error(request)
    assert response.status_code == 500


def test_a_503_without_a_request_is_the_page():
    response = database.unavailable_response(None)
    assert response.status_code == 503 and response["Content-Type"].startswith("text/html")


def test_the_api_answers_a_lost_database_with_503(caplog):
    request = RequestFactory().get("/api/v1/young-people/")
    with caplog.at_level(logging.WARNING, logger="heard.core.database"):
        response = exception_handler(OperationalError(SECRET_SQL), {"request": request})
    assert response.status_code == 503
    assert response.data == {"detail": database.MESSAGE}
    assert response["Retry-After"] == "5" and response["Cache-Control"] == "no-store"
    assert "Ada" not in caplog.text and "OperationalError" in caplog.text


def test_the_api_turns_django_errors_into_its_json_errors():
    plain = exception_handler(DjangoValidationError(["Too late.", "Too long."]), {})
    assert plain.status_code == 400
    assert plain.data == {"non_field_errors": ["Too late.", "Too long."]}
    per_field = exception_handler(
        DjangoValidationError({"__all__": ["Clash."], "date": ["In the future."]}), {}
    )
    assert per_field.data == {"non_field_errors": ["Clash."], "date": ["In the future."]}
    refused = exception_handler(PermissionDenied("Not your organisation."), {})
    assert refused.status_code == 403 and refused.data == {"detail": "Not your organisation."}
    bare = exception_handler(PermissionDenied(), {})
    assert bare.status_code == 403 and bare.data["detail"]  # DRF's own message, never empty
    missing = exception_handler(Http404("No YoungPerson matches the given query."), {})
    assert missing.status_code == 404 and missing.data == {"detail": "Not found."}
    throttled = exception_handler(exceptions.Throttled(wait=3), {})
    assert throttled.status_code == 429 and throttled["Retry-After"] == "3"
    # Anything else is no API error: Django's 500 (handler500) answers it.
    assert exception_handler(ValueError("a bug"), {}) is None


@pytest.mark.parametrize("exc", [OperationalError(), InterfaceError()])
def test_both_connection_errors_count_as_unavailable(exc):
    assert database.unavailable(exc)
    assert not database.unavailable(None) and not database.unavailable(RuntimeError())


def test_a_session_that_cannot_be_saved_for_want_of_the_database_is_a_503(
    client_for, board_member, monkeypatch
):
    """Django turns a session save that failed (its UpdateError, raised from the database's
    OperationalError) into SessionInterrupted, a 400 "Bad Request": during a PostgreSQL restart
    a page whose view had finished was answered 400. It is the database: 503 (CI of 2026-12-05)."""
    import time

    from django.contrib.sessions.models import Session

    from heard.core.security import LAST_SEEN_SESSION_KEY

    client = client_for(board_member)
    # The idle clock is saved at most once a minute: a minute and a half since the last request.
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - 90
    session.save()

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Session, "save", lost)
    response = client.get("/home/")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "Sorry, Heard is not available at the moment" in response.content.decode()


def test_a_bad_request_that_is_not_the_database_stays_a_400():
    from django.contrib.sessions.exceptions import SessionInterrupted

    request = RequestFactory().get("/home/")
    response = database.bad_request(request, SessionInterrupted("deleted meanwhile"))
    assert response.status_code == 400
    api = database.bad_request(RequestFactory().get("/api/v1/"), SessionInterrupted("x"))
    assert api.status_code == 400 and json.loads(api.content) == {"detail": "Bad request."}
