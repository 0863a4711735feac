"""What the plans services share: a new record validated, saved and audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

from heard.core import audit
from heard.core.events import EventType

M = TypeVar("M", bound=models.Model)


def create_audited(
    obj: M,
    *,
    actor: Any,
    event: EventType,
    fields: Iterable[str],
    exclude: Iterable[str] = (),
    metadata: dict[str, Any] | None = None,
) -> M:
    """Validate ``obj`` (``full_clean``: its validators and constraints), save it, and audit
    ``fields`` as ``[None, value]``."""
    obj.full_clean(exclude=list(exclude))
    obj.save()
    audit.record(
        actor=actor,
        event=event,
        obj=obj,
        changes=audit.diff({}, audit.snapshot(obj, fields)),
        metadata=metadata,
    )
    return obj


def delete_audited(obj: models.Model, *, actor: Any, event: EventType) -> None:
    """Audit ``obj``'s deletion (its label kept in the metadata), then delete it."""
    audit.record(actor=actor, event=event, obj=obj, metadata={"was": str(obj)[:200]})
    obj.delete()
