"""A job's audit entries (job.started, job.finished, job.failed, job.retried), the "Your jobs"
link in the navigation, and the pruning of finished jobs' rows and files by ``heard retention``."""

import datetime
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from heard.core import events as core_events
from heard.core.models import AuditEntry
from heard.jobs import events, registry, retention, services
from heard.jobs.models import Job, Status

pytestmark = pytest.mark.django_db

KIND = "test_audited"
NOW = timezone.now()


@pytest.fixture
def runner():
    outcome = {"fail": False}

    def run(job, progress):
        progress.advance(3)
        if outcome["fail"]:
            raise ValueError("Jane Doe's row")  # never written anywhere

    registry.register(KIND, run)
    yield outcome
    registry._RUNNERS.pop(KIND)


def _entries(job):
    entries = AuditEntry.objects.filter(object_type="jobs.job", object_id=str(job.pk))
    return list(entries.order_by("pk"))


def _lines(job):
    return [core_events.read(entry, Job, {}) for entry in _entries(job)]


def test_a_jobs_life_is_audited_in_words(officer, runner):
    job = services.start(officer, KIND, params={}, label="Sessions export")
    runner["fail"] = True
    assert services.run(str(job.uuid)) == Status.FAILED
    job.refresh_from_db()
    services.try_again(officer, job)
    runner["fail"] = False
    assert services.run(str(job.uuid)) == Status.SUCCEEDED
    started, failed, retried, finished = _entries(job)
    assert [e.event for e in (started, failed, retried, finished)] == [
        events.STARTED,
        events.FAILED,
        events.RETRIED,
        events.FINISHED,
    ]
    assert (started.actor, started.on_behalf_of, started.object_label) == (
        officer,
        None,
        "Sessions export",
    )
    assert (retried.actor, retried.metadata) == (officer, {"attempts": 1})
    # What the worker did, it did for the requester.
    assert (failed.actor, failed.on_behalf_of) == (None, officer)
    assert (finished.actor, finished.on_behalf_of) == (None, officer)
    assert failed.metadata == {"attempt": 1, "done": 3, "error": "ValueError"}
    assert "Jane" not in str(failed.metadata)
    assert [(line.what, line.detail) for line in _lines(job)] == [
        ("Started a background job", "Kind: Test audited"),
        ("Background job failed", "Attempt 1 failed (ValueError) after 3 done; nothing kept"),
        ("Background job tried again", "After 1 attempt(s)"),
        ("Background job finished", "Attempt 2: 3 done"),
    ]


def test_a_run_that_lost_its_job_writes_no_entry(officer):
    def overtaken(job, progress):
        Job.objects.filter(pk=job.pk).update(status=Status.QUEUED, attempts=job.attempts + 1)

    registry.register(KIND, overtaken)
    try:
        job = Job.objects.create(requested_by=officer, kind=KIND)
        services.run(str(job.uuid))
    finally:
        registry._RUNNERS.pop(KIND)
    assert _entries(job) == []


def test_listening_twice_records_once(officer, runner):
    listener = events._listeners[0]
    events.listen(listener)
    services.start(officer, KIND, params={})
    assert AuditEntry.objects.filter(event=events.STARTED).count() == 1


@pytest.mark.parametrize("role", ["officer", "board_member", "partner_worker"])
def test_your_jobs_is_in_every_staff_members_navigation(client_for, request, role):
    client = client_for(request.getfixturevalue(role))
    link = f'href="{reverse("jobs:job-list")}"'
    assert link in client.get(reverse("home")).content.decode()
    page = client.get(reverse("jobs:job-list")).content.decode()
    assert f'{link} aria-current="page"' in page


def _old(officer, status, days, **fields):
    moment = NOW - datetime.timedelta(days=days)
    job = Job.objects.create(requested_by=officer, kind=KIND, status=status, **fields)
    stamp = {"finished_at": moment} if status != Status.RUNNING else {"heartbeat_at": moment}
    Job.objects.filter(pk=job.pk).update(**stamp)
    return job


def test_finished_jobs_and_their_files_are_pruned_after_the_retention_period(officer, settings):
    name = default_storage.save("jobs/old/export.csv", ContentFile(b"a,b\n"))
    old_file = _old(officer, Status.SUCCEEDED, 31, result=name, result_name="export.csv")
    old_failure = _old(officer, Status.FAILED, 31)
    stopped = _old(officer, Status.RUNNING, 31)
    recent = _old(officer, Status.SUCCEEDED, 29)
    running = _old(officer, Status.RUNNING, 0)
    queued = Job.objects.create(requested_by=officer, kind=KIND)
    Job.objects.filter(pk=queued.pk).update(created_at=NOW - datetime.timedelta(days=100))

    counted = retention.prune(now=NOW, dry_run=True)
    assert (counted.jobs, counted.files) == (3, 1)
    assert Job.objects.count() == 6 and default_storage.exists(name)
    pruned = retention.prune(now=NOW)
    assert (pruned.jobs, pruned.files, pruned.cutoff) == (3, 1, NOW - datetime.timedelta(30))
    assert not default_storage.exists(name)
    left = set(Job.objects.values_list("pk", flat=True))
    assert left == {recent.pk, running.pk, queued.pk}
    assert not {old_file.pk, old_failure.pk, stopped.pk} & left
    settings.HEARD_JOB_RETENTION_DAYS = 7
    assert retention.prune(now=NOW).jobs == 1  # the one finished 29 days ago


def test_the_retention_command_prunes_jobs(officer):
    _old(officer, Status.SUCCEEDED, 40)
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out, stderr=StringIO())
    assert "Background jobs finished before" in out.getvalue()
    assert ": 1 job and 0 files would be deleted." in out.getvalue()
    assert Job.objects.count() == 1
    out = StringIO()
    call_command("retention", stdout=out, stderr=StringIO())
    assert ": 1 job and 0 files deleted." in out.getvalue()
    assert not Job.objects.exists()
