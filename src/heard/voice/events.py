"""The voice app's audit events: views recorded and changed, moved along the loop, answered by
responses, fed back and rated, and evidence attached."""

from __future__ import annotations

from heard.core.events import CREATE, UPDATE, event

VIEW_RECORDED = event("view.recorded", "Recorded the view", action=CREATE)
VIEW_CHANGED = event("view.changed", "Changed the view", action=UPDATE)
VIEW_RESPONDED = event("view.responded", "The view was given a response", action=UPDATE)
VIEW_FED_BACK = event("view.fed_back", "The response was fed back", action=UPDATE)
VIEW_RATED = event("view.rated", "The response was rated", action=UPDATE)
RESPONSE_RECORDED = event("response.recorded", "Recorded the response", action=CREATE)
FEEDBACK_RECORDED = event("feedback.recorded", "Recorded the feedback", action=CREATE)
RATING_GIVEN = event("rating.given", "Rated the response", action=CREATE)
RATING_CHANGED = event("rating.changed", "Changed the rating", action=UPDATE)
EVIDENCE_ATTACHED = event("evidence.attached", "Attached evidence", action=CREATE)
