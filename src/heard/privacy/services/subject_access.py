"""Subject access: everything Heard holds about one young person, exported and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from heard.core import audit
from heard.core.permissions import require
from heard.people.models import YoungPerson
from heard.privacy import events, selectors


@transaction.atomic
def subject_access_export(*, actor: Any, young_person: YoungPerson, format: str) -> dict[str, Any]:
    """Everything Heard holds about one young person (never other children's data, never
    safeguarding concerns), for an export (``format``: json or pdf); the read is audited."""
    require(actor, "privacy.export_subject_access", young_person)
    data = selectors.subject_access_data(young_person)
    audit.record(
        actor=actor,
        event=events.SUBJECT_ACCESS_EXPORTED,
        obj=young_person,
        metadata={"format": format},
    )
    return data
