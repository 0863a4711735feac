"""Privacy's pages at their edges: importing benchmark shares from a file, searching them, a
refused erasure, a withdrawal by someone who may not see consents, a least-heard target for
the under 11s, and reach for a reader who may not read it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from heard.core.roles import AgeBand
from heard.participation.models import Attendance
from heard.privacy import selectors, services
from heard.privacy.models import BenchmarkShare, LeastHeardTarget
from tests import factories

pytestmark = pytest.mark.django_db


def upload(content: bytes):
    return {"file": SimpleUploadedFile("shares.csv", content, content_type="text/csv")}


def test_benchmark_shares_are_imported_from_a_file(client_for, officer):
    client = client_for(officer)
    url = reverse("privacy:benchmark-import")
    assert client.get(url).status_code == 200
    good = b"characteristic,value,area,share\nsend,yes,,15\ncare_status,in_care,,1.5\n"
    response = client.post(url, upload(good))
    assert response.status_code == 302 and BenchmarkShare.objects.count() == 2
    page = client.get(response["Location"], follow=True).content.decode()
    assert "2 benchmark shares imported." in page


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("characteristic,value,share\nsend,yes,200\n".encode("utf-16"), "Save the file as CSV"),
        (b"characteristic,value,share\nsend,yes,200\n", "Row 2:"),
    ],
)
def test_a_bad_benchmark_file_is_refused_on_the_page(client_for, officer, content, words):
    response = client_for(officer).post(reverse("privacy:benchmark-import"), upload(content))
    assert response.status_code == 200 and words in response.content.decode()
    assert not BenchmarkShare.objects.exists()


def test_benchmark_shares_are_searched(client_for, officer):
    for value in ("Ely", "Wisbech"):
        services.benchmark_share_save(
            actor=officer, characteristic="area", value=value, share=5, area=value
        )
    client = client_for(officer)
    url = reverse("privacy:benchmarks")
    page = client.get(url, {"search": "wisb"}).content.decode()
    assert "Wisbech" in page and "Ely" not in page
    page = client.get(url, {"search": " "}).content.decode()
    assert "Wisbech" in page and "Ely" in page


def test_a_refused_erasure_shows_why(client_for, officer, monkeypatch):
    young_person = factories.YoungPersonFactory()

    def refuse(**kwargs):
        raise ValidationError({"__all__": "Someone else anonymised them a moment ago."})

    monkeypatch.setattr(services, "young_person_anonymise", refuse)
    response = client_for(officer).post(
        reverse("privacy:erase", args=[young_person.pk]), {"confirm": "on"}
    )
    assert response.status_code == 200
    assert "Someone else anonymised them a moment ago." in response.content.decode()


def test_a_board_member_may_not_open_a_withdrawal(client_for, board_member):
    consent = services.consent_record(
        actor=None,
        young_person=factories.YoungPersonFactory(),
        purpose="taking_part",
        given_by="parent_or_carer",
        given_on=datetime.date(2026, 1, 5),
        how="written",
    )
    url = reverse("privacy:consent-withdraw", args=[consent.pk])
    assert client_for(board_member).get(url).status_code == 403


def test_a_consent_or_target_that_is_not_a_number_is_not_found(officer):
    with pytest.raises(Http404):
        selectors.consent_get(officer, "one")
    with pytest.raises(Http404):
        selectors.target_get(None)


def test_the_under_11s_target_counts_both_younger_age_bands(officer):
    start, end = datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)
    session = factories.SessionFactory(date=datetime.date(2026, 5, 1))
    for band in (AgeBand.UNDER_8, AgeBand.AGE_8_10, AgeBand.AGE_14_15):
        factories.AttendanceFactory(
            session=session,
            young_person=factories.YoungPersonFactory(age_band=band),
            status=Attendance.Status.ATTENDED,
        )
    LeastHeardTarget.objects.create(group="under_11", target=4, start=start, end=end)
    (progress,) = selectors.reach(user=officer, start=start, end=end).least_heard
    assert progress.took_part == 2 and progress.share_of_target == 50.0


def test_reach_is_empty_for_a_reader_who_may_not_read_it(partner_worker):
    report = selectors.reach(
        user=partner_worker, start=datetime.date(2026, 4, 1), end=datetime.date(2026, 6, 30)
    )
    assert report.tables == [] and report.took_part == 0
