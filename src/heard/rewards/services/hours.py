"""How long sessions count for in young people's volunteering hours."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import audited_update, full_clean
from heard.participation.models import Session
from heard.rewards import events
from heard.rewards.models import HoursDefault, SessionHours

UNKNOWN_KIND = "Choose a kind of session."
TENTH = Decimal("0.1")


def _hours(value: Any, errors: dict[str, Any]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        hours = Decimal("NaN")
    if not hours.is_finite() or hours != hours.quantize(TENTH):
        errors["hours"] = "Enter the hours as a number to one decimal place, like 2 or 1.5."
        return None
    return hours.quantize(TENTH)


@transaction.atomic
def session_hours_set(*, actor: Any, session: Session, hours: Any) -> SessionHours:
    """Set (or change) how many hours ``session`` counts for, for everyone who attended it."""
    require(actor, "rewards.change_sessionhours", session)
    errors: dict[str, Any] = {}
    value = _hours(hours, errors)
    if value is None and not errors:
        errors["hours"] = "Enter how many hours the session lasted."
    if errors:
        raise ValidationError(errors)
    existing = SessionHours.objects.select_for_update().filter(session=session).first()
    if existing is not None:
        updated, _ = audited_update(
            existing,
            actor=actor,
            event=events.SESSION_HOURS_CHANGED,
            service="session_hours_set",
            fields={"hours": value, "set_by": actor},
            allowed=("hours", "set_by"),
            audited=("hours",),
            locked=True,
        )
        return updated
    assert value is not None  # noqa: S101 - checked above
    record = SessionHours(session=session, hours=value, set_by=actor)
    full_clean(record, errors, exclude=["set_by"])
    if errors:
        raise ValidationError(errors)
    record.save()
    audit.record(
        actor=actor,
        event=events.SESSION_HOURS_SET,
        obj=record,
        changes=audit.diff({}, audit.snapshot(record, ("session", "hours"))),
    )
    return record


@transaction.atomic
def hours_default_set(*, actor: Any, session_kind: str, hours: Any) -> HoursDefault:
    """Set (or change) the hours a session of ``session_kind`` counts for by default."""
    require(actor, "rewards.change_hoursdefault")
    errors: dict[str, Any] = {}
    if session_kind not in Session.Kind.values:
        errors["session_kind"] = UNKNOWN_KIND
    value = _hours(hours, errors)
    if value is None and "hours" not in errors:
        errors["hours"] = "Enter how many hours a session of this kind lasts."
    if errors:
        raise ValidationError(errors)
    existing = HoursDefault.objects.select_for_update().filter(session_kind=session_kind).first()
    if existing is not None:
        updated, _ = audited_update(
            existing,
            actor=actor,
            event=events.HOURS_DEFAULT_CHANGED,
            service="hours_default_set",
            fields={"hours": value},
            allowed=("hours",),
            locked=True,
        )
        return updated
    assert value is not None  # noqa: S101 - checked above
    record = HoursDefault(session_kind=session_kind, hours=value)
    full_clean(record, errors)
    if errors:
        raise ValidationError(errors)
    record.save()
    audit.record(
        actor=actor,
        event=events.HOURS_DEFAULT_SET,
        obj=record,
        changes=audit.diff({}, audit.snapshot(record, ("session_kind", "hours"))),
    )
    return record
