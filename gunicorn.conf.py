"""gunicorn's settings for `make run` and the benchmark (bench/run.py): one place, so the bench
measures exactly what `make run` serves. Each can be changed from the environment."""

import gc
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WORKERS", "3"))
# Threaded workers: a long CSV export streams on one thread while the worker's heartbeat goes on,
# so it is not killed after `timeout` as a sync worker is (bench/README.md, findings).
worker_class = "gthread"
threads = int(os.environ.get("THREADS", "4"))
timeout = int(os.environ.get("TIMEOUT", "120"))
# No keep-alive: a threaded worker keeps every connection it accepts, and with keep-alive a burst
# of clients (a proxy's pool, the benchmark's 32) could all land on one worker, which then serves
# them on one core (its GIL) while the others idle. Measured on the national data (bench/README.md,
# findings): the mixed workload at 35.8 requests a second with 66% of the machine busy, one worker
# doing 98% of the work; closing after each response spreads every request over the workers
# (53-55 a second, 99% busy, the workers within 3% of each other). The floor loses 3%.
keepalive = int(os.environ.get("KEEPALIVE", "0"))
accesslog = "-"
# Path only, never the query string: searches can carry names (no personal data in logs).
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(L)ss'


#: Allocations between collections of Python's youngest generation (the default is 700).
GC_THRESHOLD = int(os.environ.get("GC_THRESHOLD", "10000"))


def post_worker_init(worker: object) -> None:
    """Once a worker has loaded Heard: move everything loaded so far (Django, the URL conf, the
    templates ...) out of the garbage collector's sight, and collect the youngest generation less
    often. An API list allocates tens of thousands of objects; each collection then walked the
    whole application. Measured in-process on the national data (GET /api/v1/responses/, 40
    runs): p95 217 ms as it was, 170 ms frozen, 110 ms frozen with this threshold, 97 ms with no
    collection at all; the median is unchanged (86-93 ms)."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


# --- Background jobs (heard.jobs) ----------------------------------------------------------------
# `make run` serves with a job worker beside the web workers: the master starts `heard worker`
# (the database backend by default, RQ with REDIS_URL) once it is ready and stops it as it exits,
# so exports, reports and imports run with nothing else to start. HEARD_JOB_WORKERS=0 when the
# workers run elsewhere (their own service, `heard worker`).
JOB_WORKERS = int(os.environ.get("HEARD_JOB_WORKERS", "1"))
_job_workers: list = []


def when_ready(server: object) -> None:
    import subprocess
    import sys
    from pathlib import Path

    heard = str(Path(sys.executable).with_name("heard"))
    for _ in range(JOB_WORKERS):
        _job_workers.append(subprocess.Popen([heard, "worker"]))  # noqa: S603 - our command


def on_exit(server: object) -> None:
    import subprocess

    for worker in _job_workers:
        worker.terminate()  # db_worker finishes nothing half: a stopped job is tried again
    for worker in _job_workers:
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()


# Operations (heard.config.parts.operations): with LOG_FORMAT=json, the default outside `make`,
# gunicorn's own lines and its access log are JSON lines too, as Heard's are: the access log's
# have the method, the path (never the query string), the status, the milliseconds and the
# request id Heard answered with (X-Request-ID), so a request's lines can all be found.
if os.environ.get("LOG_FORMAT", "json").strip().lower() == "json":
    logconfig_dict = {
        "root": {"level": "INFO", "handlers": ["console"]},
        "formatters": {
            "json": {"()": "heard.core.logging.JsonFormatter"},
            "access": {"()": "heard.core.logging.AccessJsonFormatter"},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "json"},
            "error_console": {"class": "logging.StreamHandler", "formatter": "json"},
            "access_console": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            name: {"level": "INFO", "handlers": [handler], "propagate": False}
            for name, handler in (
                ("gunicorn.error", "error_console"),
                ("gunicorn.access", "access_console"),
            )
        },
    }
