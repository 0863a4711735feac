"""heard.jobs' services, policies, selectors and progress, branch by branch."""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from heard.jobs import policies, registry, selectors, services
from heard.jobs.models import Job, Status, result_path
from heard.jobs.progress import EVERY_ROWS, Progress
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db(transaction=True)

KIND = "test_kind"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def runner():
    """A job kind for these tests: what it does is set per test."""
    calls = []

    def run(job, progress):
        calls.append(job.pk)
        return run.then(job, progress)

    run.then = lambda job, progress: None
    run.calls = calls
    registry.register(KIND, run)
    yield run
    registry._RUNNERS.pop(KIND)


def _job(user, **fields):
    return Job.objects.create(requested_by=user, kind=KIND, **fields)


def test_start_needs_a_signed_in_user_and_a_known_kind(officer, runner):
    with pytest.raises(services.JobError):
        services.start(AnonymousUser(), KIND, params={})
    with pytest.raises(KeyError):
        services.start(officer, "no-such-kind", params={})
    job = services.start(officer, KIND, params={"a": 1}, label="x" * 300)
    assert (job.status, len(job.label), str(job)) == (Status.QUEUED, 200, "x" * 200)
    assert KIND in registry.kinds()


def test_a_job_runs_once_and_a_result_is_kept_whole(officer, runner, tmp_path):
    def write(job, progress):
        path = tmp_path / "out.txt"
        path.write_text("done")
        progress.advance(3)
        return registry.Result(path=path, name="out.txt")

    runner.then = write
    job = services.start(officer, KIND, params={})
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == (Status.SUCCEEDED, 3, 3, 1)
    assert job.result.name == f"jobs/{job.uuid}/out.txt" == result_path(job, "out.txt")
    assert not (tmp_path / "out.txt").exists()  # the temporary file is gone once stored
    assert services.run(str(job.uuid)) == "skipped"  # not queued: never run twice
    assert services.claim("00000000-0000-0000-0000-000000000000") is None
    assert runner.calls == [job.pk]


def test_a_run_with_no_file_succeeds_with_none(officer, runner):
    job = _job(officer)
    assert services.run(str(job.uuid)) == Status.SUCCEEDED
    job.refresh_from_db()
    assert (job.result.name, job.result_name) == ("", "")


def test_a_failing_run_keeps_no_file_and_no_personal_data(officer, runner, tmp_path):
    def fail(job, progress):
        (tmp_path / "part").write_text("half")
        raise ValueError("Jane Doe's record is broken")

    runner.then = fail
    job = _job(officer)
    assert services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    assert (job.status, job.error, job.result.name) == (Status.FAILED, "ValueError", "")


def test_a_run_that_lost_its_job_keeps_nothing(officer, runner, tmp_path):
    """Tried again while this run went on (its worker looked dead): the run's file is dropped
    and the job stays with the new attempt."""

    def overtaken(job, progress):
        Job.objects.filter(pk=job.pk).update(status=Status.QUEUED, attempts=job.attempts + 1)
        assert progress.write() is False
        path = tmp_path / "late.txt"
        path.write_text("late")
        return registry.Result(path=path, name="late.txt")

    runner.then = overtaken
    job = _job(officer)
    services.run(str(job.uuid))
    job.refresh_from_db()
    assert (job.status, job.result.name, job.attempts) == (Status.QUEUED, "", 2)
    assert not default_storage.exists(f"jobs/{job.uuid}/late.txt")
    assert not (tmp_path / "late.txt").exists()


def test_try_again_only_for_the_requester_of_a_failed_or_stopped_job(
    officer, lead, runner, settings
):
    job = _job(officer, status=Status.SUCCEEDED)
    with pytest.raises(services.JobError):
        services.try_again(officer, job)
    job = _job(officer, status=Status.FAILED, error="ValueError", attempts=1, done=5)
    with pytest.raises(services.JobError):
        services.try_again(lead, job)
    services.try_again(officer, job)
    job.refresh_from_db()
    assert (job.status, job.error, job.done, job.attempts) == (Status.QUEUED, "", 0, 1)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.SUCCEEDED, 2)


def test_a_running_job_is_stopped_once_its_heartbeat_is_old(officer, settings):
    now = timezone.now()
    job = _job(officer, status=Status.RUNNING, heartbeat_at=now, started_at=now)
    later = now + datetime.timedelta(seconds=policies.STALE_SECONDS + 1)
    assert not policies.is_stale(job, now)
    assert policies.is_stale(job, later)
    assert policies.shown_status(job, later) == Status.STOPPED
    assert policies.is_finished(job, later) and not policies.is_finished(job, now)
    assert policies.can_try_again(officer, job, later) and not policies.can_try_again(
        officer, job, now
    )
    job.heartbeat_at = job.started_at = None  # claimed, never reported: counted from creation
    assert policies.is_stale(job, job.created_at + datetime.timedelta(seconds=121))
    settings.HEARD_JOB_STALE_SECONDS = 10
    assert policies.is_stale(job, job.created_at + datetime.timedelta(seconds=11))
    job.status = Status.QUEUED
    assert not policies.is_stale(job, later) and policies.shown_status(job, later) == "queued"


def test_percent_and_download(officer, lead):
    job = _job(officer, status=Status.RUNNING)
    assert policies.percent(job) is None
    job.total, job.done = 200, 50
    assert policies.percent(job) == 25
    job.done = 300
    assert policies.percent(job) == 100
    job.status = Status.SUCCEEDED
    assert policies.percent(job) == 100
    assert not policies.can_download(officer, job)  # no file
    job.result.name = "jobs/x/y.csv"
    assert policies.can_download(officer, job) and not policies.can_download(lead, job)
    assert not policies.can_download(AnonymousUser(), job)


def test_selectors(officer, lead, admin_user):
    mine, theirs = _job(officer), _job(lead)
    assert list(selectors.jobs_of(officer)) == [mine]
    assert list(selectors.jobs_of(AnonymousUser())) == []
    assert list(selectors.jobs_visible_to(officer)) == [mine]
    assert set(selectors.jobs_visible_to(admin_user)) == {mine, theirs}
    assert selectors.job_of(officer, mine.uuid) == mine
    assert selectors.job_of(officer, theirs.uuid) is None
    assert not policies.sees_every_job(AnonymousUser())


def test_progress_is_written_every_thousand_rows_or_second(officer):
    job = _job(officer, status=Status.RUNNING, attempts=1)
    clock = Clock()
    progress = Progress(job, clock=clock)
    rows = progress.track(range(EVERY_ROWS + 10), total=EVERY_ROWS + 10)
    for _ in range(EVERY_ROWS):  # a row is counted once the next is asked for
        next(rows)
    job.refresh_from_db()
    assert (job.done, job.total) == (0, EVERY_ROWS + 10)  # the total, written at once
    next(rows)
    job.refresh_from_db()
    assert job.done == EVERY_ROWS and job.heartbeat_at is not None
    next(rows)
    clock.now = 1.5  # a second later: written however few rows
    next(rows)
    job.refresh_from_db()
    assert job.done == EVERY_ROWS + 2
    assert len(list(rows)) == 7
    assert list(Progress(job).track([1, 2])) == [1, 2]  # no total given: none written


def test_progress_inside_a_transaction_goes_through_its_own_connection(officer):
    """An export reads PostgreSQL's rows in a transaction; its progress must be seen meanwhile.
    The side connection is used there; elsewhere (and on SQLite) the usual one."""
    job = _job(officer, status=Status.RUNNING, attempts=1)
    progress = Progress(job)
    progress.done = 7
    assert progress._write_aside() is True
    job.refresh_from_db()
    assert job.done == 7
    with transaction.atomic():
        progress.done = 9
        assert progress.write() is True
    progress.close()
    progress.close()
    job.refresh_from_db()
    assert job.done == 9


def test_a_queued_jobs_file_is_not_there_and_try_again_refused_on_the_page(client_for, officer):
    job = _job(officer)
    client = client_for(officer)
    assert (
        client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid})).status_code == 404
    )
    response = client.post(reverse("jobs:job-try-again", kwargs={"job_uuid": job.uuid}))
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert b"cannot be tried again" in page.content


def test_runner_results_are_plain_files(tmp_path):
    result = registry.Result(path=Path(tmp_path / "a"), name="a")
    assert result.name == "a"
