"""What the audits services share: a record taken in hand for a change and
its audit entry, and the validation that names the field, never a database constraint."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model

from heard.core import audit
from heard.core.events import EventType
from heard.core.updates import lock, refuse_unknown

M = TypeVar("M", bound=Model)

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


def taken(
    obj: M,
    fields: dict[str, Any],
    *,
    service: str,
    allowed: Collection[str],
    text: Iterable[str],
    snapshot: Snapshot,
) -> tuple[M, dict[str, Any]]:
    """An update service takes ``obj`` in hand: ``fields`` it may change (a ``TypeError``
    otherwise), the row locked, its values before, and ``fields`` (text stripped) set on it,
    all but its many-to-many relations (``set_many`` sets them once it is saved)."""
    refuse_unknown(service, fields, allowed)
    obj = lock(obj)
    before = snapshot(obj)
    strip(fields, text)
    for name, value in fields.items():
        if not obj._meta.get_field(name).many_to_many:
            setattr(obj, name, value)
    return obj, before


def set_many(obj: Model, fields: dict[str, Any]) -> None:
    """The many-to-many relations among ``fields``, set on the saved ``obj``."""
    for name, value in fields.items():
        if obj._meta.get_field(name).many_to_many:
            getattr(obj, name).set(list(value))


def saved(
    obj: M,
    fields: dict[str, Any],
    *,
    actor: Any,
    event: EventType,
    before: dict[str, Any],
    snapshot: Snapshot,
) -> M:
    """Save ``obj`` (taken in hand and checked), set its many-to-many ``fields`` and audit what
    changed since ``before``."""
    obj.save()
    set_many(obj, fields)
    record_change(obj, actor=actor, event=event, before=before, after=snapshot(obj))
    return obj


@dataclass(frozen=True)
class Update:
    """An update service's own words, declared once beside it: its name, the fields it may
    change, those whose text it strips, what its audit entry compares, and its event."""

    service: str
    allowed: Collection[str]
    text: Iterable[str]
    snapshot: Snapshot
    event: EventType

    def take(self, obj: M, fields: dict[str, Any]) -> tuple[M, dict[str, Any]]:
        """``taken``: ``obj`` locked with ``fields`` set on it, and its values before."""
        return taken(
            obj,
            fields,
            service=self.service,
            allowed=self.allowed,
            text=self.text,
            snapshot=self.snapshot,
        )

    def save(self, obj: M, fields: dict[str, Any], *, actor: Any, before: dict[str, Any]) -> M:
        """``saved``: ``obj`` saved with its many-to-many ``fields``, and audited."""
        return saved(
            obj, fields, actor=actor, event=self.event, before=before, snapshot=self.snapshot
        )

    def apply(self, obj: M, fields: dict[str, Any], *, actor: Any, check: Callable[[M], None]) -> M:
        """The whole update: :meth:`take`, ``check(obj)`` (which raises what is wrong), then
        :meth:`save`."""
        obj, before = self.take(obj, fields)
        check(obj)
        return self.save(obj, fields, actor=actor, before=before)
