"""What happens to young people, organisations and staff accounts, in the audit log's words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import CREATE, DELETE, IMPORT, describes, event, record_events


@describes(young_people=12)
def _imported(metadata: Mapping[str, Any]) -> str:
    count = int(metadata.get("young_people", 0))
    return f"{count} young {'person' if count == 1 else 'people'} added from a CSV file"


@describes(replaced=True)
def _feed(metadata: Mapping[str, Any]) -> str:
    return "The old address stopped working" if metadata.get("replaced") else "The first address"


ORGANISATION_CREATED, ORGANISATION_CHANGED = record_events("organisation", "organisation")
#: One entry on each organisation a CSV import added young people to.
YOUNG_PEOPLE_IMPORTED = event(
    "organisation.young_people_imported", "Imported young people", action=IMPORT, describe=_imported
)
STAFF_ACCOUNT_CREATED, STAFF_ACCOUNT_CHANGED = record_events(
    "staff_account", "staff account", added=("created", "Created the")
)
YOUNG_PERSON_CREATED, YOUNG_PERSON_CHANGED = record_events("young_person", "young person")
#: A young person added by a CSV import (one entry for each row).
YOUNG_PERSON_IMPORTED = event(
    "young_person.imported", "Added the young person from a CSV file", action=CREATE
)
#: A staff member's private calendar subscription address, made (or made anew, which ends the
#: old one) and turned off: entries on their own staff account, never the address.
CALENDAR_FEED_MADE = event(
    "calendar_feed.made", "Made a calendar subscription address", action=CREATE, describe=_feed
)
CALENDAR_FEED_TURNED_OFF = event(
    "calendar_feed.turned_off", "Turned off the calendar subscription address", action=DELETE
)
