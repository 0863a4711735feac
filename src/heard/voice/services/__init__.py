"""Every write about views, responses, feedback and ratings: validate, check permission, save and
audit, in one transaction. Split by topic; import from here."""

from heard.voice.services.evidence import (
    ALLOWED_TYPES,
    MAX_EVIDENCE_BYTES,
    evidence_attach,
    sniff_content_type,
)
from heard.voice.services.loop import (
    NOT_POSSIBLE_NEEDS_REASON,
    awaiting_feedback_refresh,
    feedback_record,
    givers_of,
    rating_give,
    response_record,
)
from heard.voice.services.views import view_record, view_update, views_record_many

__all__ = [
    "ALLOWED_TYPES",
    "MAX_EVIDENCE_BYTES",
    "NOT_POSSIBLE_NEEDS_REASON",
    "awaiting_feedback_refresh",
    "evidence_attach",
    "feedback_record",
    "givers_of",
    "rating_give",
    "response_record",
    "sniff_content_type",
    "view_record",
    "view_update",
    "views_record_many",
]
