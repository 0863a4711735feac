"""The audited update, once: what every ``<thing>_update`` service does around its own rules.

``audited_update`` locks the row, refuses fields the service does not change, sets the new values,
runs the service's cross-record checks and Django's own validation (field validators, choices,
constraints, each with its message), saves only the columns that changed, sets many-to-many
relations, and writes one audit entry ``{field: [old, new]}`` for what changed. Nothing changed,
nothing is written. See ``docs/architecture/scaffolding.md``.

Its siblings for the two other writes every app repeats: ``audited_create`` (validate, save, set
many-to-many relations, audit each field as ``[None, value]``) and ``audited_delete`` (audit each
field as ``[value, None]``, then delete); ``record_created`` and ``record_deleted`` write those
entries alone, and ``record_changed`` the entry of a change, for a service that saves in its
own way. ``Creation`` declares a create service's write as ``Change`` does an update's, and
``Removal`` a plain delete service whole (its permission, then ``audited_delete``); ``passed``
keeps the values its checks passed. ``plain_text`` is the stripped text a service keeps of a
value that should be a string.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction

from heard.core import audit
from heard.core.events import EventType
from heard.core.permissions import require

M = TypeVar("M", bound=models.Model)

#: ``check(obj, fields, errors)``: the service's own rules, run after the values are set; it adds
#: ``{field: message}`` to ``errors`` (and may normalise ``fields`` in place).
Check = Callable[[Any, dict[str, Any], dict[str, Any]], None]


def refuse_unknown(service: str, fields: Iterable[str], allowed: Collection[str]) -> None:
    """A programming error, not a user's: a service asked to change what it does not change."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"{service}() cannot change {', '.join(sorted(unknown))}")


def lock(obj: M) -> M:
    """``obj`` read again under a row lock, for the rest of the transaction."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def full_clean(obj: models.Model, errors: dict[str, Any], exclude: Iterable[str] = ()) -> None:
    """Django's validation of ``obj`` (fields, validators, constraints), merged into ``errors``,
    skipping fields that already have a message."""
    try:
        obj.full_clean(exclude=[*exclude, *errors])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)


def _columns(obj: models.Model, names: Iterable[str]) -> list[str]:
    columns = [cast(Any, obj._meta.get_field(name)).attname for name in names]
    for field in obj._meta.concrete_fields:
        if getattr(field, "auto_now", False):
            columns.append(field.attname)
    return columns


@transaction.atomic
def audited_update(
    obj: M,
    *,
    actor: Any,
    event: EventType | str,
    service: str,
    fields: Mapping[str, Any],
    allowed: Collection[str],
    check: Check | None = None,
    audited: Iterable[str] | None = None,
    metadata: dict[str, Any] | None = None,
    locked: bool = False,
) -> tuple[M, dict[str, list[Any]]]:
    """Change ``fields`` of ``obj`` (the caller has checked permission) and audit it.

    Returns the saved object (read again under lock unless ``locked``) and the changes.
    ``audited`` names the fields compared for the audit entry (default: those given)."""
    refuse_unknown(service, fields, allowed)
    obj = obj if locked else lock(obj)
    values = dict(fields)
    watched = list(audited) if audited is not None else list(values)
    before = audit.snapshot(obj, watched)
    errors: dict[str, Any] = {}
    many: dict[str, Any] = {}
    if check is not None:
        check(obj, values, errors)
    for name, value in values.items():
        if name in errors:
            continue
        field = obj._meta.get_field(name)
        if field.many_to_many:
            many[name] = value
        else:
            setattr(obj, name, value)
    full_clean(obj, errors, exclude=[f.name for f in obj._meta.many_to_many])
    if errors:
        raise ValidationError(errors)
    changed = [
        name
        for name in values
        if name not in many and audit.snapshot(obj, [name])[name] != before.get(name)
    ]
    if changed:
        obj.save(update_fields=_columns(obj, changed))
    for name, value in many.items():
        getattr(obj, name).set(value)
    changes = audit.diff(before, audit.snapshot(obj, watched))
    if changes:
        audit.record(actor=actor, event=event, obj=obj, changes=changes, metadata=metadata)
    return obj, changes


@dataclass(frozen=True)
class Change:
    """What an update service changes, declared once beside it: its name (said when it is asked
    to change a field it does not), the audit event it records, the fields it may change and
    those its entry compares (default: those given). ``apply`` is the service's write (``write``
    when the service needs to know what changed)."""

    service: str
    event: EventType | str
    allowed: Collection[str]
    audited: Collection[str] | None = None

    def write(
        self,
        record: M,
        *,
        actor: Any,
        fields: Mapping[str, Any],
        check: Check | None = None,
        **options: Any,
    ) -> tuple[M, dict[str, list[Any]]]:
        """``fields`` of ``record`` changed by ``actor`` (``audited_update``, after ``check``;
        ``options`` are its ``metadata``, ``locked`` or another ``audited``): the record as
        saved and its changes."""
        settings: dict[str, Any] = {"check": check, "audited": self.audited, **options}
        return audited_update(
            record,
            actor=actor,
            event=self.event,
            service=self.service,
            fields=fields,
            allowed=self.allowed,
            **settings,
        )

    def apply(self, record: M, *, actor: Any, fields: Mapping[str, Any], **options: Any) -> M:
        """:meth:`write`'s record as saved."""
        saved, _ = self.write(record, actor=actor, fields=fields, **options)
        return saved


def plain_text(value: Any) -> str:
    """``value`` stripped, or "" for anything that is not text."""
    return value.strip() if isinstance(value, str) else ""


def record_created(obj: models.Model, *, fields: Iterable[str], **entry: Any) -> None:
    """The audit entry of a new record: each of its ``fields`` set from nothing. ``entry`` is
    the rest of ``audit.record``'s: the ``actor``, the ``event`` and any ``metadata``."""
    record_changed(obj, before=dict.fromkeys(fields), **entry)


def record_changed(obj: models.Model, *, before: Mapping[str, Any], **entry: Any) -> None:
    """The audit entry of a change a service made in its own way: each field of ``before`` (its
    ``audit.snapshot`` before the change) against its value now."""
    audit.record(obj=obj, changes=audit.diff(before, audit.snapshot(obj, before)), **entry)


def record_deleted(obj: models.Model, *, before: Mapping[str, Any], **entry: Any) -> None:
    """The audit entry of a record deleted: each of its values (``before``) set to nothing."""
    changes = {name: [value, None] for name, value in before.items() if value not in (None, "", [])}
    audit.record(obj=obj, changes=changes, **entry)


def audited_create(
    obj: M,
    *,
    actor: Any,
    event: EventType | str,
    fields: Iterable[str],
    exclude: Iterable[str] = (),
    related: Mapping[str, Iterable[Any]] | None = None,
    metadata: dict[str, Any] | None = None,
    clean: bool = True,
    errors: dict[str, Any] | None = None,
) -> M:
    """Validate ``obj`` (``full_clean`` unless ``clean`` is False: the caller did), save it, set
    its many-to-many ``related`` values and audit ``fields`` as ``[None, value]``. Given the
    service's own ``errors``, Django's messages join them (``full_clean`` above) and all are
    raised together."""
    if errors is not None:
        full_clean(obj, errors, exclude)
        if errors:
            raise ValidationError(errors)
    elif clean:
        obj.full_clean(exclude=list(exclude))
    obj.save()
    for name, values in (related or {}).items():
        getattr(obj, name).set(values)
    record_created(obj, actor=actor, event=event, fields=fields, metadata=metadata)
    return obj


@dataclass(frozen=True)
class Creation:
    """What a create service writes, declared once beside it: the audit event it records, the
    fields its entry records, and those Django's validation leaves out (``exclude``: who added
    the record, which Heard sets). ``save`` is the service's write."""

    event: EventType | str
    fields: Collection[str]
    exclude: Collection[str] = ()

    def save(self, record: M, *, actor: Any, **options: Any) -> M:
        """``record`` validated, saved and audited as added by ``actor`` (``audited_create``;
        ``options`` are its ``errors``, ``related`` or ``metadata``)."""
        return audited_create(
            record,
            actor=actor,
            event=self.event,
            fields=self.fields,
            exclude=self.exclude,
            **options,
        )


def passed(values: Mapping[str, Any], errors: Mapping[str, Any]) -> dict[str, Any]:
    """The ``values`` the service's checks found no fault with (none named in ``errors``)."""
    return {name: value for name, value in values.items() if name not in errors}


def audited_delete(
    obj: models.Model, *, actor: Any, event: EventType | str, fields: Iterable[str]
) -> None:
    """Audit that ``obj`` goes (each of ``fields`` as ``[value, None]``), then delete it."""
    record_deleted(obj, actor=actor, event=event, before=audit.snapshot(obj, fields))
    obj.delete()


@dataclass(frozen=True)
class Removal:
    """What a plain delete service does, declared once beside it: the permission it asks of the
    record, the audit event it records and the fields its entry keeps (each ``[value, None]``);
    ``locked``: the row is locked first, so that a change saved at the same moment waits.
    ``apply`` is the whole service, in one transaction; ``write`` its audited delete, which a
    subclass may audit otherwise."""

    permission: str
    event: EventType | str
    fields: Collection[str] = ()
    locked: bool = False

    def apply(self, record: models.Model, *, actor: Any) -> None:
        """``record`` deleted by ``actor``, if they may (``require``), and audited."""
        with transaction.atomic():
            require(actor, self.permission, record)
            self.write(lock(record) if self.locked else record, actor=actor)

    def write(self, record: models.Model, *, actor: Any) -> None:
        """Audit ``record``'s deletion (``audited_delete``), then delete it."""
        audited_delete(record, actor=actor, event=self.event, fields=self.fields)
