"""Who may see a job, its file and try it again; whether a running job has stopped."""

from __future__ import annotations

import datetime
from typing import Any

import rules
from django.conf import settings
from django.utils import timezone

from heard.jobs.models import Job, Status

#: Administrators see every job in the list (never another's file; a system job's page and
#: file too): heard.core.rules gives this.
VIEW_EVERY_JOB = "jobs.view_every_job"
#: Seconds without a heartbeat after which a running job counts as stopped (the setting
#: HEARD_JOB_STALE_SECONDS, heard.config.parts.tasks, changes it).
STALE_SECONDS = 120


def is_requester(user: Any, job: Job) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and job.requested_by_id == user.pk


def sees_every_job(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and rules.has_perm(VIEW_EVERY_JOB, user)


def is_system(job: Job) -> bool:
    """A job a command started (``--background``): no one requested it."""
    return job.requested_by_id is None


def answers_for(user: Any, job: Job) -> bool:
    """``user`` looks after ``job``: its requester, or an administrator for a system job (its
    page, its file, trying it again)."""
    return is_requester(user, job) or (is_system(job) and sees_every_job(user))


def is_stale(job: Job, now: datetime.datetime | None = None) -> bool:
    """A running job whose worker has not reported for ``HEARD_JOB_STALE_SECONDS``: killed."""
    if job.status != Status.RUNNING:
        return False
    last = job.heartbeat_at or job.started_at or job.created_at
    seconds = getattr(settings, "HEARD_JOB_STALE_SECONDS", STALE_SECONDS)
    limit = datetime.timedelta(seconds=seconds)
    return (now or timezone.now()) - last > limit


def shown_status(job: Job, now: datetime.datetime | None = None) -> str:
    """The status the page shows: a stale running job shows as stopped."""
    return Status.STOPPED if is_stale(job, now) else job.status


def is_finished(job: Job, now: datetime.datetime | None = None) -> bool:
    """Nothing more will happen without the requester: the page stops refreshing."""
    return shown_status(job, now) in {Status.SUCCEEDED, Status.FAILED, Status.STOPPED}


def can_download(user: Any, job: Job) -> bool:
    return answers_for(user, job) and job.status == Status.SUCCEEDED and bool(job.result)


def can_try_again(user: Any, job: Job, now: datetime.datetime | None = None) -> bool:
    return answers_for(user, job) and shown_status(job, now) in {Status.FAILED, Status.STOPPED}


def percent(job: Job) -> int | None:
    """How far the job is, 0-100; None while its total is unknown."""
    if job.status == Status.SUCCEEDED:
        return 100
    if not job.total:
        return None
    return min(100, job.done * 100 // job.total)
