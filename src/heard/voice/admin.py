"""Read-only admin for voice records: every change goes through the services (and the audit)."""

from heard.core.admin import read_only
from heard.voice.models import Evidence, Feedback, Rating, Response, View

read_only(
    View,
    ("id", "kind", "recorded_on", "organisation", "status", "consent"),
    filters=("status", "kind", "consent"),
    search=("text",),
)
read_only(Response, ("id", "outcome", "date", "decision_maker"), filters=("outcome",))
read_only(Feedback, ("id", "response", "date", "channel"))
read_only(Rating, ("id", "response", "value", "created_at"))
read_only(Evidence, ("id", "view", "kind", "content_type", "size"))
