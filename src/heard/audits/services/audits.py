"""Audits against the standards and their kite mark decisions (M11): record, change, delete."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from heard.audits import events
from heard.audits.models import Audit, AuditLevel
from heard.audits.services._common import (
    full_clean,
    record_change,
    set_many,
    snapshot_of,
    strip,
    taken,
)
from heard.core.permissions import require
from heard.core.standards import Standard
from heard.core.updates import lock, record_deleted
from heard.people.models import Organisation, User, YoungPerson

#: The fields of an audit a person gives (its levels are given apart: ``levels``).
AUDIT_FIELDS = (
    "organisation",
    "service",
    "date",
    "auditors",
    "young_auditors",
    "decision",
    "expires_on",
    "needed",
    "notes",
)
_TEXT = ("service", "needed", "notes")

#: ``{standard: (level, evidence)}``: the level found for each standard assessed.
Levels = Mapping[str, tuple[str, str]]


def _levels_text(audit: Audit) -> list[str]:
    """The levels as the audit log keeps them: "Strategy: Established", in the standards' order."""
    found = {row.standard: row for row in audit.levels.all()} if audit.pk else {}
    return [str(found[value]) for value in Standard.values if value in found]


def _snapshot(audit: Audit) -> dict[str, Any]:
    return snapshot_of(AUDIT_FIELDS)(audit) | {"levels": _levels_text(audit)}


def _check_levels(levels: Levels) -> list[AuditLevel]:
    rows: list[AuditLevel] = []
    errors: dict[str, Any] = {}
    for standard, (level, evidence) in levels.items():
        row = AuditLevel(standard=standard, level=level, evidence=(evidence or "").strip())
        try:
            full_clean(row, exclude=["audit"])
        except ValidationError as exc:
            errors[f"level_{standard}"] = [m for ms in exc.message_dict.values() for m in ms]
        rows.append(row)
    if errors:
        raise ValidationError(errors)
    return rows


def _save_levels(audit: Audit, rows: list[AuditLevel]) -> None:
    audit.levels.all().delete()
    for row in rows:
        row.audit = audit
    AuditLevel.objects.bulk_create(rows)


@transaction.atomic
def audit_record(
    *,
    actor: User | None,
    organisation: Organisation,
    date: Any,
    service: str = "",
    auditors: Iterable[User] = (),
    young_auditors: Iterable[YoungPerson] = (),
    levels: Levels | None = None,
    decision: str = "",
    expires_on: Any = None,
    needed: str = "",
    notes: str = "",
) -> Audit:
    require(actor, "audits.add_audit")
    values: dict[str, Any] = {
        "organisation": organisation,
        "service": service,
        "date": date,
        "decision": decision,
        "expires_on": expires_on,
        "needed": needed,
        "notes": notes,
    }
    strip(values, _TEXT)
    audit = Audit(**values)
    full_clean(audit)
    rows = _check_levels(levels or {})
    audit.save()
    audit.auditors.set(list(auditors))
    audit.young_auditors.set(list(young_auditors))
    _save_levels(audit, rows)
    before = dict.fromkeys(_snapshot(audit))
    record_change(
        audit, actor=actor, event=events.AUDIT_CREATED, before=before, after=_snapshot(audit)
    )
    return audit


@transaction.atomic
def audit_update(
    *, actor: User | None, audit: Audit, levels: Levels | None = None, **fields: Any
) -> Audit:
    """Change the fields given (any of ``AUDIT_FIELDS``) and, when given, the levels."""
    require(actor, "audits.change_audit", audit)
    audit, before = taken(
        audit, fields, service="audit_update", allowed=AUDIT_FIELDS, text=_TEXT, snapshot=_snapshot
    )
    full_clean(audit)
    rows = _check_levels(levels) if levels is not None else None
    audit.save()
    set_many(audit, fields)
    if rows is not None:
        _save_levels(audit, rows)
    record_change(
        audit, actor=actor, event=events.AUDIT_CHANGED, before=before, after=_snapshot(audit)
    )
    return audit


@transaction.atomic
def audit_delete(*, actor: User | None, audit: Audit) -> None:
    require(actor, "audits.delete_audit", audit)
    audit = lock(audit)
    before = _snapshot(audit)
    record_deleted(audit, actor=actor, event=events.AUDIT_DELETED, before=before)
    audit.delete()
