"""With REDIS_URL, jobs go to RQ on Redis: an export queued there is run by an RQ worker and its
file arrives, and a worker stops promptly (``heard.jobs.rq_worker``). The tests start their own
redis-server on a unix socket in a temporary directory."""

import shutil
import subprocess
import time

import pytest
from django.urls import reverse
from redis.client import PubSub

from heard.config.parts import tasks as tasks_part
from heard.jobs.models import Job, Status
from heard.jobs.rq_worker import StopsPromptly, Worker
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


@pytest.fixture
def rq_settings(settings, redis_socket):
    settings.RQ_QUEUES = {"default": {"URL": f"unix://{redis_socket}"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    return settings


def test_an_export_runs_on_rq_and_its_file_arrives(rq_settings, client_for, officer):
    import django_rq
    from django_tasks_rq.backend import Job as RQJob
    from rq import SimpleWorker

    class InProcessWorker(StopsPromptly, SimpleWorker):
        """Heard's worker, running the job in this process (its in-memory test database)."""

    rq_settings.HEARD_EXPORT_JOB_THRESHOLD = 2
    factories.YoungPersonFactory.create_batch(3)
    client = client_for(officer)
    response = client.get(reverse("people:young-person-list"), {"format": "csv"})
    assert response.status_code == 303
    job = Job.objects.get()
    queue = django_rq.get_queue("default", job_class=RQJob)
    assert queue.count == 1  # waiting in Redis, not in the database's queue

    worker = InProcessWorker([queue], connection=queue.connection, job_class=RQJob)
    worker.work(burst=True)
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (Status.SUCCEEDED, 3, 3)
    download = client.get(reverse("jobs:job-download", kwargs={"job_uuid": job.uuid}))
    assert len(b"".join(download.streaming_content).decode().splitlines()) == 4


@pytest.fixture
def listener_reads_the_unsubscribe_first(monkeypatch):
    """The race that held a stopping worker for a minute, made certain: the worker's command
    listener reads the reply to its unsubscribe before the worker asks it to stop (as on a
    loaded machine), so it goes back to waiting 60 s for a subscription."""
    unsubscribe = PubSub.unsubscribe

    def unsubscribe_then_pause(self, *args, **kwargs):
        answer = unsubscribe(self, *args, **kwargs)
        time.sleep(0.5)
        return answer

    monkeypatch.setattr(PubSub, "unsubscribe", unsubscribe_then_pause)


def test_a_worker_in_batch_stops_promptly(redis_socket, listener_reads_the_unsubscribe_first):
    """Heard's RQ worker (``heard worker`` runs it: tests/ops/test_two_servers.py), with nothing
    queued, in batch: done within seconds, not the 60 s RQ's own worker waits on its listener
    (61 s in make test before heard.jobs.rq_worker)."""
    from redis import Redis
    from rq import Queue

    connection = Redis(unix_socket_path=str(redis_socket))
    worker = Worker([Queue("default", connection=connection)], connection=connection)
    started = time.monotonic()
    worker.work(burst=True)  # in the main thread: it sets signal handlers
    # A bound on a hang (60 s), not a measure of speed: about 1.5 s here.
    assert time.monotonic() - started < 20
