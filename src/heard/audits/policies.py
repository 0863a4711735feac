"""Who may see and keep audits, kite marks, provision reviews and young people's training.

Programme staff (the participation lead and officers, and the administrator) keep every record.
Board members read them, but never a young person's name: they see how many young people took
part. A partner worker reads the records about their own organisation only (its audits, the
provision reviews of it) and answers the recommendations addressed to it; another
organisation's records do not exist for them (404).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from django.db.models import Model, QuerySet

from heard.audits.models import Audit, Course, CourseAttendance, ProvisionReview, Recommendation
from heard.core.policies import Policy, registered, role_of
from heard.core.roles import PROGRAMME_ROLES, Role

PARTNER = Role.PARTNER_WORKER
BOARD = Role.BOARD_MEMBER
#: Roles that read the records of every organisation.
READERS = PROGRAMME_ROLES | {BOARD}


class OrganisationRecords(Policy[Any]):
    """Records that each concern one organisation (``own_field``, a path of attributes): the
    roles of ``everywhere[action]`` reach every record, a partner worker the records of their own
    organisation for each action in ``own``."""

    own_field: ClassVar[str] = "organisation_id"
    everywhere: ClassVar[dict[str, Collection[str]]] = {}
    own: ClassVar[Collection[str]] = ()

    def _reach(self, user: Any, action: str) -> str | None:
        role = role_of(user)
        if role in self.everywhere[action]:
            return "all"
        if role == PARTNER and action in self.own:
            return "own"
        return None

    def _owner(self, obj: Model) -> Any:
        value: Any = obj
        for part in self.own_field.split("__"):
            value = getattr(value, part)
        return value

    def _may(self, user: Any, action: str, obj: Model | None) -> bool:
        reach = self._reach(user, action)
        if reach != "own" or obj is None:
            return reach is not None
        own = getattr(user, "organisation_id", None)
        return own is not None and self._owner(obj) == own

    def _scope(self, user: Any, action: str, rows: QuerySet[Any]) -> QuerySet[Any]:
        reach = self._reach(user, action)
        if reach == "all":
            return rows
        if reach == "own":
            return rows.filter(**{self.own_field: user.organisation_id})
        return rows.none()


class _Answers(OrganisationRecords):
    """``may_<action>`` and ``<action>_scope`` of every action, read from the two tables."""

    def __getattr__(self, name: str) -> Any:
        prefix, _, action = name.partition("_")
        if prefix == "may" and action in self.everywhere:
            return lambda user, obj=None: self._may(user, action, obj)
        action, _, suffix = name.rpartition("_")
        if suffix == "scope" and action in self.everywhere:
            return lambda user, rows: self._scope(user, action, rows)
        raise AttributeError(name)


class ProvisionReviewPolicy(_Answers):
    """Provision reviews: kept by programme staff, read by board members and by a partner worker
    of the provider reviewed; which young people reviewed, by programme staff only."""

    model = ProvisionReview
    actions = ("view", "add", "change", "delete", "view_young_people")
    own_field = "provider_id"
    everywhere = {
        "view": READERS,
        "add": PROGRAMME_ROLES,
        "change": PROGRAMME_ROLES,
        "delete": PROGRAMME_ROLES,
        "view_young_people": PROGRAMME_ROLES,
    }
    own = ("view",)


class RecommendationPolicy(_Answers):
    """Recommendations: read like their review; programme staff change them and record the
    revisit; the provider's own staff (its partner workers), and nobody else, respond."""

    model = Recommendation
    actions = ("view", "change", "respond")
    own_field = "review__provider_id"
    everywhere = {"view": READERS, "change": PROGRAMME_ROLES, "respond": ()}
    own = ("view", "respond")


class AuditPolicy(OrganisationRecords):
    """Audits: kept by programme staff, read by board members and by a partner worker of the
    audited organisation; which young people audited, by programme staff only (a partner sees
    how many: the young auditors may come from other organisations)."""

    model = Audit
    actions = ("view", "add", "change", "delete", "view_young_people")
    everywhere = {
        "view": READERS,
        "add": PROGRAMME_ROLES,
        "change": PROGRAMME_ROLES,
        "delete": PROGRAMME_ROLES,
        "view_young_people": PROGRAMME_ROLES,
    }
    own = ("view",)

    def may_view(self, user: Any, obj: Any = None) -> bool:
        return self._may(user, "view", obj)

    def view_scope(self, user: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
        return self._scope(user, "view", rows)

    def may_add(self, user: Any, obj: Any = None) -> bool:
        return self._may(user, "add", obj)

    def may_change(self, user: Any, obj: Any = None) -> bool:
        return self._may(user, "change", obj)

    def may_delete(self, user: Any, obj: Any = None) -> bool:
        return self._may(user, "delete", obj)

    def may_view_young_people(self, user: Any, obj: Any = None) -> bool:
        return self._may(user, "view_young_people", obj)


class CoursePolicy(_Answers):
    """Young people's courses: kept by programme staff, read by every role that reads audits
    (a course belongs to no organisation: who attended is ``CourseAttendancePolicy``'s)."""

    model = Course
    actions = ("view", "add", "change", "delete")
    everywhere = {
        "view": READERS | {PARTNER},
        "add": PROGRAMME_ROLES,
        "change": PROGRAMME_ROLES,
        "delete": PROGRAMME_ROLES,
    }


class CourseAttendancePolicy(_Answers):
    """Who attended a course, and so who is trained: programme staff see every young person, a
    partner worker their own organisation's, board members none (they see how many)."""

    model = CourseAttendance
    actions = ("view",)
    own_field = "young_person__organisation_id"
    everywhere = {"view": PROGRAMME_ROLES}
    own = ("view",)


AUDITS, REVIEWS, RECOMMENDATIONS, COURSES, ATTENDANCES = registered(
    [
        AuditPolicy(),
        ProvisionReviewPolicy(),
        RecommendationPolicy(),
        CoursePolicy(),
        CourseAttendancePolicy(),
    ]
)
