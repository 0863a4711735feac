"""The one task every job runs as (django-tasks): the worker looks the job's kind up."""

from __future__ import annotations

from django_tasks import task

from heard.jobs import services


@task()
def run_job(job_uuid: str) -> str:
    return services.run(job_uuid)
