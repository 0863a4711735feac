from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """An append-only record of one change (or sensitive read) made through a service."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Updated"
        DELETE = "delete", "Deleted"
        READ = "read", "Read"
        IMPORT = "import", "Imported"
        SIGN_IN = "sign_in", "Signed in"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}"
        return f"{self.get_action_display()} {self.object_type} {self.object_id} at {when}"


class Partnership(models.Model):
    """The deployment's top level: its name and the settings its participation team chooses.

    There is one row (pk 1); ``Partnership.current()`` returns it, creating it with defaults.
    """

    name = models.CharField(max_length=200, default="Heard partnership")
    respond_within_days = models.PositiveIntegerField(
        default=60, help_text="Target: days from a view being recorded to its response."
    )
    feed_back_within_days = models.PositiveIntegerField(
        default=30,
        help_text="Target: days from a response to feeding it back to those who gave the view.",
    )
    parent_consent_under_age = models.PositiveIntegerField(
        default=13,
        help_text="A parent's or carer's consent is needed for a young person under this age "
        "(for anything other than taking part).",
    )
    retention_years_after_last_involvement = models.PositiveIntegerField(
        default=6,
        help_text="Records are anonymised this many years after a young person's last involvement.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Partnership":
        partnership, _ = cls.objects.get_or_create(pk=1)
        return partnership
