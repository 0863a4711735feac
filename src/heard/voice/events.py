"""The voice app's audit events: views recorded and changed, moved along the loop, answered by
responses, fed back and rated, and evidence attached.

A view moves along the loop as a consequence of a person's act (a response, feedback, a
rating): Heard writes those moves (no actor) on behalf of the person, in the same operation as
the entry for what they did, so one response that moves twelve views is one operation of
thirteen entries.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from heard.core.events import CREATE, UPDATE, describes, event, record_events


@describes(original_name="drawing.png")
def _file(metadata: Mapping[str, Any]) -> str:
    return f"File uploaded as {metadata.get('original_name') or '(no name)'}"


VIEW_RECORDED, VIEW_CHANGED = record_events("view", "view", added=("recorded", "Recorded the"))
#: The event of a view's move to each status of the loop (``View.TRANSITIONS``).
VIEW_MOVED = {
    status: event(f"view.{status}", words, action=UPDATE)
    for status, words in (
        ("responded", "The view was given a response"),
        ("fed_back", "The response was fed back"),
        ("rated", "The response was rated"),
    )
}
VIEW_RESPONDED, VIEW_FED_BACK, VIEW_RATED = VIEW_MOVED.values()
RESPONSE_RECORDED = event("response.recorded", "Recorded the response", action=CREATE)
FEEDBACK_RECORDED = event("feedback.recorded", "Recorded the feedback", action=CREATE)
RATING_GIVEN = event("rating.given", "Rated the response", action=CREATE)
RATING_CHANGED = event("rating.changed", "Changed the rating", action=UPDATE)
EVIDENCE_ATTACHED = event("evidence.attached", "Attached evidence", action=CREATE, describe=_file)
