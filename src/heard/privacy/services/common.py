"""The input checks the privacy services share: each adds a message to ``errors`` in the
reader's words and returns the value cleaned."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from heard.core.events import EventType
from heard.core.updates import record_created


def parse_date(value: Any, name: str, what: str, errors: dict[str, Any]) -> datetime.date | None:
    """A date, from a date or an ISO string; "in the future" is the model field's own rule
    (``NotInFuture``), reached through ``full_clean``."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            errors[name] = _("Enter the date %(what)s as a real date, for example 2026-11-20.") % {
                "what": what
            }
            return None
    if not isinstance(value, datetime.date):
        errors[name] = _("Enter the date %(what)s.") % {"what": what}
        return None
    return value


def choice(value: Any, choices: Any, name: str, what: str, errors: dict[str, Any]) -> str:
    if value not in choices.values:
        errors[name] = _("Choose %(what)s.") % {"what": what}
    return str(value)


def text(value: Any, name: str, limit: int, errors: dict[str, Any]) -> str:
    cleaned = "" if value is None else str(value).strip()
    if len(cleaned) > limit:
        errors[name] = _("Keep this to %(limit)s characters or fewer (it has %(count)s).") % {
            "limit": limit,
            "count": len(cleaned),
        }
    return cleaned


def create(obj: models.Model, *, actor: Any, event: EventType, audited: list[str]) -> Any:
    """Validate and save a new ``obj``, and audit what it was created with."""
    obj.full_clean()
    obj.save()
    record_created(obj, actor=actor, event=event, fields=audited)
    return obj
