"""A worker killed (``kill -9``) in the middle of an import job leaves nothing imported and the
job not done: it shows as stopped with "Try again", which imports the whole file once.

A real ``heard db_worker`` process runs the young people's import job; it is killed once the
import's own transaction is open (on SQLite: the database's write lock is held after the job
reported its total; on PostgreSQL: the worker holds a write lock on the young people's table).
Nothing is mocked or slowed down: the file is long enough to take a while.
"""

import sqlite3
import time

import pytest
from django.urls import reverse

from heard.jobs import imports
from heard.jobs.models import Job, Status
from heard.people import import_job
from heard.people.models import YoungPerson
from tests.jobs.helpers import run_queued_jobs
from tests.jobs.workers import WorkerDatabase, kill_when, start_worker

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 6000

WRITING_PEOPLE = (
    "SELECT count(*) FROM pg_locks JOIN pg_class ON pg_locks.relation = pg_class.oid "
    "WHERE pg_class.relname = 'people_youngperson' AND pg_locks.mode = 'RowExclusiveLock'"
)


def _file(organisation) -> str:
    rows = "".join(f"Writer{n},Example,14 to 15,{organisation.name}\n" for n in range(ROWS))
    return "first_name,last_name,age_band,organisation\n" + rows


def _importing(database: WorkerDatabase) -> bool:
    """The import's transaction is open in the worker."""
    if database.file is None:
        return bool(database.query(WRITING_PEOPLE)[0])
    probe = sqlite3.connect(database.file, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # locked: the worker is writing
        return True
    else:
        probe.execute("ROLLBACK")
        return False
    finally:
        probe.close()


def _wait_for_the_import(database: WorkerDatabase, job: Job, worker) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        status, total = database.query(
            "SELECT status, total FROM jobs_job WHERE id = %s", (job.pk,)
        )
        assert status in {Status.QUEUED, Status.RUNNING}, status
        assert worker.poll() is None, worker.stdout.read().decode()[-2000:]
        if status == Status.RUNNING and total == ROWS and _importing(database):
            return
        time.sleep(0.01)
    pytest.fail("the worker did not start the import in 3 minutes")


def test_an_import_killed_halfway_keeps_nothing_and_runs_whole_again(
    settings, client_for, officer, organisation, tmp_path
):
    job = imports.start(
        officer, import_job.YOUNG_PEOPLE_IMPORT, upload=_file(organisation), label="Import"
    )
    database = WorkerDatabase(tmp_path)
    worker = start_worker(database.env())
    kill_when(worker, lambda: _wait_for_the_import(database, job, worker))

    database.take_back()
    job.refresh_from_db()
    assert not YoungPerson.objects.exists()
    # Progress is written through a connection of its own as chunks are written, so the kill
    # may land after some were counted: never all of them, and nothing of the file is in.
    assert (job.status, job.total, job.attempts) == (Status.RUNNING, ROWS, 1)
    assert job.done < ROWS
    client = client_for(officer)
    url = reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    settings.HEARD_JOB_STALE_SECONDS = 0  # no heartbeat since: stopped
    page = client.get(url).content.decode()
    assert "Stopped" in page and "Try again" in page and "Done" not in page

    assert (
        client.post(reverse("jobs:job-try-again", kwargs={"job_uuid": job.uuid})).status_code == 303
    )
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == (Status.SUCCEEDED, ROWS, ROWS, 2)
    assert YoungPerson.objects.count() == ROWS
    assert "Done" in client.get(url).content.decode()
