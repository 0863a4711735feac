"""Running queued jobs in the test's own process, as ``heard db_worker --batch`` does."""

from __future__ import annotations

from django.core.management import call_command


def run_queued_jobs() -> None:
    """Every queued task, through django-tasks' database backend and its real worker loop."""
    call_command(
        "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
    )
