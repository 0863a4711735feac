"""System jobs (issue 20): started by a command (``--background``), requested by no one. Only
administrators see them: in the jobs list, their page, their file, and trying them again."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from heard.core.models import AuditEntry
from heard.jobs import policies, registry, services
from heard.jobs.models import Job, Status
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db(transaction=True)

KIND = "test_system_kind"


@pytest.fixture
def runner(tmp_path: Path):
    def run(job, progress):
        progress.set_total(2)
        progress.advance(2)
        path = tmp_path / "out.csv"
        path.write_text("reference\nYP-1\n")
        return registry.Result(path=path, name="out.csv")

    registry.register(KIND, run, system=True)
    yield run
    registry._RUNNERS.pop(KIND)
    registry._SYSTEM.discard(KIND)


def test_a_system_job_is_audited_as_heard_s_own_and_runs(runner):
    with pytest.raises(KeyError):
        services.start_system("no-such-kind", params={})
    job = services.start_system(KIND, params={"a": 1}, label="Nightly")
    assert (job.requested_by, job.status) == (None, Status.QUEUED)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.SUCCEEDED, 2, 2)
    entries = AuditEntry.objects.filter(object_id=str(job.pk)).order_by("at", "pk")
    assert [e.event for e in entries] == ["job.started", "job.finished"]
    assert {(e.actor_id, e.on_behalf_of_id) for e in entries} == {(None, None)}


def test_only_administrators_see_it_its_page_and_its_file(runner, client_for, admin_user, officer):
    job = services.start_system(KIND, params={}, label="Nightly")
    run_queued_jobs()
    detail = reverse("jobs:job-detail", kwargs={"job_uuid": job.uuid})
    download = reverse("jobs:job-download", kwargs={"job_uuid": job.uuid})
    admin = client_for(admin_user)
    listed = admin.get(reverse("jobs:job-list")).content.decode()
    assert "Heard (command line)" in listed and detail in listed
    assert admin.get(detail).status_code == 200
    assert admin.get(download).status_code == 200
    other = client_for(officer)
    assert "Nightly" not in other.get(reverse("jobs:job-list")).content.decode()
    assert other.get(detail).status_code == 404
    assert other.get(download).status_code == 404


def test_an_administrator_tries_a_stopped_system_job_again(runner, admin_user, officer, settings):
    job = services.start_system(KIND, params={}, label="Nightly")
    Job.objects.filter(pk=job.pk).update(
        status=Status.RUNNING, attempts=1, heartbeat_at=timezone.now() - datetime.timedelta(hours=1)
    )
    job.refresh_from_db()
    assert policies.shown_status(job) == Status.STOPPED
    assert not policies.can_try_again(officer, job)
    with pytest.raises(services.JobError):
        services.try_again(officer, job)
    services.try_again(admin_user, job)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.SUCCEEDED, 2)
    retried = AuditEntry.objects.get(event="job.retried", object_id=str(job.pk))
    assert retried.actor_id == admin_user.pk


def test_only_a_kind_registered_for_it_runs_as_a_system_job(runner):
    """An import, an export or a report runs as its requester: never as Heard itself."""
    registry.register("test_user_kind", lambda job, progress: None)
    try:
        assert registry.runs_as_system(KIND) and not registry.runs_as_system("test_user_kind")
        with pytest.raises(services.JobError):
            services.start_system("test_user_kind", params={})
        for kind in ("export", "report_pdf", "young_people_import", "sessions_import"):
            assert kind in registry.kinds() and not registry.runs_as_system(kind)
        for kind in ("retention", "load_demo", "generate"):
            assert registry.runs_as_system(kind)
    finally:
        registry._RUNNERS.pop("test_user_kind")
    assert not Job.objects.exists()
