"""What happens to concerns, staff checks and training records, in the audit log's words.

A concern's entries name the fields that changed but never their values (``(withheld)`` on both
sides): the values are kept beside the concern (``ConcernChange``) for safeguarding leads only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import CREATE, READ, UPDATE, event

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


CONCERN_RAISED = event("concern.raised", "Raised the concern", action=CREATE)
CONCERN_READ = event(
    "concern.read", "Read the concern", action=READ, describe=_read_via, example={"via": "page"}
)
CONCERN_CHANGED = event("concern.changed", "Changed the concern", action=UPDATE)
BACKGROUND_CHECK_RECORDED = event(
    "background_check.recorded", "Recorded the background check", action=CREATE
)
BACKGROUND_CHECK_CHANGED = event(
    "background_check.changed", "Changed the background check", action=UPDATE
)
TRAINING_RECORDED = event("training_record.recorded", "Recorded the training", action=CREATE)
TRAINING_CHANGED = event("training_record.changed", "Changed the training record", action=UPDATE)
