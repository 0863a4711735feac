"""Single sign-on settings of the partnership (a write: permission, change, audit, one
transaction)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from heard.core import audit, events
from heard.core.models import Partnership
from heard.core.permissions import require

#: Who may change how single sign-on is trusted: the administrator (heard.core.rules).
CHANGE_PERMISSION = "core.change_sso_settings"


def sso_settings_change(*, actor: Any, trust_provider_mfa: bool) -> Partnership:
    """Trust (or stop trusting) the provider's multi-factor sign-in for Heard's two-factor step.
    Audited when it changes; saving the same value writes nothing."""
    require(actor, CHANGE_PERMISSION)
    with transaction.atomic():
        Partnership.current()
        partnership = Partnership.objects.select_for_update().get(pk=1)
        before = partnership.trust_provider_mfa
        if before == trust_provider_mfa:
            return partnership
        partnership.trust_provider_mfa = trust_provider_mfa
        partnership.save(update_fields=["trust_provider_mfa", "updated_at"])
        audit.record(
            actor=actor,
            obj=partnership,
            event=events.SSO_SETTINGS_CHANGED,
            changes={"trust_provider_mfa": [before, trust_provider_mfa]},
        )
    return partnership
