"""A job: long work (an export, an import, a report PDF ...) a worker runs in the background."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from heard.jobs.choices import Status as Status


def result_path(job: Job, filename: str) -> str:
    return f"jobs/{job.uuid}/{filename}"


class Job(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=40)
    #: What the job shows as its name ("Sessions export").
    label = models.CharField(max_length=200, blank=True)
    #: None for a system job: one started from the command line (``--background``), which only
    #: administrators see (heard.jobs.policies).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    #: What the runner needs: for an export the list's path, query string and format.
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: Runs started; each run writes progress and its result only while this is still its number.
    attempts = models.PositiveIntegerField(default=0)
    result = models.FileField(upload_to=result_path, blank=True, max_length=300)
    result_name = models.CharField(max_length=200, blank=True)
    #: What went wrong, for the requester: never personal data (an exception's class name).
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="jobs_by_requester")]

    def __str__(self) -> str:
        return self.label or self.kind
