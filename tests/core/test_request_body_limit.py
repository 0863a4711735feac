"""A request body over the cap is refused before anything reads it (issue 15, section 5: a
40 MB upload was read in full, then refused by the 10 MB check)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.core import uploads
from heard.voice.models import Evidence
from tests import factories

MB = 1024 * 1024


class WatchedBody(io.RawIOBase):
    """A request body of ``size`` bytes that counts what is read of it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        count = min(len(buffer), self.size - self.read_bytes)
        buffer[:count] = b"x" * count
        self.read_bytes += count
        return count


def _post_declared(client, url: str, size: int, *, content_type: str) -> tuple[object, WatchedBody]:
    body = WatchedBody(size)
    response = client.generic(
        "POST",
        url,
        b"",
        content_type,
        **{"wsgi.input": body, "CONTENT_LENGTH": str(size)},
    )
    return response, body


@pytest.fixture
def view(organisation):
    session = factories.SessionFactory(group=factories.GroupFactory(host_organisation=organisation))
    return factories.ViewFactory(session=session)


def test_a_40_mb_upload_is_refused_unread(client_for, lead, view, monkeypatch):
    called = []
    monkeypatch.setattr("heard.voice.views.EvidenceForm", lambda *a, **k: called.append(a))
    client = client_for(lead)
    url = reverse("voice:evidence-add", args=[view.pk])
    response, body = _post_declared(
        client, url, 40 * MB, content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 413
    assert body.read_bytes == 0 and called == []
    assert not response.has_header("Connection")  # hop-by-hop: WSGI forbids it
    page = response.content.decode()
    assert "The file is too large" in page and "A file can be up to 10 MB" in page
    assert "You sent 40.0 MB" in page
    assert not Evidence.objects.exists()


def test_the_api_answers_413_in_json(api_for, lead):
    body = WatchedBody(40 * MB)
    response = api_for(lead).generic(
        "POST",
        "/api/v1/views/",
        b"",
        "application/json",
        **{"wsgi.input": body, "CONTENT_LENGTH": str(40 * MB)},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": uploads.TOO_LARGE}
    assert body.read_bytes == 0


def test_a_file_under_the_cap_still_gets_the_10_mb_message(client_for, lead, view):
    client = client_for(lead)
    url = reverse("voice:evidence-add", args=[view.pk])
    big = SimpleUploadedFile("drawing.png", b"\x89PNG\r\n\x1a\n" + b"0" * (10 * MB + 100))
    response = client.post(url, {"file": big})
    assert response.status_code == 200
    assert "it must be 10 MB or smaller" in response.content.decode()


def test_a_small_upload_is_untouched(client_for, lead, view):
    client = client_for(lead)
    url = reverse("voice:evidence-add", args=[view.pk])
    small = SimpleUploadedFile("drawing.png", b"\x89PNG\r\n\x1a\nrest", content_type="image/png")
    response = client.post(url, {"file": small, "description": "A drawing"})
    assert response.status_code == 302
    assert Evidence.objects.filter(view=view).count() == 1


@pytest.mark.parametrize("declared", ["", "abc", "-1", str(uploads.MAX_REQUEST_BYTES)])
def test_no_or_odd_lengths_pass_through(declared):
    from django.test import RequestFactory

    request = RequestFactory().get("/", CONTENT_LENGTH=declared)
    seen = []
    middleware = uploads.RequestBodyLimitMiddleware(lambda r: seen.append(r) or "passed")  # type: ignore[arg-type,func-returns-value]
    assert middleware(request) == "passed" and seen == [request]
