"""Every read of the audits app: permission-scoped, with the joins its pages need."""

from heard.audits.selectors.audits import (
    RENEWAL_WINDOW,
    audit_get,
    audits_visible_to,
    kite_mark_state_filter,
    kite_marks,
    kite_marks_due,
    kite_marks_held,
    levels_in_order,
)
from heard.audits.selectors.reviews import (
    recommendation_get,
    recommendations_not_acted_on,
    recommendations_visible_to,
    review_get,
    reviews_visible_to,
)
from heard.audits.selectors.training import (
    AUDIT_KINDS,
    REVIEW_KINDS,
    attendances_visible_to,
    course_attendees,
    course_get,
    courses_visible_to,
    trained_state_filter,
    untrained,
    young_people_trained,
)

__all__ = [
    "AUDIT_KINDS",
    "REVIEW_KINDS",
    "attendances_visible_to",
    "course_attendees",
    "course_get",
    "courses_visible_to",
    "trained_state_filter",
    "untrained",
    "young_people_trained",
    "RENEWAL_WINDOW",
    "audit_get",
    "audits_visible_to",
    "kite_mark_state_filter",
    "kite_marks",
    "kite_marks_due",
    "kite_marks_held",
    "levels_in_order",
    "recommendation_get",
    "recommendations_not_acted_on",
    "recommendations_visible_to",
    "review_get",
    "reviews_visible_to",
]
