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

from heard.core.events import CREATE, UPDATE, event


def _file(metadata: Mapping[str, Any]) -> str:
    return f"File uploaded as {metadata.get('original_name') or '(no name)'}"


VIEW_RECORDED = event("view.recorded", "Recorded the view", action=CREATE)
VIEW_CHANGED = event("view.changed", "Changed the view", action=UPDATE)
VIEW_RESPONDED = event("view.responded", "The view was given a response", action=UPDATE)
VIEW_FED_BACK = event("view.fed_back", "The response was fed back", action=UPDATE)
VIEW_RATED = event("view.rated", "The response was rated", action=UPDATE)
RESPONSE_RECORDED = event("response.recorded", "Recorded the response", action=CREATE)
FEEDBACK_RECORDED = event("feedback.recorded", "Recorded the feedback", action=CREATE)
RATING_GIVEN = event("rating.given", "Rated the response", action=CREATE)
RATING_CHANGED = event("rating.changed", "Changed the rating", action=UPDATE)
EVIDENCE_ATTACHED = event(
    "evidence.attached",
    "Attached evidence",
    action=CREATE,
    describe=_file,
    example={"original_name": "drawing.png"},
)

#: The event of a view's move to each status of the loop.
VIEW_MOVED = {
    "responded": VIEW_RESPONDED,
    "fed_back": VIEW_FED_BACK,
    "rated": VIEW_RATED,
}
