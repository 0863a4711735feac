"""Writes to jobs: start one, run it (claim, progress, result), try a stopped or failed one again.

A run's result is attached only when the run is complete, in one step with its status: a worker
killed mid-job leaves the job running with an old heartbeat and no file (``policies.is_stale``).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.jobs import events, policies, registry
from heard.jobs.models import Job, Status
from heard.jobs.progress import Progress

logger = logging.getLogger(__name__)


class JobError(Exception):
    """A job cannot be started or tried again as asked."""


def _enqueue(job: Job) -> None:
    from heard.jobs.tasks import run_job

    transaction.on_commit(lambda: run_job.enqueue(str(job.uuid)))


def start(user: Any, kind: str, *, params: dict[str, Any], label: str = "") -> Job:
    """A new job of ``kind`` for ``user``, queued for a worker once this transaction commits."""
    if not getattr(user, "is_authenticated", False):
        raise JobError(_("Only a signed-in user starts a job."))
    registry.runner_for(kind)  # KeyError for a kind nothing runs
    with transaction.atomic():
        job = Job.objects.create(requested_by=user, kind=kind, params=params, label=label[:200])
        events.tell(events.STARTED, job, actor=user, metadata={"kind": kind})
        _enqueue(job)
    return job


def start_system(kind: str, *, params: dict[str, Any], label: str = "") -> Job:
    """A new system job of ``kind``, requested by no one: one a command starts
    (``heard retention --background``). Only administrators see it (``policies``); its
    ``job.started`` entry is Heard's own."""
    registry.runner_for(kind)  # KeyError for a kind nothing runs
    if not registry.runs_as_system(kind):
        raise JobError(_("This kind of job runs only for a signed-in user."))
    with transaction.atomic():
        job = Job.objects.create(requested_by=None, kind=kind, params=params, label=label[:200])
        events.tell(events.STARTED, job, metadata={"kind": kind, "system": True})
        _enqueue(job)
    return job


def try_again(user: Any, job: Job) -> Job:
    """Queue ``job`` again: only its requester, only when it failed or stopped."""
    if not policies.can_try_again(user, job):
        raise JobError(_("This job cannot be tried again."))
    with transaction.atomic():
        job.status, job.done, job.total, job.error = Status.QUEUED, 0, None, ""
        job.started_at = job.finished_at = job.heartbeat_at = None
        job.save(
            update_fields=[
                "status",
                "done",
                "total",
                "error",
                "started_at",
                "finished_at",
                "heartbeat_at",
            ]
        )
        events.tell(events.RETRIED, job, actor=user, metadata={"attempts": job.attempts})
        _enqueue(job)
    return job


def claim(job_uuid: str) -> Job | None:
    """Mark the queued job running for this run (its next attempt); None when it is not queued
    (already run, or claimed by another worker)."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(uuid=job_uuid).first()
        if job is None or job.status != Status.QUEUED:
            return None
        now = timezone.now()
        job.status, job.started_at, job.heartbeat_at = Status.RUNNING, now, now
        job.attempts += 1
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts"])
    return job


def run(job_uuid: str) -> str:
    """Run the job (a worker's task): its status at the end."""
    job = claim(job_uuid)
    if job is None:
        return "skipped"
    progress = Progress(job)
    try:
        result = registry.runner_for(job.kind)(job, progress)
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job.uuid, job.kind)
        _finish(job, Status.FAILED, progress, error=type(exc).__name__)
        return Status.FAILED
    finally:
        progress.close()
    _finish(job, Status.SUCCEEDED, progress, result=result)
    return Status.SUCCEEDED


def _finish(
    job: Job,
    status: Status,
    progress: Progress,
    *,
    result: registry.Result | None = None,
    error: str = "",
) -> None:
    """Store the result and the final status in one step, if this run still owns the job."""
    stored = ""
    try:
        if result is not None:
            with result.path.open("rb") as handle:
                stored = default_storage.save(f"jobs/{job.uuid}/{result.name}", File(handle))
        with transaction.atomic():
            owned = Job.objects.select_for_update().filter(
                pk=job.pk, attempts=job.attempts, status=Status.RUNNING
            )
            # A finished job is complete: what it did is its total.
            total = progress.done if status == Status.SUCCEEDED else progress.total
            kept = {}
            if status == Status.SUCCEEDED and "upload" in job.params:
                # An import's file is the job's only until its rows are in (heard.jobs.imports).
                kept["params"] = {k: v for k, v in job.params.items() if k != "upload"}
            updated = owned.update(
                **kept,
                status=status,
                finished_at=timezone.now(),
                heartbeat_at=timezone.now(),
                done=progress.done,
                total=total,
                result=stored,
                result_name=result.name if result is not None else "",
                error=error[:200],
            )
            if updated:
                _tell_finished(job, status, progress.done, error[:200])
        if not updated and stored:
            default_storage.delete(stored)  # tried again meanwhile: this run's file is no one's
    finally:
        if result is not None:
            result.path.unlink(missing_ok=True)


def _tell_finished(job: Job, status: Status, done: int, error: str) -> None:
    if status == Status.SUCCEEDED:
        events.tell(events.FINISHED, job, metadata={"attempt": job.attempts, "done": done})
    else:
        metadata = {"attempt": job.attempts, "done": done, "error": error}
        events.tell(events.FAILED, job, metadata=metadata)
