"""Files in S3-compatible object storage (issue 20): evidence uploaded through the real page lands
in a private bucket on a store started on loopback (tests/ops/engines.py); Heard's download page
checks the permission, then answers 302 to a link signed for STORAGE_LINK_SECONDS that downloads
the file under Heard's name for it; the link fails when tampered with or expired, the bucket
serves nothing unsigned, and a worker of another organisation gets 404 and no link."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heard.config.parts.storage import S3_BACKEND, s3_options
from heard.core.files import signs_links, stored_file_response
from heard.core.roles import Role
from heard.voice import services as voice_services
from heard.voice.models import Evidence
from tests import factories
from tests.ops.engines import BUCKET, object_store

PDF = b"%PDF-1.7\n" + b"evidence of a session " * 8


@pytest.fixture(scope="module")
def store():
    with object_store() as started:
        started.create_bucket()
        yield started


@pytest.fixture
def in_store(settings, store, tmp_path):
    """Heard's default storage is the bucket (as STORAGE_* would make it); returns a function
    that changes how long links work."""

    def configure(link_seconds: int = 60) -> None:
        options = s3_options(store.env(link_seconds=link_seconds), link_seconds)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": S3_BACKEND, "OPTIONS": options},
        }
        settings.STORAGE_LINK_SECONDS = link_seconds

    configure()
    return configure


@pytest.fixture
def view(officer, organisation):
    group = factories.GroupFactory(host_organisation=organisation)
    person = factories.MembershipFactory(group=group).young_person
    session = factories.SessionFactory(group=group)
    factories.AttendanceFactory(session=session, young_person=person)
    return voice_services.view_record(
        actor=officer, text="A youth club open on Saturdays", session=session, group=group
    )


def upload(client, view) -> Evidence:
    answer = client.post(
        reverse("voice:evidence-add", args=[view.pk]),
        {"file": SimpleUploadedFile("minutes of Sam's group.pdf", PDF), "description": "Minutes"},
    )
    assert answer.status_code == 302, answer.content[:500]
    return view.evidence.get()


def test_evidence_is_stored_in_the_bucket_and_downloaded_by_a_signed_link(
    in_store, store, client_for, officer, view, settings
):
    client = client_for(officer)
    evidence = upload(client, view)
    assert signs_links(default_storage)
    # In the bucket, not on the server's disk.
    assert evidence.file.name in store.stored()
    assert not (settings.MEDIA_ROOT / evidence.file.name).exists()

    answer = client.get(reverse("voice:evidence-download", args=[evidence.pk]))
    assert answer.status_code == 302
    assert answer["Cache-Control"] == "private, no-store"
    link = answer["Location"]
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}" == store.endpoint
    assert parts.path == f"/{BUCKET}/{evidence.file.name}"
    query = parse_qs(parts.query)
    assert query["X-Amz-Expires"] == ["60"]
    # The stored name (which carries the uploaded name) is not what the browser saves it as.
    attachment = f'attachment; filename="evidence-{evidence.pk}.pdf"'
    assert query["response-content-disposition"] == [attachment]

    got = requests.get(link, timeout=10)
    assert got.status_code == 200
    assert got.content == PDF
    assert got.headers["Content-Disposition"] == attachment
    assert got.headers["Content-Type"] == "application/pdf"

    # A tampered link, another object under the same signature, or the bare object: refused.
    tampered = link.replace("X-Amz-Signature=", "X-Amz-Signature=0")
    assert requests.get(tampered, timeout=10).status_code == 403
    other_key = link.replace(parts.path, parts.path.replace(".pdf", "-copy.pdf"))
    assert requests.get(other_key, timeout=10).status_code == 403
    assert requests.get(f"{store.endpoint}{parts.path}", timeout=10).status_code == 403


def test_a_signed_link_stops_working_when_it_expires(in_store, store, client_for, officer, view):
    in_store(link_seconds=1)
    client = client_for(officer)
    evidence = upload(client, view)
    link = client.get(reverse("voice:evidence-download", args=[evidence.pk]))["Location"]
    assert parse_qs(urlsplit(link).query)["X-Amz-Expires"] == ["1"]
    assert requests.get(link, timeout=10).status_code == 200
    time.sleep(2.2)
    expired = requests.get(link, timeout=10)
    assert expired.status_code == 403 and "Request has expired" in expired.text
    # A new visit to Heard's page (checked again) gives a new link that works.
    again = client.get(reverse("voice:evidence-download", args=[evidence.pk]))["Location"]
    assert requests.get(again, timeout=10).status_code == 200


def test_another_organisations_worker_gets_no_link(
    in_store, store, client, officer, view, make_user, other_organisation
):
    client.force_login(officer)
    evidence = upload(client, view)
    outsider = make_user(Role.PARTNER_WORKER, organisation=other_organisation)
    client.force_login(outsider)
    answer = client.get(reverse("voice:evidence-download", args=[evidence.pk]))
    assert answer.status_code == 404
    assert "Location" not in answer
    assert store.endpoint not in answer.content.decode()
    client.logout()
    signed_out = client.get(reverse("voice:evidence-download", args=[evidence.pk]))
    assert signed_out.status_code == 302
    assert store.endpoint not in signed_out["Location"]


def test_the_api_links_to_heards_page_never_to_the_bucket(
    in_store, store, client_for, officer, view, api_for
):
    evidence = upload(client_for(officer), view)
    answer = api_for(officer).get(f"/api/v1/views/{view.pk}/")
    assert answer.status_code == 200
    links = [item["download"] for item in answer.json()["evidence"]]
    assert links == [reverse("voice:evidence-download", args=[evidence.pk])]
    assert store.endpoint not in answer.content.decode()


def test_a_stored_name_is_sent_the_same_way(in_store, store, rf):
    """A job's result, saved by name through default_storage, goes out as a signed link too;
    with no content type the store's own is kept."""
    name = default_storage.save("exports/views.csv", ContentFile(b"id,text\n1,More clubs\n"))
    answer = stored_file_response(name, "views.csv")
    assert answer.status_code == 302
    query = parse_qs(urlsplit(answer["Location"]).query)
    assert "response-content-type" not in query
    got = requests.get(answer["Location"], timeout=10)
    assert got.content == b"id,text\n1,More clubs\n"
    assert got.headers["Content-Disposition"] == 'attachment; filename="views.csv"'


def test_on_local_disk_heard_streams_the_file_itself(settings, tmp_path):
    assert not signs_links(default_storage)
    name = default_storage.save("exports/views.csv", ContentFile(b"id\n1\n"))
    answer = stored_file_response(name, "views.csv", "text/csv")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"id\n1\n"
    assert answer["Content-Disposition"] == 'attachment; filename="views.csv"'
    assert answer["Content-Type"] == "text/csv"
    assert answer["Cache-Control"] == "private, no-store"
    assert answer["X-Content-Type-Options"] == "nosniff"
