"""The jobs app's value/label tables: a data module (docs/architecture/scaffolding.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Ready")
    FAILED = "failed", _("Failed")
    #: Never stored: a running job whose worker stopped reporting (heard.jobs.policies).
    STOPPED = "stopped", _("Stopped")
