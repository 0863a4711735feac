"""Checks shared by the voice services."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from heard.groups import selectors as group_selectors
from heard.groups.models import Group
from heard.people import selectors as people_selectors
from heard.people.models import YoungPerson

#: Longest text a view or a response may hold (a page of writing, not a report).
MAX_TEXT = 10_000


def as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value.strip())
        except ValueError:
            return None
    return None


def check_date(
    value: Any, field: str, what: str, errors: dict[str, Any], *, not_before: Any = None
) -> datetime.date | None:
    """The day ``value`` names, or None with a message at ``field``; "not in the future" is the
    model field's own validator (``NotInFuture``), run by ``full_clean``."""
    day = as_date(value)
    if day is None:
        errors[field] = _("Enter the date %(what)s, like 2026-10-01.") % {"what": what}
    elif not_before is not None and day < not_before:
        errors[field] = _("The date %(what)s cannot be before %(not_before)s.") % {
            "what": what,
            "not_before": format(not_before, "%d %B %Y"),
        }
    return day


def check_text(
    value: Any, field: str, missing: str, errors: dict[str, Any], *, max_length: int = MAX_TEXT
) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not isinstance(value, str) and value is not None:
        errors[field] = _("Enter text.")
    elif not text:
        errors[field] = missing
    elif len(text) > max_length:
        errors[field] = _("Keep this to %(max_length)s characters or fewer (it has %(count)s).") % {
            "max_length": format(max_length, ","),
            "count": format(len(text), ","),
        }
    return text


def check_choice(
    value: Any, choices: type[models.TextChoices], field: str, what: str, errors: dict[str, Any]
) -> str:
    if value not in choices.values:
        allowed = ", ".join(str(label).lower() for label in choices.labels)
        errors[field] = _("Choose %(what)s: %(allowed)s.") % {"what": what, "allowed": allowed}
    return str(value)


def saved(items: Iterable[Any], model: type[models.Model]) -> tuple[list[Any], bool]:
    chosen = list(items or ())
    ok = all(isinstance(item, model) and getattr(item, "pk", None) for item in chosen)
    return chosen, ok


def visible_young_people(actor: Any) -> QuerySet[YoungPerson]:
    if actor is None:
        return YoungPerson.objects.all()
    return people_selectors.young_people_visible_to(actor)


def visible_groups(actor: Any) -> QuerySet[Group]:
    if actor is None:
        return Group.objects.all()
    return group_selectors.groups_visible_to(actor)
