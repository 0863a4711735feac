"""How long sessions count for in young people's volunteering hours."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core.events import EventType
from heard.core.permissions import require
from heard.core.updates import Change, audited_create, full_clean
from heard.participation.models import Session
from heard.rewards import events
from heard.rewards.models import HoursDefault, SessionHours

M = TypeVar("M", bound=models.Model)
UNKNOWN_KIND = gettext_noop("Choose a kind of session.")
TENTH = Decimal("0.1")


def _hours(value: Any, errors: dict[str, Any]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        hours = Decimal(str(value).strip())
    except InvalidOperation:
        hours = Decimal("NaN")
    if not hours.is_finite() or hours != hours.quantize(TENTH):
        errors["hours"] = _("Enter the hours as a number to one decimal place, like 2 or 1.5.")
        return None
    return hours.quantize(TENTH)


_SESSION_HOURS = Change(
    "session_hours_set", events.SESSION_HOURS_CHANGED, ("hours", "set_by"), audited=("hours",)
)
_HOURS_DEFAULT = Change("hours_default_set", events.HOURS_DEFAULT_CHANGED, ("hours",))


def _set(
    actor: Any,
    existing: M | None,
    change: Change,
    values: dict[str, Any],
    new: M,
    added: EventType,
    audited: tuple[str, ...],
    exclude: tuple[str, ...] = (),
) -> M:
    """Change ``existing`` (locked by the caller) to ``values``, or save ``new`` and audit its
    ``audited`` fields."""
    if existing is not None:
        return change.apply(existing, actor=actor, fields=values, locked=True)
    errors: dict[str, Any] = {}
    full_clean(new, errors, exclude=exclude)
    if errors:
        raise ValidationError(errors)
    return audited_create(new, actor=actor, event=added, fields=audited, clean=False)


@transaction.atomic
def session_hours_set(*, actor: Any, session: Session, hours: Any) -> SessionHours:
    """Set (or change) how many hours ``session`` counts for, for everyone who attended it."""
    require(actor, "rewards.change_sessionhours", session)
    errors: dict[str, Any] = {}
    value = _hours(hours, errors)
    if value is None and not errors:
        errors["hours"] = _("Enter how many hours the session lasted.")
    if errors:
        raise ValidationError(errors)
    existing = SessionHours.objects.select_for_update().filter(session=session).first()
    assert value is not None  # noqa: S101 - checked above
    new = SessionHours(session=session, hours=value, set_by=actor)
    values = {"hours": value, "set_by": actor}
    added, audited = events.SESSION_HOURS_SET, ("session", "hours")
    return _set(actor, existing, _SESSION_HOURS, values, new, added, audited, ("set_by",))


@transaction.atomic
def hours_default_set(*, actor: Any, session_kind: str, hours: Any) -> HoursDefault:
    """Set (or change) the hours a session of ``session_kind`` counts for by default."""
    require(actor, "rewards.change_hoursdefault")
    errors: dict[str, Any] = {}
    if session_kind not in Session.Kind.values:
        errors["session_kind"] = _(UNKNOWN_KIND)
    value = _hours(hours, errors)
    if value is None and "hours" not in errors:
        errors["hours"] = _("Enter how many hours a session of this kind lasts.")
    if errors:
        raise ValidationError(errors)
    existing = HoursDefault.objects.select_for_update().filter(session_kind=session_kind).first()
    assert value is not None  # noqa: S101 - checked above
    new = HoursDefault(session_kind=session_kind, hours=value)
    added, audited = events.HOURS_DEFAULT_SET, ("session_kind", "hours")
    return _set(actor, existing, _HOURS_DEFAULT, {"hours": value}, new, added, audited)
