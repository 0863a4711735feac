"""Who may see and change young people, organisations and staff (the role matrix in one place).

Each policy answers both questions (``heard.core.policies``): may this user do X to this record,
and which records may they do X to. Programme staff (and, for some actions, theme and
safeguarding leads) reach every record; a partner worker reaches only the records of their own
organisation; board members never see young people, not even their names.
"""

from __future__ import annotations

from typing import Any

from heard.core.policies import OrganisationScoped, Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.people.models import Organisation, User, YoungPerson

PARTNER = Role.PARTNER_WORKER
#: Roles that read every young person's record.
READERS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD}
#: Roles that add young people to any organisation.
ADDERS = PROGRAMME_ROLES | {Role.THEME_LEAD}


class YoungPersonPolicy(OrganisationScoped):
    """Young people: board members never see them, not even their names in a group's page. A
    partner worker imports a file (``import``, no record) whose rows are each checked as ``add``."""

    model = YoungPerson
    actions = ("view", "view_name", "add", "import", "change")
    everywhere = {
        "view": READERS,
        "view_name": READERS,
        "add": ADDERS,
        "import": ADDERS | {PARTNER},
        "change": PROGRAMME_ROLES,
    }
    own = ("view", "view_name", "add", "change")
    names = {"view_name": "people.view_youngperson_name"}


class OrganisationPolicy(OrganisationScoped):
    """Organisations: every member of staff reads them; programme staff add and change them. The
    counts of an organisation's young people are for roles that read young people (a partner
    worker: their own); its staff accounts for programme staff and a partner worker of its own."""

    model = Organisation
    actions = ("view", "add", "change", "view_young_people", "view_staff")
    own_field = "pk"
    everywhere = {
        "view": {*Role.values},
        "add": PROGRAMME_ROLES,
        "change": PROGRAMME_ROLES,
        "view_young_people": READERS,
        "view_staff": PROGRAMME_ROLES,
    }
    own = ("view_young_people", "view_staff")
    not_listed = ("view_staff",)
    names = {
        "view_young_people": "people.view_organisation_young_people",
        "view_staff": "people.view_organisation_staff",
    }


class StaffPolicy(Policy[User]):
    """Staff accounts: administrators only; staff are deactivated, never deleted."""

    model = User

    def _administrator(self, user: Any) -> bool:
        return role_of(user) == Role.ADMINISTRATOR

    def may_view(self, user: Any, obj: User | None) -> bool:
        return self._administrator(user)

    def may_add(self, user: Any, obj: User | None) -> bool:
        return self._administrator(user)

    def may_change(self, user: Any, obj: User | None) -> bool:
        return self._administrator(user)


YOUNG_PERSON, ORGANISATION, STAFF = registered(
    [YoungPersonPolicy(), OrganisationPolicy(), StaffPolicy()]
)
