"""What happens to concerns, staff checks and training records, in the audit log's words.

A concern's entries name the fields that changed but never their values (``(withheld)`` on both
sides): the values are kept beside the concern (``ConcernChange``) for safeguarding leads only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import CREATE, READ, UPDATE, event, record_events

#: How each kind of read is described (``metadata["via"]`` of a ``concern.read`` entry).
READ_VIA = {
    "page": "Opened the concern's page",
    "list": "Saw it in the list of concerns",
    "csv": "Downloaded it in the list of concerns (CSV)",
    "api": "Read it through the API",
    "api-trail": "Read its audit trail through the API",
}


def _read_via(metadata: Mapping[str, Any]) -> str:
    via = str(metadata.get("via", ""))
    return READ_VIA.get(via, "Read it")


CONCERN_RAISED, CONCERN_CHANGED = record_events(
    "concern", "concern", added=("raised", "Raised the")
)
CONCERN_READ = event(
    "concern.read", "Read the concern", action=READ, describe=_read_via, example={"via": "page"}
)
BACKGROUND_CHECK_RECORDED, BACKGROUND_CHECK_CHANGED = record_events(
    "background_check", "background check", added=("recorded", "Recorded the")
)
TRAINING_RECORDED = event("training_record.recorded", "Recorded the training", action=CREATE)
TRAINING_CHANGED = event("training_record.changed", "Changed the training record", action=UPDATE)
