"""A list export over the threshold runs as a job: the request answers at once with the job's
page, a worker writes the file, and only the requester sees the page and downloads it."""

import csv
import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from heard.core.roles import Role
from heard.jobs.models import Job, Status
from tests import factories
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "people:young-person-list"


@pytest.fixture
def young_people(db):
    return factories.YoungPersonFactory.create_batch(5)


def _export(client, export_format="csv", **query):
    return client.get(reverse(LIST), {**query, "format": export_format})


def test_an_export_under_the_threshold_streams_as_before(
    settings, client_for, officer, young_people
):
    settings.HEARD_EXPORT_JOB_THRESHOLD = 5
    response = _export(client_for(officer))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert not Job.objects.exists()


def test_an_export_over_the_threshold_becomes_a_job(settings, client_for, officer, young_people):
    settings.HEARD_EXPORT_JOB_THRESHOLD = 4
    client = client_for(officer)
    response = _export(client, page="2")
    assert response.status_code == 303
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    assert (job.kind, job.status, job.requested_by) == ("export", Status.QUEUED, officer)
    assert job.params == {"path": reverse(LIST), "query": "format=csv", "format": "csv"}

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'<meta http-equiv="refresh" content="2">' in page.content
    assert b"Waiting for a worker" in page.content

    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == (Status.SUCCEEDED, 5, 5, 1)
    assert job.result_name == "young-people.csv" or job.result_name.endswith(".csv")
    page = client.get(response["Location"])
    assert b"http-equiv" not in page.content
    assert b"100%" in page.content
    assert b'id="job-download"' in page.content

    download = client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid}))
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert len(rows) == 6
    settings.HEARD_EXPORT_JOB_THRESHOLD = 100
    direct = client.get(reverse(LIST), {"format": "csv"})
    assert rows == list(csv.reader(io.StringIO(b"".join(direct.streaming_content).decode())))


def test_an_xlsx_export_job_keeps_a_workbook(settings, client_for, officer, young_people):
    settings.HEARD_EXPORT_JOB_THRESHOLD = 1
    client = client_for(officer)
    assert _export(client, "xlsx").status_code == 303
    run_queued_jobs()
    job = Job.objects.get()
    assert job.status == Status.SUCCEEDED
    assert job.result_name.endswith(".xlsx")
    with default_storage.open(job.result.name, "rb") as handle:
        assert handle.read(2) == b"PK"


def test_only_the_requester_sees_the_job_and_its_file(
    settings, client_for, officer, make_user, organisation, admin_user, young_people
):
    settings.HEARD_EXPORT_JOB_THRESHOLD = 1
    _export(client_for(officer))
    run_queued_jobs()
    job = Job.objects.get()
    other = make_user(Role.PARTNER_WORKER, organisation=organisation)
    for someone in (other, admin_user):
        client = client_for(someone)
        for name in ("jobs:job-detail", "jobs:job-download"):
            assert client.get(reverse(name, kwargs={"job_uuid": job.uuid})).status_code == 404
        url = reverse("jobs:job-try-again", kwargs={"job_uuid": job.uuid})
        assert client.post(url).status_code == 404
    # The administrator's list names every job, with no link to another's page.
    listed = client_for(admin_user).get(reverse("jobs:job-list"))
    assert job.label.encode() in listed.content
    assert reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid}).encode() not in listed.content
    # Another staff member's list is their own: empty.
    assert job.label.encode() not in client_for(other).get(reverse("jobs:job-list")).content
    mine = client_for(officer).get(reverse("jobs:job-list"))
    assert reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid}).encode() in mine.content


def test_the_export_runs_again_as_its_requester_with_their_permissions_now(
    settings, client_for, officer, young_people
):
    settings.HEARD_EXPORT_JOB_THRESHOLD = 1
    _export(client_for(officer))
    officer.role = Role.BOARD_MEMBER  # no longer sees young people's records
    officer.save()
    run_queued_jobs()
    job = Job.objects.get()
    assert (job.status, job.error, job.result.name) == (Status.FAILED, "PermissionDenied", "")
    page = client_for(officer).get(reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid}))
    assert b"The job failed" in page.content
    assert b"Try again" in page.content


def test_the_jobs_list_downloads_as_csv_and_xlsx(settings, client_for, officer, young_people):
    settings.HEARD_EXPORT_JOB_THRESHOLD = 1
    officer.full_name = "=HYPERLINK(1)"  # formula text in a stored string: kept as text
    officer.save(update_fields=["full_name"])
    client = client_for(officer)
    _export(client)
    response = client.get(reverse("jobs:job-list"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["Job", "Requested by", "Requested", "Status", "Rows done", "Attempts"]
    assert rows[1][3] == "Queued"
    assert rows[1][1] == "'=HYPERLINK(1)"
    workbook = client.get(reverse("jobs:job-list"), {"format": "xlsx"})
    assert workbook["Content-Disposition"].endswith('jobs.xlsx"')
    assert client.get(reverse("jobs:job-list")).status_code == 200


def test_a_signed_out_visitor_is_sent_to_sign_in(client, officer):
    response = client.get(reverse("jobs:job-list"))
    assert response.status_code == 302


def test_a_path_that_no_longer_exports_fails_the_job(officer):
    from heard.jobs import services

    job = services.start(
        officer, "export", params={"path": reverse("home"), "query": "format=csv", "format": "csv"}
    )
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.error) == (Status.FAILED, "ExportRefused")


def test_an_export_broken_off_leaves_no_temporary_file(
    officer, young_people, tmp_path, monkeypatch
):
    """The run fails at its second row (a worker's database gone, say): its temporary file goes."""
    from heard.jobs import exports
    from heard.jobs.progress import Progress

    class Breaking(Progress):
        def advance(self, rows=1):
            raise ConnectionError("gone")

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    job = Job.objects.create(
        requested_by=officer,
        kind="export",
        status=Status.RUNNING,
        params={"path": reverse(LIST), "query": "format=csv", "format": "csv"},
    )
    with pytest.raises(ConnectionError):
        exports.run_export(job, Breaking(job))
    assert list(tmp_path.iterdir()) == []


def test_the_request_counts_no_further_than_one_row_past_the_threshold(
    settings, client_for, officer, young_people
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.HEARD_EXPORT_JOB_THRESHOLD = 3
    client = client_for(officer)
    with CaptureQueriesContext(connection) as queries:
        assert _export(client).status_code == 303
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 4" in sql for sql in counts), counts
