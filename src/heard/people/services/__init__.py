"""Every write to young people, organisations and staff: validate, check permission, save, audit.

One module for each topic; the names are re-exported here, so ``services.young_person_create``
is the way every caller reaches them.
"""

from heard.people.services._common import (
    NEEDS_MAX_LENGTH,
    ORGANISATION_FIELDS,
    STAFF_FIELDS,
    YOUNG_PERSON_FIELDS,
)
from heard.people.services.calendar_feeds import calendar_feed_make, calendar_feed_turn_off
from heard.people.services.imports import ImportResult, young_people_import
from heard.people.services.organisations import organisation_create, organisation_update
from heard.people.services.staff import staff_create, staff_update
from heard.people.services.young_people import (
    PossibleDuplicateError,
    age_on,
    duplicate_message,
    young_person_create,
    young_person_problems,
    young_person_update,
)

__all__ = [
    "NEEDS_MAX_LENGTH",
    "ORGANISATION_FIELDS",
    "STAFF_FIELDS",
    "YOUNG_PERSON_FIELDS",
    "ImportResult",
    "PossibleDuplicateError",
    "age_on",
    "calendar_feed_make",
    "calendar_feed_turn_off",
    "duplicate_message",
    "organisation_create",
    "organisation_update",
    "staff_create",
    "staff_update",
    "young_people_import",
    "young_person_create",
    "young_person_problems",
    "young_person_update",
]
