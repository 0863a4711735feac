"""``heard worker``: run background jobs, on whichever backend the settings chose.

The database backend (the embedded default): django-tasks-db's ``db_worker``. RQ (``REDIS_URL``):
django-rq's ``rqworker`` on Heard's queue with django-tasks-rq's job class and Heard's worker
class (``heard.jobs.rq_worker``: its exit does not wait a minute on its command listener).
``make run`` starts one beside gunicorn (gunicorn.conf.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

RQ_BACKEND = "django_tasks_rq.RQBackend"


class Command(BaseCommand):
    help = "Run background jobs (exports, reports, imports) as they are queued."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="Run every queued job, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        backend = getattr(settings, "TASKS", {})["default"]
        queues = backend.get("QUEUES", ["default"])
        if backend["BACKEND"] == RQ_BACKEND:
            call_command(
                "rqworker",
                *queues,
                job_class="django_tasks_rq.backend.Job",
                worker_class="heard.jobs.rq_worker.Worker",
                burst=options["batch"],
                with_scheduler=False,
            )
            return
        call_command(
            "db_worker",
            queue_name=",".join(queues),
            batch=options["batch"],
            reload=False,
        )
