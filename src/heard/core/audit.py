"""The audit log: services call these inside their own transaction, never from a signal."""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.db import models

from heard.core.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted((_plain(v) for v in value), key=str)
    if hasattr(value, "all") and callable(value.all):  # a related manager
        return sorted((v.pk for v in value.all()), key=str)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The audited values of ``fields`` on ``obj``: take one before a change and diff after."""
    out: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            out[name] = _plain(getattr(obj, name)) if obj.pk else []
        elif field.is_relation and field.concrete:
            out[name] = getattr(obj, f"{name}_id")
        else:
            out[name] = _plain(getattr(obj, name))
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:200] if action != AuditEntry.Action.DELETE else "",
        changes=changes or {},
    )


def record_many(
    *,
    actor: Any,
    action: str,
    entries: Iterable[tuple[models.Model, dict[str, Any] | None]],
    batch_size: int = 1000,
) -> list[AuditEntry]:
    """``record`` for many objects at once (a bulk import): ``(obj, changes)`` pairs, saved
    with ``bulk_create``. Each entry is the one ``record`` would write for that object."""
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    rows = [
        AuditEntry(
            actor_id=actor_id,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_label=str(obj)[:200] if action != AuditEntry.Action.DELETE else "",
            changes=changes or {},
        )
        for obj, changes in entries
    ]
    return AuditEntry.objects.bulk_create(rows, batch_size=batch_size)


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")
