"""Safeguarding concerns raised from a session: the link lives here, in the higher app.

Safeguarding sits below participation, so a concern holds no relation to a session; this
model points down at both. Safeguarding reads the link back through the reverse relation
(``concern.session_link.session``) without importing participation.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from heard.core import audit
from heard.core.events import UPDATE, event
from heard.core.permissions import require
from heard.safeguarding import services as safeguarding_services

#: Raising a concern from a session writes, on the concern (read only by safeguarding leads),
#: that it came from one; the session's own history says nothing of it.
CONCERN_FROM_SESSION = event("concern.from_session", "Raised it from a session", action=UPDATE)


class SessionConcern(models.Model):
    """The session a safeguarding concern was raised from."""

    concern = models.OneToOneField(
        "safeguarding.Concern", on_delete=models.CASCADE, related_name="session_link"
    )
    session = models.ForeignKey(
        "participation.Session", on_delete=models.CASCADE, related_name="concern_links"
    )

    class Meta:
        app_label = "participation"

    def __str__(self) -> str:
        return f"{self.concern} from session {self.session_id}"


@transaction.atomic
def concern_raise_from_session(*, actor: Any, session: Any, **fields: Any) -> Any:
    """Raise a concern (``safeguarding.services.concern_raise``) from ``session``, which the
    actor must be able to see; a one-to-one session's concern is about its young person."""
    require(actor, "participation.view_session", session)
    if fields.get("young_person") is None:
        fields["young_person"] = session.young_person
    concern = safeguarding_services.concern_raise(actor=actor, **fields)
    SessionConcern.objects.create(concern=concern, session=session)
    audit.record(actor=actor, event=CONCERN_FROM_SESSION, obj=concern)
    return concern
