"""What happens to young people, organisations and staff accounts, in the audit log's words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import CREATE, IMPORT, UPDATE, event


def _imported(metadata: Mapping[str, Any]) -> str:
    count = int(metadata.get("young_people", 0))
    return f"{count} young {'person' if count == 1 else 'people'} added from a CSV file"


ORGANISATION_CREATED = event("organisation.created", "Added the organisation", action=CREATE)
ORGANISATION_CHANGED = event("organisation.changed", "Changed the organisation", action=UPDATE)
#: One entry on each organisation a CSV import added young people to.
YOUNG_PEOPLE_IMPORTED = event(
    "organisation.young_people_imported",
    "Imported young people",
    action=IMPORT,
    describe=_imported,
    example={"young_people": 12},
)
STAFF_ACCOUNT_CREATED = event("staff_account.created", "Created the staff account", action=CREATE)
STAFF_ACCOUNT_CHANGED = event("staff_account.changed", "Changed the staff account", action=UPDATE)
YOUNG_PERSON_CREATED = event("young_person.created", "Added the young person", action=CREATE)
#: A young person added by a CSV import (one entry for each row).
YOUNG_PERSON_IMPORTED = event(
    "young_person.imported", "Added the young person from a CSV file", action=CREATE
)
YOUNG_PERSON_CHANGED = event("young_person.changed", "Changed the young person", action=UPDATE)
