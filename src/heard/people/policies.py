"""Who may see and change young people, organisations and staff (the role matrix in one place).

Each policy answers both questions (``heard.core.policies``): may this user do X to this record,
and which records may they do X to. Programme staff (and, for some actions, theme and
safeguarding leads) reach every record; a partner worker reaches only the records of their own
organisation; board members never see young people, not even their names.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from django.db.models import Model, QuerySet

from heard.core.policies import Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role
from heard.people.models import Organisation, User, YoungPerson

PARTNER = Role.PARTNER_WORKER
#: Roles that read every young person's record.
READERS = PROGRAMME_ROLES | {Role.THEME_LEAD, Role.SAFEGUARDING_LEAD}
#: Roles that add young people to any organisation.
ADDERS = PROGRAMME_ROLES | {Role.THEME_LEAD}


class _OrganisationScoped(Policy[Any]):
    """A policy whose records each belong to one organisation (``own_field``): the roles of
    ``everywhere[action]`` reach every record, a partner worker those of their organisation when
    ``action`` is in ``own``."""

    own_field: ClassVar[str] = "organisation_id"
    everywhere: ClassVar[dict[str, Collection[str]]] = {}
    own: ClassVar[Collection[str]] = ()
    #: Permission names that are not ``<app>.<action>_<model>`` (kept from the rules before).
    names: ClassVar[dict[str, str]] = {}

    def permission(self, action: str) -> str:
        return self.names.get(action) or super().permission(action)

    def _reach(self, user: Any, action: str) -> str | None:
        """``"all"``, ``"own"`` (a partner worker's organisation) or None."""
        role = role_of(user)
        if role in self.everywhere.get(action, ()):
            return "all"
        if role == PARTNER and action in self.own:
            return "own"
        return None

    def _may(self, user: Any, action: str, obj: Model | None, *, listing: bool = True) -> bool:
        """``listing``: whether a partner worker may do ``action`` at all (without an object)."""
        reach = self._reach(user, action)
        if reach != "own":
            return reach == "all"
        if obj is None:
            return listing
        own = getattr(user, "organisation_id", None)
        return own is not None and getattr(obj, self.own_field) == own

    def _scope(self, user: Any, action: str, rows: QuerySet[Any]) -> QuerySet[Any]:
        reach = self._reach(user, action)
        if reach == "all":
            return rows
        if reach == "own" and user.organisation_id is not None:
            return rows.filter(**{self.own_field: user.organisation_id})
        return rows.none()


class YoungPersonPolicy(_OrganisationScoped):
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
    # Board members never see young people at all, not even their names in a group's page.
    names = {"view_name": "people.view_youngperson_name"}

    def may_view(self, user: Any, obj: YoungPerson | None) -> bool:
        return self._may(user, "view", obj)

    def view_scope(self, user: Any, rows: QuerySet[YoungPerson]) -> QuerySet[YoungPerson]:
        return self._scope(user, "view", rows)

    def may_view_name(self, user: Any, obj: YoungPerson | None) -> bool:
        return self._may(user, "view_name", obj)

    def view_name_scope(self, user: Any, rows: QuerySet[YoungPerson]) -> QuerySet[YoungPerson]:
        return self._scope(user, "view_name", rows)

    def may_add(self, user: Any, obj: YoungPerson | None) -> bool:
        return self._may(user, "add", obj)

    def add_scope(self, user: Any, rows: QuerySet[YoungPerson]) -> QuerySet[YoungPerson]:
        return self._scope(user, "add", rows)

    def may_import(self, user: Any, obj: YoungPerson | None) -> bool:
        """A partner worker imports too: each row is then checked as ``add`` for its record."""
        return self._may(user, "import", obj)

    def may_change(self, user: Any, obj: YoungPerson | None) -> bool:
        return self._may(user, "change", obj)

    def change_scope(self, user: Any, rows: QuerySet[YoungPerson]) -> QuerySet[YoungPerson]:
        return self._scope(user, "change", rows)


class OrganisationPolicy(_OrganisationScoped):
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
    names = {
        #: Counts of an organisation's young people: roles that read young people.
        "view_young_people": "people.view_organisation_young_people",
        #: The staff accounts of an organisation: programme staff, partner workers their own.
        "view_staff": "people.view_organisation_staff",
    }

    def may_view(self, user: Any, obj: Organisation | None) -> bool:
        return self._may(user, "view", obj)

    def may_add(self, user: Any, obj: Organisation | None) -> bool:
        return self._may(user, "add", obj)

    def may_change(self, user: Any, obj: Organisation | None) -> bool:
        return self._may(user, "change", obj)

    def may_view_young_people(self, user: Any, obj: Organisation | None) -> bool:
        return self._may(user, "view_young_people", obj)

    def view_young_people_scope(
        self, user: Any, rows: QuerySet[Organisation]
    ) -> QuerySet[Organisation]:
        return self._scope(user, "view_young_people", rows)

    def may_view_staff(self, user: Any, obj: Organisation | None) -> bool:
        return self._may(user, "view_staff", obj, listing=False)

    def view_staff_scope(self, user: Any, rows: QuerySet[Organisation]) -> QuerySet[Organisation]:
        return self._scope(user, "view_staff", rows)


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
