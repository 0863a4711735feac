"""What the people services share: the fields each record's services write, text cleaning, and
how an update service changes its record (``heard.core.updates.Change``)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model

from heard.people import importers

M = TypeVar("M", bound=Model)

#: Communication and access needs are free text, kept to a length a worker can read at a glance.
NEEDS_MAX_LENGTH = 2000

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "area",
    "contact_name",
    "contact_email",
    "contact_phone",
    "champions",
    "notes",
    "is_active",
)
STAFF_FIELDS = ("email", "full_name", "role", "organisation", "job_title", "is_active")
#: A young person's details: every column of the CSV import, whether they still take part, and
#: where Heard may message them (issue 20: on the form, not in the CSV import).
YOUNG_PERSON_FIELDS = (*importers.COLUMNS, "is_active", "contact_email")

_STRIPPED = frozenset(
    {"name", "area", "contact_name", "contact_email", "contact_phone", "full_name", "job_title"}
    | {"first_name", "last_name", "preferred_name", "communication_needs", "access_needs", "notes"}
    | {"contact_email"}
)


def clean_text(name: str, value: Any) -> Any:
    return value.strip() if name in _STRIPPED and isinstance(value, str) else value


def clean_values(values: dict[str, Any]) -> None:
    """Strip the text of ``values`` in place (an ``audited_update`` check starts with it)."""
    values.update((name, clean_text(name, value)) for name, value in values.items())


def full_clean(obj: Any, **kwargs: Any) -> None:
    """``full_clean`` with messages that name the field, never a database constraint."""
    obj.full_clean(validate_constraints=False, **kwargs)
