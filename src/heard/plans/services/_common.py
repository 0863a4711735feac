"""What the plans services share: a record deleted with its label kept in the audit entry."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from heard.core import audit
from heard.core.events import EventType

M = TypeVar("M", bound=models.Model)


def delete_audited(obj: models.Model, *, actor: Any, event: EventType) -> None:
    """Audit ``obj``'s deletion (its label kept in the metadata), then delete it."""
    audit.record(actor=actor, event=event, obj=obj, metadata={"was": str(obj)[:200]})
    obj.delete()
