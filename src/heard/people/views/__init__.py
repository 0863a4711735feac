"""Pages for young people, organisations and staff: thin, they call selectors and services.

By topic: ``young_people`` (with their ``imports``), ``organisations`` and ``staff``; what they
share is in ``_common``. Each page is importable from here (``heard.people.urls``).
"""

from heard.people.views.imports import IMPORT_SESSION_KEY, young_people_import
from heard.people.views.organisations import (
    OrganisationListView,
    organisation_create,
    organisation_detail,
    organisation_edit,
)
from heard.people.views.staff import StaffMemberListView, staff_create, staff_edit
from heard.people.views.young_people import (
    YoungPersonListView,
    young_person_create,
    young_person_detail,
    young_person_edit,
)

__all__ = [
    "IMPORT_SESSION_KEY",
    "OrganisationListView",
    "StaffMemberListView",
    "YoungPersonListView",
    "organisation_create",
    "organisation_detail",
    "organisation_edit",
    "staff_create",
    "staff_edit",
    "young_people_import",
    "young_person_create",
    "young_person_detail",
    "young_person_edit",
]
