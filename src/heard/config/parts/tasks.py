"""Background jobs (django-tasks): the database backend by default, RQ on Redis with REDIS_URL.

With nothing set, jobs wait in a table of Heard's own database and ``heard db_worker`` (which
``make run`` starts beside gunicorn) runs them: nothing to install. ``REDIS_URL`` (``redis://``,
``rediss://`` or ``unix://``) sends them to RQ on that Redis instead; ``heard rqworker`` runs
them. Tests (``HEARD_TESTING``) keep the database backend unless a test configures its own.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

#: The queue every Heard job goes to.
QUEUE = "default"


def configure(settings: MutableMapping[str, Any], env: Mapping[str, str]) -> None:
    """Change ``settings`` (the settings module's namespace) for ``env``."""
    apps = settings["INSTALLED_APPS"]
    added = ["django_tasks", "django_tasks_db", "heard.jobs"]
    redis_url = env.get("REDIS_URL", "").strip()
    testing = env.get("HEARD_TESTING", "").strip().lower() in {"1", "true", "yes", "on"}
    use_rq = bool(redis_url) and not testing
    if use_rq:
        added += ["django_rq", "django_tasks_rq"]
    # Before Django's form templates, which must stay last.
    at = apps.index("django.forms") if "django.forms" in apps else len(apps)
    apps[at:at] = [app for app in added if app not in apps]
    if use_rq:
        settings["RQ_QUEUES"] = {QUEUE: {"URL": redis_url, "DEFAULT_TIMEOUT": 6 * 60 * 60}}
        settings["TASKS"] = {
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [QUEUE]},
        }
    else:
        settings["TASKS"] = {
            "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": [QUEUE]},
        }
    #: A list export of more rows than this runs as a job (heard.core.lists).
    settings["HEARD_EXPORT_JOB_THRESHOLD"] = int(env.get("HEARD_EXPORT_JOB_THRESHOLD", "10000"))
    #: A running job whose worker has not reported for this many seconds counts as stopped.
    settings["HEARD_JOB_STALE_SECONDS"] = int(env.get("HEARD_JOB_STALE_SECONDS", "120"))
    #: Finished jobs (and their files) are deleted by ``heard retention`` after this many days.
    settings["HEARD_JOB_RETENTION_DAYS"] = int(env.get("HEARD_JOB_RETENTION_DAYS", "30"))
    #: Database connections a report reads its indicators with, side by side (PostgreSQL only:
    #: heard.core.concurrent); 1 reads them one after the other.
    settings["HEARD_REPORT_THREADS"] = int(env.get("HEARD_REPORT_THREADS", "2"))
