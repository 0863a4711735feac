"""Pruning finished jobs: a job's row and its file are kept ``HEARD_JOB_RETENTION_DAYS`` (30)
days after it finished, then deleted by ``heard retention``. A stopped job (its worker gone)
counts from its last heartbeat; a queued job is never pruned.

Its audit entries stay: the log is append-only, and they hold no personal data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet
from django.utils import timezone

from heard.jobs.models import Job, Status

#: Days a finished job is kept unless ``HEARD_JOB_RETENTION_DAYS`` says otherwise.
RETENTION_DAYS = 30


@dataclass(frozen=True)
class Pruned:
    cutoff: datetime.datetime
    jobs: int
    files: int


def cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    days = int(getattr(settings, "HEARD_JOB_RETENTION_DAYS", RETENTION_DAYS))
    return (now or timezone.now()) - datetime.timedelta(days=days)


def due(before: datetime.datetime) -> QuerySet[Job]:
    """Jobs finished (or last heard of, for a running one) before ``before``."""
    finished = Q(status__in=[Status.SUCCEEDED, Status.FAILED], finished_at__lt=before)
    gone = Q(status=Status.RUNNING, heartbeat_at__lt=before)
    return Job.objects.filter(finished | gone)


def prune(*, now: datetime.datetime | None = None, dry_run: bool = False) -> Pruned:
    """Delete the jobs past their retention period and their files (or count them)."""
    before = cutoff(now)
    jobs = list(due(before).only("pk", "result"))
    files = [str(job.result.name) for job in jobs if job.result]
    if not dry_run:
        for name in files:
            default_storage.delete(name)
        Job.objects.filter(pk__in=[job.pk for job in jobs]).delete()
    return Pruned(cutoff=before, jobs=len(jobs), files=len(files))
