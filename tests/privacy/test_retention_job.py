"""The retention run as a background job (issue 20): started by programme staff or by
``heard retention --background`` (a system job), run by the worker with its progress counted in
young people, its file the references anonymised (never a name); killed mid-run, tried again,
it anonymises each young person once."""

import csv
import datetime
import io
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from heard.core.models import AuditEntry
from heard.jobs import policies
from heard.jobs import services as jobs
from heard.jobs.models import Job, Status
from heard.jobs.progress import Progress
from heard.people.models import YoungPerson
from heard.privacy import events, retention_job
from heard.privacy.models import Anonymisation
from tests import factories
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db(transaction=True)

OLD = datetime.datetime(2018, 1, 1, tzinfo=datetime.UTC)
DUE = 5


def _due_people(count: int = DUE) -> list[YoungPerson]:
    with time_machine.travel(OLD):
        return [factories.YoungPersonFactory() for _ in range(count)]


def _rows(job: Job) -> list[list[str]]:
    with job.result.open("rb") as handle:
        return list(csv.reader(io.StringIO(handle.read().decode())))


def test_programme_staff_start_it_and_the_worker_anonymises_with_progress(officer):
    people = _due_people()
    recent = factories.YoungPersonFactory()
    job = retention_job.start(officer)
    assert (job.kind, job.requested_by, job.status) == ("retention", officer, Status.QUEUED)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.attempts) == (Status.SUCCEEDED, DUE, DUE, 1)
    assert Anonymisation.objects.filter(reason="retention").count() == DUE
    recent.refresh_from_db()
    assert recent.first_name != "Anonymised"
    rows = _rows(job)
    assert rows[0] == ["reference", "last_involvement"]
    assert sorted(row[0] for row in rows[1:]) == sorted(p.reference for p in people)
    text = "".join(",".join(row) for row in rows)
    for person in people:  # never a name in the file
        assert person.first_name not in text and person.last_name not in text
    assert job.result_name == f"retention-{timezone.localdate().isoformat()}.csv"
    assert policies.can_download(officer, job)


def test_a_run_with_no_one_due_succeeds_with_an_empty_file(officer):
    factories.YoungPersonFactory()
    job = retention_job.start(officer)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.SUCCEEDED, 0, 0)
    assert _rows(job) == [["reference", "last_involvement"]]


@pytest.mark.parametrize(
    "role", ["theme_lead", "partner_worker", "safeguarding_lead", "board_member"]
)
def test_only_programme_staff_start_it(request, role):
    user = request.getfixturevalue(role)
    _due_people(1)
    with pytest.raises(PermissionDenied):
        retention_job.start(user)
    assert not Job.objects.exists()
    with pytest.raises(jobs.JobError):
        retention_job.start(None)  # Heard itself starts system jobs only through start_system


def test_the_command_queues_a_system_job_with_background(admin_user, officer):
    _due_people(2)
    out = StringIO()
    call_command("retention", "--background", stdout=out)
    job = Job.objects.get()
    assert out.getvalue().strip() == f"Retention queued as background job {job.uuid}."
    assert job.requested_by is None and policies.is_system(job)
    assert Anonymisation.objects.count() == 0  # nothing ran inline
    started = AuditEntry.objects.get(event="job.started")
    assert (started.actor_id, started.on_behalf_of_id) == (None, None)
    assert started.metadata == {"kind": "retention", "system": True}
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.done) == (Status.SUCCEEDED, 2)
    # An administrator looks after a system job; its requester would, but there is none.
    assert policies.can_download(admin_user, job)
    assert not policies.can_download(officer, job)


def test_background_and_dry_run_do_not_go_together():
    with pytest.raises(CommandError, match="--dry-run runs at once"):
        call_command("retention", "--background", "--dry-run", stdout=StringIO())
    assert not Job.objects.exists()


def test_the_command_inline_still_runs_at_once():
    _due_people(2)
    out = StringIO()
    call_command("retention", stdout=out, stderr=StringIO())
    assert "2 young people anonymised" in out.getvalue()
    assert not Job.objects.exists()


class Killed(BaseException):
    """What a worker killed mid-job amounts to here: the run stops where it is, no handler of
    the job's runs (nothing finishes the job)."""


def test_a_run_killed_halfway_is_tried_again_and_anonymises_each_one_once(
    officer, monkeypatch, settings
):
    people = _due_people()
    job = retention_job.start(officer)
    advance = Progress.advance

    def killed_after_two(self, rows=1):
        advance(self, rows)
        if self.done >= 2:
            raise Killed

    monkeypatch.setattr(Progress, "advance", killed_after_two)
    with pytest.raises(Killed):
        jobs.run(str(job.uuid))  # what the worker's task does, killed mid-way
    monkeypatch.setattr(Progress, "advance", advance)
    job.refresh_from_db()
    assert job.status == Status.RUNNING and not job.result  # no partial result shown as done
    assert Anonymisation.objects.count() == 2  # each one anonymised in a transaction of its own
    settings.HEARD_JOB_STALE_SECONDS = 0
    assert policies.shown_status(job, timezone.now() + datetime.timedelta(seconds=1)) == "stopped"
    assert policies.can_try_again(officer, job, timezone.now() + datetime.timedelta(seconds=1))
    jobs.try_again(officer, job)
    run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.done, job.total) == (
        Status.SUCCEEDED,
        2,
        DUE - 2,
        DUE - 2,
    )
    # Everyone anonymised once: no one counted twice, none left.
    assert Anonymisation.objects.count() == DUE
    assert AuditEntry.objects.filter(event=events.YOUNG_PERSON_ANONYMISED.name).count() == DUE
    assert len(_rows(job)) - 1 == DUE - 2
    assert {p.reference for p in people} == set(
        Anonymisation.objects.values_list("young_person__reference", flat=True)
    )
    assert AuditEntry.objects.filter(event="job.retried").count() == 1
