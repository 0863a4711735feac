"""Subject access: everything Heard holds about one young person, as plain data for an export."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from heard.groups.models import Membership
from heard.participation.models import Attendance, Session
from heard.people.models import YoungPerson
from heard.privacy.models import EQUALITY_FIELDS, Consent, EqualityRecord
from heard.privacy.selectors.decided import decided_data
from heard.voice.models import Feedback, Rating, Response, View


def _iso(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _response(response: Response) -> dict[str, Any]:
    return {
        "date": _iso(response.date),
        "decision_maker": response.decision_maker,
        "outcome": response.get_outcome_display(),
        "explanation": response.explanation,
        "plain_language": response.plain_language,
    }


def _person(yp: YoungPerson) -> dict[str, Any]:
    return {
        "reference": yp.reference,
        "first_name": yp.first_name,
        "last_name": yp.last_name,
        "preferred_name": yp.preferred_name,
        "age_band": yp.get_age_band_display(),
        "date_of_birth": _iso(yp.date_of_birth),
        "supporting_organisation": yp.organisation.name,
        "area": yp.area,
        "communication_needs": yp.communication_needs,
        "access_needs": yp.access_needs,
        "contact_email": yp.contact_email,
        "contact_preference": yp.get_contact_preference_display(),
        "active": yp.is_active,
        "record_created": _iso(yp.created_at),
        "record_updated": _iso(yp.updated_at),
    }


def _session(session: Session, *, group: str, attendance: str) -> dict[str, Any]:
    return {
        "date": _iso(session.date),
        "kind": session.get_kind_display(),
        "title": session.title,
        "group": group,
        "degree": session.get_degree_display(),
        "type": session.get_participation_type_display(),
        "attendance": attendance,
    }


def _sessions(yp: YoungPerson) -> list[dict[str, Any]]:
    """Sessions attended (or missed) in groups, then their individual sessions."""
    attendances = (
        Attendance.objects.filter(young_person=yp)
        .select_related("session", "session__group")
        .order_by("session__date", "session_id")
    )
    individual = Session.objects.filter(young_person=yp).order_by("date", "id")
    return [
        _session(
            a.session,
            group=a.session.group.name if a.session.group else "",
            attendance=a.get_status_display(),
        )
        for a in attendances
    ] + [_session(s, group="", attendance="Individual session") for s in individual]


def _views(yp: YoungPerson) -> list[dict[str, Any]]:
    views = (
        View.objects.filter(young_people=yp)
        .prefetch_related(
            "themes", Prefetch("responses", queryset=Response.objects.order_by("date"))
        )
        .order_by("recorded_on", "id")
    )
    return [
        {
            "kind": v.get_kind_display(),
            "text": v.text,
            "recorded_on": _iso(v.recorded_on),
            "how_it_may_be_used": v.get_consent_display(),
            "status": v.get_status_display(),
            "themes": [t.title for t in v.themes.all()],
            "responses": [_response(r) for r in v.responses.all()],
        }
        for v in views
    ]


def _feedback_and_ratings(yp: YoungPerson) -> dict[str, list[dict[str, Any]]]:
    feedback = (
        Feedback.objects.filter(young_people=yp).select_related("response").order_by("date", "id")
    )
    ratings = Rating.objects.filter(young_person=yp).select_related("response")
    return {
        "feedback": [
            {
                "date": _iso(f.date),
                "channel": f.get_channel_display(),
                "response": _response(f.response),
            }
            for f in feedback
        ],
        "ratings": [
            {
                "response_date": _iso(r.response.date),
                "rating": r.get_value_display(),
                "comment": r.comment,
                "given": _iso(r.created_at),
            }
            for r in ratings
        ],
    }


def _consents(yp: YoungPerson) -> list[dict[str, Any]]:
    return [
        {
            "purpose": c.get_purpose_display(),
            "given_by": c.get_given_by_display(),
            "given_on": _iso(c.given_on),
            "how": c.get_how_display(),
            "withdrawn_on": _iso(c.withdrawn_on),
            "withdrawn_by": c.get_withdrawn_by_display() if c.withdrawn_by else "",
            "notes": c.notes,
        }
        for c in Consent.objects.filter(young_person=yp).order_by("given_on", "id")
    ]


def equality_answers(record: EqualityRecord) -> dict[str, str]:
    """Each answer of an equality record, as its choice's words (free text as given)."""
    answers = {}
    for name in EQUALITY_FIELDS:
        value = getattr(record, name)
        shown = getattr(record, f"get_{name}_display", None)
        answers[name] = shown() if value and shown is not None else value
    return answers


def subject_access_data(young_person: YoungPerson) -> dict[str, Any]:
    """Everything held about one young person: their record, groups, sessions attended, the views
    they gave with the responses, feedback given to them, their ratings, consents, equality
    data, and what they did where young people decide (``decided``: ballots, never their
    choices; proposals, survey answers, sign-ups, recognitions, expense claims). Never another
    child's name or reference, never safeguarding concerns, never session notes (which are about
    everyone there)."""
    yp = YoungPerson.objects.select_related("organisation").get(pk=young_person.pk)
    memberships = Membership.objects.filter(young_person=yp).select_related("group")
    equality = EqualityRecord.objects.filter(young_person=yp).first()
    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "young_person": _person(yp),
        "groups": [
            {"group": m.group.name, "joined_on": _iso(m.joined_on), "left_on": _iso(m.left_on)}
            for m in memberships
        ],
        "sessions": _sessions(yp),
        "views": _views(yp),
        **_feedback_and_ratings(yp),
        "consents": _consents(yp),
        **decided_data(yp),
        "equality_monitoring": equality_answers(equality) if equality is not None else None,
    }
