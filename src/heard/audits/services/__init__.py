"""Every write of the audits app: validate, check permission, save and audit, in one
transaction."""

from heard.audits.services.audits import AUDIT_FIELDS, audit_delete, audit_record, audit_update
from heard.audits.services.reviews import (
    REVIEW_FIELDS,
    recommendation_add,
    recommendation_check,
    recommendation_respond,
    recommendation_update,
    review_delete,
    review_record,
    review_update,
)
from heard.audits.services.training import (
    COURSE_FIELDS,
    course_delete,
    course_record,
    course_update,
    months_after,
)

__all__ = [
    "COURSE_FIELDS",
    "course_delete",
    "course_record",
    "course_update",
    "months_after",
    "AUDIT_FIELDS",
    "REVIEW_FIELDS",
    "audit_delete",
    "audit_record",
    "audit_update",
    "recommendation_add",
    "recommendation_check",
    "recommendation_respond",
    "recommendation_update",
    "review_delete",
    "review_record",
    "review_update",
]
