"""The audit log: services call these inside their own transaction, never from a signal."""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import decimal
import functools
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

from django.db import models

from heard.core import events
from heard.core.events import EventType
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


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


_operation: contextvars.ContextVar[uuid.UUID | None] = contextvars.ContextVar(
    "heard_audit_operation", default=None
)


@contextlib.contextmanager
def operation() -> Iterator[uuid.UUID]:
    """Group the entries written inside into one operation (one person's action: a response
    that moves twelve views writes thirteen entries with one id). Nested calls join the outer
    operation. ``AuditOperationMiddleware`` opens one for every request."""
    current = _operation.get()
    if current is not None:
        yield current
        return
    token = _operation.set(uuid.uuid4())
    try:
        yield cast(uuid.UUID, _operation.get())
    finally:
        _operation.reset(token)


class AuditOperationMiddleware:
    """Every request is one operation: the entries its services write share an id."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        with operation():
            return self.get_response(request)


def _event_of(event: EventType | str) -> EventType:
    if isinstance(event, EventType):
        return event
    if event not in events.EVENTS:
        raise LookupError(f"Undeclared event type {event!r}: declare it in the app's events.py")
    return events.EVENTS[event]


def _entry(
    *,
    actor: Any,
    obj: models.Model,
    kind: EventType,
    changes: dict[str, Any] | None,
    metadata: dict[str, Any] | None,
    on_behalf_of: Any,
) -> AuditEntry:
    actor_id = getattr(actor, "pk", None) if actor is not None and actor.is_authenticated else None
    return AuditEntry(
        actor_id=actor_id,
        on_behalf_of_id=getattr(on_behalf_of, "pk", on_behalf_of),
        action=kind.action,
        event=kind.name,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_label=str(obj)[:200] if kind.action != AuditEntry.Action.DELETE else "",
        changes=events.check_changes(changes),
        metadata={key: _plain(value) for key, value in (metadata or {}).items()},
        operation=_operation.get() or uuid.uuid4(),
    )


def record(
    *,
    actor: Any,
    obj: models.Model,
    event: EventType | str,
    changes: dict[str, Any] | None = None,
    metadata: dict[str, Any] | None = None,
    on_behalf_of: Any = None,
) -> AuditEntry:
    """Write one entry: ``event`` happened to ``obj``, done by ``actor`` (None: Heard itself,
    for ``on_behalf_of`` when a person's act caused it). ``changes`` is ``{field: [old, new]}``;
    anything else goes in ``metadata``."""
    entry = _entry(
        actor=actor,
        obj=obj,
        kind=_event_of(event),
        changes=changes,
        metadata=metadata,
        on_behalf_of=on_behalf_of,
    )
    entry.save()
    return entry


def record_many(
    *,
    actor: Any,
    entries: Iterable[tuple[models.Model, dict[str, Any] | None]],
    event: EventType | str,
    metadata: dict[str, Any] | None = None,
    on_behalf_of: Any = None,
    batch_size: int = 1000,
) -> list[AuditEntry]:
    """``record`` for many objects at once (a bulk import, a list read): ``(obj, changes)``
    pairs, saved with ``bulk_create``, in one operation."""
    make = functools.partial(
        _entry, actor=actor, kind=_event_of(event), metadata=metadata, on_behalf_of=on_behalf_of
    )
    with operation():
        rows = [make(obj=obj, changes=changes) for obj, changes in entries]
    return AuditEntry.objects.bulk_create(rows, batch_size=batch_size)


def history_for(obj: models.Model) -> models.QuerySet[AuditEntry]:
    return AuditEntry.objects.about(obj).select_related("actor", "on_behalf_of")
