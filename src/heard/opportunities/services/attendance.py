"""Turning sign-ups into attendance: the young people who came are recorded as attending a
participation session (an existing one, or one logged now through the participation services),
so they count in the participation log; their sign-ups become "attended" and link to it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import record_changed
from heard.opportunities import events
from heard.opportunities.models import Opportunity, SignUp
from heard.opportunities.services.sign_ups import SIGN_UP_FIELDS
from heard.participation import services as participation_services
from heard.participation.models import Attendance, Session

CHOOSE_SIGN_UPS = gettext_noop("Choose the young people who came.")
NOT_THESE = gettext_noop(
    "Choose young people signed up for this opportunity who have not attended yet."
)
ONE_SESSION = gettext_noop(
    "Choose an existing session or give the new session's details, not both."
)
NO_SESSION = gettext_noop("Choose an existing session or give the new session's details.")


def _chosen(opportunity: Opportunity, sign_ups: Iterable[Any]) -> list[SignUp]:
    chosen = list(sign_ups or [])
    if not chosen:
        raise ValidationError({"sign_ups": _(CHOOSE_SIGN_UPS)})
    pks = {sign_up.pk for sign_up in chosen if isinstance(sign_up, SignUp)}
    rows = list(
        SignUp.objects.select_for_update()
        .filter(pk__in=pks, opportunity=opportunity, status=SignUp.Status.SIGNED_UP)
        .select_related("young_person")
        .order_by("pk")
    )
    if len(rows) != len(chosen):
        raise ValidationError({"sign_ups": _(NOT_THESE)})
    return rows


def _into_session(actor: Any, session: Session, sign_ups: list[SignUp]) -> Session:
    """Add the young people to ``session``'s attendance as attended, keeping everyone else's."""
    require(actor, "participation.change_session", session)
    pairs: dict[int, Any] = {
        attendance.young_person_id: (attendance.young_person, attendance.status)
        for attendance in session.attendances.select_related("young_person")
    }
    for sign_up in sign_ups:
        pairs[sign_up.young_person_id] = (sign_up.young_person, Attendance.Status.ATTENDED)
    return participation_services.session_update(
        actor=actor, session=session, attendees=list(pairs.values())
    )


@transaction.atomic
def sign_ups_attend(
    *,
    actor: Any,
    opportunity: Opportunity,
    sign_ups: Iterable[SignUp],
    session: Session | None = None,
    new_session: Mapping[str, Any] | None = None,
) -> Session:
    """The young people of ``sign_ups`` came: record them as attending ``session``, or a new
    session of the opportunity's organisation, open to all, logged with ``new_session``'s
    ``date``, ``kind``, ``degree`` and ``participation_type`` (its title is the
    opportunity's unless given). Returns the session."""
    require(actor, "opportunities.change_signup", SignUp(opportunity=opportunity))
    if (session is None) == (not new_session):
        raise ValidationError({"session": _(ONE_SESSION) if session else _(NO_SESSION)})
    chosen = _chosen(opportunity, sign_ups)
    if session is not None:
        session = _into_session(actor, session, chosen)
    else:
        details = {"title": opportunity.title, **dict(new_session or {})}
        session = participation_services.session_log(
            actor=actor,
            organisation=opportunity.organisation,
            is_open=True,
            attendees=[(sign_up.young_person, Attendance.Status.ATTENDED) for sign_up in chosen],
            **details,
        )
    for sign_up in chosen:
        before = audit.snapshot(sign_up, SIGN_UP_FIELDS)
        sign_up.status, sign_up.session = SignUp.Status.ATTENDED, session
        sign_up.save(update_fields=["status", "session", "updated_at"])
        record_changed(sign_up, actor=actor, event=events.SIGN_UP_ATTENDED, before=before)
    return session
