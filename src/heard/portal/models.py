"""Sign-in codes for the young person's portal (M19): no email, no password."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from heard.core.fields import young_person_link
from heard.core.models import staff_link
from heard.core.tables import display


class SignInCode(models.Model):
    """A short code a worker gives a young person. Only its hash is stored.

    A code signs in once: ``last_used_at`` is set by that sign-in, and the code is then spent
    (the portal session it opened lasts its two hours, until the code expires or is revoked).
    """

    young_person = young_person_link("sign_in_codes")
    code_hash = models.CharField(max_length=128, unique=True)
    created_by = staff_link(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Sign-in code for {self.young_person} until {display(self.expires_at)}"

    def is_valid(self, now: datetime.datetime | None = None) -> bool:
        """Not revoked or expired: the portal session it opened goes on (used or not)."""
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    @property
    def is_spent(self) -> bool:
        """It has signed in once, and signs in no more."""
        return self.last_used_at is not None


class SignInAttempts(models.Model):
    """Portal sign-in attempts in one window, for one address or one code tried.

    The key names the kind, a keyed hash of the value (never the address or the code itself)
    and the window; the count goes up in the database, in one UPDATE, so parallel attempts are
    each counted (``heard.portal.services.sign_in_attempt_allowed``).
    """

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name_plural = "sign-in attempts"

    def __str__(self) -> str:
        return f"{self.count} sign-in attempts until {self.expires_at:%H:%M}"
