"""What the decisions services share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from heard.core import audit
from heard.core.events import EventType


def deleted_audited(
    obj: models.Model, *, actor: Any, event: EventType, fields: Iterable[str]
) -> None:
    """Audit that ``obj`` goes (each of ``fields`` as ``[value, None]``), then delete it."""
    before = audit.snapshot(obj, fields)
    audit.record(
        actor=actor,
        event=event,
        obj=obj,
        changes={
            name: [value, None] for name, value in before.items() if value not in (None, "", [])
        },
    )
    obj.delete()


def plain_text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
