"""The commands whose progress bars need committed rows: generate and the job worker. Apart from
tests/jobs/test_cli.py because they are transactional: make test sends whole files to its
workers, and a file mixing plain and transactional tests would empty the seeded tables before
other files' plain tests."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

TODAY = datetime.date(2026, 11, 20)


@pytest.mark.django_db(transaction=True)
def test_generate_moves_a_bar_a_step_per_app():
    from heard.demo import generator

    out, err = StringIO(), StringIO()
    call_command("generate", scale="tiny", today=TODAY, stdout=out, stderr=err)
    steps = len(generator.STEPS) + 3
    assert "Generating: 100%" in err.getvalue() and f"{steps}/{steps}" in err.getvalue()
    assert "generated " in out.getvalue() and "Generating:" not in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_heard_worker_runs_the_queued_jobs(officer):
    from heard.jobs import registry, services
    from heard.jobs.models import Job, Status

    registry.register("test_worker", lambda job, progress: progress.advance(2))
    try:
        job = services.start(officer, "test_worker", params={})
        call_command("worker", batch=True, stdout=StringIO(), stderr=StringIO())
    finally:
        registry._RUNNERS.pop("test_worker")
    job.refresh_from_db()
    assert (job.status, job.done) == (Status.SUCCEEDED, 2)
    assert Job.objects.count() == 1
