"""Who may see and keep audits, kite marks, provision reviews and young people's training.

Programme staff (the participation lead and officers, and the administrator) keep every record.
Board members read them, but never a young person's name: they see how many young people took
part. A partner worker reads the records about their own organisation only (its audits, the
provision reviews of it) and answers the recommendations addressed to it; another
organisation's records do not exist for them (404).
"""

from __future__ import annotations

from collections.abc import Collection

from heard.audits.models import Audit, Course, CourseAttendance, ProvisionReview, Recommendation
from heard.core.policies import OrganisationScoped, registered
from heard.core.roles import PROGRAMME_ROLES, Role

PARTNER = Role.PARTNER_WORKER
BOARD = Role.BOARD_MEMBER
#: Roles that read the records of every organisation.
READERS = PROGRAMME_ROLES | {BOARD}
#: Records read by every reader, kept by programme staff, whose young people only they see.
KEPT_BY_PROGRAMME: dict[str, Collection[str]] = {
    "view": READERS,
    "add": PROGRAMME_ROLES,
    "change": PROGRAMME_ROLES,
    "delete": PROGRAMME_ROLES,
    "view_young_people": PROGRAMME_ROLES,
}


class ProvisionReviewPolicy(OrganisationScoped):
    """Provision reviews: kept by programme staff, read by board members and by a partner worker
    of the provider reviewed; which young people reviewed, by programme staff only."""

    model = ProvisionReview
    actions = ("view", "add", "change", "delete", "view_young_people")
    own_field = "provider_id"
    everywhere = KEPT_BY_PROGRAMME
    own = ("view",)


class RecommendationPolicy(OrganisationScoped):
    """Recommendations: read like their review; programme staff change them and record the
    revisit; the provider's own staff (its partner workers), and nobody else, respond."""

    model = Recommendation
    actions = ("view", "change", "respond")
    own_field = "review__provider_id"
    everywhere = {"view": READERS, "change": PROGRAMME_ROLES, "respond": ()}
    own = ("view", "respond")


class AuditPolicy(OrganisationScoped):
    """Audits: kept by programme staff, read by board members and by a partner worker of the
    audited organisation; which young people audited, by programme staff only (a partner sees
    how many: the young auditors may come from other organisations)."""

    model = Audit
    actions = ("view", "add", "change", "delete", "view_young_people")
    everywhere = KEPT_BY_PROGRAMME
    own = ("view",)


class CoursePolicy(OrganisationScoped):
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


class CourseAttendancePolicy(OrganisationScoped):
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
