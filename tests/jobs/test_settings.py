"""heard.config.parts.tasks: what the job settings read from the environment, run on a
namespace and an environment of the test's own."""

from __future__ import annotations

from typing import Any

from heard.config.parts import tasks


def configured(**env: str) -> dict[str, Any]:
    settings: dict[str, Any] = {"INSTALLED_APPS": ["heard.core", "django.forms"]}
    tasks.configure(settings, env)
    return settings


def test_nothing_set_keeps_the_database_queue_and_the_defaults():
    settings = configured()
    assert settings["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert settings["HEARD_EXPORT_JOB_THRESHOLD"] == 10_000
    assert settings["HEARD_JOB_STALE_SECONDS"] == 120
    assert settings["HEARD_JOB_RETENTION_DAYS"] == 30
    assert settings["INSTALLED_APPS"][-1] == "django.forms"


def test_the_environment_sets_the_threshold_staleness_and_retention():
    settings = configured(
        HEARD_EXPORT_JOB_THRESHOLD="500", HEARD_JOB_STALE_SECONDS="30", HEARD_JOB_RETENTION_DAYS="7"
    )
    assert settings["HEARD_EXPORT_JOB_THRESHOLD"] == 500
    assert settings["HEARD_JOB_STALE_SECONDS"] == 30
    assert settings["HEARD_JOB_RETENTION_DAYS"] == 7
