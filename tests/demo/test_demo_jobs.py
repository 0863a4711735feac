"""``heard load_demo --background`` and ``heard generate --scale S --background`` (issue 20):
each queues a system job the worker runs with its progress, instead of running inline."""

from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from heard.demo import demo_job, generator
from heard.demo.loader import is_loaded
from heard.jobs.models import Job, Status
from heard.people.models import YoungPerson
from tests.demo.test_generator import NOW, TODAY
from tests.jobs.helpers import run_queued_jobs

pytestmark = pytest.mark.django_db(transaction=True)

TINY = generator.SCALES["tiny"]


def test_generate_in_the_background_runs_in_the_worker_with_progress():
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("generate", scale="tiny", today=TODAY, background=True, stdout=out)
        job = Job.objects.get()
        assert out.getvalue().strip() == f"Generating queued as background job {job.uuid}."
        assert not YoungPerson.objects.exists()  # nothing ran inline
        assert (job.kind, job.requested_by, job.params) == (
            demo_job.GENERATE,
            None,
            {"scale": "tiny", "seed": 1, "today": TODAY.isoformat()},
        )
        run_queued_jobs()
    job.refresh_from_db()
    steps = len(generator.STEPS) + 3
    assert (job.status, job.done, job.total, job.error) == (Status.SUCCEEDED, steps, steps, "")
    assert YoungPerson.objects.count() == TINY.young_people
    with pytest.raises(CommandError, match="never empties a database"):
        call_command("generate", scale="tiny", background=True, force=True, stdout=StringIO())
    assert Job.objects.count() == 1


def test_a_generator_job_refuses_a_database_filled_since_it_was_queued():
    with time_machine.travel(NOW, tick=False):
        job = demo_job.start_generate(scale="tiny", today=TODAY)
        call_command("generate", scale="tiny", today=TODAY, stdout=StringIO(), stderr=StringIO())
        people = set(YoungPerson.objects.values_list("reference", flat=True))
        run_queued_jobs()
    job.refresh_from_db()
    assert (job.status, job.error) == (Status.FAILED, "GeneratorRefused")
    assert set(YoungPerson.objects.values_list("reference", flat=True)) == people


def test_load_demo_in_the_background_loads_it_in_the_worker():
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo", background=True, stdout=out)
        job = Job.objects.get()
        assert out.getvalue().strip() == f"Demo partnership queued as background job {job.uuid}."
        assert not is_loaded()
        run_queued_jobs()
    job.refresh_from_db()
    assert (job.kind, job.requested_by) == (demo_job.LOAD_DEMO, None)
    assert (job.status, job.done, job.total) == (Status.SUCCEEDED, 1, 1)
    assert is_loaded()
