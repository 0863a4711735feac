"""What happens to concerns, staff checks and training records, in the audit log's words.

A concern's entries name the fields that changed but never their values (``(withheld)`` on both
sides): the values are kept beside the concern (``ConcernChange``) for safeguarding leads only.
"""

from __future__ import annotations

from heard.core.events import CREATE, READ, UPDATE, event, read_through, record_events

#: How each kind of read is described (``metadata["via"]`` of a ``concern.read`` entry).
READ_VIA = {
    "page": "Opened the concern's page",
    "list": "Saw it in the list of concerns",
    "csv": "Downloaded it in the list of concerns (CSV)",
    "xlsx": "Downloaded it in the list of concerns (XLSX)",
    "api": "Read it through the API",
    "api-trail": "Read its audit trail through the API",
}


_via = read_through("via", READ_VIA, otherwise="Read it")


CONCERN_RAISED, CONCERN_CHANGED = record_events(
    "concern", "concern", added=("raised", "Raised the")
)
CONCERN_READ = event("concern.read", "Read the concern", action=READ, describe=_via)
BACKGROUND_CHECK_RECORDED, BACKGROUND_CHECK_CHANGED = record_events(
    "background_check", "background check", added=("recorded", "Recorded the")
)
TRAINING_RECORDED = event("training_record.recorded", "Recorded the training", action=CREATE)
TRAINING_CHANGED = event("training_record.changed", "Changed the training record", action=UPDATE)
