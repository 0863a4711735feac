"""A worker killed mid-job (SIGKILL: no chance to clean up) leaves the job running with an old
heartbeat and no file: the page shows it stopped with "Try again", which runs it again whole.

A real ``heard db_worker`` process runs the export and is killed with ``kill -9`` once it has
reported progress; nothing in it is mocked or slowed down: the list is long enough to take a
while."""

import csv
import io
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from heard.jobs.models import Job, Status
from heard.people.models import YoungPerson
from tests import factories
from tests.jobs.helpers import run_queued_jobs
from tests.jobs.workers import WorkerDatabase, kill_when, start_worker

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 30_000


def _young_people(count: int) -> None:
    organisation = factories.OrganisationFactory()
    YoungPerson.objects.bulk_create(
        (
            YoungPerson(
                first_name=f"Test{number}",
                last_name="Person",
                age_band="11_13",
                organisation=organisation,
                area="Cambridge",
                reference=f"K{number:09d}",
            )
            for number in range(count)
        ),
        batch_size=2000,
    )


def _wait_for_progress(database: WorkerDatabase, job: Job, worker, at_least: int) -> tuple:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        row = database.query("SELECT status, done, result FROM jobs_job WHERE id = %s", (job.pk,))
        if row[0] == Status.RUNNING and row[1] >= at_least:
            return row
        assert row[0] in {Status.QUEUED, Status.RUNNING}, row
        assert worker.poll() is None, worker.stdout.read().decode()[-2000:]
        time.sleep(0.02)
    pytest.fail("the worker reported no progress in 3 minutes")


def test_a_killed_worker_leaves_the_job_to_try_again_with_no_partial_file(
    settings, client_for, officer, tmp_path
):
    settings.HEARD_EXPORT_JOB_THRESHOLD = 1000
    _young_people(ROWS)
    client = client_for(officer)
    assert client.get(reverse("people:young-person-list"), {"format": "csv"}).status_code == 303
    job = Job.objects.get()

    database = WorkerDatabase(tmp_path)
    worker = start_worker(database.env())
    status, done, result = kill_when(
        worker, lambda: _wait_for_progress(database, job, worker, at_least=1000)
    )
    # Mid-job for real: some rows written to its temporary file, not all.
    assert 1000 <= done < ROWS
    partial = list((tmp_path / "tmp").iterdir())
    assert partial, "the worker wrote no temporary file"

    database.take_back()
    job.refresh_from_db()
    assert (job.status, job.result.name, job.result_name) == (Status.RUNNING, "", "")
    assert job.attempts == 1
    url = reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    page = client.get(url)
    assert b"Running" in page.content and b"http-equiv" in page.content
    assert b"Try again" not in page.content

    settings.HEARD_JOB_STALE_SECONDS = 0  # no heartbeat since: stopped
    page = client.get(url)
    assert b"Stopped" in page.content and b"Try again" in page.content
    assert b"http-equiv" not in page.content and b'id="job-download"' not in page.content
    assert (
        client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid})).status_code == 404
    )
    assert not default_storage.exists(f"jobs/{job.uuid}")

    retried = client.post(reverse("jobs:job-try-again", kwargs={"job_uuid": job.uuid}))
    assert retried.status_code == 303
    job.refresh_from_db()
    assert (job.status, job.done) == (Status.QUEUED, 0)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == (Status.SUCCEEDED, ROWS, ROWS, 2)
    download = client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid}))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert len(rows) == ROWS + 1
