"""Survey responses: a young person answers a survey in the portal, once; a worker turns a
free-text answer into a view in the "you said, we did" loop, once."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from heard.consultations import events, selectors
from heard.consultations.models import Answer, Consultation, Question, SurveyResponse
from heard.core import audit
from heard.core.permissions import require
from heard.core.updates import lock
from heard.people.models import YoungPerson
from heard.voice.models import View
from heard.voice.services.views import view_record

#: What a young person may write in one free-text answer: about a page.
TEXT_MAX_LENGTH = 2000
ALREADY = gettext_noop(
    "You have already answered this survey. Thank you: you can only answer it once."
)
NOT_OPEN = gettext_noop("This survey is not open to you.")
REQUIRED = gettext_noop("Answer this question.")
NOT_TEXT = gettext_noop("Only a free-text answer can become a view.")
ALREADY_A_VIEW = gettext_noop("This answer is already a view in the loop.")


def question_key(question: Question) -> str:
    """The name of a question's answer in forms and errors."""
    return f"question_{question.pk}"


def _answer(question: Question, raw: Any, errors: dict[str, Any]) -> Answer | None:
    """The answer to ``question`` from what was sent, or None when it was left empty."""
    key = question_key(question)
    answer = Answer(question=question)
    if question.kind == Question.Kind.SINGLE:
        value = raw if isinstance(raw, str) else ""
        if value and value not in question.options:
            errors[key] = _("Choose one of the options.")
        answer.choices = [value] if value else []
    elif question.kind == Question.Kind.MULTIPLE:
        values = list(raw) if isinstance(raw, list | tuple) else [raw] if raw else []
        if any(value not in question.options for value in values):
            errors[key] = _("Choose from the options.")
        answer.choices = [option for option in question.options if option in values]
    elif question.kind == Question.Kind.SCALE:
        text = str(raw).strip() if raw not in (None, "") else ""
        if text and text not in {"1", "2", "3", "4", "5"}:
            errors[key] = _("Choose a number from 1 to 5.")
            return None
        answer.scale = int(text) if text else None
    else:
        answer.text = raw.strip() if isinstance(raw, str) else ""
        if len(answer.text) > TEXT_MAX_LENGTH:
            errors[key] = _("Keep your answer to %(text_max_length)s characters or fewer.") % {
                "text_max_length": format(TEXT_MAX_LENGTH, ",")
            }
    if key in errors:
        return None
    if not answer.choices and answer.scale is None and not answer.text:
        if question.required:
            errors[key] = _(REQUIRED)
        return None
    return answer


@transaction.atomic
def survey_submit(
    *,
    young_person: YoungPerson,
    consultation: Consultation,
    answers: Mapping[str, Any],
    on: datetime.date | None = None,
) -> SurveyResponse:
    """A young person's answers to an open survey whose audience takes them in, by
    :func:`question_key`. Once only (a second is refused, the database says so too). Audited
    with no staff actor, and without the answers (they are the young person's words). ``on``:
    the day they answer (default today; the demo loads as of its own day)."""
    if not isinstance(young_person, YoungPerson) or not young_person.pk:
        raise PermissionDenied(_("Only a young person on the register can answer a survey."))
    if not any(
        survey.pk == getattr(consultation, "pk", None)
        for survey in selectors.portal_surveys(young_person, on)
    ):
        raise PermissionDenied(_(NOT_OPEN))
    if selectors.has_answered(young_person, consultation):
        raise ValidationError(_(ALREADY))
    errors: dict[str, Any] = {}
    given = [
        answer
        for question in consultation.questions.order_by("position", "id")
        if (answer := _answer(question, answers.get(question_key(question)), errors))
    ]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                consultation=consultation,
                young_person=young_person,
                submitted_at=timezone.now()
                if on is None
                else timezone.make_aware(datetime.datetime.combine(on, datetime.time(12))),
            )
    except IntegrityError:
        raise ValidationError(_(ALREADY)) from None
    for answer in given:
        answer.response = response
    Answer.objects.bulk_create(given)
    audit.record(
        actor=None,
        event=events.SURVEY_ANSWERED,
        obj=response,
        metadata={"consultation": consultation.pk, "answers": len(given)},
    )
    return response


@transaction.atomic
def answer_to_view(*, actor: Any, answer: Answer) -> View:
    """Make a free-text answer a view in the loop: from the young person who gave it, on the
    consultation's themes, of its organisation, given the day they answered. Once."""
    require(actor, "consultations.view_surveyresponse", answer.response)
    require(actor, "voice.add_view")
    answer = lock(answer)
    if answer.question.kind != Question.Kind.TEXT or not answer.text:
        raise ValidationError(_(NOT_TEXT))
    if answer.view_id is not None:
        raise ValidationError(_(ALREADY_A_VIEW))
    response = answer.response
    consultation = response.consultation
    view = view_record(
        actor=actor,
        text=answer.text,
        organisation=consultation.organisation,
        recorded_on=timezone.localdate(response.submitted_at),
        themes=list(consultation.themes.all()),
        young_people=[response.young_person],
    )
    answer.view = view
    answer.save(update_fields=["view"])
    audit.record(
        actor=actor,
        event=events.ANSWER_TO_VIEW,
        obj=consultation,
        changes={"view": [None, view.pk]},
        metadata={"answer": answer.pk, "question": answer.question_id},
    )
    return view
