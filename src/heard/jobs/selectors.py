"""Reads of jobs: a user's own, one of them, and every job for an administrator."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.jobs import policies
from heard.jobs.models import Job


def jobs_of(user: Any) -> QuerySet[Job]:
    """The jobs ``user`` asked for, newest first."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(requested_by=user).select_related("requested_by")


def jobs_visible_to(user: Any) -> QuerySet[Job]:
    """The jobs listed for ``user``: an administrator's list has everyone's."""
    if policies.sees_every_job(user):
        return Job.objects.select_related("requested_by")
    return jobs_of(user)


def job_of(user: Any, job_uuid: Any) -> Job | None:
    """One of ``user``'s own jobs, or None (another's job is as if it did not exist)."""
    return jobs_of(user).filter(uuid=job_uuid).first()
