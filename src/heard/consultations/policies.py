"""Who may read and keep consultations, their questions and survey responses (one policy each).

Consultations: the registry is the partnership's, so every staff role reads it (that is how a
partner finds what young people were asked before). Programme staff keep every one; a partner
worker keeps their own organisation's; a theme lead keeps those on a theme they lead. Questions
follow their consultation: whoever keeps it keeps its questions. Survey responses (what one
young person answered) are read by whoever keeps the consultation; the others see the results
only, with the disclosure policy.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from heard.consultations.models import Consultation, Question, SurveyResponse
from heard.core.policies import Policy, ReadByStaff, is_programme, record_of, registered, role_of
from heard.core.roles import Role

#: Roles that may start consultations (a partner worker for their own organisation, a theme lead
#: on a theme they lead).
STARTERS = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.PARTICIPATION_LEAD,
        Role.PARTICIPATION_OFFICER,
        Role.THEME_LEAD,
        Role.PARTNER_WORKER,
    }
)


def _leads_a_theme_of(user: Any, consultation: Consultation) -> bool:
    if consultation.pk is None:
        return False
    return consultation.themes.filter(lead_id=user.pk).exists()


def keeps(user: Any, consultation: Consultation | None) -> bool:
    """Whether ``user`` may change ``consultation`` (or, with None, some consultation)."""
    role = role_of(user)
    if is_programme(user):
        return True
    if role == Role.PARTNER_WORKER:
        return consultation is None or consultation.organisation_id == user.organisation_id
    if role == Role.THEME_LEAD:
        return consultation is None or _leads_a_theme_of(user, consultation)
    return False


def kept_scope(user: Any, rows: QuerySet[Any], path: str = "") -> Any:
    """``rows`` (consultations, or records reached through ``path``) the user keeps."""
    role = role_of(user)
    if is_programme(user):
        return rows
    if role == Role.PARTNER_WORKER:
        return rows.filter(**{f"{path}organisation_id": user.organisation_id})
    if role == Role.THEME_LEAD:
        led = Consultation.objects.filter(themes__lead_id=user.pk).values("pk")
        return rows.filter(**{f"{path}pk__in" if not path else f"{path[:-2]}_id__in": led})
    return rows.none()


class ConsultationPolicy(ReadByStaff, Policy[Consultation]):
    model = Consultation
    actions = ("view", "add", "change", "delete")

    def may_add(self, user: Any, obj: Any) -> bool:
        role = role_of(user)
        if role not in STARTERS:
            return False
        if obj is not None and role == Role.PARTNER_WORKER:
            return bool(obj.organisation_id == user.organisation_id)
        return True

    def add_scope(self, user: Any, rows: QuerySet[Consultation]) -> Any:
        """A theme lead may add on any organisation's behalf (the service asks for a theme they
        lead); a partner worker for their own organisation."""
        role = role_of(user)
        if role == Role.PARTNER_WORKER:
            return rows.filter(organisation_id=user.organisation_id)
        return rows if role in STARTERS else rows.none()

    def may_change(self, user: Any, obj: Any) -> bool:
        return keeps(user, obj)

    def change_scope(self, user: Any, rows: QuerySet[Consultation]) -> Any:
        return kept_scope(user, rows)

    may_delete = may_change
    delete_scope = change_scope


def _consultation_of(obj: Any) -> Consultation | None:
    return record_of(obj, Consultation, (Question, SurveyResponse), "consultation")


class QuestionPolicy(ReadByStaff, Policy[Question]):
    """``add`` also takes the consultation a question is for."""

    model = Question
    actions = ("view", "add", "change", "delete")

    def may_add(self, user: Any, obj: Any) -> bool:
        return keeps(user, _consultation_of(obj))

    def add_scope(self, user: Any, rows: QuerySet[Question]) -> Any:
        return kept_scope(user, rows, "consultation__")

    may_change = may_delete = may_add
    change_scope = delete_scope = add_scope


class SurveyResponsePolicy(Policy[SurveyResponse]):
    """What one young person answered: read by whoever keeps the consultation."""

    model = SurveyResponse
    actions = ("view",)

    def may_view(self, user: Any, obj: Any) -> bool:
        return keeps(user, _consultation_of(obj))

    def view_scope(self, user: Any, rows: QuerySet[SurveyResponse]) -> Any:
        return kept_scope(user, rows, "consultation__")


CONSULTATIONS, QUESTIONS, SURVEY_RESPONSES = registered(
    [ConsultationPolicy(), QuestionPolicy(), SurveyResponsePolicy()]
)
