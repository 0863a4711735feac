"""A safeguarding lead handles a concern: reads it (audited), assigns, decides and closes it.

Each change's audit entry names the fields only; ``ConcernChange`` keeps the values beside it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.core import audit
from heard.core.permissions import require
from heard.core.roles import Role
from heard.core.updates import full_clean, lock
from heard.people.models import User
from heard.safeguarding import events, selectors
from heard.safeguarding.models import Concern, ConcernChange
from heard.safeguarding.services._common import _refuse, _withheld


@transaction.atomic
def concern_read(*, actor: Any, pk: Any, via: str = "page") -> Concern:
    """Open one concern for a safeguarding lead, and audit that they read it."""
    require(actor, "safeguarding.view_concern")
    concern = selectors.concern_get(actor, pk)
    audit.record(actor=actor, event=events.CONCERN_READ, obj=concern, metadata={"via": via})
    return concern


@transaction.atomic
def concerns_list_read(*, actor: Any, concerns: Iterable[Concern], via: str = "list") -> None:
    """Audit that ``actor`` saw these concerns in a list (one entry each, one query)."""
    require(actor, "safeguarding.view_concern")
    audit.record_many(
        actor=actor,
        event=events.CONCERN_READ,
        entries=[(concern, None) for concern in concerns],
        metadata={"via": via},
    )


def _save_concern(actor: Any, concern: Concern, before: dict[str, Any]) -> Concern:
    """Save a lead's change: the audit entry names the fields, ``ConcernChange`` keeps values."""
    errors: dict[str, Any] = {}
    full_clean(concern, errors)
    _refuse(errors)
    concern.save()
    changes = audit.diff(before, audit.snapshot(concern, before.keys()))
    if changes:
        entry = audit.record(
            actor=actor, event=events.CONCERN_CHANGED, obj=concern, changes=_withheld(changes)
        )
        ConcernChange.objects.create(entry=entry, concern=concern, values=changes)
    return concern


def _handled(actor: Any, concern: Concern) -> tuple[Concern, dict[str, Any]]:
    """A lead takes ``concern`` in hand: permission, the row locked, its values before."""
    require(actor, "safeguarding.change_concern", concern)
    concern = lock(concern)
    return concern, audit.snapshot(concern, Concern.HANDLING_FIELDS)


@transaction.atomic
def concern_assign(*, actor: Any, concern: Concern, assigned_to: User) -> Concern:
    """Give a concern to a safeguarding lead to handle."""
    concern, before = _handled(actor, concern)
    errors: dict[str, Any] = {}
    if concern.status == Concern.Status.CLOSED:
        errors["status"] = _("This concern is closed: it cannot be assigned.")
    if (
        not isinstance(assigned_to, User)
        or not selectors.safeguarding_leads().filter(pk=assigned_to.pk).exists()
    ):
        errors["assigned_to"] = _("Choose an active safeguarding lead.")
    _refuse(errors)
    concern.assigned_to = assigned_to
    concern.assigned_at = timezone.now()
    if concern.status == Concern.Status.OPEN:
        concern.status = Concern.Status.ASSIGNED
    return _save_concern(actor, concern, before)


@transaction.atomic
def concern_decide(
    *,
    actor: Any,
    concern: Concern,
    decision: str,
    decision_notes: str = "",
    referral_date: datetime.date | None = None,
    referral_reference: str = "",
) -> Concern:
    """Record what was decided: no further action, advice, a local authority or police referral."""
    concern, before = _handled(actor, concern)
    errors: dict[str, Any] = {}
    if concern.status == Concern.Status.CLOSED:
        errors["decision"] = _("This concern is closed: its decision cannot change.")
    if decision not in Concern.Decision.values:
        errors["decision"] = _(
            "Choose the decision: no further action, advice given, referral to the local "
            "authority, or referral to the police."
        )
    _refuse(errors)
    concern.decision = decision
    concern.decision_notes = (decision_notes or "").strip()
    concern.referral_date = referral_date
    concern.referral_reference = (referral_reference or "").strip()
    concern.decided_at = timezone.now()
    concern.status = Concern.Status.DECIDED
    if concern.assigned_to_id is None and getattr(actor, "role", None) == Role.SAFEGUARDING_LEAD:
        concern.assigned_to = actor
        concern.assigned_at = concern.decided_at
    return _save_concern(actor, concern, before)


@transaction.atomic
def concern_close(*, actor: Any, concern: Concern) -> Concern:
    """Close a concern once its decision is recorded."""
    concern, before = _handled(actor, concern)
    if concern.status == Concern.Status.CLOSED:
        _refuse({"status": "This concern is already closed."})
    if not concern.decision:
        _refuse({"decision": "Record the decision before closing the concern."})
    concern.status = Concern.Status.CLOSED
    concern.closed_at = timezone.now()
    return _save_concern(actor, concern, before)
