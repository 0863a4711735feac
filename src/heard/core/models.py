import functools
import operator
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from heard.core import events
from heard.core.choices import SignInEventKind


def staff_link(*, blank: bool = True) -> Any:
    """A record's link to a member of staff (who recorded or decided it, whose sign-in it is):
    emptied, never deleted with them, when their account goes (``SET_NULL``), and no reverse
    accessor on the user (``related_name="+"``). ``blank=False`` where a form must name one."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def one_current(*fields: str, until: str, name: str) -> models.UniqueConstraint:
    """At most one row for each value of ``fields`` that has not ended yet (its ``until`` date
    still empty): one current consent for a purpose, one current membership of a group."""
    return one_per(*fields, name=name, condition=models.Q(**{f"{until}__isnull": True}))


def one_per(
    *fields: str, name: str, message: Any = None, condition: models.Q | None = None
) -> models.UniqueConstraint:
    """At most one row for each value of ``fields`` (of the rows ``condition`` holds for, if any):
    one answer per question, one ballot per young person and round. ``message`` is what a form
    says of a repeat (Django's "... with this ... already exists." without it)."""
    return models.UniqueConstraint(
        fields=list(fields), condition=condition, name=name, violation_error_message=message
    )


def dates_in_order(
    first: str, then: str, *, name: str, unless_empty: tuple[str, ...] = ()
) -> models.CheckConstraint:
    """``then`` is on or after ``first``, unless one of ``unless_empty`` is empty: a period's
    end, a membership's leaving date."""
    conditions = [models.Q(**{f"{field}__isnull": True}) for field in unless_empty]
    conditions.append(models.Q(**{f"{then}__gte": models.F(first)}))
    return models.CheckConstraint(condition=functools.reduce(operator.or_, conditions), name=name)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def about(self, obj: models.Model) -> "AuditEntryQuerySet":
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def scrub(self, fields: frozenset[str], *, placeholder: str = "[anonymised]") -> int:
        """The one exception to append-only (ADR 0009): replace the old and new values of
        ``fields`` in these entries' changes, keeping that they changed. Returns how many
        entries were scrubbed."""
        scrubbed = 0
        for pk, changes in self.values_list("pk", "changes"):
            if not any(name in fields for name in changes or {}):
                continue
            kept = {
                name: ([placeholder, placeholder] if name in fields else pair)
                for name, pair in changes.items()
            }
            AuditEntry.objects.filter(pk=pk).update(changes=kept)
            scrubbed += 1
        return scrubbed


class AuditEntry(models.Model):
    """An append-only record of one domain event (a change, or a sensitive read) made through a
    service (``heard.core.audit``, ``heard.core.events``).

    ``event`` names what happened (``view.responded``); ``changes`` is always ``{field: [old,
    new]}`` and ``metadata`` the rest of what the event carries. Entries written by one action
    share an ``operation``; ``on_behalf_of`` names the person whose act the system carried out.

    Append-only, with one exception (ADR 0009): when a young person's record is anonymised,
    :meth:`AuditEntryQuerySet.scrub` blanks the personal values of its past entries.
    """

    #: What kind of thing happened: the categories every event type declares one of.
    Action = events.Action

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = staff_link()
    #: The person whose act this system entry carries out (``actor`` is then None).
    on_behalf_of = staff_link()
    action = models.CharField(max_length=16, choices=Action.choices)
    event = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    operation = models.UUIDField(null=True, blank=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        when = f"{self.at:%Y-%m-%d %H:%M}"
        return f"{self.event} {self.object_type} {self.object_id} at {when}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Audit entries are append-only.")


class Partnership(models.Model):
    """The deployment's top level: its name and the settings its participation team chooses.

    There is one row (pk 1); ``Partnership.current()`` returns it, creating it with defaults.
    """

    name = models.CharField(max_length=200, default="Heard partnership")
    respond_within_days = models.PositiveIntegerField(
        default=60, help_text=_("Target: days from a view being recorded to its response.")
    )
    feed_back_within_days = models.PositiveIntegerField(
        default=30,
        help_text=_("Target: days from a response to feeding it back to those who gave the view."),
    )
    parent_consent_under_age = models.PositiveIntegerField(
        default=13,
        help_text=_(
            "A parent's or carer's consent is needed for a young person under this age "
            "(for anything other than taking part)."
        ),
    )
    retention_years_after_last_involvement = models.PositiveIntegerField(
        default=6,
        help_text=_(
            "Records are anonymised this many years after a young person's last involvement."
        ),
    )
    #: Single sign-on (heard.core.sso): the provider's multi-factor check (its ``amr`` claim)
    #: counts as Heard's two-factor step.
    trust_provider_mfa = models.BooleanField(
        default=False,
        help_text=_(
            "Staff who signed in through the council's identity provider with more than "
            "one factor do not also enter a Heard two-factor code."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> "Partnership":
        partnership, _ = cls.objects.get_or_create(pk=1)
        return partnership


class SignInEvent(models.Model):
    """An append-only record of one sign-in event: a sign-in, a failure, a lockout, a two-factor
    event, a password change or reset, an API token created. Never a password, code or token.

    It is also the ledger the sign-in lockout counts (``heard.core.lockout``): failures for an
    email address since its last sign-in or lockout, and failures from a network address.
    """

    Event = SignInEventKind

    #: Events that are a refusal or a failure (the rest succeeded).
    FAILURES = frozenset(
        {Event.FAILED, Event.REFUSED, Event.ACCOUNT_LOCKED, Event.ADDRESS_LOCKED}
        | {Event.TWO_FACTOR_FAILED}
        | {Event.SSO_REFUSED}
    )

    at = models.DateTimeField(default=timezone.now, db_index=True)
    event = models.CharField(max_length=32, choices=Event.choices)
    #: The account concerned, when there is one (a failed sign-in may name nobody).
    user = staff_link()
    #: The email address typed (a failed sign-in) or the account's, lower-cased.
    email = models.CharField(max_length=254, blank=True)
    #: Who did it when it was not the user (an administrator's reset, a token made for someone).
    actor = staff_link()
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["email", "at"]),
            models.Index(fields=["address", "at"]),
            models.Index(fields=["event", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.email} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("Sign-in events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("Sign-in events are append-only.")

    @property
    def outcome(self) -> str:
        return "refused" if self.event in self.FAILURES else "succeeded"
