"""With REDIS_URL, jobs go to RQ on Redis: an export queued there is run by an RQ worker and its
file arrives. The test starts its own redis-server on a unix socket in a temporary directory."""

import shutil
import subprocess
import time

import pytest
from django.urls import reverse

from heard.config.parts import tasks as tasks_part
from heard.jobs.models import Job, Status
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def redis_socket(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed: the RQ backend is not tested")
    socket = tmp_path / "redis.sock"
    process = subprocess.Popen(  # noqa: S603 - a fixed command
        [server, "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not socket.exists():
            assert process.poll() is None, "redis-server stopped"
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        yield socket
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_settings_choose_rq_with_redis_url_outside_tests():
    settings = {"INSTALLED_APPS": ["heard.core", "django.forms"]}
    tasks_part.configure(settings, {"REDIS_URL": "unix:///tmp/r.sock"})
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert settings["RQ_QUEUES"]["default"]["URL"] == "unix:///tmp/r.sock"
    assert settings["INSTALLED_APPS"][-1] == "django.forms"
    assert {"django_rq", "django_tasks_rq", "django_tasks_db", "heard.jobs"} <= set(
        settings["INSTALLED_APPS"]
    )
    embedded = {"INSTALLED_APPS": []}
    tasks_part.configure(embedded, {"HEARD_EXPORT_JOB_THRESHOLD": "5"})
    assert embedded["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert embedded["HEARD_EXPORT_JOB_THRESHOLD"] == 5
    testing = {"INSTALLED_APPS": []}
    tasks_part.configure(testing, {"REDIS_URL": "redis://x", "HEARD_TESTING": "1"})
    assert testing["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def test_an_export_runs_on_rq_and_its_file_arrives(settings, redis_socket, client_for, officer):
    import django_rq
    from django_tasks_rq.backend import Job as RQJob
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": f"unix://{redis_socket}"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.HEARD_EXPORT_JOB_THRESHOLD = 2
    factories.YoungPersonFactory.create_batch(3)
    client = client_for(officer)
    response = client.get(reverse("people:young-person-list"), {"format": "csv"})
    assert response.status_code == 303
    job = Job.objects.get()
    queue = django_rq.get_queue("default", job_class=RQJob)
    assert queue.count == 1  # waiting in Redis, not in the database's queue

    worker = SimpleWorker([queue], connection=queue.connection, job_class=RQJob)
    worker.work(burst=True)
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.SUCCEEDED, 3, 3)
    download = client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid}))
    assert len(b"".join(download.streaming_content).decode().splitlines()) == 4
