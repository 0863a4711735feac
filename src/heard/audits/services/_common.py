"""What the audits services share: the audit entry of a changed record, and the
validation that names the field, never a database constraint."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Model

from heard.core import audit
from heard.core.events import EventType

#: ``snapshot(obj) -> {field: value}``: what a record's audit entries compare.
Snapshot = Callable[[Any], dict[str, Any]]


def full_clean(obj: Model, **kwargs: Any) -> None:
    obj.full_clean(validate_constraints=False, **kwargs)


def strip(values: dict[str, Any], names: Iterable[str]) -> None:
    """Strip the text of ``names`` in ``values``, in place."""
    for name in names:
        if isinstance(values.get(name), str):
            values[name] = values[name].strip()


def snapshot_of(fields: Iterable[str]) -> Snapshot:
    """The snapshot of a record's ``fields`` (``heard.core.audit.snapshot``)."""
    names = tuple(fields)
    return lambda obj: audit.snapshot(obj, names)


def record_change(
    obj: Model, *, actor: Any, event: EventType, before: dict[str, Any], after: dict[str, Any]
) -> dict[str, list[Any]]:
    """One audit entry ``{field: [old, new]}`` for what changed; none when nothing did."""
    changes = audit.diff(before, after)
    if changes:
        audit.record(actor=actor, event=event, obj=obj, changes=changes)
    return changes
