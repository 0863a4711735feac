"""A worker killed (``kill -9``) in the middle of a retention job: the young people it had
anonymised stay anonymised (each in a transaction of its own), the job shows as stopped with no
file, and "Try again" anonymises the rest, each young person once.

A real ``heard db_worker`` process runs the job and is killed once it has reported some young
people done and not all. Nothing is mocked or slowed down: enough young people are due."""

import datetime
import time

import pytest
import time_machine
from django.urls import reverse

from heard.core.models import AuditEntry
from heard.jobs.models import Status
from heard.privacy import events, retention_job
from heard.privacy.models import Anonymisation
from tests import factories
from tests.jobs.helpers import run_queued_jobs
from tests.jobs.workers import WorkerDatabase, kill_when, start_worker

pytestmark = pytest.mark.django_db(transaction=True)

OLD = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)
DUE = 300


def _wait_for_some_done(database: WorkerDatabase, job, worker) -> int:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        status, done, total = database.query(
            "SELECT status, done, total FROM jobs_job WHERE id = %s", (job.pk,)
        )
        assert status in {Status.QUEUED, Status.RUNNING}, status
        assert worker.poll() is None, worker.stdout.read().decode()[-2000:]
        if status == Status.RUNNING and total == DUE and 0 < done < DUE:
            return int(done)
        time.sleep(0.01)
    pytest.fail("the worker did not report progress in 3 minutes")


def test_a_retention_job_killed_mid_run_is_tried_again_once_each(
    settings, client_for, officer, tmp_path
):
    with time_machine.travel(OLD):
        organisation = factories.OrganisationFactory()
        for _ in range(DUE):
            factories.YoungPersonFactory(organisation=organisation)
    job = retention_job.start(officer)
    database = WorkerDatabase(tmp_path)
    worker = start_worker(database.env())
    reported = kill_when(worker, lambda: _wait_for_some_done(database, job, worker))

    database.take_back()
    job.refresh_from_db()
    first = Anonymisation.objects.count()
    assert (job.status, job.total, job.attempts, job.result.name) == (Status.RUNNING, DUE, 1, "")
    # Progress is written every second: the kill lands after at least what was reported.
    assert reported <= job.done <= first < DUE
    client = client_for(officer)
    url = reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    settings.HEARD_JOB_STALE_SECONDS = 0  # no heartbeat since: stopped
    page = client.get(url).content.decode()
    assert "Stopped" in page and "Try again" in page and "retention-" not in page

    assert (
        client.post(reverse("jobs:job-try-again", kwargs={"job_uuid": job.uuid})).status_code == 303
    )
    run_queued_jobs()
    job.refresh_from_db()
    # The second run counts only the young people still due: no one twice.
    left = DUE - first
    assert (job.status, job.done, job.total, job.attempts) == (Status.SUCCEEDED, left, left, 2)
    assert Anonymisation.objects.count() == DUE
    anonymised = AuditEntry.objects.filter(event=events.YOUNG_PERSON_ANONYMISED.name)
    assert anonymised.count() == DUE
    with job.result.open("rb") as handle:
        assert handle.read().decode().count("\n") == 1 + left
